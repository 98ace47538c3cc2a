//! Signing an issued document through the remote signing service (`serve --csc`, CSC API
//! v2), the signer approving on their phone. `POST /api/sign/remote` checks the role, finds
//! the person's credential (`vanban users set-csc`), asks the service for its certificate,
//! which must name the document's signer (or issuer, for the seal) as on every other route,
//! prepares the PDF and sends the PIN/OTP once (`credentials/authorize`; a wrong one is
//! refused in words and never retried, and counted as the token route counts them). Then it
//! answers a job id at once: `signatures/signHash` waits for the phone, and the page polls
//! `GET /api/sign/remote?id=` until the signature is verified and the signed copy filed,
//! or cancels with `POST /api/sign/remote/cancel`. The PIN and the SAD are zeroed when
//! dropped and never logged.

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use serde_json::json;
use zeroize::{Zeroize as _, Zeroizing};

use super::AppState;
use super::people::Logged;
use super::pin_guard::Outcome;
use super::remote_jobs::{Job, Remote, Standing};
use super::security::{Refusal, failure};
use super::signing::{Sign, allowed, record_signed};
use super::text::t;
use crate::archive::{Archive, sha256_hex};
use crate::error::Error;
use crate::office::users::User;
use crate::sign::csc::{Credential, Service};
use crate::sign::csc_problem::CscProblem;
use crate::sign::prepare::Prepared;
use crate::sign::{Mark, Request, SignProblem, SigningTime, finish, prepare, problem};

/// A signature the service authorized: what signHash needs and what filing needs.
struct Authorized {
    service: Service,
    credential: Credential,
    sad: Zeroizing<String>,
    prepared: Prepared,
    pdf: PathBuf,
    copy: String,
    /// The SHA-256 of the document as prepared: filing checks it did not change meanwhile.
    source: String,
}

/// `?id=` of a job.
#[derive(Deserialize)]
pub struct JobId {
    /// What `POST /api/sign/remote` answered.
    pub id: String,
}

/// The request's JSON with the PIN, the body's bytes zeroed once parsed.
fn parsed(headers: &HeaderMap, body: axum::body::Bytes) -> Result<Sign, StatusCode> {
    let json = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !json {
        return Err(StatusCode::UNSUPPORTED_MEDIA_TYPE);
    }
    let parsed = serde_json::from_slice::<Sign>(&body);
    if let Ok(mut bytes) = body.try_into_mut() {
        bytes.as_mut().zeroize();
    }
    parsed.map_err(|_| StatusCode::UNPROCESSABLE_ENTITY)
}

