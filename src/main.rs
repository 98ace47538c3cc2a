//! The `vanban` binary: parse the command line, run it, exit with its status.

use clap::Parser;

fn main() {
    let cli = vanban::args::Cli::parse();
    std::process::exit(vanban::run(&cli));
}
