//! The archive: a folder of records, their archival PDFs, and an SQLite index.
//!
//! ```text
//! ARCHIVE/
//!   index.sqlite                   entries, files with SHA-256, criteria results
//!   entries/<entry>/<record>.yaml  the record as added, byte for byte
//!   entries/<entry>/<path>.yaml    the assessments it names, at the same relative paths
//!   entries/<entry>/<id>-*.pdf     its documents, PDF/A-3u with the record attached
//! ```
//!
//! An entry's name is the record's id and the first 12 hex digits of the SHA-256 of its
//! bytes, so adding the same record twice finds the entry already there. An add stages
//! its folder under a temporary name, renames it into place, then commits one transaction;
//! a failure at any point leaves the archive as it was.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use sha2::{Digest, Sha256};

use crate::documents::RecordKind;
use crate::error::Error;
use crate::prepare::{Prepared, assessment_model, prepare};
use crate::problem::Lang;
use crate::record::Date;
use crate::render::{RenderOptions, Renderer};

use super::register::{self, RegisterRow};

/// A file of an entry, ready to store.
struct EntryFile {
    /// Path inside the entry.
    path: String,
    /// `record`, `input` or `document`.
    role: &'static str,
    /// Its bytes.
    bytes: Vec<u8>,
}

/// A file as indexed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexedFile {
    /// Path inside the entry.
    pub path: String,
    /// `record`, `input` or `document`.
    pub role: String,
    /// Lower-case hex SHA-256.
    pub sha256: String,
}

/// An assessment's totals: criteria met of total, indicators met of total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Criteria met.
    pub criteria_met: u32,
    /// Criteria in the set.
    pub criteria_total: u32,
    /// Indicators met.
    pub indicators_met: u32,
    /// Indicators counted.
    pub indicator_total: u32,
}

/// An open archive.
pub struct Archive {
    dir: PathBuf,
    db: Connection,
}

/// One row of `archive list`.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Entry name (folder under `entries/`).
    pub id: String,
    /// Which kind of record.
    pub kind: RecordKind,
    /// The unit worked with or assessed.
    pub unit: String,
    /// The issuing body.
    pub issuer: String,
    /// Date of the session or assessment.
    pub date: Date,
    /// Criteria set id (assessments).
    pub criteria_set: Option<String>,
    /// `đạt 17/19 tiêu chí, 71/75 chỉ tiêu` (assessments).
    pub totals: Option<String>,
    /// Document numbers as printed.
    pub numbers: String,
    /// Criteria and indicators met (assessments).
    pub counts: Option<Counts>,
}

/// What `add` did with one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// A new entry.
    New(String),
    /// The same bytes were archived before.
    AlreadyThere(String),
}

