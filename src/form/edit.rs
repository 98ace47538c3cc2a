//! A form's change written into the record's text: only the entries that changed are
//! rewritten; every other line, comments included, stays as it was. An edit that has to
//! rewrite lines holding a comment says so, so that the form can tell the clerk before
//! saving.

use serde_json::{Map, Value};

use super::emit;
use super::shape::{Shape, ordered};
use super::spans::{self, Node};

/// A record's text after an edit.
#[derive(Debug, Clone, PartialEq)]
pub struct Edited {
    /// The new text.
    pub text: String,
    /// Whether a comment of the old text is not in the new one.
    pub lost_comments: bool,
}

/// `original` changed to hold `new` (its value as the form has it); `old` is `original`'s
/// value.
pub fn edit(original: &str, old: &Value, new: &Value, shape: &Shape) -> Edited {
    if old == new {
        return Edited {
            text: original.to_string(),
            lost_comments: false,
        };
    }
    let root = spans::parse(original);
    let mut edits = Edits::default();
    let patched = match (&root, old, new) {
        (Some(node @ Node::Map { flow: false, .. }), Value::Object(old), Value::Object(new)) => {
            patch_map(original, node, old, new, shape, &mut edits)
        }
        _ => false,
    };
    if !patched {
        return Edited {
            text: emit::document(new, shape),
            lost_comments: has_comment(original),
        };
    }
    edits.apply(original)
}

#[derive(Default)]
struct Edits(Vec<(usize, usize, String)>);

impl Edits {
    fn replace(&mut self, range: (usize, usize), text: String) {
        self.0.push((range.0, range.1, text));
    }

    fn apply(mut self, original: &str) -> Edited {
        self.0.sort_by_key(|(start, end, _)| (*start, *end));
        let mut text = String::with_capacity(original.len());
        let mut at = 0;
        let mut lost = false;
        for (start, end, with) in self.0 {
            let start = start.max(at);
            text.push_str(&original[at..start]);
            lost |= has_comment(&original[start..end.max(start)]);
            text.push_str(&with);
            at = end.max(start);
        }
        text.push_str(&original[at..]);
        Edited {
            text,
            lost_comments: lost,
        }
    }
}

/// Patches a block mapping's entries; `false` when it cannot be done line by line (the
/// caller then rewrites the entry that holds this mapping).
fn patch_map(
    text: &str,
    node: &Node,
    old: &Map<String, Value>,
    new: &Map<String, Value>,
    shape: &Shape,
    edits: &mut Edits,
) -> bool {
    let Node::Map {
        entries, flow: false, ..
    } = node
    else {
        return false;
    };
    let Some(indent) = entries.first().map(|(k, _)| k.at().1) else {
        return false;
    };
    let mut all: Vec<&String> = old.keys().collect();
    all.extend(new.keys().filter(|k| !old.contains_key(*k)));
    for key in ordered(shape, all.into_iter()) {
        let (before, after) = (old.get(key), new.get(key));
        if before == after {
            continue;
        }
        let after = after.filter(|v| !emit::is_empty(v));
        let found = node.get(key);
        match (found, after) {
            (Some((k, v)), None) => {
                let Some(region) = region(text, k, v) else { return false };
                edits.replace(region, String::new());
            }
            (Some((k, v)), Some(value)) => {
                let sub = shape.key(key);
                if !patch_value(text, v, before.unwrap_or(&Value::Null), value, &sub, edits) {
                    let Some(region) = region(text, k, v) else { return false };
                    let mut lines = String::new();
                    emit::entry(&mut lines, indent, key, value, &sub);
                    edits.replace(region, lines);
                }
            }
            (None, Some(value)) => {
                // After the entry of the nearest key before it in the record format's order.
                let order = shape.keys();
                let rank = |k: &str| order.iter().position(|o| *o == k).unwrap_or(usize::MAX);
                let previous = entries
                    .iter()
                    .filter(|(k, _)| matches!(k, Node::Scalar { value: name, .. } if rank(name) <= rank(key)))
                    .max_by_key(|(k, v)| (k.start(), v.end()));
                let Some((k, v)) = previous else { return false };
                let Some((_, end)) = region(text, k, v) else {
                    return false;
                };
                let mut lines = String::new();
                emit::entry(&mut lines, indent, key, value, &shape.key(key));
                edits.replace((end, end), lines);
            }
            (None, None) => {}
        }
    }
    true
}

