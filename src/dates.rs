//! Date and year expressions as reports write them, found in one pass with
//! their spans: `2010年12月30日`, `二〇一〇年十二月三十日` (〇 and ○), `二零一零年`,
//! `２０１０年`, `2010年度`, `2009-01-01`, `2009.1.1`, `2009/1/1`, ranges
//! `2022年1月1日至12月31日`, partial `10月1日`, `9月份`, `三十一日`, and relative
//! `年初`, `上半年`. Attempted dates that cannot exist (`00年十二月三十日`,
//! `2010年13月`, `2月30日`, `2010年2月29日`, `201年`) are kept and marked invalid.
//! Calendar validity is a few lines of arithmetic here rather than a crate, to
//! keep the wasm small.

use crate::position::Span;
use crate::text::to_digit;
use std::fmt;

/// A calendar date (proleptic Gregorian).
///
/// ```
/// use reportcheck::dates::Date;
/// assert!(Date::new(2012, 2, 29).is_some());
/// assert!(Date::new(2010, 2, 29).is_none());
/// assert_eq!(Date::parse_iso("2026-11-23").unwrap().to_string(), "2026-11-23");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year, e.g. 2026.
    pub year: i32,
    /// The month, 1–12.
    pub month: u32,
    /// The day of the month, 1–31.
    pub day: u32,
}

/// Whether `year` is a leap year.
pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` of `year` (0 for a month that does not exist).
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// The date, if it exists.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        (day >= 1 && day <= days_in_month(year, month)).then_some(Date { year, month, day })
    }

    /// Parse `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        Date::new(s[..4].parse().ok()?, s[5..7].parse().ok()?, s[8..].parse().ok()?)
    }

    /// The date `days` days after 1970-01-01 (negative: before).
    pub fn from_unix_days(days: i64) -> Date {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// `2011年3月31日`.
    pub fn zh(&self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// How the year of an expression was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Year {
    /// The value as written (`00` → 0).
    pub value: u32,
    /// How many digits were written; a real year has four.
    pub digits: u8,
    /// Written `…年度`.
    pub du: bool,
    /// Where the year (digits and 年/年度) is.
    pub span: Span,
}

/// What is wrong with an attempted date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The year does not have four digits (`00年`, `201年`).
    YearDigits,
    /// The month is not 1–12.
    Month(u32),
    /// The day does not exist in that month (of that year, when known).
    Day,
    /// 2月29日 in a year that is not a leap year.
    NotLeap,
    /// Eight digits run together before 日 (`20121231日`): a date a reader must decode.
    Compact,
}

/// A date or year expression found in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateExpr {
    /// Where the expression is in the text.
    pub span: Span,
    /// Its year, as written; none for a month or day alone (`12月31日`).
    pub year: Option<Year>,
    /// Its month, when it gives one.
    pub month: Option<u32>,
    /// Its day, when it gives one.
    pub day: Option<u32>,
    /// The year this expression takes from the expression it ends a range of (`至12月31日`).
    pub range_year: Option<i32>,
    /// Index of the expression that starts the range this one ends.
    pub range_from: Option<usize>,
    /// A relative form (`年初`, `上半年`): no year or day of its own.
    pub relative: Option<&'static str>,
    /// Why it cannot exist, if it cannot.
    pub problem: Option<Problem>,
}

impl DateExpr {
    /// The year, if written with four digits, else the one inherited from a range.
    pub fn full_year(&self) -> Option<i32> {
        match self.year {
            Some(y) if y.digits == 4 => Some(y.value as i32),
            Some(_) => None,
            None => self.range_year,
        }
    }

    /// The complete, valid date, if this expression is one.
    pub fn date(&self) -> Option<Date> {
        if self.problem.is_some() {
            return None;
        }
        Date::new(self.full_year()?, self.month?, self.day?)
    }

    /// Whether this is a year alone (`2021年`, `2021年度`).
    pub fn is_year_only(&self) -> bool {
        self.year.is_some() && self.month.is_none()
    }
}

const RELATIVE: &[&str] = &["上半年", "下半年", "年初", "年底", "年末", "年中", "今年", "去年", "明年", "本年度", "上年度", "下年度"];

