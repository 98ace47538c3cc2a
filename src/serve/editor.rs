//! The editor's server side: a record's text and version when opened, and the live preview
//! (documents as page images, diagnostics at their lines) of the text being typed.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::AppState;
use super::pipeline::Preview;
use super::security::{Refusal, confine_record, read_checked, relative_name};
use crate::archive::sha256_hex;
use crate::record::load::YamlFile;

/// `?path=` of a record, relative to FOLDER.
#[derive(Debug, Deserialize)]
pub struct RecordPath {
    /// Relative path.
    pub path: String,
}

/// A record as opened: its text and the version it was read at.
#[derive(Debug, Serialize)]
pub struct Opened {
    /// Relative path.
    pub path: String,
    /// The file's text, byte for byte.
    pub text: String,
    /// SHA-256 of the bytes: what a save compares against to notice a change on disk.
    pub version: String,
}

/// The version of some bytes: their SHA-256.
pub fn version_of(bytes: &[u8]) -> String {
    sha256_hex(bytes)
}

/// `GET /api/record?path=`: the record's text and version.
pub async fn open(State(state): State<Arc<AppState>>, Query(query): Query<RecordPath>) -> Response {
    let lang = state.config.lang;
    let path = match confine_record(&state.config.folder, &query.path) {
        Ok(path) => path,
        Err(refusal) => return refusal.respond(lang),
    };
    let Some(bytes) = read_checked(&state.config.folder, &path).await else {
        return Refusal::new(StatusCode::NOT_FOUND, "err_not_found").respond(lang);
    };
    let version = version_of(&bytes);
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(not_text) => {
            // The same message `check` gives for a file that is not UTF-8.
            let message = YamlFile::from_bytes(&path, not_text.as_bytes())
                .err()
                .map(|e| e.render(lang))
                .unwrap_or_default();
            let body = serde_json::json!({ "error": message });
            return (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response();
        }
    };
    Json(Opened {
        path: relative_name(&state.config.folder, &path),
        text,
        version,
    })
    .into_response()
}

/// A preview request: the text in the editor, and the record it is.
#[derive(Debug, Deserialize)]
pub struct PreviewRequest {
    /// Relative path (paths the record names are resolved from its folder).
    pub path: String,
    /// The editor's text.
    pub text: String,
}

/// `POST /api/preview`: diagnostics and documents of the editor's text; nothing is written.
pub async fn preview(State(state): State<Arc<AppState>>, Json(request): Json<PreviewRequest>) -> Response {
    let lang = state.config.lang;
    let path = match confine_record(&state.config.folder, &request.path) {
        Ok(path) => path,
        Err(refusal) => return refusal.respond(lang),
    };
    let shown = relative_name(&state.config.folder, &path);
    let result = tokio::task::spawn_blocking(move || {
        // Diagnostics name the file as the list does; relative paths resolve from its folder.
        let mut preview: Preview = state.pipeline.preview(&path, &request.text, lang);
        place(&mut preview.notes, &path, &shown, &request.text);
        preview
    })
    .await;
    match result {
        Ok(preview) => Json(preview).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// Places `notes` on the edited `text`: each without a field yet gets the form field at its
/// line, and messages name the record as the list does (`shown`), not by its path on the
/// server.
pub fn place(notes: &mut [super::pipeline::Note], path: &std::path::Path, shown: &str, text: &str) {
    let tree = crate::form::spans::parse(text);
    let on_server = path.display().to_string();
    for note in notes {
        note.message = note.message.replace(&on_server, shown);
        note.form = note.form.take().map(|form| form.replace(&on_server, shown));
        if note.field.is_none() {
            note.field = tree
                .as_ref()
                .map(|root| crate::form::spans::pointer_at(root, note.line));
        }
    }
}
