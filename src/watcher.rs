//! File changes on disk, from the operating system's notifications (inotify on Linux) through
//! the `notify` crate: `vanban watch` and `vanban serve` share this.
//!
//! Folders are watched, not files, because editors and git save by writing a new file and
//! renaming it over the old one, which a watch on the old file would miss.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::error::Error;

/// Changes that arrive this close together are taken as one (an editor's write and rename).
pub const SETTLE: Duration = Duration::from_millis(30);

/// Watches folders and hands every changed path to a callback, on notify's own thread.
pub struct FileWatcher {
    inner: RecommendedWatcher,
    watched: BTreeSet<PathBuf>,
}

/// Whether an event changed a file's contents or existence (reads are not changes).
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => true,
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

impl FileWatcher {
    /// A watcher that calls `on_change` with the paths of each change.
    pub fn new(on_change: impl Fn(Vec<PathBuf>) + Send + 'static) -> Result<FileWatcher, Error> {
        let inner = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            if let Ok(event) = event
                && is_change(&event.kind)
            {
                on_change(event.paths);
            }
        })
        .map_err(|e| Error::Read {
            path: PathBuf::from("."),
            detail: e.to_string(),
        })?;
        Ok(FileWatcher {
            inner,
            watched: BTreeSet::new(),
        })
    }

    /// A watcher whose changes arrive on a channel.
    pub fn with_channel() -> Result<(FileWatcher, mpsc::Receiver<Vec<PathBuf>>), Error> {
        let (sender, receiver) = mpsc::channel();
        let watcher = FileWatcher::new(move |paths| {
            let _ = sender.send(paths);
        })?;
        Ok((watcher, receiver))
    }

    /// Watches `dir` (and, with `recursive`, every folder below it); a folder already watched
    /// is left alone.
    pub fn watch(&mut self, dir: &Path, recursive: bool) -> Result<(), Error> {
        let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        if self.watched.contains(&dir) {
            return Ok(());
        }
        let mode = if recursive {
            RecursiveMode::Recursive
        } else {
            RecursiveMode::NonRecursive
        };
        self.inner.watch(&dir, mode).map_err(|e| Error::Read {
            path: dir.clone(),
            detail: e.to_string(),
        })?;
        self.watched.insert(dir);
        Ok(())
    }

    /// Watches the folder of every file in `files`.
    pub fn watch_folders_of(&mut self, files: &[PathBuf]) -> Result<(), Error> {
        for file in files {
            self.watch(&crate::record::paths::folder_of(file), false)?;
        }
        Ok(())
    }
}

/// Waits for the next change, then for the burst it starts to settle; returns every path in it.
pub fn next_burst(receiver: &mpsc::Receiver<Vec<PathBuf>>) -> Option<Vec<PathBuf>> {
    let mut paths = receiver.recv().ok()?;
    while let Ok(more) = receiver.recv_timeout(SETTLE) {
        paths.extend(more);
    }
    Some(paths)
}

/// The same file, however it was named: canonical where it exists, else as given.
pub fn same_file(a: &Path, b: &Path) -> bool {
    let real = |p: &Path| {
        p.canonicalize().unwrap_or_else(|_| {
            let parent = p.parent().and_then(|d| d.canonicalize().ok());
            match (parent, p.file_name()) {
                (Some(dir), Some(name)) => dir.join(name),
                _ => p.to_path_buf(),
            }
        })
    };
    real(a) == real(b)
}
