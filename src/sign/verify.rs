//! Reading every signature of a PDF back: who signed, when, whether the signed bytes are
//! intact, whether the signature covers the whole file, and the chain to a trust anchor.

use std::path::Path;

use lopdf::Object;
use sha2::{Digest, Sha256};
use x509_cert::Certificate;

use super::certs::{self, Chain};
use super::dss::{self, Status, Store};
use super::{SignProblem, fields, pdf, problem};
use crate::error::Error;
use crate::problem::{Lang, words};

/// What one signature says about itself.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The field's name.
    pub field: String,
    /// Who the signer's certificate names.
    pub signer: Option<String>,
    /// `/M`, as ISO 8601.
    pub time: Option<String>,
    /// The covered bytes hash to the signed digest and the signature verifies.
    pub intact: bool,
    /// The byte range ends at the end of the file.
    pub whole_file: bool,
    /// Bytes appended after the signed revision.
    pub bytes_after: usize,
    /// The chain to `--trust`, if one was given.
    pub chain: Option<Chain>,
    /// Its timestamp, if it carries one (PAdES B-T).
    pub timestamp: Option<super::timestamp::Stamp>,
    /// What the file's security store says of each certificate of the signer's and the
    /// timestamp authority's chains (roots left out); empty when the file has no store.
    pub revocation: Vec<(String, Status)>,
}

impl Report {
    /// Intact, trusted when a trust anchor was given, and its timestamp (if any) made for it.
    pub fn valid(&self) -> bool {
        self.intact
            && self.chain != Some(Chain::Untrusted)
            && self.timestamp.as_ref().is_none_or(|t| t.matches)
            && !self.revocation.iter().any(|(_, s)| *s == Status::Revoked)
    }

    /// B-LT with a timestamp and every certificate's revocation list in the file, B-T with
    /// a timestamp, else B-B.
    pub fn level(&self) -> &'static str {
        let complete =
            !self.revocation.is_empty() && self.revocation.iter().all(|(_, s)| matches!(s, Status::Good { .. }));
        match (&self.timestamp, complete) {
            (Some(_), true) => "B-LT",
            (Some(_), false) => "B-T",
            (None, _) => "B-B",
        }
    }

    /// The report's lines, in `lang`.
    pub fn render(&self, index: usize, lang: Lang) -> String {
        let yes_no = |b: bool| if b { words("có", "yes") } else { words("KHÔNG", "NO") };
        let unknown = || words("không rõ", "unknown").take(lang);
        let chain = match self.chain {
            Some(Chain::Trusted) => words("tin cậy (tới chứng thư gốc đã cho)", "trusted (to the given root)"),
            Some(Chain::Untrusted) => words(
                "KHÔNG tin cậy (không tới chứng thư gốc đã cho)",
                "NOT trusted (does not reach the given root)",
            ),
            None => words(
                "chưa kiểm tra (thêm `--trust CA.pem`)",
                "not checked (add `--trust CA.pem`)",
            ),
        };
        let coverage = if self.whole_file {
            yes_no(true)
        } else {
            words(
                format!("không ({} byte được thêm sau khi ký)", self.bytes_after),
                format!("no ({} bytes added after signing)", self.bytes_after),
            )
        };
        let lines = [
            (words("Người ký", "Signer"), self.signer.clone().unwrap_or_else(unknown)),
            (
                words("Thời gian ký", "Signed at"),
                self.time.clone().unwrap_or_else(unknown),
            ),
            (words("Toàn vẹn", "Intact"), yes_no(self.intact).take(lang)),
            (words("Phủ toàn bộ tệp", "Covers the whole file"), coverage.take(lang)),
            (words("Chuỗi chứng thư", "Certificate chain"), chain.take(lang)),
            (words("Mức PAdES", "PAdES level"), self.level().to_string()),
        ];
        let mut out = format!("{} {index}: {}", words("Chữ ký", "Signature").take(lang), self.field);
        for (label, value) in lines {
            out.push_str(&format!("\n  {}: {value}", label.take(lang)));
        }
        if let Some(stamp) = &self.timestamp {
            let when = super::SigningTime { unix: stamp.unix }.iso();
            let fits = yes_no(stamp.matches).take(lang);
            let line = words(
                format!(
                    "Dấu thời gian: {when}, do {} cấp; đúng cho chữ ký này: {fits}",
                    stamp.authority
                ),
                format!(
                    "Timestamp: {when}, from {}; made for this signature: {fits}",
                    stamp.authority
                ),
            );
            out.push_str(&format!("\n  {}", line.take(lang)));
        }
        for (holder, status) in &self.revocation {
            let said = match status {
                Status::Good { this_update } => {
                    let when = super::SigningTime { unix: *this_update }.iso();
                    words(
                        format!("chưa bị thu hồi (danh sách thu hồi lập {when}, lưu trong tệp)"),
                        format!("not revoked (revocation list of {when}, kept in the file)"),
                    )
                }
                Status::Revoked => words("ĐÃ BỊ THU HỒI", "REVOKED"),
                Status::Unknown => words(
                    "không rõ (tệp không có danh sách thu hồi của nơi cấp)",
                    "unknown (the file holds no revocation list of its issuer)",
                ),
            };
            let label = words("Tình trạng thu hồi", "Revocation status").take(lang);
            out.push_str(&format!("\n  {label}: {holder}: {}", said.take(lang)));
        }
        out
    }
}

