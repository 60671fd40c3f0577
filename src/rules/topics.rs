//! `topic.missing`: contents the regulation requires, covered anywhere in the
//! text or in a given section. All topic patterns are one `RegexSet`, run once
//! over the whole text and once over each section a topic is scoped to.

use super::sections::SectionMatch;
use super::{Ctx, Report};
use crate::diagnostic::{Message, Target};
use crate::position::Span;
use crate::rules::registry::Rule;

pub(crate) fn check(ctx: &mut Ctx<'_, '_>, matched: &[SectionMatch]) {
    let schema = ctx.schema;
    let spec = schema.schema();
    let doc = ctx.doc;
    if spec.topics.is_empty() {
        return;
    }
    let whole = schema.topic_set.matches(doc.text);
    let mut scoped: Vec<(usize, regex::SetMatches)> = Vec::new();
    for (t, topic) in spec.topics.iter().enumerate() {
        if let Some(want) = topic.reporter {
            match ctx.reporter {
                Some(r) if r != want => continue,
                Some(_) => {}
                None => {
                    ctx.emit(
                        Report::new(
                            Rule::RuleSkipped,
                            Span::empty(0),
                            Message::new(
                                format!("无法判断报告机关是人民政府还是部门，未检查“{}”", topic.title),
                                format!("cannot tell whether a people's government or a department reports; “{}” was not checked", topic.title),
                            ),
                        )
                        .target(Target::Topic(topic.id.clone())),
                    );
                    continue;
                }
            }
        }
        let (covered, anchor) = match &topic.section {
            None => (is_covered(&whole, &schema.topic_of, t), doc.title.map_or(Span::empty(0), |ti| ti.span)),
            Some(sec_id) => {
                let what = format!("“{}”", topic.title);
                let Some(section) = ctx.section_or_skip(matched, sec_id, &what, Target::Topic(topic.id.clone())) else { continue };
                let sec = doc.sections[section];
                let set = match scoped.iter().find(|(s, _)| *s == section) {
                    Some((_, set)) => set,
                    None => {
                        scoped.push((section, schema.topic_set.matches(doc.slice(sec.body))));
                        &scoped.last().expect("just pushed").1
                    }
                };
                (is_covered(set, &schema.topic_of, t), doc.headings[sec.heading].span)
            }
        };
        if !covered {
            let basis = if topic.basis.is_empty() { String::new() } else { format!("（{}）", topic.basis) };
            let basis_en = if topic.basis.is_empty() { String::new() } else { format!(" ({})", topic.basis) };
            let (zh, en) = match &topic.section {
                Some(sec_id) => {
                    let title = &spec.sections.iter().find(|s| &s.id == sec_id).expect("validated").title;
                    (
                        format!("“{title}”中未报告“{}”{basis}", topic.title),
                        format!("“{title}” does not report “{}”{basis_en}", topic.title),
                    )
                }
                None => (format!("报告未涉及“{}”{basis}", topic.title), format!("the report does not cover “{}”{basis_en}", topic.title)),
            };
            let mut r = Report::new(Rule::TopicMissing, anchor, Message::new(zh, en)).target(Target::Topic(topic.id.clone()));
            r.severity = topic.severity;
            ctx.emit(r);
        }
    }
}

fn is_covered(set: &regex::SetMatches, topic_of: &[usize], topic: usize) -> bool {
    set.iter().any(|i| topic_of[i] == topic)
}
