//! The "Theo dõi nhiệm vụ" page's routes: the archive's tracked tasks as of today in the
//! office's zone, filtered by issuer, lead body, status or deadline state and due period; a
//! task's history; an update (status, day, note, evidence as a document's "số, ngày") by
//! the soạn thảo or the quản trị; confirming or refusing (with a reason) by the văn thư, the
//! lãnh đạo or the quản trị. The roles are checked by the gate ([`super::people`]), which also
//! writes each change (or refusal) in the office's audit log; the archive's task history
//! names the person as `serve:<name>` (`serve` when the folder has no users).

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use serde_json::{Value, json};

use super::AppState;
use super::people::Logged;
use crate::archive::Archive;
use crate::archive::follow::model::{day_line, today_in_office};
use crate::archive::follow::{Evidence, Status, TaskQuery, TaskUpdate, TrackedTask, Update, Wanted};
use crate::error::Error;
use crate::office::users::User;
use crate::problem::Lang;
use crate::record::Date;

/// `GET /api/tasks?issuer=&assignee=&wanted=&due_from=&due_to=`.
#[derive(Debug, Deserialize)]
pub struct ListQuery {
    /// The issuer's words.
    pub issuer: Option<String>,
    /// The lead body's words.
    pub assignee: Option<String>,
    /// A status slug (`dang-thuc-hien`) or a deadline slug (`qua-han`).
    pub wanted: Option<String>,
    /// Due from this day (YYYY-MM-DD).
    pub due_from: Option<String>,
    /// Due up to this day.
    pub due_to: Option<String>,
}

/// `GET /api/tasks/history?id=`.
#[derive(Debug, Deserialize)]
pub struct HistoryQuery {
    /// The task's id.
    pub id: String,
}

/// What `POST /api/tasks/update`, `/confirm` and `/refuse` carry.
#[derive(Debug, Deserialize)]
pub struct Change {
    /// The task's id.
    pub id: String,
    /// The new status (an update only).
    #[serde(default)]
    pub status: String,
    /// The day it happened (YYYY-MM-DD); today when empty.
    #[serde(default)]
    pub date: String,
    /// The note, or the reason of a suspension or a refusal.
    #[serde(default)]
    pub note: String,
    /// The evidence document's number (số và ký hiệu).
    #[serde(default)]
    pub evidence_number: String,
    /// The evidence document's date.
    #[serde(default)]
    pub evidence_date: String,
}

/// An answer with a message in the page's language, naming the field at fault when one is.
fn bad(lang: Lang, key: &str, field: &str) -> Response {
    let body = json!({ "error": super::text::t(lang, key), "field": field });
    (StatusCode::BAD_REQUEST, Json(body)).into_response()
}

/// A day from the form (`None` when empty), or the name of the field that does not hold one.
fn day(value: Option<&str>, field: &'static str) -> Result<Option<Date>, &'static str> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => Date::parse(text).map(Some).map_err(|_| field),
    }
}

/// The archive the server files into, when it exists.
fn archive(state: &AppState) -> Result<Option<Archive>, Error> {
    let Some(dir) = &state.config.archive_dir else {
        return Ok(None);
    };
    match Archive::open_existing(dir) {
        Ok(archive) => Ok(Some(archive)),
        Err(Error::NoArchive { .. }) => Ok(None),
        Err(error) => Err(error),
    }
}

/// A task as the page shows it.
fn task_json(task: &TrackedTask, today: Date) -> Value {
    json!({
        "id": task.id,
        "entry": task.entry,
        "notice": task.notice,
        "notice_date": day_line(task.notice_date),
        "issuer": task.issuer,
        "assignee": task.assignee,
        "partners": task.partners,
        "task": task.task,
        "due": task.due.map(day_line),
        "status": task.status,
        "deadline": task.deadline(today),
        "done": task.done.map(day_line),
        "on_time": task.on_time(),
    })
}

fn update_json(update: &TaskUpdate) -> Value {
    json!({
        "date": day_line(update.date),
        "recorded": update.recorded,
        "by": update.by,
        "action": update.action,
        "before": update.before,
        "status": update.status,
        "note": update.note,
        "evidence_doc": update.evidence_doc,
        "evidence_date": update.evidence_date.map(day_line),
        "evidence_file": update.evidence_file,
    })
}

