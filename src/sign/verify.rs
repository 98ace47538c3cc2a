//! Reading every signature of a PDF back: who signed, when, whether the signed bytes are
//! intact, whether the signature covers the whole file, the chain to a trust anchor, the
//! revocation lists the file keeps, the document timestamps over them, and whether each
//! signature can still be validated at a later date ([`super::report`] says it).

use std::path::Path;

use der::Decode;
use lopdf::Object;
use sha2::{Digest, Sha256};
use x509_cert::Certificate;

use super::certs::{self, Chain};
use super::dss::{self, Status, Store};
pub use super::report::{Later, Report};
use super::{SignProblem, fields, pdf, problem};
use crate::error::Error;

/// Reports on every signature in the PDF at `path`, checking chains against `anchors` if
/// given, and as of the later moment `at` (seconds since 1970 UTC) if given.
pub fn verify(path: &Path, anchors: Option<&[Certificate]>, at: Option<i64>) -> Result<Vec<Report>, Error> {
    let bytes = crate::output::files::read_pdf(path)?;
    let bad_pdf = |e: lopdf::Error| problem(path, SignProblem::BadPdf { detail: e.to_string() });
    let update = pdf::Update::new(bytes.clone()).map_err(bad_pdf)?;
    let store = dss::read(&update.doc);
    let mut reports = Vec::new();
    for field in fields::all(&update).map_err(|p| problem(path, p))? {
        let Ok(value) = field.dict.get(b"V") else { continue };
        let Some(signature) = update.resolve(value).as_dict().ok() else {
            continue;
        };
        let name = field
            .dict
            .get(b"T")
            .and_then(Object::as_str)
            .map(|t| String::from_utf8_lossy(t).into_owned())
            .unwrap_or_default();
        let archive = signature
            .get(b"Type")
            .and_then(Object::as_name)
            .is_ok_and(|t| t == b"DocTimeStamp");
        let mut report = if archive {
            check_archive(&bytes, name, signature)
        } else {
            check(&bytes, name, signature, anchors, &store)
        };
        report.archive = archive;
        reports.push((range_of(signature), report));
    }
    if reports.is_empty() {
        return Err(problem(path, SignProblem::NoSignatures));
    }
    Ok(later(reports, at))
}

/// Each signature's latest document timestamp after it, and what that means at `at`.
fn later(reports: Vec<(Vec<usize>, Report)>, at: Option<i64>) -> Vec<Report> {
    let archives: Vec<(usize, Report)> = reports
        .iter()
        .filter(|(range, r)| r.archive && r.intact && range.len() == 4)
        .map(|(range, r)| (range[1], r.clone()))
        .collect();
    reports
        .into_iter()
        .map(|(range, mut report)| {
            if report.archive {
                return report;
            }
            let end = range.get(2).zip(range.get(3)).map_or(usize::MAX, |(c, d)| c + d);
            report.archived = archives
                .iter()
                .filter(|(start, _)| *start >= end)
                .filter_map(|(_, a)| a.timestamp.clone())
                .max_by_key(|stamp| stamp.unix);
            report.at = at;
            if let (Some(at), Some(expires)) = (at, report.expires) {
                report.later = Some(match &report.archived {
                    _ if at <= expires => Later::InValidity,
                    Some(stamp) if report.level() == "B-LTA" && stamp.until.is_some_and(|until| at <= until) => {
                        Later::ByArchive {
                            stamped: stamp.unix,
                            authority: stamp.authority.clone(),
                        }
                    }
                    _ => Later::NoLonger { expired: expires },
                });
            }
            report
        })
        .collect()
}

fn range_of(signature: &lopdf::Dictionary) -> Vec<usize> {
    signature
        .get(b"ByteRange")
        .and_then(Object::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|o| o.as_i64().ok())
                .filter_map(|n| usize::try_from(n).ok())
                .collect()
        })
        .unwrap_or_default()
}

/// The covered bytes' SHA-256, whether the range ends at the end of the file and how many
/// bytes follow it, for a well-formed byte range around a hex `/Contents`.
fn covered(bytes: &[u8], range: &[usize]) -> Option<([u8; 32], bool, usize)> {
    let [a, b, c, d] = range[..] else { return None };
    let end = c.saturating_add(d);
    if a != 0 || b > c || end > bytes.len() || bytes.get(b) != Some(&b'<') || bytes.get(c - 1) != Some(&b'>') {
        return None;
    }
    let whole = end == bytes.len() || bytes[end..].iter().all(u8::is_ascii_whitespace);
    let mut hasher = Sha256::new();
    hasher.update(&bytes[..b]);
    hasher.update(&bytes[c..end]);
    Some((hasher.finalize().into(), whole, bytes.len() - end))
}

fn contents_of(signature: &lopdf::Dictionary) -> Vec<u8> {
    signature
        .get(b"Contents")
        .and_then(Object::as_str)
        .map(<[u8]>::to_vec)
        .unwrap_or_default()
}

