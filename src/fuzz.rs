//! One entry point for fuzzing and its regression tests: bytes → record → documents.

use std::path::Path;
use std::sync::OnceLock;

use crate::load::YamlFile;
use crate::render::{DocKind, Renderer, prepare_file};
use crate::templates::TemplateSource;

/// Runs `data` as a record file through every stage but writing; errors are expected, panics are bugs.
///
/// Returns how many documents laid out, so that callers can tell a rejected input from an accepted one.
pub fn record(data: &[u8]) -> usize {
    static RENDERER: OnceLock<Option<Renderer>> = OnceLock::new();
    let Some(renderer) = RENDERER.get_or_init(|| Renderer::new(TemplateSource::default()).ok()) else {
        return 0;
    };
    let Ok(file) = YamlFile::from_bytes(Path::new("fuzz.yaml"), data) else {
        return 0;
    };
    let Ok(prepared) = prepare_file(file) else { return 0 };
    let mut laid_out = 0;
    for (kind, _) in &prepared.documents {
        let ok = match kind {
            DocKind::News => renderer.news(&prepared).is_ok(),
            kind => renderer.layout(&prepared, *kind).is_ok(),
        };
        laid_out += usize::from(ok);
    }
    typst::comemo::evict(2);
    laid_out
}
