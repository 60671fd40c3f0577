//! The `Checker`: built once from a schema choice, `check(text)` many times.

use crate::bind::Deadline;
use crate::dates::Date;
use crate::diagnostic::{Diagnostic, Encoding, Lang};
use crate::document::Document;
use crate::position::{LineIndex, SortKey};
use crate::rule::{Level, Rule, Severity};
use crate::schema::{CompiledSchema, Schema, SchemaError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `auto` chooses among the built-in schemas (`schema::BUILTIN`, newest format first): by the
/// report year among those that give their `years`, else by their `markers` (on equal markers
/// the newer format wins). The one built-in without `years` — the text checks every format
/// extends — is what `auto` uses when neither the year nor the content tells the format: the
/// checks that hold for any report (dates, placeholders, debris), never one format's requirements.
/// How many of a format's markers a report must contain for `auto` to judge it by that format.
const MIN_MARKERS: usize = 2;

/// Settings of one check.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields))]
#[serde(default, deny_unknown_fields)]
pub struct CheckOptions {
    /// Language of messages (`zh` default, or `en`).
    #[cfg_attr(feature = "ts", ts(as = "Option<_>"))]
    pub lang: Lang,
    /// Encoding of `start`/`end` in diagnostics (`utf16` default, or `utf8`).
    #[cfg_attr(feature = "ts", ts(as = "Option<_>"))]
    pub encoding: Encoding,
    /// Per-rule severity overrides (rule id → `error` | `warning` | `info` | `off`); they win over the schema's.
    #[cfg_attr(feature = "ts", ts(as = "Option<_>"))]
    pub rules: BTreeMap<String, Level>,
    /// Who reports, if the caller knows better than the title: an id of the schema's `reporters`
    /// (the built-in formats have `government` and `department`).
    pub reporter: Option<String>,
    /// Today's date, `YYYY-MM-DD`, for `date.future`. The CLI and the wasm binding fill in the
    /// system date when it is not given; without it `date.future` says it was skipped.
    pub today: Option<String>,
    /// Last year's report (its text), for the cross-year rules. Read on every check: a caller that
    /// checks one draft many times sets it once with [`Checker::set_previous`] instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
}

/// Options that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OptionsError {
    #[error("options.rules: unknown rule id `{0}`; run `reportcheck rules` or see docs/rules/ for the ids")]
    /// A rule id that no rule has.
    UnknownRule(String),
    #[error("options.today: `{0}` is not a date written YYYY-MM-DD, e.g. 2026-11-23")]
    /// A `today` that is not a date.
    Today(String),
    #[error("options.{0}: {1}")]
    /// A field with the wrong type or value: its path and serde's message.
    Field(String, String),
}

impl crate::schema::Located for CheckOptions {}

impl CheckOptions {
    /// Options from a JSON value; an error names the field.
    pub fn from_value(value: serde_json::Value) -> Result<CheckOptions, OptionsError> {
        let options: CheckOptions = crate::schema::locate_from_value(value).map_err(|(path, msg)| OptionsError::Field(path, msg))?;
        options.validate()?;
        Ok(options)
    }

    /// Check that every rule id named exists.
    pub fn validate(&self) -> Result<(), OptionsError> {
        if let Some(id) = self.rules.keys().find(|id| Rule::from_id(id).is_none()) {
            return Err(OptionsError::UnknownRule(id.clone()));
        }
        match &self.today {
            Some(t) if Date::parse_iso(t).is_none() => Err(OptionsError::Today(t.clone())),
            _ => Ok(()),
        }
    }
}

/// How the schema was chosen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SchemaUsed {
    /// The schema's id, e.g. `cn-ogi-2021`.
    pub id: String,
    /// The schema's title.
    pub title: String,
    /// `auto` when `auto` picked it, else `given`.
    pub selected: Selected,
    /// Why it was picked, in the message language.
    pub reason: String,
}

