//! The office's steps in the page, when the folder has users: where a record stands, the
//! steps (trình, trả lại, duyệt), the versions saves kept and what changed between two,
//! labelled as the form labels its fields. Issuing is "Lưu vào kho", in the downloads.

use std::sync::{Arc, PoisonError};

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use serde_json::json;

use super::AppState;
use super::security::{Refusal, confine_record, read_checked};
use crate::office::users::User;
use crate::office::workflow::Step;

/// `?path=` of a record.
#[derive(Debug, Deserialize)]
pub struct At {
    /// Relative path.
    pub path: String,
}

/// `GET /api/workflow?path=`: where the record stands (`null` without users).
pub async fn standing(State(state): State<Arc<AppState>>, Query(at): Query<At>) -> Response {
    let Some(office) = &state.office else {
        return Json(json!(null)).into_response();
    };
    let office = office.lock().unwrap_or_else(PoisonError::into_inner);
    match office.standing(&at.path) {
        Ok(standing) => Json(json!(standing)).into_response(),
        Err(error) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            Json(json!({ "error": error.render(state.config.lang) })),
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
}

/// `POST /api/workflow`: takes a step; 403 for a role that may not, 409 for a record not in
/// the state the step starts from.
pub async fn take(
    State(state): State<Arc<AppState>>,
    user: Option<Extension<User>>,
    axum::extract::ConnectInfo(peer): axum::extract::ConnectInfo<std::net::SocketAddr>,
    Json(request): Json<Take>,
) -> Response {
    let lang = state.config.lang;
    let (Some(office), Some(Extension(user))) = (&state.office, user) else {
        return Refusal::new(StatusCode::NOT_FOUND, "err_not_found").respond(lang);
    };
    let path = match confine_record(&state.config.folder, &request.path) {
        Ok(path) => path,
        Err(refusal) => return refusal.respond(lang),
    };
    if request.step == Step::Issue {
        // Issuing files the documents: it is "Lưu vào kho".
        return Refusal::new(StatusCode::BAD_REQUEST, "err_not_found").respond(lang);
    }
    // The text as submitted is kept: a returned draft then shows what changed since.
    let submitted = match request.step {
        Step::Submit => read_checked(&state.config.folder, &path).await,
        _ => None,
    };
    let office = office.lock().unwrap_or_else(PoisonError::into_inner);
    let taken = office.take(
        &user,
        &request.path,
        request.step,
        &request.reason,
        &peer.ip().to_string(),
    );
    if let (Ok(Ok(_)), Some(text)) = (&taken, submitted) {
        let _ = office.keep_version(&user, &request.path, &String::from_utf8_lossy(&text));
    }
    respond(taken, lang)
}

/// A step's outcome as an answer.
pub fn respond<T: serde::Serialize>(
    taken: Result<Result<T, crate::office::workflow::Refused>, crate::error::Error>,
    lang: crate::problem::Lang,
) -> Response {
    use crate::office::workflow::Refused;
    use crate::problem::Worded;
    match taken {
        Ok(Ok(done)) => Json(json!(done)).into_response(),
        Ok(Err(refused)) => {
            let status = match refused {
                Refused::Role => StatusCode::FORBIDDEN,
                Refused::Missing => StatusCode::NOT_FOUND,
                Refused::Empty => StatusCode::BAD_REQUEST,
                Refused::NoReason | Refused::State(_) => StatusCode::CONFLICT,
            };
            let (message, hint) = refused.problem().text();
            (
                status,
                Json(json!({ "error": message.take(lang), "hint": hint.take(lang) })),
            )
                .into_response()
        }
        Err(error) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            Json(json!({ "error": error.render(lang) })),
        )
            .into_response(),
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
    let path = match confine_record(&state.config.folder, &query.path) {
        Ok(path) => path,
        Err(refusal) => return refusal.respond(lang),
    };
    let now = read_checked(&state.config.folder, &path).await.unwrap_or_default();
    let office = office.lock().unwrap_or_else(PoisonError::into_inner);
    let list = office.versions(&query.path).unwrap_or_default();
    let versions: Vec<_> = list
        .iter()
        .map(|(seq, by, at)| json!({ "seq": seq, "by": by, "at": at }))
        .collect();
    let Some(a) = query.a else {
        return Json(json!({ "versions": versions })).into_response();
    };
    let text_of = |seq: Option<i64>| match seq {
        Some(seq) => office.version(&query.path, seq).ok().flatten(),
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

/// With users, the refusal of an action on the record at `path` whose state is not
/// `allowed` (a save of an issued record, the filing of one not approved).
pub fn refused_in_state(
    office: &std::sync::Mutex<crate::office::Office>,
    path: &str,
    allowed: impl Fn(crate::office::workflow::State) -> bool,
    lang: crate::problem::Lang,
) -> Option<Response> {
    let standing = office
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .standing(path)
        .ok()?;
    if allowed(standing.state) {
        return None;
    }
    let refused = crate::office::workflow::Refused::State(standing.state);
    Some(respond::<()>(Ok(Err(refused)), lang))
}
