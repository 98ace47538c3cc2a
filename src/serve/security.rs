//! Who may ask what: the Host check (DNS rebinding), the access token, the Origin check on
//! writes (no cross-site writes), and paths confined to the working folder.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::AppState;
use super::text::t;
use crate::problem::Lang;

/// The cookie that carries the token after the first visit with `?token=`.
pub const TOKEN_COOKIE: &str = "vanban_token";

/// A refusal: status and catalogue key of its message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refusal {
    /// HTTP status.
    pub status: StatusCode,
    /// Key in [`super::text`].
    pub key: &'static str,
}

impl Refusal {
    /// Refusal with `status` and message `key`.
    pub const fn new(status: StatusCode, key: &'static str) -> Refusal {
        Refusal { status, key }
    }

    /// As an HTTP response with a JSON body `{ "error": message }`.
    pub fn respond(self, lang: Lang) -> Response {
        let body = serde_json::json!({ "error": t(lang, self.key) });
        (self.status, axum::Json(body)).into_response()
    }
}

/// A failed action's 422, with the error in the interface's language (the same
/// `{ "error": message }` body as a [`Refusal`]).
pub fn failure(error: &crate::error::Error, lang: Lang) -> Response {
    let body = serde_json::json!({ "error": error.render(lang) });
    (StatusCode::UNPROCESSABLE_ENTITY, axum::Json(body)).into_response()
}

/// A 32-byte random token from the operating system, hex.
pub fn generate_token() -> Result<String, crate::error::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| crate::error::Error::Read {
        path: PathBuf::from("/dev/urandom"),
        detail: e.to_string(),
    })?;
    Ok(base16ct::lower::encode_string(&bytes))
}

/// The host name of a `Host` or `Origin` authority, without port or brackets.
fn host_name(authority: &str) -> &str {
    if let Some(rest) = authority.strip_prefix('[') {
        return rest.split(']').next().unwrap_or_default();
    }
    authority.rsplit_once(':').map_or(authority, |(host, _)| host)
}

/// Names the server answers to: `localhost` and IP literals. Any other name could be an
/// attacker's domain pointed at this machine (DNS rebinding).
fn allowed_host(authority: &str) -> bool {
    let host = host_name(authority);
    host.eq_ignore_ascii_case("localhost") || host.parse::<std::net::IpAddr>().is_ok()
}

fn token_given(request: &Request) -> Option<String> {
    let headers = request.headers();
    if let Some(bearer) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    {
        return Some(bearer.trim().to_string());
    }
    if let Some(query) = request.uri().query() {
        for (key, value) in query_pairs(query) {
            if key == "token" {
                return Some(value);
            }
        }
    }
    cookie(headers, TOKEN_COOKIE)
}

/// Query pairs, percent-decoded.
fn query_pairs(query: &str) -> Vec<(String, String)> {
    let uri = format!("/?{query}").parse().unwrap_or_default();
    axum::extract::Query::<Vec<(String, String)>>::try_from_uri(&uri)
        .map(|q| q.0)
        .unwrap_or_default()
}

pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_string())
}

/// Equal without an early exit, so the time taken says nothing about the token.
fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Whether a write request comes from this app's own pages.
fn same_origin(headers: &HeaderMap) -> bool {
    if headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|site| site == "cross-site" || site == "same-site")
    {
        return false;
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let authority = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"));
    authority.is_some_and(|a| a.eq_ignore_ascii_case(host) && allowed_host(a))
}

