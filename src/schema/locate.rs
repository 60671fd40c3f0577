//! Which field of a JSON value a deserialization error is about. serde's own
//! messages name no path; rather than wrap every visitor (which doubles the
//! deserialization code in the wasm), we re-run the same `Deserialize` impls on
//! the parts of the value until the smallest failing part is found.

use serde::de::DeserializeOwned;
use serde_json::Value;

/// Deserialize `value` as `T`; on failure, return the path of the failing field and serde's message
/// about it.
pub fn from_value<T: Located>(value: Value) -> Result<T, (String, String)> {
    match serde_json::from_value::<T>(value.clone()) {
        Ok(t) => Ok(t),
        Err(e) => {
            let path = T::locate(&value).unwrap_or_default();
            Err((if path.is_empty() { "(top level)".into() } else { path }, e.to_string()))
        }
    }
}

/// Finds the path of the element of a list that fails to deserialize.
pub type FindFailing = fn(&Value) -> Option<String>;
/// Whether a map's value fails to deserialize.
pub type Fails = fn(&Value) -> bool;

/// A type that can say which of its fields makes a value fail to deserialize.
pub trait Located: DeserializeOwned {
    /// Lists of typed elements in this type: (key, finder of the failing element's path).
    fn lists() -> &'static [(&'static str, FindFailing)] {
        &[]
    }

    /// Maps of typed values in this type: (key, whether a value fails).
    fn maps() -> &'static [(&'static str, Fails)] {
        &[]
    }

    /// The path below `value` that fails, or `None` if `value` deserializes.
    fn locate(value: &Value) -> Option<String> {
        // The search is written once, not once per type: only "does this value deserialize
        // as Self, and if not, why" is per type (it keeps the checker module small).
        locate_with(value, &|v: &Value| serde_json::from_value::<Self>(v.clone()).err().map(|e| e.to_string()), Self::lists(), Self::maps())
    }
}

/// [`Located::locate`] for the type whose deserialization error `error` gives.
fn locate_with(
    value: &Value,
    error: &dyn Fn(&Value) -> Option<String>,
    lists: &[(&'static str, FindFailing)],
    maps: &[(&'static str, Fails)],
) -> Option<String> {
    let msg = error(value)?;
    let Value::Object(obj) = value else { return Some(String::new()) };
    for (key, find) in lists {
        if let Some(Value::Array(items)) = obj.get(*key) {
            for (i, item) in items.iter().enumerate() {
                if let Some(inner) = find(item) {
                    let sep = if inner.is_empty() { "" } else { "." };
                    return Some(format!("{key}[{i}]{sep}{inner}"));
                }
            }
        }
    }
    for (key, fails) in maps {
        if let Some(Value::Object(map)) = obj.get(*key) {
            if let Some((k, _)) = map.iter().find(|(_, v)| fails(v)) {
                return Some(format!("{key}.{k}"));
            }
        }
    }
    // serde names a missing or unknown field at this level.
    for prefix in ["missing field `", "unknown field `"] {
        if let Some(rest) = msg.strip_prefix(prefix) {
            return Some(rest.split('`').next().unwrap_or_default().to_string());
        }
    }
    // Else the key whose removal makes the object deserialize, or turns the error into its own
    // `missing field`: that key's value is what is wrong.
    let culprit = obj.keys().find(|key| {
        let mut without = obj.clone();
        without.remove(*key);
        error(&Value::Object(without)).is_none_or(|e| e.starts_with(&format!("missing field `{key}`")))
    });
    Some(culprit.cloned().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use crate::schema::Schema;

    fn path(json: &str) -> String {
        match Schema::from_json(json) {
            Err(crate::schema::SchemaError::Field { path, .. }) => path,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn paths() {
        assert_eq!(path(r#"{"id":"x","title":"t","sections":[{"id":"a","title":"b"},{"id":"c","titel":"d"}]}"#), "sections[1].titel");
        assert_eq!(path(r#"{"id":"x","title":"t","sections":[{"id":"a","title":"b","min_chars":"many"}]}"#), "sections[0].min_chars");
        assert_eq!(path(r#"{"id":"x","title":"t","ordered":"yes"}"#), "ordered");
        assert_eq!(path(r#"{"id":"x"}"#), "title");
        assert_eq!(path(r#"[1]"#), "(top level)");
        assert_eq!(
            path(
                r#"{"id":"x","title":"t","sections":[{"id":"s","title":"S"}],"tables":[{"id":"m","title":"M","section":"s","columns":[{"id":"a","label":"A","type":"money"}],"rows":[]}]}"#
            ),
            "tables[0].columns[0].type"
        );
        assert_eq!(path(r#"{"id":"x","title":"t","rules":{"section.order":"loud"}}"#), "rules.section.order");
    }
}
