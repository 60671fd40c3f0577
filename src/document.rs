//! The `Document`: the checked text read once into lines, headings, a section
//! tree, paragraphs, table rows, the title and the 落款 (signature block).
//! Every piece keeps its byte span in the original text; nothing is copied.

use crate::dates::{self, Date, DateExpr};
use crate::heading::{self, is_blank, to_digit, NumberingStyle};
use crate::position::Span;
use serde::Serialize;

/// What a line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// Nothing but blanks.
    Blank,
    /// Starts with a heading; the index into [`Document::headings`].
    Heading(usize),
    /// A row of a statistics table (tab-, `|`- or wide-space-separated cells).
    TableRow,
    /// Ordinary text.
    Text,
}

/// One line of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    /// The line without its break and without surrounding white space.
    pub span: Span,
    /// What the line is.
    pub kind: LineKind,
}

/// A row of a table as the input gave it: the row's span and each cell's span, in order.
/// Text input splits lines into cells ([`crate::table::split_cells`]); an HTML or .docx
/// reader fills the same structure from its table cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowCells {
    /// The whole row.
    pub span: Span,
    /// Its cells, trimmed.
    pub cells: Vec<Span>,
}

/// A numbered heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Heading {
    /// Marker and title, up to and including the terminating punctuation.
    pub span: Span,
    /// The heading's words only (`总体情况`).
    pub title: Span,
    /// How the heading is numbered (`一、`, `（一）`, `1.` …).
    pub style: NumberingStyle,
    /// Its number.
    pub number: u32,
    /// Its level: 1 for `一、`, 2 for `（一）`, and so on.
    pub level: u8,
    /// The heading is a line of its own (else it starts a paragraph).
    pub own_line: bool,
    /// 0-based index into [`Document::lines`].
    pub line: usize,
}

/// A node of the section tree: a heading and everything up to the next heading
/// of the same or a higher level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Section {
    /// Index into [`Document::headings`].
    pub heading: usize,
    /// From the heading's start to the section's end.
    pub span: Span,
    /// After the heading, to the section's end.
    pub body: Span,
    /// Index of the enclosing section in [`Document::sections`].
    pub parent: Option<usize>,
}

/// The title, with the agency line above it when the title is split in two
/// (`淮安市人民政府` / `2024年政府信息公开工作年度报告`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Title {
    /// The title line (its text).
    pub span: Span,
    /// A line above it naming the agency, when the title is split in two.
    pub agency_line: Option<Span>,
    /// The four-digit year in the title and its span.
    pub year: Option<(i32, Span)>,
}

/// The 落款 at the end: the agency on one line and the date on the next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Signature {
    /// The agency line, when there is one.
    pub agency: Option<Span>,
    /// The date line.
    pub date: Span,
}

/// The parsed text.
///
/// ```
/// use reportcheck::Document;
/// let doc = Document::parse("XX局2022年政府信息公开工作年度报告\n一、总体情况\n正文。\n二、主动公开政府信息情况\n");
/// assert_eq!(doc.headings.len(), 2);
/// assert_eq!(doc.slice(doc.headings[1].title), "主动公开政府信息情况");
/// assert_eq!(doc.report_year(), Some(2022));
/// ```
#[derive(Debug, Clone)]
pub struct Document<'t> {
    /// The text that is read: the caller's, or its traditional-script copy folded to simplified
    /// (same offsets, see [`crate::text::fold_traditional`]).
    pub text: &'t str,
    /// The caller's text as written, for quoting in messages.
    pub source: &'t str,
    /// Every line, in order.
    pub lines: Vec<Line>,
    /// The headings recognised, in order.
    pub headings: Vec<Heading>,
    /// The sections the headings open, in order.
    pub sections: Vec<Section>,
    /// Text paragraphs: text lines, and the rest of a line after a run-in heading.
    pub paragraphs: Vec<Span>,
    /// The title, if found.
    pub title: Option<Title>,
    /// The 落款, if found.
    pub signature: Option<Signature>,
    /// Every date and year expression, in order.
    pub dates: Vec<DateExpr>,
    /// Every table row, in order.
    pub rows: Vec<RowCells>,
    /// The report year and where it was read.
    pub year: Option<ReportYear>,
    /// A publication date the text states (`发布日期：…`), and its span.
    pub publication: Option<(Date, Span)>,
}

/// Where the report year was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum YearSource {
    /// The title (`2022年政府信息公开工作年度报告`).
    Title,
    /// The opening sentence (`现将2019年度…报告公布如下`).
    Opening,
    /// The statistics period (`2022年1月1日至12月31日`).
    Period,
    /// The year the body narrates (`2017年，我乡…`).
    Body,
    /// A 落款 dated January–March of the following year.
    Signature,
    /// A publication date in January–March of the following year.
    Published,
}

