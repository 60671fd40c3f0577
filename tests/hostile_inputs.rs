//! Hostile and unlucky inputs (issue 15): each defect the fuzzers and hand-made large inputs found,
//! as a test that generates its input and holds the check to a time and memory budget, like a
//! benchmark with room to spare: a quadratic path or an amplification blows through it by orders
//! of magnitude, an ordinary busy machine does not. Budgets are for an optimised build; a debug
//! build (plain `cargo test`) gets [`SLOW`] times the time.
#![cfg(all(not(target_arch = "wasm32"), feature = "html", feature = "docx"))]

use reportcheck::{CheckOptions, CheckResult, Checker, Schema};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::time::{Duration, Instant};

/// Counts each thread's live heap and its peak, so a test measures its own input only (the test
/// harness runs tests on parallel threads).
struct Counting;

thread_local! {
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

fn grew(n: usize) {
    let _ = LIVE.try_with(|l| {
        l.set(l.get() + n);
        let _ = PEAK.try_with(|p| p.set(p.get().max(l.get())));
    });
}
fn shrank(n: usize) {
    let _ = LIVE.try_with(|l| l.set(l.get().saturating_sub(n)));
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        shrank(layout.size());
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size > layout.size() {
                grew(new_size - layout.size());
            } else {
                shrank(layout.size() - new_size);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// How much slower a debug build may be than the budgets (which are for `--release`).
const SLOW: u32 = if cfg!(debug_assertions) { 15 } else { 1 };

/// Run `f` and assert it took at most `secs` (times [`SLOW`]) and at most `20 × input + 16 MB` of
/// heap beyond what was live before. Returns what `f` returned.
fn within<T>(what: &str, input: usize, secs: f64, f: impl FnOnce() -> T) -> T {
    within_memory(what, input, secs, 20 * input + (16 << 20), f)
}

/// [`within`] with a memory budget of its own (each finding costs about a kilobyte — its message
/// in the caller's language, positions, target — so an input that is nothing but findings needs
/// more than 20 times its size).
fn within_memory<T>(what: &str, input: usize, secs: f64, memory: usize, f: impl FnOnce() -> T) -> T {
    let before = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(before));
    let t = Instant::now();
    let out = f();
    let took = t.elapsed();
    let peak = PEAK.with(Cell::get) - before;
    let limit = Duration::from_secs_f64(secs) * SLOW;
    eprintln!("{what}: {input} bytes in {took:.2?} (budget {limit:.2?}), heap peak {} KB (budget {} KB)", peak >> 10, memory >> 10);
    assert!(took <= limit, "{what}: took {took:?}, over {limit:?}");
    assert!(peak <= memory, "{what}: heap peak {peak} bytes, over {memory}");
    out
}

fn options() -> CheckOptions {
    CheckOptions { today: Some("2026-11-23".into()), ..CheckOptions::default() }
}

fn rules(r: &CheckResult) -> Vec<&'static str> {
    r.diagnostics.iter().map(|d| d.rule.id()).collect()
}

/// Spans inside `source`, on char boundaries, sorted.
fn well_formed(source: &str, r: &CheckResult) {
    let mut last = 0;
    for d in &r.diagnostics {
        assert!(d.bytes.start <= d.bytes.end && d.bytes.end <= source.len(), "{d:?}");
        assert!(source.is_char_boundary(d.bytes.start) && source.is_char_boundary(d.bytes.end), "{d:?}");
        assert!(d.bytes.start >= last, "not sorted: {} at {} after {last}", d.rule, d.bytes.start);
        last = d.bytes.start;
    }
}

fn unreadable_says(r: &CheckResult, words: &[&str]) {
    let d = r.diagnostics.iter().find(|d| d.rule.id() == "input.unreadable").unwrap_or_else(|| panic!("not refused: {:?}", rules(r)));
    for w in words {
        assert!(d.message.contains(w), "the refusal should say {w:?}: {}", d.message);
    }
    assert!(!r.summary.ready);
}

fn docx(xml: &str) -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut out);
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    z.start_file("word/document.xml", opts).unwrap();
    z.write_all(xml.as_bytes()).unwrap();
    z.finish().unwrap();
    out.into_inner()
}