/// A number as written: value, digit count, byte length, and whether it used 十/廿/卅.
#[derive(Clone, Copy, Debug)]
struct Num {
    value: u32,
    digits: u8,
    len: usize,
    positional: bool,
}

use crate::heading::chinese_digit as zh_digit;

fn is_num_char(c: char) -> bool {
    // One decision over the code point (this runs on every character of the text): ASCII and
    // full-width digits, 〇 ○ 零 一 … 九, 十 廿 卅 — the characters `number` reads.
    matches!(
        c,
        '0'..='9'
            | '０'..='９'
            | '〇'
            | '○'
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
            | '廿'
            | '卅'
    )
}

/// Read a number at the start of `s`: Arabic (ASCII or full-width) digits, Chinese digits
/// written one by one (`二〇一〇`), or a Chinese positional number up to 39 (`三十一`, `廿一`).
fn number(s: &str) -> Option<Num> {
    let mut chars = s.char_indices().peekable();
    let (_, first) = *chars.peek()?;
    if to_digit(first).is_some() {
        let (mut v, mut n, mut len) = (0u32, 0u8, 0);
        for (i, c) in s.char_indices() {
            match to_digit(c) {
                Some(d) => {
                    v = v.saturating_mul(10).saturating_add(d);
                    n = n.saturating_add(1);
                    len = i + c.len_utf8();
                }
                None => break,
            }
        }
        return Some(Num { value: v, digits: n, len, positional: false });
    }
    // Chinese: positional if 十/廿/卅 occurs within the run. (No allocation: this runs at every
    // Chinese numeral in the text, and 一是、三个 are everywhere.)
    let is_run = |c: char| zh_digit(c).is_some() || matches!(c, '十' | '廿' | '卅');
    let run = || s.chars().take_while(|&c| is_run(c));
    let len: usize = run().map(char::len_utf8).sum();
    if len == 0 {
        return None;
    }
    if run().any(|c| matches!(c, '十' | '廿' | '卅')) {
        let mut tens = 0u32;
        let mut units: Option<u32> = None;
        let mut seen_tens = false;
        for c in run() {
            match c {
                '十' | '廿' | '卅' if !seen_tens => {
                    let base = match c {
                        '廿' => 2,
                        '卅' => 3,
                        _ => units.take().unwrap_or(1),
                    };
                    if c != '十' && units.is_some() {
                        return None;
                    }
                    tens = base * 10;
                    seen_tens = true;
                }
                _ => match zh_digit(c) {
                    Some(d) if units.is_none() => units = Some(d),
                    _ => return None,
                },
            }
        }
        let value = tens + units.unwrap_or(0);
        return Some(Num { value, digits: 2, len, positional: true });
    }
    let mut v = 0u32;
    let mut n = 0usize;
    for c in run() {
        v = v.saturating_mul(10).saturating_add(zh_digit(c)?);
        n += 1;
    }
    Some(Num { value: v, digits: n.min(255) as u8, len, positional: false })
}

/// Bytes of the blanks at the start of `s` that may stand between a number and 年/月/日/号 (at
/// most two spaces, ideographic spaces or NBSPs): text copied from a PDF reads `2024 年 1 月 1 日`,
/// each number a text item of its own.
fn gap(s: &str) -> usize {
    s.chars().take(2).take_while(|c| matches!(c, ' ' | '\u{3000}' | '\u{a0}')).map(char::len_utf8).sum()
}

/// Parse `<month>月[<day>(日|号)]` at the start of `s` (blanks allowed around the numbers, see
/// [`gap`]); returns (month, day, byte length).
fn month_day(s: &str) -> Option<(u32, Option<u32>, usize)> {
    let lead = gap(s);
    let m = number(&s[lead..])?;
    if m.digits > 2 {
        return None;
    }
    let rest = &s[lead + m.len..];
    let g = gap(rest);
    let rest = rest[g..].strip_prefix('月')?;
    let mut len = lead + m.len + g + '月'.len_utf8();
    if rest.starts_with('份') {
        return Some((m.value, None, len + '份'.len_utf8()));
    }
    let g = gap(rest);
    if let Some(d) = number(&rest[g..]) {
        let after = &rest[g + d.len..];
        let g2 = gap(after);
        if d.digits <= 2 && (after[g2..].starts_with('日') || after[g2..].starts_with('号')) {
            len += g + d.len + g2 + 3;
            return Some((m.value, Some(d.value), len));
        }
    }
    Some((m.value, None, len))
}

