//! Every word of the web interface, in Vietnamese and English, in one place (as
//! [`crate::problem`] holds every message about a record). Pages get the whole catalogue for
//! their language from `/api/text`; `{n}` and `{id}` are filled in by the page.

use crate::problem::Lang;

/// Key, Vietnamese, English.
const ENTRIES: &[(&str, &str, &str)] = &[
    ("app", "vanban: soạn văn bản", "vanban: document editor"),
    ("records", "Bản ghi", "Records"),
    (
        "filter",
        "Lọc theo tên tệp, đơn vị, ngày…",
        "Filter by file, unit, date…",
    ),
    ("new_session", "Bản ghi buổi làm việc mới", "New working session"),
    ("new_assessment", "Kết quả đánh giá mới", "New assessment"),
    ("col_file", "Tệp", "File"),
    ("col_kind", "Loại", "Kind"),
    ("col_unit", "Đơn vị", "Unit"),
    ("col_date", "Ngày", "Date"),
    ("col_state", "Tình trạng", "State"),
    ("kind_working_session", "Buổi làm việc", "Working session"),
    ("kind_assessment", "Đánh giá tiêu chí", "Assessment"),
    ("kind_unknown", "Không đọc được", "Unreadable"),
    ("state_valid", "hợp lệ", "valid"),
    ("state_errors", "{n} lỗi", "{n} errors"),
    ("state_warnings", "{n} cảnh báo", "{n} warnings"),
    (
        "no_records",
        "Thư mục chưa có bản ghi nào.",
        "The folder holds no record yet.",
    ),
    ("back", "← Danh sách", "← Records"),
    ("save", "Lưu", "Save"),
    ("saved", "Đã lưu", "Saved"),
    ("unsaved", "Chưa lưu", "Not saved"),
    ("saving", "Đang lưu…", "Saving…"),
    (
        "no_documents",
        "Bản ghi này chưa yêu cầu văn bản nào (mục documents).",
        "This record asks for no document yet (documents).",
    ),
    (
        "stale",
        "Bản xem trước đã cũ: bản ghi đang có lỗi, sửa lỗi để cập nhật.",
        "Preview out of date: the record has an error; fix it to refresh.",
    ),
    ("refreshing", "Đang cập nhật…", "Refreshing…"),
    (
        "conflict_title",
        "Tệp đã bị thay đổi trên đĩa từ khi mở. Chọn bản giữ lại:",
        "The file changed on disk since it was opened. Choose the version to keep:",
    ),
    ("conflict_mine", "Bản đang soạn", "Your version"),
    ("conflict_disk", "Bản trên đĩa", "Version on disk"),
    (
        "keep_mine",
        "Giữ bản đang soạn (ghi đè tệp)",
        "Keep yours (overwrite the file)",
    ),
    ("take_disk", "Dùng bản trên đĩa", "Use the version on disk"),
    (
        "changed_on_disk",
        "Tệp vừa thay đổi trên đĩa; đã nạp lại.",
        "The file changed on disk; reloaded.",
    ),
    (
        "changed_on_disk_dirty",
        "Tệp vừa thay đổi trên đĩa. Khi lưu, bạn sẽ được chọn bản giữ lại.",
        "The file changed on disk. When you save you will choose which version to keep.",
    ),
    ("downloads", "Tải về", "Downloads"),
    ("export", "Xuất văn bản", "Write documents"),
    (
        "export_archival",
        "Xuất bản lưu trữ (PDF/A)",
        "Write archival PDFs (PDF/A)",
    ),
    ("archive_add", "Lưu vào kho", "Add to archive"),
    ("archive_new", "Đã lưu vào kho: {id}", "Added to the archive: {id}"),
    ("archive_there", "Đã có trong kho: {id}", "Already in the archive: {id}"),
    (
        "archive_off",
        "Chưa có kho: khởi động với --archive-dir THƯ_MỤC",
        "No archive: start with --archive-dir FOLDER",
    ),
    (
        "save_first",
        "Hãy lưu trước khi xuất hoặc lưu vào kho.",
        "Save before writing documents or archiving.",
    ),
    ("new_title", "Bản ghi buổi làm việc mới", "New working-session record"),
    ("issuer", "Cơ quan ban hành", "Issuing body"),
    (
        "issuer_placeholder",
        "(điền sau trong bản ghi)",
        "(fill in later in the record)",
    ),
    ("date", "Ngày", "Date"),
    ("start", "Giờ bắt đầu", "Start time"),
    ("host", "Đơn vị làm việc", "Host unit"),
    ("subject", "Nội dung (về …)", "Subject (about …)"),
    ("chair", "Người chủ trì", "Chair"),
    ("name", "Họ và tên", "Full name"),
    ("titles", "Chức vụ (mỗi dòng một chức vụ)", "Titles (one per line)"),
    ("group", "hoặc nhóm", "or a group"),
    ("attendees", "Thành phần dự", "Attendees"),
    ("add_row", "+ Thêm người dự", "+ Add attendee"),
    ("remove_row", "Xóa", "Remove"),
    ("secretary", "Người ghi biên bản", "Secretary"),
    ("file_name", "Tên tệp", "File name"),
    ("create", "Tạo bản ghi", "Create record"),
    (
        "err_host",
        "Tên máy chủ không được phép (chống DNS rebinding)",
        "Host name not allowed (DNS rebinding protection)",
    ),
    ("err_token", "Cần mã truy cập (token)", "An access token is required"),
    (
        "err_origin",
        "Yêu cầu ghi từ trang khác bị từ chối",
        "Write request from another site refused",
    ),
    (
        "err_record_too_large",
        "Bản ghi quá lớn (tối đa 2 MiB); không lưu",
        "Record too large (2 MiB at most); not saved",
    ),
    (
        "err_path",
        "Đường dẫn ra ngoài thư mục làm việc",
        "Path leaves the working folder",
    ),
    (
        "err_not_yaml",
        "Chỉ mở được tệp .yaml hoặc .yml",
        "Only .yaml or .yml files can be opened",
    ),
    ("err_not_found", "Không tìm thấy tệp", "File not found"),
    (
        "err_exists",
        "Tệp đã có, không ghi đè",
        "The file exists; not overwritten",
    ),
    ("err_too_large", "Nội dung gửi lên quá lớn", "Request body too large"),
    ("err_conflict", "Tệp đã thay đổi trên đĩa", "The file changed on disk"),
    ("view_form", "Biểu mẫu", "Form"),
    ("view_yaml", "Tệp YAML", "YAML file"),
    ("add_item", "Thêm {label}", "Add {label}"),
    ("remove_item", "Xóa mục {n}", "Remove item {n}"),
    ("up_item", "Đưa mục {n} lên", "Move item {n} up"),
    ("down_item", "Đưa mục {n} xuống", "Move item {n} down"),
    ("add_block", "Thêm mục “{label}”", "Add “{label}”"),
    ("remove_block", "Bỏ mục “{label}”", "Drop “{label}”"),
    ("choose", "— chọn —", "— choose —"),
    ("add_to_directory", "Thêm vào danh bạ", "Add to the directory"),
    ("in_directory", "Đã có trong danh bạ", "In the directory"),
    (
        "comments_lost",
        "Lưu lúc này sẽ bỏ các dòng ghi chú (#) trong phần vừa sửa của tệp",
        "Saving now drops the comment lines (#) in the part just edited",
    ),
    (
        "yaml_unreadable",
        "YAML chưa đọc được, sửa ở thẻ YAML trước",
        "The YAML does not read; fix it in the YAML tab first",
    ),
    ("new_from", "Tạo từ bản ghi này", "Start a new record from this one"),
    ("new_from_name", "Tên tệp bản ghi mới", "New record's file name"),
    ("met", "đạt", "met"),
    ("login_title", "Đăng nhập", "Log in"),
    ("state_du_thao", "Dự thảo", "Draft"),
    ("state_cho_duyet", "Chờ duyệt", "Awaiting approval"),
    ("state_da_duyet", "Đã duyệt", "Approved"),
    ("state_da_ban_hanh", "Đã ban hành", "Issued"),
    ("step_submit", "Trình duyệt", "Submit"),
    ("step_return", "Trả lại", "Return"),
    ("step_approve", "Duyệt", "Approve"),
    (
        "return_reason",
        "Lý do trả lại (điều cần sửa)",
        "Why it is returned (what to fix)",
    ),
    (
        "returned",
        "Đã trả lại: {reason} ({by}, {at})",
        "Returned: {reason} ({by}, {at})",
    ),
    (
        "changed_since",
        "{n} chỗ đã sửa từ khi trả lại:",
        "{n} changes since it was returned:",
    ),
    ("review_title", "Góp ý ({n} chưa xong)", "Comments ({n} open)"),
    ("no_comments", "Chưa có góp ý.", "No comments yet."),
    (
        "comment_about_record",
        "Góp ý về cả bản ghi (hoặc chọn một trường trong biểu mẫu, bôi đen một đoạn trong bản xem trước)",
        "Comment on the whole record (or pick a field in the form, select a passage in the preview)",
    ),
    ("comment_about_field", "Góp ý về: {label}", "Comment on: {label}"),
    ("comment_about_passage", "Đoạn: «{p}»", "Passage: «{p}»"),
    ("comment_whole_record", "Cả bản ghi", "The whole record"),
    ("comment_text", "Nội dung góp ý", "Comment"),
    ("comment_add", "Gửi góp ý", "Send comment"),
    ("answer_text", "Trả lời góp ý", "Answer to comment"),
    ("answer_add", "Trả lời", "Answer"),
    ("comment_resolve", "Đã sửa xong", "Settled"),
    ("comment_resolved", "Đã xong ({by}, {at})", "Settled ({by}, {at})"),
    ("comment_on_field", "Góp ý của {by}: {text}", "{by} comments: {text}"),
    ("open_comments", "{n} góp ý chưa xong", "{n} open comments"),
    ("audit_title", "Nhật ký thao tác", "Audit log"),
    ("audit_record", "Bản ghi", "Record"),
    ("audit_user", "Người dùng", "User"),
    ("audit_since", "Từ ngày", "Since"),
    ("audit_show", "Xem", "Show"),
    ("audit_at", "Lúc", "At"),
    ("when", "{time} ngày {date}", "{time}, {date}"),
    (
        "unchanged_since",
        "Chưa sửa gì từ khi trả lại.",
        "Nothing changed since it was returned.",
    ),
    ("audit_action", "Việc", "Action"),
    ("audit_target", "Đối tượng", "Target"),
    ("audit_address", "Từ địa chỉ", "From"),
    (
        "audit_chain_ok",
        "Chuỗi băm nguyên vẹn: {n} mục khớp bộ lọc.",
        "The hash chain holds: {n} entries match.",
    ),
    ("action_login", "Đăng nhập", "Login"),
    ("action_login-failed", "Đăng nhập sai", "Failed login"),
    ("action_logout", "Đăng xuất", "Logout"),
    ("action_save", "Lưu", "Save"),
    ("action_create", "Tạo bản ghi", "New record"),
    ("action_directory-add", "Thêm vào danh bạ", "Directory entry"),
    ("action_archive", "Lưu vào kho", "Filed"),
    ("action_export", "Xuất văn bản", "Export"),
    ("action_submit", "Trình duyệt", "Submit"),
    ("action_return", "Trả lại", "Return"),
    ("action_approve", "Duyệt", "Approve"),
    ("action_issue", "Cấp số, ban hành", "Issue"),
    ("action_comment", "Góp ý", "Comment"),
    ("action_answer", "Trả lời góp ý", "Answer"),
    ("action_resolve", "Đã sửa xong góp ý", "Settle comment"),
    ("action_user-add", "Thêm người dùng", "User added"),
    ("action_user-disable", "Khóa người dùng", "User disabled"),
    ("action_user-password", "Đặt lại mật khẩu", "Password reset"),
    (
        "conflict_by",
        "Người lưu trước: {by}, lúc {at}.",
        "Saved meanwhile by {by} at {at}.",
    ),
    (
        "merge",
        "Gộp: giữ cả thay đổi của hai người ở các trường khác nhau",
        "Merge: keep both people's changes to different fields",
    ),
    ("merged", "Đã gộp và lưu.", "Merged and saved."),
    (
        "merged_with_conflicts",
        "Đã gộp và lưu. Hai người cùng sửa các trường sau, đã giữ bản trên đĩa, xem lại: {fields}",
        "Merged and saved. Both changed these fields; the version on disk was kept, check them: {fields}",
    ),
    ("login_name", "Tên người dùng", "User name"),
    ("login_password", "Mật khẩu", "Password"),
    ("login_button", "Đăng nhập", "Log in"),
    ("logout", "Đăng xuất", "Log out"),
    ("err_login", "Sai tên hoặc mật khẩu", "Wrong name or password"),
    (
        "err_wait",
        "Đăng nhập sai nhiều lần; thử lại sau {s} giây",
        "Too many failed logins; try again in {s} s",
    ),
    ("err_session", "Cần đăng nhập", "Log in first"),
    (
        "err_role",
        "Vai trò của bạn không được làm việc này",
        "Your role may not do this",
    ),
    ("unmet_count", "số chỉ tiêu chưa đạt", "indicators unmet"),
    ("search_title", "Tìm văn bản", "Find documents"),
    (
        "search_words",
        "Từ cần tìm (có dấu hoặc không dấu)",
        "Words (with or without marks)",
    ),
    (
        "search_hint",
        "ví dụ: nước sạch, \"nông thôn mới\", dang uy",
        "e.g. nước sạch, \"nông thôn mới\", dang uy",
    ),
    ("search_owner", "Cơ quan được giao nhiệm vụ", "Body given a task"),
    ("search_due_from", "Hạn từ ngày", "Due from"),
    ("search_due_to", "Hạn đến ngày", "Due to"),
    ("search_go", "Tìm", "Search"),
    (
        "search_records",
        "Bản ghi trong thư mục ({n})",
        "Records in the folder ({n})",
    ),
    (
        "search_archive",
        "Văn bản trong kho lưu trữ ({n})",
        "Documents in the archive ({n})",
    ),
    (
        "search_no_archive",
        "Chưa bật kho lưu trữ (--archive-dir).",
        "No archive is set (--archive-dir).",
    ),
    ("search_none", "Không tìm thấy văn bản nào.", "Nothing found."),
    ("search_tasks", "Nhiệm vụ: ", "Tasks: "),
    (
        "search_bad_date",
        "Ngày không hợp lệ; chọn ngày theo dạng ngày/tháng/năm",
        "Not a valid date; pick a day",
    ),
    (
        "tally",
        "Đạt {met}/{criteria} tiêu chí, {indicators}/{total} chỉ tiêu",
        "{met}/{criteria} criteria, {indicators}/{total} indicators met",
    ),
];

/// The catalogue entry `key` in `lang`; the key itself if there is none.
pub fn t(lang: Lang, key: &str) -> &str {
    ENTRIES
        .iter()
        .find(|(k, _, _)| *k == key)
        .map_or(key, |(_, vi, en)| lang.pick(vi, en))
}

/// The whole catalogue in `lang`, for the pages.
pub fn catalogue(lang: Lang) -> serde_json::Value {
    let map: serde_json::Map<String, serde_json::Value> = ENTRIES
        .iter()
        .map(|&(key, vi, en)| (key.to_string(), lang.pick(vi, en).into()))
        .chain(super::labels::catalogue(lang).map(|(key, label)| (key, label.into())))
        .collect();
    serde_json::Value::Object(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_is_translated_and_keys_are_unique() {
        let mut keys = std::collections::BTreeSet::new();
        for (key, vi, en) in ENTRIES {
            assert!(keys.insert(key), "{key} twice");
            assert_ne!(vi, en, "{key} is not translated");
        }
        assert_eq!(t(Lang::Vi, "save"), "Lưu");
        assert_eq!(t(Lang::En, "save"), "Save");
    }
}
