//! The tracked tasks in the archive's index: the tables, the migration that brings an
//! archive made before them up to date (the index's `user_version`), the rows written when a
//! notice is issued, and the rows read back.
//!
//! `task_items` holds one row per task of an issued notice, with its current status;
//! `task_updates` is the history, append-only (triggers refuse to change or delete a row):
//! the archive has no audit chain of its own, so this table is the tasks' audit trail.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::model::Status;
use crate::archive::words::folded;
use crate::documents::DocKind;
use crate::prepare::TaskFact;
use crate::record::Date;

/// The index's `user_version` once the task tables exist (before them, archives had 0).
pub const VERSION: i64 = 1;

/// The tables of tracked tasks and their history.
pub const TABLES: &str = "
CREATE TABLE IF NOT EXISTS task_items (
  id TEXT PRIMARY KEY, entry TEXT NOT NULL REFERENCES entries(id), no INTEGER NOT NULL,
  issuer TEXT NOT NULL, notice TEXT NOT NULL, notice_date TEXT NOT NULL,
  assignee TEXT NOT NULL, folded TEXT NOT NULL, partners TEXT NOT NULL, task TEXT NOT NULL,
  due TEXT, status TEXT NOT NULL DEFAULT 'chua-thuc-hien', done TEXT, UNIQUE (entry, no));
CREATE INDEX IF NOT EXISTS task_items_issuer ON task_items(issuer, status, due);
CREATE INDEX IF NOT EXISTS task_items_due ON task_items(due, status);
CREATE TABLE IF NOT EXISTS task_updates (
  seq INTEGER PRIMARY KEY, task TEXT NOT NULL REFERENCES task_items(id), date TEXT NOT NULL,
  recorded TEXT NOT NULL, by TEXT NOT NULL, action TEXT NOT NULL, before TEXT NOT NULL,
  status TEXT NOT NULL, note TEXT NOT NULL, evidence_doc TEXT, evidence_date TEXT,
  evidence_file TEXT, evidence_sha256 TEXT);
CREATE INDEX IF NOT EXISTS task_updates_task ON task_updates(task, seq);
CREATE TRIGGER IF NOT EXISTS task_updates_kept BEFORE UPDATE ON task_updates
  BEGIN SELECT RAISE(ABORT, 'task_updates is append-only'); END;
CREATE TRIGGER IF NOT EXISTS task_updates_never_deleted BEFORE DELETE ON task_updates
  BEGIN SELECT RAISE(ABORT, 'task_updates is append-only'); END;
";

/// The columns [`read_task`] reads, in order.
pub const COLUMNS: &str = "id, entry, no, issuer, notice, notice_date, assignee, partners, task, due, status, done";

/// One tracked task as the index holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackedTask {
    /// Its id: the first 8 hex digits of its entry's hash, `-`, its place in the notice (`3fa2c1b0-2`).
    pub id: String,
    /// The archive entry of the notice.
    pub entry: String,
    /// Its place among the notice's tasks, from 1.
    pub no: u32,
    /// The issuer of the notice, as the register names it.
    pub issuer: String,
    /// The notice's number and symbol (`05/TB-UBND`, `21-TB/ĐU`).
    pub notice: String,
    /// The notice's date.
    pub notice_date: Date,
    /// The lead body (cơ quan chủ trì).
    pub assignee: String,
    /// The bodies that work with it (cơ quan phối hợp).
    pub partners: Vec<String>,
    /// What to do.
    pub task: String,
    /// By when.
    pub due: Option<Date>,
    /// Where it stands.
    pub status: Status,
    /// The day the lead body finished it, once the office confirmed it.
    pub done: Option<Date>,
}

impl TrackedTask {
    /// Where it stands against its deadline on `today` ([`super::model::deadline`]).
    pub fn deadline(&self, today: Date) -> super::model::Deadline {
        super::model::deadline(self.due, self.done, self.status, today)
    }

    /// Whether it was finished on time (`None` until finished, or without a due day).
    pub fn on_time(&self) -> Option<bool> {
        super::model::on_time(self.due, self.done, self.status)
    }
}

