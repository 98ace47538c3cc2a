//! The commented record a clerk starts from: `vanban new` and the web form write the same text.
//!
//! Every value a user gave is written as a YAML double-quoted string (JSON string syntax, which
//! YAML reads as text), so nothing typed into the form can change the record's structure.

use serde::{Deserialize, Serialize};

/// The issuing body, as the form chooses it from records already in the folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuerFields {
    /// `state` or `party` (empty: told by the name).
    #[serde(default)]
    pub system: String,
    /// Cơ quan chủ quản.
    #[serde(default)]
    pub parent: Option<String>,
    /// Tên cơ quan ban hành.
    pub name: String,
    /// Agency code (`UBND`, `HU`; empty: told by the name).
    #[serde(default)]
    pub code: String,
    /// Địa danh (empty: told by the name).
    #[serde(default)]
    pub place: String,
    /// Drafting unit.
    #[serde(default)]
    pub office: Option<String>,
}

/// Bodies whose name begins so, with the code their numbers carry and their system.
const KNOWN_BODIES: &[(&str, &str, &str)] = &[
    ("Ủy ban nhân dân", "UBND", "state"),
    ("Hội đồng nhân dân", "HĐND", "state"),
    ("Ủy ban Mặt trận Tổ quốc", "MTTQ", "state"),
    ("Đảng ủy", "ĐU", "party"),
    ("Huyện ủy", "HU", "party"),
    ("Quận ủy", "QU", "party"),
    ("Thị ủy", "TU", "party"),
    ("Thành ủy", "TU", "party"),
    ("Tỉnh ủy", "TU", "party"),
];

/// The words before a place's name in a body's name, longest first.
const LEVELS: &[&str] = &[
    " thị trấn ",
    " thành phố ",
    " đặc khu ",
    " thị xã ",
    " phường ",
    " huyện ",
    " quận ",
    " tỉnh ",
    " xã ",
];

impl IssuerFields {
    /// An issuer known only by its name (a body in the people directory, or one typed in the
    /// new-record form): its system and code from the kind of body, its place from the name
    /// ("Ủy ban nhân dân xã An Phú" → state, `UBND`, "An Phú"); empty where the name says
    /// nothing, for the clerk to fill in.
    pub fn from_body(name: &str) -> IssuerFields {
        let name = name.trim();
        let (code, system) = KNOWN_BODIES
            .iter()
            .find(|(start, _, _)| name.starts_with(start))
            .map_or(("", "state"), |(_, code, system)| (*code, *system));
        let place = LEVELS
            .iter()
            .filter_map(|level| name.rfind(level).map(|at| &name[at + level.len()..]))
            .min_by_key(|rest| rest.len())
            .unwrap_or_default();
        IssuerFields {
            system: system.into(),
            name: name.into(),
            code: code.into(),
            place: place.trim().into(),
            ..IssuerFields::default()
        }
    }

    /// This issuer with what its name tells filled in where it was left empty.
    pub fn completed(&self) -> IssuerFields {
        let guessed = IssuerFields::from_body(&self.name);
        let pick = |given: &str, guess: String| {
            if given.trim().is_empty() {
                guess
            } else {
                given.to_string()
            }
        };
        IssuerFields {
            system: pick(&self.system, guessed.system),
            code: pick(&self.code, guessed.code),
            place: pick(&self.place, guessed.place),
            ..self.clone()
        }
    }
}

/// A person on the form: a name and titles, one per line.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PersonFields {
    /// Full name; a row with only `group` is a group.
    #[serde(default)]
    pub name: String,
    /// Titles in protocol order.
    #[serde(default)]
    pub titles: Vec<String>,
    /// A group, as it reads in a sentence (attendees only).
    #[serde(default)]
    pub group: String,
}

/// What a clerk knows right after a meeting.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SessionFields {
    /// Who issues the documents; `None` writes a placeholder issuer.
    #[serde(default)]
    pub issuer: Option<IssuerFields>,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub date: String,
    /// `HH:MM`.
    #[serde(default)]
    pub start: String,
    /// The unit worked with.
    #[serde(default)]
    pub host: String,
    /// What the session was about.
    #[serde(default)]
    pub subject: String,
    /// Who chaired.
    #[serde(default)]
    pub chair: PersonFields,
    /// Who attended.
    #[serde(default)]
    pub attendees: Vec<PersonFields>,
    /// Who took the minutes.
    #[serde(default)]
    pub secretary: PersonFields,
}

/// A YAML scalar that is always text: a double-quoted string.
fn text(value: &str) -> String {
    serde_json::to_string(value.trim()).unwrap_or_else(|_| "\"\"".into())
}

