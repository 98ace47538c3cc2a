//! The record of a report on carrying out conclusions, written from tracked tasks.

use super::{IssuerInfo, SignedInfo, TrackedTask, documents_block, issuer_block, line, list, notice};
use crate::record::Date;

/// The office's own words in the report: how tracking was done, shortcomings and
/// recommendations, one paragraph each.
#[derive(Debug, Clone, Default)]
pub struct ReportTexts {
    /// Công tác theo dõi, đôn đốc.
    pub tracking: Vec<String>,
    /// Tồn tại, hạn chế.
    pub shortcomings: Vec<String>,
    /// Kiến nghị, đề xuất.
    pub recommendations: Vec<String>,
}

/// What a task report record is written from.
#[derive(Debug, Clone)]
pub struct ReportRequest<'a> {
    /// The record's id (its output file names).
    pub id: &'a str,
    /// The reporting body.
    pub issuer: &'a IssuerInfo,
    /// The period, both days included.
    pub from: Date,
    /// Its last day.
    pub to: Date,
    /// The day the figures are counted on.
    pub as_of: Date,
    /// The tasks as tracked.
    pub tasks: &'a [TrackedTask],
    /// The office's own words.
    pub texts: &'a ReportTexts,
    /// The report's number, date, signer and recipients.
    pub signed: &'a SignedInfo,
}

/// The YAML text of a `kind: task_report` record: it renders
/// `<id>-bao-cao-thuc-hien-ket-luan.pdf`, its figures computed from `tasks`.
pub fn record(request: &ReportRequest) -> String {
    let mut out = String::from("kind: task_report\n");
    line(&mut out, 0, "id", request.id);
    issuer_block(&mut out, request.issuer);
    out.push_str(&format!("period: {{ from: {}, to: {} }}\n", request.from, request.to));
    out.push_str(&format!("as_of: {}\n", request.as_of));
    out.push_str("tasks:\n");
    for task in request.tasks {
        line(&mut out, 2, "- task", &task.task);
        out.push_str(&format!("    notice: {}\n", notice(task)));
        line(&mut out, 4, "assignee", &task.assignee);
        list(&mut out, 4, "partners", &task.partners);
        if let Some(due) = task.due {
            out.push_str(&format!("    due: {due}\n"));
        }
        out.push_str(&format!("    status: {}\n", task.status.code()));
        if let Some(done) = task.done {
            out.push_str(&format!("    done: {done}\n"));
        }
        if let Some(result) = &task.result {
            line(&mut out, 4, "result", result);
        }
    }
    list(&mut out, 0, "tracking", &request.texts.tracking);
    list(&mut out, 0, "shortcomings", &request.texts.shortcomings);
    list(&mut out, 0, "recommendations", &request.texts.recommendations);
    documents_block(&mut out, "task_report", request.signed, None);
    out
}
