//! Fuzz targets for reportcheck and the invariants each input must keep.
//!
//! A target is not "did it panic": every input is checked, the result is inspected and any
//! broken invariant is an error the runner (or AFL, through an abort) reports:
//! - every span lies inside the input and on char boundaries, start ≤ end (UTF-8 and UTF-16);
//! - diagnostics come sorted by position;
//! - the checked text is unchanged;
//! - `summary.ready` is true exactly when there is no error, and every message says something;
//! - each input stays within a time and a memory budget ([`Budget`]), so a quadratic path or an
//!   amplification shows up as a failure, not as a slow run.
//!
//! The same functions serve the plain mutation runner (`fuzz-run`, stable Rust, used by the
//! smoke step in `.ci/run`) and the AFL targets (`afl-*`, feature `afl`).

use reportcheck::{CheckOptions, CheckResult, Checker};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The targets, by name.
pub const TARGETS: &[&str] = &["text", "html", "docx", "schema"];

/// A global allocator that counts live bytes and their peak, so a target can be held to a
/// memory budget per input. Install it in each binary: `#[global_allocator] static A: Counting = Counting;`
pub struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let live = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size - layout.size();
                PEAK.fetch_max(live, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

/// What one input may cost: `time`, and `fixed + per_byte × input length` bytes of heap above
/// what was live before it (only measured when the binary installs [`Counting`]).
#[derive(Clone, Copy, Debug)]
pub struct Budget {
    pub time: Duration,
    pub fixed: usize,
    pub per_byte: usize,
}

impl Default for Budget {
    /// Generous for a release build on a busy 2-core machine: an ordinary input takes
    /// microseconds to milliseconds, a quadratic one seconds.
    fn default() -> Self {
        Budget { time: Duration::from_secs(2), fixed: 64 << 20, per_byte: 20 }
    }
}

/// The checkers built once per process (building `auto` compiles three schemas).
pub struct Checkers {
    pub all: Vec<(String, Checker)>,
}

impl Checkers {
    pub fn get() -> &'static Checkers {
        static C: OnceLock<Checkers> = OnceLock::new();
        C.get_or_init(|| Checkers {
            all: ["auto", "cn-ogi-2021", "cn-ogi-2019", "cn-ogi-2008", "cn-ogi-text"]
                .iter()
                .map(|id| (id.to_string(), Checker::new(id).expect("built-in schemas compile")))
                .collect(),
        })
    }
}

fn options(seed: usize) -> CheckOptions {
    CheckOptions {
        today: Some("2026-11-23".into()),
        encoding: if seed.is_multiple_of(2) { reportcheck::Encoding::Utf16 } else { reportcheck::Encoding::Utf8 },
        lang: if seed.is_multiple_of(3) { reportcheck::Lang::En } else { reportcheck::Lang::Zh },
        ..CheckOptions::default()
    }
}

