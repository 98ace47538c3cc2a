//! The one place the server calls the render pipeline: a narrow adapter, so a change to the
//! pipeline's stages touches this file only.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::archive::approval::{Approval, content_sha256};
use crate::archive::{Added, Archive};
use crate::compose::Context;
use crate::compose::templates::TemplateSource;
use crate::documents::DocKind;
use crate::error::{Diagnostic, Error};
use crate::layout::inspect::{self, missing_characters};
use crate::output::files::Folder;
use crate::prepare::{Prepared, prepare_file};
use crate::problem::{Lang, words};
use crate::record::load::YamlFile;
use crate::render::{Made, RenderOptions, Renderer, missing_glyphs};

pub use super::fields::Note;

/// One document of a preview.
#[derive(Debug, Clone, Serialize)]
pub struct PreviewDocument {
    /// `bien-ban`, `thong-bao-ket-luan`, `bao-cao-danh-gia` or `tin-bai`.
    pub kind: &'static str,
    /// Its name, from the document table, in the interface's language.
    pub title: String,
    /// Each page as an SVG image (PDF documents).
    pub pages: Vec<String>,
    /// Each page's text, line by line, for screen readers (the image's text is drawn glyphs).
    pub texts: Vec<String>,
    /// The news draft's HTML page (news only).
    pub html: Option<String>,
}

/// What the editor shows beside the text.
#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    /// Whether the documents below are of this very text.
    pub ok: bool,
    /// Errors and warnings, at their lines.
    pub notes: Vec<Note>,
    /// The documents (empty when not `ok`).
    pub documents: Vec<PreviewDocument>,
}

/// What a step found of a record (see [`Pipeline::examine`]).
pub struct Examined {
    /// Errors and warnings, at their lines (fields are placed by the caller).
    pub notes: Vec<Note>,
    /// How many of the notes are errors: a record with any does not move on.
    pub errors: usize,
    /// The hash of the record and the files it names (empty when it cannot be read).
    pub sha256: String,
    /// The hash of its documents as laid out (empty when they cannot be).
    pub layout: String,
    /// The record, ready to issue.
    pub prepared: Option<Prepared>,
}

/// What the records list says of one record.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// `working_session` or `assessment` (empty when unreadable).
    pub kind: String,
    /// The host unit (session) or assessed unit.
    pub unit: String,
    /// The session's date or the assessment's date, `YYYY-MM-DD`.
    pub date: String,
    /// Trích yếu: what the record's documents are about.
    pub subject: String,
    /// What stops the record, in words (empty when nothing does): "Thiếu ngày".
    pub problem: String,
    /// Errors (0 or 1: reading stops at the first).
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// The files it was read from, for change detection (not shown to pages).
    #[serde(skip)]
    pub inputs: Vec<PathBuf>,
}

/// The render pipeline as the server uses it.
pub struct Pipeline {
    renderer: Renderer,
    previews: AtomicUsize,
}

/// Typst's memoized results unused for this many evictions are dropped after every fourth
/// preview, so memory stays flat while the clerk types and the recent results stay warm.
const EVICT_AFTER: usize = 3;

impl Pipeline {
    /// A pipeline over the built-in templates (or `templates` overriding them).
    pub fn new(templates: Option<PathBuf>) -> Result<Pipeline, Error> {
        Ok(Pipeline {
            renderer: Renderer::new(TemplateSource { dir: templates })?,
            previews: AtomicUsize::new(0),
        })
    }

    /// Reads, validates and lays out `text` as if it were the file at `path`.
    pub fn preview(&self, path: &Path, text: &str, lang: Lang) -> Preview {
        let mut notes = Vec::new();
        let result = YamlFile::from_bytes(path, text.as_bytes())
            .and_then(prepare_file)
            .and_then(|prepared| {
                notes.extend(prepared.warnings.iter().map(|w| note(path, w, lang)));
                let (documents, missing) = self.documents(&prepared, lang, false)?;
                notes.extend(missing.iter().map(|w| note(path, w, lang)));
                Ok(documents)
            });
        if self.previews.fetch_add(1, Ordering::Relaxed) % 4 == 3 {
            typst::comemo::evict(EVICT_AFTER);
        }
        let documents = result.map_err(|error| notes.push(error_note(path, &error, lang)));
        super::fields::settle(&mut notes, text, lang);
        Preview {
            ok: documents.is_ok(),
            notes,
            documents: documents.unwrap_or_default(),
        }
    }