/// One point in a unit's history: an assessment's totals and what changed since the last.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryPoint {
    /// Entry name.
    pub entry: String,
    /// Date of the assessment.
    pub date: Date,
    /// Criteria set id.
    pub set: String,
    /// Totals phrase.
    pub totals: String,
    /// Criteria whose result changed since the previous assessment on the same set.
    pub changes: Vec<String>,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS entries (
  id TEXT PRIMARY KEY, record_id TEXT NOT NULL, kind TEXT NOT NULL, unit TEXT NOT NULL,
  issuer TEXT NOT NULL, date TEXT NOT NULL, year INTEGER NOT NULL, criteria_set TEXT,
  criteria_met INTEGER, criteria_total INTEGER, indicators_met INTEGER, indicator_total INTEGER,
  totals TEXT, numbers TEXT NOT NULL, record_path TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS entries_unit ON entries(unit, date);
CREATE INDEX IF NOT EXISTS entries_year ON entries(year, kind);
CREATE TABLE IF NOT EXISTS files (
  entry TEXT NOT NULL REFERENCES entries(id), path TEXT NOT NULL, role TEXT NOT NULL,
  sha256 TEXT NOT NULL, PRIMARY KEY (entry, path));
CREATE TABLE IF NOT EXISTS criteria (
  entry TEXT NOT NULL REFERENCES entries(id), set_id TEXT NOT NULL, no INTEGER NOT NULL,
  name TEXT NOT NULL, met INTEGER NOT NULL, PRIMARY KEY (entry, no));
";

impl Archive {
    /// Opens (creating if needed) the archive in `dir`.
    pub fn open(dir: &Path) -> Result<Archive, Error> {
        std::fs::create_dir_all(dir.join("entries")).map_err(|e| write_error(dir, e))?;
        let path = dir.join("index.sqlite");
        let db = Connection::open(&path).map_err(|e| db_error(&path, e))?;
        db.busy_timeout(std::time::Duration::from_secs(120))
            .map_err(|e| db_error(&path, e))?;
        db.execute_batch(SCHEMA).map_err(|e| db_error(&path, e))?;
        db.execute_batch(super::register::SCHEMA)
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

    fn index_path(&self) -> PathBuf {
        self.dir.join("index.sqlite")
    }

    /// Validates, renders in archival form, stores and indexes the record at `path`, and
    /// each assessment it names as an entry of its own.
    pub fn add(&mut self, renderer: &Renderer, path: &Path) -> Result<Vec<Added>, Error> {
        let prepared = prepare(path)?;
        let mut added = Vec::new();
        for checked in &prepared.assessments {
            added.push(self.add_prepared(renderer, &assessment_model(checked)?)?);
        }
        added.insert(0, self.add_prepared(renderer, &prepared)?);
        Ok(added)
    }

    /// Adds one record: inside one `BEGIN IMMEDIATE` transaction, gives the numbers its
    /// documents lack from the register, renders, stores and indexes it.
    fn add_prepared(&mut self, renderer: &Renderer, prepared: &Prepared) -> Result<Added, Error> {
        let entry = format!(
            "{}-{}",
            prepared.context.id(),
            &sha256_hex(&prepared.file().bytes)[..12]
        );
        let index_path = self.index_path();
        let fail = |e: rusqlite::Error| db_error(&index_path, e);
        let entries_dir = self.dir.join("entries");
        let tx = self
            .db
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(fail)?;
        let known: Option<String> = tx
            .query_row("SELECT id FROM entries WHERE id = ?1", [&entry], |r| r.get(0))
            .optional()
            .map_err(fail)?;
        if known.is_some() {
            return Ok(Added::AlreadyThere(entry));
        }
        let given = register::give_numbers(&tx, prepared)?;
        let numbered;
        let prepared = if given.is_empty() {
            prepared
        } else {
            numbered = register::with_numbers(prepared, &given)?;
            &numbered
        };
        let files = entry_files(renderer, prepared)?;
        let final_dir = entries_dir.join(&entry);
        let staging = entries_dir.join(format!(".{entry}.staging-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&staging);
        let _ = std::fs::remove_dir_all(&final_dir); // an orphan of an interrupted add: not in the index
        let result = stage_entry(&staging, &files)
            .and_then(|()| std::fs::rename(&staging, &final_dir).map_err(|e| write_error(&final_dir, e)));
        if let Err(error) = result {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(error);
        }
        let indexed = index(&tx, &entry, prepared, &files)
            .and_then(|()| register::enter(&tx, &entry, prepared))
            .and_then(|()| tx.commit());
        if let Err(error) = indexed {
            let _ = std::fs::remove_dir_all(&final_dir);
            return Err(fail(error));
        }
        Ok(Added::New(entry))
    }

    /// The outgoing register's lines for `year` and `issuer` (name or code).
    pub fn register(&self, year: Option<i32>, issuer: Option<&str>) -> Result<Vec<RegisterRow>, Error> {
        register::lines(&self.db, year, issuer).map_err(|e| db_error(&self.index_path(), e))
    }

    /// Sets whether `issuer` numbers each document type on its own sequence.
    pub fn set_per_type(&self, issuer: &str, per_type: bool) -> Result<(), Error> {
        register::set_per_type(&self.db, issuer, per_type).map_err(|e| db_error(&self.index_path(), e))
    }

    /// Entries matching the filters, newest first.
    pub fn list(&self, unit: Option<&str>, year: Option<i32>, kind: Option<RecordKind>) -> Result<Vec<Entry>, Error> {
        let mut statement = self
            .db
            .prepare_cached(
                "SELECT id, kind, unit, issuer, date, criteria_set, totals, numbers,
                 criteria_met, criteria_total, indicators_met, indicator_total FROM entries
                 WHERE (?1 IS NULL OR unit = ?1) AND (?2 IS NULL OR year = ?2) AND (?3 IS NULL OR kind = ?3)
                 ORDER BY date DESC, id",
            )
            .map_err(|e| db_error(&self.index_path(), e))?;
        let rows = statement
            .query_map(params![unit, year, kind.map(RecordKind::name)], |r| {
                Ok(Entry {
                    id: r.get(0)?,
                    kind: column_kind(r, 1)?,
                    unit: r.get(2)?,
                    issuer: r.get(3)?,
                    date: column_date(r, 4)?,
                    criteria_set: r.get(5)?,
                    totals: r.get(6)?,
                    numbers: r.get(7)?,
                    counts: match (r.get(8)?, r.get(9)?, r.get(10)?, r.get(11)?) {
                        (Some(criteria_met), Some(criteria_total), Some(indicators_met), Some(indicator_total)) => {
                            Some(Counts {
                                criteria_met,
                                criteria_total,
                                indicators_met,
                                indicator_total,
                            })
                        }
                        _ => None,
                    },
                })
            })
            .and_then(Iterator::collect)
            .map_err(|e| db_error(&self.index_path(), e))?;
        Ok(rows)
    }

    /// One entry and its files with their hashes.
    pub fn show(&self, id: &str) -> Result<Option<(Entry, Vec<IndexedFile>)>, Error> {
        let Some(entry) = self
            .list(None, None, None)?
            .into_iter()
            .find(|e| e.id == id || e.id.starts_with(id))
        else {
            return Ok(None);
        };
        let mut statement = self
            .db
            .prepare_cached("SELECT path, role, sha256 FROM files WHERE entry = ?1 ORDER BY path")
            .map_err(|e| db_error(&self.index_path(), e))?;
        let files = statement
            .query_map([&entry.id], |r| {
                Ok(IndexedFile {
                    path: r.get(0)?,
                    role: r.get(1)?,
                    sha256: r.get(2)?,
                })
            })
            .and_then(Iterator::collect)
            .map_err(|e| db_error(&self.index_path(), e))?;
        Ok(Some((entry, files)))
    }

    /// A unit's assessments over time, with the criteria that changed on each set.
    pub fn history(&self, unit: &str) -> Result<Vec<HistoryPoint>, Error> {
        let mut statement = self
            .db
            .prepare_cached("SELECT id, date, criteria_set, totals FROM entries WHERE unit = ?1 AND kind = 'assessment' ORDER BY date, id")
            .map_err(|e| db_error(&self.index_path(), e))?;
        let points: Vec<(String, Date, String, String)> = statement
            .query_map([unit], |r| {
                Ok((
                    r.get(0)?,
                    column_date(r, 1)?,
                    r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                    r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                ))
            })
            .and_then(Iterator::collect)
            .map_err(|e| db_error(&self.index_path(), e))?;
        let mut history: Vec<HistoryPoint> = Vec::new();
        for (entry, date, set, totals) in points {
            let results = self.criteria_of(&entry)?;
            let previous = history.iter().rev().find(|p| p.set == set).map(|p| p.entry.clone());
            let changes = match previous {
                Some(previous) => {
                    let before = self.criteria_of(&previous)?;
                    results
                        .iter()
                        .filter_map(|(no, name, met)| {
                            let was = before.iter().find(|(n, _, _)| n == no).map(|(_, _, m)| *m)?;
                            (was != *met).then(|| format!("{name}: {} → {}", verdict(was), verdict(*met)))
                        })
                        .collect()
                }
                None => Vec::new(),
            };
            history.push(HistoryPoint {
                entry,
                date,
                set,
                totals,
                changes,
            });
        }
        Ok(history)
    }

    fn criteria_of(&self, entry: &str) -> Result<Vec<(i64, String, bool)>, Error> {
        let mut statement = self
            .db
            .prepare_cached("SELECT no, name, met FROM criteria WHERE entry = ?1 ORDER BY no")
            .map_err(|e| db_error(&self.index_path(), e))?;
        statement
            .query_map([entry], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .and_then(Iterator::collect)
            .map_err(|e| db_error(&self.index_path(), e))
    }

    /// Each unit's latest assessment on `set` (on or before `as_of`), by unit.
    pub fn latest(&self, set: &str, as_of: Option<Date>) -> Result<Vec<Entry>, Error> {
        let mut latest: Vec<Entry> = Vec::new();
        let mut entries = self.list(None, None, Some(RecordKind::Assessment))?;
        entries.retain(|e| e.criteria_set.as_deref() == Some(set) && as_of.is_none_or(|d| e.date <= d));
        for entry in entries {
            if !latest.iter().any(|l| l.unit == entry.unit) {
                latest.push(entry);
            }
        }
        latest.sort_by(|a, b| a.unit.cmp(&b.unit));
        Ok(latest)
    }

    /// Re-hashes every file and renders every record again, comparing bytes.
    pub fn verify(&self, renderer: &Renderer) -> Result<(usize, Vec<Error>), Error> {
        let mut statement = self
            .db
            .prepare_cached("SELECT entry, path, role, sha256 FROM files ORDER BY entry, path")
            .map_err(|e| db_error(&self.index_path(), e))?;
        let files: Vec<(String, String, String, String)> = statement
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .and_then(Iterator::collect)
            .map_err(|e| db_error(&self.index_path(), e))?;
        let mut findings = Vec::new();
        for (entry, path, _, hash) in &files {
            let full = self.dir.join("entries").join(entry).join(path);
            match std::fs::read(&full) {
                Ok(bytes) if sha256_hex(&bytes) == *hash => {}
                Ok(_) => findings.push(Error::Tampered { path: full }),
                Err(_) => findings.push(Error::FileGone { path: full }),
            }
        }
        let mut entries: Vec<(String, String)> = self
            .db
            .prepare_cached("SELECT id, record_path FROM entries ORDER BY id")
            .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
            .map_err(|e| db_error(&self.index_path(), e))?;
        entries.sort();
        for (entry, record) in &entries {
            let folder = self.dir.join("entries").join(entry);
            let rendered = prepare(&folder.join(record)).and_then(|p| {
                renderer.render(
                    &p,
                    RenderOptions {
                        emit_typst: false,
                        archive: true,
                    },
                )
            });
            match rendered {
                Ok(rendered) => {
                    for output in rendered.files {
                        let stored = std::fs::read(folder.join(&output.name)).unwrap_or_default();
                        if stored != output.bytes {
                            findings.push(Error::RendersDifferently {
                                path: folder.join(&output.name),
                            });
                        }
                    }
                }
                Err(error) => findings.push(Error::NoLongerRenders {
                    entry: entry.clone(),
                    error: Box::new(error),
                }),
            }
        }
        findings.dedup_by(|a, b| a.render(Lang::En) == b.render(Lang::En));
        Ok((files.len(), findings))
    }
}

/// Indexes an entry and its files inside the add's transaction.
fn index(tx: &Connection, entry: &str, prepared: &Prepared, files: &[EntryFile]) -> rusqlite::Result<()> {
    let facts = &prepared.facts;
    let tally = facts.tally.as_ref();
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
            files[0].path,
        ],
    )?;
    for file in files {
        tx.execute(
            "INSERT INTO files VALUES (?1, ?2, ?3, ?4)",
            params![entry, file.path, file.role, sha256_hex(&file.bytes)],
        )?;
    }
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

/// A `kind` column read back as a typed kind.
fn column_kind(row: &rusqlite::Row, index: usize) -> rusqlite::Result<RecordKind> {
    let name: String = row.get(index)?;
    RecordKind::parse(&name).ok_or_else(|| unreadable(index, &name))
}

/// A `date` column read back as a typed date.
fn column_date(row: &rusqlite::Row, index: usize) -> rusqlite::Result<Date> {
    let text: String = row.get(index)?;
    Date::parse(&text).map_err(|_| unreadable(index, &text))
}

fn unreadable(index: usize, text: &str) -> rusqlite::Error {
    let detail = format!("unreadable value `{text}`");
    rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, detail.into())
}

fn verdict(met: bool) -> &'static str {
    if met { "đạt" } else { "chưa đạt" }
}

/// The files of an entry: the record and its inputs at their relative paths, then the PDFs.
fn entry_files(renderer: &Renderer, prepared: &Prepared) -> Result<Vec<EntryFile>, Error> {
    let folder = crate::prepare::paths::folder_of(&prepared.file().path);
    let mut files: Vec<EntryFile> = prepared
        .inputs
        .iter()
        .map(|input| EntryFile {
            path: input
                .file
                .path
                .strip_prefix(&folder)
                .unwrap_or(&input.file.path)
                .to_string_lossy()
                .into_owned(),
            role: input.role.name(),
            bytes: input.file.bytes.to_vec(),
        })
        .collect();
    let options = RenderOptions {
        emit_typst: false,
        archive: true,
    };
    let documents = renderer.render(prepared, options)?.files;
    files.extend(documents.into_iter().map(|f| EntryFile {
        path: f.name,
        role: "document",
        bytes: f.bytes,
    }));
    Ok(files)
}

fn stage_entry(staging: &Path, files: &[EntryFile]) -> Result<(), Error> {
    for file in files {
        let path = staging.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| write_error(parent, e))?;
        }
        crate::output::write_atomic(&path, &file.bytes)?;
    }
    Ok(())
}

/// Lower-case hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn write_error(path: &Path, e: std::io::Error) -> Error {
    Error::Write {
        path: path.to_path_buf(),
        detail: e.to_string(),
    }
}

/// An index error, naming the index file.
pub(crate) fn db_error(path: &Path, e: rusqlite::Error) -> Error {
    Error::Index {
        path: path.to_path_buf(),
        detail: e.to_string(),
    }
}
