//! The files of a record, attached byte for byte to its archival PDFs.

use std::collections::BTreeSet;

use crate::compose::templates::typst_string;
use crate::error::Error;
use crate::prepare::{Prepared, Role};

/// The attachment in which the layout library records where each signer signs
/// (`templates/vanban.typ`), read by `vanban sign`.
pub const SIGNING_PLACES: &str = "vanban-cho-ky.json";

/// How the record's own attachment is described; the vanban version that rendered it follows.
pub const RECORD_DESCRIPTION: &str = "Bản ghi nguồn của văn bản";

/// The record attachment's description: [`RECORD_DESCRIPTION`], then `, vanban <version>`.
pub fn record_description() -> String {
    format!("{RECORD_DESCRIPTION}, vanban {}", env!("CARGO_PKG_VERSION"))
}

/// The vanban version a record attachment's description names, if it names one.
pub fn rendered_by(description: &str) -> Option<&str> {
    description.strip_prefix(RECORD_DESCRIPTION)?.strip_prefix(", vanban ")
}

/// Typst lines that attach every input file of a record, as it was read, to the PDF.
pub fn typst_lines(prepared: &Prepared) -> Result<String, Error> {
    let mut lines = String::from("\n");
    let mut names = BTreeSet::new();
    for (index, input) in prepared.inputs.iter().enumerate() {
        let path = &input.file.path;
        let text = std::str::from_utf8(&input.file.bytes).map_err(|_| Error::Read {
            path: path.clone(),
            detail: "not UTF-8".into(),
        })?;
        let base = path
            .file_name()
            .map_or_else(|| "record.yaml".into(), |n| n.to_string_lossy().into_owned());
        let name = if names.insert(base.clone()) {
            base
        } else {
            format!("{index}-{base}")
        };
        let description = match input.role {
            Role::Record => record_description(),
            Role::Assessment | Role::CriteriaSet => "Kết quả đánh giá kèm theo".to_string(),
        };
        lines.push_str(&format!(
            "#pdf.attach({}, bytes({}), relationship: \"source\", mime-type: \"application/yaml\", description: {})\n",
            typst_string(&name),
            typst_string(text),
            typst_string(&description)
        ));
    }
    Ok(lines)
}
