//! Online revocation answers (OCSP, RFC 6960) for long-term validation: a certificate's status
//! asked of the responder its authority names, the answer checked (signed by that authority,
//! or by a responder it delegated) and kept whole for the document security store.
//!
//! The types are RFC 6960's, written as `der` structures: RustCrypto's `x509-ocsp` is, in its
//! own words, not ready to use, and its releases are built on an older `der` and `x509-cert`
//! than this project's.

use der::asn1::{BitString, GeneralizedTime, ObjectIdentifier, OctetString};
use der::{Any, Decode, Encode, Enumerated, Sequence, Tag, Tagged};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{AuthorityInfoAccessSyntax, ExtendedKeyUsage};
use x509_cert::serial_number::SerialNumber;

use super::{SignProblem, certs};

/// id-ad-ocsp (RFC 5280 §4.2.2.1).
const AD_OCSP: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1");
/// id-pkix-ocsp-basic.
const OCSP_BASIC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.1");
/// id-kp-OCSPSigning: a responder the authority delegated.
const OCSP_SIGNING: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.9");
/// SHA-256.
const SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
/// The longest answer read from a responder.
const LARGEST_OCSP_ANSWER: u64 = 1024 * 1024;

/// CertID: the certificate asked about, named by its issuer's hashes and its serial number.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct CertId {
    hash_algorithm: AlgorithmIdentifierOwned,
    issuer_name_hash: OctetString,
    issuer_key_hash: OctetString,
    serial_number: SerialNumber,
}

/// Request, without extensions.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct Request {
    req_cert: CertId,
}

/// TBSRequest: version 1 (the default, left out), no requestor name, no extensions.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct TbsRequest {
    request_list: Vec<Request>,
}

/// OCSPRequest, unsigned.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct OcspRequest {
    tbs_request: TbsRequest,
}

/// OCSPResponseStatus.
#[derive(Clone, Copy, Debug, Eq, PartialEq, Enumerated)]
#[repr(u32)]
enum ResponseStatus {
    Successful = 0,
    MalformedRequest = 1,
    InternalError = 2,
    TryLater = 3,
    SigRequired = 5,
    Unauthorized = 6,
}

/// ResponseBytes.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct ResponseBytes {
    response_type: ObjectIdentifier,
    response: OctetString,
}

/// OCSPResponse: what a responder sends, and what the security store keeps.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct OcspResponse {
    response_status: ResponseStatus,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    response_bytes: Option<ResponseBytes>,
}

/// BasicOCSPResponse; the signed data kept as received, for its signature.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct BasicResponse {
    tbs_response_data: Any,
    signature_algorithm: AlgorithmIdentifierOwned,
    signature: BitString,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    certs: Option<Vec<Certificate>>,
}

/// ResponseData.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct ResponseData {
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    version: Option<u8>,
    responder_id: Any,
    produced_at: GeneralizedTime,
    responses: Vec<SingleResponse>,
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    response_extensions: Option<Any>,
}

/// SingleResponse; its status `[0]` good, `[1]` revoked, `[2]` unknown.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct SingleResponse {
    cert_id: CertId,
    cert_status: Any,
    this_update: GeneralizedTime,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    next_update: Option<GeneralizedTime>,
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    single_extensions: Option<Any>,
}

/// A responder's answer, read.
#[derive(Clone, Debug)]
pub struct Answer {
    /// The whole OCSPResponse, as received.
    pub der: Vec<u8>,
    basic: BasicResponse,
    data: ResponseData,
}

/// What an answer says of one certificate.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub struct Said {
    /// The responder says it is revoked.
    pub revoked: bool,
    /// When the responder vouched for it (seconds since 1970 UTC).
    pub this_update: i64,
}

impl Answer {
    /// Reads a successful basic OCSPResponse.
    pub fn read(der: &[u8]) -> Result<Answer, String> {
        let response = OcspResponse::from_der(der).map_err(|e| e.to_string())?;
        if response.response_status != ResponseStatus::Successful {
            return Err(format!("the responder answered {:?}", response.response_status));
        }
        let bytes = response.response_bytes.ok_or("the answer is empty")?;
        if bytes.response_type != OCSP_BASIC {
            return Err(format!("an answer of type {}", bytes.response_type));
        }
        let basic = BasicResponse::from_der(bytes.response.as_bytes()).map_err(|e| e.to_string())?;
        let data = basic
            .tbs_response_data
            .decode_as::<ResponseData>()
            .map_err(|e| e.to_string())?;
        Ok(Answer {
            der: der.to_vec(),
            basic,
            data,
        })
    }

    /// The certificates the answer carries (a delegated responder's).
    pub fn certificates(&self) -> &[Certificate] {
        self.basic.certs.as_deref().unwrap_or_default()
    }

