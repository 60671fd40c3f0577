//! The schema: what a report of one kind must contain, as data.
//!
//! Schemas are JSON (see `docs/schema-format.json` for a JSON Schema of the
//! format). The built-in ones are embedded from `src/schema/builtin/*.json`.
//! A custom schema may `extends` a built-in one and override parts of it:
//! objects merge key by key, and the lists `sections`, `topics` and `patterns`
//! merge by `id` (an entry with `"remove": true` drops the inherited one).

mod compiled;
pub mod limits;
mod locate;

pub use locate::{from_value as locate_from_value, Located};

pub use compiled::CompiledSchema;

use crate::diagnostic::Message;
use crate::rule::{Level, Severity};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The built-in schemas: (id, JSON source), from `src/schema/builtin/*.json`, minified by `build.rs`.
pub const BUILTIN: &[(&str, &str)] = &[
    ("cn-ogi-2021", include_str!(concat!(env!("OUT_DIR"), "/cn-ogi-2021.json"))),
    ("cn-ogi-2019", include_str!(concat!(env!("OUT_DIR"), "/cn-ogi-2019.json"))),
    ("cn-ogi-2008", include_str!(concat!(env!("OUT_DIR"), "/cn-ogi-2008.json"))),
    ("cn-ogi-text", include_str!(concat!(env!("OUT_DIR"), "/cn-ogi-text.json"))),
];

/// A report schema.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Schema {
    /// Editor hint (`"$schema": "…/schema-format.json"`); ignored.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub json_schema: Option<String>,
    /// Stable id, e.g. `cn-ogi-2021`.
    pub id: String,
    /// Display title.
    pub title: String,
    /// The legal source of the format.
    #[serde(default)]
    pub source: String,
    /// Version of this schema.
    #[serde(default)]
    pub version: String,
    /// Named pieces of regular expressions, used in any pattern as `${name}`, e.g.
    /// `"ws": "[ \\t\\u3000\\u00a0]"` for the blanks reports contain. Inherited with
    /// `extends` (a schema may redefine a name); a name that is not defined is an error.
    /// (Put in place, and removed, when the schema is read: only the JSON Schema names it.)
    #[cfg(feature = "json-schema")]
    #[serde(default, skip_serializing)]
    #[schemars(with = "BTreeMap<String, String>")]
    pub defines: Ignored,
    /// Id of a built-in schema this one overrides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extends: Option<String>,
    /// Report years this schema is for (used by `auto`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<YearRange>,
    /// Whether the sections must appear in the order listed.
    #[serde(default = "yes")]
    pub ordered: bool,
    /// The sections, in their prescribed order.
    #[serde(default)]
    pub sections: Vec<SectionSpec>,
    /// Contents that must be covered somewhere (or in a given section).
    #[serde(default)]
    pub topics: Vec<TopicSpec>,
    /// Text patterns (placeholders, web debris) reported wherever they occur.
    #[serde(default)]
    pub patterns: Vec<PatternSpec>,
    /// Per-rule severity overrides: rule id → `error` | `warning` | `info` | `off`.
    #[serde(default)]
    pub rules: BTreeMap<String, Level>,
    /// Who may report under this format, how each is recognised by its name and by when it must
    /// publish. A report is taken for the reporter whose `agency` pattern matches the longest part
    /// of the agency's name (so a province's `镇人民政府` reporter wins over the national
    /// `人民政府`); a reporter without patterns is every other agency.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reporters: Vec<ReporterSpec>,
    /// The legal basis of the deadlines, for the date rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dates: Option<DatePolicy>,
    /// The statistics tables.
    #[serde(default)]
    pub tables: Vec<TableSpec>,
    /// Regular expressions for phrases that only reports in this format contain (its table
    /// labels, its headings). When a report gives no year, `auto` uses the schema whose
    /// markers the report contains most (at least two).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub markers: Vec<String>,
    /// Regular expressions for sentences that list the report's parts (`本报告由总体情况、…组成`):
    /// such a sentence names topics without covering them, so topics are not looked for in it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub part_lists: Vec<String>,
}

/// What a cell holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum CellType {
    /// A whole number ≥ 0 (件, 个).
    #[default]
    Count,
    /// A whole number that may be negative (本年增/减).
    SignedCount,
    /// A decimal amount ≥ 0 (万元, 元), added exactly.
    Amount,
}

/// A statistics table of the format.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TableSpec {
    /// Stable id, e.g. `requests`.
    pub id: String,
    /// Display title (表三 收到和处理政府信息公开申请情况).
    pub title: String,
    /// The section (by id) whose table rows make up this table.
    pub section: String,
    /// A report without this table fails (`table.missing`); default true.
    #[serde(default = "yes")]
    pub required: bool,
    /// Unit of counts, for messages (`件`).
    #[serde(default)]
    pub unit: String,
    /// Columns in the order their values appear in a row.
    pub columns: Vec<ColumnSpec>,
    /// Rows; a row's label is matched against `patterns`.
    pub rows: Vec<RowSpec>,
    /// Identities the cells must satisfy (勾稽关系).
    #[serde(default)]
    pub identities: Vec<IdentitySpec>,
    /// Counts stated in the prose that must equal a cell (`共收到政府信息公开申请120件`).
    #[serde(default)]
    pub prose: Vec<ProseSpec>,
    /// Lines that add up a group of rows (`（六）其他处理` over its items 1–3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<RowGroupSpec>,
    /// With last year's report: rows whose every cell must equal a row of last year's table
    /// (表三 二、上年结转 = last year's 四、结转下年度继续办理).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub carry_over: Vec<CarryOverSpec>,
    /// With last year's report: a stock column that should be last year's plus what was added
    /// minus what was removed, per row (表二 现行有效 = 上年现行有效 + 本年制发 − 本年废止).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stock: Vec<StockSpec>,
    /// Largest difference tolerated in amount identities, as a decimal string (default exact).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<String>,
    /// With `extends`: drop the inherited table of this id.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub remove: bool,
}