impl YearSource {
    /// The year as read from this source, in words: `标题中的报告年度2024年`.
    pub fn describe(self, year: i32, zh: bool) -> String {
        match (self, zh) {
            (YearSource::Title, true) => format!("标题中的报告年度{year}年"),
            (YearSource::Opening, true) => format!("正文首句所写的报告年度{year}年"),
            (YearSource::Period, true) => format!("统计期限所在的{year}年"),
            (YearSource::Body, true) => format!("正文叙述的{year}年"),
            (YearSource::Signature, true) => format!("次年初的落款日期推定的{year}年"),
            (YearSource::Published, true) => format!("次年初的发布日期推定的{year}年"),
            (YearSource::Title, false) => format!("report year {year}, from the title"),
            (YearSource::Opening, false) => format!("report year {year}, from the opening sentence"),
            (YearSource::Period, false) => format!("report year {year}, from the statistics period"),
            (YearSource::Body, false) => format!("report year {year}, the year the text narrates"),
            (YearSource::Signature, false) => format!("report year {year}, inferred from a signature date early in the next year"),
            (YearSource::Published, false) => format!("report year {year}, inferred from a publication date early in the next year"),
        }
    }
}

/// The year a report covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReportYear {
    /// The year.
    pub year: i32,
    /// Where it was found.
    pub source: YearSource,
    /// Where it was read.
    pub span: Span,
}

/// The statistics period (`2022年1月1日至12月31日`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    /// The first day of the period.
    pub from: Date,
    /// The last day.
    pub to: Date,
    /// The period as written.
    pub span: Span,
}

/// Longest line that can be a title, an agency line or a 落款 line, in characters.
const SHORT_LINE: usize = 60;

impl<'t> Document<'t> {
    /// Read `text` into a document. Never fails: whatever is not recognised is text.
    pub fn parse(text: &'t str) -> Self {
        Document::parse_with(text, &[])
    }

    /// Read `text` knowing the section titles a schema gives (`titles`, data: the parser knows no
    /// schema): a top-level heading that runs on after other text on its line (`…。二、主动公开政府
    /// 信息情况…`, as saved pages and crawlers give it) starts a line of its own, and a heading followed
    /// by its text with no punctuation (`一、总体情况2024年，…`) ends after its title.
    pub fn parse_with(text: &'t str, titles: &[&str]) -> Self {
        let mut next_top = 1u32;
        let mut lines = Vec::new();
        let mut rows = Vec::new();
        let mut headings = Vec::new();
        let mut paragraphs = Vec::new();
        let mut start = 0;
        for raw in text.split_inclusive('\n') {
            let trimmed = raw.trim_matches(is_blank);
            let lead = raw.len() - raw.trim_start_matches(is_blank).len();
            let line_start = start;
            let span = Span::new(start + lead, start + lead + trimmed.len());
            start += raw.len();
            let kind = if trimmed.is_empty() {
                LineKind::Blank
            } else if (is_table_row(trimmed) && !is_numbered_heading_row(trimmed)) || is_blank_valued_row(raw, trimmed) {
                let row = raw.trim_end_matches(['\n', '\r']);
                let cells = crate::table::split_cells(row).into_iter().map(|c| Span::new(line_start + c.start, line_start + c.end)).collect();
                rows.push(RowCells { span, cells });
                LineKind::TableRow
            } else {
                // Text, or headings and text: a heading running on after text splits the line.
                let mut seg = span;
                loop {
                    let s = &text[seg.start..seg.end];
                    // The next top-level number: after this segment's own heading, if it opens with one.
                    let expect = heading::marker(s).filter(|m| m.0 == NumberingStyle::Chinese).map_or(next_top, |m| m.1 + 1);
                    let split = heading::run_on_at(s, expect, titles).filter(|&k| k > 0);
                    let this = split.map_or(seg, |k| Span::new(seg.start, seg.start + s[..k].trim_end_matches(is_blank).len()));
                    let st = &text[this.start..this.end];
                    let plain = heading::recognise(st);
                    // A run-on segment (split off, or split) or a heading with run-in text ends at its known title.
                    let run_on = seg.start != span.start || split.is_some();
                    let titled = heading::recognise_titled(st, titles).filter(|t| plain.is_none_or(|p| (run_on || !p.own_line) && p.title_end > t.title_end));
                    let kind = match titled.or(plain) {
                        Some(h) => {
                            let at = this.start;
                            headings.push(Heading {
                                span: Span::new(at, at + h.end),
                                title: Span::new(at + h.title_start, at + h.title_end),
                                style: h.style,
                                number: h.number,
                                level: h.style.level(),
                                own_line: h.own_line,
                                line: lines.len(),
                            });
                            if h.style == NumberingStyle::Chinese {
                                next_top = h.number + 1;
                            }
                            if !h.own_line {
                                paragraphs.push(Span::new(at + h.end, this.end));
                            }
                            LineKind::Heading(headings.len() - 1)
                        }
                        None => {
                            paragraphs.push(this);
                            LineKind::Text
                        }
                    };
                    lines.push(Line { span: this, kind });
                    match split {
                        Some(k) => seg = Span::new(seg.start + k, seg.end),
                        None => break,
                    }
                }
                continue;
            };
            lines.push(Line { span, kind });
        }
        let sections = section_tree(&headings, text.len());
        let dates = dates::scan(text);
        let mut doc =
            Document { text, source: text, lines, headings, sections, paragraphs, title: None, signature: None, dates, rows, year: None, publication: None };
        doc.title = doc.find_title();
        doc.signature = doc.find_signature();
        doc.publication = doc.find_publication();
        doc.year = doc.find_year();
        doc
    }

