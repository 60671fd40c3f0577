// <report-check>: the checker as a form control for portals.
//
//   <textarea id="report" name="report"></textarea>
//   <report-check for="report" schema="auto" block-on="error"></report-check>
//   <script type="module" src="/reportcheck/report-check.js"></script>
//
// It checks the text of the element named by `for` (or what its `getText`
// property returns, for rich-text editors) as it changes — with `input="html"`,
// that text is HTML (a rich-text editor's content, tables included), read by the
// input-reader module loaded on first use — and is form-associated: while
// findings at or above `block-on` remain, the form refuses to submit. Then focus
// moves to the element, which lists "提交前请修改以下问题" with a link per finding
// that selects its text in the field; warnings are listed too. A checker that
// cannot load (or a bad `schema`) says why and, by `on-load-error` (block|allow,
// default block), blocks the form or lets it through. A warning (and, with
// `allow-dismiss-errors`, an error) may be dismissed with a reason; the
// dismissals are the element's form value (JSON) under its `name`. Every result
// is dispatched as a `reportcheck:result` event. A finding with fixes has a 修复
// button; `applyFix(diagnostic, index)` applies one to the field (a textarea's own
// undo takes it back; a rich editor needs `element.setText`) and checks again.
// `element.previous = lastYearsText` compares with last year's report. No network
// request but its own files; user text is only ever inserted as text.
import init, { Checker } from './pkg/reportcheck.js';

let loadError = null;
const ready = init({ module_or_path: new URL('./pkg/reportcheck_bg.wasm', import.meta.url) })
  .catch((e) => { loadError = String((e && e.message) || e); });
// The HTML reader is a second wasm module, fetched only when an element has input="html".
let htmlReader = null;
let htmlReaderLoading = null;
function loadHtmlReader() {
  htmlReaderLoading ??= import('./pkg-inputs/reportcheck_inputs.js').then(async (m) => {
    await m.default({ module_or_path: new URL('./pkg-inputs/reportcheck_inputs_bg.wasm', import.meta.url) });
    htmlReader = (html, lang) => m.htmlToText(html, lang);
  }).catch((e) => { htmlReaderLoading = null; throw e; });
  return htmlReaderLoading;
}
const RANK = { info: 0, warning: 1, error: 2 };
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
const TEXT = {
  zh: {
    blocked: (n) => `年度报告还有 ${n} 个问题需要修改后才能提交`, ok: '年度报告检查通过', loading: '正在加载检查器……',
    counts: (e, w) => `${e} 个错误，${w} 个警告`, fixFirst: '提交前请修改以下问题', review: '请核对以下警告（不影响提交）',
    loadFailed: (r) => `检查器无法加载，无法检查年度报告：${r}`, badSchema: (r) => `检查器的格式设置有误（schema 属性），无法检查：${r}`,
    allowed: '可以提交，但报告未经检查。', blockedLoad: '修复前无法提交；请刷新页面重试，仍不行请联系网站管理员。',
    pos: (l, c) => `第${l}行第${c}列`, more: (n) => `另有 ${n} 个问题未列出`,
    dismiss: '忽略', reason: '忽略理由', confirm: '确定', cancel: '取消', reasonNeeded: '请填写理由。', dismissed: (n) => `已忽略 ${n} 个（附理由）`,
    fix: (title) => `修复：${title}`, previousLine: (n) => `上年报告第${n}行`,
  },
  en: {
    blocked: (n) => `The report has ${plural(n, 'finding', 'findings')} to fix before it can be submitted`, ok: 'The report passes the checks', loading: 'Loading the checker…',
    counts: (e, w) => `${plural(e, 'error', 'errors')}, ${plural(w, 'warning', 'warnings')}`, fixFirst: 'Fix these before submitting', review: 'Review these warnings (they do not stop submission)',
    loadFailed: (r) => `The checker could not load, so the report cannot be checked: ${r}`, badSchema: (r) => `The checker's schema attribute is wrong, so nothing can be checked: ${r}`,
    allowed: 'The form can be submitted, unchecked.', blockedLoad: 'The form cannot be submitted until this is fixed: reload the page, or tell the site administrator.',
    pos: (l, c) => `line ${l}, col ${c}`, more: (n) => `${plural(n, 'more finding', 'more findings')} not listed`,
    dismiss: 'Dismiss', reason: 'Reason', confirm: 'OK', cancel: 'Cancel', reasonNeeded: 'Give a reason.', dismissed: (n) => `${plural(n, 'finding', 'findings')} dismissed (with reasons)`,
    fix: (title) => `Fix: ${title}`, previousLine: (n) => `last year's report, line ${n}`,
  },
};
const MAX_LISTED = 50;

