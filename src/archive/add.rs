//! `archive add RECORD`: issuing. The record is validated, its documents numbered from the
//! register, rendered in archival form, stored and indexed; so is each assessment it names,
//! as an entry of its own.

use std::path::Path;

use crate::error::Error;
use crate::prepare::{Prepared, assessment_model, prepare};
use crate::render::{RenderOptions, Renderer};

use super::{Added, Archive, Content, EntryFile, FileRole, Numbering, sha256_hex};

impl Archive {
    /// Validates, numbers, renders in archival form, stores and indexes the record at
    /// `path`, and each assessment it names as an entry of its own.
    pub fn add(&mut self, renderer: &Renderer, path: &Path) -> Result<Vec<Added>, Error> {
        let prepared = prepare(path)?;
        self.add_prepared(renderer, &prepared, Numbering::Give)
    }

    /// Stores a prepared record and its assessments, numbering as `numbering` says.
    pub(super) fn add_prepared(
        &mut self,
        renderer: &Renderer,
        prepared: &Prepared,
        numbering: Numbering,
    ) -> Result<Vec<Added>, Error> {
        let mut added = Vec::new();
        for checked in &prepared.assessments {
            let model = assessment_model(checked)?;
            added.push(self.store(
                &entry_name(&model),
                &model,
                numbering,
                |p| entry_files(renderer, p),
                |_| Ok(()),
            )?);
        }
        let record = self.store(
            &entry_name(prepared),
            prepared,
            numbering,
            |p| entry_files(renderer, p),
            |_| Ok(()),
        )?;
        added.insert(0, record);
        Ok(added)
    }
}

/// `<id>-<first 12 hex digits of the SHA-256 of the record's bytes>`.
pub(super) fn entry_name(prepared: &Prepared) -> String {
    format!(
        "{}-{}",
        prepared.context.id(),
        &sha256_hex(&prepared.file().bytes)[..12]
    )
}

/// The files of an entry (the record and its inputs at their relative paths, then the
/// PDFs), and its documents' words.
pub(super) fn entry_files(renderer: &Renderer, prepared: &Prepared) -> Result<Content, Error> {
    let mut files = input_files(prepared);
    let options = RenderOptions::FOR_THE_ARCHIVE;
    let rendered = renderer.render(prepared, options)?;
    files.extend(rendered.files.into_iter().map(|f| EntryFile {
        path: f.name,
        role: FileRole::Document,
        bytes: f.bytes,
    }));
    Ok(Content {
        files,
        words: rendered.words,
    })
}

/// The record and the files it names, at their paths relative to the record's folder.
pub(super) fn input_files(prepared: &Prepared) -> Vec<EntryFile> {
    let folder = crate::record::paths::folder_of(&prepared.file().path);
    prepared
        .inputs
        .iter()
        .enumerate()
        .map(|(index, input)| EntryFile {
            path: input
                .file
                .path
                .strip_prefix(&folder)
                .unwrap_or(&input.file.path)
                .to_string_lossy()
                .into_owned(),
            role: if index == 0 { FileRole::Record } else { FileRole::Input },
            bytes: input.file.bytes.to_vec(),
        })
        .collect()
}
