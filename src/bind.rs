//! The binding stage: a [`Document`] read against a [`CompiledSchema`], once, before any rule
//! runs. It finds which headings are the schema's sections, maps each statistics table's rows
//! and values to the schema's rows and columns (saying, as data, which rows it could not map),
//! and settles the facts the rules and the summary share: the report year and whether the title
//! and the statistics period agree on it, who reports, the 落款 and publication dates and the
//! deadline that applies. Rules are then functions of the [`Bound`] document that only emit
//! findings; the summary and the checklist are built from it too.

use crate::dates::{Date, DateExpr};
use crate::document::{Document, Signature};
use crate::pattern::Pattern;
use crate::position::Span;
use crate::previous::{Previous, PreviousCell};
use crate::schema::{parse_month_day, CompiledSchema, ReporterSpec, Schema, TableSpec};
use crate::table::Value;
use crate::text::is_blank;
use serde::Serialize;

/// A document bound to a schema: everything the rules read.
pub struct Bound<'a, 't> {
    /// The document.
    pub doc: &'a Document<'t>,
    /// The schema it is checked against.
    pub schema: &'a CompiledSchema,
    /// The document's sections recognised as the schema's, in text order.
    pub sections: Vec<SectionMatch>,
    /// Per table of the schema: its rows as found in the text, or `None` when the section that
    /// holds it was not found.
    pub tables: Vec<Option<BoundTable>>,
    /// Who reports, as an index into the schema's `reporters`: as the caller said, else as read
    /// off the agency's name.
    pub reporter: Option<usize>,
    /// The caller's today, for `date.future`.
    pub today: Option<Date>,
    /// Last year's report, for the cross-year rules.
    pub previous: Option<&'a Previous>,
    /// The report year, the dates and the deadline.
    pub dates: DateFacts,
}

/// What is settled about the report's dates.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DateFacts {
    /// The report year as the document gives it (see [`Document::report_year`]).
    pub report_year: Option<i32>,
    /// The title's year and the statistics period disagree: which year is meant is unclear, so
    /// what depends on it is not judged.
    pub years_disagree: bool,
    /// The 落款 and the date written in it, if any.
    pub signature: Option<(Signature, Option<DateExpr>)>,
    /// The 落款 date, when it is a valid date.
    pub signature_date: Option<Date>,
    /// A 发布日期/公开日期 given in the text.
    pub publication_date: Option<(Date, Span)>,
    /// The deadline that applies, when the year is settled and the schema sets deadlines.
    pub deadline: Option<Deadline>,
    /// With the reporter unknown: the latest deadline any reporter could have, for a warning
    /// rather than an error between the two.
    pub latest_deadline: Option<Date>,
}

/// A statistics table found in its section.
#[derive(Clone, Debug)]
pub struct BoundTable {
    /// Index into [`Document::sections`] of the section holding it.
    pub section: usize,
    /// Its rows mapped to the schema's rows, in text order.
    pub rows: Vec<MappedRow>,
    /// How values were assigned to columns.
    pub columns_by: ColumnsBy,
    /// Rows that could not be mapped.
    pub problems: Vec<RowProblem>,
}

/// A table row the binding could not map.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowProblem {
    /// A row with numbers whose label names no row of the table.
    Unknown {
        /// The row.
        span: Span,
        /// Its label cells, as written.
        quoted: String,
    },
    /// A known row with fewer values than the table has columns for it.
    TooFewValues {
        /// The row.
        span: Span,
        /// Index into the table's rows (or `rows.len() + g` for group `g`'s line).
        spec: usize,
        /// How many values it has.
        have: usize,
    },
    /// A known row written a second time; only the first is checked.
    Repeated {
        /// The repeated row.
        span: Span,
        /// Index into the table's rows (as for `TooFewValues`).
        spec: usize,
        /// The first row with this label.
        first: Span,
        /// Whether its values are the same as the first's.
        same: bool,
    },
    /// A known row with more values than the table has columns for it, laid out by position:
    /// the values at its end were used, the ones before them were not.
    TooManyValues {
        /// Index into the table's rows.
        spec: usize,
        /// How many values it has.
        have: usize,
        /// The first value that was not used.
        unused: Span,
    },
}

/// A row of the document mapped to a row of the table.
#[derive(Clone, Debug)]
pub struct MappedRow {
    /// Index into the table's rows, or `rows.len() + g` for the line of row group `g`.
    pub spec: usize,
    /// The whole row.
    pub span: Span,
    /// Per column of the table: the cell's span and value, if the row has that column.
    pub cells: Vec<Option<(Span, Value)>>,
}

