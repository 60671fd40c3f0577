//! `table.*`: the statistics tables found in their sections, every row mapped
//! to the format's rows by its label and every value to a column by position,
//! each cell checked, and the identities (勾稽关系) evaluated exactly.

use super::Findings;
use crate::bind::Bound;
use crate::bind::{columns_of, MappedRow, RowProblem};
use crate::diagnostic::Finding;
use crate::diagnostic::{Fix, Message, Target};
use crate::position::Span;
use crate::rule::Rule;
use crate::schema::{Across, CellType, TableSpec};
use crate::table::{Decimal, Value};

pub(crate) fn check(b: &Bound<'_, '_>, out: &mut Findings<'_>) {
    let schema = b.schema.schema();
    for (ti, table) in schema.tables.iter().enumerate() {
        let k = schema.sections.iter().position(|s| s.id == table.section).expect("validated");
        if table.required {
            // The binding found the table where its section is; a missing section is said once here.
            out.section_or_skip(b, &table.section, &table.title, Target::Table(table.id.clone()));
        }
        let Some(bound) = &b.tables[ti] else { continue };
        let heading = b.doc.headings[b.doc.sections[bound.section].heading].span;
        let rows = &bound.rows[..];
        for p in &bound.problems {
            row_problem(out, table, p);
        }
        if rows.is_empty() {
            if table.required {
                out.emit(
                    Finding::new(
                        Rule::TableMissing,
                        heading,
                        Message::new(
                            format!("“{}”下没有找到{}（表格行应逐行填写，单元格以制表符分隔）", schema.sections[k].title, table.title),
                            format!("no {} found under “{}” (one row per line, cells separated by tabs)", table.title, schema.sections[k].title),
                        ),
                    )
                    .target(Target::Table(table.id.clone())),
                );
            }
            continue;
        }
        let anchor = rows[0].span;
        let combined = combined_groups(table, rows);
        let in_combined = |ri: usize| table.groups.iter().zip(&combined).any(|(g, &c)| c && g.rows.contains(&table.rows[ri].id));
        for (g, _) in table.groups.iter().enumerate().filter(|&(g, _)| combined[g]) {
            rows_combined(out, table, g, rows);
        }
        for (ri, row) in table.rows.iter().enumerate() {
            if row.required && !in_combined(ri) && !rows.iter().any(|r| r.spec == ri) {
                out.emit(
                    Finding::new(
                        Rule::TableRowMissing,
                        Span::empty(anchor.start),
                        Message::new(format!("{}缺少“{}”行", table.title, row.label), format!("{} lacks the row “{}”", table.title, row.label)),
                    )
                    .target(Target::Cell(format!("{}/{}", table.id, row.id)))
                    .expected(row.label.clone()),
                );
            }
        }
        for r in rows {
            check_cells(b, out, table, r);
        }
        for id in &table.identities {
            identity(b, out, ti, table, id, rows, &combined);
        }
        for (g, group) in table.groups.iter().enumerate().filter(|&(g, _)| !combined[g]) {
            let line = table.rows.len() + g;
            if rows.iter().any(|r| r.spec == line) {
                // Both the group's line and its rows: the line is a subtotal and must add up.
                let id = crate::schema::IdentitySpec {
                    id: group.id.clone(),
                    title: format!("{} = 其下各项之和", group.label),
                    across: Across::EachColumn,
                    total: vec![group.id.clone()],
                    parts: group.rows.clone(),
                    remove: false,
                };
                identity(b, out, ti, table, &id, rows, &combined);
            }
        }
        prose(b, out, ti, table, rows);
    }
}

