//! What `vanban verify` says of each signature and document timestamp: its facts, its PAdES
//! level, and whether it can still be validated at a later date; read as lines in Vietnamese
//! or English, or written as JSON (`--report`).

use serde::Serialize;

use super::SigningTime;
use super::certs::Chain;
use super::dss::{Source, Status};
use super::timestamp::Stamp;
use crate::problem::{Lang, words};

/// What one signature (or document timestamp) says about itself.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The field's name.
    pub field: String,
    /// A document timestamp (B-LTA) rather than a person's or agency's signature.
    pub archive: bool,
    /// Who the signer's certificate names (a document timestamp: its authority).
    pub signer: Option<String>,
    /// `/M` (a document timestamp: its time), as ISO 8601.
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
    pub timestamp: Option<Stamp>,
    /// What the file's security store says of each certificate of the signer's and the
    /// timestamp authority's chains (roots left out); empty when the file has no store.
    pub revocation: Vec<(String, Status)>,
    /// When the signer's certificate expires (seconds since 1970 UTC).
    pub expires: Option<i64>,
    /// The latest intact document timestamp made after this signature and its store.
    pub archived: Option<Stamp>,
    /// Whether it can still be validated at the moment asked (`verify --at`), and that
    /// moment (seconds since 1970 UTC).
    pub later: Option<Later>,
    /// The moment `verify --at` asked about.
    pub at: Option<i64>,
}

/// A signature as of a later date.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "at_date", rename_all = "snake_case")]
pub enum Later {
    /// The signer's certificate is still within its validity then.
    InValidity,
    /// Expired by then, but a document timestamp whose authority is still valid then proves
    /// the signature and its revocation lists existed at its time.
    ByArchive { stamped: i64, authority: String },
    /// Expired by then, with nothing to prove when it was valid: it can no longer be validated.
    NoLonger { expired: i64 },
}

impl Report {
    /// Intact, trusted when a trust anchor was given, its timestamp (if any) made for it, no
    /// certificate revoked, and still valid at the later date asked.
    pub fn valid(&self) -> bool {
        self.intact
            && self.chain != Some(Chain::Untrusted)
            && self.timestamp.as_ref().is_none_or(|t| t.matches)
            && !self.revocation.iter().any(|(_, s)| *s == Status::Revoked)
            && !matches!(self.later, Some(Later::NoLonger { .. }))
    }

    /// B-LTA with a document timestamp over its store, B-LT with a timestamp and every
    /// certificate's revocation list in the file, B-T with a timestamp, else B-B.
    pub fn level(&self) -> &'static str {
        let complete =
            !self.revocation.is_empty() && self.revocation.iter().all(|(_, s)| matches!(s, Status::Good { .. }));
        match (&self.timestamp, complete, &self.archived) {
            _ if self.archive => "-",
            (Some(_), true, Some(_)) => "B-LTA",
            (Some(_), true, None) => "B-LT",
            (Some(_), false, _) => "B-T",
            (None, _, _) => "B-B",
        }
    }

    /// The report as data, with its level and verdict: what `verify --report` writes and
    /// `serve` answers.
    pub fn data(&self) -> serde_json::Value {
        let mut value = serde_json::to_value(self).unwrap_or_default();
        value["level"] = self.level().into();
        value["valid"] = self.valid().into();
        value
    }

    /// The report's lines, in `lang`.
    pub fn render(&self, index: usize, lang: Lang) -> String {
        let yes_no = |b: bool| if b { words("có", "yes") } else { words("KHÔNG", "NO") };
        let unknown = || words("không rõ", "unknown").take(lang);
        let coverage = if self.whole_file {
            yes_no(true)
        } else {
            words(
                format!("không ({} byte được thêm sau khi ký)", self.bytes_after),
                format!("no ({} bytes added after signing)", self.bytes_after),
            )
        };
        let (title, who, when) = if self.archive {
            (
                words("Dấu thời gian lưu trữ", "Document timestamp"),
                words("Đơn vị cấp", "Authority"),
                words("Thời điểm", "Time"),
            )
        } else {
            (
                words("Chữ ký", "Signature"),
                words("Người ký", "Signer"),
                words("Thời gian ký", "Signed at"),
            )
        };
        let mut lines = vec![
            (who, self.signer.clone().unwrap_or_else(unknown)),
            (when, self.time.clone().unwrap_or_else(unknown)),
            (words("Toàn vẹn", "Intact"), yes_no(self.intact).take(lang)),
            (words("Phủ toàn bộ tệp", "Covers the whole file"), coverage.take(lang)),
        ];
        if !self.archive {
            lines.push((
                words("Chuỗi chứng thư", "Certificate chain"),
                chain(self.chain).take(lang),
            ));
            lines.push((words("Mức PAdES", "PAdES level"), self.level().to_string()));
        }
        let mut out = format!("{} {index}: {}", title.take(lang), self.field);
        for (label, value) in lines {
            out.push_str(&format!("\n  {}: {value}", label.take(lang)));
        }
        if let Some(stamp) = self.timestamp.as_ref().filter(|_| !self.archive) {
            let when = SigningTime { unix: stamp.unix }.iso();
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
            let label = words("Tình trạng thu hồi", "Revocation status").take(lang);
            out.push_str(&format!("\n  {label}: {holder}: {}", revocation(status).take(lang)));
        }
        if let (Some(later), Some(at)) = (&self.later, self.at) {
            out.push_str(&format!("\n  {}", later_line(later, at).take(lang)));
        }
        out
    }
}

