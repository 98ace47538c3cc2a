//! `vanban render`: every document of every record, in parallel; a failed record writes nothing.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::args::RenderArgs;
use crate::compose::templates::TemplateSource;
use crate::error::{Diagnostic, Error};
use crate::output;
use crate::prepare::prepare;
use crate::problem::Lang;
use crate::problem::say::Say;
use crate::render::{RenderOptions, Renderer};

use super::{report, warn};
use crate::prepare::walk;

/// The stack of each thread of the batch's pool.
const STACK: usize = 256 << 20;

/// What rendering one record gave.
struct Outcome {
    written: Result<Vec<PathBuf>, Error>,
    warnings: Vec<Diagnostic>,
}

/// Renders the records, reporting each failed one; the batch fails if any did.
pub fn run(args: &RenderArgs, lang: Lang) -> Result<(), Error> {
    let started = Instant::now();
    let records = walk::records(&args.records)?.warned(lang);
    let source = TemplateSource {
        dir: args.templates.clone(),
    };
    let renderer = Renderer::new(source)?;
    let outcomes = render_all(&records, &renderer, args);
    let (mut documents, mut failed) = (0, 0);
    for outcome in &outcomes {
        warn(&outcome.warnings, lang);
        match &outcome.written {
            Ok(paths) => {
                documents += paths
                    .iter()
                    .filter(|p| p.extension().is_none_or(|e| e != "typ"))
                    .count();
                for path in paths {
                    println!("{}", crate::problem::printable::printable(&path.display().to_string()));
                }
            }
            Err(error) => {
                report(error, lang);
                failed += 1;
            }
        }
    }
    eprintln!("{}", summary(lang, documents, failed, records.len(), started.elapsed()));
    super::batch_result(failed, records.len())
}

/// Renders every record on one work-stealing pool: the records side by side, and within each
/// record its documents side by side, so that no core waits while work is left. `-j N` makes
/// the pool N threads; by default it is rayon's, one thread per core. One renderer serves
/// them all (its Typst Worlds are kept per template, one per document laid out at once).
fn render_all(records: &[PathBuf], renderer: &Renderer, args: &RenderArgs) -> Vec<Outcome> {
    let progress = progress_bar(records.len());
    let work = || -> Vec<Outcome> {
        records
            .par_iter()
            .map(|path| {
                let outcome = render_one(renderer, path, args);
                progress.inc(1);
                outcome
            })
            .collect()
    };
    // A thread waiting inside one document's layout may take up another record's whole
    // layout on the same stack (that is how the pool keeps every core busy): the stacks are
    // made deep enough for that nesting (address space, touched only as far as used).
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .stack_size(STACK)
        .build()
        .ok();
    let outcomes = match pool {
        Some(pool) => pool.install(work),
        None => work(),
    };
    progress.finish_and_clear();
    outcomes
}

fn render_one(renderer: &Renderer, path: &Path, args: &RenderArgs) -> Outcome {
    match prepare(path) {
        Ok(prepared) => {
            let mut warnings = prepared.warnings.clone();
            let options = RenderOptions {
                emit_typst: args.emit_typst,
                archive: args.archive,
                index_words: false,
            };
            let written = renderer
                .render_formats(&prepared, options, &args.format)
                .and_then(|rendered| {
                    warnings.extend(rendered.warnings);
                    let files = match args.sign_fields {
                        true => crate::sign::fields::with_empty_fields(rendered.files)?,
                        false => rendered.files,
                    };
                    output::write_all(&args.output, &files)
                });
            Outcome { written, warnings }
        }
        Err(error) => Outcome {
            written: Err(error),
            warnings: vec![],
        },
    }
}

/// A progress bar on a terminal; nothing at all when standard error is piped.
fn progress_bar(total: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() || total < 2 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed}") {
        bar.set_style(style);
    }
    bar
}

/// The one closing line: documents written, records failed, time taken.
fn summary(lang: Lang, documents: usize, failed: usize, records: usize, elapsed: Duration) -> String {
    Say::RenderSummary {
        documents,
        records,
        failed,
        seconds: elapsed.as_secs_f64(),
    }
    .to(lang)
}
