//! The schema's regular expressions, on the `regex` crate's bytes API.
//!
//! One engine: `regex` (its meta engine over a lazy DFA; see Cargo.toml for the features and
//! why). A [`Pattern`] is a `regex::bytes::Regex`; a [`PatternSet`] is a
//! `regex::bytes::RegexSet`, whose one pass says which of its patterns occur and stops as soon
//! as all of them have. Each keeps its own cache pool, so the lazy DFA states built while
//! checking one text are reused for the next keystroke.
//!
//! What schema authors may write is checked by [`check_syntax`] before anything is built, so a
//! refused construct is reported with a reason (and, by the caller, the field) rather than
//! with a build-feature message: see docs/schema-syntax.md.

use crate::position::Span;
use regex::bytes::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use regex_syntax::hir::{Hir, HirKind, Look};

/// Largest compiled pattern (the `regex` crate's default, stated so that it stays the limit):
/// a schema cannot make the checker build an unbounded automaton.
const SIZE_LIMIT: usize = 10 << 20;
/// Lazy DFA cache per pattern or set. Large enough that a 4 MB text does not make the DFA
/// clear its cache over and over (after which `regex` falls back to its much slower PikeVM).
const DFA_SIZE_LIMIT: usize = 4 << 20;

/// Why a pattern is refused, in words a schema author can act on, or `None` when it is accepted.
/// Parses with the same parser `regex` uses (regex-syntax, with the same features), so every
/// pattern that passes here builds.
///
/// ```
/// use reportcheck::pattern::check_syntax;
/// assert!(check_syntax("[0-9０-９]+件").is_ok());
/// assert!(check_syntax(r"\d+件").unwrap_err().contains("[0-9０-９]"));
/// assert!(check_syntax(r"\b申请").unwrap_err().contains("word boundaries"));
/// assert!(check_syntax("(?i)todo").unwrap_err().contains("[Tt][Oo][Dd][Oo]"));
/// assert!(check_syntax(r"(?-u:\xFF)").unwrap_err().contains("UTF-8"));
/// ```
pub fn check_syntax(pattern: &str) -> Result<(), String> {
    parse(pattern).map(drop)
}

/// The pattern's syntax tree, or why it is refused (see [`check_syntax`]).
fn parse(pattern: &str) -> Result<Hir, String> {
    use regex_syntax::hir::ErrorKind as H;
    let hir = match regex_syntax::ParserBuilder::new().build().parse(pattern) {
        Ok(hir) => hir,
        Err(regex_syntax::Error::Translate(e)) => {
            let why = match e.kind() {
                H::UnicodePerlClassNotFound => Some(
                    "the Unicode classes \\d \\s \\w are not available (they would enlarge the checker): list the characters instead, e.g. [0-9０-９] for \\d, [ \\t\\u3000] for \\s",
                ),
                H::UnicodePropertyNotFound | H::UnicodePropertyValueNotFound => Some(
                    "Unicode properties \\p{…} are not available (they would enlarge the checker): use a character range instead, e.g. [\\u4E00-\\u9FFF] for Chinese characters",
                ),
                H::UnicodeCaseUnavailable => Some(
                    "case-insensitive matching (?i) is not available (it would enlarge the checker): list both cases, e.g. [Tt][Oo][Dd][Oo] for (?i)todo",
                ),
                H::InvalidUtf8 => Some(
                    "this matches bytes that are not whole UTF-8 characters (a (?-u) byte class or escape); write the characters themselves",
                ),
                _ => None,
            };
            return Err(match why {
                Some(why) => format!("{why}\n{e}"),
                None => e.to_string(),
            });
        }
        Err(e) => return Err(e.to_string()),
    };
    if has_word_boundary(&hir) {
        return Err("\\b and \\B (word boundaries) are not supported: Chinese has no word boundaries to match, and they make the fast matcher give up; anchor on punctuation or line ends instead".into());
    }
    Ok(hir)
}

