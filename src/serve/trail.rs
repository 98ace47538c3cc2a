//! The office at a glance, when the folder has users: each record's state and open comments
//! (a returned draft's reason, an issued record's numbers) for the records list, and the audit
//! log for the lãnh đạo and the quản trị (checked here, on the server), filtered by record,
//! person and day as `vanban audit list` filters it.

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

/// `GET /api/office`: `{ states: {path: state}, comments: {path: open comments}, returned:
/// {path: {by, at, reason}}, numbers: {path: [number]} }`, or `null` without users. A returned
/// draft is a Dự thảo whose last step was a return (with its reason); the numbers are those of
/// each issued record's documents.
pub async fn overview(State(state): State<Arc<AppState>>) -> Response {
    if state.office.is_none() {
        return Json(json!(null)).into_response();
    }
    let lang = state.config.lang;
    let found = tokio::task::spawn_blocking(move || {
        let office = state.office.as_ref()?;
        let found = {
            let office = office.lock().unwrap_or_else(PoisonError::into_inner);
            office.standings().and_then(|s| Ok((s, office.open_comments()?)))
        };
        Some(found.map(|(standings, comments)| {
            let mut body = json!({ "states": {}, "comments": {}, "returned": {}, "numbers": {} });
            for (path, standing) in standings {
                if standing.state == crate::office::workflow::State::Draft && !standing.reason.is_empty() {
                    body["returned"][&path] =
                        json!({ "by": standing.by, "at": standing.at, "reason": standing.reason });
                }
                body["states"][&path] = json!(standing.state);
            }
            for (path, n) in comments {
                body["comments"][&path] = json!(n);
            }
            if let Some(archive_dir) = &state.config.archive_dir {
                for (path, entries) in super::numbers::issued_entries(&state) {
                    body["numbers"][&path] = json!(super::numbers::of_entries(archive_dir, &entries, lang));
                }
            }
            body
        }))
    })
    .await
    .ok()
    .flatten();
    match found {
        Some(Ok(body)) => Json(body).into_response(),
        Some(Err(error)) => respond::<()>(Err(error), lang),
        None => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
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
const NEWEST_SHOWN: usize = 500;

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
    let newest: Vec<_> = entries.iter().rev().take(NEWEST_SHOWN).collect();
    Json(json!({ "entries": newest, "total": entries.len(), "chain": holds })).into_response()
}
