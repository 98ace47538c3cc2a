//! The one error type, and how each error is shown: `file:line:col: lỗi: ...` then `gợi ý: ...`.

use std::fmt::Write as _;
use std::path::PathBuf;

use crate::problem::{Lang, Problem};

/// A problem at a place in a user's file.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// The file, as the user named it.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub problem: Problem,
    /// The text of that line, for the caret display.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// A diagnostic at `line:column` of `text`, the contents of `path`.
    pub fn at(path: &std::path::Path, text: &str, line: usize, column: usize, problem: Problem) -> Self {
        let source_line = line
            .checked_sub(1)
            .and_then(|i| text.lines().nth(i))
            .map(str::to_string);
        Diagnostic {
            path: path.to_path_buf(),
            line: line.max(1),
            column: column.max(1),
            problem,
            source_line,
        }
    }

    /// Renders the diagnostic with its caret and hint.
    pub fn render(&self, lang: Lang) -> String {
        let label = match (self.problem.is_warning(), lang) {
            (true, Lang::Vi) => "cảnh báo",
            (true, Lang::En) => "warning",
            (false, Lang::Vi) => "lỗi",
            (false, Lang::En) => "error",
        };
        let mut out = format!(
            "{}:{}:{}: {label}: {}",
            self.path.display(),
            self.line,
            self.column,
            self.problem.message(lang)
        );
        if let Some(line) = self.source_line.as_deref().filter(|l| l.chars().count() <= 200) {
            let width = self.line.to_string().len();
            let pad: String = line
                .chars()
                .take(self.column - 1)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let _ = write!(out, "\n{:width$} |\n{} | {line}\n{:width$} | {pad}^", "", self.line, "");
        }
        if let Some(hint) = self.problem.hint(lang) {
            let _ = write!(out, "\n{}: {hint}", hint_label(lang));
        }
        out
    }
}

/// Everything that can stop vanban.
#[derive(Debug)]
pub enum Error {
    /// A record or criteria set is wrong at a place.
    Record(Box<Diagnostic>),
    /// A file could not be read.
    Read { path: PathBuf, detail: String },
    /// A file could not be written.
    Write { path: PathBuf, detail: String },
    /// A template does not parse or fails to render.
    Template {
        name: String,
        line: Option<usize>,
        detail: String,
    },
    /// Typst rejected the generated document.
    Typst {
        file: String,
        line: usize,
        column: usize,
        message: String,
        hints: Vec<String>,
        source_line: Option<String>,
    },
    /// The `--templates` folder does not exist.
    NoTemplatesFolder { path: PathBuf },
    /// `extract` was given a file that is not a PDF.
    NotPdf { path: PathBuf },
    /// `extract` was given a PDF with no attached files.
    NoAttachments { path: PathBuf },
    /// `--archive-dir` names a folder that holds no archive.
    NoArchive { path: PathBuf },
    /// An output file would be overwritten without `--force`.
    WouldOverwrite { path: PathBuf },
    /// Several records failed; each was reported already.
    RecordsFailed { failed: usize, total: usize },
    /// Signing or verifying a PDF went wrong (`vanban sign`, `vanban verify`).
    Sign {
        path: PathBuf,
        problem: crate::sign::SignProblem,
    },
}

impl From<Diagnostic> for Error {
    fn from(diagnostic: Diagnostic) -> Self {
        Error::Record(Box::new(diagnostic))
    }
}

impl Error {
    /// The process exit status for this error (usage errors are clap's, with 2).
    pub fn exit_code(&self) -> i32 {
        1
    }

