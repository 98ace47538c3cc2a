//! Signing issued documents from the page, with the USB tokens plugged into the machine that
//! runs `serve` (`--pkcs11`): the lãnh đạo signs as the person, the văn thư as the agency,
//! each on their own token. The PIN is typed in the page, travels only over loopback or TLS,
//! is used for one login (never tried again) and dropped. The signed copy is kept in the
//! archive beside its document; what `vanban verify` says of a file is shown in the page.

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::{ConnectInfo, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use serde_json::json;
use zeroize::{Zeroize as _, Zeroizing};

use super::AppState;
pub use super::pin_guard::As;
use super::pin_guard::{Outcome, PinGuard};
use super::security::{Refusal, failure};
use crate::archive::Archive;
use crate::error::Error;
use crate::office::users::{Role, User};
use crate::sign::appearance::Png;
use crate::sign::key::Credentials;
use crate::sign::token::Choice;
use crate::sign::{Mark, Request, SigningTime};

/// Whose token, and which key on it.
#[derive(Debug, Clone, Default)]
pub struct Holder {
    /// The token's label, when several are plugged in.
    pub token: Option<String>,
    /// The key's label, when the token holds several.
    pub key: Option<String>,
}

/// How `serve` signs: the module, each signer's token, what the signatures show, the
/// timestamp and revocation settings, the roots `verify` trusts, and the signing service the
/// page asks on the signer's own PC.
pub struct Signing {
    /// The PKCS#11 module of the tokens plugged into this machine, if any.
    pub module: Option<PathBuf>,
    /// The signing service on the signer's PC (`--signing-service`).
    pub service: String,
    /// The lãnh đạo's token and key.
    pub person: Holder,
    /// The agency's (văn thư's) token and key.
    pub agency: Holder,
    /// The lãnh đạo's handwritten signature.
    pub image: Option<Png>,
    /// The agency's seal.
    pub seal: Option<Png>,
    /// A time-stamping authority (B-T).
    pub tsa: Option<String>,
    /// Keep the revocation answers in the file (B-LT).
    pub ltv: bool,
    /// The roots the shown verification trusts.
    pub anchors: Option<Vec<x509_cert::Certificate>>,
    /// One signature at a time: a process can have a module initialized only once at a time.
    pub one_at_a_time: std::sync::Mutex<()>,
    /// The wrong PINs of each token, so that none is locked.
    pub pins: PinGuard,
    /// The remote signing service (`--csc`), if any.
    pub remote: Option<super::remote_jobs::Remote>,
}

impl Signing {
    /// What `serve`'s arguments ask for (`None` without `--pkcs11`, a signature image or a
    /// seal); the images and roots are read now, so that a wrong path stops the start.
    pub fn from_args(args: &crate::args::ServeArgs) -> Result<Option<Signing>, Error> {
        let trust = args
            .trust
            .as_deref()
            .map(|path| {
                let text = std::fs::read(path).map_err(|e| Error::Read {
                    path: path.to_path_buf(),
                    detail: e.to_string(),
                })?;
                Ok::<_, Error>(crate::sign::certs::read_pem(&text))
            })
            .transpose()?;
        let none = args.pkcs11.is_none() && args.signature_image.is_none() && args.seal.is_none();
        if none && args.csc.is_none() {
            return Ok(None);
        }
        Ok(Some(Signing {
            module: args.pkcs11.clone(),
            service: args.signing_service.clone(),
            person: Holder {
                token: args.person_token.clone(),
                key: args.person_key.clone(),
            },
            agency: Holder {
                token: args.agency_token.clone(),
                key: args.agency_key.clone(),
            },
            image: args.signature_image.as_deref().map(Png::read).transpose()?,
            seal: args.seal.as_deref().map(Png::read).transpose()?,
            tsa: args.tsa.clone(),
            ltv: args.ltv,
            anchors: trust,
            one_at_a_time: std::sync::Mutex::new(()),
            pins: PinGuard::default(),
            remote: super::remote_jobs::Remote::from_args(args)?,
        }))
    }
}

impl Signing {
    /// What a signature as `who` shows: the signature image or the seal, if given.
    pub fn mark(&self, who: As) -> Option<Mark> {
        match who {
            As::Person => self.image.clone().map(Mark::Person),
            As::Agency => self.seal.clone().map(Mark::Agency),
        }
    }
}

/// Who may sign as what: with users, the lãnh đạo as the person and the văn thư as the
/// agency; without (one person on loopback), either.
pub fn allowed(user: Option<&User>) -> Vec<As> {
    match user.map(|u| u.role) {
        None => vec![As::Person, As::Agency],
        Some(Role::Leader) => vec![As::Person],
        Some(Role::Clerk) => vec![As::Agency],
        Some(_) => Vec::new(),
    }
}

/// `?entry=` (and `&file=`).
#[derive(Debug, Deserialize)]
pub struct Document {
    /// The archive entry.
    pub entry: String,
    /// A PDF of it.
    #[serde(default)]
    pub file: String,
}

/// `GET /api/issued?entry=`: the entry's PDFs, and as whom this user may sign them.
pub async fn issued(
    State(state): State<Arc<AppState>>,
    user: Option<Extension<User>>,
    Query(at): Query<Document>,
) -> Response {
    let lang = state.config.lang;
    let Some(dir) = state.config.archive_dir.clone() else {
        return Refusal::new(StatusCode::CONFLICT, "archive_off").respond(lang);
    };
    let pdfs = tokio::task::spawn_blocking(move || Archive::open_existing(&dir)?.pdfs_of(&at.entry)).await;
    let pdfs: Vec<serde_json::Value> = match pdfs {
        Ok(Ok(pdfs)) => pdfs
            .into_iter()
            .map(|(file, signed)| json!({ "file": file, "signed": signed }))
            .collect(),
        Ok(Err(error)) => return failure(&error, lang),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    if pdfs.is_empty() {
        return Refusal::new(StatusCode::NOT_FOUND, "err_not_found").respond(lang);
    }
    let may = match &state.signing {
        Some(_) => allowed(user.as_ref().map(|u| &u.0)),
        None => Vec::new(),
    };
    // `signing`: a token plugged into this machine; `local`: the service on the signer's PC.
    let here = state.signing.as_ref().is_some_and(|s| s.module.is_some());
    let local = state.signing.as_ref().map(|s| s.service.clone());
    // `remote`: the remote signing service (`--csc`), the signer approving on their phone.
    // (each person's credential is theirs: with users only)
    let remote = state.signing.as_ref().is_some_and(|s| s.remote.is_some()) && state.office.is_some();
    Json(json!({ "files": pdfs, "signing": here, "local": local, "remote": remote, "as": may })).into_response()
}

/// `POST /api/sign`'s body. `path` is `ENTRY/FILE`, named so in the audit log.
#[derive(Deserialize)]
pub struct Sign {
    /// `ENTRY/FILE`.
    pub path: String,
    /// As the person or the agency.
    #[serde(rename = "as")]
    pub mark: As,
    /// Which signer's place (`chair`, `secretary`), when the document has several.
    #[serde(default)]
    pub signer: Option<String>,
    /// The token's PIN; zeroed when dropped.
    pub pin: Zeroizing<String>,
    /// After a wrong PIN: the person confirms that the token is to be tried again.
    #[serde(default)]
    pub confirm: bool,
}

/// `POST /api/sign`: signs the entry's document (or its signed copy) once, with one login to
/// the token; 403 for a role that may not sign so, 422 with the token's word on a wrong PIN,
/// 409 until a try after a wrong PIN is confirmed, 429 for a third within a minute. The body
/// (with the PIN) is read as bytes and zeroed once parsed.
pub async fn sign(
    State(state): State<Arc<AppState>>,
    user: Option<Extension<User>>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let lang = state.config.lang;
    let json = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !json {
        return StatusCode::UNSUPPORTED_MEDIA_TYPE.into_response();
    }
    let parsed = serde_json::from_slice::<Sign>(&body);
    if let Ok(mut bytes) = body.try_into_mut() {
        bytes.as_mut().zeroize();
    }
    let Ok(request) = parsed else {
        return StatusCode::UNPROCESSABLE_ENTITY.into_response();
    };
    // The PIN crosses the network only inside TLS.
    if !state.config.https && !peer.ip().is_loopback() {
        return Refusal::new(StatusCode::FORBIDDEN, "err_sign_plain").respond(lang);
    }
    let (Some(signing), Some(dir)) = (&state.signing, state.config.archive_dir.clone()) else {
        return Refusal::new(StatusCode::CONFLICT, "sign_off").respond(lang);
    };
    if signing.module.is_none() {
        return Refusal::new(StatusCode::CONFLICT, "sign_off").respond(lang);
    }
    let Some(mark) = signing.mark(request.mark) else {
        return Refusal::new(StatusCode::CONFLICT, "sign_no_mark").respond(lang);
    };
    if !allowed(user.as_ref().map(|u| &u.0)).contains(&request.mark) {
        return Refusal::new(StatusCode::FORBIDDEN, "err_role").respond(lang);
    }
    let Some((entry, file)) = request.path.split_once('/') else {
        return Refusal::new(StatusCode::NOT_FOUND, "err_not_found").respond(lang);
    };
    let (entry, file) = (entry.to_string(), file.to_string());
    let signing_state = state.clone();
    let signed = tokio::task::spawn_blocking(move || {
        let signing = signing_state.signing.as_ref().expect("checked above");
        let _one = signing
            .one_at_a_time
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        signing.pins.check(request.mark, request.confirm)?;
        let result = sign_one(signing, &dir, (&entry, &file), mark, &request);
        signing.pins.record(request.mark, Outcome::of(&result));
        let user = user.as_ref().map(|u| &u.0);
        Ok(result.and_then(|copy| record_signed(&signing_state, user, &entry, &peer.ip().to_string()).map(|()| copy)))
    })
    .await;
    match signed {
        Ok(Ok(Ok(copy))) => Json(json!({ "file": copy })).into_response(),
        Ok(Ok(Err(error))) => failure(&error, lang),
        Ok(Err(key)) => {
            let status = if key == "err_pin_wait" {
                StatusCode::TOO_MANY_REQUESTS
            } else {
                StatusCode::CONFLICT
            };
            Refusal::new(status, key).respond(lang)
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// After a signature by `user` was filed for `entry`: the record issued as it moves to Đã
/// ký (with users; a record signed already, or not issued from this folder, stays).
pub(super) fn record_signed(state: &AppState, user: Option<&User>, entry: &str, address: &str) -> Result<(), Error> {
    let (Some(office), Some(user)) = (&state.office, user) else {
        return Ok(());
    };
    let office = office.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    office.signed(&user.name, entry, address).map(|_| ())
}

/// Signs `file` of `entry` as `request` asks and keeps the signed copy; its name.
fn sign_one(
    signing: &Signing,
    dir: &std::path::Path,
    (entry, file): (&str, &str),
    mark: Mark,
    request: &Sign,
) -> Result<String, Error> {
    let mut archive = Archive::open_existing(dir)?;
    let (pdf, copy) = archive.to_sign(entry, file)?;
    let holder = match request.mark {
        As::Person => &signing.person,
        As::Agency => &signing.agency,
    };
    let choice = Choice {
        token: holder.token.as_deref(),
        key: holder.key.as_deref(),
    };
    // `auto` is looked up at each signature: a token may be plugged in after the start.
    let (module, _) = crate::sign::modules::resolve(signing.module.as_deref().unwrap_or(std::path::Path::new("")))?;
    // The one copy handed on becomes the token's PIN, zeroed when dropped; no other is made.
    let credentials = Credentials::from_token(&module, &choice, || Ok(request.pin.to_string()))?;
    // Signed into a scratch file beside the entry, then kept by the archive.
    let scratch = dir
        .join("entries")
        .join(entry)
        .join(format!(".ky-{}.pdf", std::process::id()));
    let result = crate::sign::sign(
        &Request {
            pdf: &pdf,
            output: &scratch,
            chain: &credentials.chain,
            mark,
            role: request.signer.as_deref().filter(|s| !s.is_empty()),
            time: SigningTime::now(),
            tsa: signing.tsa.as_deref(),
            ltv: signing.ltv,
            // Only the named signer signs, as on the command line.
            allow_other_signer: false,
        },
        &credentials.key,
    )
    .and_then(|()| {
        std::fs::read(&scratch).map_err(|e| Error::Read {
            path: scratch.clone(),
            detail: e.to_string(),
        })
    });
    let _ = std::fs::remove_file(&scratch);
    archive.keep_signed(entry, &copy, &result?)?;
    Ok(copy)
}

/// `GET /api/verify?entry=&file=`: what `vanban verify` says of the file, as lines and data.
pub async fn verify(State(state): State<Arc<AppState>>, Query(at): Query<Document>) -> Response {
    let lang = state.config.lang;
    let Some(dir) = state.config.archive_dir.clone() else {
        return Refusal::new(StatusCode::CONFLICT, "archive_off").respond(lang);
    };
    let checked = tokio::task::spawn_blocking(move || {
        let archive = Archive::open_existing(&dir)?;
        let (pdf, _) = archive.to_sign(&at.entry, &at.file)?;
        let anchors = state.signing.as_ref().and_then(|s| s.anchors.as_deref());
        crate::sign::verify::verify(&pdf, anchors, None)
    })
    .await;
    match checked {
        Ok(Ok(reports)) => {
            let lines: Vec<String> = reports.iter().enumerate().map(|(i, r)| r.render(i + 1, lang)).collect();
            let data: Vec<serde_json::Value> = reports.iter().map(|r| r.data()).collect();
            Json(json!({ "lines": lines, "signatures": data })).into_response()
        }
        Ok(Err(error)) => failure(&error, lang),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
