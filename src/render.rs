//! The pipeline: record file → validated record → context → Typst source → document → bytes.

use std::path::Path;

use minijinja::Environment;
use serde::Serialize;
use typst_layout::PagedDocument;

use crate::context::SessionContext;
use crate::error::{Diagnostic, Error};
use crate::load::YamlFile;
use crate::output::OutputFile;
use crate::problem::{Problem, did_you_mean};
use crate::record::{Date, IssuerSystem, RecordKind, WorkingSession};
use crate::templates::{LAYOUT_LIBRARY, TemplateSource};
use crate::typeset::{self, SourceNames};
use crate::validate;
use crate::world::DocumentWorld;

/// The record kinds vanban reads.
const KINDS: [&str; 3] = ["working_session", "assessment", "criteria_set"];

/// A document vanban can issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// Biên bản.
    Minutes,
    /// Thông báo kết luận.
    Notice,
}

impl DocKind {
    /// The file-name suffix: `<id>-bien-ban.pdf`.
    pub fn slug(self) -> &'static str {
        match self {
            DocKind::Minutes => "bien-ban",
            DocKind::Notice => "thong-bao-ket-luan",
        }
    }

    /// The template that writes this document for `system`.
    pub fn template(self, system: IssuerSystem) -> String {
        let system = match system {
            IssuerSystem::State => "state",
            IssuerSystem::Party => "party",
        };
        format!("{}.{system}.typ.j2", self.slug())
    }
}

/// A record read, validated and enriched: ready to render.
pub struct Prepared {
    /// The file it came from.
    pub file: YamlFile,
    /// Everything templates can use.
    pub context: SessionContext,
    /// Warnings found on the way.
    pub warnings: Vec<Diagnostic>,
    /// Documents the record asks for.
    pub documents: Vec<DocKind>,
    /// Date each document bears, for the PDF creation date.
    dates: Vec<Date>,
}

/// Reads, validates and enriches the record at `path`.
pub fn prepare(path: &Path) -> Result<Prepared, Error> {
    let file = YamlFile::read(path)?;
    prepare_file(file)
}

/// Like [`prepare`], for a file already in memory.
pub fn prepare_file(file: YamlFile) -> Result<Prepared, Error> {
    let head: RecordKind = file.parse()?;
    let kind = head.kind.ok_or_else(|| {
        Error::from(file.diagnostic_at(
            serde_saphyr::Location::UNKNOWN,
            Problem::UnknownKind {
                found: None,
                suggestion: None,
            },
        ))
    })?;
    if kind.value != "working_session" {
        let suggestion = did_you_mean(&kind.value, KINDS).filter(|s| *s != kind.value);
        return Err(file
            .diagnostic_at(
                kind.referenced,
                Problem::UnknownKind {
                    found: Some(kind.value.clone()),
                    suggestion,
                },
            )
            .into());
    }
    let session: WorkingSession = file.parse()?;
    let warnings = validate::working_session(&file, &session)?;
    let id = match &session.id {
        Some(id) => id.value.clone(),
        None => file_stem_id(&file.path),
    };
    let mut documents = Vec::new();
    let mut dates = Vec::new();
    if session.documents.minutes.is_some() {
        documents.push(DocKind::Minutes);
        dates.push(session.date);
    }
    if let Some(notice) = &session.documents.notice {
        documents.push(DocKind::Notice);
        dates.push(notice.value.date.unwrap_or(session.date));
    }
    let context = SessionContext::new(&session, id);
    Ok(Prepared {
        file,
        context,
        warnings,
        documents,
        dates,
    })
}

fn file_stem_id(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let safe: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if safe.is_empty() { "van-ban".into() } else { safe }
}

/// Turns prepared records into documents with one set of templates.
pub struct Renderer {
    source: TemplateSource,
    env: Environment<'static>,
    library: String,
}

impl Renderer {
    /// A renderer over `source`; reads the layout library once.
    pub fn new(source: TemplateSource) -> Result<Renderer, Error> {
        let env = source.environment();
        let (library, _) = source.load(LAYOUT_LIBRARY)?;
        Ok(Renderer { source, env, library })
    }

    /// The Typst source that template `name` generates from `context`.
    pub fn typst_source(&self, name: &str, context: &impl Serialize) -> Result<String, Error> {
        let template = self.env.get_template(name).map_err(|e| self.template_error(name, &e))?;
        template
            .render(minijinja::value::Serde(context))
            .map_err(|e| self.template_error(name, &e))
    }

    /// Lays out one document of a prepared record.
    pub fn layout(&self, prepared: &Prepared, kind: DocKind) -> Result<PagedDocument, Error> {
        let name = kind.template(prepared.context.system);
        let source = self.typst_source(&name, &prepared.context)?;
        let world = DocumentWorld::new(source, self.library.clone());
        typeset::layout(&world, &self.names(&name))
    }

    /// Every document of a prepared record, as files ready to write.
    pub fn render(&self, prepared: &Prepared, emit_typst: bool) -> Result<Vec<OutputFile>, Error> {
        let mut files = Vec::new();
        for (kind, date) in prepared.documents.iter().zip(&prepared.dates) {
            let name = kind.template(prepared.context.system);
            let source = self.typst_source(&name, &prepared.context)?;
            let stem = format!("{}-{}", prepared.context.id, kind.slug());
            if emit_typst {
                files.push(OutputFile {
                    name: format!("{stem}.typ"),
                    bytes: source.clone().into_bytes(),
                });
            }
            let world = DocumentWorld::new(source, self.library.clone());
            let names = self.names(&name);
            let document = typeset::layout(&world, &names)?;
            let bytes = typeset::pdf(&document, &stem, *date, &names)?;
            files.push(OutputFile {
                name: format!("{stem}.pdf"),
                bytes,
            });
            typst::comemo::evict(10);
        }
        if emit_typst {
            files.push(OutputFile {
                name: LAYOUT_LIBRARY.into(),
                bytes: self.library.clone().into_bytes(),
            });
        }
        Ok(files)
    }

    fn names(&self, template: &str) -> SourceNames {
        SourceNames {
            template: self.source.display_name(template),
            library: self.source.display_name(LAYOUT_LIBRARY),
        }
    }

    fn template_error(&self, name: &str, error: &minijinja::Error) -> Error {
        let shown = error.name().unwrap_or(name);
        let detail = match error.detail() {
            Some(detail) => format!("{} ({detail})", error.kind()),
            None => error.kind().to_string(),
        };
        Error::Template {
            name: self.source.display_name(shown),
            line: error.line(),
            detail,
        }
    }
}
