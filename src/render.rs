//! The pipeline, stage by stage: [`crate::prepare`] → [`crate::compose`] →
//! [`crate::layout`] → [`crate::output`]. The [`Renderer`] runs compose and layout for each
//! document a prepared record asks for, choosing by the document's format in one place.

use std::collections::BTreeSet;

use rayon::prelude::*;
use serde::Serialize;
use typst::syntax::Source;
use typst_layout::PagedDocument;

use crate::compose::Composer;
use crate::compose::templates::{LAYOUT_LIBRARY, TemplateSource};
use crate::documents::{DocKind, Format};
use crate::error::TypstMessage;
use crate::error::{Diagnostic, Error};
use crate::layout::typeset::{self, SourceNames};
use crate::layout::typst::TypstLayout;
use crate::layout::{docx, inspect};
use crate::output::{OutputFile, attachments};
use crate::prepare::Prepared;
use crate::problem::Problem;
use crate::record::Date;

/// A format `vanban render --format` writes the laid-out documents in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// The PDF.
    Pdf,
    /// An editable Word draft with the same words and layout.
    Docx,
}

/// How documents are written.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Also write the generated Typst sources and the layout library.
    pub emit_typst: bool,
    /// PDF/A-3u with the record and its assessments attached.
    pub archive: bool,
    /// Also give each document's words as its reader sees them (for the archive's index).
    pub index_words: bool,
}

impl RenderOptions {
    /// Archival PDF/A-3u, as `render --archive` and `archive verify` make it.
    pub const ARCHIVAL: RenderOptions = RenderOptions {
        emit_typst: false,
        archive: true,
        index_words: false,
    };
    /// The archive's own copy: archival, with the words its index keeps.
    pub const FOR_THE_ARCHIVE: RenderOptions = RenderOptions {
        index_words: true,
        ..RenderOptions::ARCHIVAL
    };
}

/// The files of one record's documents, and what was noticed while making them.
pub struct Rendered {
    /// The files, ready to write.
    pub files: Vec<OutputFile>,
    /// Warnings about the laid-out documents.
    pub warnings: Vec<Diagnostic>,
    /// With [`RenderOptions::words`], each document's words as its reader sees them, one
    /// laid-out line a line (the archive's search index keeps them).
    pub words: Vec<String>,
}

/// One document, made as far as its format goes before bytes.
pub enum Made {
    /// A laid-out PDF document, with the Typst source it came from.
    Pdf {
        /// The generated Typst source, as parsed.
        source: typst::syntax::Source,
        /// The laid-out document.
        document: PagedDocument,
        /// Names to report problems under.
        names: SourceNames,
    },
    /// Finished files (the news draft).
    Files(Vec<OutputFile>),
}

/// One document of a record, made: its files, its warnings, the characters its fonts lack,
/// its words (when asked).
struct Document {
    files: Vec<OutputFile>,
    warnings: Vec<Diagnostic>,
    missing: BTreeSet<char>,
    words: Option<String>,
}

/// Turns prepared records into documents with one set of templates.
pub struct Renderer {
    composer: Composer,
    typst: TypstLayout,
}

impl Renderer {
    /// A renderer over `source`; reads the layout library once.
    pub fn new(source: TemplateSource) -> Result<Renderer, Error> {
        let composer = Composer::new(source)?;
        let (library, _) = composer.source().load(LAYOUT_LIBRARY)?;
        Ok(Renderer {
            composer,
            typst: TypstLayout::new(library),
        })
    }

    /// Reads the templates again (after a user edited one), keeping the World and its caches.
    pub fn reload_templates(&mut self) -> Result<(), Error> {
        let (library, _) = self.composer.source().load(LAYOUT_LIBRARY)?;
        self.composer.reload();
        self.typst.set_library(library);
        Ok(())
    }

    /// Makes one document of a prepared record: the one place that branches on the format.
    /// `extra` is appended to generated Typst (the archival attachments).
    pub fn make(&self, prepared: &Prepared, kind: DocKind, extra: &str) -> Result<(Made, Vec<Diagnostic>), Error> {
        match kind.format() {
            Format::News => Ok((
                Made::Files(self.composer.news(&prepared.context, kind.slug())?),
                Vec::new(),
            )),
            Format::Pdf => {
                let name = kind.template(prepared.context.system());
                let mut source = self.composer.render_template(&name, &prepared.context)?;
                source.push_str(extra);
                let names = self.names(&name);
                let (document, warnings, source) = self.lay_out(source, &names)?;
                Ok((
                    Made::Pdf {
                        source,
                        document,
                        names,
                    },
                    warnings,
                ))
            }
        }
    }

    /// Lays out one PDF document of a prepared record.
    pub fn layout(&self, prepared: &Prepared, kind: DocKind) -> Result<PagedDocument, Error> {
        match self.make(prepared, kind, "")? {
            (Made::Pdf { document, .. }, _) => Ok(document),
            (Made::Files(_), _) => Err(Error::UnknownTemplate {
                name: kind.template(prepared.context.system()),
            }),
        }
    }

