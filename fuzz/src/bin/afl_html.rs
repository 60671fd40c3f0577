//! AFL target `html` (`cargo afl build --release --features afl --bin afl-html`): the invariants of
//! `reportcheck_fuzz::html`, a broken one aborting so that AFL records the input as a crash.

use reportcheck_fuzz::{run, Budget, Counting};

#[global_allocator]
static ALLOC: Counting = Counting;

fn main() {
    afl::fuzz!(|data: &[u8]| {
        if let Err(why) = run("html", data, Budget::default()) {
            eprintln!("{why}");
            std::process::abort();
        }
    });
}
