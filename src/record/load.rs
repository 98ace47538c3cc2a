//! Reading a YAML file safely: size, encoding, NFC, budgets, and errors at `file:line:col`.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::{Error as YamlError, Location};
use unicode_normalization::UnicodeNormalization;

use crate::error::{Diagnostic, Error};
use crate::problem::{PROBLEM_MARKER, Problem, did_you_mean, take_problem};

/// Records are a few kilobytes; anything past this is refused before parsing.
pub const MAX_RECORD_BYTES: u64 = 2 * 1024 * 1024;

/// A YAML file read into memory and normalised to NFC.
#[derive(Debug, Clone)]
pub struct YamlFile {
    /// The path as the user gave it.
    pub path: std::path::PathBuf,
    /// The NFC text.
    pub text: String,
    /// The bytes as read, before normalisation: what archives and attachments keep.
    pub bytes: std::sync::Arc<[u8]>,
}

impl YamlFile {
    /// Reads `path`, refusing files that are too large, empty or not UTF-8.
    pub fn read(path: &Path) -> Result<YamlFile, Error> {
        let read_error = |e: std::io::Error| Error::Read {
            path: path.to_path_buf(),
            detail: e.to_string(),
        };
        let size = std::fs::metadata(path).map_err(read_error)?.len();
        let at_start = |problem| Error::from(Diagnostic::at(path, "", 1, 1, problem));
        if size > MAX_RECORD_BYTES {
            return Err(at_start(Problem::TooLarge {
                bytes: size,
                limit: MAX_RECORD_BYTES,
            }));
        }
        let bytes = std::fs::read(path).map_err(read_error)?;
        YamlFile::from_bytes(path, &bytes)
    }

    /// Checks and normalises bytes already in memory, as if read from `path`.
    pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<YamlFile, Error> {
        if bytes.len() as u64 > MAX_RECORD_BYTES {
            let problem = Problem::TooLarge {
                bytes: bytes.len() as u64,
                limit: MAX_RECORD_BYTES,
            };
            return Err(Diagnostic::at(path, "", 1, 1, problem).into());
        }
        let raw = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
                let line = valid.matches('\n').count() + 1;
                let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                return Err(Diagnostic::at(path, valid, line, column, Problem::NotUtf8).into());
            }
        };
        let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
        let text: String = raw.nfc().collect();
        if text
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        {
            return Err(Diagnostic::at(path, &text, 1, 1, Problem::Empty).into());
        }
        Ok(YamlFile {
            path: path.to_path_buf(),
            text,
            bytes: bytes.into(),
        })
    }

    /// Deserialises the whole file into `T`.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Error> {
        take_problem();
        if let Some(past) = super::expansion::check(&self.text, MAX_RECORD_BYTES as usize) {
            let problem = Problem::Amplified {
                alias: past.alias,
                limit: past.limit,
            };
            return Err(Diagnostic::at(&self.path, &self.text, past.line, past.column, problem).into());
        }
        serde_saphyr::from_str_with_options(&self.text, options()).map_err(|e| self.diagnose(&e).into())
    }

    /// A diagnostic for `problem` at `location` in this file.
    pub fn diagnostic_at(&self, location: Location, problem: Problem) -> Diagnostic {
        let (line, column) = line_column(location);
        Diagnostic::at(&self.path, &self.text, line, column, problem)
    }

    /// A diagnostic at the first occurrence of `needle` at or after `location`.
    pub fn diagnostic_at_text(&self, location: Location, needle: &str, problem: Problem) -> Diagnostic {
        let (line, column) = line_column(location);
        let start: usize = self.text.split_inclusive('\n').take(line - 1).map(str::len).sum();
        let Some(found) = self.text.get(start..).and_then(|rest| rest.find(needle)) else {
            return Diagnostic::at(&self.path, &self.text, line, column, problem);
        };
        let before = &self.text[..start + found];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Diagnostic::at(&self.path, &self.text, line, column, problem)
    }

    fn diagnose(&self, error: &YamlError) -> Diagnostic {
        let inner = error.without_snippet();
        let location = inner.location().unwrap_or(Location::UNKNOWN);
        let problem = problem_of(inner, &self.text);
        if problem == Problem::TabIndent
            && let Some((line, column)) = first_tab_indent(&self.text, line_column(location).0)
        {
            return Diagnostic::at(&self.path, &self.text, line, column, problem);
        }
        self.diagnostic_at(location, problem)
    }
}

/// The budget a record must fit: generous for real records, far below what hurts.
fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: 64,
            max_aliases: 200,
            max_anchors: 200,
            max_events: 200_000,
            max_nodes: 100_000,
            max_recorded_anchor_events: 20_000,
            max_documents: 1,
        },
    }
}

fn line_column(location: Location) -> (usize, usize) {
    let line = usize::try_from(location.line()).unwrap_or(1);
    let column = usize::try_from(location.column()).unwrap_or(1);
    (line.max(1), column.max(1))
}

