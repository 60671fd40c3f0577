//! A province's schema adds its own reporter, deadline and requirement with no code change:
//! docs/examples/province-township.json (extends cn-ogi-2021 with 乡镇/街道 reporters that must
//! publish by 1月20日, and a topic only they must cover).
#![cfg(not(target_arch = "wasm32"))]

use reportcheck::{CheckOptions, CheckResult, Checker};

const SCHEMA: &str = include_str!("../docs/examples/province-township.json");
/// A complete 2022 department report; its agency (title and 落款) and 落款 date are replaced below.
const REPORT: &str = include_str!("fixtures/2022_department_complete.txt");

fn check(agency: &str, signed: &str, extra: &str) -> CheckResult {
    let text = REPORT.replace("江州市生态环境局", agency).replace("2023年1月16日", signed).replace("一、总体情况\n", &format!("一、总体情况\n{extra}"));
    let options = CheckOptions { today: Some("2026-11-28".into()), ..CheckOptions::default() };
    Checker::from_json(SCHEMA).unwrap().check(&text, &options)
}

fn rules(r: &CheckResult) -> Vec<&str> {
    r.diagnostics.iter().map(|d| d.rule.id()).collect()
}

#[test]
fn a_township_is_its_own_reporter_with_its_own_deadline_and_topic() {
    let r = check("青山镇人民政府", "2023年1月25日", "");
    assert_eq!(r.summary.reporter.as_deref(), Some("township"));
    let deadline = r.summary.deadline.as_ref().unwrap();
    assert_eq!((deadline.date.as_str(), deadline.reporter.as_str(), deadline.assumed), ("2023-01-20", "township", false));
    let late = r.diagnostics.iter().find(|d| d.rule.id() == "date.late").expect("signed after 1月20日");
    assert!(late.message.contains("2023年1月20日") && late.message.contains("乡镇（街道）报告"), "{}", late.message);
    let topic = r.diagnostics.iter().find(|d| d.rule.id() == "topic.missing").expect("the provincial topic");
    assert!(topic.message.contains("基层政务公开标准化规范化工作情况"), "{}", topic.message);
    assert!(r.checklist.iter().any(|c| c.id == "grassroots-standards" && c.state.to_string() == "missing"));

    // On time and covering the topic: neither finding.
    let r = check("青山镇人民政府", "2023年1月18日", "全镇推进基层政务公开标准化规范化，更新标准目录。\n");
    assert!(!rules(&r).contains(&"date.late") && !rules(&r).contains(&"topic.missing"), "{:?}", rules(&r));
    let r = check("东湖街道办事处", "2023年1月18日", "");
    assert_eq!(r.summary.reporter.as_deref(), Some("township"));
}

#[test]
fn the_national_reporters_keep_their_deadlines_and_skip_the_township_topic() {
    // A city's people's government: 3月31日; the township topic is not asked of it.
    let r = check("江州市人民政府", "2023年3月1日", "");
    assert_eq!(r.summary.reporter.as_deref(), Some("government"));
    assert_eq!(r.summary.deadline.as_ref().unwrap().date, "2023-03-31");
    assert!(!rules(&r).contains(&"date.late"), "{:?}", rules(&r));
    assert!(!r.checklist.iter().any(|c| c.id == "grassroots-standards"));
    // A department: 1月31日.
    let r = check("江州市教育局", "2023年2月3日", "");
    assert_eq!(r.summary.reporter.as_deref(), Some("department"));
    assert!(rules(&r).contains(&"date.late"), "{:?}", rules(&r));
}

#[test]
fn the_caller_may_name_the_reporter_and_an_unknown_id_is_said() {
    let text = REPORT.replace("2023年1月16日", "2023年1月25日");
    let checker = Checker::from_json(SCHEMA).unwrap();
    let given = |id: &str| checker.check(&text, &CheckOptions { reporter: Some(id.into()), today: Some("2026-11-28".into()), ..CheckOptions::default() });
    let r = given("township");
    assert_eq!(r.summary.reporter.as_deref(), Some("township"));
    assert!(rules(&r).contains(&"date.late"));
    let r = given("county");
    assert_eq!(r.summary.reporter.as_deref(), Some("department"), "read off the agency instead");
    assert!(r.diagnostics.iter().any(|d| d.rule.id() == "rule.skipped" && d.message.contains("county")));
}
