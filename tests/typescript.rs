//! `www/reportcheck-types.d.ts` holds the TypeScript types of what crosses to JS (the check
//! options in, the result out), generated from the Rust types (ts-rs) so that they cannot drift
//! from what serde produces. The checker module's own types (`www/pkg/reportcheck.d.ts`) take
//! them in through `src/wasm.rs`. Regenerate with
//! `UPDATE_TS=1 cargo test --features ts --test typescript`.
#![cfg(all(not(target_arch = "wasm32"), feature = "ts"))]

use reportcheck::diagnostic::{EditOut, FixOut, Range, Related, VisiblePosition};
use reportcheck::{CheckOptions, CheckResult, ChecklistItem, Deadline, Diagnostic, Encoding, Lang, Level, SchemaUsed, SectionFound, Severity, Summary, Target};
use ts_rs::{Config, TS};

const HEADER: &str = "\
// Generated from the Rust types by tests/typescript.rs (ts-rs): do not edit by hand.
// Regenerate with `UPDATE_TS=1 cargo test --features ts --test typescript`.
";

/// One exported declaration, with its doc comment.
fn decl<T: TS>(cfg: &Config) -> String {
    format!("{}export {}\n", T::docs().unwrap_or_default(), layout(&T::decl(cfg)))
}

/// An object type that ts-rs writes on few lines (`type T = { a: A, /** … */ b: B, };`) laid out
/// one field per line, each after its doc comment: it reads well, and wasm-bindgen, which copies
/// the file into the checker module's types, re-indents by braces at the ends of lines (after a
/// line ending in `{`, until one starting with `}`). Anything else is returned as it is.
fn layout(decl: &str) -> String {
    let Some(open) = decl.find("= {").map(|i| i + 2) else { return decl.to_string() };
    // The object's top-level fields and doc comments, up to its closing brace.
    let mut entries: Vec<String> = Vec::new();
    let (mut field, mut depth, mut rest) = (String::new(), 0usize, &decl[open + 1..]);
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("/**") {
            let end = rest.find("*/").expect("a doc comment ends") + 2;
            entries.push(rest[..end].lines().map(|l| l.trim()).collect::<Vec<_>>().join("\n "));
            rest = &rest[end..];
            continue;
        }
        rest = &rest[c.len_utf8()..];
        match c {
            '{' | '[' | '(' | '<' => depth += 1,
            '}' if depth == 0 => {
                if rest.trim() != ";" {
                    return decl.to_string(); // a union of objects (an enum), not one object
                }
                break;
            }
            '}' | ']' | ')' | '>' => depth -= 1,
            ',' if depth == 0 => {
                entries.push(std::mem::take(&mut field).trim().to_string() + ",");
                continue;
            }
            _ => {}
        }
        field.push(c);
    }
    assert!(field.trim().is_empty(), "ts-rs ends every field with a comma: {decl}");
    let body: String = entries.iter().map(|e| e.lines().map(|l| format!("  {l}\n")).collect::<String>()).collect();
    format!("{}{{\n{body}}};", &decl[..open])
}

#[test]
fn typescript_types_are_up_to_date() {
    let cfg = Config::new();
    let decls = [
        // In: the options of `Checker.check`.
        decl::<CheckOptions>(&cfg),
        decl::<Lang>(&cfg),
        decl::<Encoding>(&cfg),
        decl::<Level>(&cfg),
        // Out: its result.
        decl::<CheckResult>(&cfg),
        decl::<Summary>(&cfg),
        decl::<SchemaUsed>(&cfg),
        decl::<reportcheck::Selected>(&cfg),
        decl::<Deadline>(&cfg),
        decl::<reportcheck::checker::TableRead>(&cfg),
        decl::<reportcheck::bind::ColumnsBy>(&cfg),
        decl::<ChecklistItem>(&cfg),
        decl::<reportcheck::ItemKind>(&cfg),
        decl::<reportcheck::ItemState>(&cfg),
        decl::<SectionFound>(&cfg),
        decl::<Diagnostic>(&cfg),
        decl::<Severity>(&cfg),
        decl::<Target>(&cfg),
        decl::<Range>(&cfg),
        decl::<Related>(&cfg),
        decl::<VisiblePosition>(&cfg),
        decl::<FixOut>(&cfg),
        decl::<EditOut>(&cfg),
    ];
    let text = format!("{HEADER}\n{}", decls.join("\n"));
    // Every type a declaration names is declared here too (a type added to the results but not
    // to the list above would leave a dangling name in the .d.ts).
    let declared: Vec<&str> = text.lines().filter_map(|l| l.strip_prefix("export type ")).filter_map(|l| l.split([' ', '<']).next()).collect();
    for line in text.lines().filter(|l| !l.trim_start().starts_with('*') && !l.trim_start().starts_with("/*")) {
        for word in line.split(|c: char| !c.is_ascii_alphanumeric() && c != '_') {
            if word.starts_with(|c: char| c.is_ascii_uppercase())
                && line.contains(&format!(": {word}")) | line.contains(&format!("<{word}")) | line.contains(&format!("| {word}"))
            {
                assert!(
                    declared.contains(&word) || ["Array", "Record", "Partial"].contains(&word),
                    "www/reportcheck-types.d.ts uses `{word}` without declaring it: add it to the list in tests/typescript.rs"
                );
            }
        }
    }
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/reportcheck-types.d.ts");
    if std::env::var_os("UPDATE_TS").is_some() {
        std::fs::write(path, &text).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(committed == text, "www/reportcheck-types.d.ts is stale; regenerate it (see this file's header)");
}
