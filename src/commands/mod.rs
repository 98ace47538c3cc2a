//! One module per subcommand; each returns the process exit status.

pub mod check;
pub mod render;
pub mod templates;

use crate::error::{Diagnostic, Error};
use crate::problem::Lang;

/// Prints an error to standard error.
pub fn report(error: &Error, lang: Lang) {
    eprintln!("{}", error.render(lang));
}

/// Prints warnings to standard error.
pub fn warn(warnings: &[Diagnostic], lang: Lang) {
    for warning in warnings {
        eprintln!("{}", warning.render(lang));
    }
}
