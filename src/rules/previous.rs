//! `previous.*`: last year's report beside this one — the counts carried over between the two
//! tables, the documents in force, text copied from last year, and a previous report that is not
//! last year's report of this agency.

use super::Findings;
use crate::bind::Bound;
use crate::diagnostic::Finding;
use crate::diagnostic::{Message, Target};
use crate::position::Span;
use crate::previous::PreviousCell;
use crate::previous::{sentences, Previous};
use crate::rule::Rule;

/// Share of a narrative section's text found in last year's report from which it is reported.
const COPIED_SHARE_PERCENT: usize = 50;
/// Fewest copied characters reported.
const COPIED_MIN_CHARS: usize = 40;

pub(crate) fn check(b: &Bound<'_, '_>, out: &mut Findings<'_>) {
    let Some(prev) = b.previous else { return };
    if mismatch(b, out, prev) {
        out.emit(Finding::new(
            Rule::RuleSkipped,
            Span::empty(0),
            Message::new(
                "所附上年报告不是本机关上一年度的报告，未做跨年度核对（结转数、现行有效件数、内容雷同）",
                "the previous report given is not this agency's report on the year before, so the cross-year checks (carry-over, documents in force, copied text) were not run",
            ),
        ));
        return;
    }
    let cells = b.cells();
    carry_over(b, out, prev, &cells);
    in_force(b, out, prev, &cells);
    copied(b, out, prev);
}

/// The previous report's year is not this year − 1, or it names another agency.
fn mismatch(b: &Bound<'_, '_>, out: &mut Findings<'_>, prev: &Previous) -> bool {
    let doc = b.doc;
    let anchor = doc.title.map_or(Span::empty(0), |t| t.span);
    if let (Some(ry), Some(py)) = (doc.report_year(), prev.year) {
        if py != ry - 1 {
            out.emit(
                Finding::new(
                    Rule::PreviousMismatch,
                    anchor,
                    Message::new(
                        format!("所附上年报告是{py}年度的报告，本报告是{ry}年度，应附{}年度报告", ry - 1),
                        format!("the previous report given is on {py}, but this report is on {ry}: give the report on {}", ry - 1),
                    ),
                )
                .expected((ry - 1).to_string())
                .actual(py.to_string()),
            );
            return true;
        }
    }
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    if let (Some(a), Some(b)) = (doc.agency().map(|a| squash(doc.quote(a))), prev.agency.as_deref().map(squash)) {
        if !a.contains(&b) && !b.contains(&a) {
            out.emit(
                Finding::new(
                    Rule::PreviousMismatch,
                    anchor,
                    Message::new(
                        format!("所附上年报告的机关是“{b}”，本报告的机关是“{a}”"),
                        format!("the previous report given is by “{b}”, this one by “{a}”"),
                    ),
                )
                .expected(a.clone())
                .actual(b.clone()),
            );
            return true;
        }
    }
    false
}

fn carry_over(b: &Bound<'_, '_>, out: &mut Findings<'_>, prev: &Previous, cells: &[PreviousCell]) {
    let schema = b.schema.schema();
    let mut reports = Vec::new();
    for table in &schema.tables {
        for spec in &table.carry_over {
            let (row, from) = (table.rows.iter().find(|r| r.id == spec.row), table.rows.iter().find(|r| r.id == spec.from_row));
            let (Some(row), Some(from)) = (row, from) else { continue };
            for col in &table.columns {
                let Some(now) = cells.iter().find(|c| c.table == table.id && c.row == spec.row && c.column == col.id) else { continue };
                let Some(then) = prev.cell(&table.id, &spec.from_row, &col.id) else { continue };
                if now.value == then.value {
                    continue;
                }
                let (v, p) = (now.value, then.value);
                let mut r = Finding::new(
                    Rule::PreviousCarryOver,
                    now.span,
                    Message::new(
                        format!("{}“{}”行“{}”列为{v}，上年报告“{}”行同列为{p}，两者应相等", table.title, row.label, col.label, from.label),
                        format!(
                            "{}, row “{}”, column “{}” is {v}, but last year's row “{}” in that column is {p}; they should be equal",
                            table.title, row.label, col.label, from.label
                        ),
                    ),
                )
                .target(Target::Cell(format!("{}/{}/{}", table.id, spec.row, col.id)))
                .expected(p.to_string())
                .actual(v.to_string());
                r.related_previous.push((
                    then.span,
                    Message::new(
                        format!("上年报告“{}”行“{}”列：{p}", from.label, col.label),
                        format!("last year's row “{}”, column “{}”: {p}", from.label, col.label),
                    ),
                ));
                reports.push(r);
            }
        }
    }
    for r in reports {
        out.emit(r);
    }
}