/// One row of a task's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskUpdate {
    /// Its place in the archive's history of every task.
    pub seq: i64,
    /// The task.
    pub task: String,
    /// The day it says it happened.
    pub date: Date,
    /// When it was written (UTC, `YYYY-MM-DDTHH:MM:SSZ`).
    pub recorded: String,
    /// Who wrote it (`cli:<user>` from the command line).
    pub by: String,
    /// `cap-nhat`, `xac-nhan` or `tu-choi`.
    pub action: String,
    /// The status before.
    pub before: Status,
    /// The status after.
    pub status: Status,
    /// The note, or the reason of a suspension or a refusal.
    pub note: String,
    /// A document given as evidence: its number…
    pub evidence_doc: Option<String>,
    /// …and its date.
    pub evidence_date: Option<Date>,
    /// A file given as evidence, copied into the archive (path inside the archive folder).
    pub evidence_file: Option<String>,
    /// That file's SHA-256.
    pub evidence_sha256: Option<String>,
}

/// Creates the tables on an index older than them and tracks the tasks of every notice it
/// holds (read from each entry's record); sets `user_version`. Runs in one transaction.
pub fn migrate(db: &mut Connection, read_tasks: impl Fn(&str, &str) -> Option<Vec<TaskFact>>) -> rusqlite::Result<()> {
    let version: i64 = db.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version >= VERSION {
        return Ok(());
    }
    let tx = db.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version < VERSION {
        tx.execute_batch(TABLES)?;
        let notices: Vec<(String, String)> = tx
            .prepare(
                "SELECT e.id, e.record_path FROM entries e WHERE EXISTS (SELECT 1 FROM register r
                 WHERE r.entry = e.id AND r.kind = ?1) AND NOT EXISTS (SELECT 1 FROM task_items k
                 WHERE k.entry = e.id) ORDER BY e.id",
            )?
            .query_map([DocKind::NOTICE.slug()], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (entry, record_path) in notices {
            // A record that no longer reads is left untracked; `archive verify` names it.
            if let Some(tasks) = read_tasks(&entry, &record_path) {
                track(&tx, &entry, &tasks)?;
            }
        }
        tx.execute_batch(&format!("PRAGMA user_version = {VERSION};"))?;
    }
    tx.commit()
}

/// Tracks the tasks of entry `entry`'s notice, when the register holds one (inside the
/// caller's transaction): each with status chưa thực hiện.
pub fn track(db: &Connection, entry: &str, tasks: &[TaskFact]) -> rusqlite::Result<()> {
    if tasks.is_empty() {
        return Ok(());
    }
    let notice: Option<(String, String, String)> = db
        .query_row(
            "SELECT number_line, date, issuer FROM register WHERE entry = ?1 AND kind = ?2 LIMIT 1",
            params![entry, DocKind::NOTICE.slug()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((line, date, issuer)) = notice else {
        return Ok(());
    };
    let key = id_key(db, entry)?;
    for (index, task) in tasks.iter().enumerate() {
        db.execute(
            "INSERT OR IGNORE INTO task_items (id, entry, no, issuer, notice, notice_date, assignee,
             folded, partners, task, due) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                format!("{key}-{}", index + 1),
                entry,
                index as i64 + 1,
                issuer,
                notice_number(&line),
                date,
                task.assignee,
                padded(&task.assignee),
                task.partners.join("; "),
                task.task,
                task.due.map(|d| d.to_string()),
            ],
        )?;
    }
    Ok(())
}

/// The start of an entry's task ids: the first 8 hex digits of the hash that ends its name
/// (`an-phu-2026-02-05-3fa2c1b0e9d4` → `3fa2c1b0`), or all 12 when another entry's tasks
/// already start so.
fn id_key(db: &Connection, entry: &str) -> rusqlite::Result<String> {
    let hash = entry.rsplit('-').next().unwrap_or(entry);
    let hash = if hash.len() == 12 && hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        hash.to_string()
    } else {
        crate::archive::sha256_hex(entry.as_bytes())[..12].to_string()
    };
    let short = &hash[..8];
    let taken: Option<String> = db
        .query_row(
            "SELECT entry FROM task_items WHERE id = ?1 AND entry <> ?2",
            params![format!("{short}-1"), entry],
            |r| r.get(0),
        )
        .optional()?;
    Ok(if taken.is_some() { hash } else { short.to_string() })
}

