//! What commands say when nothing is wrong: results, summaries and labels, in both languages.

use super::{Lang, Words, words};

/// A sentence or label a command prints.
#[derive(Debug, Clone, PartialEq)]
pub enum Say<'a> {
    /// `check` found a record valid.
    Valid,
    /// `archive add` stored a new entry.
    Added(&'a str),
    /// `archive add` found the same bytes stored already.
    AlreadyArchived(&'a str),
    /// The closing line of `render`.
    RenderSummary {
        documents: usize,
        records: usize,
        failed: usize,
        seconds: f64,
    },
    /// `serve` listens at this address.
    Serving { url: &'a str },
    /// A remote signing service waits for the signer to approve on their phone, at most this
    /// many seconds.
    WaitingForApproval { seconds: u64 },
    /// `--pkcs11 auto` chose this module, named by this registration or table entry.
    ModuleFound { module: &'a str, from: &'a str },
    /// `serve` over HTTPS: its certificate and fingerprint, to compare with the browser's.
    Certificate { file: &'a str, fingerprint: &'a str },
    /// `users add` added a person.
    UserAdded { name: &'a str, role: &'a str },
    /// A disabled account, in `users list`.
    Disabled,
    /// `audit verify` found the chain whole.
    AuditIntact {
        entries: usize,
        last: &'a str,
        anchors: usize,
    },
    /// `audit anchor` kept the log's head outside the database.
    AuditAnchored { seq: i64, last: &'a str, stamped: bool },
    /// `watch` rendered.
    Watching { documents: usize, ms: f64 },
    /// `archive verify` found nothing wrong.
    ArchiveIntact { files: usize },
    /// `archive search` found nothing; the words asked (empty when only filters were given).
    NoHits { query: &'a str },
    /// A field label of `archive show`.
    Label(Label),
    /// A folder search did not follow this link.
    SkippedLink(&'a std::path::Path),
    /// The word before a warning.
    WarningLabel,
    /// The word before an error.
    ErrorLabel,
    /// The word before a hint.
    HintLabel,
}

/// The fields `archive show` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// Record kind.
    Kind,
    /// Unit.
    Unit,
    /// Issuing body.
    Issuer,
    /// Date.
    Date,
    /// Criteria set.
    Set,
    /// Totals.
    Totals,
    /// Document numbers.
    Numbers,
}

impl Say<'_> {
    /// The sentence in both languages.
    pub fn words(&self) -> Words {
        match self {
            Say::Valid => words("hợp lệ", "valid"),
            Say::Added(id) => words(format!("đã lưu {id}"), format!("added {id}")),
            Say::AlreadyArchived(id) => words(format!("đã có sẵn {id}"), format!("already archived {id}")),
            Say::RenderSummary {
                documents,
                records,
                failed,
                seconds,
            } => words(
                format!(
                    "vanban: đã ghi {documents} văn bản từ {records} bản ghi, {failed} bản ghi lỗi, {seconds:.2} giây"
                ),
                format!(
                    "vanban: wrote {documents} documents from {records} records, {failed} records failed, {seconds:.2} s"
                ),
            ),
            Say::WaitingForApproval { seconds } => words(
                format!("Đang chờ người ký xác nhận trên điện thoại… (tối đa {seconds} giây)"),
                format!("Waiting for the signer to approve on their phone… (at most {seconds} s)"),
            ),
            Say::ModuleFound { module, from } => words(
                format!("dùng mô-đun PKCS#11 {module} (có token đang cắm; tìm thấy qua {from})"),
                format!("using the PKCS#11 module {module} (a token is plugged in; found through {from})"),
            ),
            Say::Serving { url } => words(
                format!("vanban serve: mở {url} trong trình duyệt (Ctrl+C để dừng)"),
                format!("vanban serve: open {url} in a browser (Ctrl+C to stop)"),
            ),
            Say::Certificate { file, fingerprint } => words(
                format!("HTTPS: chứng chỉ {file}; dấu vân tay SHA-256 (so với trình duyệt hiển thị): {fingerprint}"),
                format!("HTTPS: certificate {file}; SHA-256 fingerprint (compare with the browser's): {fingerprint}"),
            ),
            Say::UserAdded { name, role } => words(
                format!("đã thêm người dùng {name} ({role}); đăng nhập trong `vanban serve` đã bật"),
                format!("added user {name} ({role}); logins are on in `vanban serve`"),
            ),
            Say::Disabled => words("đã khóa", "disabled"),
            Say::AuditIntact { entries, last, anchors } => words(
                format!("nhật ký nguyên vẹn: {entries} mục, mục cuối có mã {last}; khớp {anchors} mốc"),
                format!("audit log intact: {entries} entries, the last one's hash {last}; {anchors} anchors match"),
            ),
            Say::AuditAnchored { seq, last, stamped } => words(
                format!(
                    "đã ghi mốc nhật ký: mục số {seq}, mã {last}{}",
                    if *stamped { ", có dấu thời gian" } else { "" }
                ),
                format!(
                    "anchored the audit log: entry {seq}, hash {last}{}",
                    if *stamped { ", time-stamped" } else { "" }
                ),
            ),
            Say::Watching { documents, ms } => words(
                format!("vanban: đã ghi {documents} văn bản trong {ms:.0} ms; đang theo dõi thay đổi"),
                format!("vanban: wrote {documents} documents in {ms:.0} ms; watching for changes"),
            ),
            Say::ArchiveIntact { files } => words(
                format!("kho nguyên vẹn: {files} tệp khớp SHA-256, mọi văn bản kết xuất lại giống hệt"),
                format!("archive intact: {files} files match SHA-256, every document re-renders identically"),
            ),
            Say::NoHits { query } if query.trim().is_empty() => words(
                "Không tìm thấy văn bản nào khớp các điều kiện đã chọn.",
                "No entry matches the filters given.",
            ),
            Say::NoHits { query } => words(
                format!("Không tìm thấy văn bản nào khớp «{query}»."),
                format!("No entry matches “{query}”."),
            ),
            Say::Label(label) => match label {
                Label::Kind => words("loại", "kind"),
                Label::Unit => words("đơn vị", "unit"),
                Label::Issuer => words("cơ quan", "issuer"),
                Label::Date => words("ngày", "date"),
                Label::Set => words("bộ tiêu chí", "criteria set"),
                Label::Totals => words("kết quả", "totals"),
                Label::Numbers => words("số văn bản", "numbers"),
            },
            Say::SkippedLink(path) => {
                let path = path.display();
                words(
                    format!("{path}: cảnh báo: bỏ qua liên kết dẫn ra ngoài thư mục hoặc quay vòng về thư mục đã đọc"),
                    format!(
                        "{path}: warning: skipped a link that leads outside the folder or back into a folder already read"
                    ),
                )
            }
            Say::WarningLabel => words("cảnh báo", "warning"),
            Say::ErrorLabel => words("lỗi", "error"),
            Say::HintLabel => words("gợi ý", "hint"),
        }
    }

    /// The sentence in `lang`.
    pub fn to(&self, lang: Lang) -> String {
        super::printable::printable(&self.words().take(lang)).into_owned()
    }
}
