//! Everything that can be wrong with a record, and all of its wording, in Vietnamese and English.
//!
//! Messages are short and concrete; the hint says what to do.

use std::cell::RefCell;

/// The language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Tiếng Việt (the default).
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// `--lang` wins; otherwise a `LANG` starting with `en` selects English.
    pub fn detect(flag: Option<&str>) -> Lang {
        let env = std::env::var("LANG").unwrap_or_default();
        match flag.unwrap_or(if env.starts_with("en") { "en" } else { "vi" }) {
            "en" => Lang::En,
            _ => Lang::Vi,
        }
    }
}

/// A problem found in a record or a criteria set, located by a [`crate::diagnostic::Diagnostic`].
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// The YAML does not parse; `detail` is the parser's own words.
    Syntax { detail: String },
    /// A key the schema does not know.
    UnknownKey { key: String, suggestion: Option<String> },
    /// A required key is absent.
    MissingField { field: String },
    /// A value has the wrong type; `detail` is serde's description.
    WrongType { detail: String },
    /// The same key twice in one mapping.
    DuplicateKey { key: String },
    /// Tabs used for indentation.
    TabIndent,
    /// Too many aliases, too deep or too large: refused before it costs memory or time.
    TooComplex { detail: String },
    /// The file is not UTF-8 text.
    NotUtf8,
    /// The file holds nothing.
    Empty,
    /// The file is larger than records ever are.
    TooLarge { bytes: u64, limit: u64 },
    /// A date not written `YYYY-MM-DD`.
    BadDate { text: String },
    /// A date that does not exist.
    ImpossibleDate { text: String },
    /// A time not written `HH:MM`.
    BadTime { text: String },
    /// A time that does not exist.
    ImpossibleTime { text: String },
    /// A document number below 1.
    BadNumber { value: i64 },
    /// `kind` missing or unknown.
    UnknownKind {
        found: Option<String>,
        suggestion: Option<String>,
    },
    /// A participant that is neither exactly a person nor a group.
    ParticipantForm,
    /// A signature prefix that does not belong to the issuer's system.
    AuthorityPrefix {
        found: String,
        allowed: String,
        suggestion: Option<String>,
    },
    /// Minutes asked for, but no secretary named.
    MinutesNeedSecretary,
    /// A notice asked for, but no conclusions.
    NoticeNeedsConclusions,
    /// A state issuer at district level after the 2025 reform (a warning).
    DistrictAfterReform { name: String },
    /// An `id` that cannot name a file.
    BadId { id: String },
    /// Two criteria with one number in a set.
    DuplicateCriterion { no: u32 },
    /// Two indicators with one id in a criterion.
    DuplicateIndicator { criterion: u32 },
    /// A set whose criteria do not add up to its declared total.
    SetTotalMismatch { declared: u32, listed: u32, complete: bool },
    /// No built-in set has this id.
    UnknownSet { id: String, suggestion: Option<String> },
    /// A set that gives no indicator total.
    SetWithoutTotal { id: String },
    /// A path that leaves the record's folder.
    PathOutsideFolder { path: String },
    /// A file the record names does not exist.
    MissingFile { path: String },
    /// A criterion number the set does not have.
    UnknownCriterion { no: u32, set: String },
    /// Two results for one criterion.
    DuplicateResult { no: u32 },
    /// Indicator ids where the set lists none for the criterion.
    IdsWithoutList { criterion: u32 },
    /// An indicator id the criterion does not have.
    UnknownIndicator {
        id: String,
        criterion: u32,
        suggestion: Option<String>,
    },
    /// More unmet indicators than the criterion has.
    UnmetAboveCount { criterion: u32, unmet: u32, count: u32 },
    /// More unmet indicators than the set has.
    UnmetAboveTotal { unmet: u32, total: u32 },
    /// The session's text states figures its assessments contradict.
    FigureContradiction {
        stated: String,
        computed: String,
        assessment: String,
    },
    /// A report asked for, but no issuer named.
    ReportNeedsIssuer,
    /// An assessment record that asks for no report, so renders nothing (a note).
    NoReportAsked { record: String },
    /// A character no embedded font can print: a warning, but an error in archival (PDF/A) output.
    MissingGlyph { character: char, archive: bool },
}