/// `Số: 05/TB-UBND` → `05/TB-UBND`; `Số 21-TB/ĐU` → `21-TB/ĐU`.
fn notice_number(line: &str) -> String {
    let rest = line.trim().strip_prefix("Số").unwrap_or(line);
    rest.trim_start_matches(':').trim().to_string()
}

/// Words between spaces, so that a body's words match whole words only.
pub fn padded(text: &str) -> String {
    format!(" {} ", folded(text))
}

/// Reads a row selected with [`COLUMNS`].
pub fn read_task(r: &Row) -> rusqlite::Result<TrackedTask> {
    let partners: String = r.get(7)?;
    let status: String = r.get(10)?;
    Ok(TrackedTask {
        id: r.get(0)?,
        entry: r.get(1)?,
        no: r.get(2)?,
        issuer: r.get(3)?,
        notice: r.get(4)?,
        notice_date: day(r.get(5)?).unwrap_or(Date {
            year: 1970,
            month: 1,
            day: 1,
        }),
        assignee: r.get(6)?,
        partners: partners
            .split("; ")
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect(),
        task: r.get(8)?,
        due: r.get::<_, Option<String>>(9)?.and_then(day),
        status: Status::parse(&status).unwrap_or(Status::NotStarted),
        done: r.get::<_, Option<String>>(11)?.and_then(day),
    })
}

fn day(text: String) -> Option<Date> {
    Date::parse(&text).ok()
}

/// The task `id`, if tracked.
pub fn task(db: &Connection, id: &str) -> rusqlite::Result<Option<TrackedTask>> {
    db.query_row(
        &format!("SELECT {COLUMNS} FROM task_items WHERE id = ?1"),
        [id],
        read_task,
    )
    .optional()
}

/// Ids to offer for an id that is not tracked: those of the same entry first, then the
/// first in order; at most `limit`.
pub fn near_ids(db: &Connection, id: &str, limit: usize) -> rusqlite::Result<Vec<String>> {
    let key = id.split('-').next().unwrap_or(id);
    db.prepare("SELECT id FROM task_items ORDER BY instr(id, ?1) <> 1, entry, no LIMIT ?2")?
        .query_map(params![format!("{key}-"), limit as i64], |r| r.get(0))?
        .collect()
}

/// Every row of the history of `id`, oldest first.
pub fn history(db: &Connection, id: &str) -> rusqlite::Result<Vec<TaskUpdate>> {
    db.prepare_cached(
        "SELECT seq, task, date, recorded, by, action, before, status, note, evidence_doc,
         evidence_date, evidence_file, evidence_sha256 FROM task_updates WHERE task = ?1 ORDER BY seq",
    )?
    .query_map([id], |r| {
        let status = |i: usize| {
            r.get::<_, String>(i)
                .map(|s| Status::parse(&s).unwrap_or(Status::NotStarted))
        };
        Ok(TaskUpdate {
            seq: r.get(0)?,
            task: r.get(1)?,
            date: day(r.get(2)?).unwrap_or(Date {
                year: 1970,
                month: 1,
                day: 1,
            }),
            recorded: r.get(3)?,
            by: r.get(4)?,
            action: r.get(5)?,
            before: status(6)?,
            status: status(7)?,
            note: r.get(8)?,
            evidence_doc: r.get(9)?,
            evidence_date: r.get::<_, Option<String>>(10)?.and_then(day),
            evidence_file: r.get(11)?,
            evidence_sha256: r.get(12)?,
        })
    })?
    .collect()
}

/// Appends `update` to the history and sets its task's status and completion day.
pub fn record(db: &Connection, update: &TaskUpdate, done: Option<Date>) -> rusqlite::Result<()> {
    db.execute(
        "INSERT INTO task_updates (task, date, recorded, by, action, before, status, note,
         evidence_doc, evidence_date, evidence_file, evidence_sha256)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            update.task,
            update.date.to_string(),
            update.recorded,
            update.by,
            update.action,
            update.before.slug(),
            update.status.slug(),
            update.note,
            update.evidence_doc,
            update.evidence_date.map(|d| d.to_string()),
            update.evidence_file,
            update.evidence_sha256,
        ],
    )?;
    db.execute(
        "UPDATE task_items SET status = ?2, done = ?3 WHERE id = ?1",
        params![update.task, update.status.slug(), done.map(|d| d.to_string())],
    )
    .map(|_| ())
}
