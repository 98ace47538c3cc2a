//! Problems of the records that follow up a conclusion notice's tasks (a task report, a
//! reminder), each with its message and hint, in Vietnamese and English.
//!
//! They reach the user through [`crate::problem::Problem::Tasks`], located like every other
//! problem.

/// Text in Vietnamese and English.
type Both = (String, String);

/// Something wrong with a task report or a reminder.
#[derive(Debug, Clone, PartialEq)]
pub enum TaskProblem {
    /// A report or a reminder with no task.
    NoTasks { kind: &'static str },
    /// A reminder names a task whose deadline is not passed on its `as_of` day.
    NotOverdue { due: String, as_of: String },
    /// A period that ends before it starts.
    PeriodBackwards { from: String, to: String },
    /// A finished task without the day it was finished.
    DoneWithoutDate,
    /// A task finished after the report's day.
    DoneAfterAsOf { done: String, as_of: String },
    /// A warning: a finished day on a task not finished (it is not counted as finished).
    DateButNotDone { status: &'static str },
}

impl TaskProblem {
    /// Whether this is only a warning.
    pub fn is_warning(&self) -> bool {
        matches!(self, TaskProblem::DateButNotDone { .. })
    }

    /// The message and the hint, each as (Vietnamese, English).
    pub fn words(&self) -> (Both, Both) {
        use TaskProblem as P;
        let s = |vi: &str, en: &str| (vi.to_string(), en.to_string());
        match self {
            P::NoTasks { kind } => (
                (
                    format!("bản ghi `{kind}` không có nhiệm vụ nào trong `tasks`"),
                    format!("the `{kind}` record has no task in `tasks`"),
                ),
                s(
                    "ghi ít nhất một nhiệm vụ (task, notice, due …) vào `tasks`; không có nhiệm vụ thì không ban hành văn bản này",
                    "list at least one task (task, notice, due …) under `tasks`; with none, do not issue this document",
                ),
            ),
            P::NotOverdue { due, as_of } => (
                (
                    format!(
                        "nhiệm vụ có thời hạn {due} chưa quá hạn vào ngày {as_of} (`as_of`): công văn đôn đốc chỉ nêu nhiệm vụ đã quá hạn"
                    ),
                    format!(
                        "a task due {due} is not overdue on {as_of} (`as_of`): a reminder names overdue tasks only"
                    ),
                ),
                s(
                    "bỏ nhiệm vụ này khỏi `tasks`, hoặc sửa `as_of` thành ngày sau thời hạn",
                    "drop this task from `tasks`, or set `as_of` to a day after its deadline",
                ),
            ),
            P::PeriodBackwards { from, to } => (
                (
                    format!("kỳ báo cáo kết thúc ({to}) trước ngày bắt đầu ({from})"),
                    format!("the period ends ({to}) before it starts ({from})"),
                ),
                s("sửa `period.from` hoặc `period.to`", "fix `period.from` or `period.to`"),
            ),
            P::DoneWithoutDate => (
                s(
                    "nhiệm vụ `status: hoan-thanh` không ghi ngày hoàn thành (`done`)",
                    "a task with `status: hoan-thanh` gives no completion day (`done`)",
                ),
                s(
                    "thêm `done: YYYY-MM-DD` (ngày hoàn thành) để tính đúng hạn hay quá hạn",
                    "add `done: YYYY-MM-DD` (the day it was finished) so on time or late can be counted",
                ),
            ),
            P::DoneAfterAsOf { done, as_of } => (
                (
                    format!("ngày hoàn thành {done} sau ngày số liệu {as_of} (`as_of`)"),
                    format!("finished on {done}, after the day the figures are counted ({as_of}, `as_of`)"),
                ),
                s("sửa `done` hoặc `as_of`", "fix `done` or `as_of`"),
            ),
            P::DateButNotDone { status } => (
                (
                    format!("nhiệm vụ ghi `done` nhưng trạng thái là `{status}`: không tính là đã hoàn thành"),
                    format!("a task gives `done` but its status is `{status}`: it is not counted as finished"),
                ),
                s(
                    "đổi `status` thành `hoan-thanh` khi nhiệm vụ đã được xác nhận hoàn thành, hoặc bỏ `done`",
                    "set `status: hoan-thanh` once the task is confirmed finished, or drop `done`",
                ),
            ),
        }
    }
}
