//! Two people's edits of one record put together: what each changed since the version they
//! both started from is kept, field by field; a field both changed differently is a conflict,
//! and the version on disk keeps it (the page names each such field).

use serde_json::{Map, Value};

/// The value merged, and the fields (JSON pointers) where the two edits disagree.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// The merged value.
    pub value: Value,
    /// Fields both changed differently; `theirs` is kept there.
    pub conflicts: Vec<String>,
}

/// `mine` and `theirs`, both edited from `base`, put together.
pub fn merge(base: &Value, mine: &Value, theirs: &Value) -> Merged {
    let mut conflicts = Vec::new();
    let value = walk(Some(base), Some(mine), Some(theirs), "", &mut conflicts).unwrap_or(Value::Null);
    Merged { value, conflicts }
}

/// One field: `None` when the merge leaves it out.
fn walk(
    base: Option<&Value>,
    mine: Option<&Value>,
    theirs: Option<&Value>,
    at: &str,
    conflicts: &mut Vec<String>,
) -> Option<Value> {
    if mine == theirs || mine == base {
        return theirs.cloned();
    }
    if theirs == base {
        return mine.cloned();
    }
    let empty = Value::Object(Map::new());
    match (mine, theirs) {
        (Some(Value::Object(m)), Some(Value::Object(t))) => {
            let b = match base {
                Some(Value::Object(b)) => b,
                _ => empty.as_object()?,
            };
            let keys = t.keys().chain(m.keys().filter(|k| !t.contains_key(*k)));
            let mut out = Map::new();
            for key in keys {
                let place = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
                if let Some(v) = walk(b.get(key), m.get(key), t.get(key), &place, conflicts) {
                    out.insert(key.clone(), v);
                }
            }
            Some(Value::Object(out))
        }
        (Some(Value::Array(m)), Some(Value::Array(t))) if matches!(base, Some(Value::Array(b)) if b.len() == m.len() && b.len() == t.len()) =>
        {
            let Some(Value::Array(b)) = base else { return None };
            let items = (0..t.len())
                .map(|i| walk(b.get(i), m.get(i), t.get(i), &format!("{at}/{i}"), conflicts).unwrap_or(Value::Null))
                .collect();
            Some(Value::Array(items))
        }
        _ => {
            conflicts.push(at.to_string());
            theirs.cloned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn edits_of_different_fields_are_both_kept_and_a_field_both_changed_is_named() {
        let base = json!({ "title": "A", "tasks": [{ "task": "x", "due": "1" }, { "task": "y" }], "place": "P" });
        let mine = json!({ "title": "A", "tasks": [{ "task": "x2", "due": "1" }, { "task": "y" }], "place": "Q" });
        let theirs = json!({ "title": "B", "tasks": [{ "task": "x", "due": "2" }, { "task": "y" }], "place": "R" });
        let merged = merge(&base, &mine, &theirs);
        assert_eq!(
            merged.value,
            json!({ "title": "B", "tasks": [{ "task": "x2", "due": "2" }, { "task": "y" }], "place": "R" })
        );
        assert_eq!(merged.conflicts, vec!["/place".to_string()]);
    }

    #[test]
    fn a_list_whose_length_changed_on_both_sides_is_a_conflict_a_field_added_on_one_side_is_kept() {
        let base = json!({ "a": [1], "n": "x" });
        let mine = json!({ "a": [1, 2], "n": "x", "extra": "e" });
        let theirs = json!({ "a": [1, 3], "n": "x" });
        let merged = merge(&base, &mine, &theirs);
        assert_eq!(merged.value, json!({ "a": [1, 3], "n": "x", "extra": "e" }));
        assert_eq!(merged.conflicts, vec!["/a".to_string()]);
        let dropped = merge(&base, &json!({ "a": [1] }), &theirs);
        assert_eq!(dropped.value, json!({ "a": [1, 3] }));
    }
}
