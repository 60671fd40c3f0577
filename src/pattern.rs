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
/// assert!(check_syntax(r"\b申请").unwrap_err().contains("word boundary"));
/// assert!(check_syntax("(?i)todo").unwrap_err().contains("[Tt][Oo][Dd][Oo]"));
/// assert!(check_syntax(r"(?-u:\xFF)").unwrap_err().contains("UTF-8"));
/// ```
pub fn check_syntax(pattern: &str) -> Result<(), String> {
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
    Ok(())
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
/// ```
pub struct Pattern {
    re: Regex,
}

impl Pattern {
    /// Compile `pattern` (Rust regex syntax less what [`check_syntax`] refuses).
    pub fn new(pattern: &str) -> Result<Pattern, String> {
        check_syntax(pattern)?;
        let re = RegexBuilder::new(pattern)
            .size_limit(SIZE_LIMIT)
            .dfa_size_limit(DFA_SIZE_LIMIT)
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Pattern { re })
    }

    /// Whether the pattern matches anywhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.re.is_match(text.as_bytes())
    }

    /// Every non-overlapping, non-empty match, leftmost first. The spans are on character
    /// boundaries: [`check_syntax`] refuses patterns that could match part of a character.
    pub fn find_all(&self, text: &str) -> Vec<Span> {
        self.re.find_iter(text.as_bytes()).filter(|m| !m.is_empty()).map(|m| Span::new(m.start(), m.end())).collect()
    }
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
}

impl PatternSet {
    /// Compile `patterns` into one automaton.
    pub fn new<P: AsRef<str>>(patterns: &[P]) -> Result<PatternSet, String> {
        for p in patterns {
            check_syntax(p.as_ref())?;
        }
        let set = RegexSetBuilder::new(patterns)
            .size_limit(SIZE_LIMIT)
            .dfa_size_limit(DFA_SIZE_LIMIT)
            .build()
            .map_err(|e| e.to_string())?;
        Ok(PatternSet { set })
    }

    /// For each pattern, whether it occurs in `text`.
    pub fn which(&self, text: &str) -> Vec<bool> {
        let found = self.set.matches(text.as_bytes());
        (0..self.set.len()).map(|i| found.matched(i)).collect()
    }
}

impl std::fmt::Debug for PatternSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PatternSet")
    }
}
