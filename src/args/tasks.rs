//! The arguments of `vanban tasks`: the tasks of issued notices, tracked in the archive.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::parse_date;
use crate::record::Date;

/// `vanban tasks ...`.
#[derive(Debug, Subcommand)]
pub enum TasksCommand {
    /// List the tracked tasks, one line each (or JSON), with their status and deadline state
    /// as of a day.
    List {
        /// The day the deadline states are computed for (YYYY-MM-DD; default: today in
        /// Vietnam, UTC+07:00).
        #[arg(long, value_parser = parse_date)]
        today: Option<Date>,
        /// Only tasks of this issuer's notices (every word given is in its name, with or without marks).
        #[arg(long)]
        issuer: Option<String>,
        /// Only tasks led by this body (its words, with or without marks).
        #[arg(long)]
        assignee: Option<String>,
        /// Only this status (chua-thuc-hien, dang-thuc-hien, cho-xac-nhan, hoan-thanh,
        /// tam-hoan) or deadline state (trong-han, sap-den-han, qua-han, khong-han).
        #[arg(long)]
        status: Option<String>,
        /// Only tasks due on or after this day (YYYY-MM-DD; the due date, not the notice's).
        #[arg(long, value_parser = parse_date)]
        from: Option<Date>,
        /// Only tasks due on or before this day (YYYY-MM-DD; the due date, not the notice's).
        #[arg(long, value_parser = parse_date)]
        to: Option<Date>,
        /// Print JSON, for scripts.
        #[arg(long)]
        json: bool,
        /// The archive folder.
        #[arg(long, default_value = "archive")]
        archive_dir: PathBuf,
    },
    /// Record what the lead body reports: a new status, with a note and evidence.
    Update {
        /// The task's id (as `tasks list` shows it).
        id: String,
        /// The new status: dang-thuc-hien, cho-xac-nhan (done, for the office to confirm) or
        /// tam-hoan (with the reason in --note).
        #[arg(long)]
        status: String,
        /// The day it happened (YYYY-MM-DD; default: today).
        #[arg(long, value_parser = parse_date)]
        date: Option<Date>,
        /// A note; the reason, for tam-hoan.
        #[arg(long)]
        note: Option<String>,
        /// A file given as evidence, copied into the archive.
        #[arg(long, conflicts_with = "evidence_doc")]
        evidence: Option<PathBuf>,
        /// A document given as evidence: "number, date" (e.g. "15/BC-HTX, 20/04/2026").
        #[arg(long)]
        evidence_doc: Option<String>,
        /// The archive folder.
        #[arg(long, default_value = "archive")]
        archive_dir: PathBuf,
    },
    /// Confirm a task the lead body reported done (cho-xac-nhan → hoan-thanh).
    Confirm {
        /// The task's id.
        id: String,
        /// The day of the confirmation (YYYY-MM-DD; default: today).
        #[arg(long, value_parser = parse_date)]
        date: Option<Date>,
        /// The archive folder.
        #[arg(long, default_value = "archive")]
        archive_dir: PathBuf,
    },
    /// Refuse to confirm a task reported done, with the reason (cho-xac-nhan → dang-thuc-hien).
    Refuse {
        /// The task's id.
        id: String,
        /// Why it is not done.
        #[arg(long)]
        reason: String,
        /// The day of the refusal (YYYY-MM-DD; default: today).
        #[arg(long, value_parser = parse_date)]
        date: Option<Date>,
        /// The archive folder.
        #[arg(long, default_value = "archive")]
        archive_dir: PathBuf,
    },
    /// A task and every update of it, oldest first.
    History {
        /// The task's id.
        id: String,
        /// Print JSON, for scripts.
        #[arg(long)]
        json: bool,
        /// The archive folder.
        #[arg(long, default_value = "archive")]
        archive_dir: PathBuf,
    },
    /// The figures of the tasks due in a period: done on time or late, open in time or overdue.
    Figures {
        /// The period's first day (YYYY-MM-DD; by due date).
        #[arg(long, value_parser = parse_date)]
        from: Date,
        /// The period's last day (YYYY-MM-DD; by due date).
        #[arg(long, value_parser = parse_date)]
        to: Date,
        /// Only tasks of this issuer's notices.
        #[arg(long)]
        issuer: Option<String>,
        /// The day the figures are counted on (YYYY-MM-DD; default: today in Vietnam).
        #[arg(long, value_parser = parse_date)]
        today: Option<Date>,
        /// Print JSON, for scripts.
        #[arg(long)]
        json: bool,
        /// The archive folder.
        #[arg(long, default_value = "archive")]
        archive_dir: PathBuf,
    },
    /// Draft the báo cáo kết quả thực hiện kết luận for the tasks due in a period: its
    /// record (to edit and take through review like any document) and its PDF; the figures
    /// are computed from the tasks, never typed.
    Report(ReportArgs),
    /// Draft one công văn đôn đốc per lead body with overdue tasks: their records and PDFs;
    /// none for a body whose tasks are done or in time.
    Remind(RemindArgs),
}

/// The arguments of `vanban tasks report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The period's first day (YYYY-MM-DD; by due date).
    #[arg(long, value_parser = parse_date)]
    pub from: Date,
    /// The period's last day (YYYY-MM-DD; by due date).
    #[arg(long, value_parser = parse_date)]
    pub to: Date,
    /// The issuer whose notices' tasks are reported (needed when the archive holds several).
    #[arg(long)]
    pub issuer: Option<String>,
    /// The day the figures are counted on (YYYY-MM-DD; default: today in Vietnam).
    #[arg(long, value_parser = parse_date)]
    pub today: Option<Date>,
    /// Also print the figures as JSON.
    #[arg(long)]
    pub json: bool,
    /// Replace a record of the same name written earlier (perhaps edited since).
    #[arg(long)]
    pub force: bool,
    /// The folder the record and its PDF are written to.
    #[arg(short, long, default_value = "out")]
    pub output: PathBuf,
    /// The archive folder.
    #[arg(long, default_value = "archive")]
    pub archive_dir: PathBuf,
}

/// The arguments of `vanban tasks remind`.
#[derive(Debug, Args)]
pub struct RemindArgs {
    /// The day the tasks are overdue on (YYYY-MM-DD; default: today in Vietnam).
    #[arg(long, value_parser = parse_date)]
    pub today: Option<Date>,
    /// The issuer whose notices' tasks are chased (needed when the archive holds several).
    #[arg(long)]
    pub issuer: Option<String>,
    /// The day the lead bodies are asked to report by (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub report_by: Option<Date>,
    /// The drafting unit's code in a state công văn's number (`VP` in `Số: 45/UBND-VP`),
    /// when the notice's record does not give `issuer.office_code`.
    #[arg(long)]
    pub office_code: Option<String>,
    /// Replace records of the same names written earlier (perhaps edited since).
    #[arg(long)]
    pub force: bool,
    /// The folder the records and their PDFs are written to.
    #[arg(short, long, default_value = "out")]
    pub output: PathBuf,
    /// The archive folder.
    #[arg(long, default_value = "archive")]
    pub archive_dir: PathBuf,
}
