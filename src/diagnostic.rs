//! Findings: what the checker reports, with positions in every encoding.

use crate::position::{LineIndex, Span};
use crate::rule::{Rule, Severity};
use serde::Serialize;

/// Language of messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Deserialize, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Chinese (the default).
    #[default]
    Zh,
    /// English.
    En,
}

/// A message in both languages; one is picked by [`Lang`] when the result is built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// The Chinese text.
    pub zh: String,
    /// The English text.
    pub en: String,
}

impl Message {
    /// Both texts.
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Message { zh: zh.into(), en: en.into() }
    }
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// What a finding is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", content = "id", rename_all = "lowercase")]
pub enum Target {
    /// A section of the schema, by its id.
    Section(String),
    /// A topic of the schema, by its id.
    Topic(String),
    /// A text pattern of the schema, by its id.
    Pattern(String),
    /// The report's metadata (title, agency).
    Meta(String),
    /// A statistics table, by its id.
    Table(String),
    /// A cell: `table/row/column` ids (`requests/results_total/total`).
    Cell(String),
}

/// A finding as the rules produce it: byte spans only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The rule that found it.
    pub rule: Rule,
    /// How serious it is: the rule's default until the schema or the caller says otherwise.
    pub severity: Severity,
    /// Where it is in the checked text (bytes).
    pub span: Span,
    /// What is wrong and what to do, in both languages.
    pub message: Message,
    /// The section, topic, table, cell … it is about.
    pub target: Option<Target>,
    /// What was expected there (a total, a year, a date …).
    pub expected: Option<String>,
    /// What was found there.
    pub actual: Option<String>,
    /// Other places that take part (the cells of an identity).
    pub related: Vec<(Span, Message)>,
    /// Places in last year's report that take part (spans into that text).
    pub related_previous: Vec<(Span, Message)>,
    /// Changes that resolve the finding, where the right change is known or nearly so.
    pub fixes: Vec<Fix>,
}

impl Finding {
    /// A finding of `rule` at `span`, at the rule's default severity until [`Finding::severity`]
    /// sets another (a pattern's or a topic's own).
    pub fn new(rule: Rule, span: Span, message: Message) -> Self {
        Finding {
            rule,
            severity: rule.default_severity(),
            span,
            message,
            target: None,
            expected: None,
            actual: None,
            related: Vec::new(),
            related_previous: Vec::new(),
            fixes: Vec::new(),
        }
    }
    /// What the finding is about.
    pub fn target(mut self, t: Target) -> Self {
        self.target = Some(t);
        self
    }
    /// What was expected there.
    pub fn expected(mut self, v: impl Into<String>) -> Self {
        self.expected = Some(v.into());
        self
    }
    /// What was found there.
    pub fn actual(mut self, v: impl Into<String>) -> Self {
        self.actual = Some(v.into());
        self
    }
    /// A change that resolves it.
    pub fn fix(mut self, f: Fix) -> Self {
        self.fixes.push(f);
        self
    }
    /// The severity the schema gives this one finding, if it gives one; the caller's and the
    /// schema's rule settings still win when the finding is filed.
    pub fn severity(mut self, s: Option<Severity>) -> Self {
        if let Some(s) = s {
            self.severity = s;
        }
        self
    }
}

/// A change that resolves a finding: edits of the checked text, each a byte span and its
/// replacement. Edits of one fix never overlap.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// What the change does, e.g. 将总计改为12（修改的是总计，不是分项）.
    pub title: Message,
    /// Fit for applying with every other safe fix at once (全部修复) without a look: it only
    /// removes debris or puts the format's or the year's own words in place.
    pub safe: bool,
    /// The edits: byte spans of the checked text and their replacements.
    pub edits: Vec<(Span, String)>,
}

impl Fix {
    /// One edit.
    pub fn replace(title: Message, safe: bool, span: Span, replacement: impl Into<String>) -> Fix {
        Fix { title, safe, edits: vec![(span, replacement.into())] }
    }
}

/// Which offsets `start`/`end` of a [`Diagnostic`] are in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Deserialize, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Encoding {
    /// UTF-16 code units, as JS strings index.
    #[default]
    Utf16,
    /// UTF-8 bytes, as Rust strings index.
    Utf8,
}

impl Encoding {
    /// The offsets of `start` and `end` in this encoding.
    pub fn offsets(self, start: crate::position::Position, end: crate::position::Position) -> (usize, usize) {
        match self {
            Encoding::Utf16 => (start.utf16, end.utf16),
            Encoding::Utf8 => (start.byte, end.byte),
        }
    }
}

/// A half-open range in one encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Range {
    /// The first unit.
    pub start: usize,
    /// The unit after the last.
    pub end: usize,
}