    /// The text of `span`, as read.
    pub fn slice(&self, span: Span) -> &'t str {
        &self.text[span.start..span.end]
    }

    /// The text of `span` as the caller wrote it, for messages.
    pub fn quote(&self, span: Span) -> &'t str {
        &self.source[span.start..span.end]
    }

    /// The report year, if any place in the report gives it.
    pub fn report_year(&self) -> Option<i32> {
        self.year.map(|y| y.year)
    }

    /// Where the report says which year it reports on, in the order a reviewer looks: the
    /// title, the opening sentence (`现将2019年度…报告公布如下`), the statistics period, the
    /// body's narrated year (`2017年，我乡…`), and last the 落款 or publication date early in
    /// the following year.
    fn find_year(&self) -> Option<ReportYear> {
        if let Some((year, span)) = self.title.and_then(|t| t.year) {
            return Some(ReportYear { year, source: YearSource::Title, span });
        }
        if let Some(y) = self.opening_year() {
            return Some(y);
        }
        if let Some(p) = self.period() {
            return Some(ReportYear { year: p.from.year, source: YearSource::Period, span: p.span });
        }
        if let Some(y) = self.narrated_year() {
            return Some(y);
        }
        let early_next = |date: Option<Date>, span: Span, source| date.filter(|d| d.month <= 3).map(|d| ReportYear { year: d.year - 1, source, span });
        let signed = self.signature.and_then(|s| early_next(self.dates_in(s.date).find_map(|e| e.date()), s.date, YearSource::Signature));
        signed.or_else(|| self.publication.and_then(|(d, span)| early_next(Some(d), span, YearSource::Published)))
    }

    /// `现将我乡2014年政府信息公开工作报告公开如下`: a year just before 报告 in one of the first
    /// sentences, which introduce the report.
    fn opening_year(&self) -> Option<ReportYear> {
        for line in self.content_lines().take(6).filter(|l| l.kind == LineKind::Text) {
            let mut at = line.span.start;
            for sentence in self.slice(line.span).split_inclusive(['。', '；']) {
                let s = Span::new(at, at + sentence.len());
                at = s.end;
                let introduces = ["现将", "如下", "特向社会公布", "予以公布", "向社会公布"].iter().any(|w| sentence.contains(w));
                let Some(report) = sentence.find("报告").map(|i| s.start + i) else { continue };
                if !introduces {
                    continue;
                }
                let year = self
                    .dates_in(Span::new(s.start, report))
                    .filter(|e| e.is_year_only() && report - e.span.end <= 40)
                    .filter_map(|e| Some((e.full_year()?, e.span)))
                    .last();
                if let Some((year, span)) = year {
                    return Some(ReportYear { year, source: YearSource::Opening, span });
                }
            }
        }
        None
    }

    /// The year the body narrates as the current one (`2017年，我乡…`, `2017年全县…`): the most
    /// frequent such year; on a tie the earlier, since plans (`2018年，我乡将…`) follow the year.
    fn narrated_year(&self) -> Option<ReportYear> {
        let mut counts: Vec<(i32, usize, Span)> = Vec::new();
        for e in &self.dates {
            let Some(y) = e.year.filter(|y| y.digits == 4 && e.is_year_only()) else { continue };
            let before = self.text[..e.span.start].trim_end_matches(|c: char| is_blank(c) && c != '\n');
            let opens = before.is_empty() || before.ends_with(['。', '！', '？', '；', '\n', '，', ',']);
            let after = &self.text[e.span.end..];
            let narrates = after.starts_with(['，', ','])
                || ["我", "全市", "全区", "全县", "全镇", "全乡", "全省", "本机关", "本局", "本委", "本单位", "以来"].iter().any(|w| after.starts_with(w));
            if !(opens && narrates) {
                continue;
            }
            let year = y.value as i32;
            match counts.iter_mut().find(|(v, _, _)| *v == year) {
                Some(c) => c.1 += 1,
                None => counts.push((year, 1, e.span)),
            }
        }
        let best = counts.iter().map(|c| c.1).max()?;
        let (year, _, span) = counts.into_iter().filter(|c| c.1 == best).min_by_key(|c| c.0)?;
        Some(ReportYear { year, source: YearSource::Body, span })
    }

    /// The publication date a saved page or a draft states: `发布日期：2009-01-06`,
    /// `公开日期: | 2016-08-02 09:15 |`, `时间:2020-01-16`, or a metadata table whose header row
    /// names 公开日期 above the date.
    fn find_publication(&self) -> Option<(Date, Span)> {
        const LABELS: &[&str] = &["发布日期", "公开日期", "发布时间", "公开时间", "成文日期", "发文日期", "时间", "日期"];
        let is_sep = |c: char| is_blank(c) || matches!(c, ':' | '：' | '|' | '｜');
        for e in &self.dates {
            let Some(date) = e.date() else { continue };
            let li = self.lines.partition_point(|l| l.span.start <= e.span.start).saturating_sub(1);
            let line = self.lines[li];
            // Only the last few characters before the date can hold its label.
            let mut from = e.span.start.saturating_sub(30).max(line.span.start);
            while !self.text.is_char_boundary(from) {
                from += 1;
            }
            let before = &self.text[from..e.span.start];
            let gap = before.trim_end_matches(is_sep);
            let labelled = LABELS.iter().any(|l| {
                gap.ends_with(l) && {
                    // 时间/日期 alone only as a label of their own, not inside a phrase (`办理时间`).
                    let head = &gap[..gap.len() - l.len()];
                    l.chars().count() > 2 || head.is_empty() || head.ends_with(is_sep)
                }
            }) && before.len() - gap.len() <= 12;
            if labelled {
                return Some((date, e.span));
            }
            // A metadata table: the header row above names the column.
            if line.kind == LineKind::TableRow && li > 0 && self.lines[li - 1].kind == LineKind::TableRow {
                let (Some(row), Some(head)) = (self.row_at(line.span), self.row_at(self.lines[li - 1].span)) else { continue };
                let Some(k) = row.cells.iter().position(|c| c.start <= e.span.start && e.span.end <= c.end) else { continue };
                if head.cells.get(k).is_some_and(|&c| LABELS[..6].iter().any(|l| self.slice(c).contains(l))) {
                    return Some((date, e.span));
                }
            }
        }
        None
    }

    /// The table row whose span is `span`.
    fn row_at(&self, span: Span) -> Option<&RowCells> {
        let i = self.rows.partition_point(|r| r.span.start < span.start);
        self.rows.get(i).filter(|r| r.span == span)
    }

    /// The first statistics period: a complete date, 至, and a complete date.
    pub fn period(&self) -> Option<Period> {
        self.dates.iter().find_map(|e| {
            let from = &self.dates[e.range_from?];
            Some(Period { from: from.date()?, to: e.date()?, span: Span::new(from.span.start, e.span.end) })
        })
    }

    /// The date expressions within `span`.
    pub fn dates_in(&self, span: Span) -> impl Iterator<Item = &DateExpr> + '_ {
        let first = self.dates.partition_point(|d| d.span.start < span.start);
        self.dates[first..].iter().take_while(move |d| d.span.end <= span.end)
    }

    /// The reporting agency: from the title's agency line, the title itself, or the 落款.
    pub fn agency(&self) -> Option<Span> {
        if let Some(t) = self.title {
            if let Some(a) = t.agency_line {
                return Some(a);
            }
            if let Some(a) = agency_in_title(self.text, t) {
                return Some(a);
            }
        }
        self.signature.and_then(|s| s.agency)
    }

    /// The non-blank lines, in order.
    pub fn content_lines(&self) -> impl DoubleEndedIterator<Item = &Line> + '_ {
        self.lines.iter().filter(|l| l.kind != LineKind::Blank)
    }

    fn find_title(&self) -> Option<Title> {
        let mut prev: Option<&Line> = None;
        let mut lines = self.content_lines().take(12).peekable();
        while let Some(line) = lines.next() {
            // A saved page may carry the title in a layout table's row: `| XX镇2016年度…年度报告 | |`.
            let span = match line.kind {
                LineKind::TableRow => self.lone_cell(line.span).unwrap_or(line.span),
                _ => line.span,
            };
            let s = self.slice(span);
            let is_row = line.kind == LineKind::TableRow && span == line.span;
            // Breadcrumbs (`首页 > 政务公开 > 年度报告`) name the page, not the report.
            let plausible = !is_row && !s.contains(['>', '＞', '»', '。']) && s.chars().count() <= SHORT_LINE;
            let reportish = |s: &str| ["报告", "汇报", "总结"].iter().any(|w| s.contains(w));
            let mut title_span = None;
            if plausible && s.contains("公开") && reportish(s) {
                title_span = Some(span);
            } else if plausible && s.contains("公开") && line.kind == LineKind::Text {
                // A title broken over two lines: `XX县教育局2015年度信息公开工作` / `年度报告`.
                if let Some(next) = lines.peek().filter(|n| n.kind == LineKind::Text) {
                    let n = self.slice(next.span);
                    if reportish(n) && n.chars().count() <= 12 && !n.contains(['。', '，']) {
                        title_span = Some(Span::new(span.start, next.span.end));
                        lines.next();
                    }
                }
            }
            if let Some(span) = title_span {
                let agency_line = prev.filter(|p| p.kind == LineKind::Text && is_agency_name(self.slice(p.span))).map(|p| p.span);
                let year = self.dates_in(span).find_map(|d| Some((d.full_year()?, d.year?.span)));
                return Some(Title { span, agency_line, year });
            }
            prev = Some(line);
        }
        None
    }

    /// The one non-empty cell of a table row, if it has exactly one.
    fn lone_cell(&self, row: Span) -> Option<Span> {
        let r = self.row_at(row)?;
        let mut filled = r.cells.iter().filter(|c| !c.is_empty());
        let one = *filled.next()?;
        filled.next().is_none().then_some(one)
    }

    /// The 落款 where real reports put it: the agency's line and the date's line at the end; the
    /// two at the end of the last paragraph's line (`…。 某某局 2023年1月10日`); either one followed
    /// by attachments (`附件下载：…`) or an old-regime 附表, which are not the report's ending.
    fn find_signature(&self) -> Option<Signature> {
        let content: Vec<&Line> = self.content_lines().collect();
        // Where the attachments start: the first short line of the last 80 opening with 附件/附表.
        let from = content.len().saturating_sub(80);
        let cut = content[from..]
            .iter()
            .position(|l| {
                let s = self.slice(l.span);
                (s.starts_with("附件") || s.starts_with("附表")) && s.chars().count() <= 40
            })
            .map(|k| from + k);
        cut.and_then(|k| self.signature_before(&content[..k])).or_else(|| self.signature_before(&content))
    }

    /// The 落款 ending `lines`, if they end with one.
    fn signature_before(&self, lines: &[&Line]) -> Option<Signature> {
        let mut tail = lines.iter().rev();
        let last = *tail.next()?;
        if last.kind == LineKind::TableRow || last.kind == LineKind::Blank {
            return None;
        }
        let s = self.slice(last.span);
        if last.kind == LineKind::Text && s.chars().count() <= 24 && looks_like_date(s) && !s.contains(['。', '！', '？', '；']) {
            let agency = tail.next().filter(|l| l.kind == LineKind::Text && is_agency_name(self.slice(l.span))).map(|l| l.span);
            return Some(Signature { agency, date: last.span });
        }
        // On the last paragraph's line: a whole date ending the line, after a sentence's end and
        // the agency's name (or blanks).
        let date = self.dates_in(last.span).last().filter(|e| e.span.end == last.span.end && e.day.is_some() && e.full_year().is_some())?;
        let before = &self.text[last.span.start..date.span.start];
        let clause_start = before.rfind(['。', '！', '？', '；']).map_or(0, |i| i + '。'.len_utf8());
        let between = &before[clause_start..];
        let name = between.trim_matches(is_blank);
        if name.is_empty() {
            // Only blanks between the sentence and the date: a 落款 date without its agency.
            return (clause_start > 0 && between.len() > name.len()).then_some(Signature { agency: None, date: date.span });
        }
        if !is_agency_name(name) || !between.starts_with(is_blank) && clause_start > 0 && !between.ends_with(is_blank) {
            return None;
        }
        let at = last.span.start + clause_start + (between.len() - between.trim_start_matches(is_blank).len());
        Some(Signature { agency: Some(Span::new(at, at + name.len())), date: date.span })
    }
}

