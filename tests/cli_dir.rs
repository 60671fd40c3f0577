//! `reportcheck check DIR`: a folder stands for the reports in it, checked in parallel and printed
//! in the order given.
#![cfg(all(not(target_arch = "wasm32"), feature = "cli"))]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_reportcheck");
const FIX: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(["check", "--today", "2026-11-28"]).args(args).output().unwrap()
}

/// A fresh folder under target/ for one test.
fn folder(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_folder_is_its_reports_in_name_order_checked_in_parallel() {
    let dir = folder("cli_dir_reports");
    std::fs::create_dir_all(dir.join("b")).unwrap();
    let fixtures = ["2022_table_wrong_total.txt", "2010_hunchun_urban_management.txt", "undated_draft.txt", "2022_department_complete.txt"];
    // Copies named so that name order differs from the order they were made in, one in a subfolder,
    // and files that are not reports, which are left out.
    let placed = [dir.join("c.txt"), dir.join("a.TXT"), dir.join("b/z.txt"), dir.join("b/a.htm")];
    for (f, to) in fixtures.iter().zip(&placed) {
        std::fs::copy(format!("{FIX}{f}"), to).unwrap();
    }
    std::fs::copy(format!("{FIX}html/2022_table_blank_cell.portal.html"), dir.join("b/a.htm")).unwrap();
    std::fs::write(dir.join("notes.md"), "not a report").unwrap();
    std::fs::write(dir.join("b/data.csv"), "1,2").unwrap();

    let in_order: Vec<String> = ["a.TXT", "b/a.htm", "b/z.txt", "c.txt"].iter().map(|f| dir.join(f).to_string_lossy().into_owned()).collect();
    let one_by_one: Vec<Output> = in_order.iter().map(|f| run(&[f])).collect();
    let all = run(&[dir.to_str().unwrap()]);
    let expected: String = one_by_one.iter().map(|o| String::from_utf8_lossy(&o.stdout).into_owned()).collect();
    assert_eq!(String::from_utf8_lossy(&all.stdout), expected, "same output as the files one by one, in name order");
    assert_eq!(all.status.code(), Some(1), "errors in some reports");
    let stderr = String::from_utf8_lossy(&all.stderr);
    assert!(stderr.trim_end().lines().count() == 1 && stderr.starts_with("共检查4个文件"), "one total line: {stderr}");

    // Files and folders together keep the order given; JSON stays one document.
    let first = format!("{FIX}2008_public_utilities_bureau.txt");
    let json = run(&["--format", "json", &first, dir.to_str().unwrap()]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let paths: Vec<&str> = value.as_array().unwrap().iter().map(|r| r["path"].as_str().unwrap()).collect();
    let mut want = vec![first.as_str()];
    want.extend(in_order.iter().map(String::as_str));
    assert_eq!(paths, want);
    let en = run(&["--lang", "en", dir.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&en.stderr).starts_with("4 files checked"));
}

#[test]
fn a_folder_without_reports_or_with_an_unreadable_file_says_so() {
    let dir = folder("cli_dir_empty");
    std::fs::write(dir.join("readme.md"), "x").unwrap();
    let o = run(&[dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no .txt, .html, .htm or .docx files"), "{}", String::from_utf8_lossy(&o.stderr));

    // One file that cannot be read stops the run as it would alone, naming the file.
    let dir = folder("cli_dir_missing");
    std::fs::copy(format!("{FIX}undated_draft.txt"), dir.join("a.txt")).unwrap();
    let missing = dir.join("gone.txt");
    let o = run(&[dir.to_str().unwrap(), missing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("gone.txt: cannot read the file"), "{}", String::from_utf8_lossy(&o.stderr));
}
