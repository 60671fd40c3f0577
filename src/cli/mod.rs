//! Argument parsing and output formats. No rule logic lives here.

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
    /// Check report files (`-` reads standard input). Exit 0: no errors; 1: errors found; 2: could not check.
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
        /// How to read the files; default: by extension (.html/.htm → html, .docx → docx, else text).
        #[arg(long, value_enum)]
        input: Option<InputArg>,
        /// Who reports, when the title and 落款 do not tell (decides the deadline).
        #[arg(long, value_enum)]
        reporter: Option<ReporterArg>,
        /// Override a rule's severity, e.g. `--rule section.order=off` (repeatable).
        #[arg(long = "rule", value_name = "ID=LEVEL", value_parser = parse_rule)]
        rules: Vec<(String, Level)>,
        /// Report files (UTF-8, UTF-16 with BOM, or GB18030/GBK).
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// List the built-in schemas.
    Schemas,
    /// Print a built-in schema's JSON, to start a custom one from.
    Schema { id: String },
    /// List the rule ids with their default severity.
    Rules,
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
enum ReporterArg {
    /// A people's government's own report (deadline 3月31日 under the 2019 条例).
    Government,
    /// A department's report (deadline 1月31日 under the 2019 条例).
    Department,
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
            for id in schema::builtin_ids() {
                let s = reportcheck::Schema::builtin(id).expect("built-in schemas load");
                println!("{id}\t{}", s.title);
            }
            println!("auto\t按报告年度选择：2008—2018 → cn-ogi-2008，2019—2020 → cn-ogi-2019，2021起 → cn-ogi-2021；年度不明时按内容判断，仍不明则只做通用文字检查");
            ExitCode::SUCCESS
        }
        Command::Schema { id } => match schema::builtin_json(&id) {
            Some(json) => {
                // Embedded minified; printed readable, as a starting point for a custom schema.
                let value: serde_json::Value = serde_json::from_str(json).expect("built-in schemas are valid JSON");
                println!("{}", serde_json::to_string_pretty(&value).expect("a JSON value serializes"));
                ExitCode::SUCCESS
            }
            None => fail(&format!("unknown schema `{id}`; `reportcheck schemas` lists them")),
        },
        Command::Rules => {
            for r in Rule::ALL {
                println!("{}\t{}\t{}", r.id(), r.default_severity(), r.summary_zh());
            }
            ExitCode::SUCCESS
        }
        Command::Check { schema, format, lang, today, input, reporter, rules, files } => {
            let checker = match load_checker(&schema) {
                Ok(c) => c,
                Err(e) => return fail(&e),
            };
            let options = CheckOptions {
                lang: match lang {
                    LangArg::Zh => Lang::Zh,
                    LangArg::En => Lang::En,
                },
                rules: rules.into_iter().collect(),
                today: Some(today.unwrap_or_else(system_today)),
                reporter: reporter.map(|r| match r {
                    ReporterArg::Government => reportcheck::Reporter::Government,
                    ReporterArg::Department => reportcheck::Reporter::Department,
                }),
                ..CheckOptions::default()
            };
            let mut reports = Vec::with_capacity(files.len());
            for path in &files {
                let lower = path.to_ascii_lowercase();
                if input == Some(InputArg::Docx) || (input.is_none() && (lower.ends_with(".docx") || lower.ends_with(".doc"))) {
                    let bytes = match read_bytes(path) {
                        Ok(b) => b,
                        Err(e) => return fail(&format!("{path}: {e}")),
                    };
                    let result = checker.check_docx(&bytes, &options);
                    let text = reportcheck::input::docx::read(&bytes).map(|d| d.text).unwrap_or_default();
                    reports.push(output::FileReport { path: path.clone(), text, visible: None, encoding: "docx", result });
                    continue;
                }
                let decoded = match read_bytes(path).and_then(|b| input::decode(&b)) {
                    Ok(d) => d,
                    Err(e) => return fail(&format!("{path}: {e}")),
                };
                let html = input.map_or(lower.ends_with(".html") || lower.ends_with(".htm"), |i| i == InputArg::Html);
                let (result, visible) = if html {
                    (checker.check_html(&decoded.text, &options), Some(reportcheck::input::html::visible_text(&decoded.text).text))
                } else {
                    (checker.check(&decoded.text, &options), None)
                };
                reports.push(output::FileReport { path: path.clone(), text: decoded.text, visible, encoding: decoded.encoding, result });
            }
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
            if reports.iter().any(|r| r.result.summary.errors > 0) {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
    }
}

fn load_checker(schema: &str) -> Result<Checker, String> {
    if schema == "auto" || schema::builtin_json(schema).is_some() {
        return Checker::new(schema).map_err(|e| e.to_string());
    }
    let json = std::fs::read_to_string(schema).map_err(|e| {
        format!("--schema `{schema}` is neither `auto`, a built-in id ({}) nor a readable file: {e}", schema::builtin_ids().join(", "))
    })?;
    Checker::from_json(&json).map_err(|e| format!("{schema}: {e}"))
}

/// Largest input read, so that a stray archive or dump fails at once with a clear message.
const MAX_INPUT: u64 = reportcheck::input::MAX_BYTES;

fn read_bytes(path: &str) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    if path == "-" {
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

fn fail(msg: &str) -> ExitCode {
    eprintln!("reportcheck: error: {msg}");
    ExitCode::from(2)
}
