//! A key on a USB token, reached through the token's PKCS#11 module (the `cryptoki` crate):
//! the module loaded, the token found (by label when there are several), one login with the
//! PIN, the private key found (by label when there are several) with the certificate that has
//! its `CKA_ID`, and the CA certificates on the token that chain it. The PIN is asked once
//! and never tried again: a token locks itself after a few wrong PINs, so a wrong one stops
//! here, saying what the token tells of the tries left.

use std::path::Path;

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
use cryptoki::error::RvError;
use cryptoki::mechanism::Mechanism;
use cryptoki::object::{Attribute, AttributeType, KeyType, ObjectClass, ObjectHandle};
use cryptoki::session::{Session, UserType};
use cryptoki::slot::Slot;
use der::Decode;
use x509_cert::Certificate;

use super::SignProblem;
use super::token_problem::TokenProblem;
use crate::error::Error;

/// The DER of the named curve P-256 (prime256v1), as `CKA_EC_PARAMS` holds it.
const P256_PARAMS: &[u8] = &[0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];

/// Which token and key: labels, when there is more than one.
#[derive(Debug, Clone, Default)]
pub struct Choice<'a> {
    /// The token's label.
    pub token: Option<&'a str>,
    /// The private key's label.
    pub key: Option<&'a str>,
}

/// A logged-in key on a token. Dropped, it closes its session, then finalizes the module, so
/// that a long-running process (`serve`) can load it again for the next signature.
pub struct TokenKey {
    session: Session,
    key: ObjectHandle,
    ec: bool,
    // Last: dropped after the session is closed.
    _loaded: Loaded,
}

/// An initialized module, finalized when dropped (cryptoki leaves that to its user).
struct Loaded(Option<Pkcs11>);

impl Drop for Loaded {
    fn drop(&mut self) {
        if let Some(pkcs11) = self.0.take() {
            let _ = pkcs11.finalize();
        }
    }
}

impl TokenKey {
    /// The signature over `message`: RSA PKCS#1 v1.5 with SHA-256 done by the token, or ECDSA
    /// over its SHA-256, turned from the token's `r‖s` into DER as CMS writes it.
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>, SignProblem> {
        let failed = |e: cryptoki::error::Error| SignProblem::Token(TokenProblem::Failed { detail: e.to_string() });
        if !self.ec {
            return self
                .session
                .sign(&Mechanism::Sha256RsaPkcs, self.key, message)
                .map_err(failed);
        }
        let digest = <sha2::Sha256 as sha2::Digest>::digest(message);
        let raw = self
            .session
            .sign(&Mechanism::Ecdsa, self.key, &digest)
            .map_err(failed)?;
        let signature = p256::ecdsa::Signature::from_slice(&raw)
            .map_err(|e| SignProblem::Token(TokenProblem::Failed { detail: e.to_string() }))?;
        Ok(signature.to_der().as_bytes().to_vec())
    }

    /// Whether the key is ECDSA (else RSA).
    pub fn is_ec(&self) -> bool {
        self.ec
    }
}

/// Opens the token of `module`, logs in with the PIN `pin` gives (asked only once the token
/// is found), and returns the key and its chain. `module` names the file in messages.
pub fn open(
    module: &Path,
    choice: &Choice,
    pin: impl FnOnce() -> Result<String, Error>,
) -> Result<(TokenKey, Vec<Certificate>), Error> {
    let fail = |problem: SignProblem| super::problem(module, problem);
    let pkcs11 =
        Pkcs11::new(module).map_err(|e| fail(SignProblem::Token(TokenProblem::Module { detail: e.to_string() })))?;
    pkcs11
        .initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK))
        .map_err(|e| fail(SignProblem::Token(TokenProblem::Module { detail: e.to_string() })))?;
    // Declared before any session: on every way out, sessions close first, then this.
    let loaded = Loaded(Some(pkcs11.clone()));
    let slot = pick_slot(&pkcs11, choice.token).map_err(fail)?;
    let info = pkcs11
        .get_token_info(slot)
        .map_err(|e| fail(SignProblem::Token(TokenProblem::Failed { detail: e.to_string() })))?;
    if info.user_pin_locked() {
        return Err(fail(SignProblem::Token(TokenProblem::PinLocked)));
    }
    let session = pkcs11
        .open_ro_session(slot)
        .map_err(|e| fail(SignProblem::Token(TokenProblem::Failed { detail: e.to_string() })))?;
    let secret: cryptoki::types::AuthPin = pin()?.into();
    // One login: a wrong PIN is reported, never tried again.
    if let Err(error) = session.login(UserType::User, Some(&secret)) {
        drop(secret);
        let after = pkcs11.get_token_info(slot).ok();
        return Err(fail(match error {
            cryptoki::error::Error::Pkcs11(RvError::PinIncorrect | RvError::PinInvalid | RvError::PinLenRange, _) => {
                SignProblem::Token(TokenProblem::WrongPin {
                    final_try: after.as_ref().is_some_and(|i| i.user_pin_final_try()),
                    count_low: after.as_ref().is_some_and(|i| i.user_pin_count_low()),
                    locked: after.as_ref().is_some_and(|i| i.user_pin_locked()),
                })
            }
            cryptoki::error::Error::Pkcs11(RvError::PinLocked, _) => SignProblem::Token(TokenProblem::PinLocked),
            other => SignProblem::Token(TokenProblem::Failed {
                detail: other.to_string(),
            }),
        }));
    }
    drop(secret);
    let (key, ec, id) = pick_key(&session, choice.key).map_err(fail)?;
    let chain = chain(&session, &id).map_err(fail)?;
    Ok((
        TokenKey {
            session,
            key,
            ec,
            _loaded: loaded,
        },
        chain,
    ))
}

