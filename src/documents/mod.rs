//! Every document kind vanban issues, one entry each: file slug, numbering, templates,
//! output format, which record asks for it, the date it bears and what the record must give.
//!
//! Adding a kind is one entry in [`TABLE`] (with its [`DocKind`] constant beside it), its
//! block in the record's `documents`, and its templates: the compose stage gives every
//! document the same context (number, date, signer, recipients and the block's own fields).

mod kinds;
pub mod schema;
mod table;

use serde_saphyr::Location;

pub use kinds::{Asked, Bound, DateRule, DocKind, Format, Need, Numbering, RecordKind, Source, Spec};
pub use table::TABLE;

use crate::criteria::assessment::Assessment;
use crate::problem::Problem;
use crate::record::{Date, IssuerSystem, Reminder, Signer, TaskReport, WorkingSession};

impl DocKind {
    /// Its name in Vietnamese and English.
    pub fn names(self) -> (&'static str, &'static str) {
        self.spec().names
    }

    /// This kind's entry in [`TABLE`].
    pub fn spec(self) -> &'static Spec {
        TABLE
            .iter()
            .find(|spec| spec.kind == self)
            .expect("every kind has an entry in TABLE")
    }

    /// The file-name suffix and template stem: `<id>-bien-ban.pdf`, `bien-ban.state.typ.j2`.
    pub fn slug(self) -> &'static str {
        self.0
    }

    /// The code its register numbers by, when numbered per type (`BB`, `TB`, `CV`); empty
    /// for a state công văn (numbered with the issuer's other untyped documents).
    pub fn sequence_code(self, system: IssuerSystem) -> &'static str {
        match (self.spec().numbering, system) {
            (Numbering::Typed(code), _) | (Numbering::Untyped { party: code }, IssuerSystem::Party) => code,
            _ => "",
        }
    }

    /// What it is written as.
    pub fn format(self) -> Format {
        self.spec().format
    }

    /// The template that writes this document for `system` (PDF documents).
    pub fn template(self, system: IssuerSystem) -> String {
        format!("{}.{}.typ.j2", self.slug(), system.name())
    }
}

/// A document a record asks for.
#[derive(Debug, Clone)]
pub struct Requested {
    /// Which document.
    pub kind: DocKind,
    /// The date it bears.
    pub date: Date,
    /// Its number, if given.
    pub number: Option<u32>,
    /// Where the record asks for it (the archive writes a number it gives there).
    pub at: Location,
    /// Who signs it, if signed.
    pub signer: Option<String>,
    /// Nơi nhận.
    pub recipients: Vec<String>,
}

impl Requested {
    /// Its number line as printed (`Số: 15/BB-UBND`, `Số: 45/UBND-VP`), for numbered kinds.
    pub fn number_line(&self, system: IssuerSystem, codes: Codes) -> Option<String> {
        symbol(self.kind, system, self.number, codes).map(|symbol| crate::vietnamese::number_line(system, &symbol))
    }
}

/// The issuer's codes a number is made of: its own (`UBND`, `HU`) and its drafting unit's
/// (`VP`), if known.
#[derive(Debug, Clone, Copy)]
pub struct Codes<'a> {
    /// The issuer's code.
    pub issuer: &'a str,
    /// The drafting unit's code.
    pub office: Option<&'a str>,
}

/// A document's number and symbol (`05/TB-UBND`, `45/UBND-VP`, `05-TB/HU`), for numbered
/// kinds; a blank for the clerk when the number is not given.
pub fn symbol(kind: DocKind, system: IssuerSystem, number: Option<u32>, codes: Codes) -> Option<String> {
    use crate::vietnamese::document_symbol;
    Some(match kind.spec().numbering {
        Numbering::None => return None,
        Numbering::Typed(code) => document_symbol(system, number, code, codes.issuer),
        Numbering::Untyped { party } => match system {
            IssuerSystem::State => document_symbol(system, number, codes.issuer, codes.office.unwrap_or_default()),
            IssuerSystem::Party => document_symbol(system, number, party, codes.issuer),
        },
    })
}

