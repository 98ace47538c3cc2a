//! Review comments: a leader comments on a field of a record (a JSON pointer such as
//! `/conclusions/directives/1`) or on a passage of one of its documents; the drafter answers
//! and marks it settled. Who may do which is decided here, on the server, and each is logged.

use rusqlite::{OptionalExtension, params};

use super::Office;
use super::audit::append;
use super::users::{Role, User};
use super::workflow::Refused;
use crate::error::Error;

/// Where a comment points: a field, and or a passage of a document.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Anchor {
    /// The field, as a JSON pointer into the record (empty: the record as a whole).
    #[serde(default)]
    pub field: String,
    /// A passage quoted from a document's preview.
    #[serde(default)]
    pub passage: String,
    /// The document the passage is in (its output name).
    #[serde(default)]
    pub document: String,
}

/// An answer in a comment's thread.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Answer {
    /// Who wrote it.
    pub author: String,
    /// When.
    pub at: String,
    /// What.
    pub text: String,
}

/// A comment and its answers.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Thread {
    /// Its number.
    pub id: i64,
    /// What it points at.
    #[serde(flatten)]
    pub anchor: Anchor,
    /// Who wrote it.
    pub author: String,
    /// When.
    pub at: String,
    /// What.
    pub text: String,
    /// Who settled it (empty while open).
    pub resolved_by: String,
    /// When.
    pub resolved_at: String,
    /// The answers, oldest first.
    pub answers: Vec<Answer>,
}

/// Who may open a comment: the leader who reads the draft (and the administrator).
const COMMENTERS: &[Role] = &[Role::Leader, Role::Admin];
/// Who may answer or settle one: the drafter and the leader.
const ANSWERERS: &[Role] = &[Role::Drafter, Role::Leader, Role::Admin];

impl Office {
    /// `user` comments `text` on `anchor` of the record at `path`; its number.
    pub fn comment(
        &self,
        user: &User,
        path: &str,
        anchor: &Anchor,
        text: &str,
        address: &str,
    ) -> Result<Result<i64, Refused>, Error> {
        if !COMMENTERS.contains(&user.role) {
            return Ok(Err(Refused::Role));
        }
        if text.trim().is_empty() {
            return Ok(Err(Refused::Empty));
        }
        let id = self.transaction(|db| {
            let inserted = db
                .execute(
                    "INSERT INTO comments (path, field, passage, document, author, at, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![path, anchor.field, anchor.passage.trim(), anchor.document, user.name, super::now(), text.trim()],
                )
                .and_then(|_| {
                    let id = db.last_insert_rowid();
                    let target = format!("{path}#{id}: {}", text.trim());
                    append(db, &user.name, "comment", &target, address, "").map(|()| id)
                });
            inserted.map_err(|e| self.error(&e))
        })?;
        Ok(Ok(id))
    }

    /// `user` answers comment `id` on the record at `path`.
    pub fn answer(
        &self,
        user: &User,
        path: &str,
        id: i64,
        text: &str,
        address: &str,
    ) -> Result<Result<(), Refused>, Error> {
        if !ANSWERERS.contains(&user.role) {
            return Ok(Err(Refused::Role));
        }
        if text.trim().is_empty() {
            return Ok(Err(Refused::Empty));
        }
        if !self.thread_exists(path, id)? {
            return Ok(Err(Refused::Missing));
        }
        self.transaction(|db| {
            let inserted = db
                .execute(
                    "INSERT INTO comments (path, parent, author, at, text) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![path, id, user.name, super::now(), text.trim()],
                )
                .and_then(|_| {
                    append(
                        db,
                        &user.name,
                        "answer",
                        &format!("{path}#{id}: {}", text.trim()),
                        address,
                        "",
                    )
                });
            inserted.map_err(|e| self.error(&e))
        })?;
        Ok(Ok(()))
    }

    /// `user` settles comment `id` on the record at `path`.
    pub fn resolve(&self, user: &User, path: &str, id: i64, address: &str) -> Result<Result<(), Refused>, Error> {
        if !ANSWERERS.contains(&user.role) {
            return Ok(Err(Refused::Role));
        }
        if !self.thread_exists(path, id)? {
            return Ok(Err(Refused::Missing));
        }
        self.db
            .execute(
                "UPDATE comments SET resolved_by = ?1, resolved_at = ?2 WHERE id = ?3 AND resolved_by = ''",
                params![user.name, super::now(), id],
            )
            .map_err(|e| self.error(&e))?;
        self.record(&user.name, "resolve", &format!("{path}#{id}"), address)?;
        Ok(Ok(()))
    }