/// A column of a table.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ColumnSpec {
    /// Stable id within the table, e.g. `total`.
    pub id: String,
    /// The column's header as the format prints it.
    pub label: String,
    /// What a cell of the column holds (JSON `type`); default a count.
    #[serde(default, rename = "type")]
    pub cell_type: CellType,
    /// Unit written after amounts (`万元`, `元`), accepted in cells and named in messages.
    #[serde(default)]
    pub unit: String,
    /// `/`, `—`, `无`, `不适用` are accepted in this column.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_applicable: bool,
    /// With `extends`: drop the inherited column of this id.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub remove: bool,
}

/// A row of a table.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RowSpec {
    /// Stable id, e.g. `permits`.
    pub id: String,
    /// The label as the format prints it.
    pub label: String,
    /// Regular expressions matched against the row's label (its last label cell first, then
    /// the whole label). A row with no patterns is the table's unlabelled data row.
    #[serde(default)]
    pub patterns: Vec<String>,
    /// The columns (by id) this row has values for; default all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    /// Whether a report must have this row.
    #[serde(default = "yes")]
    pub required: bool,
    /// Texts that show, and test, what it does (`cargo test` and `reportcheck schema test` run them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg(not(target_arch = "wasm32"))]
    pub examples: Option<Examples>,
    /// With `extends`: drop the inherited row of this id.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub remove: bool,
}

/// A line of a table that adds up several of its rows (`（六）其他处理` over 1.–3.). Where a
/// report gives only this line and none of its rows (an older layout), its values stand for
/// the rows' sum and one `table.rows-combined` warning says so; where it gives both, the line
/// must equal the rows' sum.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RowGroupSpec {
    /// Stable id within the table.
    pub id: String,
    /// The line's label as the format prints it.
    pub label: String,
    /// Regular expressions matched against the line's label, as for rows.
    pub patterns: Vec<String>,
    /// The rows (by id) the line adds up.
    pub rows: Vec<String>,
    /// With `extends`: drop the inherited group of this id.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub remove: bool,
}

/// This year's row `row` equals last year's row `from_row`, column by column.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CarryOverSpec {
    /// Stable id within the table.
    pub id: String,
    /// This year's row (by id), e.g. 上年结转.
    pub row: String,
    /// Last year's row (by id) it must equal, e.g. 结转下年度继续办理.
    pub from_row: String,
    /// With `extends`: drop the inherited rule of this id.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub remove: bool,
}

/// In every row that has `column`: this year's value ≈ last year's + `added` − `removed`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StockSpec {
    /// Stable id within the table.
    pub id: String,
    /// The stock column (by id), e.g. 现行有效件数.
    pub column: String,
    /// The column (by id) of what was added this year, e.g. 本年制发件数.
    pub added: String,
    /// The column (by id) of what was removed this year, e.g. 本年废止件数.
    pub removed: String,
    /// With `extends`: drop the inherited rule of this id.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub remove: bool,
}

/// A count in the prose that must equal a cell of the table.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProseSpec {
    /// Stable id within the table.
    pub id: String,
    /// A regular expression matching the phrase; the last number in the match is the count
    /// (`(?:收到|受理)[^。]{0,12}申请[0-9]+件`).
    pub pattern: String,
    /// The cell it must equal: its row (by id) …
    pub row: String,
    /// … and its column (by id).
    pub column: String,
    /// With `extends`: drop the inherited phrase of this id.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub remove: bool,
}

/// Which way an identity is applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Across {
    /// `total` and `parts` are row ids; the identity holds in every column.
    EachColumn,
    /// `total` and `parts` are column ids; the identity holds in every row.
    EachRow,
}

/// An identity: Σ `total` = Σ `parts`, in every column or every row (XBRL-style).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct IdentitySpec {
    /// Stable id within the table, e.g. `results_total`.
    pub id: String,
    /// The identity as reviewers state it (`（七）总计 = （一）至（六）各项之和`).
    pub title: String,
    /// Whether `total` and `parts` name rows (the identity holds in every column) or columns.
    pub across: Across,
    /// The reported side (a total, or the left side of an equation).
    pub total: Vec<String>,
    /// The side computed from its parts.
    pub parts: Vec<String>,
    /// With `extends`: drop the inherited identity of this id.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub remove: bool,
}

fn yes() -> bool {
    true
}
fn one() -> usize {
    1
}

/// An inclusive range of report years.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct YearRange {
    /// The first report year; none: no lower bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<i32>,
    /// The last report year; none: no upper bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<i32>,
}

