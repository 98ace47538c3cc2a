//! `--pkcs11 auto`: the PKCS#11 modules this machine has, and the one with a token plugged in.
//!
//! A module is looked for in the places of [`PLACES`], each with where it comes from. The
//! Vietnamese CAs' own modules (VNPT-CA, Viettel-CA, FPT-CA, BKAV-CA …) are found only when
//! their installer registers them with p11-kit, as Linux distributions register theirs: no CA
//! publishes the file names and install places of its module, and the lists that circulate
//! in other projects disagree with each other, so none is guessed here. On Windows there is
//! no such registry: give the module's path.

use std::path::{Path, PathBuf};

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};

use super::token_problem::TokenProblem;

/// Where modules are looked for, and where each place comes from.
pub const PLACES: &[(&str, &str)] = &[
    (
        "/etc/pkcs11/modules/*.module",
        "p11-kit, \"Module Configuration\" (p11-glue.freedesktop.org/doc/p11-kit/config.html): the system's module registrations; the line `module:` names the file",
    ),
    (
        "/usr/share/p11-kit/modules/*.module",
        "p11-kit, the same: where packages register theirs (Debian's opensc-pkcs11 and softhsm2 do)",
    ),
    (
        "~/.config/pkcs11/modules/*.module",
        "p11-kit, the same: the user's own registrations",
    ),
    (
        "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so",
        "Debian package opensc-pkcs11 (its file list): OpenSC, which reads many smart cards and tokens",
    ),
];

/// Where p11-kit looks for a module named without a folder. A registration marked
/// `trust-policy: yes` (p11-kit's trust module, whose "tokens" are the system's trust
/// anchors) is passed over.
const MODULE_FOLDERS: &[&str] = &[
    "/usr/lib/x86_64-linux-gnu/pkcs11",
    "/usr/lib64/pkcs11",
    "/usr/lib/pkcs11",
];

/// A module found, and the place that named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The module file.
    pub module: PathBuf,
    /// The registration file or table entry that named it.
    pub from: String,
}

/// Every module the places name that exists, once each, in the order of [`PLACES`].
pub fn candidates() -> Vec<Found> {
    let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_default();
    let mut found: Vec<Found> = Vec::new();
    for (place, _) in PLACES {
        let place = match place.strip_prefix("~/") {
            Some(rest) => home.join(rest),
            None => PathBuf::from(place),
        };
        let named: Vec<(PathBuf, String)> = match place.to_str().and_then(|p| p.strip_suffix("/*.module")) {
            Some(folder) => registrations(Path::new(folder)),
            None => vec![(place.clone(), place.display().to_string())],
        };
        for (module, from) in named {
            // A registration often names a link to a file another place names too.
            let Ok(module) = module.canonicalize() else { continue };
            if module.is_file() && !found.iter().any(|f| f.module == module) {
                found.push(Found { module, from });
            }
        }
    }
    found
}

/// The modules the `*.module` files of `folder` name, with each file's path.
fn registrations(folder: &Path) -> Vec<(PathBuf, String)> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "module"))
        .collect();
    files.sort();
    files
        .into_iter()
        .filter_map(|file| {
            let text = std::fs::read_to_string(&file).ok()?;
            // p11-kit's own trust module shows the system's trust anchors as tokens: no key.
            let trust = text.lines().any(|l| {
                l.trim()
                    .strip_prefix("trust-policy:")
                    .is_some_and(|v| v.trim() == "yes")
            });
            if trust {
                return None;
            }
            let named = text
                .lines()
                .find_map(|l| l.trim().strip_prefix("module:"))
                .map(str::trim)
                .filter(|m| !m.is_empty())?;
            let module = if Path::new(named).is_absolute() {
                PathBuf::from(named)
            } else {
                MODULE_FOLDERS
                    .iter()
                    .map(|f| Path::new(f).join(named))
                    .find(|p| p.is_file())?
            };
            Some((module, file.display().to_string()))
        })
        .collect()
}

/// How many tokens are plugged in under `module` (none when it cannot be loaded).
fn tokens(module: &Path) -> usize {
    let Ok(pkcs11) = Pkcs11::new(module) else { return 0 };
    if pkcs11
        .initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK))
        .is_err()
    {
        return 0;
    }
    let count = pkcs11.get_slots_with_initialized_token().map_or(0, |s| s.len());
    let _ = pkcs11.finalize();
    count
}

/// The one module with a token plugged in.
pub fn find() -> Result<Found, TokenProblem> {
    let all = candidates();
    let with_token: Vec<&Found> = all.iter().filter(|f| tokens(&f.module) > 0).collect();
    let list = |found: &[&Found]| {
        found
            .iter()
            .map(|f| f.module.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match with_token.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(TokenProblem::NoModule {
            tried: list(&all.iter().collect::<Vec<_>>()),
        }),
        many => Err(TokenProblem::WhichModule { found: list(many) }),
    }
}

/// The module `module` names: itself, or with `auto` the one [`find`] finds, and that one's
/// finding (for the user to be told).
pub fn resolve(module: &Path) -> Result<(PathBuf, Option<Found>), crate::error::Error> {
    if module != Path::new("auto") {
        return Ok((module.to_path_buf(), None));
    }
    let found = find().map_err(|p| super::problem(module, super::SignProblem::Token(p)))?;
    Ok((found.module.clone(), Some(found)))
}
