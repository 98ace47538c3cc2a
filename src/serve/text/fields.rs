//! The words of the form's messages beside their fields (issue 38): the summary at the top
//! of the form, and a submission held back while errors remain.

/// Key, Vietnamese, English.
pub const ENTRIES: &[(&str, &str, &str)] = &[
    (
        "notes_errors",
        "Cần sửa {n} chỗ trước khi trình duyệt:",
        "{n} to fix before submitting:",
    ),
    (
        "notes_warnings",
        "Cần xem lại {n} chỗ chưa hoàn chỉnh trước khi ban hành:",
        "{n} unfinished, to look at before issuing:",
    ),
    (
        "submit_blocked",
        "Còn lỗi trong bản ghi: sửa các chỗ được đánh dấu rồi trình duyệt.",
        "The record still has errors: fix the marked fields, then submit.",
    ),
    ("note_general", "Bản ghi", "Record"),
    (
        "issuer_add",
        "Thêm cơ quan mới: gõ tên",
        "Add a new body: type its name",
    ),
];
