//! The rules. Each module reads the [`Document`] and the compiled schema and
//! pushes [`Finding`]s; none of them knows about positions other than bytes.

mod arithmetic;
pub(crate) mod dates;
mod meta;
mod patterns;
mod previous;

pub(crate) mod sections;
mod tables;
mod topics;

use crate::diagnostic::{Finding, Message, Target};
use crate::document::{Document, Reporter};
use crate::position::Span;
use crate::rule::{Level, Rule, Severity};
use crate::schema::CompiledSchema;
use std::collections::BTreeMap;

/// What every rule gets: the document, the schema, the caller's settings, and where to report.
pub(crate) struct Ctx<'a, 't> {
    pub doc: &'a Document<'t>,
    pub schema: &'a CompiledSchema,
    pub overrides: &'a BTreeMap<String, Level>,
    pub reporter: Option<Reporter>,
    /// The caller's today, for `date.future`.
    pub today: Option<crate::dates::Date>,
    pub findings: Vec<Finding>,
    /// What the date rules read off the report, for the summary.
    pub dates: dates::DateFacts,
    /// The tables found, and how their values were assigned to columns, for the summary.
    pub tables: Vec<crate::checker::TableRead>,
    /// Last year's report, for the cross-year rules.
    pub previous: Option<&'a crate::previous::Previous>,
    /// When reading last year's report: its table cells are collected here.
    pub cells: Option<Vec<crate::previous::PreviousCell>>,
}

/// A finding under construction; `emit` files it at the rule's effective severity.
pub struct Report {
    pub rule: Rule,
    pub span: Span,
    pub message: Message,
    pub target: Option<Target>,
    pub expected: Option<String>,
    pub actual: Option<String>,
    /// A severity the schema sets for this one finding (a pattern's own severity).
    pub severity: Option<Severity>,
    pub related: Vec<(Span, Message)>,
    pub related_previous: Vec<(Span, Message)>,
    pub fixes: Vec<crate::diagnostic::Fix>,
}

impl Report {
    pub fn new(rule: Rule, span: Span, message: Message) -> Self {
        Report {
            rule,
            span,
            message,
            target: None,
            expected: None,
            actual: None,
            severity: None,
            related: Vec::new(),
            related_previous: Vec::new(),
            fixes: Vec::new(),
        }
    }
    pub fn fix(mut self, f: crate::diagnostic::Fix) -> Self {
        self.fixes.push(f);
        self
    }
    pub fn target(mut self, t: Target) -> Self {
        self.target = Some(t);
        self
    }
    pub fn expected(mut self, v: impl Into<String>) -> Self {
        self.expected = Some(v.into());
        self
    }
    pub fn actual(mut self, v: impl Into<String>) -> Self {
        self.actual = Some(v.into());
        self
    }
}

impl<'a, 't> Ctx<'a, 't> {
    /// File a finding unless its rule is off. The caller's overrides win over
    /// the schema's, which win over a pattern's own severity and the default.
    pub fn emit(&mut self, r: Report) {
        let id = r.rule.id();
        let level = self.overrides.get(id).or_else(|| self.schema.schema().rules.get(id));
        let severity = match level {
            Some(l) => l.severity(),
            None => Some(r.severity.unwrap_or(r.rule.default_severity())),
        };
        let Some(severity) = severity else { return };
        self.findings.push(Finding {
            rule: r.rule,
            severity,
            span: r.span,
            message: r.message,
            target: r.target,
            expected: r.expected,
            actual: r.actual,
            related: r.related,
            related_previous: r.related_previous,
            fixes: r.fixes,
        });
    }

    /// Find the document section matched to the schema's section `id`; when it is missing, say
    /// that `what` in it was not checked (the missing section itself is `section.missing`).
    pub fn section_or_skip(&mut self, matched: &[sections::SectionMatch], id: &str, what: &str, target: Target) -> Option<usize> {
        let specs = &self.schema.schema().sections;
        let k = specs.iter().position(|s| s.id == id).expect("validated");
        if let Some(m) = matched.iter().find(|m| m.spec == k) {
            return Some(m.section);
        }
        let title = &specs[k].title;
        self.emit(
            Report::new(
                Rule::RuleSkipped,
                Span::empty(0),
                Message::new(format!("缺少章节“{title}”，未检查其中的{what}"), format!("section “{title}” is missing, so {what} in it was not checked")),
            )
            .target(target),
        );
        None
    }

    /// Run every rule; returns the document's sections matched to the schema's.
    pub fn run(&mut self) -> Vec<sections::SectionMatch> {
        // Nothing to check: one finding, not one per requirement.
        if self.doc.lines.iter().all(|l| l.kind == crate::document::LineKind::Blank) {
            self.emit(Report::new(
                Rule::InputEmpty,
                Span::empty(0),
                Message::new("还没有报告内容：请粘贴、输入或打开年度报告全文", "there is no text yet: paste, type or open the annual report"),
            ));
            return Vec::new();
        }
        let matched = sections::match_sections(self.doc, self.schema);
        sections::check(self, &matched);
        topics::check(self, &matched);
        tables::check(self, &matched);
        patterns::check(self);
        arithmetic::check(self);
        meta::check(self);
        dates::check(self);
        dates::future(self);
        if self.previous.is_some() {
            previous::check(self, &matched);
        }
        matched
    }
}
