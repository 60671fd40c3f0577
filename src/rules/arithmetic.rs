//! `text.arithmetic`: sums and shares stated in one sentence of prose — a total with parts
//! that add up to more (`共公开信息120条，其中…49条、…3条、…78条`), or a share that does not
//! match its count (`共50件，…35件，占80%`).

use super::Findings;
use crate::bind::Bound;
use crate::diagnostic::Finding;
use crate::diagnostic::Message;
use crate::position::Span;
use crate::rule::Rule;
use crate::table::Decimal;
use crate::text::to_digit;

/// Units a count is written with.
const UNITS: &[&str] = &["人次", "条", "件", "次", "个", "篇", "项", "场", "期", "份", "家", "人"];
/// Words that introduce a total.
const TOTAL_CUES: &[&str] = &["共", "合计", "总计", "累计", "总数"];

/// A count in a sentence: its value, unit, span, and whether brackets enclose it.
struct Count {
    value: Decimal,
    unit: &'static str,
    span: Span,
    bracketed: bool,
    /// A total: a cue word since the last comma.
    total: bool,
    /// Text between the previous count (or the sentence start) and this one.
    before: Span,
    /// Where the unit after the number ends.
    unit_end: usize,
    /// A share written right after it (`，占80%`): the percentage and its span.
    /// In hundredths of a percent (`66.7%` → 6670).
    share: Option<(i128, Span)>,
}

pub(crate) fn check(b: &Bound<'_, '_>, out: &mut Findings<'_>) {
    let doc = b.doc;
    for &p in &doc.paragraphs {
        // Both checks need a stated total: most paragraphs have no cue word and are skipped whole.
        if !TOTAL_CUES.iter().any(|w| doc.slice(p).contains(w)) {
            continue;
        }
        let mut at = p.start;
        for sentence in doc.slice(p).split_inclusive(['。', '；', '！', '？']) {
            let span = Span::new(at, at + sentence.len());
            at = span.end;
            if TOTAL_CUES.iter().any(|w| sentence.contains(w)) {
                check_sentence(b, out, span);
            }
        }
    }
}

fn check_sentence(b: &Bound<'_, '_>, out: &mut Findings<'_>, sentence: Span) {
    let counts = counts(b.doc.text, sentence);
    let Some(ti) = counts.iter().position(|c| c.total && !c.bracketed) else { return };
    let total = &counts[ti];
    let text = b.doc.text;
    // Parts: after `其中`, the same unit, outside brackets, until the next total.
    let qizhong = text[total.span.end..sentence.end].find("其中").map(|i| total.span.end + i);
    if let Some(q) = qizhong {
        let parts: Vec<&Count> =
            counts[ti + 1..].iter().take_while(|c| !c.total).filter(|c| c.span.start > q && !c.bracketed && c.unit == total.unit).collect();
        if parts.len() >= 2 {
            let sum = parts.iter().fold(Decimal::ZERO, |a, c| a.add(c.value));
            if sum > total.value {
                let list: Vec<String> = parts.iter().map(|c| c.value.to_string()).collect();
                let (t, u) = (total.value, total.unit);
                let phrase = phrase(b.doc, total);
                let mut r = Finding::new(
                    Rule::TextArithmetic,
                    total.span,
                    Message::new(
                        format!("“{phrase}”的各分项之和为{sum}{u}（{}），多于所述总数{t}{u}", list.join(" + ")),
                        format!("the parts of “{phrase}” add up to {sum} ({}), more than the stated total {t}", list.join(" + ")),
                    ),
                )
                .expected(format!(">= {sum}"))
                .actual(t.to_string());
                for c in &parts {
                    r.related.push((c.span, Message::new(format!("分项：{}{}", c.value, c.unit), format!("part: {}", c.value))));
                }
                out.emit(r);
            }
        }
    }
    // Shares of the total: `35件，占80%`. Integer arithmetic in hundredths of a percent (no
    // floating point: it would bring float parsing and printing into the wasm).
    let whole = |d: Decimal| d.is_integer().then(|| d.to_string().parse::<i128>().ok()).flatten();
    let Some(all) = whole(total.value).filter(|&t| t > 0) else { return };
    for c in counts.iter().filter(|c| c.unit == total.unit && !std::ptr::eq(*c, total)) {
        let (Some((pct, pct_span)), Some(part)) = (c.share, whole(c.value)) else { continue };
        let actual = (part * 20_000 + all) / (2 * all); // rounded, in hundredths of a percent
        if (actual - pct).abs() > 100 {
            let tenths = (part * 2_000 + all) / (2 * all);
            let shown = if tenths % 10 == 0 { format!("{}", tenths / 10) } else { format!("{}.{}", tenths / 10, tenths % 10) };
            let written = b.doc.quote(pct_span);
            let mut r = Finding::new(
                Rule::TextArithmetic,
                pct_span,
                Message::new(
                    format!("{}{}占总数{}{}的{shown}%，不是{written}", c.value, c.unit, total.value, total.unit),
                    format!("{} of the total {} is {shown}%, not {written}", c.value, total.value),
                ),
            )
            .expected(format!("{shown}%"))
            .actual(written);
            r.related.push((total.span, Message::new(format!("总数：{}{}", total.value, total.unit), format!("total: {}", total.value))));
            out.emit(r);
        }
    }
}

/// The words before a count, up to the clause's start, with the count and its unit, as written:
/// `共公开信息120条`.
fn phrase<'t>(doc: &crate::Document<'t>, c: &Count) -> &'t str {
    let before = doc.slice(Span::new(c.before.start, c.span.start));
    let from = before.rfind(['，', ',', '：', ':']).map_or(c.before.start, |i| c.before.start + i + before[i..].chars().next().map_or(1, char::len_utf8));
    doc.quote(Span::new(from, c.unit_end)).trim_start()
}

