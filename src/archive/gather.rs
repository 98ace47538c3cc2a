//! `archive add FILE.pdf`: gathering an archival PDF issued elsewhere (a commune's, sent to
//! its province). The PDF carries its record and the assessments it names as attachments;
//! they are read back, rendered again, and the result compared with the PDF as received:
//!
//! - the same bytes: the entry is stored as if the record had been added here;
//! - the same bytes followed by incremental updates (signatures, signature fields): the
//!   first revision is the rendered document, and the PDF as received is kept beside it;
//! - other bytes from another vanban version: the PDF is kept as received, and said so;
//! - other bytes from this very version: the document or its attachments were changed
//!   after rendering, and the PDF is refused. So is a PDF without a record, with an
//!   attachment whose length differs from what the PDF declares, or whose record names a
//!   file that is not attached.
//!
//! Gathering never gives numbers: the documents were issued by their own office. Their
//! numbers are entered in that office's register, and a number already taken there is
//! refused as it is at issue.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::output::OutputFile;
use crate::output::attachments::{RECORD_DESCRIPTION, rendered_by};
use crate::output::extract::{Attachment, attachments_in};
use crate::prepare::{Prepared, assessment_model, named_files, prepare};
use crate::problem::{Words, words};
use crate::record::load::YamlFile;
use crate::record::paths;
use crate::render::{RenderOptions, Renderer};

use super::add::{entry_files, entry_name, input_files};
use super::problem::GatherProblem;
use super::{Added, Archive, Content, EntryFile, FileRole, Numbering, sha256_hex};

/// How a gathered PDF compares with the record's rendering here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Received {
    /// Byte for byte the rendered document.
    Identical,
    /// The rendered document, then incremental updates (signatures or signature fields).
    Updated,
    /// Rendered by another vanban version (or by one that did not say): kept as received.
    OtherVersion(Option<String>),
}

/// What gathering one PDF did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gathered {
    /// The record's entry, then its assessments' entries.
    pub added: Vec<Added>,
    /// How the PDF compared.
    pub received: Received,
    /// Where the PDF as received is kept inside its entry, when it is kept.
    pub kept: Option<String>,
}

impl Gathered {
    /// What `archive add FILE.pdf` says of `pdf`: how it compared with its record rendered again.
    pub fn said(&self, pdf: &Path) -> Words {
        let pdf = pdf.display();
        let kept = self.kept.as_deref().unwrap_or_default();
        match &self.received {
            Received::Identical => words(
                format!("{pdf}: kết xuất lại từ bản ghi đính kèm giống hệt từng byte"),
                format!("{pdf}: rendering its attached record again gives the same bytes"),
            ),
            Received::Updated => words(
                format!(
                    "{pdf}: bản đầu giống hệt bản kết xuất lại; phần ký số thêm sau được giữ nguyên như đã nhận, tại {kept}"
                ),
                format!(
                    "{pdf}: its first revision is the rendering byte for byte; with the signatures added since, it is kept as received at {kept}"
                ),
            ),
            Received::OtherVersion(version) => {
                let version = version.as_deref().unwrap_or("?");
                words(
                    format!(
                        "{pdf}: do vanban {version} tạo, kết xuất lại ở đây cho kết quả khác; giữ nguyên bản đã nhận tại {kept}"
                    ),
                    format!("{pdf}: made by vanban {version} and renders differently here; kept as received at {kept}"),
                )
            }
        }
    }
}

