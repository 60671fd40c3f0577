//! The command line as a user runs it: exit codes, formats, encodings, errors.
#![cfg(all(not(target_arch = "wasm32"), feature = "cli"))]

use std::io::Write;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_reportcheck");
const FIX: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn fixture(name: &str) -> String {
    format!("{FIX}{name}")
}

#[test]
fn seeds_in_text_format() {
    let hunchun = fixture("2010_hunchun_urban_management.txt");
    let o = run(&["check", "--today", "2026-11-23", &hunchun]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains(&format!("{hunchun}:1:1: warning[text.debris]: 网页导航残留“登录 注册”")), "{out}");
    assert_eq!(out.matches("error[topic.missing]").count(), 3, "{out}");
    assert!(out.contains("1 | 登录 注册\n  | ^^^^^^^^^"), "caret under the span: {out}");
    assert!(out.contains("格式 cn-ogi-2008（按标题中的报告年度2010年自动选择）"), "{out}");
    let o = run(&["check", &fixture("2008_public_utilities_bureau.txt")]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("warning[text.debris]") && out.contains("error[topic.missing]"), "{out}");
}

#[test]
fn json_has_one_object_per_file() {
    let o = run(&["check", "--format", "json", &fixture("2022_department_complete.txt"), &fixture("2022_sections_faulty.txt")]);
    assert_eq!(o.status.code(), Some(1), "one file has errors");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let files = v.as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["schema"], "cn-ogi-2021");
    assert_eq!(files[0]["summary"]["ready"], true);
    assert_eq!(files[0]["encoding"], "UTF-8");
    let d = &files[1]["diagnostics"][0];
    for key in ["rule", "severity", "message", "line", "column", "end_line", "end_column", "start", "end"] {
        assert!(!d[key].is_null(), "diagnostic lacks {key}: {d}");
    }
    // One offset scheme, named in the summary (UTF-16 unless --encoding utf8).
    assert!(d["bytes"].is_null() && d["utf16"].is_null(), "{d}");
    assert_eq!(files[1]["summary"]["encoding"], "utf16");
    let o = run(&["check", "--format", "json", "--encoding", "utf8", &fixture("2008_public_utilities_bureau.txt")]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let (d, text) = (&v[0]["diagnostics"][0], std::fs::read_to_string(fixture("2008_public_utilities_bureau.txt")).unwrap());
    assert_eq!(v[0]["summary"]["encoding"], "utf8");
    assert_eq!(&text[d["start"].as_u64().unwrap() as usize..d["end"].as_u64().unwrap() as usize], "登录 | 注册", "{d}");
    assert_eq!(files[1]["summary"]["agency"], "江州市生态环境局");
}

