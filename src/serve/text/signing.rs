//! The words of an issued document's page: its PDFs, signing with a token, verification.

/// Key, Vietnamese, English.
pub const ENTRIES: &[(&str, &str, &str)] = &[
    ("issued_title", "Văn bản đã ban hành", "Issued documents"),
    ("issued_state", "Chữ ký số", "Digital signatures"),
    ("issued_signed", "bản đã ký số", "signed copy"),
    ("issued_unsigned", "bản chưa ký", "unsigned"),
    ("issued_open", "Ký số, kiểm tra chữ ký", "Sign, check signatures"),
    (
        "sign_title",
        "Ký số bằng thiết bị ký (USB token)",
        "Sign with a USB token",
    ),
    ("sign_file", "Văn bản", "Document"),
    ("sign_as", "Ký với tư cách", "Sign as"),
    (
        "sign_as_person",
        "Lãnh đạo ký (chữ ký của người ký)",
        "The leader (handwritten signature)",
    ),
    (
        "sign_as_agency",
        "Văn thư đóng dấu (dấu của cơ quan)",
        "The agency (its seal)",
    ),
    ("sign_place", "Vị trí ký", "Where to sign"),
    ("sign_place_only", "vị trí duy nhất", "the only place"),
    ("sign_place_chair", "chủ trì (biên bản)", "the chair (minutes)"),
    ("sign_place_secretary", "thư ký (biên bản)", "the secretary (minutes)"),
    ("sign_pin", "Mã PIN của thiết bị ký", "The token's PIN"),
    (
        "sign_pin_hint",
        "Mã PIN chỉ dùng một lần cho lần ký này và không được lưu. Nhập sai nhiều lần sẽ khóa thiết bị: vanban không tự thử lại.",
        "The PIN is used once, for this signature, and not kept. Wrong PINs lock the token: vanban never tries again by itself.",
    ),
    ("sign_button", "Ký số", "Sign"),
    ("sign_working", "Đang ký…", "Signing…"),
    ("sign_done", "Đã ký: {file}", "Signed: {file}"),
    (
        "sign_not_yours",
        "Chỉ lãnh đạo (ký) và văn thư (đóng dấu) ký số văn bản đã ban hành.",
        "Only the leader (signature) and the văn thư (seal) sign issued documents.",
    ),
    (
        "sign_off",
        "Chưa bật ký số (chạy `vanban serve` với --pkcs11 và --archive-dir).",
        "Signing is off (run `vanban serve` with --pkcs11 and --archive-dir).",
    ),
    (
        "sign_no_mark",
        "Chưa có ảnh chữ ký hoặc con dấu để ký (chạy `vanban serve` với --signature-image hoặc --seal).",
        "No signature image or seal to sign with (run `vanban serve` with --signature-image or --seal).",
    ),
    (
        "err_sign_plain",
        "Mã PIN không được gửi qua kết nối không mã hóa: mở trang bằng HTTPS.",
        "A PIN is never sent over an unencrypted connection: open the page over HTTPS.",
    ),
    (
        "err_pin_confirm",
        "Lần trước mã PIN sai. Thiết bị ký sẽ tự khóa sau vài lần sai liên tiếp: kiểm tra kỹ mã PIN rồi xác nhận để thử lại.",
        "The last PIN was wrong. The token locks itself after a few wrong PINs in a row: check the PIN, then confirm to try again.",
    ),
    (
        "sign_confirm",
        "Tôi đã kiểm tra mã PIN, thử lại với thiết bị ký",
        "I have checked the PIN: try the token again",
    ),
    (
        "err_pin_wait",
        "Đã sai mã PIN hai lần: vanban không thử thiết bị ký lần nữa trong một phút, để thiết bị không bị khóa.",
        "Two wrong PINs: vanban does not try the token again for a minute, so that it is not locked.",
    ),
    ("verify_button", "Kiểm tra chữ ký", "Check signatures"),
    ("verify_title", "Kiểm tra chữ ký: {file}", "Signatures of {file}"),
];