impl YearRange {
    /// Whether `year` falls in the range.
    pub fn contains(&self, year: i32) -> bool {
        self.from.is_none_or(|f| year >= f) && self.to.is_none_or(|t| year <= t)
    }
}

/// A section of the format.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SectionSpec {
    /// Stable id, e.g. `overview`.
    pub id: String,
    /// The heading as the format words it, e.g. `总体情况`.
    pub title: String,
    /// Regular expressions that recognise reworded headings (`存在.*问题`).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Whether the section must be present.
    #[serde(default = "yes")]
    pub required: bool,
    /// Fewest non-blank characters of content under the heading.
    #[serde(default = "one")]
    pub min_chars: usize,
    /// Narrative prose written anew each year (总体情况, 存在的主要问题): with last year's report,
    /// its sentences are compared for copied text (`previous.copied`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub narrative: bool,
    /// Texts that show, and test, what it does (`cargo test` and `reportcheck schema test` run them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg(not(target_arch = "wasm32"))]
    pub examples: Option<Examples>,
    /// With `extends`: drop the inherited section of this id.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub remove: bool,
}

/// A content that must be covered.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TopicSpec {
    /// Stable id, e.g. `requests`.
    pub id: String,
    /// What must be covered, as the regulation words it.
    pub title: String,
    /// The topic is covered when any of these regular expressions matches.
    pub any_of: Vec<String>,
    /// Look only inside this section (by section id); else the whole text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// Required only of this reporter (an id of the schema's `reporters`, e.g. `government`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reporter: Option<String>,
    /// Legal basis, quoted in the message.
    #[serde(default)]
    pub basis: String,
    /// Overrides `topic.missing`'s severity for this topic.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    /// Texts that show, and test, what it does (`cargo test` and `reportcheck schema test` run them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg(not(target_arch = "wasm32"))]
    pub examples: Option<Examples>,
    /// With `extends`: drop the inherited topic of this id.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub remove: bool,
}

/// A text pattern reported wherever it occurs.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PatternSpec {
    /// Stable id, e.g. `login-register`.
    pub id: String,
    /// The rule id it reports under: `text.placeholder` or `text.debris`.
    pub rule: String,
    /// A regular expression (Rust `regex` syntax, without Unicode classes, `(?i)` or `\b`).
    pub pattern: String,
    /// Overrides the rule's severity for this pattern.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    /// What to tell the drafter; `{match}` is replaced by the matched text.
    pub message: LocalText,
    /// Texts that show, and test, what it does (`cargo test` and `reportcheck schema test` run them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg(not(target_arch = "wasm32"))]
    pub examples: Option<Examples>,
    /// With `extends`: drop the inherited pattern of this id.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub remove: bool,
}

/// A field only the JSON Schema of the format names: `defines` is put in place, and removed,
/// before a schema is deserialized.
#[cfg(feature = "json-schema")]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ignored;

#[cfg(feature = "json-schema")]
impl Serialize for Ignored {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_none()
    }
}

#[cfg(feature = "json-schema")]
impl<'de> Deserialize<'de> for Ignored {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(d).map(|_| Ignored)
    }
}

/// Example texts of a pattern, topic or table row: what it flags and what it lets pass.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// Texts that are flagged: a pattern finds something in each; a topic is not covered by
    /// any; a table row's label that is not taken for this row.
    #[serde(default)]
    pub flag: Vec<String>,
    /// Texts that pass: a pattern finds nothing in each; a topic is covered by each; a label
    /// that is taken for this row.
    #[serde(default)]
    pub pass: Vec<String>,
}

/// A text in Chinese and English.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LocalText {
    /// The Chinese text.
    pub zh: String,
    /// The English text.
    pub en: String,
}

impl From<&LocalText> for Message {
    fn from(t: &LocalText) -> Self {
        Message::new(t.zh.clone(), t.en.clone())
    }
}

/// One kind of reporting organ: a people's government reporting for itself, a department, a
/// township … and its deadline.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ReporterSpec {
    /// Stable id, e.g. `government`, `department`, `township`: what `CheckOptions.reporter`,
    /// `topics[].reporter` and the summary name.
    pub id: String,
    /// What such a report is, as messages name it (`{"zh": "部门报告", "en": "a department's report"}`).
    pub title: LocalText,
    /// Regular expressions matched against the agency's name (from the title or the 落款), e.g.
    /// `(镇|乡|街道)(人民政府|办事处)?$`. Empty: every agency no other reporter matches.
    #[serde(default)]
    pub agency: Vec<String>,
    /// Publication deadline, `MM-DD` in the year after the report year.
    pub deadline: String,
    /// With `extends`: drop the inherited reporter of this id.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub remove: bool,
}

/// The legal basis of the publication deadlines (the deadlines are the reporters').
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DatePolicy {
    /// Older schemas' way to set the `government` reporter's deadline (`MM-DD`); still read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub government_deadline: Option<String>,
    /// Older schemas' way to set the `department` reporter's deadline (`MM-DD`); still read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department_deadline: Option<String>,
    /// The legal basis of the deadlines.
    #[serde(default)]
    pub basis: String,
}