impl Problem {
    /// Whether this is only a warning: the record still renders.
    pub fn is_warning(&self) -> bool {
        matches!(
            self,
            Problem::DistrictAfterReform { .. }
                | Problem::MissingGlyph { archive: false, .. }
                | Problem::NoReportAsked { .. }
        )
    }

    /// The message, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        match self {
            Problem::Syntax { detail } => pick(
                vi,
                format!("YAML không hợp lệ: {detail}"),
                format!("invalid YAML: {detail}"),
            ),
            Problem::UnknownKey { key, suggestion } => match suggestion {
                Some(s) => pick(
                    vi,
                    format!("khóa không hợp lệ `{key}`; có phải ý bạn là `{s}`?"),
                    format!("unknown key `{key}`; did you mean `{s}`?"),
                ),
                None => pick(vi, format!("khóa không hợp lệ `{key}`"), format!("unknown key `{key}`")),
            },
            Problem::MissingField { field } => pick(
                vi,
                format!("thiếu trường bắt buộc `{field}`"),
                format!("missing required field `{field}`"),
            ),
            Problem::WrongType { detail } => pick(
                vi,
                format!("sai kiểu giá trị: {detail}"),
                format!("wrong type: {detail}"),
            ),
            Problem::DuplicateKey { key } => {
                pick(vi, format!("khóa `{key}` bị lặp lại"), format!("duplicate key `{key}`"))
            }
            Problem::TabIndent => pick(
                vi,
                "dùng ký tự tab để thụt lề".into(),
                "tab used for indentation".into(),
            ),
            Problem::TooComplex { detail } => pick(
                vi,
                format!("tệp quá phức tạp, đã dừng đọc: {detail}"),
                format!("file too complex, reading stopped: {detail}"),
            ),
            Problem::NotUtf8 => pick(
                vi,
                "tệp không phải văn bản UTF-8".into(),
                "file is not UTF-8 text".into(),
            ),
            Problem::Empty => pick(vi, "tệp rỗng".into(), "file is empty".into()),
            Problem::TooLarge { bytes, limit } => pick(
                vi,
                format!("tệp quá lớn ({bytes} byte, tối đa {limit})"),
                format!("file too large ({bytes} bytes, limit {limit})"),
            ),
            Problem::BadDate { text } => pick(
                vi,
                format!("ngày `{text}` không đúng dạng"),
                format!("date `{text}` is not in the expected form"),
            ),
            Problem::ImpossibleDate { text } => pick(
                vi,
                format!("ngày `{text}` không tồn tại"),
                format!("date `{text}` does not exist"),
            ),
            Problem::BadTime { text } => pick(
                vi,
                format!("giờ `{text}` không đúng dạng"),
                format!("time `{text}` is not in the expected form"),
            ),
            Problem::ImpossibleTime { text } => pick(
                vi,
                format!("giờ `{text}` không tồn tại"),
                format!("time `{text}` does not exist"),
            ),
            Problem::BadNumber { value } => pick(
                vi,
                format!("số văn bản `{value}` phải là số nguyên dương"),
                format!("document number `{value}` must be a positive integer"),
            ),
            Problem::UnknownKind {
                found: Some(k),
                suggestion: Some(s),
            } => pick(
                vi,
                format!("loại bản ghi `{k}` không hợp lệ; có phải ý bạn là `{s}`?"),
                format!("unknown record kind `{k}`; did you mean `{s}`?"),
            ),
            Problem::UnknownKind {
                found: Some(k),
                suggestion: None,
            } => pick(
                vi,
                format!("loại bản ghi `{k}` không hợp lệ"),
                format!("unknown record kind `{k}`"),
            ),
            Problem::UnknownKind { found: None, .. } => pick(
                vi,
                "thiếu trường bắt buộc `kind`".into(),
                "missing required field `kind`".into(),
            ),
            Problem::ParticipantForm => pick(
                vi,
                "thành phần phải là một người (`name`, `titles`) hoặc một nhóm (`group`)".into(),
                "a participant must be a person (`name`, `titles`) or a group (`group`)".into(),
            ),
            Problem::AuthorityPrefix {
                found,
                suggestion: Some(s),
                ..
            } => pick(
                vi,
                format!("thẩm quyền ký `{found}` không thuộc khối văn bản này; có phải ý bạn là `{s}`?"),
                format!("signing authority `{found}` does not belong to this issuer system; did you mean `{s}`?"),
            ),
            Problem::AuthorityPrefix {
                found,
                suggestion: None,
                ..
            } => pick(
                vi,
                format!("thẩm quyền ký `{found}` thiếu tiền tố hợp lệ"),
                format!("signing authority `{found}` lacks a valid prefix"),
            ),
            Problem::MinutesNeedSecretary => pick(
                vi,
                "biên bản cần người ghi biên bản (`secretary`)".into(),
                "minutes need a secretary (`secretary`)".into(),
            ),
            Problem::NoticeNeedsConclusions => pick(
                vi,
                "thông báo kết luận cần phần kết luận (`conclusions`)".into(),
                "a conclusion notice needs `conclusions`".into(),
            ),
            Problem::DistrictAfterReform { name } => pick(
                vi,
                format!("`{name}` là cấp huyện, cấp này không còn từ ngày 01/7/2025"),
                format!("`{name}` is a district-level body; that tier no longer exists from 2025-07-01"),
            ),
            Problem::BadId { id } => pick(
                vi,
                format!("`id` `{id}` không dùng được làm tên tệp"),
                format!("`id` `{id}` cannot name a file"),
            ),

