//! The office at a glance, when the folder has users: each record's state and open comments
//! for the records list, and the audit log for the lãnh đạo and the quản trị (checked here,
//! on the server), filtered by record, person and day as `vanban audit list` filters it.

use std::sync::{Arc, PoisonError};

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use serde_json::json;

use super::AppState;
use super::security::Refusal;
use super::steps::respond;
use crate::office::audit::Filter;
use crate::office::users::{Role, User};

/// `GET /api/office`: `{ states: {path: state}, comments: {path: open comments} }`, or
/// `null` without users.
pub async fn overview(State(state): State<Arc<AppState>>) -> Response {
    let Some(office) = &state.office else {
        return Json(json!(null)).into_response();
    };
    let office = office.lock().unwrap_or_else(PoisonError::into_inner);
    let found = office.states().and_then(|states| Ok((states, office.open_comments()?)));
    match found {
        Ok((states, comments)) => {
            let states: serde_json::Map<_, _> = states.into_iter().map(|(p, s)| (p, json!(s))).collect();
            let comments: serde_json::Map<_, _> = comments.into_iter().map(|(p, n)| (p, json!(n))).collect();
            Json(json!({ "states": states, "comments": comments })).into_response()
        }
        Err(error) => respond::<()>(Err(error), state.config.lang),
    }
}

/// `?record=&user=&since=YYYY-MM-DD`.
#[derive(Debug, Deserialize)]
pub struct AuditQuery {
    /// Only actions on this record.
    pub record: Option<String>,
    /// Only this person's.
    pub user: Option<String>,
    /// From this day on.
    pub since: Option<String>,
}

/// The most entries one answer holds: the newest.
const MOST: usize = 500;

/// `GET /api/audit`: the newest entries that pass the filter, newest first, and whether the
/// chain holds; for the lãnh đạo and the quản trị only.
pub async fn audit(
    State(state): State<Arc<AppState>>,
    user: Option<Extension<User>>,
    Query(query): Query<AuditQuery>,
) -> Response {
    let lang = state.config.lang;
    let (Some(office), Some(Extension(user))) = (&state.office, user) else {
        return Refusal::new(StatusCode::NOT_FOUND, "err_not_found").respond(lang);
    };
    if !matches!(user.role, Role::Leader | Role::Admin) {
        return Refusal::new(StatusCode::FORBIDDEN, "err_role").respond(lang);
    }
    let blank = |v: Option<String>| v.filter(|v| !v.trim().is_empty());
    let filter = Filter {
        user: blank(query.user),
        target: blank(query.record),
        since: blank(query.since),
    };
    let office = office.lock().unwrap_or_else(PoisonError::into_inner);
    let entries = match office.entries(&filter) {
        Ok(entries) => entries,
        Err(error) => return respond::<()>(Err(error), lang),
    };
    let holds = match office.verify_log() {
        Ok(_) => json!(true),
        Err(error) => json!(error.render(lang)),
    };
    let newest: Vec<_> = entries.iter().rev().take(MOST).collect();
    Json(json!({ "entries": newest, "total": entries.len(), "chain": holds })).into_response()
}