/// Counts and what was read off the report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Summary {
    /// How many findings are errors.
    pub errors: usize,
    /// How many are warnings.
    pub warnings: usize,
    /// How many are infos.
    pub infos: usize,
    /// No errors: the report can be submitted.
    pub ready: bool,
    /// The schema the report was checked against, and why.
    pub schema: SchemaUsed,
    /// The report year, however it was found.
    pub report_year: Option<i32>,
    /// The title line, as written.
    pub title: Option<String>,
    /// The reporting agency, from the title or the 落款.
    pub agency: Option<String>,
    /// Who reports: an id of the schema's `reporters`.
    pub reporter: Option<String>,
    /// The 落款 date, `YYYY-MM-DD`, when it is a valid date.
    pub signature_date: Option<String>,
    /// A 发布日期/公开日期 given in the text.
    pub publication_date: Option<String>,
    /// The legal deadline that applies.
    pub deadline: Option<Deadline>,
    /// The statistics tables found, and how their values were read.
    pub tables: Vec<TableRead>,
    /// What every `start`/`end` offset of the result is in: `utf16` (JS string indices, the
    /// default) or `utf8` (bytes), as the options asked.
    pub encoding: Encoding,
}

/// A statistics table found in the report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TableRead {
    /// The table's id in the schema, e.g. `requests`.
    pub id: String,
    /// The table's title, e.g. `表三`.
    pub title: String,
    /// How values were assigned to columns: `header` (by the labels above them), `position` (by
    /// their order in the row, where no header names the columns on the same grid) or `mixed`.
    pub columns: crate::bind::ColumnsBy,
}

/// The outcome of one check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheckResult {
    /// Counts and what was read off the report.
    pub summary: Summary,
    /// Sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    /// What the schema requires, each with its state: what a drafter still has to do.
    pub checklist: Vec<ChecklistItem>,
    /// The schema's sections found in the text, in text order, with their UTF-16/byte spans.
    pub sections: Vec<SectionFound>,
}

/// One required section, topic or table of the schema.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChecklistItem {
    /// `section`, `topic` or `table`.
    pub kind: ItemKind,
    /// The id of the section, topic or table in the schema.
    pub id: String,
    /// Its title in the schema.
    pub title: String,
    /// `ok`, `missing` (absent or empty), `faulty` (present with errors) or `unchecked` (could not be checked).
    pub state: ItemState,
}

/// How the schema was chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Selected {
    /// `auto` picked it (by the report year, else by the content).
    Auto,
    /// The caller named it.
    Given,
}

/// What a checklist item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// A required section.
    Section,
    /// A required topic.
    Topic,
    /// A required table.
    Table,
}

/// Where a checklist item stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum ItemState {
    /// Present and without errors.
    Ok,
    /// Absent (or, for a section, empty).
    Missing,
    /// Present, with errors.
    Faulty,
    /// Could not be checked.
    Unchecked,
}

macro_rules! lowercase_display {
    ($($t:ty),*) => {$(
        /// As the JSON result writes it.
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&format!("{self:?}").to_lowercase())
            }
        }
    )*};
}
lowercase_display!(Selected, ItemKind, ItemState, crate::bind::ColumnsBy);

/// A section of the schema found in the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SectionFound {
    /// The section's id in the schema.
    pub id: String,
    /// The section's title in the schema.
    pub title: String,
    /// Span of the whole section in the caller's encoding.
    pub start: usize,
    /// End of the section, in the caller's encoding.
    pub end: usize,
}

enum Choice {
    /// `auto`'s schemas, each compiled the first time a report needs it: the first result waits
    /// for one schema's patterns, not for all of them.
    Auto(Vec<(Schema, std::sync::OnceLock<CompiledSchema>)>),
    Given(Box<CompiledSchema>),
}

/// A checker built once from a schema, reused for every text: regexes are
/// compiled here, never per check.
///
/// ```
/// use reportcheck::{Checker, CheckOptions};
/// let checker = Checker::new("auto").unwrap();
/// let result = checker.check("登录 注册\n某某局2010年政府信息公开工作年度报告\n", &CheckOptions::default());
/// assert_eq!(result.summary.schema.id, "cn-ogi-2008");
/// assert!(result.diagnostics.iter().any(|d| d.rule.id() == "text.debris"));
/// ```
pub struct Checker {
    choice: Choice,
    previous: Option<crate::previous::Previous>,
}

impl Checker {
    /// A checker for a built-in schema id, or `auto` to pick by report year.
    pub fn new(schema: &str) -> Result<Checker, SchemaError> {
        if schema == "auto" {
            let all = crate::schema::builtin_ids().into_iter().map(|id| Ok((Schema::builtin(id)?, Default::default()))).collect::<Result<_, SchemaError>>()?;
            return Ok(Checker { choice: Choice::Auto(all), previous: None });
        }
        Checker::from_schema(Schema::builtin(schema)?)
    }

