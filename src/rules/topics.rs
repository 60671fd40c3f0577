//! `topic.missing`: contents the regulation requires, covered anywhere in the
//! text or in a given section. The topics of one place are one `PatternSet`, run
//! once over that place and stopping as soon as all of them are found.

use super::Findings;
use crate::bind::Bound;
use crate::diagnostic::Finding;
use crate::diagnostic::{Message, Target};
use crate::position::Span;
use crate::rule::Rule;

/// How far into the text a sentence listing the report's parts is looked for, in bytes.
const OPENING: usize = 16 * 1024;

/// The largest char boundary of `text` at or below `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

pub(crate) fn check(b: &Bound<'_, '_>, out: &mut Findings<'_>) {
    let schema = b.schema;
    let spec = schema.schema();
    let doc = b.doc;
    if spec.topics.is_empty() {
        return;
    }
    // Each group is scanned once, when one of its topics is first needed, over its place minus
    // the sentences that only list the report's parts (`本报告由总体情况、主动公开…组成`).
    // Such sentences open a report: they are looked for once, in its first part only.
    let opening = Span::new(0, floor_boundary(doc.text, OPENING));
    let mut lists: Vec<Span> = Vec::new();
    if let Some(p) = &schema.part_lists {
        // Only a paragraph that says 组成/构成/部分 can list the parts; the regex runs on those alone.
        let candidates = doc.paragraphs.iter().take_while(|s| s.end <= opening.end);
        for &para in candidates.filter(|&&s| ["组成", "构成", "部分"].iter().any(|w| doc.slice(s).contains(w))) {
            lists.extend(p.find_all(doc.slice(para)).into_iter().map(|m| Span::new(para.start + m.start, para.start + m.end)));
        }
    }
    let mut found: Vec<Option<Vec<bool>>> = vec![None; schema.topic_groups.len()];
    let mut covered = |t: usize, place: Span| {
        let (g, k) = schema.topic_group[t];
        found[g].get_or_insert_with(|| {
            let set = &schema.topic_groups[g];
            let mut any = vec![false; set.len()];
            let mut from = place.start;
            let inside = lists.iter().filter(|m| place.start <= m.start && m.end <= place.end);
            let pieces = inside.map(|m| (m.start, m.end)).chain([(place.end, place.end)]);
            for (skip_start, skip_end) in pieces {
                if from < skip_start {
                    for (a, f) in any.iter_mut().zip(set.which(&doc.text[from..skip_start])) {
                        *a |= f;
                    }
                }
                from = from.max(skip_end);
            }
            any
        })[k]
    };
    for (t, topic) in spec.topics.iter().enumerate() {
        if let Some(want) = &topic.reporter {
            match b.reporter {
                Some(r) if spec.reporters[r].id != *want => continue,
                Some(_) => {}
                None => {
                    let whose = spec.reporters.iter().find(|r| &r.id == want).map_or(want.as_str(), |r| r.title.zh.as_str());
                    out.emit(
                        Finding::new(
                            Rule::RuleSkipped,
                            Span::empty(0),
                            Message::new(
                                format!("无法判断报告机关类型，不知本报告是否为{whose}，未检查“{}”", topic.title),
                                format!(
                                    "cannot tell who reports, so whether this is {} is unknown; “{}” was not checked",
                                    spec.reporters.iter().find(|r| &r.id == want).map_or(want.as_str(), |r| r.title.en.as_str()),
                                    topic.title
                                ),
                            ),
                        )
                        .target(Target::Topic(topic.id.clone())),
                    );
                    continue;
                }
            }
        }
        let (covered, anchor) = match &topic.section {
            None => (covered(t, Span::new(0, doc.text.len())), doc.title.map_or(Span::empty(0), |ti| ti.span)),
            Some(sec_id) => {
                let what = format!("“{}”", topic.title);
                let Some(section) = out.section_or_skip(b, sec_id, &what, Target::Topic(topic.id.clone())) else { continue };
                let sec = doc.sections[section];
                (covered(t, sec.body), doc.headings[sec.heading].span)
            }
        };
        if !covered {
            let basis = if topic.basis.is_empty() { String::new() } else { format!("（{}）", topic.basis) };
            let basis_en = if topic.basis.is_empty() { String::new() } else { format!(" ({})", topic.basis) };
            let (zh, en) = match &topic.section {
                Some(sec_id) => {
                    let title = &spec.sections.iter().find(|s| &s.id == sec_id).expect("validated").title;
                    (format!("“{title}”中未报告“{}”{basis}", topic.title), format!("“{title}” does not report “{}”{basis_en}", topic.title))
                }
                None => (format!("报告未涉及“{}”{basis}", topic.title), format!("the report does not cover “{}”{basis_en}", topic.title)),
            };
            let mut r = Finding::new(Rule::TopicMissing, anchor, Message::new(zh, en)).target(Target::Topic(topic.id.clone()));
            r = r.severity(topic.severity);
            out.emit(r);
        }
    }
}
