//! HTML (portal editors, saved pages, Word's clipboard HTML) → visible text:
//! block elements end lines, table cells are separated by tabs with rowspan and
//! colspan laid out on a grid, entities are decoded, and script, style, head,
//! comments (Word's conditional comments included) and hidden elements are left out.

use super::{Visible, MAX_REPEATED_LABEL};
use crate::position::Span;
use html5gum::{DefaultEmitter, Token, Tokenizer};
use std::borrow::Cow;

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "table",
    "tr",
    "title",
    "dd",
    "dt",
    "center",
    "form",
    "nav",
    "main",
];
const SKIPPED: &[&str] = &["script", "style", "head", "template", "noscript", "xml", "svg", "object"];

/// Largest `colspan` and `rowspan`, as the HTML standard clamps them ("the table processing
/// model"): a bigger value counts as the limit, a zero colspan as 1, and a zero rowspan as
/// "to the end of the table".
pub const MAX_COLSPAN: usize = 1000;
/// Largest `rowspan`: see [`MAX_COLSPAN`].
pub const MAX_ROWSPAN: usize = 65534;

/// Tables nested deeper than this are read as text of the cell that holds them: each level of
/// nesting copies the text inside it once, so unbounded nesting (20,000 `<table>`s in a row) made
/// reading quadratic. Real pages nest layout tables a few levels deep.
pub const MAX_TABLE_DEPTH: usize = 16;

/// What laying out the tables may add beyond the document's own text (span tabs, repeated
/// labels; each new piece of text counted as [`PIECE_COST`] bytes more): twice the HTML and
/// 1 MiB. Over it, the HTML is refused ([`HtmlError::TableTooLarge`]): the grid costs what the
/// document holds, not rows × span.
pub fn layout_budget(html_len: usize) -> usize {
    html_len.saturating_mul(2).saturating_add(1 << 20)
}
const PIECE_COST: usize = 64;

/// Why an HTML cannot be read, in words for the drafter.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HtmlError {
    /// The tables' merged cells lay out to more than the budget (in bytes, see [`layout_budget`]).
    #[error("表格的合并单元格（rowspan/colspan）展开后超过{0}字节，远大于任何年度报告的表格；请检查合并单元格是否正确，或粘贴纯文本 / the tables' merged cells (rowspan/colspan) lay out to more than {0} bytes, far more than any report's table: check the merged cells, or paste plain text")]
    TableTooLarge(usize),
}

impl HtmlError {
    /// The reason in Chinese and in English.
    pub fn message(&self) -> crate::diagnostic::Message {
        let s = self.to_string();
        let (zh, en) = s.split_once(" / ").unwrap_or((s.as_str(), s.as_str()));
        crate::diagnostic::Message::new(zh, en)
    }
}

/// A run of text with its source span (exact: the source bytes are the text). Text taken as it
/// is from the HTML borrows it, so a document of many short runs costs no copy of each.
#[derive(Clone, Debug)]
struct Frag<'h> {
    text: Cow<'h, str>,
    source: Span,
    exact: bool,
}

struct Cell<'h> {
    frags: Vec<Frag<'h>>,
    colspan: usize,
    rowspan: usize,
    /// Where the cell ends in the source (its end tag, or what closed it): the tab after the
    /// cell points here, so a blank cell's finding lands in its own `<td></td>`.
    end: usize,
}

#[derive(Default)]
struct Row<'h> {
    cells: Vec<Cell<'h>>,
    /// Where the row starts in the source (`<tr>`, or its first cell).
    at: usize,
}

#[derive(Default)]
struct Table<'h> {
    rows: Vec<Row<'h>>,
    in_row: bool,
}

/// A rowspan cell still covering rows below.
struct Carry<'h> {
    left: usize,
    /// The label repeated in each covered row (empty for a value: a merged number counts once).
    label: Vec<Frag<'h>>,
    /// The columns it covers: a cell with both spans covers its whole rectangle.
    colspan: usize,
}

