//! `vanban templates export DIR`: the built-in templates, to start a custom set from.

use std::path::Path;

use crate::compose::templates;
use crate::problem::Lang;

/// Exports the built-ins into `dir`; returns the exit status.
pub fn export(dir: &Path, force: bool, lang: Lang) -> i32 {
    super::print_written(templates::export(dir, force), lang)
}
