//! `vanban new session|assessment|task_report|reminder [-o FILE]` and `vanban schema [-o FILE]`: files to start
//! from. Neither ever replaces an existing file.

use std::path::Path;

use crate::documents::schema::record_schema_text;
use crate::error::Error;
use crate::output;
use crate::record::scaffold::{self, SessionFields};

use super::print_written;

/// Writes `text` to `output` (never over an existing file), or prints it.
fn emit(text: &str, output: Option<&Path>) -> Result<(), Error> {
    match output {
        None => {
            print!("{text}");
            Ok(())
        }
        Some(path) => {
            output::write_new(path, text.as_bytes())?;
            print_written(vec![path.to_path_buf()])
        }
    }
}

/// The commented scaffold of a `kind` record.
pub fn scaffold(kind: &str, output: Option<&Path>) -> Result<(), Error> {
    let text = match kind {
        "assessment" => scaffold::assessment(),
        "task_report" => scaffold::task_report(),
        "reminder" => scaffold::reminder(),
        _ => scaffold::session(&SessionFields::default()),
    };
    emit(&text, output)
}

/// The record format's JSON Schema.
pub fn schema(output: Option<&Path>) -> Result<(), Error> {
    emit(&record_schema_text(), output)
}
