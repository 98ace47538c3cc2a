//! Folders named on the command line (or served) searched for records and PDFs without
//! leaving them: a link is followed only when it resolves inside the folder being searched,
//! a folder is entered once (a link back up would loop), and any other link is skipped and
//! named, so a planted link cannot show or feed another folder's files.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::problem::Lang;
use crate::problem::say::Say;

/// What a search found, and the links it would not follow.
#[derive(Debug, Default)]
pub struct Found {
    /// Files, folders searched recursively, in name order; files named directly as given.
    pub files: Vec<PathBuf>,
    /// Links that lead outside the folder searched, or back into a folder already searched.
    pub skipped: Vec<PathBuf>,
}

impl Found {
    /// Prints a warning for each skipped link; returns the files.
    pub fn warned(self, lang: Lang) -> Vec<PathBuf> {
        for path in &self.skipped {
            eprintln!("{}", Say::SkippedLink(path).to(lang));
        }
        self.files
    }
}

/// The record files named: files as given, folders searched (recursively) for `.yaml` and
/// `.yml` files (in any case: `.YAML` too), in name order.
pub fn records(paths: &[PathBuf]) -> Result<Found, Error> {
    search(paths, &["yaml", "yml"])
}

/// What `archive add` takes: as [`records`], and folders also give the PDFs in them, so that
/// a folder of archival PDFs received from the communes is gathered whole.
pub fn issued(paths: &[PathBuf]) -> Result<Found, Error> {
    search(paths, &["yaml", "yml", "pdf"])
}

fn search(paths: &[PathBuf], extensions: &[&str]) -> Result<Found, Error> {
    let mut found = Found::default();
    for path in paths {
        if path.is_dir() {
            let root = path.canonicalize().map_err(|e| read_error(path, e))?;
            let mut seen = HashSet::from([root.clone()]);
            collect(path, &root, extensions, &mut seen, &mut found)?;
        } else {
            found.files.push(path.clone());
        }
    }
    Ok(found)
}

fn collect(
    dir: &Path,
    root: &Path,
    extensions: &[&str],
    seen: &mut HashSet<PathBuf>,
    found: &mut Found,
) -> Result<(), Error> {
    let mut entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir)
        .map_err(|e| read_error(dir, e))?
        .filter_map(Result::ok)
        .collect();
    entries.sort_by_key(std::fs::DirEntry::path);
    for entry in entries {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else { continue };
        let inside = if kind.is_symlink() {
            match path.canonicalize() {
                Ok(real) if real.starts_with(root) => Some(real),
                _ => None,
            }
        } else {
            path.canonicalize().ok()
        };
        let Some(real) = inside else {
            found.skipped.push(path);
            continue;
        };
        if real.is_dir() {
            if seen.insert(real) {
                collect(&path, root, extensions, seen, found)?;
            } else {
                found.skipped.push(path);
            }
        } else if real.is_file()
            && path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
        {
            found.files.push(path);
        }
    }
    Ok(())
}

fn read_error(path: &Path, e: std::io::Error) -> Error {
    Error::Read {
        path: path.to_path_buf(),
        detail: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::symlink;

    use super::*;

    #[test]
    fn links_out_and_loops_are_skipped_and_named() {
        let root = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("rec.yaml"), "x").unwrap();
        std::fs::create_dir(root.path().join("sub")).unwrap();
        std::fs::write(root.path().join("sub/a.yaml"), "x").unwrap();
        symlink(outside.path().join("rec.yaml"), root.path().join("link-rec.yaml")).unwrap();
        symlink(outside.path(), root.path().join("link-dir")).unwrap();
        symlink(root.path(), root.path().join("sub/loop")).unwrap();
        symlink(root.path().join("sub/a.yaml"), root.path().join("inside.yaml")).unwrap();
        let found = records(&[root.path().to_path_buf()]).unwrap();
        let names = |paths: &[PathBuf]| -> Vec<String> {
            paths
                .iter()
                .map(|p| p.strip_prefix(root.path()).unwrap().display().to_string())
                .collect()
        };
        assert_eq!(names(&found.files), ["inside.yaml", "sub/a.yaml"]);
        assert_eq!(names(&found.skipped), ["link-dir", "link-rec.yaml", "sub/loop"]);
    }
}
