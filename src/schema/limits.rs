//! How much a schema may declare. Agency schemas come from outside (an upload on the page, a
//! file given to the CLI), and the work of merging `extends`, compiling and matching grows with
//! every section, alias and pattern, so each list has a ceiling far above any real format (the
//! 2021 national format has 6 sections, 14 aliases, 7 topics, 3 tables of at most 25 rows).
//! A schema over a limit is refused with the field, the limit and what to do.

use super::SchemaError;
use serde_json::Value;

/// Largest schema JSON text (the built-ins are under 17 KB).
pub const MAX_JSON_BYTES: usize = 1 << 20;
/// Longest single regular expression, in bytes.
pub const MAX_PATTERN_BYTES: usize = 2_000;
/// Regular expressions in the whole schema (aliases, topics, patterns, row labels, prose).
pub const MAX_PATTERNS_TOTAL: usize = 2_000;

/// (list path, most entries). `*` stands for any index of the list before it.
const LISTS: &[(&str, usize)] = &[
    ("sections", 100),
    ("sections.*.aliases", 50),
    ("topics", 300),
    ("topics.*.any_of", 100),
    ("patterns", 500),
    ("tables", 20),
    ("tables.*.columns", 100),
    ("tables.*.rows", 500),
    ("tables.*.rows.*.patterns", 50),
    ("tables.*.rows.*.columns", 100),
    ("tables.*.identities", 500),
    ("tables.*.identities.*.total", 100),
    ("tables.*.identities.*.parts", 500),
    ("tables.*.prose", 200),
    ("tables.*.groups", 100),
    ("tables.*.groups.*.patterns", 50),
    ("tables.*.groups.*.rows", 500),
    ("markers", 200),
    ("part_lists", 100),
    ("reporters", 50),
    ("reporters.*.agency", 50),
];

fn too_many(path: &str, n: usize, max: usize) -> SchemaError {
    SchemaError::Field {
        path: path.into(),
        message: format!(
            "有{n}项，超过上限{max}项；请删去不用的条目或拆分格式 / has {n} entries, over the limit of {max}: remove unused entries or split the schema"
        ),
    }
}

/// Refuse a schema JSON text over [`MAX_JSON_BYTES`] before parsing it.
pub fn check_json_len(json: &str) -> Result<(), SchemaError> {
    if json.len() > MAX_JSON_BYTES {
        return Err(SchemaError::Field {
            path: "(schema)".into(),
            message: format!(
                "格式文件有{}字节，超过上限{}字节，请确认文件 / the schema is {} bytes, over the limit of {} bytes: check that it is the right file",
                json.len(),
                MAX_JSON_BYTES,
                json.len(),
                MAX_JSON_BYTES
            ),
        });
    }
    Ok(())
}

/// Check every list of a schema value (before and after `extends` is merged: before, so that
/// the merge itself stays small; after, because merging adds the inherited entries).
pub fn check_value(value: &Value) -> Result<(), SchemaError> {
    for &(path, max) in LISTS {
        check_list(value, path, "", max)?;
    }
    let mut total = 0usize;
    count_patterns(value, "", &mut total)?;
    if total > MAX_PATTERNS_TOTAL {
        return Err(SchemaError::Field {
            path: "(schema)".into(),
            message: format!(
                "共有{total}个正则表达式，超过上限{MAX_PATTERNS_TOTAL}个；请合并或删去不用的模式 / declares {total} regular expressions, over the limit of {MAX_PATTERNS_TOTAL}: merge or remove unused ones"
            ),
        });
    }
    Ok(())
}

/// Walk `rest` (a dotted path with `*` for every index) from `value`, checking the list it ends at.
fn check_list(value: &Value, rest: &str, at: &str, max: usize) -> Result<(), SchemaError> {
    let (key, tail) = rest.split_once('.').unwrap_or((rest, ""));
    let here = if at.is_empty() { key.to_string() } else { format!("{at}.{key}") };
    let Some(list) = value.get(key).and_then(Value::as_array) else { return Ok(()) };
    if tail.is_empty() {
        return if list.len() > max { Err(too_many(&here, list.len(), max)) } else { Ok(()) };
    }
    // `*.` then the next key: every element of the list (already bounded by its own entry above).
    let tail = tail.strip_prefix("*.").unwrap_or(tail);
    for (i, item) in list.iter().enumerate() {
        check_list(item, tail, &format!("{here}[{i}]"), max)?;
    }
    Ok(())
}

/// Count the regular expressions and refuse one longer than [`MAX_PATTERN_BYTES`].
fn count_patterns(value: &Value, at: &str, total: &mut usize) -> Result<(), SchemaError> {
    let mut one = |path: String, v: &Value| -> Result<(), SchemaError> {
        if let Some(s) = v.as_str() {
            *total += 1;
            if s.len() > MAX_PATTERN_BYTES {
                return Err(SchemaError::Field {
                    path,
                    message: format!(
                        "正则表达式长{}字节，超过上限{MAX_PATTERN_BYTES}字节；请拆成几个短的模式 / the regular expression is {} bytes, over the limit of {MAX_PATTERN_BYTES}: split it into shorter patterns",
                        s.len(),
                        s.len()
                    ),
                });
            }
        }
        Ok(())
    };
    fn list<'v>(v: &'v Value, key: &str) -> &'v [Value] {
        v.get(key).and_then(Value::as_array).map_or(&[], Vec::as_slice)
    }
    for (i, s) in list(value, "sections").iter().enumerate() {
        for (j, a) in list(s, "aliases").iter().enumerate() {
            one(format!("{at}sections[{i}].aliases[{j}]"), a)?;
        }
    }
    for (i, t) in list(value, "topics").iter().enumerate() {
        for (j, a) in list(t, "any_of").iter().enumerate() {
            one(format!("{at}topics[{i}].any_of[{j}]"), a)?;
        }
    }
    for (i, p) in list(value, "patterns").iter().enumerate() {
        if let Some(v) = p.get("pattern") {
            one(format!("{at}patterns[{i}].pattern"), v)?;
        }
    }
    for (i, r) in list(value, "reporters").iter().enumerate() {
        for (j, a) in list(r, "agency").iter().enumerate() {
            one(format!("{at}reporters[{i}].agency[{j}]"), a)?;
        }
    }
    for key in ["markers", "part_lists"] {
        for (i, a) in list(value, key).iter().enumerate() {
            one(format!("{at}{key}[{i}]"), a)?;
        }
    }
    for (i, t) in list(value, "tables").iter().enumerate() {
        for (j, r) in list(t, "rows").iter().enumerate() {
            for (k, a) in list(r, "patterns").iter().enumerate() {
                one(format!("{at}tables[{i}].rows[{j}].patterns[{k}]"), a)?;
            }
        }
        for (j, g) in list(t, "groups").iter().enumerate() {
            for (k, a) in list(g, "patterns").iter().enumerate() {
                one(format!("{at}tables[{i}].groups[{j}].patterns[{k}]"), a)?;
            }
        }
        for (j, p) in list(t, "prose").iter().enumerate() {
            if let Some(v) = p.get("pattern") {
                one(format!("{at}tables[{i}].prose[{j}].pattern"), v)?;
            }
        }
    }
    Ok(())
}
