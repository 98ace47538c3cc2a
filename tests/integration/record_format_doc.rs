//! `docs/record-format.md`, the contract with users, and the schema the parser's types
//! generate name the same fields and mark the same ones required: a field added to the types
//! and not documented, one documented and not read, or a required mark that differs fails here.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

/// Every field path of `kind` in the schema (`a.b`, `list[].c`), with whether it is required.
fn schema_fields(kind: &str) -> BTreeMap<String, bool> {
    let schema = vanban::documents::schema::record_schema();
    let defs = schema["$defs"].as_object().expect("the schema has $defs").clone();
    let mut out = BTreeMap::new();
    walk(&defs, &defs[kind], "", &mut out, 0);
    out
}

/// The node behind `$ref`s and optional (`anyOf` with null) wrappers.
fn resolved<'a>(defs: &'a serde_json::Map<String, Value>, mut node: &'a Value) -> &'a Value {
    for _ in 0..16 {
        if let Some(name) = node["$ref"].as_str() {
            node = &defs[name.rsplit('/').next().unwrap()];
        } else if let Some(options) = node["anyOf"].as_array() {
            let real: Vec<&Value> = options.iter().filter(|o| o["type"] != "null").collect();
            if real.len() != 1 {
                return node;
            }
            node = real[0];
        } else {
            return node;
        }
    }
    node
}

fn walk(
    defs: &serde_json::Map<String, Value>,
    node: &Value,
    path: &str,
    out: &mut BTreeMap<String, bool>,
    depth: usize,
) {
    let node = resolved(defs, node);
    assert!(depth < 10, "the schema nests deeper than a record does at {path}");
    if let Some(items) = node.get("items") {
        walk(defs, items, &format!("{path}[]"), out, depth + 1);
    }
    let Some(properties) = node["properties"].as_object() else {
        return;
    };
    let required: BTreeSet<&str> = node["required"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r.as_str())
        .collect();
    for (key, child) in properties {
        let at = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        out.insert(at.clone(), required.contains(key.as_str()));
        walk(defs, child, &at, out, depth + 1);
    }
}

/// `a.{b,c}.d` → `a.b.d`, `a.c.d` (any number of brace groups).
fn expanded(path: &str) -> Vec<String> {
    let Some(open) = path.find('{') else {
        return vec![path.to_string()];
    };
    let close = open + path[open..].find('}').expect("a brace group is closed");
    let (head, tail) = (&path[..open], &path[close + 1..]);
    path[open + 1..close]
        .split(',')
        .flat_map(|name| expanded(&format!("{head}{name}{tail}")))
        .collect()
}

/// The fields the document's tables name under the heading `section` (up to the next `## `),
/// with whether each row is marked R.
fn documented(section: &str) -> BTreeMap<String, bool> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/record-format.md"))
        .expect("docs/record-format.md exists");
    let start = text.find(section).unwrap_or_else(|| panic!("no section {section:?}"));
    let rest = &text[start + section.len()..];
    let body = &rest[..rest.find("\n## ").unwrap_or(rest.len())];
    let mut out = BTreeMap::new();
    for row in body.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let field = cells[1].trim_matches('`');
        for path in expanded(field) {
            let again = out.insert(path.clone(), cells[2] == "R");
            assert!(again.is_none(), "{path} is documented twice in {section}");
        }
    }
    out
}

fn agree(kind: &str, section: &str) {
    let schema = schema_fields(kind);
    let doc = documented(section);
    let undocumented: Vec<&String> = schema.keys().filter(|k| !doc.contains_key(*k)).collect();
    let unread: Vec<&String> = doc.keys().filter(|k| !schema.contains_key(*k)).collect();
    assert!(
        undocumented.is_empty(),
        "fields the schema has and docs/record-format.md does not: {undocumented:?}"
    );
    assert!(
        unread.is_empty(),
        "fields docs/record-format.md names and the schema does not: {unread:?}"
    );
    let marks: Vec<String> = schema
        .iter()
        .filter(|(k, required)| doc[*k] != **required)
        .map(|(k, required)| format!("{k} (schema: {})", if *required { "required" } else { "optional" }))
        .collect();
    assert!(marks.is_empty(), "required marks that differ: {marks:?}");
}

#[test]
fn the_record_format_document_names_every_session_field_the_schema_has() {
    agree("WorkingSession", "## 1. Working session");
}

#[test]
fn the_record_format_document_names_every_assessment_field_the_schema_has() {
    agree("Assessment", "## 2. Assessment");
}

#[test]
fn the_record_format_document_names_every_task_report_field_the_schema_has() {
    agree("TaskReport", "## 3. Task report");
}

#[test]
fn the_record_format_document_names_every_reminder_field_the_schema_has() {
    agree("Reminder", "## 4. Reminder");
}

#[test]
fn brace_groups_expand_to_each_name() {
    assert_eq!(expanded("a.{b,c}.{d,e}"), ["a.b.d", "a.b.e", "a.c.d", "a.c.e"]);
}
