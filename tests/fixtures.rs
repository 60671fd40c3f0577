//! Data-driven fixture tests: every `tests/fixtures/*.txt` (that folder only, not its
//! subfolders `html/`, `docx/`, `previous/` …) is checked exactly as written, and the result,
//! rendered as text, is compared with `tests/fixtures/<name>.expected`.
//!
//! Options live in an optional sidecar `tests/fixtures/<name>.options`, never in the report, so
//! the checker sees the text as written and line numbers are the report's own. One `key = value`
//! a line; blank lines and lines starting with `#` are skipped; each key at most once:
//!
//! - `today` — `YYYY-MM-DD`, the date `date.future` compares with (default `2026-11-23`);
//! - `reporter` — who reports, as `CheckOptions::reporter` reads it from JSON (`government` |
//!   `department`); default: taken from the title;
//! - `schema` — a built-in schema id (`cn-ogi-2021`, `cn-ogi-2019`, `cn-ogi-2008`,
//!   `cn-ogi-text`) or `auto` (default);
//! - `lang` — `zh` (default) or `en`: the language of the messages on each finding's first line
//!   and of the header; the other language's texts follow on continuation lines.
//!
//! An unknown key, a repeated key or a value the options refuse fails the test, naming the file.
//!
//! Snapshot format: `#` header lines (summary, tables read, sections found, checklist), then one
//! finding per line, `line:col-endline:endcol severity rule target message`, followed by indented
//! continuation lines: the message in the other language, `expected`/`actual`, `related` (and
//! `related previous`) places, and `fix` lines with their `edit`s (positions in the report, the
//! text replaced and its replacement).
//!
//! A snapshot that differs is shown as a unified diff. Review every changed line by hand;
//! regenerate (also to create a missing `.expected`) with
//! `UPDATE_EXPECT=1 cargo test --test fixtures`. An `.expected` or `.options` without its `.txt`
//! fails the test (an orphan).
#![cfg(not(target_arch = "wasm32"))]

use reportcheck::{CheckOptions, CheckResult, Checker, Diagnostic, Lang, LineIndex};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

const TODAY: &str = "2026-11-23";
const KEYS: &[&str] = &["today", "reporter", "schema", "lang"];

/// A fixture's settings: the schema id and the check options.
struct Settings {
    schema: String,
    options: CheckOptions,
}

/// Read `<name>.options` if there is one; an error names the file and what is wrong.
fn settings(options_path: &Path) -> Result<Settings, String> {
    let shown = options_path.display();
    let mut given = BTreeMap::new();
    if options_path.exists() {
        let text = std::fs::read_to_string(options_path).map_err(|e| format!("{shown}: {e}"))?;
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((key, value)) = line.split_once('=') else {
                return Err(format!("{shown}:{}: `{line}` is not `key = value`", i + 1));
            };
            let (key, value) = (key.trim(), value.trim());
            if !KEYS.contains(&key) {
                return Err(format!("{shown}:{}: unknown key `{key}` (known: {})", i + 1, KEYS.join(", ")));
            }
            if given.insert(key.to_string(), value.to_string()).is_some() {
                return Err(format!("{shown}:{}: key `{key}` given twice", i + 1));
            }
        }
    }
    let schema = given.remove("schema").unwrap_or_else(|| "auto".into());
    given.entry("today".into()).or_insert_with(|| TODAY.into());
    // The remaining keys are CheckOptions fields: read them as the options' JSON reads them.
    let json = serde_json::Value::Object(given.into_iter().map(|(k, v)| (k, serde_json::Value::String(v))).collect());
    let options = CheckOptions::from_value(json).map_err(|e| format!("{shown}: {e}"))?;
    Ok(Settings { schema, options })
}

fn other(lang: Lang) -> Lang {
    match lang {
        Lang::Zh => Lang::En,
        Lang::En => Lang::Zh,
    }
}

fn lang_id(lang: Lang) -> String {
    serde_json::to_value(lang).unwrap().as_str().unwrap().to_string()
}

fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// `result` (messages in the fixture's language) and `alt` (the same check in the other
/// language), as the snapshot text.
fn render(text: &str, result: &CheckResult, alt: &CheckResult, alt_lang: Lang) -> String {
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
    writeln!(out, "# title {:?}, schema {}, {} errors, {} warnings, {} infos", s.title, s.schema.selected, s.errors, s.warnings, s.infos).unwrap();
    let todo: Vec<String> = result.checklist.iter().filter(|c| c.state.to_string() != "ok").map(|c| format!("{}:{}={}", c.kind, c.id, c.state)).collect();
    let tables: Vec<String> = s.tables.iter().map(|t| format!("{}={}", t.id, t.columns)).collect();
    writeln!(out, "# tables read: {}", tables.join(", ")).unwrap();
    let sections: Vec<&str> = result.sections.iter().map(|x| x.id.as_str()).collect();
    writeln!(out, "# sections found: {}", sections.join(", ")).unwrap();
    writeln!(out, "# checklist {}/{} ok; not ok: {}", result.checklist.len() - todo.len(), result.checklist.len(), todo.join(", ")).unwrap();

    assert_eq!(result.diagnostics.len(), alt.diagnostics.len(), "the check in the other language found as many");
    let index = LineIndex::new(text);
    let at = |byte: usize| {
        let p = index.position(byte);
        format!("{}:{}", p.line, p.column)
    };
    let alt_id = lang_id(alt_lang);
    for (d, a) in result.diagnostics.iter().zip(&alt.diagnostics) {
        render_one(&mut out, text, d, a, &alt_id, &at);
    }
    out
}

