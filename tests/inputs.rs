//! The same report as text, as a portal editor's HTML and as Word's clipboard HTML gives the
//! same findings: the same rule ids on the same sections, topics and cells. HTML positions point
//! into the HTML source at the text the finding is about.
//! The HTML fixtures are written by tests/fixtures/html/make_html.py from the text fixtures.
#![cfg(all(not(target_arch = "wasm32"), feature = "html"))]

use reportcheck::{CheckOptions, Checker};
use std::path::Path;

fn key(r: &reportcheck::CheckResult) -> Vec<String> {
    let mut v: Vec<String> =
        r.diagnostics.iter().map(|d| format!("{} {}", d.rule, serde_json::to_string(&d.target).unwrap())).collect();
    v.sort();
    v
}

#[test]
fn text_and_html_give_the_same_findings() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let checker = Checker::new("auto").unwrap();
    let options = CheckOptions { today: Some("2026-11-23".into()), ..CheckOptions::default() };
    let mut compared = 0;
    for name in ["2022_department_complete", "2022_table_wrong_total", "2022_table_blank_cell", "2010_hunchun_urban_management"] {
        let text = std::fs::read_to_string(dir.join(format!("{name}.txt"))).unwrap();
        let want = checker.check(&text, &options);
        for kind in ["portal", "word"] {
            let html = std::fs::read_to_string(dir.join(format!("html/{name}.{kind}.html"))).unwrap();
            let got = checker.check_html(&html, &options);
            assert_eq!(key(&got), key(&want), "{name}.{kind}.html");
            assert_eq!(got.summary.report_year, want.summary.report_year);
            // Every span lies inside the HTML source and, where the finding is about written text,
            // covers that text (or its entity-encoded form).
            for (g, w) in got.diagnostics.iter().zip(&want.diagnostics) {
                assert!(g.bytes.end <= html.len() && html.is_char_boundary(g.bytes.start) && html.is_char_boundary(g.bytes.end));
                let wanted = &text[w.bytes.start..w.bytes.end];
                let found = &html[g.bytes.start..g.bytes.end];
                if !wanted.is_empty() && !wanted.contains(['\n', '\t']) && found.len() == wanted.len() {
                    assert_eq!(found, wanted, "{name}.{kind}.html: {}", g.rule);
                }
                assert!(g.visible.is_some());
            }
            compared += 1;
        }
    }
    assert_eq!(compared, 8);
}

#[test]
fn wrong_total_points_at_the_cell_in_the_html() {
    let html = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html/2022_table_wrong_total.portal.html")).unwrap();
    let r = Checker::new("auto").unwrap().check_html(&html, &CheckOptions::default());
    let sum = r.diagnostics.iter().find(|d| d.rule.id() == "table.sum" && d.message.contains("自然人 + 法人")).unwrap();
    assert_eq!(&html[sum.bytes.start..sum.bytes.end], "47");
    assert!(html[..sum.bytes.start].ends_with("<td>"));
}
