//! Embeds the built-in schemas minified: they are data in the wasm module, and
//! the indentation that makes them readable in `src/schema/builtin/` is dead weight there.
//! So are their `examples` (texts that show and test what each pattern, topic and row does):
//! the wasm build leaves them out; `cargo test` and `reportcheck schema test` run them.

use std::{env, fs, path::Path};

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for id in ["cn-ogi-2021", "cn-ogi-2019", "cn-ogi-2008", "cn-ogi-text"] {
        let src = format!("src/schema/builtin/{id}.json");
        println!("cargo:rerun-if-changed={src}");
        let text = fs::read_to_string(&src).unwrap_or_else(|e| panic!("{src}: {e}"));
        let mut value: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{src} is not valid JSON: {e}"));
        if env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
            strip_examples(&mut value);
        }
        fs::write(Path::new(&out).join(format!("{id}.json")), value.to_string()).expect("write OUT_DIR");
    }
}

fn strip_examples(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            map.remove("examples");
            map.values_mut().for_each(strip_examples);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_examples),
        _ => {}
    }
}