/// Patches one value in place; `false` when its entry must be written anew.
fn patch_value(text: &str, node: &Node, old: &Value, new: &Value, shape: &Shape, edits: &mut Edits) -> bool {
    match (node, old, new) {
        (
            Node::Scalar {
                range, block: false, ..
            },
            _,
            Value::String(s),
        ) if !s.contains('\n') => {
            edits.replace(*range, emit::quoted(s, shape.is_pattern()));
            true
        }
        (
            Node::Scalar {
                range, block: false, ..
            },
            _,
            Value::Number(_) | Value::Bool(_),
        ) => {
            edits.replace(*range, new.to_string());
            true
        }
        (Node::Map { .. }, Value::Object(old), Value::Object(new)) => patch_map(text, node, old, new, shape, edits),
        (Node::Seq { items, .. }, Value::Array(old), Value::Array(new))
            if old.len() == new.len() && items.len() == old.len() && new.iter().all(|v| !emit::is_empty(v)) =>
        {
            let item_shape = shape.items();
            for ((item, before), after) in items.iter().zip(old).zip(new) {
                if before != after && !patch_value(text, item, before, after, &item_shape, edits) {
                    return false;
                }
            }
            true
        }
        _ => false,
    }
}

/// The lines of an entry: from the start of its key's line to the end of its value's last
/// line; `None` when something other than indentation shares its first line (the first
/// entry of a list item, after `- `).
fn region(text: &str, key: &Node, value: &Node) -> Option<(usize, usize)> {
    let start = text[..key.start()].rfind('\n').map_or(0, |i| i + 1);
    if !text[start..key.start()].chars().all(|c| c == ' ') {
        return None;
    }
    let last = value.end().max(key.end());
    let end = text[last..].find('\n').map_or(text.len(), |i| last + i + 1);
    Some((start, end))
}

/// Whether `text` holds a YAML comment: a `#` at a line's start or after a space, outside
/// quotes (a `#` in a block of text counts too: the form then warns once too often, never
/// once too few).
pub fn has_comment(text: &str) -> bool {
    text.lines().any(|line| {
        let mut quote: Option<char> = None;
        let mut previous = ' ';
        for c in line.chars() {
            match (quote, c) {
                (None, '"' | '\'') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None, '#') if previous.is_whitespace() => return true,
                _ => {}
            }
            previous = c;
        }
        false
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape_and(text: &str) -> (Value, Value) {
        let schema = crate::documents::schema::record_schema();
        let value = super::super::read(text).unwrap();
        (schema, value)
    }

    const TEXT: &str = "kind: working_session # phiên làm việc\nid: a\n# người chủ trì\nchair:\n  name: Lê Văn Ánh\n  titles: [Chủ tịch]\nattendees:\n  - name: Trần B\n  - group: các đồng chí\nlocation: Hội trường\n";

    #[test]
    fn an_edited_field_changes_its_text_only() {
        let (schema, old) = shape_and(TEXT);
        let shape = Shape::record(&schema, "working_session");
        let mut new = old.clone();
        new["chair"]["name"] = "Lê Văn Bình".into();
        new["location"] = "Nhà văn hóa: ấp 3".into();
        let edited = edit(TEXT, &old, &new, &shape);
        assert_eq!(
            edited.text,
            TEXT.replace("Lê Văn Ánh", "Lê Văn Bình")
                .replace("Hội trường", "\"Nhà văn hóa: ấp 3\"")
        );
        assert!(!edited.lost_comments);
    }

    #[test]
    fn a_new_field_goes_in_the_format_order_and_a_removed_one_goes() {
        let (schema, old) = shape_and(TEXT);
        let shape = Shape::record(&schema, "working_session");
        let mut new = old.clone();
        new["subject"] = "chuyển đổi số".into();
        new["attendees"][1] = serde_json::json!({"group": "các đồng chí", "name": null});
        new.as_object_mut().unwrap().remove("id");
        let edited = edit(TEXT, &old, &new, &shape);
        assert!(!edited.text.contains("id: a"), "{}", edited.text);
        assert!(
            edited.text.contains("location: Hội trường\nsubject: chuyển đổi số\n"),
            "{}",
            edited.text
        );
        assert!(edited.text.contains("# người chủ trì"));
        let mut more = old.clone();
        more["attendees"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({"name": "Phạm C", "titles": ["Bí thư"]}));
        let edited = edit(TEXT, &old, &more, &shape);
        assert!(
            edited.text.contains(
                "attendees:\n  - name: Trần B\n  - group: các đồng chí\n  - name: Phạm C\n    titles:\n      - Bí thư\n"
            ),
            "{}",
            edited.text
        );
        assert!(!edited.lost_comments);
    }

    #[test]
    fn comments_inside_a_rewritten_entry_are_reported() {
        let text = "kind: working_session\nattendees:\n  # khách mời\n  - name: Trần B\n";
        let (schema, old) = shape_and(text);
        let shape = Shape::record(&schema, "working_session");
        let mut new = old.clone();
        new["attendees"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({"group": "các đồng chí"}));
        assert!(edit(text, &old, &new, &shape).lost_comments);
        assert!(has_comment("a: b # c") && !has_comment("a: \"b # c\"") && has_comment("# c"));
    }
}
