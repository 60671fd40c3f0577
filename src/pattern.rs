//! The schema's regular expressions, on regex-automata's lazy DFA alone.
//!
//! Why not the `regex` crate: its meta engine carries a PikeVM, a strategy
//! builder and several fallbacks that the schema's patterns never need (no
//! captures, no Unicode word boundaries), and they cost the wasm tens of
//! kilobytes. A lazy DFA answers everything the rules ask — is there a match,
//! where are the matches, which of a set of patterns occur — and with no quit
//! bytes and no Unicode word boundary it cannot fail during a search.
//! Each pattern keeps its DFA cache between checks, so the states built while
//! checking one text are reused for the next keystroke.

use crate::position::Span;
use regex_automata::hybrid::{dfa, regex};
use regex_automata::nfa::thompson;
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input, MatchKind};
use std::sync::Mutex;

/// Largest compiled pattern (as the `regex` crate's default): a schema cannot make the checker
/// build an unbounded automaton.
const NFA_SIZE_LIMIT: usize = 10 << 20;

/// Why a pattern does not compile: the parser's own words (with the pattern and a caret), or
/// what this engine cannot do.
fn build_error(e: &dyn std::error::Error) -> String {
    // The syntax error with its caret is the innermost source.
    let mut inner = e;
    while let Some(source) = inner.source() {
        inner = source;
    }
    let mut msg = inner.to_string();
    if msg.contains("Unicode word boundar") || e.to_string().contains("Unicode word boundar") {
        msg = "\\b (a Unicode word boundary) is not supported; Chinese has no word boundaries to match — anchor on punctuation or line ends instead".into();
    }
    msg
}

fn thompson_config() -> thompson::Config {
    thompson::Config::new().nfa_size_limit(Some(NFA_SIZE_LIMIT))
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
    re: regex::Regex,
    cache: Mutex<regex::Cache>,
}

impl Pattern {
    /// Compile `pattern` (Rust regex syntax, without the Unicode classes `\d \s \w \b \p{…}` and `(?i)`).
    pub fn new(pattern: &str) -> Result<Pattern, String> {
        let re = regex::Builder::new()
            .syntax(syntax::Config::new())
            .thompson(thompson_config())
            .build(pattern)
            .map_err(|e| build_error(&e))?;
        let cache = Mutex::new(re.create_cache());
        Ok(Pattern { re, cache })
    }

    fn cache(&self) -> std::sync::MutexGuard<'_, regex::Cache> {
        // A panic elsewhere cannot leave a DFA cache in a state a search could misread.
        self.cache.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether the pattern matches anywhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        // A search can only fail on quit bytes or Unicode word boundaries, and neither is configured.
        // Only the forward DFA: where the match starts does not matter here.
        self.re.forward().try_search_fwd(self.cache().forward_mut(), &Input::new(text).earliest(true)).ok().flatten().is_some()
    }

    /// Every non-overlapping match, leftmost first, within the default work budget
    /// ([`Pattern::find_all_bounded`]; a search over budget returns the matches found so far).
    pub fn find_all(&self, text: &str) -> Vec<Span> {
        self.find_all_bounded(text).0
    }

    /// Every non-overlapping match, leftmost first, and where the search stopped if it went over
    /// its work budget ([`work_budget`]).
    ///
    /// Why a budget: finding the end of a leftmost-first match may scan far past it (`a[^b]*c|a`
    /// over `aaaa…` scans to the end of the text for every `a`), so iterating matches is quadratic
    /// for some patterns. The forward scan is stepped here byte by byte so that its work can be
    /// counted; past the budget the search stops and says where, and the caller reports it.
    pub fn find_all_bounded(&self, text: &str) -> (Vec<Span>, Option<usize>) {
        let mut cache = self.cache();
        let (fcache, rcache) = cache.as_parts_mut();
        let (fwd, rev) = (self.re.forward(), self.re.reverse());
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
                let back = Input::new(text).span(start..end).anchored(Anchored::Yes);
                // Cannot fail (no quit bytes) and must match where the forward search did; the
                // reverse scan is bounded by the match, so it needs no budget.
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

/// The end of the leftmost-first match starting the search at `start`, as regex-automata's own
/// forward search finds it (match states are delayed by one byte; the scan goes on past a match
/// until the automaton is dead, in case a preferred longer match follows), counting each byte
/// stepped against `budget`. `Err` when the budget runs out.
fn match_end(dfa: &dfa::DFA, cache: &mut dfa::Cache, text: &str, start: usize, budget: &mut usize) -> Result<Option<usize>, ()> {
    let bytes = text.as_bytes();
    let input = Input::new(text).range(start..);
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
    dfa: dfa::DFA,
    cache: Mutex<dfa::Cache>,
}

impl PatternSet {
    /// Compile `patterns` into one automaton.
    pub fn new<P: AsRef<str>>(patterns: &[P]) -> Result<PatternSet, String> {
        let dfa = dfa::Builder::new()
            .syntax(syntax::Config::new())
            .thompson(thompson_config())
            .configure(dfa::Config::new().match_kind(MatchKind::All))
            .build_many(patterns)
            .map_err(|e| build_error(&e))?;
        let cache = Mutex::new(dfa.create_cache());
        Ok(PatternSet { dfa, cache })
    }

    /// How many patterns the set holds.
    pub fn len(&self) -> usize {
        self.dfa.pattern_len()
    }

    /// Whether the set holds no pattern.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// For each pattern, whether it occurs in `text`.
    pub fn which(&self, text: &str) -> Vec<bool> {
        let mut found = regex_automata::PatternSet::new(self.dfa.pattern_len());
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        // Cannot fail: no quit bytes, no Unicode word boundaries (see the module docs).
        let _ = self.dfa.try_which_overlapping_matches(&mut cache, &Input::new(text), &mut found);
        (0..self.dfa.pattern_len()).map(|i| found.contains(regex_automata::PatternID::new_unchecked(i))).collect()
    }
}

impl std::fmt::Debug for PatternSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PatternSet")
    }
}
