//! Stage 1, prepare: a record file → a checked model that owns every byte it read.
//!
//! [`load`] reads and normalises a file, [`crate::record`] gives it a shape, [`validate`],
//! [`figures`] and the entries of [`crate::documents`] check it, [`paths`] keeps the files it
//! names inside its folder. The [`Prepared`] model keeps the files themselves, with their
//! roles, so no later stage (layout, attachments, glyph check, archive) reads the disk again.

pub mod figures;
pub mod follow_up;
pub mod validate;
pub mod walk;

use std::path::{Path, PathBuf};

use crate::compose::context::{AssessmentContext, AssessmentSummary, SessionContext};
use crate::compose::model::Context;
use crate::criteria::assessment::Tally;
use crate::criteria::checked::{self, Checked};
use crate::documents::{self, Codes, RecordKind, Requested};
use crate::error::{Diagnostic, Error};
use crate::problem::{Problem, did_you_mean};
use crate::record::load::YamlFile;
use crate::record::paths;
use crate::record::{Date, IssuerSystem, RecordHead, WorkingSession};

/// Why a file belongs to a record's model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The record itself.
    Record,
    /// An assessment the session names.
    Assessment,
    /// The criteria set file an assessment names (built-in sets are not files).
    CriteriaSet,
}

impl Role {
    /// The role as the archive index writes it.
    pub fn name(self) -> &'static str {
        match self {
            Role::Record => "record",
            Role::Assessment | Role::CriteriaSet => "input",
        }
    }
}

/// A file a record was read from, as read.
#[derive(Debug, Clone)]
pub struct Input {
    /// Why it is here.
    pub role: Role,
    /// Its path, text and bytes.
    pub file: YamlFile,
}

/// A record read, validated and enriched: ready to compose, lay out and store.
pub struct Prepared {
    /// Which kind of record.
    pub kind: RecordKind,
    /// Everything templates can use.
    pub context: Context,
    /// Warnings found on the way.
    pub warnings: Vec<Diagnostic>,
    /// Documents the record asks for, with the date each bears.
    pub documents: Vec<Requested>,
    /// Files it was read from: the record first, then its assessments and their set files.
    pub inputs: Vec<Input>,
    /// A session's assessments, as they were checked.
    pub assessments: Vec<Checked>,
    /// What an index records of it.
    pub facts: Facts,
}

/// What the archive index records of a record, as typed values.
#[derive(Debug, Clone)]
pub struct Facts {
    /// The unit worked with or assessed.
    pub unit: String,
    /// The issuing body (empty for an assessment that names none).
    pub issuer: String,
    /// The session's date, or the assessment's `as_of`.
    pub date: Date,
    /// The criteria set id (assessments).
    pub set: Option<String>,
    /// The computed totals (assessments).
    pub tally: Option<Tally>,
    /// The number line of each numbered document, as printed.
    pub numbers: Vec<String>,
    /// The issuer's agency code (empty for an assessment that names no issuer).
    pub issuer_code: String,
    /// The drafting unit's code, if the record gives it (a state công văn's number).
    pub office_code: Option<String>,
    /// The issuer's system: which register its numbers come from.
    pub system: IssuerSystem,
    /// Trích yếu: what the documents are about, for the outgoing register.
    pub summary: String,
    /// The tasks a session's conclusions give: who, and by when.
    pub tasks: Vec<TaskFact>,
}

/// One task the conclusions give, as the index keeps it.
#[derive(Debug, Clone)]
pub struct TaskFact {
    /// Who does it, as written.
    pub assignee: String,
    /// What to do, as written.
    pub task: String,
    /// Cơ quan phối hợp: the bodies that work with the assignee.
    pub partners: Vec<String>,
    /// By when, when the record says.
    pub due: Option<Date>,
}

impl TaskFact {
    /// "Phòng Kinh tế (hạn 31/03/2025)", as a search result shows it.
    pub fn line(&self) -> String {
        match self.due {
            Some(d) => format!("{} (hạn {:02}/{:02}/{})", self.assignee, d.day, d.month, d.year),
            None => self.assignee.clone(),
        }
    }
}

fn number_lines(documents: &[Requested], system: IssuerSystem, codes: Codes) -> Vec<String> {
    documents.iter().filter_map(|d| d.number_line(system, codes)).collect()
}

