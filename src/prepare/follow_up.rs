//! Stage 1 for the records of following up a conclusion notice's tasks: a task report
//! (`kind: task_report`) and a reminder (`kind: reminder`) read, checked and enriched.
//!
//! A reminder whose task is not yet overdue on its `as_of` day is an **error**, not a
//! warning: the công văn says in the issuer's name that the deadline was missed, and an
//! official letter must not say so of a task still in time. Such a record comes from a
//! stale `as_of` or a hand edit; the error names the task and the two days.

use serde_saphyr::Location;

use super::{Facts, Input, Prepared, Role, issuer_codes, number_lines, record_id, validate};
use crate::compose::follow_up::{ReminderContext, TaskReportContext};
use crate::compose::model::Context;
use crate::documents::{self, RecordKind, Requested, asked_by_reminder, asked_by_task_report};
use crate::error::{Diagnostic, Error};
use crate::problem::{Problem, TaskProblem};
use crate::record::load::YamlFile;
use crate::record::{Date, Issuer, NoticeRef, Reminder, TaskReport, TaskStatus};
use crate::vietnamese::date_short;

/// Reads and checks a task report, and computes its figures.
pub fn prepare_task_report(file: YamlFile) -> Result<Prepared, Error> {
    let report: TaskReport = file.parse()?;
    check_id(&file, report.id.as_ref())?;
    let mut warnings = check_report(&file, &report)?;
    warnings.extend(crate::record::unfinished::placeholders(&file));
    let documents = documents::follow_up_documents(&report.issuer, asked_by_task_report(&report), report.as_of)
        .map_err(|(at, problem)| Error::from(file.diagnostic_at(at, problem)))?;
    let id = record_id(report.id.as_ref().map(|id| id.value.as_str()), &file.path);
    let context = TaskReportContext::new(&report, id);
    // The register prints the summary after the kind's name: "Báo cáo kết quả thực hiện kết
    // luận tại …".
    let summary = format!(
        "tại {} (đến ngày {})",
        notices_phrase(report.tasks.iter().map(|t| &t.value.notice)),
        date_short(report.as_of)
    );
    let facts = facts_of(
        &report.issuer,
        report.issuer.name.value.clone(),
        report.as_of,
        &documents,
        summary,
    );
    Ok(prepared(
        RecordKind::TaskReport,
        Context::TaskReport(Box::new(context)),
        warnings,
        documents,
        file,
        facts,
    ))
}

/// Reads and checks a reminder.
pub fn prepare_reminder(file: YamlFile) -> Result<Prepared, Error> {
    let reminder: Reminder = file.parse()?;
    check_id(&file, reminder.id.as_ref())?;
    check_reminder(&file, &reminder)?;
    let warnings = crate::record::unfinished::placeholders(&file);
    let documents = documents::follow_up_documents(&reminder.issuer, asked_by_reminder(&reminder), reminder.as_of)
        .map_err(|(at, problem)| Error::from(file.diagnostic_at(at, problem)))?;
    let id = record_id(reminder.id.as_ref().map(|id| id.value.as_str()), &file.path);
    let context = ReminderContext::new(&reminder, id);
    // After the kind's name: "Công văn đôn đốc Phòng Kinh tế xã thực hiện …".
    let summary = format!(
        "{} thực hiện {}",
        reminder.to.value,
        notices_phrase(reminder.tasks.iter().map(|t| &t.value.notice))
    );
    let facts = facts_of(
        &reminder.issuer,
        reminder.to.value.clone(),
        reminder.as_of,
        &documents,
        summary,
    );
    Ok(prepared(
        RecordKind::Reminder,
        Context::Reminder(Box::new(context)),
        warnings,
        documents,
        file,
        facts,
    ))
}