    /// Every document of a prepared record laid out, as `check` does: warnings (Typst's, and
    /// characters the fonts lack); nothing is written. The documents lay out side by side.
    pub fn check(&self, prepared: &Prepared) -> Result<Vec<Diagnostic>, Error> {
        type Checked = Result<(Vec<Diagnostic>, BTreeSet<char>), Error>;
        let checked: Vec<Checked> = prepared
            .documents
            .par_iter()
            .map(|requested| {
                let (made, noticed) = self.make(prepared, requested.kind, "")?;
                let missing = match made {
                    Made::Pdf { document, .. } => inspect::missing_characters(&document).into_iter().collect(),
                    Made::Files(_) => BTreeSet::new(),
                };
                Ok((noticed, missing))
            })
            .collect();
        let mut warnings = Vec::new();
        let mut missing = BTreeSet::new();
        for result in checked {
            let (noticed, lacking) = result?;
            warnings.extend(noticed);
            missing.extend(lacking);
        }
        warnings.extend(missing_glyphs(prepared, &missing, false));
        Ok(warnings)
    }

    /// Every document of a prepared record, as files ready to write, with warnings about
    /// characters the fonts lack (an error instead, in archival form).
    pub fn render(&self, prepared: &Prepared, options: RenderOptions) -> Result<Rendered, Error> {
        self.render_formats(prepared, options, &[OutputFormat::Pdf])
    }

    /// As [`Renderer::render`], writing each laid-out document in `formats`: the PDF, and
    /// the DOCX read from the same generated source (the one place that chooses the layout).
    /// The documents are made side by side (on the caller's thread pool); their files,
    /// warnings and errors come back in the record's order, as if made one after another.
    pub fn render_formats(
        &self,
        prepared: &Prepared,
        options: RenderOptions,
        formats: &[OutputFormat],
    ) -> Result<Rendered, Error> {
        let extra = if options.archive {
            attachments::typst_lines(prepared)?
        } else {
            String::new()
        };
        let made: Vec<Result<Document, Error>> = prepared
            .documents
            .par_iter()
            .map(|requested| self.document(prepared, requested.kind, requested.date, options, formats, &extra))
            .collect();
        let mut files = Vec::new();
        let mut warnings = Vec::new();
        let mut missing = BTreeSet::new();
        let mut words = Vec::new();
        for document in made {
            let document = document?;
            words.extend(document.words);
            warnings.extend(document.warnings);
            missing.extend(document.missing);
            if options.archive
                && let Some(first) = missing_glyphs(prepared, &missing, true).into_iter().next()
            {
                return Err(first.into());
            }
            files.extend(document.files);
        }
        if options.emit_typst && files.iter().any(|f| f.name.ends_with(".typ")) {
            files.push(OutputFile {
                name: LAYOUT_LIBRARY.into(),
                bytes: self.typst.library().as_bytes().to_vec(),
            });
        }
        warnings.extend(missing_glyphs(prepared, &missing, false));
        Ok(Rendered { files, warnings, words })
    }

    /// Each document's words as its reader sees them (the archive's search index), without
    /// making any file.
    pub fn words(&self, prepared: &Prepared) -> Result<Vec<String>, Error> {
        let options = RenderOptions::FOR_THE_ARCHIVE;
        Ok(self.render_formats(prepared, options, &[])?.words)
    }

    /// One document's files in `formats`, its warnings, and the characters its fonts lack
    /// (its PDF is not made in archival form when it lacks one: that is an error).
    fn document(
        &self,
        prepared: &Prepared,
        kind: DocKind,
        date: Date,
        options: RenderOptions,
        formats: &[OutputFormat],
        extra: &str,
    ) -> Result<Document, Error> {
        let (made, warnings) = self.make(prepared, kind, extra)?;
        let (source, document, names) = match made {
            Made::Files(files) => {
                let words = options.index_words.then(|| news_words(&files));
                return Ok(Document {
                    files,
                    warnings,
                    missing: BTreeSet::new(),
                    words,
                });
            }
            Made::Pdf {
                source,
                document,
                names,
            } => (source, document, names),
        };
        let mut files = Vec::new();
        let stem = format!("{}-{}", prepared.context.id(), kind.slug());
        if formats.contains(&OutputFormat::Docx) {
            files.push(OutputFile {
                name: format!("{stem}.docx"),
                bytes: self.docx(&document, &source, &names)?,
            });
        }
        if options.emit_typst {
            files.push(OutputFile {
                name: format!("{stem}.typ"),
                bytes: source.text().as_bytes().to_vec(),
            });
        }
        let missing: BTreeSet<char> = inspect::missing_characters(&document).into_iter().collect();
        if formats.contains(&OutputFormat::Pdf) && (missing.is_empty() || !options.archive) {
            let bytes = typeset::pdf(&document, &stem, date, options.archive, &names)?;
            files.push(OutputFile {
                name: format!("{stem}.pdf"),
                bytes,
            });
        }
        Ok(Document {
            files,
            warnings,
            missing,
            words: options.index_words.then(|| inspect::plain_text(&document)),
        })
    }

