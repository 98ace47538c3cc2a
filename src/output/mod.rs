//! Stage 4, output: finished bytes → files. Atomic writes ([`files`]), the record's files
//! attached to archival PDFs ([`attachments`]), and attachments read back out of a PDF
//! ([`extract`]). The archive the files are issued into is a feature above this stage.

pub mod attachments;
pub mod extract;
pub mod files;
pub mod names;

pub use files::{OutputFile, write_all, write_atomic, write_new};