fn render_one(out: &mut String, text: &str, d: &Diagnostic, a: &Diagnostic, alt_id: &str, at: &dyn Fn(usize) -> String) {
    assert_eq!((d.rule, d.bytes, &d.target), (a.rule, a.bytes, &a.target), "the check in the other language found the same, in the same order");
    // The crate's own line and column agree with the index used for edits below.
    assert_eq!(at(d.bytes.start), format!("{}:{}", d.line, d.column));
    assert_eq!(at(d.bytes.end), format!("{}:{}", d.end_line, d.end_column));
    let target = d.target.as_ref().map(|t| format!(" {}", serde_json::to_string(t).unwrap())).unwrap_or_default();
    writeln!(out, "{}:{}-{}:{} {} {}{} {}", d.line, d.column, d.end_line, d.end_column, d.severity, d.rule, target, d.message).unwrap();
    writeln!(out, "    {alt_id}: {}", a.message).unwrap();
    match (&d.expected, &d.actual) {
        (None, None) => {}
        (e, a) => {
            let show = |v: &Option<String>| v.as_deref().map(quote).unwrap_or_else(|| "-".into());
            writeln!(out, "    expected {}, actual {}", show(e), show(a)).unwrap();
        }
    }
    assert_eq!(d.related.len(), a.related.len());
    for (r, ra) in d.related.iter().zip(&a.related) {
        let kind = if r.previous { "related previous" } else { "related" };
        writeln!(out, "    {kind} {}:{} {}", r.line, r.column, r.message).unwrap();
        writeln!(out, "        {alt_id}: {}", ra.message).unwrap();
    }
    if let Some(v) = &d.visible {
        writeln!(out, "    visible {}:{}", v.line, v.column).unwrap();
    }
    if let Some(p) = d.paragraph {
        writeln!(out, "    paragraph {p}").unwrap();
    }
    if let Some([t, r, c]) = d.cell {
        writeln!(out, "    cell table {t} row {r} column {c}").unwrap();
    }
    assert_eq!(d.fixes.len(), a.fixes.len());
    for (f, fa) in d.fixes.iter().zip(&a.fixes) {
        writeln!(out, "    fix ({}) {}", if f.safe { "safe" } else { "not safe" }, f.title).unwrap();
        writeln!(out, "        {alt_id}: {}", fa.title).unwrap();
        for e in &f.edits {
            let (s, t) = (e.bytes.start, e.bytes.end);
            writeln!(out, "        edit {}-{} {} -> {}", at(s), at(t), quote(&text[s..t]), quote(&e.replacement)).unwrap();
        }
    }
}

/// One fixture: its snapshot as it is now, or why it cannot be made.
fn run(path: &Path, checkers: &mut BTreeMap<String, Checker>) -> Result<String, String> {
    let settings = settings(&path.with_extension("options"))?;
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if !checkers.contains_key(&settings.schema) {
        let checker = Checker::new(&settings.schema).map_err(|e| format!("{}: schema `{}`: {e}", path.with_extension("options").display(), settings.schema))?;
        checkers.insert(settings.schema.clone(), checker);
    }
    let checker = &checkers[&settings.schema];
    let alt_lang = other(settings.options.lang);
    let result = checker.check(&text, &settings.options);
    let alt = checker.check(&text, &CheckOptions { lang: alt_lang, ..settings.options.clone() });
    Ok(render(&text, &result, &alt, alt_lang))
}

fn diff(expected: &str, actual: &str, expected_path: &Path) -> String {
    similar::TextDiff::from_lines(expected, actual).unified_diff().context_radius(3).header(&expected_path.display().to_string(), "actual").to_string()
}

#[test]
fn fixtures_match_their_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let update = std::env::var("UPDATE_EXPECT").is_ok_and(|v| !v.is_empty() && v != "0");
    let mut checkers = BTreeMap::new();
    let mut failures = Vec::new();
    // Files directly in tests/fixtures only: the subfolders hold other inputs.
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
    files.sort();
    let has_ext = |p: &Path, ext: &str| p.extension().is_some_and(|e| e == ext);
    for orphan in files.iter().filter(|p| (has_ext(p, "expected") || has_ext(p, "options")) && !p.with_extension("txt").is_file()) {
        failures.push(format!("{}: orphan, there is no {}", orphan.display(), orphan.with_extension("txt").display()));
    }
    let mut seen = 0;
    for path in files.iter().filter(|p| has_ext(p, "txt")) {
        seen += 1;
        let actual = match run(path, &mut checkers) {
            Ok(actual) => actual,
            Err(e) => {
                failures.push(e);
                continue;
            }
        };
        let expected_path = path.with_extension("expected");
        if update {
            std::fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        match std::fs::read_to_string(&expected_path) {
            Err(_) => failures.push(format!("{}: no snapshot {}; create it with UPDATE_EXPECT=1 and review it", path.display(), expected_path.display())),
            Ok(expected) if expected != actual => failures.push(diff(&expected, &actual, &expected_path)),
            Ok(_) => {}
        }
    }
    assert!(seen >= 8, "fixtures missing: found {seen}");
    assert!(
        failures.is_empty(),
        "{} fixture(s) failed:\n\n{}\nRegenerate with `UPDATE_EXPECT=1 cargo test --test fixtures`, then review every changed line (git diff tests/fixtures).",
        failures.len(),
        failures.join("\n")
    );
}
