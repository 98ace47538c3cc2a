//! Reading a PDF's document security store (`/DSS`, written by `vanban sign --ltv`): its
//! certificates, revocation lists and OCSP answers, and what they say of a certificate.

use der::{Decode, Encode};
use lopdf::{Document, Object};
use x509_cert::Certificate;
use x509_cert::crl::CertificateList;

use super::certs;
use super::ocsp::Answer;

/// What the store holds.
#[derive(Debug, Clone, Default)]
pub struct Store {
    /// Its certificates.
    pub certificates: Vec<Certificate>,
    /// Its revocation lists, as read.
    pub crls: Vec<CertificateList>,
    /// Its OCSP answers, as read.
    pub ocsps: Vec<Answer>,
}

impl Store {
    /// Whether the file has no store, or an empty one.
    pub fn is_empty(&self) -> bool {
        self.certificates.is_empty() && self.crls.is_empty() && self.ocsps.is_empty()
    }

    /// Whether it holds any revocation information.
    pub fn has_revocation(&self) -> bool {
        !self.crls.is_empty() || !self.ocsps.is_empty()
    }
}

/// What the store says of one certificate.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Status {
    /// Its issuer's list, signed by the issuer, does not name it, or its issuer's responder
    /// says it is good; vouched for at `this_update` (seconds since 1970 UTC).
    Good { this_update: i64, by: Source },
    /// Its issuer's list names it, or its issuer's responder says it is revoked.
    Revoked,
    /// Nothing from its issuer is in the store.
    Unknown,
}

/// Where a certificate's status came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A revocation list (CRL).
    Crl,
    /// An OCSP responder's answer.
    Ocsp,
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
        ocsps: items(b"OCSPs").iter().filter_map(|b| Answer::read(b).ok()).collect(),
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

/// Whether one of `issuers` (the certificate's, as [`certs::issuers_of`] finds them), named
/// as the list's issuer, signed `list`.
pub fn signed_by_issuer(list: &CertificateList, issuers: &[Certificate]) -> bool {
    let Ok(tbs) = list.tbs_cert_list.to_der() else {
        return false;
    };
    let signature = list.signature.raw_bytes();
    issuers
        .iter()
        .filter(|c| c.tbs_certificate().subject() == &list.tbs_cert_list.issuer)
        .any(|issuer| certs::verifies(issuer, list.signature_algorithm.oid, &tbs, signature))
}

/// What the store says of `certificate`, its lists and answers checked against the issuers
/// in `pool`; the latest word wins, and a revocation from either source.
pub fn status(store: &Store, certificate: &Certificate, pool: &[Certificate]) -> Status {
    let issuer = certificate.tbs_certificate().issuer();
    let issuers = certs::issuers_of(certificate, pool);
    let lists = store
        .crls
        .iter()
        .filter(|l| &l.tbs_cert_list.issuer == issuer && signed_by_issuer(l, &issuers))
        .map(|l| {
            let when = l.tbs_cert_list.this_update.to_unix_duration().as_secs() as i64;
            (self::lists(l, certificate), when, Source::Crl)
        });
    let answers = store
        .ocsps
        .iter()
        .filter_map(|a| a.said_of(certificate, &issuers))
        .map(|said| (said.revoked, said.this_update, Source::Ocsp));
    let words: Vec<(bool, i64, Source)> = lists.chain(answers).collect();
    if words.iter().any(|(revoked, _, _)| *revoked) {
        return Status::Revoked;
    }
    match words.into_iter().max_by_key(|(_, when, _)| *when) {
        Some((_, this_update, by)) => Status::Good { this_update, by },
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

#[cfg(test)]
mod tests {
    use super::*;
    use rcgen::{BasicConstraints, CertificateParams, CertificateRevocationListParams, IsCa, Issuer, KeyPair};

    /// A CA named `name` with a key of its own.
    fn authority(name: &str) -> (Certificate, Issuer<'static, KeyPair>) {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.distinguished_name.push(rcgen::DnType::CommonName, name);
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let key = KeyPair::generate().unwrap();
        let cert = params.self_signed(&key).unwrap();
        (Certificate::from_der(cert.der()).unwrap(), Issuer::new(params, key))
    }

    fn list(issuer: &Issuer<'_, KeyPair>, revoked: &[u64]) -> CertificateList {
        let params = CertificateRevocationListParams {
            this_update: rcgen::date_time_ymd(2026, 1, 1),
            next_update: rcgen::date_time_ymd(2031, 1, 1),
            crl_number: rcgen::SerialNumber::from(1u64),
            issuing_distribution_point: None,
            revoked_certs: revoked
                .iter()
                .map(|s| rcgen::RevokedCertParams {
                    serial_number: rcgen::SerialNumber::from(*s),
                    revocation_time: rcgen::date_time_ymd(2026, 1, 1),
                    reason_code: None,
                    invalidity_date: None,
                })
                .collect(),
            key_identifier_method: rcgen::KeyIdMethod::Sha256,
        };
        CertificateList::from_der(params.signed_by(issuer).unwrap().der()).unwrap()
    }

    #[test]
    fn a_list_signed_by_a_namesake_of_the_issuer_says_nothing() {
        let (ca, issuer) = authority("CA thử nghiệm");
        let (namesake, forger) = authority("CA thử nghiệm");
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.serial_number = Some(rcgen::SerialNumber::from(7u64));
        let person = params.signed_by(&KeyPair::generate().unwrap(), &issuer).unwrap();
        let person = Certificate::from_der(person.der()).unwrap();
        let pool = [ca, namesake];
        // The forger's list names the person revoked: not the issuer's, so no word at all.
        let forged = Store {
            crls: vec![list(&forger, &[7])],
            ..Store::default()
        };
        assert_eq!(status(&forged, &person, &pool), Status::Unknown);
        let real = Store {
            crls: vec![list(&issuer, &[])],
            ..Store::default()
        };
        assert!(matches!(
            status(&real, &person, &pool),
            Status::Good { by: Source::Crl, .. }
        ));
    }
}
