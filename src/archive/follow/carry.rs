//! Files given as evidence, kept in the archive folder, and the tasks' state and history
//! carried along when an entry comes in from another archive (`archive merge`).

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};

use crate::archive::problem::GatherProblem;
use crate::archive::{db_error, sha256_hex};
use crate::error::Error;
use crate::output::files::{read_inside, write_inside};
use crate::output::names::safe_file_name;

/// Copies `file` into `dir` as `tasks/<id>/<n>-<name>`: that path inside the archive, the
/// file's SHA-256, and the path written.
pub fn keep_evidence(dir: &Path, id: &str, n: usize, file: &Path) -> Result<(String, String, PathBuf), Error> {
    let bytes = std::fs::read(file).map_err(|e| Error::Read {
        path: file.to_path_buf(),
        detail: e.to_string(),
    })?;
    let name = safe_file_name(&file.file_name().unwrap_or_default().to_string_lossy());
    let inside = format!("tasks/{}/{n}-{name}", safe_file_name(id));
    let written = write_inside(dir, &dir.join(&inside), &bytes, false)?;
    Ok((inside, sha256_hex(&bytes), written))
}

/// Carries entry `entry`'s tasks from the other archive (index `other`, folder
/// `other_dir`) into this one's (index `db`, folder `dir`), inside the merge's transaction:
/// each task's status and completion day, and its history with its evidence files (checked
/// against their SHA-256). An index without tracked tasks carries nothing.
pub fn carry(db: &Connection, dir: &Path, other: &Connection, other_dir: &Path, entry: &str) -> Result<(), Error> {
    let here = dir.join("index.sqlite");
    let there = other_dir.join("index.sqlite");
    let has_tasks: Option<i64> = other
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'task_updates'",
            [],
            |r| r.get(0),
        )
        .optional()
        .map_err(|e| db_error(&there, e))?;
    if has_tasks.is_none() {
        return Ok(());
    }
    let tasks: Vec<(String, u32, String, Option<String>)> = other
        .prepare("SELECT id, no, status, done FROM task_items WHERE entry = ?1 ORDER BY no")
        .and_then(|mut s| {
            s.query_map([entry], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect()
        })
        .map_err(|e| db_error(&there, e))?;
    for (their_id, no, status, done) in tasks {
        let ours: Option<String> = db
            .query_row(
                "SELECT id FROM task_items WHERE entry = ?1 AND no = ?2",
                params![entry, no],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| db_error(&here, e))?;
        let Some(ours) = ours else { continue };
        carry_history(db, dir, other, other_dir, entry, &their_id, &ours)?;
        db.execute(
            "UPDATE task_items SET status = ?2, done = ?3 WHERE id = ?1",
            params![ours, status, done],
        )
        .map_err(|e| db_error(&here, e))?;
    }
    Ok(())
}

/// Copies the history of their task `theirs` as the history of our task `ours`.
fn carry_history(
    db: &Connection,
    dir: &Path,
    other: &Connection,
    other_dir: &Path,
    entry: &str,
    theirs: &str,
    ours: &str,
) -> Result<(), Error> {
    let (here, there) = (dir.join("index.sqlite"), other_dir.join("index.sqlite"));
    let mut history = super::store::history(other, theirs).map_err(|e| db_error(&there, e))?;
    for (n, update) in history.iter_mut().enumerate() {
        update.task = ours.to_string();
        if let (Some(file), Some(sha)) = (&update.evidence_file, &update.evidence_sha256) {
            let bytes = read_inside(other_dir, &other_dir.join(file))?;
            if sha256_hex(&bytes) != *sha {
                let problem = GatherProblem::EntryChanged {
                    entry: entry.to_string(),
                    file: file.clone(),
                };
                return Err(crate::archive::gather::gather_error(&other_dir.join(file), problem));
            }
            let name = file.rsplit('/').next().unwrap_or(file);
            let name = name.split_once('-').map_or(name, |(_, rest)| rest);
            let inside = format!("tasks/{}/{}-{}", safe_file_name(ours), n + 1, safe_file_name(name));
            write_inside(dir, &dir.join(&inside), &bytes, false)?;
            update.evidence_file = Some(inside);
        }
        // The task's status and completion day are set from the other archive's afterwards.
        super::store::record(db, update, None).map_err(|e| db_error(&here, e))?;
    }
    Ok(())
}
