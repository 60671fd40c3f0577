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
use regex_automata::{Input, MatchKind};
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

    /// Every non-overlapping match, leftmost first.
    pub fn find_all(&self, text: &str) -> Vec<Span> {
        let mut cache = self.cache();
        let mut out = Vec::new();
        let mut input = Input::new(text);
        while let Ok(Some(m)) = self.re.try_search(&mut cache, &input) {
            let mut next = m.end();
            if m.is_empty() {
                // Step over one character so that an empty match cannot stall the search.
                next += text[next..].chars().next().map_or(1, char::len_utf8);
            } else {
                out.push(Span::new(m.start(), m.end()));
            }
            if next > text.len() {
                break;
            }
            input.set_start(next);
        }
        out
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
