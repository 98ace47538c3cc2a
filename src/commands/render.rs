//! `vanban render`: every document of every record, in parallel; a failed record writes nothing.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

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
    Renderer::new(source.clone())?;
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let outcomes = render_all(&records, &source, args, jobs);
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

/// Renders every record with `jobs` workers, each with its own renderer (and Typst Worlds):
/// `jobs` records at a time. The documents of a record are made side by side on the shared
/// thread pool that Typst's own parallel layout uses (one thread per core).
fn render_all(records: &[PathBuf], source: &TemplateSource, args: &RenderArgs, jobs: usize) -> Vec<Outcome> {
    let progress = progress_bar(records.len());
    let next = AtomicUsize::new(0);
    let slots: Mutex<Vec<Option<Outcome>>> = Mutex::new((0..records.len()).map(|_| None).collect());
    let work = || {
        // The templates loaded once already, in `run`; they load again here per worker.
        let Ok(renderer) = Renderer::new(source.clone()) else {
            return;
        };
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(path) = records.get(index) else { break };
            let outcome = render_one(&renderer, path, args);
            slots.lock().unwrap_or_else(std::sync::PoisonError::into_inner)[index] = Some(outcome);
            progress.inc(1);
        }
    };
    std::thread::scope(|scope| {
        for _ in 0..jobs.min(records.len()) {
            scope.spawn(work);
        }
    });
    progress.finish_and_clear();
    slots
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .into_iter()
        .flatten()
        .collect()
}

fn render_one(renderer: &Renderer, path: &Path, args: &RenderArgs) -> Outcome {
    match prepare(path) {
        Ok(prepared) => {
            let mut warnings = prepared.warnings.clone();
            let options = RenderOptions {
                emit_typst: args.emit_typst,
                archive: args.archive,
                words: false,
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