    /// What the answer says of `certificate`, if one of its `issuers` (as
    /// [`certs::issuers_of`] finds them), or a responder that issuer delegated, signed it and
    /// it names the certificate's serial number.
    pub fn said_of(&self, certificate: &Certificate, issuers: &[Certificate]) -> Option<Said> {
        let tbs = certificate.tbs_certificate();
        let single = self
            .data
            .responses
            .iter()
            .find(|r| &r.cert_id.serial_number == tbs.serial_number())?;
        if !issuers.iter().any(|issuer| self.signed_for(issuer)) {
            return None;
        }
        // [0] good, [1] revoked; [2] unknown, or anything else, says nothing.
        let revoked = match single.cert_status.tag() {
            Tag::ContextSpecific { number, .. } if number.value() < 2 => number.value() == 1,
            _ => return None,
        };
        Some(Said {
            revoked,
            this_update: single.this_update.to_unix_duration().as_secs() as i64,
        })
    }

    /// Whether `issuer`, or a responder it issued for OCSP signing, signed the answer.
    fn signed_for(&self, issuer: &Certificate) -> bool {
        let Ok(signed) = self.basic.tbs_response_data.to_der() else {
            return false;
        };
        let by = |signer: &Certificate| {
            certs::verifies(
                signer,
                self.basic.signature_algorithm.oid,
                &signed,
                self.basic.signature.raw_bytes(),
            )
        };
        by(issuer)
            || self
                .certificates()
                .iter()
                .any(|responder| certs::issued(issuer, responder) && delegated(responder) && by(responder))
    }
}

/// Whether the certificate is for signing OCSP answers.
fn delegated(certificate: &Certificate) -> bool {
    matches!(
        certificate.tbs_certificate().get_extension::<ExtendedKeyUsage>(),
        Ok(Some((_, usage))) if usage.0.contains(&OCSP_SIGNING)
    )
}

/// The http(s) addresses of the certificate's OCSP responders.
pub fn responders(certificate: &Certificate) -> Vec<String> {
    let Ok(Some((_, access))) = certificate
        .tbs_certificate()
        .get_extension::<AuthorityInfoAccessSyntax>()
    else {
        return Vec::new();
    };
    access
        .0
        .iter()
        .filter(|a| a.access_method == AD_OCSP)
        .filter_map(|a| match &a.access_location {
            GeneralName::UniformResourceIdentifier(uri) => Some(uri.to_string()),
            _ => None,
        })
        .filter(|uri| uri.starts_with("http://") || uri.starts_with("https://"))
        .collect()
}

/// The answer about `certificate` from the first of its responders that gives one its issuer
/// (found in `pool`) vouches for.
pub fn fetch_for(certificate: &Certificate, pool: &[Certificate]) -> Result<(Answer, Said), SignProblem> {
    let holder = certs::holder(certificate);
    let issuers = certs::issuers_of(certificate, pool);
    let issuer = issuers
        .first()
        .ok_or_else(|| SignProblem::NoRevocationSource { holder: holder.clone() })?;
    // The same request goes to each responder in turn; if it cannot be written, each
    // responder's attempt fails with that.
    let query = request(certificate, issuer);
    super::net::first_answer(responders(certificate), holder, |url| {
        let query = query.as_deref().map_err(Clone::clone)?;
        let body = super::net::exchange(url, Some(("application/ocsp-request", query)), LARGEST_OCSP_ANSWER)?;
        let answer = Answer::read(&body)?;
        match answer.said_of(certificate, &issuers) {
            Some(said) => Ok((answer, said)),
            None => Err("the answer does not vouch for this certificate".into()),
        }
    })
}

/// An OCSPRequest (DER) for `certificate`, issued by `issuer`, its CertID hashed with SHA-256.
fn request(certificate: &Certificate, issuer: &Certificate) -> Result<Vec<u8>, String> {
    let name = issuer.tbs_certificate().subject().to_der().map_err(|e| e.to_string())?;
    let key = issuer
        .tbs_certificate()
        .subject_public_key_info()
        .subject_public_key
        .raw_bytes();
    let octets = |bytes: &[u8]| OctetString::new(Sha256::digest(bytes).to_vec()).map_err(|e| e.to_string());
    let cert_id = CertId {
        hash_algorithm: AlgorithmIdentifierOwned {
            oid: SHA256,
            parameters: None,
        },
        issuer_name_hash: octets(&name)?,
        issuer_key_hash: octets(key)?,
        serial_number: certificate.tbs_certificate().serial_number().clone(),
    };
    OcspRequest {
        tbs_request: TbsRequest {
            request_list: vec![Request { req_cert: cert_id }],
        },
    }
    .to_der()
    .map_err(|e| e.to_string())
}
