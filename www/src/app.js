// The drafter's page. Source of www/app.js (bundled with CodeMirror by www/build.mjs).
//
// The draft is a CodeMirror 6 editor; the check runs in a Web Worker (worker.js), so typing never
// waits for it; findings are lint marks (underlines sit on their text by construction, zero-width
// findings are points and gutter marks); the findings list is grouped by section and by repeated
// rule; the draft is saved on every change and on pagehide. User text is only ever inserted with
// textContent / text nodes, never as HTML.
import { EditorView, keymap, lineNumbers, highlightActiveLine, placeholder } from '@codemirror/view';
import { EditorState, ChangeSet } from '@codemirror/state';
import { setDiagnostics, lintGutter, lintKeymap } from '@codemirror/lint';
import { history, historyKeymap, standardKeymap, insertNewline, isolateHistory } from '@codemirror/commands';
import { toCodeMirrorDiagnostics, safeFixes } from '../adapters/codemirror.js';

const $ = (id) => document.getElementById(id);
const out = $('out'), statusEl = $('status'), detailEl = $('summary-detail'), summaryBox = $('summary');
const checklistEl = $('checklist'), checklistBox = $('checklist-box'), noticeEl = $('notice');
const schemaSelect = $('schema'), langSelect = $('lang'), todayInput = $('today');
// A 100-page annual report is about 90,000 characters; 2 million is far beyond any, and a bigger text
// is the wrong file (refused before it reaches the editor).
export const MAX_CHARS = 2_000_000;
const MAX_FILE_BYTES = 50 << 20;
const STORE = { draft: 'reportcheck.draft', lang: 'reportcheck.lang', dismissed: 'reportcheck.dismissed', previous: 'reportcheck.previous' };
const SAMPLE = 'samples/2010_hunchun_urban_management.txt';
const GROUP_AT = 5; // a rule found this often in one section is one expandable entry
const MAX_ENTRIES = 300; // entries in the list before 显示其余

