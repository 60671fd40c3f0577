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
    pub start: usize,
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
    /// 1-based line number; lines end at `\n` (a preceding `\r` belongs to the break).
    pub line: usize,
    /// 1-based column, counted in UTF-16 code units.
    pub column: usize,
}

/// Line starts and their UTF-16 offsets, built once per text.
///
/// ```
/// use reportcheck::LineIndex;
/// let text = "标题\r\n😀甲乙";
/// let idx = LineIndex::new(text);
/// let p = idx.position(text.find('甲').unwrap());
/// assert_eq!((p.line, p.column, p.utf16), (2, 3, 6));
/// ```
#[derive(Debug, Clone)]
pub struct LineIndex<'t> {
    text: &'t str,
    /// Byte offset of each line start.
    starts: Vec<usize>,
    /// UTF-16 offset of each line start.
    starts16: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    /// Index the line starts of `text` in one pass.
    pub fn new(text: &'t str) -> Self {
        let mut starts = vec![0];
        let mut starts16 = vec![0];
        let mut u16 = 0usize;
        // Bytes, not chars (much faster in wasm): each char's first byte counts one UTF-16 unit,
        // and a 4-byte char's first byte one more (a surrogate pair).
        for (i, &b) in text.as_bytes().iter().enumerate() {
            u16 += usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0);
            if b == b'\n' {
                starts.push(i + 1);
                starts16.push(u16);
            }
        }
        LineIndex { text, starts, starts16 }
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
        let col16: usize = self.text[self.starts[line]..byte].chars().map(char::len_utf16).sum();
        Position { byte, utf16: self.starts16[line] + col16, line: line + 1, column: col16 + 1 }
    }

    /// Byte span of 1-based line `line` without its line break.
    pub fn line_span(&self, line: usize) -> Span {
        let i = line.saturating_sub(1).min(self.starts.len() - 1);
        let start = self.starts[i];
        let mut end = self.starts.get(i + 1).map_or(self.text.len(), |&e| e - 1);
        if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        Span::new(start, end.max(start))
    }
}

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
    fn offset_inside_a_char_moves_back() {
        let text = "汉字";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(4).byte, 3);
        assert_eq!(idx.position(99).byte, 6);
    }
}
