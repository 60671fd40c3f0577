//! The second WebAssembly module: the HTML and .docx readers for the browser,
//! built alone (`--no-default-features --features js-inputs`) into `www/pkg-inputs`.
//!
//! Why a second module: the readers (an HTML tokenizer, zip + inflate, an XML
//! reader) weigh more than half the checker again, and most drafters never paste
//! HTML or drop a .docx. The page loads this module only when they do, so the
//! checker module keeps its size budget. Both modules run the same Rust readers as
//! the CLI; the page puts the text they return in its editor and checks it there.
//! No rule logic here.

use crate::input::{docx, html, MAX_BYTES};
use crate::Lang;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
export interface DocxText {
  /** The document's text, tables as tab-separated rows, as it reads with tracked changes accepted. */
  text: string;
  /** The document has tracked changes (the text reads them as accepted). */
  trackedChanges: boolean;
}
"#;

fn lang(lang: Option<String>) -> Lang {
    if lang.as_deref() == Some("en") {
        Lang::En
    } else {
        Lang::Zh
    }
}

fn too_large(lang: Lang) -> JsError {
    let mb = MAX_BYTES >> 20;
    let message = match lang {
        Lang::Zh => format!("内容过大（超过{mb} MB），年度报告不会这么大，请确认内容"),
        Lang::En => format!("the content is over {mb} MB; an annual report is far smaller: check that it is the right one"),
    };
    JsError::new(&message)
}

/// The visible text of `html` (a portal editor's content, a saved page, Word's clipboard
/// HTML): block elements on lines of their own, tables as tab-separated rows with
/// rowspan/colspan spread over the grid, entities decoded, scripts, styles and hidden
/// content left out. Throws when `html` is over 50 MB.
#[wasm_bindgen(js_name = htmlToText)]
pub fn html_to_text(html: &str, #[wasm_bindgen(unchecked_param_type = "\"zh\" | \"en\" | undefined")] language: Option<String>) -> Result<String, JsError> {
    if html.len() as u64 > MAX_BYTES {
        return Err(too_large(lang(language)));
    }
    html::read(html).map(|v| v.text).map_err(|e| JsError::new(e.message().get(lang(language))))
}

/// The text of a .docx (Word or WPS). Throws an `Error` that says, in `language`
/// (default Chinese), why the file cannot be read and what to do: a legacy .doc, a
/// password, not a zip, damaged, no document part, over 50 MB, a zip bomb, a DTD.
#[wasm_bindgen(js_name = docxToText, unchecked_return_type = "DocxText")]
pub fn docx_to_text(bytes: &[u8], #[wasm_bindgen(unchecked_param_type = "\"zh\" | \"en\" | undefined")] language: Option<String>) -> Result<JsValue, JsError> {
    let read = docx::read(bytes).map_err(|e| JsError::new(e.message().get(lang(language))))?;
    let out = js_sys::Object::new();
    // Reflect::set on a fresh plain object cannot fail.
    let _ = js_sys::Reflect::set(&out, &"text".into(), &read.text.into());
    let _ = js_sys::Reflect::set(&out, &"trackedChanges".into(), &read.tracked_changes.into());
    Ok(out.into())
}