const W: &str = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#;
const W_END: &str = "</w:body></w:document>";

// 1. Merged cells: the grid costs what the document holds, not rows × span.

#[test]
fn docx_vmerge_of_a_huge_label_over_10000_rows_is_not_copied_into_each() {
    let label = "（三）不予公开".repeat(20_000); // 420 KB in one cell
    let mut xml = format!("{W}<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>{label}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>");
    for _ in 0..10_000 {
        xml.push_str("<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>");
    }
    xml.push_str("</w:tbl>");
    xml.push_str(W_END);
    let file = docx(&xml);
    let checker = Checker::new("auto").unwrap();
    // The budget is against the inflated XML, which is what the reader holds.
    let text = within("docx vMerge 10,000 rows", xml.len(), 1.0, || reportcheck::input::docx::read(&file).unwrap().text);
    assert!(text.len() < 2 * xml.len(), "the label was copied into the rows: {} bytes of text", text.len());
    within("check docx vMerge", xml.len(), 1.0, || checker.check_docx(&file, &options()));
    // A short label is still repeated in each row it covers.
    let short = format!("{W}<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>（三）不予公开</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>3</w:t></w:r></w:p></w:tc></w:tr></w:tbl>{W_END}");
    assert_eq!(reportcheck::input::docx::read(&docx(&short)).unwrap().text, "（三）不予公开\t2\n（三）不予公开\t3\n");
}

#[test]
fn html_rowspan_and_colspan_blow_ups_are_refused_within_budget() {
    let checker = Checker::new("auto").unwrap();
    // 1 MB: 25,000 cells spanning every row below, 25,000 rows: 625 million grid slots.
    let rowspan = format!("<table><tr>{}</tr>{}</table>", "<td rowspan=65534>x</td>".repeat(25_000), "<tr><td>1</td></tr>".repeat(25_000));
    let r = within("HTML rowspan 1 MB", rowspan.len(), 1.0, || checker.check_html(&rowspan, &options()));
    unreadable_says(&r, &["rowspan", "colspan"]);
    // 460 KB of colspan="20000" (clamped to 1000 as the HTML standard says): 20 million columns.
    let colspan = format!("<table><tr>{}</tr></table>", "<td colspan=\"20000\">x</td>".repeat(17_000));
    let r = within("HTML colspan 460 KB", colspan.len(), 1.0, || checker.check_html(&colspan, &options()));
    unreadable_says(&r, &["rowspan", "colspan"]);
    // Spans as the standard clamps them: a colspan of 20000 is 1000 columns.
    let v = reportcheck::input::html::read("<table><tr><td colspan=20000>a</td><td>b</td></tr></table>").unwrap();
    assert_eq!(v.text, format!("a{}b\n", "\t".repeat(1000)));
    // rowspan=0 runs to the end of the table; a label is repeated, a value is not.
    let v = reportcheck::input::html::read(
        "<table><tr><td rowspan=0>（三）不予公开</td><td rowspan=0>5</td><td>1</td></tr><tr><td>2</td></tr><tr><td>3</td></tr></table>",
    )
    .unwrap();
    assert_eq!(v.text, "（三）不予公开\t5\t1\n（三）不予公开\t\t2\n（三）不予公开\t\t3\n");
}

// 2. Quadratic HTML.

#[test]
fn html_paragraph_of_80000_source_line_breaks_is_linear() {
    let html = format!("<p>{}</p>", "甲\n".repeat(80_000)); // 320 KB
    let v = within("HTML 80,000 line breaks", html.len(), 1.0, || reportcheck::input::html::read(&html).unwrap());
    assert_eq!(v.text, format!("{}\n", "甲 ".repeat(80_000)));
    // Each break became a space that points at the break itself.
    let at = v.text.find(' ').unwrap();
    assert_eq!(&html[v.source_offset(at)..v.source_offset(at) + 1], "\n");
}