/// A schema that cannot be used, with the field that is wrong and what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SchemaError {
    /// The text is not JSON.
    #[error("schema is not valid JSON at line {line}, column {column}: {message}")]
    Json {
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// What the JSON parser says.
        message: String,
    },
    /// A field has a wrong value, or is missing or unknown.
    #[error("schema field `{path}`: {message}")]
    Field {
        /// The field's path, e.g. `sections[0].aliases[0]`.
        path: String,
        /// What is wrong with it and what to do.
        message: String,
    },
    /// Not a built-in schema's id (nor `auto`).
    #[error("unknown schema `{0}`: use `auto`, one of {known}, or a path to a JSON schema file", known = builtin_ids().join(", "))]
    Unknown(String),
}

impl SchemaError {
    fn field(path: impl Into<String>, message: impl Into<String>) -> Self {
        SchemaError::Field { path: path.into(), message: message.into() }
    }
}

/// The ids of the built-in schemas.
pub fn builtin_ids() -> Vec<&'static str> {
    BUILTIN.iter().map(|(id, _)| *id).collect()
}

/// The JSON source of a built-in schema.
///
/// ```
/// assert!(reportcheck::schema::builtin_json("cn-ogi-2021").unwrap().contains("总体情况"));
/// assert!(reportcheck::schema::builtin_json("nope").is_none());
/// ```
pub fn builtin_json(id: &str) -> Option<&'static str> {
    BUILTIN.iter().find(|(i, _)| *i == id).map(|(_, j)| *j)
}

