//! The báo cáo kết quả thực hiện kết luận and the công văn đôn đốc drafted from the tracked
//! tasks (`vanban tasks report` / `tasks remind`, and the buttons of serve's tracking page).
//! Each is a record first, written (beside its PDF, on the command line) so that the office
//! edits its texts and takes it through review and issue like any document; the PDF is
//! rendered from that record, so the figures the PDF prints and those `--json` prints are
//! computed by one function from the same tasks.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::reminder::{self, ReminderRequest};
use super::task_report::{self, ReportRequest, ReportTexts};
use super::{IssuerInfo, SignedInfo};
use crate::archive::Archive;
use crate::archive::follow::{self, TaskProblem, TaskQuery};
use crate::compose::task_figures::{self, Tracked};
use crate::error::Error;
use crate::output::files::Folder;
use crate::record::load::YamlFile;
use crate::record::{NoticeRef, TaskStatus, TrackedTask, WorkingSession};
use crate::render::{RenderOptions, Renderer};

/// What `tasks report` is asked.
pub struct ReportAsked<'a> {
    pub archive_dir: &'a Path,
    pub from: crate::record::Date,
    pub to: crate::record::Date,
    pub issuer: Option<&'a str>,
    pub today: crate::record::Date,
    pub force: bool,
    pub output: &'a Path,
    /// Also render and write the PDF beside the record (the command line; serve writes the
    /// record only, into the folder its editor opens).
    pub with_documents: bool,
}

/// Drafts the report: its record (and PDF) in `output`; the files written, and the figures.
pub fn report(asked: &ReportAsked) -> Result<(Vec<PathBuf>, Value), Error> {
    let archive = Archive::open_existing(asked.archive_dir)?;
    let query = TaskQuery {
        issuer: asked.issuer,
        due_from: Some(asked.from),
        due_to: Some(asked.to),
        ..TaskQuery::default()
    };
    let tracked = archive.tasks(&query, asked.today)?;
    if tracked.is_empty() {
        return Err(problem(
            asked.archive_dir,
            TaskProblem::NothingToDraft { what: "báo cáo" },
        ));
    }
    let (issuer, signed) = issuer_and_signer(&archive, &tracked)?;
    let tasks: Vec<TrackedTask> = tracked.iter().map(as_record).collect();
    let id = format!("{}-{}-{}", code_slug(&issuer.code), asked.from, asked.to);
    let texts = ReportTexts::default();
    let text = task_report::record(&ReportRequest {
        id: &id,
        issuer: &issuer,
        from: asked.from,
        to: asked.to,
        as_of: asked.today,
        tasks: &tasks,
        texts: &texts,
        signed: &signed,
    });
    let written = write_and_render(asked.output, &[(id, text)], asked.force, asked.with_documents)?;
    let counted: Vec<Tracked> = tasks
        .iter()
        .map(|t| Tracked {
            status: t.status,
            due: t.due,
            done: t.done,
        })
        .collect();
    let f = task_figures::figures(&counted, asked.from, asked.to, asked.today);
    let figures = json!({
        "total": f.total,
        "done_on_time": f.on_time,
        "done_late": f.late,
        "open_in_time": f.in_time,
        "open_overdue": f.overdue,
        "paused": f.paused,
        "finished_rate": f.finished_rate,
        "on_time_rate": f.on_time_rate,
        "overdue_rate": f.overdue_rate,
    });
    Ok((written, figures))
}

/// What `tasks remind` is asked.
pub struct RemindAsked<'a> {
    pub archive_dir: &'a Path,
    pub issuer: Option<&'a str>,
    pub today: crate::record::Date,
    pub report_by: Option<crate::record::Date>,
    pub office_code: Option<&'a str>,
    pub force: bool,
    pub output: &'a Path,
    /// Also render and write the PDFs beside the records.
    pub with_documents: bool,
}

/// Drafts one reminder per lead body with overdue tasks: records (and PDFs) in `output`; the
/// files written.
pub fn remind(asked: &RemindAsked) -> Result<Vec<PathBuf>, Error> {
    let archive = Archive::open_existing(asked.archive_dir)?;
    let query = TaskQuery {
        issuer: asked.issuer,
        wanted: Some(follow::Wanted::Deadline(follow::Deadline::Overdue)),
        ..TaskQuery::default()
    };
    let overdue: Vec<follow::TrackedTask> = archive
        .tasks(&query, asked.today)?
        .into_iter()
        .filter(|t| t.status.is_open())
        .collect();
    if overdue.is_empty() {
        return Err(problem(
            asked.archive_dir,
            TaskProblem::NothingToDraft {
                what: "công văn đôn đốc",
            },
        ));
    }
    let (mut issuer, signed) = issuer_and_signer(&archive, &overdue)?;
    // A state công văn's number names the drafting unit's code after the issuer's.
    if let Some(code) = asked.office_code {
        issuer.office_code = Some(code.to_string());
    }
    if issuer.system == crate::record::IssuerSystem::State && issuer.office_code.is_none() {
        return Err(problem(
            asked.archive_dir,
            TaskProblem::NeedsOfficeCode { issuer: issuer.name },
        ));
    }
    let signed = SignedInfo {
        recipients: vec!["Như trên".into(), "Lưu: VT".into()],
        ..signed
    };
    let tasks: Vec<TrackedTask> = overdue.iter().map(as_record).collect();
    let prefix = format!("{}-{}", asked.today, code_slug(&issuer.code));
    let records = reminder::records_by_body(&ReminderRequest {
        id_prefix: &prefix,
        issuer: &issuer,
        as_of: asked.today,
        tasks: &tasks,
        report_by: asked.report_by,
        closing: &[],
        signed: &signed,
    });
    let named: Vec<(String, String)> = records
        .into_iter()
        .enumerate()
        .map(|(i, (_, text))| (format!("{prefix}-{}", i + 1), text))
        .collect();
    write_and_render(asked.output, &named, asked.force, asked.with_documents)
}