const UI = {
  zh: {
    title: '政府信息公开工作年度报告检查', privacy: '草稿只在本浏览器中检查和保存，不会上传。', schema: '格式',
    auto: '自动（按报告年度）', uploadSchema: '上传格式文件', today: '今天', lang: '语言', open: '打开文件', example: '示例',
    exportJson: '导出 JSON', print: '打印问题清单', clear: '清空草稿', draft: '报告正文', results: '检查结果',
    checklist: '必备内容清单', placeholder: '在此粘贴、输入或拖入年度报告全文……', loadingEditor: '正在加载编辑器……',
    loading: '正在加载检查器……（可以先粘贴或输入，加载完成后自动检查）', checking: '正在检查……',
    idle: '还没有内容。请粘贴、输入或打开年度报告全文；也可以点“示例”看看检查结果。',
    counts: (e, w, i) => `${e} 个错误 · ${w} 个警告 · ${i} 个提示`,
    ready: '没有错误，可以提交', notReady: '请先修改以下错误', dismissedCount: (n) => `（另有 ${n} 个警告已忽略）`,
    empty: '没有发现问题。', related: (n) => `${n} 个相关单元格`, whole: '全文', doc: '说明', usedSchema: '格式',
    timing: (ms) => `检查用时 ${ms} 毫秒`, pos: (l, c) => `第${l}行第${c}列`, times: (n) => `${n} 处`,
    confirmClear: '确定清空草稿吗？此操作不能撤销。', loadFailed: '检查器加载失败，无法检查。请刷新页面重试；如仍失败，请联系网站管理员。原因：',
    tooLong: (n) => `内容有 ${n} 字，超过 200 万字的上限（年度报告通常不超过 10 万字），没有放入草稿；请确认是不是选错了文件或复制了多余的内容。`,
    tooBig: '文件超过 50 MB，年度报告不会这么大；请确认是不是选错了文件。',
    notSaved: '草稿太大，无法保存在本浏览器中；关闭页面前请另行保存。',
    reading: '正在读取文件……', loaded: (name) => `已载入“${name}”。`, unreadable: (name) => `无法读取“${name}”：`,
    tracked: '文档含有修订，已按接受全部修订后的文本载入；提交前请在 Word 中接受或拒绝修订。',
    undoHint: '按 Ctrl+Z 可恢复原来的草稿。',
    pdf: '这是 PDF 文件，无法检查。请打开报告的 Word（.docx）或文本（.txt）原稿；没有原稿时，可在 PDF 阅读器中全选、复制正文，再粘贴到这里。',
    docFile: '这是旧版 Word（.doc）文件。请在 Word 或 WPS 中“另存为”.docx 后再打开，或复制全文粘贴到这里。',
    notText: '这不是文本或 Word 文件（可能是图片、表格或压缩包），无法检查。请打开报告的 .docx、.txt 或 .html 文件，或复制全文粘贴到这里。',
    emptyFile: '文件是空的，草稿没有改动。请确认选择的是报告全文。',
    badSchema: '格式文件无法使用，仍按原来的格式检查：', customSchema: (id) => `自定义：${id}`,
    otherTab: '本草稿已在另一个标签页中打开。两处同时修改会互相覆盖，请只在一个标签页中编辑。',
    otherTabSaved: '另一个标签页刚刚修改并保存了草稿；此处的内容没有变。请只在一个标签页中编辑。',
    state: { ok: '已具备', missing: '缺少', faulty: '有错误', unchecked: '未能检查' },
    kind: { section: '章节', topic: '内容', table: '表格' }, sev: { error: '错误', warning: '警告', info: '提示' },
    dismiss: '忽略，并说明理由', reason: '忽略理由', reasonHint: '说明为什么这条警告不需要修改', confirm: '确定', cancel: '取消',
    showAll: (n) => `显示其余 ${n} 个问题`, reasonNeeded: '请填写理由。', dismissedTitle: (n) => `已忽略的警告（${n}）`, restore: '恢复',
    printTitle: '年度报告检查结果', printAgency: '单位', printDate: '检查日期', printReport: '报告',
    fixable: '可修复', fix: (title) => `修复：${title}`, fixAll: (n) => `全部修复（${n} 处）`,
    fixAllHint: '只应用有把握的修复（删除网页残留、更正年份、标题措辞、日期写法）；表格数字请逐条核对后修复。',
    fixed: (title) => `已修复：${title}。按 Ctrl+Z 可撤销。`, fixedAll: (n) => `已修复 ${n} 处。按 Ctrl+Z 可一次撤销全部。`,
    fixStale: '这处文字在检查后又改动过，没有修复；请等检查结果更新后再试。',
    previous: '上年报告（可选）', previousHint: '选择、拖入或粘贴上年的年度报告（.docx、.html、.txt），对照检查结转数、现行有效件数和与上年雷同的内容。',
    previousSet: (name, n) => `上年报告：${name}（${n} 字）`, clearPrevious: '清除上年报告', previousCleared: '已清除上年报告。',
    previousLoaded: (name) => `已载入上年报告“${name}”，检查时将与之对照。`, previousUnreadable: (name) => `无法读取上年报告“${name}”：`,
    previousPasted: '粘贴的文本', previousLine: (n) => `上年报告第${n}行`, previousUsed: (name) => `对照上年报告“${name}”`,
    previousNotSaved: '上年报告太大，无法保存在本浏览器中；本次仍按它检查，刷新页面后需要重新选择。',
    previousTracked: '文档含有修订，已按接受全部修订后的文本读取。',
    previousPdf: '这是 PDF 文件，无法读取。请选择上年报告的 Word（.docx）、网页（.html）或文本（.txt）文件；只有 PDF 时，可在 PDF 阅读器中全选、复制正文，点一下“上年报告”框再粘贴。',
    previousDoc: '这是旧版 Word（.doc）文件。请在 Word 或 WPS 中“另存为”.docx 后再选择，或复制全文，点一下“上年报告”框再粘贴。',
    previousNotText: '这不是文本或 Word 文件（可能是图片、表格或压缩包），无法读取。请选择上年报告的 .docx、.txt 或 .html 文件。',
    previousEmpty: '内容是空的，上年报告没有改动。请确认选择的是上年报告全文。',
  },
  en: {
    title: 'Annual OGI report checker', privacy: 'The draft is checked and kept in this browser only; it is never uploaded.',
    schema: 'Format', auto: 'Automatic (by report year)', uploadSchema: 'Upload a schema', today: 'Today', lang: 'Language',
    open: 'Open a file', example: 'Example', exportJson: 'Export JSON', print: 'Print the findings', clear: 'Clear the draft',
    draft: 'Report text', results: 'Findings', checklist: 'Required contents', placeholder: 'Paste, type or drop the annual report here…',
    loadingEditor: 'Loading the editor…', loading: 'Loading the checker… (you can paste or type meanwhile; it checks when loaded)',
    checking: 'Checking…', idle: 'Nothing yet. Paste, type or open the annual report, or press “Example” to see what a check looks like.',
    counts: (e, w, i) => `${plural(e, 'error', 'errors')} · ${plural(w, 'warning', 'warnings')} · ${plural(i, 'note', 'notes')}`,
    ready: 'No errors: ready to submit', notReady: 'Fix these errors first', dismissedCount: (n) => ` (${plural(n, 'warning', 'warnings')} dismissed)`,
    empty: 'No findings.', related: (n) => plural(n, 'related cell', 'related cells'), whole: 'Whole text', doc: 'about this rule', usedSchema: 'schema',
    timing: (ms) => `checked in ${ms} ms`, pos: (l, c) => `line ${l}, col ${c}`, times: (n) => plural(n, 'place', 'places'),
    confirmClear: 'Clear the draft? This cannot be undone.', loadFailed: 'The checker failed to load, so nothing can be checked. Reload the page; if it fails again, tell the site administrator. Reason: ',
    tooLong: (n) => `The text has ${n} characters, over the limit of 2 million (an annual report rarely has 100,000), and was not put in the draft: check that it is the right file or selection.`,
    tooBig: 'the file is over 50 MB, far larger than any annual report: check that it is the right file.',
    notSaved: 'The draft is too large to keep in this browser: save it elsewhere before closing the page.',
    reading: 'Reading the file…', loaded: (name) => `Loaded “${name}”. `, unreadable: (name) => `“${name}” cannot be read: `,
    tracked: 'The document has tracked changes; it was loaded as if all were accepted. Accept or reject them in Word before submitting. ',
    undoHint: 'Ctrl+Z brings the previous draft back.',
    pdf: 'This is a PDF, which cannot be checked. Open the report’s Word (.docx) or text (.txt) original; without one, select all the text in a PDF reader, copy it and paste it here.',
    docFile: 'This is an old Word (.doc) file. Save it as .docx in Word or WPS and open that, or paste the text here.',
    notText: 'This is not a text or Word file (an image, spreadsheet or archive?) and cannot be checked. Open the report’s .docx, .txt or .html file, or paste its text here.',
    emptyFile: 'The file is empty; the draft is unchanged. Check that you chose the whole report.',
    badSchema: 'The schema cannot be used; checking goes on with the previous one: ', customSchema: (id) => `Custom: ${id}`,
    otherTab: 'This draft is open in another tab. Editing in both overwrites one with the other: edit in one tab only.',
    otherTabSaved: 'Another tab has just changed and saved the draft; the text here is unchanged. Edit in one tab only.',
    state: { ok: 'present', missing: 'missing', faulty: 'has errors', unchecked: 'not checked' },
    kind: { section: 'section', topic: 'topic', table: 'table' }, sev: { error: 'error', warning: 'warning', info: 'note' },
    dismiss: 'Dismiss, with a reason', reason: 'Reason', reasonHint: 'Why this warning needs no change', confirm: 'OK', cancel: 'Cancel',
    showAll: (n) => `Show ${plural(n, 'more finding', 'more findings')}`, reasonNeeded: 'Give a reason.', dismissedTitle: (n) => `Dismissed warnings (${n})`, restore: 'Restore',
    printTitle: 'Annual report check', printAgency: 'Agency', printDate: 'Checked on', printReport: 'Report',
    fixable: 'fixable', fix: (title) => `Fix: ${title}`, fixAll: (n) => `Fix all (${n})`,
    fixAllHint: 'Applies only the sure fixes (web debris, years, heading wording, date forms); fix table numbers one by one after checking them.',
    fixed: (title) => `Fixed: ${title}. Ctrl+Z undoes it.`, fixedAll: (n) => `${plural(n, 'fix', 'fixes')} applied. Ctrl+Z undoes them all at once.`,
    fixStale: 'This text has changed since the check, so nothing was fixed; try again once the findings are updated.',
    previous: 'Last year\'s report (optional)', previousHint: 'Choose, drop or paste last year\'s annual report (.docx, .html, .txt) to compare carried-over numbers, documents in force and copied text.',
    previousSet: (name, n) => `Last year: ${name} (${n} characters)`, clearPrevious: 'Remove last year\'s report', previousCleared: 'Last year\'s report removed.',
    previousLoaded: (name) => `Loaded last year's report “${name}”; checks compare with it. `, previousUnreadable: (name) => `Last year's report “${name}” cannot be read: `,
    previousPasted: 'pasted text', previousLine: (n) => `last year's report, line ${n}`, previousUsed: (name) => `compared with “${name}”`,
    previousNotSaved: 'Last year\'s report is too large to keep in this browser: it is used now, but must be chosen again after a reload.',
    previousTracked: 'The document has tracked changes; it was read as if all were accepted.',
    previousPdf: 'This is a PDF, which cannot be read. Choose last year\'s report as .docx, .html or .txt; with only a PDF, select all its text in a PDF reader, copy it, click the “last year\'s report” box and paste.',
    previousDoc: 'This is an old Word (.doc) file. Save it as .docx in Word or WPS and choose that, or copy its text, click the “last year\'s report” box and paste.',
    previousNotText: 'This is not a text or Word file (an image, spreadsheet or archive?). Choose last year\'s report as .docx, .txt or .html.',
    previousEmpty: 'It is empty; last year\'s report is unchanged. Check that you chose the whole report.',
  },
};
const ICON = { error: '✖', warning: '▲', info: 'ℹ' };
// Punctuation by language: full-width in Chinese, ASCII in English.
const colon = () => (langSelect.value === 'en' ? ': ' : '：');
const paren = (x) => (langSelect.value === 'en' ? ` (${x})` : `（${x}）`);

