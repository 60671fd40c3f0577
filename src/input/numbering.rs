//! Word's automatic numbering and style facts a .docx reader needs: `word/numbering.xml`
//! (abstract numberings, their levels' formats, `w:lvlText`, `w:start`, and the `w:num`
//! instances with their `w:lvlOverride`s) and `word/styles.xml` (a paragraph style's `w:numPr`
//! and whether a style hides its text with `w:vanish`, each through `w:basedOn`). The drafter
//! sees `一、总体情况` where the paragraph holds `总体情况` and a `w:numPr`: the number is
//! rendered as Word shows it, so the checker reads what the drafter sees.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;

/// Levels a numbering has (Word uses 0–8).
const LEVELS: usize = 9;
/// Most `w:basedOn` steps followed (a loop in a damaged file stops here).
const MAX_BASED_ON: usize = 16;

/// One level of an abstract numbering.
#[derive(Clone, Debug, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
    /// The paragraph style linked to this level (`w:lvl/w:pStyle`): WPS numbers headings so.
    style: Option<String>,
}

/// A `w:num`: its abstract numbering and the levels it overrides.
#[derive(Clone, Debug, Default)]
struct Num {
    abstract_id: String,
    /// `w:startOverride` per level.
    start: [Option<u32>; LEVELS],
    /// A whole `w:lvl` given inside `w:lvlOverride`.
    level: [Option<Level>; LEVELS],
}

/// A style's facts, before `w:basedOn` is followed.
#[derive(Clone, Debug, Default)]
struct Style {
    based_on: Option<String>,
    num_id: Option<String>,
    ilvl: Option<usize>,
    vanish: Option<bool>,
}

/// Numbering definitions, styles, and the running counters of one document.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<String, [Level; LEVELS]>,
    nums: HashMap<String, Num>,
    styles: HashMap<String, Style>,
    /// Counters per abstract numbering (instances of one abstract share them, as in Word).
    counters: HashMap<String, [Option<u32>; LEVELS]>,
    /// Instances whose start overrides have been applied (the first paragraph using them).
    started: std::collections::HashSet<String>,
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok())
        .map(|v| v.into_owned())
}

/// `w:val="0"` / `"false"` / `"off"` turns a toggle off; no value or anything else turns it on.
pub(crate) fn toggle(e: &BytesStart<'_>) -> bool {
    !matches!(attr(e, "val").as_deref(), Some("0" | "false" | "off"))
}

fn level_index(e: &BytesStart<'_>) -> Option<usize> {
    attr(e, "ilvl").or_else(|| attr(e, "val")).and_then(|v| v.trim().parse::<usize>().ok()).filter(|&l| l < LEVELS)
}

impl Numbering {
    /// Read `word/numbering.xml` and `word/styles.xml` (either may be absent or unreadable: a
    /// document without them simply has no numbering or style facts, never an error).
    pub fn read(numbering: Option<&[u8]>, styles: Option<&[u8]>) -> Numbering {
        let mut n = Numbering::default();
        if let Some(x) = numbering {
            n.read_numbering(x);
        }
        if let Some(x) = styles {
            n.read_styles(x);
        }
        n
    }

