//! Byte offsets → the positions callers want: UTF-16 code units (JS), 1-based
//! line and column (column in UTF-16 units, as every JS editor counts).
//!
//! The core works in UTF-8 byte offsets only; conversion happens once, at the
//! edge, through a [`LineIndex`] built once per checked text.

use serde::Serialize;

/// A half-open byte range `start..end` into the checked text.
///
/// ```
/// use reportcheck::Span;
/// let s = Span::new(3, 9);
/// assert_eq!(s.len(), 6);
/// assert_eq!(&"一二三四"[s.start..s.end], "二三");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    /// The first byte.
    pub start: usize,
    /// The byte after the last.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    /// An empty span at `at`, used to point where something is missing.
    pub const fn empty(at: usize) -> Self {
        Span { start: at, end: at }
    }
    /// Length in bytes.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }
    /// True if the span covers nothing.
    pub const fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

/// A point in the text in every encoding a caller may ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    /// UTF-8 byte offset.
    pub byte: usize,
    /// UTF-16 code-unit offset (what JS `String.prototype.slice` takes).
    pub utf16: usize,
    /// 1-based line number; lines end at `\n`, `\r\n`, a lone `\r`, NEL, U+2028 or U+2029.
    pub line: usize,
    /// 1-based column, counted in UTF-16 code units.
    pub column: usize,
}

/// Line starts and UTF-16 checkpoints, built once per text.
///
/// ```
/// use reportcheck::LineIndex;
/// let text = "标题\r\n😀甲乙";
/// let idx = LineIndex::new(text);
/// let p = idx.position(text.find('甲').unwrap());
/// assert_eq!((p.line, p.column, p.utf16), (2, 3, 6));
/// ```
///
/// Costs: one `usize` per line (counted first, so the vector is never grown by doubling) and one
/// per [`CHECKPOINT`] bytes; a position is a binary search plus a scan of fewer than
/// [`CHECKPOINT`] bytes, never a scan from the line start (a one-line text with many findings
/// would make that quadratic).
#[derive(Debug, Clone)]
pub struct LineIndex<'t> {
    text: &'t str,
    /// Byte offset of each line start.
    starts: Vec<usize>,
    /// UTF-16 offset of byte offset `i * CHECKPOINT`.
    checkpoints: Vec<usize>,
}

/// Bytes between two UTF-16 checkpoints of a [`LineIndex`].
pub const CHECKPOINT: usize = 64;

/// UTF-16 code units that byte `b` starts: each char's first byte counts one, and a 4-byte
/// char's first byte one more (a surrogate pair). Bytes, not chars: much faster in wasm.
fn utf16_units(b: u8) -> usize {
    usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0)
}

impl<'t> LineIndex<'t> {
    /// Index the line starts of `text` in one pass.
    pub fn new(text: &'t str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(1 + bytes.iter().filter(|&&b| b == b'\n').count());
        starts.push(0);
        let mut checkpoints = Vec::with_capacity(bytes.len() / CHECKPOINT + 1);
        let mut u16 = 0usize;
        for (k, chunk) in bytes.chunks(CHECKPOINT).enumerate() {
            checkpoints.push(u16);
            for (i, &b) in chunk.iter().enumerate() {
                u16 += utf16_units(b);
                // Every line end the parser knows (`\n`, a lone `\r`, NEL, U+2028/9); a `\r` before
                // `\n` is part of that break. Only these lead bytes can start one.
                if matches!(b, b'\n' | b'\r' | 0xC2 | 0xE2) {
                    let at = k * CHECKPOINT + i;
                    if let Some(n) = crate::text::line_break_at(bytes, at).filter(|_| !(b == b'\r' && bytes.get(at + 1) == Some(&b'\n'))) {
                        starts.push(at + if b == b'\n' { 1 } else { n });
                    }
                }
            }
        }
        // The end of the text needs its own checkpoint when it falls on one (an empty text too).
        if bytes.len() % CHECKPOINT == 0 {
            checkpoints.push(u16);
        }
        LineIndex { text, starts, checkpoints }
    }

    /// The UTF-16 offset of byte offset `byte` (a char boundary within the text).
    fn utf16(&self, byte: usize) -> usize {
        let k = byte / CHECKPOINT;
        let from = k * CHECKPOINT;
        self.checkpoints[k] + self.text.as_bytes()[from..byte].iter().map(|&b| utf16_units(b)).sum::<usize>()
    }

