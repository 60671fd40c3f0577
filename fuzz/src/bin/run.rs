//! `fuzz-run`: a plain mutation fuzzer on stable Rust, without AFL, for CI and long runs.
//!
//! ```text
//! fuzz-run TARGET [--inputs N] [--seconds S] [--seed N] [--corpus DIR]... [--dict FILE]
//!                 [--max-len BYTES] [--time-ms MS] [--failures DIR] [--keep-going]
//! ```
//! TARGET is `text`, `html`, `docx` or `schema`. Each input is a seed from the corpus with a few
//! mutations (bit flips, dictionary tokens, deletions, duplications, splices with another seed,
//! and now and then a token or a stretch repeated thousands of times, which is what finds
//! quadratic paths and amplification). Every input must keep the target's invariants within the
//! per-input budget (`reportcheck_fuzz::Budget`); a failing input is saved to the failures
//! directory with its reason. The last line counts the inputs run.

use reportcheck_fuzz::{run, Budget, Counting, TARGETS};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[global_allocator]
static ALLOC: Counting = Counting;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// AFL's dictionary format: `name="value"` or `"value"` per line, `\xNN` and `\"` escapes.
fn read_dict(path: &Path) -> Vec<Vec<u8>> {
    let Ok(text) = std::fs::read_to_string(path) else { return Vec::new() };
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('#') || !line.ends_with('"') {
            continue;
        }
        let Some(open) = line.find('"') else { continue };
        let body = &line.as_bytes()[open + 1..line.len() - 1];
        let mut v = Vec::new();
        let mut i = 0;
        while i < body.len() {
            if body[i] == b'\\' && i + 1 < body.len() {
                if body[i + 1] == b'x' && i + 3 < body.len() {
                    if let Ok(b) = u8::from_str_radix(std::str::from_utf8(&body[i + 2..i + 4]).unwrap_or("zz"), 16) {
                        v.push(b);
                        i += 4;
                        continue;
                    }
                }
                v.push(body[i + 1]);
                i += 2;
            } else {
                v.push(body[i]);
                i += 1;
            }
        }
        if !v.is_empty() {
            out.push(v);
        }
    }
    out
}

/// The test fixtures (and for schemas, the built-in schemas) of `target`, file by file.
fn fixture_seeds(repo: &Path, target: &str) -> Vec<PathBuf> {
    let (dir, ext) = match target {
        "text" => ("tests/fixtures", "txt"),
        "html" => ("tests/fixtures/html", "html"),
        "docx" => ("tests/fixtures/docx", "docx"),
        _ => ("src/schema/builtin", "json"),
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo.join(dir))
        .map(|d| d.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == ext))
            // The zip bomb fixture would make every mutation of it a 300 MB inflate.
            .filter(|p| p.file_name().is_some_and(|n| n != "bad_bomb.docx"))
            .collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// The seeds of `target` under `dir`; a .docx seed also gives its `word/document.xml`, which is
/// what the docx target mostly mutates (mutating compressed bytes mostly finds "damaged").
fn read_corpus(dir: &Path, target: &str, out: &mut Vec<Vec<u8>>) {
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries.flatten().map(|e| e.path()).collect(),
        Err(_) if dir.is_file() => vec![dir.to_path_buf()], // one input given as the corpus
        Err(_) => return,
    };
    paths.sort();
    for p in paths {
        if p.is_dir() {
            read_corpus(&p, target, out);
            continue;
        }
        let Ok(bytes) = std::fs::read(&p) else { continue };
        if target == "docx" && bytes.starts_with(b"PK") {
            if let Ok(mut z) = zip::ZipArchive::new(std::io::Cursor::new(&bytes)) {
                if let Ok(mut f) = z.by_name("word/document.xml") {
                    let mut xml = Vec::new();
                    if std::io::Read::read_to_end(&mut f, &mut xml).is_ok() {
                        out.push(xml);
                    }
                }
            }
        }
        out.push(bytes);
    }
}

fn mutate(rng: &mut Rng, seed: &[u8], corpus: &[Vec<u8>], dict: &[Vec<u8>], max_len: usize) -> Vec<u8> {
    let mut d = seed.to_vec();
    // Most inputs are a window of the seed: small inputs run fast and reach the same code.
    if d.len() > 2048 && rng.below(8) != 0 {
        let len = 128 + rng.below(1536);
        let start = rng.below(d.len() - len.min(d.len()));
        d = d[start..(start + len).min(d.len())].to_vec();
    }
    let rounds = 1 + rng.below(8);
    for _ in 0..rounds {
        let at = rng.below(d.len() + 1);
        match rng.below(12) {
            0 if !d.is_empty() => {
                let i = rng.below(d.len());
                d[i] ^= 1 << rng.below(8);
            }
            1 if !d.is_empty() => {
                let i = rng.below(d.len());
                d[i] = rng.next() as u8;
            }
            2..=4 if !dict.is_empty() => {
                let t = &dict[rng.below(dict.len())];
                d.splice(at..at, t.iter().copied());
            }
            5 if !d.is_empty() => {
                let len = 1 + rng.below(64.min(d.len()));
                let s = rng.below(d.len() - len + 1);
                d.drain(s..s + len);
            }
            6 if !d.is_empty() => {
                let len = 1 + rng.below(64.min(d.len()));
                let s = rng.below(d.len() - len + 1);
                let chunk = d[s..s + len].to_vec();
                d.splice(at..at, chunk);
            }
            7 => {
                let other = &corpus[rng.below(corpus.len())];
                if !other.is_empty() {
                    let len = 1 + rng.below(512.min(other.len()));
                    let s = rng.below(other.len() - len + 1);
                    d.splice(at..at, other[s..s + len].iter().copied());
                }
            }
            8 if !d.is_empty() => {
                // Truncate: unclosed tags, cut characters.
                d.truncate(rng.below(d.len()));
            }
            9 if rng.below(16) == 0 => {
                // Amplify: a token or a stretch repeated many times (quadratic paths, blow-ups).
                let piece: Vec<u8> = if !dict.is_empty() && rng.below(2) == 0 {
                    dict[rng.below(dict.len())].clone()
                } else if !d.is_empty() {
                    let len = 1 + rng.below(32.min(d.len()));
                    let s = rng.below(d.len() - len + 1);
                    d[s..s + len].to_vec()
                } else {
                    b"\n".to_vec()
                };
                let times = 16 << rng.below(10);
                let room = max_len.saturating_sub(d.len()) / piece.len().max(1);
                let rep = piece.repeat(times.min(room));
                d.splice(at.min(d.len())..at.min(d.len()), rep);
            }
            10 => {
                // A number where numbers go: huge, negative, fractional, full-width.
                let nums: [&[u8]; 6] = [b"99999999999999999999999999999999999999", b"-170141183460469231731687303715884105728", b"0.000000001", "１２３".as_bytes(), b"1,234,567", b"65535"];
                d.splice(at..at, nums[rng.below(nums.len())].iter().copied());
            }
            _ => {
                let n = 1 + rng.below(8);
                let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                d.splice(at..at, bytes);
            }
        }
    }
    d.truncate(max_len);
    d
}

