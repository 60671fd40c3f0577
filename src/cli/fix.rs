//! `reportcheck fix`: the fixes of a report's findings, as a unified diff or written out.

use reportcheck::{CheckOptions, Checker, Span};
use std::process::ExitCode;

/// What `fix` is asked to do.
pub struct FixArgs {
    pub file: String,
    pub write: bool,
    pub output: Option<String>,
    pub in_place: bool,
    pub rules: Vec<String>,
    pub all: bool,
}

/// Print (or write) the fixes of `args.file`'s findings. Text files only are rewritten: a .html or
/// .docx file is checked as its text, whose diff is printed with a note that the file is not changed.
pub fn run(checker: &Checker, options: &CheckOptions, args: FixArgs, text: String, derived: bool) -> ExitCode {
    if derived && (args.write || args.in_place || args.output.is_some()) {
        return super::fail(&format!(
            "{}: .html and .docx files are not rewritten; the diff below shows the text fixes to make in Word or the editor (run without --write)",
            args.file
        ));
    }
    let options = CheckOptions { encoding: reportcheck::Encoding::Utf8, ..options.clone() };
    let result = checker.check(&text, &options);
    let wanted = |rule: &str| args.rules.is_empty() || args.rules.iter().any(|r| r == rule);
    let mut edits: Vec<(Span, String)> = Vec::new();
    let mut titles = Vec::new();
    for d in result.diagnostics.iter().filter(|d| wanted(d.rule.id())) {
        // The first fix of each finding; without --all only the safe ones.
        let Some(fix) = d.fixes.first().filter(|f| f.safe || args.all || !args.rules.is_empty()) else { continue };
        titles.push(format!("{}:{}: {} — {}", d.line, d.column, d.rule, fix.title));
        edits.extend(fix.edits.iter().map(|e| (Span::new(e.bytes.start, e.bytes.end), e.replacement.clone())));
    }
    let (new_text, used) = reportcheck::fix::apply(&text, edits);
    for t in &titles {
        eprintln!("{t}");
    }
    let after = checker.check(&new_text, &options);
    eprintln!(
        "{}：应用{}处修改；修改后{}个错误，{}个警告（修改前{}个错误，{}个警告）",
        args.file,
        used.len(),
        after.summary.errors,
        after.summary.warnings,
        result.summary.errors,
        result.summary.warnings
    );
    if args.write || args.in_place || args.output.is_some() {
        let target = match (&args.output, args.in_place) {
            (Some(o), _) => o.clone(),
            (None, true) => args.file.clone(),
            (None, false) => return super::fail("--write needs -o OUT, or --in-place to change the file itself"),
        };
        if target == "-" {
            print!("{new_text}");
        } else if let Err(e) = std::fs::write(&target, &new_text) {
            return super::fail(&format!("{target}: cannot write: {e}"));
        }
    } else {
        print!("{}", reportcheck::fix::unified_diff(&text, &used, &format!("a/{}", args.file), &format!("b/{}", args.file)));
    }
    ExitCode::SUCCESS
}
