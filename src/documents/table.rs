//! The table of document kinds: one entry each, in the order a record's documents are made.

use serde_saphyr::Location;

use super::kinds::{Asked, DateRule, DocKind, Format, Need, Source, Spec};
use crate::problem::Problem;
use crate::record::SignedSpec;

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
                include_str!("../../templates/bien-ban.state.typ.j2"),
            ),
            (
                "bien-ban.party.typ.j2",
                include_str!("../../templates/bien-ban.party.typ.j2"),
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
                include_str!("../../templates/thong-bao-ket-luan.state.typ.j2"),
            ),
            (
                "thong-bao-ket-luan.party.typ.j2",
                include_str!("../../templates/thong-bao-ket-luan.party.typ.j2"),
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
            ("tin-bai.md.j2", include_str!("../../templates/tin-bai.md.j2")),
            ("tin-bai.html.j2", include_str!("../../templates/tin-bai.html.j2")),
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
                include_str!("../../templates/giay-moi.state.typ.j2"),
            ),
            (
                "giay-moi.party.typ.j2",
                include_str!("../../templates/giay-moi.party.typ.j2"),
            ),
            (
                "_giay-moi-noi-dung.typ.j2",
                include_str!("../../templates/_giay-moi-noi-dung.typ.j2"),
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
            include_str!("../../templates/bao-cao-danh-gia.state.typ.j2"),
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