impl Archive {
    /// Gathers the archival PDF at `pdf`: checks its attachments, renders its record again,
    /// compares, stores and indexes (see the module documentation).
    pub fn gather(&mut self, renderer: &Renderer, pdf: &Path) -> Result<Gathered, Error> {
        let bytes = std::fs::read(pdf).map_err(|e| Error::Read {
            path: pdf.to_path_buf(),
            detail: e.to_string(),
        })?;
        let attached = checked_attachments(&bytes, pdf)?;
        let record = attached
            .iter()
            .find(|a| {
                a.description
                    .as_deref()
                    .is_some_and(|d| d.starts_with(RECORD_DESCRIPTION))
            })
            .ok_or_else(|| gather_error(pdf, GatherProblem::NoRecord))?;
        let version = record.description.as_deref().and_then(rendered_by).map(str::to_string);

        let workspace = Workspace::new(&self.dir)?;
        let prepared = workspace.unpack(pdf, record, &attached)?;
        let rendered = renderer
            .render(&prepared, RenderOptions::FOR_THE_ARCHIVE)
            .map_err(|e| workspace.name_in(pdf, e))?;
        let (rendered, words) = (rendered.files, rendered.words);
        let received = compare(pdf, &bytes, &rendered, version)?;

        let name = pdf
            .file_name()
            .map_or_else(|| "received.pdf".into(), |n| n.to_string_lossy().into_owned());
        let kept = (received != Received::Identical).then(|| format!("received/{name}"));
        let mut files = input_files(&prepared);
        files.extend(rendered.into_iter().map(|f| EntryFile {
            path: f.name,
            role: FileRole::Document,
            bytes: f.bytes,
        }));
        if let Some(path) = &kept {
            files.push(EntryFile {
                path: path.clone(),
                role: FileRole::Received,
                bytes: bytes.clone(),
            });
        }
        let mut added = Vec::new();
        for checked in &prepared.assessments {
            let model = assessment_model(checked).map_err(|e| workspace.name_in(pdf, e))?;
            added.push(self.store(
                &entry_name(&model),
                &model,
                Numbering::Keep,
                |p| entry_files(renderer, p),
                |_| Ok(()),
            )?);
        }
        let content = Content { files, words };
        let record_entry = self.store(
            &entry_name(&prepared),
            &prepared,
            Numbering::Keep,
            |_| Ok(content),
            |_| Ok(()),
        )?;
        let kept = match (&record_entry, kept) {
            (Added::AlreadyThere(entry), Some(_)) => self.keep_received(entry, &name, &bytes)?,
            (_, kept) => kept,
        };
        added.insert(0, record_entry);
        Ok(Gathered { added, received, kept })
    }

    /// Keeps `bytes` under `received/` in an entry already stored, unless it holds them
    /// already; returns the path kept at.
    fn keep_received(&mut self, entry: &str, name: &str, bytes: &[u8]) -> Result<Option<String>, Error> {
        let sha = sha256_hex(bytes);
        if let Some(known) = self.files_of(entry)?.into_iter().find(|f| f.sha256 == sha) {
            return Ok(Some(known.path));
        }
        let taken = |path: &str| self.dir.join("entries").join(entry).join(path).exists();
        let mut path = format!("received/{name}");
        if taken(&path) {
            path = format!("received/{}-{name}", &sha[..8]);
        }
        let file = EntryFile {
            path: path.clone(),
            role: FileRole::Received,
            bytes: bytes.to_vec(),
        };
        let full = self.dir.join("entries").join(entry).join(&path);
        crate::output::files::write_inside(&self.dir, &full, bytes, false)?;
        if let Err(error) = super::index_file(&self.db, entry, &file) {
            let _ = std::fs::remove_file(&full);
            return Err(self.fail(error));
        }
        Ok(Some(path))
    }
}

/// The PDF's attachments, each as long as its file specification declares.
fn checked_attachments(bytes: &[u8], pdf: &Path) -> Result<Vec<Attachment>, Error> {
    let mut attached = attachments_in(bytes, pdf)?;
    attached.retain(|a| a.name != crate::sign::slots::ATTACHMENT);
    if attached.is_empty() {
        return Err(Error::NoAttachments {
            path: pdf.to_path_buf(),
        });
    }
    if let Some(changed) = attached.iter().find(|a| {
        a.declared_size
            .is_some_and(|size| usize::try_from(size) != Ok(a.bytes.len()))
    }) {
        let problem = GatherProblem::AttachmentChanged {
            name: changed.name.clone(),
        };
        return Err(gather_error(pdf, problem));
    }
    Ok(attached)
}

/// How the received bytes compare with the record's PDFs rendered here.
fn compare(pdf: &Path, bytes: &[u8], rendered: &[OutputFile], version: Option<String>) -> Result<Received, Error> {
    let pdfs: Vec<&OutputFile> = rendered.iter().filter(|f| f.name.ends_with(".pdf")).collect();
    if pdfs.iter().any(|f| f.bytes == bytes) {
        return Ok(Received::Identical);
    }
    if pdfs
        .iter()
        .any(|f| bytes.len() > f.bytes.len() && bytes.starts_with(&f.bytes))
    {
        return Ok(Received::Updated);
    }
    let name = pdf.file_name().map(|n| n.to_string_lossy().into_owned());
    let title = pdf_title(bytes);
    let counterpart = pdfs.len() == 1
        || pdfs.iter().any(|f| Some(&f.name) == name.as_ref())
        || title.is_some() && pdfs.iter().any(|f| pdf_title(&f.bytes) == title);
    if !counterpart {
        let names = pdfs.iter().map(|f| f.name.clone()).collect();
        return Err(gather_error(pdf, GatherProblem::WhichDocument { names }));
    }
    let ours = env!("CARGO_PKG_VERSION");
    match version {
        Some(version) if version == ours => Err(gather_error(pdf, GatherProblem::DoesNotRender { version })),
        other => Ok(Received::OtherVersion(other)),
    }
}

