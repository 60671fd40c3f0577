//! `reportcheck fix`: the fixes of a report's findings, as a unified diff or written out.

use super::input::{encode, Form};
use reportcheck::{CheckOptions, Checker, Diagnostic, Span};
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

/// Print (or write) the fixes of `args.file`'s findings. Text files only are rewritten, in the
/// encoding they were read in (`form`), with their line ends: a .html or .docx file is checked as
/// its text, whose diff is printed with a note that the file is not changed.
pub fn run(checker: &Checker, options: &CheckOptions, args: FixArgs, text: String, form: Option<Form>) -> ExitCode {
    let writing = args.write || args.in_place || args.output.is_some();
    if writing && form.is_none() {
        return super::fail(&format!(
            "{}: .html and .docx files are not rewritten; the diff below shows the text fixes to make in Word or the editor (run without --write)",
            args.file
        ));
    }
    let form = form.unwrap_or(Form::Utf8 { bom: false });
    let options = CheckOptions { encoding: reportcheck::Encoding::Utf8, ..options.clone() };
    let result = checker.check(&text, &options);
    let wanted = |rule: &str| args.rules.is_empty() || args.rules.iter().any(|r| r == rule);
    // Inserted lines end as the file's lines do.
    let crlf = text.matches("\r\n").count() * 2 > text.matches('\n').count();
    // (title, edits) of each fix to apply.
    let mut chosen: Vec<(String, Vec<(Span, String)>)> = Vec::new();
    let mut taken: Vec<(&Diagnostic, Vec<Span>)> = Vec::new();
    for d in result.diagnostics.iter().filter(|d| wanted(d.rule.id())) {
        // The first fix of each finding; without --all only the safe ones.
        let Some(fix) = d.fixes.first().filter(|f| f.safe || args.all || !args.rules.is_empty()) else { continue };
        let spans: Vec<Span> = fix.edits.iter().map(|e| Span::new(e.bytes.start, e.bytes.end)).collect();
        let title = format!("{}:{}: {} — {}", d.line, d.column, d.rule, fix.title);
        // Two fixes whose cells feed one identity (a row total and a column total through a
        // shared cell) each assume the other's cells as they are: applied together they
        // contradict. The first is applied, the other waits for a check of the fixed text.
        if let Some((other, _)) = taken.iter().find(|(o, o_spans)| feeds(o, &spans) || feeds(d, o_spans)) {
            eprintln!("{title}：未应用：与{}:{}的修改涉及同一勾稽关系的单元格，请应用后重新运行", other.line, other.column);
            continue;
        }
        let edits = fix
            .edits
            .iter()
            .map(|e| {
                // Inserted lines end as the file's lines do.
                let replacement = if crlf { crlf_line_ends(&e.replacement) } else { e.replacement.clone() };
                (Span::new(e.bytes.start, e.bytes.end), replacement)
            })
            .collect();
        chosen.push((title, edits));
        taken.push((d, spans));
    }
    let apply = |chosen: &[&(String, Vec<(Span, String)>)]| reportcheck::fix::apply(&text, chosen.iter().flat_map(|c| c.1.iter().cloned()).collect());
    let mut kept: Vec<&(String, Vec<(Span, String)>)> = chosen.iter().collect();
    let (mut new_text, mut used) = apply(&kept);
    let mut after = if used.is_empty() { result.clone() } else { checker.check(&new_text, &options) };
    // Fixes picked by rule (--rule) are applied as asked; a batch (the safe ones, --all) is not
    // allowed to add errors.
    let batch = args.rules.is_empty();
    if batch && after.summary.errors > result.summary.errors {
        // The batch adds errors: keep each fix only if, with those kept before it, it adds none.
        kept.clear();
        let mut errors = result.summary.errors;
        for c in &chosen {
            kept.push(c);
            let (t, _) = apply(&kept);
            let n = checker.check(&t, &options).summary.errors;
            if n > errors {
                kept.pop();
                eprintln!("{}：未应用：与其他修改一起应用后错误增多（{errors}→{n}个）", c.0);
            } else {
                errors = n;
            }
        }
        (new_text, used) = apply(&kept);
        after = checker.check(&new_text, &options);
    }
    for (title, _) in &kept {
        eprintln!("{title}");
    }
    eprintln!(
        "{}：应用{}处修改；修改后{}个错误，{}个警告（修改前{}个错误，{}个警告）",
        args.file,
        used.len(),
        after.summary.errors,
        after.summary.warnings,
        result.summary.errors,
        result.summary.warnings
    );
    if batch && after.summary.errors > result.summary.errors {
        // Fixes that overlap are dropped by `apply`, so the re-check is the last word.
        return super::fail(&format!(
            "{}: these fixes together add errors ({} before, {} after), so nothing is written; apply them one rule at a time (--rule ID) and check each",
            args.file, result.summary.errors, after.summary.errors
        ));
    }
    if !writing {
        return super::print_out(reportcheck::fix::unified_diff(&text, &used, &format!("a/{}", args.file), &format!("b/{}", args.file)).as_bytes());
    }
    let target = match (&args.output, args.in_place) {
        (Some(o), _) => o.clone(),
        (None, true) => args.file.clone(),
        (None, false) => return super::fail("--write needs -o OUT, or --in-place to change the file itself"),
    };
    if target == "-" {
        return super::print_out(new_text.as_bytes());
    }
    if used.is_empty() && target == args.file {
        eprintln!("{}：没有可应用的修改，文件未改动", args.file);
        return ExitCode::SUCCESS;
    }
    match replace_file(std::path::Path::new(&target), &encode(&new_text, form)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if target == args.file => super::fail(&format!("{target}: cannot write: {e}; the file is unchanged (原文件未改动)")),
        Err(e) => super::fail(&format!("{target}: cannot write: {e}; nothing was written")),
    }
}

