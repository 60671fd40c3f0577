import type { Diagnostic as LintDiagnostic } from '@codemirror/lint';
import type { EditorView } from '@codemirror/view';
import type { CheckResult, Diagnostic, Fix, Lang } from '../pkg/reportcheck.js';

/** A fix of a finding, as `Checker.check` gives it (offsets in the result's encoding). */
export type { Fix };

export interface CodeMirrorOptions {
  /** The text that was checked: a fix is applied only where the document still has the text it replaces. */
  text?: string;
  /** Action labels: 'zh' (修复：…, default) or 'en' (Fix: …). */
  lang?: Lang;
  /** When given, messages are rendered with a link to the rule's page. */
  ruleUrl?: (rule: string) => string;
  /** Replaces the built-in application of a fix. */
  apply?: (view: EditorView, diagnostic: Diagnostic, fix: Fix, from: number, to: number) => void;
  /** Called after a fix is applied (e.g. to check again). */
  onApplied?: (view: EditorView, diagnostic: Diagnostic, fix: Fix) => void;
  /** Called when a fix is not applied because its text changed since the check. */
  onStale?: (view: EditorView, diagnostic: Diagnostic, fix: Fix) => void;
}

/** `result` (UTF-16 offsets, the default) → @codemirror/lint diagnostics, each fix an action applied as one transaction. */
export function toCodeMirrorDiagnostics(result: Pick<CheckResult, 'diagnostics'>, options?: CodeMirrorOptions): LintDiagnostic[];
/** Applies one fix as one transaction (`userEvent: 'input.fix'`); `from` is the finding's current start. */
export function applyFix(view: EditorView, diagnostic: Diagnostic, fix: Fix, from?: number, text?: string): boolean;
/** The change specs of a fix, moved by `shift`. */
export function fixChanges(fix: Fix, shift?: number): { from: number; to: number; insert: string }[];
/** Whether two fixes touch the same text. */
export function fixesOverlap(a: Fix, b: Fix): boolean;
/** The first safe fix of each finding `filter` keeps, none overlapping: what "fix all" applies. */
export function safeFixes(result: Pick<CheckResult, 'diagnostics'>, filter?: (d: Diagnostic) => boolean): Fix[];
/** `修复：<title>` or `Fix: <title>`. */
export function fixLabel(fix: Fix, lang?: Lang): string;
