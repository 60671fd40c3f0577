//! The same report as text, as a portal editor's HTML and as Word's clipboard HTML gives the
//! same findings: the same rule ids on the same sections, topics and cells. HTML positions point
//! into the HTML source at the text the finding is about.
//! The HTML fixtures are written by tests/fixtures/html/make_html.py from the text fixtures.
#![cfg(all(not(target_arch = "wasm32"), feature = "html"))]

use reportcheck::{CheckOptions, Checker};
use std::path::Path;

fn key(r: &reportcheck::CheckResult) -> Vec<String> {
    let mut v: Vec<String> = r.diagnostics.iter().map(|d| format!("{} {}", d.rule, serde_json::to_string(&d.target).unwrap())).collect();
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
        // `province`: 表三 in a provincial layout (three label columns, cells with both spans).
        let province = ["2022_department_complete", "2022_table_wrong_total"].contains(&name);
        for kind in ["portal", "word", "province"] {
            if kind == "province" && !province {
                continue;
            }
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
    assert_eq!(compared, 10);
}

#[test]
fn wrong_total_points_at_the_cell_in_the_html() {
    let html = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html/2022_table_wrong_total.portal.html")).unwrap();
    let r = Checker::new("auto").unwrap().check_html(&html, &CheckOptions::default());
    let sum = r.diagnostics.iter().find(|d| d.rule.id() == "table.sum" && d.message.contains("自然人 + 法人")).unwrap();
    assert_eq!(&html[sum.bytes.start..sum.bytes.end], "47");
    assert!(html[..sum.bytes.start].ends_with("<td>"));
}

#[cfg(feature = "docx")]
mod docx {
    use reportcheck::{CheckOptions, Checker};
    use std::path::Path;

    fn dir() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
    }

    fn options() -> CheckOptions {
        CheckOptions { today: Some("2026-11-23".into()), ..CheckOptions::default() }
    }

    #[test]
    fn text_and_docx_give_the_same_findings() {
        let checker = Checker::new("auto").unwrap();
        for name in ["2022_department_complete", "2022_table_wrong_total", "2022_table_blank_cell", "2010_hunchun_urban_management"] {
            let text = std::fs::read_to_string(dir().join(format!("{name}.txt"))).unwrap();
            let bytes = std::fs::read(dir().join(format!("docx/{name}.docx"))).unwrap();
            let (want, got) = (checker.check(&text, &options()), checker.check_docx(&bytes, &options()));
            assert_eq!(super::key(&got), super::key(&want), "{name}.docx");
            assert!(got.diagnostics.iter().all(|d| d.paragraph.is_some()), "{name}: every finding names its paragraph");
        }
    }

    /// 表三 in a provincial layout (make_docx.py `province_table`): three label columns merged
    /// down with vMerge, one-label rows spanning columns, a corner spanning three columns and rows.
    #[test]
    fn provincial_three_label_columns_read_as_the_text() {
        let checker = Checker::new("auto").unwrap();
        for name in ["2022_department_complete", "2022_table_wrong_total"] {
            let text = std::fs::read_to_string(dir().join(format!("{name}.txt"))).unwrap();
            let bytes = std::fs::read(dir().join(format!("docx/{name}.province.docx"))).unwrap();
            let (want, got) = (checker.check(&text, &options()), checker.check_docx(&bytes, &options()));
            assert_eq!(super::key(&got), super::key(&want), "{name}.province.docx");
        }
    }

    /// Word and WPS list numbering rendered, hidden text left out, fields, hyperlinks, smart tags
    /// and content controls read, a UTF-16 document.xml and an altChunk part read
    /// (tests/fixtures/docx/make_numbered.py): each reads as the typed report does.
    #[test]
    fn numbered_hidden_utf16_and_altchunk_docx_read_as_the_text() {
        let checker = Checker::new("auto").unwrap();
        let text = std::fs::read_to_string(dir().join("2022_department_complete.txt")).unwrap();
        let want = checker.check(&text, &options());
        for kind in ["word-numbering", "wps-numbering", "utf16", "altchunk"] {
            let bytes = std::fs::read(dir().join(format!("docx/2022_department_complete.{kind}.docx"))).unwrap();
            let read = reportcheck::input::docx::read(&bytes).unwrap();
            let lines = |t: &str| t.lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect::<Vec<_>>();
            if kind != "altchunk" {
                // (The altChunk's HTML repeats its rowspan labels, as the HTML reader does.)
                assert_eq!(lines(&read.text), lines(&text), "{kind}");
            }
            assert_eq!(super::key(&checker.check_docx(&bytes, &options())), super::key(&want), "{kind}");
        }
    }

    #[test]
    fn a_table_finding_names_its_cell() {
        let bytes = std::fs::read(dir().join("docx/2022_table_blank_cell.docx")).unwrap();
        let r = Checker::new("auto").unwrap().check_docx(&bytes, &options());
        let blank = r.diagnostics.iter().find(|d| d.rule.id() == "table.cell-blank").unwrap();
        // 表二 is four Word tables (one per 第二十条 item), so 表三 is the fifth; 7.属于行政执法案卷 is its
        // 14th row (three header rows first); 科研机构 is the 5th cell (after the merged （三） label).
        assert_eq!(blank.cell, Some([5, 14, 5]), "{blank:?}");
    }

    #[test]
    fn tracked_changes_are_read_as_accepted_and_said() {
        let bytes = std::fs::read(dir().join("docx/2022_department_complete.tracked.docx")).unwrap();
        let r = Checker::new("auto").unwrap().check_docx(&bytes, &options());
        let rules: Vec<&str> = r.diagnostics.iter().map(|d| d.rule.id()).collect();
        assert_eq!(rules, ["input.tracked-changes"], "the accepted text is the complete report");
    }

    #[test]
    fn bad_files_give_one_clear_error() {
        let checker = Checker::new("auto").unwrap();
        for (file, words) in [
            ("bad_not_zip.docx", "不是 .docx"),
            ("bad_legacy.doc", "另存为 .docx"),
            ("bad_encrypted.docx", "密码"),
            ("bad_no_document.docx", "word/document.xml"),
            ("bad_dtd.docx", "DTD"),
            ("bad_bomb.docx", "过大"),
        ] {
            let bytes = std::fs::read(dir().join(format!("docx/{file}"))).unwrap();
            let r = checker.check_docx(&bytes, &options());
            assert_eq!(r.diagnostics.len(), 1, "{file}: {:?}", r.diagnostics);
            let d = &r.diagnostics[0];
            assert_eq!(d.rule.id(), "input.unreadable", "{file}");
            assert!(d.message.contains(words), "{file}: {}", d.message);
            assert!(!r.summary.ready);
        }
        let empty = std::fs::read(dir().join("docx/bad_empty.docx")).unwrap();
        let rules: Vec<&str> = checker.check_docx(&empty, &options()).diagnostics.iter().map(|d| d.rule.id()).collect();
        assert_eq!(rules, ["input.empty"]);
    }
}

