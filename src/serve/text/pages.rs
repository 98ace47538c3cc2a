//! The words of the pages that guide each role (issue 38): the step a role takes now, the
//! numbers an issue gave, a refusal that says where the record stands, the records list.

/// Key, Vietnamese, English.
pub const ENTRIES: &[(&str, &str, &str)] = &[
    ("step_issue", "Cấp số, ban hành", "Number and issue"),
    ("issuing", "Đang cấp số, ban hành…", "Numbering and issuing…"),
    ("issue_done", "Đã cấp số, ban hành:", "Numbered and issued:"),
    (
        "issue_number",
        "{title} {line}, ngày {date}",
        "{title} {line}, dated {date}",
    ),
    ("issued_page", "Xem văn bản đã ban hành", "Open the issued documents"),
    (
        "refused_state",
        "Không thực hiện được: bản ghi đang ở trạng thái «{state}» (do {by} chuyển lúc {at}).",
        "Not done: the record is «{state}» (set by {by} at {at}).",
    ),
    ("state_tra_lai", "Trả lại", "Returned"),
    (
        "returned_because",
        "Trả lại bởi {by} lúc {at}: {reason}",
        "Returned by {by} at {at}: {reason}",
    ),
    ("col_subject", "Trích yếu", "Subject"),
    ("problem_missing", "Thiếu {label}", "Missing {label}"),
    ("goto_field", "Đến ô này", "Go to this field"),
    ("role_soan_thao", "soạn thảo", "drafter"),
    ("role_lanh_dao", "lãnh đạo", "leader"),
    ("role_van_thu", "văn thư", "records clerk"),
    ("role_quan_tri", "quản trị", "administrator"),
];
