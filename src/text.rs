//! Text helpers shared by the document reader and the rules: what counts as blank, digits in
//! either width, and folding traditional-script copies to the simplified forms the schemas
//! are written in. Depends on nothing else in the crate.

use std::borrow::Cow;

/// An ASCII or full-width decimal digit.
pub fn to_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// White space as it occurs in reports: ASCII, ideographic space, NBSP, BOM.
pub fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Byte length of the line break that starts at byte `i` of `bytes`, if one does: `\n`, `\r\n`,
/// a lone `\r` (old Mac and some exports), NEL (U+0085), U+2028 and U+2029 (line and paragraph
/// separators, from copies out of web pages and PDFs). The one definition of a line end, shared
/// by the parser's reading form and [`crate::LineIndex`].
pub fn line_break_at(bytes: &[u8], i: usize) -> Option<usize> {
    match bytes[i] {
        b'\n' => Some(1),
        b'\r' => Some(if bytes.get(i + 1) == Some(&b'\n') { 2 } else { 1 }),
        0xC2 if bytes.get(i + 1) == Some(&0x85) => Some(2),
        0xE2 if bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) => Some(3),
        _ => None,
    }
}

/// `text` as the parser reads it: every line break that is not `\n` or `\r\n` (a lone `\r`, NEL,
/// U+2028, U+2029) becomes `\n`, padded before with spaces to its byte length, so that the
/// parser, the patterns' `^`/`$` and the paragraph splitting see one kind of line end while every
/// byte offset stays the same; then a traditional-script copy is folded ([`fold_traditional`]).
/// Borrowed when there is nothing to change (the common case: one pass over the bytes).
///
/// ```
/// use reportcheck::text::reading_form;
/// assert_eq!(reading_form("一、总体情况\r正文\u{2028}二"), "一、总体情况\n正文  \n二");
/// assert!(matches!(reading_form("一\r\n二\n"), std::borrow::Cow::Borrowed(_)));
/// ```
pub fn reading_form(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let odd = |i: usize| match bytes[i] {
        b'\r' => bytes.get(i + 1) != Some(&b'\n'),
        0xC2 | 0xE2 => line_break_at(bytes, i).is_some(),
        _ => false,
    };
    let Some(first) = (0..bytes.len()).find(|&i| matches!(bytes[i], b'\r' | 0xC2 | 0xE2) && odd(i)) else { return fold_traditional(text) };
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..first]);
    let mut i = first;
    while i < bytes.len() {
        if matches!(bytes[i], b'\r' | 0xC2 | 0xE2) && odd(i) {
            let n = line_break_at(bytes, i).unwrap_or(1);
            out.extend(std::iter::repeat_n(b' ', n - 1));
            out.push(b'\n');
            i += n;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    // Only whole characters were replaced, each by ASCII of its length: still UTF-8.
    let normal = String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    debug_assert_eq!(normal.len(), text.len());
    Cow::Owned(fold_traditional(&normal).into_owned())
}

/// Traditional characters that official reports' wording uses, sorted, each with its
/// simplified form at the same index in [`SIMPLIFIED`]. Every one is three bytes in UTF-8, as
/// is its simplified form, so folding keeps every byte offset.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
const TRADITIONAL: &[&str] = &[
    "並來係個們側偵偽備傳傷僅僑價儀億償優兒內兩冊則創劃劇劉動務勝勞勢勵勸匯區協卻厲參",
    "叢吳員問啟喪單嚴國圍園圓圖團執堅報場塊壓壞壯壽夢奪奮婦媽孫學實寧審寫寶將專對導屆",
    "屍層屬岡島峽帥師帳帶幣幫幹庫廈廟廠廢廣廳張強彈彙彥後徑從復徵徹態憲憶應懲懷戰戲戶",
    "擁擇擊擔據擴攝敵數斂斷於時晉暫曆曉書會東條業極構樂樓標樞樣樹橋機檔檢欄權歐歷歸殘",
    "殺毀氣決沒況淚淨淺減湧湯準溝溫滅滬滿漁漢潔潛澤濕濟灣災為烏無煙煩熱燈營爭爾牆狀獎",
    "獨獲現環產畝畫當療發盡監盤盧眾硃確礎禍禮稅種稱積穩窮競筆節範簡簽糧糾紀約紅納紙級",
    "紛細終組結給統經綜綠維網緊緒線緣編練縣縮總績織繫繳繼續罰罷羅義習聞聯聲職聽肅脅腦",
    "膽臨臺與舉舊艦華萬藥蘇蘭處號蟲衛補裝製複覈見規視親覽觀觸訂計訊討訓託記訟訪設許訴",
    "評詞詢試詩話詳誌認誕誠誤說課調談請論諮諸謀謝證識議護譽讀變讓讚豐貝負財貢貧貨貫責",
    "貴買貸費貿賀資賠賣質賬賴購趕趨跡踐車軌軍較載輔輕輸輿轉辦辭農這週進運過達違遞遠適",
    "遲遷選遺遼邁還邊郵鄉鄭鄰醜醫釋針銀鋪錄錢錯鍵鍾鎮鏈鐘鐵鑑鑒長門閃閉開閒間閣閱闆闊",
    "關闡陝陣陰陳陸陽隊階際隨險隱隻雖雙雜雞離難雲電靜韓響頁頂項順須預頒頓頗領頭頻題額",
    "顏願類顧顯風飛飯飲養餘館馬駐驗體髮鬆鬥魚鳥鳳麗麥麼黃點黨齊齡龍",
];
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
const SIMPLIFIED: &[&str] = &[
    "并来系个们侧侦伪备传伤仅侨价仪亿偿优儿内两册则创划剧刘动务胜劳势励劝汇区协却厉参",
    "丛吴员问启丧单严国围园圆图团执坚报场块压坏壮寿梦夺奋妇妈孙学实宁审写宝将专对导届",
    "尸层属冈岛峡帅师帐带币帮干库厦庙厂废广厅张强弹汇彦后径从复征彻态宪忆应惩怀战戏户",
    "拥择击担据扩摄敌数敛断于时晋暂历晓书会东条业极构乐楼标枢样树桥机档检栏权欧历归残",
    "杀毁气决没况泪净浅减涌汤准沟温灭沪满渔汉洁潜泽湿济湾灾为乌无烟烦热灯营争尔墙状奖",
    "独获现环产亩画当疗发尽监盘卢众朱确础祸礼税种称积稳穷竞笔节范简签粮纠纪约红纳纸级",
    "纷细终组结给统经综绿维网紧绪线缘编练县缩总绩织系缴继续罚罢罗义习闻联声职听肃胁脑",
    "胆临台与举旧舰华万药苏兰处号虫卫补装制复核见规视亲览观触订计讯讨训托记讼访设许诉",
    "评词询试诗话详志认诞诚误说课调谈请论咨诸谋谢证识议护誉读变让赞丰贝负财贡贫货贯责",
    "贵买贷费贸贺资赔卖质账赖购赶趋迹践车轨军较载辅轻输舆转办辞农这周进运过达违递远适",
    "迟迁选遗辽迈还边邮乡郑邻丑医释针银铺录钱错键钟镇链钟铁鉴鉴长门闪闭开闲间阁阅板阔",
    "关阐陕阵阴陈陆阳队阶际随险隐只虽双杂鸡离难云电静韩响页顶项顺须预颁顿颇领头频题额",
    "颜愿类顾显风飞饭饮养余馆马驻验体发松斗鱼鸟凤丽麦么黄点党齐龄龙",
];

/// A bitmap over U+4E00..=U+9FFF of the characters [`TRADITIONAL`] lists, built on first use
/// (built, not embedded: the wasm stays smaller), so each character is decided by one bit test.
#[cfg(not(target_arch = "wasm32"))]
fn bitmap() -> &'static [u64; 328] {
    static MAP: std::sync::OnceLock<[u64; 328]> = std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = [0u64; 328];
        for c in TRADITIONAL.iter().flat_map(|s| s.chars()) {
            let i = c as usize - 0x4E00;
            map[i / 64] |= 1 << (i % 64);
        }
        map
    })
}

