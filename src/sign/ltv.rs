//! Long-term validation (PAdES B-LT): the document security store (`/DSS`), added by an
//! incremental update after the signatures. It holds every certificate the signatures and
//! their timestamps carry and, for each certificate its authority issued, the answer of the
//! OCSP responder the certificate names or else the revocation list (CRL) from its
//! distribution point, each checked against the issuer's signature. A validator then needs no
//! network, and the file still validates once those addresses are gone and the certificates
//! have expired.

use std::path::Path;

use der::{Decode, Encode};
use lopdf::{Dictionary, Object, ObjectId, Stream};
use x509_cert::Certificate;
use x509_cert::crl::CertificateList;
use x509_cert::ext::pkix::CrlDistributionPoints;
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};

use super::dss::Status;
use super::ocsp::{self, Answer, Said};
use super::pdf::Update;
use super::{SignProblem, certs, cms, fields, problem};
use crate::error::Error;

/// The largest revocation list fetched.
const LARGEST_CRL: u64 = 16 * 1024 * 1024;

/// Adds (or extends) the document security store of the signed PDF `bytes` read from `path`.
pub fn extend(path: &Path, bytes: Vec<u8>) -> Result<Vec<u8>, Error> {
    let fail = |p: SignProblem| problem(path, p);
    let mut update = Update::new(bytes).map_err(|e| fail(SignProblem::BadPdf { detail: e.to_string() }))?;
    let carried = carried(&update).map_err(fail)?;
    if carried.is_empty() {
        return Err(fail(SignProblem::NoSignatures));
    }
    let stored = super::dss::read(&update.doc);
    let mut pool = stored.certificates.clone();
    pool.extend(carried.iter().cloned());
    let mut new_certs: Vec<Vec<u8>> = Vec::new();
    let mut new_crls: Vec<Vec<u8>> = Vec::new();
    let mut new_ocsps: Vec<Vec<u8>> = Vec::new();
    let revoked = |certificate: &Certificate| {
        fail(SignProblem::Revoked {
            holder: certs::holder(certificate),
        })
    };
    for certificate in &carried {
        keep(certificate, &stored.certificates, &mut new_certs).map_err(fail)?;
        // A root is revoked by nothing; a certificate the store already clears keeps that word
        // (a newer one, added after a document timestamp, would have no proof of when it existed).
        let covered = matches!(super::dss::status(&stored, certificate, &pool), Status::Good { .. });
        if certs::self_issued(certificate) || covered {
            continue;
        }
        match word_on(certificate, &pool).map_err(fail)? {
            Word::Answer(answer, said) => {
                if said.revoked {
                    return Err(revoked(certificate));
                }
                for responder in answer.certificates() {
                    keep(responder, &stored.certificates, &mut new_certs).map_err(fail)?;
                }
                new_ocsps.push(answer.der);
            }
            Word::List(list) => {
                if super::dss::lists(&list, certificate) {
                    return Err(revoked(certificate));
                }
                let der = list.to_der().map_err(|e| fail(bad(e)))?;
                if !stored.crls.contains(&list) && !new_crls.contains(&der) {
                    new_crls.push(der);
                }
            }
        }
    }
    if new_certs.is_empty() && new_crls.is_empty() && new_ocsps.is_empty() && !stored.is_empty() {
        return Ok(update.unchanged());
    }
    write_store(&mut update, &new_certs, &new_crls, &new_ocsps).map_err(fail)?;
    Ok(update.finish().0)
}

/// Adds `certificate` to `new` (as DER) unless the store or `new` holds it already.
fn keep(certificate: &Certificate, stored: &[Certificate], new: &mut Vec<Vec<u8>>) -> Result<(), SignProblem> {
    let der = certificate.to_der().map_err(bad)?;
    if !stored.contains(certificate) && !new.contains(&der) {
        new.push(der);
    }
    Ok(())
}

fn bad(e: impl std::fmt::Display) -> SignProblem {
    SignProblem::BadPdf { detail: e.to_string() }
}

/// Every certificate the PDF's signatures and their timestamps carry, once each.
fn carried(update: &Update) -> Result<Vec<Certificate>, SignProblem> {
    let mut out: Vec<Certificate> = Vec::new();
    for field in fields::all(update)? {
        let Ok(value) = field.dict.get(b"V") else { continue };
        let Ok(signature) = update.resolve(value).as_dict() else {
            continue;
        };
        let Ok(contents) = signature.get(b"Contents").and_then(Object::as_str) else {
            continue;
        };
        let Ok(parsed) = cms::parse(contents) else { continue };
        let stamped = parsed.timestamp.map(|t| t.certificates).unwrap_or_default();
        for certificate in parsed.certificates.into_iter().chain(stamped) {
            if !out.contains(&certificate) {
                out.push(certificate);
            }
        }
    }
    Ok(out)
}

