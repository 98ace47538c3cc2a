//! The tasks each session's conclusions give, kept beside the text index so that a search
//! can ask for "the tasks of Phòng Kinh tế due in March": who (matched by its words, with or
//! without marks) and by when.

use rusqlite::{Connection, params};

use super::words::folded;
use crate::prepare::TaskFact;
use crate::record::Date;

/// One row per task.
pub const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS tasks (
  entry TEXT NOT NULL REFERENCES entries(id), assignee TEXT NOT NULL, folded TEXT NOT NULL, due TEXT);
CREATE INDEX IF NOT EXISTS tasks_entry ON tasks(entry);
";

/// Which tasks an entry must give (at least one task meeting all three).
#[derive(Debug, Clone, Copy, Default)]
pub struct TaskFilter<'a> {
    /// To this body, by its words ("phong kinh te" finds "Phòng Kinh tế").
    pub owner: Option<&'a str>,
    /// Due on or after this day.
    pub due_from: Option<Date>,
    /// Due on or before this day.
    pub due_to: Option<Date>,
}

impl TaskFilter<'_> {
    /// Whether it asks anything.
    pub fn is_set(&self) -> bool {
        self.owner.is_some() || self.due_from.is_some() || self.due_to.is_some()
    }

    /// The SQL condition on entry `e`, its parameters numbered from `first`.
    pub fn condition(first: usize) -> String {
        let (owner, from, to) = (first, first + 1, first + 2);
        format!(
            "((?{owner} IS NULL AND ?{from} IS NULL AND ?{to} IS NULL) OR EXISTS (SELECT 1 FROM tasks k
               WHERE k.entry = e.id AND (?{owner} IS NULL OR instr(k.folded, ?{owner}) > 0)
               AND (?{from} IS NULL OR k.due >= ?{from}) AND (?{to} IS NULL OR k.due <= ?{to})))"
        )
    }

    /// Whether `task` meets it (for records in memory; the index asks SQL the same).
    pub fn accepts(&self, task: &TaskFact) -> bool {
        let [owner, from, to] = self.values();
        let due = task.due.map(|d| d.to_string());
        owner.is_none_or(|o| padded(&task.assignee).contains(&o))
            && from.is_none_or(|f| due.as_ref().is_some_and(|d| *d >= f))
            && to.is_none_or(|t| due.as_ref().is_some_and(|d| *d <= t))
    }

    /// The three parameters [`TaskFilter::condition`] reads, in order.
    pub fn values(&self) -> [Option<String>; 3] {
        [
            self.owner.map(padded).filter(|o| o.trim() != ""),
            self.due_from.map(|d| d.to_string()),
            self.due_to.map(|d| d.to_string()),
        ]
    }
}

/// Words between spaces, so that a body's words match whole words only.
fn padded(text: &str) -> String {
    format!(" {} ", folded(text))
}

/// Keeps entry `entry`'s tasks (inside the caller's transaction).
pub fn index(db: &Connection, entry: &str, tasks: &[TaskFact]) -> rusqlite::Result<()> {
    for task in tasks {
        db.execute(
            "INSERT INTO tasks (entry, assignee, folded, due) VALUES (?1, ?2, ?3, ?4)",
            params![
                entry,
                task.assignee,
                padded(&task.assignee),
                task.due.map(|d| d.to_string())
            ],
        )?;
    }
    Ok(())
}

/// The tasks of `entry` meeting `filter`, as one line each: "Phòng Kinh tế (hạn 31/03/2025)".
pub fn matching(db: &Connection, entry: &str, filter: &TaskFilter) -> rusqlite::Result<Vec<String>> {
    let [owner, from, to] = filter.values();
    let sql = "SELECT assignee, due FROM tasks k WHERE k.entry = ?1
        AND (?2 IS NULL OR instr(k.folded, ?2) > 0) AND (?3 IS NULL OR k.due >= ?3)
        AND (?4 IS NULL OR k.due <= ?4) ORDER BY k.due, k.rowid";
    let mut statement = db.prepare_cached(sql)?;
    let rows = statement.query_map(params![entry, owner, from, to], |r| {
        let due: Option<String> = r.get(1)?;
        let task = TaskFact {
            assignee: r.get(0)?,
            task: String::new(),
            partners: Vec::new(),
            due: due.as_deref().and_then(|d| Date::parse(d).ok()),
        };
        Ok(task.line())
    })?;
    rows.collect()
}