    /// The message shown to the user, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        let err = if vi { "lỗi" } else { "error" };
        match self {
            Error::Record(diagnostic) => diagnostic.render(lang),
            Error::Read { path, detail } => format!(
                "{}: {err}: {} ({detail})\n{}: {}",
                path.display(),
                if vi {
                    "không đọc được tệp"
                } else {
                    "cannot read the file"
                },
                hint_label(lang),
                if vi {
                    "kiểm tra đường dẫn và quyền đọc"
                } else {
                    "check the path and read permission"
                }
            ),
            Error::Write { path, detail } => format!(
                "{}: {err}: {} ({detail})\n{}: {}",
                path.display(),
                if vi {
                    "không ghi được tệp; không tệp nào của bản ghi này được ghi"
                } else {
                    "cannot write the file; nothing of this record was written"
                },
                hint_label(lang),
                if vi {
                    "kiểm tra quyền ghi và dung lượng đĩa của thư mục đầu ra"
                } else {
                    "check write permission and free space in the output folder"
                }
            ),
            Error::Template { name, line, detail } => format!(
                "{name}:{}: {err}: {} {detail}\n{}: {}",
                line.unwrap_or(1),
                if vi {
                    "mẫu văn bản lỗi:"
                } else {
                    "template error:"
                },
                hint_label(lang),
                if vi {
                    "sửa mẫu này, hoặc xóa nó khỏi thư mục `--templates` để dùng mẫu có sẵn"
                } else {
                    "fix this template, or remove it from the `--templates` folder to use the built-in one"
                }
            ),
            Error::Typst {
                file,
                line,
                column,
                message,
                hints,
                source_line,
            } => {
                let mut out = format!(
                    "{file}:{line}:{column}: {err}: {} {message}",
                    if vi { "Typst báo lỗi:" } else { "Typst reports:" }
                );
                if let Some(text) = source_line {
                    let _ = write!(out, "\n  | {text}");
                }
                for hint in hints {
                    let _ = write!(out, "\n{}: {hint}", hint_label(lang));
                }
                let _ = write!(
                    out,
                    "\n{}: {}",
                    hint_label(lang),
                    if vi {
                        "dùng `vanban render --emit-typst` để xem mã Typst được sinh ra"
                    } else {
                        "use `vanban render --emit-typst` to see the generated Typst source"
                    }
                );
                out
            }
            Error::NoTemplatesFolder { path } => about_file(
                path,
                lang,
                ["không có thư mục mẫu này", "no such templates folder"],
                [
                    "kiểm tra đường dẫn `--templates`, hoặc tạo thư mục bằng `vanban templates export DIR`",
                    "check the `--templates` path, or create one with `vanban templates export DIR`",
                ],
            ),
            Error::NotPdf { path } => about_file(
                path,
                lang,
                ["không phải tệp PDF", "not a PDF file"],
                [
                    "đưa vào tệp PDF do `vanban render --archive` tạo ra",
                    "give a PDF written by `vanban render --archive`",
                ],
            ),
            Error::NoAttachments { path } => about_file(
                path,
                lang,
                ["tệp PDF không có tệp đính kèm", "the PDF has no attached files"],
                [
                    "chỉ bản PDF tạo bằng `vanban render --archive` mang theo bản ghi nguồn",
                    "only PDFs written by `vanban render --archive` carry their source record",
                ],
            ),
            Error::NoArchive { path } => about_file(
                path,
                lang,
                [
                    "không có kho lưu trữ ở đây (thiếu `index.sqlite`)",
                    "no archive here (no `index.sqlite`)",
                ],
                [
                    "kiểm tra `--archive-dir`, hoặc tạo kho bằng `vanban archive add RECORD`",
                    "check `--archive-dir`, or create the archive with `vanban archive add RECORD`",
                ],
            ),
            Error::WouldOverwrite { path } => about_file(
                path,
                lang,
                ["tệp đã có, không ghi đè", "file exists, not overwritten"],
                [
                    "chọn thư mục khác hoặc thêm `--force`",
                    "choose another folder or add `--force`",
                ],
            ),
            Error::Sign { path, problem } => {
                let (message, hint) = (problem.message(), problem.hint());
                about_file(path, lang, [&message[0], &message[1]], [&hint[0], &hint[1]])
            }
            Error::RecordsFailed { failed, total } => {
                if vi {
                    format!("{err}: {failed}/{total} bản ghi có lỗi, không ghi văn bản nào của các bản ghi đó")
                } else {
                    format!("{err}: {failed} of {total} records failed; none of their documents were written")
                }
            }
        }
    }
}

/// `path: error: message` and a hint line; `message` and `hint` are [Vietnamese, English].
fn about_file(path: &std::path::Path, lang: Lang, message: [&str; 2], hint: [&str; 2]) -> String {
    let (err, index) = match lang {
        Lang::Vi => ("lỗi", 0),
        Lang::En => ("error", 1),
    };
    format!(
        "{}: {err}: {}\n{}: {}",
        path.display(),
        message[index],
        hint_label(lang),
        hint[index]
    )
}

fn hint_label(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "gợi ý",
        Lang::En => "hint",
    }
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
            Error::NotPdf { path: path() },
            Error::NoAttachments { path: path() },
            Error::NoArchive { path: path() },
            Error::WouldOverwrite { path: path() },
            Error::RecordsFailed { failed: 1, total: 2 },
        ];
        for error in errors {
            let (vi, en) = (error.render(Lang::Vi), error.render(Lang::En));
            assert_ne!(vi, en, "{error:?}");
            assert!(vi.contains("lỗi") && en.contains("error"), "{vi}\n{en}");
        }
    }

    #[test]
    fn diagnostics_show_file_line_column_caret_and_hint() {
        let text = "kind: working_session\nlocaton: x\n";
        let problem = Problem::UnknownKey {
            key: "locaton".into(),
            suggestion: Some("location".into()),
        };
        let diagnostic = Diagnostic::at(std::path::Path::new("hong.yaml"), text, 2, 1, problem);
        let shown = diagnostic.render(Lang::Vi);
        assert!(
            shown.starts_with("hong.yaml:2:1: lỗi: khóa không hợp lệ `locaton`; có phải ý bạn là `location`?"),
            "{shown}"
        );
        assert!(shown.contains("2 | locaton: x\n  | ^"), "{shown}");
        let english = diagnostic.render(Lang::En);
        assert!(
            english.starts_with("hong.yaml:2:1: error: unknown key `locaton`; did you mean `location`?"),
            "{english}"
        );
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
            Error::Typst {
                file: "t".into(),
                line: 1,
                column: 1,
                message: "x".into(),
                hints: vec![],
                source_line: None,
            },
            Error::WouldOverwrite { path: "a".into() },
            Error::NoTemplatesFolder { path: "a".into() },
            Error::RecordsFailed { failed: 1, total: 2 },
        ];
        for error in errors {
            assert_ne!(error.render(Lang::Vi), error.render(Lang::En), "{error:?}");
        }
    }
}
