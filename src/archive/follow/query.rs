//! Which tracked tasks a list asks for: by issuer and lead body (their words, with or
//! without marks), by status or deadline state as of a day, by due day. The index narrows
//! the rows (issuer, status, due day); the deadline state is then computed by the model.

use rusqlite::Connection;
use rusqlite::types::Value;

use super::model::{Deadline, Figures, SOON_DAYS, Status, add_days, deadline};
use super::problem::TaskProblem;
use super::store::{COLUMNS, TrackedTask, padded, read_task};
use crate::record::Date;

/// A status, or a deadline state, that a list keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    /// Tasks with this status.
    Status(Status),
    /// Tasks in this deadline state on the list's day.
    Deadline(Deadline),
}

impl Wanted {
    /// Reads a status slug (`dang-thuc-hien`) or a deadline slug (`qua-han`).
    pub fn parse(text: &str) -> Result<Wanted, TaskProblem> {
        Status::parse(text)
            .map(Wanted::Status)
            .or_else(|| Deadline::parse(text).map(Wanted::Deadline))
            .ok_or_else(|| TaskProblem::UnknownStatus {
                given: text.to_string(),
                deadlines_too: true,
            })
    }
}

/// Which tasks to list; every field left `None` keeps every task.
#[derive(Debug, Clone, Copy, Default)]
pub struct TaskQuery<'a> {
    /// Tasks of notices of this issuer: every word given, with or without marks, is in its
    /// name ("uy ban an phu" finds "Ủy ban nhân dân xã An Phú").
    pub issuer: Option<&'a str>,
    /// Tasks led by this body (its words).
    pub assignee: Option<&'a str>,
    /// Only this status or deadline state.
    pub wanted: Option<Wanted>,
    /// Due on or after this day (a task without a due day is then left out).
    pub due_from: Option<Date>,
    /// Due on or before this day.
    pub due_to: Option<Date>,
}

/// The tasks `query` asks for as of `today`, by due day (those without one last), then id.
pub fn list(db: &Connection, query: &TaskQuery, today: Date) -> rusqlite::Result<Vec<TrackedTask>> {
    let mut conditions = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    if let Some(issuer) = query.issuer {
        let issuers = issuers_named(db, issuer)?;
        if issuers.is_empty() {
            return Ok(Vec::new());
        }
        conditions.push(format!("issuer IN ({})", vec!["?"; issuers.len()].join(", ")));
        values.extend(issuers.into_iter().map(Value::Text));
    }
    if let Some(assignee) = query.assignee.filter(|a| !a.trim().is_empty()) {
        conditions.push("instr(folded, ?) > 0".to_string());
        values.push(Value::Text(padded(assignee)));
    }
    if let Some(from) = query.due_from {
        conditions.push("due >= ?".to_string());
        values.push(Value::Text(from.to_string()));
    }
    if let Some(to) = query.due_to {
        conditions.push("due <= ?".to_string());
        values.push(Value::Text(to.to_string()));
    }
    match query.wanted {
        Some(Wanted::Status(status)) => {
            conditions.push("status = ?".to_string());
            values.push(Value::Text(status.slug().to_string()));
        }
        Some(Wanted::Deadline(state)) => {
            let (condition, days) = narrowed(state, today);
            conditions.push(format!("({condition})"));
            values.extend(days.into_iter().map(Value::Text));
        }
        None => {}
    }
    let sql = format!(
        "SELECT {COLUMNS} FROM task_items WHERE {} ORDER BY due IS NULL, due, entry, no",
        if conditions.is_empty() {
            "1".to_string()
        } else {
            conditions.join(" AND ")
        }
    );
    let mut statement = db.prepare(&sql)?;
    let rows = statement.query_map(rusqlite::params_from_iter(values), read_task)?;
    let mut tasks = Vec::new();
    for task in rows {
        let task = task?;
        let keep = match query.wanted {
            Some(Wanted::Deadline(state)) => deadline(task.due, task.done, task.status, today) == state,
            _ => true,
        };
        if keep {
            tasks.push(task);
        }
    }
    Ok(tasks)
}

/// The figures of the tasks due from `from` to `to` (of `issuer`, when given), as of `today`.
/// Reads only the three columns the count needs.
pub fn figures(db: &Connection, from: Date, to: Date, issuer: Option<&str>, today: Date) -> rusqlite::Result<Figures> {
    let mut sql = "SELECT due, done, status FROM task_items WHERE due >= ? AND due <= ?".to_string();
    let mut values = vec![Value::Text(from.to_string()), Value::Text(to.to_string())];
    if let Some(issuer) = issuer {
        let issuers = issuers_named(db, issuer)?;
        sql.push_str(&format!(" AND issuer IN ({})", vec!["?"; issuers.len()].join(", ")));
        if issuers.is_empty() {
            return Ok(Figures::default());
        }
        values.extend(issuers.into_iter().map(Value::Text));
    }
    let mut figures = Figures::default();
    let mut statement = db.prepare(&sql)?;
    let mut rows = statement.query(rusqlite::params_from_iter(values))?;
    while let Some(row) = rows.next()? {
        let day = |i: usize| -> rusqlite::Result<Option<Date>> {
            Ok(row.get::<_, Option<String>>(i)?.and_then(|d| Date::parse(&d).ok()))
        };
        let status: String = row.get(2)?;
        let status = Status::parse(&status).unwrap_or(Status::NotStarted);
        figures.count(day(0)?, day(1)?, status, today);
    }
    Ok(figures)
}

/// The issuers (as the register names them) whose names hold every word of `words`.
fn issuers_named(db: &Connection, words: &str) -> rusqlite::Result<Vec<String>> {
    let wanted: Vec<String> = padded(words).split_whitespace().map(|w| format!(" {w} ")).collect();
    // A skip-scan of the issuer index: one seek per issuer, not a read of every task.
    let all: Vec<String> = db
        .prepare_cached(
            "WITH RECURSIVE d(i) AS (SELECT min(issuer) FROM task_items UNION ALL
             SELECT (SELECT min(issuer) FROM task_items WHERE issuer > d.i) FROM d WHERE d.i IS NOT NULL)
             SELECT i FROM d WHERE i IS NOT NULL",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(all
        .into_iter()
        .filter(|issuer| {
            let name = padded(issuer);
            wanted.iter().all(|w| name.contains(w.as_str()))
        })
        .collect())
}

/// An SQL condition that keeps at least the tasks in `state` on `today` (the model decides
/// exactly), and the days it reads.
fn narrowed(state: Deadline, today: Date) -> (&'static str, Vec<String>) {
    let soon = add_days(today, SOON_DAYS);
    let today = today.to_string();
    match state {
        Deadline::Overdue => (
            "due IS NOT NULL AND (due < ? OR (status = 'hoan-thanh' AND done > due))",
            vec![today],
        ),
        Deadline::DueSoon => (
            "status <> 'hoan-thanh' AND due >= ? AND due <= ?",
            vec![today, soon.to_string()],
        ),
        Deadline::InTime => ("due >= ? OR (status = 'hoan-thanh' AND done <= due)", vec![today]),
        Deadline::NoDeadline => ("due IS NULL", Vec::new()),
    }
}