/// A row the binding could not map, as a finding.
fn row_problem(out: &mut Findings<'_>, table: &TableSpec, p: &RowProblem) {
    match *p {
        RowProblem::Unknown { span, ref quoted } => out.emit(
            Finding::new(
                Rule::TableRowUnknown,
                span,
                Message::new(
                    format!("无法识别{}中的这一行“{quoted}”，未检查", table.title),
                    format!("this row “{quoted}” matches no row of {}; it was not checked", table.title),
                ),
            )
            .target(Target::Table(table.id.clone())),
        ),
        RowProblem::TooFewValues { span, spec, have } => {
            let cols = columns_of(table, spec);
            let names: Vec<&str> = cols.iter().map(|&c| table.columns[c].label.as_str()).collect();
            let label = row_label(table, spec);
            out.emit(
                Finding::new(
                    Rule::TableColumnMissing,
                    span,
                    Message::new(
                        format!("{}“{label}”行只有{have}个数值，应有{}个（{}），无法对应到各列", table.title, cols.len(), names.join("、")),
                        format!(
                            "row “{label}” of {} has {have} values where {} are expected ({}); they cannot be matched to columns",
                            table.title,
                            cols.len(),
                            names.join(", ")
                        ),
                    ),
                )
                .target(Target::Cell(format!("{}/{}", table.id, row_id(table, spec))))
                .expected(cols.len().to_string())
                .actual(have.to_string()),
            );
        }
        RowProblem::Repeated { span, spec, first, same } => {
            let label = row_label(table, spec);
            let (zh, en) = if same {
                ("数值与第一次相同，请删去重复的一行", "with the same values; delete the repeated row")
            } else {
                ("两行数值不同，只核对了第一行；请核实后保留正确的一行", "with different values: only the first was checked; keep the right one")
            };
            let mut f = Finding::new(
                Rule::TableRowRepeated,
                span,
                Message::new(format!("{}“{label}”行填写了两次，{zh}", table.title), format!("row “{label}” of {} is written twice, {en}", table.title)),
            )
            .target(Target::Cell(format!("{}/{}", table.id, row_id(table, spec))))
            .severity(same.then_some(crate::rule::Severity::Warning));
            f.related.push((first, Message::new(format!("第一次填写的“{label}”行"), format!("the first row “{label}”"))));
            out.emit(f);
        }
        RowProblem::TooManyValues { spec, have, unused } => {
            let cols = columns_of(table, spec);
            let label = row_label(table, spec);
            out.emit(
                Finding::new(
                    Rule::TableValuesExtra,
                    unused,
                    Message::new(
                        format!("{}“{label}”行有{have}个数值，多于{}列；按位置核对了最后{}个，前面的未核对，请检查是否多填或错列", table.title, cols.len(), cols.len()),
                        format!(
                            "row “{label}” of {} has {have} values for {} columns: the last {} were checked by position, the ones before them were not; check for an extra or shifted value",
                            table.title,
                            cols.len(),
                            cols.len()
                        ),
                    ),
                )
                .target(Target::Cell(format!("{}/{}", table.id, row_id(table, spec))))
                .expected(cols.len().to_string())
                .actual(have.to_string()),
            );
        }
    }
}

/// The label of a row or of a group's line.
fn row_label(table: &TableSpec, spec: usize) -> &str {
    match spec.checked_sub(table.rows.len()) {
        None => &table.rows[spec].label,
        Some(g) => &table.groups[g].label,
    }
}

/// The id of a row or of a group's line.
fn row_id(table: &TableSpec, spec: usize) -> &str {
    match spec.checked_sub(table.rows.len()) {
        None => &table.rows[spec].id,
        Some(g) => &table.groups[g].id,
    }
}

/// Per group: its line is present and none of its rows is (an older layout's single line).
fn combined_groups(table: &TableSpec, rows: &[MappedRow]) -> Vec<bool> {
    table
        .groups
        .iter()
        .enumerate()
        .map(|(g, group)| {
            rows.iter().any(|r| r.spec == table.rows.len() + g)
                && !rows.iter().any(|r| r.spec < table.rows.len() && group.rows.contains(&table.rows[r.spec].id))
        })
        .collect()
}

fn rows_combined(out: &mut Findings<'_>, table: &TableSpec, g: usize, rows: &[MappedRow]) {
    let group = &table.groups[g];
    let Some(line) = rows.iter().find(|r| r.spec == table.rows.len() + g) else { return };
    let labels: Vec<&str> = table.rows.iter().filter(|r| group.rows.contains(&r.id)).map(|r| r.label.rsplit('：').next().unwrap_or(&r.label)).collect();
    out.emit(
        Finding::new(
            Rule::TableRowsCombined,
            line.span,
            Message::new(
                format!(
                    "{}“{}”只填写了一行合计，格式要求分列{}各行；勾稽关系已按这一行核对",
                    table.title,
                    group.label,
                    labels.iter().map(|l| format!("“{l}”")).collect::<String>()
                ),
                format!(
                    "{} gives one line for “{}” where the format has the rows {}; the identities were checked with that line",
                    table.title,
                    group.label,
                    labels.join(", ")
                ),
            ),
        )
        .target(Target::Cell(format!("{}/{}", table.id, group.id)))
        .expected(labels.join("、")),
    );
}

