//! A problem at a place in a user's file, shown as `file:line:col: lỗi: ...`, the line with a
//! caret under the column, then `gợi ý: ...`.

use std::fmt::Write as _;
use std::path::PathBuf;

use crate::problem::printable::printable;
use crate::problem::say::Say;
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

    /// Renders the diagnostic with its caret and hint, safe to print to a terminal.
    pub fn render(&self, lang: Lang) -> String {
        printable(&self.compose(lang)).into_owned()
    }

    fn compose(&self, lang: Lang) -> String {
        let label = if self.problem.is_warning() {
            Say::WarningLabel.to(lang)
        } else {
            Say::ErrorLabel.to(lang)
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
            let _ = write!(out, "\n{}: {hint}", Say::HintLabel.to(lang));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}

/// A warning or error from Typst, at a place in one of the two sources.
#[derive(Debug, Clone, PartialEq)]
pub struct TypstMessage {
    /// The template or the layout library, as the user sees it.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// Typst's words.
    pub message: String,
    /// Typst's hints.
    pub hints: Vec<String>,
    /// The line of source it points at, trimmed.
    pub source_line: Option<String>,
}
