//! `vanban archive search` and `vanban archive reindex`: the archive found by its words.

use std::path::Path;

use crate::archive::Archive;
use crate::archive::search::Query;
use crate::compose::templates::TemplateSource;
use crate::documents::RecordKind;
use crate::error::Error;
use crate::problem::Lang;
use crate::problem::say::Say;
use crate::render::Renderer;

/// Prints the entries found, best first: number, date, kind (in words), unit and entry on
/// one line, the words around the match under it; or all of it as JSON. Says so when
/// nothing matches (not in JSON, which is then an empty list).
pub fn search(query: &Query, json: bool, archive_dir: &Path, lang: Lang) -> Result<(), Error> {
    let archive = Archive::open_existing(archive_dir)?;
    let hits = archive.search(query)?;
    if json {
        super::say!("{}", serde_json::to_string_pretty(&hits).unwrap_or_default());
        return Ok(());
    }
    if hits.is_empty() {
        super::say!("{}", Say::NoHits { query: query.text }.to(lang));
    }
    for hit in hits {
        let number = if hit.numbers.is_empty() {
            "-"
        } else {
            hit.numbers.as_str()
        };
        let kind = RecordKind::words_of(&hit.kind, lang);
        super::say!("{number}\t{}\t{kind}\t{}\t{}", hit.date, hit.unit, hit.entry);
        if !hit.snippet.is_empty() {
            super::say!("  {}", hit.snippet);
        }
        for task in &hit.tasks {
            super::say!("  → {task}");
        }
    }
    Ok(())
}

/// Builds the index again (laying out every stored record's documents for their words);
/// prints how many entries it holds.
pub fn reindex(archive_dir: &Path) -> Result<(), Error> {
    let mut archive = Archive::open_existing(archive_dir)?;
    let renderer = Renderer::new(TemplateSource::default())?;
    let count = archive.reindex(&renderer)?;
    super::say!("{count}");
    Ok(())
}
