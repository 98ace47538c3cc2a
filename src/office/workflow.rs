//! A record's way through the office: Dự thảo → (trình) Chờ duyệt → (trả lại, with a
//! reason) Dự thảo, or (duyệt) Đã duyệt → (cấp số, ban hành) Đã ban hành. Who may take each
//! step is decided here, on the server; every step goes into the audit log. Every save
//! keeps a version of the text.

use rusqlite::{OptionalExtension, params};

use super::users::{Role, User};
use super::{Office, OfficeProblem};
use crate::error::Error;

/// Where a record stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum State {
    /// Dự thảo: being written.
    #[serde(rename = "du-thao")]
    Draft,
    /// Chờ duyệt: submitted to the leader.
    #[serde(rename = "cho-duyet")]
    Submitted,
    /// Đã duyệt: approved, waiting for the văn thư.
    #[serde(rename = "da-duyet")]
    Approved,
    /// Đã ban hành: numbered, issued and filed.
    #[serde(rename = "da-ban-hanh")]
    Issued,
}

impl State {
    fn name(self) -> &'static str {
        match self {
            State::Draft => "du-thao",
            State::Submitted => "cho-duyet",
            State::Approved => "da-duyet",
            State::Issued => "da-ban-hanh",
        }
    }

    fn parse(name: &str) -> State {
        [State::Submitted, State::Approved, State::Issued]
            .into_iter()
            .find(|s| s.name() == name)
            .unwrap_or(State::Draft)
    }
}

/// A step a person takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Step {
    /// Trình: a draft to the leader.
    Submit,
    /// Trả lại: back to the drafter, with a reason.
    Return,
    /// Duyệt.
    Approve,
    /// Ban hành: numbered and filed (the văn thư, through "Lưu vào kho").
    Issue,
}

impl Step {
    /// Its name in the audit log.
    pub fn action(self) -> &'static str {
        match self {
            Step::Submit => "submit",
            Step::Return => "return",
            Step::Approve => "approve",
            Step::Issue => "issue",
        }
    }

    /// The state it starts from, the state it leads to, and who may take it.
    fn rule(self) -> (State, State, &'static [Role]) {
        match self {
            Step::Submit => (State::Draft, State::Submitted, &[Role::Drafter, Role::Admin]),
            Step::Return => (State::Submitted, State::Draft, &[Role::Leader, Role::Admin]),
            Step::Approve => (State::Submitted, State::Approved, &[Role::Leader, Role::Admin]),
            Step::Issue => (State::Approved, State::Issued, &[Role::Clerk, Role::Admin]),
        }
    }
}

/// A record's state, who set it, when, and why (a return's reason).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Standing {
    /// The state.
    pub state: State,
    /// Who set it (empty for a record never submitted).
    pub by: String,
    /// When.
    pub at: String,
    /// The reason of a return.
    pub reason: String,
    /// The last version kept when the state was set (a returned draft's changes are
    /// counted from it).
    pub version: i64,
}

/// Why a step cannot be taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// The person's role may not take it.
    Role,
    /// The record is not in the state the step starts from.
    State(State),
    /// A return needs a reason.
    NoReason,
    /// A comment or an answer without text.
    Empty,
    /// No such comment on the record.
    Missing,
}

impl Office {
    /// Where the record at `path` stands.
    pub fn standing(&self, path: &str) -> Result<Standing, Error> {
        let row = self
            .db
            .query_row(
                "SELECT state, by, at, reason, version FROM states WHERE path = ?1",
                [path],
                |r| {
                    Ok(Standing {
                        state: State::parse(&r.get::<_, String>(0)?),
                        by: r.get(1)?,
                        at: r.get(2)?,
                        reason: r.get(3)?,
                        version: r.get(4)?,
                    })
                },
            )
            .optional()
            .map_err(|e| self.error(&e))?;
        Ok(row.unwrap_or(Standing {
            state: State::Draft,
            by: String::new(),
            at: String::new(),
            reason: String::new(),
            version: 0,
        }))
    }

    /// Every record that has a state other than the first, and that state.
    pub fn states(&self) -> Result<Vec<(String, State)>, Error> {
        let mut statement = self
            .db
            .prepare("SELECT path, state FROM states ORDER BY path")
            .map_err(|e| self.error(&e))?;
        statement
            .query_map([], |r| Ok((r.get(0)?, State::parse(&r.get::<_, String>(1)?))))
            .and_then(Iterator::collect)
            .map_err(|e| self.error(&e))
    }

    /// Takes `step` on the record at `path` as `user`; logged with `address`.
    pub fn take(
        &self,
        user: &User,
        path: &str,
        step: Step,
        reason: &str,
        address: &str,
    ) -> Result<Result<Standing, Refused>, Error> {
        let (from, to, roles) = step.rule();
        if !roles.contains(&user.role) {
            return Ok(Err(Refused::Role));
        }
        let now = self.standing(path)?;
        if now.state != from {
            return Ok(Err(Refused::State(now.state)));
        }
        if step == Step::Return && reason.trim().is_empty() {
            return Ok(Err(Refused::NoReason));
        }
        self.set_state(path, to, &user.name, reason)?;
        let target = if reason.trim().is_empty() {
            path.to_string()
        } else {
            format!("{path}: {}", reason.trim())
        };
        self.record(&user.name, step.action(), &target, address)?;
        Ok(Ok(self.standing(path)?))
    }

