//! The `vanban` binary: parse the command line, run it, exit with its status.

use clap::Parser;

fn main() {
    restore_default_sigpipe();
    let cli = vanban::args::Cli::parse();
    std::process::exit(vanban::run(&cli));
}

/// Output piped into `head` or `less` that stops reading ends vanban quietly, as it ends
/// every other command-line tool, instead of a panic on a failed `println!` (Rust ignores
/// SIGPIPE by default).
fn restore_default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called once at start, before any thread exists; SIG_DFL is a valid handler.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
