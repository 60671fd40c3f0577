//! Data-driven fixture tests: every `tests/fixtures/*.txt` is checked with the
//! `auto` schema and `today` = 2026-11-23, and the diagnostics, one per line, are compared with
//! `tests/fixtures/<name>.expected`. Review every line of a changed snapshot by
//! hand; regenerate with `UPDATE_EXPECT=1 cargo test --test fixtures`.
#![cfg(not(target_arch = "wasm32"))]

use reportcheck::{CheckOptions, Checker};
use std::fmt::Write;
use std::path::Path;

fn render(result: &reportcheck::CheckResult) -> String {
    let s = &result.summary;
    let mut out = format!(
        "# schema {} ({}), year {:?}, agency {:?}, reporter {:?}, ready {}\n# signature {:?}, published {:?}, deadline {:?}\n",
        s.schema.id,
        s.schema.reason,
        s.report_year,
        s.agency,
        s.reporter,
        s.ready,
        s.signature_date,
        s.publication_date,
        s.deadline.as_ref().map(|d| format!("{} ({:?}{})", d.date, d.reporter, if d.assumed { ", assumed" } else { "" })),
    );
    let todo: Vec<String> = result.checklist.iter().filter(|c| c.state != "ok").map(|c| format!("{}:{}={}", c.kind, c.id, c.state)).collect();
    let tables: Vec<String> = s.tables.iter().map(|t| format!("{}={}", t.id, t.columns)).collect();
    writeln!(out, "# tables read: {}", tables.join(", ")).unwrap();
    writeln!(out, "# checklist {}/{} ok; not ok: {}", result.checklist.len() - todo.len(), result.checklist.len(), todo.join(", ")).unwrap();
    for d in &result.diagnostics {
        let target = d.target.as_ref().map(|t| format!(" {}", serde_json::to_string(t).unwrap())).unwrap_or_default();
        writeln!(out, "{}:{} {} {}{} {}", d.line, d.column, d.severity, d.rule, target, d.message).unwrap();
    }
    out
}

#[test]
fn fixtures_match_their_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let checker = Checker::new("auto").unwrap();
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    let mut seen = 0;
    for path in paths.iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
        seen += 1;
        let text = std::fs::read_to_string(path).unwrap();
        let options = CheckOptions { today: Some("2026-11-23".into()), ..CheckOptions::default() };
        let actual = render(&checker.check(&text, &options));
        let expected_path = path.with_extension("expected");
        if update {
            std::fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{} has no snapshot; create it with UPDATE_EXPECT=1 and review it", path.display()));
        if expected != actual {
            failures.push(format!("--- {}\n+++ actual\n{actual}", expected_path.display()));
        }
    }
    assert!(seen >= 8, "fixtures missing: found {seen}");
    assert!(failures.is_empty(), "snapshots differ (UPDATE_EXPECT=1 to regenerate, then review):\n{}", failures.join("\n"));
}
