// Browser timing page: time to first check after load, and check time per call
// (what a keystroke costs) on the larger seed, a 100-page report and a 4 MB one,
// and what the input readers cost on a paste or a drop.
import init, { Checker } from './pkg/reportcheck.js';

const out = document.getElementById('results');
const results = {};

function time(label, fn, minMs = 300) {
  fn(); // warm up
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < minMs || n < 5) { fn(); n++; }
  results[label] = +((performance.now() - t0) / n).toFixed(3);
}

async function main() {
  const t0 = performance.now();
  await init();
  const seed = await (await fetch('samples/2008_public_utilities_bureau.txt')).text();
  const checker = new Checker('auto');
  checker.check(seed);
  results['first check after load, ms (init + build checker + check)'] = +(performance.now() - t0).toFixed(1);
  time('build Checker("auto"), ms', () => new Checker('auto'));
  time('check 2008 seed (10.5 KB), ms', () => checker.check(seed));
  const complete = await (await fetch('samples/2022_department_complete.txt')).text();
  const filler = seed.split('\n').filter((l) => l.length > 80).join('\n\n');
  const grow = (bytes) => {
    const at = complete.indexOf('二、主动公开政府信息情况');
    let body = '';
    while (new TextEncoder().encode(body).length < bytes) body += filler + '\n\n';
    return complete.slice(0, at) + body + complete.slice(at);
  };
  const pages100 = grow(250_000);
  time('check 100-page report (~250 KB), ms', () => checker.check(pages100));
  const big = grow(4 << 20);
  time('check generated 4 MB report, ms', () => checker.check(big), 1000);
  // The input readers, loaded on a drafter's first HTML paste or .docx drop.
  const t1 = performance.now();
  const readers = await import('./pkg-inputs/reportcheck_inputs.js');
  await readers.default();
  results['load the HTML/.docx readers (first paste or drop), ms'] = +(performance.now() - t1).toFixed(1);
  const docx = new Uint8Array(await (await fetch('samples/2022_department_complete.docx')).arrayBuffer());
  time('read the complete 2022 report as .docx, ms', () => readers.docxToText(docx));
  const html = pages100.split('\n').map((l) => `<p class=MsoNormal><span lang=EN-US>${l}</span><o:p></o:p></p>`).join('\n');
  time('read a 100-page report as Word HTML, ms', () => readers.htmlToText(html));
  out.textContent = JSON.stringify(results, null, 2);
  window.benchResults = results;
  document.body.dataset.done = '1';
}
main().catch((e) => { out.textContent = String(e.stack || e); document.body.dataset.done = 'error'; });
