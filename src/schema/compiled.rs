//! A schema compiled once: every regular expression built, severities
//! resolved. Checking reuses it for every text.

use super::{Schema, SchemaError};
use crate::rules::registry::{Level, Rule, Severity};
use regex::{Regex, RegexSet};

/// A [`Schema`] with its patterns compiled. Build once, check many texts.
///
/// ```
/// use reportcheck::{CompiledSchema, Schema};
/// let c = CompiledSchema::new(Schema::builtin("cn-ogi-2021").unwrap()).unwrap();
/// assert_eq!(c.schema().id, "cn-ogi-2021");
/// ```
#[derive(Debug, Clone)]
pub struct CompiledSchema {
    schema: Schema,
    /// Per section: its alias regexes.
    pub(crate) section_aliases: Vec<Vec<Regex>>,
    /// All topic patterns in one set; `topic_of[i]` is the topic of pattern `i`.
    pub(crate) topic_set: RegexSet,
    pub(crate) topic_of: Vec<usize>,
    /// All text patterns in one set, and each on its own for locating matches.
    pub(crate) pattern_set: RegexSet,
    pub(crate) patterns: Vec<(Regex, Rule)>,
    /// Per table, per row: its label patterns.
    pub(crate) table_rows: Vec<Vec<Vec<Regex>>>,
    /// Per table: its prose patterns.
    pub(crate) table_prose: Vec<Vec<Regex>>,
    /// Per table: the tolerance of its identities.
    pub(crate) table_tolerance: Vec<crate::table::Decimal>,
}

impl CompiledSchema {
    /// Compile every pattern of `schema`. A bad regex is reported with its field path.
    pub fn new(schema: Schema) -> Result<Self, SchemaError> {
        let compile = |path: String, re: &str| {
            Regex::new(re).map_err(|e| {
                let hint = if e.to_string().contains("Unicode") {
                    " (to stay small, this build has no Unicode classes \\d \\s \\w \\b \\p{…} and no (?i): list the characters instead, e.g. [0-9０-９] for \\d, [ \\t\\u3000] for \\s, [Tt][Oo][Dd][Oo] for (?i)todo)"
                } else {
                    ""
                };
                SchemaError::Field { path, message: format!("invalid regular expression{hint}: {e}") }
            })
        };
        let mut section_aliases = Vec::with_capacity(schema.sections.len());
        for (i, s) in schema.sections.iter().enumerate() {
            let mut v = Vec::with_capacity(s.aliases.len());
            for (j, a) in s.aliases.iter().enumerate() {
                v.push(compile(format!("sections[{i}].aliases[{j}]"), a)?);
            }
            section_aliases.push(v);
        }
        let mut topic_res = Vec::new();
        let mut topic_of = Vec::new();
        for (i, t) in schema.topics.iter().enumerate() {
            for (j, p) in t.any_of.iter().enumerate() {
                compile(format!("topics[{i}].any_of[{j}]"), p)?;
                topic_res.push(p.as_str());
                topic_of.push(i);
            }
        }
        let mut patterns = Vec::with_capacity(schema.patterns.len());
        for (i, p) in schema.patterns.iter().enumerate() {
            let re = compile(format!("patterns[{i}].pattern"), &p.pattern)?;
            if re.is_match("") {
                return Err(SchemaError::Field {
                    path: format!("patterns[{i}].pattern"),
                    message: "matches the empty string, so it would flag every position; make it require at least one character".into(),
                });
            }
            let rule = Rule::from_id(&p.rule).expect("validated");
            patterns.push((re, rule));
        }
        let set = |res: Vec<&str>, what: &str| {
            RegexSet::new(res).map_err(|e| SchemaError::Field { path: what.into(), message: e.to_string() })
        };
        let mut table_rows = Vec::with_capacity(schema.tables.len());
        let mut table_prose = Vec::with_capacity(schema.tables.len());
        let mut table_tolerance = Vec::with_capacity(schema.tables.len());
        for (i, t) in schema.tables.iter().enumerate() {
            let mut rows = Vec::with_capacity(t.rows.len());
            for (j, r) in t.rows.iter().enumerate() {
                let mut v = Vec::with_capacity(r.patterns.len());
                for (k, p) in r.patterns.iter().enumerate() {
                    v.push(compile(format!("tables[{i}].rows[{j}].patterns[{k}]"), p)?);
                }
                rows.push(v);
            }
            table_rows.push(rows);
            let mut prose = Vec::with_capacity(t.prose.len());
            for (j, p) in t.prose.iter().enumerate() {
                prose.push(compile(format!("tables[{i}].prose[{j}].pattern"), &p.pattern)?);
            }
            table_prose.push(prose);
            table_tolerance.push(t.tolerance.as_deref().and_then(crate::table::Decimal::parse).unwrap_or(crate::table::Decimal::ZERO));
        }
        let topic_set = set(topic_res, "topics")?;
        let pattern_set = set(schema.patterns.iter().map(|p| p.pattern.as_str()).collect(), "patterns")?;
        Ok(CompiledSchema { schema, section_aliases, topic_set, topic_of, pattern_set, patterns, table_rows, table_prose, table_tolerance })
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
