//! The pipeline: record file → validated record → context → Typst source → document → bytes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use minijinja::Environment;
use serde::Serialize;
use typst_layout::PagedDocument;

use crate::assessment::{self, Checked};
use crate::context::{AssessmentContext, AssessmentSummary, SessionContext};
use crate::error::{Diagnostic, Error};
use crate::figures;
use crate::inspect;
use crate::load::YamlFile;
use crate::news;
use crate::output::OutputFile;
use crate::paths;
use crate::problem::{Problem, did_you_mean};
use crate::record::{Date, IssuerSystem, RecordKind, WorkingSession};
use crate::templates::{LAYOUT_LIBRARY, TemplateSource, typst_string};
use crate::typeset::{self, SourceNames};
use crate::validate;
use crate::world::DocumentWorld;

/// The news draft's wording.
const NEWS_MARKDOWN: &str = "tin-bai.md.j2";
/// The news draft's page.
const NEWS_HTML: &str = "tin-bai.html.j2";

/// The record kinds vanban reads.
const KINDS: [&str; 3] = ["working_session", "assessment", "criteria_set"];

/// A document vanban can issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// Biên bản.
    Minutes,
    /// Thông báo kết luận.
    Notice,
    /// Báo cáo kết quả đánh giá.
    Report,
    /// Tin bài: Markdown and HTML.
    News,
}

impl DocKind {
    /// The file-name suffix: `<id>-bien-ban.pdf`.
    pub fn slug(self) -> &'static str {
        match self {
            DocKind::Minutes => "bien-ban",
            DocKind::Notice => "thong-bao-ket-luan",
            DocKind::Report => "bao-cao-danh-gia",
            DocKind::News => "tin-bai",
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

/// What a template receives: one of the record kinds' contexts.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Context {
    /// A working session.
    Session(Box<SessionContext>),
    /// An assessment.
    Assessment(Box<AssessmentContext>),
}

impl Context {
    /// Which layout rules apply.
    pub fn system(&self) -> IssuerSystem {
        match self {
            Context::Session(c) => c.system,
            Context::Assessment(c) => c.system,
        }
    }

