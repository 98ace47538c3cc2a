//! Where each tracked task stands on a given day, and the figures a report on carrying out
//! conclusions prints: computed here at render time from the tasks, never typed in a record.
//!
//! "As of" a day: a task not finished is overdue when its deadline is before that day (the
//! deadline day itself is still in time); a finished task is on time when it was finished on
//! or before its deadline. A task without a deadline is never overdue, and counts as on time
//! when finished. A paused task (`tam-hoan`) is not finished and is counted apart, never as
//! overdue. Only `hoan-thanh` is finished: `cho-xac-nhan` waits for the office to confirm.

use serde::Serialize;

use crate::record::{Date, TaskStatus};

/// The days a deadline counts as close (due within 3 days, not yet overdue).
pub const DUE_SOON_DAYS: i64 = 3;

/// A task's standing on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    /// Finished on or before its deadline (or finished, without one).
    OnTime,
    /// Finished after its deadline.
    Late,
    /// Not finished, deadline not passed (or none).
    InTime,
    /// Not finished, deadline passed.
    Overdue,
    /// Paused.
    Paused,
}

impl Standing {
    /// The words of a report's "tình trạng" column.
    pub fn words(self) -> &'static str {
        match self {
            Standing::OnTime => "đúng hạn",
            Standing::Late => "quá hạn",
            Standing::InTime => "trong hạn",
            Standing::Overdue => "quá hạn",
            Standing::Paused => "tạm hoãn",
        }
    }
}

/// What a task's standing depends on.
#[derive(Debug, Clone, Copy)]
pub struct Tracked {
    /// The tracker's status.
    pub status: TaskStatus,
    /// Its deadline, if any.
    pub due: Option<Date>,
    /// The day it was finished, if it was.
    pub done: Option<Date>,
}

/// Days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    to.days_since_epoch() - from.days_since_epoch()
}

/// Whether a deadline is passed on `as_of`.
pub fn is_overdue(due: Date, as_of: Date) -> bool {
    due < as_of
}

/// Whether an unfinished task's deadline is within [`DUE_SOON_DAYS`] of `as_of`, not passed.
pub fn is_due_soon(due: Date, as_of: Date) -> bool {
    (0..=DUE_SOON_DAYS).contains(&days_between(as_of, due))
}

/// Where a task stands on `as_of`.
pub fn standing(task: Tracked, as_of: Date) -> Standing {
    match (task.status, task.done) {
        (TaskStatus::Done, done) => match (task.due, done) {
            (Some(due), Some(done)) if done > due => Standing::Late,
            _ => Standing::OnTime,
        },
        (TaskStatus::Paused, _) => Standing::Paused,
        _ => match task.due {
            Some(due) if is_overdue(due, as_of) => Standing::Overdue,
            _ => Standing::InTime,
        },
    }
}

/// The figures of a report, counted on `as_of` over a period.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Figures {
    /// Tasks reported on.
    pub total: usize,
    /// Finished (`hoan-thanh`).
    pub finished: usize,
    /// Finished on time.
    pub on_time: usize,
    /// Finished late.
    pub late: usize,
    /// Not finished.
    pub unfinished: usize,
    /// Not finished, still in time.
    pub in_time: usize,
    /// Not finished, overdue.
    pub overdue: usize,
    /// Paused.
    pub paused: usize,
    /// Due in the period, by `as_of` (deadline from the period's first day to the earlier
    /// of its last day and `as_of`).
    pub due: usize,
    /// Of those, finished on time.
    pub due_on_time: usize,
    /// Of those, finished late.
    pub due_late: usize,
    /// Of those, not finished.
    pub due_unfinished: usize,
    /// `finished / total`, as printed: `62,5%`; empty without tasks.
    pub finished_rate: String,
    /// `due_on_time / due`, as printed; empty when nothing was due.
    pub on_time_rate: String,
    /// `overdue / total`, as printed; empty without tasks.
    pub overdue_rate: String,
}

/// The figures of `tasks` on `as_of`, for the period `from`–`to`.
pub fn figures(tasks: &[Tracked], from: Date, to: Date, as_of: Date) -> Figures {
    let mut f = Figures {
        total: tasks.len(),
        ..Figures::default()
    };
    let last = if to < as_of { to } else { as_of };
    for task in tasks {
        let standing = standing(*task, as_of);
        match standing {
            Standing::OnTime => f.on_time += 1,
            Standing::Late => f.late += 1,
            Standing::InTime => f.in_time += 1,
            Standing::Overdue => f.overdue += 1,
            Standing::Paused => f.paused += 1,
        }
        let due_in_period = task.due.is_some_and(|due| from <= due && due <= last);
        if due_in_period {
            f.due += 1;
            match standing {
                Standing::OnTime => f.due_on_time += 1,
                Standing::Late => f.due_late += 1,
                _ => f.due_unfinished += 1,
            }
        }
    }
    f.finished = f.on_time + f.late;
    f.unfinished = f.in_time + f.overdue + f.paused;
    f.finished_rate = percent(f.finished, f.total);
    f.on_time_rate = percent(f.due_on_time, f.due);
    f.overdue_rate = percent(f.overdue, f.total);
    f
}

