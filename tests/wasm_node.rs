//! The wasm API under Node (wasm-bindgen-test): what a portal's JS receives.
#![cfg(all(target_arch = "wasm32", feature = "js"))]

use reportcheck::wasm::{builtin_schemas, schema_json, Checker};
use serde_json::Value;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

fn json(v: JsValue) -> Value {
    serde_json::from_str(&js_sys::JSON::stringify(&v).unwrap().as_string().unwrap()).unwrap()
}

fn error_message(e: wasm_bindgen::JsError) -> String {
    let v: JsValue = e.into();
    js_sys::Error::from(v).message().into()
}

#[wasm_bindgen_test]
fn seed_is_checked_with_utf16_spans() {
    let checker = Checker::new(JsValue::UNDEFINED).unwrap();
    let text = include_str!("fixtures/2010_hunchun_urban_management.txt");
    let r = json(checker.check(text, JsValue::UNDEFINED).unwrap());
    assert_eq!(r["summary"]["schema"]["id"], "cn-ogi-2008");
    assert_eq!(r["summary"]["report_year"], 2010);
    assert_eq!(r["summary"]["ready"], false);
    let diags = r["diagnostics"].as_array().unwrap();
    let debris = diags.iter().find(|d| d["rule"] == "text.debris").unwrap();
    assert_eq!((debris["start"].as_u64(), debris["end"].as_u64()), (Some(0), Some(5)), "登录 注册 is 5 UTF-16 units");
    // One offset scheme: UTF-16 by default, and the result says so.
    assert_eq!(r["summary"]["encoding"], "utf16");
    assert!(debris["bytes"].is_null() && debris["utf16"].is_null());
    let topics: Vec<&str> = diags.iter().filter(|d| d["rule"] == "topic.missing").map(|d| d["target"]["id"].as_str().unwrap()).collect();
    assert_eq!(topics, ["requests", "fees", "review"]);
}

