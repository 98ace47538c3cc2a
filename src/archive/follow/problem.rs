//! Why a tracked task cannot be found, listed or changed as asked, in both languages.

use crate::problem::{Words, words};

use super::model::{Deadline, Status};

/// What is wrong with a `tasks` command's request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskProblem {
    /// A status (or, for a list, a deadline state) that does not exist.
    UnknownStatus { given: String, deadlines_too: bool },
    /// No tracked task has this id; `near` are ids that exist (those of the same notice
    /// first), for the hint.
    UnknownTask { id: String, near: Vec<String> },
    /// An update may not take the task from `from` to `to`.
    Transition { id: String, from: Status, to: Status },
    /// Hoàn thành is not set by an update.
    DoneByUpdate { id: String },
    /// Confirming or refusing a task that does not wait for it.
    NotAwaiting { id: String, status: Status },
    /// Tạm hoãn, or a refusal, without a reason.
    NeedsReason { status: Status },
    /// An update dated before the notice, or before the task's last update, or after today.
    BadDate {
        date: String,
        earliest: String,
        latest: String,
    },
    /// `--evidence-doc` is not "số, ngày".
    EvidenceDoc { given: String },
    /// The tasks asked for come from several issuers' notices; a document has one issuer.
    SeveralIssuers { issuers: Vec<String> },
    /// No tracked task is due in the period asked (or none is overdue, for reminders).
    NothingToDraft { what: &'static str },
    /// A state công văn needs the drafting unit's code, which the notice's record does not give.
    NeedsOfficeCode { issuer: String },
}

