//! Last year's report beside this one: a pair of consecutive reports (tests/fixtures/previous/)
//! with a carry-over mismatch, a documents-in-force mismatch and a copied 存在问题 section.
#![cfg(not(target_arch = "wasm32"))]

use reportcheck::{CheckOptions, Checker};
use std::path::Path;

fn read(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/previous").join(name)).unwrap()
}

fn options() -> CheckOptions {
    CheckOptions { today: Some("2026-11-23".into()), ..CheckOptions::default() }
}

#[test]
fn carry_over_in_force_and_copied_text() {
    let (this, last) = (read("2023_department.txt"), read("2022_department.txt"));
    let mut checker = Checker::new("auto").unwrap();
    let alone = checker.check(&this, &options());
    assert!(alone.diagnostics.iter().all(|d| !d.rule.id().starts_with("previous.")));
    checker.set_previous(Some(&last));
    let r = checker.check(&this, &options());
    let found: Vec<(String, String)> = r
        .diagnostics
        .iter()
        .filter(|d| d.rule.id().starts_with("previous."))
        .map(|d| (d.rule.id().to_string(), this[d.bytes.start..d.bytes.end].to_string()))
        .collect();
    let carry: Vec<_> = found.iter().filter(|f| f.0 == "previous.carry-over").collect();
    assert_eq!(carry.len(), 2, "商业企业 0 vs 1 and 总计 4 vs 5: {found:?}");
    let d = r.diagnostics.iter().find(|d| d.rule.id() == "previous.carry-over" && d.expected.as_deref() == Some("5")).unwrap();
    assert_eq!(d.actual.as_deref(), Some("4"));
    // The related place is in last year's report: its 结转下年度 row, 总计 column.
    let rel = d.related.iter().find(|x| x.previous).unwrap();
    assert_eq!(&last[rel.bytes.start..rel.bytes.end], "5");
    assert!(last[..rel.bytes.start].rsplit('\n').next().unwrap().starts_with("四、结转下年度继续办理"));
    let in_force: Vec<_> = r.diagnostics.iter().filter(|d| d.rule.id() == "previous.in-force").collect();
    assert_eq!(in_force.len(), 1, "{found:?}");
    assert_eq!((in_force[0].expected.as_deref(), in_force[0].actual.as_deref()), (Some("13"), Some("15")));
    assert!(in_force[0].message.contains("失效"), "says documents can expire");
    // 五 is last year's text with only the year changed; 一 was rewritten.
    let copied: Vec<_> = r.diagnostics.iter().filter(|d| d.rule.id() == "previous.copied").collect();
    assert_eq!(copied.len(), 1, "{found:?}");
    assert!(copied[0].message.contains("存在的主要问题及改进情况") && copied[0].message.contains("100%"), "{}", copied[0].message);
    assert!(this[copied[0].bytes.start..copied[0].bytes.end].starts_with("一是政策解读形式较为单一"));
    // The same through the options, read per check.
    let once = Checker::new("auto").unwrap().check(&this, &CheckOptions { previous: Some(last.clone()), ..options() });
    assert_eq!(once.diagnostics, r.diagnostics);
}

#[test]
fn the_wrong_previous_report_is_one_clear_finding() {
    let this = read("2023_department.txt");
    let mut checker = Checker::new("auto").unwrap();
    // The report itself given as last year's: the year is not 2022.
    checker.set_previous(Some(&this));
    let r = checker.check(&this, &options());
    let rules: Vec<&str> = r.diagnostics.iter().map(|d| d.rule.id()).filter(|id| id.starts_with("previous.") || *id == "rule.skipped").collect();
    assert_eq!(rules, ["rule.skipped", "previous.mismatch"], "{:?}", r.diagnostics);
    // Another agency's report on 2022.
    let other = read("2022_department.txt").replace("江州市生态环境局", "江州市交通运输局");
    checker.set_previous(Some(&other));
    let r = checker.check(&this, &options());
    let m = r.diagnostics.iter().find(|d| d.rule.id() == "previous.mismatch").unwrap();
    assert!(m.message.contains("江州市交通运输局"), "{}", m.message);
    assert!(!r.diagnostics.iter().any(|d| d.rule.id() == "previous.carry-over"));
}
