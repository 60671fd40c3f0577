//! A schema's `examples`, run: each text a pattern, topic or table row says it flags or lets
//! pass is tried with the compiled schema, as the checker would match it. `cargo test` runs the
//! built-in schemas' examples; `reportcheck schema test FILE` runs a custom schema's, so an
//! agency tests its schema the way it writes it.

use crate::schema::{CompiledSchema, Examples};

/// An example that does not do what its schema says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExampleFailure {
    /// Where it is written, e.g. `patterns[3].examples.flag[0]`, and the id of what it shows.
    pub path: String,
    /// The example text.
    pub text: String,
    /// What happened instead.
    pub problem: &'static str,
}

/// Run every example of `schema`: how many ran, and the ones that failed.
pub fn run(schema: &CompiledSchema) -> (usize, Vec<ExampleFailure>) {
    let spec = schema.schema();
    let mut ran = 0;
    let mut failures = Vec::new();
    // `says(text)` is true when the text is flagged.
    let mut each = |at: String, examples: &Option<Examples>, says: &dyn Fn(&str) -> bool, problems: [&'static str; 2]| {
        let Some(examples) = examples else { return };
        for (kind, texts, flagged, problem) in [("flag", &examples.flag, true, problems[0]), ("pass", &examples.pass, false, problems[1])] {
            for (i, text) in texts.iter().enumerate() {
                ran += 1;
                if says(text) != flagged {
                    failures.push(ExampleFailure { path: format!("{at}.examples.{kind}[{i}]"), text: text.clone(), problem });
                }
            }
        }
    };
    for (i, p) in spec.patterns.iter().enumerate() {
        let pattern = &schema.patterns[i].0;
        each(
            format!("patterns[{i}] ({})", p.id),
            &p.examples,
            &|t| !pattern.find_all(t).is_empty(),
            ["the pattern finds nothing in it", "the pattern finds something in it"],
        );
    }
    for (i, t) in spec.topics.iter().enumerate() {
        let (g, k) = schema.topic_group[i];
        let set = &schema.topic_groups[g];
        each(format!("topics[{i}] ({})", t.id), &t.examples, &|text| !set.which(text)[k], ["the text covers the topic", "the text does not cover the topic"]);
    }
    for (ti, table) in spec.tables.iter().enumerate() {
        for (ri, row) in table.rows.iter().enumerate() {
            let this = |label: &str| crate::bind::row_for_label(schema, ti, label) == Some(ri);
            each(
                format!("tables[{ti}].rows[{ri}] ({}/{})", table.id, row.id),
                &row.examples,
                &|label| !this(label),
                ["the label is taken for this row", "the label is not taken for this row"],
            );
        }
    }
    (ran, failures)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{builtin_ids, Schema};

    /// The built-in schemas' examples all hold (the native build embeds them; the wasm
    /// build leaves them out of its copies).
    #[test]
    fn builtin_examples_hold() {
        let mut total = 0;
        for id in builtin_ids() {
            let (ran, failures) = run(&CompiledSchema::new(Schema::builtin(id).unwrap()).unwrap());
            assert!(failures.is_empty(), "{id}: {failures:#?}");
            total += ran;
        }
        assert!(total >= 80, "only {total} examples ran");
    }

    /// A wrong example is reported with its place and what happened.
    #[test]
    fn a_wrong_example_is_reported() {
        let json = r#"{"id":"x","title":"t","extends":"cn-ogi-text","patterns":[{"id":"p","rule":"text.placeholder","pattern":"待定","message":{"zh":"z","en":"e"},
            "examples":{"flag":["此处待定","已确定"],"pass":["待定事项"]}}]}"#;
        let (ran, failures) = run(&CompiledSchema::new(Schema::from_json(json).unwrap()).unwrap());
        assert!(ran >= 3);
        let mine: Vec<_> = failures.iter().filter(|f| f.path.contains("(p)")).map(|f| (f.path.as_str(), f.text.as_str(), f.problem)).collect();
        assert_eq!(
            mine,
            [
                ("patterns[14] (p).examples.flag[1]", "已确定", "the pattern finds nothing in it"),
                ("patterns[14] (p).examples.pass[0]", "待定事项", "the pattern finds something in it")
            ]
        );
    }
}