    /// The record's stable name.
    pub fn id(&self) -> &str {
        match self {
            Context::Session(c) => &c.id,
            Context::Assessment(c) => &c.id,
        }
    }
}

/// A record read, validated and enriched: ready to render.
pub struct Prepared {
    /// The file it came from.
    pub file: YamlFile,
    /// Everything templates can use.
    pub context: Context,
    /// Warnings found on the way.
    pub warnings: Vec<Diagnostic>,
    /// Documents the record asks for, with the date each bears.
    pub documents: Vec<(DocKind, Date)>,
    /// Files this record was read from: itself, its assessments and their set files.
    pub inputs: Vec<PathBuf>,
}

/// Reads, validates and enriches the record at `path`.
pub fn prepare(path: &Path) -> Result<Prepared, Error> {
    let file = YamlFile::read(path)?;
    prepare_file(file)
}

/// Like [`prepare`], for a file already in memory.
pub fn prepare_file(file: YamlFile) -> Result<Prepared, Error> {
    let head: RecordKind = file.parse()?;
    let Some(kind) = head.kind else {
        let problem = Problem::UnknownKind {
            found: None,
            suggestion: None,
        };
        return Err(file.diagnostic_at(serde_saphyr::Location::UNKNOWN, problem).into());
    };
    match kind.value.as_str() {
        "working_session" => prepare_session(file),
        "assessment" => prepare_assessment(file),
        other => {
            let suggestion = did_you_mean(other, KINDS).filter(|s| s != other);
            Err(file
                .diagnostic_at(
                    kind.referenced,
                    Problem::UnknownKind {
                        found: Some(other.to_string()),
                        suggestion,
                    },
                )
                .into())
        }
    }
}

fn prepare_session(file: YamlFile) -> Result<Prepared, Error> {
    let session: WorkingSession = file.parse()?;
    let warnings = validate::working_session(&file, &session)?;
    let checked = session_assessments(&file, &session)?;
    let mut documents = Vec::new();
    if session.documents.minutes.is_some() {
        documents.push((DocKind::Minutes, session.date));
    }
    if let Some(notice) = &session.documents.notice {
        documents.push((DocKind::Notice, notice.value.date.unwrap_or(session.date)));
    }
    if session.documents.news.is_some() {
        documents.push((DocKind::News, session.date));
    }
    let id = record_id(session.id.as_ref().map(|id| id.value.as_str()), &file.path);
    let mut context = SessionContext::new(&session, id);
    context.report.assessments = checked.iter().map(AssessmentSummary::new).collect();
    let mut inputs = vec![file.path.clone()];
    for c in &checked {
        inputs.extend(assessment_inputs(c));
    }
    Ok(Prepared {
        file,
        context: Context::Session(Box::new(context)),
        warnings,
        documents,
        inputs,
    })
}

/// Reads the assessments a session names and checks its text against their totals.
fn session_assessments(file: &YamlFile, session: &WorkingSession) -> Result<Vec<Checked>, Error> {
    let Some(report) = &session.report else {
        return Ok(Vec::new());
    };
    let folder = paths::folder_of(&file.path);
    let mut checked = Vec::new();
    for reference in &report.assessments {
        let at = |problem| Error::from(file.diagnostic_at(reference.referenced, problem));
        let path = paths::inside(&folder, &reference.value).ok_or_else(|| {
            at(Problem::PathOutsideFolder {
                path: reference.value.clone(),
            })
        })?;
        if !path.is_file() {
            return Err(at(Problem::MissingFile {
                path: reference.value.clone(),
            }));
        }
        checked.push(assessment::read(&path)?);
    }
    if let Some(summary) = &report.summary {
        let tallies: Vec<(String, assessment::Tally)> = checked
            .iter()
            .map(|c| (c.file.path.display().to_string(), c.tally.clone()))
            .collect();
        figures::check(file, summary, &tallies)?;
    }
    Ok(checked)
}

/// The files an assessment was read from: itself and its set, unless the set is built in.
fn assessment_inputs(checked: &Checked) -> Vec<PathBuf> {
    let mut inputs = vec![checked.file.path.clone()];
    if !checked.set.built_in {
        inputs.push(checked.set.file.path.clone());
    }
    inputs
}

fn prepare_assessment(file: YamlFile) -> Result<Prepared, Error> {
    let checked = assessment::check(file.clone())?;
    let inputs = assessment_inputs(&checked);
    let id = record_id(checked.assessment.id.as_ref().map(|id| id.value.as_str()), &file.path);
    if let Some(id) = &checked.assessment.id
        && !validate::is_file_name_safe(&id.value)
    {
        return Err(file
            .diagnostic_at(id.referenced, Problem::BadId { id: id.value.clone() })
            .into());
    }
    let Some(spec) = &checked.assessment.documents.report else {
        let note = file.diagnostic_at(
            checked.assessment.criteria_set.referenced,
            Problem::NoReportAsked { record: id.clone() },
        );
        let context = AssessmentContext::new(&checked, checked.assessment.issuer.as_ref(), None, id);
        return Ok(Prepared {
            file,
            context: Context::Assessment(Box::new(context)),
            warnings: vec![note],
            documents: Vec::new(),
            inputs,
        });
    };
    let Some(issuer) = &checked.assessment.issuer else {
        return Err(file.diagnostic_at(spec.referenced, Problem::ReportNeedsIssuer).into());
    };
    let context = AssessmentContext::new(&checked, Some(issuer), Some(&spec.value), id);
    let date = spec.value.date.unwrap_or(checked.assessment.as_of);
    Ok(Prepared {
        file,
        context: Context::Assessment(Box::new(context)),
        warnings: Vec::new(),
        documents: vec![(DocKind::Report, date)],
        inputs,
    })
}

fn record_id(id: Option<&str>, path: &Path) -> String {
    if let Some(id) = id {
        return id.to_string();
    }
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

/// Frees Typst's memoized results that recent documents no longer use: every 16th document
/// of the process, not every one, because eviction is global and evicting after each
/// document threw away the other workers' caches mid-document (measured: 1.4-1.5x
/// speed-up on 2 threads instead of 1.9x).
fn evict_now_and_then() {
    static DOCUMENTS: AtomicUsize = AtomicUsize::new(0);
    if DOCUMENTS.fetch_add(1, Ordering::Relaxed) % 16 == 15 {
        typst::comemo::evict(3);
    }
}

/// How documents are written.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Also write the generated Typst sources and the layout library.
    pub emit_typst: bool,
    /// PDF/A-3u with the record and its assessments attached.
    pub archive: bool,
}

/// Typst lines that attach every input file of a record, byte for byte, to the PDF.
fn attachments(prepared: &Prepared) -> Result<String, Error> {
    let mut lines = String::from("\n");
    let mut names = std::collections::BTreeSet::new();
    for (index, path) in prepared.inputs.iter().enumerate() {
        let bytes = std::fs::read(path).map_err(|e| Error::Read {
            path: path.clone(),
            detail: e.to_string(),
        })?;
        let text = String::from_utf8(bytes).map_err(|_| Error::Read {
            path: path.clone(),
            detail: "not UTF-8".into(),
        })?;
        let base = path
            .file_name()
            .map_or_else(|| "record.yaml".into(), |n| n.to_string_lossy().into_owned());
        let name = if names.insert(base.clone()) {
            base
        } else {
            format!("{index}-{base}")
        };
        let description = if index == 0 {
            "Bản ghi nguồn của văn bản"
        } else {
            "Kết quả đánh giá kèm theo"
        };
        lines.push_str(&format!(
            "#pdf.attach({}, bytes({}), relationship: \"source\", mime-type: \"application/yaml\", description: {})\n",
            typst_string(&name),
            typst_string(&text),
            typst_string(description)
        ));
    }
    Ok(lines)
}

/// The files of one record's documents, and what was noticed while making them.
pub struct Rendered {
    /// The files, ready to write.
    pub files: Vec<OutputFile>,
    /// Warnings about the laid-out documents.
    pub warnings: Vec<Diagnostic>,
}

/// One diagnostic per character in `missing`, at its first place in the record or the files
/// it read; the record's first line when the character came from elsewhere (a template).
pub fn missing_glyphs(prepared: &Prepared, missing: &BTreeSet<char>, archive: bool) -> Vec<Diagnostic> {
    let others: Vec<YamlFile> = if missing.is_empty() {
        Vec::new()
    } else {
        prepared
            .inputs
            .iter()
            .skip(1)
            .filter_map(|p| YamlFile::read(p).ok())
            .collect()
    };
    missing
        .iter()
        .map(|&character| {
            let problem = Problem::MissingGlyph { character, archive };
            let needle = character.to_string();
            let file = std::iter::once(&prepared.file)
                .chain(&others)
                .find(|f| f.text.contains(&needle))
                .unwrap_or(&prepared.file);
            file.diagnostic_at_text(serde_saphyr::Location::UNKNOWN, &needle, problem)
        })
        .collect()
}

/// Turns prepared records into documents with one set of templates.
///
/// A renderer keeps one Typst World and reuses it from document to document, so Typst's
/// caches stay warm across a batch or a watch session.
pub struct Renderer {
    source: TemplateSource,
    env: Environment<'static>,
    library: String,
    world: Mutex<Option<DocumentWorld>>,
}

impl Renderer {
    /// A renderer over `source`; reads the layout library once.
    pub fn new(source: TemplateSource) -> Result<Renderer, Error> {
        if let Some(dir) = source.dir.as_ref().filter(|dir| !dir.is_dir()) {
            return Err(Error::NoTemplatesFolder { path: dir.clone() });
        }
        let env = source.environment();
        let (library, _) = source.load(LAYOUT_LIBRARY)?;
        Ok(Renderer {
            source,
            env,
            library,
            world: Mutex::new(None),
        })
    }