fn can_match_newline(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Literal(lit) => lit.0.contains(&b'\n'),
        HirKind::Class(regex_syntax::hir::Class::Unicode(c)) => c.ranges().iter().any(|r| r.start() <= '\n' && '\n' <= r.end()),
        HirKind::Class(regex_syntax::hir::Class::Bytes(c)) => c.ranges().iter().any(|r| r.start() <= b'\n' && b'\n' <= r.end()),
        HirKind::Repetition(r) => r.max != Some(0) && can_match_newline(&r.sub),
        HirKind::Capture(c) => can_match_newline(&c.sub),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().any(can_match_newline),
        HirKind::Empty | HirKind::Look(_) => false,
    }
}

fn has_word_boundary(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Look(look) => !matches!(look, Look::Start | Look::End | Look::StartLF | Look::EndLF | Look::StartCRLF | Look::EndCRLF),
        HirKind::Repetition(r) => has_word_boundary(&r.sub),
        HirKind::Capture(c) => has_word_boundary(&c.sub),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().any(has_word_boundary),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) => false,
    }
}

/// One regular expression, found anywhere in a text.
///
/// ```
/// use reportcheck::pattern::Pattern;
/// let p = Pattern::new("办结[0-9]+件").unwrap();
/// assert!(p.is_match("全年办结46件"));
/// let spans: Vec<_> = p.find_all("办结4件，办结12件").iter().map(|s| (s.start, s.end)).collect();
/// assert_eq!(spans, [(0, 10), (13, 24)]);
/// // Empty matches are skipped, never looped on.
/// let digits: Vec<_> = Pattern::new("[0-9]*").unwrap().find_all("共1件，22件").iter().map(|s| (s.start, s.end)).collect();
/// assert_eq!(digits, [(3, 4), (10, 12)]);
/// // A plain phrase, anchored or not, is matched as a string: nothing to compile.
/// let exact = Pattern::new("^规章$").unwrap();
/// assert!(exact.is_match("规章") && !exact.is_match("规章制度"));
/// ```
pub struct Pattern {
    source: Box<str>,
    matcher: Matcher,
    /// Whether the pattern matches the empty string (read off its syntax tree).
    matches_empty: bool,
}

enum Matcher {
    /// Most schema patterns are a phrase (`行政许可`, `^规章$`, a section alias): matched as a
    /// string, they cost nothing to build and a few nanoseconds to test a table cell, where a
    /// regex costs an automaton and a cache each.
    Phrase { text: Box<str>, start: bool, end: bool },
    /// Built the first time it is used: a schema's text patterns are searched together by a
    /// [`PatternSet`] and located one by one only when the set says they occur.
    Regex(std::sync::OnceLock<Regex>),
}

impl Pattern {
    /// Compile `pattern` (Rust regex syntax less what [`check_syntax`] refuses).
    pub fn new(pattern: &str) -> Result<Pattern, String> {
        let pattern = Pattern::lazy(pattern)?;
        if let Matcher::Regex(cell) = &pattern.matcher {
            let _ = cell.set(build(&pattern.source)?);
        }
        Ok(pattern)
    }

    /// Check `pattern` now but build its automaton on first use. Only for a pattern that is
    /// also part of a [`PatternSet`] that built: a set's automaton holds each of its patterns, so
    /// none of them alone can exceed the size limit that the set kept to.
    pub(crate) fn lazy(pattern: &str) -> Result<Pattern, String> {
        let hir = parse(pattern)?;
        let matches_empty = hir.properties().minimum_len() == Some(0);
        let matcher = match phrase(&hir) {
            Some((text, start, end)) => Matcher::Phrase { text: text.into(), start, end },
            None => Matcher::Regex(std::sync::OnceLock::new()),
        };
        Ok(Pattern { source: pattern.into(), matcher, matches_empty })
    }

    fn regex<'a>(&'a self, cell: &'a std::sync::OnceLock<Regex>) -> &'a Regex {
        cell.get_or_init(|| build(&self.source).expect("checked when the schema was compiled (Pattern::lazy)"))
    }

    /// Whether the pattern matches the empty string (with only `^` `$` anchors allowed, one that
    /// can match zero characters somewhere matches an empty text).
    pub fn matches_empty(&self) -> bool {
        self.matches_empty
    }