/// The documents a session asks for, with what each block gives, in the table's order.
pub fn asked_by_session(session: &WorkingSession) -> Vec<(&'static Spec, Asked<'_>)> {
    TABLE
        .iter()
        .filter_map(|spec| match spec.source {
            Source::Session { asked, .. } => asked(session).map(|a| (spec, a)),
            _ => None,
        })
        .collect()
}

/// The documents an assessment asks for, likewise.
pub fn asked_by_assessment(assessment: &Assessment) -> Vec<(&'static Spec, Asked<'_>)> {
    TABLE
        .iter()
        .filter_map(|spec| match spec.source {
            Source::Assessment { asked, .. } => asked(assessment).map(|a| (spec, a)),
            _ => None,
        })
        .collect()
}

/// The documents a task report asks for, likewise.
pub fn asked_by_task_report(report: &TaskReport) -> Vec<(&'static Spec, Asked<'_>)> {
    TABLE
        .iter()
        .filter_map(|spec| match spec.source {
            Source::TaskReport { asked } => asked(report).map(|a| (spec, a)),
            _ => None,
        })
        .collect()
}

/// The documents a reminder asks for, likewise.
pub fn asked_by_reminder(reminder: &Reminder) -> Vec<(&'static Spec, Asked<'_>)> {
    TABLE
        .iter()
        .filter_map(|spec| match spec.source {
            Source::Reminder { asked } => asked(reminder).map(|a| (spec, a)),
            _ => None,
        })
        .collect()
}

/// The documents a follow-up record (a task report, a reminder) asks for, each checked for
/// its signer and dated (its own date, else `record`); the first problem, with its place.
/// A state công văn needs the drafting unit's code for its number.
pub fn follow_up_documents(
    issuer: &crate::record::Issuer,
    asked: Vec<(&'static Spec, Asked<'_>)>,
    record: Date,
) -> Result<Vec<Requested>, (Location, Problem)> {
    let mut requested: Vec<Requested> = Vec::new();
    for (spec, request) in asked {
        let untyped = matches!(spec.numbering, Numbering::Untyped { .. });
        if untyped && issuer.system == IssuerSystem::State && issuer.office_code.is_none() {
            return Err((request.at, spec.problem(Need::Field("issuer.office_code"))));
        }
        check_signer(issuer.system, request.signer)?;
        let date = dated(spec, &request, record, &requested)?;
        requested.push(Requested::new(spec, request, date));
    }
    Ok(requested)
}

/// The documents a session asks for, each checked for what the session must give and for
/// its date; the first problem, with its place, if one is wrong.
pub fn session_documents(session: &WorkingSession) -> Result<Vec<Requested>, (Location, Problem)> {
    let mut requested: Vec<Requested> = Vec::new();
    for (spec, request) in asked_by_session(session) {
        if let Source::Session { requires, .. } = spec.source
            && let Some(need) = requires(session)
        {
            return Err((request.at, spec.problem(need)));
        }
        check_signer(session.issuer.system, request.signer)?;
        let date = dated(spec, &request, session.date, &requested)?;
        requested.push(Requested::new(spec, request, date));
    }
    Ok(requested)
}

/// The documents an assessment asks for, likewise.
pub fn assessment_documents(assessment: &Assessment) -> Result<Vec<Requested>, (Location, Problem)> {
    let mut requested: Vec<Requested> = Vec::new();
    for (spec, request) in asked_by_assessment(assessment) {
        if let Source::Assessment { requires, .. } = spec.source
            && let Some(need) = requires(assessment)
        {
            return Err((request.at, spec.problem(need)));
        }
        let date = dated(spec, &request, assessment.as_of, &requested)?;
        requested.push(Requested::new(spec, request, date));
    }
    Ok(requested)
}

impl Requested {
    fn new(spec: &Spec, request: Asked, date: Date) -> Requested {
        Requested {
            kind: spec.kind,
            date,
            number: request.number,
            at: request.at,
            signer: request.signer.map(|s| s.name.clone()),
            recipients: request.recipients.to_vec(),
        }
    }
}

