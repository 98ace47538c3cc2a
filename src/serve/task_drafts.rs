//! `POST /api/tasks/draft`: the tracking page's "Soạn báo cáo" and "Soạn công văn đôn đốc"
//! for the filter shown. The records are written into the folder the editor opens (no PDF:
//! the editor shows the documents), never over an earlier one; the page opens them to edit,
//! submit and issue like any record.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

use super::AppState;
use crate::archive::follow::model::today_in_office;
use crate::follow_up::draft::{self, RemindAsked, ReportAsked};
use crate::record::Date;

/// What the page asks: which document, for which issuer and period.
#[derive(Debug, Deserialize)]
pub struct Draft {
    /// `report` or `remind`.
    pub kind: String,
    /// The issuer filter shown.
    #[serde(default)]
    pub issuer: String,
    /// The period shown (the report's).
    #[serde(default)]
    pub due_from: String,
    #[serde(default)]
    pub due_to: String,
    /// The drafting unit's code, for a state công văn's number (`VP`).
    #[serde(default)]
    pub office_code: String,
}

/// Drafts the records; answers their names in the folder, or the problem in words.
pub async fn draft(State(state): State<Arc<AppState>>, Json(asked): Json<Draft>) -> Response {
    let lang = state.config.lang;
    let Some(archive_dir) = state.config.archive_dir.clone() else {
        let body = json!({ "error": super::text::t(lang, "tasks_no_archive") });
        return (StatusCode::CONFLICT, Json(body)).into_response();
    };
    let folder = state.config.folder.clone();
    let day = |text: &str| Date::parse(text.trim()).ok();
    let (from, to) = (day(&asked.due_from), day(&asked.due_to));
    if asked.kind == "report" && (from.is_none() || to.is_none()) {
        let field = if from.is_none() { "due_from" } else { "due_to" };
        let body = json!({ "error": super::text::t(lang, "tasks_draft_period"), "field": field });
        return (StatusCode::BAD_REQUEST, Json(body)).into_response();
    }
    let issuer = Some(asked.issuer.trim().to_string()).filter(|i| !i.is_empty());
    let office_code = Some(asked.office_code.trim().to_string()).filter(|c| !c.is_empty());
    let worked = tokio::task::spawn_blocking(move || {
        let today = today_in_office();
        let written = match (asked.kind.as_str(), from, to) {
            ("report", Some(from), Some(to)) => draft::report(&ReportAsked {
                archive_dir: &archive_dir,
                from,
                to,
                issuer: issuer.as_deref(),
                today,
                force: false,
                output: &folder,
                with_documents: false,
            })
            .map(|(written, _)| written),
            _ => draft::remind(&RemindAsked {
                archive_dir: &archive_dir,
                issuer: issuer.as_deref(),
                today,
                report_by: None,
                office_code: office_code.as_deref(),
                force: false,
                output: &folder,
                with_documents: false,
            }),
        }?;
        let names: Vec<String> = written
            .iter()
            .filter_map(|p| p.strip_prefix(&folder).ok())
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        Ok::<_, crate::error::Error>(names)
    })
    .await;
    match worked {
        Ok(Ok(records)) => Json(json!({ "records": records })).into_response(),
        Ok(Err(error)) => {
            let body = json!({ "error": error.render(lang) });
            (StatusCode::BAD_REQUEST, Json(body)).into_response()
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