struct Builder<'h> {
    out: Vec<Frag<'h>>,
    tables: Vec<Table<'h>>,
    cell: Vec<Option<Cell<'h>>>,
    /// `<table>`s opened beyond [`MAX_TABLE_DEPTH`] and not yet closed.
    flattened: usize,
    /// What table layout may still add ([`layout_budget`]).
    budget: usize,
    over: bool,
}

/// Append a tab (or row end) standing for nothing in the source, at `at`; runs of them at one
/// place share one piece.
fn push_sep(lines: &mut Vec<Frag<'_>>, sep: &'static str, at: usize) {
    if let Some(last) = lines.last_mut() {
        if !last.exact && last.source == Span::empty(at) && last.text.bytes().all(|b| b == b'\t') && sep.bytes().all(|b| b == b'\t') {
            last.text.to_mut().push_str(sep);
            return;
        }
    }
    lines.push(Frag { text: Cow::Borrowed(sep), source: Span::empty(at), exact: false });
}

impl<'h> Builder<'h> {
    fn sink(&mut self) -> &mut Vec<Frag<'h>> {
        match self.cell.last_mut() {
            Some(Some(cell)) => &mut cell.frags,
            _ => &mut self.out,
        }
    }

    fn push(&mut self, text: Cow<'h, str>, source: Span, exact: bool) {
        self.sink().push(Frag { text, source, exact });
    }

    fn newline(&mut self, at: usize) {
        let sink = self.sink();
        if sink.last().is_some_and(|f| !f.text.ends_with('\n')) {
            sink.push(Frag { text: Cow::Borrowed("\n"), source: Span::empty(at), exact: false });
        }
    }

    /// Spend `cost` of the layout budget; false (and the document refused) once it is gone.
    fn spend(&mut self, cost: usize) -> bool {
        match self.budget.checked_sub(cost) {
            Some(left) => {
                self.budget = left;
                true
            }
            None => {
                self.over = true;
                false
            }
        }
    }

    /// Close the open cell of the innermost table, if any, where the source is at `at`.
    fn close_cell(&mut self, at: usize) {
        if let (Some(slot), Some(t)) = (self.cell.last_mut(), self.tables.last_mut()) {
            if let (Some(mut cell), Some(row)) = (slot.take(), t.rows.last_mut()) {
                cell.end = at;
                row.cells.push(cell);
            }
        }
    }

    /// Lay out a finished table: one line per row, cells separated by tabs; a rowspan repeats a
    /// label cell in the rows it covers (so each row keeps its label) and leaves a value cell empty.
    /// Every tab and row end points into the source just after the cell before it (a carried cell:
    /// where the row is so far), so positions only grow along the visible text.
    fn close_table(&mut self, table: Table<'h>, at: usize) {
        // Carried cells by grid column: at most one per column, looked up in O(log n).
        let mut carry: std::collections::BTreeMap<usize, Carry<'h>> = std::collections::BTreeMap::new();
        let mut lines: Vec<Frag<'h>> = Vec::new();
        for row in table.rows {
            let mut col = 0;
            let mut here = row.at; // source position reached in this row
            let mut first = true;
            let mut cells = row.cells.into_iter();
            loop {
                if self.over {
                    return;
                }
                let carried = match carry.get_mut(&col) {
                    Some(c) => {
                        c.left -= 1;
                        let span = c.colspan;
                        let label = if c.left == 0 { carry.remove(&col).map(|c| c.label).unwrap_or_default() } else { c.label.clone() };
                        Some((label, span))
                    }
                    None => None,
                };
                let (frags, colspan, end, exact) = if let Some((label, span)) = carried {
                    let cost = PIECE_COST + span + label.iter().map(|f| f.text.len() + PIECE_COST).sum::<usize>();
                    if !self.spend(cost) {
                        return;
                    }
                    (label, span, here, false)
                } else if let Some(cell) = cells.next() {
                    if cell.rowspan > 1 {
                        let text: String = cell.frags.iter().map(|f| f.text.as_ref()).collect();
                        let label = text.len() <= MAX_REPEATED_LABEL && crate::table::Value::parse(&text, "") == crate::table::Value::Text;
                        carry.insert(col, Carry { left: cell.rowspan - 1, label: if label { cell.frags.clone() } else { Vec::new() }, colspan: cell.colspan });
                    }
                    if cell.colspan > 1 && !self.spend(cell.colspan - 1) {
                        return;
                    }
                    (cell.frags, cell.colspan, cell.end, true)
                } else {
                    break;
                };
                if !first {
                    push_sep(&mut lines, "\t", here);
                }
                first = false;
                // A cell's own paragraphs end lines inside it: none at its ends, a space between.
                let stop = frags.iter().rposition(|f| f.text != "\n").map_or(0, |i| i + 1);
                let start = frags[..stop].iter().position(|f| f.text != "\n").unwrap_or(stop);
                lines.extend(frags.into_iter().take(stop).skip(start).map(|mut f| {
                    if f.text.contains(['\n', '\t']) {
                        f.text = Cow::Owned(f.text.replace(['\n', '\t'], " "));
                    }
                    if !exact {
                        // A repeated label stands where the row is, not at the cell it copies.
                        f.source = Span::empty(here);
                        f.exact = false;
                    }
                    f
                }));
                here = end.max(here);
                if colspan > 1 {
                    push_sep(&mut lines, "\t", here);
                    if let Some(last) = lines.last_mut() {
                        last.text.to_mut().push_str(&"\t".repeat(colspan - 2));
                    }
                }
                col += colspan;
            }
            push_sep(&mut lines, "\n", here);
        }
        self.newline(at);
        self.sink().extend(lines);
    }
}

