//! What the documents of following up a conclusion notice's tasks receive: the report on
//! carrying them out (its figures computed by [`super::task_figures`]) and the công văn đôn
//! đốc chasing the overdue ones.

use std::collections::BTreeMap;

use serde::Serialize;

use super::document::{DocumentContext, documents_context};
use super::facts::{DateContext, IssuerContext, date_context, issuer_context};
use super::task_figures::{self, Figures, Standing, Tracked};
use crate::documents::{asked_by_reminder, asked_by_task_report};
use crate::record::{Date, IssuerSystem, NoticeRef, Reminder, TaskReport, TaskStatus};
use crate::vietnamese as vn;

/// A notice the tasks came from.
#[derive(Debug, Clone, Serialize)]
pub struct NoticeContext {
    /// `05/TB-UBND`.
    pub number: String,
    /// Its date.
    pub date: DateContext,
}

/// One task as a report's table and text print it.
#[derive(Debug, Clone, Serialize)]
pub struct TaskRow {
    /// Nội dung nhiệm vụ.
    pub task: String,
    /// The notice that gave it.
    pub notice: NoticeContext,
    /// Cơ quan chủ trì.
    pub assignee: String,
    /// Cơ quan phối hợp.
    pub partners: Vec<String>,
    /// `31/3/2026`, empty without a deadline.
    pub due: String,
    /// The tracker's status code.
    pub status: TaskStatus,
    /// Its standing on the report's day.
    pub standing: Standing,
    /// Tình trạng, in words: `Hoàn thành đúng hạn`, `Đang thực hiện, quá hạn`.
    pub state_words: String,
    /// The day it was finished, if it was: `25/02/2026`.
    pub done: String,
    /// Kết quả thực hiện, as reported.
    pub result: String,
}

/// Everything the report on carrying out conclusions can use.
#[derive(Debug, Clone, Serialize)]
pub struct TaskReportContext {
    /// `state` or `party`.
    pub system: IssuerSystem,
    /// Stable name, used in output file names.
    pub id: String,
    /// The reporting body.
    pub issuer: IssuerContext,
    /// First day of the period.
    pub from: DateContext,
    /// Last day of the period.
    pub to: DateContext,
    /// The day the figures are counted on.
    pub as_of: DateContext,
    /// The notices the tasks came from, in the order first met.
    pub notices: Vec<NoticeContext>,
    /// The tasks.
    pub tasks: Vec<TaskRow>,
    /// The computed figures.
    pub figures: Figures,
    /// Công tác theo dõi, đôn đốc.
    pub tracking: Vec<String>,
    /// Tồn tại, hạn chế.
    pub shortcomings: Vec<String>,
    /// Kiến nghị, đề xuất.
    pub recommendations: Vec<String>,
    /// The document asked for, by its block's name (`task_report`).
    #[serde(flatten)]
    pub documents: BTreeMap<&'static str, DocumentContext>,
}

impl TaskReportContext {
    /// The context of a task report.
    pub fn new(report: &TaskReport, id: String) -> TaskReportContext {
        let as_of = report.as_of;
        let period = report.period.value;
        let tracked: Vec<Tracked> = report
            .tasks
            .iter()
            .map(|t| Tracked {
                status: t.value.status,
                due: t.value.due,
                done: t.value.done,
            })
            .collect();
        let tasks = report
            .tasks
            .iter()
            .zip(&tracked)
            .map(|(t, tracked)| {
                let t = &t.value;
                let standing = task_figures::standing(*tracked, as_of);
                TaskRow {
                    task: t.task.clone(),
                    notice: notice_context(&t.notice),
                    assignee: t.assignee.clone(),
                    partners: t.partners.clone(),
                    due: t.due.map(vn::date_short).unwrap_or_default(),
                    status: t.status,
                    standing,
                    state_words: state_words(t.status, standing),
                    done: t.done.map(vn::date_short).unwrap_or_default(),
                    result: t.result.clone().unwrap_or_default(),
                }
            })
            .collect();
        let system = report.issuer.system;
        TaskReportContext {
            system,
            id,
            issuer: issuer_context(&report.issuer),
            from: date_context(period.from),
            to: date_context(period.to),
            as_of: date_context(as_of),
            notices: notices(report.tasks.iter().map(|t| &t.value.notice)),
            tasks,
            figures: task_figures::figures(&tracked, period.from, period.to, as_of),
            tracking: report.tracking.clone(),
            shortcomings: report.shortcomings.clone(),
            recommendations: report.recommendations.clone(),
            documents: documents_context(system, &report.issuer, asked_by_task_report(report), as_of),
        }
    }
}

