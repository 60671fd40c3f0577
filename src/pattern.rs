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
    stepped: std::sync::OnceLock<Option<Stepped>>,
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

/// regex-automata's lazy DFA for [`Pattern::find_all_bounded`], built on its first use. It is
/// the engine the `regex` crate runs on (the same crate and version, so the wasm carries its code
/// once); used directly here because iterating leftmost-first matches can be quadratic
/// (`a[^b]*c|a` over `aaaa…`: 200 KB took past 10 s) and only stepping the automaton byte by byte
/// lets that work be counted and bounded. `regex` offers no such budget.
struct Stepped {
    re: regex_automata::hybrid::regex::Regex,
    cache: std::sync::Mutex<regex_automata::hybrid::regex::Cache>,
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
        Ok(Pattern { source: pattern.into(), matcher, matches_empty, stepped: std::sync::OnceLock::new() })
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
            Matcher::Regex(cell) => {
                self.regex(cell).find_iter(text.as_bytes()).filter(|m| !m.is_empty()).map(|m| Span::new(m.start(), m.end())).collect()
            }
        }
    }
}

impl Pattern {
    /// Every non-overlapping, non-empty match, leftmost first, and where the search stopped if it
    /// went over its work budget ([`work_budget`]): the caller reports the stop rather than pass
    /// the rest of the text as clean.
    pub fn find_all_bounded(&self, text: &str) -> (Vec<Span>, Option<usize>) {
        if let Matcher::Phrase { .. } = self.matcher {
            return (self.find_all(text), None); // a phrase is found in linear time
        }
        let stepped = self.stepped.get_or_init(|| {
            let re = regex_automata::hybrid::regex::Builder::new()
                .syntax(regex_automata::util::syntax::Config::new().utf8(true))
                .thompson(regex_automata::nfa::thompson::Config::new().nfa_size_limit(Some(SIZE_LIMIT)))
                .build(&self.source)
                .ok()?;
            let cache = std::sync::Mutex::new(re.create_cache());
            Some(Stepped { re, cache })
        });
        let Some(st) = stepped else { return (self.find_all(text), None) };
        let mut cache = st.cache.lock().unwrap_or_else(|e| e.into_inner());
        let (fcache, rcache) = cache.as_parts_mut();
        let (fwd, rev) = (st.re.forward(), st.re.reverse());
        let mut budget = work_budget(text.len());
        let mut out = Vec::new();
        let mut start = 0;
        while start <= text.len() {
            let end = match match_end(fwd, fcache, text, start, &mut budget) {
                Ok(Some(end)) => end,
                Ok(None) => break,
                Err(()) => return (out, Some(start)),
            };
            let from = if end == start {
                start
            } else {
                let back = regex_automata::Input::new(text).span(start..end).anchored(regex_automata::Anchored::Yes);
                // Bounded by the match, so it needs no budget; it finds where the forward search did.
                match rev.try_search_rev(rcache, &back) {
                    Ok(Some(m)) => m.offset(),
                    _ => start,
                }
            };
            let mut next = end;
            if end == from {
                // Step over one character so that an empty match cannot stall the search.
                next += text[next..].chars().next().map_or(1, char::len_utf8);
            } else {
                out.push(Span::new(from, end));
            }
            start = next;
        }
        (out, None)
    }
}

/// Bytes the forward scans of one [`Pattern::find_all_bounded`] may step through: 8 times the text
/// and 1 MiB more. An ordinary pattern scans each byte about once.
pub fn work_budget(text_len: usize) -> usize {
    text_len.saturating_mul(8).saturating_add(1 << 20)
}

/// The end of the leftmost-first match searching from `start` (match states are delayed by one
/// byte; the scan goes on past a match until the automaton is dead, in case a preferred longer
/// match follows), counting each byte stepped against `budget`. `Err` when the budget runs out.
fn match_end(
    dfa: &regex_automata::hybrid::dfa::DFA,
    cache: &mut regex_automata::hybrid::dfa::Cache,
    text: &str,
    start: usize,
    budget: &mut usize,
) -> Result<Option<usize>, ()> {
    let bytes = text.as_bytes();
    let input = regex_automata::Input::new(text).range(start..);
    let mut sid = dfa.start_state_forward(cache, &input).map_err(|_| ())?;
    let mut found = None;
    let mut at = start;
    while at < bytes.len() {
        if *budget == 0 {
            return Err(());
        }
        *budget -= 1;
        sid = dfa.next_state(cache, sid, bytes[at]).map_err(|_| ())?;
        if sid.is_tagged() {
            if sid.is_match() {
                found = Some(at);
            } else if sid.is_dead() {
                return Ok(found);
            } else if sid.is_quit() {
                return Err(());
            }
        }
        at += 1;
    }
    sid = dfa.next_eoi_state(cache, sid).map_err(|_| ())?;
    if sid.is_match() {
        found = Some(bytes.len());
    }
    Ok(found)
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

    /// How many patterns the set holds.
    pub fn len(&self) -> usize {
        self.set.len()
    }

    /// Whether the set holds no pattern.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
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

    #[test]
    fn empty_matches_are_known_without_building() {
        for (p, empty) in [("[0-9]*", true), ("^", true), ("(?m)^$", true), ("a|", true), ("规章", false), ("[0-9]+件?", false)] {
            let lazy = Pattern::lazy(p).unwrap();
            assert_eq!(lazy.matches_empty(), empty, "{p}");
            assert_eq!(build(p).unwrap().is_match(b""), empty, "{p}");
        }
    }
}
