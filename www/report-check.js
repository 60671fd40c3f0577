// <report-check>: the checker as a form control for portals.
//
//   <textarea id="report" name="report"></textarea>
//   <report-check for="report" schema="auto" block-on="error"></report-check>
//   <script type="module" src="/reportcheck/report-check.js"></script>
//
// It checks the text of the element named by `for` (or what its `getText`
// property returns, for rich-text editors) as it changes — with `input="html"`,
// that text is HTML (a rich-text editor's content, tables included), read by the
// input-reader module loaded on first use — shows the counts and
// findings, and is form-associated: while findings at or above `block-on`
// remain, the form refuses to submit with the browser's own message. Every
// result is dispatched as a `reportcheck:result` event. No network request but
// its own files; user text is only ever inserted as text.
import init, { Checker } from './pkg/reportcheck.js';

const ready = init(new URL('./pkg/reportcheck_bg.wasm', import.meta.url));
// The HTML reader is a second wasm module, fetched only when an element has input="html".
let htmlReader = null;
let htmlReaderLoading = null;
function loadHtmlReader() {
  htmlReaderLoading ??= import('./pkg-inputs/reportcheck_inputs.js').then(async (m) => {
    await m.default(new URL('./pkg-inputs/reportcheck_inputs_bg.wasm', import.meta.url));
    htmlReader = (html) => m.htmlToText(html);
  });
  return htmlReaderLoading;
}
const RANK = { info: 0, warning: 1, error: 2 };
const TEXT = {
  zh: { blocked: (n) => `年度报告还有${n}个问题需要修改后才能提交`, ok: '年度报告检查通过', errors: '错误', warnings: '警告', loading: '正在加载检查器……' },
  en: { blocked: (n) => `The report has ${n} findings to fix before it can be submitted`, ok: 'The report passes the checks', errors: 'errors', warnings: 'warnings', loading: 'Loading the checker…' },
};

const STYLE = `
:host { display: block; font-size: 14px; border: 1px solid #b1b4b6; border-left: 5px solid #b3261e; padding: 6px 10px; margin: 6px 0; }
:host([data-state="ok"]) { border-left-color: #1b6e2e; }
.status { font-weight: bold; margin: 0 0 4px; }
ol { margin: 0; padding-left: 20px; max-height: 12em; overflow: auto; }
li.error { color: #b3261e; } li.warning { color: #8a5a00; } li.info { color: #255e9c; }
`;

export class ReportCheck extends HTMLElement {
  static formAssociated = true;
  static observedAttributes = ['for', 'schema', 'lang', 'block-on', 'today', 'input'];

  #internals;
  #checker = null;
  #source = null;
  #timer = 0;
  #onInput = () => { clearTimeout(this.#timer); this.#timer = setTimeout(() => this.check(), 150); };
  /** For rich-text editors: a function returning the text to check. */
  getText = null;
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
    this.status = document.createElement('p');
    this.status.className = 'status';
    this.status.setAttribute('role', 'status');
    this.list = document.createElement('ol');
    root.append(this.status, this.list);
  }

  get #lang() { return this.getAttribute('lang') === 'en' ? 'en' : 'zh'; }

  connectedCallback() {
    this.status.textContent = TEXT[this.#lang].loading;
    // Until the first check, the form may not be submitted unchecked.
    this.#internals.setValidity({ customError: true }, TEXT[this.#lang].loading);
    ready.then(() => { this.#build(); this.#attach(); this.check(); });
  }

  disconnectedCallback() { this.#source?.removeEventListener('input', this.#onInput); }

  attributeChangedCallback(name) {
    if (!this.isConnected || !this.#checker) return;
    if (name === 'schema') this.#build();
    if (name === 'for') this.#attach();
    this.check();
  }

  #build() {
    try {
      this.#checker = new Checker(this.getAttribute('schema') || 'auto');
    } catch (e) {
      this.status.textContent = String(e.message || e);
      this.#checker = null;
    }
  }

  #attach() {
    this.#source?.removeEventListener('input', this.#onInput);
    this.#source = document.getElementById(this.getAttribute('for') || '');
    this.#source?.addEventListener('input', this.#onInput);
  }

  get #html() { return this.getAttribute('input') === 'html'; }

  /** Check now; returns the result and updates validity (null until the checker, or for HTML the reader, is loaded). */
  check() {
    if (!this.#checker) return null;
    let text = this.getText ? String(this.getText()) : (this.#source?.value ?? '');
    if (this.#html) {
      if (!htmlReader) {
        loadHtmlReader().then(() => this.check(), (e) => { this.status.textContent = String(e.message || e); });
        return null;
      }
      try {
        text = htmlReader(text);
      } catch (e) {
        // Over the reader's size limit: say so, and keep the form from submitting unchecked.
        this.status.textContent = String(e.message || e);
        this.#internals.setValidity({ customError: true }, this.status.textContent);
        return null;
      }
    }
    const options = { lang: this.#lang };
    if (this.getAttribute('today')) options.today = this.getAttribute('today');
    const result = this.#checker.check(text, options);
    this.result = result;
    const threshold = RANK[this.getAttribute('block-on') || 'error'] ?? RANK.error;
    const blocking = result.diagnostics.filter((d) => RANK[d.severity] >= threshold);
    const tr = TEXT[this.#lang];
    const s = result.summary;
    this.status.textContent = blocking.length ? `${tr.blocked(blocking.length)}（${s.errors} ${tr.errors}，${s.warnings} ${tr.warnings}）` : tr.ok;
    this.list.replaceChildren(...blocking.slice(0, 50).map((d) => {
      const li = document.createElement('li');
      li.className = d.severity;
      // Lines and columns of HTML's visible text mean nothing to the person in the editor.
      li.textContent = this.#html ? d.message : `${d.line}:${d.column} ${d.message}`;
      return li;
    }));
    if (blocking.length) {
      this.#internals.setValidity({ customError: true }, tr.blocked(blocking.length), this.status);
      this.dataset.state = 'blocked';
    } else {
      this.#internals.setValidity({});
      this.dataset.state = 'ok';
    }
    this.dispatchEvent(new CustomEvent('reportcheck:result', { detail: result, bubbles: true, composed: true }));
    return result;
  }

  get form() { return this.#internals.form; }
  get validity() { return this.#internals.validity; }
  get validationMessage() { return this.#internals.validationMessage; }
  checkValidity() { return this.#internals.checkValidity(); }
  reportValidity() { return this.#internals.reportValidity(); }
}

customElements.define('report-check', ReportCheck);
