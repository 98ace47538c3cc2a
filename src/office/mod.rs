//! The office: its people, their roles, and the trail of what each did. Kept in the records
//! folder's `.vanban/office.sqlite`: [`users`] (names, roles, Argon2id password hashes),
//! [`audit`] (an append-only log, each entry carrying the hash of the one before) and
//! [`workflow`] (each record's state, the steps between, and the versions saves keep) and
//! [`comments`] (the leader's review comments and the drafter's answers). With no
//! user, `serve` on loopback works as it always did; the first user turns logins on.

pub mod audit;
pub mod comments;
pub mod problem;
pub mod users;
pub mod workflow;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use problem::OfficeProblem;

use crate::error::Error;

/// The office database of a records folder.
pub struct Office {
    /// The open database.
    pub db: Connection,
    /// Its file, for messages.
    pub path: PathBuf,
}

/// The folder inside the records folder that holds the office database.
pub const DIR: &str = ".vanban";

impl Office {
    /// The office of `folder`; made when `create`, else `None` when there is none yet.
    pub fn open(folder: &Path, create: bool) -> Result<Option<Office>, Error> {
        let dir = folder.join(DIR);
        // A link here could point the database anywhere: refused, as every write is.
        if std::fs::symlink_metadata(&dir).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(Error::Link { path: dir });
        }
        let path = dir.join("office.sqlite");
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(Error::Link { path });
        }
        if !path.exists() && !create {
            return Ok(None);
        }
        std::fs::create_dir_all(&dir).map_err(|e| Error::Write {
            path: dir.clone(),
            detail: e.to_string(),
        })?;
        let db = Connection::open(&path).map_err(|e| index_error(&path, &e))?;
        db.busy_timeout(std::time::Duration::from_secs(5))
            .and_then(|()| db.execute_batch(SCHEMA))
            .map_err(|e| index_error(&path, &e))?;
        Ok(Some(Office { db, path }))
    }

    /// The error of a database step, naming the file.
    pub fn error(&self, error: &rusqlite::Error) -> Error {
        index_error(&self.path, error)
    }
}

fn index_error(path: &Path, error: &rusqlite::Error) -> Error {
    Error::Index {
        path: path.to_path_buf(),
        detail: error.to_string(),
    }
}

const SCHEMA: &str = "
PRAGMA journal_mode = WAL;
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    address TEXT NOT NULL,
    prev TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS states (
    path TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    by TEXT NOT NULL,
    at TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS versions (
    path TEXT NOT NULL,
    seq INTEGER NOT NULL,
    text TEXT NOT NULL,
    by TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (path, seq)
);
CREATE TABLE IF NOT EXISTS comments (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    parent INTEGER,
    field TEXT NOT NULL DEFAULT '',
    passage TEXT NOT NULL DEFAULT '',
    document TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL,
    at TEXT NOT NULL,
    text TEXT NOT NULL,
    resolved_by TEXT NOT NULL DEFAULT '',
    resolved_at TEXT NOT NULL DEFAULT ''
);
";

/// Now, as the audit log writes it: `2026-12-02T03:14:11Z`.
pub fn now() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let (y, m, d) = crate::layout::typeset::civil_from_days(seconds.div_euclid(86_400));
    let s = seconds.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        s / 3600,
        s % 3600 / 60,
        s % 60
    )
}