impl Schema {
    /// Read a schema from JSON, resolving `extends` against the built-ins.
    ///
    /// ```
    /// use reportcheck::Schema;
    /// let s = Schema::from_json(r#"{"extends":"cn-ogi-2021","id":"my","title":"本机关格式",
    ///     "rules":{"section.order":"off"}}"#).unwrap();
    /// assert_eq!(s.sections.len(), 6);
    /// let err = Schema::from_json(r#"{"id":"x","title":"t","sections":[{"id":"a","titel":"b"}]}"#).unwrap_err();
    /// assert!(err.to_string().contains("sections[0]"));
    /// ```
    pub fn from_json(json: &str) -> Result<Schema, SchemaError> {
        limits::check_json_len(json)?;
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| SchemaError::Json { line: e.line(), column: e.column(), message: e.to_string() })?;
        Self::from_value(value)
    }

    /// Read a schema from a parsed JSON value, resolving `extends`.
    pub fn from_value(value: serde_json::Value) -> Result<Schema, SchemaError> {
        limits::check_value(&value)?;
        let value = expand_defines(resolve_extends(value, 0)?)?;
        limits::check_value(&value)?;
        let mut schema: Schema = locate::from_value(value).map_err(|(path, message)| SchemaError::field(path, message))?;
        schema.validate()?;
        // An older schema's `dates.government_deadline` / `department_deadline` set those reporters' deadlines.
        if let Some(d) = schema.dates.clone() {
            for (id, md) in [("government", d.government_deadline), ("department", d.department_deadline)] {
                if let (Some(md), Some(r)) = (md, schema.reporters.iter_mut().find(|r| r.id == id)) {
                    r.deadline = md;
                }
            }
        }
        Ok(schema)
    }

    /// A built-in schema by id.
    pub fn builtin(id: &str) -> Result<Schema, SchemaError> {
        let json = builtin_json(id).ok_or_else(|| SchemaError::Unknown(id.to_string()))?;
        Schema::from_json(json)
    }

    /// Checks that serde cannot express: ids unique, rule ids known, dates well formed.
    fn validate(&self) -> Result<(), SchemaError> {
        use crate::rule::Rule;
        fn unique<'a>(list: &str, ids: impl Iterator<Item = &'a str>) -> Result<(), SchemaError> {
            // Lists are short (schema/limits.rs caps them): comparing with the earlier ids keeps a
            // set's code out of the wasm.
            let mut seen: Vec<&str> = Vec::new();
            for (i, id) in ids.enumerate() {
                if id.is_empty() {
                    return Err(SchemaError::field(format!("{list}[{i}].id"), "must not be empty"));
                }
                if seen.contains(&id) {
                    return Err(SchemaError::field(format!("{list}[{i}].id"), format!("`{id}` is used twice; ids must be unique")));
                }
                seen.push(id);
            }
            Ok(())
        }
        unique("sections", self.sections.iter().map(|s| s.id.as_str()))?;
        unique("topics", self.topics.iter().map(|s| s.id.as_str()))?;
        unique("reporters", self.reporters.iter().map(|r| r.id.as_str()))?;
        for (i, r) in self.reporters.iter().enumerate() {
            if parse_month_day(&r.deadline).is_none() {
                return Err(SchemaError::field(format!("reporters[{i}].deadline"), format!("`{}` is not a month-day written MM-DD, e.g. 01-31", r.deadline)));
            }
        }
        unique("patterns", self.patterns.iter().map(|s| s.id.as_str()))?;
        for id in self.rules.keys() {
            if Rule::from_id(id).is_none() {
                return Err(SchemaError::field(
                    format!("rules.{id}"),
                    format!("unknown rule id; known ids: {}", Rule::ALL.iter().map(|r| r.id()).collect::<Vec<_>>().join(", ")),
                ));
            }
        }
        for (i, p) in self.patterns.iter().enumerate() {
            if !matches!(p.rule.as_str(), "text.placeholder" | "text.debris") {
                return Err(SchemaError::field(
                    format!("patterns[{i}].rule"),
                    format!("`{}` cannot be a pattern's rule; use `text.placeholder` or `text.debris`", p.rule),
                ));
            }
        }
        for (i, t) in self.topics.iter().enumerate() {
            if t.any_of.is_empty() {
                return Err(SchemaError::field(format!("topics[{i}].any_of"), "needs at least one pattern"));
            }
            if let Some(sec) = &t.section {
                if !self.sections.iter().any(|s| &s.id == sec) {
                    return Err(SchemaError::field(format!("topics[{i}].section"), format!("no section has id `{sec}`")));
                }
            }
            if let Some(r) = t.reporter.as_ref().filter(|r| !self.reporters.iter().any(|x| &x.id == *r)) {
                return Err(SchemaError::field(format!("topics[{i}].reporter"), format!("no reporter has id `{r}`")));
            }
        }
        unique("tables", self.tables.iter().map(|t| t.id.as_str()))?;
        for (i, t) in self.tables.iter().enumerate() {
            let at = |f: &str| format!("tables[{i}].{f}");
            if !self.sections.iter().any(|s| s.id == t.section) {
                return Err(SchemaError::field(at("section"), format!("no section has id `{}`", t.section)));
            }
            unique(&at("columns"), t.columns.iter().map(|c| c.id.as_str()))?;
            unique(&at("rows"), t.rows.iter().map(|r| r.id.as_str()))?;
            unique(&at("identities"), t.identities.iter().map(|r| r.id.as_str()))?;
            if t.columns.is_empty() {
                return Err(SchemaError::field(at("columns"), "needs at least one column"));
            }
            for (j, p) in t.prose.iter().enumerate() {
                if !t.rows.iter().any(|r| r.id == p.row) || !t.columns.iter().any(|c| c.id == p.column) {
                    return Err(SchemaError::field(format!("tables[{i}].prose[{j}]"), format!("no cell `{}`/`{}` in this table", p.row, p.column)));
                }
            }
            unique(&at("groups"), t.groups.iter().map(|g| g.id.as_str()))?;
            for (j, c) in t.carry_over.iter().enumerate() {
                if let Some(r) = [&c.row, &c.from_row].into_iter().find(|r| !t.rows.iter().any(|x| &x.id == *r)) {
                    return Err(SchemaError::field(format!("tables[{i}].carry_over[{j}]"), format!("no row has id `{r}`")));
                }
            }
            for (j, c) in t.stock.iter().enumerate() {
                if let Some(k) = [&c.column, &c.added, &c.removed].into_iter().find(|k| !t.columns.iter().any(|x| &x.id == *k)) {
                    return Err(SchemaError::field(format!("tables[{i}].stock[{j}]"), format!("no column has id `{k}`")));
                }
            }
            for (j, g) in t.groups.iter().enumerate() {
                if g.rows.is_empty() {
                    return Err(SchemaError::field(format!("tables[{i}].groups[{j}].rows"), "needs at least one row"));
                }
                if let Some(r) = g.rows.iter().find(|r| !t.rows.iter().any(|x| &x.id == *r)) {
                    return Err(SchemaError::field(format!("tables[{i}].groups[{j}].rows"), format!("no row has id `{r}`")));
                }
                if let Some(r) = g.rows.iter().find(|r| t.groups[..j].iter().any(|h| h.rows.contains(r))) {
                    return Err(SchemaError::field(format!("tables[{i}].groups[{j}].rows"), format!("row `{r}` is in another group already")));
                }
            }
            for (j, r) in t.rows.iter().enumerate() {
                for c in &r.columns {
                    if !t.columns.iter().any(|x| &x.id == c) {
                        return Err(SchemaError::field(format!("tables[{i}].rows[{j}].columns"), format!("no column has id `{c}`")));
                    }
                }
            }
            for (j, id) in t.identities.iter().enumerate() {
                let (kind, known): (&str, Vec<&str>) = match id.across {
                    Across::EachColumn => ("row", t.rows.iter().map(|r| r.id.as_str()).collect()),
                    Across::EachRow => ("column", t.columns.iter().map(|c| c.id.as_str()).collect()),
                };
                if id.total.is_empty() || id.parts.is_empty() {
                    return Err(SchemaError::field(format!("tables[{i}].identities[{j}]"), "needs `total` and `parts`"));
                }
                for key in id.total.iter().chain(&id.parts) {
                    if !known.contains(&key.as_str()) {
                        return Err(SchemaError::field(
                            format!("tables[{i}].identities[{j}]"),
                            format!("`{key}` is not a {kind} id of this table (across: {kind}s are summed)"),
                        ));
                    }
                }
            }
            if let Some(tol) = &t.tolerance {
                if crate::table::Decimal::parse(tol).is_none() {
                    return Err(SchemaError::field(at("tolerance"), format!("`{tol}` is not a decimal number")));
                }
            }
        }
        if let Some(d) = &self.dates {
            for (field, v) in [("government_deadline", &d.government_deadline), ("department_deadline", &d.department_deadline)] {
                let Some(v) = v else { continue };
                if !self.reporters.iter().any(|r| field.strip_suffix("_deadline") == Some(r.id.as_str())) {
                    return Err(SchemaError::field(
                        format!("dates.{field}"),
                        "sets a deadline for a reporter this schema does not have; give the deadline in `reporters` instead",
                    ));
                }
                if parse_month_day(v).is_none() {
                    return Err(SchemaError::field(format!("dates.{field}"), format!("`{v}` is not a month and day written MM-DD, e.g. 03-31")));
                }
            }
        }
        Ok(())
    }
}