function plural(n, one, many) { return `${n} ${n === 1 ? one : many}`; }
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

// ---------------------------------------------------------------- state
let view;                 // the editor
let worker;               // the checker
let workerReady = false;
let loadError = null;
let lastResult = null;    // the last result applied (positions in the text as it was then, mapped since)
let lastMs = 0;
let inFlight = null;      // {id, changes: ChangeSet since sent}
let pending = false;      // a change arrived while a check was in flight
let checkSeq = 0;
let ruleTitles = {};      // id -> {zh, en}
let notice = null;        // {text, kind, sticky}
let lastCountsText = '';
let activeKey = null;     // the finding whose actions are shown
let dismissed = loadDismissed(); // key -> {rule, message, reason, at}
let customSchemaId = null;
let showAll = false;
let sinceResult = null;   // edits made since lastResult was applied: a fix's positions are mapped through them
let previous = loadPrevious(); // last year's report {name, text}, or null
const stats = { sent: 0, applied: 0, appliedAt: 0, sentAt: 0, docVersion: 0, resultVersion: 0 };

function loadDismissed() {
  try { return JSON.parse(localStorage.getItem(STORE.dismissed) || '{}') || {}; } catch { return {}; }
}
function saveDismissed() {
  try { localStorage.setItem(STORE.dismissed, JSON.stringify(dismissed)); } catch { /* quota: kept in memory */ }
}
const keyOf = (d) => `${d.rule}\u0000${d.message}`;
function loadPrevious() {
  try {
    const p = JSON.parse(localStorage.getItem(STORE.previous) || 'null');
    return p && typeof p.text === 'string' ? { name: String(p.name || ''), text: p.text } : null;
  } catch { return null; }
}

function setNotice(text, kind = 'error', sticky = false) {
  notice = text ? { text, kind, sticky } : null;
  noticeEl.hidden = !notice;
  noticeEl.className = `notice-bar ${kind}`;
  noticeEl.textContent = text || '';
  if (notice) noticeEl.setAttribute('role', kind === 'error' ? 'alert' : 'status'); else noticeEl.removeAttribute('role');
}

function applyLanguage() {
  const tr = t();
  document.documentElement.lang = langSelect.value === 'en' ? 'en' : 'zh-CN';
  for (const e of document.querySelectorAll('[data-i18n]')) {
    const span = e.querySelector(':scope > span');
    const v = tr[e.dataset.i18n];
    if (typeof v === 'string') (span || e).textContent = v;
  }
  if (customSchemaId) schemaSelect.querySelector('option[value="custom"]').textContent = tr.customSchema(customSchemaId);
  renderPrevious();
}

// ---------------------------------------------------------------- draft storage
let saveTimer = 0;
function saveDraft() {
  clearTimeout(saveTimer);
  saveTimer = 0;
  if (!view) return;
  try {
    localStorage.setItem(STORE.draft, view.state.doc.toString());
    if (notice && notice.text === t().notSaved) setNotice(null);
  } catch {
    // Over the browser's storage quota: say so rather than lose the draft silently on a closed tab.
    setNotice(t().notSaved, 'error', true);
  }
  channel?.postMessage({ type: 'saved', from: tabId });
}
// Every change is saved: at once for a report-sized draft, within a moment for a huge one (and
// always on pagehide / hidden).
function scheduleSave() {
  if (view.state.doc.length < 300_000) saveDraft();
  else if (!saveTimer) saveTimer = setTimeout(saveDraft, 500);
}

// A second tab on the same draft is told so (both tabs), rather than overwriting silently.
const tabId = Math.random().toString(36).slice(2);
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('reportcheck') : null;
if (channel) {
  channel.onmessage = (e) => {
    const m = e.data;
    if (m.from === tabId) return;
    if (m.type === 'hello') { channel.postMessage({ type: 'here', from: tabId }); setNotice(t().otherTab, 'error', true); }
    if (m.type === 'here') setNotice(t().otherTab, 'error', true);
    if (m.type === 'saved') setNotice(t().otherTabSaved, 'error', true);
  };
}

// ---------------------------------------------------------------- checking
function options() {
  return { lang: langSelect.value, today: todayInput.value || undefined };
}

function requestCheck() {
  if (!view || !workerReady) return;
  if (view.state.doc.length === 0 || !/\S/.test(view.state.doc.sliceString(0, 4000)) && !/\S/.test(view.state.doc.toString())) {
    showIdle();
    return;
  }
  if (inFlight) { pending = true; return; }
  const id = ++checkSeq;
  inFlight = { id, changes: ChangeSet.empty(view.state.doc.length), t0: performance.now(), version: stats.docVersion };
  stats.sent++;
  stats.sentAt = performance.now();
  document.body.dataset.checks = String(stats.sent);
  worker.postMessage({ type: 'check', id, text: view.state.doc.toString(), options: options() });
  // A long check says so; a quick one never flashes the message.
  setTimeout(() => { if (inFlight && inFlight.id === id) { statusEl.textContent = t().checking; lastCountsText = ''; } }, 400);
}