fn attr<S: html5gum::SpanBound>(tag: &html5gum::StartTag<S>, name: &str) -> Option<String> {
    tag.attributes.get(name.as_bytes()).map(|v| String::from_utf8_lossy(&v.value).into_owned())
}

fn hidden<S: html5gum::SpanBound>(tag: &html5gum::StartTag<S>) -> bool {
    tag.attributes.contains_key(b"hidden".as_slice())
        || attr(tag, "style").is_some_and(|s| {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

/// A `colspan`/`rowspan` value as the HTML standard reads it: leading digits after optional
/// whitespace (`"2px"` is 2); `None` when there are none.
fn span_attr(v: &str) -> Option<usize> {
    let digits: &str = v.trim_start().split(|c: char| !c.is_ascii_digit()).next().unwrap_or("");
    if digits.is_empty() {
        return None;
    }
    // A run of digits too long for usize is simply over the limits.
    Some(digits.parse().unwrap_or(usize::MAX))
}

const VOID: &[&str] = &["br", "img", "hr", "input", "meta", "link", "col", "area", "base", "wbr", "source"];

/// The visible text of `html`, with a map back into it; empty when [`read`] refuses it.
///
/// ```
/// use reportcheck::input::html::visible_text;
/// let v = visible_text("<p>一、总体情况</p><table><tr><td>规章</td><td>1</td></tr></table>");
/// assert_eq!(v.text, "一、总体情况\n规章\t1\n");
/// ```
pub fn visible_text(html: &str) -> Visible {
    read(html).unwrap_or_default()
}

/// The visible text of `html`, with a map back into it, or why it cannot be read.
pub fn read(html: &str) -> Result<Visible, HtmlError> {
    let mut b: Builder<'_> = Builder { out: Vec::new(), tables: Vec::new(), cell: Vec::new(), flattened: 0, budget: layout_budget(html.len()), over: false };
    let mut skip: Option<(String, usize)> = None; // tag name and nesting depth
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        if b.over {
            break;
        }
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if let Some((n, depth)) = skip.as_mut() {
                    if *n == name && !tag.self_closing {
                        *depth += 1;
                    }
                    continue;
                }
                if SKIPPED.contains(&name.as_str()) || (hidden(&tag) && !VOID.contains(&name.as_str())) {
                    if !tag.self_closing {
                        skip = Some((name, 1));
                    }
                    continue;
                }
                let at = tag.span.start;
                match name.as_str() {
                    "br" => b.push(Cow::Borrowed("\n"), Span::new(tag.span.start, tag.span.end), false),
                    "table" if b.flattened > 0 || b.tables.len() >= MAX_TABLE_DEPTH => {
                        b.flattened += 1;
                        b.newline(at);
                    }
                    "tr" | "td" | "th" if b.flattened > 0 => b.push(Cow::Borrowed(" "), Span::empty(at), false),
                    "table" => {
                        b.newline(at);
                        b.tables.push(Table::default());
                        b.cell.push(None);
                    }
                    "tr" => {
                        b.close_cell(at);
                        if let Some(t) = b.tables.last_mut() {
                            t.rows.push(Row { cells: Vec::new(), at });
                            t.in_row = true;
                        }
                    }
                    "td" | "th" => {
                        // A new cell closes an unclosed one, as in a browser.
                        b.close_cell(at);
                        if let Some(t) = b.tables.last_mut() {
                            if !t.in_row {
                                t.rows.push(Row { cells: Vec::new(), at });
                                t.in_row = true;
                            }
                            let colspan = attr(&tag, "colspan").and_then(|v| span_attr(&v)).unwrap_or(1).clamp(1, MAX_COLSPAN);
                            let rowspan = match attr(&tag, "rowspan").and_then(|v| span_attr(&v)).unwrap_or(1) {
                                0 => MAX_ROWSPAN, // to the end of the table: only its own rows are laid out
                                n => n.min(MAX_ROWSPAN),
                            };
                            if let Some(slot) = b.cell.last_mut() {
                                *slot = Some(Cell { frags: Vec::new(), colspan, rowspan, end: tag.span.end });
                            }
                        }
                    }
                    _ if BLOCKS.contains(&name.as_str()) => b.newline(at),
                    _ => {}
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if let Some((n, depth)) = skip.as_mut() {
                    if *n == name {
                        *depth -= 1;
                        if *depth == 0 {
                            skip = None;
                        }
                    }
                    continue;
                }
                let at = tag.span.start;
                match name.as_str() {
                    "table" if b.flattened > 0 => {
                        b.flattened -= 1;
                        b.newline(at);
                    }
                    "tr" | "td" | "th" if b.flattened > 0 => {}
                    "td" | "th" => b.close_cell(at),
                    "tr" => {
                        b.close_cell(at);
                        if let Some(t) = b.tables.last_mut() {
                            t.in_row = false;
                        }
                    }
                    "table" => {
                        b.close_cell(at);
                        if let Some(t) = b.tables.pop() {
                            b.cell.pop();
                            b.close_table(t, at);
                        }
                    }
                    _ if BLOCKS.contains(&name.as_str()) => b.newline(at),
                    _ => {}
                }
            }
            Token::String(s) => {
                if skip.is_some() {
                    continue;
                }
                // A cell's text outside <td> (text between cells) is not part of the table.
                if !b.tables.is_empty() && matches!(b.cell.last(), Some(None)) {
                    continue;
                }
                let source = Span::new(s.span.start, s.span.end.min(html.len()));
                let decoded = String::from_utf8_lossy(&s.value);
                let exact = html.get(source.start..source.end) == Some(decoded.as_ref());
                if exact {
                    // Borrow the source itself. Source line breaks are layout, not content, in
                    // HTML: each becomes a space that points at the break itself (not at the
                    // start of the text: positions only grow along the visible text).
                    let raw = &html[source.start..source.end];
                    let mut off = source.start;
                    for (i, part) in raw.split('\n').enumerate() {
                        if i > 0 {
                            b.push(Cow::Borrowed(" "), Span::new(off - 1, off), false);
                        }
                        let line = part.trim_end_matches('\r');
                        if !line.is_empty() {
                            b.push(Cow::Borrowed(line), Span::new(off, off + line.len()), true);
                        }
                        off += part.len() + 1;
                    }
                } else {
                    b.push(Cow::Owned(decoded.replace(['\r', '\n'], " ")), source, false);
                }
            }
            _ => {}
        }
    }
    // Unclosed tables still count.
    while !b.over {
        let Some(t) = b.tables.pop() else { break };
        b.close_cell(html.len());
        b.cell.pop();
        b.close_table(t, html.len());
    }
    if b.over {
        return Err(HtmlError::TableTooLarge(layout_budget(html.len())));
    }
    // Positions only grow along the visible text, so findings sorted by visible position stay
    // sorted in the source. Tag soup can put text out of source order (a table nested outside
    // any cell of its parent is laid out before the parent's cells); such a piece points at
    // where reading had got to instead.
    let mut v = Visible::with_capacity(b.out.len(), b.out.iter().map(|f| f.text.len()).sum());
    let mut floor = 0;
    for f in b.out {
        let (source, exact) = if f.source.start < floor { (Span::empty(floor), false) } else { (f.source, f.exact) };
        floor = floor.max(source.end);
        v.push(&f.text, source, exact);
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_entities_and_hidden_content() {
        let html = "<html><head><title>x</title><style>p{}</style></head><body>\
            <h1>2022年政府信息公开工作年度报告</h1><p>登录&nbsp;注册</p><script>alert(1)</script>\
            <div style=\"display: none\">隐藏</div><p>甲<b>乙</b>丙<br>丁</p><!--[if gte mso 9]><xml>w</xml><![endif]--></body></html>";
        let v = visible_text(html);
        assert_eq!(v.text, "2022年政府信息公开工作年度报告\n登录\u{a0}注册\n甲乙丙\n丁\n");
        let at = v.text.find('乙').unwrap();
        assert_eq!(&html[v.source_offset(at)..v.source_offset(at) + 3], "乙");
    }

    #[test]
    fn tables_with_rowspan_and_colspan() {
        let html = "<table>\
            <tr><td rowspan=\"2\">（三）不予公开</td><td>1.属于国家秘密</td><td>2</td></tr>\
            <tr><td>2.其他法律行政法规禁止公开</td><td>3</td></tr>\
            <tr><td colspan=\"2\">（七）总计</td><td>&nbsp;</td></tr></table>";
        let v = visible_text(html);
        assert_eq!(v.text, "（三）不予公开\t1.属于国家秘密\t2\n（三）不予公开\t2.其他法律行政法规禁止公开\t3\n（七）总计\t\t\u{a0}\n");
    }

    #[test]
    fn a_cell_with_both_spans_covers_its_rectangle() {
        // The provincial 表三: the corner spans three label columns and three header rows, and
        // 三、本年度办理结果 spans two columns and two rows; the values stay in their columns.
        let html = "<table>\
            <tr><td colspan=3 rowspan=2>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan=2>申请人情况</td></tr>\
            <tr><td>自然人</td><td>总计</td></tr>\
            <tr><td colspan=2 rowspan=2>三、本年度办理结果</td><td>（一）予以公开</td><td>1</td><td>1</td></tr>\
            <tr><td>（二）部分公开</td><td>2</td><td>2</td></tr></table>";
        let v = visible_text(html);
        let rows: Vec<Vec<&str>> = v.text.lines().map(|l| l.split('\t').collect()).collect();
        assert!(rows.iter().all(|r| r.len() == 5), "{rows:?}");
        assert_eq!(rows[1][3..], ["自然人", "总计"]);
        assert_eq!(rows[3], ["三、本年度办理结果", "", "（二）部分公开", "2", "2"]);
    }

    #[test]
    fn word_spans_split_words() {
        let html = "<p class=MsoNormal><span style='mso-bidi-font-size:10.5pt'>一、总体</span><span lang=EN-US>情况<o:p></o:p></span></p>";
        assert_eq!(visible_text(html).text, "一、总体情况\n");
    }

    #[test]
    fn paragraphs_inside_a_cell_join_with_a_space() {
        let html = "<table><tr><td><p>（七）</p><p>总计</p></td><td><p class=MsoNormal>47<o:p></o:p></p></td></tr></table>";
        assert_eq!(visible_text(html).text, "（七） 总计\t47\n");
    }
}
