//! Every document kind vanban issues, one entry each: file slug, type code, templates,
//! output format, which record asks for it, the date it bears and what the record must give.
//!
//! Adding a kind is one entry in [`TABLE`] (and a [`DocKind`] variant), its templates, and
//! whatever its record block needs in [`crate::record`] and in the compose stage's context.

mod kinds;
mod table;

use serde_saphyr::Location;

pub use kinds::{Asked, DateRule, DocKind, Format, Need, RecordKind, Source, Spec};
pub use table::TABLE;

use crate::criteria::assessment::Assessment;
use crate::problem::Problem;
use crate::record::{Date, IssuerSystem, Signer, WorkingSession};

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

    /// The file-name suffix: `<id>-bien-ban.pdf`.
    pub fn slug(self) -> &'static str {
        self.spec().slug
    }

    /// The type code of the number line (`BB`, `TB`, `BC`); empty for unnumbered documents.
    pub fn type_code(self) -> &'static str {
        self.spec().type_code.unwrap_or_default()
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
    /// Its number line as printed (`Số: 15/BB-UBND`), for numbered kinds.
    pub fn number_line(&self, system: IssuerSystem, issuer_code: &str) -> Option<String> {
        let code = self.kind.spec().type_code?;
        Some(crate::vietnamese::document_number(
            system,
            self.number,
            code,
            issuer_code,
        ))
    }
}

/// The documents a session asks for, each checked for what the session must give; the
/// first problem, with its place, if one is missing something.
pub fn session_documents(session: &WorkingSession) -> Result<Vec<Requested>, (Location, Problem)> {
    let mut requested = Vec::new();
    for spec in TABLE {
        let Source::Session { asked, requires } = spec.source else {
            continue;
        };
        let Some(request) = asked(session) else { continue };
        if let Some(need) = requires(session) {
            return Err((request.at, spec.problem(need)));
        }
        check_signer(session.issuer.system, request.signer)?;
        requested.push(Requested {
            kind: spec.kind,
            date: dated(spec.date, request.date, session.date),
            number: request.number,
            at: request.at,
            signer: request.signer.map(|s| s.name.clone()),
            recipients: request.recipients.to_vec(),
        });
    }
    Ok(requested)
}

/// The documents an assessment asks for, likewise.
pub fn assessment_documents(assessment: &Assessment) -> Result<Vec<Requested>, (Location, Problem)> {
    let mut requested = Vec::new();
    for spec in TABLE {
        let Source::Assessment { asked, requires } = spec.source else {
            continue;
        };
        let Some(request) = asked(assessment) else { continue };
        if let Some(need) = requires(assessment) {
            return Err((request.at, spec.problem(need)));
        }
        requested.push(Requested {
            kind: spec.kind,
            date: dated(spec.date, request.date, assessment.as_of),
            number: request.number,
            at: request.at,
            signer: request.signer.map(|s| s.name.clone()),
            recipients: request.recipients.to_vec(),
        });
    }
    Ok(requested)
}

fn dated(rule: DateRule, own: Option<Date>, record: Date) -> Date {
    match rule {
        DateRule::Session => record,
        DateRule::OwnElseRecord => own.unwrap_or(record),
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
            DocKind::Invitation,
            DocKind::Minutes,
            DocKind::Notice,
            DocKind::Report,
            DocKind::News,
        ] {
            assert_eq!(TABLE.iter().filter(|s| s.kind == kind).count(), 1, "{kind:?}");
            assert!(!kind.spec().templates.is_empty(), "{kind:?}");
        }
        let mut slugs: Vec<_> = TABLE.iter().map(|s| s.slug).collect();
        slugs.dedup();
        assert_eq!(slugs.len(), TABLE.len());
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
