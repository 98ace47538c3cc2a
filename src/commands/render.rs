//! `vanban render`: every document of every record; a failed record writes nothing.

use crate::args::RenderArgs;
use crate::error::Error;
use crate::output;
use crate::problem::Lang;
use crate::render::{Renderer, prepare};
use crate::templates::TemplateSource;

use super::{report, warn};

/// Renders the records; returns the exit status.
pub fn run(args: &RenderArgs, lang: Lang) -> i32 {
    let renderer = match Renderer::new(TemplateSource {
        dir: args.templates.clone(),
    }) {
        Ok(renderer) => renderer,
        Err(error) => {
            report(&error, lang);
            return error.exit_code();
        }
    };
    let mut failed = 0;
    let mut written = 0;
    for path in &args.records {
        let result = prepare(path).and_then(|prepared| {
            warn(&prepared.warnings, lang);
            let files = renderer.render(&prepared, args.emit_typst)?;
            output::write_all(&args.output, &files)
        });
        match result {
            Ok(paths) => {
                for path in &paths {
                    println!("{}", path.display());
                }
                written += paths.len();
            }
            Err(error) => {
                report(&error, lang);
                failed += 1;
            }
        }
    }
    if failed > 0 {
        report(
            &Error::RecordsFailed {
                failed,
                total: args.records.len(),
            },
            lang,
        );
        return 1;
    }
    if written == 0 && lang == Lang::En {
        eprintln!("note: the records ask for no documents (`documents:` is empty)");
    } else if written == 0 {
        eprintln!("lưu ý: các bản ghi không yêu cầu văn bản nào (mục `documents:` trống)");
    }
    0
}