/// The issuer of the tasks' notices as its newest notice's record gives it, and that
/// notice's signer; an error when the tasks come from several issuers.
fn issuer_and_signer(archive: &Archive, tasks: &[follow::TrackedTask]) -> Result<(IssuerInfo, SignedInfo), Error> {
    let mut issuers: Vec<String> = tasks.iter().map(|t| t.issuer.clone()).collect();
    issuers.sort();
    issuers.dedup();
    if issuers.len() > 1 {
        return Err(problem(archive.dir(), TaskProblem::SeveralIssuers { issuers }));
    }
    let newest = tasks
        .iter()
        .max_by_key(|t| (t.notice_date, t.entry.clone()))
        .expect("tasks are not empty");
    let record = archive
        .files_of(&newest.entry)?
        .into_iter()
        .find(|f| f.role == "record")
        .map(|f| archive.dir().join("entries").join(&newest.entry).join(f.path))
        .ok_or_else(|| Error::NoSuchEntry {
            id: newest.entry.clone(),
        })?;
    let session: WorkingSession = YamlFile::read(&record)?.parse()?;
    let issuer = IssuerInfo {
        system: session.issuer.system,
        parent: session.issuer.parent.clone(),
        name: session.issuer.name.value.clone(),
        code: session.issuer.code.clone(),
        place: session.issuer.place.clone(),
        office: session.issuer.office.clone(),
        office_code: session.issuer.office_code.clone(),
    };
    let notice = session.documents.notice.as_ref();
    let signer = notice.map(|n| &n.value.signer).ok_or_else(|| Error::NoSuchEntry {
        id: newest.entry.clone(),
    })?;
    let signed = SignedInfo {
        number: None,
        date: None,
        authority: signer.authority.value.clone(),
        position: signer.position.clone(),
        name: signer.name.clone(),
        recipients: vec!["Lưu: VT".into()],
    };
    Ok((issuer, signed))
}

/// A tracked task as a follow-up record lists it.
fn as_record(task: &follow::TrackedTask) -> TrackedTask {
    TrackedTask {
        task: task.task.clone(),
        notice: NoticeRef {
            number: task.notice.clone(),
            date: task.notice_date,
        },
        assignee: task.assignee.clone(),
        partners: task.partners.clone(),
        due: task.due,
        status: status_of(task.status),
        done: task.done,
        result: None,
    }
}

fn status_of(status: follow::Status) -> TaskStatus {
    match status {
        follow::Status::NotStarted => TaskStatus::NotStarted,
        follow::Status::InProgress => TaskStatus::InProgress,
        follow::Status::AwaitingConfirmation => TaskStatus::AwaitingConfirmation,
        follow::Status::Done => TaskStatus::Done,
        follow::Status::Suspended => TaskStatus::Paused,
    }
}

/// Renders each `(id, text)` record, then writes it as `<id>.yaml` in `output` (beside its
/// documents, `with_documents`): never over an earlier record without `force` (the office may
/// have edited it), and nothing at all when one of them does not render.
fn write_and_render(
    output: &Path,
    records: &[(String, String)],
    force: bool,
    with_documents: bool,
) -> Result<Vec<PathBuf>, Error> {
    let renderer = Renderer::new(Default::default())?;
    let scratch = tempfile::tempdir().map_err(|e| Error::write(&std::env::temp_dir(), e))?;
    let mut made = Vec::new();
    for (id, text) in records {
        let name = format!("{id}.yaml");
        let path = scratch.path().join(&name);
        std::fs::write(&path, text).map_err(|e| Error::write(&path, e))?;
        let prepared = crate::prepare::prepare(&path)?;
        made.push((name, text, renderer.render(&prepared, RenderOptions::default())?.files));
    }
    std::fs::create_dir_all(output).map_err(|e| Error::write(output, e))?;
    let folder = Folder::open(output)?;
    let mut written = Vec::new();
    for (name, text, files) in made {
        written.push(match force {
            true => folder.write_atomic(&name, text.as_bytes())?,
            false => folder.write_new(&name, text.as_bytes())?,
        });
        if with_documents {
            written.extend(folder.write_all(&files)?);
        }
    }
    Ok(written)
}

/// The issuer's code as a file name's part: `UBND` → `ubnd`, `ĐU` → `du`.
fn code_slug(code: &str) -> String {
    crate::vietnamese::without_marks(code)
        .to_lowercase()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

fn problem(archive_dir: &Path, problem: TaskProblem) -> Error {
    follow::task_problem(archive_dir, problem)
}
