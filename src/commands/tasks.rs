//! `vanban tasks ...`: the tasks of issued notices, tracked in the archive (list, update,
//! confirm, refuse, history, figures). The work is the archive's ([`crate::archive::follow`]);
//! this file reads the arguments and prints.

use std::path::Path;

use serde_json::{Value, json};

use crate::archive::Archive;
use crate::archive::follow::model::{day_line, today_in_office};
use crate::archive::follow::{
    Evidence, Figures, Status, TaskProblem, TaskQuery, TaskUpdate, TrackedTask, Update, Wanted,
};
use crate::args::{RemindArgs, ReportArgs, TasksCommand};

use crate::error::Error;
use crate::problem::Lang;
use crate::record::Date;

use super::office::cli_user;
use super::say;
use crate::follow_up::draft;

/// How many characters of a task's text a list line shows.
const TASK_CHARS: usize = 60;

/// Runs one `tasks` subcommand.
pub fn run(command: &TasksCommand, _lang: Lang) -> Result<(), Error> {
    match command {
        TasksCommand::List {
            today,
            issuer,
            assignee,
            status,
            from,
            to,
            json,
            archive_dir,
        } => {
            let archive = Archive::open_existing(archive_dir)?;
            let wanted = match status {
                Some(status) => Some(Wanted::parse(status).map_err(|p| problem(archive_dir, p))?),
                None => None,
            };
            let query = TaskQuery {
                issuer: issuer.as_deref(),
                assignee: assignee.as_deref(),
                wanted,
                due_from: *from,
                due_to: *to,
            };
            let today = today.unwrap_or_else(today_in_office);
            list(&archive.tasks(&query, today)?, today, *json)
        }
        TasksCommand::Update {
            id,
            status,
            date,
            note,
            evidence,
            evidence_doc,
            archive_dir,
        } => {
            let evidence = Given {
                file: evidence.as_deref(),
                document: evidence_doc.as_deref(),
            };
            update(archive_dir, id, status, *date, note.as_deref(), evidence)
        }
        TasksCommand::Confirm { id, date, archive_dir } => {
            let today = today_in_office();
            let mut archive = Archive::open_existing(archive_dir)?;
            changed(&archive.confirm_task(id, date.unwrap_or(today), &cli_user(), today)?)
        }
        TasksCommand::Refuse {
            id,
            reason,
            date,
            archive_dir,
        } => {
            let today = today_in_office();
            let mut archive = Archive::open_existing(archive_dir)?;
            changed(&archive.refuse_task(id, date.unwrap_or(today), reason, &cli_user(), today)?)
        }
        TasksCommand::History { id, json, archive_dir } => {
            let archive = Archive::open_existing(archive_dir)?;
            let task = archive.task(id)?;
            history(&task, &archive.task_history(&task.id)?, *json)
        }
        TasksCommand::Figures {
            from,
            to,
            issuer,
            today,
            json,
            archive_dir,
        } => {
            let archive = Archive::open_existing(archive_dir)?;
            let today = today.unwrap_or_else(today_in_office);
            figures(&archive.task_figures(*from, *to, issuer.as_deref(), today)?, *json)
        }
        TasksCommand::Report(args) => report(args),
        TasksCommand::Remind(args) => remind(args),
    }
}

/// The evidence given on the command line.
struct Given<'a> {
    file: Option<&'a Path>,
    document: Option<&'a str>,
}

/// `tasks update`: the status and the evidence read, the update recorded.
fn update(
    archive_dir: &Path,
    id: &str,
    status: &str,
    date: Option<Date>,
    note: Option<&str>,
    given: Given,
) -> Result<(), Error> {
    let status = Status::parse(status).ok_or_else(|| {
        let given = status.to_string();
        problem(
            archive_dir,
            TaskProblem::UnknownStatus {
                given,
                deadlines_too: false,
            },
        )
    })?;
    let document = match given.document {
        Some(text) => Some(evidence_document(text).ok_or_else(|| {
            problem(
                archive_dir,
                TaskProblem::EvidenceDoc {
                    given: text.to_string(),
                },
            )
        })?),
        None => None,
    };
    let evidence = match (given.file, &document) {
        (Some(file), _) => Some(Evidence::File(file)),
        (None, Some((number, date))) => Some(Evidence::Document { number, date: *date }),
        (None, None) => None,
    };
    let today = today_in_office();
    let by = cli_user();
    let update = Update {
        status,
        date: date.unwrap_or(today),
        note: note.unwrap_or_default(),
        evidence,
        by: &by,
    };
    let mut archive = Archive::open_existing(archive_dir)?;
    changed(&archive.update_task(id, &update, today)?)
}

/// `tasks report`: the record and its PDF written, the figures printed when asked.
fn report(args: &ReportArgs) -> Result<(), Error> {
    let (written, figures) = draft::report(&draft::ReportAsked {
        archive_dir: &args.archive_dir,
        from: args.from,
        to: args.to,
        issuer: args.issuer.as_deref(),
        today: args.today.unwrap_or_else(today_in_office),
        force: args.force,
        output: &args.output,
        with_documents: true,
    })?;
    for path in written {
        say!("{}", path.display());
    }
    if args.json {
        say!("{figures}");
    }
    Ok(())
}

/// `tasks remind`: a record and its PDF per lead body with overdue tasks.
fn remind(args: &RemindArgs) -> Result<(), Error> {
    let written = draft::remind(&draft::RemindAsked {
        archive_dir: &args.archive_dir,
        issuer: args.issuer.as_deref(),
        today: args.today.unwrap_or_else(today_in_office),
        report_by: args.report_by,
        office_code: args.office_code.as_deref(),
        force: args.force,
        output: &args.output,
        with_documents: true,
    })?;
    for path in written {
        say!("{}", path.display());
    }
    Ok(())
}