/// The invariants of one result, whose spans point into `source`; `visible` is the text the
/// checker read when it differs from the source (HTML), `checked` the .docx text.
pub fn check_result(source: &str, visible: Option<&str>, r: &CheckResult) -> Result<(), String> {
    let utf16_len = source.encode_utf16().count();
    // Once, not per diagnostic: the harness must not be quadratic itself.
    let visible_len = visible.map(|t| t.encode_utf16().count().max(t.len()));
    let mut last = 0;
    for (i, d) in r.diagnostics.iter().enumerate() {
        let b = &d.bytes;
        if b.start > b.end || b.end > source.len() {
            return Err(format!("diagnostic {i} ({}): bytes {}..{} outside 0..{}", d.rule, b.start, b.end, source.len()));
        }
        if !source.is_char_boundary(b.start) || !source.is_char_boundary(b.end) {
            return Err(format!("diagnostic {i} ({}): bytes {}..{} inside a character", d.rule, b.start, b.end));
        }
        if d.utf16.start > d.utf16.end || d.utf16.end > utf16_len {
            return Err(format!("diagnostic {i} ({}): utf16 {}..{} outside 0..{utf16_len}", d.rule, d.utf16.start, d.utf16.end));
        }
        if b.start < last {
            return Err(format!("diagnostics not sorted: {i} ({}) starts at {} after one at {last}", d.rule, b.start));
        }
        last = b.start;
        if d.message.trim().is_empty() {
            return Err(format!("diagnostic {i} ({}) has no message", d.rule));
        }
        if d.line == 0 || d.column == 0 || (d.end_line, d.end_column) < (d.line, d.column) {
            return Err(format!("diagnostic {i} ({}): line/column {}:{}..{}:{}", d.rule, d.line, d.column, d.end_line, d.end_column));
        }
        for rel in &d.related {
            if rel.bytes.start > rel.bytes.end || rel.bytes.end > source.len() || !source.is_char_boundary(rel.bytes.start) || !source.is_char_boundary(rel.bytes.end) {
                return Err(format!("diagnostic {i} ({}): related span {}..{} bad", d.rule, rel.bytes.start, rel.bytes.end));
            }
        }
        if let (Some(v), Some(len)) = (&d.visible, visible_len) {
            if v.start > v.end || v.end > len {
                return Err(format!("diagnostic {i} ({}): visible {}..{} outside the visible text", d.rule, v.start, v.end));
            }
        }
    }
    let errors = r.diagnostics.iter().filter(|d| d.severity == reportcheck::Severity::Error).count();
    if r.summary.errors != errors || r.summary.ready != (errors == 0) {
        return Err(format!("summary says {} errors, ready {}, but {errors} errors were reported", r.summary.errors, r.summary.ready));
    }
    Ok(())
}

/// Run `f` on an input of `len` bytes within `budget`.
pub fn within<T>(budget: Budget, len: usize, f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let t = Instant::now();
    let out = f()?;
    let took = t.elapsed();
    let peak = PEAK.load(Ordering::Relaxed).saturating_sub(before);
    if took > budget.time {
        return Err(format!("took {took:?}, over the budget of {:?} for {len} bytes", budget.time));
    }
    let limit = budget.fixed + budget.per_byte * len;
    if peak > limit {
        return Err(format!("used {} MB of heap, over the budget of {} MB for {len} bytes", peak >> 20, limit >> 20));
    }
    Ok(out)
}

/// Text target: the bytes as UTF-8 (lossily: the CLI refuses invalid UTF-8 before the core).
pub fn text(data: &[u8], budget: Budget) -> Result<(), String> {
    let text = String::from_utf8_lossy(data).into_owned();
    let copy = text.clone();
    let checkers = Checkers::get();
    let seed = data.iter().map(|&b| b as usize).sum::<usize>();
    let (name, checker) = &checkers.all[seed % checkers.all.len()];
    within(budget, data.len(), || {
        let r = checker.check(&text, &options(seed));
        check_result(&text, None, &r).map_err(|e| format!("schema {name}: {e}"))
    })?;
    if text != copy {
        return Err("the text changed".into());
    }
    Ok(())
}

/// HTML target: positions point into the HTML; the visible text is what the reader produced.
pub fn html(data: &[u8], budget: Budget) -> Result<(), String> {
    let html = String::from_utf8_lossy(data).into_owned();
    let copy = html.clone();
    let checkers = Checkers::get();
    let seed = data.len();
    let (_, checker) = &checkers.all[seed % checkers.all.len()];
    within(budget, data.len(), || {
        let visible = reportcheck::input::html::read(&html);
        let r = checker.check_html(&html, &options(seed));
        match &visible {
            Ok(v) => check_result(&html, Some(&v.text), &r),
            Err(e) => {
                // A refused HTML is one clear error, never a silent clean result.
                if r.summary.ready || !r.diagnostics.iter().any(|d| d.rule.id() == "input.unreadable") {
                    return Err(format!("HTML refused ({e}) but the result does not say so"));
                }
                check_result(&html, None, &r)
            }
        }
    })?;
    if html != copy {
        return Err("the HTML changed".into());
    }
    Ok(())
}

