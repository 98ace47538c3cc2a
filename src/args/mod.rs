//! The command line, as clap reads it.

mod archive;
mod help;
mod serve;
mod tasks;
mod vi;
mod vi_more;
mod vi_tasks;

pub use archive::ArchiveCommand;
pub use help::{command, parse, peek_lang};
pub use serve::ServeArgs;
pub use tasks::{RemindArgs, ReportArgs, TasksCommand};

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::problem::{Lang, words};
use crate::record::Date;

/// The language of the command line's own errors: `--lang` as given, else `LANG` (clap
/// has not read `--lang` yet when it checks a value).
fn lang() -> Lang {
    Lang::detect(peek_lang(std::env::args_os()))
}

/// Reads a `YYYY-MM-DD` date the way records write them; clap shows the error, in the
/// user's language, and exits with 2.
pub(crate) fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).map_err(|problem| format!("{}: YYYY-MM-DD", problem.message(lang())))
}

pub(crate) fn parse_table_file(text: &str) -> Result<PathBuf, String> {
    let path = PathBuf::from(text);
    match path.extension().and_then(|e| e.to_str()) {
        Some("csv" | "pdf") => Ok(path),
        _ => Err(words("tệp phải có đuôi .csv hoặc .pdf", "the file must end in .csv or .pdf").take(lang())),
    }
}

