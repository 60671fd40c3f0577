//! Argument parsing and output formats. No rule logic lives here.

mod fix;
mod input;
mod output;

use clap::{Parser, Subcommand, ValueEnum};
use reportcheck::{schema, CheckOptions, Checker, Date, Lang, Level, Rule};
use std::io::Read;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "reportcheck", version, about = "检查政府信息公开工作年度报告草稿 — checks draft government-information-disclosure annual reports")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check report files and folders (`-` reads standard input). Exit 0: no errors; 1: errors found; 2: could not check.
    Check {
        /// `auto` (pick by report year), a built-in schema id, or a path to a JSON schema file.
        #[arg(long, default_value = "auto")]
        schema: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Language of messages.
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
        /// The date to check against, YYYY-MM-DD (default: the system date).
        #[arg(long, value_parser = parse_today)]
        today: Option<String>,
        /// What `start`/`end` are in with `--format json`: UTF-16 code units (as JS counts) or UTF-8 bytes.
        #[arg(long, value_enum, default_value_t = EncodingArg::Utf16)]
        encoding: EncodingArg,
        /// How to read the files; default: by extension (.html/.htm → html, .docx → docx, else text).
        #[arg(long, value_enum)]
        input: Option<InputArg>,
        /// Who reports, when the title and 落款 do not tell (decides the deadline): an id of the
        /// schema's `reporters` — `government` (a people's government's own report) or
        /// `department` in the built-in formats; a provincial schema may add its own.
        #[arg(long, value_name = "ID")]
        reporter: Option<String>,
        /// Override a rule's severity, e.g. `--rule section.order=off` (repeatable).
        #[arg(long = "rule", value_name = "ID=LEVEL", value_parser = parse_rule)]
        rules: Vec<(String, Level)>,
        /// Last year's report (text, .html or .docx), for the cross-year checks (previous.*).
        #[arg(long, value_name = "FILE")]
        previous: Option<String>,
        /// Report files (UTF-8, UTF-16 with BOM, or GB18030/GBK), or folders: every .txt, .html,
        /// .htm and .docx file in them and their subfolders, in name order. Files are checked in
        /// parallel; the output keeps the order given.
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// Show the fixes of a report's findings as a unified diff (safe fixes; --all or --rule for the
    /// others), or write them. The fixed text is checked again and the counts printed.
    Fix {
        #[arg(long, default_value = "auto")]
        schema: String,
        #[arg(long, value_parser = parse_today)]
        today: Option<String>,
        /// Only the fixes of these rules (repeatable), e.g. `--rule table.cell-blank`.
        #[arg(long = "rule", value_name = "ID")]
        rules: Vec<String>,
        /// Also the fixes that need a drafter's judgement (table totals, blank cells as 0, inserted headings).
        #[arg(long)]
        all: bool,
        /// Write the fixed text (to -o OUT, or with --in-place to the file itself) instead of printing a diff.
        #[arg(long)]
        write: bool,
        #[arg(short = 'o', value_name = "OUT")]
        output: Option<String>,
        #[arg(long)]
        in_place: bool,
        /// Last year's report, as for `check`.
        #[arg(long, value_name = "FILE")]
        previous: Option<String>,
        file: String,
    },
    /// List the built-in schemas.
    Schemas,
    /// Print a built-in schema's JSON, to start a custom one from (`schema cn-ogi-2021`), or run
    /// schemas' examples (`schema test FILE…`).
    #[command(args_conflicts_with_subcommands = true)]
    Schema {
        #[command(subcommand)]
        action: Option<SchemaAction>,
        /// A built-in schema id.
        id: Option<String>,
    },
    /// List the rule ids with their default severity.
    Rules,
}

