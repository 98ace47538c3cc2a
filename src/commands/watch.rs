//! `vanban watch`: render, then render again whenever the record, one of its assessments or
//! a template changes, as the operating system reports it ([`crate::watcher`]: no polling).
//! One renderer (and Typst World) lives for the whole session, so a re-render after a small
//! edit reuses Typst's caches. Errors are reported, never fatal.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::args::WatchArgs;
use crate::compose::templates::TemplateSource;
use crate::error::Error;
use crate::output;
use crate::prepare::prepare;
use crate::problem::Lang;
use crate::problem::say::Say;
use crate::render::{RenderOptions, Renderer};
use crate::watcher::{FileWatcher, next_burst, same_file};

use super::{report, warn};

/// Watches until interrupted; stops with an error only if the templates cannot load or the
/// operating system refuses to watch.
pub fn run(args: &WatchArgs, lang: Lang) -> Result<(), Error> {
    let source = TemplateSource {
        dir: args.templates.clone(),
    };
    let mut renderer = Renderer::new(source)?;
    let (mut watcher, changes) = FileWatcher::with_channel()?;
    if let Some(dir) = &args.templates {
        watcher.watch(dir, false)?;
    }
    let mut inputs = vec![args.record.clone()];
    loop {
        watcher.watch_folders_of(&inputs)?;
        let started = Instant::now();
        match render_once(&renderer, args, lang) {
            Ok((written, read)) => {
                inputs = read;
                watcher.watch_folders_of(&inputs)?;
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                eprintln!("{}", Say::Watching { documents: written, ms }.to(lang));
            }
            Err(error) => report(&error, lang),
        }
        loop {
            let Some(changed) = next_burst(&changes) else {
                return Ok(());
            };
            if changed.iter().any(|p| is_template(args, p)) {
                if let Err(error) = renderer.reload_templates() {
                    report(&error, lang);
                }
                break;
            }
            if changed.iter().any(|p| inputs.iter().any(|i| same_file(i, p))) {
                break;
            }
        }
    }
}

/// Whether `path` is a file in the `--templates` folder.
fn is_template(args: &WatchArgs, path: &Path) -> bool {
    args.templates
        .as_ref()
        .is_some_and(|dir| path.parent().is_some_and(|parent| same_file(parent, dir)))
}

fn render_once(renderer: &Renderer, args: &WatchArgs, lang: Lang) -> Result<(usize, Vec<PathBuf>), Error> {
    let prepared = prepare(&args.record)?;
    warn(&prepared.warnings, lang);
    let rendered = renderer.render(&prepared, RenderOptions::default())?;
    warn(&rendered.warnings, lang);
    let written = output::write_all(&args.output, &rendered.files)?;
    for path in &written {
        println!("{}", crate::problem::printable::printable(&path.display().to_string()));
    }
    Ok((written.len(), prepared.input_paths()))
}
