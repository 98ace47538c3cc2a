//! What a record leaves unfinished: values still holding a placeholder ("...", "…", "(điền
//! sau trong bản ghi)", as the scaffold and the new-record form write them). Each is a
//! warning at its value, so that nothing unfinished reaches an issued document silently.

use granit_parser::{Event, Parser};

use super::load::YamlFile;
use crate::error::Diagnostic;
use crate::problem::Problem;

/// The placeholders a form or the scaffold leaves for the clerk to fill.
const PLACEHOLDERS: &[&str] = &["(điền sau trong bản ghi)", "...", "…"];

/// "v.v..." (and so on) ends a list in running text; it is not a placeholder.
const AND_SO_ON: &[&str] = &["v.v...", "v.v…"];

/// A warning at every value of `file` that still holds a placeholder.
pub fn placeholders(file: &YamlFile) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for item in Parser::new_from_str(&file.text) {
        let Ok((event, span)) = item else { break };
        let Event::Scalar(value, ..) = event else { continue };
        let Some(at) = placeholder_in(&value) else { continue };
        let problem = Problem::Unfinished {
            text: excerpt(&value, at),
        };
        let (line, column) = (span.start.line(), span.start.col() + 1);
        found.push(Diagnostic::at(&file.path, &file.text, line, column, problem));
    }
    found
}

/// Where the first placeholder of `value` starts, if it holds one.
fn placeholder_in(value: &str) -> Option<usize> {
    let mut plain = value.to_string();
    for words in AND_SO_ON {
        plain = plain.replace(words, &" ".repeat(words.len()));
    }
    PLACEHOLDERS.iter().filter_map(|p| plain.find(p)).min()
}

/// `value` around byte `at`, short enough for a message.
fn excerpt(value: &str, at: usize) -> String {
    const SIDE: usize = 30;
    let before: Vec<char> = value[..at].chars().collect();
    let after: Vec<char> = value[at..].chars().collect();
    let start = before.len().saturating_sub(SIDE);
    let mut out: String = before[start..].iter().chain(after.iter().take(SIDE)).collect();
    out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn found(text: &str) -> Vec<(usize, String)> {
        let file = YamlFile::from_bytes(Path::new("t.yaml"), text.as_bytes()).unwrap();
        placeholders(&file)
            .into_iter()
            .map(|d| match d.problem {
                Problem::Unfinished { text } => (d.line, text),
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn placeholders_are_found_at_their_values() {
        let text = "kind: working_session\nissuer:\n  name: \"Ủy ban nhân dân xã ...\"\n  place: …\nhost: (điền sau trong bản ghi)\nsubject: kinh tế, xã hội v.v...\n";
        assert_eq!(
            found(text),
            vec![
                (3, "Ủy ban nhân dân xã ...".to_string()),
                (4, "…".to_string()),
                (5, "(điền sau trong bản ghi)".to_string()),
            ]
        );
    }
}
