//! What the office's tables hold that the log must account for: each version kept is a text
//! a logged save or submit hashed, each record's state is the one its last logged step left
//! (an approval with the hash it froze), each comment and answer is a logged one. A row
//! changed in the database without its entry is found; see the anchors for entries
//! changed with their rows.

use super::audit::version_detail;
use super::audit::{Entry, bounded};
use super::{Office, OfficeProblem};
use crate::error::Error;

impl Office {
    /// Checks versions, states and comments against the log's entries.
    pub(super) fn accounted(&self, log: &[&Entry]) -> Result<(), Error> {
        self.check_versions(log)?;
        self.check_states(log)?;
        self.check_comments(log)
    }

    /// Each version kept of a record whose saves the log hashes must be a text it hashed.
    fn check_versions(&self, log: &[&Entry]) -> Result<(), Error> {
        let mut statement = self
            .db
            .prepare("SELECT path, seq, text FROM versions ORDER BY path, seq")
            .map_err(|e| self.error(&e))?;
        let versions: Vec<(String, i64, String)> = statement
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .and_then(Iterator::collect)
            .map_err(|e| self.error(&e))?;
        for (path, seq, text) in versions {
            let of_path: Vec<&&Entry> = log
                .iter()
                .filter(|e| is_about(e, &path) && !e.detail.is_empty())
                .collect();
            // A record whose versions were kept before entries carried hashes is not checked.
            if of_path.is_empty() {
                continue;
            }
            let detail = version_detail(seq, text.as_bytes());
            if !of_path.iter().any(|e| e.detail == detail) {
                return Err(self.broken(OfficeProblem::NotInLog {
                    what: format!("{path} v{seq}"),
                }));
            }
        }
        Ok(())
    }

    /// Each record's state must be the one its last logged step left.
    fn check_states(&self, log: &[&Entry]) -> Result<(), Error> {
        let mut statement = self
            .db
            .prepare("SELECT path, state, approved_sha256 FROM states")
            .map_err(|e| self.error(&e))?;
        let states: Vec<(String, String, String)> = statement
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .and_then(Iterator::collect)
            .map_err(|e| self.error(&e))?;
        for (path, state, approved) in states {
            let last = log
                .iter()
                .rev()
                .filter(|e| is_about(e, &path))
                .find_map(|e| state_after(&e.action).map(|s| (s, e)));
            let holds = match last {
                Some((after, entry)) => {
                    after == state && (approved.is_empty() || state != "da-duyet" || entry.detail.contains(&approved))
                }
                None => state == "du-thao",
            };
            if !holds {
                return Err(self.broken(OfficeProblem::NotInLog {
                    what: format!("{path}: {state}"),
                }));
            }
        }
        Ok(())
    }

    /// Each comment and answer must be the text a logged one wrote, by its author.
    fn check_comments(&self, log: &[&Entry]) -> Result<(), Error> {
        let mut statement = self
            .db
            .prepare("SELECT id, path, parent, author, text FROM comments ORDER BY id")
            .map_err(|e| self.error(&e))?;
        let comments: Vec<(i64, String, Option<i64>, String, String)> = statement
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
            .and_then(Iterator::collect)
            .map_err(|e| self.error(&e))?;
        for (id, path, parent, author, text) in comments {
            let (action, thread) = match parent {
                Some(parent) => ("answer", parent),
                None => ("comment", id),
            };
            let target = bounded(&format!("{path}#{thread}: {text}"), super::audit::MAX_TARGET);
            if !log
                .iter()
                .any(|e| e.action == action && e.user == author && e.target == target)
            {
                return Err(self.broken(OfficeProblem::NotInLog {
                    what: format!("{path}#{id}"),
                }));
            }
        }
        Ok(())
    }
}

/// What a step leaves a record in, by the action's name in the log.
fn state_after(action: &str) -> Option<&'static str> {
    Some(match action {
        "submit" => "cho-duyet",
        "approve" => "da-duyet",
        "issue" => "da-ban-hanh",
        "signed" => "da-ky",
        "return" | "save" => "du-thao",
        _ => return None,
    })
}

/// Whether `entry` is about the record at `path` (its target is the path, or the path and a
/// reason).
fn is_about(entry: &Entry, path: &str) -> bool {
    entry.target == path
        || entry
            .target
            .strip_prefix(path)
            .is_some_and(|rest| rest.starts_with(": "))
}
