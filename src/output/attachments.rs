//! The files of a record, attached byte for byte to its archival PDFs.

use std::collections::BTreeSet;

use crate::compose::templates::typst_string;
use crate::error::Error;
use crate::prepare::{Prepared, Role};

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
            Role::Record => "Bản ghi nguồn của văn bản",
            Role::Assessment | Role::CriteriaSet => "Kết quả đánh giá kèm theo",
        };
        lines.push_str(&format!(
            "#pdf.attach({}, bytes({}), relationship: \"source\", mime-type: \"application/yaml\", description: {})\n",
            typst_string(&name),
            typst_string(text),
            typst_string(description)
        ));
    }
    Ok(lines)
}