    /// Whether the pattern matches anywhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        match &self.matcher {
            Matcher::Phrase { text: p, start: true, end: true } => text == &**p,
            Matcher::Phrase { text: p, start: true, end: false } => text.starts_with(&**p),
            Matcher::Phrase { text: p, start: false, end: true } => text.ends_with(&**p),
            Matcher::Phrase { text: p, start: false, end: false } => text.contains(&**p),
            Matcher::Regex(cell) => self.regex(cell).is_match(text.as_bytes()),
        }
    }

    /// Every non-overlapping, non-empty match, leftmost first. The spans are on character
    /// boundaries: [`check_syntax`] refuses patterns that could match part of a character.
    pub fn find_all(&self, text: &str) -> Vec<Span> {
        match &self.matcher {
            Matcher::Phrase { text: p, start, end } => {
                if p.is_empty() {
                    return Vec::new();
                }
                let at = |i: usize| Span::new(i, i + p.len());
                match (start, end) {
                    (false, false) => text.match_indices(&**p).map(|(i, _)| at(i)).collect(),
                    _ => self.is_match(text).then(|| at(if *start { 0 } else { text.len() - p.len() })).into_iter().collect(),
                }
            }
            Matcher::Regex(cell) => self.regex(cell).find_iter(text.as_bytes()).filter(|m| !m.is_empty()).map(|m| Span::new(m.start(), m.end())).collect(),
        }
    }
}

impl Pattern {
    /// Every non-overlapping, non-empty match, leftmost first, and where the search stopped if it
    /// went over its work budget ([`work_budget`]): the caller reports the stop rather than pass
    /// the rest of the text as clean.
    ///
    /// Why a budget: the end of a leftmost-first match may lie far past its shortest form, and a
    /// search scans on until it knows (`a[^b]*c|a` over `aaaa…` scans to the text's end for every
    /// `a`: quadratic, 200 KB took past 10 s). So each match is first located by its earliest end
    /// (a scan that stops there), and its leftmost-first form is looked for in a window reaching
    /// [`MATCH_WINDOW`] bytes past that end: a match never extends further. Bytes scanned are
    /// counted against the budget.
    pub fn find_all_bounded(&self, text: &str) -> (Vec<Span>, Option<usize>) {
        let mut budget = work_budget(text.len());
        let mut out = Vec::new();
        let stopped = self.find_in(text, Span::new(0, text.len()), &mut budget, &mut out);
        (out, stopped)
    }

    /// [`Pattern::find_all_bounded`] within `block` of `text`, appending to `out` and spending
    /// `budget`; returns where the search stopped if the budget ran out. The text around `block`
    /// is context for the anchors. For a pattern that cannot match a line break and a block that ends
    /// after a line break (or at the text's end), the matches are exactly those of the whole text
    /// that lie in the block: no match can reach across the break.
    #[inline(never)] // one copy for its three callers: the checker module has a size budget
    pub fn find_in(&self, text: &str, block: Span, budget: &mut usize, out: &mut Vec<Span>) -> Option<usize> {
        let re = match &self.matcher {
            Matcher::Regex(cell) => self.regex(cell),
            Matcher::Phrase { text: p, start: false, end: false } => {
                let at = block.start;
                out.extend(text[block.start..block.end].match_indices(&**p).map(|(i, _)| Span::new(at + i, at + i + p.len())));
                return None;
            }
            Matcher::Phrase { .. } => {
                // Anchored to the text's start or end: one test, kept if it lies in the block.
                out.extend(self.find_all(text).into_iter().filter(|m| block.start <= m.start && m.end <= block.end));
                return None;
            }
        };
        let bytes = &text.as_bytes()[..block.end];
        let mut start = block.start;
        while start <= bytes.len() {
            let Some(earliest) = re.shortest_match_at(bytes, start) else { break };
            let window = (earliest + MATCH_WINDOW).min(bytes.len());
            // What the earliest-end scan stepped through, and a toll per match for the second
            // search (at most MATCH_WINDOW bytes): a text dense with matches of a pattern that
            // keeps scanning ahead runs out of budget, one with ordinary matches never does.
            let cost = earliest - start + 16;
            if cost > *budget {
                return Some(start);
            }
            *budget -= cost;
            let mut cut = window;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            let Some(m) = re.find_at(&bytes[..cut], start) else { break };
            let mut next = m.end();
            if m.is_empty() {
                // Step over one character so that an empty match cannot stall the search.
                next += text[next..].chars().next().map_or(1, char::len_utf8);
            } else {
                out.push(Span::new(m.start(), m.end()));
            }
            start = next;
        }
        None
    }
}

