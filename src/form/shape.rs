//! The shape of a record as the schema gives it: which keys an object has, in the order the
//! record format writes them, and what each value is. The form and the YAML writer both
//! follow it, so a field added to the record types reaches both with no code of its own.

use serde_json::Value;

/// The record schema, and a place in it.
#[derive(Clone, Copy)]
pub struct Shape<'a> {
    root: &'a Value,
    here: &'a Value,
}

impl<'a> Shape<'a> {
    /// The shape of a record of `kind` (`working_session`, `assessment`, `task_report`,
    /// `reminder`) in `schema` (the
    /// value of [`crate::documents::schema::record_schema`]).
    pub fn record(schema: &'a Value, kind: &str) -> Shape<'a> {
        let name = crate::documents::RecordKind::parse(kind).map_or("WorkingSession", |k| k.schema_name());
        Shape::at(schema, &format!("/$defs/{name}"))
    }

    /// The shape at `pointer` of `schema` (`/$defs/Person`).
    pub fn at(schema: &'a Value, pointer: &str) -> Shape<'a> {
        let here = schema.pointer(pointer).unwrap_or(&Value::Null);
        Shape { root: schema, here }.resolved()
    }

    /// Follows `$ref` and a nullable `anyOf` to the schema of the value itself.
    fn resolved(self) -> Shape<'a> {
        let mut here = self.here;
        for _ in 0..8 {
            if let Some(reference) = here.get("$ref").and_then(Value::as_str) {
                here = self
                    .root
                    .pointer(reference.trim_start_matches('#'))
                    .unwrap_or(&Value::Null);
            } else if let Some(options) = here.get("anyOf").and_then(Value::as_array) {
                here = options
                    .iter()
                    .find(|o| o.get("type").and_then(Value::as_str) != Some("null"))
                    .unwrap_or(&Value::Null);
            } else {
                break;
            }
        }
        Shape { root: self.root, here }
    }

    /// The keys of an object, in the record format's order.
    pub fn keys(&self) -> Vec<&'a str> {
        self.here
            .get("properties")
            .and_then(Value::as_object)
            .map(|p| p.keys().map(String::as_str).collect())
            .unwrap_or_default()
    }

    /// The shape of key `name` of an object (an unknown key: no shape).
    pub fn key(&self, name: &str) -> Shape<'a> {
        let here = self
            .here
            .get("properties")
            .and_then(|p| p.get(name))
            .unwrap_or(&Value::Null);
        Shape { root: self.root, here }.resolved()
    }

    /// The shape of an array's items.
    pub fn items(&self) -> Shape<'a> {
        let here = self.here.get("items").unwrap_or(&Value::Null);
        Shape { root: self.root, here }.resolved()
    }

    /// Whether this value is a string the schema says must look like a number or time
    /// (a `pattern`): it is quoted when it could be read as something else.
    pub fn is_pattern(&self) -> bool {
        self.here.get("pattern").is_some()
    }
}

/// Sorts `keys` into the order of `shape`, keys it does not know after, as given.
pub fn ordered<'k>(shape: &Shape, keys: impl Iterator<Item = &'k String>) -> Vec<&'k String> {
    let order = shape.keys();
    let mut keys: Vec<&String> = keys.collect();
    keys.sort_by_key(|k| order.iter().position(|o| o == k).unwrap_or(usize::MAX));
    keys
}