            Problem::DuplicateCriterion { no } => pick(
                vi,
                format!("tiêu chí số {no} bị lặp lại"),
                format!("criterion {no} appears twice"),
            ),
            Problem::DuplicateIndicator { criterion } => pick(
                vi,
                format!("tiêu chí số {criterion} có mã chỉ tiêu bị lặp lại"),
                format!("criterion {criterion} lists an indicator id twice"),
            ),
            Problem::SetTotalMismatch {
                declared,
                listed,
                complete: true,
            } => pick(
                vi,
                format!("bộ tiêu chí khai {declared} chỉ tiêu nhưng các tiêu chí cộng lại được {listed}"),
                format!("the set declares {declared} indicators but its criteria add up to {listed}"),
            ),
            Problem::SetTotalMismatch {
                declared,
                listed,
                complete: false,
            } => pick(
                vi,
                format!(
                    "bộ tiêu chí khai {declared} chỉ tiêu nhưng các tiêu chí đã biết đã có {listed}, không đủ chỗ cho các tiêu chí còn lại"
                ),
                format!(
                    "the set declares {declared} indicators but the known criteria already hold {listed}, leaving no room for the rest"
                ),
            ),
            Problem::UnknownSet {
                id,
                suggestion: Some(s),
            } => pick(
                vi,
                format!("không có bộ tiêu chí `{id}`; có phải ý bạn là `{s}`?"),
                format!("no criteria set `{id}`; did you mean `{s}`?"),
            ),
            Problem::UnknownSet { id, suggestion: None } => pick(
                vi,
                format!("không có bộ tiêu chí `{id}`"),
                format!("no criteria set `{id}`"),
            ),
            Problem::SetWithoutTotal { id } => pick(
                vi,
                format!("bộ tiêu chí `{id}` không cho biết tổng số chỉ tiêu"),
                format!("criteria set `{id}` gives no indicator total"),
            ),
            Problem::PathOutsideFolder { path } => pick(
                vi,
                format!("đường dẫn `{path}` ra ngoài thư mục của bản ghi"),
                format!("path `{path}` leaves the record's folder"),
            ),
            Problem::MissingFile { path } => pick(
                vi,
                format!("không tìm thấy tệp `{path}`"),
                format!("file `{path}` not found"),
            ),
            Problem::UnknownCriterion { no, set } => pick(
                vi,
                format!("bộ tiêu chí `{set}` không có tiêu chí số {no}"),
                format!("criteria set `{set}` has no criterion {no}"),
            ),
            Problem::DuplicateResult { no } => pick(
                vi,
                format!("kết quả tiêu chí số {no} bị ghi hai lần"),
                format!("criterion {no} has two results"),
            ),
            Problem::IdsWithoutList { criterion } => pick(
                vi,
                format!(
                    "bộ tiêu chí không liệt kê chỉ tiêu của tiêu chí số {criterion}, nên không dùng được mã chỉ tiêu"
                ),
                format!("the set lists no indicators for criterion {criterion}, so ids cannot be used"),
            ),
            Problem::UnknownIndicator {
                id,
                criterion,
                suggestion: Some(s),
            } => pick(
                vi,
                format!("tiêu chí số {criterion} không có chỉ tiêu `{id}`; có phải ý bạn là `{s}`?"),
                format!("criterion {criterion} has no indicator `{id}`; did you mean `{s}`?"),
            ),
            Problem::UnknownIndicator {
                id,
                criterion,
                suggestion: None,
            } => pick(
                vi,
                format!("tiêu chí số {criterion} không có chỉ tiêu `{id}`"),
                format!("criterion {criterion} has no indicator `{id}`"),
            ),
            Problem::UnmetAboveCount {
                criterion,
                unmet,
                count,
            } => pick(
                vi,
                format!(
                    "tiêu chí số {criterion} chỉ có {count} chỉ tiêu, không thể có {unmet} chỉ tiêu chưa đạt hoặc không áp dụng"
                ),
                format!(
                    "criterion {criterion} has only {count} indicators, so {unmet} cannot be unmet or not applicable"
                ),
            ),
            Problem::UnmetAboveTotal { unmet, total } => pick(
                vi,
                format!("đã ghi {unmet} chỉ tiêu chưa đạt hoặc không áp dụng, nhiều hơn tổng {total} chỉ tiêu của bộ"),
                format!("{unmet} indicators recorded unmet or not applicable, more than the set's {total}"),
            ),
            Problem::FigureContradiction {
                stated,
                computed,
                assessment,
            } => pick(
                vi,
                format!("văn bản ghi `{stated}` nhưng kết quả đánh giá `{assessment}` tính ra {computed}"),
                format!("the text states `{stated}` but assessment `{assessment}` computes {computed}"),
            ),
            Problem::ReportNeedsIssuer => pick(
                vi,
                "báo cáo cần cơ quan ban hành (`issuer`)".into(),
                "a report needs an issuer (`issuer`)".into(),
            ),
            Problem::NoReportAsked { record } => pick(
                vi,
                format!("bản ghi đánh giá `{record}` không có `documents.report`: không in báo cáo nào"),
                format!("assessment record `{record}` has no `documents.report`: no report is printed"),
            ),
            Problem::MissingGlyph { character, .. } => {
                let code = format!("U+{:04X}", u32::from(*character));
                pick(
                    vi,
                    format!("ký tự `{character}` ({code}) không có trong phông chữ nhúng"),
                    format!("character `{character}` ({code}) is not in the embedded fonts"),
                )
            }
        }
    }

    /// What to do about it, in `lang`.
    pub fn hint(&self, lang: Lang) -> Option<String> {
        let vi = lang == Lang::Vi;
        let text = match self {
            Problem::Syntax { .. } => pick(
                vi,
                "kiểm tra dấu `:`, thụt lề bằng dấu cách và dấu ngoặc kép quanh giá trị".into(),
                "check the `:` separators, space indentation and quotes around values".into(),
            ),
            Problem::UnknownKey { suggestion: None, .. } => pick(
                vi,
                "xóa khóa này hoặc xem danh sách khóa trong README".into(),
                "remove the key, or see the key list in the README".into(),
            ),
            Problem::UnknownKey {
                key,
                suggestion: Some(s),
            } => pick(
                vi,
                format!("đổi `{key}` thành `{s}`"),
                format!("rename `{key}` to `{s}`"),
            ),
            Problem::MissingField { field } => pick(
                vi,
                format!("thêm `{field}: ...` vào đúng mục"),
                format!("add `{field}: ...` to this block"),
            ),
            Problem::WrongType { .. } => pick(
                vi,
                "sửa giá trị cho đúng kiểu: văn bản, số, danh sách `[...]` hoặc mục con".into(),
                "give a value of the right kind: text, number, list `[...]` or block".into(),
            ),
            Problem::DuplicateKey { .. } => pick(
                vi,
                "giữ lại một khóa, xóa khóa kia".into(),
                "keep one of the two keys".into(),
            ),
            Problem::TabIndent => pick(
                vi,
                "thay tab bằng dấu cách".into(),
                "indent with spaces instead of tabs".into(),
            ),
            Problem::TooComplex { .. } => pick(
                vi,
                "bản ghi thật không cần bí danh (`*`) lồng nhau hay độ sâu lớn như vậy; hãy viết lại tệp".into(),
                "real records need no such aliases or nesting; rewrite the file".into(),
            ),
            Problem::NotUtf8 => pick(
                vi,
                "lưu lại tệp với bảng mã UTF-8".into(),
                "save the file as UTF-8".into(),
            ),
            Problem::Empty => pick(
                vi,
                "bắt đầu từ một tệp mẫu trong `samples/`".into(),
                "start from a file in `samples/`".into(),
            ),
            Problem::TooLarge { .. } => pick(
                vi,
                "tách bản ghi thành nhiều tệp nhỏ".into(),
                "split the record into smaller files".into(),
            ),
            Problem::BadDate { .. } | Problem::ImpossibleDate { .. } => pick(
                vi,
                "viết ngày dạng `YYYY-MM-DD`, ví dụ `2024-03-27`".into(),
                "write dates as `YYYY-MM-DD`, e.g. `2024-03-27`".into(),
            ),
            Problem::BadTime { .. } | Problem::ImpossibleTime { .. } => pick(
                vi,
                "viết giờ dạng `HH:MM` (0–23 giờ, 0–59 phút), ví dụ `\"14:00\"`".into(),
                "write times as `HH:MM` (hours 0–23, minutes 0–59), e.g. `\"14:00\"`".into(),
            ),
            Problem::BadNumber { .. } => pick(
                vi,
                "dùng số từ 1 trở lên, hoặc bỏ `number` để để trống".into(),
                "use a number from 1 up, or leave `number` out for a blank".into(),
            ),
            Problem::UnknownKind { .. } => pick(
                vi,
                "dùng `kind: working_session`, `kind: assessment` hoặc `kind: criteria_set`".into(),
                "use `kind: working_session`, `kind: assessment` or `kind: criteria_set`".into(),
            ),
            Problem::ParticipantForm => pick(
                vi,
                "viết `- name: ...` (kèm `titles`) hoặc `- group: ...`, không cả hai".into(),
                "write `- name: ...` (with `titles`) or `- group: ...`, not both".into(),
            ),
            Problem::AuthorityPrefix { allowed, .. } => pick(
                vi,
                format!("tiền tố hợp lệ: {allowed}"),
                format!("valid prefixes: {allowed}"),
            ),
            Problem::MinutesNeedSecretary => pick(
                vi,
                "thêm `secretary: {name: ..., titles: [...]}`".into(),
                "add `secretary: {name: ..., titles: [...]}`".into(),
            ),
            Problem::NoticeNeedsConclusions => pick(
                vi,
                "thêm mục `conclusions:` hoặc bỏ `documents.notice`".into(),
                "add a `conclusions:` block or drop `documents.notice`".into(),
            ),
            Problem::DistrictAfterReform { .. } => pick(
                vi,
                "văn bản từ 01/7/2025 do cấp tỉnh hoặc cấp xã ban hành".into(),
                "documents dated from 2025-07-01 are issued at province or commune level".into(),
            ),
            Problem::BadId { .. } => pick(
                vi,
                "dùng chữ không dấu, số và dấu `-`, ví dụ `an-phu-2026-02-05`".into(),
                "use ASCII letters, digits and `-`, e.g. `an-phu-2026-02-05`".into(),
            ),

            Problem::DuplicateCriterion { .. } | Problem::DuplicateIndicator { .. } => pick(
                vi,
                "mỗi số tiêu chí, mỗi mã chỉ tiêu chỉ ghi một lần".into(),
                "give each criterion number and indicator id once".into(),
            ),
            Problem::SetTotalMismatch { .. } => pick(
                vi,
                "sửa `indicator_total` hoặc số chỉ tiêu của từng tiêu chí theo văn bản gốc".into(),
                "fix `indicator_total` or the criteria's counts from the source text".into(),
            ),
            Problem::UnknownSet { .. } => pick(
                vi,
                "dùng mã một bộ tiêu chí có sẵn (xem README) hoặc đường dẫn tới tệp bộ tiêu chí".into(),
                "use a built-in set id (see the README) or a path to a set file".into(),
            ),
            Problem::SetWithoutTotal { .. } => pick(
                vi,
                "thêm `indicator_total` vào bộ tiêu chí".into(),
                "add `indicator_total` to the set".into(),
            ),
            Problem::PathOutsideFolder { .. } => pick(
                vi,
                "đặt tệp trong thư mục của bản ghi (hoặc thư mục con) và dùng đường dẫn tương đối".into(),
                "keep the file in the record's folder (or below) and use a relative path".into(),
            ),
            Problem::MissingFile { .. } => pick(
                vi,
                "kiểm tra tên tệp; đường dẫn tính từ thư mục của bản ghi".into(),
                "check the file name; paths start from the record's folder".into(),
            ),
            Problem::UnknownCriterion { .. } => pick(
                vi,
                "dùng số tiêu chí có trong bộ tiêu chí".into(),
                "use a criterion number of the set".into(),
            ),
            Problem::DuplicateResult { .. } => {
                pick(vi, "gộp hai kết quả thành một".into(), "merge the two results".into())
            }
            Problem::IdsWithoutList { .. } => pick(
                vi,
                "ghi số lượng, ví dụ `unmet: 2`".into(),
                "give a count, e.g. `unmet: 2`".into(),
            ),
            Problem::UnknownIndicator { .. } => pick(
                vi,
                "dùng mã chỉ tiêu có trong bộ tiêu chí".into(),
                "use an indicator id of the set".into(),
            ),
            Problem::UnmetAboveCount { .. } | Problem::UnmetAboveTotal { .. } => pick(
                vi,
                "kiểm tra lại số chỉ tiêu chưa đạt".into(),
                "check the unmet counts".into(),
            ),
            Problem::FigureContradiction { .. } => pick(
                vi,
                "sửa số liệu trong văn bản hoặc kết quả đánh giá cho khớp; số liệu đúng do vanban tính".into(),
                "make the text agree with the assessment; vanban computes the right figures".into(),
            ),
            Problem::ReportNeedsIssuer => pick(
                vi,
                "thêm mục `issuer:` như trong bản ghi buổi làm việc".into(),
                "add an `issuer:` block as in a working-session record".into(),
            ),
            Problem::NoReportAsked { record } => pick(
                vi,
                format!(
                    "để có `{record}-bao-cao-danh-gia.pdf`, thêm `issuer:` và `documents.report:` (number, date, signer, recipients)"
                ),
                format!(
                    "to get `{record}-bao-cao-danh-gia.pdf`, add `issuer:` and `documents.report:` (number, date, signer, recipients)"
                ),
            ),
            Problem::MissingGlyph { archive: false, .. } => pick(
                vi,
                "văn bản sẽ in ô trống ở chỗ này; thay bằng ký tự khác hoặc bỏ đi".into(),
                "the document prints an empty box here; replace or remove the character".into(),
            ),
            Problem::MissingGlyph { archive: true, .. } => pick(
                vi,
                "bản lưu trữ PDF/A không cho phép ký tự thiếu phông; thay bằng ký tự khác hoặc bỏ đi".into(),
                "PDF/A archival output allows no character without a glyph; replace or remove it".into(),
            ),
        };
        Some(text)
    }
}

