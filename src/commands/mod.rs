//! One module per subcommand; each returns the process exit status.

pub mod archive;
pub mod check;
pub mod criteria;
pub mod new;
pub mod render;
pub mod templates;
pub mod watch;

use std::path::PathBuf;

use crate::error::{Diagnostic, Error};
use crate::problem::Lang;

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

/// Prints warnings to standard error.
pub fn warn(warnings: &[Diagnostic], lang: Lang) {
    for warning in warnings {
        eprintln!("{}", warning.render(lang));
    }
}

/// The record files named on the command line: files as given, folders searched (recursively)
/// for `.yaml` and `.yml` files (in any case: `.YAML` too), in name order.
pub fn expand_records(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    expand(paths, &["yaml", "yml"])
}

/// What `archive add` takes: as [`expand_records`], and folders also give the PDFs in them,
/// so that a folder of archival PDFs received from the communes is gathered whole.
pub fn expand_issued(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    expand(paths, &["yaml", "yml", "pdf"])
}

fn expand(paths: &[PathBuf], extensions: &[&str]) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            collect(path, extensions, &mut files)?;
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn collect(dir: &std::path::Path, extensions: &[&str], into: &mut Vec<PathBuf>) -> Result<(), Error> {
    let read_error = |e: std::io::Error| Error::Read {
        path: dir.to_path_buf(),
        detail: e.to_string(),
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(read_error)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            collect(&entry, extensions, into)?;
        } else if entry
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
        {
            into.push(entry);
        }
    }
    Ok(())
}
