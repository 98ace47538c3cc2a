//! `archive verify`: every file re-hashed, every record rendered again and compared.

use crate::error::Error;
use crate::prepare::prepare;
use crate::problem::Lang;
use crate::render::{RenderOptions, Renderer};

use super::{Archive, sha256_hex};

impl Archive {
    /// Re-hashes every file and renders every record again, comparing bytes. Files kept as
    /// received (`received/`, rendered by another vanban or signed since) are checked by
    /// hash only. Returns the number of files checked and what was found.
    pub fn verify(&self, renderer: &Renderer) -> Result<(usize, Vec<Error>), Error> {
        let files: Vec<(String, String, String)> = self
            .db
            .prepare_cached("SELECT entry, path, sha256 FROM files ORDER BY entry, path")
            .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect())
            .map_err(|e| self.fail(e))?;
        let mut findings = Vec::new();
        for (entry, path, hash) in &files {
            let full = self.dir.join("entries").join(entry).join(path);
            match crate::output::files::read_inside(&self.dir, &full) {
                Ok(bytes) if sha256_hex(&bytes) == *hash => {}
                Ok(_) => findings.push(Error::Tampered { path: full }),
                Err(link @ Error::Link { .. }) => findings.push(link),
                Err(_) => findings.push(Error::FileGone { path: full }),
            }
        }
        let entries: Vec<(String, String)> = self
            .db
            .prepare_cached("SELECT id, record_path FROM entries ORDER BY id")
            .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
            .map_err(|e| self.fail(e))?;
        let options = RenderOptions::ARCHIVAL;
        for (entry, record) in &entries {
            let folder = self.dir.join("entries").join(entry);
            match prepare(&folder.join(record)).and_then(|p| renderer.render(&p, options)) {
                Ok(rendered) => {
                    for output in rendered.files {
                        let stored = crate::output::files::read_inside(&self.dir, &folder.join(&output.name))
                            .unwrap_or_default();
                        if stored != output.bytes {
                            findings.push(Error::RendersDifferently {
                                path: folder.join(&output.name),
                            });
                        }
                    }
                }
                Err(error) => findings.push(Error::NoLongerRenders {
                    entry: entry.clone(),
                    error: Box::new(error),
                }),
            }
        }
        findings.dedup_by(|a, b| a.render(Lang::En) == b.render(Lang::En));
        Ok((files.len(), findings))
    }
}
