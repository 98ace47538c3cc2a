//! Every document kind vanban issues, one entry each: file slug, type code, templates,
//! output format, which record asks for it, the date it bears and what the record must give.
//!
//! Adding a kind is one entry in [`TABLE`] (and a [`DocKind`] variant), its templates, and
//! whatever its record block needs in [`crate::record`] and in the compose stage's context.

use serde_saphyr::Location;

use crate::criteria::assessment::Assessment;
use crate::problem::Problem;
use crate::record::{Date, IssuerSystem, SignedSpec, Signer, WorkingSession};

/// The kinds of record vanban reads on its own (a criteria set is read through an assessment).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RecordKind {
    /// A working session: `kind: working_session`.
    #[value(name = "working_session")]
    WorkingSession,
    /// An assessment against a criteria set: `kind: assessment`.
    #[value(name = "assessment")]
    Assessment,
}

impl RecordKind {
    /// Both kinds.
    pub const ALL: [RecordKind; 2] = [RecordKind::WorkingSession, RecordKind::Assessment];

    /// The name a record writes after `kind:`.
    pub fn name(self) -> &'static str {
        match self {
            RecordKind::WorkingSession => "working_session",
            RecordKind::Assessment => "assessment",
        }
    }

    /// The kind a record names, if vanban reads it.
    pub fn parse(name: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// A document vanban can issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// Biên bản.
    Minutes,
    /// Thông báo kết luận.
    Notice,
    /// Báo cáo kết quả đánh giá.
    Report,
    /// Tin bài: Markdown and HTML.
    News,
    /// Giấy mời to the session.
    Invitation,
}

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
    /// Its own `date`, else the session's (or the assessment's `as_of`).
    OwnElseRecord,
}

/// Where a record asks for a document, and what that request gives.
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
    /// File-name suffix and template stem: `<id>-bien-ban.pdf`, `bien-ban.state.typ.j2`.
    pub slug: &'static str,
    /// Type code in the number line (`Số: 15/BB-UBND`), for numbered documents.
    pub type_code: Option<&'static str>,
    /// What it is written as.
    pub format: Format,
    /// Which record asks for it, and what that record must give.
    pub source: Source,
    /// The date it bears.
    pub date: DateRule,
    /// Its built-in templates: file name and text.
    pub templates: &'static [(&'static str, &'static str)],
}

/// Every document kind, in the order a record's documents are made.
pub const TABLE: &[Spec] = &[
    Spec {
        kind: DocKind::Minutes,
        names: ("Biên bản làm việc", "Minutes"),
        block: "minutes",
        slug: "bien-ban",
        type_code: Some("BB"),
        format: Format::Pdf,
        source: Source::Session {
            asked: |s| {
                let spec = s.documents.minutes.as_ref()?;
                Some(Asked {
                    number: spec.value.number.map(|n| n.0),
                    recipients: &spec.value.recipients,
                    ..unsigned(spec.referenced)
                })
            },
            requires: |s| s.secretary.is_none().then_some(Need::Field("secretary")),
        },
        date: DateRule::Session,
        templates: &[
            (
                "bien-ban.state.typ.j2",
                include_str!("../templates/bien-ban.state.typ.j2"),
            ),
            (
                "bien-ban.party.typ.j2",
                include_str!("../templates/bien-ban.party.typ.j2"),
            ),
        ],
    },
    Spec {
        kind: DocKind::Notice,
        names: ("Thông báo kết luận", "Conclusion notice"),
        block: "notice",
        slug: "thong-bao-ket-luan",
        type_code: Some("TB"),
        format: Format::Pdf,
        source: Source::Session {
            asked: |s| {
                let spec = s.documents.notice.as_ref()?;
                Some(signed(spec.referenced, &spec.value))
            },
            requires: |s| s.conclusions.is_none().then_some(Need::Field("conclusions")),
        },
        date: DateRule::OwnElseRecord,
        templates: &[
            (
                "thong-bao-ket-luan.state.typ.j2",
                include_str!("../templates/thong-bao-ket-luan.state.typ.j2"),
            ),
            (
                "thong-bao-ket-luan.party.typ.j2",
                include_str!("../templates/thong-bao-ket-luan.party.typ.j2"),
            ),
        ],
    },
    Spec {
        kind: DocKind::News,
        names: ("Tin bài", "News draft"),
        block: "news",
        slug: "tin-bai",
        type_code: None,
        format: Format::News,
        source: Source::Session {
            asked: |s| s.documents.news.as_ref().map(|_| unsigned(Location::UNKNOWN)),
            requires: |_| None,
        },
        date: DateRule::Session,
        templates: &[
            ("tin-bai.md.j2", include_str!("../templates/tin-bai.md.j2")),
            ("tin-bai.html.j2", include_str!("../templates/tin-bai.html.j2")),
        ],
    },
    Spec {
        kind: DocKind::Invitation,
        names: ("Giấy mời", "Invitation"),
        block: "invitation",
        slug: "giay-moi",
        type_code: Some("GM"),
        format: Format::Pdf,
        source: Source::Session {
            asked: |s| {
                let spec = s.documents.invitation.as_ref()?;
                Some(Asked {
                    at: spec.referenced,
                    date: spec.value.date,
                    number: spec.value.number.map(|n| n.0),
                    signer: Some(&spec.value.signer),
                    recipients: &spec.value.recipients,
                })
            },
            requires: |s| {
                let invited = s.documents.invitation.as_ref()?.value.date?;
                (invited > s.date).then(|| {
                    Need::Other(Problem::InvitationAfterSession {
                        invitation: crate::vietnamese::date_short(invited),
                        session: crate::vietnamese::date_short(s.date),
                    })
                })
            },
        },
        date: DateRule::OwnElseRecord,
        templates: &[
            (
                "giay-moi.state.typ.j2",
                include_str!("../templates/giay-moi.state.typ.j2"),
            ),
            (
                "giay-moi.party.typ.j2",
                include_str!("../templates/giay-moi.party.typ.j2"),
            ),
            (
                "_giay-moi-noi-dung.typ.j2",
                include_str!("../templates/_giay-moi-noi-dung.typ.j2"),
            ),
        ],
    },
    Spec {
        kind: DocKind::Report,
        names: ("Báo cáo", "Report"),
        block: "report",
        slug: "bao-cao-danh-gia",
        type_code: Some("BC"),
        format: Format::Pdf,
        source: Source::Assessment {
            asked: |a| {
                let spec = a.documents.report.as_ref()?;
                Some(signed(spec.referenced, &spec.value))
            },
            requires: |a| a.issuer.is_none().then_some(Need::Field("issuer")),
        },
        date: DateRule::OwnElseRecord,
        templates: &[(
            "bao-cao-danh-gia.state.typ.j2",
            include_str!("../templates/bao-cao-danh-gia.state.typ.j2"),
        )],
    },
];

fn unsigned<'a>(at: Location) -> Asked<'a> {
    Asked {
        at,
        date: None,
        number: None,
        signer: None,
        recipients: &[],
    }
}

fn signed(at: Location, spec: &SignedSpec) -> Asked<'_> {
    Asked {
        at,
        date: spec.date,
        number: spec.number.map(|n| n.0),
        signer: Some(&spec.signer),
        recipients: &spec.recipients,
    }
}

impl Spec {
    /// The problem a record has when it lacks `need` for this document.
    fn problem(&self, need: Need) -> Problem {
        match need {
            Need::Field(field) => Problem::DocumentNeeds {
                document: self.names.0,
                document_en: self.names.1,
                block: self.block,
                field,
            },
            Need::Other(problem) => problem,
        }
    }
}

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