    /// A checker for a schema given as JSON text (which may `extends` a built-in).
    pub fn from_json(json: &str) -> Result<Checker, SchemaError> {
        Checker::from_schema(Schema::from_json(json)?)
    }

    /// A checker for a schema value.
    pub fn from_schema(schema: Schema) -> Result<Checker, SchemaError> {
        Ok(Checker { choice: Choice::Given(Box::new(CompiledSchema::new(schema)?)), previous: None })
    }

    /// Check `text`. Never changes it, never fails: whatever cannot be checked is reported.
    pub fn check(&self, text: &str, options: &CheckOptions) -> CheckResult {
        self.check_view(text, text, &SameText, &[], options)
    }

    /// Keep last year's report beside the checker (read once), for the cross-year rules of every
    /// following check; `None` forgets it. `options.previous`, when given, wins for that check.
    pub fn set_previous(&mut self, text: Option<&str>) {
        self.previous = text.map(|t| self.read_previous(t));
    }

    /// The section titles of the schema, or of every built-in `auto` may pick: what the parser
    /// knows of headings that run on after other text (data, not code: the parser knows no schema).
    fn section_titles(&self) -> Vec<&str> {
        let mut titles: Vec<&str> = match &self.choice {
            Choice::Given(s) => s.schema().sections.iter().map(|s| s.title.as_str()).collect(),
            Choice::Auto(all) => all.iter().flat_map(|(s, _)| s.sections.iter().map(|s| s.title.as_str())).collect(),
        };
        titles.sort_unstable();
        titles.dedup();
        titles
    }

    /// Read last year's report: its year, agency, table cells and narrative sentences.
    pub fn read_previous(&self, text: &str) -> crate::previous::Previous {
        let folded = crate::text::reading_form(text);
        let mut doc = Document::parse_with(&folded, &self.section_titles());
        doc.source = text;
        let schema = match &self.choice {
            Choice::Given(s) => s.as_ref(),
            Choice::Auto(all) => auto_pick(all, &doc, true).0,
        };
        let b = crate::bind::bind(&doc, schema, None, None, None);
        let mut sentences = Vec::new();
        let specs = &schema.schema().sections;
        let places: Vec<(String, crate::position::Span)> = if specs.is_empty() {
            vec![(String::new(), crate::position::Span::new(0, text.len()))]
        } else {
            b.sections.iter().filter(|m| specs[m.spec].narrative).map(|m| (specs[m.spec].id.clone(), doc.sections[m.section].body)).collect()
        };
        for (id, span) in places {
            sentences.extend(crate::previous::sentences(doc.text, span).into_iter().map(|(s, hash, _)| (crate::previous::keyed(&id, hash), s)));
        }
        // Sorted by key, the first place of each sentence kept.
        let mut keyed: Vec<SortKey> = sentences.iter().map(|&(k, s)| (k, s.start, s.end, 0)).collect();
        keyed.sort_unstable();
        keyed.dedup_by_key(|e| e.0);
        let sentences = keyed.into_iter().map(|(k, start, end, _)| (k, crate::position::Span::new(start, end))).collect();
        crate::previous::Previous {
            text: text.to_string(),
            year: doc.report_year(),
            agency: doc.agency().map(|a| doc.quote(a).to_string()),
            cells: b.cells(),
            sentences,
        }
    }

    /// Check a .docx file (Word or WPS): its text is checked as it reads with tracked changes
    /// accepted (an `input.tracked-changes` note says so), and each finding names its paragraph
    /// and, in a table, its table, row and column. A file that is not a readable .docx gives one
    /// `input.unreadable` error that says why and what to do.
    #[cfg(feature = "docx")]
    pub fn check_docx(&self, bytes: &[u8], options: &CheckOptions) -> CheckResult {
        let docx = match crate::input::docx::read(bytes) {
            Ok(d) => d,
            Err(e) => return self.check_view("", "", &SameText, &[(Rule::InputUnreadable, e.message())], options),
        };
        let notes = if docx.tracked_changes {
            vec![(
                Rule::InputTrackedChanges,
                crate::diagnostic::Message::new(
                    "文档含有修订，已按接受全部修订后的文本检查；提交前请接受或拒绝修订",
                    "the document has tracked changes and was checked as if all were accepted; accept or reject them before submitting",
                ),
            )]
        } else {
            Vec::new()
        };
        let mut result = self.check_view(&docx.text, &docx.text, &SameText, &notes, options);
        for d in &mut result.diagnostics {
            // A fix edits text; the .docx file is not rewritten.
            d.fixes.clear();
            if let Some(p) = docx.place(d.bytes.start) {
                d.paragraph = Some(p.paragraph);
                d.cell = p.table.zip(p.row).zip(p.column).map(|((t, r), c)| [t, r, c]);
            }
        }
        result
    }

