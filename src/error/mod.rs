//! The one error type, and how each error is shown: `file:line:col: lỗi: ...` then `gợi ý: ...`.

mod diagnostic;
pub mod exit;

use std::fmt::Write as _;
use std::path::PathBuf;

pub use diagnostic::{Diagnostic, TypstMessage};

use crate::problem::printable::printable;
use crate::problem::say::Say;
use crate::problem::{Lang, Worded, Words, words};

/// Everything that can stop vanban.
#[derive(Debug)]
pub enum Error {
    /// A record or criteria set is wrong at a place.
    Record(Box<Diagnostic>),
    /// A file could not be read.
    Read { path: PathBuf, detail: String },
    /// A file could not be written.
    Write { path: PathBuf, detail: String },
    /// The archive's index could not be read or written.
    Index { path: PathBuf, detail: String },
    /// A template does not parse or fails to render.
    Template {
        name: String,
        line: Option<usize>,
        detail: String,
    },
    /// Typst rejected the generated document.
    Typst(TypstMessage),
    /// The `--templates` folder does not exist.
    NoTemplatesFolder { path: PathBuf },
    /// No template of this name, in the user's folder or built in (or one that cannot be a
    /// file name).
    UnknownTemplate { name: String },
    /// `extract` was given a file that is not a PDF.
    NotPdf { path: PathBuf },
    /// `extract` was given a PDF with no attached files.
    NoAttachments { path: PathBuf },
    /// `--archive-dir` names a folder that holds no archive.
    NoArchive { path: PathBuf },
    /// An output file would be overwritten without `--force`.
    WouldOverwrite { path: PathBuf },
    /// An environment variable named on the command line is not set (or empty).
    VariableUnset { name: String },
    /// A write or read would go through a symbolic link.
    Link { path: PathBuf },
    /// A PDF's attachment inflates past its declared size or the stream limit.
    Inflates { path: PathBuf, name: String, limit: usize },
    /// Several records failed; each was reported already.
    RecordsFailed { failed: usize, total: usize },
    /// `archive verify` found problems; each was reported already.
    Findings { found: usize },
    /// `archive show` was given an id no entry has.
    NoSuchEntry { id: String },
    /// `archive verify`: a stored file's hash no longer matches the index.
    Tampered { path: PathBuf },
    /// `archive verify`: a file the index lists is gone.
    FileGone { path: PathBuf },
    /// `archive verify`: rendering the record again gives different bytes.
    RendersDifferently { path: PathBuf },
    /// `archive verify`: a stored record no longer renders.
    NoLongerRenders { entry: String, error: Box<Error> },
    /// A feature's own problem with a file (gathering an archival PDF, signing, verifying):
    /// the feature words it; this type only shows it.
    Feature { path: PathBuf, problem: Box<dyn Worded> },
}

impl From<Diagnostic> for Error {
    fn from(diagnostic: Diagnostic) -> Self {
        Error::Record(Box::new(diagnostic))
    }
}

impl Error {
    /// A file at `path` could not be written, for `why`.
    pub fn write(path: &std::path::Path, why: impl std::fmt::Display) -> Error {
        Error::Write {
            path: path.to_path_buf(),
            detail: why.to_string(),
        }
    }

    /// A file at `path` could not be read, for `why`.
    pub fn read(path: &std::path::Path, why: impl std::fmt::Display) -> Error {
        Error::Read {
            path: path.to_path_buf(),
            detail: why.to_string(),
        }
    }

    /// The process exit status for this error ([`exit`]; clap's usage errors exit with 2 too).
    pub fn exit_code(&self) -> i32 {
        exit::code_of(self)
    }

