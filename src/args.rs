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
    /// The archive of records and archival PDFs, with its index.
    #[command(subcommand)]
    Archive(ArchiveCommand),
    /// Write out the files attached to an archival PDF.
    Extract {
        /// The PDF.
        pdf: PathBuf,
        /// Output folder.
        #[arg(short, long, default_value = ".")]
        output: PathBuf,
        /// Replace files in the output folder that differ from the attachments.
        #[arg(long)]
        force: bool,
    },
    /// Work with the built-in templates.
    #[command(subcommand)]
    Templates(TemplatesCommand),
    /// Sign a PDF (PAdES B-B) where its signer signs: as the person, or with --agency.
    Sign(SignArgs),
    /// Report every signature of a PDF: signer, time, intact, coverage, chain.
    Verify {
        /// The signed PDF.
        pdf: PathBuf,
        /// PEM file of trusted root certificates.
        #[arg(long)]
        trust: Option<PathBuf>,
    },
}

/// Arguments of `vanban sign`.
#[derive(Debug, Args)]
pub struct SignArgs {
    /// The PDF to sign (written by `vanban render`).
    pub pdf: PathBuf,
    /// PKCS#12 file (.p12/.pfx) with the key and certificate chain.
    #[arg(long)]
    pub p12: PathBuf,
    /// Environment variable holding the .p12 password (else it is asked on the terminal).
    #[arg(long, value_name = "VAR")]
    pub password_env: Option<String>,
    /// Sign as the agency, showing its seal.
    #[arg(long, requires = "seal")]
    pub agency: bool,
    /// The person's handwritten signature: PNG, blue, transparent background.
    #[arg(long, required_unless_present = "agency", conflicts_with = "agency")]
    pub image: Option<PathBuf>,
    /// The agency's seal: PNG, red, transparent background, with its real size (dpi).
    #[arg(long)]
    pub seal: Option<PathBuf>,
    /// Whose place: `chair` or `secretary` in minutes; needless when there is one signer.
    #[arg(long, value_parser = ["signer", "chair", "secretary"])]
    pub signer: Option<String>,
    /// Output PDF (default `<name>-da-ky.pdf`; a `-da-ky.pdf` input is signed in place).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
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
    /// Archival PDFs: PDF/A-3u carrying the record and its assessments as attachments.
    #[arg(long)]
    pub archive: bool,
    /// Empty signature fields where the signers sign, for other signing tools.
    #[arg(long)]
    pub sign_fields: bool,
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

/// `vanban archive ...`.
#[derive(Debug, Subcommand)]
pub enum ArchiveCommand {
    /// Validate, render in archival form, store and index records (and their assessments).
    Add {
        /// Record files or folders.
        #[arg(required = true)]
        records: Vec<PathBuf>,
        /// The archive folder.
        #[arg(long, default_value = "archive")]
        archive_dir: PathBuf,
    },
    /// List entries.
    List {
        /// Only this unit (as written in the record, e.g. `xã Xuân Trường`).
        #[arg(long)]
        unit: Option<String>,
        /// Only this year.
        #[arg(long)]
        year: Option<i32>,
        /// Only this kind: `working_session` or `assessment`.
        #[arg(long)]
        kind: Option<String>,
        /// The archive folder.
        #[arg(long, default_value = "archive")]
        archive_dir: PathBuf,
    },
    /// Show one entry and its files.
    Show {
        /// Entry name (or its start).
        id: String,
        /// The archive folder.
        #[arg(long, default_value = "archive")]
        archive_dir: PathBuf,
    },
    /// A unit's assessments over time, and which criteria changed.
    History {
        /// The unit.
        unit: String,
        /// The archive folder.
        #[arg(long, default_value = "archive")]
        archive_dir: PathBuf,
    },
    /// Re-hash every file and re-render every record; report any difference.
    Verify {
        /// The archive folder.
        #[arg(long, default_value = "archive")]
        archive_dir: PathBuf,
    },
    /// A PDF table of every unit's latest totals on a set.
    Summary {
        /// Criteria set id.
        #[arg(long)]
        set: String,
        /// Only assessments on or before this date (YYYY-MM-DD).
        #[arg(long)]
        as_of: Option<String>,
        /// Output PDF (default `tong-hop-<set>.pdf`).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The archive folder.
        #[arg(long, default_value = "archive")]
        archive_dir: PathBuf,
    },
}
