// Browser timing page (a benchmark: numbers only, nothing asserted). `bash .ci/bench` opens it in
// headless Chromium and prints its numbers; the e2e test loads it to see that it runs.
//   bench.html?cold=1  only the cold start: instantiate the wasm from bytes already in memory,
//                      build Checker('auto') and check the 16.7 KB report once (the bench opens
//                      this in several fresh pages and takes the median).
//   bench.html         the cold start, then p50 per check for the 10.5 KB, 16.7 KB, 250 KB and
//                      4 MB texts with a checker built once, and what the input readers cost.
import init, { Checker } from './pkg/reportcheck.js';

const out = document.getElementById('results');
const results = {};
const TODAY = { today: '2026-11-28' };

// Median of per-call times. Chromium rounds performance.now() to 0.1 ms here, so calls are timed
// in batches of at least ~3 ms and each batch's mean is one sample.
function p50(label, fn, minMs = 400) {
  fn(); fn(); // warm up: the DFA caches and V8's tiers
  let batch = 1;
  for (;;) {
    const t = performance.now();
    for (let i = 0; i < batch; i++) fn();
    if (performance.now() - t >= 3 || batch >= 1024) break;
    batch *= 2;
  }
  const samples = [];
  const t0 = performance.now();
  while (samples.length < 11 || (performance.now() - t0 < minMs && samples.length < 200)) {
    const t = performance.now();
    for (let i = 0; i < batch; i++) fn();
    samples.push((performance.now() - t) / batch);
  }
  samples.sort((a, b) => a - b);
  results[label] = +samples[samples.length >> 1].toFixed(3);
}

async function text(name) {
  return (await fetch(`samples/${name}`)).text();
}

async function coldStart() {
  // Everything fetched first: the cold start begins with the wasm bytes in memory.
  const bytes = await (await fetch('pkg/reportcheck_bg.wasm')).arrayBuffer();
  const report = await text('2019_provincial_office.txt');
  const t0 = performance.now();
  await init({ module_or_path: bytes });
  const t1 = performance.now();
  const checker = new Checker('auto');
  const t2 = performance.now();
  const result = checker.check(report, TODAY);
  const t3 = performance.now();
  results['cold start, ms (instantiate + build checker + first check of 16.7 KB)'] = +(t3 - t0).toFixed(1);
  results['cold: instantiate, ms'] = +(t1 - t0).toFixed(1);
  results['cold: build Checker("auto"), ms'] = +(t2 - t1).toFixed(1);
  results['cold: first check, ms'] = +(t3 - t2).toFixed(1);
  results['findings in the 16.7 KB report'] = result.diagnostics.length;
  return { checker, report };
}

async function main() {
  const { checker, report } = await coldStart();
  if (new URLSearchParams(location.search).has('cold')) return;
  p50('build Checker("auto"), ms', () => new Checker('auto'));
  const seed = await text('2008_public_utilities_bureau.txt');
  p50('check 2008 seed (10.5 KB), ms', () => checker.check(seed, TODAY));
  p50('check 2019 provincial report (16.7 KB, 90 findings), ms', () => checker.check(report, TODAY));
  const complete = await text('2022_department_complete.txt');
  const filler = seed.split('\n').filter((l) => l.length > 80).join('\n\n');
  const grow = (bytes) => {
    const at = complete.indexOf('二、主动公开政府信息情况');
    const unit = filler + '\n\n';
    const n = Math.ceil(bytes / new TextEncoder().encode(unit).length);
    return complete.slice(0, at) + unit.repeat(n) + complete.slice(at);
  };
  const pages100 = grow(250_000);
  p50('check 100-page report (~250 KB), ms', () => checker.check(pages100, TODAY));
  const big = grow(4 << 20);
  p50('check generated 4 MB report, ms', () => checker.check(big, TODAY), 1500);
  // The input readers, loaded on a drafter's first HTML paste or .docx drop.
  const t1 = performance.now();
  const readers = await import('./pkg-inputs/reportcheck_inputs.js');
  await readers.default();
  results['load the HTML/.docx readers (first paste or drop), ms'] = +(performance.now() - t1).toFixed(1);
  const docx = new Uint8Array(await (await fetch('samples/2022_department_complete.docx')).arrayBuffer());
  p50('read the complete 2022 report as .docx, ms', () => readers.docxToText(docx));
  const html = pages100.split('\n').map((l) => `<p class=MsoNormal><span lang=EN-US>${l}</span><o:p></o:p></p>`).join('\n');
  p50('read a 100-page report as Word HTML, ms', () => readers.htmlToText(html));
}

main().then(
  () => {
    out.textContent = JSON.stringify(results, null, 2);
    window.benchResults = results;
    document.body.dataset.done = '1';
  },
  (e) => { out.textContent = String(e.stack || e); document.body.dataset.done = 'error'; },
);
