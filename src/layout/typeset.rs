//! Typesetting: generated Typst source to a laid-out document, and that document to PDF bytes.

use std::sync::atomic::{AtomicUsize, Ordering};

use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::error::{Error, TypstMessage};
use crate::layout::world::{DocumentWorld, main_id};
use crate::record::Date;

/// Names to show when Typst reports an error in one of the two sources.
pub struct SourceNames {
    /// The template that generated the main source.
    pub template: String,
    /// The layout library, as the user sees it.
    pub library: String,
}

/// A laid-out document and what Typst warned about on the way.
pub struct Laid {
    /// The document.
    pub document: PagedDocument,
    /// The generated source it was laid out from, with the spans its elements point at.
    pub main: typst::syntax::Source,
    /// Typst's warnings, at the generated line (the renderer points them at the template).
    pub warnings: Vec<TypstMessage>,
}

/// Lays out the World's document; the first error becomes an [`Error::Typst`].
pub fn layout(world: &DocumentWorld, names: &SourceNames) -> Result<Laid, Error> {
    let compiled = typst::compile::<PagedDocument>(world);
    let warnings = compiled
        .warnings
        .iter()
        .map(|w| typst_message(world, names, w))
        .collect();
    let document = compiled.output.map_err(|diagnostics| {
        let first = diagnostics
            .iter()
            .find(|d| d.severity == Severity::Error)
            .or(diagnostics.first());
        match first {
            Some(diagnostic) => Error::Typst(typst_message(world, names, diagnostic)),
            None => Error::Typst(TypstMessage {
                file: names.template.clone(),
                line: 1,
                column: 1,
                message: String::new(),
                hints: vec![],
                source_line: None,
            }),
        }
    })?;
    Ok(Laid {
        document,
        warnings,
        main: world.main_source().clone(),
    })
}

/// PDF bytes of `document`; the creation date is `date` (or `SOURCE_DATE_EPOCH`) so output is reproducible.
/// With `archive`, the PDF is PDF/A-3u, and any PDF/A violation (a missing glyph, say) is an error.
pub fn pdf(
    document: &PagedDocument,
    ident: &str,
    date: Date,
    archive: bool,
    names: &SourceNames,
) -> Result<Vec<u8>, Error> {
    let standards = if archive {
        PdfStandards::new(&[PdfStandard::A_3u]).unwrap_or_default()
    } else {
        PdfStandards::default()
    };
    let options = PdfOptions {
        standards,
        ident: Smart::Custom(ident.to_string()),
        timestamp: Some(Timestamp::new_utc(creation_time(date))),
        ..PdfOptions::default()
    };
    let bytes = typst_pdf::pdf(document, &options).map_err(|diagnostics| {
        Error::Typst(TypstMessage {
            file: names.template.clone(),
            line: 1,
            column: 1,
            message: diagnostics.first().map(|d| d.message.to_string()).unwrap_or_default(),
            hints: diagnostics
                .first()
                .map(|d| d.hints.iter().map(|h| h.v.to_string()).collect())
                .unwrap_or_default(),
            source_line: None,
        })
    });
    evict_now_and_then();
    bytes
}

/// Midnight UTC of `date`, unless `SOURCE_DATE_EPOCH` names another moment.
fn creation_time(date: Date) -> Datetime {
    let epoch_seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or(date.days_since_epoch() * 86_400);
    let days = epoch_seconds.div_euclid(86_400);
    let secs = epoch_seconds.rem_euclid(86_400);
    let (y, m, d) = crate::record::clock::from_days(days);
    Datetime::from_ymd_hms(
        y,
        m,
        d,
        (secs / 3600) as u8,
        (secs % 3600 / 60) as u8,
        (secs % 60) as u8,
    )
    .or_else(|| Datetime::from_ymd_hms(1980, 1, 1, 0, 0, 0))
    .expect("1980-01-01 is a valid date")
}

fn typst_message(world: &DocumentWorld, names: &SourceNames, diagnostic: &SourceDiagnostic) -> TypstMessage {
    let id = diagnostic.span.id();
    let file = match id {
        Some(id) if id == main_id() => names.template.clone(),
        Some(_) => names.library.clone(),
        None => names.template.clone(),
    };
    let located = id.and_then(|id| world.lookup(id)).zip(world.range(diagnostic.span));
    let (line, column, source_line) = match located {
        Some((source, range)) => {
            let (line, column) = source.lines().byte_to_line_column(range.start).unwrap_or((0, 0));
            let text = source.text().lines().nth(line).map(|l| l.trim().to_string());
            (line + 1, column + 1, text)
        }
        None => (1, 1, None),
    };
    TypstMessage {
        file,
        line,
        column,
        message: diagnostic.message.to_string(),
        hints: diagnostic.hints.iter().map(|h| h.v.to_string()).collect(),
        source_line,
    }
}

/// Frees Typst's memoized results that recent documents no longer use: every 8th document
/// of the process, not every one, because eviction is global and evicting after each
/// document threw away the other workers' caches mid-document (measured: 1.4-1.5x
/// speed-up on 2 threads instead of 1.9x). Every 16th, as first chosen, was no faster on
/// 150 records at 2 workers and peaked at 118 MB instead of 81 MB (2026-12-01).
fn evict_now_and_then() {
    static DOCUMENTS: AtomicUsize = AtomicUsize::new(0);
    if DOCUMENTS.fetch_add(1, Ordering::Relaxed) % 8 == 7 {
        typst::comemo::evict(3);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_round_trip() {
        let date = Date {
            year: 2024,
            month: 3,
            day: 27,
        };
        assert_eq!(crate::record::clock::from_days(date.days_since_epoch()), (2024, 3, 27));
    }
}