    /// Reads the templates again (after a user edited one), keeping the World and its caches.
    pub fn reload_templates(&mut self) -> Result<(), Error> {
        let (library, _) = self.source.load(LAYOUT_LIBRARY)?;
        self.env = self.source.environment();
        if let Some(world) = self.world.get_mut().unwrap_or_else(PoisonError::into_inner) {
            world.set_library(&library);
        }
        self.library = library;
        Ok(())
    }

    /// Lays out `source` in this renderer's World.
    fn compile(&self, source: String, names: &SourceNames) -> Result<PagedDocument, Error> {
        let mut slot = self.world.lock().unwrap_or_else(PoisonError::into_inner);
        let world = match slot.as_mut() {
            Some(world) => {
                world.set_main(&source);
                world
            }
            None => slot.insert(DocumentWorld::new(source, self.library.clone())),
        };
        typeset::layout(world, names).map_err(|error| self.locate_in_template(error, names))
    }

    /// Points a Typst error in generated source at the template line that wrote it, when
    /// that line came out of a template unchanged; else it stays at the generated line.
    fn locate_in_template(&self, mut error: Error, names: &SourceNames) -> Error {
        let Error::Typst {
            file,
            line,
            source_line: Some(generated),
            ..
        } = &mut error
        else {
            return error;
        };
        if *file != names.template {
            return error;
        }
        let built_ins = crate::templates::BUILT_INS.iter().map(|(name, _)| name.to_string());
        let candidates = self
            .source
            .user_templates()
            .into_iter()
            .chain(built_ins)
            .filter(|n| n.ends_with(".typ.j2"));
        let found = candidates.into_iter().find_map(|name| {
            let (text, _) = self.source.load(&name).ok()?;
            let number = text.lines().position(|l| l.trim() == generated.as_str())?;
            Some((self.source.display_name(&name), number + 1))
        });
        if let Some((template, template_line)) = found {
            *file = template;
            *line = template_line;
        }
        error
    }

