//! DOCX drafts per second on one thread, from the laid-out sample documents.

use std::path::Path;
use std::time::{Duration, Instant};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// DOCX drafts written per second on one thread, from the laid-out sample documents (read
/// the layout model, write, zip), repeated for two seconds.
pub fn rate() {
    use vanban::documents::Format;
    use vanban::prepare::prepare;
    use vanban::render::{Made, Renderer};
    let renderer = Renderer::new(Default::default()).unwrap();
    let mut documents = Vec::new();
    for sample in [
        "samples/an-phu-2026-02-05.yaml",
        "samples/xuan-truong-2024.yaml",
        "samples/sao-vang-2026-03-12.yaml",
        "samples/assessments/xuan-truong-2024-ntm.yaml",
    ] {
        let prepared = prepare(&Path::new(ROOT).join(sample)).unwrap();
        for requested in &prepared.documents {
            if requested.kind.format() != Format::Pdf {
                continue;
            }
            if let (Made::Pdf { document, .. }, _) = renderer.make(&prepared, requested.kind, "").unwrap() {
                documents.push(document);
            }
        }
    }
    let start = Instant::now();
    let mut written = 0usize;
    while start.elapsed() < Duration::from_secs(2) {
        for document in &documents {
            std::hint::black_box(vanban::layout::docx::docx(document).unwrap());
            written += 1;
        }
    }
    println!(
        "DOCX generation, 1 thread, {} sample documents repeated: {:.0} docs/s",
        documents.len(),
        written as f64 / start.elapsed().as_secs_f64()
    );
}
