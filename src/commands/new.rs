//! `vanban new session|assessment [-o FILE]` and `vanban schema [-o FILE]`: files to start
//! from. Neither ever replaces an existing file.

use std::path::Path;

use crate::output;
use crate::problem::Lang;
use crate::record::scaffold::{self, SessionFields};
use crate::schema::record_schema_text;

use super::print_written;

/// Writes `text` to `output` (never over an existing file), or prints it.
fn emit(text: &str, output: Option<&Path>, lang: Lang) -> i32 {
    match output {
        None => {
            print!("{text}");
            0
        }
        Some(path) => print_written(
            output::write_new(path, text.as_bytes()).map(|()| vec![path.to_path_buf()]),
            lang,
        ),
    }
}

/// The commented scaffold of a `kind` record.
pub fn scaffold(kind: &str, output: Option<&Path>, lang: Lang) -> i32 {
    let text = if kind == "assessment" {
        scaffold::assessment()
    } else {
        scaffold::session(&SessionFields::default())
    };
    emit(&text, output, lang)
}

/// The record format's JSON Schema.
pub fn schema(output: Option<&Path>, lang: Lang) -> i32 {
    emit(&record_schema_text(), output, lang)
}
