//! `vanban watch`: render, then render again whenever the record, one of its assessments or
//! a template changes. One renderer (and Typst World) lives for the whole session, so a
//! re-render after a small edit reuses Typst's caches. Errors are reported, never fatal.

use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime};

use crate::args::WatchArgs;
use crate::compose::templates::TemplateSource;
use crate::error::Error;
use crate::output;
use crate::prepare::prepare;
use crate::problem::Lang;
use crate::problem::say::Say;
use crate::render::{RenderOptions, Renderer};

use super::{report, warn};

/// How often files are looked at.
const POLL: Duration = Duration::from_millis(50);

/// What a file looked like when last read: modification time and length.
type Stamp = Vec<(PathBuf, Option<(SystemTime, u64)>)>;

/// Watches until interrupted; returns an exit status only if the templates cannot load at all.
pub fn run(args: &WatchArgs, lang: Lang) -> i32 {
    let source = TemplateSource {
        dir: args.templates.clone(),
    };
    let mut renderer = match Renderer::new(source) {
        Ok(renderer) => renderer,
        Err(error) => {
            report(&error, lang);
            return error.exit_code();
        }
    };
    let mut inputs = vec![args.record.clone()];
    let mut seen_inputs: Stamp = Vec::new();
    let mut seen_templates = stamp(&template_files(args));
    loop {
        let now_inputs = stamp(&inputs);
        let now_templates = stamp(&template_files(args));
        if now_templates != seen_templates {
            if let Err(error) = renderer.reload_templates() {
                report(&error, lang);
            }
            seen_templates = now_templates;
            seen_inputs.clear();
        }
        if now_inputs != seen_inputs {
            let started = Instant::now();
            match render_once(&renderer, args, lang) {
                Ok((written, read)) => {
                    inputs = read;
                    let ms = started.elapsed().as_secs_f64() * 1000.0;
                    eprintln!("{}", Say::Watching { documents: written, ms }.to(lang));
                }
                Err(error) => report(&error, lang),
            }
            seen_inputs = stamp(&inputs);
        }
        std::thread::sleep(POLL);
    }
}

fn render_once(renderer: &Renderer, args: &WatchArgs, lang: Lang) -> Result<(usize, Vec<PathBuf>), Error> {
    let prepared = prepare(&args.record)?;
    warn(&prepared.warnings, lang);
    let rendered = renderer.render(&prepared, RenderOptions::default())?;
    warn(&rendered.warnings, lang);
    let written = output::write_all(&args.output, &rendered.files)?;
    for path in &written {
        println!("{}", path.display());
    }
    Ok((written.len(), prepared.input_paths()))
}

fn template_files(args: &WatchArgs) -> Vec<PathBuf> {
    let Some(dir) = &args.templates else { return Vec::new() };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    files
}

fn stamp(paths: &[PathBuf]) -> Stamp {
    paths
        .iter()
        .map(|path| {
            let meta = std::fs::metadata(path).ok();
            (path.clone(), meta.and_then(|m| Some((m.modified().ok()?, m.len()))))
        })
        .collect()
}
