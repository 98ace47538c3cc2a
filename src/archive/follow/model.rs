//! The model of a tracked task, free of the index: its statuses and which change is allowed,
//! its deadline state on a given day (a pure function of due date, completion date, status
//! and the day), and the figures a report counts. Days are counted with the `time` crate.
//!
//! The words are those of the follow-up systems in use (`shared/domain/task-follow-up.md`):
//! Chưa thực hiện, Đang thực hiện, Chờ xác nhận, Hoàn thành, Tạm hoãn; trong hạn, sắp đến
//! hạn (due within [`SOON_DAYS`] days), quá hạn, không có thời hạn.

use serde::Serialize;

use crate::record::Date;

/// A task is "sắp đến hạn" when its due day is at most this many days ahead.
pub const SOON_DAYS: i64 = 3;

/// Where a task stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(into = "&'static str")]
pub enum Status {
    /// Chưa thực hiện: as issued, nothing reported yet.
    NotStarted,
    /// Đang thực hiện.
    InProgress,
    /// Chờ xác nhận: the lead body says it is done; the office confirms or refuses.
    AwaitingConfirmation,
    /// Hoàn thành: the office confirmed it.
    Done,
    /// Tạm hoãn, with a reason.
    Suspended,
}

impl Status {
    /// Every status, in the order a task goes through them.
    pub const ALL: [Status; 5] = [
        Status::NotStarted,
        Status::InProgress,
        Status::AwaitingConfirmation,
        Status::Done,
        Status::Suspended,
    ];

    /// The slug the command line and the index use (`dang-thuc-hien`).
    pub fn slug(self) -> &'static str {
        match self {
            Status::NotStarted => "chua-thuc-hien",
            Status::InProgress => "dang-thuc-hien",
            Status::AwaitingConfirmation => "cho-xac-nhan",
            Status::Done => "hoan-thanh",
            Status::Suspended => "tam-hoan",
        }
    }

    /// The status in words (`đang thực hiện`).
    pub fn words(self) -> &'static str {
        match self {
            Status::NotStarted => "chưa thực hiện",
            Status::InProgress => "đang thực hiện",
            Status::AwaitingConfirmation => "chờ xác nhận",
            Status::Done => "hoàn thành",
            Status::Suspended => "tạm hoãn",
        }
    }

    /// The status a slug names.
    pub fn parse(slug: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.slug() == slug.trim())
    }

    /// Whether an update (`tasks update`) may take a task from `self` to `to`. Hoàn thành is
    /// reached only by confirming a task that waits for it, and a task that waits is
    /// confirmed or refused, not updated; a progress note keeps Đang thực hiện or Tạm hoãn.
    pub fn may_become(self, to: Status) -> bool {
        use Status::*;
        matches!(
            (self, to),
            (
                NotStarted | InProgress | Suspended,
                InProgress | AwaitingConfirmation | Suspended
            )
        )
    }

    /// Whether the task still has to be done (not finished, not suspended).
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Status::NotStarted | Status::InProgress | Status::AwaitingConfirmation
        )
    }
}

impl From<Status> for &'static str {
    fn from(status: Status) -> &'static str {
        status.slug()
    }
}

/// Where a task stands against its deadline on a given day; for a finished task, by the
/// day it was finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(into = "&'static str")]
pub enum Deadline {
    /// Trong hạn (for a finished task: finished on or before its due day).
    InTime,
    /// Sắp đến hạn: due within [`SOON_DAYS`] days, not finished.
    DueSoon,
    /// Quá hạn (for a finished task: finished after its due day).
    Overdue,
    /// Không có thời hạn.
    NoDeadline,
}

impl Deadline {
    /// Every deadline state.
    pub const ALL: [Deadline; 4] = [
        Deadline::InTime,
        Deadline::DueSoon,
        Deadline::Overdue,
        Deadline::NoDeadline,
    ];

