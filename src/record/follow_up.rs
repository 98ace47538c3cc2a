//! The records of following up a conclusion notice's tasks (docs/record-format.md, "Báo cáo
//! kết quả thực hiện kết luận" and "Công văn đôn đốc"): the tasks as tracked, the report on
//! them (`kind: task_report`) and the letter chasing the overdue ones (`kind: reminder`).

use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use super::{Date, Issuer, ReminderSpec, SignedSpec};

/// Where a task was given: the notice's number as printed and its date.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoticeRef {
    /// Number and symbol as printed: `05/TB-UBND`, `21-TB/ĐU`.
    pub number: String,
    /// The notice's date.
    pub date: Date,
}

/// Where a tracked task stands, as the tracker records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
pub enum TaskStatus {
    /// Chưa thực hiện.
    #[serde(rename = "chua-thuc-hien")]
    NotStarted,
    /// Đang thực hiện.
    #[serde(rename = "dang-thuc-hien")]
    InProgress,
    /// Chờ xác nhận: the lead body reports it done; the office has not confirmed it.
    #[serde(rename = "cho-xac-nhan")]
    AwaitingConfirmation,
    /// Hoàn thành (confirmed).
    #[serde(rename = "hoan-thanh")]
    Done,
    /// Tạm hoãn.
    #[serde(rename = "tam-hoan")]
    Paused,
}

impl TaskStatus {
    /// The code a record writes: `hoan-thanh`.
    pub fn code(self) -> &'static str {
        match self {
            TaskStatus::NotStarted => "chua-thuc-hien",
            TaskStatus::InProgress => "dang-thuc-hien",
            TaskStatus::AwaitingConfirmation => "cho-xac-nhan",
            TaskStatus::Done => "hoan-thanh",
            TaskStatus::Paused => "tam-hoan",
        }
    }

    /// The status in words: `Đang thực hiện`.
    pub fn words(self) -> &'static str {
        match self {
            TaskStatus::NotStarted => "Chưa thực hiện",
            TaskStatus::InProgress => "Đang thực hiện",
            TaskStatus::AwaitingConfirmation => "Chờ xác nhận",
            TaskStatus::Done => "Đã hoàn thành",
            TaskStatus::Paused => "Tạm hoãn",
        }
    }
}

/// One task as tracked.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TrackedTask {
    /// What to do.
    pub task: String,
    /// The notice that gave it.
    pub notice: NoticeRef,
    /// Cơ quan chủ trì.
    pub assignee: String,
    /// Cơ quan phối hợp.
    #[serde(default)]
    pub partners: Vec<String>,
    /// Thời hạn, if the notice set one.
    pub due: Option<Date>,
    /// Where it stands.
    pub status: TaskStatus,
    /// The day it was finished (`status: hoan-thanh`).
    pub done: Option<Date>,
    /// Kết quả thực hiện, as reported.
    pub result: Option<String>,
}

/// A reporting period, both days included.
#[derive(Debug, Clone, Copy, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// First day.
    pub from: Date,
    /// Last day.
    pub to: Date,
}

/// A report on carrying out conclusions (`kind: task_report`).
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskReport {
    /// Always `task_report`.
    pub kind: String,
    /// Stable name for output files; defaults to the file stem.
    #[schemars(with = "Option<String>")]
    pub id: Option<Spanned<String>>,
    /// The body that reports (the one that gave the tasks).
    pub issuer: Issuer,
    /// The period reported on.
    #[schemars(with = "Period")]
    pub period: Spanned<Period>,
    /// The day the figures are counted on: overdue means not finished and due before it.
    pub as_of: Date,
    /// The tasks as tracked.
    #[serde(default)]
    #[schemars(with = "Vec<TrackedTask>")]
    pub tasks: Vec<Spanned<TrackedTask>>,
    /// Công tác theo dõi, đôn đốc: how tracking and chasing were done, one paragraph each.
    #[serde(default)]
    pub tracking: Vec<String>,
    /// Tồn tại, hạn chế, one paragraph each.
    #[serde(default)]
    pub shortcomings: Vec<String>,
    /// Kiến nghị, đề xuất, one paragraph each.
    #[serde(default)]
    pub recommendations: Vec<String>,
    /// Which documents to issue.
    #[serde(default)]
    pub documents: TaskReportDocuments,
}

/// The document a task report issues.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskReportDocuments {
    /// Báo cáo kết quả thực hiện kết luận.
    #[schemars(with = "Option<SignedSpec>")]
    pub task_report: Option<Spanned<SignedSpec>>,
}

/// An overdue task a reminder names.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReminderTask {
    /// What was to be done.
    pub task: String,
    /// The notice that gave it.
    pub notice: NoticeRef,
    /// The deadline missed.
    pub due: Date,
}

/// A công văn đôn đốc to one lead body (`kind: reminder`).
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reminder {
    /// Always `reminder`.
    pub kind: String,
    /// Stable name for output files; defaults to the file stem.
    #[schemars(with = "Option<String>")]
    pub id: Option<Spanned<String>>,
    /// The body that gave the tasks and chases them.
    pub issuer: Issuer,
    /// The day the tasks are overdue on: each task's `due` must be before it.
    pub as_of: Date,
    /// Kính gửi: the lead body.
    #[schemars(with = "String")]
    pub to: Spanned<String>,
    /// The overdue tasks.
    #[serde(default)]
    #[schemars(with = "Vec<ReminderTask>")]
    pub tasks: Vec<Spanned<ReminderTask>>,
    /// The day by which the lead body is to report, if asked.
    pub report_by: Option<Date>,
    /// Paragraphs of the office's own before the closing line.
    #[serde(default)]
    pub closing: Vec<String>,
    /// Which documents to issue.
    #[serde(default)]
    pub documents: ReminderDocuments,
}

/// The document a reminder issues.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReminderDocuments {
    /// Công văn đôn đốc.
    #[schemars(with = "Option<ReminderSpec>")]
    pub reminder: Option<Spanned<ReminderSpec>>,
}
