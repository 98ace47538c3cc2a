//! Signatures prepared for a token on the signer's own PC, between the page's two requests:
//! under `FOLDER/.vanban/ky-tren-may/`, each under an unguessable id (32 random bytes), the
//! prepared PDF and its state (`sign::state`, never a key) and who asked: the person, a hash
//! of their session, the archive entry and file, the hash of the file prepared, and when the
//! id expires. An id serves its own session only, once, for ten minutes.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::pin_guard::As;
use crate::error::Error;

/// The folder under `.vanban/`.
pub const DIR: &str = "ky-tren-may";
/// How long a prepared signature waits for the token's signature.
pub const LIFETIME: Duration = Duration::from_secs(600);

/// Who prepared a signature, on what, until when.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pending {
    /// The person's name ("" when the folder has no users).
    pub user: String,
    /// SHA-256 (hex) of the session cookie ("" without one).
    pub session: String,
    /// As the person or the agency.
    #[serde(rename = "as")]
    pub mark: As,
    /// The archive entry.
    pub entry: String,
    /// The file prepared.
    pub file: String,
    /// The signed copy it becomes.
    pub copy: String,
    /// SHA-256 (hex) of the file as it was prepared: signed since, it is prepared again.
    pub source: String,
    /// Seconds since 1970 after which the id is refused.
    pub expires: u64,
}

/// What an id stands for, for the person and session asking.
#[derive(Debug)]
pub enum Found {
    /// Theirs, in time.
    Ready(Pending),
    /// No such id (never made, finished, or malformed).
    Unknown,
    /// Past its time (removed now).
    Expired,
    /// Another person's, or another session's.
    NotYours,
}

/// The prepared signatures of a working folder.
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// The store of the working folder `folder`.
    pub fn at(folder: &Path) -> Store {
        Store {
            dir: folder.join(crate::office::DIR).join(DIR),
        }
    }

    /// The prepared PDF of `id` (its state is beside it).
    pub fn pdf(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.pdf"))
    }

    fn pending(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.json"))
    }

    /// A new id, and the folder made (the owner's alone).
    pub fn new_id(&self) -> Result<String, Error> {
        let made = std::fs::create_dir_all(&self.dir).and_then(|()| {
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::set_permissions(&self.dir, std::fs::Permissions::from_mode(0o700))
        });
        made.map_err(|e| Error::Write {
            path: self.dir.clone(),
            detail: e.to_string(),
        })?;
        super::security::generate_token()
    }

    /// Keeps who asked for `id` (the PDF and its state are written by `sign::state::save`).
    pub fn keep(&self, id: &str, pending: &Pending) -> Result<(), Error> {
        let text = serde_json::to_vec_pretty(pending).unwrap_or_default();
        crate::output::write_atomic(&self.pending(id), &text)
    }

    /// What `id` stands for when `user` in `session` asks now.
    pub fn find(&self, id: &str, user: &str, session: &str) -> Found {
        if id.len() != 64 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Found::Unknown;
        }
        let Some(pending) = std::fs::read(self.pending(id))
            .ok()
            .and_then(|text| serde_json::from_slice::<Pending>(&text).ok())
        else {
            return Found::Unknown;
        };
        if pending.user != user || pending.session != session {
            return Found::NotYours;
        }
        if now() >= pending.expires {
            self.remove(id);
            return Found::Expired;
        }
        Found::Ready(pending)
    }

    /// Removes `id`'s files.
    pub fn remove(&self, id: &str) {
        let pdf = self.pdf(id);
        let _ = std::fs::remove_file(crate::sign::state::path_of(&pdf));
        let _ = std::fs::remove_file(&pdf);
        let _ = std::fs::remove_file(self.pending(id));
    }

    /// Removes every id past its time (a prepared signature nobody finished).
    pub fn sweep(&self) {
        let Ok(names) = std::fs::read_dir(&self.dir) else {
            return;
        };
        let now = now();
        for name in names.flatten() {
            let name = name.file_name().to_string_lossy().into_owned();
            let Some(id) = name.strip_suffix(".json").filter(|id| id.len() == 64) else {
                continue;
            };
            let expired = std::fs::read(self.pending(id))
                .ok()
                .and_then(|text| serde_json::from_slice::<Pending>(&text).ok())
                .is_none_or(|p| now >= p.expires);
            if expired {
                self.remove(id);
            }
        }
    }
}

/// Seconds since 1970.
pub fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// SHA-256 of `bytes`, hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending(expires: u64) -> Pending {
        Pending {
            user: "hai".into(),
            session: "s1".into(),
            mark: As::Person,
            entry: "e".into(),
            file: "f.pdf".into(),
            copy: "f-da-ky.pdf".into(),
            source: String::new(),
            expires,
        }
    }

    #[test]
    fn an_id_serves_its_own_session_until_it_expires() {
        let folder = tempfile::tempdir().unwrap();
        let store = Store::at(folder.path());
        let id = store.new_id().unwrap();
        store.keep(&id, &pending(now() + 60)).unwrap();
        assert!(matches!(store.find(&id, "hai", "s1"), Found::Ready(_)));
        assert!(matches!(store.find(&id, "mai", "s1"), Found::NotYours));
        assert!(matches!(store.find(&id, "hai", "s2"), Found::NotYours));
        assert!(matches!(store.find("../x", "hai", "s1"), Found::Unknown));
        store.keep(&id, &pending(now() - 1)).unwrap();
        assert!(matches!(store.find(&id, "hai", "s1"), Found::Expired));
        assert!(matches!(store.find(&id, "hai", "s1"), Found::Unknown));
    }
}