    /// The DOCX of a laid-out document, from the same layout model as its PDF; a problem
    /// points at the template line that wrote it when that line came out of a template
    /// unchanged, else at the generated line or the layout library's.
    pub fn docx(&self, document: &PagedDocument, main: &Source, names: &SourceNames) -> Result<Vec<u8>, Error> {
        docx::docx(document).map_err(|e| {
            let line_in = |source: &Source| {
                let start = source.find(e.span)?.range().start;
                source.lines().byte_to_line(start).map(|line| line + 1)
            };
            let place = if let Some(line) = line_in(main) {
                let text = main.text().lines().nth(line - 1).unwrap_or_default();
                match self.composer.template_line(text) {
                    Some((name, line)) => format!("{name}:{line}"),
                    None => format!("{} (generated line {line})", names.template),
                }
            } else if let Some(line) = line_in(self.typst.library_source()) {
                format!("{}:{line}", names.library)
            } else {
                names.template.clone()
            };
            Error::Feature {
                path: place.into(),
                problem: Box::new(e.problem),
            }
        })
    }

    /// Lays out template `name` over any context (the archive summary, in tests).
    pub fn layout_template(&self, name: &str, context: &impl Serialize) -> Result<PagedDocument, Error> {
        let source = self.composer.render_template(name, context)?;
        Ok(self.lay_out(source, &self.names(name))?.0)
    }

    /// A PDF from template `name` over any context (the archive's summary table).
    pub fn pdf_from_template(
        &self,
        name: &str,
        context: &impl Serialize,
        ident: &str,
        date: Date,
    ) -> Result<(Vec<u8>, Vec<Diagnostic>), Error> {
        let source = self.composer.render_template(name, context)?;
        let names = self.names(name);
        let (document, warnings, _) = self.lay_out(source, &names)?;
        Ok((typeset::pdf(&document, ident, date, false, &names)?, warnings))
    }

    /// Lays out Typst source; errors and warnings point at the template line that wrote them.
    fn lay_out(&self, source: String, names: &SourceNames) -> Result<(PagedDocument, Vec<Diagnostic>, Source), Error> {
        let laid = self
            .typst
            .lay_out(source, names)
            .map_err(|error| self.locate_error(error, names))?;
        let warnings = laid
            .warnings
            .into_iter()
            .map(|w| {
                let w = self.locate(w, names);
                let problem = Problem::TypstWarning {
                    message: w.message,
                    hints: w.hints,
                };
                Diagnostic {
                    path: w.file.into(),
                    line: w.line,
                    column: w.column,
                    problem,
                    source_line: None,
                }
            })
            .collect();
        Ok((laid.document, warnings, laid.main))
    }

    fn locate_error(&self, error: Error, names: &SourceNames) -> Error {
        match error {
            Error::Typst(message) => Error::Typst(self.locate(message, names)),
            other => other,
        }
    }

    /// Points a Typst message in generated source at the template line that wrote it, when
    /// that line came out of a template unchanged; else it stays at the generated line.
    fn locate(&self, mut message: TypstMessage, names: &SourceNames) -> TypstMessage {
        if message.file != names.template {
            return message;
        }
        let found = message
            .source_line
            .as_deref()
            .and_then(|generated| self.composer.template_line(generated));
        if let Some((template, line)) = found {
            message.file = template;
            message.line = line;
        }
        message
    }

    fn names(&self, template: &str) -> SourceNames {
        let source = self.composer.source();
        SourceNames {
            template: source.display_name(template),
            library: source.display_name(LAYOUT_LIBRARY),
        }
    }
}

/// One diagnostic per character in `missing`, at its first place in the record or the files
/// it read; the record's first line when the character came from elsewhere (a template).
pub fn missing_glyphs(prepared: &Prepared, missing: &BTreeSet<char>, archive: bool) -> Vec<Diagnostic> {
    missing
        .iter()
        .map(|&character| {
            let problem = Problem::MissingGlyph { character, archive };
            let needle = character.to_string();
            let file = prepared
                .inputs
                .iter()
                .map(|input| &input.file)
                .find(|f| f.text.contains(&needle))
                .unwrap_or(prepared.file());
            file.diagnostic_at_text(serde_saphyr::Location::UNKNOWN, &needle, problem)
        })
        .collect()
}

/// The news draft's words: its Markdown, as the portal's editor reads it.
fn news_words(files: &[OutputFile]) -> String {
    files
        .iter()
        .filter(|f| f.name.ends_with(".md"))
        .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
        .collect()
}
