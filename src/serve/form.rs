//! The form editor's server side: a record's text read into the value the form edits, the
//! form's value written back into the text (only what changed), the people directory, and
//! a new record started from an earlier one. The page keeps one text, the file's; the form
//! and the YAML tab are two views of it.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use super::AppState;
use super::security::{Refusal, confine_record, failure, read_checked, relative_name};
use crate::error::Error;
use crate::form::{self, directory};
use crate::output::files::write_inside;

/// The text of a record being edited.
#[derive(Debug, Deserialize)]
pub struct Text {
    /// The text.
    pub text: String,
}

/// `POST /api/form/read`: the value the form shows for a text; the reading error when the
/// text does not read as YAML.
pub async fn read(State(state): State<Arc<AppState>>, Json(request): Json<Text>) -> Response {
    let lang = state.config.lang;
    match form::read(&request.text) {
        Ok(value) => Json(json!({ "ok": true, "value": value })).into_response(),
        Err(error) => Json(json!({ "ok": false, "error": error.render(lang) })).into_response(),
    }
}

/// The form's value, and the text it was made from.
#[derive(Debug, Deserialize)]
pub struct Write {
    /// The text before the change.
    pub text: String,
    /// The form's value.
    pub value: Value,
}

/// `POST /api/form/write`: the text holding the form's value; whether a comment was lost.
pub async fn write(Json(request): Json<Write>) -> Response {
    if request.text.len() as u64 > crate::record::load::MAX_RECORD_BYTES {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    let edited = form::write(&request.text, &request.value);
    Json(json!({ "text": edited.text, "lost_comments": edited.lost_comments })).into_response()
}

/// Two edits of one record and the text both started from.
#[derive(Debug, Deserialize)]
pub struct Merge {
    /// The text both started from (what the editor opened).
    pub base: String,
    /// The editor's text.
    pub mine: String,
    /// The text on disk, saved by someone else meanwhile.
    pub theirs: String,
}

/// `POST /api/merge`: the text on disk with the editor's changes of other fields put in
/// (only what changed is rewritten); the fields both changed, labelled, where the text on
/// disk is kept. 422 when one of the texts does not read.
pub async fn merge(State(state): State<Arc<AppState>>, Json(request): Json<Merge>) -> Response {
    let lang = state.config.lang;
    let limit = crate::record::load::MAX_RECORD_BYTES as usize;
    if [&request.base, &request.mine, &request.theirs]
        .iter()
        .any(|t| t.len() > limit)
    {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    let read = |text: &str| form::read(text).map_err(|e| e.render(lang));
    let values = read(&request.base).and_then(|b| Ok((b, read(&request.mine)?, read(&request.theirs)?)));
    let (base, mine, theirs) = match values {
        Ok(values) => values,
        Err(error) => return (StatusCode::UNPROCESSABLE_ENTITY, Json(json!({ "error": error }))).into_response(),
    };
    let merged = form::merge::merge(&base, &mine, &theirs);
    let edited = form::write(&request.theirs, &merged.value);
    let conflicts: Vec<_> = merged
        .conflicts
        .iter()
        .map(|field| json!({ "field": field, "label": super::labels::label_of(field, lang) }))
        .collect();
    Json(json!({ "text": edited.text, "conflicts": conflicts, "lost_comments": edited.lost_comments })).into_response()
}

/// `GET /api/directory`: the people of `danh-ba.yaml` (none when there is no such file).
pub async fn people(State(state): State<Arc<AppState>>) -> Response {
    let lang = state.config.lang;
    let path = state.config.folder.join(directory::FILE);
    let text = read_checked(&state.config.folder, &path).await.unwrap_or_default();
    match directory::people(&path, &String::from_utf8_lossy(&text)) {
        Ok(people) => Json(json!({ "people": people })).into_response(),
        Err(error) => Json(json!({ "people": [], "error": error.render(lang) })).into_response(),
    }
}

/// `POST /api/directory`: adds a person to `danh-ba.yaml` (made when missing).
pub async fn add_person(State(state): State<Arc<AppState>>, Json(person): Json<directory::Person>) -> Response {
    let lang = state.config.lang;
    let _one_at_a_time = state.steps.hold(directory::FILE).await;
    let root = state.config.folder.clone();
    let path = root.join(directory::FILE);
    let text = read_checked(&root, &path).await.unwrap_or_default();
    let added = match directory::add(&path, &String::from_utf8_lossy(&text), &person) {
        Ok(Some(text)) => text,
        Ok(None) => return Json(json!({ "added": false })).into_response(),
        Err(error) => return failure(&error, lang),
    };
    let written = tokio::task::spawn_blocking(move || write_inside(&root, &path, added.as_bytes(), false)).await;
    match written {
        Ok(Ok(_)) => Json(json!({ "added": true })).into_response(),
        Ok(Err(error)) => failure(&error, lang),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// A new record from an earlier one.
#[derive(Debug, Deserialize)]
pub struct FromEarlier {
    /// The earlier record, relative to FOLDER.
    pub path: String,
    /// The new file's name; `.yaml` is added when missing.
    pub name: String,
}

/// `POST /api/new-from`: a new record keeping the earlier one's people, issuer, signers,
/// recipients and news settings; never over an existing file.
pub async fn new_from(State(state): State<Arc<AppState>>, Json(request): Json<FromEarlier>) -> Response {
    let lang = state.config.lang;
    let root = state.config.folder.clone();
    let earlier = match confine_record(&root, &request.path) {
        Ok(path) => path,
        Err(refusal) => return refusal.respond(lang),
    };
    let mut name = request.name.trim().to_string();
    if !(name.ends_with(".yaml") || name.ends_with(".yml")) {
        name.push_str(".yaml");
    }
    let target = match confine_record(&root, &name) {
        Ok(path) => path,
        Err(refusal) => return refusal.respond(lang),
    };
    let Some(bytes) = read_checked(&root, &earlier).await else {
        return Refusal::new(StatusCode::NOT_FOUND, "err_not_found").respond(lang);
    };
    let value = match form::read(&String::from_utf8_lossy(&bytes)) {
        Ok(value) => form::earlier::start_from(&value),
        Err(error) => return failure(&error, lang),
    };
    let text = form::write("", &value).text;
    let (folder, path) = (root.clone(), target.clone());
    let written =
        tokio::task::spawn_blocking(move || write_inside(&folder, &path, text.as_bytes(), true).map(drop)).await;
    match written {
        Ok(Ok(())) => {
            let made = relative_name(&root, &target);
            let mut response = Json(json!({ "path": made })).into_response();
            response.extensions_mut().insert(super::people::Logged(made));
            response
        }
        Ok(Err(Error::WouldOverwrite { .. })) => Refusal::new(StatusCode::CONFLICT, "err_exists").respond(lang),
        Ok(Err(error)) => failure(&error, lang),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// `?set=` (a built-in id or a set file) and `?path=` (the record naming it).
#[derive(Debug, Deserialize)]
pub struct SetQuery {
    /// The set reference; none lists the built-in sets.
    pub set: Option<String>,
    /// The record, relative to FOLDER (a set file is found beside it).
    #[serde(default)]
    pub path: String,
}

/// `GET /api/criteria`: the built-in sets, or one set's criteria board.
pub async fn criteria(State(state): State<Arc<AppState>>, Query(query): Query<SetQuery>) -> Response {
    let lang = state.config.lang;
    let Some(reference) = query.set.filter(|s| !s.trim().is_empty()) else {
        let sets: Vec<Value> = form::board::built_ins()
            .into_iter()
            .map(|(id, name)| json!({ "id": id, "name": name }))
            .collect();
        return Json(json!({ "sets": sets })).into_response();
    };
    let record = match confine_record(&state.config.folder, &query.path) {
        Ok(path) => path,
        Err(refusal) => return refusal.respond(lang),
    };
    let base = record.parent().map(std::path::Path::to_path_buf).unwrap_or_default();
    match tokio::task::spawn_blocking(move || form::board::board(&reference, &base)).await {
        Ok(Ok(board)) => Json(json!({ "board": board })).into_response(),
        Ok(Err(_)) => Refusal::new(StatusCode::NOT_FOUND, "err_not_found").respond(lang),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