    /// The slug (`qua-han`).
    pub fn slug(self) -> &'static str {
        match self {
            Deadline::InTime => "trong-han",
            Deadline::DueSoon => "sap-den-han",
            Deadline::Overdue => "qua-han",
            Deadline::NoDeadline => "khong-han",
        }
    }

    /// The state in words (`quá hạn`).
    pub fn words(self) -> &'static str {
        match self {
            Deadline::InTime => "trong hạn",
            Deadline::DueSoon => "sắp đến hạn",
            Deadline::Overdue => "quá hạn",
            Deadline::NoDeadline => "không có thời hạn",
        }
    }

    /// The state a slug names.
    pub fn parse(slug: &str) -> Option<Deadline> {
        Deadline::ALL.into_iter().find(|d| d.slug() == slug.trim())
    }
}

impl From<Deadline> for &'static str {
    fn from(deadline: Deadline) -> &'static str {
        deadline.slug()
    }
}

/// The deadline state of a task due `due`, finished `done` (when its status is
/// [`Status::Done`]), as of `today`. A finished task is judged by its completion day; any
/// other (waiting for confirmation or suspended too) by `today`.
pub fn deadline(due: Option<Date>, done: Option<Date>, status: Status, today: Date) -> Deadline {
    let Some(due) = due else {
        return Deadline::NoDeadline;
    };
    if status == Status::Done {
        let finished = done.unwrap_or(today);
        return if finished <= due {
            Deadline::InTime
        } else {
            Deadline::Overdue
        };
    }
    match days_between(today, due) {
        ahead if ahead < 0 => Deadline::Overdue,
        ahead if ahead <= SOON_DAYS => Deadline::DueSoon,
        _ => Deadline::InTime,
    }
}

/// Whether a finished task was finished on time: `None` when it is not finished or has no
/// due day.
pub fn on_time(due: Option<Date>, done: Option<Date>, status: Status) -> Option<bool> {
    match (status, due, done) {
        (Status::Done, Some(due), Some(done)) => Some(done <= due),
        _ => None,
    }
}

/// What a report counts of the tasks due in a period, as of a day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Figures {
    /// Every task counted.
    pub total: usize,
    /// Finished (confirmed): `done_on_time + done_late`.
    pub done: usize,
    /// Finished on or before the due day.
    pub done_on_time: usize,
    /// Finished after the due day.
    pub done_late: usize,
    /// Not finished and not suspended: `open_in_time + open_overdue`.
    pub open: usize,
    /// Not finished, the due day not passed (due soon included).
    pub open_in_time: usize,
    /// Not finished, the due day passed.
    pub open_overdue: usize,
    /// Not finished, due within [`SOON_DAYS`] days.
    pub due_soon: usize,
    /// Nothing reported yet.
    pub not_started: usize,
    /// Said done by the lead body, waiting for the office.
    pub awaiting_confirmation: usize,
    /// Suspended (counted in neither `done` nor `open`).
    pub suspended: usize,
    /// Without a due day (none, for tasks chosen by due day).
    pub no_deadline: usize,
}

impl Figures {
    /// Counts one task.
    pub fn count(&mut self, due: Option<Date>, done: Option<Date>, status: Status, today: Date) {
        self.total += 1;
        let state = deadline(due, done, status, today);
        if state == Deadline::NoDeadline {
            self.no_deadline += 1;
        }
        match status {
            Status::Done => {
                self.done += 1;
                if state == Deadline::Overdue {
                    self.done_late += 1;
                } else {
                    self.done_on_time += 1;
                }
                return;
            }
            Status::Suspended => {
                self.suspended += 1;
                return;
            }
            Status::NotStarted => self.not_started += 1,
            Status::AwaitingConfirmation => self.awaiting_confirmation += 1,
            Status::InProgress => {}
        }
        self.open += 1;
        match state {
            Deadline::Overdue => self.open_overdue += 1,
            Deadline::DueSoon => {
                self.due_soon += 1;
                self.open_in_time += 1;
            }
            _ => self.open_in_time += 1,
        }
    }
}

/// Days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    to.days_since_epoch() - from.days_since_epoch()
}