    /// What a step checks of the record at `path` whose bytes are `bytes`: the checks `render`
    /// runs (record, layout, and glyphs as an archival PDF needs them), the hash of the record
    /// and the files it names, and the hash of its documents as laid out (page images and
    /// the news page) — what the leader saw.
    pub fn examine(&self, path: &Path, bytes: &[u8], lang: Lang) -> Examined {
        let mut notes = Vec::new();
        let result = YamlFile::from_bytes(path, bytes)
            .and_then(prepare_file)
            .and_then(|prepared| {
                notes.extend(prepared.warnings.iter().map(|w| note(path, w, lang)));
                let (documents, missing) = self.documents(&prepared, lang, true)?;
                notes.extend(missing.iter().map(|w| note(path, w, lang)));
                Ok((prepared, documents))
            });
        let (prepared, layout) = match result {
            Ok((prepared, documents)) => {
                let mut hasher = Sha256::new();
                for document in &documents {
                    for page in document.pages.iter().chain(document.html.iter()) {
                        hasher.update(page.as_bytes());
                        hasher.update([0u8]);
                    }
                }
                let layout = base16ct::lower::encode_string(&hasher.finalize());
                (Some(prepared), layout)
            }
            Err(error) => {
                notes.push(error_note(path, &error, lang));
                (None, String::new())
            }
        };
        super::fields::settle(&mut notes, &String::from_utf8_lossy(bytes), lang);
        Examined {
            errors: notes.iter().filter(|n| n.severity == "error").count(),
            sha256: prepared.as_ref().map(content_sha256).unwrap_or_default(),
            notes,
            layout,
            prepared,
        }
    }

    /// Issues `prepared` into the archive in `archive_dir`, keeping what it was approved as.
    pub fn issue(&self, prepared: &Prepared, archive_dir: &Path, approval: &Approval) -> Result<Vec<Added>, Error> {
        Archive::open(archive_dir)?.add_approved(&self.renderer, prepared, approval)
    }

    /// Every document of the record laid out for the page, side by side on the thread pool
    /// the renderer uses, in the record's order; and the characters the fonts lack (errors
    /// when `strict`, as an archival PDF has them).
    fn documents(
        &self,
        prepared: &Prepared,
        lang: Lang,
        strict: bool,
    ) -> Result<(Vec<PreviewDocument>, Vec<Diagnostic>), Error> {
        let made: Vec<Result<(PreviewDocument, Vec<char>), Error>> = prepared
            .documents
            .par_iter()
            .map(|requested| self.document(prepared, requested.kind, lang))
            .collect();
        let mut documents = Vec::new();
        let mut missing = BTreeSet::new();
        for one in made {
            let (document, lacking) = one?;
            missing.extend(lacking);
            documents.push(document);
        }
        Ok((documents, missing_glyphs(prepared, &missing, strict)))
    }

    /// One document as the page shows it: page images and texts, or the news draft's HTML.
    fn document(&self, prepared: &Prepared, kind: DocKind, lang: Lang) -> Result<(PreviewDocument, Vec<char>), Error> {
        let (vi, en) = kind.names();
        let title = words(vi, en).take(lang);
        let document = match self.renderer.make(prepared, kind, "")?.0 {
            Made::Pdf { document, .. } => document,
            Made::Files(files) => {
                let html = files
                    .into_iter()
                    .find(|f| f.name.ends_with(".html"))
                    .map(|f| String::from_utf8_lossy(&f.bytes).into_owned());
                let news = PreviewDocument {
                    kind: kind.slug(),
                    title: title.clone(),
                    pages: Vec::new(),
                    texts: Vec::new(),
                    html,
                };
                return Ok((news, Vec::new()));
            }
        };
        let mut texts = vec![String::new(); document.pages().len()];
        for line in inspect::lines(&document) {
            if let Some(text) = texts.get_mut(line.page - 1) {
                text.push_str(&line.text);
                text.push('\n');
            }
        }
        let options = typst_svg::SvgOptions::default();
        let shown = PreviewDocument {
            kind: kind.slug(),
            title,
            pages: document.pages().iter().map(|p| typst_svg::svg(p, &options)).collect(),
            texts,
            html: None,
        };
        Ok((shown, missing_characters(&document)))
    }