/// `POST /api/sign/remote`: 202 `{id, state: "waiting", wait}` once the service accepted the
/// PIN; 403 for a role that may not sign so (or a PIN over plain HTTP off loopback), 409
/// without a credential for this person, 422 with the words of a refusal (another person's
/// certificate, a wrong PIN), 409/429 from the PIN guard.
pub async fn start(
    State(state): State<Arc<AppState>>,
    user: Option<Extension<User>>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let lang = state.config.lang;
    let request = match parsed(&headers, body) {
        Ok(request) => request,
        Err(status) => return status.into_response(),
    };
    // The PIN crosses the network only inside TLS.
    if !state.config.https && !peer.ip().is_loopback() {
        return Refusal::new(StatusCode::FORBIDDEN, "err_sign_plain").respond(lang);
    }
    let (Some(signing), Some(dir)) = (&state.signing, state.config.archive_dir.clone()) else {
        return Refusal::new(StatusCode::CONFLICT, "sign_remote_off").respond(lang);
    };
    let Some(remote) = &signing.remote else {
        return Refusal::new(StatusCode::CONFLICT, "sign_remote_off").respond(lang);
    };
    let user = user.map(|u| u.0);
    if !allowed(user.as_ref()).contains(&request.mark) {
        return Refusal::new(StatusCode::FORBIDDEN, "err_role").respond(lang);
    }
    let Some(mark) = signing.mark(request.mark) else {
        return Refusal::new(StatusCode::CONFLICT, "sign_no_mark").respond(lang);
    };
    let Some((entry, file)) = request.path.split_once('/') else {
        return Refusal::new(StatusCode::NOT_FOUND, "err_not_found").respond(lang);
    };
    let (entry, file) = (entry.to_string(), file.to_string());
    // The log names the file signed, as the other routes do.
    let path = request.path.clone();
    let name = user.as_ref().map(|u| u.name.clone()).unwrap_or_default();
    if state.office.is_none() {
        return Refusal::new(StatusCode::CONFLICT, "err_csc_no_users").respond(lang);
    }
    let Some(credential) = credential_of(&state, &name).await else {
        let said = t(lang, "err_csc_no_credential").replace("{name}", &name);
        return (StatusCode::CONFLICT, Json(json!({ "error": said }))).into_response();
    };
    let guard = remote.guard(&credential);
    if let Err(key) = guard.check(request.mark, request.confirm) {
        let status = if key == "err_pin_wait" {
            StatusCode::TOO_MANY_REQUESTS
        } else {
            StatusCode::CONFLICT
        };
        return Refusal::new(status, key).respond(lang);
    }
    let task_state = state.clone();
    let at = (entry.clone(), file);
    let authorized = tokio::task::spawn_blocking(move || {
        let signing = task_state.signing.as_ref().expect("checked above");
        let remote = signing.remote.as_ref().expect("checked above");
        let result = authorize_one(signing, remote, &dir, (&at.0, &at.1), (mark, &credential), &request);
        guard.record(request.mark, outcome(&result));
        result
    })
    .await;
    let authorized = match authorized {
        Ok(Ok(authorized)) => authorized,
        Ok(Err(error)) => return failure(&error, lang),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let (id, job) = match remote.add(&name, &path) {
        Ok(added) => added,
        Err(error) => return failure(&error, lang),
    };
    let address = peer.ip().to_string();
    let wait = remote.wait;
    tokio::task::spawn_blocking(move || wait_and_file(&state, &job, authorized, user.as_ref(), (&entry, &address)));
    (
        StatusCode::ACCEPTED,
        Json(json!({ "id": id, "state": "waiting", "wait": wait })),
    )
        .into_response()
}

/// The credential `vanban users set-csc` gave `name` (none without users).
async fn credential_of(state: &Arc<AppState>, name: &str) -> Option<String> {
    let office = state.office.clone()?;
    let name = name.to_string();
    tokio::task::spawn_blocking(move || {
        let office = office.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        office.csc_credential(&name).ok().flatten()
    })
    .await
    .ok()
    .flatten()
}

/// What an authorization says of the PIN: refused, accepted, or not reached.
fn outcome<T>(result: &Result<T, Error>) -> Outcome {
    match result {
        Ok(_) => Outcome::LoggedIn,
        Err(error) => match error.feature_problem::<SignProblem>() {
            Some(SignProblem::Csc(CscProblem::PinRefused { .. })) => Outcome::WrongPin,
            _ => Outcome::NotTried,
        },
    }
}

/// Connects, checks the credential's certificate names the signer (in prepare), prepares
/// `file` of `entry` and sends the PIN once; the signature authorized.
fn authorize_one(
    signing: &super::signing::Signing,
    remote: &Remote,
    dir: &std::path::Path,
    (entry, file): (&str, &str),
    (mark, credential): (Mark, &str),
    request: &Sign,
) -> Result<Authorized, Error> {
    let archive = Archive::open_existing(dir)?;
    let (pdf, copy) = archive.to_sign(entry, file)?;
    let source = sha256_hex(&crate::output::files::read_inside(dir, &pdf)?);
    let refused = |p: CscProblem| problem(&pdf, SignProblem::Csc(p));
    let service = Service::connect(&remote.url, &remote.client).map_err(refused)?;
    let credential = service.credential(credential).map_err(refused)?;
    let prepared = prepare::prepare(&Request {
        pdf: &pdf,
        output: &pdf,
        chain: &credential.chain,
        mark,
        role: request.signer.as_deref().filter(|s| !s.is_empty()),
        time: SigningTime::now(),
        tsa: signing.tsa.as_deref(),
        ltv: signing.ltv,
        // Only the named signer signs, as on the other routes.
        allow_other_signer: false,
    })?;
    let sad = service
        .authorize(&credential, &[prepared.digest()], &request.pin)
        .map_err(refused)?;
    Ok(Authorized {
        service,
        credential,
        sad,
        prepared,
        pdf,
        copy,
        source,
    })
}

/// Waits for the signer's approval, verifies the signature, files the signed copy (unless
/// the job was cancelled or the document changed meanwhile), moves the record to Đã ký and
/// writes the audit entry (`sign`, or `sign-failed`).
fn wait_and_file(
    state: &AppState,
    job: &Job,
    authorized: Authorized,
    user: Option<&User>,
    (entry, address): (&str, &str),
) {
    let lang = state.config.lang;
    let (Some(signing), Some(dir)) = (&state.signing, &state.config.archive_dir) else {
        return;
    };
    let Some(remote) = &signing.remote else {
        return;
    };
    let Authorized {
        service,
        credential,
        sad,
        prepared,
        pdf,
        copy,
        source,
    } = authorized;
    let refused = |p: CscProblem| problem(&pdf, SignProblem::Csc(p));
    let digest = prepared.digest();
    let signed = service
        .sign_hash(&credential, &sad, &[digest], remote.wait, &|| {})
        .map_err(refused);
    drop(sad);
    let said = format!("{} (signatures/signHash)", remote.url);
    let signed = signed.and_then(|mut signatures| {
        let signature = signatures.pop().unwrap_or_default();
        finish::finish(&pdf, prepared, signature, &said, signing.tsa.as_deref(), signing.ltv)
    });
    let filed = match signed {
        Ok(bytes) => job.file(|| file_one(state, dir, (entry, &copy), &pdf, (&source, &bytes), user, address)),
        Err(error) => Some(Err(error.render(lang))),
    };
    let action = match filed {
        None => return,
        Some(Ok(_)) => "sign",
        Some(Err(message)) => {
            job.end(Standing::Failed(message));
            "sign-failed"
        }
    };
    if let (Some(office), Some(user)) = (&state.office, user) {
        let office = office.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let _ = office.record(&user.name, action, &job.path, address);
    }
}

/// Files `bytes` as the signed `copy` of `entry` when the document `pdf` is still as it was
/// prepared (`source`), and moves the record to Đã ký; the copy's name, or the message.
fn file_one(
    state: &AppState,
    dir: &std::path::Path,
    (entry, copy): (&str, &str),
    pdf: &std::path::Path,
    (source, bytes): (&str, &[u8]),
    user: Option<&User>,
    address: &str,
) -> Result<String, String> {
    let lang = state.config.lang;
    let now = crate::output::files::read_inside(dir, pdf).map_err(|e| e.render(lang))?;
    if sha256_hex(&now) != source {
        return Err(t(lang, "err_sign_changed").to_string());
    }
    let mut archive = Archive::open_existing(dir).map_err(|e| e.render(lang))?;
    archive.keep_signed(entry, copy, bytes).map_err(|e| e.render(lang))?;
    record_signed(state, user, entry, address).map_err(|e| e.render(lang))?;
    Ok(copy.to_string())
}

/// The job `id` if it is this person's: the job, or the refusal.
fn own_job(state: &AppState, user: Option<&User>, id: &str) -> Result<Arc<Job>, Refusal> {
    let remote = state.signing.as_ref().and_then(|s| s.remote.as_ref());
    let job = remote
        .and_then(|r| r.job(id))
        .ok_or(Refusal::new(StatusCode::NOT_FOUND, "err_sign_id"))?;
    if job.owner != user.map(|u| u.name.as_str()).unwrap_or_default() {
        return Err(Refusal::new(StatusCode::FORBIDDEN, "err_sign_not_yours"));
    }
    Ok(job)
}

/// `GET /api/sign/remote?id=`: `{state: "waiting"}`, `{state: "done", file}`, `{state:
/// "failed", error}` or `{state: "cancelled"}`; 404 for an unknown id, 403 for another's.
pub async fn status(
    State(state): State<Arc<AppState>>,
    user: Option<Extension<User>>,
    Query(at): Query<JobId>,
) -> Response {
    let job = match own_job(&state, user.as_ref().map(|u| &u.0), &at.id) {
        Ok(job) => job,
        Err(refusal) => return refusal.respond(state.config.lang),
    };
    Json(match job.standing() {
        Standing::Waiting => json!({ "state": "waiting" }),
        Standing::Done(file) => json!({ "state": "done", "file": file }),
        Standing::Failed(error) => json!({ "state": "failed", "error": error }),
        Standing::Cancelled => json!({ "state": "cancelled" }),
    })
    .into_response()
}

/// `POST /api/sign/remote/cancel` `{id}`: stops waiting; nothing is filed for the job even
/// if the signer approves later. 409 when it already ended.
pub async fn cancel(
    State(state): State<Arc<AppState>>,
    user: Option<Extension<User>>,
    Json(at): Json<JobId>,
) -> Response {
    let lang = state.config.lang;
    let job = match own_job(&state, user.as_ref().map(|u| &u.0), &at.id) {
        Ok(job) => job,
        Err(refusal) => return refusal.respond(lang),
    };
    let path = job.path.clone();
    let cancelled = tokio::task::spawn_blocking(move || job.cancel()).await.unwrap_or(false);
    let mut response = if cancelled {
        Json(json!({ "state": "cancelled" })).into_response()
    } else {
        Refusal::new(StatusCode::CONFLICT, "err_sign_remote_ended").respond(lang)
    };
    response.extensions_mut().insert(Logged(path));
    response
}
