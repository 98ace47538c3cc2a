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
        if name.is_empty() || name.chars().any(char::is_control) {
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

    /// Disables `name` (they can no longer log in; their trail stays).
    pub fn disable(&self, name: &str) -> Result<(), Error> {
        let changed = self
            .db
            .execute("UPDATE users SET disabled = 1 WHERE name = ?1", [name])
            .map_err(|e| self.error(&e))?;
        if changed == 0 {
            return Err(feature(OfficeProblem::NoSuchUser(name.to_string())));
        }
        Ok(())
    }

    /// Gives `name` a new password (and enables the account again).
    pub fn reset_password(&self, name: &str, password: &str) -> Result<(), Error> {
        check_password(password)?;
        let hash = hash(password)?;
        let changed = self
            .db
            .execute(
                "UPDATE users SET hash = ?2, disabled = 0 WHERE name = ?1",
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
        let row = self
            .db
            .query_row("SELECT role, hash, disabled FROM users WHERE name = ?1", [name], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, bool>(2)?))
            })
            .optional()
            .map_err(|e| self.error(&e))?;
        // An unknown name costs as much time as a wrong password: the answer says nothing
        // about which names exist.
        let stored = row.as_ref().map_or(DUMMY_HASH, |(_, hash, _)| hash.as_str());
        let matches = PasswordHash::new(stored)
            .is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok());
        Ok(match row {
            Some((role, _, false)) if matches => Role::parse(&role).map(|role| User {
                name: name.to_string(),
                role,
                disabled: false,
            }),
            _ => None,
        })
    }
}

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
