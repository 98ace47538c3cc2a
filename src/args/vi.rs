//! The help of the command line in Vietnamese: one line per subcommand and argument, keyed
//! by its path (`archive.search.kind`; the root is ``), or `*.id` for an argument that
//! means the same under every subcommand (`*/name` for such a subcommand). The English is the doc comment beside the clap
//! definition; `help.rs` puts the two side by side.

/// Path or `*.id`, then the Vietnamese.
pub const HELP_VI: &[(&str, &str)] = &[
    (
        "",
        "Chuyển bản ghi YAML về các buổi làm việc thành văn bản hành chính tiếng Việt (Nghị định 30/2020/NĐ-CP, Hướng dẫn 36-HD/VPTW).",
    ),
    (
        "*.lang",
        "Ngôn ngữ của thông báo và trợ giúp: tiếng Việt (mặc định) hoặc tiếng Anh; biến môi trường `LANG=en*` cũng chọn tiếng Anh.",
    ),
    // clap's own: the help and version flags, the `help` subcommand
    ("*.help", "In trợ giúp."),
    ("*.version", "In số phiên bản."),
    ("*/help", "In trợ giúp này, hoặc trợ giúp của các lệnh được nêu."),
    (
        "*.records",
        "Các tệp bản ghi, hoặc thư mục để tìm các bản ghi `.yaml` trong đó.",
    ),
    ("*.templates", "Thư mục mẫu riêng, thay thế mẫu có sẵn theo từng tệp."),
    ("*.archive_dir", "Thư mục kho lưu trữ."),
    ("*.folder", "Thư mục bản ghi."),
    // render, check, watch
    ("render", "Kết xuất mọi văn bản mà các bản ghi yêu cầu."),
    (
        "render.jobs",
        "Số luồng xử lý cùng lúc, dùng chung cho các bản ghi và các văn bản của mỗi bản ghi (mặc định: bằng số nhân của máy).",
    ),
    ("render.output", "Thư mục ghi kết quả."),
    (
        "render.emit_typst",
        "Ghi thêm mã nguồn Typst đã sinh (và thư viện dàn trang) bên cạnh các tệp PDF.",
    ),
    (
        "render.archive",
        "Xuất PDF lưu trữ: PDF/A-3u, đính kèm bản ghi và các kết quả đánh giá.",
    ),
    (
        "render.format",
        "Các định dạng cần ghi, cách nhau bằng dấu phẩy: `pdf`, `docx` (bản nháp Word để sửa).",
    ),
    (
        "render.sign_fields",
        "Tạo sẵn ô chữ ký trống tại vị trí người ký, để ký bằng phần mềm khác.",
    ),
    ("check", "Kiểm tra bản ghi và in lỗi, cảnh báo; không ghi tệp nào."),
    (
        "watch",
        "Kết xuất một bản ghi, rồi kết xuất lại mỗi khi bản ghi, kết quả đánh giá hoặc mẫu thay đổi.",
    ),
    ("watch.record", "Bản ghi cần theo dõi."),
    ("watch.output", "Thư mục ghi kết quả."),
    (
        "watch.templates",
        "Thư mục mẫu riêng, thay thế mẫu có sẵn theo từng tệp (cũng được theo dõi).",
    ),
    // archive
    ("archive", "Kho lưu trữ bản ghi và PDF lưu trữ, kèm chỉ mục."),
    (
        "archive.add",
        "Ban hành bản ghi: kiểm tra, lấy số theo sổ đăng ký, kết xuất bản lưu trữ, cất vào kho và lập chỉ mục (kèm các kết quả đánh giá). Tệp PDF lưu trữ (`.pdf`) ban hành ở nơi khác thì được thu nhận: bản ghi đính kèm được kết xuất lại và đối chiếu với tệp PDF.",
    ),
    (
        "archive.add.records",
        "Tệp bản ghi, tệp PDF lưu trữ, hoặc thư mục chứa các tệp đó.",
    ),
    (
        "archive.merge",
        "Gộp mọi mục của một kho khác vào kho này (gộp hai lần cũng không thay đổi gì).",
    ),
    (
        "archive.merge.other",
        "Thư mục của kho kia (nơi có tệp `index.sqlite`).",
    ),
    ("archive.merge.archive_dir", "Thư mục kho nhận các mục được gộp vào."),
    ("archive.list", "Liệt kê các mục trong kho."),
    (
        "archive.list.unit",
        "Chỉ đơn vị này (ghi như trong bản ghi, ví dụ `xã Xuân Trường`).",
    ),
    ("archive.list.year", "Chỉ năm này."),
    (
        "archive.list.kind",
        "Chỉ loại này: `working_session` (buổi làm việc), `assessment` (đánh giá tiêu chí), `task_report` (báo cáo thực hiện kết luận) hoặc `reminder` (công văn đôn đốc).",
    ),
    ("archive.show", "Xem một mục và các tệp của mục đó."),
    ("archive.show.id", "Tên mục (hoặc phần đầu của tên)."),
    (
        "archive.history",
        "Các lần đánh giá của một đơn vị theo thời gian, và những tiêu chí đã thay đổi.",
    ),
    ("archive.history.unit", "Đơn vị."),
    (
        "archive.search",
        "Tìm các mục theo từ ngữ, gõ có dấu hay không dấu đều được; mục khớp nhất đứng trước.",
    ),
    (
        "archive.search.query",
        "Từ cần tìm; cụm từ đặt trong ngoặc kép phải khớp đúng thứ tự. Có thể bỏ trống khi đã lọc theo nhiệm vụ.",
    ),
    ("archive.search.unit", "Chỉ đơn vị này."),
    (
        "archive.search.kind",
        "Chỉ loại này: `working_session` (buổi làm việc), `assessment` (đánh giá tiêu chí), `task_report` (báo cáo thực hiện kết luận) hoặc `reminder` (công văn đôn đốc).",
    ),
    ("archive.search.from", "Từ ngày này (YYYY-MM-DD)."),
    ("archive.search.to", "Đến ngày này (YYYY-MM-DD)."),
    (
        "archive.search.issuer",
        "Chỉ cơ quan ban hành có tên chứa các từ này (\"huyen uy tho xuan\").",
    ),
    (
        "archive.search.task_owner",
        "Chỉ các mục giao nhiệm vụ cho cơ quan, đơn vị này (\"Phòng Kinh tế\" hoặc \"phong kinh te\").",
    ),
    (
        "archive.search.due_from",
        "Chỉ các mục có nhiệm vụ đến hạn từ ngày này trở đi (YYYY-MM-DD).",
    ),
    (
        "archive.search.due_to",
        "Chỉ các mục có nhiệm vụ đến hạn trước hoặc đúng ngày này (YYYY-MM-DD).",
    ),
    ("archive.search.limit", "Số mục tối đa."),
    ("archive.search.json", "In dạng JSON, dùng cho các tập lệnh."),
    (
        "archive.reindex",
        "Lập lại chỉ mục tìm kiếm từ các bản ghi đã lưu (sau khi nâng cấp).",
    ),
    (
        "archive.verify",
        "Tính lại mã băm mọi tệp và kết xuất lại mọi bản ghi; báo mọi chỗ sai khác.",
    ),
    (
        "archive.register",
        "Sổ đăng ký văn bản đi: in ra màn hình, xuất tệp CSV hoặc PDF.",
    ),
    ("archive.register.year", "Chỉ năm này."),
    (
        "archive.register.issuer",
        "Chỉ cơ quan ban hành này (tên như khi in, hoặc mã của cơ quan).",
    ),
    (
        "archive.register.output",
        "Ghi ra tệp FILE.csv hoặc FILE.pdf thay vì in ra màn hình.",
    ),
    (
        "archive.register-setting",
        "Cơ quan ban hành đánh số riêng cho từng loại văn bản (`--per-type`) hay đánh số chung cho mọi loại (`--shared`, mặc định theo Nghị định 30/2020/NĐ-CP đối với cơ quan nhà nước).",
    ),
    (
        "archive.register-setting.issuer",
        "Cơ quan ban hành, tên như khi in (ví dụ `ỦY BAN NHÂN DÂN XÃ XUÂN TRƯỜNG`).",
    ),
    (
        "archive.register-setting.per_type",
        "Mỗi loại văn bản một dãy số riêng.",
    ),
    (
        "archive.register-setting.shared",
        "Mọi loại văn bản dùng chung một dãy số.",
    ),
    (
        "archive.summary",
        "Bảng PDF tổng hợp kết quả mới nhất của mọi đơn vị theo một bộ tiêu chí.",
    ),
    ("archive.summary.set", "Mã bộ tiêu chí."),
    (
        "archive.summary.as_of",
        "Chỉ tính các lần đánh giá đến hết ngày này (YYYY-MM-DD).",
    ),
    (
        "archive.summary.output",
        "Tệp PDF ghi ra (mặc định `tong-hop-<set>.pdf`).",
    ),
    // extract, templates, serve
    ("extract", "Ghi ra các tệp đính kèm trong một PDF lưu trữ."),
    ("extract.pdf", "Tệp PDF."),
    ("extract.output", "Thư mục ghi ra."),
    (
        "extract.force",
        "Thay các tệp trong thư mục ghi ra nếu chúng khác tệp đính kèm.",
    ),
    ("templates", "Làm việc với các mẫu có sẵn."),
    (
        "templates.export",
        "Ghi các mẫu có sẵn ra một thư mục, để làm bộ mẫu riêng.",
    ),
    ("templates.export.dir", "Thư mục đích."),
    ("templates.export.force", "Ghi đè các tệp đã có."),
    (
        "serve",
        "Ứng dụng web trên máy: danh sách bản ghi, trình soạn có xem trước trực tiếp, biểu mẫu tạo bản ghi mới, tải văn bản về.",
    ),
    ("serve.folder", "Thư mục chứa các bản ghi và kết quả đánh giá."),
    ("serve.port", "Cổng (0: một cổng trống bất kỳ; địa chỉ sẽ được in ra)."),
    (
        "serve.bind",
        "Địa chỉ lắng nghe; mọi địa chỉ không phải loopback đều bắt buộc có mã truy cập.",
    ),
    (
        "serve.token",
        "Mã truy cập mà mọi yêu cầu phải mang theo (tự tạo và in ra khi cần mà chưa có). Người dùng khác trên máy có thể thấy mã này (`ps`): nên dùng `--token-env`.",
    ),
    (
        "serve.token_env",
        "Tên biến môi trường chứa mã truy cập (để mã không nằm trên dòng lệnh).",
    ),
    ("serve.output", "Thư mục ghi văn bản (mặc định FOLDER/out)."),
    ("serve.archive_dir", "Thư mục kho lưu trữ: bật chức năng «Lưu vào kho»."),
    (
        "serve.tls_cert",
        "Dùng HTTPS với chứng chỉ này (PEM), kèm `--tls-key`. Ngoài loopback, HTTPS luôn bật: nếu không có chứng chỉ, lần chạy đầu sẽ tạo một chứng chỉ tự ký trong FOLDER/.vanban/tls và in dấu vân tay để người dùng đối chiếu.",
    ),
    ("serve.tls_key", "Khóa bí mật của chứng chỉ (PEM)."),
    (
        "serve.tls",
        "Dùng HTTPS cả trên loopback (chứng chỉ tự ký, trừ khi có `--tls-cert`).",
    ),
    (
        "serve.pkcs11",
        "Ký văn bản đã ban hành ngay trên trang: mô-đun PKCS#11 của các token USB cắm vào máy này (cần `--archive-dir`), hoặc `auto`. Mã PIN nhập trên trang.",
    ),
    (
        "serve.person_token",
        "Token của lãnh đạo (nhãn của token), khi có nhiều token đang cắm.",
    ),
    (
        "serve.person_key",
        "Khóa của lãnh đạo trên token (nhãn của khóa), khi token chứa nhiều khóa.",
    ),
    (
        "serve.agency_token",
        "Token của cơ quan (văn thư giữ), khi có nhiều token đang cắm.",
    ),
    (
        "serve.agency_key",
        "Khóa của cơ quan trên token, khi token chứa nhiều khóa.",
    ),
    (
        "serve.signature_image",
        "Ảnh chữ ký tay của lãnh đạo (PNG, nền trong suốt); có ảnh này (hoặc `--seal`) thì trang ký được cả bằng token trên máy của người ký.",
    ),
    ("serve.seal", "Ảnh con dấu của cơ quan (PNG, đúng kích thước thật)."),
    ("serve.tsa", "Máy chủ cấp dấu thời gian cho mỗi chữ ký (PAdES B-T)."),
    (
        "serve.ltv",
        "Lưu trong tệp kết quả kiểm tra thu hồi của từng chứng thư số (PAdES B-LT; cần `--tsa`).",
    ),
    (
        "serve.trust",
        "Các chứng thư gốc tin cậy (PEM) để kiểm tra chữ ký hiển thị trên trang.",
    ),
    (
        "serve.signing_service",
        "Phần mềm ký số trên máy người ký (công cụ ký số của Ban Cơ yếu) mà trang gọi để ký: `wss://MÁY:CỔNG`, một địa chỉ loopback.",
    ),
    (
        "serve.csc",
        "Ký số từ xa (CSC API v2): địa chỉ của dịch vụ ký từ xa. Mã và khóa bí mật ứng dụng khách đọc từ biến môi trường `VANBAN_CSC_CLIENT_ID` và `VANBAN_CSC_CLIENT_SECRET`; mã chứng thư của từng người ghi bằng `vanban users set-csc`.",
    ),
    (
        "serve.csc_wait",
        "Cùng `--csc`: thời gian chờ người ký xác nhận trên điện thoại, tính bằng giây.",
    ),
];