/// A row of a statistics table: cells separated by tabs or `|`, or by wide
/// spaces with at least two numeric cells (`四、结转下年度继续办理  103  0 …`).
fn is_table_row(line: &str) -> bool {
    // One pass over the bytes (char searches are slow in wasm): tabs, bars (`|`, or `｜` = EF BD 9C),
    // and whether two spaces ever meet.
    let bytes = line.as_bytes();
    let (mut bars, mut two_spaces) = (0, false);
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\t' => return true,
            b'|' => bars += 1,
            0x9C if i >= 2 && bytes[i - 2] == 0xEF && bytes[i - 1] == 0xBD => bars += 1,
            b' ' if i > 0 && bytes[i - 1] == b' ' => two_spaces = true,
            _ => {}
        }
    }
    if bars >= 2 {
        return true;
    }
    if !two_spaces {
        return false; // a prose line: no cell separator at all
    }
    let cells: Vec<&str> = line.split("  ").map(|c| c.trim_matches(is_blank)).filter(|c| !c.is_empty()).collect();
    cells.len() >= 3 && cells.iter().filter(|c| c.chars().all(|ch| to_digit(ch).is_some() || ch == '.')).count() >= 2
}

/// `行政许可<TAB>` or `（二）部分公开…<TAB><TAB>…`: a row whose values are all blank keeps its
/// tabs at the line's end (trimming takes them), and is a row with blank cells, not text (nor a
/// missing row). One trailing tab makes a row only for a label that is neither a heading nor a
/// sentence, so a heading or prose line with a stray tab stays what it is.
fn is_blank_valued_row(raw: &str, trimmed: &str) -> bool {
    if trimmed.contains('\t') || trimmed.is_empty() {
        return false;
    }
    let tail = &raw[raw.len() - raw.trim_start_matches(is_blank).len() + trimmed.len()..];
    match tail.bytes().filter(|&b| b == b'\t').count() {
        0 => false,
        1 => trimmed.chars().count() <= 40 && !trimmed.ends_with(['。', '；', '：', '.', ';', ':', '，']) && crate::heading::marker(trimmed).is_none(),
        _ => true,
    }
}