/// Find every date and year expression in `text`.
///
/// ```
/// use reportcheck::dates::scan;
/// let found = scan("2022年1月1日至12月31日，落款二〇二三年一月十六日");
/// assert_eq!(found.len(), 3);
/// assert_eq!(found[1].range_year, Some(2022));
/// assert_eq!(found[2].date().unwrap().to_string(), "2023-01-16");
/// ```
pub fn scan(text: &str) -> Vec<DateExpr> {
    let mut out: Vec<DateExpr> = Vec::new();
    let mut prev: Option<char> = None;
    let mut prev_num = false;
    let mut skip_to = 0;
    for (i, c) in text.char_indices() {
        let p = prev;
        let after_num = prev_num;
        prev = Some(c);
        prev_num = is_num_char(c);
        if i < skip_to || after_num {
            continue;
        }
        if !prev_num {
            if matches!(c, '上' | '下' | '年' | '今' | '去' | '明' | '本') {
                // Never right after a digit (`2022年底` is a year and 底): those chars were skipped above.
                if let Some(w) = RELATIVE.iter().find(|w| text[i..].starts_with(**w)) {
                    out.push(DateExpr {
                        span: Span::new(i, i + w.len()),
                        year: None,
                        month: None,
                        day: None,
                        range_year: None,
                        range_from: None,
                        relative: Some(w),
                        problem: None,
                    });
                    skip_to = i + w.len();
                }
            }
            continue;
        }
        if let Some(mut e) = expression(text, i, p) {
            // A range: `…至12月31日`, `…—2022年12月31日`.
            let connector = out.last().and_then(|last| {
                let between = text[last.span.end..e.span.start].trim_matches(crate::text::is_blank);
                (matches!(between, "至" | "到" | "起至" | "起到" | "—" | "－" | "-" | "~" | "～" | "——") && last.full_year().is_some()).then_some(out.len() - 1)
            });
            if let Some(from) = connector {
                e.range_from = Some(from);
                if e.year.is_none() {
                    e.range_year = out[from].full_year();
                }
            }
            e.problem = problem(&e);
            skip_to = e.span.end;
            out.push(e);
        }
    }
    out
}

