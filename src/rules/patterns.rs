//! `text.placeholder` and `text.debris`: schema patterns reported wherever they
//! occur. One `PatternSet` pass says which patterns occur at all; only those are
//! then located. Where two patterns of one rule match overlapping text
//! (`【待补充】` is both a bracket and a to-do marker) only the first is reported.

use super::{Ctx, Report};
use crate::diagnostic::{Message, Target};
use crate::position::Span;

pub(crate) fn check(ctx: &mut Ctx<'_, '_>) {
    let schema = ctx.schema;
    let text = ctx.doc.text;
    let mut taken: Vec<(crate::rules::registry::Rule, Span)> = Vec::new();
    for (i, _) in schema.pattern_set.which(text).into_iter().enumerate().filter(|(_, occurs)| *occurs) {
        let spec = &schema.schema().patterns[i];
        let (re, rule) = &schema.patterns[i];
        for span in re.find_all(text) {
            if taken.iter().any(|(r, t)| r == rule && t.start < span.end && span.start < t.end) {
                continue;
            }
            taken.push((*rule, span));
            let found = ctx.doc.quote(span).trim();
            let mut r = Report::new(
                *rule,
                span,
                Message::new(spec.message.zh.replace("{match}", found), spec.message.en.replace("{match}", found)),
            )
            .target(Target::Pattern(spec.id.clone()))
            .actual(found);
            r.severity = spec.severity;
            if *rule == crate::rules::registry::Rule::TextDebris {
                if let Some(line) = debris_line(ctx.doc, span) {
                    r = r.fix(crate::diagnostic::Fix::replace(Message::new("删除这一行", "delete this line"), true, line, ""));
                }
            }
            ctx.emit(r);
        }
    }
}

/// The whole line holding `span`, with its line break, when it is short enough to be page
/// chrome (a long line is prose that only contains debris: it is not deleted).
fn debris_line(doc: &crate::Document<'_>, span: Span) -> Option<Span> {
    let start = doc.text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let end = doc.text[span.end..].find('\n').map_or(doc.text.len(), |i| span.end + i + 1);
    (doc.text[start..end].chars().count() <= 120).then_some(Span::new(start, end))
}
