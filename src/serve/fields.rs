//! Notes beside their form fields: each note of a record gets the field it concerns (a JSON
//! pointer, `/chair/name`) and a sentence for the form in the office's words; and every
//! required field left empty is named at once, not only the first one the reader met.

use std::sync::LazyLock;

use serde::Serialize;
use serde_json::Value;

use super::labels::phrase_of;
use crate::form::spans::{self, Node};
use crate::problem::{Lang, Problem, unquoted};

/// A message about the record, placed at a line of the text being edited.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Note {
    /// 1-based line in the edited text.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// `error` or `warning`.
    pub severity: &'static str,
    /// The message, as `check` words it.
    pub message: String,
    /// What to do, as `check` words it.
    pub hint: Option<String>,
    /// The form field it concerns (a JSON pointer: `/conclusions/tasks/2/due`), if known.
    pub field: Option<String>,
    /// What the form says beside that field: plain words, without the record format's keys.
    pub form: Option<String>,
    /// The problem, when the note is about one (how its field and form words are found).
    #[serde(skip)]
    pub problem: Option<crate::problem::Problem>,
}

/// The record schema, made once: which fields each block requires.
static SCHEMA: LazyLock<Value> = LazyLock::new(crate::documents::schema::record_schema);

/// Gives each of `notes` on `text` its field and its form sentence, and adds a note for each
/// required field left empty that no note names yet.
pub fn settle(notes: &mut Vec<Note>, text: &str, lang: Lang) {
    if let Some(tree) = spans::parse(text) {
        let missing = missing(&tree);
        for note in notes.iter_mut() {
            if note.field.is_none() {
                note.field = Some(field_of(note, &tree, &missing));
            }
        }
        for pointer in missing {
            let said = notes
                .iter()
                .any(|n| n.severity == "error" && n.field.as_deref() == Some(pointer.as_str()));
            if !said {
                notes.push(missing_note(&tree, pointer, lang));
            }
        }
    }
    for note in notes.iter_mut() {
        note.form = Some(form_sentence(note, lang));
    }
}

/// The field a note concerns: the one its problem names, else the one at its line.
fn field_of(note: &Note, tree: &Node, missing: &[String]) -> String {
    let at_line = spans::pointer_at(tree, note.line);
    match &note.problem {
        Some(Problem::MissingField { field }) => {
            let named: Vec<&String> = missing
                .iter()
                .filter(|p| p.rsplit('/').next() == Some(field.as_str()))
                .collect();
            let inside = named
                .iter()
                .filter(|p| at_line.starts_with(parent(p)))
                .max_by_key(|p| p.len());
            inside
                .or(named.first())
                .map(|p| p.to_string())
                .unwrap_or_else(|| format!("{}/{field}", parent(&at_line)))
        }
        Some(Problem::NoEndTime) => "/end".into(),
        Some(Problem::DocumentNeeds { field, .. }) => format!("/{field}"),
        _ => at_line,
    }
}

/// `/a/b/c` → `/a/b`.
fn parent(pointer: &str) -> &str {
    pointer.rfind('/').map_or("", |at| &pointer[..at])
}

/// The note for a required field left empty, at the line of the block that lacks it.
fn missing_note(tree: &Node, pointer: String, lang: Lang) -> Note {
    let key = pointer.rsplit('/').next().unwrap_or_default().to_string();
    let problem = Problem::MissingField { field: key };
    let line = node_at(tree, parent(&pointer)).map_or(1, |n| n.at().0.max(1));
    Note {
        line,
        column: 1,
        severity: "error",
        message: problem.message(lang),
        hint: problem.hint(lang),
        field: Some(pointer),
        form: None,
        problem: Some(problem),
    }
}

/// What the form says of a note: its problem in plain words beside its field, else the
/// message without the record format's quoting.
fn form_sentence(note: &Note, lang: Lang) -> String {
    let what = phrase_of(note.field.as_deref().unwrap_or_default());
    note.problem
        .as_ref()
        .and_then(|p| p.beside(&what))
        .map(|w| w.take(lang))
        .unwrap_or_else(|| unquoted(&note.message))
}

