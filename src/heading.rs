//! Heading recognition: the numbering markers Chinese reports use, and where a
//! heading's text ends when it starts a paragraph.

use serde::Serialize;

/// The numbering style of a heading marker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NumberingStyle {
    /// `第一部分`
    Part,
    /// `第一章`
    Chapter,
    /// `一、` `一．`
    Chinese,
    /// `（一）` `(一)`
    ParenChinese,
    /// `1.` `1、` `1．`
    Arabic,
    /// `（1）` `(1)`
    ParenArabic,
}

impl NumberingStyle {
    /// Nesting level in the customary hierarchy 第一部分 > 一、 > （一） > 1. > （1）.
    pub fn level(self) -> u8 {
        match self {
            NumberingStyle::Part | NumberingStyle::Chapter => 0,
            NumberingStyle::Chinese => 1,
            NumberingStyle::ParenChinese => 2,
            NumberingStyle::Arabic => 3,
            NumberingStyle::ParenArabic => 4,
        }
    }
}

/// A heading recognised at the start of a line, in byte offsets relative to the line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeadingMatch {
    /// How the heading is numbered (一、 （一） 1. …).
    pub style: NumberingStyle,
    /// The number the marker carries (`三` → 3).
    pub number: u32,
    /// Where the heading's own text starts and ends (marker and trailing
    /// punctuation excluded).
    pub title_start: usize,
    /// See `title_start`.
    pub title_end: usize,
    /// Where the heading ends: after its terminating punctuation, if any.
    pub end: usize,
    /// Whether the heading is the whole line (nothing follows it).
    pub own_line: bool,
}

/// Longest heading text, in characters; a longer first clause is a numbered paragraph.
const MAX_TITLE_CHARS: usize = 40;

/// Recognise a heading at the start of `line` (already trimmed of leading
/// white space and of the line break).
///
/// ```
/// use reportcheck::heading::{recognise, NumberingStyle};
/// let h = recognise("（一）主动公开情况。2024年，市政府网站……").unwrap();
/// assert_eq!(h.style, NumberingStyle::ParenChinese);
/// assert_eq!(&"（一）主动公开情况。2024年，市政府网站……"[h.title_start..h.title_end], "主动公开情况");
/// assert!(!h.own_line);
/// assert!(recognise("2009.1.1").is_none());
/// ```
pub fn recognise(line: &str) -> Option<HeadingMatch> {
    let (style, number, after_marker) = marker(line)?;
    let rest = &line[after_marker..];
    let skipped = rest.len() - trim_start(rest).len();
    let title_start = after_marker + skipped;
    let rest = &line[title_start..];
    if rest.is_empty() {
        return None;
    }
    // The title ends at the first sentence-ending mark, if it comes early enough.
    let mut title_len = None;
    let mut end = None;
    for (n, (i, c)) in rest.char_indices().enumerate() {
        if n > MAX_TITLE_CHARS {
            break;
        }
        if matches!(c, '。' | '！' | '？' | '；' | ';' | '：' | ':') {
            title_len = Some(i);
            end = Some(i + c.len_utf8());
            break;
        }
    }
    let (title_len, end) = match (title_len, end) {
        (Some(t), Some(e)) => (t, e),
        _ if rest.chars().count() <= MAX_TITLE_CHARS => (rest.len(), rest.len()),
        _ => {
            // A long numbered paragraph: its first clause is the heading, if short.
            let (i, _) = rest.char_indices().take(MAX_TITLE_CHARS + 1).find(|&(_, c)| c == '，' || c == ',')?;
            (i, i)
        }
    };
    let title = trim_end_punct(&rest[..title_len]);
    if title.is_empty() {
        return None;
    }
    let own_line = rest[end..].trim_matches(is_blank).is_empty();
    Some(HeadingMatch { style, number, title_start, title_end: title_start + title.len(), end: title_start + end, own_line })
}

/// A top-level heading (`一、`) whose words are one of `titles` (the schema's section titles, given
/// by the caller): `一、总体情况2024年，我局…` read as the heading 总体情况 and its run-in text, where
/// nothing but the title's known words tells where the heading ends.
pub fn recognise_titled(line: &str, titles: &[&str]) -> Option<HeadingMatch> {
    let (style, number, after) = marker(line)?;
    if style != NumberingStyle::Chinese {
        return None;
    }
    let title_start = line.len() - trim_start(&line[after..]).len();
    let rest = &line[title_start..];
    let title = titles.iter().filter(|t| !t.is_empty() && rest.starts_with(**t)).max_by_key(|t| t.len())?;
    let mut end = title_start + title.len();
    let after_title = &line[end..];
    if let Some(c) = after_title.chars().next().filter(|c| matches!(c, '。' | '：' | ':' | '；')) {
        end += c.len_utf8();
    }
    let own_line = line[end..].trim_matches(is_blank).is_empty();
    Some(HeadingMatch { style, number, title_start, title_end: title_start + title.len(), end, own_line })
}

