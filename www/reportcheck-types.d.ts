// Generated from the Rust types by tests/typescript.rs (ts-rs): do not edit by hand.
// Regenerate with `UPDATE_TS=1 cargo test --features ts --test typescript`.

/**
 * Settings of one check.
 */
export type CheckOptions = {
  /**
   * Language of messages (`zh` default, or `en`).
   */
  lang?: Lang,
  /**
   * Encoding of `start`/`end` in diagnostics (`utf16` default, or `utf8`).
   */
  encoding?: Encoding,
  /**
   * Per-rule severity overrides (rule id → `error` | `warning` | `info` | `off`); they win over the schema's.
   */
  rules?: { [key in string]: Level },
  /**
   * Who reports, if the caller knows better than the title: an id of the schema's `reporters`
   * (the built-in formats have `government` and `department`).
   */
  reporter?: string,
  /**
   * Today's date, `YYYY-MM-DD`, for `date.future`. The CLI and the wasm binding fill in the
   * system date when it is not given; without it `date.future` says it was skipped.
   */
  today?: string,
  /**
   * Last year's report (its text), for the cross-year rules. Read on every check: a caller that
   * checks one draft many times sets it once with [`Checker::set_previous`] instead.
   */
  previous?: string,
};

/**
 * Language of messages.
 */
export type Lang = "zh" | "en";

/**
 * Which offsets `start`/`end` of a [`Diagnostic`] are in.
 */
export type Encoding = "utf16" | "utf8";

/**
 * A severity setting for a rule: a severity, or `off`.
 */
export type Level = "off" | "info" | "warning" | "error";

/**
 * The outcome of one check.
 */
export type CheckResult = {
  /**
   * Counts and what was read off the report.
   */
  summary: Summary,
  /**
   * Sorted by position.
   */
  diagnostics: Array<Diagnostic>,
  /**
   * What the schema requires, each with its state: what a drafter still has to do.
   */
  checklist: Array<ChecklistItem>,
  /**
   * The schema's sections found in the text, in text order, with their UTF-16/byte spans.
   */
  sections: Array<SectionFound>,
};

/**
 * Counts and what was read off the report.
 */
export type Summary = {
  /**
   * How many findings are errors.
   */
  errors: number,
  /**
   * How many are warnings.
   */
  warnings: number,
  /**
   * How many are infos.
   */
  infos: number,
  /**
   * No errors: the report can be submitted.
   */
  ready: boolean,
  /**
   * The schema the report was checked against, and why.
   */
  schema: SchemaUsed,
  /**
   * The report year, however it was found.
   */
  report_year: number | null,
  /**
   * The title line, as written.
   */
  title: string | null,
  /**
   * The reporting agency, from the title or the 落款.
   */
  agency: string | null,
  /**
   * Who reports: an id of the schema's `reporters`.
   */
  reporter: string | null,
  /**
   * The 落款 date, `YYYY-MM-DD`, when it is a valid date.
   */
  signature_date: string | null,
  /**
   * A 发布日期/公开日期 given in the text.
   */
  publication_date: string | null,
  /**
   * The legal deadline that applies.
   */
  deadline: Deadline | null,
  /**
   * The statistics tables found, and how their values were read.
   */
  tables: Array<TableRead>,
  /**
   * What every `start`/`end` offset of the result is in: `utf16` (JS string indices, the
   * default) or `utf8` (bytes), as the options asked.
   */
  encoding: Encoding,
};

/**
 * How the schema was chosen.
 */
export type SchemaUsed = {
  /**
   * The schema's id, e.g. `cn-ogi-2021`.
   */
  id: string,
  /**
   * The schema's title.
   */
  title: string,
  /**
   * `auto` when `auto` picked it, else `given`.
   */
  selected: Selected,
  /**
   * Why it was picked, in the message language.
   */
  reason: string,
};

/**
 * How the schema was chosen.
 */
export type Selected = "auto" | "given";

/**
 * The publication deadline that applies, and why.
 */
export type Deadline = {
  /**
   * `YYYY-MM-DD`.
   */
  date: string,
  /**
   * The reporter (an id of the schema's `reporters`) the deadline was taken for.
   */
  reporter: string,
  /**
   * True when the reporter could not be told and the earliest deadline was assumed.
   */
  assumed: boolean,
  /**
   * The legal basis of the deadline.
   */
  basis: string,
};

/**
 * A statistics table found in the report.
 */
export type TableRead = {
  /**
   * The table's id in the schema, e.g. `requests`.
   */
  id: string,
  /**
   * The table's title, e.g. `表三`.
   */
  title: string,
  /**
   * How values were assigned to columns: `header` (by the labels above them), `position` (by
   * their order in the row, where no header names the columns on the same grid) or `mixed`.
   */
  columns: ColumnsBy,
};

/**
 * How a table's values were assigned to its columns.
 */
export type ColumnsBy = "header" | "position" | "mixed";

/**
 * One required section, topic or table of the schema.
 */
