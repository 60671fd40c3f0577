//! The table model shared by every input: cells split from a row's text, their
//! values (number, blank, not applicable, text) and exact decimal arithmetic.
//! HTML and .docx tables produce the same cell spans and values.

use crate::position::Span;
use crate::text::{is_blank, to_digit};
use std::cmp::Ordering;
use std::fmt;

/// An exact decimal: `units / 10^scale`. Amounts in 万元 are added with it, never with f64.
///
/// ```
/// use reportcheck::table::Decimal;
/// let a = Decimal::parse("0.1").unwrap();
/// let b = Decimal::parse("0.2").unwrap();
/// assert_eq!(a.add(b), Decimal::parse("0.30").unwrap());
/// assert_eq!(Decimal::parse("1,234.5").unwrap().to_string(), "1234.5");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Decimal {
    units: i128,
    scale: u32,
}

const MAX_SCALE: u32 = 9;

/// Largest magnitude a cell may hold: below 10^15 (a thousand trillion; counts and 万元 amounts
/// in a report are many orders smaller). With at most 9 decimals a value is below 10^24 units,
/// so even 10^14 such cells add up without overflowing `i128` (about 1.7 × 10^38): sums are
/// exact, never wrapped. A longer number is not a number of this table (`Value::Text`).
pub const MAX_INTEGER_DIGITS: u32 = 15;

impl Decimal {
    /// Zero.
    pub const ZERO: Decimal = Decimal { units: 0, scale: 0 };

    /// Parse `-12`, `１２`, `1,234`, `0.5`; `None` for anything else.
    pub fn parse(s: &str) -> Option<Decimal> {
        let (neg, body) = match s.strip_prefix(['-', '－']) {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let mut units: i128 = 0;
        let mut scale: Option<u32> = None;
        let mut digits = 0;
        // A comma separates thousands only: groups of three after the first (`1,234`, not `4,18`).
        // Zero-width spaces and soft hyphens (pasted from pages) are not part of the number.
        let mut group = 0u32; // digits since the last comma, or since the start
        let mut commas = false;
        for c in body.chars() {
            if let Some(d) = to_digit(c) {
                units = units.checked_mul(10)?.checked_add(i128::from(d))?;
                digits += 1;
                if scale.is_none() {
                    group += 1;
                }
                if let Some(sc) = scale.as_mut() {
                    *sc += 1;
                    if *sc > MAX_SCALE {
                        return None;
                    }
                }
            } else if matches!(c, ',' | '，') && scale.is_none() && group > 0 && (if commas { group == 3 } else { group <= 3 }) {
                commas = true;
                group = 0;
            } else if (c == '.' || c == '．') && scale.is_none() && digits > 0 && (!commas || group == 3) {
                scale = Some(0);
            } else if !matches!(c, '\u{200b}' | '\u{00ad}' | '\u{200c}' | '\u{200d}' | '\u{2060}') {
                return None;
            }
        }
        if digits == 0 || (commas && scale.is_none() && group != 3) || scale == Some(0) {
            return None;
        }
        if units / 10i128.pow(scale.unwrap_or(0)) >= 10i128.pow(MAX_INTEGER_DIGITS) {
            return None;
        }
        Some(Decimal { units: if neg { -units } else { units }, scale: scale.unwrap_or(0) })
    }

    fn rescaled(self, scale: u32) -> i128 {
        // Parsed values are below 10^24 units at scale 9 (see `MAX_INTEGER_DIGITS`), far from
        // the limit; saturating keeps even an impossible overflow from wrapping to a wrong sign.
        self.units.saturating_mul(10i128.pow(scale - self.scale))
    }

    /// `self + other`, exactly (for values from [`Decimal::parse`], whose range leaves room
    /// for any sum a text can hold).
    #[allow(clippy::should_implement_trait)] // on purpose: a named, saturating sum, not the `+` operator
    pub fn add(self, other: Decimal) -> Decimal {
        let scale = self.scale.max(other.scale);
        Decimal { units: self.rescaled(scale).saturating_add(other.rescaled(scale)), scale }
    }

    /// `self - other`, exactly.
    #[allow(clippy::should_implement_trait)] // on purpose, as `add`
    pub fn sub(self, other: Decimal) -> Decimal {
        self.add(Decimal { units: other.units.saturating_neg(), scale: other.scale })
    }

    /// The absolute value.
    pub fn abs(self) -> Decimal {
        Decimal { units: self.units.saturating_abs(), scale: self.scale }
    }

    /// True for a whole number.
    pub fn is_integer(self) -> bool {
        self.units % 10i128.pow(self.scale) == 0
    }

    /// True below zero.
    pub fn is_negative(self) -> bool {
        self.units < 0
    }
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Decimal {}
impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> Ordering {
        let scale = self.scale.max(other.scale);
        self.rescaled(scale).cmp(&other.rescaled(scale))
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Trailing zeros after the point are dropped: 0.30 → 0.3, 5.00 → 5.
        let mut units = self.units;
        let mut scale = self.scale;
        while scale > 0 && units % 10 == 0 {
            units /= 10;
            scale -= 1;
        }
        if scale == 0 {
            return write!(f, "{units}");
        }
        let p = 10u128.pow(scale);
        let sign = if units < 0 { "-" } else { "" };
        write!(f, "{sign}{}.{:0width$}", units.unsigned_abs() / p, units.unsigned_abs() % p, width = scale as usize)
    }
}

/// What a cell holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    /// Empty (or only `&nbsp;`): missing data, never read as 0.
    Blank,
    /// `/`, `—`, `-`, `无`, `不适用`.
    NotApplicable,
    /// A number, read exactly (`1,234`, `１２`, `0.5`; the column's unit after it allowed).
    Number(Decimal),
    /// Anything else (`约10件`, `见附件`).
    Text,
}

