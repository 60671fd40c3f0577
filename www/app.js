// The drafter's page: the draft is checked as it is typed (debounced), findings
// are underlined in the text and listed by section, the checklist shows what is
// still missing, and the draft is kept in this browser's local storage.
// User text is only ever inserted with textContent / text nodes, never as HTML.
import init, { Checker, builtinSchemas } from './pkg/reportcheck.js';

const $ = (id) => document.getElementById(id);
const draft = $('draft'), backdrop = $('backdrop'), out = $('out'), summary = $('summary');
const checklistEl = $('checklist'), timing = $('timing');
const schemaSelect = $('schema'), langSelect = $('lang'), todayInput = $('today');
const DEBOUNCE_MS = 150;
// Far beyond any annual report (a 100-page one is ~90,000 characters); a bigger text is the wrong file.
const MAX_CHARS = 16_000_000;
const MAX_FILE_BYTES = 50 << 20;
const STORE = { draft: 'reportcheck.draft', lang: 'reportcheck.lang' };

const UI = {
  zh: {
    title: '政府信息公开工作年度报告检查', privacy: '草稿只在本浏览器中检查和保存，不会上传。', schema: '格式',
    auto: '自动（按报告年度）', uploadSchema: '上传格式文件', today: '今天', lang: '语言', open: '打开文件',
    exportJson: '导出 JSON', print: '打印问题清单', clear: '清空草稿', draft: '报告正文', results: '检查结果',
    checklist: '必备内容清单', placeholder: '在此粘贴、输入或拖入年度报告全文……',
    errors: '个错误', warnings: '个警告', infos: '个提示', ready: '没有错误，可以提交', notReady: '请先修改以下错误',
    empty: '没有发现问题。', related: '个相关单元格', whole: '全文', doc: '说明', usedSchema: '格式',
    confirmClear: '确定清空草稿吗？此操作不能撤销。', loadFailed: '检查器加载失败',
    tooLong: '草稿超过 1600 万字，年度报告不会这么长，未检查；请确认粘贴的内容。', tooBig: '文件超过 50 MB，年度报告不会这么大，请确认文件。',
    notSaved: '草稿太大，无法保存在本浏览器中；关闭页面前请另行保存。',
    reading: '正在读取文件……', loaded: (name) => `已载入“${name}”。`, unreadable: '无法读取该文件：', tracked: '文档含有修订，已按接受全部修订后的文本载入；提交前请在 Word 中接受或拒绝修订。',
    undoHint: '按 Ctrl+Z 可恢复原来的草稿。',
    badSchema: '格式文件无法使用：', state: { ok: '已具备', missing: '缺少', faulty: '有错误', unchecked: '未能检查' },
    kind: { section: '章节', topic: '内容', table: '表格' }, sev: { error: '错误', warning: '警告', info: '提示' },
  },
  en: {
    title: 'Annual OGI report checker', privacy: 'The draft is checked and kept in this browser only; it is never uploaded.',
    schema: 'Format', auto: 'Automatic (by report year)', uploadSchema: 'Upload a schema', today: 'Today', lang: 'Language',
    open: 'Open a file', exportJson: 'Export JSON', print: 'Print the findings', clear: 'Clear the draft', draft: 'Report text',
    results: 'Findings', checklist: 'Required contents', placeholder: 'Paste, type or drop the annual report here…',
    errors: 'errors', warnings: 'warnings', infos: 'notes', ready: 'No errors: ready to submit', notReady: 'Fix these errors first',
    empty: 'No findings.', related: 'related cells', whole: 'Whole text', doc: 'rule', usedSchema: 'schema',
    confirmClear: 'Clear the draft? This cannot be undone.', loadFailed: 'The checker failed to load',
    tooLong: 'The draft is over 16 million characters, far longer than any annual report, and was not checked: check what was pasted.',
    tooBig: 'the file is over 50 MB, far larger than any annual report: check that it is the right file.',
    notSaved: 'The draft is too large to keep in this browser: save it elsewhere before closing the page.',
    reading: 'Reading the file…', loaded: (name) => `Loaded “${name}”. `, unreadable: 'The file cannot be read: ', tracked: 'The document has tracked changes; it was loaded as if all were accepted. Accept or reject them in Word before submitting. ',
    undoHint: 'Ctrl+Z brings the previous draft back.',
    badSchema: 'The schema cannot be used: ', state: { ok: 'present', missing: 'missing', faulty: 'has errors', unchecked: 'not checked' },
    kind: { section: 'section', topic: 'topic', table: 'table' }, sev: { error: 'error', warning: 'warning', info: 'note' },
  },
};

let checker;
let lastResult = null;
let timer;
let notice = '';
let noticeKind = 'error'; // 'error' (something failed) or 'info'

const t = () => UI[langSelect.value] || UI.zh;

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function localDate() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function applyLanguage() {
  const tr = t();
  document.documentElement.lang = langSelect.value === 'en' ? 'en' : 'zh-CN';
  for (const e of document.querySelectorAll('[data-i18n]')) {
    const span = e.querySelector(':scope > span');
    (span || e).textContent = tr[e.dataset.i18n] ?? (span || e).textContent;
  }
  for (const e of document.querySelectorAll('[data-i18n-placeholder]')) e.placeholder = tr[e.dataset.i18nPlaceholder];
}