    /// The text that template `name` generates from `context` (Typst source for PDF templates).
    pub fn typst_source(&self, name: &str, context: &impl Serialize) -> Result<String, Error> {
        let template = self.env.get_template(name).map_err(|e| self.template_error(name, &e))?;
        template
            .render(minijinja::value::Serde(context))
            .map_err(|e| self.template_error(name, &e))
    }

    /// The news draft of a prepared session: Markdown from its template, and an HTML page
    /// made from that Markdown; abbreviated if the record asks.
    pub fn news(&self, prepared: &Prepared) -> Result<Vec<OutputFile>, Error> {
        let abbreviate = match &prepared.context {
            Context::Session(session) => session.news.as_ref().is_some_and(|n| n.abbreviate),
            Context::Assessment(_) => false,
        };
        let press = |text: String| if abbreviate { news::abbreviate(&text) } else { text };
        let markdown = press(news::tidy(&self.typst_source(NEWS_MARKDOWN, &prepared.context)?));
        let (title, article) = news::markdown_to_html(&markdown);
        let page_context = minijinja::context! {
            article => minijinja::Value::from_safe_string(article),
            title => title,
            ..minijinja::Value::from(minijinja::value::Serde(&prepared.context))
        };
        let template = self
            .env
            .get_template(NEWS_HTML)
            .map_err(|e| self.template_error(NEWS_HTML, &e))?;
        let html = template
            .render(page_context)
            .map_err(|e| self.template_error(NEWS_HTML, &e))?;
        let id = prepared.context.id();
        Ok(vec![
            OutputFile {
                name: format!("{id}-tin-bai.md"),
                bytes: markdown.into_bytes(),
            },
            OutputFile {
                name: format!("{id}-tin-bai.html"),
                bytes: press(html).into_bytes(),
            },
        ])
    }

    /// A PDF from template `name` over any context (the archive's summary table).
    pub fn pdf_from_template(
        &self,
        name: &str,
        context: &impl Serialize,
        ident: &str,
        date: Date,
    ) -> Result<Vec<u8>, Error> {
        let source = self.typst_source(name, context)?;
        let names = self.names(name);
        let document = self.compile(source, &names)?;
        typeset::pdf(&document, ident, date, false, &names)
    }

    /// Lays out a named template with `context` (the archive summary, in tests).
    pub fn layout_template(&self, name: &str, context: &impl Serialize) -> Result<PagedDocument, Error> {
        let source = self.typst_source(name, context)?;
        self.compile(source, &self.names(name))
    }

    /// Lays out one document of a prepared record.
    pub fn layout(&self, prepared: &Prepared, kind: DocKind) -> Result<PagedDocument, Error> {
        let name = kind.template(prepared.context.system());
        let source = self.typst_source(&name, &prepared.context)?;
        self.compile(source, &self.names(&name))
    }

    /// Every document of a prepared record, as files ready to write, with warnings about
    /// characters the fonts lack (an error instead, in archival form).
    pub fn render(&self, prepared: &Prepared, options: RenderOptions) -> Result<Rendered, Error> {
        let mut files = Vec::new();
        let mut missing = BTreeSet::new();
        let attachments = if options.archive {
            attachments(prepared)?
        } else {
            String::new()
        };
        for (kind, date) in &prepared.documents {
            if *kind == DocKind::News {
                files.extend(self.news(prepared)?);
                continue;
            }
            let name = kind.template(prepared.context.system());
            let mut source = self.typst_source(&name, &prepared.context)?;
            source.push_str(&attachments);
            let stem = format!("{}-{}", prepared.context.id(), kind.slug());
            if options.emit_typst {
                files.push(OutputFile {
                    name: format!("{stem}.typ"),
                    bytes: source.clone().into_bytes(),
                });
            }
            let names = self.names(&name);
            let document = self.compile(source, &names)?;
            missing.extend(inspect::missing_characters(&document));
            if options.archive
                && let Some(first) = missing_glyphs(prepared, &missing, true).into_iter().next()
            {
                return Err(first.into());
            }
            let bytes = typeset::pdf(&document, &stem, *date, options.archive, &names)?;
            files.push(OutputFile {
                name: format!("{stem}.pdf"),
                bytes,
            });
            evict_now_and_then();
        }
        if options.emit_typst && files.iter().any(|f| f.name.ends_with(".typ")) {
            files.push(OutputFile {
                name: LAYOUT_LIBRARY.into(),
                bytes: self.library.clone().into_bytes(),
            });
        }
        Ok(Rendered {
            files,
            warnings: missing_glyphs(prepared, &missing, false),
        })
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
