//! The Typst World of one document: two sources from memory, embedded fonts, nothing else.
//!
//! No system fonts, no packages, no network, no file system: any other file is refused.

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, World};

use crate::layout::fonts::resources;

/// A World that serves the generated document and the layout library.
pub struct DocumentWorld {
    main: Source,
    library_source: Source,
}

/// The id of a file at `path` in the project root.
pub fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("built-in virtual paths are valid");
    FileId::new(RootedPath::new(VirtualRoot::Project, vpath))
}

/// The id of the generated document.
pub fn main_id() -> FileId {
    file_id("/main.typ")
}

/// The Typst layout library that every PDF template imports.
pub const LAYOUT_LIBRARY: &str = "vanban.typ";

/// The id of the layout library.
pub fn library_id() -> FileId {
    file_id(&format!("/{LAYOUT_LIBRARY}"))
}

impl DocumentWorld {
    /// A World for `main` (generated Typst) importing `library` (the parsed layout library).
    pub fn new(main: String, library: Source) -> Self {
        DocumentWorld {
            main: Source::new(main_id(), main),
            library_source: library,
        }
    }

    /// Replaces the generated document, keeping what it shares with the last one.
    pub fn set_main(&mut self, main: &str) {
        self.main.replace(main);
    }

    /// The generated document as last parsed (a cheap copy that keeps its spans).
    pub fn main_source(&self) -> &Source {
        &self.main
    }

    /// The source behind `id`, if this World serves it.
    pub fn lookup(&self, id: FileId) -> Option<&Source> {
        [&self.main, &self.library_source].into_iter().find(|s| s.id() == id)
    }
}

impl World for DocumentWorld {
    fn library(&self) -> &LazyHash<Library> {
        &resources().library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &resources().book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.lookup(id).cloned().ok_or(FileError::AccessDenied)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        match self.lookup(id) {
            Some(source) => Ok(Bytes::from_string(source.text().to_string())),
            None => Err(FileError::AccessDenied),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        resources().fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}