function onWorkerMessage(e) {
  const m = e.data;
  if (m.type === 'ready') {
    workerReady = true;
    for (const s of m.schemas) {
      const o = el('option', '', `${s.id} — ${s.title}`);
      o.value = s.id;
      schemaSelect.insertBefore(o, schemaSelect.querySelector('option[value="custom"]'));
    }
    document.body.dataset.ready = '1';
    requestCheck();
    if (!view.state.doc.length) showIdle();
  } else if (m.type === 'result') {
    const flight = inFlight;
    inFlight = null;
    if (flight && flight.id === m.id) { stats.resultVersion = flight.version; applyResult(m.result, m.ms, flight.changes); }
    if (pending) { pending = false; requestCheck(); }
  } else if (m.type === 'schema') {
    if (m.ok) {
      if (notice && notice.kind === 'error' && notice.text.startsWith(t().badSchema)) setNotice(null);
      requestCheck();
    } else {
      setNotice(t().badSchema + m.message, 'error', true);
      revertSchemaSelect();
    }
  } else if (m.type === 'error') {
    inFlight = null;
    if (m.fatal) failLoad(m.message);
    else setNotice(m.message, 'error');
  }
}

function failLoad(message) {
  loadError = message;
  summaryBox.className = 'failed';
  statusEl.textContent = t().loadFailed + message;
  document.body.dataset.ready = 'error';
}

// Positions of a result are in the text as it was sent; edits made since are mapped through.
// A fix whose text was edited meanwhile is dropped (the next check, already due, offers it again);
// places in last year's report stay as they are.
function mapResult(result, changes) {
  if (changes.empty) return result;
  const map = (p, assoc) => changes.mapPos(p, assoc);
  const mapD = (d) => {
    const start = map(d.start, -1), end = Math.max(map(d.end, 1), start);
    const related = d.related?.map((r) => (r.previous ? r : { ...r, start: map(r.start, -1), end: Math.max(map(r.end, 1), map(r.start, -1)) }));
    const fixes = d.fixes?.map((f) => mapFix(f, changes)).filter(Boolean);
    return { ...d, start, end, related, fixes };
  };
  return { ...result, diagnostics: result.diagnostics.map(mapD), sections: result.sections.map((s) => ({ ...s, start: map(s.start, -1), end: map(s.end, 1) })) };
}

function mapFix(fix, changes) {
  if (changes.empty) return fix;
  if (fix.edits.some((e) => changes.touchesRange(e.start, e.end))) return null;
  return { ...fix, edits: fix.edits.map((e) => ({ ...e, start: changes.mapPos(e.start), end: changes.mapPos(e.end) })) };
}

function ruleLink(rule) {
  const a = el('a', 'doc', t().doc);
  a.href = `rules/${rule}.html`;
  a.target = '_blank';
  a.rel = 'noopener';
  return a;
}

function applyResult(raw, ms, changes) {
  const result = mapResult(raw, changes);
  lastResult = result;
  lastMs = ms;
  sinceResult = ChangeSet.empty(view.state.doc.length);
  const len = view.state.doc.length;
  const live = result.diagnostics.filter((d) => !dismissed[keyOf(d)]).map((d) => {
    const start = Math.min(d.start, len);
    return { ...d, start, end: Math.min(Math.max(d.end, start), len) };
  });
  // The lint marks, with each fix as an action in the hover card and the lint panel (the adapter
  // portals use too); the page applies fixes itself, mapping them through edits made since.
  const cm = toCodeMirrorDiagnostics({ diagnostics: live }, { lang: langSelect.value, apply: (v, d, fix) => applyFixes([fix], fix.title) });
  cm.forEach((x, i) => {
    const d = live[i];
    x.renderMessage = () => {
      const box = el('div', 'lint-card');
      box.append(el('span', 'sev-word', `${ICON[d.severity]} ${t().sev[d.severity]}`), ' ', el('span', '', d.message), ' ', ruleLink(d.rule));
      for (const r of d.related || []) if (r.previous) box.append(el('div', 'previous-ref', `${t().previousLine(r.line)}${colon()}${r.message}`));
      return box;
    };
  });
  view.dispatch(setDiagnostics(view.state, cm));
  stats.applied++;
  stats.appliedAt = performance.now();
  document.body.dataset.applied = String(stats.applied);
  scheduleRender();
}

let renderTimer = 0;
function scheduleRender() {
  // The underlines update at once; the list (which may be long) at most every 120 ms while typing.
  if (renderTimer) return;
  renderTimer = setTimeout(() => { renderTimer = 0; render(); }, stats.applied <= 1 ? 0 : 120);
}

function showIdle() {
  lastResult = null;
  sinceResult = null;
  stats.resultVersion = stats.docVersion;
  if (view) view.dispatch(setDiagnostics(view.state, []));
  summaryBox.className = 'idle';
  statusEl.textContent = loadError ? t().loadFailed + loadError : workerReady ? t().idle : t().loading;
  lastCountsText = statusEl.textContent;
  detailEl.replaceChildren();
  $('fix-bar').hidden = true;
  checklistBox.hidden = true;
  out.replaceChildren();
  renderPrintHead();
}

// ---------------------------------------------------------------- rendering the findings
function sectionOf(result, pos) {
  let best = null;
  for (const s of result.sections) if (s.start <= pos && pos < s.end && (!best || s.start >= best.start)) best = s;
  return best;
}

function findingButton(d, tr) {
  const btn = el('button', 'goto');
  btn.type = 'button';
  btn.dataset.start = String(d.start);
  btn.dataset.end = String(d.end);
  btn.dataset.rule = d.rule;
  btn.dataset.key = keyOf(d);
  btn.append(
    el('span', `sev ${d.severity}`, `${ICON[d.severity]} ${tr.sev[d.severity]}`),
    el('span', 'pos', tr.pos(d.line, d.column)),
    el('code', 'rule', d.rule),
    el('span', 'msg', d.message),
  );
  if (d.fixes?.length) { btn.dataset.fixable = '1'; btn.append(el('span', 'fixable', tr.fixable)); }
  btn.addEventListener('click', () => { activeKey = keyOf(d) + '@' + d.start; select(d.start, d.end); showActions(btn.parentElement, d); });
  return btn;
}

// The active finding's actions: its rule page, related cells and, for a warning, dismissal.
// Only the active finding has them, so each finding is one tab stop.
function showActions(li, d) {
  for (const a of out.querySelectorAll('.actions')) a.remove();
  const tr = t();
  const box = el('div', 'actions');
  // Its fixes first: each one edit (Ctrl+Z undoes it), then the text is checked again.
  for (const fix of d.fixes || []) {
    const b = el('button', fix.safe ? 'fix' : 'fix unsafe', tr.fix(fix.title));
    b.type = 'button';
    b.addEventListener('click', () => applyFixes([fix], fix.title));
    box.append(b);
  }
  box.append(ruleLink(d.rule));
  // Places in last year's report are named, not linked: that text is not in the editor.
  for (const r of (d.related || []).filter((x) => x.previous)) box.append(el('div', 'previous-ref', `${tr.previousLine(r.line)}${colon()}${r.message}`));
  const here = (d.related || []).filter((x) => !x.previous);
  if (here.length) {
    const rel = el('ul', 'related');
    for (const r of here) {
      const b = el('button', 'goto-related', r.message);
      b.type = 'button';
      b.addEventListener('click', () => select(r.start, r.end));
      const item = el('li');
      item.append(b);
      rel.append(item);
    }
    const details = el('details', 'related-box');
    details.append(el('summary', '', tr.related(here.length)), rel);
    box.append(details);
  }
  if (d.severity === 'warning') {
    const b = el('button', 'dismiss', tr.dismiss);
    b.type = 'button';
    b.addEventListener('click', () => dismissForm(box, d, b));
    box.append(b);
  }
  li.append(box);
}

