//! Text (compiler-style), JSON and SARIF 2.1.0 output.

use reportcheck::{CheckResult, Lang, LineIndex, Rule, Severity};
use serde::Serialize;
use serde_json::json;
use std::io::{self, Write};

pub struct FileReport {
    pub path: String,
    pub text: String,
    /// For HTML: the visible text the checker read (shown under each finding).
    pub visible: Option<String>,
    /// The encoding the file was decoded from.
    pub encoding: &'static str,
    pub result: CheckResult,
    /// Last year's report (`--previous`), which places marked `previous` are in.
    pub previous: Option<String>,
}

impl FileReport {
    /// The file a related place is in: last year's report's for a place in it.
    fn file_of(&self, rel: &reportcheck::diagnostic::Related) -> &str {
        match &self.previous {
            Some(p) if rel.previous => p,
            _ => &self.path,
        }
    }
}

/// `path:line:col: severity[rule]: message`, the line, and a caret under the span.
pub fn text(out: &mut impl Write, reports: &[FileReport], lang: Lang) -> io::Result<()> {
    for r in reports {
        let shown = r.visible.as_deref().unwrap_or(&r.text);
        let index = LineIndex::new(shown);
        for d in &r.result.diagnostics {
            let place = match (d.paragraph, d.cell) {
                (_, Some([t, row, c])) => format!("（表{t}第{row}行第{c}列）"),
                (Some(p), None) => format!("（第{p}段）"),
                _ => String::new(),
            };
            writeln!(out, "{}:{}:{}: {}[{}]: {}{place}", r.path, d.line, d.column, d.severity, d.rule, d.message)?;
            // Plain text: the source line. HTML: the line of visible text the finding is in.
            let (line_no, start_byte, end_byte) = match (&r.visible, d.visible) {
                (Some(_), Some(v)) => (v.line, index.byte_at_utf16(v.start), index.byte_at_utf16(v.end)),
                _ => (d.line, d.bytes.start, d.bytes.end),
            };
            let line = index.line_span(line_no);
            let src = &shown[line.start..line.end];
            let gutter = line_no.to_string().len();
            let start = start_byte.clamp(line.start, line.end) - line.start;
            let end = end_byte.clamp(line.start, line.end) - line.start;
            let end = (start..=end).rev().find(|&i| src.is_char_boundary(i)).unwrap_or(start);
            let start = (0..=start).rev().find(|&i| src.is_char_boundary(i)).unwrap_or(0);
            let (excerpt, pad, marks) = excerpt(src, start, end.max(start));
            writeln!(out, "{:gutter$} |", "")?;
            writeln!(out, "{} | {}", line_no, excerpt)?;
            writeln!(out, "{:gutter$} | {}{}", "", " ".repeat(pad), "^".repeat(marks))?;
            for rel in &d.related {
                writeln!(out, "{:gutter$} = {}:{}:{}: {}", "", r.file_of(rel), rel.line, rel.column, rel.message)?;
            }
        }
        let s = &r.result.summary;
        let (zh, en);
        let summary = match lang {
            Lang::Zh => {
                zh = format!(
                    "{}：{}个错误，{}个警告，{}个提示；格式 {}（{}）；{}",
                    r.path,
                    s.errors,
                    s.warnings,
                    s.infos,
                    s.schema.id,
                    s.schema.reason,
                    if s.ready { "可以提交" } else { "修改错误后方可提交" }
                );
                &zh
            }
            Lang::En => {
                en = format!(
                    "{}: {} errors, {} warnings, {} infos; schema {} ({}); {}",
                    r.path,
                    s.errors,
                    s.warnings,
                    s.infos,
                    s.schema.id,
                    s.schema.reason,
                    if s.ready { "ready to submit" } else { "fix the errors before submitting" }
                );
                &en
            }
        };
        writeln!(out, "{summary}\n")?;
    }
    Ok(())
}

/// Characters of context shown either side of a finding, and most characters of the finding
/// itself underlined: a window, not the whole line, so a one-line file with many findings prints
/// a few lines per finding instead of the line every time.
const CONTEXT_CHARS: usize = 40;
const MARKED_CHARS: usize = 120;

