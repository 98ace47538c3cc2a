//! The office's people: a name, a role, an Argon2id hash of the password (never the
//! password), and whether the account is disabled.

use argon2::password_hash::SaltString;
use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};
use rusqlite::{OptionalExtension, params};

use super::{Office, OfficeProblem};
use crate::error::Error;

/// What a person may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
pub enum Role {
    /// Chuyên viên soạn thảo: drafts records and their documents.
    #[value(name = "soan-thao")]
    #[serde(rename = "soan-thao")]
    Drafter,
    /// Lãnh đạo: reads, returns or approves drafts.
    #[value(name = "lanh-dao")]
    #[serde(rename = "lanh-dao")]
    Leader,
    /// Văn thư: numbers, issues and files documents.
    #[value(name = "van-thu")]
    #[serde(rename = "van-thu")]
    Clerk,
    /// Quản trị: manages the office's people.
    #[value(name = "quan-tri")]
    #[serde(rename = "quan-tri")]
    Admin,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 4] = [Role::Drafter, Role::Leader, Role::Clerk, Role::Admin];

    /// Its name, as the command line and the database write it.
    pub fn name(self) -> &'static str {
        match self {
            Role::Drafter => "soan-thao",
            Role::Leader => "lanh-dao",
            Role::Clerk => "van-thu",
            Role::Admin => "quan-tri",
        }
    }

    fn parse(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.name() == name)
    }
}

/// A person of the office.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct User {
    /// The name they log in with.
    pub name: String,
    /// Their role.
    pub role: Role,
    /// Whether they may no longer log in.
    pub disabled: bool,
}

impl User {
    /// An enabled person with `role`, as a step or a comment sees them.
    pub fn new(name: &str, role: Role) -> User {
        User {
            name: name.to_string(),
            role,
            disabled: false,
        }
    }
}

/// The Argon2id hash of `password`, with a fresh random salt.
fn hash(password: &str) -> Result<String, Error> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| Error::Read {
        path: "/dev/urandom".into(),
        detail: e.to_string(),
    })?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| feature(OfficeProblem::Hashing(e.to_string())))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| feature(OfficeProblem::Hashing(e.to_string())))
}

fn feature(problem: OfficeProblem) -> Error {
    Error::Feature {
        path: super::DIR.into(),
        problem: Box::new(problem),
    }
}

impl Office {
    /// Adds `name` with `role` and `password`; an error when the name is taken.
    pub fn add_user(&self, name: &str, role: Role, password: &str) -> Result<(), Error> {
        check_password(password)?;
        let name = name.trim();
        if name.is_empty() || name.len() > MAX_NAME_BYTES || name.chars().any(char::is_control) {
            return Err(feature(OfficeProblem::BadName(name.to_string())));
        }
        let hash = hash(password)?;
        let added = self.db.execute(
            "INSERT OR IGNORE INTO users (name, role, hash, disabled, created) VALUES (?1, ?2, ?3, 0, ?4)",
            params![name, role.name(), hash, super::now()],
        );
        match added.map_err(|e| self.error(&e))? {
            0 => Err(feature(OfficeProblem::UserExists(name.to_string()))),
            _ => Ok(()),
        }
    }

