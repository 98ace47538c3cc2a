//! What stage 2 starts from and ends with: the context a template receives (built by
//! stage 1 from a checked record) and a finished file.

use serde::Serialize;

use super::assessed::AssessmentContext;
use super::context::SessionContext;
use super::follow_up::{ReminderContext, TaskReportContext};
use crate::record::IssuerSystem;

/// What a template receives: one of the record kinds' contexts.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Context {
    /// A working session.
    Session(Box<SessionContext>),
    /// An assessment.
    Assessment(Box<AssessmentContext>),
    /// A report on carrying out conclusions.
    TaskReport(Box<TaskReportContext>),
    /// A công văn đôn đốc.
    Reminder(Box<ReminderContext>),
}

impl Context {
    /// Which layout rules apply.
    pub fn system(&self) -> IssuerSystem {
        match self {
            Context::Session(c) => c.system,
            Context::Assessment(c) => c.system,
            Context::TaskReport(c) => c.system,
            Context::Reminder(c) => c.system,
        }
    }

    /// The record's stable name.
    pub fn id(&self) -> &str {
        match self {
            Context::Session(c) => &c.id,
            Context::Assessment(c) => &c.id,
            Context::TaskReport(c) => &c.id,
            Context::Reminder(c) => &c.id,
        }
    }

    /// Whether the news draft is to be abbreviated.
    pub(crate) fn abbreviate_news(&self) -> bool {
        match self {
            Context::Session(session) => session.news.as_ref().is_some_and(|n| n.abbreviate),
            _ => false,
        }
    }
}

/// A finished output: its file name and its bytes.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// File name inside the output folder.
    pub name: String,
    /// Complete contents.
    pub bytes: Vec<u8>,
}
