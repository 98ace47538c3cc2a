//! Review comments in the page, when the folder has users: the comments on a record with
//! their answers and the form's label of the field each points at; a leader's new comment, a
//! drafter's answer, settling one. The office decides who may (`office/comments.rs`).

use std::net::SocketAddr;
use std::sync::{Arc, PoisonError};

use axum::extract::{ConnectInfo, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use serde_json::json;

use super::AppState;
use super::security::{Refusal, record_key};
use super::steps::respond;
use super::workflow::At;
use crate::office::comments::Anchor;
use crate::office::users::User;

/// `GET /api/comments?path=`: the record's comments, oldest first, each with the label of its
/// field (an empty list without users).
pub async fn list(State(state): State<Arc<AppState>>, Query(at): Query<At>) -> Response {
    let lang = state.config.lang;
    let Some(office) = &state.office else {
        return Json(json!([])).into_response();
    };
    let key = match record_key(&state.config.folder, &at.path) {
        Ok((_, key)) => key,
        Err(refusal) => return refusal.respond(lang),
    };
    let threads = office.lock().unwrap_or_else(PoisonError::into_inner).comments(&key);
    match threads {
        Ok(threads) => {
            let rows: Vec<_> = threads
                .into_iter()
                .map(|t| {
                    let label = super::labels::label_of(&t.anchor.field, lang);
                    let mut row = json!(t);
                    row["label"] = json!(label);
                    row
                })
                .collect();
            Json(json!(rows)).into_response()
        }
        Err(error) => respond::<()>(Err(error), lang),
    }
}

/// What a comment request does: a new comment (with its anchor), an answer, or settling one.
#[derive(Debug, Deserialize)]
pub struct Write {
    /// The record.
    pub path: String,
    /// A new comment's anchor.
    #[serde(flatten)]
    pub anchor: Anchor,
    /// The text of a new comment or an answer.
    #[serde(default)]
    pub text: String,
    /// Answer this comment.
    pub answer_to: Option<i64>,
    /// Settle this comment.
    pub resolve: Option<i64>,
}

/// `POST /api/comments`: a new comment (lãnh đạo), an answer or settling one (soạn thảo,
/// lãnh đạo); 403 for a role that may not, 404 for a comment not on the record.
pub async fn write(
    State(state): State<Arc<AppState>>,
    user: Option<Extension<User>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Json(request): Json<Write>,
) -> Response {
    let lang = state.config.lang;
    let (Some(office), Some(Extension(user))) = (&state.office, user) else {
        return Refusal::new(StatusCode::NOT_FOUND, "err_not_found").respond(lang);
    };
    let key = match record_key(&state.config.folder, &request.path) {
        Ok((_, key)) => key,
        Err(refusal) => return refusal.respond(lang),
    };
    let office = office.lock().unwrap_or_else(PoisonError::into_inner);
    let address = peer.ip().to_string();
    let path = key.as_str();
    match (request.answer_to, request.resolve) {
        (Some(id), _) => respond(office.answer(&user, path, id, &request.text, &address), lang),
        (None, Some(id)) => respond(office.resolve(&user, path, id, &address), lang),
        (None, None) => respond(
            office
                .comment(&user, path, &request.anchor, &request.text, &address)
                .map(|r| r.map(|id| json!({ "id": id }))),
            lang,
        ),
    }
}
