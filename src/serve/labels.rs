//! The form's field labels, Vietnamese and English, by the record format's key (or by its
//! place, where a key means different things in different places), and the words of the
//! values it offers in lists. A key not listed is labelled by the schema's own description,
//! so a new field still shows.

/// Key, Vietnamese label, English label.
pub const LABELS: &[(&str, &str, &str)] = &[
    ("abbreviate", "Dùng chữ viết tắt báo chí", "Press abbreviations"),
    ("about", "Trích yếu (sau “V/v”)", "Subject (after “V/v”)"),
    ("absent", "Số vắng mặt", "Absent"),
    ("acknowledgements", "Ghi nhận, đánh giá", "Acknowledgements"),
    ("as_of", "Ngày đánh giá", "Assessed on"),
    ("assessed_by", "Hình thức đánh giá", "Assessed by"),
    ("assessments", "Tệp kết quả đánh giá", "Assessment files"),
    ("assignee", "Cơ quan, người chủ trì", "Lead body or person"),
    ("attendees", "Thành phần tham dự", "Attendees"),
    ("author", "Tác giả", "Author"),
    (
        "authority",
        "Thẩm quyền ký (TM., KT., TL., T/M, T/L …)",
        "Signing authority",
    ),
    ("caption", "Chú thích ảnh", "Caption"),
    ("chair", "Chủ trì", "Chair"),
    ("closing", "Đoạn kết thêm", "Closing paragraphs"),
    ("code", "Ký hiệu cơ quan (UBND, HU …)", "Agency code"),
    ("commune_group", "Nhóm xã", "Commune group"),
    ("conclusions", "Kết luận", "Conclusions"),
    ("content", "Nội dung phát biểu", "What was said"),
    ("criteria_set", "Bộ tiêu chí", "Criteria set"),
    ("criterion", "Tiêu chí số", "Criterion"),
    ("date", "Ngày", "Date"),
    ("difficulties", "Khó khăn, vướng mắc", "Difficulties"),
    ("directives", "Nhiệm vụ, giải pháp", "Directives"),
    ("discussion", "Ý kiến thảo luận", "Discussion"),
    ("documents", "Văn bản ban hành", "Documents to issue"),
    ("due", "Thời hạn", "Deadline"),
    ("end", "Giờ kết thúc", "Ends at"),
    ("evidence", "Minh chứng", "Evidence"),
    ("file", "Tệp ảnh", "Photo file"),
    (
        "focus",
        "Nội dung báo cáo (lời giới thiệu trong thông báo)",
        "What the report was about (the notice's opening)",
    ),
    (
        "group",
        "Nhóm (nếu không phải một người)",
        "Group (instead of one person)",
    ),
    ("host", "Đơn vị làm việc", "Host unit"),
    ("id", "Tên tệp văn bản (mã bản ghi)", "Record id"),
    ("invitation", "Giấy mời", "Invitation"),
    ("issuer", "Cơ quan ban hành", "Issuing body"),
    ("kind", "Loại bản ghi", "Record kind"),
    ("letter", "Công văn", "Official letter"),
    ("location", "Địa điểm", "Location"),
    ("materials", "Tài liệu sử dụng", "Materials"),
    ("minutes", "Biên bản", "Minutes"),
    ("name", "Họ và tên", "Name"),
    ("news", "Tin bài", "News draft"),
    ("not_applicable", "Chỉ tiêu không áp dụng", "Not applicable"),
    ("note", "Ghi chú", "Note"),
    ("notice", "Thông báo kết luận", "Conclusion notice"),
    ("number", "Số văn bản", "Document number"),
    ("office", "Đơn vị tham mưu, lưu hồ sơ", "Drafting office"),
    ("office_code", "Ký hiệu đơn vị soạn thảo (VP)", "Drafting office code"),
    ("on_proposals", "Về đề xuất, kiến nghị", "On the proposals"),
    ("organisation", "Tổ chức thực hiện", "Organisation"),
    ("parent", "Cơ quan chủ quản", "Parent body"),
    ("partners", "Cơ quan phối hợp", "Coordinating bodies"),
    ("photos", "Ảnh", "Photos"),
    ("place", "Địa danh (dòng ngày tháng)", "Place in the date line"),
    ("places", "Nơi kiểm tra", "Places visited"),
    ("plan", "Kế hoạch thực hiện kết luận", "Implementation plan"),
    ("position", "Chức vụ người ký", "Signer's position"),
    ("prepare", "Đề nghị chuẩn bị", "To prepare"),
    ("present", "Số có mặt", "Present"),
    ("presenter", "Người báo cáo", "Presenter"),
    ("proposals", "Đề xuất, kiến nghị", "Proposals"),
    ("purposes", "Mục đích", "Purposes"),
    ("recipients", "Nơi nhận", "Recipients"),
    ("report", "Báo cáo", "Report"),
    ("requirements", "Yêu cầu", "Requirements"),
    ("results", "Kết quả từng tiêu chí", "Results"),
    ("role", "Chức danh dùng khi kết luận", "Title used in the conclusions"),
    ("secretary", "Thư ký (người ghi biên bản)", "Secretary"),
    ("shortcomings", "Tồn tại, hạn chế", "Shortcomings"),
    ("signer", "Người ký", "Signer"),
    ("site_visit", "Kiểm tra thực tế", "Site visit"),
    ("speaker", "Người phát biểu", "Speaker"),
    ("start", "Giờ bắt đầu", "Starts at"),
    ("subject", "Nội dung buổi làm việc (về …)", "Subject"),
    ("summary", "Tóm tắt báo cáo", "Summary of the report"),
    ("system", "Khối", "System"),
    ("task", "Nội dung nhiệm vụ", "Task"),
    ("tasks", "Giao nhiệm vụ", "Tasks"),
    ("titles", "Chức danh (theo thứ tự)", "Titles, in order"),
    ("to", "Kính gửi", "To"),
    ("unit", "Đơn vị", "Unit"),
    ("unmet", "Chỉ tiêu chưa đạt", "Unmet indicators"),
    ("when", "Thời điểm kiểm tra", "When"),
    // Keys whose meaning depends on where they are.
    ("/issuer/name", "Tên cơ quan ban hành", "Issuing body's name"),
    ("/unit", "Đơn vị được đánh giá", "Unit assessed"),
    ("/documents/news/unit", "Đơn vị của tác giả", "Author's unit"),
    ("/report", "Báo cáo của đơn vị", "The unit's report"),
    ("/documents/report", "Báo cáo kết quả đánh giá", "Assessment report"),
];

