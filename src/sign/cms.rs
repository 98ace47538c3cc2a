//! CMS SignedData for PAdES baseline B-B (ETSI EN 319 142-1): detached, SHA-256, with the
//! content-type, message-digest and signing-certificate-v2 signed attributes and no
//! signing-time attribute (the time is the signature dictionary's `/M`).

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use der::asn1::{ObjectIdentifier, OctetString, SetOfVec};
use der::{Any, Decode, Encode, Sequence};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::serial_number::SerialNumber;

use super::SignProblem;

/// id-signedData.
const SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
/// id-data.
const DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
/// id-sha256.
const SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
/// id-contentType.
const CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
/// id-messageDigest.
const MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
/// id-aa-signingCertificateV2 (RFC 5035).
const SIGNING_CERTIFICATE_V2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");

/// IssuerSerial (RFC 5035).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct IssuerSerial {
    issuer: Vec<GeneralName>,
    serial_number: SerialNumber,
}

/// ESSCertIDv2 with the default hash algorithm (SHA-256), which DER leaves out.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct EssCertIdV2 {
    cert_hash: OctetString,
    issuer_serial: IssuerSerial,
}

/// SigningCertificateV2 without policies.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct SigningCertificateV2 {
    certs: Vec<EssCertIdV2>,
}

fn attribute(oid: ObjectIdentifier, value: impl Encode) -> der::Result<Attribute> {
    let mut values = SetOfVec::new();
    values.insert(Any::from_der(&value.to_der()?)?)?;
    Ok(Attribute { oid, values })
}

fn sha256_algorithm() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid: SHA256,
        parameters: None,
    }
}

/// The DER of the signed attributes (a SET OF, as signed) of a signature by `signer` over
/// bytes whose SHA-256 is `digest`: content-type, message-digest and signing-certificate-v2.
pub fn signed_attributes(signer: &Certificate, digest: &[u8]) -> der::Result<Vec<u8>> {
    let tbs = signer.tbs_certificate();
    let essential = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            cert_hash: OctetString::new(Sha256::digest(signer.to_der()?).to_vec())?,
            issuer_serial: IssuerSerial {
                issuer: vec![GeneralName::DirectoryName(tbs.issuer().clone())],
                serial_number: tbs.serial_number().clone(),
            },
        }],
    };
    let mut signed_attrs = SetOfVec::new();
    signed_attrs.insert(attribute(CONTENT_TYPE, DATA)?)?;
    signed_attrs.insert(attribute(MESSAGE_DIGEST, OctetString::new(digest.to_vec())?)?)?;
    signed_attrs.insert(attribute(SIGNING_CERTIFICATE_V2, essential)?)?;
    signed_attrs.to_der()
}

/// The message-digest attribute of signed attributes in DER, if they parse and have one.
pub fn message_digest_of(signed_attributes: &[u8]) -> Option<Vec<u8>> {
    let attrs = SetOfVec::<Attribute>::from_der(signed_attributes).ok()?;
    let value = attrs
        .iter()
        .find(|a| a.oid == MESSAGE_DIGEST)?
        .values
        .iter()
        .next()?
        .clone();
    value.decode_as::<OctetString>().ok().map(|o| o.as_bytes().to_vec())
}

/// The DER of a detached CMS ContentInfo: `signature` (made with `algorithm`) over
/// `signed_attributes` (DER, from [`signed_attributes`]), with the certificates of `chain`,
/// the signer's first. With `tsa`, the signature carries the authority's timestamp over its
/// value (PAdES B-T); an authority that fails is its own problem.
pub fn assemble(
    chain: &[Certificate],
    signed_attributes: &[u8],
    algorithm: AlgorithmIdentifierOwned,
    signature: Vec<u8>,
    tsa: Option<&str>,
) -> Result<Vec<u8>, SignProblem> {
    let bad = |e: der::Error| SignProblem::BadPdf { detail: e.to_string() };
    let unsigned_attrs = match tsa {
        None => None,
        Some(url) => Some(timestamp_attribute(&super::timestamp::fetch(url, &signature)?).map_err(bad)?),
    };
    signed_data(chain, signed_attributes, algorithm, signature, unsigned_attrs).map_err(bad)
}

/// The unsigned attributes holding the timestamp `token`.
fn timestamp_attribute(token: &[u8]) -> der::Result<SetOfVec<Attribute>> {
    let mut values = SetOfVec::new();
    values.insert(Any::from_der(token)?)?;
    let mut attributes = SetOfVec::new();
    attributes.insert(Attribute {
        oid: super::timestamp::SIGNATURE_TIME_STAMP_TOKEN,
        values,
    })?;
    Ok(attributes)
}

