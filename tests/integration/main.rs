//! One integration-test binary: the real CLI and the real pipeline on real sample records.

mod archive;
mod assessments;
mod bad_input;
mod batch;
mod cli;
mod escaping;
mod fuzz_regressions;
mod layout;
mod news;
mod nothing_lost;
mod sign;
mod support;
