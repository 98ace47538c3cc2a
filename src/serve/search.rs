//! The search box: the folder's records and the archive's entries found by their words,
//! with or without Vietnamese marks, or by the tasks they give; each record found links to
//! its editor, each entry to its issued PDFs (served from the archive by `/archive/…`).

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path as UrlPath, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::AppState;
use super::security::{Refusal, relative_name};
use crate::archive::Archive;
use crate::archive::search::{self as index, Hit};
use crate::archive::tasks::TaskFilter;
use crate::archive::words;
use crate::error::Error;
use crate::record::Date;

/// At most this many of each.
const SHOWN: usize = 30;

/// What the box asks: the words, and a task filter.
#[derive(Debug, Deserialize)]
pub struct SearchQuery {
    /// The words; a "quoted phrase" matches in order.
    #[serde(default)]
    pub q: String,
    /// A body given a task.
    pub task_owner: Option<String>,
    /// Tasks due from this day (YYYY-MM-DD).
    pub due_from: Option<String>,
    /// Tasks due up to this day.
    pub due_to: Option<String>,
}

/// A record of the folder found.
#[derive(Debug, Serialize)]
struct FoundRecord {
    path: String,
    snippet: String,
    tasks: Vec<String>,
}

/// An archive entry found, with its documents' addresses.
#[derive(Debug, Serialize)]
struct FoundEntry {
    #[serde(flatten)]
    hit: Hit,
    documents: Vec<String>,
}

/// `GET /api/search?q=…&task_owner=…&due_from=…&due_to=…`.
pub async fn search(State(state): State<Arc<AppState>>, Query(query): Query<SearchQuery>) -> Response {
    let lang = state.config.lang;
    let dates = (day(&query.due_from, "due_from"), day(&query.due_to, "due_to"));
    let (due_from, due_to) = match dates {
        (Ok(from), Ok(to)) => (from, to),
        (Err(field), _) | (_, Err(field)) => {
            let body = serde_json::json!({ "error": super::text::t(lang, "search_bad_date"), "field": field });
            return (StatusCode::BAD_REQUEST, Json(body)).into_response();
        }
    };
    let answer = tokio::task::spawn_blocking(move || {
        let filter = TaskFilter {
            owner: query.task_owner.as_deref().filter(|o| !o.trim().is_empty()),
            due_from,
            due_to,
        };
        let archive = archived(&state, &query.q, filter)?;
        let records = records(&state, &query.q, &filter);
        Ok::<_, Error>(serde_json::json!({
            "records": records,
            "archive": archive,
            "archive_on": state.config.archive_dir.is_some(),
        }))
    })
    .await;
    match answer {
        Ok(Ok(body)) => Json(body).into_response(),
        Ok(Err(error)) => {
            let body = serde_json::json!({ "error": error.render(lang) });
            (StatusCode::BAD_REQUEST, Json(body)).into_response()
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// A day from the form, or the name of the field that does not hold one.
fn day(value: &Option<String>, field: &'static str) -> Result<Option<Date>, &'static str> {
    match value.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => Date::parse(text).map(Some).map_err(|_| field),
    }
}

/// The archive's entries found, when the server files into one that exists; first the
/// query is checked (its length, that it asks something) for both lists, as the field `q`.
fn archived(state: &AppState, text: &str, tasks: TaskFilter) -> Result<Vec<FoundEntry>, Error> {
    let query = index::Query {
        text,
        tasks,
        limit: SHOWN,
        ..index::Query::default()
    };
    index::check(&query).map_err(|problem| Error::Feature {
        path: "q".into(),
        problem: Box::new(problem),
    })?;
    let Some(dir) = &state.config.archive_dir else {
        return Ok(Vec::new());
    };
    let archive = match Archive::open_existing(dir) {
        Ok(archive) => archive,
        Err(Error::NoArchive { .. }) => return Ok(Vec::new()),
        Err(error) => return Err(error),
    };
    let mut found = Vec::new();
    for hit in archive.search(&query)? {
        let documents = archive
            .pdfs_of(&hit.entry)?
            .into_iter()
            .map(|(path, _)| format!("/archive/{}/{path}", hit.entry))
            .collect();
        found.push(FoundEntry { hit, documents });
    }
    Ok(found)
}

/// The folder's records holding every term of `text`, marks or not, and giving a task that
/// meets `tasks`; those holding the words side by side first (a name, a place).
fn records(state: &AppState, text: &str, tasks: &TaskFilter) -> Vec<FoundRecord> {
    let terms = words::terms(text);
    let together = [terms.concat()];
    let mut found = Vec::new();
    for path in super::records::record_files(state) {
        let Ok(file) = crate::record::load::YamlFile::read(&path) else {
            continue;
        };
        let index::RecordWords {
            text: shown,
            tasks: given,
        } = index::record_words(&file);
        if !words::holds(&shown, &terms) {
            continue;
        }
        let met: Vec<String> = given.iter().filter(|t| tasks.accepts(t)).map(|t| t.line()).collect();
        if tasks.is_set() && met.is_empty() {
            continue;
        }
        let apart = !words::holds(&shown, &together);
        found.push((
            apart,
            FoundRecord {
                path: relative_name(&state.config.folder, &path),
                snippet: if terms.is_empty() {
                    String::new()
                } else {
                    words::snippet(&shown.replace('\n', " · "), &terms, 160)
                },
                tasks: if tasks.is_set() { met } else { Vec::new() },
            },
        ));
    }
    found.sort_by_key(|(apart, _)| *apart);
    found.into_iter().take(SHOWN).map(|(_, record)| record).collect()
}

/// `GET /archive/ENTRY/FILE.pdf`: an issued document from the archive, shown in the browser;
/// nothing else of the archive (its records, its index) is served.
pub async fn document(State(state): State<Arc<AppState>>, UrlPath(name): UrlPath<String>) -> Response {
    let lang = state.config.lang;
    if !name.ends_with(".pdf") {
        return Refusal::new(StatusCode::NOT_FOUND, "err_not_found").respond(lang);
    }
    let root = state
        .config
        .archive_dir
        .as_ref()
        .and_then(|dir| dir.join("entries").canonicalize().ok());
    super::downloads::send(root, &name, "inline", lang).await
}
