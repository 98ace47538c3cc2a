//! Signed copies of an entry's documents: `<stem>-da-ky.pdf` beside the document, indexed
//! with its SHA-256 under the role `signed`, and replaced when it is signed again (a
//! signature only appends to a PDF). `archive verify` checks such a copy by its hash; the
//! document it came from stays as rendered.

use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::problem::GatherProblem;
use super::{Archive, FileRole, sha256_hex};
use crate::error::Error;

impl Archive {
    /// The entry's PDFs a reader opens and a signer signs: its documents and their signed
    /// copies, each path with whether it is a signed copy.
    pub fn pdfs_of(&self, entry: &str) -> Result<Vec<(String, bool)>, Error> {
        Ok(self
            .files_of(entry)?
            .into_iter()
            .filter(|f| f.path.ends_with(".pdf"))
            .filter_map(|f| match FileRole::parse(&f.role) {
                Some(FileRole::Document) => Some((f.path, false)),
                Some(FileRole::Signed) => Some((f.path, true)),
                _ => None,
            })
            .collect())
    }

    /// The entry's file `file` to sign, if it is a PDF document or a signed copy: its path,
    /// and the name its signed copy has.
    pub fn to_sign(&self, entry: &str, file: &str) -> Result<(std::path::PathBuf, String), Error> {
        let signable = matches!(self.role_of(entry, file)?, Some(FileRole::Document | FileRole::Signed));
        if !signable || !file.ends_with(".pdf") || file.contains('/') {
            return Err(self.problem(GatherProblem::NotSignable {
                entry: entry.to_string(),
                file: file.to_string(),
            }));
        }
        let copy = match file.strip_suffix(".pdf") {
            Some(stem) if !stem.ends_with("-da-ky") => format!("{stem}-da-ky.pdf"),
            _ => file.to_string(),
        };
        // The document once signed is signed again on its copy, which keeps every signature.
        if copy != file && self.role_of(entry, &copy)?.is_some() {
            return Err(self.problem(GatherProblem::SignTheCopy {
                file: file.to_string(),
                copy,
            }));
        }
        let path = self.dir.join("entries").join(entry).join(file);
        // Read as the archive reads: a link planted in the entry's folder is refused.
        crate::output::files::read_inside(&self.dir, &path)?;
        Ok((path, copy))
    }

    /// The role of the entry's file `path`, if the index has it.
    fn role_of(&self, entry: &str, path: &str) -> Result<Option<FileRole>, Error> {
        let role: Option<String> = self
            .db
            .query_row(
                "SELECT role FROM files WHERE entry = ?1 AND path = ?2",
                params![entry, path],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.fail(e))?;
        Ok(role.as_deref().and_then(FileRole::parse))
    }

    /// Keeps `bytes` as the entry's signed copy `copy` (a name [`Archive::to_sign`] gave), in
    /// one transaction: the index's row, then the file renamed into place, then the commit; a
    /// failed commit puts the earlier copy back.
    pub fn keep_signed(&mut self, entry: &str, copy: &str, bytes: &[u8]) -> Result<(), Error> {
        let folder = self.dir.join("entries").join(entry);
        let path = folder.join(copy);
        let earlier = crate::output::files::read_inside(&self.dir, &path).ok();
        let index_path = self.index_path();
        let fail = |e: rusqlite::Error| super::db_error(&index_path, e);
        let tx = self
            .db
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(fail)?;
        tx.execute(
            "INSERT OR REPLACE INTO files VALUES (?1, ?2, ?3, ?4)",
            params![entry, copy, FileRole::Signed.name(), sha256_hex(bytes)],
        )
        .map_err(fail)?;
        crate::output::files::write_inside(&self.dir, &path, bytes, false)?;
        if let Err(error) = tx.commit() {
            let _ = match earlier {
                Some(earlier) => crate::output::files::write_inside(&self.dir, &path, &earlier, false).map(drop),
                None => std::fs::remove_file(&path).map_err(|e| Error::write(&path, e)),
            };
            return Err(fail(error));
        }
        Ok(())
    }
}
