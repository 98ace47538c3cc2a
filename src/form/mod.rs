//! The record as a form: read from YAML into the value the form edits, written back into
//! the text changing only what changed ([`edit`]), in the record format's order and style
//! ([`emit`], following the schema's [`shape`]); where a message's line is in the form
//! ([`spans`]); the office's people directory ([`directory`]); a new record started from
//! an earlier one ([`earlier`]); an assessment's criteria as rows to tick ([`board`]); two
//! versions compared field by field ([`diff`]); two people's edits put together ([`merge`]).

pub mod board;
pub mod diff;
pub mod directory;
pub mod earlier;
pub mod edit;
pub mod emit;
pub mod merge;
pub mod shape;
pub mod spans;

use std::path::Path;

use serde_json::Value;

use crate::error::Error;
use crate::record::load::YamlFile;

/// A record's text as the value the form edits (dates and times as strings).
pub fn read(text: &str) -> Result<Value, Error> {
    YamlFile::from_bytes(Path::new("record.yaml"), text.as_bytes())?.parse::<Value>()
}

/// `text` changed to hold `value`: only what changed is rewritten; when the old text does
/// not read, the record is written anew (and a comment it held is reported lost).
pub fn write(text: &str, value: &Value) -> edit::Edited {
    let schema = crate::documents::schema::record_schema();
    let kind = value.get("kind").and_then(Value::as_str).unwrap_or("working_session");
    let shape = shape::Shape::record(&schema, kind);
    match read(text) {
        Ok(old) => edit::edit(text, &old, value, &shape),
        Err(_) => edit::Edited {
            text: emit::document(value, &shape),
            lost_comments: edit::has_comment(text),
        },
    }
}

/// The JSON pointer of the field at `line` (1-based) of `text`, for a message at that line.
pub fn field_at(text: &str, line: usize) -> Option<String> {
    spans::parse(text).map(|root| spans::pointer_at(&root, line))
}