function dismissForm(box, d, opener) {
  const tr = t();
  opener.hidden = true;
  const form = el('form', 'dismiss-form');
  const id = `reason-${Math.random().toString(36).slice(2)}`;
  const label = el('label', '', tr.reason);
  label.htmlFor = id;
  const input = el('input');
  input.id = id;
  input.placeholder = tr.reasonHint;
  input.maxLength = 500;
  const err = el('span', 'form-error');
  const ok = el('button', '', tr.confirm);
  ok.type = 'submit';
  const cancel = el('button', '', tr.cancel);
  cancel.type = 'button';
  cancel.addEventListener('click', () => { form.remove(); opener.hidden = false; opener.focus(); });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const reason = input.value.trim();
    if (!reason) { err.textContent = tr.reasonNeeded; input.setAttribute('aria-invalid', 'true'); input.focus(); return; }
    dismissed[keyOf(d)] = { rule: d.rule, message: d.message, reason, at: new Date().toISOString() };
    saveDismissed();
    applyResult(lastResult, lastMs, sinceResult || ChangeSet.empty(view.state.doc.length));
  });
  form.append(label, input, ok, cancel, err);
  box.append(form);
  input.focus();
}

function renderPrintHead() {
  const tr = t();
  const s = lastResult?.summary;
  const head = $('print-head');
  const lines = [el('h1', '', tr.printTitle)];
  if (s?.title) lines.push(el('p', '', `${tr.printReport}${colon()}${s.title}`));
  if (s?.agency) lines.push(el('p', '', `${tr.printAgency}${colon()}${s.agency}`));
  lines.push(el('p', '', `${tr.printDate}${colon()}${todayInput.value || localDate()}${s ? ` · ${tr.usedSchema} ${s.schema.id}` : ''}`));
  head.replaceChildren(...lines);
}

function render() {
  const result = lastResult;
  if (!result) return;
  const tr = t();
  const s = result.summary;
  const live = result.diagnostics.filter((d) => !dismissed[keyOf(d)]);
  const gone = result.diagnostics.filter((d) => dismissed[keyOf(d)]);
  const count = (sev) => live.filter((d) => d.severity === sev).length;
  const errors = count('error'), warnings = count('warning'), infos = count('info');
  const ready = errors === 0;
  summaryBox.className = ready ? 'ok' : 'not-ready';
  summaryBox.dataset.errors = String(errors);
  summaryBox.dataset.ready = String(ready);
  // The live region speaks only when the counts change, not after every pause in typing.
  const countsText = `${ready ? tr.ready : tr.notReady}${langSelect.value === "en" ? " — " : "："}${tr.counts(errors, warnings, infos)}${gone.length ? tr.dismissedCount(gone.length) : ''}`;
  if (countsText !== lastCountsText) { statusEl.textContent = countsText; lastCountsText = countsText; }
  detailEl.replaceChildren(el('div', 'muted', `${tr.usedSchema} ${s.schema.id}${paren(s.schema.reason)}${previous ? ` · ${tr.previousUsed(previous.name)}` : ''} · ${tr.timing(lastMs.toFixed(1))}`));
  const safe = safeFixesShown();
  $('fix-bar').hidden = !safe.length;
  $('fix-all').textContent = tr.fixAll(safe.length);
  $('fix-all-hint').textContent = tr.fixAllHint;

  checklistBox.hidden = false;
  checklistEl.replaceChildren(...result.checklist.map((c) => {
    // A section present but faulty (too short, say) is not missing.
    const state = c.state === 'missing' && c.kind === 'section' && result.sections.some((x) => x.id === c.id) ? 'faulty' : c.state;
    const li = el('li', `check ${state}`);
    li.dataset.state = state;
    li.dataset.id = c.id;
    li.append(el('span', 'mark', state === 'ok' ? '✓' : state === 'unchecked' ? '?' : '✗'), el('span', 'kind', tr.kind[c.kind]), el('span', 'what', c.title),
      el('span', 'state', tr.state[state]));
    return li;
  }));

  // Findings grouped by the section they fall in, in text order; a rule repeated in a section is one entry.
  const groups = new Map();
  for (const d of live) {
    const sec = sectionOf(result, d.start);
    const key = sec ? sec.title : tr.whole;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(d);
  }
  const blocks = [];
  if (live.length === 0) blocks.push(el('p', 'muted', tr.empty));
  for (const [title, list] of groups) {
    const section = el('section', 'group');
    section.append(el('h3', '', `${title}${paren(list.length)}`));
    const ol = el('ol', 'findings');
    const byRule = new Map();
    for (const d of list) { if (!byRule.has(d.rule)) byRule.set(d.rule, []); byRule.get(d.rule).push(d); }
    const done = new Set();
    for (const d of list) {
      if (done.has(d.rule)) continue;
      const same = byRule.get(d.rule);
      if (same.length >= GROUP_AT) {
        done.add(d.rule);
        const li = el('li', `diag repeated ${d.severity}`);
        li.dataset.rule = d.rule;
        const det = el('details', 'repeat');
        const name = ruleTitles[d.rule]?.[langSelect.value] || d.rule;
        const sum = el('summary');
        sum.append(el('span', `sev ${d.severity}`, `${ICON[d.severity]} ${tr.sev[d.severity]}`), ' ', el('span', 'msg', `${title === tr.whole ? '' : title + colon()}${name}`), ' ', el('strong', 'times', tr.times(same.length)));
        det.append(sum);
        // Its findings are put in the page when it is first opened (129 blank cells need not be, until then).
        det.fill = () => {
          if (det.filled) return;
          det.filled = true;
          const inner = el('ol', 'findings inner');
          for (const x of same) { const item = el('li', `diag ${x.severity}`); item.append(findingButton(x, tr)); inner.append(item); }
          det.append(inner);
        };
        det.addEventListener('toggle', () => { if (det.open) det.fill(); });
        li.append(det);
        ol.append(li);
      } else {
        const li = el('li', `diag ${d.severity}`);
        li.append(findingButton(d, tr));
        ol.append(li);
      }
    }
    section.append(ol);
    blocks.push(section);
  }
  // A huge draft with thousands of findings: the first MAX_ENTRIES entries, and a button for the rest.
  let shown = 0;
  const extra = [];
  for (const b of blocks) {
    for (const li of b.querySelectorAll?.(':scope > ol.findings > li') ?? []) {
      if (++shown > MAX_ENTRIES && !showAll) { extra.push(li); li.hidden = true; }
    }
  }
  if (extra.length) {
    const more = el('button', 'show-all', tr.showAll(extra.length));
    more.type = 'button';
    more.addEventListener('click', () => { showAll = true; for (const li of extra) li.hidden = false; more.remove(); });
    blocks.push(more);
  }
  if (gone.length) {
    const section = el('section', 'group dismissed');
    section.append(el('h3', '', tr.dismissedTitle(gone.length)));
    const ol = el('ol', 'findings');
    for (const d of gone) {
      const li = el('li', 'diag dismissed-item');
      li.dataset.rule = d.rule;
      const info = dismissed[keyOf(d)];
      li.append(el('span', 'sev warning', `${ICON.warning} ${tr.sev.warning}`), ' ', el('span', 'msg', d.message), el('div', 'reason', `${tr.reason}${colon()}${info.reason}`));
      const b = el('button', 'restore', tr.restore);
      b.type = 'button';
      b.addEventListener('click', () => { delete dismissed[keyOf(d)]; saveDismissed(); applyResult(lastResult, lastMs, sinceResult || ChangeSet.empty(view.state.doc.length)); });
      li.append(b);
      ol.append(li);
    }
    section.append(ol);
    blocks.push(section);
  }
  out.replaceChildren(...blocks);
  renderPrintHead();
  document.body.dataset.rendered = String(stats.applied);
}