fn cell_name(table: &TableSpec, row: usize, col: usize) -> (String, String) {
    let (r, c) = (row_label(table, row), &table.columns[col].label);
    (format!("{}“{r}”行“{c}”列", table.title), format!("{}, row “{r}”, column “{c}”", table.title))
}

fn check_cells(b: &Bound<'_, '_>, out: &mut Findings<'_>, table: &TableSpec, r: &MappedRow) {
    for (col, cell) in r.cells.iter().enumerate() {
        let Some((span, value)) = *cell else { continue };
        let spec = &table.columns[col];
        // Each cell is named only when it is flagged: most cells are fine, and naming every cell
        // was a third of a check.
        let written = b.doc.quote(span);
        let at = || cell_name(table, r.spec, col);
        let problem: Option<(Rule, String, String)> = match value {
            Value::Blank => {
                let (zh_at, en_at) = at();
                Some((
                    Rule::TableCellBlank,
                    format!("{zh_at}为空；空白不等于0，没有数据请填写0"),
                    format!("{en_at} is blank; a blank is not 0, write 0 if there is nothing to report"),
                ))
            }
            Value::NotApplicable if !spec.not_applicable => {
                let (zh_at, en_at) = at();
                Some((
                    Rule::TableCellInvalid,
                    format!("{zh_at}填写了“{written}”，此处须填写数字（没有请填0）"),
                    format!("{en_at} holds “{written}” where a number is required (write 0 if there is nothing)"),
                ))
            }
            // Digits only, yet not read as a number: longer than the exact arithmetic carries.
            Value::Text if written.chars().all(|c| crate::text::to_digit(c).is_some() || matches!(c, '.' | '．' | ',' | '-' | '－')) => {
                let (zh_at, en_at) = at();
                Some((
                    Rule::TableCellInvalid,
                    format!("{zh_at}的“{written}”超出可核对的范围（整数部分最多{}位、小数最多9位），请核实是否填错", crate::table::MAX_INTEGER_DIGITS),
                    format!(
                        "{en_at}: “{written}” is out of the range that can be checked (at most {} integer digits and 9 decimals); check it",
                        crate::table::MAX_INTEGER_DIGITS
                    ),
                ))
            }
            Value::Text => {
                let (zh_at, en_at) = at();
                Some((
                    Rule::TableCellInvalid,
                    format!("{zh_at}的“{written}”不是数字，单元格只能填写数字"),
                    format!("{en_at}: “{written}” is not a number; cells hold numbers only"),
                ))
            }
            Value::Number(d) => match spec.cell_type {
                CellType::Count if !d.is_integer() || d.is_negative() => {
                    let (zh_at, en_at) = at();
                    Some((
                        Rule::TableCellInvalid,
                        format!("{zh_at}的“{written}”不是非负整数（件数只能是0或正整数）"),
                        format!("{en_at}: “{written}” is not a whole number ≥ 0"),
                    ))
                }
                CellType::SignedCount if !d.is_integer() => {
                    let (zh_at, en_at) = at();
                    Some((Rule::TableCellInvalid, format!("{zh_at}的“{written}”不是整数"), format!("{en_at}: “{written}” is not a whole number")))
                }
                CellType::Amount if d.is_negative() => {
                    let (zh_at, en_at) = at();
                    Some((Rule::TableCellInvalid, format!("{zh_at}的金额“{written}”不能为负数"), format!("{en_at}: the amount “{written}” is negative")))
                }
                _ => None,
            },
            Value::NotApplicable => None,
        };
        if let Some((rule, zh, en)) = problem {
            let target = Target::Cell(format!("{}/{}/{}", table.id, row_id(table, r.spec), spec.id));
            let mut r = Finding::new(rule, span, Message::new(zh, en)).target(target).actual(written);
            if rule == Rule::TableCellBlank {
                // Only the drafter knows the blank means none: offered, never applied with the safe fixes.
                r = r.fix(Fix::replace(Message::new("确认为0（填写0）", "confirm it is 0 (write 0)"), false, span, "0"));
            }
            out.emit(r);
        }
    }
}

/// A cell as an identity sees it.
enum Term {
    Number(Decimal),
    /// Blank: counted as 0 in the sum and named in the message.
    Blank,
}