/// `date` plus `days` days (minus, when negative).
pub fn add_days(date: Date, days: i64) -> Date {
    Date::from_days(date.days_since_epoch() + days)
}

/// Today in the office's time zone (Asia/Ho_Chi_Minh, UTC+07:00, no daylight saving).
pub fn today_in_office() -> Date {
    Date::today()
}

/// Now, in UTC, as stored: `YYYY-MM-DDTHH:MM:SSZ`.
pub fn now_stamp() -> String {
    crate::record::clock::now_stamp()
}

/// `dd/mm/yyyy`, as a Vietnamese list shows a day.
pub fn day_line(date: Date) -> String {
    format!("{:02}/{:02}/{}", date.day, date.month, date.year)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn an_open_task_is_in_time_then_due_soon_then_overdue() {
        let due = Some(d("2026-04-30"));
        let on = |today| deadline(due, None, Status::InProgress, d(today));
        assert_eq!(on("2026-04-26"), Deadline::InTime);
        assert_eq!(on("2026-04-27"), Deadline::DueSoon);
        assert_eq!(on("2026-04-30"), Deadline::DueSoon);
        assert_eq!(on("2026-05-01"), Deadline::Overdue);
        assert_eq!(
            deadline(None, None, Status::NotStarted, d("2030-01-01")),
            Deadline::NoDeadline
        );
    }

    #[test]
    fn a_finished_task_is_judged_by_its_completion_day_across_months_and_leap_years() {
        let due = Some(d("2028-02-29"));
        let done = |day| deadline(due, Some(d(day)), Status::Done, d("2029-01-01"));
        assert_eq!(done("2028-02-29"), Deadline::InTime);
        assert_eq!(done("2028-03-01"), Deadline::Overdue);
        assert_eq!(on_time(due, Some(d("2028-02-28")), Status::Done), Some(true));
        assert_eq!(on_time(due, Some(d("2028-02-28")), Status::InProgress), None);
        assert_eq!(days_between(d("2027-12-30"), d("2028-03-01")), 62);
        assert_eq!(add_days(d("2028-02-27"), 3), d("2028-03-01"));
    }

    #[test]
    fn only_allowed_changes_are_updates() {
        use Status::*;
        assert!(NotStarted.may_become(InProgress));
        assert!(InProgress.may_become(InProgress));
        assert!(Suspended.may_become(InProgress));
        assert!(InProgress.may_become(AwaitingConfirmation));
        for from in Status::ALL {
            assert!(!from.may_become(Done), "{from:?}");
            assert!(!from.may_become(NotStarted), "{from:?}");
        }
        assert!(!AwaitingConfirmation.may_become(InProgress));
        assert!(!Done.may_become(InProgress));
    }

    #[test]
    fn figures_add_up() {
        let today = d("2026-05-10");
        let mut f = Figures::default();
        let due = Some(d("2026-05-01"));
        f.count(due, Some(d("2026-04-30")), Status::Done, today);
        f.count(due, Some(d("2026-05-03")), Status::Done, today);
        f.count(due, None, Status::InProgress, today);
        f.count(Some(d("2026-05-12")), None, Status::NotStarted, today);
        f.count(Some(d("2026-06-12")), None, Status::AwaitingConfirmation, today);
        f.count(Some(d("2026-06-12")), None, Status::Suspended, today);
        assert_eq!((f.total, f.done_on_time, f.done_late), (6, 1, 1));
        assert_eq!((f.open, f.open_in_time, f.open_overdue, f.due_soon), (3, 2, 1, 1));
        assert_eq!((f.not_started, f.awaiting_confirmation, f.suspended), (1, 1, 1));
        assert_eq!(f.total, f.done + f.open + f.suspended);
    }

    #[test]
    fn slugs_read_back() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.slug()), Some(s));
        }
        for s in Deadline::ALL {
            assert_eq!(Deadline::parse(s.slug()), Some(s));
        }
        assert_eq!(Status::parse("xong"), None);
    }
}
