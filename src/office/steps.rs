//! Taking a step on a record: the state it starts from, the new state, the version kept and
//! the log's entry, read and written in one transaction ([`Office::transaction`]); a save is
//! a step too (it sends a submitted or approved record back to Dự thảo).

use rusqlite::Connection;

use super::Office;
use super::audit::version_detail;
use super::users::User;
use super::workflow::{Content, Refused, Standing, State, Step, keep_version, set_state, standing_in};
use crate::error::Error;

impl Office {
    /// Takes `step` on the record at `path` (its one canonical name) as `user`, logged with
    /// `address`; `content` is the record as it is now (a submit keeps it as the version under
    /// review, an approval freezes it, an issue must match it). One transaction: the state it
    /// starts from, the new state and the log's entry are read and written together.
    pub fn take(
        &self,
        user: &User,
        path: &str,
        step: Step,
        reason: &str,
        address: &str,
        content: Option<Content>,
    ) -> Result<Result<Standing, Refused>, Error> {
        self.transaction(|db| {
            let taken = take_in(db, user, path, step, reason, address, content);
            taken.map_err(|e| self.error(&e))
        })
    }

    /// A save of the record at `path` by `user`: refused once it is issued; a record
    /// submitted or approved goes back to Dự thảo; the text is kept as a version, and the
    /// save is logged with its hash, in one transaction with `write` (the file's write), which
    /// runs only when the save is allowed.
    pub fn saved(
        &self,
        user: &User,
        path: &str,
        text: &str,
        address: &str,
        write: impl FnOnce() -> Result<(), Error>,
    ) -> Result<Result<i64, Refused>, Error> {
        self.transaction(|db| {
            let now = standing_in(db, path).map_err(|e| self.error(&e))?;
            if now.state.is_filed() {
                return Ok(Err(Refused::State(now.state)));
            }
            write()?;
            let saved = (|| {
                if now.state != State::Draft {
                    let draft = Standing {
                        by: user.name.clone(),
                        at: super::now(),
                        ..Standing::default()
                    };
                    set_state(
                        db,
                        path,
                        &Standing {
                            version: now.version,
                            ..draft
                        },
                    )?;
                }
                let (seq, _) = keep_version(db, &user.name, path, text)?;
                super::audit::append(
                    db,
                    &user.name,
                    "save",
                    path,
                    address,
                    &version_detail(seq, text.as_bytes()),
                )?;
                Ok(seq)
            })();
            saved.map(Ok).map_err(|e: rusqlite::Error| self.error(&e))
        })
    }
}

impl Office {
    /// A signature by `user` was filed for archive entry `entry`: the record issued as that
    /// entry (by the log's last issue of it) moves from Đã ban hành to Đã ký, logged as
    /// `signed`. Its path, or none when no issued record was filed as `entry` or it is signed
    /// already.
    pub fn signed(&self, user: &str, entry: &str, address: &str) -> Result<Option<String>, Error> {
        let Some((path, _)) = self
            .issued_entries()?
            .into_iter()
            .find(|(_, ids)| ids.iter().any(|id| id == entry))
        else {
            return Ok(None);
        };
        self.transaction(|db| {
            let moved = (|| {
                let now = standing_in(db, &path)?;
                if now.state != State::Issued {
                    return Ok(None);
                }
                let signed = Standing {
                    state: State::Signed,
                    by: user.to_string(),
                    at: super::now(),
                    reason: String::new(),
                    ..now
                };
                set_state(db, &path, &signed)?;
                super::audit::append(db, user, "signed", &path, address, entry)?;
                Ok(Some(path.clone()))
            })();
            moved.map_err(|e: rusqlite::Error| self.error(&e))
        })
    }
}

