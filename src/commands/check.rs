//! `vanban check`: the same validation as render, down to laying out the documents; writes nothing.

use crate::args::CheckArgs;
use crate::compose::templates::TemplateSource;
use crate::prepare::prepare;
use crate::problem::Lang;
use crate::problem::say::Say;
use crate::render::Renderer;

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
    let records = match super::walk::records(&args.records) {
        Ok(found) => found.warned(lang),
        Err(error) => {
            report(&error, lang);
            return error.exit_code();
        }
    };
    let mut failed = 0;
    for path in &records {
        let result = prepare(path).and_then(|prepared| {
            warn(&prepared.warnings, lang);
            warn(&renderer.check(&prepared)?, lang);
            Ok(())
        });
        match result {
            Ok(()) => println!(
                "{}: {}",
                crate::problem::printable::printable(&path.display().to_string()),
                Say::Valid.to(lang)
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