/// Every count with a unit in `sentence`, in order.
fn counts(text: &str, sentence: Span) -> Vec<Count> {
    let s = &text[sentence.start..sentence.end];
    let mut out: Vec<Count> = Vec::new();
    let mut depth = 0i32;
    let mut clause_start = 0; // since the last comma, for total cues
    let mut prev_end = 0;
    let mut i = 0;
    while i < s.len() {
        let c = s[i..].chars().next().expect("in bounds");
        match c {
            '（' | '(' | '【' | '[' => depth += 1,
            '）' | ')' | '】' | ']' => depth = (depth - 1).max(0),
            '，' | ',' | '；' | '：' => clause_start = i + c.len_utf8(),
            _ => {}
        }
        if to_digit(c).is_none() {
            i += c.len_utf8();
            continue;
        }
        // A number: digits, with at most one decimal point.
        let start = i;
        let mut end = i;
        for (k, ch) in s[i..].char_indices() {
            if to_digit(ch).is_some() || (matches!(ch, '.' | '．') && k > 0) {
                end = i + k + ch.len_utf8();
            } else {
                break;
            }
        }
        let num = s[start..end].trim_end_matches(['.', '．']);
        let end = start + num.len();
        let rest = s[end..].trim_start_matches(crate::text::is_blank);
        let unit = UNITS.iter().find(|u| rest.starts_with(**u)).copied();
        let preceded_by_digitlike = s[..start].chars().next_back().is_some_and(|p| p.is_ascii_alphanumeric() || p == '-' || p == '/' || p == '.');
        if let (Some(unit), Some(value), false) = (unit, Decimal::parse(num), preceded_by_digitlike) {
            let clause = &s[clause_start..start];
            let after_unit = &rest[unit.len()..];
            let share = share_after(after_unit).map(|(pct, off, len)| {
                let base = sentence.start + s.len() - after_unit.len() + off;
                (pct, Span::new(base, base + len))
            });
            out.push(Count {
                value,
                unit,
                span: Span::new(sentence.start + start, sentence.start + end),
                bracketed: depth > 0,
                total: TOTAL_CUES.iter().any(|w| clause.contains(w)),
                before: Span::new(sentence.start + prev_end, sentence.start + start),
                unit_end: sentence.start + s.len() - after_unit.len(),
                share,
            });
            prev_end = end;
        }
        i = end.max(i + 1);
        while !s.is_char_boundary(i) {
            i += 1;
        }
    }
    out
}

/// `，占80%` or `，占比66.7%` right after a count: the percentage, its offset and length in `s`.
fn share_after(s: &str) -> Option<(i128, usize, usize)> {
    let t = s.trim_start_matches(['，', ',', ' ', '\u{3000}']);
    let t2 = t.strip_prefix("占")?;
    let t2 = t2.strip_prefix("比").unwrap_or(t2);
    let t2 = t2.trim_start_matches(['为', '了', ' ']);
    let off = s.len() - t2.len();
    let len: usize = t2.chars().take_while(|&c| to_digit(c).is_some() || c == '.' || c == '．').map(char::len_utf8).sum();
    let pct_sign = t2[len..].chars().next().filter(|&c| c == '%' || c == '％')?;
    // Hundredths: the integer part, then at most two decimals (more are dropped).
    let (mut value, mut decimals, mut point) = (0i128, 0, false);
    for c in t2[..len].chars() {
        match to_digit(c) {
            Some(d) if !point => value = value.checked_mul(10)?.checked_add(i128::from(d))?,
            Some(d) if decimals < 2 => {
                value = value * 10 + i128::from(d);
                decimals += 1;
            }
            Some(_) => {}
            None if point => return None,
            None => point = true,
        }
    }
    (len > 0).then_some((value * 10i128.pow(2 - decimals), off, len + pct_sign.len_utf8()))
}

#[cfg(test)]
mod tests {
    use crate::{CheckOptions, Checker};

    fn found(text: &str) -> Vec<(String, String)> {
        let r = Checker::new("cn-ogi-text").unwrap().check(text, &CheckOptions::default());
        r.diagnostics.into_iter().filter(|d| d.rule.id() == "text.arithmetic").map(|d| (text[d.bytes.start..d.bytes.end].to_string(), d.message)).collect()
    }

    #[test]
    fn parts_more_than_the_total() {
        let v = found("全年共公开政府信息120条，其中政策文件49条、人事信息3条、财政信息78条。\n");
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(v[0].0, "120");
        assert!(v[0].1.contains("130") && v[0].1.contains("49 + 3 + 78"), "{}", v[0].1);
        // A partial list adds up to less: not a fault.
        assert!(found("全年共公开政府信息120条，其中政策文件49条、人事信息3条。\n").is_empty());
        // Bracketed details and other units are not parts.
        assert!(found("共公开信息60条，其中政策文件49条（含规范性文件30条）、人事信息11条，访问量3000次。\n").is_empty());
        // Each sentence on its own.
        assert!(found("共公开信息10条。其中政策文件49条、人事信息11条。\n").is_empty());
    }

    #[test]
    fn shares_of_the_total() {
        let v = found("共受理申请50件，其中自然人申请35件，占80%。\n");
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(v[0].0, "80%");
        assert!(v[0].1.contains("70%"), "{}", v[0].1);
        assert!(found("共受理申请50件，其中自然人申请35件，占70%。\n").is_empty());
        assert!(found("共受理申请3件，其中自然人申请2件，占比66.7%。\n").is_empty());
    }
}
