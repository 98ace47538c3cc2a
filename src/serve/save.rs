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
use super::security::{Refusal, confine_record, relative_name};
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

/// `POST /api/save`: writes the text, or answers 409 with the text on disk.
pub async fn save(
    State(state): State<Arc<AppState>>,
    user: Option<axum::Extension<crate::office::users::User>>,
    Json(request): Json<SaveRequest>,
) -> Response {
    let lang = state.config.lang;
    let path = match confine_record(&state.config.folder, &request.path) {
        Ok(path) => path,
        Err(refusal) => return refusal.respond(lang),
    };
    if request.text.len() as u64 > crate::record::load::MAX_RECORD_BYTES {
        return Refusal::new(StatusCode::PAYLOAD_TOO_LARGE, "err_record_too_large").respond(lang);
    }
    let _one_at_a_time = state.save_lock.lock().await;
    let on_disk = super::security::read_checked(&state.config.folder, &path).await;
    let disk_version = on_disk.as_deref().map(version_of);
    if disk_version != request.base {
        let saved = super::people::last_save(&state, &request.path);
        let body = serde_json::json!({
            "error": super::text::t(lang, "err_conflict"),
            "disk_text": on_disk.map(|b| String::from_utf8_lossy(&b).into_owned()),
            "disk_version": disk_version,
            "changed_by": saved.as_ref().map(|(user, _)| user),
            "changed_at": saved.as_ref().map(|(_, at)| at),
        });
        return (StatusCode::CONFLICT, Json(body)).into_response();
    }
    // With users: an issued record is not changed; a save keeps a version, and sends a
    // record waiting for approval, or approved, back to Dự thảo.
    let office = state.office.clone().zip(user.map(|u| u.0));
    if let Some((office, _)) = &office
        && let Some(refused) = super::workflow::refused_in_state(
            office,
            &request.path,
            |s| s != crate::office::workflow::State::Issued,
            lang,
        )
    {
        return refused;
    }
    let text = request.text.clone();
    let bytes = request.text.into_bytes();
    let version = version_of(&bytes);
    let root = state.config.folder.clone();
    let written = tokio::task::spawn_blocking(move || write_inside(&root, &path, &bytes, false).map(drop)).await;
    if let (Ok(Ok(())), Some((office, user))) = (&written, &office) {
        let office = office.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let _ = office.saved(user, &request.path, &text);
    }
    match written {
        Ok(Ok(())) => Json(serde_json::json!({ "version": version })).into_response(),
        Ok(Err(error)) => {
            let body = serde_json::json!({ "error": error.render(lang) });
            (StatusCode::INTERNAL_SERVER_ERROR, Json(body)).into_response()
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
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
