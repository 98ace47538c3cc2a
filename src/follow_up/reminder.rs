//! The records of công văn đôn đốc, one per lead body, written from tracked tasks.

use super::{IssuerInfo, SignedInfo, TaskStatus, TrackedTask, documents_block, issuer_block, line, list, notice};
use crate::compose::task_figures::is_overdue;
use crate::record::Date;

/// What reminders are written from.
#[derive(Debug, Clone)]
pub struct ReminderRequest<'a> {
    /// The start of each record's id: `<prefix>-1`, `<prefix>-2` … in the order the bodies
    /// are first met.
    pub id_prefix: &'a str,
    /// The body that chases.
    pub issuer: &'a IssuerInfo,
    /// The day the tasks are overdue on.
    pub as_of: Date,
    /// The tasks as tracked; only those overdue on `as_of` are named.
    pub tasks: &'a [TrackedTask],
    /// The day to report by, if asked.
    pub report_by: Option<Date>,
    /// Paragraphs of the office's own.
    pub closing: &'a [String],
    /// Each letter's date, signer and recipients (numbers are left to the archive unless
    /// given).
    pub signed: &'a SignedInfo,
}

/// Whether a tracked task is chased on `as_of`: not finished, not paused, deadline passed.
pub fn is_chased(task: &TrackedTask, as_of: Date) -> bool {
    !matches!(task.status, TaskStatus::Done | TaskStatus::Paused) && task.due.is_some_and(|due| is_overdue(due, as_of))
}

/// One `kind: reminder` record per lead body that has overdue tasks, in the order the bodies
/// are first met: `(lead body, YAML text)`. Empty when nothing is overdue.
pub fn records_by_body(request: &ReminderRequest) -> Vec<(String, String)> {
    let mut bodies: Vec<(&str, Vec<&TrackedTask>)> = Vec::new();
    for task in request.tasks.iter().filter(|t| is_chased(t, request.as_of)) {
        match bodies.iter_mut().find(|(body, _)| *body == task.assignee) {
            Some((_, tasks)) => tasks.push(task),
            None => bodies.push((&task.assignee, vec![task])),
        }
    }
    bodies
        .into_iter()
        .enumerate()
        .map(|(i, (body, tasks))| {
            (
                body.to_string(),
                one(request, &format!("{}-{}", request.id_prefix, i + 1), body, &tasks),
            )
        })
        .collect()
}

fn one(request: &ReminderRequest, id: &str, body: &str, tasks: &[&TrackedTask]) -> String {
    let mut out = String::from("kind: reminder\n");
    line(&mut out, 0, "id", id);
    issuer_block(&mut out, request.issuer);
    out.push_str(&format!("as_of: {}\n", request.as_of));
    line(&mut out, 0, "to", body);
    out.push_str("tasks:\n");
    for task in tasks {
        line(&mut out, 2, "- task", &task.task);
        out.push_str(&format!("    notice: {}\n", notice(task)));
        if let Some(due) = task.due {
            out.push_str(&format!("    due: {due}\n"));
        }
    }
    if let Some(day) = request.report_by {
        out.push_str(&format!("report_by: {day}\n"));
    }
    list(&mut out, 0, "closing", request.closing);
    documents_block(&mut out, "reminder", request.signed, None);
    out
}
