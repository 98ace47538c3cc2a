//! Logins, when the folder has users (`vanban users add`): the login page and its answers,
//! sessions in an `HttpOnly`, `SameSite=Strict` cookie, a back-off on failed logins, and
//! the gate every request passes: no session, no access (401, or the login page); a role
//! without the right, 403, checked here on the server for every route that writes; and
//! every action that went through, in the audit log with who, what and from where.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::Json;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;

use super::AppState;
use super::security::{Refusal, cookie, generate_token};
use crate::office::users::{Role, User};

/// The session cookie.
pub const SESSION_COOKIE: &str = "vanban_session";
/// How long a session lasts without a new login: a working day.
const SESSION_LENGTH: Duration = Duration::from_secs(10 * 3600);
/// Failed logins allowed before the waits begin.
const FREE_TRIES: u32 = 5;
/// The longest wait, in back-off units: the pause.
const PAUSE_UNITS: u64 = 300;

/// Sessions and failed logins, in memory (a restart logs everyone out).
#[derive(Default)]
pub struct Sessions {
    open: Mutex<HashMap<String, (User, Instant)>>,
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

impl Sessions {
    fn user(&self, token: &str) -> Option<User> {
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        match open.get(token) {
            Some((user, since)) if since.elapsed() < SESSION_LENGTH => Some(user.clone()),
            Some(_) => {
                open.remove(token);
                None
            }
            None => None,
        }
    }

    /// How long `keys` must still wait before another try, if at all.
    fn wait(&self, keys: &[String]) -> Option<Duration> {
        let unit = backoff_unit();
        let failures = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        keys.iter()
            .filter_map(|key| failures.get(key))
            .filter(|(count, _)| *count >= FREE_TRIES)
            .filter_map(|(count, last)| {
                let units = (1u64 << (count - FREE_TRIES).min(16)).min(PAUSE_UNITS);
                (unit * units as u32).checked_sub(last.elapsed())
            })
            .max()
    }

    fn failed(&self, keys: &[String]) {
        let mut failures = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        // Names and addresses that stopped trying an hour ago are forgotten, so that many
        // made-up names cannot fill the memory.
        if failures.len() > 10_000 {
            failures.retain(|_, (_, last)| last.elapsed() < Duration::from_secs(3600));
        }
        for key in keys {
            let entry = failures.entry(key.clone()).or_insert((0, Instant::now()));
            *entry = (entry.0 + 1, Instant::now());
        }
    }

