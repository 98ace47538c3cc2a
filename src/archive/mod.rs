//! The archive: a folder of records, their archival PDFs, and an SQLite index. Adding a
//! record issues it: its documents get their numbers from the outgoing register
//! ([`register`]). Archival PDFs from elsewhere are gathered ([`gather`]) and whole archives
//! merged ([`merge`]); [`query`] answers `list`, `show`, `history`, `summary`; [`verify`]
//! re-hashes and re-renders; [`follow`] tracks the tasks of issued notices.
//!
//! ```text
//! ARCHIVE/
//!   index.sqlite                   entries, files with SHA-256, criteria results, register
//!   entries/<entry>/<record>.yaml  the record as issued (with the numbers it was given)
//!   entries/<entry>/<path>.yaml    the assessments it names, at the same relative paths
//!   entries/<entry>/<id>-*.pdf     its documents, PDF/A-3u with the record attached
//!   entries/<entry>/received/*.pdf a gathered PDF kept as received, when it differs
//!   tasks/<task>/<n>-<file>        evidence given with a tracked task's update
//! ```
//!
//! An entry's name is the record's id and the first 12 hex digits of the SHA-256 of its
//! bytes as given, so adding the same record twice finds the entry already there; so does
//! gathering a record whose bytes an entry already holds. Every change to the archive stages
//! its folder under a temporary name, renames it into place, then commits one transaction;
//! a failure at any point leaves the archive as it was.

pub mod add;
pub mod approval;
pub mod follow;
pub mod gather;
pub mod merge;
pub mod problem;
pub mod query;
pub mod register;
pub mod search;
pub mod signed;
pub mod tasks;
pub mod verify;
pub mod words;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use sha2::{Digest, Sha256};

use crate::error::Error;
use crate::prepare::Prepared;

pub use query::{Counts, Entry, HistoryPoint, IndexedFile};
pub use register::RegisterRow;

/// What an entry's file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileRole {
    /// The record itself.
    Record,
    /// An assessment or criteria set the record names.
    Input,
    /// A document rendered from the record.
    Document,
    /// A PDF kept as it was received, because it differs from its re-rendering.
    Received,
    /// A document's signed copy (`<stem>-da-ky.pdf`), kept beside it.
    Signed,
}

impl FileRole {
    /// The name stored in the index.
    pub fn name(self) -> &'static str {
        match self {
            FileRole::Record => "record",
            FileRole::Input => "input",
            FileRole::Document => "document",
            FileRole::Received => "received",
            FileRole::Signed => "signed",
        }
    }

    /// The role an index name stands for.
    pub fn parse(name: &str) -> Option<FileRole> {
        [
            FileRole::Record,
            FileRole::Input,
            FileRole::Document,
            FileRole::Received,
            FileRole::Signed,
        ]
        .into_iter()
        .find(|r| r.name() == name)
    }
}

/// A file of an entry, ready to store.
#[derive(Debug, Clone)]
pub struct EntryFile {
    /// Path inside the entry.
    pub path: String,
    /// What it is.
    pub role: FileRole,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// What an entry is made of: its files, and each document's words for the search index.
#[derive(Debug, Clone, Default)]
pub struct Content {
    /// The files, ready to store.
    pub files: Vec<EntryFile>,
    /// Each document's words as its reader sees them.
    pub words: Vec<String>,
}

/// An open archive.
pub struct Archive {
    dir: PathBuf,
    db: Connection,
}

/// What adding, gathering or merging did with one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// A new entry.
    New(String),
    /// The same record was archived before, in this entry.
    AlreadyThere(String),
}