/// Bind `doc` to `schema`. `reporter` (an id of the schema's `reporters`) and `today` are the
/// caller's, when given; a reporter id the schema does not have is not used.
pub fn bind<'a, 't>(
    doc: &'a Document<'t>,
    schema: &'a CompiledSchema,
    reporter: Option<&str>,
    today: Option<Date>,
    previous: Option<&'a Previous>,
) -> Bound<'a, 't> {
    let sections = match_sections(doc, schema);
    let spec = schema.schema();
    let tables = spec
        .tables
        .iter()
        .enumerate()
        .map(|(ti, table)| {
            let k = spec.sections.iter().position(|s| s.id == table.section).expect("validated");
            let section = sections.iter().find(|m| m.spec == k)?.section;
            let (rows, columns_by, problems) = map_rows(doc, schema, ti, table, doc.sections[section].span);
            Some(BoundTable { section, rows, columns_by, problems })
        })
        .collect();
    let given = reporter.and_then(|id| spec.reporters.iter().position(|r| r.id == id));
    let reporter = given.or_else(|| recognise(schema, doc.slice(doc.agency()?)));
    let dates = date_facts(doc, spec, reporter);
    Bound { doc, schema, sections, tables, reporter, today, previous, dates }
}

impl Bound<'_, '_> {
    /// The table cells holding numbers, as last year's report is compared with them.
    pub(crate) fn cells(&self) -> Vec<PreviousCell> {
        let spec = self.schema.schema();
        let mut cells = Vec::new();
        for (table, bound) in spec.tables.iter().zip(&self.tables) {
            let Some(bound) = bound else { continue };
            for r in bound.rows.iter().filter(|r| r.spec < table.rows.len()) {
                for (c, cell) in r.cells.iter().enumerate() {
                    if let Some((span, Value::Number(value))) = cell {
                        cells.push(PreviousCell {
                            table: table.id.clone(),
                            row: table.rows[r.spec].id.clone(),
                            column: table.columns[c].id.clone(),
                            value: *value,
                            span: *span,
                        });
                    }
                }
            }
        }
        cells
    }
}

fn date_facts(doc: &Document<'_>, schema: &Schema, reporter: Option<usize>) -> DateFacts {
    let report_year = doc.report_year();
    let years_disagree = match (doc.title.and_then(|t| t.year), doc.period()) {
        (Some((ty, _)), Some(p)) => p.from.year != ty || p.to.year != ty,
        _ => false,
    };
    let signature = doc.signature.map(|s| (s, doc.dates_in(s.date).next().copied()));
    let signature_date = signature.and_then(|(_, e)| e?.date());
    // A year read off the 落款 or the publication date itself cannot judge that date.
    let year_from_dates = doc.year.is_some_and(|y| matches!(y.source, crate::document::YearSource::Signature | crate::document::YearSource::Published));
    let settled = report_year.filter(|_| !years_disagree && !year_from_dates);
    let deadline = settled.and_then(|ry| deadline(schema, reporter, ry));
    let latest_deadline = match (&deadline, settled) {
        (Some(d), Some(ry)) if d.assumed => schema.reporters.iter().filter_map(|r| deadline_in(r, ry)).max(),
        _ => None,
    };
    DateFacts { report_year, years_disagree, signature, signature_date, publication_date: doc.publication, deadline, latest_deadline }
}

/// The publication deadline that applies, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Deadline {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The reporter (an id of the schema's `reporters`) the deadline was taken for.
    pub reporter: String,
    /// True when the reporter could not be told and the earliest deadline was assumed.
    pub assumed: bool,
    /// The legal basis of the deadline.
    pub basis: String,
}

/// The reporter `agency` names: the one whose pattern matches most of the name, else the one
/// without patterns; `None` when the schema has no reporters.
fn recognise(schema: &CompiledSchema, agency: &str) -> Option<usize> {
    let longest = |ps: &[Pattern]| ps.iter().flat_map(|p| p.find_all(agency)).map(|m| m.end - m.start).max();
    let mut best: Option<(usize, usize)> = None;
    for (i, ps) in schema.reporter_agency.iter().enumerate() {
        if let Some(n) = longest(ps) {
            // On a tie the later reporter wins: an extending schema's (listed after the inherited
            // ones) is the more specific, e.g. a province's 乡镇 over the national 人民政府 for `青山镇`.
            if best.is_none_or(|(_, m)| n >= m) {
                best = Some((i, n));
            }
        }
    }
    best.map(|(i, _)| i).or_else(|| schema.reporter_agency.iter().position(|ps| ps.is_empty()))
}

