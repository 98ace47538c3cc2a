//! What an issued entry was approved as: the version the leader approved, its hash (the
//! record and the files it names), who approved it and when, and the office log's head at
//! the issue, an anchor of the log kept outside the office's database.

use rusqlite::{Connection, params};

use super::{Added, Archive, sha256_hex};
use crate::error::Error;
use crate::prepare::Prepared;
use crate::render::Renderer;

pub(super) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS approvals (
  entry TEXT PRIMARY KEY REFERENCES entries(id), version INTEGER NOT NULL, sha256 TEXT NOT NULL,
  audit_seq INTEGER NOT NULL, audit_hash TEXT NOT NULL, issued_by TEXT NOT NULL, issued_at TEXT NOT NULL);
";

/// The approval an issue carries into the archive.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Approval {
    /// The version approved.
    pub version: i64,
    /// Its hash (see [`content_sha256`]).
    pub sha256: String,
    /// The office log's last entry at the issue: its place.
    pub audit_seq: i64,
    /// And its hash.
    pub audit_hash: String,
    /// Who issued it.
    pub issued_by: String,
    /// When.
    pub issued_at: String,
}

/// The hash of what a record is: the SHA-256 of its bytes when it names no other file (what
/// `sha256sum` prints), else of each file's relative path and SHA-256, one line each.
pub fn content_sha256(prepared: &Prepared) -> String {
    if prepared.inputs.len() <= 1 {
        return sha256_hex(&prepared.file().bytes);
    }
    let folder = crate::record::paths::folder_of(&prepared.file().path);
    let lines: String = prepared
        .inputs
        .iter()
        .map(|input| {
            let path = input.file.path.strip_prefix(&folder).unwrap_or(&input.file.path);
            format!("{}\t{}\n", path.display(), sha256_hex(&input.file.bytes))
        })
        .collect();
    sha256_hex(lines.as_bytes())
}

impl Archive {
    /// Issues `prepared` (numbered from the register, as [`Archive::add`]) and keeps what it
    /// was approved as with its entry.
    pub fn add_approved(
        &mut self,
        renderer: &Renderer,
        prepared: &Prepared,
        approval: &Approval,
    ) -> Result<Vec<Added>, Error> {
        let added = self.add_prepared(renderer, prepared, super::Numbering::Give)?;
        if let Some(Added::New(entry)) = added.first() {
            keep(&self.db, entry, approval).map_err(|e| self.fail(e))?;
        }
        Ok(added)
    }

    /// Every entry's approval, in the order they were issued.
    pub fn approvals(&self) -> Result<Vec<(String, Approval)>, Error> {
        let mut statement = self
            .db
            .prepare(
                "SELECT entry, version, sha256, audit_seq, audit_hash, issued_by, issued_at FROM approvals
                 ORDER BY audit_seq, entry",
            )
            .map_err(|e| self.fail(e))?;
        statement
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    Approval {
                        version: r.get(1)?,
                        sha256: r.get(2)?,
                        audit_seq: r.get(3)?,
                        audit_hash: r.get(4)?,
                        issued_by: r.get(5)?,
                        issued_at: r.get(6)?,
                    },
                ))
            })
            .and_then(Iterator::collect)
            .map_err(|e| self.fail(e))
    }

    /// The approval of entry `entry`, if it was issued through the office.
    pub fn approval_of(&self, entry: &str) -> Result<Option<Approval>, Error> {
        Ok(self.approvals()?.into_iter().find(|(e, _)| e == entry).map(|(_, a)| a))
    }
}

fn keep(db: &Connection, entry: &str, a: &Approval) -> rusqlite::Result<()> {
    db.execute(
        "INSERT OR REPLACE INTO approvals (entry, version, sha256, audit_seq, audit_hash, issued_by, issued_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            entry,
            a.version,
            a.sha256,
            a.audit_seq,
            a.audit_hash,
            a.issued_by,
            a.issued_at
        ],
    )
    .map(drop)
}
