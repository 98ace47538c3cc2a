//! Text written into a record's YAML as a double-quoted scalar, by every writer of records
//! (criteria sets imported from a table, the form's YAML): a JSON string is one, and
//! `serde_json` escapes it (quotes, backslashes, line breaks, control characters), so the
//! text reads back exactly as it was.

/// `text` as a YAML double-quoted scalar.
pub fn yaml_string(text: &str) -> String {
    serde_json::Value::String(text.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::yaml_string;

    #[test]
    fn quoting_keeps_text_as_text() {
        assert_eq!(yaml_string("a \"b\" \\ c"), "\"a \\\"b\\\" \\\\ c\"");
        assert_eq!(yaml_string("x\ny\tz\u{1}"), "\"x\\ny\\tz\\u0001\"");
        assert_eq!(yaml_string("Ủy ban"), "\"Ủy ban\"");
    }
}
