//! Saving: the editor's text is written byte for byte (comments kept), atomically, and only
//! over the version the editor opened; a file changed on disk since is not overwritten, the
//! page shows both and the user chooses. New records are written the same way and never
//! replace an existing file.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::AppState;
use super::editor::version_of;
use super::security::{Refusal, confine_record, record_key, relative_name};
use crate::error::Error;
use crate::output::files::write_inside;
use crate::record::scaffold::{self, SessionFields};

/// A save request.
#[derive(Debug, Deserialize)]
pub struct SaveRequest {
    /// Relative path.
    pub path: String,
    /// The editor's text, written as is.
    pub text: String,
    /// The version the editor started from (`None`: the file is new to the editor).
    pub base: Option<String>,
}

/// `POST /api/save`: writes the text, or answers 409 with the text on disk. With users, one
/// step at a time with the office's other steps: an issued record is refused (409, `"refused":
/// "state"`), a submitted or approved one goes back to Dự thảo, and the text, its version and
/// the log's entry are kept in one transaction with the write.
pub async fn save(
    State(state): State<Arc<AppState>>,
    user: Option<axum::Extension<crate::office::users::User>>,
    axum::extract::ConnectInfo(peer): axum::extract::ConnectInfo<std::net::SocketAddr>,
    Json(request): Json<SaveRequest>,
) -> Response {
    let lang = state.config.lang;
    let (path, key) = match record_key(&state.config.folder, &request.path) {
        Ok(found) => found,
        Err(refusal) => return refusal.respond(lang),
    };
    if request.text.len() as u64 > crate::record::load::MAX_RECORD_BYTES {
        return Refusal::new(StatusCode::PAYLOAD_TOO_LARGE, "err_record_too_large").respond(lang);
    }
    let _one_step_at_a_time = state.steps.hold(&key).await;
    let on_disk = super::security::read_checked(&state.config.folder, &path).await;
    if on_disk.as_deref().map(version_of) != request.base {
        return conflict(&state, &key, on_disk);
    }
    let version = version_of(request.text.as_bytes());
    let (root, office, address) = (state.config.folder.clone(), state.office.clone(), peer.ip().to_string());
    let written = tokio::task::spawn_blocking(move || {
        let write = || write_inside(&root, &path, request.text.as_bytes(), false).map(drop);
        match (office, user) {
            (Some(office), Some(user)) => {
                let office = office.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                office
                    .saved(&user, &key, &request.text, &address, write)
                    .map(|r| r.map(drop))
            }
            _ => write().map(Ok),
        }
    })
    .await;
    match written {
        Ok(Ok(Ok(()))) => Json(serde_json::json!({ "version": version })).into_response(),
        Ok(Ok(Err(refused))) => super::steps::refusal(&refused, lang),
        Ok(Err(error)) => {
            let body = serde_json::json!({ "error": error.render(lang) });
            (StatusCode::INTERNAL_SERVER_ERROR, Json(body)).into_response()
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// The 409 of a save (or a submit) over a file changed on disk since the editor opened it:
/// the text on disk, its version, and who saved it last.
pub fn conflict(state: &AppState, key: &str, on_disk: Option<Vec<u8>>) -> Response {
    let saved = super::people::last_save(state, key);
    let body = serde_json::json!({
        "error": super::text::t(state.config.lang, "err_conflict"),
        "disk_version": on_disk.as_deref().map(version_of),
        "disk_text": on_disk.map(|b| String::from_utf8_lossy(&b).into_owned()),
        "changed_by": saved.as_ref().map(|(user, _)| user),
        "changed_at": saved.as_ref().map(|(_, at)| at),
    });
    (StatusCode::CONFLICT, Json(body)).into_response()
}

/// A new record from the form (or an assessment scaffold).
#[derive(Debug, Deserialize)]
pub struct CreateRequest {
    /// `session` or `assessment`.
    pub kind: String,
    /// File name, relative to FOLDER; `.yaml` is added when missing.
    pub name: String,
    /// What the form gave (sessions).
    #[serde(default)]
    pub fields: SessionFields,
}

/// `POST /api/new`: writes the scaffold `vanban new` writes; never over an existing file.
pub async fn create(State(state): State<Arc<AppState>>, Json(request): Json<CreateRequest>) -> Response {
    let lang = state.config.lang;
    let mut name = request.name.trim().to_string();
    if !(name.ends_with(".yaml") || name.ends_with(".yml")) {
        name.push_str(".yaml");
    }
    let path = match confine_record(&state.config.folder, &name) {
        Ok(path) => path,
        Err(refusal) => return refusal.respond(lang),
    };
    let text = if request.kind == "assessment" {
        scaffold::assessment()
    } else {
        scaffold::session(&request.fields)
    };
    let (root, target) = (state.config.folder.clone(), path.clone());
    let written =
        tokio::task::spawn_blocking(move || write_inside(&root, &target, text.as_bytes(), true).map(drop)).await;
    match written {
        Ok(Ok(())) => Json(serde_json::json!({ "path": relative_name(&state.config.folder, &path) })).into_response(),
        Ok(Err(Error::WouldOverwrite { .. })) => Refusal::new(StatusCode::CONFLICT, "err_exists").respond(lang),
        Ok(Err(error)) => {
            let body = serde_json::json!({ "error": error.render(lang) });
            (StatusCode::INTERNAL_SERVER_ERROR, Json(body)).into_response()
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