// The backdrop mirrors the text with the findings' spans marked; the textarea above it is transparent.
function paintMarks(text, diagnostics) {
  const spans = diagnostics.filter((d) => d.end > d.start).sort((a, b) => a.start - b.start);
  const parts = [];
  let at = 0;
  for (const d of spans) {
    if (d.start < at) continue; // overlapping findings: the first one is marked
    if (d.start > at) parts.push(document.createTextNode(text.slice(at, d.start)));
    const m = el('mark', d.severity, text.slice(d.start, d.end));
    parts.push(m);
    at = d.end;
  }
  parts.push(document.createTextNode(text.slice(at) + '\n'));
  backdrop.replaceChildren(...parts);
  backdrop.scrollTop = draft.scrollTop;
}

function findingButton(d, tr) {
  const btn = el('button', 'goto');
  btn.type = 'button';
  btn.dataset.start = String(d.start);
  btn.dataset.end = String(d.end);
  btn.dataset.rule = d.rule;
  btn.append(
    el('span', `sev ${d.severity}`, tr.sev[d.severity]),
    el('span', 'pos', langSelect.value === 'en' ? `line ${d.line}, col ${d.column}` : `第${d.line}行第${d.column}列`),
    el('code', 'rule', d.rule),
    el('span', 'msg', d.message),
  );
  btn.addEventListener('click', () => select(d.start, d.end));
  return btn;
}

function render(result) {
  const tr = t();
  const s = result.summary;
  const notes = notice ? [el('p', `notice ${noticeKind}`, notice)] : [];
  summary.replaceChildren(
    ...notes,
    el('strong', s.ready ? 'ready' : 'not-ready', s.ready ? tr.ready : tr.notReady),
    el('div', 'counts', `${s.errors} ${tr.errors} · ${s.warnings} ${tr.warnings} · ${s.infos} ${tr.infos}`),
    el('div', 'muted', `${tr.usedSchema} ${s.schema.id}（${s.schema.reason}）`),
  );
  summary.dataset.errors = String(s.errors);
  summary.dataset.ready = String(s.ready);

  checklistEl.replaceChildren(...result.checklist.map((c) => {
    const li = el('li', `check ${c.state}`);
    li.dataset.state = c.state;
    li.append(el('span', 'mark', c.state === 'ok' ? '✓' : '✗'), el('span', 'kind', tr.kind[c.kind]), el('span', '', c.title),
      el('span', 'state', tr.state[c.state]));
    return li;
  }));

  // Findings grouped by the section they fall in, in text order.
  const groups = new Map();
  for (const d of result.diagnostics) {
    const sec = result.sections.find((x) => x.start <= d.start && d.start < x.end);
    const key = sec ? sec.title : tr.whole;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(d);
  }
  const blocks = [];
  if (result.diagnostics.length === 0) blocks.push(el('p', 'muted', tr.empty));
  for (const [title, list] of groups) {
    const section = el('section', 'group');
    section.append(el('h3', '', `${title}（${list.length}）`));
    const ol = el('ol', 'findings');
    for (const d of list) {
      const li = el('li', `diag ${d.severity}`);
      li.append(findingButton(d, tr));
      const link = el('a', 'doc', `${tr.doc} ${d.rule}`);
      link.href = `rules/${d.rule}.md`;
      link.target = '_blank';
      link.rel = 'noopener';
      li.append(link);
      if (d.related && d.related.length) {
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
        details.append(el('summary', '', `${d.related.length} ${tr.related}`), rel);
        li.append(details);
      }
      ol.append(li);
    }
    section.append(ol);
    blocks.push(section);
  }
  out.replaceChildren(...blocks);
}

function select(start, end) {
  draft.focus();
  draft.setSelectionRange(start, end);
  // Blur/focus makes Chromium scroll the selection into view.
  draft.blur();
  draft.focus();
}

let lastMs = 0;

function run() {
  if (draft.value.length > MAX_CHARS) {
    summary.replaceChildren(el('p', 'notice error', t().tooLong));
    lastResult = null;
    out.replaceChildren();
    backdrop.replaceChildren();
    return;
  }
  const t0 = performance.now();
  const result = checker.check(draft.value, { lang: langSelect.value, today: todayInput.value || undefined });
  const ms = performance.now() - t0;
  lastMs = ms;
  lastResult = result;
  render(result);
  paintMarks(draft.value, result.diagnostics);
  timing.textContent = `${ms.toFixed(1)} ms`;
  document.body.dataset.checks = String(Number(document.body.dataset.checks || 0) + 1);
}

function saveDraft() {
  try {
    localStorage.setItem(STORE.draft, draft.value);
    if (notice === t().notSaved) notice = '';
  } catch {
    // Over the browser's storage quota: say so rather than lose the draft silently on a closed tab.
    notice = t().notSaved;
    noticeKind = 'error';
  }
}

