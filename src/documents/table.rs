//! The table of document kinds: one entry each, in the order a record's documents are made
//! (a document bound to another's date comes after it).

use serde::Serialize;
use serde_saphyr::{Location, Spanned};

use super::kinds::{Asked, Bound, DateRule, DocKind, Format, Need, Numbering, Source, Spec};
use crate::record::{IssuerSystem, SignedBlock, WorkingSession};

/// A built-in template: its file name and text.
macro_rules! template {
    ($name:literal) => {
        ($name, include_str!(concat!("../../templates/", $name)))
    };
}
impl DocKind {
    /// Biên bản.
    pub const MINUTES: DocKind = DocKind("bien-ban");
    /// Thông báo kết luận.
    pub const NOTICE: DocKind = DocKind("thong-bao-ket-luan");
    /// Tin bài: Markdown and HTML.
    pub const NEWS: DocKind = DocKind("tin-bai");
    /// Giấy mời to the session.
    pub const INVITATION: DocKind = DocKind("giay-moi");
    /// Kế hoạch thực hiện kết luận.
    pub const PLAN: DocKind = DocKind("ke-hoach");
    /// Công văn forwarding the notice.
    pub const LETTER: DocKind = DocKind("cong-van");
    /// Báo cáo kết quả đánh giá.
    pub const REPORT: DocKind = DocKind("bao-cao-danh-gia");
    /// Báo cáo kết quả thực hiện kết luận.
    pub const TASK_REPORT: DocKind = DocKind("bao-cao-thuc-hien-ket-luan");
    /// Công văn đôn đốc thực hiện kết luận.
    pub const REMINDER: DocKind = DocKind("cong-van-don-doc");
}