/// What the index records of a follow-up record: no criteria set, no tasks of its own.
fn facts_of(issuer: &Issuer, unit: String, date: Date, documents: &[Requested], summary: String) -> Facts {
    Facts {
        unit,
        issuer: issuer.name.value.clone(),
        date,
        set: None,
        tally: None,
        numbers: number_lines(documents, issuer.system, issuer_codes(issuer)),
        issuer_code: issuer.code.clone(),
        office_code: issuer.office_code.clone(),
        system: issuer.system,
        summary,
        tasks: Vec::new(),
    }
}

/// A follow-up record prepared: its one input is the record itself; no assessments.
fn prepared(
    kind: RecordKind,
    context: Context,
    warnings: Vec<Diagnostic>,
    documents: Vec<Requested>,
    file: YamlFile,
    facts: Facts,
) -> Prepared {
    Prepared {
        kind,
        context,
        warnings,
        documents,
        inputs: vec![Input {
            role: Role::Record,
            file,
        }],
        assessments: Vec::new(),
        facts,
    }
}

fn check_id(file: &YamlFile, id: Option<&serde_saphyr::Spanned<String>>) -> Result<(), Error> {
    match id {
        Some(id) if !validate::is_file_name_safe(&id.value) => Err(file
            .diagnostic_at(id.referenced, Problem::BadId { id: id.value.clone() })
            .into()),
        _ => Ok(()),
    }
}

fn at(file: &YamlFile, location: Location, problem: TaskProblem) -> Diagnostic {
    file.diagnostic_at(location, Problem::Tasks(problem))
}

/// Errors in a report's period and tasks; warnings beside.
fn check_report(file: &YamlFile, report: &TaskReport) -> Result<Vec<Diagnostic>, Error> {
    let period = report.period.value;
    if period.to < period.from {
        let problem = TaskProblem::PeriodBackwards {
            from: date_short(period.from),
            to: date_short(period.to),
        };
        return Err(at(file, report.period.referenced, problem).into());
    }
    if report.tasks.is_empty() {
        let problem = TaskProblem::NoTasks { kind: "task_report" };
        return Err(at(file, report.period.referenced, problem).into());
    }
    let mut warnings = Vec::new();
    for task in &report.tasks {
        let (where_, t) = (task.referenced, &task.value);
        match (t.status, t.done) {
            (TaskStatus::Done, None) => return Err(at(file, where_, TaskProblem::DoneWithoutDate).into()),
            (TaskStatus::Done, Some(done)) if done > report.as_of => {
                let problem = TaskProblem::DoneAfterAsOf {
                    done: date_short(done),
                    as_of: date_short(report.as_of),
                };
                return Err(at(file, where_, problem).into());
            }
            (status, Some(_)) if status != TaskStatus::Done => {
                warnings.push(at(file, where_, TaskProblem::DateButNotDone { status: status.code() }));
            }
            _ => {}
        }
    }
    Ok(warnings)
}

/// A reminder names at least one task, each overdue on its `as_of` day.
fn check_reminder(file: &YamlFile, reminder: &Reminder) -> Result<(), Error> {
    if reminder.tasks.is_empty() {
        let problem = TaskProblem::NoTasks { kind: "reminder" };
        return Err(at(file, reminder.to.referenced, problem).into());
    }
    for task in &reminder.tasks {
        if !crate::compose::task_figures::is_overdue(task.value.due, reminder.as_of) {
            let problem = TaskProblem::NotOverdue {
                due: date_short(task.value.due),
                as_of: date_short(reminder.as_of),
            };
            return Err(at(file, task.referenced, problem).into());
        }
    }
    Ok(())
}

/// `Thông báo số 05/TB-UBND` or `các Thông báo số 05/TB-UBND, 07/TB-UBND`.
fn notices_phrase<'a>(notices: impl Iterator<Item = &'a NoticeRef>) -> String {
    let mut numbers: Vec<&str> = Vec::new();
    for notice in notices {
        if !numbers.contains(&notice.number.trim()) {
            numbers.push(notice.number.trim());
        }
    }
    match numbers.as_slice() {
        [one] => format!("Thông báo số {one}"),
        many => format!("các Thông báo số {}", many.join(", ")),
    }
}