/// How far past its earliest possible end a match of [`Pattern::find_all_bounded`] may extend, in
/// bytes. Schema patterns match placeholders and lines of page debris, far shorter.
pub const MATCH_WINDOW: usize = 1024;

/// Bytes [`Pattern::find_all_bounded`] may scan: 8 times the text and 1 MiB more. An ordinary
/// pattern scans each byte about once.
pub fn work_budget(text_len: usize) -> usize {
    text_len.saturating_mul(8).saturating_add(1 << 20)
}

fn build(pattern: &str) -> Result<Regex, String> {
    RegexBuilder::new(pattern).size_limit(SIZE_LIMIT).dfa_size_limit(DFA_SIZE_LIMIT).build().map_err(|e| e.to_string())
}

/// The phrase a pattern stands for, and whether it is anchored at the start (`^`, `\A`) and the
/// end (`$`, `\z`) of the text, when it is nothing more than that.
fn phrase(hir: &Hir) -> Option<(String, bool, bool)> {
    let parts: &[Hir] = match hir.kind() {
        HirKind::Concat(parts) => parts,
        HirKind::Literal(_) => std::slice::from_ref(hir),
        _ => return None,
    };
    let start = matches!(parts.first().map(Hir::kind), Some(HirKind::Look(Look::Start)));
    let end = parts.len() > usize::from(start) && matches!(parts.last().map(Hir::kind), Some(HirKind::Look(Look::End)));
    let mut text = Vec::new();
    for part in &parts[usize::from(start)..parts.len() - usize::from(end)] {
        match part.kind() {
            HirKind::Literal(lit) => text.extend_from_slice(&lit.0),
            _ => return None,
        }
    }
    // Not UTF-8 cannot happen (check_syntax refuses it); an empty phrase is left to the regex.
    String::from_utf8(text).ok().filter(|t| !t.is_empty()).map(|t| (t, start, end))
}

impl std::fmt::Debug for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pattern")
    }
}

/// Several regular expressions scanned together: one pass says which of them occur, and stops as
/// soon as all of them have.
///
/// ```
/// use reportcheck::pattern::PatternSet;
/// let set = PatternSet::new(&["主动公开", "依申请", "复议"]).unwrap();
/// assert_eq!(set.which("主动公开和依申请公开"), [true, true, false]);
/// ```
pub struct PatternSet {
    set: RegexSet,
    /// No pattern of the set can match a line break.
    single_line: bool,
}

impl PatternSet {
    /// Compile `patterns` into one automaton.
    pub fn new<P: AsRef<str>>(patterns: &[P]) -> Result<PatternSet, String> {
        let mut single_line = true;
        for p in patterns {
            single_line &= !can_match_newline(&parse(p.as_ref())?);
        }
        let set = RegexSetBuilder::new(patterns).size_limit(SIZE_LIMIT).dfa_size_limit(DFA_SIZE_LIMIT).build().map_err(|e| e.to_string())?;
        Ok(PatternSet { set, single_line })
    }

    /// How many patterns the set holds.
    pub fn len(&self) -> usize {
        self.set.len()
    }

    /// Whether the set holds no pattern.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// For each pattern, the blocks of `text` it occurs in, to be located there with
    /// [`Pattern::find_in`]. When no pattern can match a line break the text is scanned in blocks
    /// of whole lines ([`line_blocks`]), so a pattern that occurs in one line is then located in
    /// its block alone rather than over the whole text; otherwise a pattern that occurs at all
    /// has the whole text as its one block.
    pub fn blocks(&self, text: &str) -> Vec<Vec<Span>> {
        let mut blocks = vec![Vec::new(); self.set.len()];
        if self.single_line {
            for block in line_blocks(text, BLOCK) {
                // The text before the block is context for the anchors; the block ends after a
                // line break, which no match can reach across.
                for i in self.set.matches_at(&text.as_bytes()[..block.end], block.start).into_iter() {
                    blocks[i].push(block);
                }
            }
        } else {
            for (i, occurs) in self.which(text).into_iter().enumerate() {
                if occurs {
                    blocks[i].push(Span::new(0, text.len()));
                }
            }
        }
        blocks
    }

