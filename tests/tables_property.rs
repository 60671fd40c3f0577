//! Property test of the table identities: any randomly generated balanced table 三
//! passes, and changing any one cell makes `table.sum` fire on an identity that
//! contains that cell (the cell is the reported one or one of its related cells).
#![cfg(not(target_arch = "wasm32"))]

use reportcheck::{CheckOptions, Checker};

const COMPLETE: &str = include_str!("fixtures/2022_department_complete.txt");
const ROWS: usize = 25; // 一, 二, 21 results, （七）总计, 四
const COLS: usize = 7; // six applicant columns and 总计

mod common;
use common::Rng;

fn balanced(rng: &mut Rng) -> [[u64; COLS]; ROWS] {
    let mut t = [[0u64; COLS]; ROWS];
    for c in 0..COLS - 1 {
        let mut results = 0;
        for row in t.iter_mut().take(23).skip(2) {
            row[c] = if rng.next(3) == 0 { 0 } else { rng.next(40) };
            results += row[c];
        }
        t[23][c] = results;
        t[24][c] = rng.next(6);
        t[1][c] = rng.next(results + t[24][c] + 1);
        t[0][c] = results + t[24][c] - t[1][c];
    }
    for row in t.iter_mut() {
        row[COLS - 1] = row[..COLS - 1].iter().sum();
    }
    t
}

/// The complete fixture with table 三's numbers replaced; returns the text and each cell's byte span.
fn render(t: &[[u64; COLS]; ROWS]) -> (String, Vec<Vec<(usize, usize)>>) {
    let mut out = String::new();
    let mut spans = Vec::new();
    let mut row = 0;
    let mut in_table = false;
    for line in COMPLETE.split_inclusive('\n') {
        if line.starts_with("一、本年新收") {
            in_table = true;
        }
        if in_table && row < ROWS {
            let cells: Vec<&str> = line.trim_end().split('\t').collect();
            let labels = &cells[..cells.len() - COLS];
            let mut row_spans = Vec::new();
            for l in labels {
                out.push_str(l);
                out.push('\t');
            }
            for (c, v) in t[row].iter().enumerate() {
                let s = v.to_string();
                row_spans.push((out.len(), out.len() + s.len()));
                out.push_str(&s);
                out.push(if c + 1 == COLS { '\n' } else { '\t' });
            }
            spans.push(row_spans);
            row += 1;
            continue;
        }
        out.push_str(line);
    }
    assert_eq!(row, ROWS, "the fixture's table 三 has {ROWS} rows");
    (out, spans)
}

#[test]
fn balanced_tables_pass_and_any_changed_cell_breaks_an_identity() {
    let checker = Checker::new("cn-ogi-2021").unwrap();
    // The prose of the fixture states the original counts; only the table is under test here.
    let rules = [("table.prose-mismatch".to_string(), reportcheck::Level::Off)].into_iter().collect();
    let options = CheckOptions { today: Some("2026-11-23".into()), rules, ..CheckOptions::default() };
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for round in 0..150 {
        let mut t = balanced(&mut rng);
        let (text, _) = render(&t);
        let r = checker.check(&text, &options);
        let table: Vec<_> = r.diagnostics.iter().filter(|d| d.rule.id().starts_with("table.")).collect();
        assert!(table.is_empty(), "round {round}: a balanced table was flagged: {table:#?}");

        let (row, col) = (rng.index(ROWS), rng.index(COLS));
        t[row][col] += 1 + rng.next(5);
        let (text, spans) = render(&t);
        let cell = spans[row][col];
        let r = checker.check(&text, &options);
        let hit = r
            .diagnostics
            .iter()
            .any(|d| d.rule.id() == "table.sum" && ((d.bytes.start, d.bytes.end) == cell || d.related.iter().any(|x| (x.bytes.start, x.bytes.end) == cell)));
        assert!(hit, "round {round}: changing row {row} column {col} was not caught: {:#?}", r.diagnostics);
    }
}
