//! One integration-test binary: the real CLI and the real pipeline on real sample records.

mod archive;
mod assessments;
mod bad_input;
mod batch;
mod cli;
mod criteria;
mod docx;
mod docx_styles;
mod escaping;
mod fuzz_regressions;
mod gather;
mod hostile;
mod hostile_pdf;
mod invitation;
mod layout;
mod news;
mod nothing_lost;
mod pdf_graphs;
mod pdfa;
mod register;
mod schema;
mod serve;
mod server;
mod sign;
mod support;
mod typography;