    /// Number of lines (a text ending in `\n` has an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The position of byte offset `byte`, which is clamped to the text and
    /// moved back to a char boundary if it falls inside a character.
    pub fn position(&self, byte: usize) -> Position {
        let mut byte = byte.min(self.text.len());
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= byte) - 1;
        let utf16 = self.utf16(byte);
        let col16 = utf16 - self.utf16(self.starts[line]);
        Position { byte, utf16, line: line + 1, column: col16 + 1 }
    }

    /// The byte offset of UTF-16 offset `units` (the next char boundary if it falls inside a
    /// character; the text's end past it): a binary search and a scan of under [`CHECKPOINT`] bytes.
    pub fn byte_at_utf16(&self, units: usize) -> usize {
        let k = self.checkpoints.partition_point(|&c| c <= units).saturating_sub(1);
        let bytes = self.text.as_bytes();
        let (mut i, mut u) = (k * CHECKPOINT, self.checkpoints[k]);
        while i < bytes.len() {
            if u >= units && self.text.is_char_boundary(i) {
                return i;
            }
            u += utf16_units(bytes[i]);
            i += 1;
        }
        bytes.len()
    }

    /// Byte span of 1-based line `line` without its line break.
    pub fn line_span(&self, line: usize) -> Span {
        let i = line.saturating_sub(1).min(self.starts.len() - 1);
        let start = self.starts[i];
        let mut end = self.starts.get(i + 1).map_or(self.text.len(), |&e| e);
        // Back over the break that ends the line (`\n`, `\r\n`, `\r`, NEL, U+2028/9).
        let bytes = self.text.as_bytes();
        if let Some(&next) = self.starts.get(i + 1) {
            end = (next.saturating_sub(3).max(start)..next).find(|&j| crate::text::line_break_at(bytes, j).is_some_and(|n| j + n == next)).unwrap_or(next);
        }
        Span::new(start, end.max(start))
    }
}

/// What the checker sorts, always as this one type (a position and tie-breakers): each element
/// type, and each stable sort, is another copy of the sort routine, several KB of the wasm.
pub(crate) type SortKey = (u64, usize, usize, usize);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_and_cjk_and_emoji() {
        let text = "ab\n汉字😀x\n";
        let idx = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(idx.position(x), Position { byte: x, utf16: 3 + 2 + 2, line: 2, column: 5 });
        // end of text is a valid position on the empty last line
        let end = idx.position(text.len());
        assert_eq!((end.line, end.column, end.utf16), (3, 1, 9));
        assert_eq!(idx.line_count(), 3);
    }

    #[test]
    fn every_line_break_ends_a_line() {
        let text = "一\r二\u{2028}三\u{2029}四\u{85}五\r\n六\n七";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 7);
        for (n, c) in ["一", "二", "三", "四", "五", "六", "七"].iter().enumerate() {
            let p = idx.position(text.find(c).unwrap());
            assert_eq!((p.line, p.column), (n + 1, 1), "{c}");
            assert_eq!(&text[idx.line_span(n + 1).start..idx.line_span(n + 1).end], *c);
        }
    }

    #[test]
    fn crlf_lines() {
        let text = "一\r\n二\r\n三";
        let idx = LineIndex::new(text);
        let p = idx.position(text.find('三').unwrap());
        assert_eq!((p.line, p.column, p.utf16), (3, 1, 6));
        assert_eq!(&text[idx.line_span(1).start..idx.line_span(1).end], "一");
        assert_eq!(&text[idx.line_span(3).start..idx.line_span(3).end], "三");
    }

    #[test]
    fn bom_counts_as_one_utf16_unit_like_js() {
        let text = "\u{feff}标题";
        let idx = LineIndex::new(text);
        let p = idx.position(text.find('标').unwrap());
        assert_eq!((p.byte, p.utf16, p.column), (3, 1, 2));
    }

    #[test]
    fn positions_across_checkpoints_match_a_plain_count() {
        // Long lines of mixed widths, so lines and checkpoints fall at every offset.
        let text: String = (0..400).map(|i| ["a", "汉", "😀", "\n", "\r\n", "é"][i * 7 % 6]).collect();
        let idx = LineIndex::new(&text);
        let (mut line, mut col, mut u16) = (1, 1, 0);
        for (i, c) in text.char_indices() {
            assert_eq!(idx.position(i), Position { byte: i, utf16: u16, line, column: col }, "at {i}");
            u16 += c.len_utf16();
            if c == '\n' {
                line += 1;
                col = 1;
            } else {
                col += c.len_utf16();
            }
        }
        assert_eq!(idx.position(text.len()).utf16, u16);
        for (i, _) in text.char_indices() {
            assert_eq!(idx.byte_at_utf16(idx.position(i).utf16), i);
        }
        assert_eq!(idx.byte_at_utf16(u16 + 5), text.len());
        // Texts ending exactly on a checkpoint, and the empty text.
        for n in [0, 64, 128] {
            let t = "a".repeat(n);
            assert_eq!(LineIndex::new(&t).position(n).utf16, n);
        }
    }

    #[test]
    fn offset_inside_a_char_moves_back() {
        let text = "汉字";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(4).byte, 3);
        assert_eq!(idx.position(99).byte, 6);
    }
}
