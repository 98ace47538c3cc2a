//! The office's steps in the page, when the folder has users: where a record stands, the
//! steps (trình, trả lại, duyệt), the versions saves kept and what changed between two,
//! labelled as the form labels its fields. Issuing ("Cấp số, ban hành") is `POST /api/archive`. A
//! record is known by its one real name ([`record_key`]), whatever the request's spelling.

use std::sync::{Arc, PoisonError};

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use serde_json::json;

use super::AppState;
use super::editor::version_of;
use super::security::{Refusal, read_checked, record_key};
use super::steps;
use crate::office::users::User;
use crate::office::workflow::Step;

/// `?path=` of a record.
#[derive(Debug, Deserialize)]
pub struct At {
    /// Relative path.
    pub path: String,
}

/// `GET /api/workflow?path=`: where the record stands (`null` without users), whether it can
/// still be changed, and for an issued record its entries, numbers and text as filed.
pub async fn standing(State(state): State<Arc<AppState>>, Query(at): Query<At>) -> Response {
    let lang = state.config.lang;
    let key = match record_key(&state.config.folder, &at.path) {
        Ok((_, key)) => key,
        Err(refusal) => return refusal.respond(lang),
    };
    match steps::standing(&state, &key) {
        None => Json(json!(null)).into_response(),
        Some(Ok(standing)) => {
            let mut body = json!(standing);
            let issued = standing.state.is_filed();
            body["read_only"] = json!(issued);
            body["path"] = json!(key);
            // Whether this server issues ("Cấp số, ban hành" needs the archive).
            body["archive"] = json!(state.config.archive_dir.is_some());
            if issued {
                let state = state.clone();
                let found = tokio::task::spawn_blocking(move || super::numbers::issued(&state, &key)).await;
                body["issued"] = found.unwrap_or_default();
            }
            Json(body).into_response()
        }
        Some(Err(error)) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            Json(json!({ "error": error.render(lang) })),
        )
            .into_response(),
    }
}

/// A step on a record.
#[derive(Debug, Deserialize)]
pub struct Take {
    /// Relative path.
    pub path: String,
    /// `submit`, `return` or `approve`.
    pub step: Step,
    /// A return's reason.
    #[serde(default)]
    pub reason: String,
    /// A submit's text: the editor's, saved and submitted in one step (absent: the file as
    /// saved).
    #[serde(default)]
    pub text: Option<String>,
    /// The version the editor's text started from (a submit with text is refused with the
    /// text on disk when the file changed since).
    #[serde(default)]
    pub base: Option<String>,
}

