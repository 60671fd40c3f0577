//! reportcheck checks a *draft* 政府信息公开工作年度报告 against a schema:
//! required sections and topics, template placeholders, web debris, title and
//! agency — and, as they land, dates and the statistics tables.
//!
//! One pipeline: text → [`Document`] → rules driven by a [`Schema`] →
//! [`Diagnostic`]s with positions in UTF-8 bytes, UTF-16 units and line/column.
//! The core knows nothing of JS, the terminal or the file system; the wasm
//! bindings (`wasm` and `wasm_inputs`, wasm32 only) and the CLI (`src/main.rs`) are thin
//! layers over [`Checker`].
//!
//! ```
//! use reportcheck::{Checker, CheckOptions};
//! let checker = Checker::new("cn-ogi-2021").unwrap();
//! let r = checker.check("某区人民政府\n2022年政府信息公开工作年度报告\n一、总体情况\nXX\n", &CheckOptions::default());
//! assert!(!r.summary.ready);
//! assert!(r.diagnostics.iter().any(|d| d.rule.id() == "text.placeholder"));
//! ```
#![warn(missing_docs)]

pub mod bind;
pub mod checker;
pub mod dates;
pub mod diagnostic;
pub mod document;
/// A schema's `examples` run (native only: the wasm build does not read them).
#[cfg(not(target_arch = "wasm32"))]
pub mod examples;
pub mod fix;
pub mod heading;
pub mod input;
pub mod pattern;
pub mod position;
pub mod previous;
pub mod rule;
pub mod rules;
pub mod schema;
pub mod table;
pub mod text;

#[cfg(all(target_arch = "wasm32", feature = "js"))]
pub mod wasm;
#[cfg(all(target_arch = "wasm32", feature = "js-inputs"))]
pub mod wasm_inputs;

// One allocator for whichever JS module is built: smaller and faster than the default dlmalloc.
#[cfg(all(target_arch = "wasm32", any(feature = "js", feature = "js-inputs"), not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub use bind::Deadline;
pub use checker::{CheckOptions, CheckResult, Checker, ChecklistItem, ItemKind, ItemState, OptionsError, SchemaUsed, SectionFound, Selected, Summary};
pub use dates::Date;
pub use diagnostic::{Diagnostic, Encoding, Lang, Target};
pub use document::Document;
pub use position::{LineIndex, Position, Span};
pub use rule::{Level, Rule, Severity};
pub use schema::{CompiledSchema, Schema, SchemaError};