function select(start, end) {
  const len = view.state.doc.length;
  const from = Math.min(start, len), to = Math.min(Math.max(end, start), len);
  view.dispatch({ selection: { anchor: from, head: to }, effects: EditorView.scrollIntoView(from, { y: 'center' }) });
  view.focus();
}

// ---------------------------------------------------------------- fixes
// Apply `fixes` (of the findings shown) as ONE transaction: one Ctrl+Z undoes them all. Their positions
// are those of the shown result, mapped through any edit made since; if such an edit touched a fix's
// text, nothing is applied. The change triggers a new check like any edit.
function applyFixes(fixes, title) {
  if (!view || !sinceResult || !fixes.length) return false;
  const specs = [];
  for (const fix of fixes) for (const e of fix.edits) {
    if (sinceResult.touchesRange(e.start, e.end)) { setNotice(t().fixStale, 'error'); return false; }
    specs.push({ from: sinceResult.mapPos(e.start), to: sinceResult.mapPos(e.end), insert: e.replacement });
  }
  const len = view.state.doc.length;
  if (specs.some((c) => c.from < 0 || c.to > len || c.from > c.to)) { setNotice(t().fixStale, 'error'); return false; }
  const changes = view.state.changes(specs);
  // The first fixed place is selected (a removal leaves the caret there) and scrolled into view.
  const first = specs.reduce((a, b) => (b.from < a.from ? b : a));
  const anchor = changes.mapPos(first.from, -1), head = changes.mapPos(first.to, 1);
  view.dispatch({ changes, selection: { anchor, head }, userEvent: 'input.fix', annotations: isolateHistory.of('full'), effects: EditorView.scrollIntoView(anchor, { y: 'center' }) });
  view.focus();
  setNotice(fixes.length === 1 ? t().fixed(title) : t().fixedAll(fixes.length), 'info');
  return true;
}

// The fixes 全部修复 applies: the first safe fix of each finding shown (not dismissed), none overlapping.
const safeFixesShown = () => (lastResult ? safeFixes(lastResult, (d) => !dismissed[keyOf(d)]) : []);

// ---------------------------------------------------------------- inserting text
// Replace the selection (or, with `all`, the whole draft) by `text` as one edit the drafter can undo.
function insertText(text, all) {
  if (text.length > MAX_CHARS) { setNotice(t().tooLong(text.length), 'error'); return false; }
  const sel = view.state.selection.main;
  const from = all ? 0 : sel.from, to = all ? view.state.doc.length : sel.to;
  if (view.state.doc.length - (to - from) + text.length > MAX_CHARS) { setNotice(t().tooLong(view.state.doc.length - (to - from) + text.length), 'error'); return false; }
  view.dispatch({ changes: { from, to, insert: text }, selection: { anchor: from + text.length }, userEvent: all ? 'input.file' : 'input.paste', scrollIntoView: true });
  view.focus();
  return true;
}

let readers;
function loadReaders() {
  readers ??= import('./pkg-inputs/reportcheck_inputs.js').then(async (m) => {
    await m.default({ module_or_path: new URL('./pkg-inputs/reportcheck_inputs_bg.wasm', import.meta.url) });
    return m;
  }).catch((e) => { readers = undefined; throw e; });
  return readers;
}

async function pasteHtml(html, plain) {
  let text = '';
  try {
    text = (await loadReaders()).htmlToText(html, langSelect.value);
  } catch (e) {
    setNotice(String(e.message || e), 'error');
  }
  insertText(text.trim() ? text : plain, false);
}

// What kind of file the bytes are, from their first bytes (names lie: a .txt may be a saved PDF).
function sniff(bytes, name) {
  const head = (n) => Array.from(bytes.subarray(0, n));
  const starts = (...sig) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46) || /\.pdf$/i.test(name)) return 'pdf';
  if (starts(0xd0, 0xcf, 0x11, 0xe0) || /\.(doc|wps|et|xls|ppt)$/i.test(name)) return 'doc';
  if (starts(0xff, 0xfe)) return 'utf16le';
  if (starts(0xfe, 0xff)) return 'utf16be';
  if (starts(0x50, 0x4b, 0x03, 0x04) || /\.docx$/i.test(name)) return 'docx';
  if (/\.(png|jpe?g|gif|bmp|tiff?|webp|xlsx|pptx|zip|rar|7z|exe|ofd|mp4|mp3)$/i.test(name)) return 'binary';
  if (/\.html?$/i.test(name)) return 'html';
  // A text file has no NUL bytes (UTF-16 without a BOM aside, which office software never writes).
  const sample = head(4096);
  if (sample.includes(0)) return 'binary';
  return 'text';
}

function decodeText(bytes, kind) {
  if (kind === 'utf16le') return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (kind === 'utf16be') return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes); // a UTF-8 BOM is dropped
  } catch {
    return new TextDecoder('gb18030').decode(bytes); // drafts saved by Chinese office software
  }
}