/// One overdue task a reminder names.
#[derive(Debug, Clone, Serialize)]
pub struct ReminderRow {
    /// What was to be done.
    pub task: String,
    /// The notice that gave it.
    pub notice: NoticeContext,
    /// The deadline missed: `28/02/2026`.
    pub due: String,
    /// Days past it on the reminder's day.
    pub days_late: i64,
}

/// Everything the công văn đôn đốc can use.
#[derive(Debug, Clone, Serialize)]
pub struct ReminderContext {
    /// `state` or `party`.
    pub system: IssuerSystem,
    /// Stable name, used in output file names.
    pub id: String,
    /// The body that chases.
    pub issuer: IssuerContext,
    /// The day the tasks are overdue on.
    pub as_of: DateContext,
    /// Kính gửi.
    pub to: String,
    /// The notices the tasks came from, in the order first met.
    pub notices: Vec<NoticeContext>,
    /// The overdue tasks.
    pub tasks: Vec<ReminderRow>,
    /// The day to report by, if asked.
    pub report_by: Option<DateContext>,
    /// The office's own paragraphs.
    pub closing: Vec<String>,
    /// The document asked for, by its block's name (`reminder`).
    #[serde(flatten)]
    pub documents: BTreeMap<&'static str, DocumentContext>,
}

impl ReminderContext {
    /// The context of a reminder.
    pub fn new(reminder: &Reminder, id: String) -> ReminderContext {
        let system = reminder.issuer.system;
        ReminderContext {
            system,
            id,
            issuer: issuer_context(&reminder.issuer),
            as_of: date_context(reminder.as_of),
            to: reminder.to.value.clone(),
            notices: notices(reminder.tasks.iter().map(|t| &t.value.notice)),
            tasks: reminder
                .tasks
                .iter()
                .map(|t| ReminderRow {
                    task: t.value.task.clone(),
                    notice: notice_context(&t.value.notice),
                    due: vn::date_short(t.value.due),
                    days_late: task_figures::days_between(t.value.due, reminder.as_of),
                })
                .collect(),
            report_by: reminder.report_by.map(date_context),
            closing: reminder.closing.clone(),
            documents: documents_context(system, &reminder.issuer, asked_by_reminder(reminder), reminder.as_of),
        }
    }
}

fn notice_context(notice: &NoticeRef) -> NoticeContext {
    NoticeContext {
        number: notice.number.trim().to_string(),
        date: date_context(notice.date),
    }
}

/// The distinct notices, in the order first met.
fn notices<'a>(all: impl Iterator<Item = &'a NoticeRef>) -> Vec<NoticeContext> {
    let mut seen: Vec<(&str, Date)> = Vec::new();
    let mut out = Vec::new();
    for notice in all {
        if !seen.contains(&(notice.number.trim(), notice.date)) {
            seen.push((notice.number.trim(), notice.date));
            out.push(notice_context(notice));
        }
    }
    out
}

/// Tình trạng in words: the status, and where a task not finished stands.
fn state_words(status: TaskStatus, standing: Standing) -> String {
    match standing {
        Standing::OnTime | Standing::Late => format!("Hoàn thành {}", standing.words()),
        Standing::Paused => status.words().to_string(),
        Standing::InTime | Standing::Overdue => format!("{}, {}", status.words(), standing.words()),
    }
}