    /// A feature's problem of type `T` inside [`Error::Feature`], if that is what this is.
    pub fn feature_problem<T: 'static>(&self) -> Option<&T> {
        match self {
            Error::Feature { problem, .. } => problem.as_any().downcast_ref::<T>(),
            _ => None,
        }
    }

    /// The message shown to the user, in `lang`: `place: error: message`, then the hint.
    pub fn render(&self, lang: Lang) -> String {
        printable(&self.compose(lang)).into_owned()
    }

    fn compose(&self, lang: Lang) -> String {
        let (place, message, hint) = match self {
            Error::Record(diagnostic) => return diagnostic.render(lang),
            Error::Typst(TypstMessage {
                file,
                line,
                column,
                message,
                hints,
                source_line,
            }) => {
                let mut out = format!(
                    "{file}:{line}:{column}: {}: {} {message}",
                    Say::ErrorLabel.to(lang),
                    words("Typst báo lỗi:", "Typst reports:").take(lang)
                );
                if let Some(text) = source_line {
                    let _ = write!(out, "\n  | {text}");
                }
                let ours = words(
                    "dùng `vanban render --emit-typst` để xem mã Typst được sinh ra",
                    "use `vanban render --emit-typst` to see the generated Typst source",
                );
                for hint in hints.iter().cloned().chain([ours.take(lang)]) {
                    let _ = write!(out, "\n{}: {hint}", Say::HintLabel.to(lang));
                }
                return out;
            }
            Error::Template { name, line, .. } => (
                Some(format!("{name}:{}", line.unwrap_or(1))),
                self.text().0,
                self.text().1,
            ),
            Error::NoSuchEntry { id }
            | Error::NoLongerRenders { entry: id, .. }
            | Error::UnknownTemplate { name: id } => (Some(id.clone()), self.text().0, self.text().1),
            Error::RecordsFailed { .. } | Error::Findings { .. } | Error::VariableUnset { .. } => {
                (None, self.text().0, self.text().1)
            }
            Error::Read { path, .. }
            | Error::Write { path, .. }
            | Error::Index { path, .. }
            | Error::NoTemplatesFolder { path }
            | Error::NotPdf { path }
            | Error::NoAttachments { path }
            | Error::NoArchive { path }
            | Error::WouldOverwrite { path }
            | Error::Link { path }
            | Error::Inflates { path, .. }
            | Error::Tampered { path }
            | Error::FileGone { path }
            | Error::RendersDifferently { path }
            | Error::Feature { path, .. } => (Some(path.display().to_string()), self.text().0, self.text().1),
        };
        let mut out = match place {
            Some(place) => format!("{place}: {}: {}", Say::ErrorLabel.to(lang), message.take(lang)),
            None => format!("{}: {}", Say::ErrorLabel.to(lang), message.take(lang)),
        };
        if let Some(hint) = hint {
            let _ = write!(out, "\n{}: {}", Say::HintLabel.to(lang), hint.take(lang));
        }
        out
    }

    /// The message and the hint of each error, side by side, in both languages.
    fn text(&self) -> (Words, Option<Words>) {
        match self {
            Error::Record(diagnostic) => {
                let (message, hint) = diagnostic.problem.text();
                (message, Some(hint))
            }
            Error::Read { detail, .. } => (
                words(
                    format!("không đọc được tệp ({detail})"),
                    format!("cannot read the file ({detail})"),
                ),
                Some(words(
                    "kiểm tra đường dẫn và quyền đọc",
                    "check the path and read permission",
                )),
            ),
            Error::Write { detail, .. } => (
                words(
                    format!("không ghi được tệp; không tệp nào của bản ghi này được ghi ({detail})"),
                    format!("cannot write the file; nothing of this record was written ({detail})"),
                ),
                Some(words(
                    "kiểm tra quyền ghi và dung lượng đĩa của thư mục đầu ra",
                    "check write permission and free space in the output folder",
                )),
            ),
            Error::Index { detail, .. } => (
                words(
                    format!("không đọc hoặc ghi được chỉ mục của kho ({detail})"),
                    format!("cannot read or write the archive index ({detail})"),
                ),
                Some(words(
                    "kiểm tra quyền đọc, ghi của tệp `index.sqlite`; tệp có thể đã hỏng",
                    "check read and write permission of `index.sqlite`; the file may be damaged",
                )),
            ),
            Error::Template { detail, .. } => (
                words(
                    format!("mẫu văn bản lỗi: {detail}"),
                    format!("template error: {detail}"),
                ),
                Some(words(
                    "sửa mẫu này, hoặc xóa nó khỏi thư mục `--templates` để dùng mẫu có sẵn",
                    "fix this template, or remove it from the `--templates` folder to use the built-in one",
                )),
            ),
            Error::Typst(TypstMessage { message, .. }) => (
                words(format!("Typst báo lỗi: {message}"), format!("Typst reports: {message}")),
                None,
            ),
            Error::UnknownTemplate { .. } => (
                words("không có mẫu văn bản này", "no such template"),
                Some(words(
                    "xem tên các mẫu có sẵn bằng `vanban templates export DIR`",
                    "see the built-in templates' names with `vanban templates export DIR`",
                )),
            ),
            Error::NoTemplatesFolder { .. } => (
                words("không có thư mục mẫu này", "no such templates folder"),
                Some(words(
                    "kiểm tra đường dẫn `--templates`, hoặc tạo thư mục bằng `vanban templates export DIR`",
                    "check the `--templates` path, or create one with `vanban templates export DIR`",
                )),
            ),
            Error::NotPdf { .. } => (
                words("không phải tệp PDF", "not a PDF file"),
                Some(words(
                    "đưa vào tệp PDF do `vanban render --archive` tạo ra",
                    "give a PDF written by `vanban render --archive`",
                )),
            ),
            Error::NoAttachments { .. } => (
                words("tệp PDF không có tệp đính kèm", "the PDF has no attached files"),
                Some(words(
                    "chỉ bản PDF tạo bằng `vanban render --archive` mang theo bản ghi nguồn",
                    "only PDFs written by `vanban render --archive` carry their source record",
                )),
            ),
            Error::NoArchive { .. } => (
                words(
                    "không có kho lưu trữ ở đây (thiếu `index.sqlite`)",
                    "no archive here (no `index.sqlite`)",
                ),
                Some(words(
                    "kiểm tra `--archive-dir`, hoặc tạo kho bằng `vanban archive add RECORD`",
                    "check `--archive-dir`, or create the archive with `vanban archive add RECORD`",
                )),
            ),
            Error::WouldOverwrite { .. } => (
                words("tệp đã có, không ghi đè", "file exists, not overwritten"),
                Some(words(
                    "chọn thư mục khác hoặc thêm `--force`",
                    "choose another folder or add `--force`",
                )),
            ),
            Error::Link { .. } => (
                words(
                    "là một liên kết (symlink); vanban không ghi hay đọc qua liên kết",
                    "is a symbolic link; vanban does not write or read through links",
                ),
                Some(words(
                    "xoá liên kết hoặc chọn tệp, thư mục khác",
                    "remove the link or choose another file or folder",
                )),
            ),
            Error::Findings { found } => (
                words(
                    format!("kho có {found} vấn đề, nêu ở trên"),
                    format!("the archive has {found} problems, listed above"),
                ),
                Some(verify_hint()),
            ),
            Error::VariableUnset { name } => (
                words(
                    format!("biến môi trường {name} chưa được đặt hoặc rỗng"),
                    format!("environment variable {name} is not set or is empty"),
                ),
                Some(words(
                    format!("đặt biến trước khi chạy, ví dụ `read -rs {name}; export {name}`"),
                    format!("set it before running, for example `read -rs {name}; export {name}`"),
                )),
            ),
            Error::Inflates { name, limit, .. } => (
                words(
                    format!(
                        "tệp đính kèm “{name}” giải nén ra quá {limit} byte (kích thước khai báo hoặc giới hạn); tệp PDF bị từ chối trước khi đọc hết"
                    ),
                    format!(
                        "attachment “{name}” inflates past {limit} bytes (its declared size or the limit); the PDF is refused before it is read in full"
                    ),
                ),
                Some(words(
                    "đây có thể là “bom nén”; nếu tệp đáng tin và thật sự lớn, đặt biến môi trường VANBAN_MAX_STREAM_MIB (mặc định 64)",
                    "this may be a decompression bomb; if the file is trusted and truly large, set VANBAN_MAX_STREAM_MIB (default 64)",
                )),
            ),
            Error::RecordsFailed { failed, total } => (
                words(
                    format!("{failed}/{total} bản ghi có lỗi, không ghi văn bản nào của các bản ghi đó"),
                    format!("{failed} of {total} records failed; none of their documents were written"),
                ),
                None,
            ),
            Error::NoSuchEntry { .. } => (
                words("không có mục này trong kho", "no such entry in the archive"),
                Some(words(
                    "xem các mục bằng `vanban archive list`",
                    "see the entries with `vanban archive list`",
                )),
            ),
            Error::Tampered { .. } => (
                words(
                    "nội dung đã bị thay đổi (SHA-256 không khớp)",
                    "contents changed (SHA-256 mismatch)",
                ),
                Some(verify_hint()),
            ),
            Error::FileGone { .. } => (words("tệp đã mất", "file missing"), Some(verify_hint())),
            Error::RendersDifferently { .. } => (
                words("kết xuất lại cho kết quả khác", "renders differently now"),
                Some(words(
                    "kết xuất lại cần đúng phiên bản vanban và `SOURCE_DATE_EPOCH` đã dùng khi lưu",
                    "re-rendering needs the same vanban version and `SOURCE_DATE_EPOCH` used when adding",
                )),
            ),
            Error::NoLongerRenders { error, .. } => (
                words(
                    format!("không kết xuất lại được: {}", error.render(Lang::Vi)),
                    format!("no longer renders: {}", error.render(Lang::En)),
                ),
                None,
            ),
            Error::Feature { problem, .. } => {
                let (message, hint) = problem.text();
                (message, Some(hint))
            }
        }
    }
}