fn term(r: &MappedRow, col: usize) -> Option<(Span, Term)> {
    match r.cells.get(col)?.as_ref()? {
        (span, Value::Number(d)) => Some((*span, Term::Number(*d))),
        (span, Value::Blank) => Some((*span, Term::Blank)),
        _ => None,
    }
}

fn identity(b: &Bound<'_, '_>, out: &mut Findings<'_>, ti: usize, table: &TableSpec, id: &crate::schema::IdentitySpec, rows: &[MappedRow], combined: &[bool]) {
    let nrows = table.rows.len();
    let spec_index = |key: &str| {
        table.rows.iter().position(|r| r.id == key).or_else(|| table.groups.iter().position(|g| g.id == key).map(|g| nrows + g)).expect("validated")
    };
    let col_index = |key: &str| table.columns.iter().position(|c| c.id == key).expect("validated");
    // A row of a group given only as its line counts through that line, once.
    let through_groups = |cells: Vec<(usize, usize)>| -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::with_capacity(cells.len());
        for (r, c) in cells {
            let g = (r < nrows).then(|| table.groups.iter().position(|g| g.rows.contains(&table.rows[r].id))).flatten();
            let cell = match g {
                Some(g) if combined[g] => (nrows + g, c),
                _ => (r, c),
            };
            if !out.contains(&cell) {
                out.push(cell);
            }
        }
        out
    };
    // Each instance: (label of the line it runs along, the total cells, the part cells) as (row, col).
    // `along` is the column (EachColumn) or the row (EachRow) the instance runs along; its label
    // is worded only when the instance fails.
    type Instance = (usize, Vec<(usize, usize)>, Vec<(usize, usize)>);
    let mut instances: Vec<Instance> = Vec::new();
    match id.across {
        Across::EachColumn => {
            for c in 0..table.columns.len() {
                let on = |key: &String| {
                    let r = spec_index(key);
                    columns_of(table, r).contains(&c).then_some((r, c))
                };
                let total: Option<Vec<_>> = id.total.iter().map(on).collect();
                let parts: Option<Vec<_>> = id.parts.iter().map(on).collect();
                if let (Some(t), Some(p)) = (total, parts) {
                    instances.push((c, through_groups(t), through_groups(p)));
                }
            }
        }
        Across::EachRow => {
            for r in rows {
                let cols = columns_of(table, r.spec);
                let has = |key: &String| cols.contains(&col_index(key));
                if id.total.iter().chain(&id.parts).all(has) {
                    let t = id.total.iter().map(|k| (r.spec, col_index(k))).collect();
                    let p = id.parts.iter().map(|k| (r.spec, col_index(k))).collect();
                    instances.push((r.spec, t, p));
                }
            }
        }
    }
    let tolerance = b.schema.table_tolerance[ti];
    let mut unchecked = 0;
    'instances: for (along, total, parts) in instances {
        let mut cells = Vec::with_capacity(total.len() + parts.len());
        for &(r, c) in total.iter().chain(&parts) {
            // A missing row or an invalid cell is reported by its own rule; here it only means
            // this instance cannot be evaluated.
            let Some((span, t)) = rows.iter().find(|m| m.spec == r).and_then(|row| term(row, c)) else {
                unchecked += 1;
                continue 'instances;
            };
            cells.push((r, c, span, t));
        }
        let (total_cells, part_cells) = cells.split_at(total.len());
        if total_cells.iter().any(|(_, _, _, t)| matches!(t, Term::Blank)) {
            continue; // The blank total is `table.cell-blank` already; its parts decide nothing yet.
        }
        let sum = |cs: &[(usize, usize, Span, Term)]| {
            cs.iter().fold(Decimal::ZERO, |acc, (_, _, _, t)| match t {
                Term::Number(d) => acc.add(*d),
                Term::Blank => acc,
            })
        };
        let (reported, computed) = (sum(total_cells), sum(part_cells));
        let diff = reported.sub(computed);
        if diff.abs() <= tolerance {
            continue;
        }
        let along = match id.across {
            Across::EachColumn => format!("“{}”列", table.columns[along].label),
            Across::EachRow => format!("“{}”行", row_label(table, along)),
        };
        let name = |r: usize, c: usize| match id.across {
            Across::EachColumn => row_label(table, r).to_string(),
            Across::EachRow => table.columns[c].label.clone(),
        };
        let show = |cs: &[(usize, usize, Span, Term)]| {
            cs.iter()
                .map(|(r, c, _, t)| match t {
                    Term::Number(d) => format!("{}{}", name(*r, *c), d),
                    Term::Blank => format!("{}（空白，按0计）", name(*r, *c)),
                })
                .collect::<Vec<_>>()
                .join(" + ")
        };
        let show_total = |cs: &[(usize, usize, Span, Term)]| {
            let list = show(cs);
            if cs.len() > 1 {
                format!("{list} = {reported}")
            } else {
                list
            }
        };
        let blanks: Vec<String> = part_cells.iter().filter(|(_, _, _, t)| matches!(t, Term::Blank)).map(|(r, c, _, _)| name(*r, *c)).collect();
        let blank_zh = if blanks.is_empty() { String::new() } else { format!("其中{}为空白。", blanks.join("、")) };
        let blank_en = if blanks.is_empty() { String::new() } else { format!(" Blank: {}.", blanks.join(", ")) };
        let zh = format!(
            "{}勾稽关系不成立（{along}）：{}。填报{}，按各项计算为{computed}，相差{diff}。各项：{}。{blank_zh}",
            table.title,
            id.title,
            show_total(total_cells),
            show(part_cells)
        );
        let en = format!(
            "{}: the identity {} does not hold ({along}): reported {}, computed from its parts {computed}, difference {diff}. Parts: {}.{blank_en}",
            table.title,
            id.title,
            show_total(total_cells),
            show(part_cells)
        );
        let (r0, c0, span0, _) = &total_cells[0];
        let fix = (total_cells.len() == 1 && blanks.is_empty()).then(|| {
            let (zh_at, en_at) = cell_name(table, *r0, *c0);
            Fix::replace(
                Message::new(
                    format!("将{zh_at}改为{computed}（修改的是合计，不是分项）"),
                    format!("set {en_at} to {computed} (the total is changed, not a part)"),
                ),
                false,
                *span0,
                computed.to_string(),
            )
        });
        let mut report = Finding::new(Rule::TableSum, *span0, Message::new(zh, en))
            .target(Target::Cell(format!("{}/{}/{}", table.id, row_id(table, *r0), table.columns[*c0].id)))
            .expected(computed.to_string())
            .actual(reported.to_string());
        for (r, c, span, t) in cells.iter().skip(1) {
            let v = match t {
                Term::Number(d) => d.to_string(),
                Term::Blank => "空白".into(),
            };
            let (zh, en) = cell_name(table, *r, *c);
            report.related.push((*span, Message::new(format!("{zh}：{v}"), format!("{en}: {v}"))));
        }
        if let Some(f) = fix {
            report = report.fix(f);
        }
        out.emit(report);
    }
    if unchecked > 0 {
        let anchor = rows.first().map_or(Span::empty(0), |r| Span::empty(r.span.start));
        out.emit(
            Finding::new(
                Rule::RuleSkipped,
                anchor,
                Message::new(
                    format!("{}的勾稽关系“{}”有{unchecked}处因缺少行或单元格无效未能核对", table.title, id.title),
                    format!("{}: the identity {} could not be evaluated in {unchecked} places (missing rows or invalid cells)", table.title, id.title),
                ),
            )
            .target(Target::Table(table.id.clone())),
        );
    }
}