/// `一、<TAB>总体情况`: Word's automatic numbering copied as text puts a tab between the number
/// and the heading. A marker alone before the first tab and one cell of words after it is a
/// heading, not a table row (rows have numbers: `一、本年新收…<TAB>821`).
fn is_numbered_heading_row(line: &str) -> bool {
    let (Some(tab), Some(h)) = (line.find('\t'), heading::recognise(line)) else { return false };
    let title = &line[h.title_start..];
    h.title_start > tab && !title.contains('\t') && !title.chars().all(|c| to_digit(c).is_some() || is_blank(c) || c == '.')
}

/// A line that names an organ: short, no sentence punctuation, ending in an organ's suffix.
fn is_agency_name(s: &str) -> bool {
    const SUFFIXES: &[&str] = &["政府", "局", "委", "委员会", "办", "办公室", "厅", "中心", "院", "署", "部", "所", "站", "会", "处", "队", "馆"];
    s.chars().count() <= 30 && !s.contains(['。', '，', ',', '：', ':']) && SUFFIXES.iter().any(|x| s.ends_with(x) && s.len() > x.len())
}

/// A short line that reads as a date (`2011年1月10日`, `二〇一一年一月十日`, `2011-01-10`).
fn looks_like_date(s: &str) -> bool {
    let has_ymd = s.contains('年') && s.contains('月') && s.contains('日');
    let numeric = s.chars().filter(|&c| to_digit(c).is_some()).count() >= 6 && s.contains(['-', '.', '/']);
    has_ymd || numeric
}

