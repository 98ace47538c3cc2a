//! RFC 3161 signature timestamps (PAdES B-T): the SHA-256 of a signature's value sent to a
//! time-stamping authority over HTTP (`ureq`), its answer checked (granted, the same hash,
//! the same nonce) and kept whole, as the signature's `signatureTimeStampToken` attribute.
//! The types are RFC 3161's, written as `der` structures.

use der::asn1::{GeneralizedTime, ObjectIdentifier, OctetString, Uint};
use der::{Any, Decode, Encode, Sequence};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;

use super::SignProblem;

/// id-aa-signatureTimeStampToken (RFC 3161 appendix A).
pub const SIGNATURE_TIME_STAMP_TOKEN: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.14");
/// id-ct-TSTInfo.
const TST_INFO: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.1.4");
/// SHA-256.
const SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
/// The longest answer read from an authority.
const LARGEST_TIMESTAMP_ANSWER: u64 = 256 * 1024;

/// MessageImprint.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct MessageImprint {
    hash_algorithm: AlgorithmIdentifierOwned,
    hashed_message: OctetString,
}

/// TimeStampReq, without policy or extensions.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct TimeStampReq {
    version: u8,
    message_imprint: MessageImprint,
    nonce: Uint,
    cert_req: bool,
}

/// PKIStatusInfo: the status, and whatever text and failure bits follow.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct PkiStatusInfo {
    status: u32,
    #[asn1(optional = "true")]
    text: Option<Any>,
    #[asn1(optional = "true")]
    fail_info: Option<der::asn1::BitString>,
}

/// TimeStampResp.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct TimeStampResp {
    status: PkiStatusInfo,
    #[asn1(optional = "true")]
    time_stamp_token: Option<cms::content_info::ContentInfo>,
}

/// TSTInfo (RFC 3161 §2.4.2).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct TstInfo {
    version: u8,
    policy: ObjectIdentifier,
    message_imprint: MessageImprint,
    serial_number: Uint,
    /// When the authority saw the signature.
    pub gen_time: GeneralizedTime,
    #[asn1(optional = "true")]
    accuracy: Option<Any>,
    #[asn1(optional = "true")]
    ordering: Option<bool>,
    #[asn1(optional = "true")]
    nonce: Option<Uint>,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    tsa: Option<x509_cert::ext::pkix::name::GeneralName>,
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", optional = "true")]
    extensions: Option<x509_cert::ext::Extensions>,
}

/// The time-stamp token (a CMS ContentInfo, as DER) from the authority at `url` for the
/// signature value `signature`.
pub fn fetch(url: &str, signature: &[u8]) -> Result<Vec<u8>, SignProblem> {
    fetch_for(url, &Sha256::digest(signature))
}

/// A timestamp token (DER) for the SHA-256 digest `digest`, from the authority at `url`.
pub fn fetch_for(url: &str, digest: &[u8]) -> Result<Vec<u8>, SignProblem> {
    let fail = |detail: String| SignProblem::Timestamp {
        url: url.to_string(),
        detail,
    };
    let mut nonce = [0u8; 8];
    getrandom::fill(&mut nonce).map_err(|e| fail(e.to_string()))?;
    nonce[0] &= 0x7f;
    let imprint = MessageImprint {
        hash_algorithm: AlgorithmIdentifierOwned {
            oid: SHA256,
            parameters: None,
        },
        hashed_message: OctetString::new(digest.to_vec()).map_err(|e| fail(e.to_string()))?,
    };
    let request = TimeStampReq {
        version: 1,
        message_imprint: imprint.clone(),
        nonce: Uint::new(&nonce).map_err(|e| fail(e.to_string()))?,
        cert_req: true,
    }
    .to_der()
    .map_err(|e| fail(e.to_string()))?;
    let body = super::net::exchange(
        url,
        Some(("application/timestamp-query", &request)),
        LARGEST_TIMESTAMP_ANSWER,
    )
    .map_err(fail)?;
    let response = TimeStampResp::from_der(&body).map_err(|e| fail(e.to_string()))?;
    // 0 granted, 1 granted with modifications.
    if response.status.status > 1 {
        return Err(fail(format!("status {}", response.status.status)));
    }
    let token = response.time_stamp_token.ok_or_else(|| fail("no token".into()))?;
    let info = tst_info(&token).map_err(|e| fail(e.to_string()))?;
    if info.message_imprint != imprint || info.nonce.as_ref().map(Uint::as_bytes) != Some(trimmed(&nonce)) {
        return Err(fail("the token is for another request".into()));
    }
    token.to_der().map_err(|e| fail(e.to_string()))
}