fn problem_of(error: &YamlError, text: &str) -> Problem {
    match error {
        YamlError::Message { msg, .. } if msg.contains(PROBLEM_MARKER) => take_problem().unwrap_or(Problem::Syntax {
            detail: msg.replace(PROBLEM_MARKER, ""),
        }),
        YamlError::SerdeUnknownField { field, expected, .. } => Problem::UnknownKey {
            key: field.clone(),
            suggestion: did_you_mean(field, expected.iter().copied()),
        },
        YamlError::SerdeUnknownVariant { variant, expected, .. } => Problem::WrongType {
            detail: format!("`{variant}` ∉ {{{}}}", expected.join(", ")),
        },
        YamlError::SerdeMissingField { field, .. } => Problem::MissingField {
            field: field.to_string(),
        },
        YamlError::SerdeInvalidType {
            unexpected, expected, ..
        }
        | YamlError::SerdeInvalidValue {
            unexpected, expected, ..
        } => Problem::WrongType {
            detail: format!("{unexpected} → {expected}"),
        },
        YamlError::InvalidScalar { ty, .. } => Problem::WrongType {
            detail: format!("→ {ty}"),
        },
        YamlError::NullIntoString { .. } => Problem::WrongType {
            detail: "null → string".into(),
        },
        YamlError::DuplicateMappingKey { key, .. } => Problem::DuplicateKey {
            key: key.clone().unwrap_or_default(),
        },
        YamlError::Budget { breach, .. } => Problem::TooComplex {
            detail: format!("{breach:?}"),
        },
        YamlError::AliasExpansionLimitExceeded { .. }
        | YamlError::AliasReplayLimitExceeded { .. }
        | YamlError::AliasReplayStackDepthExceeded { .. }
        | YamlError::AliasReplayCounterOverflow { .. } => Problem::TooComplex {
            detail: "aliases".into(),
        },
        other => {
            let detail = strip_location(&other.to_string());
            let (line, _) = line_column(other.location().unwrap_or(Location::UNKNOWN));
            let has_tab = text
                .lines()
                .nth(line.saturating_sub(1))
                .is_some_and(|l| l.trim_start_matches(' ').starts_with('\t'));
            if has_tab || detail.contains("tab") {
                Problem::TabIndent
            } else if ["budget", "recursion", "depth", "limit"]
                .iter()
                .any(|w| detail.contains(w))
            {
                Problem::TooComplex { detail }
            } else {
                Problem::Syntax { detail }
            }
        }
    }
}

/// The first tab in the indentation of a line at or after `from` (1-based), as line and column.
fn first_tab_indent(text: &str, from: usize) -> Option<(usize, usize)> {
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find_map(|(index, line)| {
            let indent = line.len() - line.trim_start().len();
            line[..indent].find('\t').map(|column| (index + 1, column + 1))
        })
}

fn strip_location(message: &str) -> String {
    let cut = message.find(" at line ").unwrap_or(message.len());
    message[..cut].trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::WorkingSession;

    fn problem_for(text: &str) -> (Problem, usize, usize) {
        let file = YamlFile::from_bytes(Path::new("t.yaml"), text.as_bytes());
        let error = file.and_then(|f| f.parse::<WorkingSession>().map(|_| ())).unwrap_err();
        match error {
            Error::Record(d) => (d.problem, d.line, d.column),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn unknown_keys_are_located_and_get_a_suggestion() {
        let (problem, line, column) = problem_for("kind: working_session\nlocaton: x\n");
        assert_eq!(
            problem,
            Problem::UnknownKey {
                key: "locaton".into(),
                suggestion: Some("location".into())
            }
        );
        assert_eq!((line, column), (2, 1));
    }

    #[test]
    fn impossible_dates_point_at_the_value() {
        let (problem, line, column) = problem_for("kind: working_session\ndate: 2024-02-30\n");
        assert_eq!(
            problem,
            Problem::ImpossibleDate {
                text: "2024-02-30".into()
            }
        );
        assert_eq!((line, column), (2, 7));
    }

    #[test]
    fn empty_and_binary_files_are_refused() {
        assert!(
            matches!(YamlFile::from_bytes(Path::new("e.yaml"), b"  \n# only a comment\n"), Err(Error::Record(d)) if d.problem == Problem::Empty)
        );
        assert!(
            matches!(YamlFile::from_bytes(Path::new("b.yaml"), b"kind: \xff\xfe"), Err(Error::Record(d)) if d.problem == Problem::NotUtf8)
        );
    }

    #[test]
    fn text_is_normalised_to_nfc() {
        let file = YamlFile::from_bytes(Path::new("n.yaml"), "host: xa\u{0303}\n".as_bytes()).unwrap();
        assert_eq!(file.text, "host: xã\n");
    }
}
