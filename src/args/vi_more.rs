//! The Vietnamese help of the later subcommands (new, schema, sign, users, audit, verify,
//! criteria), as `vi.rs` holds the first ones: the same keys, the same table shape.

/// Path or `*.id`, then the Vietnamese.
pub const HELP_VI_MORE: &[(&str, &str)] = &[
    // new, schema, sign
    (
        "new",
        "Ghi khung một bản ghi mới, có chú thích (không bao giờ ghi đè tệp đã có).",
    ),
    (
        "new.kind",
        "`session` (buổi làm việc), `assessment` (kết quả đánh giá), `task_report` (báo cáo kết quả thực hiện kết luận) hoặc `reminder` (công văn đôn đốc).",
    ),
    ("new.output", "Tệp cần ghi (mặc định: in ra đầu ra chuẩn)."),
    ("schema", "Ghi JSON Schema (draft 2020-12) của định dạng bản ghi."),
    ("schema.output", "Tệp cần ghi (mặc định: in ra đầu ra chuẩn)."),
    (
        "sign",
        "Ký số tệp PDF (PAdES B-B) tại vị trí người ký: với tư cách cá nhân, hoặc với tư cách cơ quan khi có `--agency`.",
    ),
    (
        "sign.pdfs",
        "Các tệp PDF cần ký (do `vanban render` tạo ra), dùng chung một mật khẩu hoặc mã PIN.",
    ),
    ("sign.p12", "Tệp PKCS#12 (.p12/.pfx) chứa khóa và chuỗi chứng thư số."),
    (
        "sign.pkcs11",
        "Mô-đun PKCS#11 (.so/.dll) của token USB chứa khóa và chứng thư số; `auto`: mô-đun duy nhất đã đăng ký trên máy này đang có token cắm vào.",
    ),
    ("sign.token_label", "Nhãn của token, khi có nhiều token đang cắm."),
    ("sign.key_label", "Nhãn của khóa, khi token chứa nhiều khóa."),
    (
        "sign.pin_env",
        "Biến môi trường chứa mã PIN của token (hoặc của dịch vụ ký từ xa); nếu không có, mã PIN được hỏi một lần trên màn hình dòng lệnh.",
    ),
    (
        "sign.csc",
        "Dịch vụ ký từ xa (API Cloud Signature Consortium v2) giữ khóa của người ký: địa chỉ của dịch vụ; mã và khóa bí mật của ứng dụng khách lấy từ `VANBAN_CSC_CLIENT_ID` và `VANBAN_CSC_CLIENT_SECRET`.",
    ),
    (
        "sign.csc_credential",
        "Cùng `--csc`: mã chứng thư (khóa) của người ký tại dịch vụ.",
    ),
    (
        "sign.csc_wait",
        "Cùng `--csc`: thời gian chờ người ký xác nhận trên điện thoại, tính bằng giây.",
    ),
    (
        "sign.tsa",
        "Máy chủ cấp dấu thời gian (RFC 3161); mỗi chữ ký mang một dấu thời gian của máy chủ này (PAdES B-T).",
    ),
    (
        "sign.ltv",
        "Lưu thêm trong tệp mọi chứng thư số và danh sách thu hồi (CRL) của chúng, lấy từ điểm phân phối ghi trong chứng thư, để chữ ký còn kiểm tra được sau nhiều năm (PAdES B-LT; cần `--tsa`).",
    ),
    (
        "sign.archive_timestamp",
        "Không thêm chữ ký: lưu các danh sách thu hồi (như `--ltv`), rồi đóng dấu thời gian tài liệu từ `--tsa` lên cả tệp (PAdES B-LTA); cần đóng lại trước khi chứng thư của máy chủ cấp dấu thời gian hết hạn.",
    ),
    (
        "sign.password_env",
        "Biến môi trường chứa mật khẩu tệp .p12 (nếu không có, mật khẩu được hỏi trên màn hình dòng lệnh).",
    ),
    ("sign.agency", "Ký với tư cách cơ quan, có hình con dấu."),
    (
        "sign.image",
        "Chữ ký tay của người ký: ảnh PNG, mực xanh, nền trong suốt.",
    ),
    (
        "sign.seal",
        "Con dấu của cơ quan: ảnh PNG, màu đỏ, nền trong suốt, đúng kích thước thật (dpi).",
    ),
    (
        "sign.signer",
        "Ký vào vị trí nào: `chair` (chủ trì) hoặc `secretary` (thư ký) trong biên bản; không cần khi chỉ có một người ký.",
    ),
    (
        "sign.output",
        "Tệp PDF ghi ra (mặc định `<tên>-da-ky.pdf`; tệp đầu vào `-da-ky.pdf` được ký ngay trên tệp đó).",
    ),
    (
        "sign.prepare",
        "Bước một của ký hai bước: thêm ô ký, hình thức chữ ký (tên lấy từ chứng thư số) và chỗ trống cho chữ ký vào tệp `-o`, giữ bên cạnh những gì `--finish` cần, và in ra giá trị băm (`digest`) để thiết bị ký hoặc dịch vụ ký từ xa ký.",
    ),
    (
        "sign.cert",
        "Cùng `--prepare`: chứng thư số của người ký (PEM hoặc DER).",
    ),
    (
        "sign.chain",
        "Cùng `--prepare`: một chứng thư số trong chuỗi của nó (PEM hoặc DER); nhắc lại cho từng chứng thư.",
    ),
    (
        "sign.finish",
        "Bước hai: gắn chữ ký trên giá trị băm vào tệp đã chuẩn bị bằng `--prepare`, sau khi kiểm tra chữ ký khớp chứng thư số.",
    ),
    (
        "sign.signature",
        "Cùng `--finish`: tệp chứa chữ ký dạng base64 (RSA PKCS#1 v1.5 hoặc ECDSA); `-` là đọc từ đầu vào chuẩn.",
    ),
    (
        "sign.allow_other_signer",
        "Vẫn ký khi chứng thư số mang tên người khác với người ký ghi trên văn bản (hoặc, với `--agency`, cơ quan khác cơ quan ban hành): ký thay.",
    ),
    // users, audit
    (
        "users",
        "Người dùng của cơ quan và vai trò của họ (lưu trong FOLDER/.vanban/office.sqlite).",
    ),
    (
        "users.add",
        "Thêm một người với một vai trò; người đầu tiên được thêm sẽ bật đăng nhập trong `serve`.",
    ),
    ("users.add.name", "Tên đăng nhập."),
    ("users.add.role", "Vai trò."),
    (
        "users.add.password_env",
        "Đọc mật khẩu từ biến môi trường này thay vì hỏi trên màn hình dòng lệnh.",
    ),
    ("users.list", "Liệt kê người dùng, vai trò, và những ai đang bị khóa."),
    (
        "users.disable",
        "Không cho một người đăng nhập nữa (dấu vết của họ vẫn còn trong nhật ký).",
    ),
    ("users.disable.name", "Tên người dùng."),
    (
        "users.set-role",
        "Đổi vai trò của một người (các phiên đang mở của họ sẽ kết thúc).",
    ),
    ("users.set-role.name", "Tên người dùng."),
    ("users.set-role.role", "Vai trò mới."),
    (
        "users.set-csc",
        "Ghi mã chứng thư ký số từ xa (dịch vụ ký số từ xa, `serve --csc`) của một người; mã rỗng là bỏ.",
    ),
    ("users.set-csc.name", "Tên người dùng."),
    (
        "users.set-csc.credential",
        "Mã chứng thư (credentialID) của người đó tại dịch vụ ký số từ xa, do nhà cung cấp dịch vụ cấp.",
    ),
    (
        "users.remove",
        "Xóa một người (các phiên đang mở của họ kết thúc; dấu vết của họ vẫn còn trong nhật ký).",
    ),
    ("users.remove.name", "Tên người dùng."),
    (
        "users.reset-password",
        "Đặt mật khẩu mới cho một người (và mở khóa lại nếu đang bị khóa).",
    ),
    ("users.reset-password.name", "Tên người dùng."),
    (
        "users.reset-password.password_env",
        "Đọc mật khẩu từ biến môi trường này thay vì hỏi trên màn hình dòng lệnh.",
    ),
    (
        "audit",
        "Nhật ký thao tác: ai làm gì, lúc nào, từ đâu; và nhật ký có bị sửa hay không.",
    ),
    (
        "audit.verify",
        "Kiểm tra không mục nào bị sửa hoặc xóa và nhật ký vẫn giữ mọi mốc (các mốc trong tệp mốc và, khi có `--archive-dir`, mốc của từng mục đã ban hành); nếu không, thoát với mã 1 và nêu mốc đầu tiên không khớp.",
    ),
    (
        "audit.verify.archive_dir",
        "Kho lưu trữ mà mỗi mục đã ban hành giữ mốc đầu nhật ký tại thời điểm ban hành.",
    ),
    (
        "audit.anchor",
        "Lưu mốc đầu nhật ký ra ngoài cơ sở dữ liệu (ghi thêm vào `.vanban/audit-anchors`), kèm dấu thời gian RFC 3161 từ `--tsa`.",
    ),
    ("audit.anchor.tsa", "Địa chỉ URL của máy chủ cấp dấu thời gian."),
    ("audit.list", "Liệt kê các mục nhật ký, cũ nhất trước."),
    ("audit.list.user", "Chỉ thao tác của người này."),
    (
        "audit.list.record",
        "Chỉ thao tác trên bản ghi này (đường dẫn, hoặc một phần đường dẫn).",
    ),
    ("audit.list.since", "Chỉ từ ngày này trở đi."),
    // verify, criteria
    (
        "verify",
        "Báo cáo mọi chữ ký trong một tệp PDF: người ký, thời điểm ký, còn nguyên vẹn hay không, phạm vi được ký, chuỗi chứng thư.",
    ),
    ("verify.pdf", "Tệp PDF đã ký."),
    ("verify.trust", "Tệp PEM chứa các chứng thư gốc tin cậy."),
    (
        "verify.at",
        "Cho biết thêm mỗi chữ ký có còn kiểm tra được vào ngày sau này (YYYY-MM-DD) hay không, khi chứng thư số của người ký có thể đã hết hạn.",
    ),
    ("verify.report", "Ghi thêm báo cáo dạng JSON ra tệp này."),
    (
        "criteria",
        "Bộ tiêu chí: những bộ vanban có sẵn, và bộ lập từ bảng của cơ quan.",
    ),
    (
        "criteria.list",
        "Liệt kê các bộ có sẵn, kèm số lượng và những phần đã được xác nhận.",
    ),
    (
        "criteria.show",
        "Xem một bộ: mã của bộ có sẵn, hoặc đường dẫn tệp bộ tiêu chí.",
    ),
    ("criteria.show.set", "Mã bộ hoặc đường dẫn."),
    (
        "criteria.import",
        "Chuyển một bảng (CSV, hoặc trang tính đầu tiên của tệp .xlsx) thành tệp bộ tiêu chí.",
    ),
    ("criteria.import.table", "Bảng nguồn."),
    (
        "criteria.import.id",
        "Mã của bộ (chữ không dấu, chữ số và `-`), ví dụ `th-2026-xa-ntm`.",
    ),
    ("criteria.import.name", "Tên đầy đủ của bộ."),
    (
        "criteria.import.decision",
        "Quyết định ban hành bộ tiêu chí, ví dụ `Quyết định số 12/2026/QĐ-UBND ngày 2/3/2026 của ...`.",
    ),
    (
        "criteria.import.output",
        "Tệp bộ tiêu chí ghi ra (mặc định `<id>.yaml`).",
    ),
    ("criteria.import.force", "Ghi đè tệp ghi ra nếu đã có."),
];
