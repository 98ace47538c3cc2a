//! `vanban templates export DIR`: the built-in templates, to start a custom set from.

use std::path::Path;

use crate::problem::Lang;
use crate::templates;

use super::report;

/// Exports the built-ins into `dir`; returns the exit status.
pub fn export(dir: &Path, force: bool, lang: Lang) -> i32 {
    match templates::export(dir, force) {
        Ok(paths) => {
            for path in paths {
                println!("{}", path.display());
            }
            0
        }
        Err(error) => {
            report(&error, lang);
            error.exit_code()
        }
    }
}
