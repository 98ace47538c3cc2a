//! Tracked tasks (theo dõi, đôn đốc thực hiện kết luận): every task of an issued notice,
//! state or Party, is tracked in the archive's index from the day it is issued, with its
//! status, its history and its evidence; the deadline state is computed for any day.
//!
//! The library's entry points for the command line, the web page and the reports are the
//! methods below on [`Archive`]: [`Archive::tasks`] (a list as of a day),
//! [`Archive::task`], [`Archive::task_history`], [`Archive::task_figures`] (a period's
//! figures), [`Archive::update_task`], [`Archive::confirm_task`] and
//! [`Archive::refuse_task`]. Each change is one transaction that appends to the history
//! ([`store`]) and sets the task's status; a change the model does not allow
//! ([`model::Status::may_become`]) is a [`TaskProblem`].
//!
//! ```text
//! ARCHIVE/tasks/<id>/<n>-<file>   a file given as evidence with the task's n-th update
//! ```

pub mod carry;
pub mod model;
pub mod problem;
pub mod query;
pub mod store;

use std::path::Path;

use rusqlite::TransactionBehavior;

use super::{Archive, db_error};
use crate::error::Error;
use crate::record::Date;

pub use model::{Deadline, Figures, Status};
pub use problem::TaskProblem;
pub use query::{TaskQuery, Wanted};
pub use store::{TaskUpdate, TrackedTask};

/// Evidence given with an update.
#[derive(Debug, Clone, Copy)]
pub enum Evidence<'a> {
    /// A document (a report of the lead body, say): its number and date.
    Document {
        /// Số và ký hiệu.
        number: &'a str,
        /// Its date.
        date: Date,
    },
    /// A file, copied into the archive.
    File(&'a Path),
}

/// What the lead body (or the office for it) reports.
#[derive(Debug, Clone, Copy)]
pub struct Update<'a> {
    /// The new status (never [`Status::Done`]: that is [`Archive::confirm_task`]).
    pub status: Status,
    /// The day it happened.
    pub date: Date,
    /// A note; the reason, for [`Status::Suspended`].
    pub note: &'a str,
    /// Evidence, if any.
    pub evidence: Option<Evidence<'a>>,
    /// Who writes it.
    pub by: &'a str,
}

impl Archive {
    /// The tracked tasks `query` asks for, as of `today`.
    pub fn tasks(&self, query: &TaskQuery, today: Date) -> Result<Vec<TrackedTask>, Error> {
        query::list(&self.db, query, today).map_err(|e| self.fail(e))
    }

    /// The tracked task `id`; an unknown id is a [`TaskProblem::UnknownTask`] offering ids
    /// that exist.
    pub fn task(&self, id: &str) -> Result<TrackedTask, Error> {
        match store::task(&self.db, id.trim()).map_err(|e| self.fail(e))? {
            Some(task) => Ok(task),
            None => {
                let near = store::near_ids(&self.db, id.trim(), 10).map_err(|e| self.fail(e))?;
                Err(self.task_problem(TaskProblem::UnknownTask {
                    id: id.to_string(),
                    near,
                }))
            }
        }
    }

    /// Every update of task `id`, oldest first.
    pub fn task_history(&self, id: &str) -> Result<Vec<TaskUpdate>, Error> {
        let task = self.task(id)?;
        store::history(&self.db, &task.id).map_err(|e| self.fail(e))
    }

    /// The figures of the tasks due from `from` to `to` (of `issuer`'s notices, when
    /// given), as of `today`.
    pub fn task_figures(&self, from: Date, to: Date, issuer: Option<&str>, today: Date) -> Result<Figures, Error> {
        query::figures(&self.db, from, to, issuer, today).map_err(|e| self.fail(e))
    }

    /// Records an update of task `id` (`today` bounds its date); returns the task as it is now.
    pub fn update_task(&mut self, id: &str, update: &Update, today: Date) -> Result<TrackedTask, Error> {
        let task = self.task(id)?;
        let to = update.status;
        if to == Status::Done {
            return Err(self.task_problem(TaskProblem::DoneByUpdate { id: task.id }));
        }
        if !task.status.may_become(to) {
            let (id, from) = (task.id, task.status);
            return Err(self.task_problem(TaskProblem::Transition { id, from, to }));
        }
        if to == Status::Suspended && update.note.trim().is_empty() {
            return Err(self.task_problem(TaskProblem::NeedsReason { status: to }));
        }
        let change = Change {
            action: "cap-nhat",
            status: to,
            date: update.date,
            note: update.note,
            by: update.by,
        };
        self.change(&task, change, update.evidence, today, |_| None)
    }

