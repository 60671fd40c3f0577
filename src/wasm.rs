//! The WebAssembly binding: a thin layer over [`crate::Checker`]. No rule
//! logic here. Options and results cross with serde-wasm-bindgen, straight between
//! Rust values and JS objects (no JSON text in between), with its JSON-compatible
//! serializer: maps become plain objects, `None` becomes `null`, integers numbers.
//! A schema object still crosses as JSON text, so that its errors name the field
//! exactly as for a schema file.

use serde::Serialize;
use wasm_bindgen::prelude::*;

// The types of the options and the result, generated from the Rust types (tests/typescript.rs).
#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = include_str!("../www/reportcheck-types.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const TS_SCHEMA_INFO: &str = "export interface SchemaInfo { id: string; title: string }";

fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsError> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsError::new(&format!("internal error: {e}")))
}

/// The options object as a JSON value, read as `JSON.stringify` would: a property that is
/// `undefined` (or `null`) at the top level counts as not given (`{today: input || undefined}`).
fn options_value(options: JsValue) -> Result<serde_json::Value, JsError> {
    let mut value: serde_json::Value = serde_wasm_bindgen::from_value(options).map_err(|e| JsError::new(&format!("options must be a plain object: {e}")))?;
    if let serde_json::Value::Object(map) = &mut value {
        // Removed key by key: `retain` would bring another B-tree routine into the module.
        let nulls: Vec<String> = map.iter().filter(|(_, v)| v.is_null()).map(|(k, _)| k.clone()).collect();
        for k in nulls {
            map.remove(&k);
        }
    }
    Ok(value)
}

/// A plain JS object as JSON text.
fn to_json(v: &JsValue, what: &str) -> Result<String, JsError> {
    js_sys::JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| JsError::new(&format!("{what} must be a plain object (JSON.stringify failed on it)")))
}

/// A checker built once from a schema; call `check` on every edit.
#[wasm_bindgen]
pub struct Checker {
    inner: crate::Checker,
}

#[wasm_bindgen]
impl Checker {
    /// `schema`: omitted or `"auto"`, a built-in id, a JSON string, or a schema object.
    /// Throws an `Error` naming the schema field that is wrong.
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "string | object | undefined")] schema: JsValue) -> Result<Checker, JsError> {
        let inner = if schema.is_undefined() || schema.is_null() {
            crate::Checker::new("auto")
        } else if let Some(s) = schema.as_string() {
            if s.trim_start().starts_with('{') {
                crate::Checker::from_json(&s)
            } else {
                crate::Checker::new(&s)
            }
        } else {
            crate::Checker::from_json(&to_json(&schema, "schema")?)
        };
        inner.map(|inner| Checker { inner }).map_err(|e| JsError::new(&e.to_string()))
    }

    /// Keep last year's report beside the checker (read once, not on every check) for the
    /// `previous.*` rules; `null` forgets it.
    #[wasm_bindgen(js_name = setPrevious)]
    pub fn set_previous(&mut self, text: Option<String>) {
        self.inner.set_previous(text.as_deref());
    }

    /// Check `text`; returns `{summary, diagnostics}`. Throws on bad options only.
    #[wasm_bindgen(unchecked_return_type = "CheckResult")]
    pub fn check(&self, text: &str, #[wasm_bindgen(unchecked_param_type = "CheckOptions | undefined")] options: JsValue) -> Result<JsValue, JsError> {
        let mut options = if options.is_undefined() || options.is_null() {
            crate::CheckOptions::default()
        } else {
            crate::CheckOptions::from_value(options_value(options)?).map_err(|e| JsError::new(&e.to_string()))?
        };
        if options.today.is_none() {
            // The browser's local date.
            let now = js_sys::Date::new_0();
            options.today = Some(format!("{:04}-{:02}-{:02}", now.get_full_year(), now.get_month() + 1, now.get_date()));
        }
        to_js(&self.inner.check(text, &options))
    }
}

/// The built-in schemas, `[{id, title}]`.
#[wasm_bindgen(js_name = builtinSchemas, unchecked_return_type = "SchemaInfo[]")]
pub fn builtin_schemas() -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct Info {
        id: String,
        title: String,
    }
    let list: Vec<Info> =
        crate::schema::builtin_ids().into_iter().filter_map(|id| crate::Schema::builtin(id).ok()).map(|s| Info { id: s.id, title: s.title }).collect();
    to_js(&list)
}

/// The JSON text of a built-in schema, to start a custom one from.
#[wasm_bindgen(js_name = schemaJson)]
pub fn schema_json(id: &str) -> Result<String, JsError> {
    crate::schema::builtin_json(id).map(str::to_string).ok_or_else(|| JsError::new(&crate::SchemaError::Unknown(id.to_string()).to_string()))
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    /// The JS-visible result is exactly what it was when it crossed as JSON text: the page and
    /// the element read it, so serde-wasm-bindgen must give the same objects, keys in the same
    /// order, `null` for `None`, numbers for counts and offsets.
    #[wasm_bindgen_test]
    fn results_have_the_shape_json_gave_them() {
        let checker = crate::Checker::new("auto").unwrap();
        let options = crate::CheckOptions { today: Some("2026-11-28".into()), ..Default::default() };
        for text in [
            include_str!("../tests/fixtures/2022_table_wrong_total.txt"),
            include_str!("../tests/fixtures/2010_hunchun_urban_management.txt"),
            include_str!("../tests/fixtures/undated_draft.txt"),
            "",
        ] {
            let result = checker.check(text, &options);
            let js = super::to_js(&result).unwrap();
            let via_js: String = js_sys::JSON::stringify(&js).unwrap().into();
            assert_eq!(via_js, serde_json::to_string(&result).unwrap());
        }
    }
}
