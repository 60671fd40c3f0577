//! .docx (Word, WPS) → visible text: paragraphs with runs joined, tables with
//! gridSpan and vMerge laid out on a grid, text boxes and simple fields, and
//! tracked changes read as accepted (insertions kept, deletions dropped). Each
//! run of text remembers its paragraph and table cell, since a .docx has no
//! line numbers. Hostile files fail with a reason, never a panic or a hang.

use quick_xml::events::Event;
use quick_xml::Reader;
use std::io::{Cursor, Read};

use super::numbering::{toggle, Numbering};
use super::{MAX_BYTES, MAX_REPEATED_LABEL, MAX_TEXT_CHARS};
use std::collections::HashMap;

/// Largest `word/document.xml` once decompressed (zip bombs stop here): Word's XML runs to a few
/// megabytes for a long report, so 64 MB is far beyond a real one. The XML is read as it inflates,
/// never held whole.
pub const MAX_XML: u64 = 64 << 20;
const MAX_ENTRIES: usize = 10_000;
/// Most paragraphs and table cells (each is a place a finding can name): a 100-page report has a
/// few thousand. Past it the file is refused, so a document of millions of empty paragraphs costs
/// nothing more than reading up to here.
pub const MAX_PLACES: usize = 200_000;

/// Where a stretch of the visible text came from in the .docx.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocxPlace {
    /// Start of the stretch in the visible text (bytes).
    pub text_start: usize,
    /// 1-based paragraph number, counting every paragraph of the body (in tables too).
    pub paragraph: usize,
    /// 1-based table, row and column, for text in a table.
    pub table: Option<usize>,
    /// See `table`.
    pub row: Option<usize>,
    /// See `table`.
    pub column: Option<usize>,
}

/// The visible text of a .docx.
#[derive(Clone, Debug, Default)]
pub struct Docx {
    /// The text as it reads, paragraphs and table rows on lines of their own.
    pub text: String,
    /// Where each stretch of `text` is in the document, in text order.
    pub places: Vec<DocxPlace>,
    /// The document has tracked changes (read as accepted).
    pub tracked_changes: bool,
}

impl Docx {
    /// The place of visible-text offset `at`.
    pub fn place(&self, at: usize) -> Option<DocxPlace> {
        let i = self.places.partition_point(|p| p.text_start <= at);
        i.checked_sub(1).map(|i| self.places[i])
    }
}

/// Why a file cannot be read as a .docx, in words for the drafter.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocxError {
    /// A legacy Word file (.doc), not a .docx.
    #[error("文件是旧版 Word 文档（.doc），请在 Word 或 WPS 中另存为 .docx 后再检查 / this is a legacy .doc file: save it as .docx and check again")]
    LegacyDoc,
    /// Encrypted with a password.
    #[error("文档设有打开密码（已加密），请取消密码后另存为 .docx / the document is password-protected: remove the password and save it again")]
    Encrypted,
    /// Not a zip archive.
    #[error("文件不是 .docx（不是 zip 格式），请确认文件类型 / this is not a .docx (not a zip archive)")]
    NotZip,
    /// A zip archive that cannot be read; the reason.
    #[error("文件已损坏，无法作为 .docx 打开：{0} / the .docx is damaged")]
    Damaged(String),
    /// A zip archive without `word/document.xml`.
    #[error("压缩包中没有 word/document.xml，不是 Word 文档 / the archive has no word/document.xml, so it is not a Word document")]
    NoDocument,
    /// Over the size limit (in MB).
    #[error("文件过大（超过{0} MB），年度报告不会这么大，请确认文件 / the file is over {0} MB; check that it is the right file")]
    TooLarge(u64),
    /// An archive with more entries than a Word document has.
    #[error("压缩包条目过多，拒绝读取 / the archive has too many entries to be a Word document")]
    TooManyEntries,
    /// The XML declares a DTD (refused: entity expansion).
    #[error("文档包含 DTD 声明，出于安全原因拒绝读取 / the document declares a DTD, which is refused for safety (entity expansion)")]
    Dtd,
    /// The document's XML is invalid; the reason.
    #[error("文档内容不是有效的 XML：{0} / the document XML is invalid")]
    Xml(String),
    /// More paragraphs and table cells than the limit.
    #[error("文档的段落和表格单元格超过{0}个，年度报告不会这么多，请确认文件 / the document has more than {0} paragraphs and table cells, far more than any annual report: check that it is the right file")]
    TooManyParagraphs(usize),
    /// More text than the limit (in characters).
    #[error("文档的文字超过{0}字，年度报告不会这么长，请确认文件 / the document's text is over {0} characters, far longer than any annual report: check that it is the right file")]
    TextTooLong(usize),
}

