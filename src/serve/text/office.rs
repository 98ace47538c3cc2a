//! The words of the office's steps in the editor (issue 37): the version under review, what a
//! save of a submitted record does, a refused step, an issued record.

/// Key, Vietnamese, English.
pub const ENTRIES: &[(&str, &str, &str)] = &[
    (
        "version_submitted",
        "Phiên bản {n}, trình bởi {by} lúc {at}",
        "Version {n}, submitted by {by} at {at}",
    ),
    (
        "version_approved",
        "Phiên bản {n}, duyệt bởi {by} lúc {at}",
        "Version {n}, approved by {by} at {at}",
    ),
    (
        "save_back_to_draft",
        "Lưu sẽ đưa về Dự thảo, phải trình lại",
        "Saving sends it back to Draft, to be submitted again",
    ),
    (
        "approve_unsaved",
        "Bản trên màn hình đã sửa, khác bản đã trình; tải lại trang để duyệt bản đã trình",
        "The text on screen was edited and differs from the version submitted; reload the page to approve that version",
    ),
    (
        "issued_read_only",
        "Đã ban hành ({by}, {at}): văn bản không sửa được nữa. Cần văn bản mới thì dùng «Tạo từ bản ghi này».",
        "Issued ({by}, {at}): the document can no longer be changed. For a new one, use «Start a new record from this one».",
    ),
    (
        "not_sent",
        "Không gửi được đến máy chủ; thử lại",
        "Could not reach the server; try again",
    ),
];
