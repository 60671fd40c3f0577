//! `cargo bench`: the time to check the larger seed, a 100-page report and a
//! generated 4 MB report with a checker built once, and the time to build one.

use divan::{black_box, Bencher};
use reportcheck::{CheckOptions, Checker, Document};

fn main() {
    divan::main();
}

const SEED: &str = include_str!("../tests/fixtures/2008_public_utilities_bureau.txt");
const COMPLETE: &str = include_str!("../tests/fixtures/2022_department_complete.txt");

/// A 2021-format report whose 总体情况 is padded with the seeds' prose up to `bytes`.
fn generated(bytes: usize) -> String {
    let filler: Vec<&str> = SEED.lines().chain(include_str!("../tests/fixtures/2010_hunchun_urban_management.txt").lines())
        .filter(|l| l.chars().count() > 80)
        .collect();
    let at = COMPLETE.find("二、主动公开政府信息情况").unwrap();
    let mut out = String::with_capacity(bytes + COMPLETE.len());
    out.push_str(&COMPLETE[..at]);
    let mut i = 0;
    while out.len() < bytes {
        out.push_str(filler[i % filler.len()].trim());
        out.push_str("\n\n");
        i += 1;
    }
    out.push_str(&COMPLETE[at..]);
    out
}

#[divan::bench]
fn check_seed_2008(b: Bencher) {
    let checker = Checker::new("auto").unwrap();
    let opts = CheckOptions::default();
    b.bench(|| checker.check(black_box(SEED), &opts));
}

#[divan::bench]
fn check_100_pages_250kb(b: Bencher) {
    let checker = Checker::new("auto").unwrap();
    let opts = CheckOptions::default();
    let text = generated(250_000);
    b.bench(|| checker.check(black_box(&text), &opts));
}

#[divan::bench(sample_count = 20)]
fn check_generated_4mb(b: Bencher) {
    let checker = Checker::new("auto").unwrap();
    let opts = CheckOptions::default();
    let text = generated(4 << 20);
    b.bench(|| checker.check(black_box(&text), &opts));
}

#[divan::bench]
fn parse_document_seed_2008() -> usize {
    Document::parse(black_box(SEED)).headings.len()
}

#[divan::bench]
fn build_checker_auto() -> Checker {
    Checker::new(black_box("auto")).unwrap()
}