    /// Confirms that task `id`, waiting for it, is done (hoàn thành) on `date`; the task
    /// counts as finished on the day the lead body said it was.
    pub fn confirm_task(&mut self, id: &str, date: Date, by: &str, today: Date) -> Result<TrackedTask, Error> {
        let task = self.awaiting(id)?;
        let change = Change {
            action: "xac-nhan",
            status: Status::Done,
            date,
            note: "",
            by,
        };
        self.change(&task, change, None, today, |history| {
            let claim = history.iter().rev().find(|u| u.status == Status::AwaitingConfirmation);
            Some(claim.map_or(date, |u| u.date))
        })
    }

    /// Refuses to confirm task `id`, for `reason`: it is in progress again.
    pub fn refuse_task(
        &mut self,
        id: &str,
        date: Date,
        reason: &str,
        by: &str,
        today: Date,
    ) -> Result<TrackedTask, Error> {
        let task = self.awaiting(id)?;
        if reason.trim().is_empty() {
            return Err(self.task_problem(TaskProblem::NeedsReason {
                status: Status::InProgress,
            }));
        }
        let change = Change {
            action: "tu-choi",
            status: Status::InProgress,
            date,
            note: reason,
            by,
        };
        self.change(&task, change, None, today, |_| None)
    }

    fn awaiting(&self, id: &str) -> Result<TrackedTask, Error> {
        let task = self.task(id)?;
        if task.status != Status::AwaitingConfirmation {
            let (id, status) = (task.id, task.status);
            return Err(self.task_problem(TaskProblem::NotAwaiting { id, status }));
        }
        Ok(task)
    }

    /// Writes one change of `task` in one transaction: its date checked against the
    /// notice, the last update and `today`, its evidence file copied in, the history
    /// appended, the status (and the completion day `done` gives) set.
    fn change(
        &mut self,
        task: &TrackedTask,
        change: Change,
        evidence: Option<Evidence>,
        today: Date,
        done: impl FnOnce(&[TaskUpdate]) -> Option<Date>,
    ) -> Result<TrackedTask, Error> {
        let index_path = self.index_path();
        let fail = |e: rusqlite::Error| db_error(&index_path, e);
        let dir = self.dir.clone();
        let tx = self
            .db
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(fail)?;
        let history = store::history(&tx, &task.id).map_err(fail)?;
        let earliest = history
            .last()
            .map_or(task.notice_date, |u| u.date.max(task.notice_date));
        if change.date < earliest || change.date > today {
            let problem = TaskProblem::BadDate {
                date: model::day_line(change.date),
                earliest: model::day_line(earliest),
                latest: model::day_line(today),
            };
            return Err(task_problem(&dir, problem));
        }
        let mut update = TaskUpdate {
            seq: 0,
            task: task.id.clone(),
            date: change.date,
            recorded: model::now_stamp(),
            by: change.by.to_string(),
            action: change.action.to_string(),
            before: task.status,
            status: change.status,
            note: change.note.trim().to_string(),
            evidence_doc: None,
            evidence_date: None,
            evidence_file: None,
            evidence_sha256: None,
        };
        let mut copied = None;
        match evidence {
            Some(Evidence::Document { number, date }) => {
                update.evidence_doc = Some(number.trim().to_string());
                update.evidence_date = Some(date);
            }
            Some(Evidence::File(file)) => {
                let (inside, sha, written) = carry::keep_evidence(&dir, &task.id, history.len() + 1, file)?;
                update.evidence_file = Some(inside);
                update.evidence_sha256 = Some(sha);
                copied = Some(written);
            }
            None => {}
        }
        let done = done(&history);
        let written = store::record(&tx, &update, done).and_then(|()| tx.commit());
        if let Err(error) = written {
            if let Some(copied) = copied {
                let _ = std::fs::remove_file(copied);
            }
            return Err(fail(error));
        }
        self.task(&task.id)
    }

    /// A task problem, naming the archive's folder.
    fn task_problem(&self, problem: TaskProblem) -> Error {
        task_problem(&self.dir, problem)
    }
}

/// A task problem, naming the archive's folder `dir`.
pub fn task_problem(dir: &Path, problem: TaskProblem) -> Error {
    Error::Feature {
        path: dir.to_path_buf(),
        problem: Box::new(problem),
    }
}

/// One change to write.
struct Change<'a> {
    action: &'static str,
    status: Status,
    date: Date,
    note: &'a str,
    by: &'a str,
}
