//! Writing files so that a reader never sees half of one: temporary file, then rename.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::Error;

/// A finished output: its file name and its bytes.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// File name inside the output folder.
    pub name: String,
    /// Complete contents.
    pub bytes: Vec<u8>,
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, then a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let temp = stage(path, bytes)?;
    commit(&temp, path)
}

/// Writes `bytes` to a new file at `path`, atomically, and never over an existing file: the
/// complete temporary file is hard-linked into place, which fails if the name is taken.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let temp = stage(path, bytes)?;
    let linked = std::fs::hard_link(&temp, path);
    let _ = std::fs::remove_file(&temp);
    linked.map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => Error::WouldOverwrite {
            path: path.to_path_buf(),
        },
        _ => Error::Write {
            path: path.to_path_buf(),
            detail: e.to_string(),
        },
    })
}

/// Writes every file of one record into `dir`, or none of them.
///
/// All files are staged first; only when every one is complete are they renamed into place.
pub fn write_all(dir: &Path, files: &[OutputFile]) -> Result<Vec<PathBuf>, Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::Write {
        path: dir.to_path_buf(),
        detail: e.to_string(),
    })?;
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    for file in files {
        let target = dir.join(&file.name);
        match stage(&target, &file.bytes) {
            Ok(temp) => staged.push((temp, target)),
            Err(error) => {
                for (temp, _) in &staged {
                    let _ = std::fs::remove_file(temp);
                }
                return Err(error);
            }
        }
    }
    let mut written = Vec::new();
    for (temp, target) in staged {
        commit(&temp, &target)?;
        written.push(target);
    }
    Ok(written)
}

fn stage(path: &Path, bytes: &[u8]) -> Result<PathBuf, Error> {
    let write_error = |e: std::io::Error| Error::Write {
        path: path.to_path_buf(),
        detail: e.to_string(),
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let unique = NEXT.fetch_add(1, Ordering::Relaxed);
    let temp = dir.join(format!(".{name}.{}-{unique}.tmp", std::process::id()));
    let result = std::fs::File::create(&temp).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    if let Err(e) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(write_error(e));
    }
    Ok(temp)
}

fn commit(temp: &Path, path: &Path) -> Result<(), Error> {
    std::fs::rename(temp, path).map_err(|e| {
        let _ = std::fs::remove_file(temp);
        Error::Write {
            path: path.to_path_buf(),
            detail: e.to_string(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_all_files_and_leaves_no_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![
            OutputFile {
                name: "a.pdf".into(),
                bytes: b"a".to_vec(),
            },
            OutputFile {
                name: "b.pdf".into(),
                bytes: b"b".to_vec(),
            },
        ];
        write_all(dir.path(), &files).unwrap();
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["a.pdf", "b.pdf"]);
    }

    #[test]
    fn a_failed_stage_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![
            OutputFile {
                name: "a.pdf".into(),
                bytes: b"a".to_vec(),
            },
            OutputFile {
                name: "missing/b.pdf".into(),
                bytes: b"b".to_vec(),
            },
        ];
        assert!(write_all(dir.path(), &files).is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
