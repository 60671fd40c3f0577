//! Whatever the text, checking never panics, and every span lies on char
//! boundaries inside the text: random mixes of the characters reports are made
//! of (numerals, date and heading markers, tabs, table labels, CRLF, emoji).
#![cfg(not(target_arch = "wasm32"))]

use reportcheck::{CheckOptions, Checker};

const PIECES: &[&str] = &[
    "一、",
    "（二）",
    "(3)",
    "1.",
    "第一部分",
    "十二、",
    "总体情况",
    "主动公开政府信息情况",
    "存在的主要问题",
    "\t",
    "\t\t",
    "  ",
    "\n",
    "\r\n",
    "2022年",
    "二〇二二年",
    "○",
    "十二月三十日",
    "00年",
    "13月",
    "2月30日",
    "2009-01-01",
    "2009.1.1",
    "至",
    "12月31日",
    "年初",
    "廿",
    "卅一日",
    "XX",
    "【】",
    "登录 注册",
    "发布日期:",
    "（七）总计",
    "本年新收",
    "结转下年度",
    "予以公开",
    "3.其他",
    "/",
    "—",
    "约",
    "1,234",
    "0.5",
    "-3",
    "万元",
    "件",
    "😀",
    "\u{feff}",
    "\u{3000}",
    "|",
    "｜",
    "人民政府",
    "局",
    "。",
    "，",
    "信息处理费",
    "复议",
    "1",
    "0",
    "99999999999999999999999",
    "１２",
    "",
];

mod common;
use common::Rng;

#[test]
fn random_texts_never_panic_and_spans_are_in_bounds() {
    let checkers: Vec<Checker> = ["auto", "cn-ogi-2021", "cn-ogi-2019", "cn-ogi-2008", "cn-ogi-text"].iter().map(|s| Checker::new(s).unwrap()).collect();
    let options = CheckOptions { today: Some("2026-11-23".into()), ..CheckOptions::default() };
    let mut rng = Rng(0x1234_5678_9abc_def1);
    for round in 0..600 {
        let len = rng.index(120);
        let text: String = (0..len).map(|_| PIECES[rng.index(PIECES.len())]).collect();
        let checker = &checkers[round % checkers.len()];
        let r = checker.check(&text, &options);
        for d in &r.diagnostics {
            assert!(d.bytes.start <= d.bytes.end && d.bytes.end <= text.len(), "round {round}: {d:?}");
            assert!(text.is_char_boundary(d.bytes.start) && text.is_char_boundary(d.bytes.end), "round {round}: {d:?}");
            assert!(!d.message.is_empty());
        }
        assert_eq!(r.summary.ready, r.summary.errors == 0);
    }
}

#[test]
fn empty_and_huge_inputs() {
    let checker = Checker::new("auto").unwrap();
    let r = checker.check("", &CheckOptions::default());
    let rules: Vec<&str> = r.diagnostics.iter().map(|d| d.rule.id()).collect();
    assert_eq!(rules, ["input.empty"], "an empty report gets one finding");
    assert!(!r.summary.ready, "an empty report is not ready");
    assert_eq!(checker.check(" \n\u{3000}\r\n", &CheckOptions::default()).diagnostics.len(), 1);
    let line = "一、本年新收政府信息公开申请数量\t1\t2\t3\n";
    let r = checker.check(&line.repeat(20_000), &CheckOptions::default());
    assert!(r.diagnostics.iter().any(|d| d.rule.id() == "meta.title"));
}