/// Most names a schema may define.
const MAX_DEFINES: usize = 100;
/// The fields that hold regular expressions (each a string or a list of strings): only these
/// are expanded, so a message may say `${…}` as it likes.
const PATTERN_FIELDS: &[&str] = &["aliases", "any_of", "pattern", "patterns", "markers", "part_lists", "agency"];

/// Put each `${name}` of the schema's patterns in place with the piece `defines` gives it. A
/// name not defined is an error that names it.
fn expand_defines(mut value: serde_json::Value) -> Result<serde_json::Value, SchemaError> {
    use serde_json::Value;
    let mut pieces: Vec<(String, String)> = Vec::new();
    if let Some(defines) = value.get("defines") {
        let Value::Object(map) = defines else { return Err(SchemaError::field("defines", "must be an object of name: piece of a regular expression")) };
        if map.len() > MAX_DEFINES {
            return Err(SchemaError::field("defines", format!("has {} names, over the limit of {MAX_DEFINES}", map.len())));
        }
        for (name, piece) in map {
            let Some(piece) = piece.as_str().filter(|p| !p.contains("${")) else {
                return Err(SchemaError::field(format!("defines.{name}"), "must be a piece of a regular expression (a string, not using other defines)"));
            };
            pieces.push((name.clone(), piece.to_string()));
        }
    }
    // What expansion may add in all: a define used over and over must not blow a schema that is
    // within its size limit up to gigabytes before the limits are checked again.
    let mut budget = limits::MAX_JSON_BYTES;
    // One pass over the string: each `${name}` looked up among at most MAX_DEFINES names.
    let expand_one = |s: &mut String, budget: &mut usize| -> Result<(), SchemaError> {
        let mut out = String::with_capacity(s.len());
        let mut rest = s.as_str();
        while let Some(at) = rest.find("${") {
            out.push_str(&rest[..at]);
            let after = &rest[at + 2..];
            let name = after.split('}').next().unwrap_or_default();
            let Some((_, piece)) = pieces.iter().find(|(n, _)| n == name).filter(|_| after.len() > name.len()) else {
                let shown: String = name.chars().take(40).collect();
                return Err(SchemaError::field("defines", format!("`${{{shown}}}` is used in a pattern but not defined")));
            };
            if piece.len() > *budget {
                return Err(SchemaError::field("defines", "the defines are used so often that the schema would grow past 1 MiB; use them less"));
            }
            *budget -= piece.len();
            out.push_str(piece);
            rest = &after[name.len() + 1..];
        }
        out.push_str(rest);
        *s = out;
        Ok(())
    };
    fn walk(v: &mut Value, in_pattern: bool, f: &mut dyn FnMut(&mut String) -> Result<(), SchemaError>) -> Result<(), SchemaError> {
        match v {
            Value::String(s) if in_pattern && s.contains("${") => f(s)?,
            Value::Array(items) => items.iter_mut().try_for_each(|x| walk(x, in_pattern, f))?,
            Value::Object(map) => map.iter_mut().try_for_each(|(k, x)| walk(x, PATTERN_FIELDS.contains(&k.as_str()), f))?,
            _ => {}
        }
        Ok(())
    }
    walk(&mut value, false, &mut |s| expand_one(s, &mut budget))?;
    if let Value::Object(map) = &mut value {
        map.remove("defines");
    }
    // The wasm build does not read `examples` (they are run natively): they are accepted and dropped.
    #[cfg(target_arch = "wasm32")]
    fn drop_examples(v: &mut Value) {
        match v {
            Value::Object(map) => {
                map.remove("examples");
                map.values_mut().for_each(drop_examples);
            }
            Value::Array(items) => items.iter_mut().for_each(drop_examples),
            _ => {}
        }
    }
    #[cfg(target_arch = "wasm32")]
    drop_examples(&mut value);
    Ok(value)
}

/// Replace `extends` by the built-in it names (itself resolved), merged with `value`.
fn resolve_extends(value: serde_json::Value, depth: usize) -> Result<serde_json::Value, SchemaError> {
    let Some(base_id) = value.get("extends") else { return Ok(value) };
    let base_id = base_id.as_str().ok_or_else(|| SchemaError::field("extends", "must be the id of a built-in schema (a string)"))?;
    let base = builtin_json(base_id)
        .ok_or_else(|| SchemaError::field("extends", format!("`{base_id}` is not a built-in schema; use one of {}", builtin_ids().join(", "))))?;
    if depth > BUILTIN.len() {
        return Err(SchemaError::field("extends", format!("`{base_id}` extends itself in a loop")));
    }
    // `.ok()` first: `Result::expect` would link serde_json's Debug formatting into the wasm.
    #[allow(clippy::ok_expect)]
    let base: serde_json::Value = serde_json::from_str(base).ok().expect("built-in schemas are valid JSON");
    let mut merged = resolve_extends(base, depth + 1)?;
    merge(&mut merged, value);
    Ok(merged)
}