impl DocxError {
    /// The reason in Chinese and in English (the `Display` form joins them with " / ").
    pub fn message(&self) -> crate::diagnostic::Message {
        let s = self.to_string();
        let (zh, en) = s.split_once(" / ").unwrap_or((s.as_str(), s.as_str()));
        crate::diagnostic::Message::new(zh, en)
    }
}

/// Read `bytes` as a .docx.
pub fn read(bytes: &[u8]) -> Result<Docx, DocxError> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(DocxError::TooLarge(MAX_BYTES >> 20));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        // Both legacy .doc and encrypted .docx are OLE compound files; only the latter has an
        // EncryptionInfo stream.
        let name: Vec<u8> = "EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes).collect();
        return Err(if bytes.windows(name.len()).any(|w| w == name) { DocxError::Encrypted } else { DocxError::LegacyDoc });
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(DocxError::NotZip);
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| DocxError::Damaged(e.to_string()))?;
    if zip.len() > MAX_ENTRIES {
        return Err(DocxError::TooManyEntries);
    }
    // Numbering, styles and embedded parts are small; each is read whole, within the XML cap.
    let mut numbering = {
        let n = read_part(&mut zip, "word/numbering.xml")?;
        let st = read_part(&mut zip, "word/styles.xml")?;
        Numbering::read(n.as_deref(), st.as_deref())
    };
    let chunks = alt_chunks(&mut zip)?;
    let entry = zip.by_name("word/document.xml").map_err(|_| DocxError::NoDocument)?;
    if entry.size() > MAX_XML {
        return Err(DocxError::TooLarge(MAX_XML >> 20));
    }
    // The declared size can lie; the cap is on what is actually inflated.
    let mut source = std::io::BufReader::new(Capped { inner: entry, left: MAX_XML, over: false });
    let head = std::io::BufRead::fill_buf(&mut source).map_err(|_| DocxError::TooLarge(MAX_XML >> 20))?;
    if utf16(head).is_some() {
        // Valid XML may be UTF-16 (BOM or `<?xml` in two-byte units): read whole and made UTF-8.
        let mut raw = Vec::new();
        source.read_to_end(&mut raw).map_err(|_| DocxError::TooLarge(MAX_XML >> 20))?;
        let xml = decode(raw).map_err(DocxError::Xml)?;
        return parse(xml.as_slice(), &mut numbering, &chunks);
    }
    parse(source, &mut numbering, &chunks)
}

/// Whether XML bytes are UTF-16, and in which order (true: little-endian).
fn utf16(head: &[u8]) -> Option<bool> {
    match head {
        [0xFF, 0xFE, ..] | [b'<', 0, b'?', 0, ..] => Some(true),
        [0xFE, 0xFF, ..] | [0, b'<', 0, b'?', ..] => Some(false),
        _ => None,
    }
}

/// XML bytes as UTF-8: UTF-16 decoded (its declaration then says UTF-8), a UTF-8 BOM dropped.
fn decode(raw: Vec<u8>) -> Result<Vec<u8>, String> {
    let Some(le) = utf16(&raw) else {
        return Ok(match raw.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) => rest.to_vec(),
            None => raw,
        });
    };
    let units = raw.chunks_exact(2).map(|b| if le { u16::from_le_bytes([b[0], b[1]]) } else { u16::from_be_bytes([b[0], b[1]]) });
    let text: String = char::decode_utf16(units).collect::<Result<_, _>>().map_err(|_| "UTF-16 编码无效（invalid UTF-16）".to_string())?;
    let text = text.trim_start_matches('\u{feff}');
    // The declaration names UTF-16; the text is UTF-8 now.
    let text = match (text.starts_with("<?xml"), text.find("?>")) {
        (true, Some(end)) => format!("<?xml version=\"1.0\"?>{}", &text[end + 2..]),
        _ => text.to_string(),
    };
    Ok(text.into_bytes())
}