/// Every document kind, in the order a record's documents are made.
pub const TABLE: &[Spec] = &[
    Spec {
        kind: DocKind::MINUTES,
        names: ("Biên bản làm việc", "Minutes"),
        block: "minutes",
        numbering: Numbering::Typed("BB"),
        format: Format::Pdf,
        source: Source::Session {
            asked: |s| {
                let spec = s.documents.minutes.as_ref()?;
                Some(Asked {
                    number: spec.value.number.map(|n| n.0),
                    recipients: &spec.value.recipients,
                    ..unsigned(spec.referenced, own(&spec.value))
                })
            },
            requires: |s| s.secretary.is_none().then_some(Need::Field("secretary")),
        },
        date: DateRule::Session,
        templates: &[template!("bien-ban.state.typ.j2"), template!("bien-ban.party.typ.j2")],
    },
    Spec {
        kind: DocKind::NOTICE,
        names: ("Thông báo kết luận", "Conclusion notice"),
        block: "notice",
        numbering: Numbering::Typed("TB"),
        format: Format::Pdf,
        source: Source::Session {
            asked: |s| signed(s.documents.notice.as_ref()?),
            requires: |s| s.conclusions.is_none().then_some(Need::Field("conclusions")),
        },
        date: DateRule::OwnElseRecord(Bound::Free),
        templates: &[
            template!("thong-bao-ket-luan.state.typ.j2"),
            template!("thong-bao-ket-luan.party.typ.j2"),
        ],
    },
    Spec {
        kind: DocKind::NEWS,
        names: ("Tin bài", "News draft"),
        block: "news",
        numbering: Numbering::None,
        format: Format::News,
        source: Source::Session {
            asked: |s| {
                s.documents
                    .news
                    .as_ref()
                    .map(|_| unsigned(Location::UNKNOWN, serde_json::Value::Null))
            },
            requires: |_| None,
        },
        date: DateRule::Session,
        templates: &[template!("tin-bai.md.j2"), template!("tin-bai.html.j2")],
    },
    Spec {
        kind: DocKind::INVITATION,
        names: ("Giấy mời", "Invitation"),
        block: "invitation",
        numbering: Numbering::Typed("GM"),
        format: Format::Pdf,
        source: Source::Session {
            asked: |s| signed(s.documents.invitation.as_ref()?),
            requires: |_| None,
        },
        date: DateRule::OwnElseRecord(Bound::NotAfterSession),
        templates: &[
            template!("giay-moi.state.typ.j2"),
            template!("giay-moi.party.typ.j2"),
            template!("_giay-moi-noi-dung.typ.j2"),
        ],
    },
    Spec {
        kind: DocKind::PLAN,
        names: ("Kế hoạch thực hiện kết luận", "Implementation plan"),
        block: "plan",
        numbering: Numbering::Typed("KH"),
        format: Format::Pdf,
        source: Source::Session {
            asked: |s| signed(s.documents.plan.as_ref()?),
            requires: carries_out_the_notice,
        },
        date: DateRule::OwnElseRecord(Bound::NotBefore(DocKind::NOTICE)),
        templates: &[
            template!("ke-hoach.state.typ.j2"),
            template!("ke-hoach.party.typ.j2"),
            template!("_ke-hoach-noi-dung.typ.j2"),
        ],
    },
    Spec {
        kind: DocKind::LETTER,
        names: ("Công văn", "Official letter"),
        block: "letter",
        numbering: Numbering::Untyped { party: "CV" },
        format: Format::Pdf,
        source: Source::Session {
            asked: |s| signed(s.documents.letter.as_ref()?),
            requires: |s| {
                let state = s.issuer.system == IssuerSystem::State;
                if state && s.issuer.office_code.is_none() {
                    return Some(Need::Field("issuer.office_code"));
                }
                carries_out_the_notice(s)
            },
        },
        date: DateRule::OwnElseRecord(Bound::NotBefore(DocKind::NOTICE)),
        templates: &[
            template!("cong-van.state.typ.j2"),
            template!("cong-van.party.typ.j2"),
            template!("_cong-van-noi-dung.typ.j2"),
        ],
    },
    Spec {
        kind: DocKind::REPORT,
        names: ("Báo cáo", "Report"),
        block: "report",
        numbering: Numbering::Typed("BC"),
        format: Format::Pdf,
        source: Source::Assessment {
            asked: |a| signed(a.documents.report.as_ref()?),
            requires: |a| a.issuer.is_none().then_some(Need::Field("issuer")),
        },
        date: DateRule::OwnElseRecord(Bound::Free),
        templates: &[template!("bao-cao-danh-gia.state.typ.j2")],
    },
    Spec {
        kind: DocKind::TASK_REPORT,
        names: (
            "Báo cáo kết quả thực hiện kết luận",
            "Report on carrying out conclusions",
        ),
        block: "task_report",
        numbering: Numbering::Typed("BC"),
        format: Format::Pdf,
        source: Source::TaskReport {
            asked: |r| signed(r.documents.task_report.as_ref()?),
        },
        date: DateRule::OwnElseRecord(Bound::Free),
        templates: &[
            template!("bao-cao-thuc-hien-ket-luan.state.typ.j2"),
            template!("bao-cao-thuc-hien-ket-luan.party.typ.j2"),
            template!("_bao-cao-thuc-hien-noi-dung.typ.j2"),
            template!("_bao-cao-thuc-hien-phu-luc.typ.j2"),
        ],
    },
    Spec {
        kind: DocKind::REMINDER,
        names: ("Công văn đôn đốc", "Reminder letter"),
        block: "reminder",
        numbering: Numbering::Untyped { party: "CV" },
        format: Format::Pdf,
        source: Source::Reminder {
            asked: |r| signed(r.documents.reminder.as_ref()?),
        },
        date: DateRule::OwnElseRecord(Bound::Free),
        templates: &[
            template!("cong-van-don-doc.state.typ.j2"),
            template!("cong-van-don-doc.party.typ.j2"),
            template!("_cong-van-don-doc-noi-dung.typ.j2"),
        ],
    },
];

/// A document that carries out the conclusion notice needs the notice and its tasks.
fn carries_out_the_notice(session: &WorkingSession) -> Option<Need> {
    if session.documents.notice.is_none() {
        return Some(Need::Field("documents.notice"));
    }
    let tasks = session.conclusions.as_ref().map_or(0, |c| c.tasks.len());
    (tasks == 0).then_some(Need::Field("conclusions.tasks"))
}

/// A block's own fields, as its template reads them.
fn own(block: &impl Serialize) -> serde_json::Value {
    serde_json::to_value(block).unwrap_or(serde_json::Value::Null)
}

fn unsigned<'a>(at: Location, own: serde_json::Value) -> Asked<'a> {
    Asked {
        at,
        date: None,
        number: None,
        signer: None,
        recipients: &[],
        own,
    }
}

/// A signed document's block: number, date, signer, recipients, and its own fields.
fn signed<T: SignedBlock + Serialize>(block: &Spanned<T>) -> Option<Asked<'_>> {
    let parts = block.value.parts();
    Some(Asked {
        at: block.referenced,
        date: parts.date,
        number: parts.number,
        signer: Some(parts.signer),
        recipients: parts.recipients,
        own: own(&block.value),
    })
}