const STYLE = `
:host { display: block; font-size: 14px; border: 1px solid #b1b4b6; border-left: 5px solid #b1b4b6; padding: 6px 10px; margin: 6px 0; }
:host([data-state="blocked"]), :host([data-state="failed"]) { border-left-color: #b3261e; }
:host([data-state="ok"]) { border-left-color: #1b6e2e; }
:host(:focus) { outline: none; }
.box:focus { outline: 3px solid #1d3f72; outline-offset: 2px; }
.status { font-weight: bold; margin: 0 0 4px; }
.summary { border: 4px solid #b3261e; padding: 8px 12px; margin: 6px 0; }
.summary h2 { font-size: 16px; margin: 0 0 6px; color: #b3261e; }
.summary[hidden] { display: none; }
h3 { font-size: 14px; margin: 8px 0 4px; }
ol { margin: 0; padding-left: 20px; max-height: 16em; overflow: auto; }
li { margin: 2px 0; }
li.error a, li.error .msg { color: #b3261e; } li.warning a, li.warning .msg { color: #6e4800; } li.info { color: #255e9c; }
a:focus, button:focus, input:focus { outline: 3px solid #1d3f72; outline-offset: 1px; }
.sev { font-weight: bold; }
button { font: inherit; font-size: 12px; margin-left: 6px; }
.dismissed { color: #5f6b7a; }
.prev { display: block; color: #5f6b7a; font-size: 13px; }
button.fix { color: #1b6e2e; border: 1px solid #1b6e2e; border-radius: 3px; background: #fff; }
form { display: inline-flex; gap: 4px; flex-wrap: wrap; margin-left: 6px; }
.err { color: #b3261e; }
`;
const ICON = { error: '✖ 错误', warning: '▲ 警告', info: 'ℹ 提示' };
const ICON_EN = { error: '✖ error', warning: '▲ warning', info: 'ℹ note' };

export class ReportCheck extends HTMLElement {
  static formAssociated = true;
  static observedAttributes = ['for', 'schema', 'lang', 'block-on', 'today', 'input', 'on-load-error', 'allow-dismiss-errors'];

  #internals;
  #checker = null;
  #schemaError = null;
  #loaded = false;
  #source = null;
  #timer = 0;
  #showSummary = false;
  #dismissed = new Map(); // rule + message -> {rule, message, severity, reason}
  #previous = null;       // last year's report
  #checkedText = null;    // the text the last result is about (fixes apply to it only)
  #onInput = () => { clearTimeout(this.#timer); this.#timer = setTimeout(() => this.check(), 150); };
  /** For rich-text editors: a function returning the text to check. */
  getText = null;
  /** For rich-text editors: a function that replaces the editor's text (used by `applyFix`). */
  setText = null;
  /** The last result, as `check()` returns it. */
  result = null;

  constructor() {
    super();
    this.#internals = this.attachInternals();
    const root = this.attachShadow({ mode: 'open' });
    // A constructed stylesheet: allowed under a strict style-src, unlike an inline <style>.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
    root.adoptedStyleSheets = [sheet];
    // The focus target when a submit is blocked: the browser moves focus here (it must be focusable).
    this.box = document.createElement('div');
    this.box.className = 'box';
    this.box.tabIndex = -1;
    this.status = document.createElement('p');
    this.status.className = 'status';
    this.status.setAttribute('role', 'status');
    this.summary = document.createElement('div');
    this.summary.className = 'summary';
    this.summary.hidden = true;
    this.summary.setAttribute('role', 'group');
    this.lists = document.createElement('div');
    this.box.append(this.status, this.summary, this.lists);
    root.append(this.box);
    // A blocked submit: show what to fix, GOV.UK-style, and take focus.
    this.addEventListener('invalid', () => {
      this.#showSummary = true;
      this.#render();
      queueMicrotask(() => this.box.focus());
    });
  }