    /// Check an HTML document (a portal editor's content, a saved page, Word's clipboard HTML):
    /// its visible text is checked, and every position points into the HTML source, with
    /// `visible` giving the position in the visible text.
    ///
    /// ```
    /// use reportcheck::{Checker, CheckOptions};
    /// let html = "<p>登录&nbsp;|&nbsp;注册</p><p>某局2010年政府信息公开工作年度报告</p>";
    /// let r = Checker::new("auto").unwrap().check_html(html, &CheckOptions::default());
    /// let d = r.diagnostics.iter().find(|d| d.rule.id() == "text.debris").unwrap();
    /// assert_eq!(&html[d.bytes.start..d.bytes.end], "登录&nbsp;|&nbsp;注册");
    /// ```
    #[cfg(feature = "html")]
    pub fn check_html(&self, html: &str, options: &CheckOptions) -> CheckResult {
        let view = match crate::input::html::read(html) {
            Ok(v) => v,
            Err(e) => return self.check_view("", "", &SameText, &[(Rule::InputUnreadable, e.message())], options),
        };
        self.check_view(&view.text, html, &view, &[], options)
    }

    /// Check `text`, which is `source` itself ([`SameText`]) or the visible text derived from it.
    /// Generic so that plain-text checking carries no mapping code (it matters in the wasm).
    fn check_view<V: View>(&self, text: &str, source: &str, view: &V, notes: &[(Rule, crate::diagnostic::Message)], options: &CheckOptions) -> CheckResult {
        if let Some(why) = crate::input::refuse_text(text) {
            return self.check_view("", "", &SameText, &[(Rule::InputUnreadable, why)], options);
        }
        // Read with one kind of line end, a traditional-script copy as simplified; offsets are the
        // same, the text untouched.
        let folded = crate::text::reading_form(text);
        let mut doc = Document::parse_with(&folded, &self.section_titles());
        doc.source = text;
        let year = doc.report_year();
        let zh = options.lang == Lang::Zh;
        let mut notes = notes.to_vec();
        let (schema, selected, reason) = match &self.choice {
            Choice::Given(s) => (s.as_ref(), Selected::Given, if zh { "由调用方指定".to_string() } else { "given by the caller".to_string() }),
            Choice::Auto(all) => {
                let (schema, reason) = auto_pick(all, &doc, zh);
                if schema.schema().years.is_none() && !doc.lines.iter().all(|l| l.kind == crate::document::LineKind::Blank) {
                    notes.push((
                        Rule::RuleSkipped,
                        crate::diagnostic::Message::new(
                            "无法确定报告年度，也无法从内容判断报告采用的格式，未检查章节、必备内容和统计表；请在标题中写明年度（如“2024年政府信息公开工作年度报告”）",
                            "neither the report year nor the content tells which format the report follows, so sections, required contents and tables were not checked; put the year in the title (e.g. “2024年政府信息公开工作年度报告”)",
                        ),
                    ));
                }
                (schema, Selected::Auto, reason)
            }
        };
        let reporters = &schema.schema().reporters;
        if let Some(id) = options.reporter.as_deref().filter(|id| !reporters.iter().any(|r| r.id == *id)) {
            let known: Vec<&str> = reporters.iter().map(|r| r.id.as_str()).collect();
            notes.push((
                Rule::RuleSkipped,
                crate::diagnostic::Message::new(
                    format!("指定的报告机关类型“{id}”不在“{}”的报告机关类型（{}）中，已按机关名称判断", schema.schema().title, known.join("、")),
                    format!("the reporter `{id}` given is not one of {}'s ({}); the agency's name was used instead", schema.schema().title, known.join(", ")),
                ),
            ));
        }
        let given_previous = options.previous.as_deref().map(|t| self.read_previous(t));
        let previous = given_previous.as_ref().or(self.previous.as_ref());
        let today = options.today.as_deref().and_then(Date::parse_iso);
        let bound = crate::bind::bind(&doc, schema, options.reporter.as_deref(), today, previous);
        let reporter = bound.reporter.map(|r| schema.schema().reporters[r].id.clone());
        let mut out = crate::rules::Findings::new(&options.rules, schema.schema());
        for (rule, message) in &notes {
            out.emit(crate::diagnostic::Finding::new(*rule, crate::position::Span::empty(0), message.clone()));
        }
        if !notes.iter().any(|(r, _)| *r == Rule::InputUnreadable) {
            crate::rules::run(&bound, &mut out);
        }
        let facts = &bound.dates;
        let tables = bound
            .tables
            .iter()
            .zip(&schema.schema().tables)
            .filter_map(|(t, spec)| {
                let t = t.as_ref().filter(|t| !t.rows.is_empty())?;
                Some(TableRead { id: spec.id.clone(), title: spec.title.clone(), columns: t.columns_by })
            })
            .collect();
        let matched = &bound.sections;
        // By position and rule; findings that tie keep the order they were found in.
        let mut order: Vec<SortKey> = out.list.iter().enumerate().map(|(i, f)| (f.span.start as u64, f.span.end, f.rule as usize, i)).collect();
        order.sort_unstable();
        let mut found: Vec<Option<crate::diagnostic::Finding>> = out.list.into_iter().map(Some).collect();
        let findings: Vec<crate::diagnostic::Finding> = order.iter().filter_map(|o| found[o.3].take()).collect();
        let checklist = checklist(schema.schema(), &findings, reporter.as_deref());
        let index = LineIndex::new(source);
        let previous_index = previous.map(|p| LineIndex::new(&p.text));
        let visible_index = view.visible_text().map(LineIndex::new);
        let to_source = |span: crate::position::Span| view.source_span(span);
        let sections = matched
            .iter()
            .map(|m| {
                let span = to_source(doc.sections[m.section].span);
                let (start, end) = options.encoding.offsets(index.position(span.start), index.position(span.end));
                let spec = &schema.schema().sections[m.spec];
                SectionFound { id: spec.id.clone(), title: spec.title.clone(), start, end }
            })
            .collect();
        let diagnostics: Vec<Diagnostic> = findings
            .into_iter()
            .map(|mut f| {
                let visible = visible_index.as_ref().map(|vi| {
                    let (s, e) = (vi.position(f.span.start), vi.position(f.span.end));
                    let (start, end) = options.encoding.offsets(s, e);
                    crate::diagnostic::VisiblePosition { start, end, line: s.line, column: s.column }
                });
                f.span = to_source(f.span);
                for (span, _) in f.related.iter_mut() {
                    *span = to_source(*span);
                }
                let mut d = Diagnostic::from_finding(f, &index, previous_index.as_ref(), options.lang, options.encoding, view.visible_text().is_none());
                d.visible = visible;
                d
            })
            .collect();
        let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
        let errors = count(Severity::Error);
        let summary = Summary {
            errors,
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            ready: errors == 0,
            schema: SchemaUsed { id: schema.schema().id.clone(), title: schema.schema().title.clone(), selected, reason },
            report_year: year,
            title: doc.title.map(|t| doc.slice(t.span).to_string()),
            agency: doc.agency().map(|a| doc.slice(a).to_string()),
            reporter,
            signature_date: facts.signature_date.map(|d| d.to_string()),
            publication_date: facts.publication_date.map(|(d, _)| d.to_string()),
            deadline: facts.deadline.clone(),
            tables,
            encoding: options.encoding,
        };
        CheckResult { summary, diagnostics, checklist, sections }
    }
}