fn fnv(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = || -> ! {
        eprintln!("usage: fuzz-run TARGET [--inputs N] [--seconds S] [--seed N] [--corpus DIR]... [--dict FILE] [--max-len BYTES] [--time-ms MS] [--failures DIR] [--keep-going]\n  TARGET: {}", TARGETS.join(" | "));
        std::process::exit(2)
    };
    let Some(target) = args.first().cloned() else { usage() };
    if !TARGETS.contains(&target.as_str()) {
        usage();
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (mut inputs, mut seconds, mut seed, mut max_len, mut keep_going) = (u64::MAX, f64::INFINITY, 0x5eed_u64, 256 << 10, false);
    let mut corpora: Vec<PathBuf> = Vec::new();
    let mut dict_path = root.join("dict/report.dict");
    let mut failures = root.join("failures");
    let mut budget = Budget::default();
    let mut i = 1;
    while i < args.len() {
        let value = || args.get(i + 1).cloned().unwrap_or_else(|| usage());
        match args[i].as_str() {
            "--inputs" => inputs = value().parse().unwrap_or_else(|_| usage()),
            "--seconds" => seconds = value().parse().unwrap_or_else(|_| usage()),
            "--seed" => seed = value().parse().unwrap_or_else(|_| usage()),
            "--corpus" => corpora.push(value().into()),
            "--dict" => dict_path = value().into(),
            "--max-len" => max_len = value().parse().unwrap_or_else(|_| usage()),
            "--time-ms" => budget.time = Duration::from_millis(value().parse().unwrap_or_else(|_| usage())),
            "--failures" => failures = value().into(),
            "--keep-going" => {
                keep_going = true;
                i += 1;
                continue;
            }
            _ => usage(),
        }
        i += 2;
    }
    if corpora.is_empty() {
        corpora.push(root.join("corpus").join(&target));
        // The repository's own reports and schemas are seeds too, read where they live (the
        // corpus holds only what is not there: reproducers and finds).
        corpora.extend(fixture_seeds(&root.join(".."), &target));
    }
    let mut corpus = Vec::new();
    for c in &corpora {
        read_corpus(c, &target, &mut corpus);
    }
    if corpus.is_empty() {
        corpus.push(Vec::new());
    }
    let dict = read_dict(&dict_path);
    let mut rng = Rng(seed | 1);
    let t0 = Instant::now();
    let (mut n, mut failed) = (0u64, 0u64);
    let mut last_report = Instant::now();
    // Every seed as it is first, then mutations.
    let mut seeds = corpus.clone().into_iter();
    while n < inputs && t0.elapsed().as_secs_f64() < seconds {
        let data = match seeds.next() {
            Some(s) => s,
            None => {
                let s = &corpus[rng.below(corpus.len())];
                mutate(&mut rng, s, &corpus, &dict, max_len)
            }
        };
        n += 1;
        if let Err(why) = run(&target, &data, budget) {
            failed += 1;
            let _ = std::fs::create_dir_all(&failures);
            let name = format!("{target}-{:016x}", fnv(&data));
            let _ = std::fs::write(failures.join(format!("{name}.bin")), &data);
            let _ = std::fs::write(failures.join(format!("{name}.txt")), &why);
            eprintln!("FAIL {target} input {n} ({} bytes) → {}: {why}", data.len(), failures.join(format!("{name}.bin")).display());
            if !keep_going {
                break;
            }
        }
        if last_report.elapsed() > Duration::from_secs(60) {
            last_report = Instant::now();
            let s = t0.elapsed().as_secs_f64();
            eprintln!("fuzz-run {target}: {n} inputs, {failed} failures, {s:.0} s ({:.0}/s)", n as f64 / s);
        }
    }
    let s = t0.elapsed().as_secs_f64();
    println!("fuzz-run {target}: {n} inputs, {failed} failures, {s:.1} s ({:.0}/s)", n as f64 / s.max(1e-9));
    std::process::exit(if failed > 0 { 1 } else { 0 });
}