/// Every required field of the record `tree` absent or empty, as JSON pointers.
pub fn missing(tree: &Node) -> Vec<String> {
    // The schema's shape of the record's kind, as the form picks it.
    let kind = match tree.get("kind") {
        Some((_, Node::Scalar { value, .. })) => match value.as_str() {
            "assessment" => "Assessment",
            "task_report" => "TaskReport",
            "reminder" => "Reminder",
            _ => "WorkingSession",
        },
        _ => "WorkingSession",
    };
    let mut out = Vec::new();
    walk(&SCHEMA["$defs"][kind], tree, "", &mut out);
    out
}

fn walk(shape: &Value, node: &Node, pointer: &str, out: &mut Vec<String>) {
    let shape = resolve(shape);
    match node {
        Node::Map { .. } => {
            let Some(properties) = shape.get("properties").and_then(Value::as_object) else {
                return;
            };
            let required: Vec<&str> = shape
                .get("required")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            for (key, child) in properties {
                let at = format!("{pointer}/{key}");
                match node.get(key) {
                    Some((_, value)) if !is_empty(value) => walk(child, value, &at, out),
                    _ if required.contains(&key.as_str()) && key != "kind" => out.push(at),
                    _ => {}
                }
            }
        }
        Node::Seq { items, .. } => {
            let Some(item) = shape.get("items") else { return };
            for (i, value) in items.iter().enumerate() {
                walk(item, value, &format!("{pointer}/{i}"), out);
            }
        }
        Node::Scalar { .. } => {}
    }
}

/// A schema node with references and "or null" followed.
fn resolve(mut shape: &Value) -> &Value {
    for _ in 0..8 {
        if let Some(name) = shape.get("$ref").and_then(Value::as_str) {
            shape = &SCHEMA["$defs"][name.rsplit('/').next().unwrap_or_default()];
        } else if let Some(any) = shape.get("anyOf").and_then(Value::as_array) {
            let not_null = any
                .iter()
                .find(|o| o.get("type").and_then(Value::as_str) != Some("null"));
            shape = not_null.unwrap_or(&Value::Null);
        } else {
            break;
        }
    }
    shape
}

fn is_empty(node: &Node) -> bool {
    matches!(node, Node::Scalar { value, .. } if matches!(value.trim(), "" | "~" | "null"))
}

/// The node at `pointer` in `tree`.
fn node_at<'a>(tree: &'a Node, pointer: &str) -> Option<&'a Node> {
    let mut node = tree;
    for part in pointer.split('/').filter(|p| !p.is_empty()) {
        node = match node {
            Node::Map { .. } => &node.get(part)?.1,
            Node::Seq { items, .. } => items.get(part.parse::<usize>().ok()?)?,
            Node::Scalar { .. } => return None,
        };
    }
    Some(node)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_empty_required_field_is_named() {
        let text = "kind: working_session\nissuer: {system: state, name: X, code: UBND, place: Y}\nstart: \"08:00\"\nlocation: L\nhost: H\nsubject: S\nchair:\n  titles: [Chủ tịch]\n  role: Chủ tịch\n";
        let tree = spans::parse(text).unwrap();
        assert_eq!(missing(&tree), vec!["/date".to_string(), "/chair/name".to_string()]);
    }

    #[test]
    fn each_kind_is_read_against_its_own_shape() {
        for sample in ["an-phu-2026-bao-cao-thuc-hien.yaml", "sao-vang-2026-don-doc.yaml"] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("samples")
                .join(sample);
            let tree = spans::parse(&std::fs::read_to_string(path).unwrap()).unwrap();
            assert!(missing(&tree).is_empty(), "{sample}: {:?}", missing(&tree));
        }
        let tree = spans::parse("kind: reminder\n").unwrap();
        let named = missing(&tree);
        assert!(
            !named.is_empty() && !named.iter().any(|p| p == "/chair" || p == "/host"),
            "{named:?}"
        );
    }
}
