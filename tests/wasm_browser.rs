//! The wasm API in headless Chromium (wasm-bindgen-test with chromedriver).
#![cfg(all(target_arch = "wasm32", feature = "js"))]

use reportcheck::wasm::Checker;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn checks_in_the_browser() {
    let checker = Checker::new(JsValue::from_str("auto")).unwrap();
    let text = include_str!("fixtures/2008_public_utilities_bureau.txt");
    let r = checker.check(text, JsValue::UNDEFINED).unwrap();
    let r: serde_json::Value = serde_json::from_str(&js_sys::JSON::stringify(&r).unwrap().as_string().unwrap()).unwrap();
    assert_eq!(r["summary"]["schema"]["id"], "cn-ogi-2008");
    let rules: Vec<&str> = r["diagnostics"].as_array().unwrap().iter().map(|d| d["rule"].as_str().unwrap()).collect();
    assert!(rules.contains(&"text.debris") && rules.contains(&"topic.missing"), "{rules:?}");
}

/// zip, inflate and the XML reader in the browser's wasm engine, as a dropped file meets them.
#[cfg(feature = "js-inputs")]
#[wasm_bindgen_test]
fn reads_a_docx_in_the_browser() {
    let read = reportcheck::wasm_inputs::docx_to_text(include_bytes!("fixtures/docx/2022_table_blank_cell.docx"), None).unwrap();
    let text = js_sys::Reflect::get(&read, &JsValue::from_str("text")).unwrap().as_string().unwrap();
    assert!(text.contains("政府信息公开工作年度报告") && text.contains('\t'), "{text}");
}