#[test]
fn html_20000_nested_tables_are_linear() {
    let checker = Checker::new("auto").unwrap();
    let html = format!("{}x{}", "<table><tr><td>".repeat(20_000), "</td></tr></table>".repeat(20_000)); // 660 KB
    let r = within("HTML 20,000 nested tables", html.len(), 1.0, || checker.check_html(&html, &options()));
    well_formed(&html, &r);
    let bare = "<table>".repeat(120_000); // 840 KB of tables that never close
    let r = within("HTML 120,000 unclosed tables", bare.len(), 1.0, || checker.check_html(&bare, &options()));
    well_formed(&bare, &r);
}

// 3. Quadratic text checks with the built-in schemas.

#[test]
fn dates_on_one_long_line_are_linear() {
    let checker = Checker::new("auto").unwrap();
    let text = format!("某局2022年政府信息公开工作年度报告\n{}\n", "发布日期：2022年12月31日，".repeat(30_000)); // 1.1 MB, one line
    let r = within("1 MB of dates on one line", text.len(), 1.0, || checker.check(&text, &options()));
    well_formed(&text, &r);
    assert_eq!(r.summary.publication_date.as_deref(), Some("2022-12-31"));
    // Found by the long fuzz run: every invalid date asked for the report year, which scanned the
    // dates, so 50,000 of them were quadratic (the year is now read once per document).
    let text = "一年13月32日册\n".repeat(50_000); // 1 MB
    let r = within_memory("50,000 invalid dates", text.len(), 1.0, 20 * text.len() + 50_000 * 1536, || checker.check(&text, &options()));
    assert!(r.diagnostics.iter().filter(|d| d.rule.id() == "date.invalid").count() >= 50_000);
}

#[test]
fn a_megabyte_of_placeholders_is_linear_and_listed_briefly() {
    let checker = Checker::new("auto").unwrap();
    let text = "XX ".repeat(350_000); // 1 MB
    let r = within("1 MB of `XX `", text.len(), 1.0, || checker.check(&text, &options()));
    well_formed(&text, &r);
    let placeholders: Vec<_> = r.diagnostics.iter().filter(|d| d.rule.id() == "text.placeholder").collect();
    assert!(placeholders.len() <= 2 * 201, "{} placeholder findings", placeholders.len());
    assert!(placeholders.iter().any(|d| d.message.contains("未逐一列出")), "the rest must be counted, not dropped");
    assert!(!r.summary.ready);
}

// 4. A .docx inflating to millions of paragraphs.

#[test]
fn docx_of_millions_of_paragraphs_is_refused_early() {
    // 8 MB of empty paragraphs (727,000) in a 40 KB file; the reader stops at 200,000.
    let xml = format!("{W}{}{W_END}", "<w:p></w:p>".repeat(727_000));
    let file = docx(&xml);
    let checker = Checker::new("auto").unwrap();
    let r = within(".docx of 727,000 paragraphs", xml.len(), 1.0, || checker.check_docx(&file, &options()));
    unreadable_says(&r, &["200000", "段落"]);
    // Text past the page's limit is refused too, with the limit.
    let long = format!("{W}<w:p><w:r><w:t>{}</w:t></w:r></w:p>{W_END}", "a".repeat(16_000_001));
    let file = docx(&long);
    let r = within(".docx of 16M characters", long.len(), 2.0, || checker.check_docx(&file, &options()));
    unreadable_says(&r, &["16000000"]);
}

// 5. Sums that overflow.

