//! `docs/schema-format.json` is the JSON Schema of the schema format, generated
//! from the Rust types (schemars) so that editors complete custom schemas.
//! Regenerate with `UPDATE_EXPECT=1 cargo test --features json-schema --test schema_format`.
#![cfg(all(not(target_arch = "wasm32"), feature = "json-schema"))]

#[test]
fn schema_format_json_is_up_to_date() {
    let generated = schemars::schema_for!(reportcheck::Schema);
    let text = serde_json::to_string_pretty(&generated).unwrap() + "\n";
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/schema-format.json");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(path, &text).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(committed == text, "docs/schema-format.json is stale; regenerate it (see this file's header)");
}