/// The deadline for a report on `ry`: the reporter's month-day in the next year; with the
/// reporter unknown, the earliest any reporter has (assumed).
fn deadline(schema: &Schema, reporter: Option<usize>, ry: i32) -> Option<Deadline> {
    let policy = schema.dates.as_ref()?;
    let (r, assumed) = match reporter {
        Some(r) => (&schema.reporters[r], false),
        // The earliest; on equal dates the reporter without agency patterns (every other organ,
        // the departments in the built-ins).
        None => (schema.reporters.iter().min_by_key(|r| (deadline_in(r, ry), !r.agency.is_empty()))?, true),
    };
    Some(Deadline { date: deadline_in(r, ry)?.to_string(), reporter: r.id.clone(), assumed, basis: policy.basis.clone() })
}

/// `r`'s deadline for a report on `ry` (a 02-29 in a common year is 02-28).
pub(crate) fn deadline_in(r: &ReporterSpec, ry: i32) -> Option<Date> {
    parse_month_day(&r.deadline).and_then(|(m, d)| Date::new(ry + 1, m, d).or_else(|| Date::new(ry + 1, m, d - 1)))
}

/// A heading of the document recognised as a section of the schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SectionMatch {
    /// Index into the schema's sections.
    pub spec: usize,
    /// Index into [`Document::sections`] (and so into its headings).
    pub section: usize,
    /// The heading is worded differently from the format's title.
    pub variant: bool,
}

/// Match the document's headings against the schema's sections. Only headings
/// of the top level among those that match anything count, so that a
/// sub-heading `（一）主动公开情况` is not taken for the section `二、主动公开政府信息情况`.
pub fn match_sections(doc: &Document<'_>, schema: &CompiledSchema) -> Vec<SectionMatch> {
    let specs = &schema.schema().sections;
    if specs.is_empty() {
        return Vec::new();
    }
    let candidates: Vec<SectionMatch> = doc
        .sections
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let title = doc.slice(doc.headings[s.heading].title);
            let norm: String = title.chars().filter(|&c| !is_blank(c)).collect();
            specs.iter().enumerate().find_map(|(k, spec)| {
                if norm == spec.title {
                    Some(SectionMatch { spec: k, section: i, variant: false })
                } else if schema.section_aliases[k].iter().any(|re| re.is_match(&norm)) {
                    Some(SectionMatch { spec: k, section: i, variant: true })
                } else {
                    None
                }
            })
        })
        .collect();
    let level = |m: &SectionMatch| doc.headings[doc.sections[m.section].heading].level;
    let Some(top) = candidates.iter().map(level).min() else { return Vec::new() };
    candidates.into_iter().filter(|m| level(m) == top).collect()
}

