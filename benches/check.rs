//! `cargo bench`: the time to check the larger seed, a 16.7 KB 2019-format report with 90 findings,
//! a 100-page report and a generated 4 MB report with a checker built once, and the time to build
//! one and check a first report with it (a cold start). `bash .ci/bench` runs these and the
//! browser's and the CLI's numbers and prints them in one table.

use divan::{black_box, Bencher};
use reportcheck::{CheckOptions, Checker, Document};

fn main() {
    divan::main();
}

const SEED: &str = include_str!("../tests/fixtures/2008_public_utilities_bureau.txt");
/// Built by benches/make_2019_provincial.py; the size and finding count of issue 12's report.
const PROVINCIAL_2019: &str = include_str!("../www/samples/2019_provincial_office.txt");
const COMPLETE: &str = include_str!("../tests/fixtures/2022_department_complete.txt");

/// A 2021-format report whose 总体情况 is padded with the seeds' prose up to `bytes`.
fn generated(bytes: usize) -> String {
    let filler: Vec<&str> =
        SEED.lines().chain(include_str!("../tests/fixtures/2010_hunchun_urban_management.txt").lines()).filter(|l| l.chars().count() > 80).collect();
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
fn check_2019_provincial_16_7kb(b: Bencher) {
    let checker = Checker::new("auto").unwrap();
    let opts = CheckOptions::default();
    b.bench(|| checker.check(black_box(PROVINCIAL_2019), &opts));
}

/// Issue 13's frame budget: a 16.7 KB report checked beside last year's (itself a 16.7 KB report,
/// the same text with the years moved back one), last year's read once with `set_previous`.
#[divan::bench]
fn check_with_previous_16_7kb(b: Bencher) {
    let mut checker = Checker::new("auto").unwrap();
    let last = PROVINCIAL_2019.replace("2019", "2018").replace("2020", "2019");
    checker.set_previous(Some(&last));
    let opts = CheckOptions::default();
    b.bench(|| checker.check(black_box(PROVINCIAL_2019), &opts));
}

/// Reading last year's report (done once per change of it, not per keystroke).
#[divan::bench]
fn read_previous_16_7kb(b: Bencher) {
    let checker = Checker::new("auto").unwrap();
    let last = PROVINCIAL_2019.replace("2019", "2018").replace("2020", "2019");
    b.bench(|| checker.read_previous(black_box(&last)));
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

/// What a drafter waits for before the first result (less instantiating the wasm).
#[divan::bench]
fn cold_start_build_and_first_check_16_7kb() -> usize {
    let checker = Checker::new(black_box("auto")).unwrap();
    checker.check(black_box(PROVINCIAL_2019), &CheckOptions::default()).diagnostics.len()
}

/// The part of a cold start spent compiling the schema `auto` picks for the 16.7 KB report.
#[divan::bench]
fn compile_schema_cn_ogi_2019() -> reportcheck::CompiledSchema {
    reportcheck::CompiledSchema::new(reportcheck::Schema::builtin(black_box("cn-ogi-2019")).unwrap()).unwrap()
}
