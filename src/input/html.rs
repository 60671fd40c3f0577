//! HTML (portal editors, saved pages, Word's clipboard HTML) → visible text:
//! block elements end lines, table cells are separated by tabs with rowspan and
//! colspan laid out on a grid, entities are decoded, and script, style, head,
//! comments (Word's conditional comments included) and hidden elements are left out.

use super::Visible;
use crate::position::Span;
use html5gum::{DefaultEmitter, Token, Tokenizer};

const BLOCKS: &[&str] = &[
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "header", "footer",
    "blockquote", "pre", "table", "tr", "title", "dd", "dt", "center", "form", "nav", "main",
];
const SKIPPED: &[&str] = &["script", "style", "head", "template", "noscript", "xml", "svg", "object"];

/// A run of text with its source span (exact: the source bytes are the text).
#[derive(Clone, Debug)]
struct Frag {
    text: String,
    source: Span,
    exact: bool,
}

#[derive(Default)]
struct Cell {
    frags: Vec<Frag>,
    colspan: usize,
    rowspan: usize,
}

#[derive(Default)]
struct Table {
    rows: Vec<Vec<Cell>>,
    in_row: bool,
}

struct Builder {
    out: Vec<Frag>,
    tables: Vec<Table>,
    cell: Vec<Option<Cell>>,
}

impl Builder {
    fn sink(&mut self) -> &mut Vec<Frag> {
        match self.cell.last_mut() {
            Some(Some(cell)) => &mut cell.frags,
            _ => &mut self.out,
        }
    }

    fn push(&mut self, text: &str, source: Span, exact: bool) {
        self.sink().push(Frag { text: text.to_string(), source, exact });
    }

    fn newline(&mut self, at: usize) {
        let sink = self.sink();
        if sink.last().is_some_and(|f| !f.text.ends_with('\n')) {
            sink.push(Frag { text: "\n".into(), source: Span::empty(at), exact: false });
        }
    }

    /// Lay out a finished table: one line per row, cells separated by tabs; a rowspan repeats a
    /// label cell in the rows it covers (so each row keeps its label) and leaves a value cell empty.
    fn close_table(&mut self, table: Table, at: usize) {
        let mut carry: Vec<(usize, usize, Vec<Frag>)> = Vec::new(); // (column, rows left, fill)
        let mut lines: Vec<Frag> = Vec::new();
        for row in table.rows {
            let mut col = 0;
            let mut first = true;
            let mut cells = row.into_iter().peekable();
            loop {
                let carried = carry.iter().position(|(c, left, _)| *c == col && *left > 0);
                let (frags, colspan) = if let Some(i) = carried {
                    carry[i].1 -= 1;
                    (carry[i].2.clone(), 1)
                } else if let Some(cell) = cells.next() {
                    let span = cell.colspan.max(1);
                    if cell.rowspan > 1 {
                        let text: String = cell.frags.iter().map(|f| f.text.as_str()).collect();
                        let label = crate::table::Value::parse(&text, "") == crate::table::Value::Text;
                        carry.push((col, cell.rowspan - 1, if label { cell.frags.clone() } else { Vec::new() }));
                    }
                    (cell.frags, span)
                } else {
                    break;
                };
                for k in 0..colspan {
                    if !first {
                        lines.push(Frag { text: "\t".into(), source: Span::empty(at), exact: false });
                    }
                    first = false;
                    if k == 0 {
                        // A cell's own paragraphs end lines inside it: none at its ends, a space between.
                        let end = frags.iter().rposition(|f| f.text != "\n").map_or(0, |i| i + 1);
                        let start = frags[..end].iter().position(|f| f.text != "\n").unwrap_or(end);
                        lines.extend(frags[start..end].iter().cloned().map(|mut f| {
                            f.text = f.text.replace(['\n', '\t'], " ");
                            f
                        }));
                    }
                }
                col += colspan;
            }
            carry.retain(|(_, left, _)| *left > 0);
            lines.push(Frag { text: "\n".into(), source: Span::empty(at), exact: false });
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

const VOID: &[&str] = &["br", "img", "hr", "input", "meta", "link", "col", "area", "base", "wbr", "source"];

/// The visible text of `html`, with a map back into it.
///
/// ```
/// use reportcheck::input::html::visible_text;
/// let v = visible_text("<p>一、总体情况</p><table><tr><td>规章</td><td>1</td></tr></table>");
/// assert_eq!(v.text, "一、总体情况\n规章\t1\n");
/// ```
pub fn visible_text(html: &str) -> Visible {
    let mut b = Builder { out: Vec::new(), tables: Vec::new(), cell: Vec::new() };
    let mut skip: Option<(String, usize)> = None; // tag name and nesting depth
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
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
                    "br" => b.push("\n", Span::new(tag.span.start, tag.span.end), false),
                    "table" => {
                        b.newline(at);
                        b.tables.push(Table::default());
                        b.cell.push(None);
                    }
                    "tr" => {
                        if let Some(t) = b.tables.last_mut() {
                            t.rows.push(Vec::new());
                            t.in_row = true;
                        }
                    }
                    "td" | "th" => {
                        if let Some(t) = b.tables.last_mut() {
                            if !t.in_row {
                                t.rows.push(Vec::new());
                                t.in_row = true;
                            }
                            let n = |a: &str| attr(&tag, a).and_then(|v| v.trim().parse::<usize>().ok()).unwrap_or(1).clamp(1, 1000);
                            if let Some(slot) = b.cell.last_mut() {
                                *slot = Some(Cell { frags: Vec::new(), colspan: n("colspan"), rowspan: n("rowspan") });
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
                    "td" | "th" => {
                        if let (Some(slot), Some(t)) = (b.cell.last_mut(), b.tables.last_mut()) {
                            if let (Some(cell), Some(row)) = (slot.take(), t.rows.last_mut()) {
                                row.push(cell);
                            }
                        }
                    }
                    "tr" => {
                        if let Some(t) = b.tables.last_mut() {
                            t.in_row = false;
                        }
                    }
                    "table" => {
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
                let text = String::from_utf8_lossy(&s.value).into_owned();
                let source = Span::new(s.span.start, s.span.end.min(html.len()));
                let exact = html.get(source.start..source.end) == Some(text.as_str());
                // Source line breaks are layout, not content, in HTML.
                let text = if exact { text } else { text.replace(['\r', '\n'], " ") };
                if exact && text.contains('\n') {
                    for (i, part) in text.split('\n').enumerate() {
                        if i > 0 {
                            b.push(" ", Span::empty(source.start), false);
                        }
                        let off = text.split('\n').take(i).map(|p| p.len() + 1).sum::<usize>();
                        b.push(part.trim_end_matches('\r'), Span::new(source.start + off, source.start + off + part.trim_end_matches('\r').len()), true);
                    }
                } else {
                    b.push(&text, source, exact);
                }
            }
            _ => {}
        }
    }
    // Unclosed tables still count.
    while let Some(t) = b.tables.pop() {
        b.cell.pop();
        b.close_table(t, html.len());
    }
    let mut v = Visible::default();
    for f in b.out {
        v.push(&f.text, f.source, f.exact);
    }
    v
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
