//! `text.placeholder` and `text.debris`: schema patterns reported wherever they
//! occur. One `PatternSet` pass says which patterns occur at all; only those are
//! then located. Where two patterns of one rule match overlapping text
//! (`【待补充】` is both a bracket and a to-do marker) only the first is reported.
//! A pattern's first [`MAX_LISTED`] matches are listed; one more finding counts the rest.

use super::Findings;
use crate::bind::Bound;
use crate::diagnostic::Finding;
use crate::diagnostic::{Message, Target};
use crate::position::SortKey;
use crate::position::Span;
use crate::rule::Rule;

pub(crate) fn check(b: &Bound<'_, '_>, out: &mut Findings<'_>) {
    let schema = b.schema;
    let text = b.doc.text;
    // What each rule (text.placeholder, text.debris) has reported so far: disjoint spans sorted
    // by start (so their ends are sorted too). A pattern's own matches come sorted and disjoint,
    // so they are checked against these in one sweep and merged in after: comparing each match
    // with every earlier one made a text full of matches (`XX XX …`) quadratic.
    let mut taken: [Vec<SortKey>; 2] = Default::default();
    // Per pattern, the blocks of the text it occurs in: page debris sits in a line or two, and
    // locating each pattern over the whole text was most of the time.
    let blocks = schema.pattern_set.blocks(text);
    for (i, blocks) in blocks.iter().enumerate().filter(|(_, b)| !b.is_empty()) {
        let spec = &schema.schema().patterns[i];
        let (re, rule) = &schema.patterns[i];
        let mut budget = crate::pattern::work_budget(text.len());
        let mut spans = Vec::new();
        let stopped = blocks.iter().find_map(|&block| re.find_in(text, block, &mut budget, &mut spans));
        if let Some(at) = stopped {
            // Past its work budget a pattern is not searched further, and the drafter is told so
            // rather than shown a clean result.
            out.emit(
                Finding::new(
                    Rule::RuleSkipped,
                    Span::empty(at),
                    Message::new(
                        format!("模式“{}”在本文中的查找代价过高，从此处起未再查找；请简化该模式（避免 a[^b]*c|a 这类可回溯很远的写法）", spec.id),
                        format!("pattern `{}` costs too much to search in this text and was not searched from here on: simplify it (avoid forms like a[^b]*c|a that scan far ahead)", spec.id),
                    ),
                )
                .target(Target::Pattern(spec.id.clone())),
            );
        }
        let mut listed = 0;
        let mut unlisted: Option<(Span, usize)> = None; // the first match not listed, and how many
        let taken = &mut taken[usize::from(*rule == Rule::TextDebris)];
        let (mut j, mut kept) = (0, Vec::new());
        for span in spans {
            // Taken spans that end before this match cannot reach it, nor any later match.
            while j < taken.len() && taken[j].1 <= span.start {
                j += 1;
            }
            if j < taken.len() && (taken[j].0 as usize) < span.end {
                continue;
            }
            kept.push((span.start as u64, span.end, 0, 0));
            if listed == MAX_LISTED {
                unlisted.get_or_insert((span, 0)).1 += 1;
                continue;
            }
            listed += 1;
            let found = b.doc.quote(span).trim();
            let mut r = Finding::new(*rule, span, Message::new(spec.message.zh.replace("{match}", found), spec.message.en.replace("{match}", found)))
                .target(Target::Pattern(spec.id.clone()))
                .actual(found);
            r = r.severity(spec.severity);
            if *rule == Rule::TextDebris {
                if let Some(line) = debris_line(b.doc, span) {
                    r = r.fix(crate::diagnostic::Fix::replace(Message::new("删除这一行", "delete this line"), true, line, ""));
                }
            }
            out.emit(r);
        }
        if !kept.is_empty() {
            // Both runs are sorted; the one sort routine the module has keeps them so.
            taken.extend(kept);
            taken.sort_unstable();
        }
        if let Some((span, more)) = unlisted {
            let found = b.doc.quote(span).trim();
            let mut r = Finding::new(
                *rule,
                span,
                Message::new(
                    format!("从此处起还有{more}处与“{found}”同类的内容（模式“{}”）未逐一列出；请全部改正后再检查", spec.id),
                    format!(
                        "{more} more matches of pattern `{}` like “{found}” from here on are not listed one by one: correct them all and check again",
                        spec.id
                    ),
                ),
            )
            .target(Target::Pattern(spec.id.clone()))
            .actual(found);
            r = r.severity(spec.severity);
            out.emit(r);
        }
    }
}

/// Matches of one pattern listed one by one; the rest are one finding that counts them. A text
/// of nothing but `XX` would otherwise give hundreds of thousands of findings, which no drafter
/// reads and which would flood the page's underlines and the CLI's output.
pub const MAX_LISTED: usize = 200;

/// The whole line holding `span`, with its line break, when it is short enough to be page
/// chrome (a long line is prose that only contains debris: it is not deleted). Looks no further
/// than a short line could reach, so a huge one-line text costs each finding nothing.
fn debris_line(doc: &crate::Document<'_>, span: Span) -> Option<Span> {
    const MAX: usize = 120 * 4; // 120 characters of at most 4 bytes
    let text = doc.text;
    let back = &text.as_bytes()[span.start.saturating_sub(MAX)..span.start];
    let start = match back.iter().rposition(|&b| b == b'\n') {
        Some(i) => span.start - back.len() + i + 1,
        None if span.start <= MAX => 0,
        None => return None,
    };
    let ahead = &text.as_bytes()[span.end..(span.end + MAX).min(text.len())];
    let end = match ahead.iter().position(|&b| b == b'\n') {
        Some(i) => span.end + i + 1,
        None if text.len() - span.end <= MAX => text.len(),
        None => return None,
    };
    (text[start..end].chars().count() <= 120).then_some(Span::new(start, end))
}