#[derive(Subcommand)]
enum SchemaAction {
    /// Run the `examples` of schema files (or built-in ids): every text a pattern, topic or table
    /// row says it flags or lets pass. Exit 0: all hold; 1: some do not; 2: a schema cannot be read.
    Test {
        /// Schema files (JSON) or built-in ids.
        #[arg(required = true)]
        schemas: Vec<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Sarif,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum InputArg {
    Text,
    Html,
    Docx,
}

#[derive(Clone, Copy, ValueEnum)]
enum EncodingArg {
    Utf16,
    Utf8,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

fn parse_today(s: &str) -> Result<String, String> {
    Date::parse_iso(s).map(|d| d.to_string()).ok_or_else(|| format!("`{s}` is not a date written YYYY-MM-DD, e.g. 2026-11-23"))
}

/// The system date (UTC).
fn system_today() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    Date::from_unix_days((secs / 86_400) as i64).to_string()
}

fn parse_rule(s: &str) -> Result<(String, Level), String> {
    let (id, level) = s.split_once('=').ok_or_else(|| format!("`{s}`: write ID=LEVEL, e.g. section.order=off"))?;
    if Rule::from_id(id).is_none() {
        return Err(format!("unknown rule id `{id}`; `reportcheck rules` lists them"));
    }
    let level = match level {
        "off" => Level::Off,
        "info" => Level::Info,
        "warning" => Level::Warning,
        "error" => Level::Error,
        _ => return Err(format!("`{level}` is not a level; use error, warning, info or off")),
    };
    Ok((id.to_string(), level))
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Schemas => {
            let mut out = String::new();
            for id in schema::builtin_ids() {
                let s = reportcheck::Schema::builtin(id).expect("built-in schemas load");
                out.push_str(&format!("{id}\t{}\n", s.title));
            }
            out.push_str(
                "auto\t按报告年度选择：2008—2018 → cn-ogi-2008，2019—2020 → cn-ogi-2019，2021起 → cn-ogi-2021；年度不明时按内容判断，仍不明则只做通用文字检查\n",
            );
            print_out(out.as_bytes())
        }
        Command::Schema { action: Some(SchemaAction::Test { schemas }), .. } => test_schemas(&schemas),
        Command::Schema { action: None, id: None } => {
            fail("name a built-in schema (`reportcheck schemas` lists them), or `reportcheck schema test FILE` to run a schema's examples")
        }
        Command::Schema { action: None, id: Some(id) } => match schema::builtin_json(&id) {
            Some(json) => {
                // Embedded minified; printed readable, as a starting point for a custom schema.
                let value: serde_json::Value = serde_json::from_str(json).expect("built-in schemas are valid JSON");
                print_out(format!("{}\n", serde_json::to_string_pretty(&value).expect("a JSON value serializes")).as_bytes())
            }
            None => fail(&format!("unknown schema `{id}`; `reportcheck schemas` lists them")),
        },
        Command::Rules => {
            let out: String = Rule::ALL.iter().map(|r| format!("{}\t{}\t{}\n", r.id(), r.default_severity(), r.summary_zh())).collect();
            print_out(out.as_bytes())
        }
        Command::Fix { schema, today, rules, all, write, output, in_place, previous, file } => {
            if let Some(r) = rules.iter().find(|r| Rule::from_id(r).is_none()) {
                return fail(&format!("unknown rule id `{r}`; `reportcheck rules` lists them"));
            }
            let checker = match load_checker(&schema) {
                Ok(c) => c,
                Err(e) => return fail(&e),
            };
            let previous = match previous.as_deref().map(previous_text).transpose() {
                Ok(p) => p,
                Err(e) => return fail(&e),
            };
            let (text, form) = match report_text(&file) {
                Ok(t) => t,
                Err(e) => return fail(&e),
            };
            if let Some(why) = reportcheck::input::refuse_text(&text) {
                return fail(&format!("{file}: {}", why.en));
            }
            let options = CheckOptions { today: Some(today.unwrap_or_else(system_today)), previous, ..CheckOptions::default() };
            fix::run(&checker, &options, fix::FixArgs { file, write, output, in_place, rules, all }, text, form)
        }
        Command::Check { schema, format, lang, today, encoding, input, reporter, rules, previous: previous_file, files } => {
            let previous = match previous_file.as_deref().map(previous_text).transpose() {
                Ok(p) => p,
                Err(e) => return fail(&e),
            };
            let checker = match load_checker(&schema) {
                Ok(c) => c,
                Err(e) => return fail(&e),
            };
            let options = CheckOptions {
                lang: match lang {
                    LangArg::Zh => Lang::Zh,
                    LangArg::En => Lang::En,
                },
                encoding: match encoding {
                    EncodingArg::Utf16 => reportcheck::Encoding::Utf16,
                    EncodingArg::Utf8 => reportcheck::Encoding::Utf8,
                },
                rules: rules.into_iter().collect(),
                today: Some(today.unwrap_or_else(system_today)),
                reporter,
                previous,
            };
            let files = match expand(&files) {
                Ok(f) => f,
                Err(e) => return fail(&e),
            };
            let started = std::time::Instant::now();
            let reports = match check_all(&checker, &files, input, &options, previous_file.as_deref()) {
                Ok(r) => r,
                Err(e) => return fail(&e),
            };
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            let written = match format {
                Format::Text => output::text(&mut out, &reports, options.lang),
                Format::Json => output::json(&mut out, &reports),
                Format::Sarif => output::sarif(&mut out, &reports, options.lang),
            };
            if let Err(e) = written {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return fail(&format!("cannot write output: {e}"));
                }
            }
            drop(out);
            if reports.len() > 1 {
                // On standard error, so that JSON and SARIF on standard output stay one document.
                eprintln!("{}", total(&reports, started.elapsed(), options.lang));
            }
            if reports.iter().any(|r| r.result.summary.errors > 0) {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
    }
}

/// A file to check: where it is, and its name as shown (lossily, when it is not valid UTF-8).
struct Named {
    path: std::path::PathBuf,
    shown: String,
}

/// Check one file as its extension (or `--input`) says. A text over the checker's limits is
/// refused here, as an oversized file is: both are "could not check" (exit 2).
fn check_file(checker: &Checker, file: &Named, input: Option<InputArg>, options: &CheckOptions) -> Result<output::FileReport, String> {
    let shown = &file.shown;
    let lower = shown.to_ascii_lowercase();
    if input == Some(InputArg::Docx) || (input.is_none() && (lower.ends_with(".docx") || lower.ends_with(".doc"))) {
        let bytes = read_bytes(&file.path).map_err(|e| format!("{shown}: {e}"))?;
        let text = match reportcheck::input::docx::read(&bytes) {
            Ok(d) => d.text,
            Err(e @ (reportcheck::input::docx::DocxError::TooLarge(_) | reportcheck::input::docx::DocxError::TextTooLong(_))) => {
                return Err(format!("{shown}: {}", e.message().en))
            }
            Err(_) => String::new(),
        };
        if let Some(why) = reportcheck::input::refuse_text(&text) {
            return Err(format!("{shown}: {}", why.en));
        }
        let result = checker.check_docx(&bytes, options);
        return Ok(output::FileReport { path: shown.clone(), text, visible: None, encoding: "docx", result, previous: None });
    }
    let decoded = read_bytes(&file.path).and_then(|b| input::decode(&b)).map_err(|e| format!("{shown}: {e}"))?;
    let html = input.map_or(lower.ends_with(".html") || lower.ends_with(".htm"), |i| i == InputArg::Html);
    let (result, visible) = if html {
        let visible = reportcheck::input::html::visible_text(&decoded.text).text;
        if let Some(why) = reportcheck::input::refuse_text(&visible) {
            return Err(format!("{shown}: {}", why.en));
        }
        (checker.check_html(&decoded.text, options), Some(visible))
    } else {
        if let Some(why) = reportcheck::input::refuse_text(&decoded.text) {
            return Err(format!("{shown}: {}", why.en));
        }
        (checker.check(&decoded.text, options), None)
    };
    Ok(output::FileReport { path: shown.clone(), text: decoded.text, visible, encoding: decoded.encoding, result, previous: None })
}

/// The files named, with each folder replaced by the reports in it (recursively, in name order).
/// Links to folders are not followed (a link loop would never end; a link to a folder already
/// walked would check its reports again); links to files are. What is not a regular file (a
/// FIFO, a socket, a device) is skipped with a note on standard error, as it could block or never end.
/// A name that is not valid UTF-8 is kept as it is for opening and shown lossily.
fn expand(args: &[String]) -> Result<Vec<Named>, String> {
    const REPORTS: [&str; 4] = ["txt", "html", "htm", "docx"];
    fn walk(dir: &std::path::Path, out: &mut Vec<Named>) -> Result<(), String> {
        let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: cannot read the folder: {e}", dir.display()))?;
        let mut paths: Vec<std::path::PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            let Ok(link) = std::fs::symlink_metadata(&path) else { continue };
            if link.is_dir() {
                walk(&path, out)?;
                continue;
            }
            let is_report = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).is_some_and(|e| REPORTS.contains(&e.as_str()));
            if !is_report {
                continue;
            }
            let shown = path.to_string_lossy().into_owned();
            // A link is followed to what it names: a file is checked, a folder is not walked.
            match std::fs::metadata(&path) {
                Ok(m) if m.is_file() => out.push(Named { path, shown }),
                Ok(m) if m.is_dir() => eprintln!("reportcheck: note: {shown}: a link to a folder, not followed"),
                Ok(_) => eprintln!("reportcheck: note: {shown}: not a regular file (a FIFO, socket or device), skipped"),
                Err(_) if link.file_type().is_symlink() => eprintln!("reportcheck: note: {shown}: a broken link, skipped"),
                Err(e) => eprintln!("reportcheck: note: {shown}: {e}, skipped"),
            }
        }
        Ok(())
    }
    let mut files = Vec::with_capacity(args.len());
    for arg in args {
        if arg != "-" && std::path::Path::new(arg).is_dir() {
            let before = files.len();
            walk(std::path::Path::new(arg), &mut files)?;
            if files.len() == before {
                return Err(format!("{arg}: no .txt, .html, .htm or .docx files in this folder"));
            }
        } else {
            files.push(Named { path: arg.into(), shown: arg.clone() });
        }
    }
    Ok(files)
}