/// Map the table rows inside `region` to the table's rows (and row groups' lines).
///
/// A row of labels and blanks with no number is a header wherever it stands (表四's three header
/// lines, 表三's two), unless its first label names a row. A value merged over several columns
/// (`colspan`, `w:gridSpan`, or a run of tabs in a copy) arrives followed by empty cells: those
/// are dropped. Values go to columns by the header above them when its labels name the columns
/// on the same grid, else by position from the row's end.
fn map_rows(doc: &Document<'_>, schema: &CompiledSchema, ti: usize, table: &TableSpec, region: Span) -> (Vec<MappedRow>, ColumnsBy, Vec<RowProblem>) {
    let patterns = &schema.table_rows[ti];
    let group_patterns = &schema.table_groups[ti];
    let mut out: Vec<MappedRow> = Vec::new();
    let mut problems = Vec::new();
    let (mut by_header_rows, mut by_position_rows) = (0, 0);
    let mut header: Option<&crate::document::RowCells> = None;
    let first = doc.rows.partition_point(|r| r.span.start < region.start);
    for line in doc.rows[first..].iter().take_while(|r| r.span.end <= region.end) {
        let cells = &line.cells;
        let value = |c: Span| Value::parse(doc.slice(c), "");

        let first_label = cells.iter().find(|&&c| value(c) != Value::Blank).copied();
        let names_row = first_label.is_some_and(|c| {
            let t = doc.slice(c);
            matches_any(patterns, t).is_some() || matches_any(group_patterns, t).is_some()
        });
        let has_number = cells.iter().any(|&c| matches!(value(c), Value::Number(_)));
        let has_text = cells.iter().any(|&c| value(c) == Value::Text);
        if !has_number && has_text && !names_row {
            header = Some(line);
            continue;
        }
        // Labels: the text cells at the row's start, after any empty cells a merged label left
        // (`\t\t2.重复申请\t1…` under a rowspan'd （五）不予处理).
        let lead = cells.iter().take_while(|&&c| value(c) == Value::Blank).count();
        let label_cells: Vec<Span> = cells[lead..].iter().copied().take_while(|&c| value(c) == Value::Text).collect();
        let label_end = if label_cells.is_empty() { 0 } else { lead + label_cells.len() };
        let last = label_cells.last().map(|&c| doc.slice(c)).unwrap_or("");
        let whole: String = label_cells.iter().map(|&c| doc.slice(c)).collect();
        let quoted: String = label_cells.iter().map(|&c| doc.quote(c)).collect();
        let spec = if label_cells.is_empty() {
            table.rows.iter().position(|r| r.patterns.is_empty())
        } else {
            let find = |text: &str| matches_any(patterns, text);
            let group = |text: &str| matches_any(group_patterns, text).map(|g| table.rows.len() + g);
            find(last).or_else(|| find(&whole)).or_else(|| group(last)).or_else(|| group(&whole))
        };
        let Some(spec) = spec else {
            if has_number {
                problems.push(RowProblem::Unknown { span: line.span, quoted });
            }
            continue;
        };
        // A second row with the same label is reported, never silently dropped; the first is checked.
        let repeat_of = out.iter().position(|r| r.spec == spec);
        let cols = columns_of(table, spec);
        let labelled = !label_cells.is_empty() || spec >= table.rows.len() || !table.rows[spec].patterns.is_empty();
        let need = cols.len() + usize::from(labelled);
        // Empty cells after the last value are the rest of a merged cell.
        let mut end = cells.len();
        while end > need && doc.slice(cells[end - 1]).trim_matches(crate::text::is_blank).is_empty() {
            end -= 1;
        }
        let cells = &cells[..end];
        if cells.len() < need {
            if let Some(i) = repeat_of {
                problems.push(RowProblem::Repeated { span: line.span, spec, first: out[i].span, same: false });
                continue;
            }
            let have = cells.len() - usize::from(labelled).min(cells.len());
            problems.push(RowProblem::TooFewValues { span: line.span, spec, have });
            out.push(MappedRow { spec, span: line.span, cells: vec![None; table.columns.len()] });
            continue;
        }
        let by_header = header.and_then(|h| by_header(doc, table, &cols, h, line, label_end.max(usize::from(labelled))));
        let chosen: Vec<Span> = match by_header {
            Some(v) => {
                by_header_rows += 1;
                v
            }
            None => {
                by_position_rows += 1;
                let mut values = &cells[label_end.max(usize::from(labelled)).min(cells.len())..];
                // Blank cells right after the label are the rest of a merged label cell.
                while values.len() > cols.len() && value(values[0]) == Value::Blank {
                    values = &values[1..];
                }
                if values.len() > cols.len() && repeat_of.is_none() {
                    problems.push(RowProblem::TooManyValues { spec, have: values.len(), unused: values[0] });
                }
                cells[cells.len() - cols.len()..].to_vec()
            }
        };
        let mut mapped = vec![None; table.columns.len()];
        for (&col, cell) in cols.iter().zip(chosen) {
            mapped[col] = Some((cell, Value::parse(doc.slice(cell), &table.columns[col].unit)));
        }
        if let Some(i) = repeat_of {
            let value = |m: &Option<(Span, Value)>| m.as_ref().map(|(_, v)| *v);
            let same = out[i].cells.iter().zip(&mapped).all(|(a, b)| value(a) == value(b));
            problems.push(RowProblem::Repeated { span: line.span, spec, first: out[i].span, same });
            continue;
        }
        out.push(MappedRow { spec, span: line.span, cells: mapped });
    }
    let by = match (by_header_rows, by_position_rows) {
        (0, _) => ColumnsBy::Position,
        (_, 0) => ColumnsBy::Header,
        _ => ColumnsBy::Mixed,
    };
    (out, by, problems)
}

/// How a table's values were assigned to its columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum ColumnsBy {
    /// By the header labels above them.
    Header,
    /// By their position in the row.
    Position,
    /// Some rows by the header, the rest by position.
    Mixed,
}