/// The words of a value the form offers in a list: key, Vietnamese, English.
pub const VALUES: &[(&str, &str, &str)] = &[
    ("state", "Nhà nước (Nghị định 30/2020/NĐ-CP)", "State (Decree 30/2020)"),
    ("party", "Đảng (Hướng dẫn 36-HD/VPTW)", "Party (Guide 36-HD/VPTW)"),
    ("self", "Tự đánh giá", "Self-assessment"),
    ("review", "Thẩm định, phúc tra", "Review"),
    ("before", "Trước khi họp", "Before the meeting"),
    ("after", "Sau khi họp", "After the meeting"),
    ("general", "Tình hình chung (mặc định)", "General (the default)"),
    ("results", "Kết quả thực hiện nhiệm vụ", "Results of the unit's tasks"),
];

/// The label of the field at `pointer` (`/conclusions/directives/2` → "Nhiệm vụ, giải pháp
/// 3"): its place's or its key's label, and the item's number.
pub fn label_of(pointer: &str, lang: crate::problem::Lang) -> String {
    let parts: Vec<&str> = pointer.split('/').filter(|p| !p.is_empty()).collect();
    let place: String = parts
        .iter()
        .filter(|p| p.parse::<usize>().is_err())
        .map(|p| format!("/{p}"))
        .collect();
    let key = parts
        .iter()
        .rev()
        .find(|p| p.parse::<usize>().is_err())
        .copied()
        .unwrap_or_default();
    let label = LABELS
        .iter()
        .find(|(k, _, _)| *k == place)
        .or_else(|| LABELS.iter().find(|(k, _, _)| *k == key))
        .map_or(key, |(_, vi, en)| lang.pick(vi, en));
    let numbers: Vec<String> = parts
        .iter()
        .filter_map(|p| p.parse::<usize>().ok())
        .map(|n| (n + 1).to_string())
        .collect();
    if numbers.is_empty() {
        label.to_string()
    } else {
        format!("{label} {}", numbers.join("."))
    }
}

/// How a message names the field at a place, where its label alone would be too short
/// ("Ngày" → "ngày làm việc"): place, Vietnamese, English.
const PHRASES: &[(&str, &str, &str)] = &[
    ("/date", "ngày làm việc", "the date of the session"),
    ("/start", "giờ bắt đầu", "the start time"),
    ("/end", "giờ kết thúc", "the end time"),
    ("/location", "địa điểm làm việc", "the location"),
    ("/host", "đơn vị làm việc", "the host unit"),
    ("/subject", "nội dung buổi làm việc", "the subject of the session"),
    ("/chair/name", "họ và tên người chủ trì", "the chair's name"),
    ("/secretary/name", "họ và tên thư ký", "the secretary's name"),
    ("/issuer/name", "tên cơ quan ban hành", "the issuing body's name"),
    ("/issuer/code", "ký hiệu cơ quan", "the agency code"),
    (
        "/issuer/place",
        "địa danh ở dòng ngày tháng",
        "the place in the date line",
    ),
    (
        "/issuer/system",
        "khối văn bản (Nhà nước hay Đảng)",
        "the system (State or Party)",
    ),
    ("/unit", "đơn vị được đánh giá", "the unit assessed"),
    ("/as_of", "ngày đánh giá", "the assessment date"),
];

/// The field at `pointer` as a message names it, in both languages: its phrase, else its
/// label (lower case in Vietnamese, where it follows "Chưa có").
pub fn phrase_of(pointer: &str) -> crate::problem::Words {
    use crate::problem::{Lang, words};
    if let Some((_, vi, en)) = PHRASES.iter().find(|(place, _, _)| *place == pointer) {
        return words(*vi, *en);
    }
    let vi = label_of(pointer, Lang::Vi);
    let mut chars = vi.chars();
    let vi: String = chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default();
    words(vi, label_of(pointer, Lang::En))
}

/// The labels in `lang`, keyed `f_<key>` (fields) and `v_<value>` (values), for the pages'
/// catalogue.
pub fn catalogue(lang: crate::problem::Lang) -> impl Iterator<Item = (String, &'static str)> {
    let fields = LABELS
        .iter()
        .map(move |(key, vi, en)| (format!("f_{key}"), lang.pick(vi, en)));
    let values = VALUES
        .iter()
        .map(move |(key, vi, en)| (format!("v_{key}"), lang.pick(vi, en)));
    fields.chain(values)
}
