//! The signer's key and certificate chain, wherever the key is: read from a .p12 file
//! (`pkcs12`) or kept on a USB token that signs itself (`token`).

use rsa::signature::{SignatureEncoding, Signer as _};
use spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;

use super::SignProblem;
use super::token::TokenKey;

/// rsaEncryption (RFC 8017).
pub const RSA_ENCRYPTION: der::oid::ObjectIdentifier = der::oid::ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
/// id-ecPublicKey (RFC 5480).
pub const EC_PUBLIC_KEY: der::oid::ObjectIdentifier = der::oid::ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
/// ecdsa-with-SHA256 (RFC 5758).
const ECDSA_WITH_SHA256: der::oid::ObjectIdentifier = der::oid::ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");

/// A private key vanban can sign with: RSA (PKCS#1 v1.5, SHA-256) or ECDSA P-256.
pub enum Key {
    /// RSA, as Vietnamese public CAs issue today.
    Rsa(Box<rsa::pkcs1v15::SigningKey<sha2::Sha256>>),
    /// ECDSA on P-256.
    P256(p256::ecdsa::SigningKey),
    /// RSA or ECDSA P-256 on a USB token, which signs.
    Token(Box<TokenKey>),
}

impl Key {
    /// The signature over `message` (hashed with SHA-256 by the algorithm).
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>, SignProblem> {
        Ok(match self {
            Key::Rsa(key) => key.sign(message).to_vec(),
            Key::P256(key) => {
                let signature: p256::ecdsa::Signature = key.sign(message);
                signature.to_der().as_bytes().to_vec()
            }
            Key::Token(key) => key.sign(message)?,
        })
    }
}

/// The CMS signatureAlgorithm of a signature by the key `certificate` certifies:
/// rsaEncryption (PKCS#1 v1.5 with SHA-256), or ecdsa-with-SHA256 for a P-256 key.
pub fn algorithm_of(certificate: &Certificate) -> Result<AlgorithmIdentifierOwned, SignProblem> {
    let oid = certificate.tbs_certificate().subject_public_key_info().algorithm.oid;
    if oid == RSA_ENCRYPTION {
        Ok(AlgorithmIdentifierOwned {
            oid: RSA_ENCRYPTION,
            parameters: Some(der::asn1::Null.into()),
        })
    } else if oid == EC_PUBLIC_KEY {
        Ok(AlgorithmIdentifierOwned {
            oid: ECDSA_WITH_SHA256,
            parameters: None,
        })
    } else {
        Err(SignProblem::UnsupportedKey)
    }
}

/// A key and the certificates that go with it: the signer's first, then the chain.
pub struct Credentials {
    /// The private key.
    pub key: Key,
    /// The signer's certificate, then any intermediates and the root.
    pub chain: Vec<Certificate>,
}

impl Credentials {
    /// The key on the token of `module` that `choice` names, and its chain, after one login
    /// with the PIN `pin` gives (asked only once the token is found, never tried again).
    pub fn from_token(
        module: &std::path::Path,
        choice: &super::token::Choice,
        pin: impl FnOnce() -> Result<String, crate::error::Error>,
    ) -> Result<Credentials, crate::error::Error> {
        let (key, chain) = super::token::open(module, choice, pin)?;
        Ok(Credentials {
            key: Key::Token(Box::new(key)),
            chain,
        })
    }
}
