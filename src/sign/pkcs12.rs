//! The signer's key and certificate chain, read from a PKCS#12 (.p12/.pfx) file.
//!
//! The password comes from an environment variable named on the command line, or from the
//! terminal prompt; never from the command line itself, and it is never printed.

use std::path::Path;

use der::Decode;
use p12_keystore::{KeyStore, Pkcs12ImportPolicy};
use rsa::pkcs8::DecodePrivateKey;
use rsa::signature::{SignatureEncoding, Signer as _};
use spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;

use super::SignProblem;
use crate::error::Error;

/// rsaEncryption (RFC 8017).
const RSA_ENCRYPTION: der::oid::ObjectIdentifier = der::oid::ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
/// id-ecPublicKey (RFC 5480).
const EC_PUBLIC_KEY: der::oid::ObjectIdentifier = der::oid::ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
/// ecdsa-with-SHA256 (RFC 5758).
const ECDSA_WITH_SHA256: der::oid::ObjectIdentifier = der::oid::ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");

/// A private key vanban can sign with: RSA (PKCS#1 v1.5, SHA-256) or ECDSA P-256.
pub enum Key {
    /// RSA, as Vietnamese public CAs issue today.
    Rsa(Box<rsa::pkcs1v15::SigningKey<sha2::Sha256>>),
    /// ECDSA on P-256.
    P256(p256::ecdsa::SigningKey),
}

impl Key {
    /// The signature over `message` (hashed with SHA-256 by the algorithm).
    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        match self {
            Key::Rsa(key) => key.sign(message).to_vec(),
            Key::P256(key) => {
                let signature: p256::ecdsa::Signature = key.sign(message);
                signature.to_der().as_bytes().to_vec()
            }
        }
    }

    /// The CMS signatureAlgorithm of [`Key::sign`].
    pub fn algorithm(&self) -> AlgorithmIdentifierOwned {
        match self {
            Key::Rsa(_) => AlgorithmIdentifierOwned {
                oid: RSA_ENCRYPTION,
                parameters: Some(der::asn1::Null.into()),
            },
            Key::P256(_) => AlgorithmIdentifierOwned {
                oid: ECDSA_WITH_SHA256,
                parameters: None,
            },
        }
    }
}

/// A key and the certificates that go with it: the signer's first, then the chain.
pub struct Credentials {
    /// The private key.
    pub key: Key,
    /// The signer's certificate, then any intermediates and the root.
    pub chain: Vec<Certificate>,
}

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
