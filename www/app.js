// The first page: loads the wasm checker, checks the draft as it is typed
// (debounced), lists the findings; clicking one selects its span.
// User text is only ever inserted with textContent, never as HTML.
import init, { Checker, builtinSchemas } from './pkg/reportcheck.js';

const $ = (id) => document.getElementById(id);
const draft = $('draft'), out = $('out'), summary = $('summary'), timing = $('timing');
const schemaSelect = $('schema'), langSelect = $('lang');
const DEBOUNCE_MS = 150;

const UI = {
  zh: { errors: '错误', warnings: '警告', infos: '提示', ready: '没有错误，可以提交', notReady: '请先修改错误', line: '行', col: '列', schema: '格式', empty: '没有发现问题。', related: '个相关单元格' },
  en: { errors: 'errors', warnings: 'warnings', infos: 'notes', ready: 'No errors: ready to submit', notReady: 'Fix the errors first', line: 'line', col: 'col', schema: 'schema', empty: 'No findings.', related: 'related cells' },
};

let checker;
let timer;

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function render(result, lang) {
  const t = UI[lang];
  const s = result.summary;
  summary.replaceChildren(
    el('strong', s.ready ? 'ready' : 'not-ready', s.ready ? t.ready : t.notReady),
    el('span', 'counts', ` ${s.errors} ${t.errors} · ${s.warnings} ${t.warnings} · ${s.infos} ${t.infos}`),
    el('div', 'muted', `${t.schema} ${s.schema.id}（${s.schema.reason}）`),
  );
  summary.dataset.errors = String(s.errors);
  out.replaceChildren();
  if (result.diagnostics.length === 0) out.append(el('li', 'muted', t.empty));
  for (const d of result.diagnostics) {
    const li = el('li', `diag ${d.severity}`);
    const btn = el('button', 'goto');
    btn.type = 'button';
    btn.dataset.start = String(d.start);
    btn.dataset.end = String(d.end);
    btn.dataset.rule = d.rule;
    btn.append(
      el('span', `sev ${d.severity}`, d.severity),
      el('span', 'pos', `${d.line}${t.line}:${d.column}${t.col}`),
      el('code', 'rule', d.rule),
      el('span', 'msg', d.message),
    );
    btn.addEventListener('click', () => select(d.start, d.end));
    li.append(btn);
    if (d.related && d.related.length) {
      // The other cells of a table identity: each selectable like the finding itself.
      const rel = el('ul', 'related');
      for (const r of d.related) {
        const b = el('button', 'goto-related', r.message);
        b.type = 'button';
        b.addEventListener('click', () => select(r.start, r.end));
        const item = el('li');
        item.append(b);
        rel.append(item);
      }
      const details = el('details', 'related-box');
      details.append(el('summary', '', `${d.related.length} ${t.related}`), rel);
      li.append(details);
    }
    out.append(li);
  }
}

function select(start, end) {
  draft.focus();
  draft.setSelectionRange(start, end);
  // Scroll the selection into view: blur/focus makes Chromium scroll to the caret.
  draft.blur();
  draft.focus();
}

function run() {
  const lang = langSelect.value;
  const t0 = performance.now();
  const result = checker.check(draft.value, { lang });
  const ms = performance.now() - t0;
  render(result, lang);
  timing.textContent = `${ms.toFixed(1)} ms`;
  document.body.dataset.checks = String(Number(document.body.dataset.checks || 0) + 1);
}

function setSchema() {
  try {
    checker = new Checker(schemaSelect.value);
    run();
  } catch (e) {
    summary.replaceChildren(el('strong', 'not-ready', String(e.message || e)));
  }
}

async function main() {
  await init();
  for (const s of builtinSchemas()) {
    const o = el('option', '', `${s.id} — ${s.title}`);
    o.value = s.id;
    schemaSelect.append(o);
  }
  checker = new Checker('auto');
  draft.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  });
  schemaSelect.addEventListener('change', setSchema);
  langSelect.addEventListener('change', run);
  run();
  // For tests and for the console.
  window.reportcheck = { Checker, checker: () => checker, check: (text, options) => checker.check(text, options) };
  document.body.dataset.ready = '1';
}

main().catch((e) => {
  summary.replaceChildren(el('strong', 'not-ready', `检查器加载失败 / the checker failed to load: ${e.message || e}`));
  document.body.dataset.ready = 'error';
  throw e;
});