/// Try to read one expression starting at byte `i`; `before` is the character before it.
fn expression(text: &str, i: usize, before: Option<char>) -> Option<DateExpr> {
    let s = &text[i..];
    let n = number(s)?;
    let rest = &s[n.len..];
    let blank = DateExpr { span: Span::empty(i), year: None, month: None, day: None, range_year: None, range_from: None, relative: None, problem: None };
    // Numeric: 2009-01-01, 2009.1.1, 2009/1/1 (Arabic digits only, four-digit year).
    if !n.positional && n.digits == 4 && to_digit(s.chars().next()?).is_some() {
        if let Some(sep) = rest.chars().next().filter(|c| matches!(c, '-' | '.' | '/' | '－' | '／' | '．')) {
            let r = &rest[sep.len_utf8()..];
            let m = number(r).filter(|m| m.digits <= 2 && !m.positional && to_digit(r.chars().next().unwrap_or(' ')).is_some())?;
            let r2 = &r[m.len..];
            if r2.starts_with(sep) {
                let r3 = &r2[sep.len_utf8()..];
                let d = number(r3).filter(|d| d.digits <= 2 && !d.positional && to_digit(r3.chars().next().unwrap_or(' ')).is_some())?;
                let end = i + n.len + sep.len_utf8() + m.len + sep.len_utf8() + d.len;
                // 2009.1.1.5 is not a date.
                let tail = text[end..].strip_prefix(sep).unwrap_or(&text[end..]);
                if tail.chars().next().is_some_and(|c| to_digit(c).is_some()) {
                    return None;
                }
                return Some(DateExpr {
                    span: Span::new(i, end),
                    year: Some(Year { value: n.value, digits: 4, du: false, span: Span::new(i, i + n.len) }),
                    month: Some(m.value),
                    day: Some(d.value),
                    ..blank
                });
            }
            return None;
        }
    }
    // `截止20121231日`: year, month and day run together.
    if !n.positional && n.digits == 8 && rest.starts_with('日') && to_digit(s.chars().next()?).is_some() {
        let (y, m, d) = (n.value / 10000, n.value / 100 % 100, n.value % 100);
        return Some(DateExpr {
            span: Span::new(i, i + n.len + '日'.len_utf8()),
            year: Some(Year { value: y, digits: 4, du: false, span: Span::new(i, i + 4) }),
            month: Some(m),
            day: Some(d),
            problem: Some(Problem::Compact),
            ..blank
        });
    }
    let g = gap(rest);
    if let Some(after) = rest[g..].strip_prefix('年') {
        let du = after.starts_with('度');
        let year_end = i + n.len + g + 3 + if du { 3 } else { 0 };
        let md = if du { None } else { month_day(after) };
        let counts_as_year = !n.positional
            && !before.is_some_and(|c| matches!(c, '第' | '近' | '多' | '几' | '每' | '前' | '后'))
            && match (n.digits, md.is_some()) {
                (4, _) => true,
                (_, true) => true,
                (3, false) => (190..=209).contains(&n.value),
                (2, false) => s[..n.len].contains(['〇', '○', '零']),
                _ => false,
            };
        if !counts_as_year {
            return None;
        }
        let year = Year { value: n.value, digits: n.digits, du, span: Span::new(i, year_end) };
        let (month, day, len) = match md {
            Some((m, d, len)) => (Some(m), d, len),
            None => (None, None, 0),
        };
        return Some(DateExpr { span: Span::new(i, year_end + len), year: Some(year), month, day, ..blank });
    }
    if rest[g..].starts_with('月') {
        let (m, d, len) = month_day(s)?;
        return Some(DateExpr { span: Span::new(i, i + len), month: Some(m), day: d, ..blank });
    }
    // A day alone, only where it ends a range (`至三十一日`).
    if (rest[g..].starts_with('日') || rest[g..].starts_with('号')) && n.digits <= 2 && before.is_some_and(|c| c == '至' || c == '到') {
        return Some(DateExpr { span: Span::new(i, i + n.len + g + 3), day: Some(n.value), ..blank });
    }
    None
}

fn problem(e: &DateExpr) -> Option<Problem> {
    if e.problem.is_some() {
        return e.problem;
    }
    if e.year.is_some_and(|y| y.digits != 4) {
        return Some(Problem::YearDigits);
    }
    if let Some(m) = e.month {
        if !(1..=12).contains(&m) {
            return Some(Problem::Month(m));
        }
    }
    let d = e.day?;
    match (e.full_year(), e.month) {
        (Some(y), Some(m)) if d == 29 && m == 2 && !is_leap(y) => Some(Problem::NotLeap),
        (Some(y), Some(m)) if d == 0 || d > days_in_month(y, m) => Some(Problem::Day),
        (None, Some(m)) if d == 0 || d > days_in_month(2000, m) => Some(Problem::Day),
        (_, None) if d == 0 || d > 31 => Some(Problem::Day),
        _ => None,
    }
}

