//! The rules. Each is a function of the [`Bound`] document that only files [`Finding`]s: none
//! reads another's results, none knows about positions other than bytes.

mod arithmetic;
pub(crate) mod dates;
mod meta;
mod patterns;
mod previous;
mod sections;
mod tables;
mod topics;

use crate::bind::Bound;
use crate::diagnostic::{Finding, Message, Target};
use crate::document::LineKind;
use crate::position::Span;
use crate::rule::{Level, Rule};
use crate::schema::Schema;
use std::collections::BTreeMap;

/// Where rules file their findings: each at its effective severity, or dropped when its rule is off.
pub(crate) struct Findings<'a> {
    overrides: &'a BTreeMap<String, Level>,
    schema: &'a Schema,
    /// What was filed, in the order it was filed.
    pub list: Vec<Finding>,
}

impl<'a> Findings<'a> {
    /// An empty list under the caller's `overrides` and the schema's rule settings.
    pub fn new(overrides: &'a BTreeMap<String, Level>, schema: &'a Schema) -> Self {
        Findings { overrides, schema, list: Vec::new() }
    }

    /// File a finding unless its rule is off. The caller's overrides win over the schema's,
    /// which win over a pattern's own severity and the default.
    #[inline(never)] // called from every rule: one copy (the checker module has a size budget)
    pub fn emit(&mut self, mut f: Finding) {
        let id = f.rule.id();
        if let Some(level) = self.overrides.get(id).or_else(|| self.schema.rules.get(id)) {
            match level.severity() {
                Some(s) => f.severity = s,
                None => return,
            }
        }
        self.list.push(f);
    }

    /// The document section matched to the schema's section `id`; when it is missing, file that
    /// `what` in it was not checked (the missing section itself is `section.missing`).
    pub fn section_or_skip(&mut self, b: &Bound<'_, '_>, id: &str, what: &str, target: Target) -> Option<usize> {
        let specs = &b.schema.schema().sections;
        let k = specs.iter().position(|s| s.id == id).expect("validated");
        if let Some(m) = b.sections.iter().find(|m| m.spec == k) {
            return Some(m.section);
        }
        let title = &specs[k].title;
        self.emit(
            Finding::new(
                Rule::RuleSkipped,
                Span::empty(0),
                Message::new(format!("缺少章节“{title}”，未检查其中的{what}"), format!("section “{title}” is missing, so {what} in it was not checked")),
            )
            .target(target),
        );
        None
    }
}

/// Run every rule on the bound document.
pub(crate) fn run(b: &Bound<'_, '_>, out: &mut Findings<'_>) {
    // Nothing to check: one finding, not one per requirement.
    if b.doc.lines.iter().all(|l| l.kind == LineKind::Blank) {
        out.emit(Finding::new(
            Rule::InputEmpty,
            Span::empty(0),
            Message::new("还没有报告内容：请粘贴、输入或打开年度报告全文", "there is no text yet: paste, type or open the annual report"),
        ));
        return;
    }
    sections::check(b, out);
    topics::check(b, out);
    tables::check(b, out);
    patterns::check(b, out);
    arithmetic::check(b, out);
    meta::check(b, out);
    dates::check(b, out);
    dates::future(b, out);
    if b.previous.is_some() {
        previous::check(b, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::CompiledSchema;
    use crate::Document;

    /// Bind `text` to a built-in schema and run `rule` alone: what it files, as (rule id, text).
    fn alone(rule: fn(&Bound<'_, '_>, &mut Findings<'_>), schema: &str, text: &str) -> Vec<(&'static str, String)> {
        let schema = CompiledSchema::new(Schema::builtin(schema).unwrap()).unwrap();
        let doc = Document::parse(text);
        let bound = crate::bind::bind(&doc, &schema, None, None, None);
        let overrides = BTreeMap::new();
        let mut out = Findings::new(&overrides, schema.schema());
        rule(&bound, &mut out);
        out.list.iter().map(|f| (f.rule.id(), text[f.span.start..f.span.end].to_string())).collect()
    }

    /// Each rule is a function of the bound document: run alone, the table rule files the
    /// table's findings and nothing of any other rule.
    #[test]
    fn a_rule_runs_alone_on_the_bound_document() {
        let text = include_str!("../../tests/fixtures/2022_table_wrong_total.txt");
        let found = alone(tables::check, "cn-ogi-2021", text);
        let rules: std::collections::BTreeSet<&str> = found.iter().map(|(r, _)| *r).collect();
        assert_eq!(rules.into_iter().collect::<Vec<_>>(), ["table.prose-mismatch", "table.sum"], "{found:?}");
        assert!(found.contains(&("table.sum", "47".to_string())), "{found:?}");
        // The meta rule alone sees the title and the agency, and files nothing for this report.
        assert_eq!(alone(meta::check, "cn-ogi-2021", text), []);
        // The date rules alone, without `today`, say that future dates were not checked.
        assert_eq!(alone(dates::future, "cn-ogi-2021", text), [("rule.skipped", String::new())]);
    }
}