/// Reports on every signature in the PDF at `path`, checking chains against `anchors` if given.
pub fn verify(path: &Path, anchors: Option<&[Certificate]>) -> Result<Vec<Report>, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::Read {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })?;
    if !bytes.starts_with(b"%PDF-") {
        return Err(Error::NotPdf {
            path: path.to_path_buf(),
        });
    }
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
        reports.push(check(&bytes, name, signature, anchors, &store));
    }
    if reports.is_empty() {
        return Err(problem(path, SignProblem::NoSignatures));
    }
    Ok(reports)
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
    let range: Vec<usize> = signature
        .get(b"ByteRange")
        .and_then(Object::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|o| o.as_i64().ok())
                .filter_map(|n| usize::try_from(n).ok())
                .collect()
        })
        .unwrap_or_default();
    let contents = signature
        .get(b"Contents")
        .and_then(Object::as_str)
        .map(<[u8]>::to_vec)
        .unwrap_or_default();
    let mut report = Report {
        field,
        signer: None,
        time,
        intact: false,
        whole_file: false,
        bytes_after: 0,
        chain: None,
        timestamp: None,
        revocation: Vec::new(),
    };
    let [a, b, c, d] = range[..] else { return report };
    let end = c.saturating_add(d);
    if a != 0 || b > c || end > bytes.len() || bytes.get(b) != Some(&b'<') || bytes.get(c - 1) != Some(&b'>') {
        return report;
    }
    report.whole_file = end == bytes.len() || bytes[end..].iter().all(u8::is_ascii_whitespace);
    report.bytes_after = bytes.len() - end;
    let Ok(parsed) = super::cms::parse(&contents) else {
        return report;
    };
    report.signer = parsed.signer.as_ref().map(certs::holder);
    report.timestamp = parsed.timestamp.clone();
    let mut hasher = Sha256::new();
    hasher.update(&bytes[..b]);
    hasher.update(&bytes[c..end]);
    let digest = hasher.finalize();
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
    if !store.crls.is_empty() {
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
    let stamped = parsed.timestamp.as_ref().map(|t| t.certificates.clone()).unwrap_or_default();
    let mut pool = store.certificates.clone();
    pool.extend(parsed.certificates.iter().cloned());
    pool.extend(stamped.iter().cloned());
    let mut chain: Vec<Certificate> = parsed
        .signer
        .as_ref()
        .map(|signer| dss::chain_of(signer, &pool))
        .unwrap_or_default();
    for certificate in stamped.iter().filter(|c| !super::ltv::self_issued(c)) {
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
