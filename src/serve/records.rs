//! The records list: every record under FOLDER with its kind, unit, date and state; the
//! issuers already used (for the new-record form); and changes on disk, seen by the watcher
//! and handed to the pages through a long poll.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use axum::Json;
use axum::extract::{Query, State};
use serde::{Deserialize, Serialize};

use super::AppState;
use super::pipeline::Summary;
use super::security::relative_name;
use crate::error::Error;
use crate::problem::say::Say;
use crate::record::load::YamlFile;
use crate::record::scaffold::IssuerFields;
use crate::watcher::FileWatcher;

/// How long a long poll waits for a change before answering "nothing yet".
const LONG_POLL: Duration = Duration::from_secs(25);

/// Modification time and length of each input of a record.
type Stamp = Vec<Option<(SystemTime, u64)>>;

/// A summary, and what its inputs looked like when it was made.
pub struct Cached {
    stamp: Stamp,
    summary: Summary,
}

fn stamp(paths: &[PathBuf]) -> Stamp {
    paths
        .iter()
        .map(|p| {
            let meta = std::fs::metadata(p).ok()?;
            Some((meta.modified().ok()?, meta.len()))
        })
        .collect()
}

/// One row of the list.
#[derive(Debug, Serialize)]
pub struct Row {
    /// Path relative to FOLDER, `/`-separated.
    pub path: String,
    /// What the record is.
    #[serde(flatten)]
    pub summary: Summary,
}

/// The record files under the folder: `.yaml`/`.yml`, outside the output folder, the archive
/// (whose filed copies are not drafts) and hidden folders.
pub fn record_files(state: &AppState) -> Vec<PathBuf> {
    let folder = &state.config.folder;
    let real = |path: &PathBuf| path.canonicalize().unwrap_or_else(|_| path.clone());
    let output = real(&state.config.output);
    let archive = state.config.archive_dir.as_ref().map(real);
    let found = crate::prepare::walk::records(std::slice::from_ref(folder)).unwrap_or_default();
    if let Ok(mut named) = state.skipped_links.lock() {
        for path in found.skipped.iter().filter(|p| named.insert(p.to_path_buf())) {
            eprintln!("{}", Say::SkippedLink(path).to(state.config.lang));
        }
    }
    found
        .files
        .into_iter()
        .filter(|p| !p.starts_with(&output) && !archive.as_ref().is_some_and(|a| p.starts_with(a)))
        .filter(|p| {
            !p.strip_prefix(folder)
                .unwrap_or(p)
                .components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
        })
        .collect()
}

/// The summary of one record, from the cache while its inputs are unchanged.
pub fn summary(state: &AppState, path: &Path) -> Summary {
    let mut cache = state
        .summaries
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(cached) = cache.get(path)
        && stamp(&cached.summary.inputs) == cached.stamp
    {
        return cached.summary.clone();
    }
    let summary = state.pipeline.summarize(path, state.config.lang);
    let cached = Cached {
        stamp: stamp(&summary.inputs),
        summary: summary.clone(),
    };
    cache.insert(path.to_path_buf(), cached);
    summary
}

/// `GET /api/records`: every record with its summary.
pub async fn list(State(state): State<Arc<AppState>>) -> Json<Vec<Row>> {
    let rows = tokio::task::spawn_blocking(move || {
        record_files(&state)
            .into_iter()
            .map(|path| Row {
                path: relative_name(&state.config.folder, &path),
                summary: summary(&state, &path),
            })
            .collect()
    })
    .await
    .unwrap_or_default();
    Json(rows)
}

/// Only the issuer of a record, read leniently.
#[derive(Deserialize)]
struct IssuerOnly {
    issuer: Option<IssuerFields>,
}

/// `GET /api/issuers`: the issuing bodies the folder's records already use, then the bodies
/// of the people directory (`danh-ba.yaml`) not among them, each once.
pub async fn issuers(State(state): State<Arc<AppState>>) -> Json<Vec<IssuerFields>> {
    let found = tokio::task::spawn_blocking(move || {
        let mut found: Vec<IssuerFields> = Vec::new();
        for path in record_files(&state) {
            let issuer = YamlFile::read(&path)
                .and_then(|f| f.parse::<IssuerOnly>())
                .ok()
                .and_then(|i| i.issuer);
            if let Some(issuer) = issuer
                && !found.contains(&issuer)
            {
                found.push(issuer);
            }
        }
        for body in directory_bodies(&state.config.folder) {
            if !found.iter().any(|i| i.name == body) {
                found.push(IssuerFields::from_body(&body));
            }
        }
        found
    })
    .await
    .unwrap_or_default();
    Json(found)
}

/// The bodies the people of the directory belong to, in its order, each once.
fn directory_bodies(folder: &Path) -> Vec<String> {
    use crate::form::directory;
    let path = folder.join(directory::FILE);
    let text = crate::output::files::read_below(folder, &path).unwrap_or_default();
    let people = directory::people(&path, &String::from_utf8_lossy(&text)).unwrap_or_default();
    let mut bodies: Vec<String> = Vec::new();
    for body in people.into_iter().filter_map(|p| p.body) {
        if !body.trim().is_empty() && !bodies.contains(&body) {
            bodies.push(body);
        }
    }
    bodies
}

/// `?since=N` of the long poll; without it the answer is the current generation, at once.
#[derive(Deserialize)]
pub struct Since {
    since: Option<u64>,
}

/// `GET /api/changes?since=N`: answers at once if records changed after generation `N`, else
/// when they do (or after `LONG_POLL`, with nothing new).
pub async fn changes(State(state): State<Arc<AppState>>, Query(since): Query<Since>) -> Json<super::Changes> {
    let mut receiver = state.changes.subscribe();
    if let Some(since) = since.since {
        let _ = tokio::time::timeout(LONG_POLL, receiver.wait_for(|c| c.generation > since)).await;
    }
    let now = receiver.borrow().clone();
    Json(now)
}

/// Starts watching the folder; each change to a record bumps the generation the pages poll.
pub fn watch_folder(state: &Arc<AppState>) -> Result<FileWatcher, Error> {
    let weak = Arc::downgrade(state);
    let mut watcher = FileWatcher::new(move |paths| {
        let Some(state) = weak.upgrade() else { return };
        let records: Vec<String> = paths
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
            .filter(|p| !p.starts_with(&state.config.output))
            .map(|p| relative_name(&state.config.folder, p))
            .collect();
        if records.is_empty() {
            return;
        }
        state.changes.send_modify(|c| {
            c.generation += 1;
            c.paths = records;
        });
    })?;
    watcher.watch(&state.config.folder, true)?;
    Ok(watcher)
}