/// A part of the package read whole (capped at [`MAX_XML`]), or `None` when there is none.
fn read_part<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>, name: &str) -> Result<Option<Vec<u8>>, DocxError> {
    let Ok(entry) = zip.by_name(name) else { return Ok(None) };
    let mut capped = Capped { inner: entry, left: MAX_XML, over: false };
    let mut raw = Vec::new();
    if capped.read_to_end(&mut raw).is_err() {
        return Err(if capped.over { DocxError::TooLarge(MAX_XML >> 20) } else { DocxError::Damaged(name.to_string()) });
    }
    Ok(Some(raw))
}

/// The text of each `w:altChunk` part (HTML or plain text a program embedded), by relationship id.
fn alt_chunks<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>) -> Result<HashMap<String, String>, DocxError> {
    let mut out = HashMap::new();
    let Some(rels) = read_part(zip, "word/_rels/document.xml.rels")? else { return Ok(out) };
    let rels = decode(rels).unwrap_or_default();
    let mut reader = Reader::from_reader(rels.as_slice());
    let mut buf = Vec::new();
    let mut targets = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "Relationship" => {
                let get = |n: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == n)
                        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok())
                        .map(|v| v.into_owned())
                };
                if let (Some(id), Some(kind), Some(target)) = (get("Id"), get("Type"), get("Target")) {
                    if kind.ends_with("/aFChunk") && get("TargetMode").is_none() {
                        targets.push((id, target));
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    let mut total = 0usize;
    for (id, target) in targets {
        let name = match target.strip_prefix('/') {
            Some(abs) => abs.to_string(),
            None => format!("word/{target}"),
        };
        let Some(raw) = read_part(zip, &name)? else { continue };
        total += raw.len();
        if total as u64 > MAX_XML {
            return Err(DocxError::TooLarge(MAX_XML >> 20));
        }
        out.insert(id, chunk_text(&name, raw));
    }
    Ok(out)
}

/// The visible text of an embedded part: HTML read as the HTML reader reads it, anything else as
/// text (UTF-8 or UTF-16 with a BOM).
fn chunk_text(name: &str, raw: Vec<u8>) -> String {
    let text = match utf16(&raw) {
        Some(_) => decode(raw).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default(),
        None => String::from_utf8_lossy(raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&raw)).into_owned(),
    };
    let lower = name.to_ascii_lowercase();
    let html = lower.ends_with(".htm") || lower.ends_with(".html") || lower.ends_with(".xhtml") || text.trim_start().starts_with('<');
    #[cfg(feature = "html")]
    if html {
        return super::html::read(&text).map(|v| v.text).unwrap_or_default();
    }
    #[cfg(not(feature = "html"))]
    let _ = html;
    text.replace("\r\n", "\n")
}

/// A reader that fails once more than `left` bytes have come out of it (a zip bomb's inflation
/// stops there), remembering why.
struct Capped<R> {
    inner: R,
    left: u64,
    over: bool,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        match self.left.checked_sub(n as u64) {
            Some(left) => {
                self.left = left;
                Ok(n)
            }
            None => {
                self.over = true;
                Err(std::io::Error::other("document.xml is too large"))
            }
        }
    }
}