function useSchema(schema) {
  try {
    checker = new Checker(schema);
    notice = '';
  } catch (e) {
    notice = t().badSchema + (e.message || e);
    noticeKind = 'error';
  }
  run();
}

async function readTextFile(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes); // drafts saved by Chinese office software
  }
}

// The HTML and .docx readers are a second wasm module, fetched the first time a drafter pastes
// HTML or opens a .docx / .html file: most never do, and the checker module stays small.
let readers;
function loadReaders() {
  readers ??= import('./pkg-inputs/reportcheck_inputs.js').then(async (m) => { await m.default(); return m; })
    .catch((e) => { readers = undefined; throw e; });
  return readers;
}

// Replace the selection (or, with `all`, the whole draft) by `text` as one edit the drafter can undo.
function insertText(text, all) {
  draft.focus();
  if (all) draft.select();
  if (!document.execCommand('insertText', false, text)) {
    draft.setRangeText(text, draft.selectionStart, draft.selectionEnd, 'end');
    draft.dispatchEvent(new Event('input'));
  }
}

// Paste keeps the tables: the clipboard's text/html flavour (Word, WPS, a portal editor) is read
// as the CLI reads HTML, cells separated by tabs; the browser's plain text would lose them.
async function pasteHtml(html, plain) {
  let text = '';
  try {
    text = (await loadReaders()).htmlToText(html, langSelect.value);
  } catch (e) {
    notice = t().unreadable + (e.message || e);
    noticeKind = 'error';
  }
  insertText(text.trim() ? text : plain, false);
}

async function openFile(file) {
  if (!file) return;
  const before = draft.value;
  if (file.size > MAX_FILE_BYTES) {
    notice = t().unreadable + t().tooBig;
    noticeKind = 'error';
    run();
    return;
  }
  notice = t().reading;
  noticeKind = 'info';
  run();
  try {
    let text, tracked = false;
    if (/\.docx?$/i.test(file.name)) {
      const r = (await loadReaders()).docxToText(new Uint8Array(await file.arrayBuffer()), langSelect.value);
      text = r.text;
      tracked = r.trackedChanges;
    } else if (/\.html?$/i.test(file.name)) {
      text = (await loadReaders()).htmlToText(await readTextFile(file), langSelect.value);
    } else {
      text = await readTextFile(file);
    }
    notice = t().loaded(file.name) + (tracked ? t().tracked : '') + (before.trim() ? t().undoHint : '');
    insertText(text, true);
  } catch (e) {
    notice = t().unreadable + (e.message || e);
    noticeKind = 'error';
  }
  run();
}

function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function main() {
  await init();
  for (const s of builtinSchemas()) {
    const o = el('option', '', `${s.id} — ${s.title}`);
    o.value = s.id;
    schemaSelect.append(o);
  }
  langSelect.value = localStorage.getItem(STORE.lang) || 'zh';
  todayInput.value = localDate();
  draft.value = localStorage.getItem(STORE.draft) || '';
  applyLanguage();
  checker = new Checker('auto');

  draft.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      saveDraft();
      run();
      // A long report checks in more than a frame: wait for a pause in typing proportionate to it.
    }, Math.max(DEBOUNCE_MS, 3 * lastMs));
  });
  draft.addEventListener('scroll', () => { backdrop.scrollTop = draft.scrollTop; });
  schemaSelect.addEventListener('change', () => useSchema(schemaSelect.value));
  $('schema-file').addEventListener('change', async (e) => {
    const f = e.target.files[0];
    if (f) useSchema(await f.text());
  });
  langSelect.addEventListener('change', () => {
    localStorage.setItem(STORE.lang, langSelect.value);
    applyLanguage();
    run();
  });
  todayInput.addEventListener('change', run);
  $('open-file').addEventListener('change', (e) => openFile(e.target.files[0]));
  draft.addEventListener('paste', (e) => {
    const html = e.clipboardData?.getData('text/html');
    if (!html) return; // plain text: the browser pastes it
    e.preventDefault();
    pasteHtml(html, e.clipboardData.getData('text/plain'));
  });
  draft.addEventListener('dragover', (e) => e.preventDefault());
  draft.addEventListener('drop', (e) => {
    if (e.dataTransfer.files.length) {
      e.preventDefault();
      openFile(e.dataTransfer.files[0]);
    }
  });
  $('export-json').addEventListener('click', () => download('reportcheck-findings.json', JSON.stringify(lastResult, null, 2), 'application/json'));
  $('print').addEventListener('click', () => window.print());
  $('clear').addEventListener('click', () => {
    if (!window.confirm(t().confirmClear)) return;
    draft.value = '';
    localStorage.removeItem(STORE.draft);
    run();
  });
  run();
  // For tests and for the console.
  window.reportcheck = { Checker, checker: () => checker, check: (text, options) => checker.check(text, options), last: () => lastResult };
  document.body.dataset.ready = '1';
}

main().catch((e) => {
  summary.replaceChildren(el('strong', 'not-ready', `${t().loadFailed}: ${e.message || e}`));
  document.body.dataset.ready = 'error';
  throw e;
});
