//! One module per subcommand. Each returns `Ok(())` or the error that stopped it;
//! [`crate::run`] prints that error and maps it to the exit status, in one place. Batch
//! commands report each failed item as they go and end with [`Error::RecordsFailed`].

pub mod archive;
pub mod check;
pub mod criteria;
pub mod new;
pub mod office;
pub mod render;
pub mod search;
pub mod serve;
pub mod sign;
pub mod sign_options;
pub mod sign_phases;
pub mod sign_remote;
pub mod tasks;
pub mod templates;
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

/// Prints the error of one item of a batch (a record, a PDF) to standard error; the batch
/// goes on.
pub fn report(error: &Error, lang: Lang) {
    eprintln!("{}", error.render(lang));
}

/// The end of a batch: `Ok` when nothing failed, else how many of how many did.
pub fn batch_result(failed: usize, total: usize) -> Result<(), Error> {
    match failed {
        0 => Ok(()),
        _ => Err(Error::RecordsFailed { failed, total }),
    }
}

/// Prints the paths written.
pub fn print_written(paths: Vec<PathBuf>) -> Result<(), Error> {
    for path in paths {
        println!("{}", printable(&path.display().to_string()));
    }
    Ok(())
}

/// Prints warnings to standard error.
pub fn warn(warnings: &[Diagnostic], lang: Lang) {
    for warning in warnings {
        eprintln!("{}", warning.render(lang));
    }
}
