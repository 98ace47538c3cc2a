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
use crate::office::users::{MAX_NAME_BYTES, Role, User, password_matches};

/// The session cookie.
pub const SESSION_COOKIE: &str = "vanban_session";
/// How long a session lasts without a new login: a working day.
const SESSION_LENGTH: Duration = Duration::from_secs(10 * 3600);
/// Failed logins allowed before the waits begin.
const FREE_TRIES: u32 = 5;
/// The longest wait, in back-off units: the pause.
const PAUSE_UNITS: u64 = 300;

/// Names and addresses whose failed logins are remembered at most: the oldest are forgotten.
const MAX_FAILURES: usize = 10_000;

/// Sessions (each with the account's stamp when it was made) and failed logins, in memory (a
/// restart logs everyone out).
#[derive(Default)]
pub struct Sessions {
    open: Mutex<HashMap<String, (User, i64, Instant)>>,
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

impl Sessions {
    /// The session's person and the account's stamp when it was made.
    fn user(&self, token: &str) -> Option<(User, i64)> {
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        match open.get(token) {
            Some((user, stamp, since)) if since.elapsed() < SESSION_LENGTH => Some((user.clone(), *stamp)),
            Some(_) => {
                open.remove(token);
                None
            }
            None => None,
        }
    }

    fn end(&self, token: &str) -> Option<User> {
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        open.remove(token).map(|(user, _, _)| user)
    }

