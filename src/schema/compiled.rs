//! A schema compiled once: every regular expression built, severities
//! resolved. Checking reuses it for every text.

use super::{Schema, SchemaError};
use crate::pattern::{Pattern, PatternSet};
use crate::rule::{Level, Rule, Severity};

/// A [`Schema`] with its patterns compiled. Build once, check many texts.
///
/// ```
/// use reportcheck::{CompiledSchema, Schema};
/// let c = CompiledSchema::new(Schema::builtin("cn-ogi-2021").unwrap()).unwrap();
/// assert_eq!(c.schema().id, "cn-ogi-2021");
/// ```
#[derive(Debug)]
pub struct CompiledSchema {
    schema: Schema,
    /// Per section: its alias regexes.
    pub(crate) section_aliases: Vec<Vec<Pattern>>,
    /// The topics looked for in one place (the whole text or one section) for one kind of reporter,
    /// one alternation per topic, so that a scan stops as soon as every topic of the group is found —
    /// in a complete report, long before the end of the text. `topic_group[t]` is (group, index in
    /// it) of topic `t`.
    pub(crate) topic_groups: Vec<PatternSet>,
    pub(crate) topic_group: Vec<(usize, usize)>,
    /// All text patterns in one set, and each on its own for locating matches.
    pub(crate) pattern_set: PatternSet,
    pub(crate) patterns: Vec<(Pattern, Rule)>,
    /// Per table, per row: its label patterns.
    pub(crate) table_rows: Vec<Vec<Vec<Pattern>>>,
    /// Per table: its prose patterns, and all of them in one set (which says where they occur).
    pub(crate) table_prose: Vec<(Vec<Pattern>, PatternSet)>,
    /// Per table: the tolerance of its identities.
    pub(crate) table_tolerance: Vec<crate::table::Decimal>,
    /// Per table, per row group: its label patterns.
    pub(crate) table_groups: Vec<Vec<Vec<Pattern>>>,
    /// The format's markers, one set (`auto` counts how many a report contains).
    pub(crate) markers: PatternSet,
    /// Sentences that list the report's parts, one alternation.
    pub(crate) part_lists: Option<Pattern>,
    /// Per reporter: the patterns that recognise it by the agency's name.
    pub(crate) reporter_agency: Vec<Vec<Pattern>>,
}

impl CompiledSchema {
    /// Compile every pattern of `schema`. A bad regex is reported with its field path.
    pub fn new(schema: Schema) -> Result<Self, SchemaError> {
        // The pattern module's reason (what is refused and what to write instead) under the field's path.
        let field = |path: String, e: String| SchemaError::Field { path, message: format!("invalid regular expression: {e}") };
        let compile = |path: String, re: &str| Pattern::new(re).map_err(|e| field(path, e));
        // A list of patterns, each named `{list}[j]` in an error.
        let compile_list = |list: String, res: &[String]| -> Result<Vec<Pattern>, SchemaError> {
            res.iter().enumerate().map(|(j, re)| compile(format!("{list}[{j}]"), re)).collect()
        };
        let mut reporter_agency = Vec::with_capacity(schema.reporters.len());
        for (i, r) in schema.reporters.iter().enumerate() {
            reporter_agency.push(compile_list(format!("reporters[{i}].agency"), &r.agency)?);
        }
        let mut section_aliases = Vec::with_capacity(schema.sections.len());
        for (i, s) in schema.sections.iter().enumerate() {
            section_aliases.push(compile_list(format!("sections[{i}].aliases"), &s.aliases)?);
        }
        // Topics with the same section and reporter form a group; each topic is one alternation in it.
        let mut groups: Vec<Vec<String>> = Vec::new();
        let mut topic_group: Vec<(usize, usize)> = Vec::with_capacity(schema.topics.len());
        for (i, t) in schema.topics.iter().enumerate() {
            let mut alternation = String::new();
            for (j, p) in t.any_of.iter().enumerate() {
                // Checked alone (for an error naming this field), built only as part of the group's set.
                crate::pattern::check_syntax(p).map_err(|e| field(format!("topics[{i}].any_of[{j}]"), e))?;
                alternation = if j == 0 { format!("(?:{p})") } else { format!("{alternation}|(?:{p})") };
            }
            let same = schema.topics[..i].iter().position(|u| u.section == t.section && u.reporter == t.reporter);
            let g = match same {
                Some(u) => topic_group[u].0,
                None => {
                    groups.push(Vec::new());
                    groups.len() - 1
                }
            };
            topic_group.push((g, groups[g].len()));
            groups[g].push(alternation);
        }
        let mut patterns = Vec::with_capacity(schema.patterns.len());
        for (i, p) in schema.patterns.iter().enumerate() {
            // Built on first use: `pattern_set` (below) says which occur; only those are located.
            let re = Pattern::lazy(&p.pattern).map_err(|e| field(format!("patterns[{i}].pattern"), e))?;
            if re.matches_empty() {
                return Err(SchemaError::Field {
                    path: format!("patterns[{i}].pattern"),
                    message: "matches the empty string, so it would flag every position; make it require at least one character".into(),
                });
            }
            let rule = Rule::from_id(&p.rule).expect("validated");
            patterns.push((re, rule));
        }
        let set = |res: Vec<&str>, what: &str| PatternSet::new(&res).map_err(|message| SchemaError::Field { path: what.into(), message });
        let mut table_rows = Vec::with_capacity(schema.tables.len());
        let mut table_prose = Vec::with_capacity(schema.tables.len());
        let mut table_tolerance = Vec::with_capacity(schema.tables.len());
        let mut table_groups = Vec::with_capacity(schema.tables.len());
        for (i, t) in schema.tables.iter().enumerate() {
            let mut rows = Vec::with_capacity(t.rows.len());
            for (j, r) in t.rows.iter().enumerate() {
                rows.push(compile_list(format!("tables[{i}].rows[{j}].patterns"), &r.patterns)?);
            }
            table_rows.push(rows);
            let mut prose = Vec::with_capacity(t.prose.len());
            for (j, p) in t.prose.iter().enumerate() {
                prose.push(compile(format!("tables[{i}].prose[{j}].pattern"), &p.pattern)?);
            }
            let prose_set = set(t.prose.iter().map(|p| p.pattern.as_str()).collect(), "tables.prose")?;
            table_prose.push((prose, prose_set));
            let mut groups = Vec::with_capacity(t.groups.len());
            for (j, g) in t.groups.iter().enumerate() {
                groups.push(compile_list(format!("tables[{i}].groups[{j}].patterns"), &g.patterns)?);
            }
            table_groups.push(groups);
            table_tolerance.push(t.tolerance.as_deref().and_then(crate::table::Decimal::parse).unwrap_or(crate::table::Decimal::ZERO));
        }
        let mut topic_groups = Vec::with_capacity(groups.len());
        for alternations in &groups {
            topic_groups.push(set(alternations.iter().map(String::as_str).collect(), "topics")?);
        }
        let pattern_set = set(schema.patterns.iter().map(|p| p.pattern.as_str()).collect(), "patterns")?;
        // Each checked alone (for an error naming its field), built only as part of the set or alternation.
        let check = |path: String, re: &str| crate::pattern::check_syntax(re).map_err(|e| field(path, e));
        for (i, m) in schema.markers.iter().enumerate() {
            check(format!("markers[{i}]"), m)?;
        }
        let markers = set(schema.markers.iter().map(String::as_str).collect(), "markers")?;
        for (i, p) in schema.part_lists.iter().enumerate() {
            check(format!("part_lists[{i}]"), p)?;
        }
        let part_lists = match schema.part_lists.len() {
            0 => None,
            _ => Some(compile("part_lists".into(), &schema.part_lists.iter().map(|p| format!("(?:{p})")).collect::<Vec<_>>().join("|"))?),
        };
        Ok(CompiledSchema {
            schema,
            section_aliases,
            topic_groups,
            topic_group,
            pattern_set,
            patterns,
            table_rows,
            table_prose,
            table_tolerance,
            table_groups,
            markers,
            part_lists,
            reporter_agency,
        })
    }

