//! Stage 4, output: finished bytes → files. Atomic writes ([`files`]), the record's files
//! attached to archival PDFs ([`attachments`]), the archive folder and its index
//! ([`archive`]) with its outgoing register ([`register`]), and attachments read back out of
//! a PDF ([`extract`]).

pub mod archive;
pub mod attachments;
pub mod extract;
pub mod files;
pub mod register;

pub use files::{OutputFile, write_all, write_atomic, write_new};
