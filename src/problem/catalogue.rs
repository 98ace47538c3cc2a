//! The wording of every [`Problem`]: message and hint of each variant side by side, each in
//! Vietnamese and English, so that adding a variant is one edit here.

use super::{Problem, Words, words};

impl Problem {
    /// The message and the hint, in both languages.
    pub fn text(&self) -> (Words, Words) {
        match self {
            reading @ (Problem::Syntax { .. }
            | Problem::UnknownKey { .. }
            | Problem::MissingField { .. }
            | Problem::WrongType { .. }
            | Problem::DuplicateKey { .. }
            | Problem::TabIndent
            | Problem::TooComplex { .. }
            | Problem::NotUtf8
            | Problem::Empty
            | Problem::Amplified { .. }
            | Problem::TooLarge { .. }) => super::reading::text(reading),
            unfinished @ (Problem::Unfinished { .. } | Problem::NoEndTime) => super::plain::text(unfinished),
            Problem::BadDate { text } => (
                words(
                    format!("ngày `{text}` không đúng dạng"),
                    format!("date `{text}` is not in the expected form"),
                ),
                date_hint(),
            ),
            Problem::ImpossibleDate { text } => (
                words(
                    format!("ngày `{text}` không tồn tại"),
                    format!("date `{text}` does not exist"),
                ),
                date_hint(),
            ),
            Problem::BadTime { text } => (
                words(
                    format!("giờ `{text}` không đúng dạng"),
                    format!("time `{text}` is not in the expected form"),
                ),
                time_hint(),
            ),
            Problem::ImpossibleTime { text } => (
                words(
                    format!("giờ `{text}` không tồn tại"),
                    format!("time `{text}` does not exist"),
                ),
                time_hint(),
            ),
            Problem::BadNumber { value } => (
                words(
                    format!("số văn bản `{value}` phải là số nguyên dương"),
                    format!("document number `{value}` must be a positive integer"),
                ),
                words(
                    "dùng số từ 1 trở lên, hoặc bỏ `number` để để trống",
                    "use a number from 1 up, or leave `number` out for a blank",
                ),
            ),
            Problem::UnknownKind { found, suggestion } => (
                match (found, suggestion) {
                    (Some(k), Some(s)) => words(
                        format!("loại bản ghi `{k}` không hợp lệ; có phải ý bạn là `{s}`?"),
                        format!("unknown record kind `{k}`; did you mean `{s}`?"),
                    ),
                    (Some(k), None) => words(
                        format!("loại bản ghi `{k}` không hợp lệ"),
                        format!("unknown record kind `{k}`"),
                    ),
                    (None, _) => words("thiếu trường bắt buộc `kind`", "missing required field `kind`"),
                },
                words(
                    "dùng `kind: working_session` hoặc `kind: assessment`; bộ tiêu chí (`kind: criteria_set`) được đọc qua `criteria_set` của một kết quả đánh giá",
                    "use `kind: working_session` or `kind: assessment`; a criteria set (`kind: criteria_set`) is read through an assessment's `criteria_set`",
                ),
            ),
            Problem::ParticipantForm => (
                words(
                    "thành phần phải là một người (`name`, `titles`) hoặc một nhóm (`group`)",
                    "a participant must be a person (`name`, `titles`) or a group (`group`)",
                ),
                words(
                    "viết `- name: ...` (kèm `titles`) hoặc `- group: ...`, không cả hai",
                    "write `- name: ...` (with `titles`) or `- group: ...`, not both",
                ),
            ),
            Problem::AuthorityPrefix {
                found,
                allowed,
                suggestion,
            } => (
                match suggestion {
                    Some(s) => words(
                        format!("thẩm quyền ký `{found}` không thuộc khối văn bản này; có phải ý bạn là `{s}`?"),
                        format!(
                            "signing authority `{found}` does not belong to this issuer system; did you mean `{s}`?"
                        ),
                    ),
                    None => words(
                        format!("thẩm quyền ký `{found}` thiếu tiền tố hợp lệ"),
                        format!("signing authority `{found}` lacks a valid prefix"),
                    ),
                },
                words(
                    format!("tiền tố hợp lệ: {allowed}"),
                    format!("valid prefixes: {allowed}"),
                ),
            ),
            Problem::DocumentNeeds {
                document: (document, document_en),
                block,
                field,
            } => (
                words(
                    format!("{document} cần mục `{field}` mà bản ghi chưa có"),
                    format!("{document_en} needs `{field}`, which the record does not give"),
                ),
                words(
                    format!("thêm mục `{field}:` vào bản ghi, hoặc bỏ `documents.{block}`"),
                    format!("add a `{field}:` block to the record, or drop `documents.{block}`"),
                ),
            ),
            Problem::DistrictAfterReform { name } => (
                words(
                    format!("`{name}` là cấp huyện, cấp này không còn từ ngày 01/7/2025"),
                    format!("`{name}` is a district-level body; that tier no longer exists from 2025-07-01"),
                ),
                words(
                    "văn bản từ 01/7/2025 do cấp tỉnh hoặc cấp xã ban hành",
                    "documents dated from 2025-07-01 are issued at province or commune level",
                ),
            ),
            Problem::BadId { id } => (
                words(
                    format!("`id` `{id}` không dùng được làm tên tệp"),
                    format!("`id` `{id}` cannot name a file"),
                ),
                words(
                    "dùng chữ không dấu, số và dấu `-`, ví dụ `an-phu-2026-02-05`",
                    "use ASCII letters, digits and `-`, e.g. `an-phu-2026-02-05`",
                ),
            ),
            Problem::DuplicateCriterion { no } => (
                words(
                    format!("tiêu chí số {no} bị lặp lại"),
                    format!("criterion {no} appears twice"),
                ),
                once_hint(),
            ),
            Problem::DuplicateIndicator { criterion } => (
                words(
                    format!("tiêu chí số {criterion} có mã chỉ tiêu bị lặp lại"),
                    format!("criterion {criterion} lists an indicator id twice"),
                ),
                once_hint(),
            ),
            Problem::SetTotalMismatch {
                declared,
                listed,
                complete,
            } => (
                if *complete {
                    words(
                        format!("bộ tiêu chí khai {declared} chỉ tiêu nhưng các tiêu chí cộng lại được {listed}"),
                        format!("the set declares {declared} indicators but its criteria add up to {listed}"),
                    )
                } else {
                    words(
                        format!(
                            "bộ tiêu chí khai {declared} chỉ tiêu nhưng các tiêu chí đã biết đã có {listed}, không đủ chỗ cho các tiêu chí còn lại"
                        ),
                        format!(
                            "the set declares {declared} indicators but the known criteria already hold {listed}, leaving no room for the rest"
                        ),
                    )
                },
                words(
                    "sửa `indicator_total` hoặc số chỉ tiêu của từng tiêu chí theo văn bản gốc",
                    "fix `indicator_total` or the criteria's counts from the source text",
                ),
            ),
            Problem::UnknownSet { id, suggestion } => (
                match suggestion {
                    Some(s) => words(
                        format!("không có bộ tiêu chí `{id}`; có phải ý bạn là `{s}`?"),
                        format!("no criteria set `{id}`; did you mean `{s}`?"),
                    ),
                    None => words(
                        format!("không có bộ tiêu chí `{id}`"),
                        format!("no criteria set `{id}`"),
                    ),
                },
                words(
                    "dùng mã một bộ tiêu chí có sẵn (xem docs/assessments.md) hoặc đường dẫn tới tệp bộ tiêu chí",
                    "use a built-in set id (see docs/assessments.md) or a path to a set file",
                ),
            ),
            Problem::SetWithoutTotal { id } => (
                words(
                    format!("bộ tiêu chí `{id}` không cho biết tổng số chỉ tiêu"),
                    format!("criteria set `{id}` gives no indicator total"),
                ),
                words(
                    "thêm `indicator_total` vào bộ tiêu chí",
                    "add `indicator_total` to the set",
                ),
            ),
            Problem::PathOutsideFolder { path } => (
                words(
                    format!("đường dẫn `{path}` ra ngoài thư mục của bản ghi"),
                    format!("path `{path}` leaves the record's folder"),
                ),
                words(
                    "đặt tệp trong thư mục của bản ghi (hoặc thư mục con) và dùng đường dẫn tương đối",
                    "keep the file in the record's folder (or below) and use a relative path",
                ),
            ),
            Problem::MissingFile { path } => (
                words(
                    format!("không tìm thấy tệp `{path}`"),
                    format!("file `{path}` not found"),
                ),
                words(
                    "kiểm tra tên tệp; đường dẫn tính từ thư mục của bản ghi",
                    "check the file name; paths start from the record's folder",
                ),
            ),
            Problem::UnknownCriterion { no, set } => (
                words(
                    format!("bộ tiêu chí `{set}` không có tiêu chí số {no}"),
                    format!("criteria set `{set}` has no criterion {no}"),
                ),
                words(
                    "dùng số tiêu chí có trong bộ tiêu chí",
                    "use a criterion number of the set",
                ),
            ),
            Problem::DuplicateResult { no } => (
                words(
                    format!("kết quả tiêu chí số {no} bị ghi hai lần"),
                    format!("criterion {no} has two results"),
                ),
                words("gộp hai kết quả thành một", "merge the two results"),
            ),
            Problem::IdsWithoutList { criterion } => (
                words(
                    format!(
                        "bộ tiêu chí không liệt kê chỉ tiêu của tiêu chí số {criterion}, nên không dùng được mã chỉ tiêu"
                    ),
                    format!("the set lists no indicators for criterion {criterion}, so ids cannot be used"),
                ),
                words("ghi số lượng, ví dụ `unmet: 2`", "give a count, e.g. `unmet: 2`"),
            ),
            Problem::UnknownIndicator {
                id,
                criterion,
                suggestion,
            } => (
                match suggestion {
                    Some(s) => words(
                        format!("tiêu chí số {criterion} không có chỉ tiêu `{id}`; có phải ý bạn là `{s}`?"),
                        format!("criterion {criterion} has no indicator `{id}`; did you mean `{s}`?"),
                    ),
                    None => words(
                        format!("tiêu chí số {criterion} không có chỉ tiêu `{id}`"),
                        format!("criterion {criterion} has no indicator `{id}`"),
                    ),
                },
                words(
                    "dùng mã chỉ tiêu có trong bộ tiêu chí",
                    "use an indicator id of the set",
                ),
            ),
            Problem::UnmetAboveCount {
                criterion,
                unmet,
                count,
            } => (
                words(
                    format!(
                        "tiêu chí số {criterion} chỉ có {count} chỉ tiêu, không thể có {unmet} chỉ tiêu chưa đạt hoặc không áp dụng"
                    ),
                    format!(
                        "criterion {criterion} has only {count} indicators, so {unmet} cannot be unmet or not applicable"
                    ),
                ),
                unmet_hint(),
            ),
            Problem::UnmetAboveTotal { unmet, total } => (
                words(
                    format!(
                        "đã ghi {unmet} chỉ tiêu chưa đạt hoặc không áp dụng, nhiều hơn tổng {total} chỉ tiêu của bộ"
                    ),
                    format!("{unmet} indicators recorded unmet or not applicable, more than the set's {total}"),
                ),
                unmet_hint(),
            ),
            Problem::FigureContradiction {
                stated,
                computed,
                assessment,
            } => (
                words(
                    format!("văn bản ghi `{stated}` nhưng kết quả đánh giá `{assessment}` tính ra {computed}"),
                    format!("the text states `{stated}` but assessment `{assessment}` computes {computed}"),
                ),
                words(
                    "sửa số liệu trong văn bản hoặc kết quả đánh giá cho khớp; số liệu đúng do vanban tính",
                    "make the text agree with the assessment; vanban computes the right figures",
                ),
            ),
            Problem::DatedAfterSession {
                document: (document, document_en),
                block,
                date,
                session,
            } => (
                words(
                    format!("ngày ban hành {document} ({date}) sau buổi làm việc ({session})"),
                    format!("the {document_en} is dated {date}, after the session ({session})"),
                ),
                words(
                    format!("sửa `documents.{block}.date` thành ngày trước hoặc đúng ngày làm việc"),
                    format!("set `documents.{block}.date` to the session's day or one before it"),
                ),
            ),
            Problem::DatedBefore {
                document: (document, document_en),
                block,
                date,
                other: (other, other_en),
                other_date,
            } => (
                words(
                    format!("ngày ban hành {document} ({date}) trước {other} ({other_date}) mà văn bản này thực hiện"),
                    format!("the {document_en} is dated {date}, before the {other_en} it carries out ({other_date})"),
                ),
                words(
                    format!("sửa `documents.{block}.date` thành ngày {other_date} hoặc sau đó"),
                    format!("set `documents.{block}.date` to {other_date} or later"),
                ),
            ),
            Problem::NumberTaken {
                number,
                register,
                entry,
            } => (
                words(
                    format!("số `{number}` đã cấp trong sổ văn bản đi {register}, cho mục `{entry}` của kho"),
                    format!(
                        "number `{number}` is already given in the outgoing register {register}, to archive entry `{entry}`"
                    ),
                ),
                words(
                    "bỏ `number` để kho cấp số tiếp theo, hoặc ghi một số chưa cấp",
                    "leave `number` out so the archive gives the next one, or write a number not yet given",
                ),
            ),
            Problem::Criteria(problem) => {
                let ((vi, en), hint) = problem.words();
                let (hint_vi, hint_en) = hint.unwrap_or_default();
                (words(vi, en), words(hint_vi, hint_en))
            }
            Problem::Tasks(problem) => {
                let ((vi, en), (hint_vi, hint_en)) = problem.words();
                (words(vi, en), words(hint_vi, hint_en))
            }
            Problem::NoReportAsked { record } => (
                words(
                    format!("bản ghi đánh giá `{record}` không có `documents.report`: không in báo cáo nào"),
                    format!("assessment record `{record}` has no `documents.report`: no report is printed"),
                ),
                words(
                    format!(
                        "để có `{record}-bao-cao-danh-gia.pdf`, thêm `issuer:` và `documents.report:` (number, date, signer, recipients)"
                    ),
                    format!(
                        "to get `{record}-bao-cao-danh-gia.pdf`, add `issuer:` and `documents.report:` (number, date, signer, recipients)"
                    ),
                ),
            ),
            Problem::MissingGlyph { character, archive } => {
                let code = format!("U+{:04X}", u32::from(*character));
                (
                    words(
                        format!("ký tự `{character}` ({code}) không có trong phông chữ nhúng"),
                        format!("character `{character}` ({code}) is not in the embedded fonts"),
                    ),
                    if *archive {
                        words(
                            "bản lưu trữ PDF/A không cho phép ký tự thiếu phông; thay bằng ký tự khác hoặc bỏ đi",
                            "PDF/A archival output allows no character without a glyph; replace or remove it",
                        )
                    } else {
                        words(
                            "văn bản sẽ in ô trống ở chỗ này; thay bằng ký tự khác hoặc bỏ đi",
                            "the document prints an empty box here; replace or remove the character",
                        )
                    },
                )
            }
            Problem::TypstWarning { message, hints } => {
                let hints = hints.join("; ");
                let (vi, en) = if hints.is_empty() {
                    (
                        "văn bản vẫn được tạo; sửa mẫu này để hết cảnh báo".to_string(),
                        "the document is still made; fix this template to silence the warning".to_string(),
                    )
                } else {
                    (format!("Typst gợi ý: {hints}"), format!("Typst suggests: {hints}"))
                };
                (
                    words(format!("Typst cảnh báo: {message}"), format!("Typst warns: {message}")),
                    words(vi, en),
                )
            }
        }
    }
}

fn date_hint() -> Words {
    words(
        "viết ngày dạng `YYYY-MM-DD`, ví dụ `2024-03-27`",
        "write dates as `YYYY-MM-DD`, e.g. `2024-03-27`",
    )
}

fn time_hint() -> Words {
    words(
        "viết giờ dạng `HH:MM` (0–23 giờ, 0–59 phút), ví dụ `\"14:00\"`",
        "write times as `HH:MM` (hours 0–23, minutes 0–59), e.g. `\"14:00\"`",
    )
}

fn once_hint() -> Words {
    words(
        "mỗi số tiêu chí, mỗi mã chỉ tiêu chỉ ghi một lần",
        "give each criterion number and indicator id once",
    )
}

fn unmet_hint() -> Words {
    words("kiểm tra lại số chỉ tiêu chưa đạt", "check the unmet counts")
}