/// Counts stated in the prose (`全年共受理政府信息公开申请3119件`) against their cells.
fn prose(b: &Bound<'_, '_>, out: &mut Findings<'_>, ti: usize, table: &TableSpec, rows: &[MappedRow]) {
    let doc = b.doc;
    let (patterns, set) = &b.schema.table_prose[ti];
    // Where each prose pattern occurs, found in one pass for all of them when first needed; each
    // is then located in those blocks of lines alone (a 4 MB text was searched once per pattern).
    let mut blocks: Option<Vec<Vec<Span>>> = None;
    for (pi, p) in table.prose.iter().enumerate() {
        let r = table.rows.iter().position(|r| r.id == p.row).expect("validated");
        let c = table.columns.iter().position(|x| x.id == p.column).expect("validated");
        let Some((cell_span, Term::Number(cell))) = rows.iter().find(|m| m.spec == r).and_then(|m| term(m, c)) else { continue };
        let mut found = Vec::new();
        // No work budget (the built-in prose patterns are short and bounded); a match is located
        // within MATCH_WINDOW bytes of its earliest end, as text patterns are.
        let mut unbounded = usize::MAX;
        for &block in &blocks.get_or_insert_with(|| set.blocks(doc.text))[pi] {
            patterns[pi].find_in(doc.text, block, &mut unbounded, &mut found);
        }
        // Matches inside table rows are the table itself.
        for m in found {
            let in_row = {
                let i = doc.rows.partition_point(|r| r.span.end <= m.start);
                doc.rows.get(i).is_some_and(|r| r.span.start <= m.start)
            };
            if in_row {
                continue;
            }
            // The stated number is the last run of digits in the match.
            let Some(num) = last_number(doc.slice(m)) else { continue };
            let Some(stated) = Decimal::parse(&doc.slice(m)[num.clone()]) else { continue };
            if stated == cell {
                continue;
            }
            let span = Span::new(m.start + num.start, m.start + num.end);
            let whole = doc.quote(m);
            let (zh_at, en_at) = cell_name(table, r, c);
            let mut report = Finding::new(
                Rule::TableProseMismatch,
                span,
                Message::new(
                    format!("正文“{whole}”中的{stated}与{zh_at}的{cell}不一致"),
                    format!("the text “{whole}” says {stated}, but {en_at} holds {cell}"),
                ),
            )
            .target(Target::Cell(format!("{}/{}/{}", table.id, p.row, p.column)))
            .expected(cell.to_string())
            .actual(stated.to_string());
            report.related.push((cell_span, Message::new(format!("{zh_at}：{cell}"), format!("{en_at}: {cell}"))));
            out.emit(report);
        }
    }
}