    fn read_numbering(&mut self, xml: &[u8]) {
        let mut r = Reader::from_reader(xml);
        let mut buf = Vec::new();
        let mut abstract_id: Option<String> = None;
        let mut num: Option<(String, Num)> = None;
        let mut override_level: Option<usize> = None;
        let mut level: Option<(usize, Level)> = None;
        loop {
            buf.clear();
            let (e, empty) = match r.read_event_into(&mut buf) {
                Ok(Event::Start(e)) => (e, false),
                Ok(Event::Empty(e)) => (e, true),
                Ok(Event::End(e)) => {
                    match e.local_name().as_ref() {
                        "abstractNum" => abstract_id = None,
                        "num" => {
                            if let Some((id, n)) = num.take() {
                                self.nums.insert(id, n);
                            }
                        }
                        "lvlOverride" => override_level = None,
                        "lvl" => self.end_level(&mut level, abstract_id.as_deref(), &mut num),
                        _ => {}
                    }
                    continue;
                }
                Ok(Event::Eof) | Err(_) => break,
                Ok(Event::DocType(_)) => break, // never expanded
                _ => continue,
            };
            match e.local_name().as_ref() {
                "abstractNum" => {
                    abstract_id = attr(&e, "abstractNumId");
                    if let Some(id) = &abstract_id {
                        self.abstracts.entry(id.clone()).or_insert_with(|| std::array::from_fn(|_| Level { start: 1, ..Level::default() }));
                    }
                }
                "num" => num = attr(&e, "numId").map(|id| (id, Num::default())),
                "abstractNumId" => {
                    if let (Some((_, n)), Some(v)) = (num.as_mut(), attr(&e, "val")) {
                        n.abstract_id = v;
                    }
                }
                "lvlOverride" => override_level = level_index(&e),
                "startOverride" => {
                    if let (Some((_, n)), Some(l), Some(v)) = (num.as_mut(), override_level, attr(&e, "val").and_then(|v| v.trim().parse().ok())) {
                        n.start[l] = Some(v);
                    }
                }
                "lvl" => {
                    level = level_index(&e).map(|l| (l, Level { start: 1, ..Level::default() }));
                    if empty {
                        self.end_level(&mut level, abstract_id.as_deref(), &mut num);
                    }
                }
                "start" => {
                    if let (Some((_, lv)), Some(v)) = (level.as_mut(), attr(&e, "val").and_then(|v| v.trim().parse().ok())) {
                        lv.start = v;
                    }
                }
                "numFmt" => {
                    if let (Some((_, lv)), Some(v)) = (level.as_mut(), attr(&e, "val")) {
                        lv.format = v;
                    }
                }
                "lvlText" => {
                    if let (Some((_, lv)), Some(v)) = (level.as_mut(), attr(&e, "val")) {
                        lv.text = v;
                    }
                }
                "pStyle" => {
                    if let (Some((_, lv)), Some(v)) = (level.as_mut(), attr(&e, "val")) {
                        lv.style = Some(v);
                    }
                }
                _ => {}
            }
        }
    }

    /// A finished `w:lvl`: a level of the abstract numbering, or a level override of a `w:num`.
    fn end_level(&mut self, level: &mut Option<(usize, Level)>, abstract_id: Option<&str>, num: &mut Option<(String, Num)>) {
        let Some((l, lv)) = level.take() else { return };
        if let Some((_, n)) = num.as_mut() {
            n.level[l] = Some(lv);
        } else if let Some(levels) = abstract_id.and_then(|id| self.abstracts.get_mut(id)) {
            levels[l] = lv;
        }
    }

    fn read_styles(&mut self, xml: &[u8]) {
        let mut r = Reader::from_reader(xml);
        let mut buf = Vec::new();
        let mut style: Option<(String, Style)> = None;
        let mut in_rpr = 0usize;
        loop {
            buf.clear();
            let e = match r.read_event_into(&mut buf) {
                Ok(Event::Start(e)) => {
                    if e.local_name().as_ref() == "rPr" {
                        in_rpr += 1;
                    }
                    e
                }
                Ok(Event::Empty(e)) => e,
                Ok(Event::End(e)) => {
                    match e.local_name().as_ref() {
                        "style" => {
                            if let Some((id, s)) = style.take() {
                                self.styles.insert(id, s);
                            }
                        }
                        "rPr" => in_rpr = in_rpr.saturating_sub(1),
                        _ => {}
                    }
                    continue;
                }
                Ok(Event::Eof) | Err(_) => break,
                Ok(Event::DocType(_)) => break,
                _ => continue,
            };
            let Some((_, s)) = style.as_mut() else {
                if e.local_name().as_ref() == "style" {
                    style = attr(&e, "styleId").map(|id| (id, Style::default()));
                }
                continue;
            };
            match e.local_name().as_ref() {
                "basedOn" => s.based_on = attr(&e, "val"),
                "numId" => s.num_id = attr(&e, "val"),
                "ilvl" => s.ilvl = level_index(&e),
                "vanish" if in_rpr > 0 => s.vanish = Some(toggle(&e)),
                _ => {}
            }
        }
    }

