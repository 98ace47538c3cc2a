//! What a document kind is: the record kinds, the document kinds, and the parts of a kind's
//! entry in the table (its format, the date it bears, which record asks for it and what that
//! record must give).

use serde_saphyr::Location;

use crate::criteria::assessment::Assessment;
use crate::problem::Problem;
use crate::record::{Date, Reminder, Signer, TaskReport, WorkingSession};

/// The kinds of record vanban reads on its own (a criteria set is read through an assessment).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RecordKind {
    /// A working session: `kind: working_session`.
    #[value(name = "working_session")]
    WorkingSession,
    /// An assessment against a criteria set: `kind: assessment`.
    #[value(name = "assessment")]
    Assessment,
    /// A report on carrying out conclusions: `kind: task_report`.
    #[value(name = "task_report")]
    TaskReport,
    /// A công văn đôn đốc: `kind: reminder`.
    #[value(name = "reminder")]
    Reminder,
}

impl RecordKind {
    /// Every kind.
    pub const ALL: [RecordKind; 4] = [
        RecordKind::WorkingSession,
        RecordKind::Assessment,
        RecordKind::TaskReport,
        RecordKind::Reminder,
    ];

    /// The name a record writes after `kind:`.
    pub fn name(self) -> &'static str {
        match self {
            RecordKind::WorkingSession => "working_session",
            RecordKind::Assessment => "assessment",
            RecordKind::TaskReport => "task_report",
            RecordKind::Reminder => "reminder",
        }
    }

    /// The name of its definition in the record's JSON Schema (`$defs/TaskReport`).
    pub fn schema_name(self) -> &'static str {
        match self {
            RecordKind::WorkingSession => "WorkingSession",
            RecordKind::Assessment => "Assessment",
            RecordKind::TaskReport => "TaskReport",
            RecordKind::Reminder => "Reminder",
        }
    }

    /// The kind in words, Vietnamese and English, as the web pages name it ("Buổi làm việc").
    pub fn names(self) -> crate::problem::Names {
        match self {
            RecordKind::WorkingSession => &("Buổi làm việc", "Working session"),
            RecordKind::Assessment => &("Đánh giá tiêu chí", "Assessment"),
            RecordKind::TaskReport => &("Báo cáo thực hiện kết luận", "Task report"),
            RecordKind::Reminder => &("Đôn đốc thực hiện", "Reminder"),
        }
    }

    /// The kind in words in `lang`.
    pub fn in_words(self, lang: crate::problem::Lang) -> &'static str {
        lang.pick(self.names().0, self.names().1)
    }

    /// The kind stored as `name` in words in `lang`; a name vanban does not read (from a
    /// newer archive) as it is stored.
    pub fn words_of(name: &str, lang: crate::problem::Lang) -> &str {
        RecordKind::parse(name).map_or(name, |kind| kind.in_words(lang))
    }

    /// The kind a record names, if vanban reads it.
    pub fn parse(name: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// A document vanban can issue: its entry in the table, named by its slug (the kinds are
/// the constants beside their entries, `DocKind::MINUTES` and so on).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DocKind(pub(super) &'static str);

/// What a document is written as: the renderer branches on this, and only on this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Typst template → laid-out document → PDF: `<id>-<slug>.pdf`.
    Pdf,
    /// Markdown template → Markdown and an HTML page: `<id>-<slug>.md`, `<id>-<slug>.html`.
    News,
}

/// Which date a document bears.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRule {
    /// The session's date.
    Session,
    /// Its own `date`, else the session's (or the assessment's `as_of`), within `Bound`.
    OwnElseRecord(Bound),
}

/// What a document's own date must keep to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// Any date.
    Free,
    /// On or before the session (an invitation to it).
    NotAfterSession,
    /// On or after the date of another document of the record, when that one is issued.
    NotBefore(DocKind),
}

/// How a document is numbered (`Số: 05/TB-UBND`, `Số 123-TB/HU`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    /// Not numbered (the news draft).
    None,
    /// A type code in both systems: `Số: 05/TB-UBND`, `Số 05-TB/HU`.
    Typed(&'static str),
    /// No type code in the state system, the issuer's code then the drafting unit's
    /// (`Số: 45/UBND-VP`); the Party code `party` in the Party system (`Số 45-CV/HU`).
    Untyped {
        /// The Party system's type code.
        party: &'static str,
    },
}

/// Where a record asks for a document, and what that request gives: the parts every
/// document has, and the block's own fields for its template.
pub struct Asked<'a> {
    /// The request's place in the record.
    pub at: Location,
    /// The document's own `date`, if it has one.
    pub date: Option<Date>,
    /// Its number, if numbered and given.
    pub number: Option<u32>,
    /// Who signs it, if it is signed: the prefix is checked against the issuer's system.
    pub signer: Option<&'a Signer>,
    /// Nơi nhận.
    pub recipients: &'a [String],
    /// The block's own fields (`materials`, `prepare`, `purposes` ...), as its template
    /// reads them beside the common ones.
    pub own: serde_json::Value,
}

/// Which record asks for a document, and what the record must give for it.
pub enum Source {
    /// A working session, through a block of `documents`.
    Session {
        /// The block that asks for it, if present.
        asked: fn(&WorkingSession) -> Option<Asked<'_>>,
        /// What the session lacks for this document, if anything.
        requires: fn(&WorkingSession) -> Option<Need>,
    },
    /// An assessment, through a block of `documents`.
    Assessment {
        /// The block that asks for it, if present.
        asked: fn(&Assessment) -> Option<Asked<'_>>,
        /// What the assessment lacks for this document, if anything.
        requires: fn(&Assessment) -> Option<Need>,
    },
    /// A task report, through a block of `documents`.
    TaskReport {
        /// The block that asks for it, if present.
        asked: fn(&TaskReport) -> Option<Asked<'_>>,
    },
    /// A reminder, through a block of `documents`.
    Reminder {
        /// The block that asks for it, if present.
        asked: fn(&Reminder) -> Option<Asked<'_>>,
    },
}

/// What a record lacks for a document it asks for.
pub enum Need {
    /// A field of the record (`secretary`): worded the same way for every kind.
    Field(&'static str),
    /// Anything else, worded by its own problem.
    Other(Problem),
}

/// One document kind's entry.
pub struct Spec {
    /// The kind.
    pub kind: DocKind,
    /// Its name in Vietnamese and English, for the register, `serve` and messages alike.
    pub names: (&'static str, &'static str),
    /// The block of `documents` that asks for it: `documents.minutes`.
    pub block: &'static str,
    /// How it is numbered.
    pub numbering: Numbering,
    /// What it is written as.
    pub format: Format,
    /// Which record asks for it, and what that record must give.
    pub source: Source,
    /// The date it bears.
    pub date: DateRule,
    /// Its built-in templates: file name and text.
    pub templates: &'static [(&'static str, &'static str)],
}

impl Spec {
    /// The problem a record has when it lacks `need` for this document.
    pub(super) fn problem(&'static self, need: Need) -> Problem {
        match need {
            Need::Field(field) => Problem::DocumentNeeds {
                document: &self.names,
                block: self.block,
                field,
            },
            Need::Other(problem) => problem,
        }
    }
}
