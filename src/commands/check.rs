//! `vanban check`: the same validation as render, down to laying out the documents; writes nothing.

use crate::args::CheckArgs;
use crate::compose::templates::TemplateSource;
use crate::prepare::prepare;
use crate::problem::Lang;
use crate::problem::say::Say;
use crate::render::Renderer;

use super::{report, warn};
use crate::error::Error;

/// Checks the records, reporting each one's problems.
pub fn run(args: &CheckArgs, lang: Lang) -> Result<(), Error> {
    let renderer = Renderer::new(TemplateSource {
        dir: args.templates.clone(),
    })?;
    let records = crate::prepare::walk::records(&args.records)?.warned(lang);
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
    super::batch_result(failed, records.len())
}