    fn thread_exists(&self, path: &str, id: i64) -> Result<bool, Error> {
        self.db
            .query_row(
                "SELECT 1 FROM comments WHERE id = ?1 AND path = ?2 AND parent IS NULL",
                params![id, path],
                |_| Ok(()),
            )
            .optional()
            .map(|found| found.is_some())
            .map_err(|e| self.error(&e))
    }

    /// The comments on the record at `path`, oldest first, each with its answers.
    pub fn comments(&self, path: &str) -> Result<Vec<Thread>, Error> {
        let mut statement = self
            .db
            .prepare(
                "SELECT id, parent, field, passage, document, author, at, text, resolved_by, resolved_at
                 FROM comments WHERE path = ?1 ORDER BY id",
            )
            .map_err(|e| self.error(&e))?;
        let rows: Vec<(Option<i64>, Thread)> = statement
            .query_map([path], |r| {
                Ok((
                    r.get(1)?,
                    Thread {
                        id: r.get(0)?,
                        anchor: Anchor {
                            field: r.get(2)?,
                            passage: r.get(3)?,
                            document: r.get(4)?,
                        },
                        author: r.get(5)?,
                        at: r.get(6)?,
                        text: r.get(7)?,
                        resolved_by: r.get(8)?,
                        resolved_at: r.get(9)?,
                        answers: Vec::new(),
                    },
                ))
            })
            .and_then(Iterator::collect)
            .map_err(|e| self.error(&e))?;
        let mut threads: Vec<Thread> = Vec::new();
        for (parent, row) in rows {
            match parent.and_then(|p| threads.iter_mut().find(|t| t.id == p)) {
                Some(thread) => thread.answers.push(Answer {
                    author: row.author,
                    at: row.at,
                    text: row.text,
                }),
                None => threads.push(row),
            }
        }
        Ok(threads)
    }

    /// How many comments are still open, per record.
    pub fn open_comments(&self) -> Result<Vec<(String, i64)>, Error> {
        let mut statement = self
            .db
            .prepare("SELECT path, COUNT(*) FROM comments WHERE parent IS NULL AND resolved_by = '' GROUP BY path")
            .map_err(|e| self.error(&e))?;
        statement
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(Iterator::collect)
            .map_err(|e| self.error(&e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leader_comments_a_drafter_answers_and_settles() {
        let dir = tempfile::tempdir().unwrap();
        let office = Office::open(dir.path(), true).unwrap().unwrap();
        let (lan, hai, mai) = (
            User::new("lan", Role::Drafter),
            User::new("hai", Role::Leader),
            User::new("mai", Role::Clerk),
        );
        let on = Anchor {
            field: "/conclusions/directives/1".into(),
            ..Anchor::default()
        };
        assert_eq!(
            office.comment(&lan, "a.yaml", &on, "x", "").unwrap(),
            Err(Refused::Role)
        );
        assert_eq!(
            office.comment(&hai, "a.yaml", &on, "  ", "").unwrap(),
            Err(Refused::Empty)
        );
        let id = office
            .comment(&hai, "a.yaml", &on, "Ghi rõ thời hạn", "")
            .unwrap()
            .unwrap();
        assert_eq!(office.answer(&mai, "a.yaml", id, "x", "").unwrap(), Err(Refused::Role));
        assert_eq!(
            office.answer(&lan, "b.yaml", id, "x", "").unwrap(),
            Err(Refused::Missing)
        );
        office
            .answer(&lan, "a.yaml", id, "Đã ghi: trước 30/6", "")
            .unwrap()
            .unwrap();
        assert_eq!(office.open_comments().unwrap(), vec![("a.yaml".to_string(), 1)]);
        office.resolve(&lan, "a.yaml", id, "").unwrap().unwrap();
        let threads = office.comments("a.yaml").unwrap();
        assert_eq!(threads.len(), 1);
        assert_eq!(threads[0].anchor, on);
        assert_eq!((threads[0].resolved_by.as_str(), threads[0].answers.len()), ("lan", 1));
        assert!(office.open_comments().unwrap().is_empty());
        assert_eq!(office.verify_log().unwrap().0, 3);
    }
}