    /// The style `id` and those it is based on, nearest first.
    fn chain<'s>(&'s self, id: &'s str) -> impl Iterator<Item = &'s Style> + 's {
        let mut next = Some(id);
        std::iter::from_fn(move || {
            let s = self.styles.get(next?)?;
            next = s.based_on.as_deref();
            Some(s)
        })
        .take(MAX_BASED_ON)
    }

    /// Whether style `id` hides its text (`w:vanish` in its run properties, or a base style's).
    pub fn style_hidden(&self, id: &str) -> bool {
        self.chain(id).find_map(|s| s.vanish).unwrap_or(false)
    }

    /// The number Word shows before a paragraph with numbering `num_id`/`ilvl` (each given on
    /// the paragraph, else from its style `style`), advancing the counters; `None` when the
    /// paragraph is not numbered (or is a bullet, whose mark is no text of the report).
    pub fn next(&mut self, style: Option<&str>, num_id: Option<&str>, ilvl: Option<usize>) -> Option<String> {
        let from_style = style.map(|id| {
            let num = self.chain(id).find_map(|s| s.num_id.clone());
            let lvl = self.chain(id).find_map(|s| s.ilvl);
            (num, lvl)
        });
        let num_id = num_id.map(str::to_string).or_else(|| from_style.as_ref().and_then(|(n, _)| n.clone()))?;
        if num_id.trim() == "0" {
            return None; // numbering removed on this paragraph
        }
        let num = self.nums.get(&num_id)?.clone();
        let levels = self.abstracts.get(&num.abstract_id)?.clone();
        let level_of = |l: usize| num.level[l].clone().unwrap_or_else(|| levels[l].clone());
        // A style linked to a level (WPS) gives the level when neither paragraph nor style does.
        let ilvl = ilvl
            .or_else(|| from_style.as_ref().and_then(|(_, l)| *l))
            .or_else(|| style.and_then(|st| (0..LEVELS).find(|&l| level_of(l).style.as_deref() == Some(st))))
            .unwrap_or(0);
        let start = |l: usize| num.start[l].unwrap_or_else(|| level_of(l).start);
        let first_use = self.started.insert(num_id.clone());
        let counters = self.counters.entry(num.abstract_id.clone()).or_insert([None; LEVELS]);
        if first_use {
            // An instance's start overrides restart its levels where it is first used.
            for (l, s) in num.start.iter().enumerate() {
                if s.is_some() {
                    counters[l] = None;
                }
            }
        }
        counters[ilvl] = Some(counters[ilvl].map_or(start(ilvl), |c| c.saturating_add(1)));
        // A level advancing restarts the levels below it.
        for c in counters.iter_mut().skip(ilvl + 1) {
            *c = None;
        }
        let counters = *counters;
        let own = level_of(ilvl);
        if matches!(own.format.as_str(), "bullet" | "none") {
            return None;
        }
        let mut out = String::new();
        let mut chars = own.text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d)) if (1..=LEVELS as u32).contains(&d) => {
                    chars.next();
                    let l = d as usize - 1;
                    let value = counters[l].unwrap_or_else(|| start(l));
                    out.push_str(&format_number(value, &level_of(l).format));
                }
                _ => out.push(c),
            }
        }
        // Word puts a tab (or a space) after the number; after a closing mark (`一、` `（一）`
        // `1.`) the text reads on without one, as the drafter reads it.
        if out.chars().last().is_some_and(char::is_alphanumeric) {
            out.push(' ');
        }
        Some(out)
    }
}

const CHINESE: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// `n` in Chinese counting (一 … 十 十一 … 二十 … 一百零一 …), as Word's `chineseCounting`.
fn chinese_counting(n: u32) -> String {
    if n == 0 {
        return "〇".into();
    }
    if n >= 10_000 {
        return n.to_string();
    }
    let digits = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let units = ["千", "百", "十", ""];
    let mut out = String::new();
    let mut zero = false;
    for (i, &d) in digits.iter().enumerate() {
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push('〇');
            zero = false;
        }
        // 十一, not 一十一, when ten leads.
        if !(i == 2 && d == 1 && out.is_empty()) {
            out.push(CHINESE[d as usize]);
        }
        out.push_str(units[i]);
    }
    out
}