  get #lang() { return this.getAttribute('lang') === 'en' ? 'en' : 'zh'; }
  get #tr() { return TEXT[this.#lang]; }
  get #html() { return this.getAttribute('input') === 'html'; }
  get #allowOnFailure() { return this.getAttribute('on-load-error') === 'allow'; }

  connectedCallback() {
    this.status.textContent = this.#tr.loading;
    // Until the first check, the form may not be submitted unchecked.
    this.#internals.setValidity({ customError: true }, this.#tr.loading, this.box);
    ready.then(() => {
      if (loadError) { this.#failed(this.#tr.loadFailed(loadError)); return; }
      this.#loaded = true;
      this.#build();
      this.#attach();
      this.check();
    });
  }

  disconnectedCallback() { this.#source?.removeEventListener('input', this.#onInput); }

  attributeChangedCallback(name) {
    if (!this.isConnected || !this.#loaded) {
      if (loadError && name === 'on-load-error') this.#failed(this.#tr.loadFailed(loadError));
      return;
    }
    if (name === 'schema') this.#build();
    if (name === 'for') this.#attach();
    this.check();
  }

  // A checker that cannot run: say why, and block or allow the form as the portal chose.
  #failed(message) {
    this.result = null;
    this.lists.replaceChildren();
    this.summary.hidden = true;
    this.status.textContent = `${message}${this.#lang === 'en' ? '. ' : '。'}${this.#allowOnFailure ? this.#tr.allowed : this.#tr.blockedLoad}`;
    this.dataset.state = 'failed';
    if (this.#allowOnFailure) this.#internals.setValidity({});
    else this.#internals.setValidity({ customError: true }, message, this.box);
  }

  #build() {
    try {
      this.#checker = new Checker(this.getAttribute('schema') || 'auto');
      this.#givePrevious();
      this.#schemaError = null;
    } catch (e) {
      this.#checker = null;
      this.#schemaError = String(e.message || e);
    }
  }

  // Last year's report is parsed once per change (setPrevious), not on every check.
  #givePrevious() {
    if (this.#checker && typeof this.#checker.setPrevious === 'function') this.#checker.setPrevious(this.#previous);
  }

  /** Last year's report (text), or null: every check compares with it. */
  get previous() { return this.#previous; }
  set previous(text) {
    this.#previous = text == null ? null : String(text);
    this.#givePrevious();
    this.check();
  }

  /**
   * Apply fix `index` of `diagnostic` (from this element's `result`) to the attached field and check
   * again. A textarea gets it as one edit its own undo takes back (the field is focused with the fixed
   * text selected); an editor read through `getText` gets it through `setText`. Returns false, and
   * checks again, when the text has changed since the check (the fix's positions no longer hold).
   */
  applyFix(diagnostic, index = 0) {
    const fix = diagnostic?.fixes?.[index];
    if (!fix) throw new RangeError(`applyFix: the finding has no fix ${index}`);
    if (this.getText && typeof this.setText !== 'function') throw new TypeError('applyFix: an editor read through getText needs element.setText(text) too');
    const field = this.#source;
    const now = this.getText ? String(this.getText()) : field?.value;
    if (now == null || this.#html || now !== this.#checkedText) { this.check(); return false; }
    const edits = [...fix.edits].sort((a, b) => b.start - a.start);
    if (edits.some((e, i) => e.start > e.end || e.end > now.length || (i && e.end > edits[i - 1].start))) return false;
    const apply = (text, base = 0) => edits.reduce((t, e) => t.slice(0, e.start - base) + e.replacement + t.slice(e.end - base), text);
    const fixed = apply(now);
    if (this.getText) {
      this.setText(fixed);
    } else {
      // One replacement from the first edit to the last: one step in the textarea's undo history.
      const lo = edits[edits.length - 1].start, hi = edits[0].end;
      const middle = apply(now.slice(lo, hi), lo);
      field.focus();
      field.setSelectionRange(lo, hi);
      let done = false;
      try { done = document.execCommand(middle ? 'insertText' : 'delete', false, middle); } catch { done = false; }
      if (!done || field.value !== fixed) {
        // No editing command here: set the text (the browser's undo cannot take this back).
        field.value = fixed;
        field.dispatchEvent(new Event('input', { bubbles: true }));
      }
      field.setSelectionRange(lo, lo + middle.length);
    }
    clearTimeout(this.#timer);
    this.check();
    return true;
  }

  #attach() {
    this.#source?.removeEventListener('input', this.#onInput);
    this.#source = document.getElementById(this.getAttribute('for') || '');
    this.#source?.addEventListener('input', this.#onInput);
  }

  #blocks(d) {
    const threshold = RANK[this.getAttribute('block-on') || 'error'] ?? RANK.error;
    if (RANK[d.severity] < threshold) return false;
    const key = `${d.rule}\u0000${d.message}`;
    return !this.#dismissed.has(key) || (d.severity === 'error' && !this.hasAttribute('allow-dismiss-errors'));
  }

  /** Check now; returns the result and updates validity (null until the checker, or for HTML the reader, is loaded). */
  check() {
    if (!this.#loaded) return null;
    if (!this.#checker) { this.#failed(this.#tr.badSchema(this.#schemaError)); return null; }
    let text = this.getText ? String(this.getText()) : (this.#source?.value ?? '');
    if (this.#html) {
      if (!htmlReader) {
        loadHtmlReader().then(() => this.check(), (e) => this.#failed(this.#tr.loadFailed(String(e.message || e))));
        return null;
      }
      try {
        text = htmlReader(text, this.#lang);
      } catch (e) {
        // Over the reader's size limit: say so, and keep the form from submitting unchecked.
        this.status.textContent = String(e.message || e);
        this.#internals.setValidity({ customError: true }, this.status.textContent, this.box);
        return null;
      }
    }
    const options = { lang: this.#lang };
    if (this.getAttribute('today')) options.today = this.getAttribute('today');
    if (this.#previous !== null && typeof this.#checker.setPrevious !== 'function') options.previous = this.#previous;
    this.result = this.#checker.check(text, options);
    this.#checkedText = this.#html ? null : text;
    // Fixes are positions in the text checked; with input="html" that is not the editor's content.
    if (this.#html) for (const d of this.result.diagnostics) delete d.fixes;
    this.#render();
    this.dispatchEvent(new CustomEvent('reportcheck:result', { detail: this.result, bubbles: true, composed: true }));
    return this.result;
  }

  #render() {
    const result = this.result;
    if (!result) return;
    const tr = this.#tr;
    const blocking = result.diagnostics.filter((d) => this.#blocks(d));
    const others = result.diagnostics.filter((d) => d.severity === 'warning' && !this.#blocks(d) && !this.#dismissed.has(`${d.rule}\u0000${d.message}`));
    const s = result.summary;
    this.status.textContent = blocking.length ? `${tr.blocked(blocking.length)}（${tr.counts(s.errors, s.warnings)}）` : `${tr.ok}（${tr.counts(s.errors, s.warnings)}）`;
    // The error summary appears after a blocked submit, and stays while anything blocks.
    if (!blocking.length) this.#showSummary = false;
    this.summary.hidden = !this.#showSummary;
    const title = document.createElement('h2');
    title.textContent = tr.fixFirst;
    this.summary.replaceChildren(...(this.#showSummary ? [title, this.#list(blocking, true)] : []));
    const blocks = [];
    if (!this.#showSummary && blocking.length) blocks.push(this.#list(blocking, true));
    if (others.length) {
      const h = document.createElement('h3');
      h.textContent = tr.review;
      blocks.push(h, this.#list(others, false));
    }
    if (this.#dismissed.size) {
      const p = document.createElement('p');
      p.className = 'dismissed';
      p.textContent = tr.dismissed(this.#dismissed.size) + '：' + [...this.#dismissed.values()].map((x) => `${x.message}（${x.reason}）`).join('；');
      blocks.push(p);
    }
    this.lists.replaceChildren(...blocks);
    this.#internals.setFormValue(JSON.stringify([...this.#dismissed.values()]));
    if (blocking.length) {
      this.#internals.setValidity({ customError: true }, tr.blocked(blocking.length), this.box);
      this.dataset.state = 'blocked';
    } else {
      this.#internals.setValidity({});
      this.dataset.state = 'ok';
    }
  }

  #list(findings, links) {
    const tr = this.#tr;
    const ol = document.createElement('ol');
    for (const d of findings.slice(0, MAX_LISTED)) {
      const li = document.createElement('li');
      li.className = d.severity;
      const sev = document.createElement('span');
      sev.className = 'sev';
      sev.textContent = (this.#lang === 'en' ? ICON_EN : ICON)[d.severity] + ' ';
      // Lines and columns of HTML's visible text mean nothing to the person in the editor.
      const where = this.#html || this.getText ? '' : `${tr.pos(d.line, d.column)}：`;
      const a = document.createElement('a');
      a.href = this.#source?.id ? `#${this.#source.id}` : '#';
      a.textContent = where + d.message;
      a.addEventListener('click', (e) => { e.preventDefault(); this.#select(d); });
      li.append(sev, a);
      for (const r of d.related || []) {
        if (!r.previous) continue;
        const p = document.createElement('span');
        p.className = 'prev';
        p.textContent = `${tr.previousLine(r.line)}${this.#lang === 'en' ? ': ' : '：'}${r.message}`;
        li.append(p);
      }
      const editable = !this.#html && (this.getText ? typeof this.setText === 'function' : !!this.#source);
      if (editable && d.fixes?.length) {
        d.fixes.forEach((fix, i) => {
          const b = document.createElement('button');
          b.type = 'button';
          b.className = 'fix';
          b.textContent = tr.fix(fix.title);
          b.addEventListener('click', () => this.applyFix(d, i));
          li.append(b);
        });
      }
      const canDismiss = d.severity === 'warning' || (d.severity === 'error' && this.hasAttribute('allow-dismiss-errors'));
      if (canDismiss && !this.#dismissed.has(`${d.rule}\u0000${d.message}`)) {
        const b = document.createElement('button');
        b.type = 'button';
        b.textContent = tr.dismiss;
        b.addEventListener('click', () => this.#dismissForm(li, d, b));
        li.append(b);
      }
      ol.append(li);
    }
    if (findings.length > MAX_LISTED) {
      const li = document.createElement('li');
      li.textContent = tr.more(findings.length - MAX_LISTED);
      ol.append(li);
    }
    return ol;
  }

  #dismissForm(li, d, opener) {
    const tr = this.#tr;
    opener.hidden = true;
    const form = document.createElement('form');
    const input = document.createElement('input');
    input.setAttribute('aria-label', tr.reason);
    input.placeholder = tr.reason;
    const ok = document.createElement('button');
    ok.type = 'submit';
    ok.textContent = tr.confirm;
    const err = document.createElement('span');
    err.className = 'err';
    form.append(input, ok, err);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      e.stopPropagation();
      const reason = input.value.trim();
      if (!reason) { err.textContent = tr.reasonNeeded; input.focus(); return; }
      this.#dismissed.set(`${d.rule}\u0000${d.message}`, { rule: d.rule, severity: d.severity, message: d.message, reason });
      this.#render();
      this.box.focus();
    });
    li.append(form);
    input.focus();
  }

  // Select the finding's text in the attached field and bring it into view.
  #select(d) {
    const field = this.#source;
    if (!field) return;
    field.focus();
    if (!this.#html && !this.getText && typeof field.setSelectionRange === 'function') {
      field.setSelectionRange(d.start, d.end);
      // Blur and focus make Chromium scroll the selection into view in a textarea.
      field.blur();
      field.focus();
    }
    field.scrollIntoView({ block: 'nearest' });
  }

  /** Findings dismissed with a reason (also the element's form value, as JSON). */
  get dismissed() { return [...this.#dismissed.values()]; }
  get form() { return this.#internals.form; }
  get validity() { return this.#internals.validity; }
  get validationMessage() { return this.#internals.validationMessage; }
  checkValidity() { return this.#internals.checkValidity(); }
  reportValidity() { return this.#internals.reportValidity(); }
}

customElements.define('report-check', ReportCheck);
