//! Applying fixes to a text, and showing them as a unified diff.

use crate::position::Span;

/// Apply `edits` (byte spans of `text` and their replacements): sorted by position, an edit that
/// overlaps one already taken is skipped (two findings on one debris line both offer to delete
/// it), as is an exact repeat. Returns the new text and the edits applied, in order.
///
/// ```
/// use reportcheck::{fix::apply, Span};
/// let (out, used) = apply("甲乙丙", vec![(Span::new(3, 6), "二".to_string()), (Span::new(3, 6), "二".to_string())]);
/// assert_eq!((out.as_str(), used.len()), ("甲二丙", 1));
/// ```
pub fn apply(text: &str, mut edits: Vec<(Span, String)>) -> (String, Vec<(Span, String)>) {
    edits.sort_by_key(|e| (e.0.start, e.0.end));
    let mut used: Vec<(Span, String)> = Vec::new();
    for e in edits {
        let clash = used.last().is_some_and(|(last, _)| e.0.start < last.end || (e.0.start == last.start && e.0.end == last.end));
        if !clash && e.0.end <= text.len() && text.is_char_boundary(e.0.start) && text.is_char_boundary(e.0.end) {
            used.push(e);
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (span, replacement) in &used {
        out.push_str(&text[at..span.start]);
        out.push_str(replacement);
        at = span.end;
    }
    out.push_str(&text[at..]);
    (out, used)
}

/// A unified diff (3 lines of context) of applying `edits` (as returned by [`apply`]) to `old`.
pub fn unified_diff(old: &str, edits: &[(Span, String)], old_name: &str, new_name: &str) -> String {
    if edits.is_empty() {
        return String::new();
    }
    let starts: Vec<usize> = std::iter::once(0).chain(old.match_indices('\n').map(|(i, _)| i + 1)).filter(|&i| i <= old.len()).collect();
    let lines = if old.ends_with('\n') { starts.len() - 1 } else { starts.len() };
    let line_of = |byte: usize| starts.partition_point(|&s| s <= byte).saturating_sub(1);
    let line_span = |l: usize| (starts[l], starts.get(l + 1).copied().unwrap_or(old.len()));
    // Groups of edits whose touched lines are within 6 lines of each other: (first line, last line, edits).
    type Group<'e> = (usize, usize, Vec<&'e (Span, String)>);
    let mut groups: Vec<Group<'_>> = Vec::new();
    for e in edits {
        let (l0, l1) = (line_of(e.0.start), line_of(e.0.end.saturating_sub(1).max(e.0.start)));
        match groups.last_mut() {
            Some(g) if l0 <= g.1 + 6 => {
                g.1 = g.1.max(l1);
                g.2.push(e);
            }
            _ => groups.push((l0, l1, vec![e])),
        }
    }
    let mut out = format!("--- {old_name}\n+++ {new_name}\n");
    let mut delta: isize = 0;
    for (l0, l1, group) in groups {
        let (c0, c1) = (l0.saturating_sub(3), (l1 + 3).min(lines.saturating_sub(1)));
        let (from, to) = (line_span(l0).0, line_span(l1).1);
        let mut changed = String::new();
        let mut at = from;
        for (span, replacement) in &group {
            changed.push_str(&old[at..span.start]);
            changed.push_str(replacement);
            at = span.end;
        }
        changed.push_str(&old[at..to]);
        let old_lines: Vec<&str> = old[from..to].split_inclusive('\n').collect();
        let new_lines: Vec<&str> = changed.split_inclusive('\n').collect();
        let before: Vec<&str> = (c0..l0).map(|l| &old[line_span(l).0..line_span(l).1]).collect();
        let after: Vec<&str> = (l1 + 1..=c1).filter(|&l| l < lines).map(|l| &old[line_span(l).0..line_span(l).1]).collect();
        let old_count = before.len() + old_lines.len() + after.len();
        let new_count = before.len() + new_lines.len() + after.len();
        let new_start = (c0 as isize + delta + 1).max(0);
        out.push_str(&format!("@@ -{},{} +{},{} @@\n", c0 + 1, old_count, new_start, new_count));
        let push = |out: &mut String, mark: char, l: &str| {
            out.push(mark);
            out.push_str(l);
            if !l.ends_with('\n') {
                out.push_str("\n\\ No newline at end of file\n");
            }
        };
        before.iter().for_each(|l| push(&mut out, ' ', l));
        old_lines.iter().for_each(|l| push(&mut out, '-', l));
        new_lines.iter().for_each(|l| push(&mut out, '+', l));
        after.iter().for_each(|l| push(&mut out, ' ', l));
        delta += new_lines.len() as isize - old_lines.len() as isize;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_of_one_replacement() {
        let old = "一\n二\n三 2021年\n四\n五\n六\n七\n";
        let at = old.find("2021").unwrap();
        let (new, used) = apply(old, vec![(Span::new(at, at + 4), "2022".into())]);
        assert_eq!(new, old.replace("2021", "2022"));
        let d = unified_diff(old, &used, "a", "b");
        assert_eq!(d, "--- a\n+++ b\n@@ -1,6 +1,6 @@\n 一\n 二\n-三 2021年\n+三 2022年\n 四\n 五\n 六\n");
    }

    #[test]
    fn deleting_a_line() {
        let old = "登录 注册\n正文\n";
        let (new, used) = apply(old, vec![(Span::new(0, "登录 注册\n".len()), String::new())]);
        assert_eq!(new, "正文\n");
        assert_eq!(unified_diff(old, &used, "a", "b"), "--- a\n+++ b\n@@ -1,2 +1,1 @@\n-登录 注册\n 正文\n");
    }
}
