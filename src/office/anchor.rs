//! The log's heads kept outside `office.sqlite`, so that a log rewritten by someone with the
//! database file is found. A head is the last entry's place and hash; `vanban audit anchor`
//! appends it to `.vanban/audit-anchors` (one line each, never rewritten), with an RFC 3161
//! timestamp when asked, and every issued archive entry keeps the head at its issue. Then a
//! log cut back to before an anchor, emptied, dropped or recomputed no longer has that head
//! at that place, and `verify` names the first anchor that no longer matches. What came
//! after the last anchor can still be changed unseen: anchor often.

use std::io::Write;
use std::path::PathBuf;

use super::audit::{Entry, entry, head_of};
use super::{Office, OfficeProblem};
use crate::error::Error;

/// The file of anchors, in `.vanban/`.
pub const FILE: &str = "audit-anchors";

/// A head of the log, kept somewhere the database does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    /// The entry's place.
    pub seq: i64,
    /// Its hash.
    pub hash: String,
    /// When it was anchored.
    pub at: String,
    /// Where it is kept, for messages: `audit-anchors:3` or an archive entry's id.
    pub source: String,
    /// The RFC 3161 timestamp token over the hash (DER), when one was asked for.
    pub timestamp: Option<Vec<u8>>,
}

/// What `verify` found: the entries, the last hash, and how many anchors matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// Entries in the log.
    pub entries: usize,
    /// The last entry's hash.
    pub last: String,
    /// Anchors checked (all matched).
    pub anchors: usize,
}

impl Office {
    fn anchors_file(&self) -> PathBuf {
        self.dir().join(FILE)
    }

    /// Appends the log's head to the anchors file (with `timestamp`, a token over its hash)
    /// and logs that it did; the head anchored.
    pub fn anchor(
        &self,
        by: &str,
        timestamp: impl FnOnce(&[u8]) -> Result<Option<Vec<u8>>, Error>,
    ) -> Result<Anchor, Error> {
        let (seq, hash) = head_of(&self.db).map_err(|e| self.error(&e))?;
        let token = timestamp(&hex_bytes(&hash))?;
        let anchor = Anchor {
            seq,
            hash,
            at: super::now(),
            source: String::new(),
            timestamp: token,
        };
        let line = format!(
            "{}\t{}\t{}\t{}\n",
            anchor.seq,
            anchor.hash,
            anchor.at,
            anchor.timestamp.as_deref().map(hex).unwrap_or_default()
        );
        let path = self.anchors_file();
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(Error::Link { path });
        }
        use std::os::unix::fs::OpenOptionsExt;
        let written = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .mode(0o600)
            .open(&path)
            .and_then(|mut f| f.write_all(line.as_bytes()).and_then(|()| f.sync_all()));
        written.map_err(|e| Error::Write {
            path: path.clone(),
            detail: e.to_string(),
        })?;
        self.record(by, "audit-anchor", &format!("{}:{}", anchor.seq, anchor.hash), "cli")?;
        Ok(anchor)
    }

    /// The anchors of the anchors file, oldest first (none when there is no file).
    pub fn anchors(&self) -> Result<Vec<Anchor>, Error> {
        let path = self.anchors_file();
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => {
                return Err(Error::Read {
                    path,
                    detail: e.to_string(),
                });
            }
        };
        let mut anchors = Vec::new();
        for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let cells: Vec<&str> = line.split('\t').collect();
            let seq = cells.first().and_then(|s| s.parse().ok());
            let (Some(seq), Some(hash), Some(at)) = (seq, cells.get(1), cells.get(2)) else {
                return Err(Error::Feature {
                    path: path.clone(),
                    problem: Box::new(OfficeProblem::AnchorUnreadable { line: i + 1 }),
                });
            };
            anchors.push(Anchor {
                seq,
                hash: hash.to_string(),
                at: at.to_string(),
                source: format!("{FILE}:{}", i + 1),
                timestamp: cells.get(3).filter(|t| !t.is_empty()).map(|t| hex_bytes(t)),
            });
        }
        Ok(anchors)
    }

    /// Checks the chain, then every anchor of the file and of `more` (the archive's): the
    /// log must still hold each head at its place. Then the versions and states must be the
    /// ones the log's entries hashed. An error names the first thing that does not hold.
    pub fn verify_trail(&self, more: &[Anchor]) -> Result<Verified, Error> {
        let rows = self.chain_rows();
        let (entries, last) = self.verify_rows(&rows)?;
        let mut anchors = self.anchors()?;
        anchors.extend(more.iter().cloned());
        for anchor in &anchors {
            let held = usize::try_from(anchor.seq - 1)
                .ok()
                .and_then(|i| rows.get(i))
                .is_some_and(|(entry, _, hash)| entry.seq == anchor.seq && *hash == anchor.hash);
            // An anchor of an empty log (seq 0) holds for any log.
            if anchor.seq > 0 && !held {
                return Err(self.broken(OfficeProblem::AnchorLost {
                    seq: anchor.seq,
                    source: anchor.source.clone(),
                }));
            }
        }
        let logged: Vec<&Entry> = rows.iter().map(|(e, _, _)| e).collect();
        self.accounted(&logged)?;
        Ok(Verified {
            entries,
            last,
            anchors: anchors.len(),
        })
    }

    /// Every entry with its stored `prev` and `hash`; none when the table is gone.
    fn chain_rows(&self) -> Vec<(Entry, String, String)> {
        let rows = self
            .db
            .prepare("SELECT seq, at, user, action, target, address, detail, prev, hash FROM audit ORDER BY seq")
            .and_then(|mut s| {
                s.query_map([], |r| Ok((entry(r)?, r.get(7)?, r.get(8)?)))
                    .and_then(Iterator::collect)
            });
        rows.unwrap_or_default()
    }

    pub(super) fn broken(&self, problem: OfficeProblem) -> Error {
        Error::Feature {
            path: self.path.clone(),
            problem: Box::new(problem),
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    base16ct::lower::encode_string(bytes)
}

fn hex_bytes(text: &str) -> Vec<u8> {
    (0..text.len() / 2)
        .filter_map(|i| text.get(2 * i..2 * i + 2))
        .filter_map(|pair| u8::from_str_radix(pair, 16).ok())
        .collect()
}