fn problem(archive_dir: &Path, problem: TaskProblem) -> Error {
    crate::archive::follow::task_problem(archive_dir, problem)
}

/// `"15/BC-HTX, 20/04/2026"` (or `…, 2026-04-20`): the number and the date.
fn evidence_document(text: &str) -> Option<(String, Date)> {
    let (number, date) = text.rsplit_once(',')?;
    let (number, date) = (number.trim(), date.trim());
    if number.is_empty() {
        return None;
    }
    let date = Date::parse(date).ok().or_else(|| {
        let parts: Vec<u32> = date.split('/').map(|p| p.trim().parse().ok()).collect::<Option<_>>()?;
        let [day, month, year] = parts.as_slice() else {
            return None;
        };
        Date::parse(&format!("{year:04}-{month:02}-{day:02}")).ok()
    })?;
    Some((number.to_string(), date))
}

/// Prints each task on one line, or all as JSON.
fn list(tasks: &[TrackedTask], today: Date, json: bool) -> Result<(), Error> {
    if json {
        let all: Vec<Value> = tasks.iter().map(|t| task_json(t, today)).collect();
        println!("{}", serde_json::to_string_pretty(&all).unwrap_or_default());
        return Ok(());
    }
    for task in tasks {
        say!(
            "{}\t{} ngày {}\t{}\t{}\t{}\t{}",
            task.id,
            task.notice,
            day_line(task.notice_date),
            task.assignee,
            shortened(&task.task),
            task.due.map_or("không có thời hạn".to_string(), |d| format!(
                "hạn {}",
                day_line(d)
            )),
            standing(task, today)
        );
    }
    Ok(())
}

/// "đang thực hiện, sắp đến hạn"; "hoàn thành, trong hạn (xong 28/04/2026)".
fn standing(task: &TrackedTask, today: Date) -> String {
    let state = task.deadline(today).words();
    match task.done {
        Some(done) if task.status == Status::Done => {
            format!("{}, {state} (xong {})", task.status.words(), day_line(done))
        }
        _ => format!("{}, {state}", task.status.words()),
    }
}

fn shortened(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= TASK_CHARS {
        return text;
    }
    let cut: String = text.chars().take(TASK_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

fn task_json(task: &TrackedTask, today: Date) -> Value {
    json!({
        "id": task.id,
        "entry": task.entry,
        "notice": task.notice,
        "notice_date": task.notice_date.to_string(),
        "issuer": task.issuer,
        "assignee": task.assignee,
        "partners": task.partners,
        "task": task.task,
        "due": task.due.map(|d| d.to_string()),
        "status": task.status,
        "deadline": task.deadline(today),
        "done": task.done.map(|d| d.to_string()),
        "on_time": task.on_time(),
    })
}

/// Prints the task as it is after a change.
fn changed(task: &TrackedTask) -> Result<(), Error> {
    say!("{}: {}", task.id, standing(task, today_in_office()));
    Ok(())
}

fn history(task: &TrackedTask, updates: &[TaskUpdate], json: bool) -> Result<(), Error> {
    let today = today_in_office();
    if json {
        let updates: Vec<Value> = updates.iter().map(update_json).collect();
        let mut value = task_json(task, today);
        value["history"] = Value::Array(updates);
        println!("{}", serde_json::to_string_pretty(&value).unwrap_or_default());
        return Ok(());
    }
    say!(
        "{}\t{} ngày {}\t{}",
        task.id,
        task.notice,
        day_line(task.notice_date),
        task.assignee
    );
    say!("\t{}", task.task);
    for u in updates {
        let evidence = match (&u.evidence_doc, u.evidence_date, &u.evidence_file) {
            (Some(number), Some(date), _) => format!("\tminh chứng: văn bản {number} ngày {}", day_line(date)),
            (_, _, Some(file)) => format!("\tminh chứng: {file}"),
            _ => String::new(),
        };
        say!(
            "{}\t{} → {}\t{}\t{}{}",
            day_line(u.date),
            u.before.words(),
            u.status.words(),
            u.by,
            u.note,
            evidence
        );
    }
    Ok(())
}

fn update_json(u: &TaskUpdate) -> Value {
    json!({
        "seq": u.seq,
        "date": u.date.to_string(),
        "recorded": u.recorded,
        "by": u.by,
        "action": u.action,
        "before": u.before,
        "status": u.status,
        "note": u.note,
        "evidence_doc": u.evidence_doc,
        "evidence_date": u.evidence_date.map(|d| d.to_string()),
        "evidence_file": u.evidence_file,
        "evidence_sha256": u.evidence_sha256,
    })
}

fn figures(f: &Figures, json: bool) -> Result<(), Error> {
    if json {
        println!("{}", serde_json::to_string_pretty(f).unwrap_or_default());
        return Ok(());
    }
    let lines = [
        ("Tổng số nhiệm vụ", f.total),
        ("Đã hoàn thành", f.done),
        ("  đúng hạn", f.done_on_time),
        ("  quá hạn", f.done_late),
        ("Chưa hoàn thành", f.open),
        ("  trong hạn", f.open_in_time),
        ("  (trong đó sắp đến hạn)", f.due_soon),
        ("  quá hạn", f.open_overdue),
        ("  (trong đó chờ xác nhận)", f.awaiting_confirmation),
        ("Tạm hoãn", f.suspended),
    ];
    for (label, n) in lines {
        say!("{label}\t{n}");
    }
    Ok(())
}
