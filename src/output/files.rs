//! Writing files so that a reader never sees half of one, and never through a link.
//!
//! Every write goes through a [`Folder`]: a directory opened once, whose handle every later
//! step is relative to (`openat`, `renameat`, `linkat`), so a folder swapped for a link after
//! it was opened is not followed. A file is staged under an unpredictable name created
//! exclusively and without following links (`O_CREAT | O_EXCL | O_NOFOLLOW`), written in
//! full and synced, then renamed into place; a target that is a link is refused, not
//! replaced. The command line and `serve` share this one path.

use std::io::Write;
use std::os::fd::OwnedFd;
use std::path::{Component, Path, PathBuf};

use rustix::fs::{AtFlags, FileType, Mode, OFlags};

pub use crate::compose::OutputFile;
use crate::error::Error;

/// A directory opened once; files are written relative to its handle.
#[derive(Debug)]
pub struct Folder {
    fd: OwnedFd,
    path: PathBuf,
}

impl Folder {
    /// The folder at `path`, created if missing. The path is followed as the user wrote it
    /// (a link the user chose is theirs); what happens inside it is not.
    pub fn open(path: &Path) -> Result<Folder, Error> {
        let path = if path.as_os_str().is_empty() {
            Path::new(".")
        } else {
            path
        };
        std::fs::create_dir_all(path).map_err(|e| Error::write(path, e))?;
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
        let fd =
            rustix::fs::open(path, flags, Mode::empty()).map_err(|e| Error::write(path, std::io::Error::from(e)))?;
        Ok(Folder {
            fd,
            path: path.to_path_buf(),
        })
    }

    /// The folder `path`, reached from `root` one name at a time without following a link
    /// (each folder below `root` is created if missing). A `path` outside `root` is opened
    /// as [`Folder::open`] opens it.
    pub fn within(root: &Path, path: &Path) -> Result<Folder, Error> {
        let Ok(below) = path.strip_prefix(root) else {
            return Folder::open(path);
        };
        let mut folder = Folder::open(root)?;
        for part in below.components() {
            match part {
                Component::Normal(name) => folder = folder.sub(&name.to_string_lossy())?,
                Component::CurDir => {}
                _ => return Err(link_error(path)),
            }
        }
        Ok(folder)
    }

    /// The folder `name` inside this one, created if missing; a link there is refused.
    pub fn sub(&self, name: &str) -> Result<Folder, Error> {
        let path = self.path.join(name);
        check_name(name, &path)?;
        match rustix::fs::mkdirat(&self.fd, name, Mode::from_raw_mode(0o777)) {
            Ok(()) | Err(rustix::io::Errno::EXIST) => {}
            Err(e) => return Err(Error::write(&path, std::io::Error::from(e))),
        }
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let fd = rustix::fs::openat(&self.fd, name, flags, Mode::empty()).map_err(|e| match e {
            rustix::io::Errno::LOOP | rustix::io::Errno::NOTDIR => link_error(&path),
            e => Error::write(&path, std::io::Error::from(e)),
        })?;
        Ok(Folder { fd, path })
    }

    /// The folder's path, as it was opened.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes `bytes` to `name` atomically, replacing a file of that name (not a link).
    pub fn write_atomic(&self, name: &str, bytes: &[u8]) -> Result<PathBuf, Error> {
        let temp = self.stage(name, bytes)?;
        self.commit(&temp, name)
    }

    /// Writes `bytes` to a new file `name`, atomically, and never over anything already
    /// there: the complete temporary file is hard-linked into place, which fails if the name
    /// is taken (by a file or a link).
    pub fn write_new(&self, name: &str, bytes: &[u8]) -> Result<PathBuf, Error> {
        let temp = self.stage(name, bytes)?;
        let path = self.path.join(name);
        let linked = rustix::fs::linkat(&self.fd, temp.as_str(), &self.fd, name, AtFlags::empty());
        let _ = rustix::fs::unlinkat(&self.fd, temp.as_str(), AtFlags::empty());
        match linked {
            Ok(()) => Ok(path),
            Err(rustix::io::Errno::EXIST) => Err(Error::WouldOverwrite { path }),
            Err(e) => Err(Error::write(&path, std::io::Error::from(e))),
        }
    }

