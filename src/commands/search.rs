//! `vanban archive search` and `vanban archive reindex`: the archive found by its words.

use std::path::Path;

use crate::archive::Archive;
use crate::archive::search::Query;
use crate::error::Error;

/// Prints the entries found, best first: number, date, kind, unit and entry on one line,
/// the words around the match under it; or all of it as JSON.
pub fn search(query: &Query, json: bool, archive_dir: &Path) -> Result<(), Error> {
    let archive = Archive::open_existing(archive_dir)?;
    let hits = archive.search(query)?;
    if json {
        super::say!("{}", serde_json::to_string_pretty(&hits).unwrap_or_default());
        return Ok(());
    }
    for hit in hits {
        let number = if hit.numbers.is_empty() {
            "-"
        } else {
            hit.numbers.as_str()
        };
        super::say!("{number}\t{}\t{}\t{}\t{}", hit.date, hit.kind, hit.unit, hit.entry);
        super::say!("  {}", hit.snippet);
    }
    Ok(())
}

/// Builds the index again; prints how many entries it holds.
pub fn reindex(archive_dir: &Path) -> Result<(), Error> {
    let mut archive = Archive::open_existing(archive_dir)?;
    let count = archive.reindex()?;
    super::say!("{count}");
    Ok(())
}
