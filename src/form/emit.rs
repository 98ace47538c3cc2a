//! A record value written as YAML the way a person writes it: the record format's key
//! order, block style, two spaces of indent, quotes only where a value would otherwise read
//! as something else, paragraphs as `|` blocks. Empty values are left out, as a person
//! leaves out a field they have nothing to say in.

use serde_json::Value;

use super::shape::{Shape, ordered};

/// The whole record as YAML text.
pub fn document(value: &Value, shape: &Shape) -> String {
    let mut out = String::new();
    if let Value::Object(map) = value {
        for key in ordered(shape, map.keys()) {
            entry(&mut out, 0, key, &map[key], &shape.key(key));
        }
    }
    out
}

/// Whether a value says nothing: left out of the text.
pub fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(items) => items.iter().all(is_empty),
        Value::Object(map) => map.values().all(is_empty),
        Value::Bool(_) | Value::Number(_) => false,
    }
}

/// `key: value` at `indent` spaces, with the value's lines under it when it has several.
pub fn entry(out: &mut String, indent: usize, key: &str, value: &Value, shape: &Shape) {
    if is_empty(value) {
        return;
    }
    let pad = " ".repeat(indent);
    match value {
        Value::Object(_) => {
            out.push_str(&format!("{pad}{key}:\n"));
            body(out, indent + 2, value, shape);
        }
        Value::Array(_) => {
            out.push_str(&format!("{pad}{key}:\n"));
            body(out, indent + 2, value, shape);
        }
        scalar_value => {
            out.push_str(&format!("{pad}{key}: "));
            scalar(out, indent + 2, scalar_value, shape);
        }
    }
}

/// The lines of a collection's contents at `indent` (an object's entries, or a list's
/// `- ` items).
pub fn body(out: &mut String, indent: usize, value: &Value, shape: &Shape) {
    let pad = " ".repeat(indent);
    match value {
        Value::Object(map) => {
            for key in ordered(shape, map.keys()) {
                entry(out, indent, key, &map[key], &shape.key(key));
            }
        }
        Value::Array(items) => {
            let items_shape = shape.items();
            for item in items.iter().filter(|i| !is_empty(i)) {
                match item {
                    Value::Object(map) => {
                        // The first entry on the dash's line, the rest under it.
                        let mut lines = String::new();
                        for key in ordered(&items_shape, map.keys()) {
                            entry(&mut lines, indent + 2, key, &map[key], &items_shape.key(key));
                        }
                        out.push_str(&pad);
                        out.push_str("- ");
                        out.push_str(lines.get(indent + 2..).unwrap_or_default());
                    }
                    other => {
                        out.push_str(&format!("{pad}- "));
                        scalar(out, indent + 2, other, &items_shape);
                    }
                }
            }
        }
        other => scalar(out, indent, other, shape),
    }
}

/// A scalar and its line end; text of several lines as a `|` block at `indent`.
pub fn scalar(out: &mut String, indent: usize, value: &Value, shape: &Shape) {
    match value {
        Value::String(s) if s.contains('\n') => block(out, indent, s),
        Value::String(s) => {
            out.push_str(&quoted(s, shape.is_pattern()));
            out.push('\n');
        }
        Value::Number(n) => out.push_str(&format!("{n}\n")),
        Value::Bool(b) => out.push_str(&format!("{b}\n")),
        _ => out.push('\n'),
    }
}

/// A literal block: `|` (one final line break), `|-` (none) or `|+` (several).
fn block(out: &mut String, indent: usize, text: &str) {
    let trailing = text.len() - text.trim_end_matches('\n').len();
    let chomp = match trailing {
        0 => "-",
        1 => "",
        _ => "+",
    };
    let leading_space = text.starts_with(' ');
    out.push('|');
    if leading_space {
        out.push('2');
    }
    out.push_str(chomp);
    out.push('\n');
    let pad = " ".repeat(indent);
    for line in text.trim_end_matches('\n').split('\n') {
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
        out.push('\n');
    }
    for _ in 1..trailing {
        out.push('\n');
    }
}

/// A one-line string, plain when it reads back as the same string, else double-quoted.
/// `pattern`: the schema gives it a form (a time `08:00`), which is quoted as the samples do.
pub fn quoted(text: &str, pattern: bool) -> String {
    if needs_quotes(text) || (pattern && text.contains(':')) {
        crate::record::quoting::yaml_string(text)
    } else {
        text.to_string()
    }
}

fn needs_quotes(text: &str) -> bool {
    let Some(first) = text.chars().next() else { return true };
    let reserved = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"];
    text.trim() != text
        || "-?:,[]{}#&*!|>'\"%@`".contains(first)
        || text.contains(": ")
        || text.contains(" #")
        || text.ends_with(':')
        || text.chars().any(|c| c.is_control())
        || reserved.contains(&text.to_lowercase().as_str())
        || looks_numeric(text)
}

/// Whether YAML could read `text` as a number (or a base-60 time, as YAML 1.1 does).
fn looks_numeric(text: &str) -> bool {
    let t = text.trim_start_matches(['+', '-']);
    let digits = t.replace(['_', ':'], "");
    (!digits.is_empty()
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == 'e' || c == 'E'))
        && t.chars().next().is_some_and(|c| c.is_ascii_digit() || c == '.')
        || t.starts_with("0x")
        || t.starts_with("0o")
        || [".inf", ".nan"].contains(&t.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_plain_unless_they_would_read_as_something_else() {
        for plain in [
            "Hợp tác xã An Phú",
            "2026-02-05",
            "Lưu VT",
            "T/L Ban Thường vụ",
            "a - b",
        ] {
            assert_eq!(quoted(plain, false), plain);
        }
        for odd in [
            "",
            "08:00",
            "7.2",
            "true",
            "No",
            "- a",
            "Lưu: VT, VP",
            "a #b",
            " a",
            "[x]",
            "12",
        ] {
            assert!(quoted(odd, false).starts_with('"'), "{odd}");
        }
        assert_eq!(quoted("08:00", true), "\"08:00\"");
    }

    #[test]
    fn paragraphs_are_blocks_that_keep_their_line_breaks() {
        let mut out = String::new();
        block(&mut out, 2, "Một.\n\nHai.\n");
        assert_eq!(out, "|\n  Một.\n\n  Hai.\n");
        let mut out = String::new();
        block(&mut out, 4, "Một dòng\nhai dòng");
        assert_eq!(out, "|-\n    Một dòng\n    hai dòng\n");
    }
}
