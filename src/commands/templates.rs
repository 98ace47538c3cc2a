//! `vanban templates export DIR`: the built-in templates, to start a custom set from.

use std::path::{Path, PathBuf};

use crate::compose::templates;
use crate::error::Error;

/// Exports the built-ins into `dir`.
pub fn export(dir: &Path, force: bool) -> Result<(), Error> {
    super::print_written(write_built_ins(dir, force)?)
}

/// Writes every built-in template into `dir`; refuses to overwrite unless `force`.
fn write_built_ins(dir: &Path, force: bool) -> Result<Vec<PathBuf>, Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::Write {
        path: dir.to_path_buf(),
        detail: e.to_string(),
    })?;
    if !force
        && let Some(existing) = templates::built_ins()
            .map(|(name, _)| dir.join(name))
            .find(|p| p.exists())
    {
        return Err(Error::WouldOverwrite { path: existing });
    }
    let mut written = Vec::new();
    for (name, text) in templates::built_ins() {
        let path = dir.join(name);
        crate::output::write_atomic(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}
