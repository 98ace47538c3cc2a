//! `vanban check`: the same validation as render, down to laying out the documents; writes nothing.

use std::collections::BTreeSet;

use crate::args::CheckArgs;
use crate::inspect::missing_characters;
use crate::problem::Lang;
use crate::render::{DocKind, Renderer, missing_glyphs, prepare};
use crate::templates::TemplateSource;

use super::{report, warn};

/// Checks the records; returns the exit status.
pub fn run(args: &CheckArgs, lang: Lang) -> i32 {
    let renderer = match Renderer::new(TemplateSource {
        dir: args.templates.clone(),
    }) {
        Ok(renderer) => renderer,
        Err(error) => {
            report(&error, lang);
            return error.exit_code();
        }
    };
    let records = match super::expand_records(&args.records) {
        Ok(records) => records,
        Err(error) => {
            report(&error, lang);
            return error.exit_code();
        }
    };
    let mut failed = 0;
    for path in &records {
        let result = prepare(path).and_then(|prepared| {
            warn(&prepared.warnings, lang);
            let mut missing = BTreeSet::new();
            for (kind, _) in &prepared.documents {
                if *kind == DocKind::News {
                    renderer.news(&prepared)?;
                } else {
                    missing.extend(missing_characters(&renderer.layout(&prepared, *kind)?));
                }
            }
            warn(&missing_glyphs(&prepared, &missing, false), lang);
            Ok(())
        });
        match result {
            Ok(()) => println!(
                "{}: {}",
                path.display(),
                if lang == Lang::Vi { "hợp lệ" } else { "valid" }
            ),
            Err(error) => {
                report(&error, lang);
                failed += 1;
            }
        }
    }
    if failed > 0 {
        return super::records_failed(failed, records.len(), lang);
    }
    0
}