// The text of a chosen or dropped file ({text, tracked}), or an Error saying what to do (`say`: the
// refusals in the words of the draft or of last year's report).
async function readFile(file, say) {
  const tr = t();
  if (file.size > MAX_FILE_BYTES) throw new Error(tr.tooBig);
  if (file.size === 0) throw new Error(say.empty);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const kind = sniff(bytes, file.name);
  let text, tracked = false;
  if (kind === 'pdf') throw new Error(say.pdf);
  if (kind === 'doc') throw new Error(say.doc);
  if (kind === 'binary') throw new Error(say.notText);
  if (kind === 'docx') {
    const r = (await loadReaders()).docxToText(bytes, langSelect.value);
    text = r.text;
    tracked = r.trackedChanges;
  } else if (kind === 'html') {
    const raw = decodeText(bytes, 'text');
    if (raw.length > MAX_CHARS * 4) throw new Error(tr.tooLong(raw.length));
    text = (await loadReaders()).htmlToText(raw, langSelect.value);
  } else {
    text = decodeText(bytes, kind);
  }
  if (!/\S/.test(text)) throw new Error(say.empty);
  if (text.length > MAX_CHARS) throw new Error(tr.tooLong(text.length));
  return { text, tracked };
}

async function openFile(file) {
  if (!file) return;
  const tr = t();
  const before = view.state.doc.toString();
  setNotice(tr.reading, 'info');
  try {
    const { text, tracked } = await readFile(file, { empty: tr.emptyFile, pdf: tr.pdf, doc: tr.docFile, notText: tr.notText });
    if (insertText(text, true)) setNotice(tr.loaded(file.name) + (tracked ? tr.tracked : '') + (before.trim() ? tr.undoHint : ''), tracked ? 'warn' : 'info');
  } catch (e) {
    setNotice(tr.unreadable(file.name) + (e.message || e), 'error');
  }
}

// ---------------------------------------------------------------- last year's report
// Kept in local storage beside the draft; the worker is given it once per change (it is parsed once),
// and every check compares with it.
async function openPrevious(file) {
  if (!file) return;
  const tr = t();
  setNotice(tr.reading, 'info');
  try {
    const { text, tracked } = await readFile(file, { empty: tr.previousEmpty, pdf: tr.previousPdf, doc: tr.previousDoc, notText: tr.previousNotText });
    usePrevious({ name: file.name, text });
    if (!notice || notice.kind !== 'error') setNotice(tr.previousLoaded(file.name) + (tracked ? tr.previousTracked : ''), tracked ? 'warn' : 'info');
  } catch (e) {
    setNotice(tr.previousUnreadable(file.name) + (e.message || e), 'error');
  }
}

async function pastePrevious(e) {
  const html = e.clipboardData?.getData('text/html');
  const plain = e.clipboardData?.getData('text/plain') ?? '';
  e.preventDefault();
  const tr = t();
  let text = plain;
  if (html) {
    try { text = (await loadReaders()).htmlToText(html, langSelect.value); } catch { text = plain; }
    if (!text.trim()) text = plain;
  }
  if (!/\S/.test(text)) { setNotice(tr.previousUnreadable(tr.previousPasted) + tr.previousEmpty, 'error'); return; }
  if (text.length > MAX_CHARS) { setNotice(tr.previousUnreadable(tr.previousPasted) + tr.tooLong(text.length), 'error'); return; }
  usePrevious({ name: tr.previousPasted, text });
  if (!notice || notice.kind !== 'error') setNotice(tr.previousLoaded(tr.previousPasted), 'info');
}

function usePrevious(info) {
  previous = info;
  try {
    if (info) localStorage.setItem(STORE.previous, JSON.stringify(info)); else localStorage.removeItem(STORE.previous);
    if (notice && notice.text === t().previousNotSaved) setNotice(null);
  } catch {
    try { localStorage.removeItem(STORE.previous); } catch { /* nothing kept */ }
    setNotice(t().previousNotSaved, 'error');
  }
  renderPrevious();
  sendPrevious();
}

function sendPrevious() {
  if (!worker) return;
  worker.postMessage({ type: 'previous', text: previous ? previous.text : null });
  // The findings shown no longer answer the input: wait for those of the new pair.
  stats.docVersion++;
  requestCheck();
}

