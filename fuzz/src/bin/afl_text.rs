//! AFL target `text` (`cargo afl build --release --features afl --bin afl-text`): the invariants of
//! `reportcheck_fuzz::text`, a broken one aborting so that AFL records the input as a crash.

use reportcheck_fuzz::{run, Budget, Counting};

#[global_allocator]
static ALLOC: Counting = Counting;

fn main() {
    afl::fuzz!(|data: &[u8]| {
        if let Err(why) = run("text", data, Budget::default()) {
            eprintln!("{why}");
            std::process::abort();
        }
    });
}