/// Whether storing a record gives numbers to its documents that have none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    /// Issuing (`archive add RECORD`): each numbered document without a number gets the next one.
    Give,
    /// Gathering and merging: documents were issued elsewhere; numbers are checked, none given.
    Keep,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS entries (
  id TEXT PRIMARY KEY, record_id TEXT NOT NULL, kind TEXT NOT NULL, unit TEXT NOT NULL,
  issuer TEXT NOT NULL, date TEXT NOT NULL, year INTEGER NOT NULL, criteria_set TEXT,
  criteria_met INTEGER, criteria_total INTEGER, indicators_met INTEGER, indicator_total INTEGER,
  totals TEXT, numbers TEXT NOT NULL, record_path TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS entries_unit ON entries(unit, date);
CREATE INDEX IF NOT EXISTS entries_year ON entries(year, kind);
CREATE INDEX IF NOT EXISTS entries_set ON entries(criteria_set, kind, unit, date);
CREATE TABLE IF NOT EXISTS files (
  entry TEXT NOT NULL REFERENCES entries(id), path TEXT NOT NULL, role TEXT NOT NULL,
  sha256 TEXT NOT NULL, PRIMARY KEY (entry, path));
CREATE INDEX IF NOT EXISTS files_sha ON files(sha256);
CREATE TABLE IF NOT EXISTS criteria (
  entry TEXT NOT NULL REFERENCES entries(id), set_id TEXT NOT NULL, no INTEGER NOT NULL,
  name TEXT NOT NULL, met INTEGER NOT NULL, PRIMARY KEY (entry, no));
";

impl Archive {
    /// Opens (creating if needed) the archive in `dir`.
    pub fn open(dir: &Path) -> Result<Archive, Error> {
        std::fs::create_dir_all(dir.join("entries")).map_err(|e| Error::write(dir, e))?;
        let path = dir.join("index.sqlite");
        let mut db = Connection::open(&path).map_err(|e| db_error(&path, e))?;
        db.busy_timeout(std::time::Duration::from_secs(120))
            .map_err(|e| db_error(&path, e))?;
        db.execute_batch(SCHEMA).map_err(|e| db_error(&path, e))?;
        db.execute_batch(register::SCHEMA).map_err(|e| db_error(&path, e))?;
        db.execute_batch(search::SCHEMA).map_err(|e| db_error(&path, e))?;
        db.execute_batch(tasks::SCHEMA).map_err(|e| db_error(&path, e))?;
        db.execute_batch(approval::SCHEMA).map_err(|e| db_error(&path, e))?;
        follow::store::migrate(&mut db, |entry, record| recorded_tasks(dir, entry, record))
            .map_err(|e| db_error(&path, e))?;
        Ok(Archive {
            dir: dir.to_path_buf(),
            db,
        })
    }

    /// Opens the archive in `dir` for reading; an error, creating nothing, when there is none.
    pub fn open_existing(dir: &Path) -> Result<Archive, Error> {
        if !dir.join("index.sqlite").is_file() {
            return Err(Error::NoArchive {
                path: dir.to_path_buf(),
            });
        }
        Archive::open(dir)
    }

    /// The archive's folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn index_path(&self) -> PathBuf {
        self.dir.join("index.sqlite")
    }

    /// An index error, naming this archive's index.
    fn fail(&self, e: rusqlite::Error) -> Error {
        db_error(&self.index_path(), e)
    }

    /// The outgoing register's lines for `year` and `issuer` (name or code).
    pub fn register(&self, year: Option<i32>, issuer: Option<&str>) -> Result<Vec<RegisterRow>, Error> {
        register::lines(&self.db, year, issuer).map_err(|e| self.fail(e))
    }

    /// The register's lines of the entry `entry` (the numbers its documents were given).
    pub fn numbers_of(&self, entry: &str) -> Result<Vec<RegisterRow>, Error> {
        register::lines_of(&self.db, entry).map_err(|e| self.fail(e))
    }

    /// Sets whether `issuer` numbers each document type on its own sequence.
    pub fn set_per_type(&self, issuer: &str, per_type: bool) -> Result<(), Error> {
        register::set_per_type(&self.db, issuer, per_type).map_err(|e| self.fail(e))
    }

    /// Stores one record as entry `entry`, inside one `BEGIN IMMEDIATE` transaction: the
    /// register checks (and with [`Numbering::Give`] gives) its numbers, `files` makes the
    /// entry's files from the record as numbered, the folder is staged and renamed into
    /// place, the entry indexed (its notice's tasks tracked), `then` runs on the
    /// transaction, and the index is committed. An entry of that name, or one holding a
    /// record with the same bytes, means the record is already there and nothing changes.
    fn store(
        &mut self,
        entry: &str,
        prepared: &Prepared,
        numbering: Numbering,
        content: impl FnOnce(&Prepared) -> Result<Content, Error>,
        then: impl FnOnce(&Connection) -> Result<(), Error>,
    ) -> Result<Added, Error> {
        let index_path = self.index_path();
        let fail = |e: rusqlite::Error| db_error(&index_path, e);
        let entries_dir = self.dir.join("entries");
        let tx = self
            .db
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(fail)?;
        if let Some(known) = holder(&tx, entry, &sha256_hex(&prepared.file().bytes)).map_err(fail)? {
            return Ok(Added::AlreadyThere(known));
        }
        let given = register::give_numbers(&tx, prepared, numbering)?;
        let numbered;
        let prepared = if given.is_empty() {
            prepared
        } else {
            numbered = register::with_numbers(prepared, &given)?;
            &numbered
        };
        let Content { files, words } = content(prepared)?;
        let final_dir = entries_dir.join(entry);
        let staging = entries_dir.join(format!(".{entry}.staging-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&staging);
        let _ = std::fs::remove_dir_all(&final_dir); // an orphan of an interrupted add: not in the index
        let result = stage_entry(&staging, &files)
            .and_then(|()| std::fs::rename(&staging, &final_dir).map_err(|e| Error::write(&final_dir, e)));
        if let Err(error) = result {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(error);
        }
        let indexed = index(&tx, entry, prepared, &files, &words)
            .and_then(|()| register::enter(&tx, entry, prepared))
            .and_then(|()| follow::store::track(&tx, entry, &prepared.facts.tasks))
            .map_err(fail)
            .and_then(|()| then(&tx))
            .and_then(|()| tx.commit().map_err(fail));
        if let Err(error) = indexed {
            let _ = std::fs::remove_dir_all(&final_dir);
            return Err(error);
        }
        Ok(Added::New(entry.to_string()))
    }
}

/// The entry called `entry`, or else the entry holding a record whose SHA-256 is `record_sha`.
fn holder(db: &Connection, entry: &str, record_sha: &str) -> rusqlite::Result<Option<String>> {
    let by_name: Option<String> = db
        .query_row("SELECT id FROM entries WHERE id = ?1", [entry], |r| r.get(0))
        .optional()?;
    if by_name.is_some() {
        return Ok(by_name);
    }
    db.query_row(
        "SELECT entry FROM files WHERE sha256 = ?1 AND role = 'record' ORDER BY entry LIMIT 1",
        [record_sha],
        |r| r.get(0),
    )
    .optional()
}

/// Indexes an entry and its files inside the store's transaction.
fn index(
    tx: &Connection,
    entry: &str,
    prepared: &Prepared,
    files: &[EntryFile],
    words: &[String],
) -> rusqlite::Result<()> {
    let facts = &prepared.facts;
    let tally = facts.tally.as_ref();
    let record_path = files
        .iter()
        .find(|f| f.role == FileRole::Record)
        .map_or("", |f| f.path.as_str());
    tx.execute(
        "INSERT INTO entries VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            entry,
            prepared.context.id(),
            prepared.kind.name(),
            facts.unit,
            facts.issuer,
            facts.date.to_string(),
            facts.date.year,
            facts.set,
            tally.map(|t| t.criteria_met),
            tally.map(|t| t.criteria_total),
            tally.map(|t| t.indicators_met),
            tally.map(|t| t.indicator_total),
            tally.map(|t| t.phrase()),
            facts.numbers.join("; "),
            record_path,
        ],
    )?;
    for file in files {
        index_file(tx, entry, file)?;
    }
    let record = prepared.file();
    let record_words = search::record_words(record).text;
    search::index(tx, entry, &search::entry_text(&record_words, words))?;
    tasks::index(tx, entry, &facts.tasks)?;
    if let (Some(set), Some(tally)) = (&facts.set, tally) {
        for row in &tally.rows {
            tx.execute(
                "INSERT INTO criteria VALUES (?1, ?2, ?3, ?4, ?5)",
                params![entry, set, row.no, row.name, row.criterion_met],
            )?;
        }
    }
    Ok(())
}

fn index_file(tx: &Connection, entry: &str, file: &EntryFile) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO files VALUES (?1, ?2, ?3, ?4)",
        params![entry, file.path, file.role.name(), sha256_hex(&file.bytes)],
    )
    .map(|_| ())
}

fn stage_entry(staging: &Path, files: &[EntryFile]) -> Result<(), Error> {
    for file in files {
        let path = staging.join(&file.path);
        crate::output::files::write_inside(staging, &path, &file.bytes, false)?;
    }
    Ok(())
}

/// The tasks of the record `record` of entry `entry`, read as loosely as the text index
/// reads them; `None` when the record cannot be read.
fn recorded_tasks(dir: &Path, entry: &str, record: &str) -> Option<Vec<crate::prepare::TaskFact>> {
    let path = dir.join("entries").join(entry).join(record);
    let bytes = crate::output::files::read_inside(dir, &path).ok()?;
    let file = crate::record::load::YamlFile::from_bytes(&path, &bytes).ok()?;
    Some(search::record_words(&file).tasks)
}

/// Lower-case hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    base16ct::lower::encode_string(&Sha256::digest(bytes))
}

/// An index error, naming the index file.
pub(crate) fn db_error(path: &Path, e: rusqlite::Error) -> Error {
    Error::Index {
        path: path.to_path_buf(),
        detail: e.to_string(),
    }
}