fn signed_data(
    chain: &[Certificate],
    signed_attributes: &[u8],
    algorithm: AlgorithmIdentifierOwned,
    signature: Vec<u8>,
    unsigned_attrs: Option<SetOfVec<Attribute>>,
) -> der::Result<Vec<u8>> {
    let tbs = chain.first().ok_or(der::ErrorKind::Failed)?.tbs_certificate();
    let signer_info = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: tbs.issuer().clone(),
            serial_number: tbs.serial_number().clone(),
        }),
        digest_alg: sha256_algorithm(),
        signed_attrs: Some(SetOfVec::<Attribute>::from_der(signed_attributes)?),
        signature_algorithm: algorithm,
        signature: OctetString::new(signature)?,
        unsigned_attrs,
    };
    let mut certificates = SetOfVec::new();
    for certificate in chain {
        certificates.insert(CertificateChoices::Certificate(certificate.clone()))?;
    }
    let mut digest_algorithms = SetOfVec::new();
    digest_algorithms.insert(sha256_algorithm())?;
    let mut signer_infos = SetOfVec::new();
    signer_infos.insert(signer_info)?;
    let signed_data = SignedData {
        version: CmsVersion::V1,
        digest_algorithms,
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: DATA,
            econtent: None,
        },
        certificates: Some(CertificateSet(certificates)),
        crls: None,
        signer_infos: SignerInfos(signer_infos),
    };
    ContentInfo {
        content_type: SIGNED_DATA,
        content: Any::encode_from(&signed_data)?,
    }
    .to_der()
}

/// What a CMS signature says, read back for checking.
pub struct Parsed {
    /// The certificates it carries.
    pub certificates: Vec<Certificate>,
    /// The signer's certificate, found by issuer and serial number.
    pub signer: Option<Certificate>,
    /// The messageDigest attribute.
    pub message_digest: Option<Vec<u8>>,
    /// Whether a signing-certificate-v2 attribute names the signer's certificate.
    pub signing_certificate_bound: bool,
    /// DER of the signed attributes, as signed.
    pub signed_attributes: Vec<u8>,
    /// The signature algorithm's OID.
    pub signature_algorithm: ObjectIdentifier,
    /// The signature value.
    pub signature: Vec<u8>,
    /// Its RFC 3161 timestamp, if it carries one.
    pub timestamp: Option<super::timestamp::Stamp>,
}

/// Reads a CMS ContentInfo (trailing zero padding allowed, as in a PDF's `/Contents`).
pub fn parse(bytes: &[u8]) -> der::Result<Parsed> {
    let total = der_total_length(bytes)?;
    let info = ContentInfo::from_der(&bytes[..total])?;
    let signed: SignedData = info.content.decode_as()?;
    let certificates: Vec<Certificate> = signed
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|c| match c {
            CertificateChoices::Certificate(c) => Some(c.clone()),
            _ => None,
        })
        .collect();
    let info = signed.signer_infos.0.iter().next().ok_or(der::ErrorKind::Failed)?;
    let signer = match &info.sid {
        SignerIdentifier::IssuerAndSerialNumber(id) => certificates
            .iter()
            .find(|c| {
                c.tbs_certificate().issuer() == &id.issuer && c.tbs_certificate().serial_number() == &id.serial_number
            })
            .cloned(),
        SignerIdentifier::SubjectKeyIdentifier(_) => None,
    };
    let attrs = info.signed_attrs.clone().unwrap_or_default();
    let value_of = |oid: ObjectIdentifier| {
        attrs
            .iter()
            .find(|a| a.oid == oid)
            .and_then(|a| a.values.iter().next().cloned())
    };
    let message_digest = value_of(MESSAGE_DIGEST)
        .and_then(|v| v.decode_as::<OctetString>().ok())
        .map(|o| o.as_bytes().to_vec());
    let signing_certificate_bound = match (value_of(SIGNING_CERTIFICATE_V2), &signer) {
        (Some(value), Some(signer)) => value
            .decode_as::<SigningCertificateV2>()
            .ok()
            .zip(signer.to_der().ok())
            .is_some_and(|(v, der)| {
                v.certs
                    .first()
                    .is_some_and(|c| c.cert_hash.as_bytes() == Sha256::digest(der).as_slice())
            }),
        _ => false,
    };
    Ok(Parsed {
        certificates,
        signer,
        message_digest,
        signing_certificate_bound,
        signed_attributes: attrs.to_der()?,
        signature_algorithm: info.signature_algorithm.oid,
        signature: info.signature.as_bytes().to_vec(),
        timestamp: super::timestamp::read(info.unsigned_attrs.as_ref(), info.signature.as_bytes()),
    })
}

/// The length of the DER element at the start of `bytes`, header included.
pub fn der_total_length(bytes: &[u8]) -> der::Result<usize> {
    let mut reader = der::SliceReader::new(bytes)?;
    let header = der::Header::decode(&mut reader)?;
    let header_len = usize::try_from(der::Reader::position(&reader))?;
    let total = header_len + usize::try_from(header.length())?;
    if total > bytes.len() {
        return Err(der::ErrorKind::Incomplete {
            expected_len: der::Length::try_from(total)?,
            actual_len: der::Length::try_from(bytes.len())?,
        }
        .into());
    }
    Ok(total)
}