/// [`Office::take`] inside its transaction.
fn take_in(
    db: &Connection,
    user: &User,
    path: &str,
    step: Step,
    reason: &str,
    address: &str,
    content: Option<Content>,
) -> rusqlite::Result<Result<Standing, Refused>> {
    let (from, to, roles) = step.rule();
    if !roles.contains(&user.role) {
        return Ok(Err(Refused::Role));
    }
    let now = standing_in(db, path)?;
    if now.state != from {
        return Ok(Err(Refused::State(now.state)));
    }
    let reason = reason.trim();
    if step == Step::Return && reason.is_empty() {
        return Ok(Err(Refused::NoReason));
    }
    let mut next = Standing {
        state: to,
        by: user.name.clone(),
        at: super::now(),
        version: now.version,
        ..Standing::default()
    };
    let mut detail = String::new();
    match (step, content) {
        (Step::Submit, Some(c)) => {
            let (seq, _) = keep_version(db, &user.name, path, c.text)?;
            (next.version, next.sha256) = (seq, c.sha256.to_string());
            detail = version_detail(seq, c.text.as_bytes());
        }
        (Step::Return, _) => next.reason = reason.to_string(),
        (Step::Approve, Some(c)) if c.sha256 != now.sha256 => return Ok(Err(Refused::Changed(false))),
        (Step::Approve, Some(c)) => {
            next.sha256 = now.sha256.clone();
            (next.approved_version, next.approved_sha256) = (now.version, c.sha256.to_string());
            next.layout_sha256 = c.layout.to_string();
            detail = format!("v{} sha256:{} layout:{}", now.version, c.sha256, c.layout);
        }
        (Step::Issue, Some(c))
            if c.sha256 != now.approved_sha256 || (!now.layout_sha256.is_empty() && c.layout != now.layout_sha256) =>
        {
            return Ok(Err(Refused::Changed(true)));
        }
        (Step::Issue, _) => {
            next = Standing {
                state: to,
                by: user.name.clone(),
                at: next.at,
                reason: String::new(),
                ..now.clone()
            };
            detail = format!("v{} sha256:{}", now.approved_version, now.approved_sha256);
        }
        // A step without the record's content is taken on what the state already holds.
        (Step::Submit | Step::Approve, None) => next.sha256 = now.sha256.clone(),
    }
    set_state(db, path, &next)?;
    let target = if reason.is_empty() {
        path.to_string()
    } else {
        format!("{path}: {reason}")
    };
    super::audit::append(db, &user.name, step.action(), &target, address, &detail)?;
    Ok(Ok(standing_in(db, path)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::office::users::Role;

    #[test]
    fn a_record_goes_from_draft_to_issued_by_the_right_hands_and_approval_freezes_it() {
        let dir = tempfile::tempdir().unwrap();
        let office = Office::open(dir.path(), true).unwrap().unwrap();
        let (lan, hai, mai) = (
            User::new("lan", Role::Drafter),
            User::new("hai", Role::Leader),
            User::new("mai", Role::Clerk),
        );
        let path = "a.yaml";
        let content = |text: &'static str| {
            Some(Content {
                text,
                sha256: text,
                layout: "l",
            })
        };
        let take = |who: &User, step, reason, text| office.take(who, path, step, reason, "", text).unwrap();
        assert_eq!(
            take(&hai, Step::Approve, "", content("v0")),
            Err(Refused::State(State::Draft))
        );
        assert!(take(&lan, Step::Submit, "", content("v0")).is_ok());
        assert_eq!(take(&lan, Step::Approve, "", content("v0")), Err(Refused::Role));
        assert_eq!(take(&hai, Step::Return, " ", None), Err(Refused::NoReason));
        let back = take(&hai, Step::Return, "Sửa kết luận 2", None).unwrap();
        assert_eq!((back.state, back.reason.as_str()), (State::Draft, "Sửa kết luận 2"));
        office.saved(&lan, path, "v1", "", || Ok(())).unwrap().unwrap();
        take(&lan, Step::Submit, "", content("v1")).unwrap();
        // The file differs from the version under review: not approved.
        assert_eq!(
            take(&hai, Step::Approve, "", content("v1b")),
            Err(Refused::Changed(false))
        );
        let approved = take(&hai, Step::Approve, "", content("v1")).unwrap();
        assert_eq!(
            (approved.approved_version, approved.approved_sha256.as_str()),
            (2, "v1")
        );
        // An approved record that is edited goes back to Dự thảo.
        office.saved(&lan, path, "v2", "", || Ok(())).unwrap().unwrap();
        assert_eq!(office.standing(path).unwrap().state, State::Draft);
        take(&lan, Step::Submit, "", content("v2")).unwrap();
        take(&hai, Step::Approve, "", content("v2")).unwrap();
        assert_eq!(take(&hai, Step::Issue, "", content("v2")), Err(Refused::Role));
        // What is issued must be what was approved.
        assert_eq!(take(&mai, Step::Issue, "", content("v3")), Err(Refused::Changed(true)));
        assert_eq!(take(&mai, Step::Issue, "", content("v2")).unwrap().state, State::Issued);
        let mut wrote = false;
        assert_eq!(
            office
                .saved(&lan, path, "v3", "", || {
                    wrote = true;
                    Ok(())
                })
                .unwrap(),
            Err(Refused::State(State::Issued))
        );
        assert!(!wrote, "an issued record's file is not written");
        assert_eq!(office.versions(path).unwrap().len(), 3);
        assert_eq!(office.version(path, 2).unwrap().as_deref(), Some("v1"));
        assert_eq!(office.verify_log().unwrap().0, 9);
    }
}
