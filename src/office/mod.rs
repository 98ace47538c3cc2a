//! The office: its people, their roles, and the trail of what each did. Kept in the records
//! folder's `.vanban/office.sqlite`: [`users`] (names, roles, Argon2id password hashes),
//! [`audit`] (an append-only log, each entry carrying the hash of the one before) and
//! [`workflow`] (each record's state, the versions saves keep, and the version an approval
//! freezes), [`steps`] (each step and save in one transaction), [`comments`] (the leader's review comments and the
//! drafter's answers), [`anchor`] (the log's heads kept outside the database, so that a
//! rewritten log is found), [`accounted`] (the rows the log must account for) and [`schema`] (the tables and their migrations). With no user,
//! `serve` on loopback works as it always did; the first user turns logins on.

pub mod accounted;
pub mod anchor;
pub mod audit;
pub mod comments;
pub mod problem;
pub mod schema;
pub mod steps;
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
    /// The office of `folder`; made when `create`, else `None` when there is none yet. The
    /// folder `.vanban/` is the owner's alone (0700), and so is the database (0600): it holds
    /// the password hashes.
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
        private_dir(&dir).map_err(|e| Error::write(&dir, e))?;
        private_file(&path).map_err(|e| Error::write(&path, e))?;
        let mut db = Connection::open(&path).map_err(|e| index_error(&path, &e))?;
        db.busy_timeout(std::time::Duration::from_secs(5))
            .and_then(|()| schema::migrate(&mut db))
            .map_err(|e| index_error(&path, &e))?;
        Ok(Some(Office { db, path }))
    }

    /// The folder the database is in (`.vanban/`), where the audit anchors are kept too.
    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }

    /// The error of a database step, naming the file.
    pub fn error(&self, error: &rusqlite::Error) -> Error {
        index_error(&self.path, error)
    }

    /// Runs `work` in one `BEGIN IMMEDIATE` transaction: no other writer, in this process or
    /// another, comes between the state it reads and what it writes. Committed when `work`
    /// returns `Ok` (a refusal inside it changes nothing), rolled back on an error.
    pub fn transaction<T>(&self, work: impl FnOnce(&rusqlite::Connection) -> Result<T, Error>) -> Result<T, Error> {
        let tx = rusqlite::Transaction::new_unchecked(&self.db, rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| self.error(&e))?;
        let done = work(&tx)?;
        tx.commit().map_err(|e| self.error(&e))?;
        Ok(done)
    }
}

/// Makes `dir` (and its parents) when missing, and leaves it to its owner alone.
fn private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
}

/// Makes `path` empty when missing, and leaves it (and SQLite's files beside it, which take
/// its mode) to its owner alone.
fn private_file(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(path)?;
    for file in [
        path.to_path_buf(),
        path.with_extension("sqlite-wal"),
        path.with_extension("sqlite-shm"),
    ] {
        if file.exists() {
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600))?;
        }
    }
    Ok(())
}

fn index_error(path: &Path, error: &rusqlite::Error) -> Error {
    Error::Index {
        path: path.to_path_buf(),
        detail: error.to_string(),
    }
}

/// Now, as the audit log writes it: `2026-12-02T03:14:11Z`.
pub fn now() -> String {
    crate::record::clock::now_stamp()
}
