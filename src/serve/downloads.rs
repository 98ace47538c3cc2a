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
use super::security::{Refusal, confine, confine_record, failure, record_key, relative_name};
use crate::archive::Added;
use crate::archive::approval::Approval;
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

/// `POST /api/archive`: adds the saved record (and its assessments) to `--archive-dir`, and
/// answers the entries and the numbers the register gave their documents. With
/// users this is issuing: one step at a time with saves, only an approved record, and only
/// the very version approved (409 `"refused": "changed"` when the record or its documents
/// differ from what the leader approved); the entry keeps its approval and the log's head.
pub async fn archive(
    State(state): State<Arc<AppState>>,
    user: Option<axum::Extension<crate::office::users::User>>,
    axum::extract::ConnectInfo(peer): axum::extract::ConnectInfo<std::net::SocketAddr>,
    Json(request): Json<RenderRequest>,
) -> Response {
    let lang = state.config.lang;
    let (path, key) = match record_key(&state.config.folder, &request.path) {
        Ok(found) => found,
        Err(refusal) => return refusal.respond(lang),
    };
    let Some(archive_dir) = state.config.archive_dir.clone() else {
        return Refusal::new(StatusCode::CONFLICT, "archive_off").respond(lang);
    };
    let result = match state.office.clone().zip(user.map(|u| u.0)) {
        Some((office, user)) => {
            let _one_step_at_a_time = state.steps.hold(&key).await;
            match issue(&state, office, &user, (&path, &key), archive_dir, peer.ip().to_string()).await {
                Ok(added) => Ok(Ok(added)),
                Err(refused) => return refused,
            }
        }
        None => {
            let pipeline = state.clone();
            tokio::task::spawn_blocking(move || pipeline.pipeline.archive(&path, &archive_dir)).await
        }
    };
    match result {
        Ok(Ok(added)) => {
            let entries: Vec<serde_json::Value> = added
                .iter()
                .map(|a| match a {
                    Added::New(id) => serde_json::json!({ "id": id, "new": true }),
                    Added::AlreadyThere(id) => serde_json::json!({ "id": id, "new": false }),
                })
                .collect();
            // The numbers just given, for the page to show at once.
            let ids: Vec<String> = added
                .into_iter()
                .map(|(Added::New(id) | Added::AlreadyThere(id))| id)
                .collect();
            let archive_dir = state.config.archive_dir.clone().unwrap_or_default();
            let numbers = tokio::task::spawn_blocking(move || super::numbers::of_entries(&archive_dir, &ids, lang))
                .await
                .unwrap_or_default();
            Json(serde_json::json!({ "entries": entries, "numbers": numbers })).into_response()
        }
        Ok(Err(error)) => failure(&error, lang),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// Issues the record at `path` (named `key`) as `user`, under the step lock: the state and the
/// approved hashes checked against the file as it is now, the entry numbered and stored with
/// its approval, then the state set to Đã ban hành and logged.
async fn issue(
    state: &Arc<AppState>,
    office: Arc<std::sync::Mutex<crate::office::Office>>,
    user: &crate::office::users::User,
    (path, key): (&Path, &str),
    archive_dir: PathBuf,
    address: String,
) -> Result<Vec<Added>, Response> {
    use crate::office::workflow::{Refused, State as Stage, Step};
    let lang = state.config.lang;
    let locked = |office: &Arc<std::sync::Mutex<crate::office::Office>>| {
        office
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .standing(key)
    };
    let now = locked(&office).map_err(|e| failure(&e, lang))?;
    if now.state != Stage::Approved {
        return Err(super::steps::refusal(&Refused::State(now.state), lang));
    }
    let Some(bytes) = super::security::read_checked(&state.config.folder, path).await else {
        return Err(Refusal::new(StatusCode::NOT_FOUND, "err_not_found").respond(lang));
    };
    let examined = super::steps::examine(state, path, key, bytes.clone()).await?;
    if examined.sha256 != now.approved_sha256 || (!now.layout_sha256.is_empty() && examined.layout != now.layout_sha256)
    {
        return Err(super::steps::refusal(&Refused::Changed(true), lang));
    }
    let head = office
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .head()
        .map_err(|e| failure(&e, lang))?;
    let approval = Approval {
        version: now.approved_version,
        sha256: now.approved_sha256.clone(),
        audit_seq: head.0,
        audit_hash: head.1,
        issued_by: user.name.clone(),
        issued_at: crate::office::now(),
    };
    let (worker, user, key) = (state.clone(), user.clone(), key.to_string());
    let done = tokio::task::spawn_blocking(move || {
        let prepared = examined.prepared.as_ref().ok_or(Refused::Missing);
        let Ok(prepared) = prepared else {
            return Ok(Err(Refused::Missing));
        };
        let added = worker.pipeline.issue(prepared, &archive_dir, &approval)?;
        let ids: Vec<&str> = added
            .iter()
            .map(|a| match a {
                Added::New(id) | Added::AlreadyThere(id) => id.as_str(),
            })
            .collect();
        let text = String::from_utf8_lossy(&bytes);
        let content = super::steps::content(&text, &examined);
        let office = office.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let taken = office.take(&user, &key, Step::Issue, &ids.join(", "), &address, Some(content))?;
        Ok(taken.map(|_| added))
    })
    .await
    .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())?;
    match done {
        Ok(Ok(added)) => Ok(added),
        Ok(Err(refused)) => Err(super::steps::refusal(&refused, lang)),
        Err(error) => Err(failure(&error, lang)),
    }
}
