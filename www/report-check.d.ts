import type { CheckResult } from './pkg/reportcheck.js';

/**
 * `<report-check for="textarea-id" schema="auto" lang="zh" block-on="error" today="YYYY-MM-DD" input="text|html">`
 * With `input="html"` the text is HTML (a rich-text editor's content); it is read by `pkg-inputs/`, loaded on first use.
 */
export declare class ReportCheck extends HTMLElement {
  static formAssociated: true;
  /** For rich-text editors: returns the text (or, with `input="html"`, the HTML) to check instead of the `for` element's value. */
  getText: (() => string) | null;
  /** The last result. */
  result: CheckResult | null;
  /** Check now; updates validity and dispatches `reportcheck:result`. Null until the module (and for HTML the reader) is loaded. */
  check(): CheckResult | null;
  readonly form: HTMLFormElement | null;
  readonly validity: ValidityState;
  readonly validationMessage: string;
  checkValidity(): boolean;
  reportValidity(): boolean;
}

declare global {
  interface HTMLElementTagNameMap { 'report-check': ReportCheck }
  interface HTMLElementEventMap { 'reportcheck:result': CustomEvent<CheckResult> }
}