/// vanban: biên bản, thông báo kết luận and tin bài from one YAML record.
#[derive(Debug, Parser)]
#[command(name = "vanban", version, about)]
pub struct Cli {
    /// Language of messages and help: `vi` (default) or `en`; `LANG=en*` also selects English.
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
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
    /// The tasks of issued notices, tracked in the archive: list, update, confirm, refuse.
    #[command(subcommand)]
    Tasks(TasksCommand),
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
    /// A local web app: records list, editor with live preview, new-record form, downloads.
    Serve(ServeArgs),
    /// Write a commented scaffold of a new record (never over an existing file).
    New {
        /// `session`, `assessment`, `task_report` or `reminder`.
        #[arg(value_parser = ["session", "assessment", "task_report", "reminder"])]
        kind: String,
        /// The file to write (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Write the JSON Schema (draft 2020-12) of the record format.
    Schema {
        /// The file to write (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Sign a PDF (PAdES B-B) where its signer signs: as the person, or with --agency.
    Sign(SignArgs),
    /// The office's people and their roles (kept in FOLDER/.vanban/office.sqlite).
    #[command(subcommand)]
    Users(UsersCommand),
    /// The audit log: who did what, when, from where; and whether it was changed.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Report every signature of a PDF: signer, time, intact, coverage, chain.
    Verify {
        /// The signed PDF.
        pdf: PathBuf,
        /// PEM file of trusted root certificates.
        #[arg(long)]
        trust: Option<PathBuf>,
        /// Also say whether each signature can still be validated on this later day
        /// (YYYY-MM-DD), after the signers' certificates may have expired.
        #[arg(long, value_parser = parse_date)]
        at: Option<Date>,
        /// Also write the report as JSON to this file.
        #[arg(long, value_name = "FILE.json")]
        report: Option<PathBuf>,
    },
    /// Criteria sets: what vanban knows of each, and sets made from an office's table.
    #[command(subcommand)]
    Criteria(CriteriaCommand),
}

/// `vanban criteria ...`.
#[derive(Debug, Subcommand)]
pub enum CriteriaCommand {
    /// List the built-in sets with their counts and what is confirmed.
    List,
    /// Show one set: a built-in id, or the path of a set file.
    Show {
        /// Set id or path.
        set: String,
    },
    /// Turn a table (CSV, or the first sheet of an .xlsx) into a criteria set file.
    Import {
        /// The table.
        table: PathBuf,
        /// The set's id (ASCII letters, digits and `-`), e.g. `th-2026-xa-ntm`.
        #[arg(long, value_parser = set_id)]
        id: String,
        /// The set's full name.
        #[arg(long)]
        name: String,
        /// The decision that issued it, e.g. `Quyết định số 12/2026/QĐ-UBND ngày 2/3/2026 của ...`.
        #[arg(long)]
        decision: Option<String>,
        /// The set file to write (default `<id>.yaml`).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
}

fn set_id(text: &str) -> Result<String, String> {
    if crate::prepare::validate::is_file_name_safe(text) {
        Ok(text.to_string())
    } else {
        Err(words(
            "mã bộ tiêu chí chỉ gồm chữ không dấu, số và `-`",
            "use ASCII letters, digits and `-`",
        )
        .take(lang()))
    }
}

/// Arguments of `vanban sign`.
#[derive(Debug, Args)]
pub struct SignArgs {
    /// The PDFs to sign (written by `vanban render`), all with one password or PIN.
    #[arg(required = true)]
    pub pdfs: Vec<PathBuf>,
    /// PKCS#12 file (.p12/.pfx) with the key and certificate chain.
    #[arg(long, required_unless_present_any = ["pkcs11", "archive_timestamp", "prepare", "finish", "csc"], conflicts_with = "pkcs11")]
    pub p12: Option<PathBuf>,
    /// The USB token's PKCS#11 module (.so/.dll), which holds the key and certificate;
    /// `auto`: the one module registered on this machine that has a token plugged in.
    #[arg(long, value_name = "MODULE")]
    pub pkcs11: Option<PathBuf>,
    /// The token's label, when several are plugged in.
    #[arg(long, requires = "pkcs11")]
    pub token_label: Option<String>,
    /// The key's label, when the token holds several.
    #[arg(long, requires = "pkcs11")]
    pub key_label: Option<String>,
    /// Environment variable holding the token's (or the remote service's) PIN, else it is
    /// asked on the terminal, once.
    #[arg(long, value_name = "VAR", conflicts_with_all = ["p12", "prepare", "finish", "archive_timestamp"])]
    pub pin_env: Option<String>,
    /// A remote signing service (Cloud Signature Consortium API v2) holding the signer's key:
    /// its address; the client's id and secret from `VANBAN_CSC_CLIENT_ID` and
    /// `VANBAN_CSC_CLIENT_SECRET`.
    #[arg(long, value_name = "URL", requires = "csc_credential", conflicts_with_all = ["p12", "pkcs11", "prepare", "finish", "archive_timestamp"])]
    pub csc: Option<String>,
    /// With `--csc`: the signer's credential (key) at the service.
    #[arg(long, value_name = "ID", requires = "csc")]
    pub csc_credential: Option<String>,
    /// With `--csc`: how long to wait for the signer to approve on their phone, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 300, requires = "csc")]
    pub csc_wait: u64,
    /// A time-stamping authority (RFC 3161) whose timestamp each signature carries (PAdES B-T).
    #[arg(long, value_name = "URL")]
    pub tsa: Option<String>,
    /// Also keep in the file every certificate and its revocation list (CRL), fetched from
    /// the certificate's distribution point, so it validates for years (PAdES B-LT; needs `--tsa`).
    #[arg(long, requires = "tsa")]
    pub ltv: bool,
    /// Add no signature: keep the revocation lists (as `--ltv`) and then a document timestamp
    /// from `--tsa` over the whole file (PAdES B-LTA); renew it before its authority expires.
    #[arg(long, requires = "tsa", conflicts_with_all = ["p12", "pkcs11", "agency", "image", "seal", "signer"])]
    pub archive_timestamp: bool,
    /// Environment variable holding the .p12 password (else it is asked on the terminal).
    #[arg(long, value_name = "VAR")]
    pub password_env: Option<String>,
    /// Sign as the agency, showing its seal.
    #[arg(long, requires = "seal")]
    pub agency: bool,
    /// The person's handwritten signature: PNG, blue, transparent background.
    #[arg(long, required_unless_present_any = ["agency", "archive_timestamp", "finish"], conflicts_with = "agency")]
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
    /// Prepare only, for a key kept elsewhere (the signer's own token, a remote service): the
    /// signature's place, its look and room written to `-o`, what `--finish` needs kept beside
    /// it (`<output>.vanban-sign.json`, no key), and the digest to sign printed as JSON.
    #[arg(long, requires_all = ["cert", "output"], conflicts_with_all = ["p12", "pkcs11", "finish", "archive_timestamp", "tsa", "ltv"])]
    pub prepare: bool,
    /// With `--prepare`: the signer's certificate (PEM or DER).
    #[arg(long, value_name = "CERT", requires = "prepare")]
    pub cert: Option<PathBuf>,
    /// With `--prepare`: a certificate of its chain (PEM or DER); repeat for each.
    #[arg(long, value_name = "CA", requires = "prepare")]
    pub chain: Vec<PathBuf>,
    /// Finish a PDF made with `--prepare`: embed the signature over its digest, once checked
    /// against the certificate.
    #[arg(long, requires = "signature", conflicts_with_all = ["p12", "pkcs11", "archive_timestamp", "agency", "image", "seal", "signer"])]
    pub finish: bool,
    /// With `--finish`: the file holding the signature in base64 (RSA PKCS#1 v1.5 or ECDSA),
    /// `-` for standard input.
    #[arg(long, value_name = "FILE", requires = "finish")]
    pub signature: Option<String>,
    /// Sign even when the certificate names someone other than the signer the document names
    /// (or, with `--agency`, another body than its issuer): signing in their place.
    #[arg(long)]
    pub allow_other_signer: bool,
}

/// Arguments of `vanban render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Record files, or folders to search for `.yaml` records.
    #[arg(required = true)]
    pub records: Vec<PathBuf>,
    /// Threads working at once, shared by the records and the documents of each (default: every core).
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
    /// Formats to write, comma-separated: `pdf`, `docx` (an editable Word draft).
    #[arg(long, value_enum, value_delimiter = ',', default_value = "pdf")]
    pub format: Vec<crate::render::OutputFormat>,
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

/// `vanban users ...`. A password is read from the terminal (twice, not echoed) or from the
/// environment variable `--password-env` names; never from an argument.
#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// Add a person with a role; the first one turns logins on in `serve`.
    Add {
        /// The name they log in with.
        name: String,
        /// Their role.
        #[arg(long, value_enum)]
        role: crate::office::users::Role,
        /// The records folder.
        #[arg(long, default_value = ".")]
        folder: PathBuf,
        /// Read the password from this environment variable instead of the terminal.
        #[arg(long, value_name = "VAR")]
        password_env: Option<String>,
    },
    /// List the people, their roles, and who is disabled.
    List {
        /// The records folder.
        #[arg(long, default_value = ".")]
        folder: PathBuf,
    },
    /// Stop a person logging in (their trail stays).
    Disable {
        /// The name.
        name: String,
        /// The records folder.
        #[arg(long, default_value = ".")]
        folder: PathBuf,
    },
    /// Give a person another role (their open sessions end).
    SetRole {
        /// The name.
        name: String,
        /// The new role.
        #[arg(long, value_enum)]
        role: crate::office::users::Role,
        /// The records folder.
        #[arg(long, default_value = ".")]
        folder: PathBuf,
    },
    /// Give a person their credential at the remote signing service (`serve --csc`); an empty
    /// id removes it.
    SetCsc {
        /// The name.
        name: String,
        /// The credential's id at the service (its `credentialID`).
        #[arg(long, value_name = "ID")]
        credential: String,
        /// The records folder.
        #[arg(long, default_value = ".")]
        folder: PathBuf,
    },
    /// Remove a person (their open sessions end; their trail stays in the log).
    Remove {
        /// The name.
        name: String,
        /// The records folder.
        #[arg(long, default_value = ".")]
        folder: PathBuf,
    },
    /// Give a person a new password (and enable them again).
    ResetPassword {
        /// The name.
        name: String,
        /// The records folder.
        #[arg(long, default_value = ".")]
        folder: PathBuf,
        /// Read the password from this environment variable instead of the terminal.
        #[arg(long, value_name = "VAR")]
        password_env: Option<String>,
    },
}

/// `vanban audit ...`.
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check that no entry was edited or deleted and that the log still holds every anchor
    /// (the anchors file's and, with `--archive-dir`, each issued entry's); exit 1 naming the
    /// first that does not hold.
    Verify {
        /// The records folder.
        #[arg(long, default_value = ".")]
        folder: PathBuf,
        /// The archive whose issued entries keep the log's head at their issue.
        #[arg(long)]
        archive_dir: Option<PathBuf>,
    },
    /// Keep the log's head outside the database (appended to `.vanban/audit-anchors`), with an
    /// RFC 3161 timestamp from `--tsa`.
    Anchor {
        /// The records folder.
        #[arg(long, default_value = ".")]
        folder: PathBuf,
        /// A time-stamping authority's URL.
        #[arg(long)]
        tsa: Option<String>,
    },
    /// List the entries, oldest first.
    List {
        /// The records folder.
        #[arg(long, default_value = ".")]
        folder: PathBuf,
        /// Only this person's actions.
        #[arg(long)]
        user: Option<String>,
        /// Only actions on this record (a path, or part of one).
        #[arg(long)]
        record: Option<String>,
        /// Only from this day on.
        #[arg(long, value_parser = parse_date)]
        since: Option<Date>,
    },
}