fn chain(chain: Option<Chain>) -> crate::problem::Words {
    match chain {
        Some(Chain::Trusted) => words("tin cậy (tới chứng thư gốc đã cho)", "trusted (to the given root)"),
        Some(Chain::Untrusted) => words(
            "KHÔNG tin cậy (không tới chứng thư gốc đã cho)",
            "NOT trusted (does not reach the given root)",
        ),
        None => words(
            "chưa kiểm tra (thêm `--trust CA.pem`)",
            "not checked (add `--trust CA.pem`)",
        ),
    }
}

fn revocation(status: &Status) -> crate::problem::Words {
    match status {
        Status::Good { this_update, by } => {
            let when = SigningTime { unix: *this_update }.iso();
            match by {
                Source::Crl => words(
                    format!("chưa bị thu hồi (danh sách thu hồi lập {when}, lưu trong tệp)"),
                    format!("not revoked (revocation list of {when}, kept in the file)"),
                ),
                Source::Ocsp => words(
                    format!("chưa bị thu hồi (trả lời OCSP lúc {when}, lưu trong tệp)"),
                    format!("not revoked (OCSP answer of {when}, kept in the file)"),
                ),
            }
        }
        Status::Revoked => words("ĐÃ BỊ THU HỒI", "REVOKED"),
        Status::Unknown => words(
            "không rõ (tệp không có danh sách thu hồi hay trả lời OCSP của nơi cấp)",
            "unknown (the file holds no revocation list or OCSP answer from its issuer)",
        ),
    }
}

fn later_line(later: &Later, at: i64) -> crate::problem::Words {
    let day = |unix: i64| {
        let iso = SigningTime { unix }.iso();
        format!("{}/{}/{}", &iso[8..10], &iso[5..7], &iso[0..4])
    };
    let asked = day(at);
    match later {
        Later::InValidity => words(
            format!("Vào ngày {asked}: chứng thư người ký còn hạn"),
            format!("On {asked}: the signer's certificate is still valid"),
        ),
        Later::ByArchive { stamped, authority } => words(
            format!(
                "Vào ngày {asked}: chứng thư người ký đã hết hạn, nhưng vẫn kiểm tra được nhờ dấu thời gian lưu trữ ngày {} của {authority}",
                day(*stamped)
            ),
            format!(
                "On {asked}: the signer's certificate has expired, but it still validates through the document timestamp of {} from {authority}",
                day(*stamped)
            ),
        ),
        Later::NoLonger { expired } => words(
            format!(
                "Vào ngày {asked}: KHÔNG còn kiểm tra được (chứng thư người ký hết hạn ngày {}, tệp không có dấu thời gian lưu trữ còn hiệu lực)",
                day(*expired)
            ),
            format!(
                "On {asked}: can NO LONGER be validated (the signer's certificate expired on {}, and the file has no document timestamp still in force)",
                day(*expired)
            ),
        ),
    }
}
