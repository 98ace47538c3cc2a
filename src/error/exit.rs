//! What vanban's exit status says, for scripts (the README's "Exit status" lists them).

/// A record, template, set or file is wrong; the message names it.
pub const BAD_INPUT: i32 = 1;
/// The command line must change: clap's usage errors, an environment variable it names
/// that is not set, a file it would overwrite without `--force`.
pub const USAGE: i32 = 2;
/// A program, device or service outside vanban is missing or failed: a PKCS#11 module or
/// token, a time-stamping authority, a revocation server, a remote signing service.
pub const OUTSIDE: i32 = 3;
/// A check ran and found problems: `verify` (a signature not intact, trusted or valid),
/// `archive verify`.
pub const FOUND: i32 = 4;
/// The system refused a write: a file or the index could not be written (permissions, a
/// full disk).
pub const SYSTEM: i32 = 5;

/// The status for `error`.
pub(super) fn code_of(error: &super::Error) -> i32 {
    use super::Error;
    match error {
        Error::VariableUnset { .. } | Error::WouldOverwrite { .. } => USAGE,
        Error::Write { .. } | Error::Index { .. } => SYSTEM,
        Error::Findings { .. } => FOUND,
        Error::Feature { problem, .. } => problem.exit_code(),
        _ => BAD_INPUT,
    }
}