impl Value {
    /// Read a cell's text; `unit` (e.g. `万元`) may follow a number.
    ///
    /// ```
    /// use reportcheck::table::{Value, Decimal};
    /// assert_eq!(Value::parse("１２", ""), Value::Number(Decimal::parse("12").unwrap()));
    /// assert_eq!(Value::parse("251000元", "元"), Value::Number(Decimal::parse("251000").unwrap()));
    /// assert_eq!(Value::parse("\u{a0}", ""), Value::Blank);
    /// assert_eq!(Value::parse("／", ""), Value::NotApplicable);
    /// assert_eq!(Value::parse("约10件", ""), Value::Text);
    /// assert_eq!(Value::parse("418 件", ""), Value::Number(Decimal::parse("418").unwrap()));
    /// assert_eq!(Value::parse("1,234", ""), Value::Number(Decimal::parse("1234").unwrap()));
    /// assert_eq!(Value::parse("4,18", ""), Value::Text); // a comma separates thousands only
    /// assert_eq!(Value::parse("0,5", ""), Value::Text);
    /// assert_eq!(Value::parse("4\u{200b}18", ""), Value::Number(Decimal::parse("418").unwrap()));
    /// ```
    pub fn parse(cell: &str, unit: &str) -> Value {
        let t = cell.trim_matches(is_blank);
        if t.is_empty() {
            return Value::Blank;
        }
        if matches!(t, "/" | "／" | "—" | "——" | "-" | "－" | "–" | "无" | "不适用" | "\\" | "、") {
            return Value::NotApplicable;
        }
        let t = if unit.is_empty() { t } else { t.strip_suffix(unit).unwrap_or(t).trim_matches(is_blank) };
        // `418 件`: text copied from a PDF puts a blank before the measure word.
        let t = t.strip_suffix('件').map_or(t, |n| n.trim_end_matches(is_blank));
        Decimal::parse(t).map_or(Value::Text, Value::Number)
    }

    /// Could be a value (not a label): a number, blank or not-applicable mark.
    pub fn is_value_like(self) -> bool {
        !matches!(self, Value::Text)
    }
}

