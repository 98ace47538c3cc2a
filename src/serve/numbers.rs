//! The register's numbers of issued records, as the pages show them: in the answer to an
//! issue (the văn thư reads them at once), in the editor of an issued record, and in the
//! records list. Which entries a record was filed as is read from the office's log (its last
//! issue); their numbers from the archive's register.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use super::AppState;
use crate::archive::Archive;
use crate::problem::{Lang, words};

/// A number a document was given, for the page.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Number {
    /// The document's kind (its slug: `thong-bao-ket-luan`).
    pub kind: String,
    /// Its name, in the interface's language.
    pub title: String,
    /// As printed: `Số: 05/TB-UBND`.
    pub number_line: String,
    /// Its date, as offices write it: `27/03/2024`.
    pub date: String,
    /// The archive entry that holds it.
    pub entry: String,
}

/// `2024-03-27` as `27/03/2024` (anything else as it is).
pub fn day_month_year(iso: &str) -> String {
    match iso.split('-').collect::<Vec<_>>()[..] {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => format!("{d}/{m}/{y}"),
        _ => iso.to_string(),
    }
}

/// The name of the document kind `slug` in `lang`.
fn title(slug: &str, lang: Lang) -> String {
    crate::documents::TABLE
        .iter()
        .find(|spec| spec.kind.slug() == slug)
        .map_or_else(|| slug.to_string(), |spec| words(spec.names.0, spec.names.1).take(lang))
}

/// The numbers the documents of `entries` were given, in the archive at `archive_dir` (none
/// when it cannot be read: the numbers are shown, never needed).
pub fn of_entries(archive_dir: &Path, entries: &[String], lang: Lang) -> Vec<Number> {
    let Ok(archive) = Archive::open_existing(archive_dir) else {
        return Vec::new();
    };
    entries
        .iter()
        .flat_map(|entry| archive.numbers_of(entry).unwrap_or_default())
        .map(|row| Number {
            title: title(&row.kind, lang),
            kind: row.kind,
            number_line: row.number_line,
            date: day_month_year(&row.date),
            entry: row.entry,
        })
        .collect()
}

/// The entries each issued record was filed as, by the record's name (empty without users).
pub fn issued_entries(state: &AppState) -> HashMap<String, Vec<String>> {
    let Some(office) = &state.office else {
        return HashMap::new();
    };
    let office = office.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    office.issued_entries().unwrap_or_default().into_iter().collect()
}

/// What the pages know of an issued record named `key`: its entries, their numbers, and the
/// record as filed (with the numbers it was given written in), for the editor's preview.
pub fn issued(state: &AppState, key: &str) -> serde_json::Value {
    let entries = issued_entries(state).remove(key).unwrap_or_default();
    let Some(archive_dir) = &state.config.archive_dir else {
        return serde_json::json!({ "entries": entries, "numbers": [] });
    };
    let numbers = of_entries(archive_dir, &entries, state.config.lang);
    // The record's own entry is the first; the record is filed under its file name.
    let name = key.rsplit('/').next().unwrap_or(key);
    let text = entries
        .first()
        .and_then(|entry| std::fs::read(archive_dir.join("entries").join(entry).join(name)).ok())
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned());
    serde_json::json!({ "entries": entries, "numbers": numbers, "text": text })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn register_dates_are_shown_as_offices_write_them() {
        assert_eq!(day_month_year("2024-03-27"), "27/03/2024");
        assert_eq!(day_month_year("27/03/2024"), "27/03/2024");
    }
}
