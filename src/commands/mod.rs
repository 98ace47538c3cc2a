//! One module per subcommand; each returns the process exit status.

pub mod archive;
pub mod check;
pub mod criteria;
pub mod new;
pub mod render;
pub mod sign;
pub mod templates;
pub mod walk;
pub mod watch;

use std::path::PathBuf;

use crate::error::{Diagnostic, Error};
use crate::problem::Lang;
use crate::problem::printable::printable;

/// `println!`, with whatever could act on a terminal escaped ([`printable`]): what commands
/// print comes from records, PDFs and folders other people can write.
macro_rules! say {
    ($($arg:tt)*) => {
        println!("{}", $crate::problem::printable::printable(&format!($($arg)*)))
    };
}
pub(crate) use say;

/// Prints an error to standard error.
pub fn report(error: &Error, lang: Lang) {
    eprintln!("{}", error.render(lang));
}

/// Reports that `failed` of `total` records failed; returns the exit status for it.
pub fn records_failed(failed: usize, total: usize, lang: Lang) -> i32 {
    let error = Error::RecordsFailed { failed, total };
    report(&error, lang);
    error.exit_code()
}

/// Prints the paths written, or the error; returns the exit status.
pub fn print_written(result: Result<Vec<PathBuf>, Error>, lang: Lang) -> i32 {
    match result {
        Ok(paths) => {
            for path in paths {
                println!("{}", printable(&path.display().to_string()));
            }
            0
        }
        Err(error) => {
            report(&error, lang);
            error.exit_code()
        }
    }
}

/// Prints warnings to standard error.
pub fn warn(warnings: &[Diagnostic], lang: Lang) {
    for warning in warnings {
        eprintln!("{}", warning.render(lang));
    }
}