/// What a certificate's authority says of it.
enum Word {
    /// Its OCSP responder's answer.
    Answer(Answer, Said),
    /// Its revocation list.
    List(CertificateList),
}

/// The answer of the certificate's OCSP responder, or else (none named, or none answered)
/// its revocation list.
fn word_on(certificate: &Certificate, pool: &[Certificate]) -> Result<Word, SignProblem> {
    let asked = if ocsp::responders(certificate).is_empty() {
        None
    } else {
        match ocsp::fetch_for(certificate, pool) {
            Ok((answer, said)) => return Ok(Word::Answer(answer, said)),
            Err(problem) => Some(problem),
        }
    };
    match (asked, distribution_points(certificate).is_empty()) {
        (Some(problem), true) => Err(problem),
        _ => fetch_for(certificate, pool).map(Word::List),
    }
}

/// The CRL for `certificate` from the first of its distribution points that answers with a
/// list its issuer (found in `pool`) signed.
fn fetch_for(certificate: &Certificate, pool: &[Certificate]) -> Result<CertificateList, SignProblem> {
    super::net::first_answer(distribution_points(certificate), certs::holder(certificate), |url| {
        fetch(url).and_then(|list| checked(list, certificate, pool))
    })
}

/// The http(s) addresses of the certificate's CRL distribution points.
fn distribution_points(certificate: &Certificate) -> Vec<String> {
    let Ok(Some((_, points))) = certificate.tbs_certificate().get_extension::<CrlDistributionPoints>() else {
        return Vec::new();
    };
    points
        .0
        .iter()
        .filter_map(|p| match &p.distribution_point {
            Some(DistributionPointName::FullName(names)) => Some(names),
            _ => None,
        })
        .flatten()
        .filter_map(|name| match name {
            GeneralName::UniformResourceIdentifier(uri) => Some(uri.to_string()),
            _ => None,
        })
        .filter(|uri| uri.starts_with("http://") || uri.starts_with("https://"))
        .collect()
}

fn fetch(url: &str) -> Result<CertificateList, String> {
    let body = super::net::exchange(url, None, LARGEST_CRL)?;
    CertificateList::from_der(&body).map_err(|e| e.to_string())
}

/// The list, if its issuer is the certificate's issuer and that issuer's key signed it.
fn checked(list: CertificateList, certificate: &Certificate, pool: &[Certificate]) -> Result<CertificateList, String> {
    if &list.tbs_cert_list.issuer != certificate.tbs_certificate().issuer() {
        return Err("the list is another authority's".into());
    }
    if super::dss::signed_by_issuer(&list, &certs::issuers_of(certificate, pool)) {
        Ok(list)
    } else {
        Err("the list's signature is not its issuer's".into())
    }
}

/// Writes the new certificates, lists and answers into the catalog's `/DSS` (made if absent), with
/// the ESIC extension level a PDF 1.7 reader looks for.
fn write_store(update: &mut Update, certs: &[Vec<u8>], crls: &[Vec<u8>], ocsps: &[Vec<u8>]) -> Result<(), SignProblem> {
    let root = update
        .doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(bad)?;
    let mut catalog = update.dictionary(root).ok_or_else(|| bad("no catalog"))?;
    let (dss_id, mut dss) = match catalog.get(b"DSS") {
        Ok(Object::Reference(id)) => (*id, update.dictionary(*id).unwrap_or_default()),
        Ok(Object::Dictionary(dict)) => (update.reserve(), dict.clone()),
        _ => (update.reserve(), Dictionary::new()),
    };
    dss.set("Type", Object::Name(b"DSS".to_vec()));
    append(update, &mut dss, "Certs", certs);
    append(update, &mut dss, "CRLs", crls);
    append(update, &mut dss, "OCSPs", ocsps);
    update.set(dss_id, dss);
    catalog.set("DSS", Object::Reference(dss_id));
    if update.doc.version.as_str() < "2.0" && catalog.get(b"Extensions").is_err() {
        let mut esic = Dictionary::new();
        esic.set("BaseVersion", Object::Name(b"1.7".to_vec()));
        esic.set("ExtensionLevel", Object::Integer(5));
        catalog.set(
            "Extensions",
            Dictionary::from_iter([("ESIC", Object::Dictionary(esic))]),
        );
    }
    update.set(root, catalog);
    Ok(())
}

/// Adds each of `items` as a stream to the array `key` of `dss`.
fn append(update: &mut Update, dss: &mut Dictionary, key: &str, items: &[Vec<u8>]) {
    let mut refs: Vec<Object> = dss
        .get(key.as_bytes())
        .and_then(Object::as_array)
        .cloned()
        .unwrap_or_default();
    for item in items {
        let id: ObjectId = update.add(Stream::new(Dictionary::new(), item.clone()));
        refs.push(Object::Reference(id));
    }
    if !refs.is_empty() {
        dss.set(key, Object::Array(refs));
    }
}
