//! The arguments of `vanban archive`.

use std::path::PathBuf;

use clap::Subcommand;

use super::{parse_date, parse_table_file};
use crate::documents::RecordKind;
use crate::record::Date;

/// `vanban archive ...`.
#[derive(Debug, Subcommand)]
pub enum ArchiveCommand {
    /// Issue records: validate, number from the register, render in archival form, store and
    /// index them (and their assessments). Archival PDFs (`.pdf`) issued elsewhere are
    /// gathered: their attached record is rendered again and compared with the PDF.
    Add {
        /// Record files, archival PDFs, or folders of either.
        #[arg(required = true)]
        records: Vec<PathBuf>,
        /// The archive folder.
        #[arg(long, default_value = "archive")]
        archive_dir: PathBuf,
    },
    /// Bring every entry of another archive folder in (idempotent: merging twice changes nothing).
    Merge {
        /// The other archive's folder (the one holding its `index.sqlite`).
        other: PathBuf,
        /// The archive folder to merge into.
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
        /// Only this kind: `working_session`, `assessment`, `task_report` or `reminder`.
        #[arg(long, value_enum)]
        kind: Option<RecordKind>,
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
    /// Find entries by their words, with or without Vietnamese marks; best first.
    Search {
        /// Words to find; a "quoted phrase" matches its words in order. May be left out
        /// when a task filter is given.
        #[arg(default_value = "", hide_default_value = true)]
        query: String,
        /// Only this unit.
        #[arg(long)]
        unit: Option<String>,
        /// Only this kind: `working_session`, `assessment`, `task_report` or `reminder`.
        #[arg(long, value_enum)]
        kind: Option<RecordKind>,
        /// From this day (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        from: Option<Date>,
        /// To this day (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        to: Option<Date>,
        /// Only issuers whose names hold these words ("huyen uy tho xuan").
        #[arg(long)]
        issuer: Option<String>,
        /// Only entries giving a task to this body ("Phòng Kinh tế" or "phong kinh te").
        #[arg(long)]
        task_owner: Option<String>,
        /// Only entries giving a task due on or after this day (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        due_from: Option<Date>,
        /// Only entries giving a task due on or before this day (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        due_to: Option<Date>,
        /// At most this many entries.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// JSON, for scripts.
        #[arg(long)]
        json: bool,
        /// The archive folder.
        #[arg(long, default_value = "archive")]
        archive_dir: PathBuf,
    },
    /// Build the search index again from the stored records (after an upgrade).
    Reindex {
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
    /// The outgoing register (sổ đăng ký văn bản đi): in the terminal, as CSV or as PDF.
    Register {
        /// Only this year.
        #[arg(long)]
        year: Option<i32>,
        /// Only this issuer (its name as printed, or its code).
        #[arg(long)]
        issuer: Option<String>,
        /// Write to FILE.csv or FILE.pdf instead of the terminal.
        #[arg(short, long, value_parser = parse_table_file)]
        output: Option<PathBuf>,
        /// The archive folder.
        #[arg(long, default_value = "archive")]
        archive_dir: PathBuf,
    },
    /// Whether an issuer numbers each document type on its own sequence (`--per-type`) or
    /// all types on one (`--shared`, the ND30 default for state bodies).
    RegisterSetting {
        /// The issuer, its name as printed (e.g. `ỦY BAN NHÂN DÂN XÃ XUÂN TRƯỜNG`).
        issuer: String,
        /// One sequence per document type.
        #[arg(long, conflicts_with = "shared", required_unless_present = "shared")]
        per_type: bool,
        /// One sequence for every document type.
        #[arg(long)]
        shared: bool,
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
        #[arg(long, value_parser = parse_date)]
        as_of: Option<Date>,
        /// Output PDF (default `tong-hop-<set>.pdf`).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The archive folder.
        #[arg(long, default_value = "archive")]
        archive_dir: PathBuf,
    },
}