/// `value`, or `fallback` when the form left it empty.
fn or<'a>(value: &'a str, fallback: &'a str) -> &'a str {
    if value.trim().is_empty() { fallback } else { value }
}

fn titles_line(titles: &[String], fallback: &str) -> String {
    let titles: Vec<String> = titles
        .iter()
        .filter(|t| !t.trim().is_empty())
        .map(|t| text(t))
        .collect();
    if titles.is_empty() {
        format!("[{}]", text(fallback))
    } else {
        format!("[{}]", titles.join(", "))
    }
}

fn issuer_block(issuer: Option<&IssuerFields>) -> String {
    let placeholder = IssuerFields {
        system: "state".into(),
        parent: None,
        name: "Ủy ban nhân dân xã ...".into(),
        code: "UBND".into(),
        place: "...".into(),
        office: None,
    };
    let issuer = issuer.map_or(placeholder, IssuerFields::completed);
    let issuer = &issuer;
    let system = if issuer.system == "party" { "party" } else { "state" };
    let mut out = format!(
        "issuer:                       # cơ quan ban hành văn bản\n  system: {system}                # state (Nghị định 30) hoặc party (Hướng dẫn 36)\n"
    );
    if let Some(parent) = issuer.parent.as_deref().filter(|p| !p.trim().is_empty()) {
        out.push_str(&format!("  parent: {}\n", text(parent)));
    }
    out.push_str(&format!(
        "  name: {}\n  code: {}                  # ký hiệu trong số văn bản\n  place: {}                 # địa danh ở dòng ngày tháng\n",
        text(&issuer.name),
        text(&issuer.code),
        text(&issuer.place)
    ));
    if let Some(office) = issuer.office.as_deref().filter(|o| !o.trim().is_empty()) {
        out.push_str(&format!("  office: {}\n", text(office)));
    }
    out
}

fn attendee_lines(attendees: &[PersonFields]) -> String {
    let rows: Vec<String> = attendees
        .iter()
        .filter_map(|a| {
            if !a.name.trim().is_empty() {
                Some(format!(
                    "  - name: {}\n    titles: {}\n",
                    text(&a.name),
                    titles_line(&a.titles, "...")
                ))
            } else if !a.group.trim().is_empty() {
                Some(format!("  - group: {}\n", text(&a.group)))
            } else {
                None
            }
        })
        .collect();
    if rows.is_empty() {
        "attendees:                    # thành phần dự, theo thứ tự nghi thức\n  - group: \"...\"\n".into()
    } else {
        format!(
            "attendees:                    # thành phần dự, theo thứ tự nghi thức\n{}",
            rows.concat()
        )
    }
}

