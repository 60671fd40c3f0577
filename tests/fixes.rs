//! Every fix of every finding in the fixtures, applied alone and checked again: its finding is
//! gone and nothing else is found that was not found before, and the edit touches nothing but its
//! span. (A table total set to its parts' sum may make another identity through that total fail:
//! that is the other identity's own fault, reported, and allowed here; so is a date made readable
//! being judged as a date, and an inserted heading's section being empty (or, among sections already out of
//! order, out of order).)
#![cfg(not(target_arch = "wasm32"))]

use reportcheck::{CheckOptions, Checker, Encoding, Span};
use std::collections::BTreeMap;
use std::path::Path;

fn keys(r: &reportcheck::CheckResult) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for d in &r.diagnostics {
        *m.entry(format!("{} {}", d.rule, serde_json::to_string(&d.target).unwrap())).or_insert(0) += 1;
    }
    m
}

#[test]
fn every_fix_resolves_its_finding_and_only_that() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let checker = Checker::new("auto").unwrap();
    let options = CheckOptions { today: Some("2026-11-23".into()), encoding: Encoding::Utf8, ..CheckOptions::default() };
    let mut applied = BTreeMap::<String, usize>::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let before = checker.check(&text, &options);
        let before_keys = keys(&before);
        for d in before.diagnostics.iter().filter(|d| !d.fixes.is_empty()) {
            let fix = &d.fixes[0];
            let edits: Vec<(Span, String)> = fix.edits.iter().map(|e| (Span::new(e.bytes.start, e.bytes.end), e.replacement.clone())).collect();
            let (new, used) = reportcheck::fix::apply(&text, edits.clone());
            assert_eq!(used.len(), edits.len(), "{}: a fix's own edits never clash", path.display());
            // Only the span changed: what is before and after it is as it was.
            let (first, last) = (edits[0].0, edits[edits.len() - 1].0);
            assert_eq!(&new[..first.start], &text[..first.start]);
            assert_eq!(&new[new.len() - (text.len() - last.end)..], &text[last.end..]);
            let after = keys(&checker.check(&new, &options));
            let key = format!("{} {}", d.rule, serde_json::to_string(&d.target).unwrap());
            assert!(after.get(&key).copied().unwrap_or(0) < before_keys[&key], "{}: fixing {key} ({}) left it", path.display(), fix.title);
            for (k, n) in &after {
                let was = before_keys.get(k).copied().unwrap_or(0);
                let allowed = d.rule.id() == "table.sum" && k.starts_with("table.sum")
                    // A date made readable is then judged like any date (2010年十二月三十日 is before the year's end).
                    || d.rule.id() == "date.invalid" && k.starts_with("date.")
                    // Inserting a missing heading leaves its section empty until it is written.
                    || d.rule.id() == "section.missing" && (k.starts_with("section.empty") || k.starts_with("section.order") || k.starts_with("topic.missing") || k.starts_with("table.missing") || k.starts_with("rule.skipped"));
                assert!(*n <= was || allowed, "{}: fixing {key} ({}) brought {k}", path.display(), fix.title);
            }
            *applied.entry(d.rule.id().to_string()).or_insert(0) += 1;
        }
    }
    for rule in ["date.invalid", "date.stale-year", "section.title-variant", "section.missing", "text.debris", "table.sum", "table.cell-blank"] {
        assert!(applied.contains_key(rule), "no fixture exercises the fixes of {rule}: {applied:?}");
    }
}