    /// The schema as written.
    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    /// The severity `rule` reports at under this schema and the caller's overrides, or `None` if off.
    pub fn severity(&self, rule: Rule, overrides: &std::collections::BTreeMap<String, Level>) -> Option<Severity> {
        match overrides.get(rule.id()).or_else(|| self.schema.rules.get(rule.id())) {
            Some(level) => level.severity(),
            None => Some(rule.default_severity()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Checker::new("auto")` compiles its schemas lazily, on the first report that needs one, and
    /// relies on this: every built-in schema compiles.
    #[test]
    fn every_builtin_schema_compiles() {
        for id in crate::schema::builtin_ids() {
            CompiledSchema::new(Schema::builtin(id).unwrap()).unwrap_or_else(|e| panic!("{id}: {e}"));
        }
    }

    #[test]
    fn refused_syntax_names_the_field_and_says_what_to_write() {
        let cases = [
            (
                r#"{"id":"x","title":"t","patterns":[{"id":"p","rule":"text.placeholder","pattern":"\\d+","message":{"zh":"z","en":"e"}}]}"#,
                "patterns[0].pattern",
                "[0-9０-９]",
            ),
            (r#"{"id":"x","title":"t","topics":[{"id":"a","title":"A","any_of":["申请","(?i)foi"]}]}"#, "topics[0].any_of[1]", "[Tt][Oo][Dd][Oo]"),
            (r#"{"id":"x","title":"t","topics":[{"id":"a","title":"A","any_of":["\\p{Han}+"]}]}"#, "topics[0].any_of[0]", "\\u4E00-\\u9FFF"),
            (r#"{"id":"x","title":"t","topics":[{"id":"a","title":"A","any_of":["(?-u:\\xFF)"]}]}"#, "topics[0].any_of[0]", "UTF-8"),
            (r#"{"id":"x","title":"t","topics":[{"id":"a","title":"A","any_of":["公开\\B"]}]}"#, "topics[0].any_of[0]", "word boundaries"),
            (r#"{"id":"x","title":"t","topics":[{"id":"a","title":"A","any_of":["(?=公开)"]}]}"#, "topics[0].any_of[0]", "look-around"),
        ];
        for (json, path, hint) in cases {
            let e = CompiledSchema::new(Schema::from_json(json).unwrap()).unwrap_err().to_string();
            assert!(e.contains(path) && e.contains(hint), "{json}: {e}");
        }
    }
}
