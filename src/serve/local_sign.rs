//! Signing an issued document with the token on the signer's own PC: the page asks the
//! signing service there (Ban Cơ yếu's tool, `--signing-service`) for the certificate, posts
//! it to `POST /api/sign/prepare`, which checks the role, that the certificate names the
//! document's signer (or issuer, for the seal), prepares the PDF and answers the digest and an
//! id; the page has the service sign the digest and posts the raw signature to `POST
//! /api/sign/finish`, which verifies it against the certificate before the signed copy is
//! kept in the archive. The PIN is typed into the service's own window: it never reaches
//! vanban. There is no way around the named signer here.

use std::path::Path;
use std::sync::Arc;

use axum::extract::ConnectInfo;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use base64ct::{Base64, Encoding};
use der::{Decode, Encode};
use serde::Deserialize;
use serde_json::json;
use x509_cert::Certificate;

use super::AppState;
use super::people::{Logged, SESSION_COOKIE};
use super::pin_guard::As;
use super::prepared::{Found, LIFETIME, Pending, Store, now, sha256_hex};
use super::security::{Refusal, cookie, failure};
use super::signing::{Signing, allowed};
use crate::archive::Archive;
use crate::error::Error;
use crate::office::users::User;
use crate::sign::{Mark, Request, SigningTime, certs, finish, prepare, state as kept};

/// Where the signature in a finish request comes from, as messages name it.
const SOURCE: &str = "phần mềm ký số trên máy người ký";

/// `POST /api/sign/prepare`'s body.
#[derive(Deserialize)]
pub struct Prepare {
    /// `ENTRY/FILE`, named so in the audit log.
    pub path: String,
    /// As the person or the agency.
    #[serde(rename = "as")]
    pub mark: As,
    /// Which signer's place (`chair`, `secretary`), when the document has several.
    #[serde(default)]
    pub signer: Option<String>,
    /// The signer's certificate from the service, DER in base64.
    pub certificate: String,
}

/// `POST /api/sign/finish`'s body.
#[derive(Deserialize)]
pub struct Finish {
    /// What prepare answered.
    pub id: String,
    /// The raw signature over the digest, base64.
    pub signature: String,
    /// The certificate the service says it signed with (its `CertBase64`), if it said.
    #[serde(default)]
    pub certificate: Option<String>,
}

/// Who asks: the person's name ("" without users) and a hash of their session cookie.
fn asker(user: Option<&User>, headers: &HeaderMap) -> (String, String) {
    let name = user.map(|u| u.name.clone()).unwrap_or_default();
    let session = cookie(headers, SESSION_COOKIE).map_or_else(String::new, |c| sha256_hex(c.as_bytes()));
    (name, session)
}

/// Base64 with any line breaks the service put in it.
fn decoded(text: &str) -> Option<Vec<u8>> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    Base64::decode_vec(&compact).ok().filter(|b| !b.is_empty())
}

/// Signing on, with an archive: the settings and the archive folder, or the refusal.
fn on(state: &AppState) -> Result<(&Signing, std::path::PathBuf), Refusal> {
    match (&state.signing, &state.config.archive_dir) {
        (Some(signing), Some(dir)) => Ok((signing, dir.clone())),
        _ => Err(Refusal::new(StatusCode::CONFLICT, "sign_off")),
    }
}

