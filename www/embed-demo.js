// The portal's own code in the embedding example: it only listens. The browser
// refuses to submit while <report-check> is invalid; a valid submit lands here.
const form = document.getElementById('submit-form');
form.addEventListener('submit', (e) => {
  e.preventDefault();
  document.getElementById('submitted').hidden = false;
  document.body.dataset.submitted = '1';
});
document.addEventListener('reportcheck:result', (e) => {
  document.body.dataset.errors = String(e.detail.summary.errors);
});