impl Facts {
    /// The issuer's codes a number is made of.
    pub fn codes(&self) -> Codes<'_> {
        Codes {
            issuer: &self.issuer_code,
            office: self.office_code.as_deref(),
        }
    }
}

impl Prepared {
    /// The record's own file.
    pub fn file(&self) -> &YamlFile {
        &self.inputs[0].file
    }

    /// The paths of every file it was read from (what `watch` watches).
    pub fn input_paths(&self) -> Vec<PathBuf> {
        self.inputs.iter().map(|i| i.file.path.clone()).collect()
    }
}

/// Reads, validates and enriches the record at `path`.
pub fn prepare(path: &Path) -> Result<Prepared, Error> {
    prepare_file(YamlFile::read(path)?)
}

/// Like [`prepare`], for a file already in memory.
pub fn prepare_file(file: YamlFile) -> Result<Prepared, Error> {
    let head: RecordHead = file.parse()?;
    let Some(kind) = head.kind else {
        let problem = Problem::UnknownKind {
            found: None,
            suggestion: None,
        };
        return Err(file.diagnostic_at(serde_saphyr::Location::UNKNOWN, problem).into());
    };
    match RecordKind::parse(&kind.value) {
        Some(RecordKind::WorkingSession) => prepare_session(file),
        Some(RecordKind::Assessment) => assessment_model(&checked::check(file)?),
        Some(RecordKind::TaskReport) => follow_up::prepare_task_report(file),
        Some(RecordKind::Reminder) => follow_up::prepare_reminder(file),
        None => {
            let names = RecordKind::ALL.map(RecordKind::name);
            let problem = Problem::UnknownKind {
                found: Some(kind.value.clone()),
                suggestion: did_you_mean(&kind.value, names),
            };
            Err(file.diagnostic_at(kind.referenced, problem).into())
        }
    }
}

/// The files a record names by path relative to its folder: a session's assessments, an
/// assessment's criteria set when that is a file. Empty when the record does not parse
/// (preparing it says why).
pub fn named_files(file: &YamlFile) -> Vec<String> {
    let Ok(RecordHead { kind: Some(kind), .. }) = file.parse::<RecordHead>() else {
        return Vec::new();
    };
    match RecordKind::parse(&kind.value) {
        Some(RecordKind::WorkingSession) => file
            .parse::<WorkingSession>()
            .ok()
            .and_then(|s| s.report)
            .map(|r| r.assessments.into_iter().map(|a| a.value).collect())
            .unwrap_or_default(),
        Some(RecordKind::Assessment) => file
            .parse::<crate::criteria::assessment::Assessment>()
            .ok()
            .map(|a| a.criteria_set.value)
            .filter(|set| crate::criteria::is_file_reference(set))
            .into_iter()
            .collect(),
        Some(RecordKind::TaskReport | RecordKind::Reminder) | None => Vec::new(),
    }
}

fn prepare_session(file: YamlFile) -> Result<Prepared, Error> {
    let session: WorkingSession = file.parse()?;
    let mut warnings = validate::working_session(&file, &session)?;
    warnings.extend(crate::record::unfinished::placeholders(&file));
    let documents =
        documents::session_documents(&session).map_err(|(at, problem)| Error::from(file.diagnostic_at(at, problem)))?;
    let checked = session_assessments(&file, &session)?;
    warnings.extend(checked.iter().flat_map(|c| c.warnings.iter().cloned()));
    let id = record_id(session.id.as_ref().map(|id| id.value.as_str()), &file.path);
    let mut context = SessionContext::new(&session, id);
    context.report.assessments = checked.iter().map(AssessmentSummary::new).collect();
    let mut inputs = vec![Input {
        role: Role::Record,
        file,
    }];
    for c in &checked {
        inputs.extend(assessment_inputs(c, Role::Assessment));
    }
    let facts = Facts {
        unit: session.host.clone(),
        issuer: session.issuer.name.value.clone(),
        date: session.date,
        set: None,
        tally: None,
        numbers: number_lines(&documents, session.issuer.system, issuer_codes(&session.issuer)),
        issuer_code: session.issuer.code.clone(),
        office_code: session.issuer.office_code.clone(),
        system: session.issuer.system,
        summary: format!("về {}", session.subject),
        tasks: session
            .conclusions
            .iter()
            .flat_map(|c| &c.tasks)
            .map(|t| TaskFact {
                assignee: t.assignee.clone(),
                task: t.task.clone(),
                partners: t.partners.clone(),
                due: t.due,
            })
            .collect(),
    };
    Ok(Prepared {
        kind: RecordKind::WorkingSession,
        context: Context::Session(Box::new(context)),
        warnings,
        documents,
        inputs,
        assessments: checked,
        facts,
    })
}