/// Where in `line` (after its start) a top-level heading numbered `number` runs on after other text:
/// `…予以答复。二、主动公开政府信息情况…`, `…行政事业性收费0三、收到和处理政府信息公开申请情况…` (a
/// saved page or crawler's copy). Only the next number in sequence, and only before one of `titles`.
pub fn run_on_at(line: &str, number: u32, titles: &[&str]) -> Option<usize> {
    if titles.is_empty() {
        return None;
    }
    for (i, _) in line.match_indices('、') {
        // The numeral before 、: one or two characters (一 … 十, 十一 …).
        let head = &line[..i];
        let digits: usize = head.chars().rev().take_while(|&c| chinese_digit(c).is_some_and(|d| d > 0) || c == '十').take(3).map(char::len_utf8).sum();
        if digits == 0 || digits == head.len() {
            continue;
        }
        let k = i - digits;
        if recognise_titled(&line[k..], titles).is_some_and(|h| h.number == number) {
            return Some(k);
        }
    }
    None
}

/// Parse a numbering marker; returns style, number and the byte offset after it.
pub fn marker(s: &str) -> Option<(NumberingStyle, u32, usize)> {
    let first = s.chars().next()?;
    if first == '第' {
        let (n, len) = chinese_number(&s[3..])?;
        let after = 3 + len;
        let rest = &s[after..];
        let (style, mlen) = if rest.starts_with("部分") {
            (NumberingStyle::Part, "部分".len())
        } else if rest.starts_with('章') {
            (NumberingStyle::Chapter, '章'.len_utf8())
        } else {
            return None;
        };
        let mut end = after + mlen;
        end += leading_sep_len(&s[end..]);
        return Some((style, n, end));
    }
    if first == '（' || first == '(' {
        let inner = first.len_utf8();
        let t = trim_start(&s[inner..]);
        let off = s.len() - t.len();
        let (style, n, len) = if let Some((n, len)) = chinese_number(t) {
            (NumberingStyle::ParenChinese, n, len)
        } else if let Some((n, len)) = arabic_number(t) {
            (NumberingStyle::ParenArabic, n, len)
        } else {
            return None;
        };
        let t2 = trim_start(&s[off + len..]);
        let close = t2.chars().next()?;
        if close != '）' && close != ')' {
            return None;
        }
        let end = s.len() - t2.len() + close.len_utf8();
        return Some((style, n, end));
    }
    let (style, n, len) = if let Some((n, len)) = chinese_number(s) {
        (NumberingStyle::Chinese, n, len)
    } else if let Some((n, len)) = arabic_number(s) {
        (NumberingStyle::Arabic, n, len)
    } else {
        return None;
    };
    let t = trim_start(&s[len..]);
    let sep = t.chars().next()?;
    let ok = match style {
        NumberingStyle::Chinese => matches!(sep, '、' | '．' | '.'),
        _ => matches!(sep, '、' | '．' | '.'),
    };
    if !ok {
        return None;
    }
    let end = s.len() - t.len() + sep.len_utf8();
    // `1.5亿元` is a number, not a marker.
    if style == NumberingStyle::Arabic && s[end..].chars().next().is_some_and(|c| to_digit(c).is_some()) {
        return None;
    }
    Some((style, n, end))
}

fn leading_sep_len(s: &str) -> usize {
    let t = trim_start(s);
    let mut off = s.len() - t.len();
    if let Some(c) = t.chars().next() {
        if matches!(c, '、' | '：' | ':' | '．' | '.') {
            off += c.len_utf8();
        }
    }
    off
}

/// A Chinese numeral from 一 to 九十九 at the start of `s`: (value, byte length).
pub fn chinese_number(s: &str) -> Option<(u32, usize)> {
    let mut value = 0u32;
    let mut pending: Option<u32> = None;
    let mut len = 0;
    for c in s.chars() {
        match c {
            '十' => {
                if value != 0 {
                    return None;
                }
                value = pending.take().unwrap_or(1) * 10;
            }
            _ => match chinese_digit(c) {
                Some(d) if d > 0 && pending.is_none() => pending = Some(d),
                _ => break,
            },
        }
        len += c.len_utf8();
    }
    let v = value + pending.unwrap_or(0);
    (len > 0 && v > 0).then_some((v, len))
}