fn pick(vi: bool, vietnamese: String, english: String) -> String {
    if vi { vietnamese } else { english }
}

thread_local! {
    static PENDING: RefCell<Option<Problem>> = const { RefCell::new(None) };
}

/// Marker that replaces a [`Problem`] inside a serde error message.
pub const PROBLEM_MARKER: &str = "\u{0}vanban-problem";

/// Parks `problem` so that it survives a trip through serde's string errors.
///
/// The YAML reader attaches a location to the marker; [`take_problem`] gets the problem back.
pub fn tag_problem(problem: &Problem) -> String {
    PENDING.with(|slot| *slot.borrow_mut() = Some(problem.clone()));
    PROBLEM_MARKER.to_string()
}

/// The problem parked by the last [`tag_problem`] on this thread.
pub fn take_problem() -> Option<Problem> {
    PENDING.with(|slot| slot.borrow_mut().take())
}

/// The closest candidate to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(distance, c)| *distance <= 2.max(c.chars().count() / 3))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of each problem, so that every message and hint is checked in both languages.
    fn every_problem() -> Vec<Problem> {
        let s = || "x".to_string();
        vec![
            Problem::Syntax { detail: s() },
            Problem::UnknownKey {
                key: s(),
                suggestion: Some(s()),
            },
            Problem::UnknownKey {
                key: s(),
                suggestion: None,
            },
            Problem::MissingField { field: s() },
            Problem::WrongType { detail: s() },
            Problem::DuplicateKey { key: s() },
            Problem::TabIndent,
            Problem::TooComplex { detail: s() },
            Problem::NotUtf8,
            Problem::Empty,
            Problem::TooLarge { bytes: 1, limit: 1 },
            Problem::BadDate { text: s() },
            Problem::ImpossibleDate { text: s() },
            Problem::BadTime { text: s() },
            Problem::ImpossibleTime { text: s() },
            Problem::BadNumber { value: 0 },
            Problem::UnknownKind {
                found: Some(s()),
                suggestion: Some(s()),
            },
            Problem::UnknownKind {
                found: Some(s()),
                suggestion: None,
            },
            Problem::UnknownKind {
                found: None,
                suggestion: None,
            },
            Problem::ParticipantForm,
            Problem::AuthorityPrefix {
                found: s(),
                allowed: s(),
                suggestion: None,
            },
            Problem::AuthorityPrefix {
                found: s(),
                allowed: s(),
                suggestion: Some(s()),
            },
            Problem::MinutesNeedSecretary,
            Problem::NoticeNeedsConclusions,
            Problem::DistrictAfterReform { name: s() },
            Problem::BadId { id: s() },
            Problem::DuplicateCriterion { no: 1 },
            Problem::DuplicateIndicator { criterion: 1 },
            Problem::SetTotalMismatch {
                declared: 1,
                listed: 2,
                complete: true,
            },
            Problem::SetTotalMismatch {
                declared: 1,
                listed: 2,
                complete: false,
            },
            Problem::UnknownSet {
                id: s(),
                suggestion: Some(s()),
            },
            Problem::UnknownSet {
                id: s(),
                suggestion: None,
            },
            Problem::SetWithoutTotal { id: s() },
            Problem::PathOutsideFolder { path: s() },
            Problem::MissingFile { path: s() },
            Problem::UnknownCriterion { no: 1, set: s() },
            Problem::DuplicateResult { no: 1 },
            Problem::IdsWithoutList { criterion: 1 },
            Problem::UnknownIndicator {
                id: s(),
                criterion: 1,
                suggestion: Some(s()),
            },
            Problem::UnknownIndicator {
                id: s(),
                criterion: 1,
                suggestion: None,
            },
            Problem::UnmetAboveCount {
                criterion: 1,
                unmet: 2,
                count: 1,
            },
            Problem::UnmetAboveTotal { unmet: 2, total: 1 },
            Problem::FigureContradiction {
                stated: s(),
                computed: s(),
                assessment: s(),
            },
            Problem::ReportNeedsIssuer,
            Problem::NoReportAsked { record: s() },
            Problem::MissingGlyph {
                character: '☺',
                archive: false,
            },
            Problem::MissingGlyph {
                character: '☺',
                archive: true,
            },
        ]
    }

    #[test]
    fn every_message_exists_in_both_languages_and_differs() {
        for problem in every_problem() {
            let (vi, en) = (problem.message(Lang::Vi), problem.message(Lang::En));
            assert!(!vi.is_empty() && !en.is_empty(), "{problem:?}");
            assert_ne!(vi, en, "{problem:?} is not translated");
            assert_eq!(problem.hint(Lang::Vi).is_some(), problem.hint(Lang::En).is_some());
        }
    }

    #[test]
    fn unknown_key_reads_as_the_catalogue_says() {
        let problem = Problem::UnknownKey {
            key: "locaton".into(),
            suggestion: Some("location".into()),
        };
        assert_eq!(
            problem.message(Lang::Vi),
            "khóa không hợp lệ `locaton`; có phải ý bạn là `location`?"
        );
        assert_eq!(
            problem.message(Lang::En),
            "unknown key `locaton`; did you mean `location`?"
        );
    }

    #[test]
    fn did_you_mean_finds_typos_only() {
        let keys = ["location", "host", "subject"];
        assert_eq!(did_you_mean("locaton", keys).as_deref(), Some("location"));
        assert_eq!(did_you_mean("hots", keys).as_deref(), Some("host"));
        assert_eq!(did_you_mean("zzzzzzzz", keys), None);
    }

    #[test]
    fn parked_problems_come_back_once() {
        let marker = tag_problem(&Problem::Empty);
        assert_eq!(marker, PROBLEM_MARKER);
        assert_eq!(take_problem(), Some(Problem::Empty));
        assert_eq!(take_problem(), None);
    }
}