/// Split a table row's text into cell spans (relative to `row`): by tabs, else by `|`,
/// else by runs of two or more spaces. Cells are trimmed; an empty cell is an empty span.
///
/// ```
/// use reportcheck::table::split_cells;
/// let row = "规章\t1\t\t11";
/// let cells: Vec<&str> = split_cells(row).iter().map(|s| &row[s.start..s.end]).collect();
/// assert_eq!(cells, ["规章", "1", "", "11"]);
/// ```
pub fn split_cells(row: &str) -> Vec<Span> {
    let trimmed_end = row.trim_end_matches(['\r', '\n']);
    let pieces: Vec<(usize, &str)> = if trimmed_end.contains('\t') {
        split_keep(trimmed_end, |s| s.find('\t').map(|i| (i, 1)))
    } else if trimmed_end.matches(['|', '｜']).count() >= 2 {
        let mut v = split_keep(trimmed_end, |s| s.find(['|', '｜']).map(|i| (i, s[i..].chars().next().map_or(1, char::len_utf8))));
        // Border pipes: `| a | b |`.
        if v.first().is_some_and(|(_, c)| c.trim_matches(is_blank).is_empty()) {
            v.remove(0);
        }
        if v.last().is_some_and(|(_, c)| c.trim_matches(is_blank).is_empty()) {
            v.pop();
        }
        v
    } else {
        split_keep(trimmed_end, |s| {
            let mut start = None;
            let mut run = 0;
            for (i, c) in s.char_indices() {
                if c == ' ' || c == '\u{3000}' {
                    if start.is_none() {
                        start = Some(i);
                    }
                    run += 1;
                } else {
                    if run >= 2 {
                        let st = start.expect("run has a start");
                        return Some((st, i - st));
                    }
                    start = None;
                    run = 0;
                }
            }
            None
        })
        .into_iter()
        .filter(|(_, c)| !c.trim_matches(is_blank).is_empty())
        .collect()
    };
    pieces
        .into_iter()
        .map(|(off, cell)| {
            let lead = cell.len() - cell.trim_start_matches(is_blank).len();
            let t = cell.trim_matches(is_blank);
            Span::new(off + lead, off + lead + t.len())
        })
        .collect()
}

fn split_keep(s: &str, mut next: impl FnMut(&str) -> Option<(usize, usize)>) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut off = 0;
    while let Some((i, len)) = next(&s[off..]) {
        out.push((off, &s[off..off + i]));
        off += i + len;
    }
    out.push((off, &s[off..]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(row: &str) -> Vec<&str> {
        split_cells(row).iter().map(|s| &row[s.start..s.end]).collect()
    }

    #[test]
    fn splitting() {
        assert_eq!(cells("（七）总计\t2932\t53\t0"), ["（七）总计", "2932", "53", "0"]);
        assert_eq!(cells("规章\t1\t0\t\t"), ["规章", "1", "0", "", ""]);
        assert_eq!(cells("| 规章 | 1 | 0 |"), ["规章", "1", "0"]);
        assert_eq!(cells("四、结转下年度继续办理  103  0   0"), ["四、结转下年度继续办理", "103", "0", "0"]);
        assert_eq!(cells("\t10\t1"), ["", "10", "1"]);
    }

    #[test]
    fn decimals() {
        let d = |s| Decimal::parse(s).unwrap();
        assert_eq!(d("96171.6").add(d("0.4")), d("96172"));
        assert_eq!(d("7730.28").sub(d("7730.2")).to_string(), "0.08");
        assert!(d("-3") < Decimal::ZERO);
        assert!(d("5.0").is_integer() && !d("5.5").is_integer());
        assert_eq!(d("１２３４").to_string(), "1234");
        // The largest accepted magnitudes add up exactly, with the right sign.
        let big = d("999999999999999.999999999");
        assert_eq!(big.add(big).to_string(), "1999999999999999.999999998");
        assert!(d("-999999999999999").sub(big).is_negative());
        for bad in ["", ".", "1.", ",1", "1,,2", "1.2.3", "abc", "1e5", "0.1234567891", "1000000000000000", "17014118346046923173168730371588410572"] {
            assert!(Decimal::parse(bad).is_none(), "{bad}");
        }
    }
}
