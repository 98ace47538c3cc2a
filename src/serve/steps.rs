//! What the office's steps share in the server: one step at a time on each record
//! ([`RecordLocks`]), the record read once and checked as `render` checks it before it moves
//! on (422 with the problems per field), and the office's answer to a step as JSON.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::AppState;
use super::pipeline::Examined;
use crate::office::workflow::{Content, Refused, Standing};
use crate::problem::{Lang, Worded};

/// One lock a record (by its one name): a save, a submit, an approval and an issue of the
/// same record run one after another, so the checks a step makes and what it writes are one
/// step; other records go on meanwhile.
#[derive(Default)]
pub struct RecordLocks(Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>);

impl RecordLocks {
    /// Waits for the record named `key`, and holds it until the guard is dropped.
    pub async fn hold(&self, key: &str) -> tokio::sync::OwnedMutexGuard<()> {
        let lock = {
            let mut locks = self.0.lock().unwrap_or_else(PoisonError::into_inner);
            // A lock only the table holds is neither held nor awaited: forgotten.
            locks.retain(|_, lock| Arc::strong_count(lock) > 1);
            locks.entry(key.to_string()).or_default().clone()
        };
        lock.lock_owned().await
    }
}

/// `bytes`, the record at `path` (named `key`), examined; a 422 answer naming each problem and
/// its field when it has errors (its warnings after them, each with its severity).
pub async fn examine(state: &Arc<AppState>, path: &Path, key: &str, bytes: Vec<u8>) -> Result<Examined, Response> {
    let (state, path, key) = (state.clone(), path.to_path_buf(), key.to_string());
    let lang = state.config.lang;
    let examined = tokio::task::spawn_blocking(move || {
        let mut examined = state.pipeline.examine(&path, &bytes, lang);
        super::editor::place(&mut examined.notes, &path, &key, &String::from_utf8_lossy(&bytes));
        examined
    })
    .await
    .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())?;
    if examined.errors == 0 {
        return Ok(examined);
    }
    let (message, hint) = crate::office::OfficeProblem::HasErrors(examined.errors).text();
    // Errors first; what is left unfinished follows as warnings, which do not block.
    let (errors, warnings): (Vec<_>, Vec<_>) = examined.notes.iter().partition(|n| n.severity == "error");
    let problems: Vec<_> = errors.into_iter().chain(warnings).collect();
    let body = json!({ "error": message.take(lang), "hint": hint.take(lang), "problems": problems });
    Err((StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response())
}

/// The content a step hands the office: `text` and what `examined` found of it.
pub fn content<'a>(text: &'a str, examined: &'a Examined) -> Content<'a> {
    Content {
        text,
        sha256: &examined.sha256,
        layout: &examined.layout,
    }
}

/// A step's outcome as an answer: the standing; 403 for a role that may not; 409 for a
/// record in another state (`"refused": "state"`) or changed since it was submitted or
/// approved (`"refused": "changed"`).
pub fn respond<T: serde::Serialize>(taken: Result<Result<T, Refused>, crate::error::Error>, lang: Lang) -> Response {
    match taken {
        Ok(Ok(done)) => Json(json!(done)).into_response(),
        Ok(Err(refused)) => refusal(&refused, lang),
        Err(error) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            Json(json!({ "error": error.render(lang) })),
        )
            .into_response(),
    }
}

/// The answer to a refused step.
pub fn refusal(refused: &Refused, lang: Lang) -> Response {
    let status = match refused {
        Refused::Role => StatusCode::FORBIDDEN,
        Refused::Missing => StatusCode::NOT_FOUND,
        Refused::Empty => StatusCode::BAD_REQUEST,
        Refused::NoReason | Refused::State(_) | Refused::Changed(_) => StatusCode::CONFLICT,
    };
    let (message, hint) = refused.problem().text();
    let mut body = json!({ "error": message.take(lang), "hint": hint.take(lang) });
    match refused {
        Refused::State(state) => {
            body["refused"] = json!("state");
            body["state"] = json!(state);
        }
        Refused::Changed(_) => body["refused"] = json!("changed"),
        _ => {}
    }
    (status, Json(body)).into_response()
}

/// Where the record named `key` stands, when the folder has users.
pub fn standing(state: &AppState, key: &str) -> Option<Result<Standing, crate::error::Error>> {
    let office = state.office.as_ref()?;
    Some(office.lock().unwrap_or_else(PoisonError::into_inner).standing(key))
}