/// Reads the assessments a session names and checks its text against their totals.
fn session_assessments(file: &YamlFile, session: &WorkingSession) -> Result<Vec<Checked>, Error> {
    let Some(report) = &session.report else {
        return Ok(Vec::new());
    };
    let folder = paths::folder_of(&file.path);
    let mut checked = Vec::new();
    for reference in &report.assessments {
        let at = |problem| Error::from(file.diagnostic_at(reference.referenced, problem));
        let path = paths::inside(&folder, &reference.value).ok_or_else(|| {
            at(Problem::PathOutsideFolder {
                path: reference.value.clone(),
            })
        })?;
        if !path.is_file() {
            return Err(at(Problem::MissingFile {
                path: reference.value.clone(),
            }));
        }
        checked.push(checked::read(&path)?);
    }
    if let Some(summary) = &report.summary {
        let tallies: Vec<(String, Tally)> = checked
            .iter()
            .map(|c| (c.file.path.display().to_string(), c.tally.clone()))
            .collect();
        figures::check(file, summary, &tallies)?;
    }
    Ok(checked)
}

/// The files an assessment was read from: itself and its set, unless the set is built in.
fn assessment_inputs(checked: &Checked, role: Role) -> Vec<Input> {
    let mut inputs = vec![Input {
        role,
        file: checked.file.clone(),
    }];
    if !checked.set.built_in {
        inputs.push(Input {
            role: Role::CriteriaSet,
            file: checked.set.file.clone(),
        });
    }
    inputs
}

/// The model of a checked assessment, as a record of its own (a session's assessments are
/// archived as entries of their own from this).
pub fn assessment_model(checked: &Checked) -> Result<Prepared, Error> {
    let file = &checked.file;
    let assessment = &checked.assessment;
    if let Some(id) = &assessment.id
        && !validate::is_file_name_safe(&id.value)
    {
        return Err(file
            .diagnostic_at(id.referenced, Problem::BadId { id: id.value.clone() })
            .into());
    }
    let documents = documents::assessment_documents(assessment)
        .map_err(|(at, problem)| Error::from(file.diagnostic_at(at, problem)))?;
    let id = record_id(assessment.id.as_ref().map(|id| id.value.as_str()), &file.path);
    let spec = assessment.documents.report.as_ref().map(|s| &s.value);
    let mut warnings = checked.warnings.clone();
    warnings.extend(crate::record::unfinished::placeholders(file));
    if spec.is_none() {
        warnings.push(file.diagnostic_at(
            assessment.criteria_set.referenced,
            Problem::NoReportAsked { record: id.clone() },
        ));
    }
    let context = AssessmentContext::new(checked, assessment, id);
    let issuer = assessment.issuer.as_ref();
    let facts = Facts {
        unit: assessment.unit.clone(),
        issuer: issuer.map(|i| i.name.value.clone()).unwrap_or_default(),
        date: assessment.as_of,
        set: Some(checked.set.set.id.clone()),
        tally: Some(checked.tally.clone()),
        numbers: issuer
            .map(|i| number_lines(&documents, IssuerSystem::State, issuer_codes(i)))
            .unwrap_or_default(),
        issuer_code: issuer.map(|i| i.code.clone()).unwrap_or_default(),
        office_code: issuer.and_then(|i| i.office_code.clone()),
        system: IssuerSystem::State,
        summary: format!("kết quả đánh giá {} theo {}", assessment.unit, checked.set.set.id),
        tasks: Vec::new(),
    };
    Ok(Prepared {
        kind: RecordKind::Assessment,
        context: Context::Assessment(Box::new(context)),
        warnings,
        documents,
        inputs: assessment_inputs(checked, Role::Record),
        assessments: Vec::new(),
        facts,
    })
}

fn record_id(id: Option<&str>, path: &Path) -> String {
    if let Some(id) = id {
        return id.to_string();
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let safe: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if safe.is_empty() { "van-ban".into() } else { safe }
}

fn issuer_codes(issuer: &crate::record::Issuer) -> Codes<'_> {
    Codes {
        issuer: &issuer.code,
        office: issuer.office_code.as_deref(),
    }
}