/// Check `files` on every core (std threads taking the next file in turn), and return the reports
/// in the order given, or the first file that could not be read (as one file alone would).
/// A run long enough to wait for shows a progress line on a terminal.
fn check_all(
    checker: &Checker,
    files: &[Named],
    input: Option<InputArg>,
    options: &CheckOptions,
    previous: Option<&str>,
) -> Result<Vec<output::FileReport>, String> {
    use std::io::IsTerminal;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(files.len()).max(1);
    // Standard input is read once, by the first worker that reaches it; it is one file among the rest.
    let slots: Vec<Mutex<Option<Result<output::FileReport, String>>>> = files.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(file) = files.get(i) else { break };
                let report = check_file(checker, file, input, options).map(|mut r| {
                    // Places in last year's report are named by its file.
                    r.previous = previous.map(str::to_string);
                    r
                });
                *slots[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(report);
                done.fetch_add(1, Ordering::Release);
            });
        }
        let stderr = std::io::stderr();
        if stderr.is_terminal() && files.len() > 1 {
            let started = std::time::Instant::now();
            let mut shown = false;
            while done.load(Ordering::Acquire) < files.len() {
                std::thread::sleep(std::time::Duration::from_millis(100));
                // Only a run that takes a while gets a progress line; a quick one prints nothing extra.
                if started.elapsed() >= std::time::Duration::from_millis(500) {
                    eprint!("\r\x1b[2K{}/{} …", done.load(Ordering::Acquire), files.len());
                    shown = true;
                }
            }
            if shown {
                eprint!("\r\x1b[2K");
            }
        }
    });
    slots.into_iter().map(|slot| slot.into_inner().unwrap_or_else(|e| e.into_inner()).expect("every file was checked")).collect()
}