/// The cells of `line` under the header cells that name `cols`, when the header is laid out on
/// the same grid (as many cells) and names each column exactly once.
fn by_header(
    doc: &crate::Document<'_>,
    table: &TableSpec,
    cols: &[usize],
    header: &crate::document::RowCells,
    line: &crate::document::RowCells,
    first_value: usize,
) -> Option<Vec<Span>> {
    if header.cells.len() != line.cells.len() {
        return None;
    }
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|&c| !crate::text::is_blank(c))
            .map(|c| match c {
                '（' => '(',
                '）' => ')',
                '：' => ':',
                c => c,
            })
            .collect()
    };
    let heads: Vec<String> = header.cells.iter().map(|&c| norm(doc.slice(c))).collect();
    cols.iter()
        .map(|&c| {
            let label = norm(&table.columns[c].label);
            let short = label.rsplit(':').next().unwrap_or(&label).to_string();
            let unique = |want: &str| {
                let mut at = heads.iter().enumerate().filter(|(_, h)| !h.is_empty() && h.as_str() == want).map(|(k, _)| k);
                let k = at.next()?;
                at.next().is_none().then_some(k)
            };
            let k = unique(&label).or_else(|| unique(&short))?;
            (k >= first_value).then(|| line.cells[k])
        })
        .collect()
}

/// The first of `rows` (each a list of label patterns) whose pattern matches `text`.
fn matches_any(rows: &[Vec<Pattern>], text: &str) -> Option<usize> {
    rows.iter().position(|ps| !ps.is_empty() && ps.iter().any(|p| p.is_match(text)))
}

/// The row (or `rows.len() + g` for group `g`'s line) of table `ti` that a label names.
#[cfg(not(target_arch = "wasm32"))] // used by the examples runner, which is native only
pub(crate) fn row_for_label(schema: &CompiledSchema, ti: usize, label: &str) -> Option<usize> {
    let rows = schema.schema().tables[ti].rows.len();
    matches_any(&schema.table_rows[ti], label).or_else(|| matches_any(&schema.table_groups[ti], label).map(|g| rows + g))
}

/// The columns (indices) a row or a group's line has values for.
pub(crate) fn columns_of(table: &TableSpec, spec: usize) -> Vec<usize> {
    let col_ids: Vec<&String> = match spec.checked_sub(table.rows.len()) {
        None => table.rows[spec].columns.iter().collect(),
        Some(g) => {
            // A group's line has the columns its rows have.
            let mut ids: Vec<&String> = Vec::new();
            for r in table.rows.iter().filter(|r| table.groups[g].rows.contains(&r.id)) {
                if r.columns.is_empty() {
                    return (0..table.columns.len()).collect();
                }
                for c in &r.columns {
                    if !ids.contains(&c) {
                        ids.push(c);
                    }
                }
            }
            ids
        }
    };
    if col_ids.is_empty() {
        (0..table.columns.len()).collect()
    } else {
        table.columns.iter().enumerate().filter(|(_, c)| col_ids.contains(&&c.id)).map(|(i, _)| i).collect()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The reporter the built-in 2021 format reads off `doc`'s agency.
    pub(crate) fn reporter_of(doc: &Document<'_>) -> Option<String> {
        static SCHEMA: std::sync::OnceLock<CompiledSchema> = std::sync::OnceLock::new();
        let schema = SCHEMA.get_or_init(|| CompiledSchema::new(Schema::builtin("cn-ogi-2021").unwrap()).unwrap());
        bind(doc, schema, None, None, None).reporter.map(|r| schema.schema().reporters[r].id.clone())
    }

    /// The reporter whose pattern matches most of the agency's name wins; the one without
    /// patterns takes every other agency.
    #[test]
    fn the_most_specific_reporter_wins() {
        let json = r#"{"id":"p","title":"省格式","extends":"cn-ogi-2021","reporters":[
            {"id":"township","title":{"zh":"乡镇报告","en":"a township's report"},"agency":["(镇|乡|街道)(人民政府|办事处)?$"],"deadline":"01-20"}]}"#;
        let schema = CompiledSchema::new(Schema::from_json(json).unwrap()).unwrap();
        let of = |text: &str| {
            let doc = Document::parse(text);
            bind(&doc, &schema, None, None, None).reporter.map(|r| schema.schema().reporters[r].id.clone())
        };
        assert_eq!(of("青山镇人民政府\n2024年政府信息公开工作年度报告\n").as_deref(), Some("township"));
        assert_eq!(of("江州市人民政府\n2024年政府信息公开工作年度报告\n").as_deref(), Some("government"));
        assert_eq!(of("江州市教育局\n2024年政府信息公开工作年度报告\n").as_deref(), Some("department"));
        // A tie (`镇` matches both) goes to the extending schema's reporter.
        assert_eq!(of("青山镇2024年政府信息公开工作年度报告\n").as_deref(), Some("township"));
        assert_eq!(of("东湖街道2024年政府信息公开工作年度报告\n").as_deref(), Some("township"));
        assert_eq!(of("2024年政府信息公开工作年度报告\n").as_deref(), None);
    }
}
