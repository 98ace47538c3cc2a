//! `archive merge OTHER_ARCHIVE`: bringing a whole archive folder in (a commune's archive
//! into its province's). Each entry of the other archive is checked against the other
//! index (every file's SHA-256), its record prepared again for this index, its numbers
//! checked in this archive's register, and its files copied as they are, under the same
//! entry name. An entry already here, by name or by the bytes of its record, is left as it
//! is, so merging twice changes nothing. The documents are laid out again (not written)
//! for their words in the search index. The entry's tracked tasks come with their status,
//! history and evidence files ([`super::follow::carry`]).

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::error::Error;
use crate::prepare::prepare;

use super::problem::GatherProblem;
use super::{Added, Archive, Content, EntryFile, FileRole, Numbering, db_error, sha256_hex};
use crate::render::Renderer;

impl Archive {
    /// Merges every entry of the archive in `other`; one result per entry, in name order.
    /// An entry that cannot be merged is an error in its place; the others go on.
    pub fn merge(&mut self, renderer: &Renderer, other: &Path) -> Result<Vec<Result<Added, Error>>, Error> {
        let index = other.join("index.sqlite");
        if !index.is_file() {
            return Err(Error::NoArchive {
                path: other.to_path_buf(),
            });
        }
        if same_folder(other, &self.dir) {
            return Ok(Vec::new());
        }
        let db =
            Connection::open_with_flags(&index, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|e| db_error(&index, e))?;
        let entries: Vec<(String, String)> = db
            .prepare("SELECT id, record_path FROM entries ORDER BY id")
            .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
            .map_err(|e| db_error(&index, e))?;
        let mut results = Vec::with_capacity(entries.len());
        for (entry, record_path) in entries {
            let files = indexed_files(&db, &entry).map_err(|e| db_error(&index, e))?;
            results.push(self.merge_entry(renderer, (other, &db), &entry, &record_path, files));
        }
        Ok(results)
    }

    fn merge_entry(
        &mut self,
        renderer: &Renderer,
        (other, other_db): (&Path, &Connection),
        entry: &str,
        record_path: &str,
        indexed: Vec<(String, String, String)>,
    ) -> Result<Added, Error> {
        let folder = other.join("entries").join(entry);
        let mut files = Vec::with_capacity(indexed.len());
        for (path, role, sha) in indexed {
            let full = folder.join(&path);
            let bytes = match crate::output::files::read_inside(other, &full) {
                Ok(bytes) => bytes,
                Err(link @ Error::Link { .. }) => return Err(link),
                Err(_) => return Err(Error::FileGone { path: full }),
            };
            let role = FileRole::parse(&role).filter(|_| sha256_hex(&bytes) == sha);
            let Some(role) = role else {
                let problem = GatherProblem::EntryChanged {
                    entry: entry.to_string(),
                    file: path,
                };
                return Err(super::gather::gather_error(&full, problem));
            };
            files.push(EntryFile { path, role, bytes });
        }
        let prepared = prepare(&folder.join(record_path))?;
        let dir = self.dir.clone();
        // The documents' words for the search index, from a layout of the record as stored.
        self.store(
            entry,
            &prepared,
            Numbering::Keep,
            |p| {
                Ok(Content {
                    files,
                    words: renderer.words(p)?,
                })
            },
            |db| super::follow::carry::carry(db, &dir, other_db, other, entry),
        )
    }
}

/// The other archive's files of `entry`: `(path, role, sha256)`.
fn indexed_files(db: &Connection, entry: &str) -> rusqlite::Result<Vec<(String, String, String)>> {
    db.prepare_cached("SELECT path, role, sha256 FROM files WHERE entry = ?1 ORDER BY path")?
        .query_map([entry], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect()
}

fn same_folder(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
