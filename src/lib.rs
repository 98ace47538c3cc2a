//! vanban turns YAML records of working sessions into Vietnamese official documents.
//!
//! Stages, each with one name: [`args`] → [`record`] (via [`load`], checked by [`validate`])
//! → [`context`] → Typst source ([`templates`]) → laid-out document ([`typeset`], [`world`])
//! → bytes on disk ([`output`]).

#![deny(clippy::dbg_macro, clippy::todo)]

pub mod archive;
pub mod args;
pub mod assessment;
pub mod commands;
pub mod context;
pub mod criteria;
pub mod error;
pub mod extract;
pub mod figures;
pub mod fonts;
pub mod fuzz;
pub mod inspect;
pub mod load;
pub mod news;
pub mod output;
pub mod paths;
pub mod problem;
pub mod record;
pub mod render;
pub mod sign;
pub mod templates;
pub mod typeset;
pub mod validate;
pub mod vietnamese;
pub mod world;

use args::{Cli, Command, TemplatesCommand};
use problem::Lang;

/// Runs a parsed command line; returns the process exit status.
pub fn run(cli: &Cli) -> i32 {
    let lang = Lang::detect(cli.lang.as_deref());
    match &cli.command {
        Command::Render(args) => commands::render::run(args, lang),
        Command::Check(args) => commands::check::run(args, lang),
        Command::Watch(args) => commands::watch::run(args, lang),
        Command::Archive(command) => commands::archive::run(command, lang),
        Command::Extract { pdf, output, force } => commands::archive::extract(pdf, output, *force, lang),
        Command::Templates(TemplatesCommand::Export { dir, force }) => commands::templates::export(dir, *force, lang),
        Command::Sign(args) => sign::command::sign(&args.options(), lang),
        Command::Verify { pdf, trust } => sign::command::verify(pdf, trust.as_deref(), lang),
    }
}