/// Runs `work` off the async threads; its error is a 400 with the message and hint.
async fn blocking(lang: Lang, work: impl FnOnce() -> Result<Value, Error> + Send + 'static) -> Response {
    match tokio::task::spawn_blocking(work).await {
        Ok(Ok(body)) => Json(body).into_response(),
        Ok(Err(error)) => {
            let body = json!({ "error": error.render(lang) });
            (StatusCode::BAD_REQUEST, Json(body)).into_response()
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// `GET /api/tasks`: `{ today, archive_on, tasks: [...] }`.
pub async fn list(State(state): State<Arc<AppState>>, Query(query): Query<ListQuery>) -> Response {
    let lang = state.config.lang;
    let (due_from, due_to) = match (
        day(query.due_from.as_deref(), "due_from"),
        day(query.due_to.as_deref(), "due_to"),
    ) {
        (Ok(from), Ok(to)) => (from, to),
        (Err(field), _) | (_, Err(field)) => return bad(lang, "tasks_bad_date", field),
    };
    let wanted = match query.wanted.as_deref().map(str::trim).filter(|w| !w.is_empty()) {
        None => None,
        Some(text) => match Wanted::parse(text) {
            Ok(wanted) => Some(wanted),
            Err(_) => return bad(lang, "tasks_bad_wanted", "wanted"),
        },
    };
    blocking(lang, move || {
        let today = today_in_office();
        let Some(archive) = archive(&state)? else {
            return Ok(json!({ "today": day_line(today), "archive_on": false, "tasks": [] }));
        };
        let blank = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(String::from);
        let (issuer, assignee) = (blank(&query.issuer), blank(&query.assignee));
        let query = TaskQuery {
            issuer: issuer.as_deref(),
            assignee: assignee.as_deref(),
            wanted,
            due_from,
            due_to,
        };
        let tasks: Vec<Value> = archive
            .tasks(&query, today)?
            .iter()
            .map(|t| task_json(t, today))
            .collect();
        Ok(json!({ "today": day_line(today), "archive_on": true, "tasks": tasks }))
    })
    .await
}

/// `GET /api/tasks/history?id=`: the task and its updates, oldest first.
pub async fn history(State(state): State<Arc<AppState>>, Query(query): Query<HistoryQuery>) -> Response {
    let lang = state.config.lang;
    blocking(lang, move || {
        let today = today_in_office();
        let Some(archive) = archive(&state)? else {
            return Err(Error::NoArchive {
                path: state.config.archive_dir.clone().unwrap_or_default(),
            });
        };
        let task = archive.task(&query.id)?;
        let updates: Vec<Value> = archive.task_history(&task.id)?.iter().map(update_json).collect();
        Ok(json!({ "task": task_json(&task, today), "history": updates }))
    })
    .await
}

/// Who writes a change: `serve:<name>`, or `serve` without users.
fn by(user: Option<Extension<User>>) -> String {
    user.map_or("serve".to_string(), |Extension(u)| format!("serve:{}", u.name))
}

/// Which change a POST is.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Update,
    Confirm,
    Refuse,
}

/// `POST /api/tasks/update`: for the soạn thảo and the quản trị (checked by the gate).
pub async fn update(state: State<Arc<AppState>>, user: Option<Extension<User>>, body: Json<Change>) -> Response {
    change(state, user, body, Kind::Update).await
}

/// `POST /api/tasks/confirm`: for the văn thư, the lãnh đạo and the quản trị.
pub async fn confirm(state: State<Arc<AppState>>, user: Option<Extension<User>>, body: Json<Change>) -> Response {
    change(state, user, body, Kind::Confirm).await
}

/// `POST /api/tasks/refuse`: as confirming; a reason (`note`) is required.
pub async fn refuse(state: State<Arc<AppState>>, user: Option<Extension<User>>, body: Json<Change>) -> Response {
    change(state, user, body, Kind::Refuse).await
}

async fn change(
    State(state): State<Arc<AppState>>,
    user: Option<Extension<User>>,
    Json(body): Json<Change>,
    kind: Kind,
) -> Response {
    let lang = state.config.lang;
    let date = match day(Some(&body.date), "date") {
        Ok(date) => date,
        Err(field) => return bad(lang, "tasks_bad_date", field),
    };
    let status = match kind {
        Kind::Update => match Status::parse(&body.status) {
            Some(status) => Some(status),
            None => return bad(lang, "tasks_bad_status", "status"),
        },
        _ => None,
    };
    let number = body.evidence_number.trim().to_string();
    let evidence_date = match day(Some(&body.evidence_date), "evidence_date") {
        Ok(d) => d,
        Err(field) => return bad(lang, "tasks_bad_date", field),
    };
    let evidence = match (number.is_empty(), evidence_date) {
        (true, None) => None,
        (false, Some(d)) => Some(d),
        (true, Some(_)) => return bad(lang, "tasks_evidence_number", "evidence_number"),
        (false, None) => return bad(lang, "tasks_evidence_date", "evidence_date"),
    };
    let by = by(user);
    let id = body.id.trim().to_string();
    let logged = format!("task {id}");
    let mut response = blocking(lang, move || {
        let today = today_in_office();
        let date = date.unwrap_or(today);
        let Some(mut archive) = archive(&state)? else {
            return Err(Error::NoArchive {
                path: state.config.archive_dir.clone().unwrap_or_default(),
            });
        };
        let task = match (kind, status) {
            (Kind::Update, Some(status)) => {
                let update = Update {
                    status,
                    date,
                    note: &body.note,
                    evidence: evidence.map(|d| Evidence::Document {
                        number: &number,
                        date: d,
                    }),
                    by: &by,
                };
                archive.update_task(&id, &update, today)?
            }
            (Kind::Refuse, _) => archive.refuse_task(&id, date, &body.note, &by, today)?,
            _ => archive.confirm_task(&id, date, &by, today)?,
        };
        Ok(json!({ "task": task_json(&task, today) }))
    })
    .await;
    response.extensions_mut().insert(Logged(logged));
    response
}