/// The document title a PDF declares in its information dictionary.
fn pdf_title(bytes: &[u8]) -> Option<String> {
    let document = lopdf::Document::load_mem(bytes).ok()?;
    let info = document.trailer.get(b"Info").ok()?;
    let info = match info {
        lopdf::Object::Reference(id) => document.get_dictionary(*id).ok()?,
        other => other.as_dict().ok()?,
    };
    match info.get(b"Title").ok()? {
        lopdf::Object::String(text, _) => Some(String::from_utf8_lossy(text).into_owned()),
        _ => None,
    }
}

/// An [`Error`] about `pdf`.
pub fn gather_error(pdf: &Path, problem: GatherProblem) -> Error {
    Error::Feature {
        path: pdf.to_path_buf(),
        problem: Box::new(problem),
    }
}

/// A scratch folder inside the archive where a PDF's attachments are laid out as the
/// record expects them; removed when dropped.
struct Workspace {
    dir: PathBuf,
}

impl Workspace {
    fn new(archive: &Path) -> Result<Workspace, Error> {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = archive.join(format!(".gather-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| Error::write(&dir, e))?;
        Ok(Workspace { dir })
    }

    /// Writes the record and, following the paths it names, every file it needs; then
    /// prepares the record.
    fn unpack(&self, pdf: &Path, record: &Attachment, attached: &[Attachment]) -> Result<Prepared, Error> {
        let record_path = self.write(pdf, &base_name(&record.name), &record.bytes)?;
        let mut pending = vec![record_path.clone()];
        while let Some(path) = pending.pop() {
            let Ok(file) = YamlFile::read(&path) else { continue };
            let folder = paths::folder_of(&path);
            for reference in named_files(&file) {
                let Some(target) = paths::inside(&folder, &reference) else {
                    continue; // preparing the record names the reference that leaves its folder
                };
                if target.exists() {
                    continue;
                }
                let base = base_name(&reference);
                let found = attached.iter().find(|a| a.name == base).or_else(|| {
                    attached.iter().find(|a| {
                        a.name
                            .split_once('-')
                            .is_some_and(|(n, rest)| rest == base && n.chars().all(|c| c.is_ascii_digit()))
                    })
                });
                let Some(found) = found else {
                    return Err(gather_error(pdf, GatherProblem::AttachmentMissing { name: reference }));
                };
                let relative = target.strip_prefix(&self.dir).unwrap_or(&target).to_path_buf();
                pending.push(self.write(pdf, &relative.to_string_lossy(), &found.bytes)?);
            }
        }
        prepare(&record_path).map_err(|e| self.name_in(pdf, e))
    }

    fn write(&self, pdf: &Path, relative: &str, bytes: &[u8]) -> Result<PathBuf, Error> {
        let path = paths::inside(&self.dir, relative).ok_or_else(|| {
            let problem = GatherProblem::AttachmentMissing {
                name: relative.to_string(),
            };
            gather_error(pdf, problem)
        })?;
        crate::output::files::write_inside(&self.dir, &path, bytes, false)
    }

    /// An error about a file of the workspace, naming it as `FILE.pdf#attachment` instead.
    fn name_in(&self, pdf: &Path, error: Error) -> Error {
        let rename = |path: &mut PathBuf| {
            if let Ok(relative) = path.strip_prefix(&self.dir) {
                *path = PathBuf::from(format!("{}#{}", pdf.display(), relative.display()));
            }
        };
        match error {
            Error::Record(mut diagnostic) => {
                rename(&mut diagnostic.path);
                Error::Record(diagnostic)
            }
            Error::Read { mut path, detail } => {
                rename(&mut path);
                Error::Read { path, detail }
            }
            other => other,
        }
    }
}

impl Drop for Workspace {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The last component of a path written with `/`.
fn base_name(path: &str) -> String {
    path.rsplit('/').next().unwrap_or(path).to_string()
}