/// The schema `auto` uses for `doc`, and why: by the report year; failing that, by the format
/// whose markers the text contains most; failing that, the text checks alone.
fn auto_pick<'s>(all: &'s [(Schema, std::sync::OnceLock<CompiledSchema>)], doc: &Document<'_>, zh: bool) -> (&'s CompiledSchema, String) {
    /// Compiled the first time a report needs it: the first result waits for one schema, not all.
    fn compiled((s, c): &(Schema, std::sync::OnceLock<CompiledSchema>)) -> &CompiledSchema {
        c.get_or_init(|| CompiledSchema::new(s.clone()).expect("built-in schemas compile (a test in schema::compiled)"))
    }
    if let Some(y) = doc.year {
        if let Some(s) = all.iter().find(|(s, _)| s.years.is_some_and(|r| r.contains(y.year))).map(compiled) {
            let what = y.source.describe(y.year, zh);
            let why = if zh { format!("按{what}自动选择") } else { format!("picked for {what}") };
            return (s, why);
        }
    }
    let mut best: Option<(&CompiledSchema, usize)> = None;
    for s in all.iter().filter(|(s, _)| !s.markers.is_empty()).map(compiled) {
        let n = s.markers.which(doc.text).into_iter().filter(|&f| f).count();
        if n >= MIN_MARKERS && best.is_none_or(|(_, m)| n > m) {
            best = Some((s, n));
        }
    }
    let year_part = match doc.year {
        Some(y) if zh => format!("报告年度{}年不在任何内置格式的适用范围内", y.year),
        Some(y) => format!("no built-in format covers the report year {}", y.year),
        None if zh => "未找到报告年度".to_string(),
        None => "no report year found".to_string(),
    };
    match best {
        Some((s, n)) => {
            let t = &s.schema().title;
            let why = if zh {
                format!("{year_part}，按内容判断为“{t}”：含该格式的表格或标题用语{n}处")
            } else {
                format!("{year_part}; judged by the content to be “{t}”: {n} phrases of that format's tables or headings")
            };
            (s, why)
        }
        None => {
            let why = if zh {
                format!("{year_part}，也无法从内容判断格式，只做通用文字检查")
            } else {
                format!("{year_part}, and the content does not tell the format; only the general text checks were run")
            };
            (all.iter().find(|(s, _)| s.years.is_none()).map(compiled).expect("the text checks are built in"), why)
        }
    }
}

