//! What can go wrong with the office's people and log, worded here.

use crate::problem::{Worded, Words, words};

/// A problem of the office database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OfficeProblem {
    /// A name already used.
    UserExists(String),
    /// No such person.
    NoSuchUser(String),
    /// The folder has no office database yet.
    NoOffice,
    /// A name that cannot be used (empty, control characters).
    BadName(String),
    /// A password shorter than this many characters.
    ShortPassword(usize),
    /// The two passwords typed differ.
    PasswordsDiffer,
    /// The password could not be hashed.
    Hashing(String),
    /// The audit log's chain breaks at this entry: it was edited, or one before it deleted.
    AuditBroken { seq: i64 },
    /// An anchor of the log no longer matches: the log was cut back, emptied or recomputed.
    AnchorLost { seq: i64, source: String },
    /// A line of the anchors file cannot be read.
    AnchorUnreadable { line: usize },
    /// A version or a state the log's entries do not account for.
    NotInLog { what: String },
    /// The record changed since the version under review or the approved one.
    ChangedSince { approved: bool },
    /// The record has errors: it cannot move on.
    HasErrors(usize),
    /// The person's role may not take this step.
    NotYourStep,
    /// The record is not in the state the step starts from (the state it is in).
    WrongState(&'static str),
    /// A return without a reason.
    NoReason,
    /// A comment or an answer without text.
    EmptyComment,
    /// No such comment on the record.
    NoSuchComment,
}

