//! Why an archival PDF or an archive folder cannot be gathered, in both languages.

use crate::problem::{Words, words};

/// What is wrong with a PDF or archive offered to `archive add` or `archive merge`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GatherProblem {
    /// The PDF has attached files, but none is a vanban record.
    NoRecord,
    /// An attached file's length differs from the length its file specification declares.
    AttachmentChanged { name: String },
    /// The attached record names a file that is not attached.
    AttachmentMissing { name: String },
    /// Made by this very vanban version, yet the attached record renders to other bytes.
    DoesNotRender { version: String },
    /// The record renders several PDFs and none carries this file's name.
    WhichDocument { names: Vec<String> },
    /// A file of the other archive differs from what its index holds.
    EntryChanged { entry: String, file: String },
    /// A search without a word, or longer than `longest` characters.
    Query { chars: usize, longest: usize },
    /// The entry has no document (or signed copy) of this name to sign.
    NotSignable { entry: String, file: String },
    /// The document has a signed copy already: sign that.
    SignTheCopy { file: String, copy: String },
}

impl crate::problem::Worded for GatherProblem {
    fn text(&self) -> (Words, Words) {
        GatherProblem::text(self)
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl GatherProblem {
    /// The message and the hint, side by side.
    pub fn text(&self) -> (Words, Words) {
        let ask_sender = || {
            words(
                "xin nơi gửi gửi lại bản PDF lưu trữ gốc (tạo bằng `vanban archive add` hoặc `vanban render --archive`)",
                "ask the sender for the original archival PDF (made by `vanban archive add` or `vanban render --archive`)",
            )
        };
        match self {
            GatherProblem::NoRecord => (
                words(
                    "tệp PDF có tệp đính kèm nhưng không có bản ghi nguồn của vanban",
                    "the PDF has attached files but no vanban source record",
                ),
                ask_sender(),
            ),
            GatherProblem::AttachmentChanged { name } => (
                words(
                    format!("tệp đính kèm `{name}` đã bị thay đổi: độ dài khác với độ dài ghi trong PDF"),
                    format!(
                        "the attached file `{name}` was changed: its length differs from the length the PDF declares"
                    ),
                ),
                ask_sender(),
            ),
            GatherProblem::AttachmentMissing { name } => (
                words(
                    format!("bản ghi đính kèm dẫn tới `{name}` nhưng tệp này không được đính kèm"),
                    format!("the attached record names `{name}`, which is not attached"),
                ),
                ask_sender(),
            ),
            GatherProblem::DoesNotRender { version } => (
                words(
                    format!(
                        "bản ghi đính kèm không kết xuất ra đúng tệp PDF này dù cùng phiên bản vanban {version}: văn bản hoặc tệp đính kèm đã bị sửa sau khi kết xuất"
                    ),
                    format!(
                        "the attached record does not render to this PDF although both come from vanban {version}: the document or its attachments were changed after rendering"
                    ),
                ),
                ask_sender(),
            ),
            GatherProblem::WhichDocument { names } => (
                words(
                    format!(
                        "không xác định được đây là văn bản nào của bản ghi (bản ghi cho ra: {})",
                        names.join(", ")
                    ),
                    format!(
                        "cannot tell which of the record's documents this is (the record gives: {})",
                        names.join(", ")
                    ),
                ),
                words(
                    "đặt lại tên tệp như tên vanban đã đặt khi kết xuất",
                    "give the file back the name vanban gave it when rendering",
                ),
            ),
            GatherProblem::Query { chars, longest } if chars > longest => (
                words(
                    format!("câu tìm dài {chars} ký tự, quá {longest} ký tự"),
                    format!("the query is {chars} characters long, over {longest}"),
                ),
                words(
                    "tìm bằng vài từ hoặc một cụm từ trong ngoặc kép",
                    "search with a few words or a \"quoted phrase\"",
                ),
            ),
            GatherProblem::Query { .. } => (
                words("câu tìm không có từ nào", "the query has no word"),
                words(
                    "gõ ít nhất một từ, có dấu hoặc không dấu, hoặc lọc theo nhiệm vụ (--task-owner, --due-from, --due-to)",
                    "type at least one word, with or without marks, or filter by task (--task-owner, --due-from, --due-to)",
                ),
            ),
            GatherProblem::EntryChanged { entry, file } => (
                words(
                    format!(
                        "mục {entry}: tệp `{file}` không khớp SHA-256 trong chỉ mục của kho kia; không gộp mục này"
                    ),
                    format!(
                        "entry {entry}: `{file}` does not match the SHA-256 in the other archive's index; entry not merged"
                    ),
                ),
                words(
                    "chạy `vanban archive verify` ở kho kia và khôi phục tệp từ bản sao lưu",
                    "run `vanban archive verify` on the other archive and restore the file from a backup",
                ),
            ),
            GatherProblem::SignTheCopy { file, copy } => (
                words(
                    format!("`{file}` đã có bản ký số `{copy}`; ký lại vào bản gốc sẽ bỏ mất các chữ ký đã có"),
                    format!(
                        "`{file}` has a signed copy `{copy}`; signing the original again would drop its signatures"
                    ),
                ),
                words(format!("ký vào `{copy}`"), format!("sign `{copy}`")),
            ),
            GatherProblem::NotSignable { entry, file } => (
                words(
                    format!("mục {entry} không có văn bản `{file}` để ký"),
                    format!("entry {entry} has no document `{file}` to sign"),
                ),
                words(
                    "chọn một tệp PDF văn bản của mục (`vanban archive show MỤC` liệt kê các tệp)",
                    "choose one of the entry's document PDFs (`vanban archive show ENTRY` lists them)",
                ),
            ),
        }
    }
}