#[wasm_bindgen_test]
fn encoding_and_language_are_the_callers_choice() {
    let checker = Checker::new(JsValue::from_str("cn-ogi-text")).unwrap();
    let text = "😀汉XX";
    let opts = js_sys::JSON::parse(r#"{"encoding":"utf8","lang":"en"}"#).unwrap();
    let r = json(checker.check(text, opts).unwrap());
    let placeholder = |r: &Value| r["diagnostics"].as_array().unwrap().iter().find(|d| d["rule"] == "text.placeholder").cloned().unwrap();
    let d = &placeholder(&r);
    assert_eq!((d["start"].as_u64(), d["end"].as_u64()), (Some(7), Some(9)));
    assert_eq!((r["summary"]["encoding"].as_str(), d["column"].as_u64()), (Some("utf8"), Some(4)), "columns count UTF-16 units, as editors do");
    assert!(d["message"].as_str().unwrap().contains("placeholder"));
    let r = json(checker.check(text, JsValue::UNDEFINED).unwrap());
    assert_eq!(placeholder(&r)["start"], 3);
}

#[wasm_bindgen_test]
fn schema_object_with_overrides() {
    let schema = js_sys::JSON::parse(r#"{"extends":"cn-ogi-text","id":"portal","title":"门户","rules":{"text.debris":"off"}}"#).unwrap();
    let checker = Checker::new(schema).unwrap();
    let r = json(checker.check("登录 注册\nXX", JsValue::UNDEFINED).unwrap());
    let rules: Vec<&str> = r["diagnostics"].as_array().unwrap().iter().map(|d| d["rule"].as_str().unwrap()).collect();
    assert!(rules.contains(&"text.placeholder") && !rules.contains(&"text.debris"), "text.debris is off: {rules:?}");
    assert_eq!(r["summary"]["schema"]["id"], "portal");
}

#[wasm_bindgen_test]
fn bad_schema_and_options_throw_errors_naming_the_field() {
    let bad = r#"{"id":"x","title":"t","patterns":[{"id":"p","rule":"text.debris","pattern":"(","message":{"zh":"a","en":"b"}}]}"#;
    let msg = error_message(Checker::new(JsValue::from_str(bad)).err().unwrap());
    assert!(msg.contains("patterns[0].pattern"), "{msg}");
    let msg = error_message(Checker::new(JsValue::from_str("cn-ogi-1999")).err().unwrap());
    assert!(msg.contains("unknown schema"), "{msg}");
    let checker = Checker::new(JsValue::UNDEFINED).unwrap();
    let msg = error_message(checker.check("x", js_sys::JSON::parse(r#"{"lang":"fr"}"#).unwrap()).err().unwrap());
    assert!(msg.contains("lang"), "{msg}");
    let msg = error_message(checker.check("x", js_sys::JSON::parse(r#"{"rules":{"no.such":"off"}}"#).unwrap()).err().unwrap());
    assert!(msg.contains("no.such"), "{msg}");
}

#[wasm_bindgen_test]
fn catalogue_functions() {
    let ids: Vec<String> = json(builtin_schemas().unwrap()).as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap().to_string()).collect();
    assert!(ids.contains(&"cn-ogi-2021".to_string()));
    assert!(schema_json("cn-ogi-2008").unwrap().contains("收费及减免"));
}

/// The page's path for pasted HTML and dropped .docx files: the input-reader module turns
/// them into text, the checker module checks that text. Same findings as the text itself.
#[cfg(feature = "js-inputs")]
mod inputs {
    use super::*;
    use reportcheck::wasm_inputs::{docx_to_text, html_to_text};

    fn rules(checker: &Checker, text: &str) -> Vec<String> {
        let opts = js_sys::JSON::parse(r#"{"today":"2026-11-23"}"#).unwrap();
        let r = json(checker.check(text, opts).unwrap());
        r["diagnostics"].as_array().unwrap().iter().map(|d| format!("{} {}", d["rule"], d["target"])).collect()
    }

    #[wasm_bindgen_test]
    fn word_html_and_docx_read_as_the_text_does() {
        let checker = Checker::new(JsValue::UNDEFINED).unwrap();
        for (text, html, docx) in [
            (
                include_str!("fixtures/2022_table_wrong_total.txt"),
                include_str!("fixtures/html/2022_table_wrong_total.word.html"),
                &include_bytes!("fixtures/docx/2022_table_wrong_total.docx")[..],
            ),
            (
                include_str!("fixtures/2010_hunchun_urban_management.txt"),
                include_str!("fixtures/html/2010_hunchun_urban_management.portal.html"),
                &include_bytes!("fixtures/docx/2010_hunchun_urban_management.docx")[..],
            ),
        ] {
            let want = rules(&checker, text);
            assert!(!want.is_empty());
            assert_eq!(rules(&checker, &html_to_text(html, None).unwrap()), want, "HTML");
            let read = json(docx_to_text(docx, None).unwrap());
            assert_eq!(read["trackedChanges"], false);
            assert_eq!(rules(&checker, read["text"].as_str().unwrap()), want, ".docx");
        }
        let tracked = json(docx_to_text(include_bytes!("fixtures/docx/2022_department_complete.tracked.docx"), None).unwrap());
        assert_eq!(tracked["trackedChanges"], true);
    }

    #[wasm_bindgen_test]
    fn unreadable_files_throw_what_to_do_in_the_chosen_language() {
        let legacy = include_bytes!("fixtures/docx/bad_legacy.doc");
        let zh = error_message(docx_to_text(legacy, None).err().unwrap());
        assert!(zh.contains("另存为 .docx") && !zh.contains(" / "), "{zh}");
        let en = error_message(docx_to_text(legacy, Some("en".into())).err().unwrap());
        assert!(en.contains("save it as .docx"), "{en}");
        let bomb = error_message(docx_to_text(include_bytes!("fixtures/docx/bad_bomb.docx"), None).err().unwrap());
        assert!(bomb.contains("过大"), "{bomb}");
        let not_zip = error_message(docx_to_text(b"hello", Some("en".into())).err().unwrap());
        assert!(not_zip.contains("not a .docx"), "{not_zip}");
    }
}