/// `n` written in Word's number format `format`; an unknown format reads as decimal.
fn format_number(n: u32, format: &str) -> String {
    let letters = |base: u8| {
        // A, B, … Z, AA, BB, … as Word counts letters.
        let k = (n.max(1) - 1) as usize;
        let c = char::from(base + (k % 26) as u8);
        std::iter::repeat_n(c, k / 26 + 1).collect::<String>()
    };
    match format {
        "chineseCounting" | "chineseCountingThousand" | "japaneseCounting" | "taiwaneseCounting" | "koreanCounting" => chinese_counting(n),
        "ideographTraditional" => {
            const STEMS: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
            STEMS.get((n.max(1) - 1) as usize).map_or_else(|| n.to_string(), char::to_string)
        }
        "ideographDigital" | "japaneseDigitalTenThousand" | "taiwaneseDigital" => {
            n.to_string().chars().map(|c| CHINESE[c.to_digit(10).unwrap_or(0) as usize]).collect()
        }
        "chineseLegalSimplified" => {
            const LEGAL: [(char, char); 7] = [('一', '壹'), ('二', '贰'), ('三', '叁'), ('四', '肆'), ('五', '伍'), ('六', '陆'), ('七', '柒')];
            chinese_counting(n)
                .chars()
                .map(|c| match c {
                    '八' => '捌',
                    '九' => '玖',
                    '十' => '拾',
                    '百' => '佰',
                    '千' => '仟',
                    '〇' => '零',
                    c => LEGAL.iter().find(|(a, _)| *a == c).map_or(c, |&(_, b)| b),
                })
                .collect()
        }
        "decimalFullWidth" | "decimalFullWidth2" => n.to_string().chars().map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c)).collect(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or_else(|| n.to_string(), |c| c.to_string())
        }
        "decimalZero" => format!("{n:02}"),
        "upperLetter" => letters(b'A'),
        "lowerLetter" => letters(b'a'),
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    let table =
        [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
    let mut out = String::new();
    for (v, s) in table {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats() {
        let cases = [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (21, "二十一"), (100, "一百"), (101, "一百〇一"), (110, "一百一十")];
        for (n, want) in cases {
            assert_eq!(chinese_counting(n), want, "{n}");
        }
        assert_eq!(format_number(3, "ideographTraditional"), "丙");
        assert_eq!(format_number(12, "decimalFullWidth"), "１２");
        assert_eq!(format_number(2, "decimalEnclosedCircle"), "②");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(3, "chineseLegalSimplified"), "叁");
    }

    const NUMBERING: &str = r#"<w:numbering xmlns:w="w">
        <w:abstractNum w:abstractNumId="0">
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
          <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
          <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
        </w:abstractNum>
        <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
        <w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="2"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
        <w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>
      </w:numbering>"#;
    const STYLES: &str = r#"<w:styles xmlns:w="w">
        <w:style w:styleId="1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
        <w:style w:styleId="Heading2"><w:basedOn w:val="1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
        <w:style w:styleId="Hidden"><w:rPr><w:vanish/></w:rPr></w:style>
        <w:style w:styleId="Shown"><w:basedOn w:val="Hidden"/><w:rPr><w:vanish w:val="0"/></w:rPr></w:style>
      </w:styles>"#;

    #[test]
    fn levels_restarts_overrides_and_styles() {
        let mut n = Numbering::read(Some(NUMBERING.as_bytes()), Some(STYLES.as_bytes()));
        let mut next = |s: Option<&str>, id: Option<&str>, l: Option<usize>| n.next(s, id, l).unwrap_or_default();
        assert_eq!(next(None, Some("1"), Some(0)), "一、");
        assert_eq!(next(None, Some("1"), Some(1)), "（一）");
        assert_eq!(next(None, Some("1"), Some(1)), "（二）");
        assert_eq!(next(None, Some("1"), Some(2)), "1.");
        assert_eq!(next(None, Some("1"), Some(0)), "二、");
        assert_eq!(next(Some("Heading2"), None, None), "（一）", "the style's level, restarted under 二、");
        assert_eq!(next(Some("1"), None, None), "三、", "the level from the style's base");
        assert_eq!(next(None, Some("2"), Some(2)), "5.", "a start override on first use");
        assert_eq!(next(None, Some("2"), Some(2)), "6.");
        assert_eq!(next(None, Some("3"), Some(0)), "", "a bullet is no text");
        assert_eq!(next(Some("1"), Some("0"), None), "", "numId 0 removes the style's numbering");
        let n = Numbering::read(None, Some(STYLES.as_bytes()));
        assert!(n.style_hidden("Hidden") && !n.style_hidden("Shown") && !n.style_hidden("none"));
    }
}