/// The one-line total after several files.
fn total(reports: &[output::FileReport], took: std::time::Duration, lang: Lang) -> String {
    let sum = |f: fn(&reportcheck::Summary) -> usize| reports.iter().map(|r| f(&r.result.summary)).sum::<usize>();
    let (errors, warnings, infos) = (sum(|s| s.errors), sum(|s| s.warnings), sum(|s| s.infos));
    let failing = reports.iter().filter(|r| r.result.summary.errors > 0).count();
    let secs = took.as_secs_f64();
    match lang {
        Lang::Zh => format!(
            "共检查{}个文件，{failing}个有错误、{}个可以提交；共{errors}个错误，{warnings}个警告，{infos}个提示；用时{secs:.2}秒",
            reports.len(),
            reports.len() - failing
        ),
        Lang::En => format!(
            "{} files checked, {failing} with errors, {} ready to submit; {errors} errors, {warnings} warnings, {infos} infos in all; {secs:.2} s",
            reports.len(),
            reports.len() - failing
        ),
    }
}

/// `reportcheck schema test`: each schema's examples, one line per schema, one per failure.
fn test_schemas(names: &[String]) -> ExitCode {
    let mut failed = false;
    for name in names {
        let schema = if schema::builtin_json(name).is_some() {
            reportcheck::Schema::builtin(name).map_err(|e| e.to_string())
        } else {
            read_schema(name).map_err(|e| format!("cannot read it: {e}")).and_then(|json| reportcheck::Schema::from_json(&json).map_err(|e| e.to_string()))
        };
        let compiled = match schema.and_then(|s| reportcheck::CompiledSchema::new(s).map_err(|e| e.to_string())) {
            Ok(c) => c,
            Err(e) => return fail(&format!("{name}: {e}")),
        };
        let (ran, failures) = reportcheck::examples::run(&compiled);
        let mut out: String = failures.iter().map(|f| format!("{name}: {}: “{}”: {}\n", f.path, f.text, f.problem)).collect();
        out.push_str(&format!("{name}: {} of {ran} examples hold\n", ran - failures.len()));
        if print_out(out.as_bytes()) != ExitCode::SUCCESS {
            return ExitCode::from(2);
        }
        failed |= !failures.is_empty();
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn load_checker(schema: &str) -> Result<Checker, String> {
    if schema == "auto" || schema::builtin_json(schema).is_some() {
        return Checker::new(schema).map_err(|e| e.to_string());
    }
    let json = read_schema(schema)
        .map_err(|e| format!("--schema `{schema}` is neither `auto`, a built-in id ({}) nor a readable file: {e}", schema::builtin_ids().join(", ")))?;
    Checker::from_json(&json).map_err(|e| format!("{schema}: {e}"))
}

/// A schema file's JSON, read up to the format's size limit (`schema::limits::MAX_JSON_BYTES`)
/// so that a device or a huge file named by mistake fails at once.
fn read_schema(path: &str) -> Result<String, String> {
    let max = reportcheck::schema::limits::MAX_JSON_BYTES as u64;
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    if file.metadata().is_ok_and(|m| !m.is_file()) {
        return Err("not a regular file".into());
    }
    let mut bytes = Vec::new();
    file.take(max + 1).read_to_end(&mut bytes).map_err(|e| e.to_string())?;
    if bytes.len() as u64 > max {
        return Err(format!("it is larger than {} KB, the limit of a schema file", max >> 10));
    }
    String::from_utf8(bytes).map_err(|e| format!("it is not UTF-8 text (byte {})", e.utf8_error().valid_up_to()))
}

/// Largest input read, so that a stray archive or dump fails at once with a clear message.
const MAX_INPUT: u64 = reportcheck::input::MAX_BYTES;

fn read_bytes(path: &std::path::Path) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin().take(MAX_INPUT + 1).read_to_end(&mut bytes).map_err(|e| format!("cannot read standard input: {e}"))?;
    } else {
        let file = std::fs::File::open(path).map_err(|e| format!("cannot read the file: {e}"))?;
        file.take(MAX_INPUT + 1).read_to_end(&mut bytes).map_err(|e| format!("cannot read the file: {e}"))?;
    }
    if bytes.len() as u64 > MAX_INPUT {
        return Err(format!("is larger than {} MB; an annual report is far smaller: check that this is the right file", MAX_INPUT >> 20));
    }
    Ok(bytes)
}