/// Where the XML comes from: a string (tests) or the inflating zip entry.
trait Source: std::io::BufRead {
    /// The source gave up because the XML is over [`MAX_XML`].
    fn over(&self) -> bool;
}
impl Source for &[u8] {
    fn over(&self) -> bool {
        false
    }
}
impl<R: Read> Source for std::io::BufReader<Capped<R>> {
    fn over(&self) -> bool {
        self.get_ref().over
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Merge {
    None,
    Restart,
    Continue,
}

struct Cell {
    text: String,
    span: usize,
    merge: Merge,
    paragraph: usize,
}

#[derive(Default)]
struct Table {
    rows: Vec<Vec<Cell>>,
    index: usize,
}

fn val(e: &quick_xml::events::BytesStart<'_>) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == "val")
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok())
        .map(|v| v.into_owned())
}

/// An open paragraph: its text so far and what its properties say about its runs.
#[derive(Default)]
struct Para {
    text: String,
    /// Its paragraph style hides its text (`w:vanish` in the style's run properties).
    hidden: bool,
    /// `w:pStyle`, `w:numId`, `w:ilvl` from its `w:pPr`.
    style: Option<String>,
    num_id: Option<String>,
    ilvl: Option<usize>,
    /// Its number was rendered (at the end of `w:pPr`, or at its first run without one).
    numbered: bool,
}

/// Parse `word/document.xml` as it is read, in one pass; `numbering` renders list numbers and
/// `chunks` holds the text of the `w:altChunk` parts by relationship id.
fn parse(source: impl Source, numbering: &mut Numbering, chunks: &HashMap<String, String>) -> Result<Docx, DocxError> {
    let mut reader = Reader::from_reader(source);
    let mut buf = Vec::new();
    let mut out = Docx::default();
    let mut chars = 0usize; // characters of out.text, against MAX_TEXT_CHARS
    let mut cells_read = 0usize; // table cells in the whole document, against MAX_PLACES
    let mut paragraph = 0usize;
    let mut paras: Vec<Para> = Vec::new(); // open paragraphs (text boxes nest them)
    let mut tables: Vec<Table> = Vec::new();
    let mut tables_seen = 0usize;
    let mut cell: Vec<Option<Cell>> = Vec::new();
    let mut deleted = 0usize; // depth inside w:del / w:moveFrom
    let mut in_text = false; // inside w:t
    let mut ppr = 0usize; // depth inside a paragraph's w:pPr
    let mut rpr = 0usize; // depth inside a run's w:rPr
    let mut changed = 0usize; // inside w:pPrChange / w:rPrChange: the properties before a revision
    let mut hidden = false; // the current run is hidden (w:vanish)
    loop {
        buf.clear();
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(_) if reader.get_ref().over() => return Err(DocxError::TooLarge(MAX_XML >> 20)),
            Err(e) => return Err(DocxError::Xml(e.to_string())),
        };
        if out.places.len() > MAX_PLACES || paragraph > MAX_PLACES {
            return Err(DocxError::TooManyParagraphs(MAX_PLACES));
        }
        if chars > MAX_TEXT_CHARS {
            return Err(DocxError::TextTooLong(MAX_TEXT_CHARS));
        }
        // Paragraph and run properties (numbering, styles, hidden text); a revision's record of
        // the old properties is not what the document shows.
        if let Event::Start(e) | Event::Empty(e) = &event {
            let empty = matches!(event, Event::Empty(_));
            let name = e.local_name();
            match name.as_ref() {
                "pPrChange" | "rPrChange" if !empty => changed += 1,
                _ if changed > 0 => {}
                "pPr" if !empty && paras.last().is_some_and(|p| !p.numbered) => ppr += 1,
                "rPr" if !empty && ppr == 0 => rpr += 1,
                "pStyle" if ppr > 0 => {
                    if let Some(p) = paras.last_mut() {
                        p.style = val(e);
                        p.hidden = p.style.as_deref().is_some_and(|s| numbering.style_hidden(s));
                    }
                }
                "numId" if ppr > 0 => {
                    if let Some(p) = paras.last_mut() {
                        p.num_id = val(e);
                    }
                }
                "ilvl" if ppr > 0 => {
                    if let Some(p) = paras.last_mut() {
                        p.ilvl = val(e).and_then(|v| v.trim().parse().ok());
                    }
                }
                "rStyle" if rpr > 0 => hidden |= val(e).is_some_and(|s| numbering.style_hidden(&s)),
                "vanish" if rpr > 0 => hidden = toggle(e),
                "r" if !empty => {
                    hidden = paras.last().is_some_and(|p| p.hidden);
                    if let Some(p) = paras.last_mut() {
                        number(p, numbering);
                    }
                }
                _ => {}
            }
        }
        match event {
            Event::DocType(_) => return Err(DocxError::Dtd),
            Event::End(e) if matches!(e.local_name().as_ref(), "pPrChange" | "rPrChange") => changed = changed.saturating_sub(1),
            Event::End(e) if e.local_name().as_ref() == "pPr" && ppr > 0 && changed == 0 => {
                ppr -= 1;
                if ppr == 0 {
                    if let Some(p) = paras.last_mut() {
                        number(p, numbering);
                    }
                }
            }
            Event::End(e) if e.local_name().as_ref() == "rPr" && rpr > 0 && changed == 0 => rpr -= 1,
            Event::End(e) if e.local_name().as_ref() == "r" => hidden = false,
            Event::Start(e) if matches!(e.local_name().as_ref(), "del" | "moveFrom") => {
                out.tracked_changes = true;
                deleted += 1;
            }
            Event::Empty(e) if matches!(e.local_name().as_ref(), "del" | "moveFrom" | "ins" | "moveTo") => out.tracked_changes = true,
            Event::End(e) if matches!(e.local_name().as_ref(), "del" | "moveFrom") => deleted = deleted.saturating_sub(1),
            Event::Start(e) if matches!(e.local_name().as_ref(), "ins" | "moveTo") => out.tracked_changes = true,
            Event::Start(e) => match e.local_name().as_ref() {
                "p" => {
                    paragraph += 1;
                    paras.push(Para::default());
                }
                "t" => in_text = true,
                "tbl" => {
                    tables_seen += 1;
                    tables.push(Table { rows: Vec::new(), index: tables_seen });
                    cell.push(None);
                }
                "tr" => {
                    if let Some(t) = tables.last_mut() {
                        t.rows.push(Vec::new());
                    }
                }
                "tc" => {
                    if let Some(slot) = cell.last_mut() {
                        *slot = Some(Cell { text: String::new(), span: 1, merge: Merge::None, paragraph: paragraph + 1 });
                    }
                }
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "tab" | "br" | "cr" if deleted == 0 && !hidden && ppr == 0 => {
                    if let Some(p) = paras.last_mut() {
                        p.text.push(' ');
                    }
                }
                "gridSpan" => {
                    if let Some(Some(c)) = cell.last_mut() {
                        c.span = val(&e).and_then(|v| v.parse().ok()).unwrap_or(1).clamp(1, 64);
                    }
                }
                "vMerge" => {
                    if let Some(Some(c)) = cell.last_mut() {
                        c.merge = if val(&e).as_deref() == Some("restart") { Merge::Restart } else { Merge::Continue };
                    }
                }
                "p" => paragraph += 1,
                // Embedded HTML or text (a program's output pasted in as a part): its lines are
                // paragraphs of the body (tab-separated rows where it has tables).
                "altChunk" if deleted == 0 => {
                    let id = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == "id")
                        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok());
                    if let Some(text) = id.and_then(|id| chunks.get(id.as_ref())) {
                        for line in text.lines().filter(|l| !l.trim().is_empty()) {
                            paragraph += 1;
                            out.places.push(DocxPlace { text_start: out.text.len(), paragraph, table: None, row: None, column: None });
                            chars += line.chars().count() + 1;
                            out.text.push_str(line);
                            out.text.push('\n');
                        }
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text && deleted == 0 && !hidden => {
                if let Some(p) = paras.last_mut() {
                    p.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_text && deleted == 0 && !hidden => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match r.as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None, // no entity is ever expanded
                    },
                };
                if let (Some(c), Some(p)) = (c, paras.last_mut()) {
                    p.text.push(c);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "p" => {
                    let mut para = paras.pop().unwrap_or_default();
                    // A numbered paragraph without runs still shows its number, and counts.
                    number(&mut para, numbering);
                    let text = para.text;
                    ppr = 0;
                    match cell.last_mut() {
                        Some(Some(c)) => {
                            if !c.text.is_empty() && !text.is_empty() {
                                c.text.push(' ');
                            }
                            c.text.push_str(&text);
                        }
                        _ => {
                            out.places.push(DocxPlace { text_start: out.text.len(), paragraph, table: None, row: None, column: None });
                            chars += text.chars().count() + 1;
                            out.text.push_str(&text.replace('\t', " "));
                            out.text.push('\n');
                        }
                    }
                }
                "tc" => {
                    if let (Some(slot), Some(t)) = (cell.last_mut(), tables.last_mut()) {
                        if let (Some(c), Some(row)) = (slot.take(), t.rows.last_mut()) {
                            row.push(c);
                            cells_read += 1;
                        }
                    }
                    if cells_read > MAX_PLACES {
                        return Err(DocxError::TooManyParagraphs(MAX_PLACES));
                    }
                }
                "tbl" => {
                    cell.pop();
                    if let Some(t) = tables.pop() {
                        lay_out(&mut out, t, &mut chars)?;
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// Put the list number Word shows in front of paragraph `p`'s text, once.
fn number(p: &mut Para, numbering: &mut Numbering) {
    if std::mem::replace(&mut p.numbered, true) {
        return;
    }
    if let Some(n) = numbering.next(p.style.as_deref(), p.num_id.as_deref(), p.ilvl) {
        p.text.insert_str(0, &n);
    }
}

/// One line per row, cells separated by tabs; gridSpan adds empty cells, a continued vMerge
/// repeats a short label from above (so each row keeps its label) and leaves a value empty.
/// The row above is remembered as ranges of the text already written, one per cell, so the
/// grid costs what the document holds; `chars` counts the text against [`MAX_TEXT_CHARS`].
fn lay_out(out: &mut Docx, t: Table, chars: &mut usize) -> Result<(), DocxError> {
    // The previous row's cells: (first grid column, its text in `out.text`), by column.
    let mut above: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    for (r, row) in t.rows.into_iter().enumerate() {
        let mut this = Vec::with_capacity(row.len());
        let mut col = 0;
        let row_start = out.text.len();
        for (c, cell) in row.into_iter().enumerate() {
            let text = match cell.merge {
                Merge::Continue => {
                    let up = above.binary_search_by_key(&col, |(c, _)| *c).ok().map_or("", |i| &out.text[above[i].1.clone()]);
                    // Repeat a label (text), never a value: a merged number is counted once. A
                    // label longer than any row-group label is not copied into every row.
                    let label = up.len() <= MAX_REPEATED_LABEL && crate::table::Value::parse(up, "") == crate::table::Value::Text;
                    if label {
                        up.to_string()
                    } else {
                        String::new()
                    }
                }
                _ => cell.text.replace(['\t', '\n'], " "),
            };
            if c > 0 {
                out.text.push('\t');
            }
            out.places.push(DocxPlace { text_start: out.text.len(), paragraph: cell.paragraph, table: Some(t.index), row: Some(r + 1), column: Some(c + 1) });
            let start = out.text.len();
            out.text.push_str(&text);
            this.push((col, start..out.text.len()));
            for _ in 1..cell.span {
                out.text.push('\t');
            }
            col += cell.span;
        }
        out.text.push('\n');
        *chars += out.text[row_start..].chars().count();
        if *chars > MAX_TEXT_CHARS {
            return Err(DocxError::TextTooLong(MAX_TEXT_CHARS));
        }
        if out.places.len() > MAX_PLACES {
            return Err(DocxError::TooManyParagraphs(MAX_PLACES));
        }
        above = this;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        )
    }

    #[test]
    fn paragraphs_runs_tables_and_tracked_changes() {
        let xml = doc(concat!(
            r#"<w:p><w:r><w:t>一、总体</w:t></w:r><w:r><w:t xml:space="preserve">情况</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t>共收到</w:t></w:r><w:del><w:r><w:delText>12</w:delText></w:r></w:del><w:ins><w:r><w:t>21</w:t></w:r></w:ins><w:r><w:t>件 &amp; 答复</w:t></w:r></w:p>"#,
            r#"<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>（三）不予公开</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1.属于国家秘密</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr>"#,
            r#"<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>2.其他法律行政法规禁止公开</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>3</w:t></w:r></w:p></w:tc></w:tr>"#,
            r#"<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>（七）总计</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>"#,
        ));
        let d = parse(xml.as_bytes(), &mut Numbering::default(), &HashMap::new()).unwrap();
        assert_eq!(
            d.text,
            "一、总体情况\n共收到21件 & 答复\n（三）不予公开\t1.属于国家秘密\t2\n（三）不予公开\t2.其他法律行政法规禁止公开\t3\n（七）总计\t\t\n"
        );
        assert!(d.tracked_changes);
        let at = d.text.find("3\n").unwrap();
        let p = d.place(at).unwrap();
        assert_eq!((p.table, p.row, p.column), (Some(1), Some(2), Some(3)));
        assert_eq!(d.place(d.text.find("共收到").unwrap()).unwrap().paragraph, 2);
    }

    #[test]
    fn hostile_inputs() {
        assert_eq!(read(b"hello").unwrap_err(), DocxError::NotZip);
        assert_eq!(read(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0]).unwrap_err(), DocxError::LegacyDoc);
        let mut enc = vec![0xD0, 0xCF, 0x11, 0xE0];
        enc.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(read(&enc).unwrap_err(), DocxError::Encrypted);
        assert!(matches!(read(b"PK\x03\x04garbage").unwrap_err(), DocxError::Damaged(_)));
        let dtd = r#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><w:document><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"#;
        assert_eq!(parse(dtd.as_bytes(), &mut Numbering::default(), &HashMap::new()).unwrap_err(), DocxError::Dtd);
        assert!(matches!(
            parse("<w:document><w:body><w:p>".as_bytes(), &mut Numbering::default(), &HashMap::new()).map(|d| d.text),
            Ok(_) | Err(DocxError::Xml(_))
        ));
    }
}