/// The nonce's bytes as DER keeps an unsigned integer: without leading zeros.
fn trimmed(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| *b != 0)
        .unwrap_or(bytes.len().saturating_sub(1));
    &bytes[start..]
}

/// The TSTInfo inside a time-stamp token.
pub fn tst_info(token: &cms::content_info::ContentInfo) -> der::Result<TstInfo> {
    let signed: cms::signed_data::SignedData = token.content.decode_as()?;
    if signed.encap_content_info.econtent_type != TST_INFO {
        return Err(der::ErrorKind::Value {
            tag: der::Tag::ObjectIdentifier,
        }
        .into());
    }
    let content = signed
        .encap_content_info
        .econtent
        .ok_or(der::Error::from(der::ErrorKind::Failed))?;
    let octets: OctetString = content.decode_as()?;
    TstInfo::from_der(octets.as_bytes())
}

/// What a signature's timestamp says: when, which authority, and whether it was made for
/// this signature's value. (Its own signature and chain are for a full validator.)
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Stamp {
    /// Seconds since 1970 UTC.
    pub unix: i64,
    /// The authority, as its certificate names it.
    pub authority: String,
    /// The token's imprint is the SHA-256 of the signature value.
    pub matches: bool,
    /// The certificates the token carries (the authority's chain).
    #[serde(skip)]
    pub certificates: Vec<x509_cert::Certificate>,
    /// When the authority's certificate expires (seconds since 1970 UTC), if it is carried.
    pub until: Option<i64>,
}

/// The timestamp in a SignerInfo's unsigned attributes, if there is one.
pub fn read(unsigned: Option<&x509_cert::attr::Attributes>, signature: &[u8]) -> Option<Stamp> {
    let value = unsigned?
        .iter()
        .find(|a| a.oid == SIGNATURE_TIME_STAMP_TOKEN)?
        .values
        .iter()
        .next()?;
    let token: cms::content_info::ContentInfo = value.decode_as().ok()?;
    stamp(&token, &Sha256::digest(signature))
}

/// What the token `token` says, and whether it was made for the SHA-256 digest `digest`.
pub fn stamp(token: &cms::content_info::ContentInfo, digest: &[u8]) -> Option<Stamp> {
    let info = tst_info(token).ok()?;
    let signed: cms::signed_data::SignedData = token.content.decode_as().ok()?;
    // The authority is the token's signer, named by issuer and serial number.
    let signer = match signed.signer_infos.0.iter().next().map(|s| &s.sid) {
        Some(cms::signed_data::SignerIdentifier::IssuerAndSerialNumber(id)) => Some(id.clone()),
        _ => None,
    };
    let certificates: Vec<x509_cert::Certificate> = signed
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|c| match c {
            cms::cert::CertificateChoices::Certificate(c) => Some(c.clone()),
            _ => None,
        })
        .collect();
    let authority = certificates.iter().find(|c| {
        signer.as_ref().is_some_and(|id| {
            c.tbs_certificate().issuer() == &id.issuer && c.tbs_certificate().serial_number() == &id.serial_number
        })
    });
    Some(Stamp {
        unix: info.gen_time.to_unix_duration().as_secs() as i64,
        authority: authority.map(super::certs::holder).unwrap_or_default(),
        matches: info.message_imprint.hashed_message.as_bytes() == digest,
        until: authority.map(super::certs::expires),
        certificates,
    })
}