impl crate::problem::Worded for TaskProblem {
    fn text(&self) -> (Words, Words) {
        TaskProblem::text(self)
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// Every status slug, then (for a list) every deadline slug, joined for a hint.
fn statuses(deadlines_too: bool) -> String {
    let mut all: Vec<&str> = Status::ALL.iter().map(|s| s.slug()).collect();
    if deadlines_too {
        all.extend(Deadline::ALL.iter().map(|d| d.slug()));
    }
    all.join(", ")
}

impl TaskProblem {
    /// The message and the hint, side by side.
    pub fn text(&self) -> (Words, Words) {
        match self {
            TaskProblem::UnknownStatus { given, deadlines_too } => (
                words(
                    format!("không có trạng thái `{given}`"),
                    format!("there is no status `{given}`"),
                ),
                words(
                    format!("dùng một trong: {}", statuses(*deadlines_too)),
                    format!("use one of: {}", statuses(*deadlines_too)),
                ),
            ),
            TaskProblem::UnknownTask { id, near } => {
                let list = if near.is_empty() {
                    "(kho chưa theo dõi nhiệm vụ nào)".to_string()
                } else {
                    near.join(", ")
                };
                (
                    words(
                        format!("không có nhiệm vụ mã `{id}` trong kho"),
                        format!("the archive has no task `{id}`"),
                    ),
                    words(
                        format!("các mã có trong kho: {list}; xem đủ bằng `vanban tasks list`"),
                        format!("ids in the archive: {list}; `vanban tasks list` lists them all"),
                    ),
                )
            }
            TaskProblem::Transition { id, from, to } => (
                words(
                    format!(
                        "nhiệm vụ {id} đang ở trạng thái “{}”, không chuyển sang “{}” được",
                        from.words(),
                        to.words()
                    ),
                    format!("task {id} is `{}` and cannot become `{}`", from.slug(), to.slug()),
                ),
                transition_hint(*from),
            ),
            TaskProblem::DoneByUpdate { id } => (
                words(
                    format!("không đặt thẳng trạng thái “hoàn thành” cho nhiệm vụ {id}"),
                    format!("task {id} cannot be set `hoan-thanh` by an update"),
                ),
                words(
                    format!(
                        "cơ quan chủ trì báo đã xong: `vanban tasks update {id} --status cho-xac-nhan`; văn phòng xác nhận: `vanban tasks confirm {id}`"
                    ),
                    format!(
                        "the lead body reports it done: `vanban tasks update {id} --status cho-xac-nhan`; the office confirms: `vanban tasks confirm {id}`"
                    ),
                ),
            ),
            TaskProblem::NotAwaiting { id, status } => (
                words(
                    format!(
                        "nhiệm vụ {id} đang ở trạng thái “{}”, không chờ xác nhận",
                        status.words()
                    ),
                    format!("task {id} is `{}`, not waiting for confirmation", status.slug()),
                ),
                words(
                    "chỉ xác nhận hoặc từ chối khi cơ quan chủ trì đã báo xong (`--status cho-xac-nhan`)",
                    "confirm or refuse only once the lead body reported it done (`--status cho-xac-nhan`)",
                ),
            ),
            TaskProblem::NeedsReason { status } => (
                words(
                    format!("chuyển sang “{}” cần nêu lý do", status.words()),
                    format!("`{}` needs a reason", status.slug()),
                ),
                words(
                    "ghi lý do bằng `--note` (hoặc `--reason` khi từ chối)",
                    "give it with `--note` (or `--reason` when refusing)",
                ),
            ),
            TaskProblem::BadDate { date, earliest, latest } => (
                words(
                    format!("ngày cập nhật {date} nằm ngoài khoảng từ {earliest} đến {latest}"),
                    format!("the update's date {date} is outside {earliest} to {latest}"),
                ),
                words(
                    "ngày cập nhật không trước ngày thông báo hay lần cập nhật trước, và không sau hôm nay",
                    "an update is dated no earlier than the notice and the last update, and not after today",
                ),
            ),
            TaskProblem::EvidenceDoc { given } => (
                words(
                    format!("không đọc được văn bản minh chứng `{given}`"),
                    format!("cannot read the evidence document `{given}`"),
                ),
                words(
                    "viết số và ngày cách nhau bằng dấu phẩy, ví dụ `--evidence-doc \"15/BC-HTX, 20/04/2026\"` (ngày dd/mm/yyyy hoặc YYYY-MM-DD)",
                    "give its number and date separated by a comma, e.g. `--evidence-doc \"15/BC-HTX, 20/04/2026\"` (dd/mm/yyyy or YYYY-MM-DD)",
                ),
            ),
            TaskProblem::SeveralIssuers { issuers } => (
                words(
                    format!("các nhiệm vụ thuộc thông báo của nhiều cơ quan: {}", issuers.join("; ")),
                    format!(
                        "the tasks come from the notices of several issuers: {}",
                        issuers.join("; ")
                    ),
                ),
                words(
                    "mỗi văn bản do một cơ quan ban hành: chọn một cơ quan bằng `--issuer \"tên cơ quan\"`",
                    "a document has one issuer: choose one with `--issuer \"its name\"`",
                ),
            ),
            TaskProblem::NeedsOfficeCode { issuer } => (
                words(
                    format!(
                        "số công văn của {issuer} cần mã đơn vị soạn thảo (như `VP` trong `Số: 45/UBND-VP`), mà bản ghi của thông báo chưa có"
                    ),
                    format!(
                        "a công văn of {issuer} needs the drafting unit's code (`VP` in `Số: 45/UBND-VP`), which the notice's record does not give"
                    ),
                ),
                words(
                    "thêm `--office-code VP` (mã của văn phòng soạn thảo)",
                    "add `--office-code VP` (the drafting office's code)",
                ),
            ),
            TaskProblem::NothingToDraft { what } => (
                words(
                    format!("không có nhiệm vụ nào để soạn {what}"),
                    format!(
                        "no tracked task to draft the {} from",
                        if *what == "báo cáo" { "report" } else { "reminders" }
                    ),
                ),
                words(
                    "xem các nhiệm vụ đang theo dõi bằng `vanban tasks list` (kỳ báo cáo tính theo thời hạn của nhiệm vụ)",
                    "see the tracked tasks with `vanban tasks list` (a report's period is by the tasks' due dates)",
                ),
            ),
        }
    }
}

/// What an update may do from `from`.
fn transition_hint(from: Status) -> Words {
    let next: Vec<&str> = Status::ALL
        .into_iter()
        .filter(|to| from.may_become(*to))
        .map(|s| s.slug())
        .collect();
    if next.is_empty() {
        return match from {
            Status::AwaitingConfirmation => words(
                "văn phòng xác nhận (`vanban tasks confirm`) hoặc từ chối (`vanban tasks refuse --reason …`)",
                "the office confirms (`vanban tasks confirm`) or refuses (`vanban tasks refuse --reason …`)",
            ),
            _ => words(
                "nhiệm vụ đã hoàn thành, không cập nhật thêm",
                "the task is finished; it takes no more updates",
            ),
        };
    }
    words(
        format!("từ trạng thái này chỉ chuyển sang: {}", next.join(", ")),
        format!("from here it can become: {}", next.join(", ")),
    )
}