/// The part of `line` shown for the span `start..end` (char boundaries in `line`), with `…` where
/// it is cut, tabs as four spaces; and the caret's indent and length in terminal cells.
fn excerpt(line: &str, start: usize, end: usize) -> (String, usize, usize) {
    // Each walk is bounded by the window, never by the line's length.
    let from = line[..start].char_indices().rev().take(CONTEXT_CHARS).last().map_or(start, |(i, _)| i);
    let marked_end = line[start..end].char_indices().nth(MARKED_CHARS).map_or(end, |(i, _)| start + i);
    let to = line[marked_end..].char_indices().nth(CONTEXT_CHARS).map_or(line.len(), |(i, _)| marked_end + i);
    let lead = if from > 0 { "…" } else { "" };
    let tail = if to < line.len() { "…" } else { "" };
    let shown = format!("{lead}{}{tail}", line[from..to].replace('\t', "    "));
    let pad = width(lead) + width(&line[from..start]);
    let marks = width(&line[start..marked_end]).max(1);
    (shown, pad, marks)
}

/// Display width in a terminal: East Asian wide characters take two cells; a tab is
/// shown as four spaces.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x09 => 4,
            0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 => 2,
            0x1F300..=0x1FAFF | 0x20000..=0x3FFFD => 2,
            _ => 1,
        })
        .sum()
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    encoding: &'a str,
    schema: &'a str,
    summary: &'a reportcheck::Summary,
    diagnostics: &'a [reportcheck::Diagnostic],
}

/// One object per file: `path`, `schema`, `summary`, `diagnostics`.
pub fn json(out: &mut impl Write, reports: &[FileReport]) -> io::Result<()> {
    let files: Vec<JsonFile<'_>> = reports
        .iter()
        .map(|r| JsonFile {
            path: &r.path,
            encoding: r.encoding,
            schema: &r.result.summary.schema.id,
            summary: &r.result.summary,
            diagnostics: &r.result.diagnostics,
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &files)?;
    writeln!(out)
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// SARIF 2.1.0, one run, columns in UTF-16 code units.
pub fn sarif(out: &mut impl Write, reports: &[FileReport], lang: Lang) -> io::Result<()> {
    let rules: Vec<_> = Rule::ALL
        .iter()
        .map(|r| {
            json!({
                "id": r.id(),
                "shortDescription": { "text": if lang == Lang::Zh { r.summary_zh() } else { r.summary_en() } },
                "defaultConfiguration": { "level": sarif_level(r.default_severity()) },
                "helpUri": format!("docs/rules/{}.md", r.id()),
            })
        })
        .collect();
    let results: Vec<_> = reports
        .iter()
        .flat_map(|r| {
            r.result.diagnostics.iter().map(move |d| {
                json!({
                    "ruleId": d.rule.id(),
                    "ruleIndex": Rule::ALL.iter().position(|x| *x == d.rule),
                    "level": sarif_level(d.severity),
                    "message": { "text": d.message },
                    "locations": [{
                        "physicalLocation": {
                            "artifactLocation": { "uri": r.path },
                            "region": {
                                "startLine": d.line, "startColumn": d.column,
                                "endLine": d.end_line, "endColumn": d.end_column,
                                "charOffset": d.utf16.start, "charLength": d.utf16.end - d.utf16.start,
                            }
                        }
                    }],
                    "relatedLocations": d.related.iter().enumerate().map(|(i, rel)| json!({
                        "id": i,
                        "message": { "text": rel.message },
                        "physicalLocation": {
                            "artifactLocation": { "uri": r.file_of(rel) },
                            "region": {
                                "startLine": rel.line, "startColumn": rel.column,
                                "charOffset": rel.utf16.start, "charLength": rel.utf16.end - rel.utf16.start,
                            }
                        }
                    })).collect::<Vec<_>>(),
                })
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": { "name": "reportcheck", "version": env!("CARGO_PKG_VERSION"), "rules": rules } },
            "columnKind": "utf16CodeUnits",
            "results": results,
        }]
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}