/// The slot whose token has `label`, or the only one.
fn pick_slot(pkcs11: &Pkcs11, label: Option<&str>) -> Result<Slot, SignProblem> {
    let failed = |e: cryptoki::error::Error| SignProblem::Token(TokenProblem::Failed { detail: e.to_string() });
    let slots = pkcs11.get_slots_with_initialized_token().map_err(failed)?;
    let mut found = Vec::new();
    for slot in slots {
        let name = pkcs11.get_token_info(slot).map_err(failed)?.label().trim().to_string();
        if label.is_none_or(|l| l == name) {
            found.push((slot, name));
        }
    }
    match found.as_slice() {
        [(slot, _)] => Ok(*slot),
        [] => Err(SignProblem::Token(TokenProblem::NoToken {
            label: label.unwrap_or_default().to_string(),
        })),
        many => Err(SignProblem::Token(TokenProblem::WhichToken {
            labels: many.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>().join(", "),
        })),
    }
}

/// The private key with `label`, or the only one: its handle, whether it is ECDSA, its id.
fn pick_key(session: &Session, label: Option<&str>) -> Result<(ObjectHandle, bool, Vec<u8>), SignProblem> {
    let failed = |e: cryptoki::error::Error| SignProblem::Token(TokenProblem::Failed { detail: e.to_string() });
    let mut template = vec![Attribute::Class(ObjectClass::PRIVATE_KEY)];
    if let Some(label) = label {
        template.push(Attribute::Label(label.as_bytes().to_vec()));
    }
    let keys = session.find_objects(&template).map_err(failed)?;
    let key = match keys.as_slice() {
        [key] => *key,
        [] => {
            return Err(SignProblem::Token(TokenProblem::NoKey {
                label: label.unwrap_or_default().to_string(),
            }));
        }
        many => {
            let mut labels = Vec::new();
            for key in many {
                let attributes = session.get_attributes(*key, &[AttributeType::Label]).map_err(failed)?;
                labels.extend(attributes.into_iter().filter_map(|a| match a {
                    Attribute::Label(l) => Some(String::from_utf8_lossy(&l).into_owned()),
                    _ => None,
                }));
            }
            return Err(SignProblem::Token(TokenProblem::WhichKey {
                labels: labels.join(", "),
            }));
        }
    };
    let wanted = [AttributeType::KeyType, AttributeType::Id, AttributeType::EcParams];
    let (mut kind, mut id, mut curve) = (None, Vec::new(), Vec::new());
    for attribute in session.get_attributes(key, &wanted).map_err(failed)? {
        match attribute {
            Attribute::KeyType(k) => kind = Some(k),
            Attribute::Id(i) => id = i,
            Attribute::EcParams(p) => curve = p,
            _ => {}
        }
    }
    match kind {
        Some(k) if k == KeyType::RSA => Ok((key, false, id)),
        Some(k) if k == KeyType::EC && curve == P256_PARAMS => Ok((key, true, id)),
        _ => Err(SignProblem::UnsupportedKey),
    }
}

/// The certificate with the key's `id`, then the token's certificates that chain it, each
/// the issuer of the one before.
fn chain(session: &Session, id: &[u8]) -> Result<Vec<Certificate>, SignProblem> {
    let failed = |e: cryptoki::error::Error| SignProblem::Token(TokenProblem::Failed { detail: e.to_string() });
    let mut all = Vec::new();
    for object in session
        .find_objects(&[Attribute::Class(ObjectClass::CERTIFICATE)])
        .map_err(failed)?
    {
        let attributes = session
            .get_attributes(object, &[AttributeType::Id, AttributeType::Value])
            .map_err(failed)?;
        let (mut cert_id, mut value) = (Vec::new(), Vec::new());
        for attribute in attributes {
            match attribute {
                Attribute::Id(i) => cert_id = i,
                Attribute::Value(v) => value = v,
                _ => {}
            }
        }
        if let Ok(certificate) = Certificate::from_der(&value) {
            all.push((cert_id, certificate));
        }
    }
    let Some(position) = all.iter().position(|(cert_id, _)| cert_id == id) else {
        return Err(SignProblem::Token(TokenProblem::NoCertificate));
    };
    let mut chain = vec![all.swap_remove(position).1];
    while chain.len() < 8 {
        let last = chain[chain.len() - 1].tbs_certificate();
        if last.issuer() == last.subject() {
            break;
        }
        let Some(next) = all
            .iter()
            .position(|(_, c)| c.tbs_certificate().subject() == last.issuer())
        else {
            break;
        };
        chain.push(all.swap_remove(next).1);
    }
    Ok(chain)
}
