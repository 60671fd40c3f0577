// The result's types are generated from the Rust types (www/reportcheck-types.d.ts, in the checker module's types).
import type { CheckResult, Diagnostic, Severity } from './pkg/reportcheck.js';

/**
 * `<report-check for="textarea-id" schema="auto" lang="zh" block-on="error" today="YYYY-MM-DD" input="text|html"
 *   on-load-error="block|allow" allow-dismiss-errors name="dismissals">`
 * With `input="html"` the text is HTML (a rich-text editor's content); it is read by `pkg-inputs/`, loaded on first use.
 * On a blocked submit, focus moves to the element, which lists "提交前请修改以下问题" with a link per finding.
 * `on-load-error`: whether a checker that cannot load (or a wrong `schema`) blocks the form (default) or lets it through.
 * `allow-dismiss-errors`: errors, not only warnings, may be dismissed with a reason.
 */
export interface Dismissal { rule: string; severity: Severity; message: string; reason: string }
export declare class ReportCheck extends HTMLElement {
  static formAssociated: true;
  /** For rich-text editors: returns the text (or, with `input="html"`, the HTML) to check instead of the `for` element's value. */
  getText: (() => string) | null;
  /** For rich-text editors read through `getText`: replaces the editor's text; `applyFix` needs it. */
  setText: ((text: string) => void) | null;
  /**
   * Last year's report (its text, e.g. from `docxToText`), or null. Given to the checker once per change;
   * every check then compares with it (carried-over numbers, documents in force, copied text).
   */
  previous: string | null;
  /** The last result. */
  result: CheckResult | null;
  /** Findings dismissed with a reason; submitted as the element's form value (JSON) under its `name`. */
  readonly dismissed: Dismissal[];
  /** Check now; updates validity and dispatches `reportcheck:result`. Null until the module (and for HTML the reader) is loaded. */
  check(): CheckResult | null;
  /**
   * Applies `diagnostic.fixes[index]` (a finding of `result`) to the attached field and checks again.
   * A textarea takes it as one edit its own undo (Ctrl+Z) reverts; the field is focused with the fixed text
   * selected. An editor read through `getText` takes it through `setText` (a TypeError without it).
   * Returns false (and checks again) when the text has changed since the check; a RangeError when there is
   * no such fix. With `input="html"` findings carry no fixes.
   */
  applyFix(diagnostic: Diagnostic, index?: number): boolean;
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
