//! `section.*`: the prescribed sections are present, once each, in order, and not empty.

use super::Findings;
use crate::bind::{Bound, SectionMatch};
use crate::diagnostic::Finding;
use crate::diagnostic::{Message, Target};
use crate::document::{Document, LineKind};
use crate::position::Span;
use crate::rule::Rule;
use crate::text::is_blank;

pub(crate) fn check(b: &Bound<'_, '_>, out: &mut Findings<'_>) {
    let doc = b.doc;
    let specs = &b.schema.schema().sections;
    let mut first: Vec<Option<&SectionMatch>> = vec![None; specs.len()];
    let mut max_seen: Option<usize> = None;
    for m in &b.sections {
        let spec = &specs[m.spec];
        let sec = doc.sections[m.section];
        let heading = doc.headings[sec.heading];
        let target = Target::Section(spec.id.clone());
        if let Some(prev) = first[m.spec] {
            let prev_line = doc.headings[doc.sections[prev.section].heading].line + 1;
            out.emit(
                Finding::new(
                    Rule::SectionDuplicate,
                    heading.span,
                    Message::new(
                        format!("章节“{}”重复：第{}行已有该章节", spec.title, prev_line),
                        format!("section “{}” appears again; it already starts on line {}", spec.title, prev_line),
                    ),
                )
                .target(target),
            );
            continue;
        }
        first[m.spec] = Some(m);
        if m.variant {
            let actual = doc.quote(heading.title);
            out.emit(
                Finding::new(
                    Rule::SectionTitleVariant,
                    heading.title,
                    Message::new(
                        format!("标题“{actual}”按规定格式应为“{}”", spec.title),
                        format!("heading “{actual}” is worded “{}” in the prescribed format", spec.title),
                    ),
                )
                .target(target.clone())
                .expected(spec.title.clone())
                .actual(actual)
                .fix(crate::diagnostic::Fix::replace(
                    Message::new(format!("改为“{}”", spec.title), format!("reword to “{}”", spec.title)),
                    true,
                    heading.title,
                    spec.title.clone(),
                )),
            );
        }
        if b.schema.schema().ordered {
            if let Some(before) = max_seen.filter(|&b| b > m.spec) {
                let other = &specs[before].title;
                out.emit(
                    Finding::new(
                        Rule::SectionOrder,
                        heading.span,
                        Message::new(format!("章节“{}”应排在“{other}”之前", spec.title), format!("section “{}” should come before “{other}”", spec.title)),
                    )
                    .target(target.clone()),
                );
            }
            max_seen = max_seen.max(Some(m.spec));
        }
        let chars = content_chars(doc, sec.body, spec.min_chars);
        if chars < spec.min_chars {
            let (zh, en) = if chars == 0 {
                (format!("章节“{}”没有内容", spec.title), format!("section “{}” has no content", spec.title))
            } else {
                (
                    format!("章节“{}”只有{chars}个字，少于最低要求的{}个字", spec.title, spec.min_chars),
                    format!("section “{}” has {chars} characters, fewer than the minimum of {}", spec.title, spec.min_chars),
                )
            };
            out.emit(
                Finding::new(Rule::SectionEmpty, heading.span, Message::new(zh, en))
                    .target(target)
                    .expected(format!(">= {}", spec.min_chars))
                    .actual(chars.to_string()),
            );
        }
    }
    for (k, spec) in specs.iter().enumerate() {
        if !spec.required || first[k].is_some() {
            continue;
        }
        // Point where the section belongs: at the next present section, else the end of the text.
        let at = (k + 1..specs.len())
            .find_map(|j| first[j])
            .map(|m| doc.sections[m.section].span.start)
            .unwrap_or_else(|| doc.lines.iter().rev().find(|l| l.kind != LineKind::Blank).map_or(0, |l| l.span.end));
        let n = chinese_ordinal(k + 1);
        // The heading, inserted where the format puts it: on its own line before the next
        // section present, or after the last line.
        let at_line_start = at == 0 || doc.text[..at].ends_with('\n');
        let heading = if at_line_start { format!("{n}、{}\n", spec.title) } else { format!("\n{n}、{}", spec.title) };
        out.emit(
            Finding::new(
                Rule::SectionMissing,
                Span::empty(at),
                Message::new(format!("缺少第{n}部分“{n}、{}”", spec.title), format!("section {} “{}” is missing", k + 1, spec.title)),
            )
            .target(Target::Section(spec.id.clone()))
            .expected(spec.title.clone())
            .fix(crate::diagnostic::Fix::replace(
                Message::new(
                    format!("插入标题“{n}、{}”（内容仍需填写）", spec.title),
                    format!("insert the heading “{n}、{}” (its content is still to write)", spec.title),
                ),
                false,
                Span::empty(at),
                heading,
            )),
        );
    }
}

/// Non-blank characters in `span`, counted up to `enough` (a long section is not counted to its end).
fn content_chars(doc: &Document<'_>, span: Span, enough: usize) -> usize {
    doc.slice(span).chars().filter(|&c| !is_blank(c)).take(enough).count()
}

fn chinese_ordinal(n: usize) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", D[n - 10]),
        _ => n.to_string(),
    }
}