/// `POST /api/workflow`: takes a step, one at a time with saves and issues. A submit saves
/// the editor's text and submits it; a submit or an approval of a record with errors is
/// refused with 422 and its problems; an approval freezes the version under review (409
/// when the file differs from it). 403 for a role that may not, 409 for a record not in the
/// state the step starts from.
pub async fn take(
    State(state): State<Arc<AppState>>,
    user: Option<Extension<User>>,
    axum::extract::ConnectInfo(peer): axum::extract::ConnectInfo<std::net::SocketAddr>,
    Json(request): Json<Take>,
) -> Response {
    let lang = state.config.lang;
    let (Some(office), Some(Extension(user))) = (state.office.clone(), user) else {
        return Refusal::new(StatusCode::NOT_FOUND, "err_not_found").respond(lang);
    };
    let (path, key) = match record_key(&state.config.folder, &request.path) {
        Ok(found) => found,
        Err(refusal) => return refusal.respond(lang),
    };
    if request.step == Step::Issue {
        // Issuing files the documents: it is "Lưu vào kho".
        return Refusal::new(StatusCode::BAD_REQUEST, "err_not_found").respond(lang);
    }
    let _one_step_at_a_time = state.steps.hold(&key).await;
    let on_disk = read_checked(&state.config.folder, &path).await;
    let (bytes, write) = match (request.step, request.text) {
        (Step::Submit, Some(text)) => {
            if on_disk.as_deref().map(version_of) != request.base {
                return super::save::conflict(&state, &key, on_disk);
            }
            let write = on_disk.as_deref() != Some(text.as_bytes());
            (Some(text.into_bytes()), write)
        }
        (Step::Submit | Step::Approve, _) => (on_disk, false),
        (Step::Return | Step::Issue, _) => (None, false),
    };
    let examined = match &bytes {
        Some(bytes) => match steps::examine(&state, &path, &key, bytes.clone()).await {
            Ok(examined) => Some(examined),
            Err(refused) => return refused,
        },
        None if request.step == Step::Return => None,
        None => return Refusal::new(StatusCode::NOT_FOUND, "err_not_found").respond(lang),
    };
    let text = bytes
        .as_deref()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    // What is left unfinished goes back with the step taken: warnings, which do not block.
    let warnings: Vec<_> = examined
        .iter()
        .flat_map(|e| e.notes.iter().filter(|n| n.severity == "warning").cloned())
        .collect();
    let (address, folder) = (peer.ip().to_string(), state.config.folder.clone());
    let taken = tokio::task::spawn_blocking(move || {
        let office = office.lock().unwrap_or_else(PoisonError::into_inner);
        // The editor's text is written only for a step the person and the state allow.
        if write && !request.step.allows(user.role) {
            return Ok(Err(crate::office::workflow::Refused::Role));
        }
        if write {
            let now = office.standing(&key)?;
            if now.state != crate::office::workflow::State::Draft {
                return Ok(Err(crate::office::workflow::Refused::State(now.state)));
            }
            crate::output::files::write_inside(&folder, &path, text.as_bytes(), false)?;
        }
        let content = examined.as_ref().map(|e| steps::content(&text, e));
        let taken = office.take(&user, &key, request.step, &request.reason, &address, content)?;
        Ok(taken.map(|standing| {
            let mut body = json!(standing);
            if let Some(bytes) = &bytes {
                body["saved_version"] = json!(version_of(bytes));
            }
            body["warnings"] = json!(warnings);
            body
        }))
    })
    .await;
    match taken {
        Ok(taken) => steps::respond(taken, lang),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// `?path=&a=&b=`: two versions of a record (`b` absent: the file as it is now).
#[derive(Debug, Deserialize)]
pub struct Compare {
    /// Relative path.
    pub path: String,
    /// The first version.
    pub a: Option<i64>,
    /// The second version.
    pub b: Option<i64>,
}

/// `GET /api/versions?path=[&a=N&b=M]`: the versions saves kept; with `a`, what changed from
/// version `a` to version `b` (or to the file as it is), field by field, labelled.
pub async fn versions(State(state): State<Arc<AppState>>, Query(query): Query<Compare>) -> Response {
    let lang = state.config.lang;
    let Some(office) = state.office.clone() else {
        return Json(json!({ "versions": [] })).into_response();
    };
    let (path, key) = match record_key(&state.config.folder, &query.path) {
        Ok(found) => found,
        Err(refusal) => return refusal.respond(lang),
    };
    let now = read_checked(&state.config.folder, &path).await.unwrap_or_default();
    let office = office.lock().unwrap_or_else(PoisonError::into_inner);
    let list = office.versions(&key).unwrap_or_default();
    let versions: Vec<_> = list
        .iter()
        .map(|(seq, by, at)| json!({ "seq": seq, "by": by, "at": at }))
        .collect();
    let Some(a) = query.a else {
        return Json(json!({ "versions": versions })).into_response();
    };
    let text_of = |seq: Option<i64>| match seq {
        Some(seq) => office.version(&key, seq).ok().flatten(),
        None => Some(String::from_utf8_lossy(&now).into_owned()),
    };
    let (Some(before), Some(after)) = (text_of(Some(a)), text_of(query.b)) else {
        return Refusal::new(StatusCode::NOT_FOUND, "err_not_found").respond(lang);
    };
    let read = |text: &str| crate::form::read(text).unwrap_or_default();
    let changes: Vec<_> = crate::form::diff::changes(&read(&before), &read(&after))
        .into_iter()
        .map(|c| json!({ "field": c.field, "label": super::labels::label_of(&c.field, lang), "before": c.before, "after": c.after }))
        .collect();
    Json(json!({ "versions": versions, "changes": changes })).into_response()
}
