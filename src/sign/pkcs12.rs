//! The signer's key and certificate chain, read from a PKCS#12 (.p12/.pfx) file.
//!
//! The password comes from an environment variable named on the command line, or from the
//! terminal prompt; never from the command line itself, and it is never printed.

use std::path::Path;

use der::Decode;
use p12_keystore::{KeyStore, Pkcs12ImportPolicy};
use rsa::pkcs8::DecodePrivateKey;
use x509_cert::Certificate;

use super::SignProblem;
use super::key::{Credentials, EC_PUBLIC_KEY, Key, RSA_ENCRYPTION};
use crate::error::Error;

/// Where the password of a .p12 file comes from.
#[derive(Debug, Clone)]
pub enum Password {
    /// The value of this environment variable.
    Env(String),
    /// Asked on the terminal, not echoed.
    Prompt,
}

impl Password {
    /// The password, read from its source; `file` names the .p12 in messages.
    pub fn read(&self, file: &Path) -> Result<String, Error> {
        match self {
            Password::Env(name) => std::env::var(name)
                .map_err(|_| super::problem(file, SignProblem::PasswordVariableUnset { name: name.clone() })),
            Password::Prompt => {
                let prompt = format!("{}: ", file.display());
                rpassword::prompt_password(prompt).map_err(|_| super::problem(file, SignProblem::NoPasswordPrompt))
            }
        }
    }
}

/// Reads the key and chain in the PKCS#12 file at `path`.
pub fn read(path: &Path, password: &str) -> Result<Credentials, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::Read {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })?;
    let store = KeyStore::from_pkcs12(&bytes, password, Pkcs12ImportPolicy::Relaxed)
        .map_err(|_| super::problem(path, SignProblem::BadPkcs12))?;
    let Some((_, chain)) = store.private_key_chain() else {
        return Err(super::problem(path, SignProblem::NoKeyInPkcs12));
    };
    let der = chain.key().as_der();
    let key = match chain.key().oid() {
        oid if oid == RSA_ENCRYPTION => rsa::PrivateKey::from_pkcs8_der(der)
            .ok()
            .map(|k| Key::Rsa(Box::new(rsa::pkcs1v15::SigningKey::new(k)))),
        oid if oid == EC_PUBLIC_KEY => p256::ecdsa::SigningKey::from_pkcs8_der(der).ok().map(Key::P256),
        _ => None,
    }
    .ok_or_else(|| super::problem(path, SignProblem::UnsupportedKey))?;
    let chain = chain
        .certs()
        .iter()
        .map(|c| Certificate::from_der(c.as_der()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| super::problem(path, SignProblem::BadPkcs12))?;
    if chain.is_empty() {
        return Err(super::problem(path, SignProblem::NoKeyInPkcs12));
    }
    Ok(Credentials { key, chain })
}
