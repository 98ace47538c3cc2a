//! The figure that does not depend on the machine: vanban's time per PDF document (record
//! loading and checks, templates, title breaking, layout, glyph check, PDF) over the time of a
//! bare Typst compile and PDF export of the same generated source, in this process, on one
//! thread, with the same caches and the same eviction. A slowdown in vanban's own stages
//! raises it; a faster or slower machine does not.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use vanban::compose::templates::TemplateSource;
use vanban::documents::Format;
use vanban::layout::typeset::{self, SourceNames};
use vanban::layout::world::{DocumentWorld, LAYOUT_LIBRARY, library_id};
use vanban::prepare::prepare;
use vanban::render::{Made, RenderOptions, Renderer};

/// Prints both times per document and their ratio, for the records in `batch`.
pub fn overhead(batch: &Path) {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    pool.install(|| {
        let renderer = Renderer::new(Default::default()).unwrap();
        let mut records: Vec<PathBuf> = std::fs::read_dir(batch)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        records.sort();
        let sources = sources(&renderer, &records);
        let (text, _) = TemplateSource::default().load(LAYOUT_LIBRARY).unwrap();
        let library = typst::syntax::Source::new(library_id(), text);
        let names = SourceNames {
            template: "main.typ".into(),
            library: "vanban.typ".into(),
        };
        let vanban = || {
            let mut documents = 0;
            for record in &records {
                let prepared = prepare(record).unwrap();
                let rendered = renderer.render(&prepared, RenderOptions::default()).unwrap();
                documents += rendered.files.iter().filter(|f| f.name.ends_with(".pdf")).count();
            }
            documents
        };
        let bare = || {
            for (source, date) in &sources {
                let world = DocumentWorld::new(source.clone(), library.clone());
                let laid = typeset::layout(&world, &names).unwrap();
                std::hint::black_box(typeset::pdf(&laid.document, "bench", *date, false, &names).unwrap());
            }
            sources.len()
        };
        // Alternate the two, three rounds each from cold caches, and keep each one's best.
        let (mut ours, mut theirs) = (Duration::MAX, Duration::MAX);
        for _ in 0..3 {
            ours = ours.min(per_document(vanban));
            theirs = theirs.min(per_document(bare));
        }
        println!(
            "per document, 1 thread, {} documents: vanban {:.2} ms, bare Typst compile + PDF of the same source {:.2} ms; ratio {:.2}",
            sources.len(),
            ours.as_secs_f64() * 1000.0,
            theirs.as_secs_f64() * 1000.0,
            ours.as_secs_f64() / theirs.as_secs_f64()
        );
    });
}

/// The generated source and date of every PDF document of `records`.
fn sources(renderer: &Renderer, records: &[PathBuf]) -> Vec<(String, vanban::record::Date)> {
    let mut sources = Vec::new();
    for record in records {
        let prepared = prepare(record).unwrap();
        for requested in &prepared.documents {
            if requested.kind.format() != Format::Pdf {
                continue;
            }
            if let (Made::Pdf { source, .. }, _) = renderer.make(&prepared, requested.kind, "").unwrap() {
                sources.push((source.text().to_string(), requested.date));
            }
        }
    }
    sources
}

/// Time per document of `run` (which returns how many it made), from empty caches.
fn per_document(run: impl Fn() -> usize) -> Duration {
    typst::comemo::evict(0);
    let start = Instant::now();
    let documents = run();
    start.elapsed() / documents as u32
}