    /// What the list shows for the record at `path`: `check`, without printing; a problem in
    /// `lang`.
    pub fn summarize(&self, path: &Path, lang: Lang) -> Summary {
        let mut summary = Summary {
            kind: String::new(),
            unit: String::new(),
            date: String::new(),
            subject: String::new(),
            problem: String::new(),
            errors: 0,
            warnings: 0,
            inputs: vec![path.to_path_buf()],
        };
        let result = YamlFile::read(path).and_then(prepare_file).and_then(|prepared| {
            match &prepared.context {
                Context::Session(c) => {
                    summary.kind = "working_session".into();
                    summary.unit = c.host.clone();
                    summary.date = c.date.iso.clone();
                }
                Context::Assessment(c) => {
                    summary.kind = "assessment".into();
                    summary.unit = c.assessment.unit.clone();
                    summary.date = c.assessment.as_of.iso.clone();
                }
                Context::TaskReport(c) => {
                    summary.kind = "task_report".into();
                    summary.unit = c.issuer.name.clone();
                    summary.date = c.as_of.iso.clone();
                }
                Context::Reminder(c) => {
                    summary.kind = "reminder".into();
                    summary.unit = c.to.clone();
                    summary.date = c.as_of.iso.clone();
                }
            }
            summary.subject = prepared.facts.summary.clone();
            summary.inputs = prepared.input_paths();
            let (_, missing) = self.documents(&prepared, Lang::Vi, false)?;
            summary.warnings = prepared.warnings.len() + missing.len();
            Ok(())
        });
        if let Err(error) = result {
            summary.errors = 1;
            summary.problem = problem_words(&error, lang);
        }
        summary
    }

    /// Writes every document of the record at `path` into `out` (archival PDF/A with `archive`).
    pub fn export(&self, path: &Path, out: &Folder, archive: bool) -> Result<Vec<PathBuf>, Error> {
        let prepared = prepare_file(YamlFile::read(path)?)?;
        let options = RenderOptions {
            archive,
            ..RenderOptions::default()
        };
        let rendered = self.renderer.render(&prepared, options)?;
        out.write_all(&rendered.files)
    }

    /// Adds the record at `path` (and its assessments) to the archive in `archive_dir`.
    pub fn archive(&self, path: &Path, archive_dir: &Path) -> Result<Vec<Added>, Error> {
        Archive::open(archive_dir)?.add(&self.renderer, path)
    }
}

/// A diagnostic as a note on the edited text; one from another file is placed on line 1
/// and names that file.
fn note(path: &Path, diagnostic: &Diagnostic, lang: Lang) -> Note {
    let severity = if diagnostic.problem.is_warning() {
        "warning"
    } else {
        "error"
    };
    let mut message = diagnostic.problem.message(lang);
    let (line, column) = if diagnostic.path == path {
        (diagnostic.line, diagnostic.column)
    } else {
        message = format!(
            "{}:{}:{}: {message}",
            diagnostic.path.display(),
            diagnostic.line,
            diagnostic.column
        );
        (1, 1)
    };
    Note {
        line,
        column,
        severity,
        message,
        hint: diagnostic.problem.hint(lang),
        field: None,
        form: None,
        problem: (diagnostic.path == path).then(|| diagnostic.problem.clone()),
    }
}

/// What stops a record, as the list names it: a missing field by its label ("Thiếu ngày"),
/// anything else by its message.
fn problem_words(error: &Error, lang: Lang) -> String {
    match error {
        Error::Record(diagnostic) => match &diagnostic.problem {
            crate::problem::Problem::MissingField { field } => {
                let label = super::labels::label_of(field, lang);
                let mut chars = label.chars();
                let label: String = chars
                    .next()
                    .into_iter()
                    .flat_map(char::to_lowercase)
                    .chain(chars)
                    .collect();
                super::text::t(lang, "problem_missing").replace("{label}", &label)
            }
            other => other.message(lang),
        },
        other => other.render(lang),
    }
}

/// Any error as a note: a record diagnostic at its place, anything else on line 1.
fn error_note(path: &Path, error: &Error, lang: Lang) -> Note {
    match error {
        Error::Record(diagnostic) => note(path, diagnostic, lang),
        other => Note {
            line: 1,
            column: 1,
            severity: "error",
            message: other.render(lang),
            hint: None,
            field: None,
            form: None,
            problem: None,
        },
    }
}