/// Wrap `xml` as the `word/document.xml` of a .docx (stored, so a fuzzer's bytes reach the XML
/// reader unchanged; `deflate` to reach the inflater too).
pub fn docx_from_xml(xml: &[u8], deflate: bool) -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut out);
        let method = if deflate { zip::CompressionMethod::Deflated } else { zip::CompressionMethod::Stored };
        let opts = zip::write::SimpleFileOptions::default().compression_method(method);
        // Writing to memory cannot fail.
        let _ = z.start_file("[Content_Types].xml", opts);
        let _ = z.write_all(b"<?xml version=\"1.0\"?><Types/>");
        let _ = z.start_file("word/document.xml", opts);
        let _ = z.write_all(xml);
        let _ = z.finish();
    }
    out.into_inner()
}

/// .docx target: a zip as given, or (anything else) the bytes as `word/document.xml` of one.
pub fn docx(data: &[u8], budget: Budget) -> Result<(), String> {
    let bytes = if data.starts_with(b"PK") { data.to_vec() } else { docx_from_xml(data, data.len().is_multiple_of(2)) };
    let checkers = Checkers::get();
    let seed = data.len();
    let (_, checker) = &checkers.all[seed % checkers.all.len()];
    within(budget, bytes.len(), || {
        let read = reportcheck::input::docx::read(&bytes);
        let r = checker.check_docx(&bytes, &options(seed));
        match &read {
            Ok(d) => {
                check_result(&d.text, None, &r)?;
                for w in d.places.windows(2) {
                    if w[0].text_start > w[1].text_start || w[1].text_start > d.text.len() {
                        return Err(format!("docx places out of order: {:?} then {:?}", w[0], w[1]));
                    }
                }
                Ok(())
            }
            Err(e) => {
                if r.summary.ready || !r.diagnostics.iter().any(|d| d.rule.id() == "input.unreadable") {
                    return Err(format!(".docx refused ({e}) but the result does not say so"));
                }
                if e.to_string().split(" / ").count() != 2 {
                    return Err(format!("the refusal is not Chinese / English: {e}"));
                }
                Ok(())
            }
        }
    })
}

/// A short report the schema target checks with every schema that compiles.
const SAMPLE: &str = "某某局2022年政府信息公开工作年度报告\n一、总体情况\n本机关主动公开政府信息12条。XX\n\
二、主动公开政府信息情况\n规章\t1\t0\t3\n三、收到和处理政府信息公开申请情况\n（七）总计\t2\t1\n\
四、存在的主要问题及改进情况\n无。\n五、其他需要报告的事项\n无。\n某某局\n2023年1月15日\n";

/// Schema target: the bytes as schema JSON; one that compiles checks a sample report (and the
/// input itself as text, so a costly pattern meets a hostile text).
pub fn schema(data: &[u8], budget: Budget) -> Result<(), String> {
    let json = String::from_utf8_lossy(data).into_owned();
    within(budget, data.len(), || {
        match Checker::from_json(&json) {
            Err(e) => {
                if e.to_string().trim().is_empty() {
                    return Err("a schema error without a message".into());
                }
            }
            Ok(checker) => {
                for text in [SAMPLE, json.as_str()] {
                    let r = checker.check(text, &options(data.len()));
                    check_result(text, None, &r)?;
                }
            }
        }
        Ok(())
    })
}

/// Run target `name` on one input.
pub fn run(name: &str, data: &[u8], budget: Budget) -> Result<(), String> {
    // A panic is a failure like any other; it is caught so the runner can save the input.
    let r = std::panic::catch_unwind(|| match name {
        "text" => text(data, budget),
        "html" => html(data, budget),
        "docx" => docx(data, budget),
        "schema" => schema(data, budget),
        other => Err(format!("unknown target `{other}`; targets: {}", TARGETS.join(", "))),
    });
    match r {
        Ok(r) => r,
        Err(p) => Err(format!(
            "panic: {}",
            p.downcast_ref::<String>().map(String::as_str).or_else(|| p.downcast_ref::<&str>().copied()).unwrap_or("(no message)")
        )),
    }
}