/// The guard in front of every route.
pub async fn guard(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let lang = state.config.lang;
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    // The request target may carry its own authority (`GET http://name/...`); it is held to
    // the same rule as the Host header.
    let target = request.uri().authority().map(|a| a.as_str());
    if !allowed_host(host) || target.is_some_and(|a| !allowed_host(a)) {
        return Refusal::new(StatusCode::FORBIDDEN, "err_host").respond(lang);
    }
    let mut set_cookie = None;
    if let Some(expected) = &state.config.token {
        match token_given(&request) {
            Some(given) if same_secret(&given, expected) => {
                if cookie(request.headers(), TOKEN_COOKIE).as_deref() != Some(expected) {
                    set_cookie = Some(format!("{TOKEN_COOKIE}={expected}; Path=/; HttpOnly; SameSite=Strict"));
                }
            }
            _ => return Refusal::new(StatusCode::UNAUTHORIZED, "err_token").respond(lang),
        }
    }
    let writes = !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if writes && !same_origin(request.headers()) {
        return Refusal::new(StatusCode::FORBIDDEN, "err_origin").respond(lang);
    }
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if let Some(value) = set_cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        headers.insert(header::SET_COOKIE, value);
    }
    headers.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    headers.insert("x-frame-options", HeaderValue::from_static("SAMEORIGIN"));
    // The page may connect to the signing service on the signer's PC, and nowhere else.
    let service = state
        .signing
        .as_ref()
        .map_or(String::new(), |s| format!(" {}", s.service));
    let policy = format!(
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'{service}; frame-ancestors 'self'; form-action 'self'"
    );
    // The service's address was checked at the start; were it not a header value, nothing loads.
    let policy = HeaderValue::from_str(&policy).unwrap_or(HeaderValue::from_static("default-src 'none'"));
    headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `relative` inside `root` (a canonical folder), or a refusal: absolute paths, `..` (however
/// encoded: the words are checked after decoding) and symbolic links that lead out are refused.
pub fn confine(root: &Path, relative: &str) -> Result<PathBuf, Refusal> {
    let outside = Refusal::new(StatusCode::FORBIDDEN, "err_path");
    if relative.is_empty() || relative.contains('\0') || relative.contains('\\') {
        return Err(outside);
    }
    let words = Path::new(relative);
    if !words
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err(outside);
    }
    let joined = root.join(words);
    let real = match joined.canonicalize() {
        Ok(real) => real,
        Err(_) => {
            // Not there yet (a new record): its folder must exist and be inside.
            let parent = joined.parent().ok_or(outside)?;
            let name = joined.file_name().ok_or(outside)?;
            parent.canonicalize().map_err(|_| outside)?.join(name)
        }
    };
    if !real.starts_with(root) {
        return Err(outside);
    }
    Ok(real)
}

/// The bytes of `path`, as [`confine`] returned it under `root`, read without following a
/// link swapped in since the check; `None` when it cannot be read.
pub async fn read_checked(root: &Path, path: &Path) -> Option<Vec<u8>> {
    let (root, path) = (root.to_path_buf(), path.to_path_buf());
    tokio::task::spawn_blocking(move || crate::output::files::read_below(&root, &path).ok())
        .await
        .ok()
        .flatten()
}

/// Like [`confine`], for a record: the name must end in `.yaml` or `.yml`, and a record
/// is never reached through a link (the writers refuse links too): the path returned is the
/// record's one real file, whatever the spelling asked (`./R`, `a/../R`).
pub fn confine_record(root: &Path, relative: &str) -> Result<PathBuf, Refusal> {
    let path = confine(root, relative)?;
    if !path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
        return Err(Refusal::new(StatusCode::BAD_REQUEST, "err_not_yaml"));
    }
    let asked = root.join(relative);
    if std::fs::symlink_metadata(&asked).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(Refusal::new(StatusCode::FORBIDDEN, "err_path"));
    }
    Ok(path)
}

/// A record's real file and its one name in the office (relative to `root`, `/`-separated):
/// states, versions, comments and approvals are kept under that name, never under the
/// spelling a request used.
pub fn record_key(root: &Path, relative: &str) -> Result<(PathBuf, String), Refusal> {
    let path = confine_record(root, relative)?;
    let key = relative_name(root, &path);
    Ok((path, key))
}

/// The name of `path` relative to `root`, with `/` separators, for the pages.
pub fn relative_name(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_names_of_this_machine_only() {
        assert!(allowed_host("127.0.0.1:8080"));
        assert!(allowed_host("localhost:8080"));
        assert!(allowed_host("[::1]:8080"));
        assert!(allowed_host("192.168.1.5:8080"));
        assert!(!allowed_host("evil.example:8080"));
        assert!(!allowed_host(""));
    }
}