/// `POST /api/sign/prepare`: `{digest, id, signer, expires_in}`, or 403 for a role that may
/// not sign so, 422 for a certificate that names someone else (both names said; nothing
/// written) or that cannot be read.
pub async fn prepare(
    State(state): State<Arc<AppState>>,
    user: Option<Extension<User>>,
    headers: HeaderMap,
    Json(request): Json<Prepare>,
) -> Response {
    let lang = state.config.lang;
    let (signing, dir) = match on(&state) {
        Ok(on) => on,
        Err(refusal) => return refusal.respond(lang),
    };
    let user = user.map(|u| u.0);
    if !allowed(user.as_ref()).contains(&request.mark) {
        return Refusal::new(StatusCode::FORBIDDEN, "err_role").respond(lang);
    }
    let Some(mark) = signing.mark(request.mark) else {
        return Refusal::new(StatusCode::CONFLICT, "sign_no_mark").respond(lang);
    };
    let Some(certificate) = decoded(&request.certificate).and_then(|der| Certificate::from_der(&der).ok()) else {
        return Refusal::new(StatusCode::UNPROCESSABLE_ENTITY, "err_sign_certificate").respond(lang);
    };
    let Some((entry, file)) = request.path.split_once('/') else {
        return Refusal::new(StatusCode::NOT_FOUND, "err_not_found").respond(lang);
    };
    let (user, session) = asker(user.as_ref(), &headers);
    let pending = Pending {
        user,
        session,
        mark: request.mark,
        entry: entry.to_string(),
        file: file.to_string(),
        copy: String::new(),
        source: String::new(),
        expires: now() + LIFETIME.as_secs(),
    };
    let task_state = state.clone();
    let role = request.signer.filter(|s| !s.is_empty());
    let prepared = tokio::task::spawn_blocking(move || {
        let signing = task_state.signing.as_ref().expect("checked above");
        let store = Store::at(&task_state.config.folder);
        prepare_one(signing, &dir, &store, pending, (mark, role.as_deref()), certificate)
    })
    .await;
    match prepared {
        Ok(Ok(answer)) => Json(answer).into_response(),
        Ok(Err(error)) => failure(&error, lang),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// Prepares the file `pending` names for `certificate` and keeps it in `store`; the answer.
fn prepare_one(
    signing: &Signing,
    dir: &Path,
    store: &Store,
    mut pending: Pending,
    (mark, role): (Mark, Option<&str>),
    certificate: Certificate,
) -> Result<serde_json::Value, Error> {
    let archive = Archive::open_existing(dir)?;
    let (pdf, copy) = archive.to_sign(&pending.entry, &pending.file)?;
    let source = crate::output::files::read_inside(dir, &pdf)?;
    store.sweep();
    let id = store.new_id()?;
    let output = store.pdf(&id);
    let chain = [certificate];
    let prepared = prepare::prepare(&Request {
        pdf: &pdf,
        output: &output,
        chain: &chain,
        mark,
        role,
        time: SigningTime::now(),
        tsa: signing.tsa.as_deref(),
        ltv: signing.ltv,
        // Only the named signer signs, as on the token route.
        allow_other_signer: false,
    })?;
    kept::save(&output, &prepared)?;
    pending.copy = copy;
    pending.source = sha256_hex(&source);
    if let Err(error) = store.keep(&id, &pending) {
        store.remove(&id);
        return Err(error);
    }
    Ok(json!({
        "id": id,
        "digest": Base64::encode_string(&prepared.digest()),
        "hash": "SHA256",
        "signer": certs::holder(&chain[0]),
        "expires_in": LIFETIME.as_secs(),
    }))
}

/// `POST /api/sign/finish`: `{file}`, the signed copy kept; 404 for an unknown id, 403 for
/// another person's or session's, 410 for an expired one, 409 when the document changed or
/// the service signed with another certificate, 422 for a signature that does not verify
/// (nothing written).
pub async fn finish(
    State(state): State<Arc<AppState>>,
    user: Option<Extension<User>>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    headers: HeaderMap,
    Json(request): Json<Finish>,
) -> Response {
    let lang = state.config.lang;
    let (_, dir) = match on(&state) {
        Ok(on) => on,
        Err(refusal) => return refusal.respond(lang),
    };
    let user = user.map(|u| u.0);
    let (name, session) = asker(user.as_ref(), &headers);
    let store = Store::at(&state.config.folder);
    let pending = match store.find(&request.id, &name, &session) {
        Found::Ready(pending) => pending,
        Found::Unknown => return Refusal::new(StatusCode::NOT_FOUND, "err_sign_id").respond(lang),
        Found::Expired => return Refusal::new(StatusCode::GONE, "err_sign_expired").respond(lang),
        Found::NotYours => return Refusal::new(StatusCode::FORBIDDEN, "err_sign_not_yours").respond(lang),
    };
    if !allowed(user.as_ref()).contains(&pending.mark) {
        return Refusal::new(StatusCode::FORBIDDEN, "err_role").respond(lang);
    }
    let Some(signature) = decoded(&request.signature) else {
        return Refusal::new(StatusCode::UNPROCESSABLE_ENTITY, "err_sign_signature").respond(lang);
    };
    let said = request.certificate.as_deref().map(decoded);
    if said.as_ref().is_some_and(Option::is_none) {
        return Refusal::new(StatusCode::UNPROCESSABLE_ENTITY, "err_sign_certificate").respond(lang);
    }
    let target = format!("{}/{}", pending.entry, pending.file);
    let task_state = state.clone();
    let finished = tokio::task::spawn_blocking(move || {
        let signing = task_state.signing.as_ref().expect("checked above");
        let _one = signing
            .one_at_a_time
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let finished = finish_one(
            signing,
            &dir,
            &store,
            (&request.id, &pending),
            signature,
            said.flatten(),
        );
        if let Ok(Ok(_)) = &finished {
            super::signing::record_signed(&task_state, user.as_ref(), &pending.entry, &peer.ip().to_string())?;
        }
        finished
    })
    .await;
    let mut response = match finished {
        Ok(Ok(Ok(copy))) => Json(json!({ "file": copy })).into_response(),
        Ok(Ok(Err(key))) => Refusal::new(StatusCode::CONFLICT, key).respond(lang),
        Ok(Err(error)) => failure(&error, lang),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    // The audit log names the document, not the id.
    response.extensions_mut().insert(Logged(target));
    response
}

/// Finishes `id` with `signature` and keeps the signed copy; its name, or the catalogue key
/// of why not (finished meanwhile, the document changed, another certificate), or the error (a signature that
/// does not verify, the archive).
fn finish_one(
    signing: &Signing,
    dir: &Path,
    store: &Store,
    (id, pending): (&str, &Pending),
    signature: Vec<u8>,
    said: Option<Vec<u8>>,
) -> Result<Result<String, &'static str>, Error> {
    // Two finishes of one id: the second, after the first, finds nothing.
    if !store.pdf(id).is_file() {
        return Ok(Err("err_sign_id"));
    }
    let mut archive = Archive::open_existing(dir)?;
    let (pdf, copy) = archive.to_sign(&pending.entry, &pending.file)?;
    let now = crate::output::files::read_inside(dir, &pdf)?;
    if copy != pending.copy || sha256_hex(&now) != pending.source {
        store.remove(id);
        return Ok(Err("err_sign_changed"));
    }
    let prepared = kept::load(&store.pdf(id))?;
    let holder = prepared.chain.first().and_then(|c| c.to_der().ok());
    if said.is_some_and(|said| Some(said) != holder) {
        return Ok(Err("err_sign_other_certificate"));
    }
    prepare::check_signer(&pdf, &prepared)?;
    let bytes = finish::finish(&pdf, prepared, signature, SOURCE, signing.tsa.as_deref(), signing.ltv)?;
    archive.keep_signed(&pending.entry, &copy, &bytes)?;
    store.remove(id);
    Ok(Ok(copy))
}
