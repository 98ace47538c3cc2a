//! `vanban users` and `vanban audit`: the office's people, and the trail of what they did.

use std::path::Path;

use crate::args::{AuditCommand, UsersCommand};
use crate::error::Error;
use crate::office::audit::{Filter, escaped};
use crate::office::{Office, OfficeProblem};
use crate::problem::Lang;
use crate::problem::say::Say;

use super::say;

/// Runs a `users` command; every change goes into the audit log as the command line's.
pub fn users(command: &UsersCommand, lang: Lang) -> Result<(), Error> {
    match command {
        UsersCommand::Add {
            name,
            role,
            folder,
            password_env,
        } => {
            let password = password(folder, password_env.as_deref())?;
            let office = open(folder, true)?;
            office.add_user(name, *role, &password)?;
            office.record(&cli_user(), "user-add", &format!("{name} ({})", role.name()), "cli")?;
            say!(
                "{}",
                Say::UserAdded {
                    name,
                    role: role.name()
                }
                .to(lang)
            );
        }
        UsersCommand::List { folder } => {
            let office = open(folder, false)?;
            for user in office.users()? {
                let state = if user.disabled {
                    Say::Disabled.to(lang)
                } else {
                    String::new()
                };
                say!("{}\t{}\t{state}", user.name, user.role.name());
            }
        }
        UsersCommand::Disable { name, folder } => {
            let office = open(folder, false)?;
            office.disable(name)?;
            office.record(&cli_user(), "user-disable", name, "cli")?;
        }
        UsersCommand::SetRole { name, role, folder } => {
            let office = open(folder, false)?;
            office.set_role(name, *role)?;
            office.record(&cli_user(), "user-role", &format!("{name} ({})", role.name()), "cli")?;
        }
        UsersCommand::SetCsc {
            name,
            credential,
            folder,
        } => {
            let office = open(folder, false)?;
            office.set_csc(name, credential)?;
            office.record(
                &cli_user(),
                "user-csc",
                &format!("{name} ({})", credential.trim()),
                "cli",
            )?;
        }
        UsersCommand::Remove { name, folder } => {
            let office = open(folder, false)?;
            office.remove(name)?;
            office.record(&cli_user(), "user-remove", name, "cli")?;
        }
        UsersCommand::ResetPassword {
            name,
            folder,
            password_env,
        } => {
            let password = password(folder, password_env.as_deref())?;
            let office = open(folder, false)?;
            office.reset_password(name, &password)?;
            office.record(&cli_user(), "user-password", name, "cli")?;
        }
    }
    Ok(())
}

/// Runs an `audit` command.
pub fn audit(command: &AuditCommand, lang: Lang) -> Result<(), Error> {
    match command {
        AuditCommand::Verify { folder, archive_dir } => {
            let office = open(folder, false)?;
            let issued = match archive_dir {
                Some(dir) => issued_anchors(dir)?,
                None => Vec::new(),
            };
            let verified = office.verify_trail(&issued)?;
            let said = Say::AuditIntact {
                entries: verified.entries,
                last: &verified.last,
                anchors: verified.anchors,
            };
            say!("{}", said.to(lang));
        }
        AuditCommand::Anchor { folder, tsa } => {
            let office = open(folder, false)?;
            let anchor = office.anchor(&cli_user(), |digest| match tsa {
                Some(url) => crate::sign::timestamp::fetch_for(url, digest)
                    .map(Some)
                    .map_err(|problem| Error::Feature {
                        path: folder.join(crate::office::DIR),
                        problem: Box::new(problem),
                    }),
                None => Ok(None),
            })?;
            let said = Say::AuditAnchored {
                seq: anchor.seq,
                last: &anchor.hash,
                stamped: anchor.timestamp.is_some(),
            };
            say!("{}", said.to(lang));
        }
        AuditCommand::List {
            folder,
            user,
            record,
            since,
        } => {
            let office = open(folder, false)?;
            let filter = Filter {
                user: user.clone(),
                target: record.clone(),
                since: since.map(|d| d.to_string()),
            };
            // Every field escaped: a name with a newline cannot print as an entry of its own.
            for e in office.entries(&filter)? {
                say!(
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    e.seq,
                    escaped(&e.at),
                    escaped(&e.user),
                    escaped(&e.action),
                    escaped(&e.target),
                    escaped(&e.address)
                );
            }
        }
    }
    Ok(())
}

fn open(folder: &Path, create: bool) -> Result<Office, Error> {
    Office::open(folder, create)?.ok_or_else(|| Error::Feature {
        path: folder.join(crate::office::DIR),
        problem: Box::new(OfficeProblem::NoOffice),
    })
}

/// The password from the variable `env` names, else typed twice on the terminal.
fn password(folder: &Path, env: Option<&str>) -> Result<String, Error> {
    if let Some(name) = env {
        return std::env::var(name).map_err(|_| Error::VariableUnset { name: name.to_string() });
    }
    let prompt = |label: &str| {
        rpassword::prompt_password(label).map_err(|e| Error::Read {
            path: "/dev/tty".into(),
            detail: e.to_string(),
        })
    };
    let first = prompt("Mật khẩu / Password: ")?;
    let second = prompt("Nhập lại / Again: ")?;
    if first != second {
        return Err(Error::Feature {
            path: folder.join(crate::office::DIR),
            problem: Box::new(OfficeProblem::PasswordsDiffer),
        });
    }
    Ok(first)
}

/// Each issued entry's log head, as an anchor named by its entry.
fn issued_anchors(dir: &Path) -> Result<Vec<crate::office::anchor::Anchor>, Error> {
    let archive = crate::archive::Archive::open_existing(dir)?;
    Ok(archive
        .approvals()?
        .into_iter()
        .map(|(entry, a)| crate::office::anchor::Anchor {
            seq: a.audit_seq,
            hash: a.audit_hash,
            at: a.issued_at,
            source: entry,
            timestamp: None,
        })
        .collect())
}

/// Who acts from the command line: `cli:<the system user's name>`, read from the operating
/// system's user database for the process's user (not from `$USER`, which anyone sets).
pub(crate) fn cli_user() -> String {
    use std::os::unix::fs::MetadataExt;
    // `/proc/self` belongs to the process's user.
    let Ok(uid) = std::fs::metadata("/proc/self").map(|m| m.uid()) else {
        return "cli:?".to_string();
    };
    let name = system_user_name(uid).unwrap_or_else(|| format!("uid{uid}"));
    format!("cli:{name}")
}

/// The name of user `uid` in `/etc/passwd`.
fn system_user_name(uid: u32) -> Option<String> {
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let cells: Vec<&str> = line.split(':').collect();
        (cells.get(2)?.parse::<u32>().ok()? == uid).then(|| cells[0].to_string())
    })
}