    fn set_state(&self, path: &str, state: State, by: &str, reason: &str) -> Result<(), Error> {
        self.db
            .execute(
                "INSERT INTO states (path, state, by, at, reason, version)
                 VALUES (?1, ?2, ?3, ?4, ?5, (SELECT COALESCE(MAX(seq), 0) FROM versions WHERE path = ?1))
                 ON CONFLICT(path) DO UPDATE SET state = ?2, by = ?3, at = ?4, reason = ?5, version = excluded.version",
                params![path, state.name(), by, super::now(), reason.trim()],
            )
            .map(drop)
            .map_err(|e| self.error(&e))
    }

    /// A save of the record at `path` by `user`: refused once it is issued; a record
    /// submitted or approved goes back to Dự thảo; the text is kept as a version.
    pub fn saved(&self, user: &User, path: &str, text: &str) -> Result<Result<(), Refused>, Error> {
        let now = self.standing(path)?;
        match now.state {
            State::Issued => return Ok(Err(Refused::State(State::Issued))),
            State::Submitted | State::Approved => self.set_state(path, State::Draft, &user.name, "")?,
            State::Draft => {}
        }
        self.keep_version(user, path, text)?;
        Ok(Ok(()))
    }

    /// Keeps `text` as the next version of the record at `path` (unless it is the last
    /// one already): on every save, and as submitted, so that a returned draft can show
    /// what changed since the leader read it.
    pub fn keep_version(&self, user: &User, path: &str, text: &str) -> Result<(), Error> {
        let last: Option<String> = self
            .db
            .query_row(
                "SELECT text FROM versions WHERE path = ?1 ORDER BY seq DESC LIMIT 1",
                [path],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.error(&e))?;
        if last.as_deref() == Some(text) {
            return Ok(());
        }
        self.db
            .execute(
                "INSERT INTO versions (path, seq, text, by, at)
                 VALUES (?1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM versions WHERE path = ?1), ?2, ?3, ?4)",
                params![path, text, user.name, super::now()],
            )
            .map(drop)
            .map_err(|e| self.error(&e))
    }

    /// The versions of the record at `path`: number, who, when (the texts with [`Office::version`]).
    pub fn versions(&self, path: &str) -> Result<Vec<(i64, String, String)>, Error> {
        let mut statement = self
            .db
            .prepare("SELECT seq, by, at FROM versions WHERE path = ?1 ORDER BY seq")
            .map_err(|e| self.error(&e))?;
        statement
            .query_map([path], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .and_then(Iterator::collect)
            .map_err(|e| self.error(&e))
    }

    /// The text of version `seq` of the record at `path`.
    pub fn version(&self, path: &str, seq: i64) -> Result<Option<String>, Error> {
        self.db
            .query_row(
                "SELECT text FROM versions WHERE path = ?1 AND seq = ?2",
                params![path, seq],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.error(&e))
    }
}

impl Refused {
    /// The problem to show.
    pub fn problem(&self) -> OfficeProblem {
        match self {
            Refused::Role => OfficeProblem::NotYourStep,
            Refused::State(state) => OfficeProblem::WrongState(state.name()),
            Refused::NoReason => OfficeProblem::NoReason,
            Refused::Empty => OfficeProblem::EmptyComment,
            Refused::Missing => OfficeProblem::NoSuchComment,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_goes_from_draft_to_issued_by_the_right_hands() {
        let dir = tempfile::tempdir().unwrap();
        let office = Office::open(dir.path(), true).unwrap().unwrap();
        let (lan, hai, mai) = (
            User::new("lan", Role::Drafter),
            User::new("hai", Role::Leader),
            User::new("mai", Role::Clerk),
        );
        let path = "a.yaml";
        assert_eq!(
            office.take(&hai, path, Step::Approve, "", "").unwrap(),
            Err(Refused::State(State::Draft))
        );
        assert!(office.take(&lan, path, Step::Submit, "", "").unwrap().is_ok());
        assert_eq!(
            office.take(&lan, path, Step::Approve, "", "").unwrap(),
            Err(Refused::Role)
        );
        assert_eq!(
            office.take(&hai, path, Step::Return, " ", "").unwrap(),
            Err(Refused::NoReason)
        );
        let back = office
            .take(&hai, path, Step::Return, "Sửa kết luận 2", "")
            .unwrap()
            .unwrap();
        assert_eq!((back.state, back.reason.as_str()), (State::Draft, "Sửa kết luận 2"));
        office.saved(&lan, path, "v1").unwrap().unwrap();
        office.take(&lan, path, Step::Submit, "", "").unwrap().unwrap();
        office.take(&hai, path, Step::Approve, "", "").unwrap().unwrap();
        // An approved record that is edited goes back to Dự thảo.
        office.saved(&lan, path, "v2").unwrap().unwrap();
        assert_eq!(office.standing(path).unwrap().state, State::Draft);
        office.take(&lan, path, Step::Submit, "", "").unwrap().unwrap();
        office.take(&hai, path, Step::Approve, "", "").unwrap().unwrap();
        assert_eq!(
            office.take(&hai, path, Step::Issue, "", "").unwrap(),
            Err(Refused::Role)
        );
        assert_eq!(
            office.take(&mai, path, Step::Issue, "", "").unwrap().unwrap().state,
            State::Issued
        );
        assert_eq!(
            office.saved(&lan, path, "v3").unwrap(),
            Err(Refused::State(State::Issued))
        );
        assert_eq!(office.versions(path).unwrap().len(), 2);
        assert_eq!(office.version(path, 2).unwrap().as_deref(), Some("v2"));
        assert_eq!(office.verify_log().unwrap().0, 7);
    }
}
