//! The wording of the problems a file has before its content is read: YAML syntax, keys,
//! types, encoding, size and the budgets that keep hostile files cheap. The content's
//! problems are worded in `catalogue.rs`.

use super::{Problem, Words, words};

/// The message and the hint of a problem in reading a file, in both languages.
pub(super) fn text(problem: &Problem) -> (Words, Words) {
    match problem {
        Problem::Syntax { detail } => (
            words(
                format!("YAML không hợp lệ: {detail}"),
                format!("invalid YAML: {detail}"),
            ),
            words(
                "kiểm tra dấu `:`, thụt lề bằng dấu cách và dấu ngoặc kép quanh giá trị",
                "check the `:` separators, space indentation and quotes around values",
            ),
        ),
        Problem::UnknownKey { key, suggestion: None } => (
            words(format!("khóa không hợp lệ `{key}`"), format!("unknown key `{key}`")),
            words(
                "xóa khóa này hoặc xem danh sách khóa trong docs/record-format.md",
                "remove the key, or see the key list in docs/record-format.md",
            ),
        ),
        Problem::UnknownKey {
            key,
            suggestion: Some(s),
        } => (
            words(
                format!("khóa không hợp lệ `{key}`; có phải ý bạn là `{s}`?"),
                format!("unknown key `{key}`; did you mean `{s}`?"),
            ),
            words(format!("đổi `{key}` thành `{s}`"), format!("rename `{key}` to `{s}`")),
        ),
        Problem::MissingField { field } => (
            words(
                format!("thiếu trường bắt buộc `{field}`"),
                format!("missing required field `{field}`"),
            ),
            words(
                format!("thêm `{field}: ...` vào đúng mục"),
                format!("add `{field}: ...` to this block"),
            ),
        ),
        Problem::WrongType { detail } => (
            words(format!("sai kiểu giá trị: {detail}"), format!("wrong type: {detail}")),
            words(
                "sửa giá trị cho đúng kiểu: văn bản, số, danh sách `[...]` hoặc mục con",
                "give a value of the right kind: text, number, list `[...]` or block",
            ),
        ),
        Problem::DuplicateKey { key } => (
            words(format!("khóa `{key}` bị lặp lại"), format!("duplicate key `{key}`")),
            words("giữ lại một khóa, xóa khóa kia", "keep one of the two keys"),
        ),
        Problem::TabIndent => (
            words("dùng ký tự tab để thụt lề", "tab used for indentation"),
            words("thay tab bằng dấu cách", "indent with spaces instead of tabs"),
        ),
        Problem::TooComplex { detail } => (
            words(
                format!("tệp quá phức tạp, đã dừng đọc: {detail}"),
                format!("file too complex, reading stopped: {detail}"),
            ),
            words(
                "bản ghi thật không cần bí danh (`*`) lồng nhau hay độ sâu lớn như vậy; hãy viết lại tệp",
                "real records need no such aliases or nesting; rewrite the file",
            ),
        ),
        Problem::NotUtf8 => (
            words("tệp không phải văn bản UTF-8", "file is not UTF-8 text"),
            words("lưu lại tệp với bảng mã UTF-8", "save the file as UTF-8"),
        ),
        Problem::Empty => (
            words("tệp rỗng", "file is empty"),
            words(
                "bắt đầu từ một tệp mẫu trong `samples/`",
                "start from a file in `samples/`",
            ),
        ),
        Problem::Amplified { alias, limit } => (
            words(
                format!(
                    "bí danh `*{alias}` lặp lại quá nhiều văn bản (giới hạn {limit} byte khi mở rộng); đã dừng đọc"
                ),
                format!("alias `*{alias}` repeats too much text (limit {limit} bytes expanded); reading stopped"),
            ),
            words(
                "viết văn bản ra một lần thay vì lặp lại bằng bí danh (`&tên` … `*tên`)",
                "write the text out once instead of repeating it with aliases (`&name` … `*name`)",
            ),
        ),
        Problem::TooLarge { bytes, limit } => (
            words(
                format!("tệp quá lớn ({bytes} byte, tối đa {limit})"),
                format!("file too large ({bytes} bytes, limit {limit})"),
            ),
            words(
                "tách bản ghi thành nhiều tệp nhỏ",
                "split the record into smaller files",
            ),
        ),
        other => (
            words(
                format!("không đọc được tệp: {other:?}"),
                format!("cannot read the file: {other:?}"),
            ),
            words("kiểm tra tệp", "check the file"),
        ),
    }
}