#[test]
fn numbers_too_long_for_exact_sums_are_invalid_cells_not_wrapped_totals() {
    let fixture = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/2022_department_complete.txt")).unwrap();
    let big = "99999999999999999999999999999999999999";
    // What two such counts wrap to in i128: the total that used to pass.
    let wrapped = "－140282366920938463463374607431768211458";
    let row = format!("一、本年新收政府信息公开申请数量\t{big}\t{big}\t0\t0\t0\t0\t{wrapped}");
    let text = fixture.replace("一、本年新收政府信息公开申请数量\t40\t5\t0\t0\t2\t1\t48", &row);
    assert_ne!(text, fixture);
    let r = within("38-digit counts", text.len(), 1.0, || Checker::new("auto").unwrap().check(&text, &options()));
    let invalid = r.diagnostics.iter().filter(|d| d.rule.id() == "table.cell-invalid" && d.line == 41).count();
    assert_eq!(invalid, 3, "each out-of-range number is an invalid cell: {:?}", rules(&r));
    let said = r.diagnostics.iter().find(|d| d.rule.id() == "table.cell-invalid" && d.line == 41).unwrap();
    assert!(said.message.contains("最多15位"), "the limit is stated: {}", said.message);
    assert!(!r.summary.ready);
    // The largest accepted value adds up exactly.
    let max = reportcheck::table::Decimal::parse("999999999999999").unwrap();
    assert_eq!(max.add(max).to_string(), "1999999999999998");
    assert!(reportcheck::table::Decimal::parse("1000000000000000").is_none());
}

// 6. HTML findings in their place, sorted.

#[test]
fn html_findings_point_at_their_cell_and_come_sorted() {
    let checker = Checker::new("auto").unwrap();
    let html = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/html/2022_table_blank_cell.portal.html")).unwrap();
    let r = checker.check_html(&html, &options());
    well_formed(&html, &r);
    let blank = r.diagnostics.iter().find(|d| d.rule.id() == "table.cell-blank").expect("the fixture has a blank cell");
    // In its own <td>&nbsp;</td>, not at </table> or the end of the file.
    assert!(
        html[..blank.bytes.start].ends_with("<td>&nbsp;") && html[blank.bytes.start..].starts_with("</td>"),
        "{:?}",
        &html[blank.bytes.start.saturating_sub(20)..blank.bytes.start + 10]
    );
    // A table that never closes: cells still map into their own <td>.
    let open = "<o>三、收到申请<table><td>行<s>政执法案卷</td><td></td><td></td><td></td><td></td><td></td><td>.</td><td></td>";
    let r = checker.check_html(open, &options());
    well_formed(open, &r);
    for d in r.diagnostics.iter().filter(|d| d.rule.id().starts_with("table.cell")) {
        assert!(d.bytes.start < open.len(), "{} at the end of the file", d.rule);
    }
    // A line break inside a text node maps to itself, not to the node's start.
    for html in ["o=登录注册\n", "登录注册\n", "<p>甲\n乙\n丙</p>"] {
        let r = checker.check_html(html, &options());
        well_formed(html, &r);
        let v = reportcheck::input::html::read(html).unwrap();
        for (i, c) in v.text.char_indices() {
            if c == ' ' {
                assert_eq!(&html[v.source_offset(i)..v.source_offset(i) + 1], "\n", "{html:?}");
            }
        }
    }
}

// 7. The CLI's text output: a window around each finding, not the line.

