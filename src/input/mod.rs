//! Inputs other than plain text, turned into the visible text the checker reads
//! plus a map from that text back to the source, so that findings point into
//! what the drafter gave. Checking never changes the source.
//!
//! The size limits every input shares live here too (the checker applies them to any text), so
//! this module is built without the `html`/`docx` features; only the readers need those.

#[cfg(feature = "docx")]
pub mod docx;
#[cfg(feature = "html")]
pub mod html;
#[cfg(feature = "docx")]
mod numbering;

use crate::position::Span;

/// Largest input any reader accepts (a .docx file, an HTML paste, a file given to the CLI): an
/// annual report is far smaller, so anything bigger is the wrong file and fails at once.
pub const MAX_BYTES: u64 = 50 << 20;

/// Longest text a reader produces, in characters: the page's limit for a draft (16 million
/// characters, dozens of times any annual report). A .docx whose text runs past it is refused.
pub const MAX_TEXT_CHARS: usize = 16_000_000;

/// Most lines a checked text may have. The parsed document keeps a few dozen bytes per line
/// (`Document::lines`, the line index), so ten million empty lines would cost hundreds of
/// megabytes; a 100-page report has about 3,000 lines.
pub const MAX_LINES: usize = 500_000;

/// Why a text is not checked at all, in Chinese and English with what to do, or `None` when it is
/// within [`MAX_TEXT_CHARS`] (counted in UTF-16 units, as the page counts) and [`MAX_LINES`].
/// One pass over the bytes, no allocation.
pub fn refuse_text(text: &str) -> Option<crate::diagnostic::Message> {
    let (mut units, mut lines) = (0usize, 1usize);
    for &b in text.as_bytes() {
        units += usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0);
        lines += usize::from(b == b'\n');
    }
    if units > MAX_TEXT_CHARS {
        return Some(crate::diagnostic::Message::new(
            format!("文本有{units}字，超过{MAX_TEXT_CHARS}字的上限，未检查；年度报告不会这么长，请确认粘贴或打开的内容"),
            format!("the text is {units} characters, over the limit of {MAX_TEXT_CHARS}, and was not checked: no annual report is this long, so check what was pasted or opened"),
        ));
    }
    if lines > MAX_LINES {
        return Some(crate::diagnostic::Message::new(
            format!("文本有{lines}行，超过{MAX_LINES}行的上限，未检查；年度报告不会有这么多行，请确认内容（例如是否有大量空行）"),
            format!("the text has {lines} lines, over the limit of {MAX_LINES}, and was not checked: no annual report has this many, so check the content (runs of empty lines?)"),
        ));
    }
    None
}

/// A merged table cell's label is repeated in the rows it covers only up to this many bytes
/// (row-group labels such as `（三）不予公开` are short); a longer one is left empty there, so one
/// huge merged cell is never copied into every row.
pub const MAX_REPEATED_LABEL: usize = 256;

/// A run of visible text and where it came from in the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Piece {
    /// Start of the run in the visible text.
    text_start: usize,
    /// Where the run is in the source.
    source: Span,
    /// The run is the source byte for byte (no entity, no separator), so offsets inside it map exactly.
    exact: bool,
}

/// Visible text derived from a source, with the way back.
#[derive(Clone, Debug, Default)]
pub struct Visible {
    /// The visible text, as it is checked.
    pub text: String,
    pieces: Vec<Piece>,
}

impl Visible {
    /// Room for `pieces` runs of `bytes` of text, so that building it never grows by doubling.
    #[cfg_attr(not(feature = "html"), allow(dead_code))]
    pub(crate) fn with_capacity(pieces: usize, bytes: usize) -> Visible {
        Visible { text: String::with_capacity(bytes), pieces: Vec::with_capacity(pieces) }
    }

    /// Append `text` that stands for `source` (exact when they are the same bytes).
    #[cfg_attr(not(feature = "html"), allow(dead_code))] // the readers fill it; the limits above are everyone's
    pub(crate) fn push(&mut self, text: &str, source: Span, exact: bool) {
        if text.is_empty() {
            return;
        }
        self.pieces.push(Piece { text_start: self.text.len(), source, exact });
        self.text.push_str(text);
    }

    /// The source offset of visible-text offset `at`.
    pub fn source_offset(&self, at: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.text_start <= at);
        let Some(p) = i.checked_sub(1).map(|i| self.pieces[i]) else { return 0 };
        if p.exact {
            (p.source.start + (at - p.text_start)).min(p.source.end)
        } else if at == p.text_start {
            p.source.start
        } else {
            p.source.end
        }
    }

    /// The source offset where visible text ending at `at` ends: inside the piece that holds the
    /// last byte before `at`, not at the start of whatever follows.
    fn source_end(&self, at: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.text_start < at);
        let Some(p) = i.checked_sub(1).map(|i| self.pieces[i]) else { return 0 };
        if p.exact {
            (p.source.start + (at - p.text_start)).min(p.source.end)
        } else {
            p.source.end
        }
    }

    /// The source span of a visible-text span.
    pub fn source_span(&self, span: Span) -> Span {
        let start = self.source_offset(span.start);
        let end = if span.is_empty() { start } else { self.source_end(span.end).max(start) };
        Span::new(start, end)
    }
}
