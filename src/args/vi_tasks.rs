//! The Vietnamese help of `vanban tasks` (see [`super::vi`] for how the table is keyed).

/// Path or `*.id`, then the Vietnamese.
pub const HELP_VI_TASKS: &[(&str, &str)] = &[
    (
        "tasks",
        "Theo dõi, đôn đốc thực hiện các nhiệm vụ do thông báo kết luận đã ban hành giao.",
    ),
    (
        "tasks.list",
        "Liệt kê các nhiệm vụ đang theo dõi, mỗi nhiệm vụ một dòng (hoặc JSON), với trạng thái và tình trạng thời hạn tính đến một ngày.",
    ),
    (
        "tasks.list.today",
        "Ngày tính tình trạng thời hạn (YYYY-MM-DD; mặc định: hôm nay theo giờ Việt Nam, UTC+07:00).",
    ),
    (
        "tasks.list.issuer",
        "Chỉ nhiệm vụ trong thông báo của cơ quan ban hành này (tên có đủ các từ đã gõ, có dấu hoặc không dấu).",
    ),
    (
        "tasks.list.assignee",
        "Chỉ nhiệm vụ do cơ quan này chủ trì (theo các từ trong tên, có dấu hoặc không dấu).",
    ),
    (
        "tasks.list.status",
        "Chỉ trạng thái này (chua-thuc-hien, dang-thuc-hien, cho-xac-nhan, hoan-thanh, tam-hoan) hoặc tình trạng thời hạn này (trong-han, sap-den-han, qua-han, khong-han).",
    ),
    (
        "tasks.list.from",
        "Chỉ nhiệm vụ có thời hạn từ ngày này (YYYY-MM-DD; lọc theo thời hạn của nhiệm vụ, không theo ngày thông báo).",
    ),
    (
        "tasks.list.to",
        "Chỉ nhiệm vụ có thời hạn đến ngày này (YYYY-MM-DD; lọc theo thời hạn của nhiệm vụ, không theo ngày thông báo).",
    ),
    ("tasks.list.json", "In dạng JSON, dùng cho các tập lệnh."),
    ("tasks.history.json", "In dạng JSON, dùng cho các tập lệnh."),
    ("tasks.figures.json", "In dạng JSON, dùng cho các tập lệnh."),
    (
        "tasks.update",
        "Ghi nhận báo cáo của cơ quan chủ trì: trạng thái mới, kèm ghi chú và minh chứng.",
    ),
    ("tasks.update.id", "Mã nhiệm vụ (như `vanban tasks list` in ra)."),
    ("tasks.confirm.id", "Mã nhiệm vụ."),
    ("tasks.refuse.id", "Mã nhiệm vụ."),
    ("tasks.history.id", "Mã nhiệm vụ."),
    (
        "tasks.update.status",
        "Trạng thái mới: dang-thuc-hien, cho-xac-nhan (đã xong, chờ văn phòng xác nhận) hoặc tam-hoan (nêu lý do ở --note).",
    ),
    ("tasks.update.date", "Ngày xảy ra (YYYY-MM-DD; mặc định: hôm nay)."),
    ("tasks.update.note", "Ghi chú; với tam-hoan là lý do tạm hoãn."),
    ("tasks.update.evidence", "Tệp minh chứng, được sao vào kho lưu trữ."),
    (
        "tasks.update.evidence_doc",
        "Văn bản minh chứng: \"số, ngày\" (ví dụ \"15/BC-HTX, 20/04/2026\").",
    ),
    (
        "tasks.confirm",
        "Xác nhận nhiệm vụ cơ quan chủ trì đã báo hoàn thành (cho-xac-nhan → hoan-thanh).",
    ),
    ("tasks.confirm.date", "Ngày xác nhận (YYYY-MM-DD; mặc định: hôm nay)."),
    (
        "tasks.refuse",
        "Từ chối xác nhận nhiệm vụ đã báo hoàn thành, nêu lý do (cho-xac-nhan → dang-thuc-hien).",
    ),
    ("tasks.refuse.reason", "Lý do chưa chấp nhận là hoàn thành."),
    ("tasks.refuse.date", "Ngày từ chối (YYYY-MM-DD; mặc định: hôm nay)."),
    (
        "tasks.history",
        "Một nhiệm vụ và mọi lần cập nhật của nó, theo thứ tự thời gian.",
    ),
    (
        "tasks.figures",
        "Số liệu các nhiệm vụ có thời hạn trong một kỳ: hoàn thành đúng hạn, quá hạn; chưa hoàn thành trong hạn, quá hạn.",
    ),
    (
        "tasks.figures.from",
        "Ngày đầu kỳ (YYYY-MM-DD; theo thời hạn của nhiệm vụ).",
    ),
    (
        "tasks.figures.to",
        "Ngày cuối kỳ (YYYY-MM-DD; theo thời hạn của nhiệm vụ).",
    ),
    (
        "tasks.figures.issuer",
        "Chỉ nhiệm vụ trong thông báo của cơ quan ban hành này.",
    ),
    (
        "tasks.figures.today",
        "Ngày tính số liệu (YYYY-MM-DD; mặc định: hôm nay theo giờ Việt Nam).",
    ),
    (
        "tasks.report",
        "Soạn báo cáo kết quả thực hiện kết luận cho các nhiệm vụ có thời hạn trong một kỳ: ghi bản ghi (để sửa, trình duyệt như mọi văn bản) và tệp PDF; số liệu được tính từ các nhiệm vụ, không gõ tay.",
    ),
    (
        "tasks.report.from",
        "Ngày đầu kỳ (YYYY-MM-DD; theo thời hạn của nhiệm vụ).",
    ),
    (
        "tasks.report.to",
        "Ngày cuối kỳ (YYYY-MM-DD; theo thời hạn của nhiệm vụ).",
    ),
    (
        "tasks.report.issuer",
        "Cơ quan ban hành có nhiệm vụ được báo cáo (cần khi kho có nhiều cơ quan).",
    ),
    (
        "tasks.report.today",
        "Ngày tính số liệu (YYYY-MM-DD; mặc định: hôm nay theo giờ Việt Nam).",
    ),
    ("tasks.report.json", "In thêm số liệu dạng JSON."),
    (
        "tasks.report.force",
        "Ghi đè bản ghi cùng tên đã soạn trước đó (có thể đã được sửa).",
    ),
    ("tasks.report.output", "Thư mục ghi bản ghi và tệp PDF."),
    (
        "tasks.remind",
        "Soạn công văn đôn đốc, mỗi cơ quan chủ trì có nhiệm vụ quá hạn một công văn: ghi bản ghi và tệp PDF; không soạn cho cơ quan đã hoàn thành hoặc còn trong hạn.",
    ),
    (
        "tasks.remind.today",
        "Ngày tính quá hạn (YYYY-MM-DD; mặc định: hôm nay theo giờ Việt Nam).",
    ),
    (
        "tasks.remind.issuer",
        "Cơ quan ban hành có nhiệm vụ được đôn đốc (cần khi kho có nhiều cơ quan).",
    ),
    (
        "tasks.remind.report_by",
        "Hạn cơ quan chủ trì báo cáo kết quả (YYYY-MM-DD).",
    ),
    (
        "tasks.remind.office_code",
        "Mã đơn vị soạn thảo trong số công văn của cơ quan nhà nước (`VP` trong `Số: 45/UBND-VP`), khi bản ghi của thông báo chưa có `issuer.office_code`.",
    ),
    (
        "tasks.remind.force",
        "Ghi đè các bản ghi cùng tên đã soạn trước đó (có thể đã được sửa).",
    ),
    ("tasks.remind.output", "Thư mục ghi các bản ghi và tệp PDF."),
];