/// The agency named in the title line itself: before the year (`珲春市城市综合管理局 2010年…`),
/// between the year and 政府信息公开/信息公开/政务公开 (`2008年公用局信息公开…`), or, with no
/// year, before those words (`江州市生态环境局政府信息公开工作年度报告`).
fn agency_in_title(text: &str, t: Title) -> Option<Span> {
    const KEYWORDS: [&str; 3] = ["政府信息公开", "信息公开", "政务公开"];
    let name_in = |start: usize, end: usize| -> Option<Span> {
        let s = &text[start..end];
        let lead = s.len() - s.trim_start_matches(is_blank).len();
        let name = s.trim_matches(is_blank);
        (!name.is_empty() && is_agency_name(name)).then(|| Span::new(start + lead, start + lead + name.len()))
    };
    // The name ends where a keyword starts; `XX镇人民政府信息公开…` holds 政府信息公开 inside the name,
    // so every keyword position is tried, nearest first, until one leaves an organ's name.
    let name_before_keyword = |from: usize| -> Option<Span> {
        let hay = &text[from..t.span.end];
        let mut at: Vec<usize> = KEYWORDS.iter().flat_map(|k| hay.match_indices(k).map(|(i, _)| i)).collect();
        at.sort_unstable();
        at.into_iter().find_map(|i| name_in(from, from + i))
    };
    match t.year {
        Some((_, ys)) => {
            let before = text[t.span.start..ys.start].trim_matches(is_blank);
            if !before.is_empty() {
                let lead = text[t.span.start..ys.start].len() - text[t.span.start..ys.start].trim_start_matches(is_blank).len();
                return Some(Span::new(t.span.start + lead, t.span.start + lead + before.len()));
            }
            let after = ys.end + (text[ys.end..t.span.end].len() - text[ys.end..t.span.end].trim_start_matches(['年', '度']).len());
            name_before_keyword(after)
        }
        None => name_before_keyword(t.span.start),
    }
}

