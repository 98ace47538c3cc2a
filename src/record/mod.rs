//! The record format as users write it (docs/record-format.md), read by serde.
//!
//! Field names are the contract with users: never rename or drop one.

mod blocks;
pub mod clock;
pub mod expansion;
pub mod follow_up;
pub mod load;
pub mod paths;
pub mod quoting;
pub mod scaffold;
pub mod unfinished;
pub mod values;

use serde::Deserialize;

use serde_saphyr::Spanned;

pub use blocks::{
    Documents, InvitationSpec, LetterSpec, MinutesSpec, NewsSpec, Photo, PlanSpec, ReminderSpec, SignedBlock,
    SignedParts, SignedSpec, Signer,
};
pub use follow_up::{NoticeRef, Period, Reminder, ReminderTask, TaskReport, TaskStatus, TrackedTask};
pub use values::{Date, DocNumber, Time};

/// Which formatting rules a document follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum IssuerSystem {
    /// Nghị định 30/2020/NĐ-CP: state administrative bodies.
    State,
    /// Hướng dẫn 36-HD/VPTW: Party bodies.
    Party,
}

impl IssuerSystem {
    /// `state` or `party`, as records and template names write it.
    pub fn name(self) -> &'static str {
        match self {
            IssuerSystem::State => "state",
            IssuerSystem::Party => "party",
        }
    }
}

/// Only the `kind` of a record, read first to choose the schema.
#[derive(Debug, Deserialize)]
pub struct RecordHead {
    /// `working_session`, `assessment` or `criteria_set`.
    pub kind: Option<Spanned<String>>,
}

/// A working session (buổi làm việc), spec §1.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkingSession {
    /// Always `working_session`.
    pub kind: String,
    /// Stable name for output files; defaults to the file stem.
    #[schemars(with = "Option<String>")]
    pub id: Option<Spanned<String>>,
    /// The body that issues the documents.
    pub issuer: Issuer,
    /// Date of the session.
    pub date: Date,
    /// Start time.
    pub start: Time,
    /// End time, if known.
    pub end: Option<Time>,
    /// Where the session took place.
    pub location: String,
    /// The unit worked with, as it reads inside a sentence.
    pub host: String,
    /// What the session was about ("về ...").
    pub subject: String,
    /// Who chaired (chủ trì).
    pub chair: Chair,
    /// Who attended, in order of protocol.
    #[serde(default)]
    #[schemars(with = "Vec<Participant>")]
    pub attendees: Vec<Spanned<Participant>>,
    /// Who took the minutes.
    pub secretary: Option<Person>,
    /// Inspection before or after the meeting.
    pub site_visit: Option<SiteVisit>,
    /// What the host unit reported.
    pub report: Option<Report>,
    /// Opinions voiced in discussion.
    #[serde(default)]
    pub discussion: Vec<Discussion>,
    /// The chair's conclusions.
    pub conclusions: Option<Conclusions>,
    /// Which documents to issue.
    #[serde(default)]
    pub documents: Documents,
}

/// The issuing body.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    /// State or Party layout.
    pub system: IssuerSystem,
    /// Cơ quan chủ quản, if any.
    pub parent: Option<String>,
    /// Tên cơ quan ban hành.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// Agency code in document numbers (`UBND`, `HU`).
    pub code: String,
    /// Địa danh of the date line.
    pub place: String,
    /// Unit that drafts and keeps the file.
    pub office: Option<String>,
    /// That unit's code, after the issuer's in a state công văn's number (`Số: 45/UBND-VP`).
    pub office_code: Option<String>,
}

/// A person with titles in protocol order.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Full name.
    pub name: String,
    /// Titles, Party posts before State posts.
    #[serde(default)]
    pub titles: Vec<String>,
}

/// The chair: a person plus the one title used in "kết luận của đồng chí ...".
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Chair {
    /// Full name.
    pub name: String,
    /// Titles in protocol order.
    #[serde(default)]
    pub titles: Vec<String>,
    /// The title used when the chair is named by role; defaults to the first title.
    pub role: Option<String>,
}

/// A person (`name`, `titles`) or a group (`group`).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    /// A person's name.
    pub name: Option<String>,
    /// A person's titles.
    #[serde(default)]
    pub titles: Vec<String>,
    /// A group, as it reads in a sentence.
    pub group: Option<String>,
}

/// Whether the site visit came before or after the meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum VisitTime {
    /// Before the meeting.
    Before,
    /// After the meeting.
    After,
}

/// An inspection on site.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteVisit {
    /// Before or after the meeting.
    pub when: VisitTime,
    /// Places inspected.
    pub places: Vec<String>,
}

/// What the host unit reported.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Who presented the report.
    pub presenter: Option<Person>,
    /// Free text; blank lines separate paragraphs.
    #[schemars(with = "Option<String>")]
    pub summary: Option<Spanned<String>>,
    /// Assessment records this session relies on, relative to the record.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub assessments: Vec<Spanned<String>>,
    /// Difficulties, one paragraph each.
    #[serde(default)]
    pub difficulties: Vec<String>,
    /// Proposals (kiến nghị, đề xuất), one paragraph each.
    #[serde(default)]
    pub proposals: Vec<String>,
    /// What the report was about, which chooses how the notice and the minutes introduce it.
    #[serde(default)]
    pub focus: ReportFocus,
}

/// What a unit's report was about: the wording that introduces it in the documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ReportFocus {
    /// Any visit (the default): the notice hears "báo cáo của <host>" and heads its first
    /// part "Tình hình chung"; the minutes say the presenter "trình bày báo cáo của <host>".
    #[default]
    General,
    /// The session reviewed the unit's results: "báo cáo kết quả thực hiện nhiệm vụ", and the
    /// notice's first part is "Kết quả đạt được".
    Results,
}

/// One opinion in the discussion.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Discussion {
    /// Who spoke: a person or a group.
    #[schemars(with = "Participant")]
    pub speaker: Spanned<Participant>,
    /// What they said.
    pub content: String,
}

/// The chair's conclusions.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Conclusions {
    /// Ghi nhận, đánh giá cao ...
    pub acknowledgements: Option<String>,
    /// Tồn tại, hạn chế.
    #[serde(default)]
    pub shortcomings: Vec<String>,
    /// The chair's directions.
    #[serde(default)]
    pub directives: Vec<String>,
    /// Who does what by when.
    #[serde(default)]
    pub tasks: Vec<Task>,
    /// How the unit's proposals are handled.
    pub on_proposals: Option<String>,
}

/// One assigned task.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// Who does it.
    pub assignee: String,
    /// What to do.
    pub task: String,
    /// By when.
    pub due: Option<Date>,
    /// Cơ quan phối hợp: the bodies that work with the assignee (the plan's task table).
    #[serde(default)]
    pub partners: Vec<String>,
}
