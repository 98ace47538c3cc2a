//! One entry point for fuzzing and its regression tests: bytes → record → documents.

use std::path::Path;
use std::sync::OnceLock;

use crate::compose::templates::TemplateSource;
use crate::prepare::prepare_file;
use crate::record::load::YamlFile;
use crate::render::Renderer;

/// Runs `data` as a record file through every stage but writing; errors are expected, panics are bugs.
///
/// Returns how many documents were made, so that callers can tell a rejected input from an accepted one.
pub fn record(data: &[u8]) -> usize {
    static RENDERER: OnceLock<Option<Renderer>> = OnceLock::new();
    let Some(renderer) = RENDERER.get_or_init(|| Renderer::new(TemplateSource::default()).ok()) else {
        return 0;
    };
    let Ok(file) = YamlFile::from_bytes(Path::new("fuzz.yaml"), data) else {
        return 0;
    };
    let Ok(prepared) = prepare_file(file) else { return 0 };
    let made = prepared
        .documents
        .iter()
        .filter(|requested| renderer.make(&prepared, requested.kind, "").is_ok())
        .count();
    typst::comemo::evict(2);
    made
}