    /// Every person, in name order.
    pub fn users(&self) -> Result<Vec<User>, Error> {
        let mut statement = self
            .db
            .prepare("SELECT name, role, disabled FROM users ORDER BY name")
            .map_err(|e| self.error(&e))?;
        let rows = statement
            .query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, bool>(2)?))
            })
            .and_then(Iterator::collect::<Result<Vec<_>, _>>)
            .map_err(|e| self.error(&e))?;
        Ok(rows
            .into_iter()
            .filter_map(|(name, role, disabled)| {
                Some(User {
                    name,
                    role: Role::parse(&role)?,
                    disabled,
                })
            })
            .collect())
    }

    /// Whether anyone can log in: the workflow is on.
    pub fn has_users(&self) -> Result<bool, Error> {
        Ok(self.users()?.iter().any(|u| !u.disabled))
    }

    /// Disables `name` (they can no longer log in, their sessions end; their trail stays).
    pub fn disable(&self, name: &str) -> Result<(), Error> {
        self.change(
            name,
            "UPDATE users SET disabled = 1, stamp = stamp + 1 WHERE name = ?1",
            [name],
        )
    }

    /// Gives `name` the role `role` (their sessions end: they log in again with it).
    pub fn set_role(&self, name: &str, role: Role) -> Result<(), Error> {
        self.change(
            name,
            "UPDATE users SET role = ?2, stamp = stamp + 1 WHERE name = ?1",
            [name, role.name()],
        )
    }

    /// Gives `name` the credential `credential` at the remote signing service (`""`: none).
    pub fn set_csc(&self, name: &str, credential: &str) -> Result<(), Error> {
        self.change(
            name,
            "UPDATE users SET csc_credential = ?2 WHERE name = ?1",
            [name, credential.trim()],
        )
    }

    /// The credential of `name` at the remote signing service, if one was set.
    pub fn csc_credential(&self, name: &str) -> Result<Option<String>, Error> {
        let found: Option<String> = self
            .db
            .query_row("SELECT csc_credential FROM users WHERE name = ?1", [name], |r| r.get(0))
            .optional()
            .map_err(|e| self.error(&e))?;
        Ok(found.filter(|c| !c.is_empty()))
    }

    /// Removes `name` (their sessions end; their trail stays in the log).
    pub fn remove(&self, name: &str) -> Result<(), Error> {
        self.change(name, "DELETE FROM users WHERE name = ?1", [name])
    }

    /// Runs `sql` on the account `name`; an error when there is none.
    fn change(&self, name: &str, sql: &str, values: impl rusqlite::Params) -> Result<(), Error> {
        let changed = self.db.execute(sql, values).map_err(|e| self.error(&e))?;
        if changed == 0 {
            return Err(feature(OfficeProblem::NoSuchUser(name.to_string())));
        }
        Ok(())
    }

    /// The account `name` as it is now, and its stamp (which every change to the account
    /// moves on): a session made under another stamp is over.
    pub fn account(&self, name: &str) -> Result<Option<(User, i64)>, Error> {
        Ok(self.credentials(name)?.map(|c| (c.user, c.stamp)))
    }

    /// What a login is checked against: the account and its stored hash (`None`: no such
    /// name). Read under the office's lock; the slow check, [`password_matches`], runs after.
    pub fn credentials(&self, name: &str) -> Result<Option<Credentials>, Error> {
        let row = self
            .db
            .query_row(
                "SELECT role, hash, disabled, stamp FROM users WHERE name = ?1",
                [name],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, bool>(2)?,
                        r.get::<_, i64>(3)?,
                    ))
                },
            )
            .optional()
            .map_err(|e| self.error(&e))?;
        Ok(row.and_then(|(role, hash, disabled, stamp)| {
            Some(Credentials {
                user: User {
                    name: name.to_string(),
                    role: Role::parse(&role)?,
                    disabled,
                },
                hash,
                stamp,
            })
        }))
    }

    /// Gives `name` a new password (and enables the account again).
    pub fn reset_password(&self, name: &str, password: &str) -> Result<(), Error> {
        check_password(password)?;
        let hash = hash(password)?;
        let changed = self
            .db
            .execute(
                "UPDATE users SET hash = ?2, disabled = 0, stamp = stamp + 1 WHERE name = ?1",
                params![name, hash],
            )
            .map_err(|e| self.error(&e))?;
        if changed == 0 {
            return Err(feature(OfficeProblem::NoSuchUser(name.to_string())));
        }
        Ok(())
    }

    /// The person `name` when `password` is theirs and the account is enabled.
    pub fn verify(&self, name: &str, password: &str) -> Result<Option<User>, Error> {
        let found = self.credentials(name)?;
        let matches = password_matches(found.as_ref().map(|c| c.hash.as_str()), password);
        Ok(found.filter(|c| matches && !c.user.disabled).map(|c| c.user))
    }
}

/// An account as a login checks it.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// The person.
    pub user: User,
    /// The stored Argon2id hash.
    pub hash: String,
    /// The account's stamp.
    pub stamp: i64,
}

/// Whether `password` matches `stored` (`None`, an unknown name, is checked against a hash
/// nobody has: the time taken says nothing about which names exist). Argon2id: about 19 MiB
/// and tens of milliseconds; run it outside any lock.
pub fn password_matches(stored: Option<&str>, password: &str) -> bool {
    PasswordHash::new(stored.unwrap_or(DUMMY_HASH))
        .is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
        && stored.is_some()
}

/// The longest user name, in bytes: a longer one is refused before any other work.
pub const MAX_NAME_BYTES: usize = 256;

/// The hash of a password nobody has, verified against when a name is unknown.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$F0dMYVxz0iiwlMJgGFbGNQmHRKSUIDwUtY6OtfW6FzQ";

/// The shortest password accepted.
pub const MIN_PASSWORD: usize = 8;

fn check_password(password: &str) -> Result<(), Error> {
    if password.chars().count() < MIN_PASSWORD {
        return Err(feature(OfficeProblem::ShortPassword(MIN_PASSWORD)));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_is_stored_as_argon2id_and_checked() {
        let dir = tempfile::tempdir().unwrap();
        let office = Office::open(dir.path(), true).unwrap().unwrap();
        office.add_user("mai", Role::Clerk, "mật khẩu dài").unwrap();
        let stored: String = office.db.query_row("SELECT hash FROM users", [], |r| r.get(0)).unwrap();
        assert!(stored.starts_with("$argon2id$") && !stored.contains("mật khẩu"));
        assert_eq!(office.verify("mai", "mật khẩu dài").unwrap().unwrap().role, Role::Clerk);
        assert!(office.verify("mai", "sai").unwrap().is_none());
        assert!(office.verify("ai", "mật khẩu dài").unwrap().is_none());
        assert!(office.add_user("mai", Role::Leader, "mật khẩu khác").is_err());
        assert!(office.add_user("ngắn", Role::Leader, "ngắn").is_err());
        office.disable("mai").unwrap();
        assert!(office.verify("mai", "mật khẩu dài").unwrap().is_none());
        assert!(!office.has_users().unwrap());
        office.reset_password("mai", "mật khẩu mới 1").unwrap();
        assert!(office.verify("mai", "mật khẩu mới 1").unwrap().is_some());
    }
}