fn section_tree(headings: &[Heading], text_len: usize) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::with_capacity(headings.len());
    let mut open: Vec<usize> = Vec::new();
    for (i, h) in headings.iter().enumerate() {
        while let Some(&top) = open.last() {
            if headings[sections[top].heading].level >= h.level {
                sections[top].span.end = h.span.start;
                sections[top].body.end = h.span.start;
                open.pop();
            } else {
                break;
            }
        }
        sections.push(Section { heading: i, span: Span::new(h.span.start, text_len), body: Span::new(h.span.end, text_len), parent: open.last().copied() });
        open.push(sections.len() - 1);
    }
    sections
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_rows_by_tabs_bars_and_wide_spaces() {
        assert!(is_table_row("规章\t0\t0"));
        assert!(is_table_row("| 规章 | 0 | 0 |"));
        assert!(is_table_row("规章｜0｜0"));
        assert!(is_table_row("规章  3  12"));
        assert!(!is_table_row("规章｜共3件")); // one bar is punctuation
        assert!(!is_table_row("全年办结46件，结转5件。"));
        assert!(!is_table_row("一、总体情况  概述")); // two spaces but no numbers
    }

    #[test]
    fn word_numbering_copied_as_text_is_a_heading() {
        let doc = Document::parse("一、\t总体情况\n正文。\n（二）\t依申请公开\n规章\t3\t0\n（三）\t5\n");
        let titles: Vec<_> = doc.headings.iter().map(|h| doc.slice(h.title)).collect();
        assert_eq!(titles, ["总体情况", "依申请公开"]);
        assert_eq!(doc.rows.len(), 2, "规章 and （三）<TAB>5 stay table rows");
    }

    #[test]
    fn headings_run_on_after_text_start_their_own_line() {
        let titles = ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "其他需要报告的事项"];
        let text = "现编制本报告。一、总体情况2024年，我局公开信息。主要做法：一是加强领导。二、完善制度。二、主动公开政府信息情况第二十条第（一）项信息内容规章0三、收到和处理政府信息公开申请情况（本列数据）四、结转下年度继续办理0";
        let doc = Document::parse_with(text, &titles);
        let got: Vec<_> = doc.headings.iter().map(|h| (h.number, doc.slice(h.title))).collect();
        // `二、完善制度` is prose (not a section title); `四、结转…` is a table label, not the next title.
        assert_eq!(got, [(1, "总体情况"), (2, "主动公开政府信息情况"), (3, "收到和处理政府信息公开申请情况")]);
        assert_eq!(doc.slice(doc.paragraphs[1]), "2024年，我局公开信息。主要做法：一是加强领导。二、完善制度。");
        // Without the titles, nothing is split.
        assert!(Document::parse(text).headings.is_empty());
    }

    #[test]
    fn lines_end_at_every_break_in_the_reading_form() {
        let text = "2024 年政府信息公开工作年度报告\r一、总体情况\r正文。\u{2028}二、主动公开政府信息情况\u{2029}正文。";
        let read = crate::text::reading_form(text);
        let doc = Document::parse(&read);
        assert_eq!(doc.report_year(), Some(2024));
        let titles: Vec<_> = doc.headings.iter().map(|h| doc.slice(h.title)).collect();
        assert_eq!(titles, ["总体情况", "主动公开政府信息情况"]);
    }

    #[test]
    fn section_tree_nests_by_level() {
        let text = "一、总体情况\n（一）主动公开。内容\n（二）依申请公开\n二、主动公开政府信息情况\n正文\n";
        let doc = Document::parse(text);
        let titles: Vec<_> = doc.headings.iter().map(|h| doc.slice(h.title)).collect();
        assert_eq!(titles, ["总体情况", "主动公开", "依申请公开", "主动公开政府信息情况"]);
        let parents: Vec<_> = doc.sections.iter().map(|s| s.parent).collect();
        assert_eq!(parents, [None, Some(0), Some(0), None]);
        assert_eq!(doc.slice(doc.sections[0].span), "一、总体情况\n（一）主动公开。内容\n（二）依申请公开\n");
        assert_eq!(doc.slice(doc.sections[3].body), "\n正文\n");
        assert_eq!(doc.paragraphs.iter().map(|&p| doc.slice(p)).collect::<Vec<_>>(), ["内容", "正文"]);
    }

    #[test]
    fn table_rows_are_not_headings() {
        let text = "一、本年新收政府信息公开申请数量\t3001\t53\n四、结转下年度继续办理  103  0  0\n1.属于国家秘密\t2\t0\n";
        let doc = Document::parse(text);
        assert!(doc.headings.is_empty());
        assert!(doc.lines.iter().filter(|l| l.kind != LineKind::Blank).all(|l| l.kind == LineKind::TableRow));
        let cells: Vec<&str> = doc.rows[1].cells.iter().map(|&c| doc.slice(c)).collect();
        assert_eq!(cells, ["四、结转下年度继续办理", "103", "0", "0"]);
    }

    #[test]
    fn title_with_agency_line_above() {
        let doc = Document::parse("淮安市人民政府\n2024年政府信息公开工作年度报告\n本报告由……编制。\n");
        let t = doc.title.unwrap();
        assert_eq!(doc.slice(t.span), "2024年政府信息公开工作年度报告");
        assert_eq!(doc.slice(doc.agency().unwrap()), "淮安市人民政府");
        assert_eq!(doc.report_year(), Some(2024));
        assert_eq!(crate::bind::tests::reporter_of(&doc).as_deref(), Some("government"));
    }

    #[test]
    fn agency_before_or_after_year_in_title() {
        let doc = Document::parse("登录 注册\n\n珲春市城市综合管理局 2010年政府信息公开工作汇报\n");
        assert_eq!(doc.slice(doc.agency().unwrap()), "珲春市城市综合管理局");
        assert_eq!(crate::bind::tests::reporter_of(&doc).as_deref(), Some("department"));
        let doc = Document::parse("登录 | 注册\n2008年公用局信息公开工作年度报告\n");
        assert_eq!(doc.slice(doc.agency().unwrap()), "公用局");
        let doc = Document::parse("江州市生态环境局政府信息公开工作年度报告\n");
        assert_eq!(doc.slice(doc.agency().unwrap()), "江州市生态环境局");
        let doc = Document::parse("首页 > 政务公开 > 年度报告\n２０２２年度政府信息公开工作年度报告\n");
        assert_eq!(doc.slice(doc.title.unwrap().span), "２０２２年度政府信息公开工作年度报告");
        assert_eq!(doc.report_year(), Some(2022));
        assert_eq!(doc.agency(), None);
    }

    #[test]
    fn report_year_where_real_reports_put_it() {
        let year = |t: &str| Document::parse(t).year.map(|y| (y.year, y.source));
        assert_eq!(year("现将2019年度政府信息公开年度报告公布如下。\n一、总体情况\n"), Some((2019, YearSource::Opening)));
        assert_eq!(year("江州县教育局2015年度信息公开工作\n年度报告\n正文。\n"), Some((2015, YearSource::Title)));
        assert_eq!(year("| 青山镇2016年度政府信息公开工作年度报告 | |\n正文。\n"), Some((2016, YearSource::Title)));
        assert_eq!(year("政府信息公开工作年度报告\n统计期限为2019年1月1日至12月31日。\n"), Some((2019, YearSource::Period)));
        let body = "青山乡政府信息公开工作年度报告\n2017年，我乡公开信息。2017年全乡无申请。2018年，我乡将改进。\n";
        assert_eq!(year(body), Some((2017, YearSource::Body)));
        assert_eq!(year("某局政府信息公开工作年度报告\n正文。\n某局\n2013年2月10日\n"), Some((2012, YearSource::Signature)));
        // Signed late in a year: which year it reports on cannot be told from that.
        assert_eq!(year("某局政府信息公开工作年度报告\n正文。\n某局\n2013年6月10日\n"), None);
    }

    #[test]
    fn agency_fused_into_the_title_and_places_report_for_their_government() {
        let doc = Document::parse("2009年青山镇人民政府信息公开工作年度报告\n");
        assert_eq!(doc.slice(doc.agency().unwrap()), "青山镇人民政府");
        // A township reports on the format's roll-up schedule (by 1月31日), not as a county.
        assert_eq!(crate::bind::tests::reporter_of(&doc).as_deref(), Some("township"));
        let kind = |t: &str| crate::bind::tests::reporter_of(&Document::parse(t));
        assert_eq!(kind("平潭综合实验区管理委员会2024年政府信息公开工作年度报告\n").as_deref(), Some("zone"));
        assert_eq!(kind("正文。\n平潭综合实验区管理委员会\n2025年3月10日\n").as_deref(), Some("zone"));
        assert_eq!(kind("平潭综合实验区2024年政府信息公开工作年度报告\n").as_deref(), Some("government"));
        assert_eq!(kind("青山街道办事处2024年政府信息公开工作年度报告\n").as_deref(), Some("township"));
        assert_eq!(kind("国家税务总局江州市税务局2024年政府信息公开工作年度报告\n").as_deref(), Some("department"));
        assert_eq!(kind("江州市城市管理综合执法支队2024年政府信息公开工作年度报告\n").as_deref(), Some("department"));
        // An organ of no kind the schema names is unknown, not taken as a department.
        assert_eq!(kind("正文。\n江州市供水有限公司\n2025年2月10日\n"), None);
        let doc = Document::parse("江州市2023年政府信息公开工作年度报告\n");
        assert_eq!(crate::bind::tests::reporter_of(&doc).as_deref(), Some("government"));
        // A bare 政府 is no agency's name.
        assert_eq!(Document::parse("政府信息公开工作年度报告\n").agency(), None);
    }

    #[test]
    fn publication_dates_as_pages_keep_them() {
        let published = |t: &str| Document::parse(t).publication.map(|(d, _)| d.to_string());
        assert_eq!(published("公开日期: | 2016-08-02 09:15 |\n"), Some("2016-08-02".into()));
        assert_eq!(published("发布时间：2012-03-20\n"), Some("2012-03-20".into()));
        assert_eq!(published("时间:2020-01-16\n"), Some("2020-01-16".into()));
        assert_eq!(published("索引号\t发布机构\t公开日期\nA-1\t某局\t2016-08-02 09:15\n"), Some("2016-08-02".into()));
        // 时间 inside a phrase is not a label.
        assert_eq!(published("办理时间2020-01-16\n"), None);
    }

    #[test]
    fn signature_block_at_the_end() {
        let text = "正文。\n\n               城市综合管理局\n\n      00年十二月三十日";
        let doc = Document::parse(text);
        let sig = doc.signature.unwrap();
        assert_eq!(doc.slice(sig.agency.unwrap()), "城市综合管理局");
        assert_eq!(doc.slice(sig.date), "00年十二月三十日");
        assert_eq!(Document::parse("正文。\n最后一段很长的文字。").signature, None);
    }

    #[test]
    fn signature_where_real_reports_put_it() {
        let sig = |t: &str| {
            let doc = Document::parse(t);
            doc.signature.map(|s| (s.agency.map(|a| doc.slice(a).to_string()), doc.slice(s.date).to_string()))
        };
        // On the last paragraph's line.
        assert_eq!(
            sig("正文。\n不收取费用。 平潭综合实验区市场监督管理局 2025年1月27日"),
            Some((Some("平潭综合实验区市场监督管理局".into()), "2025年1月27日".into()))
        );
        assert_eq!(sig("正文。\n不收取费用。  2025年1月27日"), Some((None, "2025年1月27日".into())));
        // Followed by attachments.
        assert_eq!(sig("正文。\n某某局\n2023年1月10日\n附件下载：\n1.附表.xls"), Some((Some("某某局".into()), "2023年1月10日".into())));
        // Before an old-regime 附表.
        assert_eq!(
            sig("正文。\n青山镇人民政府\n2012年3月1日\n附表\n指标\t单位\t数量\n主动公开\t条\t12\n"),
            Some((Some("青山镇人民政府".into()), "2012年3月1日".into()))
        );
        // A sentence that ends with a date is no 落款.
        assert_eq!(sig("正文。\n本报告所列数据的统计期限为全年，截至2024年12月31日"), None);
        assert_eq!(sig("正文。\n本报告统计数据截至2024年12月31日。"), None);
    }

    #[test]
    fn crlf_and_bom_are_not_content() {
        let text = "\u{feff}一、总体情况\r\n正文\r\n";
        let doc = Document::parse(text);
        assert_eq!(doc.slice(doc.headings[0].title), "总体情况");
        assert_eq!(doc.slice(doc.lines[1].span), "正文");
    }
}