/// The national layout (tests/fixtures/make_national_layout.py): 表二 as one table whose single-value
/// rows span three columns, 表三's two-row applicant header, 表四's three-row header. Text copied
/// from the page, the portal's HTML and the Word file each give exactly one finding: the wrong
/// 行政复议 总计 in 表四's data row — no blank cells for the merged ones, no header read as data.
#[cfg(feature = "docx")]
#[test]
fn national_layout_merged_cells_and_multi_line_headers() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let checker = Checker::new("auto").unwrap();
    let options = CheckOptions { today: Some("2026-11-23".into()), ..CheckOptions::default() };
    let text = std::fs::read_to_string(dir.join("2022_national_layout.txt")).unwrap();
    let html = std::fs::read_to_string(dir.join("html/2022_national_layout.portal.html")).unwrap();
    let docx = std::fs::read(dir.join("docx/2022_national_layout.docx")).unwrap();
    let want = vec![r#"table.sum {"kind":"cell","id":"review/cases/rv_total"}"#.to_string()];
    for (what, r) in [("text", checker.check(&text, &options)), ("html", checker.check_html(&html, &options)), ("docx", checker.check_docx(&docx, &options))] {
        assert_eq!(key(&r), want, "{what}: {:?}", r.diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>());
        let d = &r.diagnostics[0];
        assert_eq!((d.expected.as_deref(), d.actual.as_deref()), (Some("1"), Some("2")), "{what}");
    }
    // In the HTML the finding sits on the 总计 cell of the data row.
    let r = checker.check_html(&html, &options);
    assert_eq!(&html[r.diagnostics[0].bytes.start..r.diagnostics[0].bytes.end], "2");
}