/// Whether `d`'s places — where it is and the cells it names as related (the identity's other
/// cells) — include one of `spans`.
fn feeds(d: &Diagnostic, spans: &[Span]) -> bool {
    if d.related.iter().all(|r| r.previous) {
        return false;
    }
    let mut places =
        std::iter::once(Span::new(d.bytes.start, d.bytes.end)).chain(d.related.iter().filter(|r| !r.previous).map(|r| Span::new(r.bytes.start, r.bytes.end)));
    places.any(|p| spans.iter().any(|s| s.start < p.end.max(p.start + 1) && p.start < s.end.max(s.start + 1)))
}

/// `s` with each line break written CRLF.
fn crlf_line_ends(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\n', "\r\n")
}

/// Replace the file at `path` (following a symlink to the file it names) with `bytes`, atomically:
/// a temporary file beside it is written, flushed to disk and renamed over it, keeping its
/// permissions. On any failure the file is as it was and the temporary file is removed. Of two
/// runs at once, each replaces the whole file; the last rename wins.
pub fn replace_file(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = match real.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = real.file_name().map_or_else(|| "report".into(), |n| n.to_string_lossy().into_owned());
    let permissions = std::fs::metadata(&real).ok().map(|m| m.permissions());
    let (tmp, mut file) = (0..100)
        .find_map(|n| {
            let tmp = dir.join(format!(".{name}.reportcheck-{}-{n}.tmp", std::process::id()));
            match std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp) {
                Ok(f) => Some(Ok((tmp, f))),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => None,
                Err(e) => Some(Err(e)),
            }
        })
        .unwrap_or_else(|| Err(std::io::Error::new(std::io::ErrorKind::AlreadyExists, "no free temporary file name beside it")))?;
    let written =
        file.write_all(bytes).and_then(|()| file.sync_all()).and_then(|()| permissions.map_or(Ok(()), |p| std::fs::set_permissions(&tmp, p))).and_then(|()| {
            drop(file);
            std::fs::rename(&tmp, &real)
        });
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
        return written;
    }
    // The rename itself reaches the disk with the directory (best effort: not every system syncs one).
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}
