//! Two versions of a record compared field by field: each field (a JSON pointer such as
//! `/conclusions/directives/2`) whose value differs, with the value before and after.

use serde_json::Value;

/// One field that differs: where, before, after (empty when absent).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Change {
    /// The field.
    pub field: String,
    /// Its value in the first version.
    pub before: String,
    /// Its value in the second.
    pub after: String,
}

/// The fields that differ between `a` and `b`, in the order of `b` then what only `a` has.
pub fn changes(a: &Value, b: &Value) -> Vec<Change> {
    let (mut left, mut right) = (Vec::new(), Vec::new());
    flatten(a, String::new(), &mut left);
    flatten(b, String::new(), &mut right);
    let find = |list: &[(String, String)], field: &str| list.iter().find(|(f, _)| f == field).map(|(_, v)| v.clone());
    let mut out: Vec<Change> = right
        .iter()
        .filter(|(field, value)| find(&left, field).as_ref() != Some(value))
        .map(|(field, value)| Change {
            field: field.clone(),
            before: find(&left, field).unwrap_or_default(),
            after: value.clone(),
        })
        .collect();
    out.extend(
        left.iter()
            .filter(|(field, _)| find(&right, field).is_none())
            .map(|(field, value)| Change {
                field: field.clone(),
                before: value.clone(),
                after: String::new(),
            }),
    );
    out
}

fn flatten(value: &Value, at: String, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => map.iter().for_each(|(k, v)| flatten(v, format!("{at}/{k}"), out)),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, v)| flatten(v, format!("{at}/{i}"), out)),
        Value::Null => {}
        Value::String(s) => out.push((at, s.clone())),
        other => out.push((at, other.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_the_fields_that_differ() {
        let a = json!({"host": "xã A", "conclusions": {"directives": ["Một", "Hai"]}, "end": "11:00"});
        let b = json!({"host": "xã A", "conclusions": {"directives": ["Một", "Hai sửa", "Ba"]}});
        let found = changes(&a, &b);
        let fields: Vec<&str> = found.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(
            fields,
            ["/conclusions/directives/1", "/conclusions/directives/2", "/end"]
        );
        assert_eq!((found[0].before.as_str(), found[0].after.as_str()), ("Hai", "Hai sửa"));
    }
}