#[cfg(not(target_arch = "wasm32"))]
fn is_traditional(c: char) -> bool {
    let i = (c as usize).wrapping_sub(0x4E00);
    i < 328 * 64 && bitmap()[i / 64] & (1 << (i % 64)) != 0
}

/// How much of the text's opening is looked at for traditional characters, in bytes.
#[cfg(not(target_arch = "wasm32"))]
const SAMPLE: usize = 2 * 1024;

/// The simplified form of a traditional character this module knows, else `c`.
#[cfg(not(target_arch = "wasm32"))]
fn simplified(c: char) -> char {
    static PAIRS: std::sync::OnceLock<(Vec<char>, Vec<char>)> = std::sync::OnceLock::new();
    let (trad, simp) = PAIRS.get_or_init(|| (TRADITIONAL.iter().flat_map(|s| s.chars()).collect(), SIMPLIFIED.iter().flat_map(|s| s.chars()).collect()));
    trad.binary_search(&c).map_or(c, |i| simp[i])
}

/// `text` with traditional characters (`政府信息公開`, `申請`, `複議`) folded to their simplified
/// forms, so that a mirror's traditional-script copy matches the schemas' wording. Every byte
/// offset is kept (both forms are three bytes), so spans found in the folded text point at the
/// same characters of the original; the original is never changed. Borrowed when the text's first
/// 2 KB hold no traditional character.
///
/// ```
/// use reportcheck::text::fold_traditional;
/// assert_eq!(fold_traditional("政府信息公開，申請複議"), "政府信息公开，申请复议");
/// assert!(matches!(fold_traditional("政府信息公开"), std::borrow::Cow::Borrowed(_)));
/// ```
#[cfg(target_arch = "wasm32")]
pub fn fold_traditional(text: &str) -> Cow<'_, str> {
    // Drafters write in simplified script; the character table (about 2 KB gzipped) is left out of
    // the browser's checker to keep it within its size budget. The CLI, which reviewers run on
    // mirrored copies, folds them.
    Cow::Borrowed(text)
}