    fn succeeded(&self, keys: &[String]) {
        let mut failures = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        for key in keys {
            failures.remove(key);
        }
    }
}

/// The back-off unit: a second (`VANBAN_LOGIN_BACKOFF_MS` shortens it for tests).
fn backoff_unit() -> Duration {
    std::env::var("VANBAN_LOGIN_BACKOFF_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(Duration::from_secs(1), Duration::from_millis)
}

/// A login.
#[derive(Deserialize)]
pub struct Login {
    /// The name.
    pub name: String,
    /// The password (never logged, never echoed).
    pub password: String,
}

/// `POST /api/login`: a session cookie for the right password; 401 for a wrong one; 429
/// while a name or an address must wait after failed tries.
pub async fn login(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Json(login): Json<Login>,
) -> Response {
    let lang = state.config.lang;
    let Some(office) = &state.office else {
        return Refusal::new(StatusCode::NOT_FOUND, "err_not_found").respond(lang);
    };
    let keys = [format!("name:{}", login.name), format!("address:{}", peer.ip())];
    if let Some(wait) = state.sessions.wait(&keys) {
        let body =
            json!({ "error": super::text::t(lang, "err_wait").replace("{s}", &wait.as_secs().max(1).to_string()) });
        return (StatusCode::TOO_MANY_REQUESTS, Json(body)).into_response();
    }
    let (office, address) = (office.clone(), peer.ip().to_string());
    let checked = tokio::task::spawn_blocking(move || {
        let office = office.lock().unwrap_or_else(PoisonError::into_inner);
        let user = office.verify(&login.name, &login.password).ok().flatten();
        let action = if user.is_some() { "login" } else { "login-failed" };
        let _ = office.record(&login.name, action, "", &address);
        user
    })
    .await
    .ok()
    .flatten();
    let Some(user) = checked else {
        state.sessions.failed(&keys);
        return Refusal::new(StatusCode::UNAUTHORIZED, "err_login").respond(lang);
    };
    state.sessions.succeeded(&keys);
    let Ok(token) = generate_token() else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let body = json!({ "name": user.name, "role": user.role });
    state
        .sessions
        .open
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(token.clone(), (user, Instant::now()));
    let secure = if state.config.https { "; Secure" } else { "" };
    let cookie = format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict{secure}");
    let mut response = Json(body).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// `POST /api/logout`: ends the session.
pub async fn logout(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    if let Some(token) = cookie(&headers, SESSION_COOKIE) {
        let ended = state
            .sessions
            .open
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&token);
        if let (Some((user, _)), Some(office)) = (ended, &state.office) {
            let office = office.lock().unwrap_or_else(PoisonError::into_inner);
            let _ = office.record(&user.name, "logout", "", "");
        }
    }
    let mut response = Json(json!({ "ok": true })).into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_static("vanban_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"),
    );
    response
}

/// `GET /api/me`: who is logged in (`null` without users or a session).
pub async fn me(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Json<serde_json::Value> {
    let user = cookie(&headers, SESSION_COOKIE).and_then(|t| state.sessions.user(&t));
    Json(json!(user.map(|u| json!({ "name": u.name, "role": u.role }))))
}

/// Paths open without a session: the login page and what it needs.
fn open_path(path: &str) -> bool {
    matches!(path, "/login" | "/api/login" | "/api/text" | "/api/me") || path.starts_with("/assets/")
}

/// The action a write is, and the roles allowed it; `None` for a request that writes
/// nothing.
fn action_of(method: &Method, path: &str) -> Option<(&'static str, &'static [Role])> {
    const WRITERS: &[Role] = &[Role::Drafter, Role::Leader, Role::Admin];
    const ANYONE: &[Role] = &[Role::Drafter, Role::Leader, Role::Clerk, Role::Admin];
    if *method != Method::POST {
        return None;
    }
    Some(match path {
        "/api/save" => ("save", WRITERS),
        "/api/new" | "/api/new-from" => ("create", WRITERS),
        "/api/directory" => ("directory-add", WRITERS),
        "/api/archive" => ("archive", &[Role::Clerk, Role::Admin]),
        "/api/render" => ("export", ANYONE),
        "/api/sign" => ("sign", &[Role::Leader, Role::Clerk]),
        _ => return None,
    })
}

/// What the log names of a write: its record, or the name it is about.
#[derive(Default, serde::Deserialize)]
struct Target {
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    name: Option<String>,
}

/// The gate after the security guard, when the folder has users.
pub async fn gate(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
    next: Next,
) -> Response {
    let lang = state.config.lang;
    let Some(office) = state.office.clone() else {
        return next.run(request).await;
    };
    let path = request.uri().path().to_string();
    if open_path(&path) {
        return next.run(request).await;
    }
    let user = cookie(request.headers(), SESSION_COOKIE).and_then(|t| state.sessions.user(&t));
    let Some(user) = user else {
        if path.starts_with("/api/") || path.starts_with("/out/") || path.starts_with("/archive/") {
            return Refusal::new(StatusCode::UNAUTHORIZED, "err_session").respond(lang);
        }
        return Redirect::to("/login").into_response();
    };
    let mut request = request;
    request.extensions_mut().insert(user.clone());
    let Some((action, roles)) = action_of(request.method(), &path) else {
        return next.run(request).await;
    };
    if !roles.contains(&user.role) {
        return Refusal::new(StatusCode::FORBIDDEN, "err_role").respond(lang);
    }
    // The record (or name) the action is on, from the request's JSON, for the log.
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, super::MAX_BODY_BYTES).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    // Only the two names are read (a signature's PIN is not copied out of the body).
    let fields: Target = serde_json::from_slice(&bytes).unwrap_or_default();
    let target = fields.path.or(fields.name).unwrap_or_default();
    let response = next.run(Request::from_parts(parts, Body::from(bytes))).await;
    if response.status().is_success() {
        let address = peer.ip().to_string();
        let _ = tokio::task::spawn_blocking(move || {
            let office = office.lock().unwrap_or_else(PoisonError::into_inner);
            office.record(&user.name, action, &target, &address)
        })
        .await;
    }
    response
}

/// Who last saved `target` and when, from the log: for a refused save.
pub fn last_save(state: &AppState, target: &str) -> Option<(String, String)> {
    let office = state.office.as_ref()?.lock().unwrap_or_else(PoisonError::into_inner);
    let filter = crate::office::audit::Filter {
        target: Some(target.to_string()),
        ..Default::default()
    };
    let entries = office.entries(&filter).ok()?;
    entries
        .into_iter()
        .rev()
        .find(|e| e.action == "save" && e.target == target)
        .map(|e| (e.user, e.at))
}