/// Checks one document timestamp: its token was made for the bytes it covers.
fn check_archive(bytes: &[u8], field: String, signature: &lopdf::Dictionary) -> Report {
    let mut report = empty(field, None);
    let Some((digest, whole, after)) = covered(bytes, &range_of(signature)) else {
        return report;
    };
    report.whole_file = whole;
    report.bytes_after = after;
    let contents = contents_of(signature);
    let token = super::cms::der_total_length(&contents)
        .ok()
        .and_then(|n| cms::content_info::ContentInfo::from_der(&contents[..n]).ok());
    let Some(stamp) = token.and_then(|t| super::timestamp::stamp(&t, &digest)) else {
        return report;
    };
    report.signer = Some(stamp.authority.clone());
    report.time = Some(super::SigningTime { unix: stamp.unix }.iso());
    report.intact = stamp.matches;
    report.timestamp = Some(stamp);
    report
}

fn empty(field: String, time: Option<String>) -> Report {
    Report {
        field,
        archive: false,
        signer: None,
        time,
        intact: false,
        whole_file: false,
        bytes_after: 0,
        chain: None,
        timestamp: None,
        revocation: Vec::new(),
        expires: None,
        archived: None,
        later: None,
        at: None,
    }
}

/// Checks one signature dictionary against the file's bytes.
fn check(
    bytes: &[u8],
    field: String,
    signature: &lopdf::Dictionary,
    anchors: Option<&[Certificate]>,
    store: &Store,
) -> Report {
    let time = signature
        .get(b"M")
        .and_then(Object::as_str)
        .ok()
        .and_then(|m| iso_from_pdf_date(&String::from_utf8_lossy(m)));
    let contents = contents_of(signature);
    let mut report = empty(field, time);
    let Some((digest, whole, after)) = covered(bytes, &range_of(signature)) else {
        return report;
    };
    report.whole_file = whole;
    report.bytes_after = after;
    let Ok(parsed) = super::cms::parse(&contents) else {
        return report;
    };
    report.signer = parsed.signer.as_ref().map(certs::holder);
    report.expires = parsed.signer.as_ref().map(certs::expires);
    report.timestamp = parsed.timestamp.clone();
    let digest_matches = parsed.message_digest.as_deref() == Some(digest.as_slice());
    report.intact = digest_matches
        && parsed.signing_certificate_bound
        && parsed.signer.as_ref().is_some_and(|signer| {
            certs::verifies(
                signer,
                parsed.signature_algorithm,
                &parsed.signed_attributes,
                &parsed.signature,
            )
        });
    if store.has_revocation() {
        report.revocation = revocation(&parsed, store);
    }
    report.chain = match (anchors, &parsed.signer) {
        (Some(anchors), Some(signer)) => Some(certs::chain(signer, &parsed.certificates, anchors)),
        (Some(_), None) => Some(Chain::Untrusted),
        (None, _) => None,
    };
    report
}

/// The store's word on the signer's chain and the timestamp authority's, roots left out.
fn revocation(parsed: &super::cms::Parsed, store: &Store) -> Vec<(String, Status)> {
    let stamped = parsed
        .timestamp
        .as_ref()
        .map(|t| t.certificates.clone())
        .unwrap_or_default();
    let mut pool = store.certificates.clone();
    pool.extend(parsed.certificates.iter().cloned());
    pool.extend(stamped.iter().cloned());
    let mut chain: Vec<Certificate> = parsed
        .signer
        .as_ref()
        .map(|signer| dss::chain_of(signer, &pool))
        .unwrap_or_default();
    for certificate in stamped.iter().filter(|c| !certs::self_issued(c)) {
        if !chain.contains(certificate) {
            chain.push(certificate.clone());
        }
    }
    chain
        .iter()
        .map(|c| (certs::holder(c), dss::status(store, c, &pool)))
        .collect()
}

/// `D:20260205103000+07'00'` as `2026-02-05T10:30:00+07:00`.
fn iso_from_pdf_date(date: &str) -> Option<String> {
    let digits = date.strip_prefix("D:").unwrap_or(date);
    let field = |from: usize, to: usize| digits.get(from..to).filter(|s| s.bytes().all(|b| b.is_ascii_digit()));
    let (y, mo, d, h, mi, s) = (
        field(0, 4)?,
        field(4, 6)?,
        field(6, 8)?,
        field(8, 10)?,
        field(10, 12)?,
        field(12, 14)?,
    );
    let zone = match digits.get(14..) {
        Some(z) if z.starts_with('Z') || z.is_empty() => "Z".to_string(),
        Some(z) => format!("{}{}:{}", &z[..1], z.get(1..3)?, z.get(4..6).unwrap_or("00")),
        None => "Z".to_string(),
    };
    Some(format!("{y}-{mo}-{d}T{h}:{mi}:{s}{zone}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_read_as_iso_8601() {
        assert_eq!(
            iso_from_pdf_date("D:20260205103000+07'00'").as_deref(),
            Some("2026-02-05T10:30:00+07:00")
        );
        assert_eq!(
            iso_from_pdf_date("D:20260205103000Z").as_deref(),
            Some("2026-02-05T10:30:00Z")
        );
        assert_eq!(iso_from_pdf_date("D:2026"), None);
    }
}
