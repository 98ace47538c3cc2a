//! The command line, as clap reads it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// vanban: biên bản, thông báo kết luận and tin bài from one YAML record.
#[derive(Debug, Parser)]
#[command(name = "vanban", version, about)]
pub struct Cli {
    /// Language of messages: `vi` (default) or `en`; `LANG=en*` also selects English.
    #[arg(long, global = true, value_parser = ["vi", "en"])]
    pub lang: Option<String>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render every document the records ask for.
    Render(RenderArgs),
    /// Validate records and print diagnostics; write nothing.
    Check(CheckArgs),
    /// Render a record, then again each time it, its assessments or a template changes.
    Watch(WatchArgs),
    /// Work with the built-in templates.
    #[command(subcommand)]
    Templates(TemplatesCommand),
}

/// Arguments of `vanban render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Record files, or folders to search for `.yaml` records.
    #[arg(required = true)]
    pub records: Vec<PathBuf>,
    /// Records rendered at once (default: every core).
    #[arg(short, long)]
    pub jobs: Option<usize>,
    /// Output folder.
    #[arg(short, long, default_value = "out")]
    pub output: PathBuf,
    /// Folder of templates that override the built-ins file by file.
    #[arg(long)]
    pub templates: Option<PathBuf>,
    /// Also write the generated Typst sources (and the layout library) beside the PDFs.
    #[arg(long)]
    pub emit_typst: bool,
}

/// Arguments of `vanban check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Record files, or folders to search for `.yaml` records.
    #[arg(required = true)]
    pub records: Vec<PathBuf>,
    /// Folder of templates that override the built-ins file by file.
    #[arg(long)]
    pub templates: Option<PathBuf>,
}

/// Arguments of `vanban watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// The record to watch.
    pub record: PathBuf,
    /// Output folder.
    #[arg(short, long, default_value = "out")]
    pub output: PathBuf,
    /// Folder of templates that override the built-ins file by file (watched too).
    #[arg(long)]
    pub templates: Option<PathBuf>,
}

/// `vanban templates ...`.
#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// Write the built-in templates into a folder, to start a custom set.
    Export {
        /// Destination folder.
        dir: PathBuf,
        /// Overwrite files that already exist.
        #[arg(long)]
        force: bool,
    },
}
