//! `vanban users` and `vanban audit`: the office's people, and the trail of what they did.

use std::path::Path;

use crate::args::{AuditCommand, UsersCommand};
use crate::error::Error;
use crate::office::audit::Filter;
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
        AuditCommand::Verify { folder } => {
            let office = open(folder, false)?;
            let (entries, last) = office.verify_log()?;
            say!("{}", Say::AuditIntact { entries, last: &last }.to(lang));
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
            for e in office.entries(&filter)? {
                say!(
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    e.seq,
                    e.at,
                    e.user,
                    e.action,
                    e.target,
                    e.address
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

/// Who acts from the command line: `cli:<login name>`.
fn cli_user() -> String {
    format!("cli:{}", std::env::var("USER").unwrap_or_else(|_| "?".into()))
}
