//! The second of a signature's two phases: the raw signature over the prepared digest
//! (RSA PKCS#1 v1.5, or ECDSA P-256 as DER or as `r‖s`), checked against the certificate,
//! wrapped in the CMS with the chain (and the authority's timestamp with `tsa`), written
//! into `/Contents`; with `ltv`, the security store follows.

use std::path::Path;

use super::prepare::Prepared;
use super::{SignProblem, certs, cms, key, problem};
use crate::error::Error;

/// The signed file's bytes: `signature` over `prepared`'s digest embedded. A signature that
/// does not verify with the certificate is refused, naming `source` (where it came from),
/// and nothing is returned. `path` names the PDF in messages.
pub fn finish(
    path: &Path,
    prepared: Prepared,
    signature: Vec<u8>,
    source: &str,
    tsa: Option<&str>,
    ltv: bool,
) -> Result<Vec<u8>, Error> {
    let fail = |p: SignProblem| problem(path, p);
    let signer = prepared.chain.first().ok_or_else(|| {
        fail(SignProblem::NotPrepared {
            detail: "no certificate".into(),
        })
    })?;
    let algorithm = key::algorithm_of(signer).map_err(fail)?;
    let signature = as_der(algorithm.oid, signature);
    if !certs::verifies(signer, algorithm.oid, &prepared.signed_attributes, &signature) {
        return Err(fail(SignProblem::SignatureMismatch {
            file: source.to_string(),
        }));
    }
    let cms = cms::assemble(&prepared.chain, &prepared.signed_attributes, algorithm, signature, tsa).map_err(fail)?;
    let Prepared {
        mut bytes, byte_range, ..
    } = prepared;
    super::write_contents(&mut bytes, byte_range[1], &cms).map_err(fail)?;
    if ltv {
        bytes = super::ltv::extend(path, bytes)?;
    }
    Ok(bytes)
}

/// An ECDSA signature as CMS writes it (DER); a token's or a service's `r‖s` turned into DER.
/// RSA signatures, and anything else, stay as they are.
fn as_der(algorithm: der::oid::ObjectIdentifier, signature: Vec<u8>) -> Vec<u8> {
    if algorithm == key::RSA_ENCRYPTION || signature.len() != 64 {
        return signature;
    }
    match p256::ecdsa::Signature::from_slice(&signature) {
        Ok(raw) => raw.to_der().as_bytes().to_vec(),
        Err(_) => signature,
    }
}