/// Write `date` in one of the forms reports use (for round-trip tests and suggestions).
pub fn format(date: Date, form: Form) -> String {
    const ZH: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let zh_digits = |n: i32, zero: char| n.to_string().chars().map(|c| if c == '0' { zero } else { ZH[c as usize - '0' as usize] }).collect::<String>();
    let zh_pos = |n: u32| -> String {
        match n {
            1..=9 => ZH[n as usize].to_string(),
            10 => "十".into(),
            11..=19 => format!("十{}", ZH[(n - 10) as usize]),
            _ => format!("{}十{}", ZH[(n / 10) as usize], if n % 10 == 0 { String::new() } else { ZH[(n % 10) as usize].to_string() }),
        }
    };
    let Date { year, month, day } = date;
    match form {
        Form::Arabic => format!("{year}年{month}月{day}日"),
        Form::FullWidth => format!("{year}年{month}月{day}日")
            .chars()
            .map(|c| if c.is_ascii_digit() { char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap() } else { c })
            .collect(),
        Form::Chinese(zero) => format!("{}年{}月{}日", zh_digits(year, zero), zh_pos(month), zh_pos(day)),
        Form::Dash => format!("{year}-{month:02}-{day:02}"),
        Form::Dot => format!("{year}.{month}.{day}"),
        Form::Slash => format!("{year}/{month}/{day}"),
    }
}

/// The written forms of a date.
#[derive(Clone, Copy, Debug)]
pub enum Form {
    /// Arabic digits: 2026年1月5日.
    Arabic,
    /// Full-width digits: ２０２６年１月５日.
    FullWidth,
    /// Chinese numerals with this zero (〇, ○ or 零).
    Chinese(char),
    /// ISO: 2026-01-05.
    Dash,
    /// With dots: 2026.1.5.
    Dot,
    /// With slashes: 2026/1/5.
    Slash,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn num_chars_are_what_number_reads() {
        for c in ('\0'..='\u{ffff}').filter(|c| !c.is_control() || *c == '\0') {
            let reads = to_digit(c).is_some() || zh_digit(c).is_some() || matches!(c, '十' | '廿' | '卅');
            assert_eq!(is_num_char(c), reads, "{c:?}");
        }
    }

    fn one(s: &str) -> DateExpr {
        let v = scan(s);
        assert_eq!(v.len(), 1, "{s}: {v:?}");
        v[0]
    }

    fn ymd(s: &str) -> (Option<i32>, Option<u32>, Option<u32>, Option<Problem>, &str) {
        let e = one(s);
        (e.full_year(), e.month, e.day, e.problem, &s[e.span.start..e.span.end])
    }

    #[test]
    fn valid_forms() {
        type Ymd = (Option<i32>, Option<u32>, Option<u32>);
        let cases: &[(&str, Ymd, &str)] = &[
            ("2010年12月30日", (Some(2010), Some(12), Some(30)), "2010年12月30日"),
            ("于2010年12月发布", (Some(2010), Some(12), None), "2010年12月"),
            ("2010年，我局", (Some(2010), None, None), "2010年"),
            ("2010年度报告", (Some(2010), None, None), "2010年度"),
            ("发布日期:2009-01-01 点击", (Some(2009), Some(1), Some(1)), "2009-01-01"),
            ("2009.1.1", (Some(2009), Some(1), Some(1)), "2009.1.1"),
            ("2009/1/1", (Some(2009), Some(1), Some(1)), "2009/1/1"),
            ("２０１０年", (Some(2010), None, None), "２０１０年"),
            ("二〇一〇年十二月三十日", (Some(2010), Some(12), Some(30)), "二〇一〇年十二月三十日"),
            ("二○一○年", (Some(2010), None, None), "二○一○年"),
            ("二零一零年", (Some(2010), None, None), "二零一零年"),
            ("2011年1月31号", (Some(2011), Some(1), Some(31)), "2011年1月31号"),
            ("二〇一一年二月廿八日", (Some(2011), Some(2), Some(28)), "二〇一一年二月廿八日"),
            ("二〇一一年三月卅一日", (Some(2011), Some(3), Some(31)), "二〇一一年三月卅一日"),
            ("2012年2月29日", (Some(2012), Some(2), Some(29)), "2012年2月29日"),
            // Copied from a PDF: each number a text item of its own, blanks around it.
            ("2024 年政府信息公开工作年度报告", (Some(2024), None, None), "2024 年"),
            ("自 2024 年 1 月 1 日起", (Some(2024), Some(1), Some(1)), "2024 年 1 月 1 日"),
            ("2025年 1 月 20 日", (Some(2025), Some(1), Some(20)), "2025年 1 月 20 日"),
            ("2024\u{3000}年度", (Some(2024), None, None), "2024\u{3000}年度"),
        ];
        for (s, (y, m, d), span) in cases {
            assert_eq!(ymd(s), (*y, *m, *d, None, *span), "{s}");
        }
    }