/// A Chinese digit (〇 and ○ and 零 are 0).
pub(crate) fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '○' | '零' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// One or two ASCII or full-width digits at the start of `s`.
fn arabic_number(s: &str) -> Option<(u32, usize)> {
    let mut v = 0;
    let mut len = 0;
    for (n, c) in s.chars().enumerate() {
        match to_digit(c) {
            Some(d) if n < 2 => {
                v = v * 10 + d;
                len += c.len_utf8();
            }
            Some(_) => return None,
            None => break,
        }
    }
    (len > 0).then_some((v, len))
}

pub use crate::text::{is_blank, to_digit};

pub(crate) fn trim_start(s: &str) -> &str {
    s.trim_start_matches(is_blank)
}

fn trim_end_punct(s: &str) -> &str {
    s.trim_end_matches(|c: char| is_blank(c) || matches!(c, '。' | '，' | ',' | '：' | ':' | '；' | ';' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use NumberingStyle::*;

    fn title(line: &str) -> Option<(NumberingStyle, u32, &str, bool)> {
        recognise(line).map(|h| (h.style, h.number, &line[h.title_start..h.title_end], h.own_line))
    }

    #[test]
    fn marker_forms() {
        type Marker<'a> = (NumberingStyle, u32, &'a str, bool);
        let cases: &[(&str, Option<Marker<'_>>)] = &[
            ("一、总体情况", Some((Chinese, 1, "总体情况", true))),
            ("六、 其他需要报告的事项", Some((Chinese, 6, "其他需要报告的事项", true))),
            ("十二、附则", Some((Chinese, 12, "附则", true))),
            ("二十一．附则", Some((Chinese, 21, "附则", true))),
            ("（一）主动公开情况", Some((ParenChinese, 1, "主动公开情况", true))),
            ("(三) 政府信息管理情况", Some((ParenChinese, 3, "政府信息管理情况", true))),
            ("（ 五 ）监督保障", Some((ParenChinese, 5, "监督保障", true))),
            ("1.属于国家秘密", Some((Arabic, 1, "属于国家秘密", true))),
            ("2、重复申请", Some((Arabic, 2, "重复申请", true))),
            ("１０．其他", Some((Arabic, 10, "其他", true))),
            ("（1）网站建设", Some((ParenArabic, 1, "网站建设", true))),
            ("(２)政务新媒体", Some((ParenArabic, 2, "政务新媒体", true))),
            ("第一部分 总体情况", Some((Part, 1, "总体情况", true))),
            ("第三章、附则", Some((Chapter, 3, "附则", true))),
            ("一、领导机制基本形成。", Some((Chinese, 1, "领导机制基本形成", true))),
            ("一、加强领导，完善了政务公开各项制度 ", Some((Chinese, 1, "加强领导，完善了政务公开各项制度", true))),
            ("（一）主动公开情况。2024年，市政府网站主动公开", Some((ParenChinese, 1, "主动公开情况", false))),
            ("一、总体情况：", Some((Chinese, 1, "总体情况", true))),
        ];
        for (line, want) in cases {
            assert_eq!(title(line), *want, "{line}");
        }
    }

    #[test]
    fn not_headings() {
        for line in ["2009.1.1", "2010年,我局按照", "1.5亿元投资", "一是建立健全制度", "一、", "（一）", "第一次会议", "123.", "一般来说", "(注)"]
        {
            assert_eq!(recognise(line), None, "{line}");
        }
    }

    #[test]
    fn long_numbered_paragraph_uses_first_clause() {
        let line =
            "一、今年以来，我局以创建廉洁勤政务实高效的机关为目标以建设和谐珲春为已任从扩大公开范围完善公开机制提高监督成效三个方面不断加强政务公开规范化建设";
        let (_, _, t, _) = title(line).unwrap();
        assert_eq!(t, "今年以来");
    }

    #[test]
    fn chinese_numbers() {
        assert_eq!(chinese_number("十"), Some((10, 3)));
        assert_eq!(chinese_number("十九"), Some((19, 6)));
        assert_eq!(chinese_number("九十九、"), Some((99, 9)));
        assert_eq!(chinese_number("一二"), Some((1, 3)));
        assert_eq!(chinese_number("零"), None);
    }
}