/// The date a document bears under its rule.
pub fn date_of(spec: &Spec, own: Option<Date>, record: Date) -> Date {
    match spec.date {
        DateRule::Session => record,
        DateRule::OwnElseRecord(_) => own.unwrap_or(record),
    }
}

/// The date a document bears, checked against its rule's bound (`earlier` are the record's
/// documents made before it).
fn dated(
    spec: &'static Spec,
    request: &Asked,
    record: Date,
    earlier: &[Requested],
) -> Result<Date, (Location, Problem)> {
    use crate::vietnamese::date_short;
    let date = date_of(spec, request.date, record);
    let problem = match spec.date {
        DateRule::OwnElseRecord(Bound::NotAfterSession) if date > record => Some(Problem::DatedAfterSession {
            document: &spec.names,
            block: spec.block,
            date: date_short(date),
            session: date_short(record),
        }),
        DateRule::OwnElseRecord(Bound::NotBefore(kind)) => earlier
            .iter()
            .find(|d| d.kind == kind && d.date > date)
            .map(|other| Problem::DatedBefore {
                document: &spec.names,
                block: spec.block,
                date: date_short(date),
                other: &kind.spec().names,
                other_date: date_short(other.date),
            }),
        _ => None,
    };
    match problem {
        Some(problem) => Err((request.at, problem)),
        None => Ok(date),
    }
}

fn check_signer(system: IssuerSystem, signer: Option<&Signer>) -> Result<(), (Location, Problem)> {
    let Some(authority) = signer.map(|s| &s.authority) else {
        return Ok(());
    };
    check_authority(system, &authority.value).map_err(|problem| (authority.referenced, problem))
}

/// A signature's authority must start with a prefix of the issuer's system.
fn check_authority(system: IssuerSystem, authority: &str) -> Result<(), Problem> {
    use crate::vietnamese;
    if vietnamese::split_authority(system, authority).is_some() {
        return Ok(());
    }
    Err(Problem::AuthorityPrefix {
        found: authority.to_string(),
        allowed: vietnamese::signature_prefixes(system).join(", "),
        suggestion: vietnamese::prefix_in_other_system(system, authority).map(|prefix| {
            let rest = authority.trim().split_once(char::is_whitespace).map_or("", |(_, r)| r);
            format!("{prefix} {rest}").trim().to_string()
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_one_entry_and_its_templates() {
        for kind in [
            DocKind::INVITATION,
            DocKind::MINUTES,
            DocKind::NOTICE,
            DocKind::REPORT,
            DocKind::NEWS,
            DocKind::PLAN,
            DocKind::LETTER,
            DocKind::TASK_REPORT,
            DocKind::REMINDER,
        ] {
            assert_eq!(TABLE.iter().filter(|s| s.kind == kind).count(), 1, "{kind:?}");
            assert!(!kind.spec().templates.is_empty(), "{kind:?}");
        }
        let mut blocks: Vec<_> = TABLE.iter().map(|s| s.block).collect();
        blocks.sort();
        blocks.dedup();
        assert_eq!(blocks.len(), TABLE.len());
        // A kind bound to another's date comes after it in the table.
        for (i, spec) in TABLE.iter().enumerate() {
            if let DateRule::OwnElseRecord(Bound::NotBefore(other)) = spec.date {
                assert!(TABLE[..i].iter().any(|s| s.kind == other), "{:?}", spec.kind);
            }
        }
    }

    #[test]
    fn record_kinds_read_back_by_name() {
        for kind in RecordKind::ALL {
            assert_eq!(RecordKind::parse(kind.name()), Some(kind));
        }
        assert_eq!(RecordKind::parse("criteria_set"), None);
    }

    #[test]
    fn authority_prefixes_are_checked_per_system() {
        assert!(check_authority(IssuerSystem::Party, "T/L Ban Thường vụ").is_ok());
        let problem = check_authority(IssuerSystem::Party, "TL. Ban Thường vụ").unwrap_err();
        assert!(
            matches!(problem, Problem::AuthorityPrefix { suggestion: Some(ref s), .. } if s == "T/L Ban Thường vụ")
        );
        assert!(check_authority(IssuerSystem::State, "Chủ tịch").is_err());
    }
}
