//! vanban turns YAML records of working sessions into Vietnamese official documents.
//!
//! The pipeline, one folder per stage: [`prepare`] (record file → checked model owning its
//! bytes) → [`compose`] (context → document text through templates) → [`layout`] (Typst →
//! laid-out document → PDF) → [`output`] (atomic files, attachments). [`render`] runs
//! compose and layout per document; [`documents`] holds one entry per document kind;
//! [`archive`] issues records into an indexed archive (the register, gathering, merging);
//! [`sign`] signs and verifies PDFs; [`problem`] and [`error`] hold every message; [`args`]
//! and [`commands`] are the CLI.

#![deny(clippy::dbg_macro, clippy::todo)]

pub mod archive;
pub mod args;
pub mod commands;
pub mod compose;
pub mod criteria;
pub mod documents;
pub mod error;
pub mod follow_up;
pub mod form;
pub mod fuzz;
pub mod layout;
pub mod office;
pub mod output;
pub mod prepare;
pub mod problem;
pub mod record;
pub mod render;
pub mod serve;
pub mod sign;
pub mod vietnamese;
pub mod watcher;

use args::{Cli, Command, TemplatesCommand};
use problem::Lang;

/// Runs a parsed command line; returns the process exit status. The one place a command's
/// error is printed and mapped to an exit status.
pub fn run(cli: &Cli) -> i32 {
    let lang = Lang::detect(cli.lang);
    let outcome = match &cli.command {
        Command::Render(args) => commands::render::run(args, lang),
        Command::Check(args) => commands::check::run(args, lang),
        Command::Watch(args) => commands::watch::run(args, lang),
        Command::Archive(command) => commands::archive::run(command, lang),
        Command::Tasks(command) => commands::tasks::run(command, lang),
        Command::Extract { pdf, output, force } => commands::archive::extract(pdf, output, *force),
        Command::Templates(TemplatesCommand::Export { dir, force }) => commands::templates::export(dir, *force),
        Command::Criteria(command) => commands::criteria::run(command, lang),
        Command::Serve(args) => commands::serve::run(args, lang),
        Command::New { kind, output } => commands::new::scaffold(kind, output.as_deref()),
        Command::Schema { output } => commands::new::schema(output.as_deref()),
        Command::Sign(args) => commands::sign::sign(&args.options(), lang),
        Command::Users(command) => commands::office::users(command, lang),
        Command::Audit(command) => commands::office::audit(command, lang),
        Command::Verify { pdf, trust, at, report } => {
            commands::sign::verify(pdf, trust.as_deref(), *at, report.as_deref(), lang)
        }
    };
    match outcome {
        Ok(()) => 0,
        Err(error) => {
            eprintln!("{}", error.render(lang));
            error.exit_code()
        }
    }
}