/// `part / whole` as a Vietnamese percentage with one decimal: `62,5%`, `100%`; empty when
/// `whole` is 0.
pub fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        return String::new();
    }
    // Tenths of a percent, rounded half up, in integers (no float rounding surprises).
    let tenths = (part * 2000 + whole) / (2 * whole);
    let (units, tenth) = (tenths / 10, tenths % 10);
    if tenth == 0 {
        format!("{units}%")
    } else {
        format!("{units},{tenth}%")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn task(status: TaskStatus, due: Option<&str>, done: Option<&str>) -> Tracked {
        Tracked {
            status,
            due: due.map(d),
            done: done.map(d),
        }
    }

    #[test]
    fn the_deadline_day_is_still_in_time() {
        let as_of = d("2026-04-10");
        assert_eq!(
            standing(task(TaskStatus::InProgress, Some("2026-04-10"), None), as_of),
            Standing::InTime
        );
        assert_eq!(
            standing(task(TaskStatus::InProgress, Some("2026-04-09"), None), as_of),
            Standing::Overdue
        );
        assert_eq!(
            standing(task(TaskStatus::NotStarted, None, None), as_of),
            Standing::InTime
        );
        assert_eq!(
            standing(task(TaskStatus::Paused, Some("2026-01-01"), None), as_of),
            Standing::Paused
        );
        let awaiting = task(TaskStatus::AwaitingConfirmation, Some("2026-03-01"), Some("2026-02-20"));
        assert_eq!(standing(awaiting, as_of), Standing::Overdue);
    }

    #[test]
    fn finished_on_the_deadline_is_on_time() {
        let as_of = d("2026-06-30");
        let on_time = task(TaskStatus::Done, Some("2026-03-31"), Some("2026-03-31"));
        let late = task(TaskStatus::Done, Some("2026-03-31"), Some("2026-04-01"));
        let open_ended = task(TaskStatus::Done, None, Some("2026-05-01"));
        assert_eq!(standing(on_time, as_of), Standing::OnTime);
        assert_eq!(standing(late, as_of), Standing::Late);
        assert_eq!(standing(open_ended, as_of), Standing::OnTime);
    }

    #[test]
    fn due_soon_is_within_three_days_and_not_passed() {
        let as_of = d("2026-02-27");
        assert!(is_due_soon(d("2026-03-02"), as_of));
        assert!(is_due_soon(d("2026-02-27"), as_of));
        assert!(!is_due_soon(d("2026-03-03"), as_of));
        assert!(!is_due_soon(d("2026-02-26"), as_of));
        assert_eq!(days_between(d("2024-02-28"), d("2024-03-01")), 2);
    }

    #[test]
    fn figures_count_each_task_once_and_the_due_ones_in_the_period() {
        let tasks = [
            task(TaskStatus::Done, Some("2026-02-28"), Some("2026-02-25")),
            task(TaskStatus::Done, Some("2026-03-15"), Some("2026-03-20")),
            task(TaskStatus::InProgress, Some("2026-03-31"), None),
            task(TaskStatus::NotStarted, Some("2026-04-30"), None),
            task(TaskStatus::InProgress, Some("2026-06-30"), None),
            task(TaskStatus::Paused, Some("2026-03-31"), None),
            task(TaskStatus::Done, Some("2026-08-31"), Some("2026-04-01")),
            task(TaskStatus::AwaitingConfirmation, None, None),
        ];
        let f = figures(&tasks, d("2026-02-06"), d("2026-06-30"), d("2026-04-15"));
        assert_eq!(f.total, 8);
        assert_eq!((f.finished, f.on_time, f.late), (3, 2, 1));
        assert_eq!((f.unfinished, f.in_time, f.overdue, f.paused), (5, 3, 1, 1));
        // Due by 15/4: 28/2, 15/3, 31/3 and the paused 31/3.
        assert_eq!((f.due, f.due_on_time, f.due_late, f.due_unfinished), (4, 1, 1, 2));
        assert_eq!(f.finished_rate, "37,5%");
        assert_eq!(f.on_time_rate, "25%");
        assert_eq!(f.overdue_rate, "12,5%");
        assert_eq!(f.finished + f.unfinished, f.total);
    }

    #[test]
    fn percentages_use_a_decimal_comma_and_round_half_up() {
        assert_eq!(percent(1, 3), "33,3%");
        assert_eq!(percent(2, 3), "66,7%");
        assert_eq!(percent(1, 8), "12,5%");
        assert_eq!(percent(3, 3), "100%");
        assert_eq!(percent(0, 5), "0%");
        assert_eq!(percent(1, 0), "");
        assert_eq!(percent(1, 16), "6,3%");
    }
}
