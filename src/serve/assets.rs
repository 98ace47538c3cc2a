//! The pages and the editor's vendored files (CodeMirror 5, MIT, in `assets/vendor/`),
//! embedded in the binary: nothing is fetched from elsewhere, the app works offline.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use super::AppState;
use crate::documents::schema::record_schema;

/// Name under `/assets/`, content type, contents.
const FILES: &[(&str, &str, &str)] = &[
    ("app.css", "text/css", include_str!("../../assets/serve/app.css")),
    (
        "common.js",
        "text/javascript",
        include_str!("../../assets/serve/common.js"),
    ),
    (
        "records.js",
        "text/javascript",
        include_str!("../../assets/serve/records.js"),
    ),
    (
        "editor.js",
        "text/javascript",
        include_str!("../../assets/serve/editor.js"),
    ),
    (
        "completion.js",
        "text/javascript",
        include_str!("../../assets/serve/completion.js"),
    ),
    ("new.js", "text/javascript", include_str!("../../assets/serve/new.js")),
    ("form.js", "text/javascript", include_str!("../../assets/serve/form.js")),
    (
        "follow.js",
        "text/javascript",
        include_str!("../../assets/serve/follow.js"),
    ),
    (
        "notes.js",
        "text/javascript",
        include_str!("../../assets/serve/notes.js"),
    ),
    (
        "login.js",
        "text/javascript",
        include_str!("../../assets/serve/login.js"),
    ),
    (
        "workflow.js",
        "text/javascript",
        include_str!("../../assets/serve/workflow.js"),
    ),
    (
        "comments.js",
        "text/javascript",
        include_str!("../../assets/serve/comments.js"),
    ),
    (
        "trail.js",
        "text/javascript",
        include_str!("../../assets/serve/trail.js"),
    ),
    (
        "search.js",
        "text/javascript",
        include_str!("../../assets/serve/search.js"),
    ),
    (
        "local_sign.js",
        "text/javascript",
        include_str!("../../assets/serve/local_sign.js"),
    ),
    (
        "remote_sign.js",
        "text/javascript",
        include_str!("../../assets/serve/remote_sign.js"),
    ),
    (
        "tasks.js",
        "text/javascript",
        include_str!("../../assets/serve/tasks.js"),
    ),
    (
        "issued.js",
        "text/javascript",
        include_str!("../../assets/serve/issued.js"),
    ),
    (
        "vendor/codemirror.js",
        "text/javascript",
        include_str!("../../assets/vendor/codemirror-5.65.21/codemirror.js"),
    ),
    (
        "vendor/codemirror.css",
        "text/css",
        include_str!("../../assets/vendor/codemirror-5.65.21/codemirror.css"),
    ),
    (
        "vendor/yaml.js",
        "text/javascript",
        include_str!("../../assets/vendor/codemirror-5.65.21/yaml.js"),
    ),
    (
        "vendor/show-hint.js",
        "text/javascript",
        include_str!("../../assets/vendor/codemirror-5.65.21/show-hint.js"),
    ),
    (
        "vendor/show-hint.css",
        "text/css",
        include_str!("../../assets/vendor/codemirror-5.65.21/show-hint.css"),
    ),
    (
        "vendor/lint.js",
        "text/javascript",
        include_str!("../../assets/vendor/codemirror-5.65.21/lint.js"),
    ),
    (
        "vendor/lint.css",
        "text/css",
        include_str!("../../assets/vendor/codemirror-5.65.21/lint.css"),
    ),
    (
        "vendor/LICENSE",
        "text/plain",
        include_str!("../../assets/vendor/codemirror-5.65.21/LICENSE"),
    ),
];

/// The records list.
/// The editor's font, Liberation Mono 2.1.5 (SIL OFL 1.1, `assets/vendor/liberation-mono-2.1.5/`):
/// the machine's monospace font may lack Vietnamese letters (DejaVu Sans Mono has no `ử`).
const EDITOR_FONT: &[u8] = include_bytes!("../../assets/vendor/liberation-mono-2.1.5/LiberationMono-Regular.ttf");

const RECORDS_PAGE: &str = include_str!("../../assets/serve/records.html");
/// The editor and preview.
const EDITOR_PAGE: &str = include_str!("../../assets/serve/editor.html");
/// The new-record form.
const NEW_PAGE: &str = include_str!("../../assets/serve/new.html");
const LOGIN_PAGE: &str = include_str!("../../assets/serve/login.html");
/// An issued document: its PDFs, their signatures, signing with a token.
const ISSUED_PAGE: &str = include_str!("../../assets/serve/issued.html");
/// The tracked tasks (Theo dõi nhiệm vụ).
const TASKS_PAGE: &str = include_str!("../../assets/serve/tasks.html");

fn page(state: &AppState, html: &'static str) -> Html<String> {
    let lang = match state.config.lang {
        crate::problem::Lang::Vi => "vi",
        crate::problem::Lang::En => "en",
    };
    let head =
        format!("<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>vanban</title>");
    Html(html.replace("{{head}}", &head))
}

/// `GET /`.
pub async fn records_page(State(state): State<Arc<AppState>>) -> Html<String> {
    page(&state, RECORDS_PAGE)
}

/// `GET /edit?path=`.
pub async fn editor_page(State(state): State<Arc<AppState>>) -> Html<String> {
    page(&state, EDITOR_PAGE)
}

/// `GET /new`.
pub async fn new_page(State(state): State<Arc<AppState>>) -> Html<String> {
    page(&state, NEW_PAGE)
}

/// `GET /login`: the login page (when the folder has users).
pub async fn login_page(State(state): State<Arc<AppState>>) -> Html<String> {
    page(&state, LOGIN_PAGE)
}

/// `GET /issued?entry=`.
pub async fn issued_page(State(state): State<Arc<AppState>>) -> Html<String> {
    page(&state, ISSUED_PAGE)
}

/// `GET /tasks`.
pub async fn tasks_page(State(state): State<Arc<AppState>>) -> Html<String> {
    page(&state, TASKS_PAGE)
}

/// `GET /assets/NAME`.
pub async fn asset(Path(name): Path<String>) -> Response {
    if name == "editor-font.ttf" {
        return ([(header::CONTENT_TYPE, "font/ttf")], EDITOR_FONT).into_response();
    }
    match FILES.iter().find(|(n, _, _)| *n == name) {
        Some((_, kind, body)) => ([(header::CONTENT_TYPE, format!("{kind}; charset=utf-8"))], *body).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// `GET /api/text`: the interface's words in the server's language.
pub async fn text(State(state): State<Arc<AppState>>) -> Json<serde_json::Value> {
    Json(super::text::catalogue(state.config.lang))
}

/// `GET /api/schema`: the record schema, for key completion.
pub async fn schema() -> Json<serde_json::Value> {
    Json(record_schema())
}