    #[test]
    fn partial_forms_take_no_invented_year() {
        assert_eq!(ymd("热线电话9月份试运行"), (None, Some(9), None, None, "9月份"));
        assert_eq!(ymd("10月1日正式运行"), (None, Some(10), Some(1), None, "10月1日"));
        assert_eq!(ymd("十二月三十日"), (None, Some(12), Some(30), None, "十二月三十日"));
        let e = one("年初");
        assert_eq!((e.relative, e.full_year()), (Some("年初"), None));
        assert_eq!(one("上半年").relative, Some("上半年"));
    }

    #[test]
    fn ranges_pass_their_year_on() {
        let v = scan("统计期限自2022年1月1日至12月31日止");
        assert_eq!(v.len(), 2);
        assert_eq!(v[1].range_from, Some(0));
        assert_eq!(v[1].date(), Date::new(2022, 12, 31));
        let v = scan("2022年1月1日至2022年12月31日");
        assert_eq!(v[1].range_from, Some(0));
        let v = scan("自2022年1月1日起至2022年12月31日止");
        assert_eq!(v[1].range_from, Some(0));
        let v = scan("自 2024 年 1 月 1 日至 12 月 31 日止");
        assert_eq!(v.len(), 2);
        assert_eq!(v[1].date(), Date::new(2024, 12, 31));
        let v = scan("2022年1月1日至三十一日");
        assert_eq!((v[1].day, v[1].range_year), (Some(31), Some(2022)));
    }

    #[test]
    fn malformed_forms_are_attempted_dates() {
        assert_eq!(ymd("00年十二月三十日"), (None, Some(12), Some(30), Some(Problem::YearDigits), "00年十二月三十日"));
        assert_eq!(ymd("2010年13月").3, Some(Problem::Month(13)));
        assert_eq!(ymd("2月30日").3, Some(Problem::Day));
        assert_eq!(ymd("2010年2月29日").3, Some(Problem::NotLeap));
        assert_eq!(ymd("2010年4月31日").3, Some(Problem::Day));
        assert_eq!(ymd("201年").3, Some(Problem::YearDigits));
        assert_eq!(ymd("2010年0月").3, Some(Problem::Month(0)));
    }

    #[test]
    fn not_dates() {
        for s in [
            "近三年来",
            "连续3年",
            "十年规划",
            "第3年",
            "共12年",
            "增长1.5倍",
            "2009.1",
            "100年",
            "30日内",
            "600多条",
            "12319热线",
            "2024.12.31.5",
            "国令第 711 号",
            "连续 3 年",
            "30 日内",
        ] {
            assert_eq!(scan(s).iter().filter(|e| e.relative.is_none()).count(), 0, "{s}: {:?}", scan(s));
        }
    }

    #[test]
    fn every_form_round_trips() {
        // Property-style: every valid date in every form parses back to itself.
        let forms = [Form::Arabic, Form::FullWidth, Form::Chinese('〇'), Form::Chinese('○'), Form::Chinese('零'), Form::Dash, Form::Dot, Form::Slash];
        let mut seed = 0x2545_f491_u64;
        for _ in 0..3000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let year = 1990 + (seed % 60) as i32;
            let month = 1 + ((seed >> 8) % 12) as u32;
            let day = 1 + ((seed >> 16) % days_in_month(year, month) as u64) as u32;
            let date = Date::new(year, month, day).unwrap();
            for form in forms {
                let text = format(date, form);
                let found = scan(&format!("落款：{text}。"));
                assert_eq!(found.len(), 1, "{text}");
                assert_eq!(found[0].date(), Some(date), "{text}");
            }
        }
    }

    #[test]
    fn unix_days() {
        assert_eq!(Date::from_unix_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_unix_days(20_415).to_string(), "2025-11-23");
        assert_eq!(Date::from_unix_days(-1).to_string(), "1969-12-31");
        assert_eq!(Date::from_unix_days(11_016).to_string(), "2000-02-29");
    }
}
