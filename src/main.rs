//! The `vanban` binary: parse the command line (its help in the user's language), run it,
//! exit with its status.

fn main() {
    let cli = vanban::args::parse();
    // Not for `serve`: a browser that closes a connection while a page is being sent would
    // end the server (the socket's vectored writes raise SIGPIPE), not just that answer.
    if !matches!(cli.command, vanban::args::Command::Serve(_)) {
        restore_default_sigpipe();
    }
    std::process::exit(vanban::run(&cli));
}

/// Output piped into `head` or `less` that stops reading ends vanban quietly, as it ends
/// every other command-line tool, instead of a panic on a failed `println!` (Rust ignores
/// SIGPIPE by default).
fn restore_default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called once at start, before any thread exists (clap's parse starts none);
    // SIG_DFL is a valid handler.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