export type ChecklistItem = {
  /**
   * `section`, `topic` or `table`.
   */
  kind: ItemKind,
  /**
   * The id of the section, topic or table in the schema.
   */
  id: string,
  /**
   * Its title in the schema.
   */
  title: string,
  /**
   * `ok`, `missing` (absent or empty), `faulty` (present with errors) or `unchecked` (could not be checked).
   */
  state: ItemState,
};

/**
 * What a checklist item is.
 */
export type ItemKind = "section" | "topic" | "table";

/**
 * Where a checklist item stands.
 */
export type ItemState = "ok" | "missing" | "faulty" | "unchecked";

/**
 * A section of the schema found in the text.
 */
export type SectionFound = {
  /**
   * The section's id in the schema.
   */
  id: string,
  /**
   * The section's title in the schema.
   */
  title: string,
  /**
   * Span of the whole section in the caller's encoding.
   */
  start: number,
  /**
   * End of the section, in the caller's encoding.
   */
  end: number,
};

/**
 * A finding as callers receive it: message in one language, positions in every encoding.
 */
export type Diagnostic = {
  /**
   * Stable rule id, e.g. `section.missing`.
   */
  rule: string,
  /**
   * How serious it is; `error` blocks submission.
   */
  severity: Severity,
  /**
   * What is wrong and what to do, in the chosen language.
   */
  message: string,
  /**
   * Start of the span in the caller's chosen [`Encoding`] (UTF-16 by default).
   */
  start: number,
  /**
   * End of the span (exclusive), in the same encoding.
   */
  end: number,
  /**
   * 1-based line of the start.
   */
  line: number,
  /**
   * 1-based column of the start, in UTF-16 units.
   */
  column: number,
  /**
   * 1-based line of the end.
   */
  end_line: number,
  /**
   * 1-based column of the end, in UTF-16 units.
   */
  end_column: number,
  /**
   * What the finding is about: a section, topic, table, cell … of the schema.
   */
  target?: Target,
  /**
   * What was expected there (a total, a year, a date …).
   */
  expected?: string,
  /**
   * What was found there.
   */
  actual?: string,
  /**
   * Other places that take part (SARIF `relatedLocations`).
   */
  related?: Array<Related>,
  /**
   * For HTML and other derived inputs: where the finding is in the visible text.
   */
  visible?: VisiblePosition,
  /**
   * For .docx input: the 1-based paragraph the finding is in.
   */
  paragraph?: number,
  /**
   * For .docx input: the 1-based table, row and column of a finding in a table.
   */
  cell?: [number, number, number],
  /**
   * Changes that resolve the finding (text input only), offsets in the chosen encoding.
   */
  fixes?: Array<Fix>,
};

/**
 * How serious a finding is. `error` blocks submission (`ready = false`).
 */
export type Severity = "info" | "warning" | "error";

/**
 * What a finding is about.
 */
export type Target = { "kind": "section", "id": string } | { "kind": "topic", "id": string } | { "kind": "pattern", "id": string } | { "kind": "meta", "id": string } | { "kind": "table", "id": string } | { "kind": "cell", "id": string };

/**
 * A half-open range in one encoding.
 */
export type Range = {
  /**
   * The first unit.
   */
  start: number,
  /**
   * The unit after the last.
   */
  end: number,
};

/**
 * Another place that takes part in a finding (another cell of a table identity, the number
 * in last year's report …).
 */
export type Related = {
  /**
   * Start in the caller's chosen encoding.
   */
  start: number,
  /**
   * End (exclusive) in the caller's chosen encoding.
   */
  end: number,
  /**
   * 1-based line of the start.
   */
  line: number,
  /**
   * 1-based column of the start, in UTF-16 units.
   */
  column: number,
  /**
   * What the place is, in the chosen language.
   */
  message: string,
  /**
   * The place is in last year's report (offsets into that text), not in this one.
   */
  previous?: boolean,
};

/**
 * A position in the visible text of a derived input (HTML): offsets in the caller's encoding,
 * 1-based line and column of the start.
 */
export type VisiblePosition = {
  /**
   * Start in the visible text, in the chosen encoding.
   */
  start: number,
  /**
   * End in the visible text (exclusive), in the chosen encoding.
   */
  end: number,
  /**
   * 1-based line of the start in the visible text.
   */
  line: number,
  /**
   * 1-based column of the start in the visible text, in UTF-16 units.
   */
  column: number,
};

/**
 * A change that resolves a finding, as callers receive it: offsets in the chosen encoding.
 */
export type Fix = {
  /**
   * What the change does, in the chosen language.
   */
  title: string,
  /**
   * Fit for 全部修复 (applying every safe fix at once without a look): see [`Fix::safe`].
   */
  safe: boolean,
  /**
   * The edits; they never overlap. Apply them from the end.
   */
  edits: Array<Edit>,
};

/**
 * One edit of a fix: replace `start..end` (in the chosen encoding) with `replacement`.
 */
export type Edit = {
  /**
   * Start of the replaced text, in the chosen encoding.
   */
  start: number,
  /**
   * End of the replaced text (exclusive), in the chosen encoding.
   */
  end: number,
  /**
   * The text that replaces it.
   */
  replacement: string,
};