fn in_force(b: &Bound<'_, '_>, out: &mut Findings<'_>, prev: &Previous, cells: &[PreviousCell]) {
    let schema = b.schema.schema();
    let mut reports = Vec::new();
    for table in &schema.tables {
        for spec in &table.stock {
            let label = |id: &str| table.columns.iter().find(|c| c.id == id).map_or(id.to_string(), |c| c.label.clone());
            for row in &table.rows {
                let cell = |col: &str| cells.iter().find(|c| c.table == table.id && c.row == row.id && c.column == col);
                let (Some(now), Some(added), Some(removed)) = (cell(&spec.column), cell(&spec.added), cell(&spec.removed)) else { continue };
                let Some(then) = prev.cell(&table.id, &row.id, &spec.column) else { continue };
                let expected = then.value.add(added.value).sub(removed.value);
                if now.value == expected {
                    continue;
                }
                let (col, add, rem) = (label(&spec.column), label(&spec.added), label(&spec.removed));
                let (v, p, a, d) = (now.value, then.value, added.value, removed.value);
                let mut r = Finding::new(
                    Rule::PreviousInForce,
                    now.span,
                    Message::new(
                        format!("{}“{}”行“{col}”为{v}，按上年{p} + {add}{a} − {rem}{d}应为{expected}；文件到期失效也会减少，如属此情况请核实", table.title, row.label),
                        format!("{}, row “{}”: “{col}” is {v}; last year's {p} + {a} {add} − {d} {rem} makes {expected} (documents that expire also reduce it: check)", table.title, row.label),
                    ),
                )
                .target(Target::Cell(format!("{}/{}/{}", table.id, row.id, spec.column)))
                .expected(expected.to_string())
                .actual(v.to_string());
                r.related_previous.push((
                    then.span,
                    Message::new(format!("上年报告“{}”行“{col}”：{p}", row.label), format!("last year's row “{}”, “{col}”: {p}", row.label)),
                ));
                reports.push(r);
            }
        }
    }
    for r in reports {
        out.emit(r);
    }
}

/// Narrative sentences found in last year's report, ignoring numbers and years: reported per
/// section when most of it is copied, one finding per stretch of copied sentences.
fn copied(b: &Bound<'_, '_>, out: &mut Findings<'_>, prev: &Previous) {
    let doc = b.doc;
    let specs = &b.schema.schema().sections;
    let places: Vec<(String, String, Span)> = if specs.is_empty() {
        vec![(String::new(), String::new(), Span::new(0, doc.text.len()))]
    } else {
        b.sections
            .iter()
            .filter(|m| specs[m.spec].narrative)
            .map(|m| (specs[m.spec].id.clone(), specs[m.spec].title.clone(), doc.sections[m.section].body))
            .collect()
    };
    for (id, title, body) in places {
        let all = sentences(doc.text, body);
        let total: usize = all.iter().map(|s| s.2).sum();
        let found: Vec<(Span, usize, Span)> = all.iter().filter_map(|&(s, h, n)| prev.sentence(&id, h).map(|p| (s, n, p))).collect();
        let copied: usize = found.iter().map(|f| f.1).sum();
        if total == 0 || copied < COPIED_MIN_CHARS || copied * 100 < total * COPIED_SHARE_PERCENT {
            continue;
        }
        let share = copied * 100 / total;
        let place = if title.is_empty() { "正文".to_string() } else { format!("“{title}”") };
        let place_en = if title.is_empty() { "the text".to_string() } else { format!("“{title}”") };
        // Stretches: copied sentences with nothing but other copied sentences between them.
        let mut stretches: Vec<(Span, Span)> = Vec::new();
        let mut i = 0;
        while i < all.len() {
            let Some(&(s, _, p)) = found.iter().find(|f| f.0 == all[i].0) else {
                i += 1;
                continue;
            };
            let mut end = s.end;
            let mut j = i + 1;
            while j < all.len() && found.iter().any(|f| f.0 == all[j].0) {
                end = all[j].0.end;
                j += 1;
            }
            stretches.push((Span::new(s.start, end), p));
            i = j;
        }
        for (span, p) in stretches {
            let mut r = Finding::new(
                Rule::PreviousCopied,
                span,
                Message::new(
                    format!("{place}有{share}%的文字与上年报告相同（不计数字和年份）；此段与上年报告雷同，请按本年度实际情况重写"),
                    format!(
                        "{share}% of {place_en} is the same as last year's report (numbers and years aside); this passage repeats it: write it for this year"
                    ),
                ),
            )
            .target(Target::Section(id.clone()))
            .actual(format!("{share}%"));
            r.related_previous.push((p, Message::new("上年报告中的相同内容", "the same text in last year's report")));
            out.emit(r);
        }
    }
}