fn verify_hint() -> Words {
    words(
        "khôi phục tệp từ bản sao lưu của kho",
        "restore the file from a backup of the archive",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_reads_in_both_languages() {
        let path = || std::path::PathBuf::from("x.pdf");
        let errors = [
            Error::Read {
                path: path(),
                detail: "d".into(),
            },
            Error::Write {
                path: path(),
                detail: "d".into(),
            },
            Error::NoTemplatesFolder { path: path() },
            Error::UnknownTemplate { name: "x".into() },
            Error::NotPdf { path: path() },
            Error::NoAttachments { path: path() },
            Error::NoArchive { path: path() },
            Error::WouldOverwrite { path: path() },
            Error::Link { path: path() },
            Error::VariableUnset { name: "V".into() },
            Error::Findings { found: 2 },
            Error::Inflates {
                path: path(),
                name: "a".into(),
                limit: 1,
            },
            Error::RecordsFailed { failed: 1, total: 2 },
        ];
        for error in errors {
            let (vi, en) = (error.render(Lang::Vi), error.render(Lang::En));
            assert_ne!(vi, en, "{error:?}");
            assert!(vi.contains("lỗi") && en.contains("error"), "{vi}\n{en}");
        }
    }

    #[test]
    fn every_error_reads_differently_in_each_language() {
        let errors = [
            Error::Read {
                path: "a".into(),
                detail: "x".into(),
            },
            Error::Write {
                path: "a".into(),
                detail: "x".into(),
            },
            Error::Template {
                name: "t".into(),
                line: Some(1),
                detail: "x".into(),
            },
            Error::Typst(TypstMessage {
                file: "t".into(),
                line: 1,
                column: 1,
                message: "x".into(),
                hints: vec![],
                source_line: None,
            }),
            Error::WouldOverwrite { path: "a".into() },
            Error::NoTemplatesFolder { path: "a".into() },
            Error::RecordsFailed { failed: 1, total: 2 },
        ];
        for error in errors {
            assert_ne!(error.render(Lang::Vi), error.render(Lang::En), "{error:?}");
        }
    }
}