function renderPrevious() {
  const tr = t();
  $('previous-name').textContent = previous ? tr.previousSet(previous.name, previous.text.length) : '';
  $('previous-clear').hidden = !previous;
  $('previous-hint').hidden = !!previous;
  $('previous-zone').classList.toggle('set', !!previous);
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

// ---------------------------------------------------------------- schema picker
let schemaValue = 'auto';
function revertSchemaSelect() { schemaSelect.value = schemaValue; }
function useSchema(value, json) {
  worker.postMessage({ type: 'schema', schema: json ?? value });
}

// ---------------------------------------------------------------- start
function limitFilter(tr) {
  if (!tr.docChanged || tr.newDoc.length <= MAX_CHARS || tr.newDoc.length <= tr.startState.doc.length) return tr;
  setNotice(t().tooLong(tr.newDoc.length), 'error');
  return [];
}

function startEditor() {
  const draftText = localStorage.getItem(STORE.draft) || '';
  const host = $('editor');
  host.replaceChildren();
  view = new EditorView({
    parent: host,
    state: EditorState.create({
      doc: draftText,
      extensions: [
        lineNumbers(), history(), highlightActiveLine(), lintGutter(),
        EditorView.lineWrapping,
        EditorState.tabSize.of(8), // table cells apart
        EditorState.transactionFilter.of(limitFilter),
        keymap.of([{ key: 'Enter', run: insertNewline }, ...lintKeymap, ...historyKeymap, ...standardKeymap]),
        EditorView.contentAttributes.of({ 'aria-labelledby': 'editor-label', 'aria-multiline': 'true', spellcheck: 'false', tabindex: '0' }),
        EditorView.updateListener.of((u) => {
          if (!u.docChanged) return;
          stats.docVersion++;
          if (inFlight) inFlight.changes = inFlight.changes.compose(u.changes);
          if (sinceResult) sinceResult = sinceResult.compose(u.changes);
          scheduleSave();
          // A notice about an earlier action goes once the drafter edits on.
          if (notice && !notice.sticky && u.transactions.some((x) => x.isUserEvent('input') || x.isUserEvent('delete') || x.isUserEvent('undo') || x.isUserEvent('redo')) && !u.transactions.some((x) => x.isUserEvent('input.file'))) setNotice(null);
          // No check on each IME composition update: once the composition ends.
          if (u.view.composing) return;
          requestCheck();
        }),
        EditorView.domEventHandlers({
          compositionend: () => { setTimeout(() => { if (!view.composing) requestCheck(); }, 0); },
          paste: (e) => {
            const html = e.clipboardData?.getData('text/html');
            const plain = e.clipboardData?.getData('text/plain') ?? '';
            if (plain.length > MAX_CHARS) { e.preventDefault(); setNotice(t().tooLong(plain.length), 'error'); return true; }
            if (!html) return false; // plain text: the editor pastes it
            e.preventDefault();
            pasteHtml(html, plain);
            return true;
          },
          dragover: (e) => { if (e.dataTransfer?.types?.includes('Files')) { e.preventDefault(); return true; } return false; },
          drop: (e) => {
            if (!e.dataTransfer?.files?.length) return false;
            e.preventDefault();
            openFile(e.dataTransfer.files[0]);
            return true;
          },
        }),
        placeholder(() => el('span', 'cm-ph', t().placeholder)),
      ],
    }),
  });
}

async function loadRuleTitles() {
  try { ruleTitles = await (await fetch('rules/index.json')).json(); } catch { ruleTitles = {}; }
}

function main() {
  langSelect.value = localStorage.getItem(STORE.lang) || 'zh';
  todayInput.value = localDate();
  applyLanguage();
  startEditor();
  showIdle();
  statusEl.textContent = t().loading;
  loadRuleTitles().then(() => { if (lastResult) render(); });
  channel?.postMessage({ type: 'hello', from: tabId });

  worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  worker.onmessage = onWorkerMessage;
  worker.onerror = (e) => failLoad(e.message || 'worker.js');
  worker.postMessage({ type: 'init' });
  if (previous) worker.postMessage({ type: 'previous', text: previous.text });

  schemaSelect.addEventListener('change', () => {
    if (schemaSelect.value === 'custom') return;
    schemaValue = schemaSelect.value;
    useSchema(schemaSelect.value);
  });
  $('schema-file').addEventListener('change', async (e) => {
    const f = e.target.files[0];
    e.target.value = '';
    if (!f) return;
    const json = await f.text();
    let id = f.name;
    try { id = JSON.parse(json).id || f.name; } catch { /* the checker says what is wrong */ }
    const prev = schemaValue;
    const onReply = (ev) => {
      if (ev.data.type !== 'schema') return;
      worker.removeEventListener('message', onReply);
      if (!ev.data.ok) { schemaValue = prev; schemaSelect.value = prev; return; }
      customSchemaId = id;
      let opt = schemaSelect.querySelector('option[value="custom"]');
      if (!opt) { opt = el('option'); opt.value = 'custom'; schemaSelect.append(opt); }
      opt.textContent = t().customSchema(id);
      schemaSelect.value = 'custom';
      schemaValue = 'custom';
    };
    worker.addEventListener('message', onReply);
    useSchema(null, json);
  });
  langSelect.addEventListener('change', () => {
    localStorage.setItem(STORE.lang, langSelect.value);
    applyLanguage();
    lastCountsText = '';
    if (lastResult) requestCheck(); else showIdle();
  });
  todayInput.addEventListener('change', requestCheck);
  $('open-file').addEventListener('change', (e) => {
    const f = e.target.files[0];
    e.target.value = ''; // the same file may be opened again
    openFile(f);
  });
  $('fix-all').addEventListener('click', () => { const list = safeFixesShown(); applyFixes(list, list[0]?.title); });
  $('previous-file').addEventListener('change', (e) => {
    const f = e.target.files[0];
    e.target.value = '';
    openPrevious(f);
  });
  const zone = $('previous-zone');
  zone.addEventListener('dragover', (e) => { if (e.dataTransfer?.types?.includes('Files')) { e.preventDefault(); zone.classList.add('drag'); } });
  zone.addEventListener('dragleave', () => zone.classList.remove('drag'));
  zone.addEventListener('drop', (e) => {
    zone.classList.remove('drag');
    if (!e.dataTransfer?.files?.length) return;
    e.preventDefault();
    openPrevious(e.dataTransfer.files[0]);
  });
  zone.addEventListener('paste', (e) => { if (e.target === zone) pastePrevious(e); });
  $('previous-clear').addEventListener('click', () => { usePrevious(null); setNotice(t().previousCleared, 'info'); zone.focus(); });
  // A file dropped beside a drop zone is not opened by the browser in place of the page.
  window.addEventListener('dragover', (e) => { if (e.dataTransfer?.types?.includes('Files')) e.preventDefault(); });
  window.addEventListener('drop', (e) => { if (e.dataTransfer?.files?.length) e.preventDefault(); });
  $('example').addEventListener('click', async () => {
    const text = await (await fetch(SAMPLE)).text();
    if (insertText(text, true)) setNotice(t().loaded(t().example) + (view.state.doc.length ? t().undoHint : ''), 'info');
  });
  $('export-json').addEventListener('click', () => {
    const data = lastResult ? { ...lastResult, dismissed: Object.values(dismissed) } : { dismissed: Object.values(dismissed) };
    download('reportcheck-findings.json', JSON.stringify(data, null, 2), 'application/json');
  });
  $('print').addEventListener('click', () => { renderPrintHead(); window.print(); });
  $('clear').addEventListener('click', () => {
    if (!window.confirm(t().confirmClear)) return;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: '' }, userEvent: 'delete' });
    localStorage.removeItem(STORE.draft);
    setNotice(null);
  });
  // The print view lists every finding: repeated ones are expanded for it.
  let opened = [];
  window.addEventListener('beforeprint', () => {
    renderPrintHead();
    opened = [...out.querySelectorAll('details:not([open])')];
    for (const d of opened) { d.fill?.(); d.open = true; }
    for (const li of out.querySelectorAll('li[hidden]')) li.hidden = false;
  });
  window.addEventListener('afterprint', () => { for (const d of opened) d.open = false; opened = []; });
  window.addEventListener('pagehide', saveDraft);
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') saveDraft(); });

  // For tests and for the console.
  window.reportcheck = {
    view: () => view, last: () => lastResult, stats, previous: () => previous,
    // True when the findings shown are those of the text as it is now.
    settled: () => workerReady && !inFlight && !pending && !renderTimer && stats.resultVersion === stats.docVersion,
    // True when the underlines are those of the text as it is now (the list may follow a moment later).
    underlined: () => workerReady && !inFlight && !pending && stats.resultVersion === stats.docVersion, dismissed: () => dismissed, MAX_CHARS,
    check: (text, opts) => new Promise((resolve) => {
      const w = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
      w.onmessage = (e) => { if (e.data.type === 'result') { resolve(e.data.result); w.terminate(); } };
      w.postMessage({ type: 'check', id: 0, text, options: opts ?? options() });
    }),
  };
  document.body.dataset.editor = '1';
}

main();
