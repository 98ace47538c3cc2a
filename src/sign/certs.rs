//! Certificates: names as people read them, signature checks, and the chain to a trust anchor.

use der::asn1::{ObjectIdentifier, PrintableStringRef, Utf8StringRef};
use der::{Decode, Encode};
use rsa::signature::Verifier;
use x509_cert::Certificate;
use x509_cert::name::Name;

/// commonName.
const COMMON_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
/// organizationName.
const ORGANIZATION: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.10");
/// rsaEncryption.
const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
/// sha256WithRSAEncryption.
const SHA256_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
/// ecdsa-with-SHA256.
const ECDSA_WITH_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");

/// The first value of attribute `oid` in `name`, as text.
fn attribute(name: &Name, oid: ObjectIdentifier) -> Option<String> {
    name.iter_rdn()
        .flat_map(|rdn| rdn.iter())
        .find(|atv| atv.oid == oid)
        .and_then(|atv| {
            let bytes = atv.value.to_der().ok()?;
            Utf8StringRef::from_der(&bytes)
                .map(|s| s.as_str().to_string())
                .or_else(|_| PrintableStringRef::from_der(&bytes).map(|s| s.as_str().to_string()))
                .ok()
        })
}

/// A name's common name, if it has one.
pub fn common_name(name: &Name) -> Option<String> {
    attribute(name, COMMON_NAME)
}

/// A name's organisation, if it has one.
pub fn organisation_name(name: &Name) -> Option<String> {
    attribute(name, ORGANIZATION)
}

/// Who a certificate names: its common name, else its organisation, else the whole name.
pub fn holder(certificate: &Certificate) -> String {
    let subject = certificate.tbs_certificate().subject();
    attribute(subject, COMMON_NAME)
        .or_else(|| attribute(subject, ORGANIZATION))
        .unwrap_or_else(|| subject.to_string())
}

/// Whether `certificate` names itself as its issuer (a root: nothing revokes it).
pub fn self_issued(certificate: &Certificate) -> bool {
    certificate.tbs_certificate().issuer() == certificate.tbs_certificate().subject()
}

/// When the certificate expires, in seconds since 1970 UTC.
pub fn expires(certificate: &Certificate) -> i64 {
    certificate
        .tbs_certificate()
        .validity()
        .not_after
        .to_unix_duration()
        .as_secs() as i64
}

/// The organisation a certificate names, else its common name.
pub fn organisation(certificate: &Certificate) -> String {
    let subject = certificate.tbs_certificate().subject();
    attribute(subject, ORGANIZATION).unwrap_or_else(|| holder(certificate))
}

/// Whether `signature` over `message` verifies with `signer`'s public key under `algorithm`.
pub fn verifies(signer: &Certificate, algorithm: ObjectIdentifier, message: &[u8], signature: &[u8]) -> bool {
    let Ok(spki) = signer.tbs_certificate().subject_public_key_info().to_der() else {
        return false;
    };
    if algorithm == RSA_ENCRYPTION || algorithm == SHA256_WITH_RSA {
        let key = spki::SubjectPublicKeyInfoRef::try_from(spki.as_slice())
            .ok()
            .and_then(|info| rsa::pkcs1v15::VerifyingKey::<sha2::Sha256>::try_from(info).ok());
        let signature = rsa::pkcs1v15::Signature::try_from(signature);
        return matches!((key, signature), (Some(key), Ok(signature)) if key.verify(message, &signature).is_ok());
    }
    if algorithm == ECDSA_WITH_SHA256 {
        let key = spki::SubjectPublicKeyInfoRef::try_from(spki.as_slice())
            .ok()
            .and_then(|info| p256::ecdsa::VerifyingKey::try_from(info).ok());
        let signature = p256::ecdsa::Signature::from_der(signature);
        return matches!((key, signature), (Some(key), Ok(signature)) if key.verify(message, &signature).is_ok());
    }
    false
}

/// Whether `issuer` issued and signed `certificate`.
pub fn issued(issuer: &Certificate, certificate: &Certificate) -> bool {
    let tbs = certificate.tbs_certificate();
    tbs.issuer() == issuer.tbs_certificate().subject()
        && tbs.to_der().is_ok_and(|bytes| {
            verifies(
                issuer,
                certificate.signature_algorithm().oid,
                &bytes,
                certificate.signature().raw_bytes(),
            )
        })
}

/// The certificates of `pool` that issued `certificate` and whose key signed it (a name alone
/// proves nothing: anyone can add a certificate of that name to a file's store).
pub fn issuers_of(certificate: &Certificate, pool: &[Certificate]) -> Vec<Certificate> {
    pool.iter().filter(|c| issued(c, certificate)).cloned().collect()
}

/// How a signer's certificate relates to the trust anchors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Chain {
    /// Every link verifies up to an anchor.
    Trusted,
    /// The chain ends at a certificate no anchor issued.
    Untrusted,
}

/// Follows `signer`'s issuers through `pool` until an anchor issued one (at most 8 links).
pub fn chain(signer: &Certificate, pool: &[Certificate], anchors: &[Certificate]) -> Chain {
    let mut current = signer.clone();
    for _ in 0..8 {
        if anchors.iter().any(|a| a == &current || issued(a, &current)) {
            return Chain::Trusted;
        }
        match pool.iter().find(|c| *c != &current && issued(c, &current)) {
            Some(next) => current = next.clone(),
            None => return Chain::Untrusted,
        }
    }
    Chain::Untrusted
}

/// Every certificate in a PEM file's text.
pub fn read_pem(text: &[u8]) -> Vec<Certificate> {
    Certificate::load_pem_chain(text).unwrap_or_default()
}
