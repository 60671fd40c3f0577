//! One report as documents really hold it (issue 20): saved with other line ends, copied out of
//! a PDF (blanks around the numbers of dates), numbered by Word and copied as text (`一、<TAB>`),
//! its 落款 run onto the last paragraph's line. Each variant gives exactly the findings' rules of
//! the report as written.
#![cfg(not(target_arch = "wasm32"))]

use reportcheck::{CheckOptions, Checker};

fn rules(text: &str) -> Vec<(String, String)> {
    let options = CheckOptions { today: Some("2026-11-23".into()), ..CheckOptions::default() };
    let r = Checker::new("auto").unwrap().check(text, &options);
    let mut v: Vec<(String, String)> = r.diagnostics.iter().map(|d| (d.rule.id().to_string(), format!("{:?}", d.severity))).collect();
    v.sort();
    v
}

fn report(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// `2022年1月1日` → `2022 年 1 月 1 日`, as text copied from a PDF reads: each number a text item
/// of its own, a blank on either side of it where it meets 年/月/日.
fn pdf_blanks(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() * 2);
    for (i, &c) in chars.iter().enumerate() {
        out.push(c);
        let next = chars.get(i + 1).copied().unwrap_or('\n');
        if (c.is_ascii_digit() && matches!(next, '年' | '月' | '日'))
            || (matches!(c, '年' | '月') && next.is_ascii_digit() && i > 0 && chars[i - 1].is_ascii_digit())
        {
            out.push(' ');
        }
    }
    out
}

#[test]
fn line_ends_blanks_and_numbering_change_nothing() {
    for name in ["2022_department_complete.txt", "2022_dates_faulty.txt", "2022_table_wrong_total.txt", "2024_huaian_city_gov.txt"] {
        let text = report(name);
        let want = rules(&text);
        let variants = [
            ("CR line ends", text.replace("\r\n", "\n").replace('\n', "\r")),
            ("U+2028 line ends", text.replace('\n', "\u{2028}")),
            ("U+2029 paragraph ends", text.replace('\n', "\u{2029}")),
            ("Word numbering copied as text", text.replace("一、总体情况", "一、\t总体情况").replace("五、存在的主要问题", "五、\t存在的主要问题")),
        ];
        for (what, variant) in variants {
            assert_eq!(rules(&variant), want, "{name}, {what}");
        }
    }
}

#[test]
fn dates_copied_from_a_pdf_read_as_dates() {
    for name in ["2022_department_complete.txt", "2022_dates_faulty.txt", "2024_huaian_city_gov.txt"] {
        let text = report(name);
        let spaced = pdf_blanks(&text);
        assert!(spaced.contains(" 年"), "{name}: the variant has blanks");
        assert_eq!(rules(&spaced), rules(&text), "{name}, blanks around the numbers of dates");
    }
}

#[test]
fn signature_on_the_last_paragraphs_line() {
    let text = report("2022_department_complete.txt");
    let trimmed = text.trim_end();
    let (body, date) = trimmed.rsplit_once('\n').unwrap();
    let (body, agency) = body.trim_end().rsplit_once('\n').unwrap();
    let run_on = format!("{} {} {}\n", body.trim_end(), agency.trim(), date.trim());
    assert_eq!(rules(&run_on), rules(&text), "落款 run onto the last paragraph's line");
    let with_attachment = format!("{trimmed}\n附件下载：\n1.统计表.xls\n");
    assert_eq!(rules(&with_attachment), rules(&text), "落款 followed by attachments");
}