impl Worded for OfficeProblem {
    fn text(&self) -> (Words, Words) {
        match self {
            OfficeProblem::UserExists(name) => (
                words(
                    format!("đã có người dùng `{name}`"),
                    format!("user `{name}` exists already"),
                ),
                words(
                    "chọn tên khác, hoặc đặt lại mật khẩu bằng `vanban users reset-password`",
                    "choose another name, or use `vanban users reset-password`",
                ),
            ),
            OfficeProblem::NoSuchUser(name) => (
                words(format!("không có người dùng `{name}`"), format!("no user `{name}`")),
                words("xem danh sách bằng `vanban users list`", "see `vanban users list`"),
            ),
            OfficeProblem::NoOffice => (
                words("thư mục này chưa có người dùng nào", "this folder has no users yet"),
                words(
                    "thêm người đầu tiên bằng `vanban users add TÊN --role quan-tri`",
                    "add the first with `vanban users add NAME --role quan-tri`",
                ),
            ),
            OfficeProblem::BadName(name) => (
                words(
                    format!("tên người dùng `{name}` không dùng được"),
                    format!("user name `{name}` cannot be used"),
                ),
                words(
                    "dùng một tên không rỗng, không có ký tự điều khiển",
                    "use a non-empty name without control characters",
                ),
            ),
            OfficeProblem::ShortPassword(n) => (
                words(
                    format!("mật khẩu ngắn hơn {n} ký tự"),
                    format!("the password is shorter than {n} characters"),
                ),
                words(
                    "dùng một câu dễ nhớ, khó đoán",
                    "use a phrase that is easy to remember and hard to guess",
                ),
            ),
            OfficeProblem::PasswordsDiffer => (
                words(
                    "hai lần nhập mật khẩu không giống nhau",
                    "the two passwords typed differ",
                ),
                words("nhập lại", "type them again"),
            ),
            OfficeProblem::Hashing(detail) => (
                words(
                    format!("không băm được mật khẩu: {detail}"),
                    format!("cannot hash the password: {detail}"),
                ),
                words("thử lại", "try again"),
            ),
            OfficeProblem::AuditBroken { seq } => (
                words(
                    format!("nhật ký bị sửa hoặc xóa tại mục số {seq}"),
                    format!("the audit log was edited or cut at entry {seq}"),
                ),
                words(
                    "so với bản sao lưu của tệp .vanban/office.sqlite để biết mục nào đã đổi",
                    "compare with a backup of .vanban/office.sqlite to see what changed",
                ),
            ),
            OfficeProblem::AnchorLost { seq, source } => (
                words(
                    format!("nhật ký không còn khớp mốc ({source}): mục số {seq} đã bị cắt, xóa hoặc tính lại"),
                    format!(
                        "the audit log no longer matches its anchor ({source}): entry {seq} was cut, deleted or recomputed"
                    ),
                ),
                words(
                    "khôi phục .vanban/office.sqlite từ bản sao lưu và báo cho người quản trị",
                    "restore .vanban/office.sqlite from a backup and tell the administrator",
                ),
            ),
            OfficeProblem::AnchorUnreadable { line } => (
                words(
                    format!("dòng {line} của tệp mốc nhật ký không đọc được"),
                    format!("line {line} of the audit anchors file cannot be read"),
                ),
                words(
                    "tệp mốc chỉ được ghi thêm bằng `vanban audit anchor`; khôi phục từ bản sao lưu",
                    "the anchors file is only appended to by `vanban audit anchor`; restore it from a backup",
                ),
            ),
            OfficeProblem::NotInLog { what } => (
                words(
                    format!("`{what}` không có trong nhật ký: cơ sở dữ liệu đã bị sửa ngoài vanban"),
                    format!("`{what}` is not in the audit log: the database was changed outside vanban"),
                ),
                words(
                    "so với bản sao lưu của tệp .vanban/office.sqlite để biết điều gì đã đổi",
                    "compare with a backup of .vanban/office.sqlite to see what changed",
                ),
            ),
            OfficeProblem::ChangedSince { approved: true } => (
                words(
                    "bản ghi đã sửa sau khi duyệt",
                    "the record was changed after it was approved",
                ),
                words(
                    "trình duyệt lại bản đang có, hoặc khôi phục bản đã duyệt",
                    "submit the record as it is now, or restore the approved version",
                ),
            ),
            OfficeProblem::ChangedSince { approved: false } => (
                words(
                    "bản ghi đã sửa sau khi trình",
                    "the record was changed after it was submitted",
                ),
                words(
                    "trả lại để người soạn thảo trình lại bản đang có",
                    "return it so that the drafter submits the record as it is now",
                ),
            ),
            OfficeProblem::HasErrors(n) => (
                words(
                    format!("bản ghi còn {n} lỗi, chưa chuyển bước được"),
                    format!("the record has {n} errors and cannot move on"),
                ),
                words(
                    "sửa các lỗi ghi bên cạnh từng ô, rồi làm lại",
                    "fix the errors shown beside the fields, then try again",
                ),
            ),
            OfficeProblem::NotYourStep => (
                words(
                    "vai trò của bạn không làm bước này",
                    "your role does not take this step",
                ),
                words(
                    "người có vai trò phù hợp sẽ làm bước này",
                    "someone with the right role takes it",
                ),
            ),
            OfficeProblem::WrongState(state) => (
                words(
                    format!("văn bản đang ở trạng thái `{state}`, không làm được bước này"),
                    format!("the record is `{state}`; this step cannot be taken now"),
                ),
                words(
                    "tải lại trang để thấy trạng thái hiện nay",
                    "reload the page to see where it stands now",
                ),
            ),
            OfficeProblem::NoReason => (
                words("trả lại cần ghi lý do", "a return needs a reason"),
                words("ghi điều cần sửa", "say what to fix"),
            ),
            OfficeProblem::EmptyComment => (
                words("góp ý chưa có nội dung", "the comment is empty"),
                words("ghi điều cần sửa hoặc câu trả lời", "write what to fix, or the answer"),
            ),
            OfficeProblem::NoSuchComment => (
                words("không có góp ý này trên bản ghi", "no such comment on the record"),
                words(
                    "tải lại trang để thấy các góp ý hiện có",
                    "reload the page to see the comments there are",
                ),
            ),
        }
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
