//! A record's way through the office: Dự thảo → (trình) Chờ duyệt → (trả lại, with a
//! reason) Dự thảo, or (duyệt) Đã duyệt → (cấp số, ban hành) Đã ban hành. Who may take each
//! step is decided here, on the server; every step goes into the audit log. Every save
//! keeps a version of the text.

use rusqlite::{Connection, OptionalExtension, params};

use super::users::Role;
use super::{Office, OfficeProblem};
use crate::error::Error;

/// Where a record stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub enum State {
    /// Dự thảo: being written.
    #[default]
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
    /// Đã ký: a signer's signature is on an issued document of it (set by signing, not a step).
    #[serde(rename = "da-ky")]
    Signed,
}

impl State {
    fn name(self) -> &'static str {
        match self {
            State::Draft => "du-thao",
            State::Submitted => "cho-duyet",
            State::Approved => "da-duyet",
            State::Issued => "da-ban-hanh",
            State::Signed => "da-ky",
        }
    }

    /// Whether the record is filed: issued, and perhaps signed since; nothing changes it.
    pub fn is_filed(self) -> bool {
        matches!(self, State::Issued | State::Signed)
    }

    fn parse(name: &str) -> State {
        [State::Submitted, State::Approved, State::Issued, State::Signed]
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

    /// Whether a person with `role` may take it.
    pub fn allows(self, role: Role) -> bool {
        self.rule().2.contains(&role)
    }

    /// The state it starts from, the state it leads to, and who may take it.
    pub(super) fn rule(self) -> (State, State, &'static [Role]) {
        match self {
            Step::Submit => (State::Draft, State::Submitted, &[Role::Drafter, Role::Admin]),
            Step::Return => (State::Submitted, State::Draft, &[Role::Leader, Role::Admin]),
            Step::Approve => (State::Submitted, State::Approved, &[Role::Leader, Role::Admin]),
            Step::Issue => (State::Approved, State::Issued, &[Role::Clerk, Role::Admin]),
        }
    }
}

/// A record's state, who set it, when, and why (a return's reason); the version under
/// review and the version approved, by number and hash.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Standing {
    /// The state.
    pub state: State,
    /// Who set it (empty for a record never submitted).
    pub by: String,
    /// When.
    pub at: String,
    /// The reason of a return.
    pub reason: String,
    /// The last version kept when the state was set: the version under review while it is
    /// submitted (a returned draft's changes are counted from it).
    pub version: i64,
    /// The hash of the record (and the files it names) as submitted.
    pub sha256: String,
    /// The version approved (0 before an approval).
    pub approved_version: i64,
    /// The hash of the record (and the files it names) as approved: what issuing checks.
    pub approved_sha256: String,
    /// The hash of the documents laid out from it, as the leader saw them.
    pub layout_sha256: String,
}

/// The record as a step carries it: its text, the hash of its bytes and of the files it
/// names, and the hash of the documents laid out from it.
#[derive(Debug, Clone, Copy)]
pub struct Content<'a> {
    /// The record's text.
    pub text: &'a str,
    /// The hash of the record and the files it names.
    pub sha256: &'a str,
    /// The hash of its documents as laid out.
    pub layout: &'a str,
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
    /// The record differs from the version approved (`true`) or submitted (`false`).
    Changed(bool),
}

const STANDING: &str =
    "SELECT state, by, at, reason, version, sha256, approved_version, approved_sha256, layout_sha256, path
     FROM states";

fn standing_row(r: &rusqlite::Row) -> rusqlite::Result<Standing> {
    Ok(Standing {
        state: State::parse(&r.get::<_, String>(0)?),
        by: r.get(1)?,
        at: r.get(2)?,
        reason: r.get(3)?,
        version: r.get(4)?,
        sha256: r.get(5)?,
        approved_version: r.get(6)?,
        approved_sha256: r.get(7)?,
        layout_sha256: r.get(8)?,
    })
}

pub(super) fn standing_in(db: &Connection, path: &str) -> rusqlite::Result<Standing> {
    let row = db
        .query_row(&format!("{STANDING} WHERE path = ?1"), [path], standing_row)
        .optional()?;
    Ok(row.unwrap_or_default())
}

/// Sets the state of `path` to `standing`'s, by `by` now.
pub(super) fn set_state(db: &Connection, path: &str, s: &Standing) -> rusqlite::Result<()> {
    db.execute(
        "INSERT INTO states (path, state, by, at, reason, version, sha256, approved_version, approved_sha256, layout_sha256)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT(path) DO UPDATE SET state = ?2, by = ?3, at = ?4, reason = ?5, version = ?6, sha256 = ?7,
           approved_version = ?8, approved_sha256 = ?9, layout_sha256 = ?10",
        params![
            path,
            s.state.name(),
            s.by,
            s.at,
            s.reason,
            s.version,
            s.sha256,
            s.approved_version,
            s.approved_sha256,
            s.layout_sha256
        ],
    )
    .map(drop)
}

/// Keeps `text` as the next version of `path` (unless it is the last one already); its number.
pub(super) fn keep_version(db: &Connection, by: &str, path: &str, text: &str) -> rusqlite::Result<(i64, bool)> {
    let last: Option<(i64, String)> = db
        .query_row(
            "SELECT seq, text FROM versions WHERE path = ?1 ORDER BY seq DESC LIMIT 1",
            [path],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((seq, last)) = &last
        && last == text
    {
        return Ok((*seq, false));
    }
    let seq = last.map_or(1, |(seq, _)| seq + 1);
    db.execute(
        "INSERT INTO versions (path, seq, text, by, at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![path, seq, text, by, super::now()],
    )?;
    Ok((seq, true))
}

impl Office {
    /// Where the record at `path` stands.
    pub fn standing(&self, path: &str) -> Result<Standing, Error> {
        standing_in(&self.db, path).map_err(|e| self.error(&e))
    }

    /// Every record that has a state other than the first, and where it stands.
    pub fn standings(&self) -> Result<Vec<(String, Standing)>, Error> {
        let mut statement = self
            .db
            .prepare(&format!("{STANDING} ORDER BY path"))
            .map_err(|e| self.error(&e))?;
        statement
            .query_map([], |r| Ok((r.get(9)?, standing_row(r)?)))
            .and_then(Iterator::collect)
            .map_err(|e| self.error(&e))
    }

    /// The archive entries each issued record was filed as, from the log's last issue of it
    /// (the record's own entry first, then its assessments'): `(path, entries)`.
    pub fn issued_entries(&self) -> Result<Vec<(String, Vec<String>)>, Error> {
        let mut statement = self
            .db
            .prepare("SELECT target FROM audit WHERE action = 'issue' ORDER BY seq")
            .map_err(|e| self.error(&e))?;
        let rows: Vec<String> = statement
            .query_map([], |r| r.get(0))
            .and_then(Iterator::collect)
            .map_err(|e| self.error(&e))?;
        let mut found: Vec<(String, Vec<String>)> = Vec::new();
        for target in rows {
            // An issue is logged as `path: entry, entry`.
            let Some((path, ids)) = target.rsplit_once(": ") else {
                continue;
            };
            let ids = ids.split(", ").map(str::to_string).collect();
            found.retain(|(p, _)| p != path);
            found.push((path.to_string(), ids));
        }
        Ok(found)
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
            Refused::Changed(approved) => OfficeProblem::ChangedSince { approved: *approved },
        }
    }
}
