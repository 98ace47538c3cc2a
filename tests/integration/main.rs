//! One integration-test binary: the real CLI and the real pipeline on real sample records.

mod assessments;
mod cli;
mod escaping;
mod layout;
mod news;
mod support;