    /// Takes a try for `keys`: refused with the wait while one must still wait, else counted
    /// as failed now, before the password is checked (a success clears it), so that guesses
    /// sent at once cannot all pass the same free place.
    fn reserve(&self, keys: &[String]) -> Result<(), Duration> {
        let mut failures = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        let unit = backoff_unit();
        let wait = keys
            .iter()
            .filter_map(|key| failures.get(key))
            .filter(|(count, _)| *count >= FREE_TRIES)
            .filter_map(|(count, last)| {
                let units = (1u64 << (count - FREE_TRIES).min(16)).min(PAUSE_UNITS);
                (unit * units as u32).checked_sub(last.elapsed())
            })
            .max();
        if let Some(wait) = wait {
            return Err(wait);
        }
        // Names and addresses that stopped trying an hour ago are forgotten; past the bound
        // the oldest are, so that many made-up names cannot fill the memory.
        if failures.len() >= MAX_FAILURES {
            failures.retain(|_, (_, last)| last.elapsed() < Duration::from_secs(3600));
        }
        while failures.len() + keys.len() > MAX_FAILURES {
            let Some(oldest) = failures
                .iter()
                .min_by_key(|(_, (_, last))| *last)
                .map(|(k, _)| k.clone())
            else {
                break;
            };
            failures.remove(&oldest);
        }
        for key in keys {
            let entry = failures.entry(key.clone()).or_insert((0, Instant::now()));
            *entry = (entry.0 + 1, Instant::now());
        }
        Ok(())
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
/// while a name or an address must wait after failed tries; 400 for a name longer than any
/// account's, before any other work (it is neither checked nor logged).
pub async fn login(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Json(login): Json<Login>,
) -> Response {
    let lang = state.config.lang;
    let Some(office) = &state.office else {
        return Refusal::new(StatusCode::NOT_FOUND, "err_not_found").respond(lang);
    };
    if login.name.len() > MAX_NAME_BYTES || login.password.len() > MAX_PASSWORD_BYTES {
        return Refusal::new(StatusCode::BAD_REQUEST, "err_login").respond(lang);
    }
    let keys = [format!("name:{}", login.name), format!("address:{}", peer.ip())];
    if let Err(wait) = state.sessions.reserve(&keys) {
        let body =
            json!({ "error": super::text::t(lang, "err_wait").replace("{s}", &wait.as_secs().max(1).to_string()) });
        return (StatusCode::TOO_MANY_REQUESTS, Json(body)).into_response();
    }
    let Ok(_one_of_the_cores) = state.password_checks.acquire().await else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let (office, address) = (office.clone(), peer.ip().to_string());
    let checked = tokio::task::spawn_blocking(move || {
        // The account is read under the office's lock; the slow hash is checked outside it.
        let found = office
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .credentials(&login.name);
        let found = found.ok().flatten();
        let matches = password_matches(found.as_ref().map(|c| c.hash.as_str()), &login.password);
        let user = found.filter(|c| matches && !c.user.disabled);
        let action = if user.is_some() { "login" } else { "login-failed" };
        let _ = office
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .record(&login.name, action, "", &address);
        user
    })
    .await
    .ok()
    .flatten();
    let Some(account) = checked else {
        return Refusal::new(StatusCode::UNAUTHORIZED, "err_login").respond(lang);
    };
    state.sessions.succeeded(&keys);
    let Ok(token) = generate_token() else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let body = json!({ "name": account.user.name, "role": account.user.role });
    state
        .sessions
        .open
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(token.clone(), (account.user, account.stamp, Instant::now()));
    let secure = if state.config.https { "; Secure" } else { "" };
    let cookie = format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict{secure}");
    let mut response = Json(body).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// The longest password a login checks, in bytes: a longer one is refused unhashed.
const MAX_PASSWORD_BYTES: usize = 1024;

/// `POST /api/logout`: ends the session.
pub async fn logout(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    if let Some(token) = cookie(&headers, SESSION_COOKIE) {
        let ended = state.sessions.end(&token);
        if let (Some(user), Some(office)) = (ended, &state.office) {
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
    let user = cookie(&headers, SESSION_COOKIE).and_then(|t| current(&state, &t));
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
    // The office that gave the task confirms that it is done, or refuses.
    const OFFICE: &[Role] = &[Role::Clerk, Role::Leader, Role::Admin];
    if *method != Method::POST {
        return None;
    }
    Some(match path {
        "/api/save" => ("save", WRITERS),
        "/api/new" | "/api/new-from" => ("create", WRITERS),
        "/api/directory" => ("directory-add", WRITERS),
        "/api/archive" => ("archive", &[Role::Clerk, Role::Admin]),
        "/api/render" => ("export", ANYONE),
        "/api/sign" | "/api/sign/finish" => ("sign", &[Role::Leader, Role::Clerk]),
        "/api/sign/prepare" => ("sign-prepare", &[Role::Leader, Role::Clerk]),
        // Asked of the service; the signature's own entry (`sign`) comes once it is filed.
        "/api/sign/remote" => ("sign-remote", &[Role::Leader, Role::Clerk]),
        "/api/sign/remote/cancel" => ("sign-cancel", &[Role::Leader, Role::Clerk]),
        "/api/tasks/update" => ("task-update", &[Role::Drafter, Role::Admin]),
        "/api/tasks/confirm" => ("task-confirm", OFFICE),
        "/api/tasks/refuse" => ("task-refuse", OFFICE),
        // Drafting writes records: those who start records.
        "/api/tasks/draft" => ("task-draft", &[Role::Drafter, Role::Leader, Role::Admin]),
        _ => return None,
    })
}

/// What the log names of a write: its record, or the name it is about.
#[derive(Default, serde::Deserialize)]
struct Target {
    #[serde(default)]
    path: Option<String>,
    /// A tracked task's id (`/api/tasks/…`); any JSON value, so that another route's
    /// numeric `id` does not make the whole target unreadable.
    #[serde(default)]
    id: Option<serde_json::Value>,
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
    let user = cookie(request.headers(), SESSION_COOKIE).and_then(|t| current(&state, &t));
    let Some(user) = user else {
        if path.starts_with("/api/") || path.starts_with("/out/") || path.starts_with("/archive/") {
            return Refusal::new(StatusCode::UNAUTHORIZED, "err_session").respond(lang);
        }
        return Redirect::to("/login").into_response();
    };
    let mut request = request;
    request.extensions_mut().insert(user.clone());
    if *request.method() != Method::POST {
        return next.run(request).await;
    }
    // The record (or name) a write is on, from the request's JSON, for the log.
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, super::MAX_BODY_BYTES).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    // Only the two names are read (a signature's PIN is not copied out of the body).
    let fields: Target = serde_json::from_slice(&bytes).unwrap_or_default();
    let target = fields
        .path
        .or(fields.name)
        .or(fields
            .id
            .as_ref()
            .and_then(serde_json::Value::as_str)
            .map(|id| format!("task {id}")))
        .unwrap_or_default();
    let action = action_of(&parts.method, &path);
    let response = match action {
        Some((_, roles)) if !roles.contains(&user.role) => {
            Refusal::new(StatusCode::FORBIDDEN, "err_role").respond(lang)
        }
        _ => next.run(Request::from_parts(parts, Body::from(bytes))).await,
    };
    // What the log says: the action that went through (a save is logged by its handler, in
    // the save's transaction), a refusal of the role on any route, a failed signing.
    let logged = match (action, response.status()) {
        (_, StatusCode::FORBIDDEN) => Some(format!("refused {path}")),
        (Some(("save", _)), _) => None,
        (Some((action, _)), status) if status.is_success() => Some(action.to_string()),
        (Some(("sign" | "sign-prepare" | "sign-remote", _)), _) => Some("sign-failed".to_string()),
        _ => None,
    };
    if let Some(logged) = logged {
        // A handler may name what it made (a new record) instead of what it was asked about.
        let target = response.extensions().get::<Logged>().map_or(target, |l| l.0.clone());
        let address = peer.ip().to_string();
        let _ = tokio::task::spawn_blocking(move || {
            let office = office.lock().unwrap_or_else(PoisonError::into_inner);
            office.record(&user.name, &logged, &target, &address)
        })
        .await;
    }
    response
}

/// What a handler's answer names for the log, instead of the request's `path`: the record it
/// made ("Tạo từ bản ghi này" logs the new record, not its source).
#[derive(Debug, Clone)]
pub struct Logged(pub String);

/// The session's person as the account is now: a session made before the account changed
/// (disabled, a new password, another role, removed), in this process or from the command
/// line, is over.
fn current(state: &AppState, token: &str) -> Option<User> {
    let (user, stamp) = state.sessions.user(token)?;
    let office = state.office.as_ref()?;
    let now = office
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .account(&user.name)
        .ok()
        .flatten();
    match now {
        Some((now, same)) if same == stamp && !now.disabled && now.role == user.role => Some(now),
        _ => {
            state.sessions.end(token);
            None
        }
    }
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
