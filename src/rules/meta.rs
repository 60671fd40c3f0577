//! `meta.title` and `meta.agency`: the title line names the year, and the title
//! or the 落款 names the agency.

use super::Findings;
use crate::bind::Bound;
use crate::diagnostic::Finding;
use crate::diagnostic::{Message, Target};
use crate::position::Span;
use crate::rule::Rule;

pub(crate) fn check(b: &Bound<'_, '_>, out: &mut Findings<'_>) {
    let doc = b.doc;
    let first_line = doc.content_lines().next().map_or(Span::empty(0), |l| l.span);
    match doc.title {
        None => out.emit(
            Finding::new(
                Rule::MetaTitle,
                Span::empty(first_line.start),
                Message::new(
                    "未找到标题行，报告应以“××××年政府信息公开工作年度报告”为标题",
                    "no title line found; the report should be titled “<year>年政府信息公开工作年度报告”",
                ),
            )
            .target(Target::Meta("title".into())),
        ),
        Some(t) => {
            let title = doc.quote(t.span);
            if t.year.is_none() {
                out.emit(
                    Finding::new(
                        Rule::MetaTitle,
                        t.span,
                        Message::new(format!("标题“{title}”中没有报告年度"), format!("the title “{title}” names no report year")),
                    )
                    .target(Target::Meta("title".into()))
                    .actual(title),
                );
            } else if !title.contains("年度报告") {
                out.emit(
                    Finding::new(
                        Rule::MetaTitle,
                        t.span,
                        Message::new(
                            format!("标题“{title}”不是规范写法，应为“××××年政府信息公开工作年度报告”"),
                            format!("the title “{title}” is not in the usual form “<year>年政府信息公开工作年度报告”"),
                        ),
                    )
                    .target(Target::Meta("title".into()))
                    .expected("××××年政府信息公开工作年度报告")
                    .actual(title),
                );
            }
        }
    }
    if doc.agency().is_none() {
        let at = doc.title.map_or(Span::empty(first_line.start), |t| t.span);
        out.emit(
            Finding::new(
                Rule::MetaAgency,
                at,
                Message::new(
                    "标题和落款中都没有写明报告机关，请在标题前或落款处写明机关全称",
                    "neither the title nor the signature names the reporting agency; give its full name in the title or the signature",
                ),
            )
            .target(Target::Meta("agency".into())),
        );
    }
}
