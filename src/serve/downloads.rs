//! Downloads: every document of a record written into the output folder (ordinary or
//! archival PDF/A), served from there; and "Lưu vào kho", adding the record to the archive.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Json;
use axum::extract::{Path as UrlPath, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::AppState;
use super::security::{Refusal, confine, confine_record, failure, relative_name};
use crate::archive::Added;
use crate::output::files::Folder;

/// Archival PDFs go to this folder inside the output folder, beside the ordinary ones.
pub const ARCHIVAL_FOLDER: &str = "pdfa";

/// Which record, and in which form.
#[derive(Debug, Deserialize)]
pub struct RenderRequest {
    /// Relative path of the record (as saved on disk).
    pub path: String,
    /// PDF/A-3u with the record attached.
    #[serde(default)]
    pub archive: bool,
}

/// `POST /api/render`: writes the record's documents; answers their names under `/out/`.
pub async fn render(State(state): State<Arc<AppState>>, Json(request): Json<RenderRequest>) -> Response {
    let lang = state.config.lang;
    let path = match confine_record(&state.config.folder, &request.path) {
        Ok(path) => path,
        Err(refusal) => return refusal.respond(lang),
    };
    let result = tokio::task::spawn_blocking(move || {
        let config = &state.config;
        let out = if request.archive {
            config.output.join(ARCHIVAL_FOLDER)
        } else {
            config.output.clone()
        };
        // Reached from the served folder without following a link: anyone who can write
        // there could have planted one at `out/` or `out/pdfa/`.
        let out = Folder::within(&config.folder, &out)?;
        let written = state.pipeline.export(&path, &out, request.archive)?;
        Ok::<_, crate::error::Error>(
            written
                .iter()
                .map(|p| relative_name(&config.output, p))
                .collect::<Vec<_>>(),
        )
    })
    .await;
    match result {
        Ok(Ok(files)) => Json(serde_json::json!({ "files": files })).into_response(),
        Ok(Err(error)) => failure(&error, lang),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("pdf") => "application/pdf",
        Some("html") => "text/html; charset=utf-8",
        Some("md") => "text/markdown; charset=utf-8",
        Some("typ") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// `GET /out/NAME`: a file from the output folder, as a download.
pub async fn file(State(state): State<Arc<AppState>>, UrlPath(name): UrlPath<String>) -> Response {
    send(
        state.config.output.canonicalize().ok(),
        &name,
        "attachment",
        state.config.lang,
    )
    .await
}

/// The file `name` below `root` (checked as every path is, read without following a link),
/// with its content type and `disposition` (`attachment` or `inline`); 404 when there is none.
pub async fn send(root: Option<PathBuf>, name: &str, disposition: &str, lang: crate::problem::Lang) -> Response {
    let not_found = || Refusal::new(StatusCode::NOT_FOUND, "err_not_found").respond(lang);
    let Some(root) = root else { return not_found() };
    let path = match confine(&root, name) {
        Ok(path) => path,
        Err(refusal) => return refusal.respond(lang),
    };
    let Some(bytes) = super::security::read_checked(&root, &path).await else {
        return not_found();
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().replace('"', ""))
        .unwrap_or_default();
    (
        [
            (header::CONTENT_TYPE, content_type(&path).to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("{disposition}; filename=\"{file_name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// `POST /api/archive`: adds the saved record (and its assessments) to `--archive-dir`.
pub async fn archive(
    State(state): State<Arc<AppState>>,
    user: Option<axum::Extension<crate::office::users::User>>,
    axum::extract::ConnectInfo(peer): axum::extract::ConnectInfo<std::net::SocketAddr>,
    Json(request): Json<RenderRequest>,
) -> Response {
    let lang = state.config.lang;
    let path = match confine_record(&state.config.folder, &request.path) {
        Ok(path) => path,
        Err(refusal) => return refusal.respond(lang),
    };
    let Some(archive_dir) = state.config.archive_dir.clone() else {
        return Refusal::new(StatusCode::CONFLICT, "archive_off").respond(lang);
    };
    // With users, filing is issuing: only an approved record, and it becomes Đã ban hành.
    let office = state.office.clone().zip(user.map(|u| u.0));
    if let Some((office, _)) = &office
        && let Some(refused) = super::workflow::refused_in_state(
            office,
            &request.path,
            |s| s == crate::office::workflow::State::Approved,
            lang,
        )
    {
        return refused;
    }
    let pipeline = state.clone();
    let result = tokio::task::spawn_blocking(move || pipeline.pipeline.archive(&path, &archive_dir)).await;
    if let (Ok(Ok(_)), Some((office, user))) = (&result, &office) {
        let office = office.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let _ = office.take(
            user,
            &request.path,
            crate::office::workflow::Step::Issue,
            "",
            &peer.ip().to_string(),
        );
    }
    match result {
        Ok(Ok(added)) => {
            let entries: Vec<serde_json::Value> = added
                .iter()
                .map(|a| match a {
                    Added::New(id) => serde_json::json!({ "id": id, "new": true }),
                    Added::AlreadyThere(id) => serde_json::json!({ "id": id, "new": false }),
                })
                .collect();
            Json(serde_json::json!({ "entries": entries })).into_response()
        }
        Ok(Err(error)) => failure(&error, lang),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
