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
    ("sign_title_person", "Ký số", "Sign"),
    ("sign_title_agency", "Đóng dấu", "Seal"),
    (
        "sign_local",
        "Ký bằng USB token trên máy này",
        "Sign with the USB token on this computer",
    ),
    (
        "sign_local_hint",
        "Trang gọi phần mềm ký số của Ban Cơ yếu trên máy này ({url}); mã PIN nhập vào cửa sổ của phần mềm đó, không qua vanban.",
        "The page asks Ban Cơ yếu's signing tool on this computer ({url}); the PIN is typed into its own window and never reaches vanban.",
    ),
    (
        "sign_server",
        "Hoặc ký bằng USB token cắm vào máy chạy vanban:",
        "Or sign with a USB token plugged into the machine running vanban:",
    ),
    (
        "sign_local_certificate",
        "Đang lấy chứng thư số từ USB token…",
        "Reading the certificate from the USB token…",
    ),
    (
        "sign_local_signing",
        "Nhập mã PIN trong cửa sổ của phần mềm ký số để ký…",
        "Type the PIN in the signing tool's window to sign…",
    ),
    (
        "sign_local_no_service",
        "Không kết nối được phần mềm ký số trên máy ({url}). Hãy cài/bật công cụ ký số của Ban Cơ yếu rồi thử lại.",
        "Could not reach the signing tool on this computer ({url}). Install or start Ban Cơ yếu's signing tool, then try again.",
    ),
    (
        "sign_local_cancelled",
        "Phần mềm ký số không ký (mã {status}): người ký đã hủy, hoặc USB token báo lỗi. Văn bản chưa được ký.",
        "The signing tool did not sign (status {status}): the signer cancelled, or the USB token failed. The document is not signed.",
    ),
    (
        "sign_local_bad_reply",
        "Phần mềm ký số trả lời không đúng dạng ({what}).",
        "The signing tool's answer is not as expected ({what}).",
    ),
    (
        "err_sign_certificate",
        "Chứng thư số do phần mềm ký số gửi không đọc được (cần DER dạng base64).",
        "The certificate from the signing tool cannot be read (DER in base64 expected).",
    ),
    (
        "err_sign_signature",
        "Chữ ký do phần mềm ký số gửi không phải dạng base64.",
        "The signature from the signing tool is not base64.",
    ),
    (
        "err_sign_id",
        "Không có phiên ký này (đã xong hoặc chưa từng có): hãy bấm ký lại.",
        "No such signing session (finished, or never made): sign again.",
    ),
    (
        "err_sign_expired",
        "Phiên ký đã hết hạn (quá 10 phút): hãy bấm ký lại.",
        "The signing session expired (over 10 minutes): sign again.",
    ),
    (
        "err_sign_not_yours",
        "Phiên ký này do người khác (hoặc phiên đăng nhập khác) mở: không hoàn tất được.",
        "This signing session was opened by someone else (or another login): it cannot be finished here.",
    ),
    (
        "err_sign_changed",
        "Văn bản đã thay đổi từ lúc chuẩn bị ký (vừa có người ký?): hãy ký lại.",
        "The document changed since it was prepared (signed meanwhile?): sign again.",
    ),
    (
        "err_sign_other_certificate",
        "Phần mềm ký số đã ký bằng chứng thư số khác với chứng thư đã dùng để chuẩn bị: không ghi tệp nào.",
        "The signing tool signed with another certificate than the one prepared for: nothing was written.",
    ),
    (
        "sign_remote",
        "Ký từ xa (xác nhận trên điện thoại)",
        "Sign remotely (approve on the phone)",
    ),
    (
        "sign_remote_hint",
        "Chữ ký số nằm ở dịch vụ ký số từ xa: nhập mã PIN/OTP một lần, rồi xác nhận trên điện thoại. Mã không được lưu và không được thử lại.",
        "The key is at the remote signing service: type the PIN/OTP once, then approve on the phone. It is not kept and never tried again.",
    ),
    ("sign_remote_pin", "Mã PIN/OTP ký từ xa", "Remote signing PIN/OTP"),
    (
        "sign_remote_waiting",
        "Đang chờ người ký xác nhận trên điện thoại…",
        "Waiting for the signer to approve on the phone…",
    ),
    ("sign_remote_cancel", "Hủy", "Cancel"),
    (
        "sign_remote_confirm",
        "Tôi đã kiểm tra mã PIN/OTP, gửi lại cho dịch vụ ký từ xa",
        "I have checked the PIN/OTP: send it to the remote signing service again",
    ),
    (
        "sign_remote_cancelled",
        "Đã hủy: văn bản chưa được ký (kể cả khi sau đó có xác nhận trên điện thoại).",
        "Cancelled: the document is not signed (even if approved on the phone later).",
    ),
    (
        "sign_remote_off",
        "Chưa bật ký số từ xa (chạy `vanban serve` với --csc và --archive-dir).",
        "Remote signing is off (run `vanban serve` with --csc and --archive-dir).",
    ),
    (
        "err_csc_no_credential",
        "Chưa có mã chứng thư ký số từ xa của {name}: người quản trị ghi bằng `vanban users set-csc {name} --credential MÃ`.",
        "{name} has no remote signing credential: the administrator sets it with `vanban users set-csc {name} --credential ID`.",
    ),
    (
        "err_csc_no_users",
        "Ký từ xa cần tài khoản người dùng (`vanban users add`), để biết mã chứng thư của từng người ký.",
        "Remote signing needs user accounts (`vanban users add`), to know each signer's credential.",
    ),
    (
        "err_sign_remote_ended",
        "Lần ký từ xa này đã kết thúc, không hủy được nữa.",
        "This remote signature has already ended; it cannot be cancelled.",
    ),
    ("verify_button", "Kiểm tra chữ ký", "Check signatures"),
    ("verify_title", "Kiểm tra chữ ký: {file}", "Signatures of {file}"),
];
