//! Hostile inputs the fuzz targets do not reach (issue 21): a write that fails part-way, closed
//! pipes, files in other encodings rewritten in place. Each asserts the user's file survives.
#![cfg(all(unix, not(target_arch = "wasm32")))]

use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_reportcheck");

/// A fresh folder for one test.
fn dir(name: &str) -> std::path::PathBuf {
    let d = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile").join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// `fix --in-place` whose write fails part-way (the file-size limit hit, as on a full disk)
/// leaves the report exactly as it was and says so.
#[test]
fn in_place_fix_that_cannot_be_written_leaves_the_file_untouched() {
    let d = dir("full-disk");
    let file = d.join("report.txt");
    let original = fixture("2022_dates_faulty.txt");
    assert!(original.len() > 4096, "the fixture must exceed the 2-block limit below");
    std::fs::write(&file, &original).unwrap();
    // ulimit -f 2: writes past 1 KiB fail (EFBIG) with SIGXFSZ ignored, part-way through the text.
    let out = Command::new("sh")
        .args(["-c", "trap '' XFSZ; ulimit -f 2; exec \"$0\" fix --in-place --today 2026-11-23 \"$1\"", BIN, file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0), "the write cannot have succeeded");
    assert_ne!(out.status.code(), Some(101), "no panic: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read(&file).unwrap(), original, "the report is untouched");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("未改动") || err.contains("unchanged"), "the message says the file is unchanged: {err}");
    let left: Vec<_> = std::fs::read_dir(&d).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left.len(), 1, "no temporary file left behind: {left:?}");
}

/// Every command ends quietly when the reader of its output goes away (`| head -1`).
#[test]
fn closed_pipe_is_not_a_panic() {
    let file = format!("{}/tests/fixtures/2022_dates_faulty.txt", env!("CARGO_MANIFEST_DIR"));
    for args in [vec!["rules"], vec!["schemas"], vec!["schema", "cn-ogi-2021"], vec!["fix", "--today", "2026-11-23", file.as_str()]] {
        let mut child = Command::new(BIN).args(&args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        drop(child.stdout.take()); // the pipe's reader is gone before anything is written
        let out = child.wait_with_output().unwrap();
        assert_ne!(out.status.code(), Some(101), "{args:?} panicked: {}", String::from_utf8_lossy(&out.stderr));
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"), "{args:?}");
    }
}

/// A GBK file fixed in place stays GBK; one with nothing to fix is not rewritten at all.
#[test]
fn in_place_fix_keeps_the_encoding_and_writes_nothing_when_nothing_applies() {
    let d = dir("gbk");
    let utf8 = String::from_utf8(fixture("2022_dates_faulty.txt")).unwrap();
    let (gbk, _, bad) = encoding_rs::GBK.encode(&utf8);
    assert!(!bad);
    let file = d.join("report.txt");
    std::fs::write(&file, &gbk).unwrap();
    let out = Command::new(BIN).args(["fix", "--in-place", "--today", "2026-11-23", file.to_str().unwrap()]).output().unwrap();
    assert_ne!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    let written = std::fs::read(&file).unwrap();
    assert_ne!(written, gbk.as_ref(), "the safe fix (a stale year) was applied");
    let (back, _, bad) = encoding_rs::GBK.decode(&written);
    assert!(!bad && std::str::from_utf8(&written).is_err(), "still GBK, not UTF-8");
    assert!(back.contains("2022年，江州市生态环境局"), "the fixed year, read back as GBK");

    let clean = d.join("clean.txt");
    let text = fixture("2022_department_complete.txt");
    std::fs::write(&clean, &text).unwrap();
    let before = std::fs::metadata(&clean).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let out = Command::new(BIN).args(["fix", "--in-place", "--today", "2026-11-23", clean.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::metadata(&clean).unwrap().modified().unwrap(), before, "nothing to apply: not rewritten");
}

/// Big5 and UTF-32 files are refused with the encoding named (exit 2), never checked as mojibake.
#[test]
fn foreign_encodings_are_refused_by_name() {
    let d = dir("enc");
    let text = "政府信息公开工作年度报告\n一、总体情况\n";
    let mut utf32 = vec![0xFF, 0xFE, 0, 0];
    utf32.extend(text.chars().flat_map(|c| (c as u32).to_le_bytes()));
    let file = d.join("utf32.txt");
    std::fs::write(&file, &utf32).unwrap();
    let out = Command::new(BIN).args(["check", file.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("UTF-32"));
}