/// The commented scaffold of a working session, filled with what the form gave.
pub fn session(fields: &SessionFields) -> String {
    let chair = &fields.chair;
    let secretary = &fields.secretary;
    format!(
        "# Bản ghi buổi làm việc. Điền các giá trị \"...\" rồi lưu; xem README, mục Record format.
kind: working_session

{issuer}
date: {date}               # ngày làm việc, YYYY-MM-DD
start: {start}                 # giờ bắt đầu, HH:MM
# end: \"17:00\"               # giờ kết thúc, nếu biết
location: \"...\"              # địa điểm
host: {host}                   # đơn vị làm việc, như đọc trong câu
subject: {subject}             # nội dung: \"về ...\"

chair:                         # người chủ trì
  name: {chair_name}
  titles: {chair_titles}

{attendees}
secretary:                     # người ghi biên bản
  name: {secretary_name}
  titles: {secretary_titles}

# report:                      # báo cáo của đơn vị
#   focus: results             # chỉ khi buổi làm việc nghe báo cáo kết quả thực hiện nhiệm vụ
#   summary: |
#     ...
#   difficulties: [...]
#   proposals: [...]

# conclusions:                 # kết luận của người chủ trì (cần cho thông báo kết luận)
#   acknowledgements: ghi nhận, đánh giá cao ...
#   directives: [...]

documents:
  minutes:                     # biên bản
    recipients: [\"...\"]
  # notice:                    # thông báo kết luận (cần conclusions)
  #   signer: {{ authority: \"...\", position: \"...\", name: \"...\" }}
  # news:                      # tin bài
  #   author: \"...\"
  #   unit: \"...\"\n",
        issuer = issuer_block(fields.issuer.as_ref()),
        date = text(or(&fields.date, "2026-01-01")),
        start = text(or(&fields.start, "08:00")),
        host = text(or(&fields.host, "...")),
        subject = text(or(&fields.subject, "...")),
        chair_name = text(or(&chair.name, "...")),
        chair_titles = titles_line(&chair.titles, "..."),
        attendees = attendee_lines(&fields.attendees),
        secretary_name = text(or(&secretary.name, "...")),
        secretary_titles = titles_line(&secretary.titles, "..."),
    )
}

/// The commented scaffold of an assessment.
pub fn assessment() -> String {
    "# Kết quả đánh giá tiêu chí. Chỉ ghi các tiêu chí chưa đạt đủ; tổng số do vanban tính.
kind: assessment
unit: \"xã ...\"                # đơn vị được đánh giá, như đọc trong câu
as_of: \"2026-01-01\"           # ngày đánh giá, YYYY-MM-DD
assessed_by: self             # self (tự đánh giá) hoặc review (thẩm định)
criteria_set: vn-318-2022-xa-ntm   # mã bộ tiêu chí có sẵn hoặc đường dẫn tới tệp bộ tiêu chí
results: []                   # ví dụ:
#   - criterion: 16
#     unmet: 1
#     note: Còn 1 thôn chưa đạt chuẩn văn hóa
# issuer:                     # cơ quan ban hành báo cáo (cần cho documents.report)
#   system: state
#   name: Ủy ban nhân dân xã ...
#   code: UBND
#   place: ...
# documents:
#   report:
#     signer: { authority: \"TM. Ủy ban nhân dân\", position: \"Chủ tịch\", name: \"...\" }\n"
        .to_string()
}

/// The commented scaffold of a report on carrying out conclusions: the figures are
/// computed from `tasks`.
pub fn task_report() -> String {
    "# Báo cáo kết quả thực hiện kết luận. Số liệu (tổng số, đúng hạn, quá hạn, tỷ lệ) do vanban tính từ `tasks`.
kind: task_report
issuer:
  system: state                 # state (Nghị định 30) hoặc party (Hướng dẫn 36)
  name: Ủy ban nhân dân xã ...
  code: UBND
  place: \"...\"
period: { from: \"2026-01-01\", to: \"2026-03-31\" }   # kỳ báo cáo
as_of: \"2026-03-31\"            # ngày tính số liệu
tasks:                          # mỗi nhiệm vụ như đang theo dõi
  - task: \"...\"
    notice: { number: \"05/TB-UBND\", date: \"2026-01-15\" }
    assignee: \"...\"           # cơ quan chủ trì
    due: \"2026-03-15\"
    status: dang-thuc-hien      # chua-thuc-hien, dang-thuc-hien, cho-xac-nhan, hoan-thanh (kèm done), tam-hoan
tracking: []                    # công tác theo dõi, đôn đốc: mỗi đoạn một dòng
shortcomings: []                # tồn tại, hạn chế
recommendations: []             # kiến nghị, đề xuất
documents:
  task_report:
    signer: { authority: \"KT. Chủ tịch\", position: \"Phó Chủ tịch\", name: \"...\" }
    recipients: [\"Lưu: VT, VP\"]
"
    .to_string()
}

/// The commented scaffold of a công văn đôn đốc to one lead body.
pub fn reminder() -> String {
    "# Công văn đôn đốc: các nhiệm vụ đã quá hạn của một cơ quan chủ trì.
kind: reminder
issuer:
  system: state
  name: Ủy ban nhân dân xã ...
  code: UBND
  place: \"...\"
  office_code: VP               # công văn khối nhà nước: Số: 45/UBND-VP
as_of: \"2026-04-15\"            # ngày các nhiệm vụ đã quá hạn
to: \"...\"                      # Kính gửi: cơ quan chủ trì
tasks:                          # thời hạn (due) phải trước as_of
  - task: \"...\"
    notice: { number: \"05/TB-UBND\", date: \"2026-01-15\" }
    due: \"2026-03-31\"
# report_by: \"2026-04-30\"      # báo cáo kết quả trước ngày
documents:
  reminder:
    signer: { authority: \"TL. Chủ tịch\", position: \"Chánh Văn phòng\", name: \"...\" }
    recipients: [\"Như trên\", \"Lưu: VT, VP\"]
"
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_s_name_tells_its_issuer() {
        let guessed = IssuerFields::from_body("Ủy ban nhân dân xã Mường Phăng");
        assert_eq!(
            (guessed.system.as_str(), guessed.code.as_str(), guessed.place.as_str()),
            ("state", "UBND", "Mường Phăng")
        );
        let party = IssuerFields::from_body("Đảng ủy phường Hòa Bình");
        assert_eq!(
            (party.system.as_str(), party.code.as_str(), party.place.as_str()),
            ("party", "ĐU", "Hòa Bình")
        );
    }
}