/// A report's text, whatever the file: .docx and .html are read as their text (no [`input::Form`]:
/// they are not rewritten); text files are decoded (UTF-8, UTF-16 with BOM, GB18030) and their
/// form returned, for writing them back the same way.
fn report_text(path: &str) -> Result<(String, Option<input::Form>), String> {
    let lower = path.to_ascii_lowercase();
    let bytes = read_bytes(path.as_ref()).map_err(|e| format!("{path}: {e}"))?;
    if lower.ends_with(".docx") || lower.ends_with(".doc") {
        return reportcheck::input::docx::read(&bytes).map(|d| (d.text, None)).map_err(|e| format!("{path}: {}", e.message().en));
    }
    let decoded = input::decode(&bytes).map_err(|e| format!("{path}: {e}"))?;
    if lower.ends_with(".html") || lower.ends_with(".htm") {
        return Ok((reportcheck::input::html::visible_text(&decoded.text).text, None));
    }
    Ok((decoded.text, Some(decoded.form)))
}

/// Last year's report (`--previous`), under the same limits as the draft: a file over them is
/// refused with the limit named.
fn previous_text(path: &str) -> Result<String, String> {
    let (text, _) = report_text(path).map_err(|e| format!("--previous {e}"))?;
    match reportcheck::input::refuse_text(&text) {
        Some(why) => Err(format!("--previous {path}: {}", why.en)),
        None => Ok(text),
    }
}

/// Write `bytes` to standard output. A closed pipe (`| head -1`) ends the output quietly: the
/// reader has what it wanted.
fn print_out(bytes: &[u8]) -> ExitCode {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(&format!("cannot write output: {e}")),
    }
}

fn fail(msg: &str) -> ExitCode {
    eprintln!("reportcheck: error: {msg}");
    ExitCode::from(2)
}