#[test]
fn sarif_2_1_0() {
    let o = run(&["check", "--format", "sarif", "--lang", "en", &fixture("2008_public_utilities_bureau.txt")]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "reportcheck");
    let results = run["results"].as_array().unwrap();
    let r = results.iter().find(|r| r["ruleId"] == "text.debris").unwrap();
    assert_eq!(r["level"], "warning");
    assert_eq!(r["locations"][0]["physicalLocation"]["region"]["startLine"], 1);
    assert!(r["message"]["text"].as_str().unwrap().contains("delete it"));
    let idx = r["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(run["tool"]["driver"]["rules"][idx]["id"], "text.debris");
}

#[test]
fn stdin_and_gbk_input() {
    let text = std::fs::read_to_string(fixture("2010_hunchun_urban_management.txt")).unwrap();
    let (gbk, _, bad) = encoding_rs::GB18030.encode(&text);
    assert!(!bad);
    let mut child = Command::new(BIN).args(["check", "--format", "json", "-"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(&gbk).unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["path"], "-");
    assert_eq!(v[0]["encoding"], "GB18030");
    assert_eq!(v[0]["summary"]["agency"], "珲春市城市综合管理局");
}

#[test]
fn rule_overrides_and_exit_codes() {
    let hunchun = fixture("2010_hunchun_urban_management.txt");
    let o = run(&["check", "--rule", "topic.missing=off", "--rule", "date.invalid=off", &hunchun]);
    assert_eq!(o.status.code(), Some(0), "only warnings left: {}", stdout(&o));
    assert!(!stdout(&o).contains("topic.missing"));
    let o = run(&["check", "--rule", "no.such=off", &hunchun]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown rule id"));
}

#[test]
fn errors_exit_2_with_a_clear_message() {
    let cases: &[(&[&str], &str)] = &[
        (&["check", "/no/such/file.txt"], "cannot read the file"),
        (&["check", "--schema", "cn-ogi-1999", &fixture("2022_department_complete.txt")], "neither `auto`, a built-in id"),
        (&["check", "--today", "2026-02-30", &fixture("2022_department_complete.txt")], "YYYY-MM-DD"),
        (&["check"], "FILES"),
        (&["schema", "nope"], "reportcheck schemas"),
    ];
    for (args, want) in cases {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(want), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

#[test]
fn bad_schema_file_names_the_field() {
    let dir = std::env::temp_dir().join(format!("reportcheck-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.json");
    std::fs::write(&path, r#"{"extends":"cn-ogi-2021","id":"x","title":"t","sections":[{"id":"overview","title":"总体情况","min_chars":"many"}]}"#).unwrap();
    let o = run(&["check", "--schema", path.to_str().unwrap(), &fixture("2022_department_complete.txt")]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("sections[0].min_chars"), "{err}");
}

#[test]
fn printed_builtin_schema_works_as_a_custom_schema() {
    let o = run(&["schemas"]);
    let list = stdout(&o);
    for id in ["cn-ogi-2021", "cn-ogi-2019", "cn-ogi-2008", "cn-ogi-text", "auto"] {
        assert!(list.contains(id), "{list}");
    }
    let o = run(&["schema", "cn-ogi-2008"]);
    assert_eq!(o.status.code(), Some(0));
    let dir = std::env::temp_dir().join(format!("reportcheck-cli-s-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("mine.json");
    std::fs::write(&path, &o.stdout).unwrap();
    let o = run(&["check", "--format", "json", "--schema", path.to_str().unwrap(), &fixture("2010_hunchun_urban_management.txt")]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["summary"]["schema"]["selected"], "given");
    assert_eq!(v[0]["diagnostics"].as_array().unwrap().iter().filter(|d| d["rule"] == "topic.missing").count(), 3);
}

#[test]
fn rules_lists_every_rule() {
    let out = stdout(&run(&["rules"]));
    for r in reportcheck::Rule::ALL {
        assert!(out.contains(r.id()), "{out}");
    }
}

#[test]
fn table_sums_carry_related_locations() {
    let o = run(&["check", "--format", "sarif", &fixture("2022_table_wrong_total.txt")]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let sums: Vec<&serde_json::Value> = v["runs"][0]["results"].as_array().unwrap().iter().filter(|r| r["ruleId"] == "table.sum").collect();
    assert_eq!(sums.len(), 3);
    let related = sums[0]["relatedLocations"].as_array().unwrap();
    assert!(related.len() >= 3, "{related:?}");
    assert!(related[0]["message"]["text"].as_str().unwrap().contains("表三"));
    let text = stdout(&run(&["check", &fixture("2022_table_wrong_total.txt")]));
    assert!(text.contains("error[table.sum]") && text.contains(" = "), "{text}");
}

#[test]
fn reporter_option_decides_the_deadline() {
    // Signed 2023-02-15: late for a department (1月31日), on time for a government (3月31日).
    let path = fixture("2022_dates_faulty.txt");
    let late = |args: &[&str]| stdout(&run(&[&["check", "--today", "2026-11-23"][..], args, &[path.as_str()]].concat())).contains("date.late");
    assert!(late(&[]), "the title names a 局: department");
    assert!(!late(&["--reporter", "government"]));
    assert!(late(&["--reporter", "department"]));
}

#[test]
fn html_files_are_read_as_html() {
    let path = format!("{FIX}html/2010_hunchun_urban_management.word.html");
    let o = run(&["check", "--today", "2026-11-23", &path]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("warning[text.debris]") && out.matches("error[topic.missing]").count() == 3, "{out}");
    assert!(out.contains("登录 注册"), "the visible text is shown, not the markup: {out}");
    let o = run(&["check", "--input", "html", "-"]);
    assert_eq!(o.status.code(), Some(1), "empty html is input.empty");
}

#[test]
fn oversized_and_docx_inputs_fail_clearly() {
    let dir = std::env::temp_dir().join(format!("reportcheck-cli-big-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let big = dir.join("big.txt");
    std::fs::write(&big, vec![b'a'; (50 << 20) + 1]).unwrap();
    let o = run(&["check", big.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("larger than 50 MB"));
    let docx = dir.join("report.docx");
    std::fs::write(&docx, b"PK\x03\x04").unwrap();
    let o = run(&["check", docx.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "a damaged .docx is a finding, not a crash");
    let out = stdout(&o);
    assert!(out.contains("error[input.unreadable]") && out.contains("损坏"), "{out}");
}

#[test]
fn fix_prints_a_diff_and_writes_only_when_asked() {
    let file = fixture("2022_dates_faulty.txt");
    let o = run(&["fix", "--today", "2026-11-23", &file]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let diff = stdout(&o);
    assert!(diff.starts_with(&format!("--- a/{file}\n+++ b/{file}\n@@ ")), "{diff}");
    assert!(diff.lines().any(|l| l.starts_with('-')) && diff.lines().any(|l| l.starts_with('+')), "{diff}");
    let before = std::fs::read_to_string(&file).unwrap();
    let out = std::env::temp_dir().join("reportcheck-fix-test.txt");
    let o = run(&["fix", "--today", "2026-11-23", "--write", "-o", out.to_str().unwrap(), &file]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before, "the input is not touched without --in-place");
    assert_ne!(std::fs::read_to_string(&out).unwrap(), before);
    let o = run(&["fix", "--write", &file]);
    assert_eq!(o.status.code(), Some(2), "--write needs -o or --in-place");
    // HTML is not rewritten.
    let o = run(&["fix", "--write", "-o", out.to_str().unwrap(), &fixture("html/2022_table_wrong_total.portal.html")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not rewritten"));
}

#[test]
fn previous_report_on_the_command_line() {
    let o = run(&["check", "--today", "2026-11-23", "--previous", &fixture("previous/2022_department.txt"), &fixture("previous/2023_department.txt")]);
    let out = stdout(&o);
    assert_eq!(out.matches("warning[previous.carry-over]").count(), 2, "{out}");
    assert!(out.contains("warning[previous.copied]") && out.contains("warning[previous.in-force]"), "{out}");
}

/// `reportcheck schema test` runs a schema's examples: 0 when all hold, 1 with each failure
/// named, 2 when the schema cannot be read.
#[test]
fn schema_test_runs_examples() {
    let province = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/examples/province-township.json");
    let o = run(&["schema", "test", "cn-ogi-2021", province]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("province-township.json: 85 of 85 examples hold"), "{}", stdout(&o));

    let dir = std::env::temp_dir().join(format!("reportcheck-schema-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let wrong = dir.join("wrong.json");
    std::fs::write(
        &wrong,
        r#"{"id":"x","title":"t","extends":"cn-ogi-text","patterns":[{"id":"tbd","rule":"text.placeholder","pattern":"待定","message":{"zh":"z","en":"e"},"examples":{"flag":["已确定"]}}]}"#,
    )
    .unwrap();
    let o = run(&["schema", "test", wrong.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("patterns[14] (tbd).examples.flag[0]: “已确定”: the pattern finds nothing in it"), "{}", stdout(&o));
    std::fs::write(&wrong, "{").unwrap();
    assert_eq!(run(&["schema", "test", wrong.to_str().unwrap()]).status.code(), Some(2));
    // Printing a built-in schema still works.
    assert!(stdout(&run(&["schema", "cn-ogi-2021"])).contains("\"reporters\""));
}