impl locate::Located for Schema {
    fn lists() -> &'static [(&'static str, fn(&serde_json::Value) -> Option<String>)] {
        &[("sections", SectionSpec::locate), ("topics", TopicSpec::locate), ("patterns", PatternSpec::locate), ("tables", TableSpec::locate)]
    }
    fn maps() -> &'static [(&'static str, fn(&serde_json::Value) -> bool)] {
        &[("rules", |v| serde_json::from_value::<Level>(v.clone()).is_err())]
    }
}
impl locate::Located for SectionSpec {}
impl locate::Located for TopicSpec {}
impl locate::Located for PatternSpec {}
impl locate::Located for ColumnSpec {}
impl locate::Located for RowSpec {}
impl locate::Located for IdentitySpec {}
impl locate::Located for ProseSpec {}
impl locate::Located for TableSpec {
    fn lists() -> &'static [(&'static str, fn(&serde_json::Value) -> Option<String>)] {
        &[("columns", ColumnSpec::locate), ("rows", RowSpec::locate), ("identities", IdentitySpec::locate), ("prose", ProseSpec::locate)]
    }
}

/// `MM-DD` → (month, day), for a day that exists in a leap year.
pub fn parse_month_day(s: &str) -> Option<(u32, u32)> {
    let (m, d) = s.split_once('-')?;
    let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    const DAYS: [u32; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    ((1..=12).contains(&m) && d >= 1 && d <= DAYS[m as usize - 1]).then_some((m, d))
}

/// Merge `over` into `base`: objects key by key; lists of objects with `id` by id; anything else replaced.
fn merge(base: &mut serde_json::Value, over: serde_json::Value) {
    use serde_json::Value;
    match (base, over) {
        (Value::Object(b), Value::Object(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(slot) => merge(slot, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (Value::Array(b), Value::Array(o)) if o.iter().all(|v| v.get("id").is_some()) && b.iter().all(|v| v.get("id").is_some()) => {
            for item in o {
                let removing = item.get("remove").and_then(Value::as_bool) == Some(true);
                match b.iter().position(|x| x.get("id") == item.get("id")) {
                    Some(i) if removing => {
                        b.remove(i);
                    }
                    Some(i) => merge(&mut b[i], item),
                    None if removing => {}
                    None => b.push(item),
                }
            }
        }
        (slot, v) => *slot = v,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `${name}` is the piece `defines` names, inherited and redefinable; an undefined name says which.
    #[test]
    fn defines_are_put_in_place() {
        let s = Schema::from_json(r#"{"id":"x","title":"t","extends":"cn-ogi-text","patterns":[{"id":"p","rule":"text.placeholder","pattern":"待${ws}*定","message":{"zh":"z","en":"e"}}]}"#).unwrap();
        assert_eq!(s.patterns.iter().find(|p| p.id == "p").unwrap().pattern, r"待[ \t\u3000\u00a0]*定");
        let s = Schema::from_json(r#"{"id":"x","title":"t","extends":"cn-ogi-text","defines":{"ws":"[ ]"},"markers":["a${ws}b"]}"#).unwrap();
        assert_eq!(s.markers, ["a[ ]b"]);
        let e = Schema::from_json(r#"{"id":"x","title":"t","markers":["a${wss}b"]}"#).unwrap_err().to_string();
        assert!(e.contains("`${wss}`") && e.contains("defines"), "{e}");
        // Only patterns are expanded: a message may say `${…}`.
        let s = Schema::from_json(r#"{"id":"x","title":"t","extends":"cn-ogi-text","patterns":[{"id":"p","rule":"text.placeholder","pattern":"a${ws}b","message":{"zh":"请勿使用${变量}","en":"e"}}]}"#).unwrap();
        assert_eq!(s.patterns.iter().find(|p| p.id == "p").unwrap().message.zh, "请勿使用${变量}");
        let e = Schema::from_json(r#"{"id":"x","title":"t","defines":{"a":1}}"#).unwrap_err().to_string();
        assert!(e.contains("defines.a"), "{e}");
        // A define used over and over cannot blow the schema up before the limits see it.
        let piece = "x".repeat(100_000);
        let uses = "${a}".repeat(400); // within the 2,000-byte pattern limit before expansion
        let json = format!(r#"{{"id":"x","title":"t","defines":{{"a":"{piece}"}},"markers":["{uses}"]}}"#);
        let e = Schema::from_json(&json).unwrap_err().to_string();
        assert!(e.contains("1 MiB"), "{e}");
    }

    /// An older schema's `dates.government_deadline` sets the `government` reporter's deadline, and
    /// only that reporter's: a reporter whose id merely starts the field's name is not it.
    #[test]
    fn legacy_deadline_fields_name_their_reporter_exactly() {
        let s = Schema::from_json(r#"{"id":"x","title":"t","extends":"cn-ogi-2021","dates":{"government_deadline":"02-15"}}"#).unwrap();
        assert_eq!(s.reporters.iter().find(|r| r.id == "government").unwrap().deadline, "02-15");
        let e = Schema::from_json(
            r#"{"id":"x","title":"t","reporters":[{"id":"gov","title":{"zh":"z","en":"e"},"deadline":"03-31"}],"dates":{"government_deadline":"01-15"}}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("dates.government_deadline"), "{e}");
    }

    /// `auto` falls back to the one built-in without `years` (checker.rs): there must be exactly one.
    #[test]
    fn exactly_one_builtin_gives_no_years() {
        let without: Vec<&str> = builtin_ids().into_iter().filter(|id| Schema::builtin(id).unwrap().years.is_none()).collect();
        assert_eq!(without, ["cn-ogi-text"]);
    }

    #[test]
    fn builtins_load() {
        for id in builtin_ids() {
            let s = Schema::builtin(id).unwrap();
            assert_eq!(s.id, id);
            CompiledSchema::new(s).unwrap();
        }
    }

    #[test]
    fn errors_name_the_field() {
        let e = Schema::from_json(r#"{"extends":"cn-ogi-2021","id":"x","title":"t","sections":[{"id":"other","remove":true}]}"#).unwrap_err();
        assert!(e.to_string().contains("topics[6].section"), "a topic in a removed section is reported: {e}");
        let e = Schema::from_json("{").unwrap_err();
        assert!(matches!(e, SchemaError::Json { line: 1, .. }), "{e}");
        let e = Schema::from_json(r#"{"id":"x","title":"t","extra":1}"#).unwrap_err();
        assert!(e.to_string().contains("unknown field `extra`"), "{e}");
        let e = Schema::from_json(r#"{"id":"x","title":"t","rules":{"section.gone":"off"}}"#).unwrap_err();
        assert!(e.to_string().contains("rules.section.gone"), "{e}");
        let e = Schema::from_json(r#"{"id":"x","title":"t","rules":{"section.order":"loud"}}"#).unwrap_err();
        assert!(e.to_string().contains("rules.section.order"), "{e}");
        let e = Schema::from_json(r#"{"extends":"cn-ogi-1999","id":"x","title":"t"}"#).unwrap_err();
        assert!(e.to_string().contains("extends") && e.to_string().contains("cn-ogi-2021"), "{e}");
        let e = Schema::from_json(r#"{"id":"x","extends":"cn-ogi-2021","title":"t","dates":{"government_deadline":"02-30","department_deadline":"01-31"}}"#)
            .unwrap_err();
        assert!(e.to_string().contains("dates.government_deadline"), "{e}");
    }

    #[test]
    fn extends_merges_lists_by_id() {
        let s = Schema::from_json(
            r#"{"extends":"cn-ogi-2021","id":"mine","title":"t",
                "sections":[{"id":"other","remove":true},{"id":"overview","title":"总体情况","min_chars":500}],
                "topics":[{"id":"processing-fees","remove":true}],
                "patterns":[{"id":"tbd","rule":"text.placeholder","pattern":"待定","message":{"zh":"待定","en":"TBD"}}]}"#,
        )
        .unwrap();
        assert_eq!(s.id, "mine");
        assert_eq!(s.sections.len(), 5);
        assert_eq!(s.sections[0].min_chars, 500);
        assert!(!s.sections[0].aliases.is_empty(), "inherited aliases kept");
        assert!(s.patterns.iter().any(|p| p.id == "tbd"));
        assert!(s.patterns.len() > 5);
        let s19 = Schema::builtin("cn-ogi-2019").unwrap();
        assert!(!s19.topics.iter().any(|t| t.id == "processing-fees"));
        assert_eq!(s19.patterns.len(), Schema::builtin("cn-ogi-text").unwrap().patterns.len());
    }

    #[test]
    fn regex_errors_name_the_field_and_say_what_works() {
        let e = CompiledSchema::new(Schema::from_json(r#"{"id":"x","title":"t","topics":[{"id":"a","title":"A","any_of":["ok","(?i)todo"]}]}"#).unwrap())
            .unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("topics[0].any_of[1]") && msg.contains("[Tt][Oo][Dd][Oo]"), "{msg}");
        let e = CompiledSchema::new(
            Schema::from_json(r#"{"id":"x","title":"t","patterns":[{"id":"p","rule":"text.debris","pattern":"a*","message":{"zh":"","en":""}}]}"#).unwrap(),
        )
        .unwrap_err();
        assert!(e.to_string().contains("empty string"), "{e}");
        let e =
            CompiledSchema::new(Schema::from_json(r#"{"id":"x","title":"t","topics":[{"id":"a","title":"A","any_of":["\\b申请"]}]}"#).unwrap()).unwrap_err();
        assert!(e.to_string().contains("topics[0].any_of[0]") && e.to_string().contains("\\b"), "{e}");
        let e = CompiledSchema::new(Schema::from_json(r#"{"id":"x","title":"t","topics":[{"id":"a","title":"A","any_of":["申请("]}]}"#).unwrap()).unwrap_err();
        assert!(e.to_string().contains("unclosed group"), "{e}");
    }

    #[test]
    fn month_day() {
        assert_eq!(parse_month_day("03-31"), Some((3, 31)));
        assert_eq!(parse_month_day("02-29"), Some((2, 29)));
        assert_eq!(parse_month_day("04-31"), None);
        assert_eq!(parse_month_day("1-31"), Some((1, 31)));
        assert_eq!(parse_month_day("x"), None);
    }
}