    /// For each pattern, whether it occurs in `text`.
    pub fn which(&self, text: &str) -> Vec<bool> {
        let found = self.set.matches(text.as_bytes());
        (0..self.set.len()).map(|i| found.matched(i)).collect()
    }
}

/// About how many bytes of lines [`line_blocks`] puts in one block: small enough that locating
/// a pattern in its blocks is cheap, large enough that the per-block cost of a search is not.
const BLOCK: usize = 2048;

/// `text` cut into blocks of whole lines of about `size` bytes, each ending after a line break
/// (the last at the text's end).
fn line_blocks(text: &str, size: usize) -> impl Iterator<Item = Span> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let from = (start + size).min(text.len());
        let end = text.as_bytes()[from..].iter().position(|&b| b == b'\n').map_or(text.len(), |i| from + i + 1);
        let block = Span::new(start, end);
        start = end;
        Some(block)
    })
}

impl std::fmt::Debug for PatternSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PatternSet")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A phrase matched as a string finds exactly what the regex would.
    #[test]
    fn phrases_match_as_their_regex_would() {
        let texts = ["规章", "规章 ", "规章制度", "其他规章", "", "a规章b规章", "规章规章", "\n规章\n", "国家秘密"];
        for p in ["规章", "^规章$", "^规章", "规章$", r"\A规章\z", "规章规章", "(?:规章)", "国家秘密"] {
            let ours = Pattern::new(p).unwrap();
            assert!(matches!(ours.matcher, Matcher::Phrase { .. }), "{p} is a phrase");
            let re = build(p).unwrap();
            for t in texts {
                assert_eq!(ours.is_match(t), re.is_match(t.as_bytes()), "{p} on {t:?}");
                let want: Vec<_> = re.find_iter(t.as_bytes()).map(|m| Span::new(m.start(), m.end())).collect();
                assert_eq!(ours.find_all(t), want, "{p} on {t:?}");
            }
        }
        for p in ["(?m)^规章$", "规章|规范", "^$", "规[章则]"] {
            assert!(matches!(Pattern::new(p).unwrap().matcher, Matcher::Regex(_)), "{p} is not a phrase");
        }
    }

    /// Located block by block where the set says they occur, single-line patterns find exactly
    /// what a search of the whole text finds, anchors included, at block edges too.
    #[test]
    fn blocked_search_finds_what_the_whole_text_search_finds() {
        let patterns = ["^首行", "尾$", r"\A首", "(?m)^甲乙", "(?m)丙$", "x+", "[0-9]+件", "乙[^\n]{0,3}丙", "(?m)^[ ]*丁[ ]*$"];
        let mut text = String::from("首行x\n");
        for i in 0..3000 {
            text.push_str(["甲乙丙\n", "xx 12件\n", "  丁 \n", "乙一丙", "\n", "中文内容，没有匹配。\n"][i % 6]);
        }
        text.push_str("甲乙x尾");
        let set = PatternSet::new(&patterns).unwrap();
        assert!(set.single_line);
        let blocks = set.blocks(&text);
        assert!(line_blocks(&text, BLOCK).count() > 10);
        for (i, p) in patterns.iter().enumerate() {
            let p = Pattern::new(p).unwrap();
            let (mut found, mut budget) = (Vec::new(), usize::MAX);
            for &b in &blocks[i] {
                assert_eq!(p.find_in(&text, b, &mut budget, &mut found), None);
            }
            let whole = p.find_all(&text);
            assert!(!whole.is_empty(), "{}", patterns[i]);
            assert_eq!(found, whole, "{}", patterns[i]);
        }
        let multi = PatternSet::new(&["甲[^丙]*丙"]).unwrap();
        assert!(!multi.single_line);
        assert_eq!(multi.blocks(&text)[0], [Span::new(0, text.len())]);
    }

    #[test]
    fn empty_matches_are_known_without_building() {
        for (p, empty) in [("[0-9]*", true), ("^", true), ("(?m)^$", true), ("a|", true), ("规章", false), ("[0-9]+件?", false)] {
            let lazy = Pattern::lazy(p).unwrap();
            assert_eq!(lazy.matches_empty(), empty, "{p}");
            assert_eq!(build(p).unwrap().is_match(b""), empty, "{p}");
        }
    }
}