/// The byte range of the last run of (ASCII or full-width) digits in `s`.
fn last_number(s: &str) -> Option<std::ops::Range<usize>> {
    let mut end = None;
    let mut start = 0;
    for (i, c) in s.char_indices().rev() {
        let digit = crate::text::to_digit(c).is_some();
        match (digit, end) {
            (true, None) => {
                end = Some(i + c.len_utf8());
                start = i;
            }
            (true, Some(_)) => start = i,
            (false, Some(e)) => return Some(start..e),
            (false, None) => {}
        }
    }
    end.map(|e| start..e)
}

#[cfg(test)]
mod tests {
    use crate::{CheckOptions, Checker};

    const SCHEMA: &str = r#"{"id":"fees","title":"t","sections":[{"id":"money","title":"收费情况"}],
        "tables":[{"id":"m","title":"收费表","section":"money",
          "columns":[{"id":"a","label":"甲","type":"amount","unit":"万元"},{"id":"b","label":"乙","type":"amount"},{"id":"t","label":"合计","type":"amount"}],
          "rows":[{"id":"r","label":"金额","patterns":["金额"]}],
          "identities":[{"id":"sum","title":"合计 = 甲 + 乙","across":"each-row","total":["t"],"parts":["a","b"]}]}]}"#;

    fn sums(text: &str, schema: &str) -> Vec<String> {
        Checker::from_json(schema)
            .unwrap()
            .check(text, &CheckOptions::default())
            .diagnostics
            .into_iter()
            .filter(|d| d.rule.id().starts_with("table."))
            .map(|d| format!("{} {}", d.rule, d.expected.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn amounts_add_exactly() {
        // 0.1 + 0.2 is 0.30000000000000004 in f64; here it is 0.3.
        assert_eq!(sums("一、收费情况\n金额\t0.1万元\t0.2\t0.3\n", SCHEMA), Vec::<String>::new());
        assert_eq!(sums("一、收费情况\n金额\t0.1\t0.2\t0.31\n", SCHEMA), ["table.sum 0.3"]);
        let tolerant = SCHEMA.replace(r#""section":"money","#, r#""section":"money","tolerance":"0.01","#);
        assert_eq!(sums("一、收费情况\n金额\t0.1\t0.2\t0.31\n", &tolerant), Vec::<String>::new());
    }

    #[test]
    fn bad_table_schemas_name_the_field() {
        let bad = SCHEMA.replace(r#""parts":["a","b"]"#, r#""parts":["a","x"]"#);
        let e = Checker::from_json(&bad).err().unwrap().to_string();
        assert!(e.contains("tables[0].identities[0]") && e.contains("`x`"), "{e}");
        let bad = SCHEMA.replace(r#""section":"money","#, r#""section":"nowhere","#);
        assert!(Checker::from_json(&bad).err().unwrap().to_string().contains("tables[0].section"));
    }
}