/// A finding as callers receive it: message in one language, positions in every encoding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Diagnostic {
    /// Stable rule id, e.g. `section.missing`.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub rule: Rule,
    /// How serious it is; `error` blocks submission.
    pub severity: Severity,
    /// What is wrong and what to do, in the chosen language.
    pub message: String,
    /// Start of the span in the caller's chosen [`Encoding`] (UTF-16 by default).
    pub start: usize,
    /// End of the span (exclusive), in the same encoding.
    pub end: usize,
    /// The span in UTF-8 bytes (Rust callers; the JSON result has one offset scheme, `start`/`end`).
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub bytes: Range,
    /// The span in UTF-16 code units (Rust callers only, as `bytes`).
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub utf16: Range,
    /// 1-based line of the start.
    pub line: usize,
    /// 1-based column of the start, in UTF-16 units.
    pub column: usize,
    /// 1-based line of the end.
    pub end_line: usize,
    /// 1-based column of the end, in UTF-16 units.
    pub end_column: usize,
    /// What the finding is about: a section, topic, table, cell … of the schema.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub target: Option<Target>,
    /// What was expected there (a total, a year, a date …).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub expected: Option<String>,
    /// What was found there.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub actual: Option<String>,
    /// Other places that take part (SARIF `relatedLocations`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub related: Vec<Related>,
    /// For HTML and other derived inputs: where the finding is in the visible text.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub visible: Option<VisiblePosition>,
    /// For .docx input: the 1-based paragraph the finding is in.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub paragraph: Option<usize>,
    /// For .docx input: the 1-based table, row and column of a finding in a table.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub cell: Option<[usize; 3]>,
    /// Changes that resolve the finding (text input only), offsets in the chosen encoding.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub fixes: Vec<FixOut>,
}

/// A change that resolves a finding, as callers receive it: offsets in the chosen encoding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "Fix"))]
pub struct FixOut {
    /// What the change does, in the chosen language.
    pub title: String,
    /// Fit for 全部修复 (applying every safe fix at once without a look): see [`Fix::safe`].
    pub safe: bool,
    /// The edits; they never overlap. Apply them from the end.
    pub edits: Vec<EditOut>,
}

/// One edit of a fix: replace `start..end` (in the chosen encoding) with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "Edit"))]
pub struct EditOut {
    /// Start of the replaced text, in the chosen encoding.
    pub start: usize,
    /// End of the replaced text (exclusive), in the chosen encoding.
    pub end: usize,
    /// The same range in UTF-8 bytes (Rust callers only: the JSON result has one offset scheme).
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub bytes: Range,
    /// The text that replaces it.
    pub replacement: String,
}

/// A position in the visible text of a derived input (HTML): offsets in the caller's encoding,
/// 1-based line and column of the start.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VisiblePosition {
    /// Start in the visible text, in the chosen encoding.
    pub start: usize,
    /// End in the visible text (exclusive), in the chosen encoding.
    pub end: usize,
    /// 1-based line of the start in the visible text.
    pub line: usize,
    /// 1-based column of the start in the visible text, in UTF-16 units.
    pub column: usize,
}

/// Another place that takes part in a finding (another cell of a table identity, the number
/// in last year's report …).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Related {
    /// Start in the caller's chosen encoding.
    pub start: usize,
    /// End (exclusive) in the caller's chosen encoding.
    pub end: usize,
    /// The span in UTF-8 bytes (Rust callers; the JSON result has one offset scheme, `start`/`end`).
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub bytes: Range,
    /// The span in UTF-16 code units (Rust callers only, as `bytes`).
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub utf16: Range,
    /// 1-based line of the start.
    pub line: usize,
    /// 1-based column of the start, in UTF-16 units.
    pub column: usize,
    /// What the place is, in the chosen language.
    pub message: String,
    /// The place is in last year's report (offsets into that text), not in this one.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub previous: bool,
}

impl Diagnostic {
    /// Convert a finding, positions computed through `index` (and `previous`, the index of last
    /// year's report, for places in it). Fixes are kept only when `fixes` is true (text input).
    pub(crate) fn from_finding(f: Finding, index: &LineIndex<'_>, previous: Option<&LineIndex<'_>>, lang: Lang, enc: Encoding, fixes: bool) -> Self {
        let s = index.position(f.span.start);
        let e = index.position(f.span.end);
        let (start, end) = enc.offsets(s, e);
        let related_at = |index: &LineIndex<'_>, span: Span, msg: Message, previous: bool| {
            let (rs, re) = (index.position(span.start), index.position(span.end));
            let (start, end) = enc.offsets(rs, re);
            Related {
                start,
                end,
                bytes: Range { start: rs.byte, end: re.byte },
                utf16: Range { start: rs.utf16, end: re.utf16 },
                line: rs.line,
                column: rs.column,
                message: msg.get(lang).to_owned(),
                previous,
            }
        };
        let mut related: Vec<Related> = f.related.into_iter().map(|(span, msg)| related_at(index, span, msg, false)).collect();
        if let Some(prev) = previous {
            related.extend(f.related_previous.into_iter().map(|(span, msg)| related_at(prev, span, msg, true)));
        }
        let fixes = if fixes {
            f.fixes
                .into_iter()
                .map(|fix| FixOut {
                    title: fix.title.get(lang).to_owned(),
                    safe: fix.safe,
                    edits: fix
                        .edits
                        .into_iter()
                        .map(|(span, replacement)| {
                            let (a, b) = enc.offsets(index.position(span.start), index.position(span.end));
                            EditOut { start: a, end: b, bytes: Range { start: span.start, end: span.end }, replacement }
                        })
                        .collect(),
                })
                .collect()
        } else {
            Vec::new()
        };
        Diagnostic {
            rule: f.rule,
            severity: f.severity,
            message: f.message.get(lang).to_owned(),
            start,
            end,
            bytes: Range { start: s.byte, end: e.byte },
            utf16: Range { start: s.utf16, end: e.utf16 },
            line: s.line,
            column: s.column,
            end_line: e.line,
            end_column: e.column,
            target: f.target,
            expected: f.expected,
            actual: f.actual,
            related,
            visible: None,
            paragraph: None,
            cell: None,
            fixes,
        }
    }
}