/// How spans of the checked text map to the caller's source.
trait View {
    fn source_span(&self, span: crate::position::Span) -> crate::position::Span;
    /// The visible text, when it differs from the source.
    fn visible_text(&self) -> Option<&str>;
}

/// The checked text is the source.
struct SameText;

impl View for SameText {
    fn source_span(&self, span: crate::position::Span) -> crate::position::Span {
        span
    }
    fn visible_text(&self) -> Option<&str> {
        None
    }
}

#[cfg(feature = "html")]
impl View for crate::input::Visible {
    fn source_span(&self, span: crate::position::Span) -> crate::position::Span {
        crate::input::Visible::source_span(self, span)
    }
    fn visible_text(&self) -> Option<&str> {
        Some(&self.text)
    }
}

/// The schema's required sections, topics and tables with what the findings say of each.
fn checklist(schema: &Schema, findings: &[crate::diagnostic::Finding], reporter: Option<&str>) -> Vec<ChecklistItem> {
    use crate::diagnostic::Target;
    let about = |f: &crate::diagnostic::Finding, want: &Target| match (&f.target, want) {
        (Some(Target::Cell(c)), Target::Table(t)) => c.split('/').next() == Some(t.as_str()),
        (Some(t), w) => t == w,
        _ => false,
    };
    let state = |target: Target, missing: &[Rule]| -> ItemState {
        let mine: Vec<_> = findings.iter().filter(|f| about(f, &target)).collect();
        if mine.iter().any(|f| missing.contains(&f.rule)) {
            ItemState::Missing
        } else if mine.iter().any(|f| f.severity == Severity::Error) {
            ItemState::Faulty
        } else if mine.iter().any(|f| f.rule == Rule::RuleSkipped) {
            ItemState::Unchecked
        } else {
            ItemState::Ok
        }
    };
    let mut items = Vec::new();
    for s in schema.sections.iter().filter(|s| s.required) {
        let st = state(Target::Section(s.id.clone()), &[Rule::SectionMissing, Rule::SectionEmpty]);
        items.push(ChecklistItem { kind: ItemKind::Section, id: s.id.clone(), title: s.title.clone(), state: st });
    }
    for t in schema.topics.iter().filter(|t| t.reporter.is_none() || t.reporter.as_deref() == reporter) {
        let st = state(Target::Topic(t.id.clone()), &[Rule::TopicMissing]);
        items.push(ChecklistItem { kind: ItemKind::Topic, id: t.id.clone(), title: t.title.clone(), state: st });
    }
    for t in schema.tables.iter().filter(|t| t.required) {
        let st = state(Target::Table(t.id.clone()), &[Rule::TableMissing]);
        items.push(ChecklistItem { kind: ItemKind::Table, id: t.id.clone(), title: t.title.clone(), state: st });
    }
    items
}
