//! Reading a PDF's document security store (`/DSS`, written by `vanban sign --ltv`): its
//! certificates and revocation lists, and what a list says of a certificate.

use der::{Decode, Encode};
use lopdf::{Document, Object};
use x509_cert::Certificate;
use x509_cert::crl::CertificateList;

use super::certs;

/// What the store holds.
#[derive(Debug, Clone, Default)]
pub struct Store {
    /// Its certificates.
    pub certificates: Vec<Certificate>,
    /// Its revocation lists, as read.
    pub crls: Vec<CertificateList>,
}

impl Store {
    /// Whether the file has no store, or an empty one.
    pub fn is_empty(&self) -> bool {
        self.certificates.is_empty() && self.crls.is_empty()
    }
}

/// What the store says of one certificate.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Status {
    /// Its issuer's list, signed by the issuer, does not name it; issued at `this_update`
    /// (seconds since 1970 UTC).
    Good { this_update: i64 },
    /// Its issuer's list names it.
    Revoked,
    /// No list of its issuer is in the store.
    Unknown,
}

/// The store of `doc` (empty when there is none, or what cannot be read is left out).
pub fn read(doc: &Document) -> Store {
    let resolve = |object: &Object| match object {
        Object::Reference(id) => doc.get_object(*id).ok().cloned(),
        other => Some(other.clone()),
    };
    let dss = doc
        .catalog()
        .ok()
        .and_then(|catalog| catalog.get(b"DSS").ok().cloned())
        .and_then(|dss| resolve(&dss))
        .and_then(|dss| dss.as_dict().ok().cloned());
    let Some(dss) = dss else { return Store::default() };
    let items = |key: &[u8]| -> Vec<Vec<u8>> {
        dss.get(key)
            .and_then(Object::as_array)
            .map(|refs| {
                refs.iter()
                    .filter_map(&resolve)
                    .filter_map(|o| {
                        o.as_stream()
                            .ok()
                            .map(|s| s.decompressed_content().unwrap_or(s.content.clone()))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    Store {
        certificates: items(b"Certs")
            .iter()
            .filter_map(|b| Certificate::from_der(b).ok())
            .collect(),
        crls: items(b"CRLs")
            .iter()
            .filter_map(|b| CertificateList::from_der(b).ok())
            .collect(),
    }
}

/// Whether `list` names `certificate` as revoked.
pub fn lists(list: &CertificateList, certificate: &Certificate) -> bool {
    list.tbs_cert_list
        .revoked_certificates
        .iter()
        .flatten()
        .any(|r| &r.serial_number == certificate.tbs_certificate().serial_number())
}

/// Whether one of `pool`, named as the list's issuer, signed `list`.
pub fn signed_by_issuer(list: &CertificateList, pool: &[Certificate]) -> bool {
    let Ok(tbs) = list.tbs_cert_list.to_der() else {
        return false;
    };
    let signature = list.signature.raw_bytes();
    pool.iter()
        .filter(|c| c.tbs_certificate().subject() == &list.tbs_cert_list.issuer)
        .any(|issuer| certs::verifies(issuer, list.signature_algorithm.oid, &tbs, signature))
}

/// What the store says of `certificate`, its lists checked against the issuers in `pool`.
pub fn status(store: &Store, certificate: &Certificate, pool: &[Certificate]) -> Status {
    let issuer = certificate.tbs_certificate().issuer();
    let lists: Vec<&CertificateList> = store
        .crls
        .iter()
        .filter(|l| &l.tbs_cert_list.issuer == issuer && signed_by_issuer(l, pool))
        .collect();
    if lists.iter().any(|l| self::lists(l, certificate)) {
        return Status::Revoked;
    }
    match lists
        .iter()
        .map(|l| l.tbs_cert_list.this_update.to_unix_duration().as_secs() as i64)
        .max()
    {
        Some(this_update) => Status::Good { this_update },
        None => Status::Unknown,
    }
}

/// The chain of `certificate` through `pool` up to a self-issued one (which is left out:
/// nothing revokes a root), the certificate first.
pub fn chain_of(certificate: &Certificate, pool: &[Certificate]) -> Vec<Certificate> {
    let mut chain = Vec::new();
    let mut current = certificate.clone();
    while !certs::self_issued(&current) && chain.len() < 8 {
        chain.push(current.clone());
        let Some(issuer) = pool
            .iter()
            .find(|c| c.tbs_certificate().subject() == current.tbs_certificate().issuer())
        else {
            break;
        };
        current = issuer.clone();
    }
    chain
}
