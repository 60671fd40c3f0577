//! AFL target `schema` (`cargo afl build --release --features afl --bin afl-schema`): the invariants of
//! `reportcheck_fuzz::schema`, a broken one aborting so that AFL records the input as a crash.

use reportcheck_fuzz::{run, Budget, Counting};

#[global_allocator]
static ALLOC: Counting = Counting;

fn main() {
    afl::fuzz!(|data: &[u8]| {
        if let Err(why) = run("schema", data, Budget::default()) {
            eprintln!("{why}");
            std::process::abort();
        }
    });
}
