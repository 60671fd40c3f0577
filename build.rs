//! Embeds the built-in schemas minified: they are data in the wasm module, and
//! the indentation that makes them readable in `src/schema/builtin/` is dead weight there.

use std::{env, fs, path::Path};

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for id in ["cn-ogi-2021", "cn-ogi-2019", "cn-ogi-2008", "cn-ogi-text"] {
        let src = format!("src/schema/builtin/{id}.json");
        println!("cargo:rerun-if-changed={src}");
        let text = fs::read_to_string(&src).unwrap_or_else(|e| panic!("{src}: {e}"));
        let value: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{src} is not valid JSON: {e}"));
        fs::write(Path::new(&out).join(format!("{id}.json")), value.to_string()).expect("write OUT_DIR");
    }
}
