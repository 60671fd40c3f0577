//! AFL target `docx` (`cargo afl build --release --features afl --bin afl-docx`): the invariants of
//! `reportcheck_fuzz::docx`, a broken one aborting so that AFL records the input as a crash.

use reportcheck_fuzz::{run, Budget, Counting};

#[global_allocator]
static ALLOC: Counting = Counting;

fn main() {
    afl::fuzz!(|data: &[u8]| {
        if let Err(why) = run("docx", data, Budget::default()) {
            eprintln!("{why}");
            std::process::abort();
        }
    });
}
