//! The audit log: every action with who, when, what and from which address, and the hash of
//! what it changed (a version's text, a state). Append-only: each entry carries the SHA-256
//! of the one before, so an entry edited or deleted in the database breaks the chain at that
//! place, and `vanban audit verify` names it. A log recomputed, cut back or emptied by
//! someone with the database file keeps a whole chain: that is found against the heads kept
//! outside the database (the anchors).

use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use super::{Office, OfficeProblem};
use crate::error::Error;

/// One entry of the log.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Entry {
    /// Its place in the log, from 1.
    pub seq: i64,
    /// When (UTC, `2026-12-02T03:14:11Z`).
    pub at: String,
    /// Who (a user's name, or `cli:<login>` for the command line).
    pub user: String,
    /// What: `login`, `login-failed`, `logout`, `save`, `create`, `archive`, `export`,
    /// `user-add`, `user-disable`, `user-password`.
    pub action: String,
    /// What it was done to: a record's path, a user's name.
    pub target: String,
    /// From which address (`cli` for the command line).
    pub address: String,
    /// The hash of what the action changed (`sha256:…` of a version's text), or empty.
    pub detail: String,
}

/// The longest name and target an entry keeps, in bytes (longer ones are cut at a character).
const MAX_NAME: usize = 256;
pub(super) const MAX_TARGET: usize = 4096;

/// `text` cut to at most `max` bytes, at a character boundary.
pub(super) fn bounded(text: &str, max: usize) -> String {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_string()
}

