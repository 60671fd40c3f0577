//! Last year's report, read once and kept beside the checker: its year and agency, its table
//! cells and the normalised sentences of its narrative sections, for the cross-year rules
//! (`previous.*`).

use crate::position::Span;
use crate::table::Decimal;

/// A cell of last year's tables.
#[derive(Clone, Debug)]
pub(crate) struct PreviousCell {
    pub table: String,
    pub row: String,
    pub column: String,
    pub value: Decimal,
    pub span: Span,
}

/// Last year's report as the cross-year rules need it. Built by [`crate::Checker::read_previous`].
#[derive(Clone, Debug)]
pub struct Previous {
    /// The text as given; related locations are offsets into it.
    pub text: String,
    /// Its report year, if it gives one.
    pub year: Option<i32>,
    /// Its agency, if it names one.
    pub agency: Option<String>,
    pub(crate) cells: Vec<PreviousCell>,
    /// (hash of section id — "" for a report without the format's sections — and sentence, where),
    /// sorted by hash for binary search. (A sorted list, not a HashMap: no SipHash in the wasm.)
    pub(crate) sentences: Vec<(u64, Span)>,
}

impl Previous {
    /// Where last year's narrative section `section` has a sentence hashing to `hash`.
    pub(crate) fn sentence(&self, section: &str, hash: u64) -> Option<Span> {
        let key = keyed(section, hash);
        let i = self.sentences.partition_point(|(k, _)| *k < key);
        self.sentences.get(i).filter(|(k, _)| *k == key).map(|(_, s)| *s)
    }

    /// The value of a cell of last year's tables.
    pub(crate) fn cell(&self, table: &str, row: &str, column: &str) -> Option<&PreviousCell> {
        self.cells.iter().find(|c| c.table == table && c.row == row && c.column == column)
    }
}

/// Shortest sentence, in normalised characters, that is compared: shorter ones (`无。`, `详见附表。`)
/// recur in every report.
pub(crate) const MIN_SENTENCE: usize = 12;

/// The sentences of `span` in `text`: (span, hash of the normalised text, normalised length).
/// Normalising drops digits, numerals, blanks and punctuation, so that a sentence copied with only
/// its numbers or year changed hashes the same.
pub(crate) fn sentences(text: &str, span: Span) -> Vec<(Span, u64, usize)> {
    let mut out = Vec::new();
    let mut start = span.start;
    let body = &text[span.start..span.end];
    for piece in body.split_inclusive(['。', '！', '？', '；', '\n']) {
        let s = Span::new(start, start + piece.len());
        start = s.end;
        let mut h = FNV_OFFSET;
        let mut n = 0;
        for c in piece.chars().filter(|&c| keep(c)) {
            h = (h ^ u64::from(u32::from(c))).wrapping_mul(FNV_PRIME);
            n += 1;
        }
        if n >= MIN_SENTENCE {
            // Trim the sentence's span to its text, without leading blanks or the line break.
            let lead = piece.len() - piece.trim_start().len();
            let trail = piece.len() - piece.trim_end().len();
            out.push((Span::new(s.start + lead, s.end - trail), h, n));
        }
    }
    out
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// One key for a sentence hash within a section (FNV-1a over the section id, then the hash).
pub(crate) fn keyed(section: &str, hash: u64) -> u64 {
    let mut h = FNV_OFFSET;
    for b in section.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    }
    (h ^ hash).wrapping_mul(FNV_PRIME)
}

fn keep(c: char) -> bool {
    !(c.is_whitespace()
        || c.is_ascii_digit()
        || c.is_ascii_punctuation()
        || crate::text::to_digit(c).is_some()
        || matches!(
            c,
            '〇' | '○'
                | '零'
                | '一'
                | '二'
                | '三'
                | '四'
                | '五'
                | '六'
                | '七'
                | '八'
                | '九'
                | '十'
                | '百'
                | '千'
                | '万'
                | '，'
                | '。'
                | '、'
                | '；'
                | '：'
                | '！'
                | '？'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '（'
                | '）'
                | '《'
                | '》'
                | '【'
                | '】'
                | '\u{3000}'
        ))
}