/// See the wasm variant above: in the browser, the text is read as it is.
#[cfg(not(target_arch = "wasm32"))]
pub fn fold_traditional(text: &str) -> Cow<'_, str> {
    // A mirror converts the whole page, so its opening shows it: only that is looked at, which
    // keeps the common case (a simplified report) at a constant cost per check.
    let bytes = &text.as_bytes()[..text.len().min(SAMPLE)];
    let mut i = 0;
    let mut first = None;
    while i + 2 < bytes.len() {
        let b0 = bytes[i];
        if (0xE4..=0xE9).contains(&b0) {
            // CJK: a 3-byte sequence; decode it and test one bit.
            let c = (u32::from(b0 & 0x0F) << 12) | (u32::from(bytes[i + 1] & 0x3F) << 6) | u32::from(bytes[i + 2] & 0x3F);
            if char::from_u32(c).is_some_and(is_traditional) {
                first = Some(i);
                break;
            }
            i += 3;
        } else {
            i += 1;
        }
    }
    let Some(first) = first else { return Cow::Borrowed(text) };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        out.push(if is_traditional(c) { simplified(c) } else { c });
    }
    debug_assert_eq!(out.len(), text.len());
    Cow::Owned(out)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn tables_line_up_and_keep_lengths() {
        let t: Vec<char> = TRADITIONAL.iter().flat_map(|s| s.chars()).collect();
        let s: Vec<char> = SIMPLIFIED.iter().flat_map(|s| s.chars()).collect();
        assert_eq!(t.len(), s.len());
        assert!(t.windows(2).all(|w| w[0] < w[1]), "sorted, no duplicates");
        for (a, b) in t.iter().zip(&s) {
            assert_eq!(a.len_utf8(), b.len_utf8(), "{a} → {b}");
            assert!((0x4E00..=0x9FFF).contains(&(*a as u32)), "{a}");
        }
        for c in '\u{4E00}'..='\u{9FFF}' {
            assert_eq!(is_traditional(c), t.binary_search(&c).is_ok(), "{c}");
        }
    }
}