/// `text` with every control character written as an escape (`\n`, `\t`, `\u{1b}`), so
/// that a name or a reason cannot make a line of `audit list` look like another entry.
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control()
                || matches!(c, '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') =>
            {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// The hash of an entry and the one before it.
fn chain(prev: &str, e: &Entry) -> String {
    let mut hasher = Sha256::new();
    for part in [
        prev,
        &e.seq.to_string(),
        &e.at,
        &e.user,
        &e.action,
        &e.target,
        &e.address,
    ] {
        hasher.update(part.as_bytes());
        hasher.update([0u8]);
    }
    // Entries written before details existed hash as they did then.
    if !e.detail.is_empty() {
        hasher.update(e.detail.as_bytes());
        hasher.update([0u8]);
    }
    base16ct::lower::encode_string(&hasher.finalize())
}

/// An entry from a row whose first seven columns are its own.
pub(super) fn entry(r: &rusqlite::Row) -> rusqlite::Result<Entry> {
    Ok(Entry {
        seq: r.get(0)?,
        at: r.get(1)?,
        user: r.get(2)?,
        action: r.get(3)?,
        target: r.get(4)?,
        address: r.get(5)?,
        detail: r.get(6)?,
    })
}

/// Appends an action to the log through `db` (inside the caller's transaction, when it has
/// one: the step and its entry are then committed together or not at all).
pub fn append(
    db: &Connection,
    user: &str,
    action: &str,
    target: &str,
    address: &str,
    detail: &str,
) -> rusqlite::Result<()> {
    let last: Option<(i64, String)> = db
        .query_row("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let (seq, prev) = last.map_or((1, String::new()), |(seq, hash)| (seq + 1, hash));
    let entry = Entry {
        seq,
        at: super::now(),
        user: bounded(user, MAX_NAME),
        action: action.to_string(),
        target: bounded(target, MAX_TARGET),
        address: bounded(address, MAX_NAME),
        detail: detail.to_string(),
    };
    let hash = chain(&prev, &entry);
    db.execute(
        "INSERT INTO audit (seq, at, user, action, target, address, prev, hash, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![entry.seq, entry.at, entry.user, entry.action, entry.target, entry.address, prev, hash, entry.detail],
    )
    .map(drop)
}

/// The log's head through `db`: its last entry's place and hash (`0` and empty for none).
pub fn head_of(db: &Connection) -> rusqlite::Result<(i64, String)> {
    db.query_row("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", [], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
    .optional()
    .map(Option::unwrap_or_default)
}

/// What to list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only this user's actions.
    pub user: Option<String>,
    /// Only actions on targets containing this (a record's path).
    pub target: Option<String>,
    /// Only from this day on (`YYYY-MM-DD`).
    pub since: Option<String>,
}

impl Office {
    /// Appends an action to the log.
    pub fn record(&self, user: &str, action: &str, target: &str, address: &str) -> Result<(), Error> {
        self.transaction(|db| append(db, user, action, target, address, "").map_err(|e| self.error(&e)))
    }

    /// The log's head: its last entry's place and hash (`0` and empty for an empty log).
    pub fn head(&self) -> Result<(i64, String), Error> {
        head_of(&self.db).map_err(|e| self.error(&e))
    }

    /// The log's entries that pass `filter`, oldest first.
    pub fn entries(&self, filter: &Filter) -> Result<Vec<Entry>, Error> {
        let mut statement = self
            .db
            .prepare(
                "SELECT seq, at, user, action, target, address, detail FROM audit
                 WHERE (?1 IS NULL OR user = ?1) AND (?2 IS NULL OR instr(target, ?2) > 0) AND (?3 IS NULL OR at >= ?3)
                 ORDER BY seq",
            )
            .map_err(|e| self.error(&e))?;
        statement
            .query_map(params![filter.user, filter.target, filter.since], entry)
            .and_then(Iterator::collect)
            .map_err(|e| self.error(&e))
    }

    /// Checks the chain and every anchor (see [`Office::verify_trail`]); the number of entries
    /// and the last hash when it holds, else the first entry where it breaks.
    pub fn verify_log(&self) -> Result<(usize, String), Error> {
        self.verify_trail(&[]).map(|v| (v.entries, v.last))
    }

    /// Checks the chain of `rows` (each entry with its stored `prev` and `hash`).
    pub(super) fn verify_rows(&self, rows: &[(Entry, String, String)]) -> Result<(usize, String), Error> {
        let mut prev = String::new();
        for (i, (entry, stored_prev, stored_hash)) in rows.iter().enumerate() {
            let expected_seq = i as i64 + 1;
            if entry.seq != expected_seq || *stored_prev != prev || chain(&prev, entry) != *stored_hash {
                return Err(Error::Feature {
                    path: self.path.clone(),
                    problem: Box::new(OfficeProblem::AuditBroken {
                        seq: expected_seq.min(entry.seq),
                    }),
                });
            }
            prev = stored_hash.clone();
        }
        Ok((rows.len(), prev))
    }
}

/// The detail a kept version is logged with: its number and the SHA-256 of its text.
pub fn version_detail(seq: i64, text: &[u8]) -> String {
    format!(
        "v{seq} sha256:{}",
        base16ct::lower::encode_string(&Sha256::digest(text))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edited_or_deleted_entry_breaks_the_chain_where_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let office = Office::open(dir.path(), true).unwrap().unwrap();
        for action in ["login", "save", "archive", "logout"] {
            office.record("mai", action, "a.yaml", "127.0.0.1").unwrap();
        }
        assert_eq!(office.verify_log().unwrap().0, 4);
        office
            .db
            .execute("UPDATE audit SET user = 'lan' WHERE seq = 2", [])
            .unwrap();
        let broken = office.verify_log().unwrap_err();
        assert_eq!(
            broken.feature_problem::<OfficeProblem>(),
            Some(&OfficeProblem::AuditBroken { seq: 2 })
        );
        office
            .db
            .execute("UPDATE audit SET user = 'mai' WHERE seq = 2", [])
            .unwrap();
        office.db.execute("DELETE FROM audit WHERE seq = 3", []).unwrap();
        let broken = office.verify_log().unwrap_err();
        assert_eq!(
            broken.feature_problem::<OfficeProblem>(),
            Some(&OfficeProblem::AuditBroken { seq: 3 })
        );
    }
}