    /// Writes every file of one record, or none of them: all are staged first, and only
    /// when every one is complete are they renamed into place.
    pub fn write_all(&self, files: &[OutputFile]) -> Result<Vec<PathBuf>, Error> {
        let mut staged: Vec<(String, &str)> = Vec::new();
        for file in files {
            match self.stage(&file.name, &file.bytes) {
                Ok(temp) => staged.push((temp, &file.name)),
                Err(error) => {
                    self.discard(staged.iter().map(|(temp, _)| temp));
                    return Err(error);
                }
            }
        }
        if let Some((_, name)) = staged.iter().find(|(_, name)| self.is_link(name)) {
            let error = link_error(&self.path.join(name));
            self.discard(staged.iter().map(|(temp, _)| temp));
            return Err(error);
        }
        let mut written = Vec::new();
        for (temp, name) in &staged {
            written.push(self.commit(temp, name)?);
        }
        Ok(written)
    }

    /// Stages `bytes` for `name` under a fresh temporary name; returns that name.
    fn stage(&self, name: &str, bytes: &[u8]) -> Result<String, Error> {
        let path = self.path.join(name);
        check_name(name, &path)?;
        let temp = temporary_name(name).map_err(|e| Error::write(&path, e))?;
        let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let fd = rustix::fs::openat(&self.fd, temp.as_str(), flags, Mode::from_raw_mode(0o666))
            .map_err(|e| Error::write(&path, std::io::Error::from(e)))?;
        let mut file = std::fs::File::from(fd);
        if let Err(e) = file.write_all(bytes).and_then(|()| file.sync_all()) {
            self.discard([&temp]);
            return Err(Error::write(&path, e));
        }
        Ok(temp)
    }

    /// Renames the staged `temp` to `name`, unless `name` is a link.
    fn commit(&self, temp: &str, name: &str) -> Result<PathBuf, Error> {
        let path = self.path.join(name);
        if self.is_link(name) {
            self.discard([temp]);
            return Err(link_error(&path));
        }
        rustix::fs::renameat(&self.fd, temp, &self.fd, name).map_err(|e| {
            self.discard([temp]);
            Error::write(&path, std::io::Error::from(e))
        })?;
        Ok(path)
    }

    fn is_link(&self, name: &str) -> bool {
        rustix::fs::statat(&self.fd, name, AtFlags::SYMLINK_NOFOLLOW)
            .is_ok_and(|stat| FileType::from_raw_mode(stat.st_mode) == FileType::Symlink)
    }

    fn discard<T: AsRef<str>>(&self, temps: impl IntoIterator<Item = T>) {
        for temp in temps {
            let _ = rustix::fs::unlinkat(&self.fd, temp.as_ref(), AtFlags::empty());
        }
    }
}

/// The bytes of the PDF at `path`: a read error, or [`Error::NotPdf`] for a file that does
/// not start as a PDF does.
pub fn read_pdf(path: &Path) -> Result<Vec<u8>, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::Read {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })?;
    is_pdf(&bytes, path)?;
    Ok(bytes)
}

/// [`Error::NotPdf`] unless `bytes`, read from `path`, start as a PDF does.
pub fn is_pdf(bytes: &[u8], path: &Path) -> Result<(), Error> {
    if bytes.starts_with(b"%PDF-") {
        return Ok(());
    }
    Err(Error::NotPdf {
        path: path.to_path_buf(),
    })
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, then a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let (folder, name) = parent_of(path)?;
    folder.write_atomic(&name, bytes).map(drop)
}

/// Writes `bytes` to a new file at `path`, atomically, and never over an existing file.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let (folder, name) = parent_of(path)?;
    folder.write_new(&name, bytes).map(drop)
}

