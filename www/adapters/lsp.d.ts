import type { CheckResult, Encoding, Lang } from '../pkg/reportcheck.js';

/** LSP types (3.17), as far as these functions use them. */
export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }
export interface LspDiagnostic {
  range: Range;
  /** 1 error, 2 warning, 3 information. */
  severity: 1 | 2 | 3;
  /** The rule id. */
  code: string;
  codeDescription: { href: string };
  source: 'reportcheck';
  message: string;
  relatedInformation?: { location: { uri: string; range: Range }; message: string }[];
}
export interface TextEdit { range: Range; newText: string }
export interface CodeAction {
  title: string;
  kind: 'quickfix' | 'source.fixAll';
  diagnostics: LspDiagnostic[];
  isPreferred?: boolean;
  edit: { changes: Record<string, TextEdit[]> };
}
export interface LspOptions {
  /** The document's URI, for related places in it. */
  uri?: string;
  /** Last year's report and its URI, for related places in it (`related[].previous`). */
  previousText?: string;
  previousUri?: string;
  /** The rule's page; default: the package's rules/<id>.html. */
  ruleUrl?: (rule: string) => string;
  /** The result's encoding; found from the result when not given. */
  encoding?: Encoding;
}

/** `result` → LSP diagnostics for `text` (the checked text): 0-based lines, UTF-16 characters. */
export function toLspDiagnostics(result: Pick<CheckResult, 'diagnostics'>, text: string, options?: LspOptions): LspDiagnostic[];
/** A quickfix per fix, and a `source.fixAll` of the safe ones; `range` keeps only the findings touching it. */
export function toLspCodeActions(result: Pick<CheckResult, 'diagnostics'>, text: string, uri: string, options?: LspOptions & { range?: Range; lang?: Lang }): CodeAction[];
/** Offsets → LSP positions for `text`; `fromUtf8` converts a UTF-8 byte offset to UTF-16. */
export function positions(text: string): { positionAt(offset: number): Position; fromUtf8(byte: number): number };
