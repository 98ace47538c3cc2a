//! The Typst layout: one World per renderer, reused from document to document so that
//! Typst's caches stay warm across a batch or a watch session.

use std::sync::{Mutex, PoisonError};

use super::typeset::{self, Laid, SourceNames};
use super::world::DocumentWorld;
use crate::error::Error;

/// Lays out Typst sources against one layout library.
pub struct TypstLayout {
    library: String,
    world: Mutex<Option<DocumentWorld>>,
}

impl TypstLayout {
    /// A layout over `library` (the text of `vanban.typ`).
    pub fn new(library: String) -> TypstLayout {
        TypstLayout {
            library,
            world: Mutex::new(None),
        }
    }

    /// The layout library's text.
    pub fn library(&self) -> &str {
        &self.library
    }

    /// Replaces the layout library, keeping the World and its caches.
    pub fn set_library(&mut self, library: String) {
        if let Some(world) = self.world.get_mut().unwrap_or_else(PoisonError::into_inner) {
            world.set_library(&library);
        }
        self.library = library;
    }

    /// Lays out `source`; Typst's warnings come back with the document.
    pub fn lay_out(&self, source: String, names: &SourceNames) -> Result<Laid, Error> {
        let mut slot = self.world.lock().unwrap_or_else(PoisonError::into_inner);
        let world = match slot.as_mut() {
            Some(world) => {
                world.set_main(&source);
                world
            }
            None => slot.insert(DocumentWorld::new(source, self.library.clone())),
        };
        typeset::layout(world, names)
    }
}