#[test]
fn cli_output_of_a_one_line_file_is_bounded() {
    let dir = std::env::temp_dir().join(format!("reportcheck-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("one-line.txt");
    let text = "登录 注册 XX ".repeat(60_000); // 1 MB on one line
    std::fs::write(&path, &text).unwrap();
    let t = Instant::now();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_reportcheck")).arg("check").arg(&path).output().unwrap();
    let took = t.elapsed();
    std::fs::remove_dir_all(&dir).ok();
    eprintln!("CLI on 1 MB one line: {} bytes of output in {took:.2?}", out.stdout.len());
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.len() < text.len(), "{} bytes of output for a {} byte file", out.stdout.len(), text.len());
    assert!(took < Duration::from_secs(2) * SLOW);
    let shown = String::from_utf8(out.stdout).unwrap();
    assert!(shown.lines().all(|l| l.chars().count() < 400), "a line of output is not a window");
}

// 8. Ten million newlines.

#[test]
fn ten_million_newlines_are_refused_with_the_limit_and_little_memory() {
    let checker = Checker::new("auto").unwrap();
    let text = "\n".repeat(10_000_000);
    let r = within("10 million newlines", text.len(), 1.0, || checker.check(&text, &options()));
    unreadable_says(&r, &["500000"]);
    // Just under the limit is checked, within budget.
    let text = "甲\n".repeat(400_000);
    let r = within("400,000 lines", text.len(), 2.0, || checker.check(&text, &options()));
    assert!(!rules(&r).contains(&"input.unreadable"));
    // The line index costs a word per line, counted first.
    let text = "\n".repeat(1_000_000);
    within("line index of 1M lines", text.len(), 1.0, || reportcheck::LineIndex::new(&text).position(text.len()));
}

// 9. Agency schemas that demand unbounded work.

#[test]
fn schema_lists_are_bounded_and_the_error_says_so() {
    let sections: Vec<String> = (0..100_000).map(|i| format!(r#"{{"id":"s{i}","title":"第{i}节"}}"#)).collect();
    let json = format!(r#"{{"extends":"cn-ogi-2021","id":"x","title":"t","sections":[{}]}}"#, sections.join(","));
    // As JSON text it is over the size limit; as a value, over the sections limit, before any merge.
    let e = within("100,000 sections with extends (JSON)", json.len(), 1.0, || Schema::from_json(&json).unwrap_err()).to_string();
    assert!(e.contains("1048576") && e.contains("上限"), "{e}");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let e = within("100,000 sections with extends (value)", json.len(), 1.0, || Schema::from_value(value).unwrap_err()).to_string();
    assert!(e.contains("`sections`") && e.contains("limit of 100") && e.contains("上限"), "{e}");
    let sections: Vec<String> = (0..10_000).map(|i| format!(r#"{{"id":"s{i}","title":"第{i}节","aliases":["第{i}节.*"]}}"#)).collect();
    let json = format!(r#"{{"id":"x","title":"t","sections":[{}]}}"#, sections.join(","));
    let e = within("10,000 sections", json.len(), 1.0, || Schema::from_json(&json).unwrap_err()).to_string();
    assert!(e.contains("limit of 100"), "{e}");
    let long =
        format!(r#"{{"id":"x","title":"t","patterns":[{{"id":"p","rule":"text.debris","pattern":"{}","message":{{"zh":"z","en":"e"}}}}]}}"#, "a".repeat(3000));
    assert!(Schema::from_json(&long).unwrap_err().to_string().contains("patterns[0].pattern"));
}

#[test]
fn a_pattern_that_scans_far_ahead_stops_at_its_budget_and_says_so() {
    let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/corpus/schema/schema_quadratic_find.json")).unwrap();
    let checker = Checker::from_json(&json).unwrap();
    let text = "a".repeat(200_000);
    let r = within("a[^b]*c|a over 200 KB", text.len(), 1.0, || checker.check(&text, &options()));
    let skipped = r.diagnostics.iter().find(|d| d.rule.id() == "rule.skipped").expect("the budget stop is reported");
    assert!(skipped.message.contains("代价过高"), "{}", skipped.message);
    assert!(r.diagnostics.iter().any(|d| d.rule.id() == "text.debris"), "what was found before the stop is listed");
    // An ordinary text costs an ordinary pattern nothing like its budget.
    let p = reportcheck::pattern::Pattern::new("XX").unwrap();
    let (found, stopped) = p.find_all_bounded(&"XX ".repeat(100_000));
    assert_eq!((found.len(), stopped), (100_000, None));
}
