//! `table.*`: the statistics tables found in their sections, every row mapped
//! to the format's rows by its label and every value to a column by position,
//! each cell checked, and the identities (勾稽关系) evaluated exactly.

use super::sections::SectionMatch;
use super::{Ctx, Report};
use crate::diagnostic::{Message, Target};
use crate::position::Span;
use crate::rules::registry::Rule;
use crate::schema::{Across, CellType, TableSpec};
use crate::table::{Decimal, Value};

/// A row of the document mapped to a row of the table.
struct MappedRow {
    /// Index into the table's rows.
    spec: usize,
    /// The whole row.
    span: Span,
    /// Per column of the table: the cell's span and value, if the row has that column.
    cells: Vec<Option<(Span, Value)>>,
}

pub(crate) fn check(ctx: &mut Ctx<'_, '_>, matched: &[SectionMatch]) {
    let schema = ctx.schema.schema();
    for (ti, table) in schema.tables.iter().enumerate() {
        let k = schema.sections.iter().position(|s| s.id == table.section).expect("validated");
        let found = if table.required {
            ctx.section_or_skip(matched, &table.section, &table.title, Target::Table(table.id.clone()))
        } else {
            matched.iter().find(|m| m.spec == k).map(|m| m.section)
        };
        let Some(section) = found else { continue };
        let sec = ctx.doc.sections[section];
        let heading = ctx.doc.headings[sec.heading].span;
        let rows = map_rows(ctx, ti, table, sec.span);
        if rows.is_empty() {
            if table.required {
                ctx.emit(
                    Report::new(
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
        for (ri, row) in table.rows.iter().enumerate() {
            if row.required && !rows.iter().any(|r| r.spec == ri) {
                ctx.emit(
                    Report::new(
                        Rule::TableRowMissing,
                        Span::empty(anchor.start),
                        Message::new(format!("{}缺少“{}”行", table.title, row.label), format!("{} lacks the row “{}”", table.title, row.label)),
                    )
                    .target(Target::Cell(format!("{}/{}", table.id, row.id)))
                    .expected(row.label.clone()),
                );
            }
        }
        for r in &rows {
            check_cells(ctx, table, r);
        }
        for id in &table.identities {
            identity(ctx, ti, table, id, &rows);
        }
        prose(ctx, ti, table, &rows);
    }
}

/// Map the table rows inside `region` to the table's rows.
fn map_rows(ctx: &mut Ctx<'_, '_>, ti: usize, table: &TableSpec, region: Span) -> Vec<MappedRow> {
    let doc = ctx.doc;
    let patterns = &ctx.schema.table_rows[ti];
    let mut out: Vec<MappedRow> = Vec::new();
    let first = doc.rows.partition_point(|r| r.span.start < region.start);
    for line in doc.rows[first..].iter().take_while(|r| r.span.end <= region.end) {
        let cells = &line.cells;
        // A header row (every cell text: `自然人	法人或其他组织	总计`) carries no data, unless
        // its first cell names a row (`行政许可	约400`: a row whose value is text).
        let names_row = |c: Span| patterns.iter().any(|ps| ps.iter().any(|p| p.is_match(doc.slice(c))));
        if cells.iter().all(|&c| Value::parse(doc.slice(c), "") == Value::Text) && !cells.first().is_some_and(|&c| names_row(c)) {
            continue;
        }
        let label_cells: Vec<Span> = cells.iter().copied().take_while(|&c| Value::parse(doc.slice(c), "") == Value::Text).collect();
        let last = label_cells.last().map(|&c| doc.slice(c)).unwrap_or("");
        let whole: String = label_cells.iter().map(|&c| doc.slice(c)).collect();
        let spec = if label_cells.is_empty() {
            table.rows.iter().position(|r| r.patterns.is_empty())
        } else {
            let find = |text: &str| patterns.iter().position(|ps| !ps.is_empty() && ps.iter().any(|p| p.is_match(text)));
            find(last).or_else(|| find(&whole))
        };
        let Some(spec) = spec else {
            if cells.iter().any(|&c| matches!(Value::parse(doc.slice(c), ""), Value::Number(_))) {
                ctx.emit(
                    Report::new(
                        Rule::TableRowUnknown,
                        line.span,
                        Message::new(
                            format!("无法识别{}中的这一行“{whole}”，未检查", table.title),
                            format!("this row “{whole}” matches no row of {}; it was not checked", table.title),
                        ),
                    )
                    .target(Target::Table(table.id.clone())),
                );
            }
            continue;
        };
        if out.iter().any(|r| r.spec == spec) {
            continue;
        }
        let row = &table.rows[spec];
        let cols: Vec<usize> = if row.columns.is_empty() {
            (0..table.columns.len()).collect()
        } else {
            row.columns.iter().map(|c| table.columns.iter().position(|x| &x.id == c).expect("validated")).collect()
        };
        let need = cols.len() + usize::from(!row.patterns.is_empty());
        if cells.len() < need {
            let have = cells.len() - usize::from(!row.patterns.is_empty()).min(cells.len());
            let names: Vec<&str> = cols.iter().map(|&c| table.columns[c].label.as_str()).collect();
            ctx.emit(
                Report::new(
                    Rule::TableColumnMissing,
                    line.span,
                    Message::new(
                        format!("{}“{}”行只有{have}个数值，应有{}个（{}），无法对应到各列", table.title, row.label, cols.len(), names.join("、")),
                        format!("row “{}” of {} has {have} values where {} are expected ({}); they cannot be matched to columns", row.label, table.title, cols.len(), names.join(", ")),
                    ),
                )
                .target(Target::Cell(format!("{}/{}", table.id, row.id)))
                .expected(cols.len().to_string())
                .actual(have.to_string()),
            );
            out.push(MappedRow { spec, span: line.span, cells: vec![None; table.columns.len()] });
            continue;
        }
        let mut mapped = vec![None; table.columns.len()];
        for (&col, &cell) in cols.iter().zip(&cells[cells.len() - cols.len()..]) {
            mapped[col] = Some((cell, Value::parse(doc.slice(cell), &table.columns[col].unit)));
        }
        out.push(MappedRow { spec, span: line.span, cells: mapped });
    }
    out
}

fn cell_name(table: &TableSpec, row: usize, col: usize) -> (String, String) {
    let (r, c) = (&table.rows[row].label, &table.columns[col].label);
    (format!("{}“{r}”行“{c}”列", table.title), format!("{}, row “{r}”, column “{c}”", table.title))
}

fn check_cells(ctx: &mut Ctx<'_, '_>, table: &TableSpec, r: &MappedRow) {
    for (col, cell) in r.cells.iter().enumerate() {
        let Some((span, value)) = *cell else { continue };
        let spec = &table.columns[col];
        let (zh_at, en_at) = cell_name(table, r.spec, col);
        let target = Target::Cell(format!("{}/{}/{}", table.id, table.rows[r.spec].id, spec.id));
        let written = ctx.doc.slice(span);
        let problem: Option<(Rule, String, String)> = match value {
            Value::Blank => Some((
                Rule::TableCellBlank,
                format!("{zh_at}为空；空白不等于0，没有数据请填写0"),
                format!("{en_at} is blank; a blank is not 0, write 0 if there is nothing to report"),
            )),
            Value::NotApplicable if !spec.not_applicable => Some((
                Rule::TableCellInvalid,
                format!("{zh_at}填写了“{written}”，此处须填写数字（没有请填0）"),
                format!("{en_at} holds “{written}” where a number is required (write 0 if there is nothing)"),
            )),
            Value::Text => Some((
                Rule::TableCellInvalid,
                format!("{zh_at}的“{written}”不是数字，单元格只能填写数字"),
                format!("{en_at}: “{written}” is not a number; cells hold numbers only"),
            )),
            Value::Number(d) => match spec.cell_type {
                CellType::Count if !d.is_integer() || d.is_negative() => Some((
                    Rule::TableCellInvalid,
                    format!("{zh_at}的“{written}”不是非负整数（件数只能是0或正整数）"),
                    format!("{en_at}: “{written}” is not a whole number ≥ 0"),
                )),
                CellType::SignedCount if !d.is_integer() => Some((
                    Rule::TableCellInvalid,
                    format!("{zh_at}的“{written}”不是整数"),
                    format!("{en_at}: “{written}” is not a whole number"),
                )),
                CellType::Amount if d.is_negative() => Some((
                    Rule::TableCellInvalid,
                    format!("{zh_at}的金额“{written}”不能为负数"),
                    format!("{en_at}: the amount “{written}” is negative"),
                )),
                _ => None,
            },
            Value::NotApplicable => None,
        };
        if let Some((rule, zh, en)) = problem {
            ctx.emit(Report::new(rule, span, Message::new(zh, en)).target(target).actual(written));
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

fn identity(ctx: &mut Ctx<'_, '_>, ti: usize, table: &TableSpec, id: &crate::schema::IdentitySpec, rows: &[MappedRow]) {
    let row_index = |key: &str| table.rows.iter().position(|r| r.id == key).expect("validated");
    let col_index = |key: &str| table.columns.iter().position(|c| c.id == key).expect("validated");
    // Each instance: (label of the line it runs along, the total cells, the part cells) as (row, col).
    let mut instances: Vec<(String, Vec<(usize, usize)>, Vec<(usize, usize)>)> = Vec::new();
    match id.across {
        Across::EachColumn => {
            for (c, col) in table.columns.iter().enumerate() {
                let on = |key: &String| {
                    let r = row_index(key);
                    let spec = &table.rows[r];
                    (spec.columns.is_empty() || spec.columns.contains(&col.id)).then_some((r, c))
                };
                let total: Option<Vec<_>> = id.total.iter().map(on).collect();
                let parts: Option<Vec<_>> = id.parts.iter().map(on).collect();
                if let (Some(t), Some(p)) = (total, parts) {
                    instances.push((format!("“{}”列", col.label), t, p));
                }
            }
        }
        Across::EachRow => {
            for r in rows {
                let spec = &table.rows[r.spec];
                let has = |key: &String| spec.columns.is_empty() || spec.columns.contains(key);
                if id.total.iter().chain(&id.parts).all(has) {
                    let t = id.total.iter().map(|k| (r.spec, col_index(k))).collect();
                    let p = id.parts.iter().map(|k| (r.spec, col_index(k))).collect();
                    instances.push((format!("“{}”行", spec.label), t, p));
                }
            }
        }
    }
    let tolerance = ctx.schema.table_tolerance[ti];
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
        let name = |r: usize, c: usize| match id.across {
            Across::EachColumn => table.rows[r].label.clone(),
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
            if cs.len() > 1 { format!("{list} = {reported}") } else { list }
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
        let mut report = Report::new(Rule::TableSum, *span0, Message::new(zh, en))
            .target(Target::Cell(format!("{}/{}/{}", table.id, table.rows[*r0].id, table.columns[*c0].id)))
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
        ctx.emit(report);
    }
    if unchecked > 0 {
        let anchor = rows.first().map_or(Span::empty(0), |r| Span::empty(r.span.start));
        ctx.emit(
            Report::new(
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
fn prose(ctx: &mut Ctx<'_, '_>, ti: usize, table: &TableSpec, rows: &[MappedRow]) {
    let doc = ctx.doc;
    for (pi, p) in table.prose.iter().enumerate() {
        let r = table.rows.iter().position(|r| r.id == p.row).expect("validated");
        let c = table.columns.iter().position(|x| x.id == p.column).expect("validated");
        let Some((cell_span, Term::Number(cell))) = rows.iter().find(|m| m.spec == r).and_then(|m| term(m, c)) else { continue };
        let re = &ctx.schema.table_prose[ti][pi];
        // One pass over the whole text; matches inside table rows are the table itself.
        for m in re.find_all(doc.text) {
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
            let whole = doc.slice(m);
            let (zh_at, en_at) = cell_name(table, r, c);
            let mut report = Report::new(
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
            ctx.emit(report);
        }
    }
}

/// The byte range of the last run of (ASCII or full-width) digits in `s`.
fn last_number(s: &str) -> Option<std::ops::Range<usize>> {
    let mut end = None;
    let mut start = 0;
    for (i, c) in s.char_indices().rev() {
        let digit = crate::heading::to_digit(c).is_some();
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