/// Writes `bytes` to `path`, which lies below `root`, reaching its folder from `root` one
/// name at a time without following a link (missing folders are made); `new`: never over
/// anything already there. For folders other people can write in: a served folder, an
/// archive.
pub fn write_inside(root: &Path, path: &Path, bytes: &[u8], new: bool) -> Result<PathBuf, Error> {
    let folder = Folder::within(root, path.parent().unwrap_or(root))?;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    if new {
        folder.write_new(&name, bytes)
    } else {
        folder.write_atomic(&name, bytes)
    }
}

/// Writes every file of one record into `dir`, or none of them.
pub fn write_all(dir: &Path, files: &[OutputFile]) -> Result<Vec<PathBuf>, Error> {
    Folder::open(dir)?.write_all(files)
}

/// Reads `path`, which must resolve (links followed) to a file inside `root`: a link planted
/// in an archive or served folder cannot make vanban read, hash or serve a file elsewhere.
pub fn read_inside(root: &Path, path: &Path) -> Result<Vec<u8>, Error> {
    let read_error = |e: std::io::Error| Error::Read {
        path: path.to_path_buf(),
        detail: e.to_string(),
    };
    let root = root.canonicalize().map_err(read_error)?;
    let real = path.canonicalize().map_err(read_error)?;
    if !real.starts_with(&root) {
        return Err(link_error(path));
    }
    std::fs::read(&real).map_err(read_error)
}

/// Reads `path`, a file below `root` with no link in the part below `root` (as `serve`'s
/// path check leaves it), opening each folder and the file relative to the one before with
/// `O_NOFOLLOW`: a link swapped in after the check is refused, not followed.
pub fn read_below(root: &Path, path: &Path) -> Result<Vec<u8>, Error> {
    use std::io::Read;
    let below = path.strip_prefix(root).map_err(|_| link_error(path))?;
    let names: Vec<&std::ffi::OsStr> = below.components().map(Component::as_os_str).collect();
    let Some((file, folders)) = names.split_last() else {
        return Err(link_error(path));
    };
    let read_error = |e: rustix::io::Errno| match e {
        rustix::io::Errno::LOOP | rustix::io::Errno::NOTDIR => link_error(path),
        e => Error::Read {
            path: path.to_path_buf(),
            detail: std::io::Error::from(e).to_string(),
        },
    };
    let open_folder = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    let mut folder = rustix::fs::open(
        root,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .map_err(read_error)?;
    for name in folders {
        folder = rustix::fs::openat(&folder, *name, open_folder, Mode::empty()).map_err(read_error)?;
    }
    let fd = rustix::fs::openat(
        &folder,
        *file,
        OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .map_err(read_error)?;
    let mut bytes = Vec::new();
    std::fs::File::from(fd)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::Read {
            path: path.to_path_buf(),
            detail: e.to_string(),
        })?;
    Ok(bytes)
}

fn parent_of(path: &Path) -> Result<(Folder, String), Error> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| Error::write(path, std::io::Error::from(std::io::ErrorKind::InvalidInput)))?;
    let dir = path.parent().unwrap_or(Path::new("."));
    Ok((Folder::open(dir)?, name))
}

/// A name of one file in the folder: not empty, no separator, not `.` or `..`.
fn check_name(name: &str, path: &Path) -> Result<(), Error> {
    if name.is_empty() || name == "." || name == ".." || name.contains(['/', '\0']) {
        return Err(Error::write(
            path,
            std::io::Error::from(std::io::ErrorKind::InvalidInput),
        ));
    }
    Ok(())
}

/// `.{name}.{16 random hex digits}.tmp`, the name cut to keep the whole under 255 bytes.
fn temporary_name(name: &str) -> Result<String, std::io::Error> {
    let mut random = [0u8; 8];
    getrandom::fill(&mut random).map_err(|e| std::io::Error::other(e.to_string()))?;
    let mut cut = name.len().min(200);
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    let hex = base16ct::lower::encode_string(&random);
    Ok(format!(".{}.{hex}.tmp", &name[..cut]))
}

fn link_error(path: &Path) -> Error {
    Error::Link {
        path: path.to_path_buf(),
    }
}

#[cfg(test)]
#[path = "files_tests.rs"]
mod tests;
