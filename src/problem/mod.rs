//! Everything that can be wrong with a record, and the one way every sentence is worded:
//! [`words`], Vietnamese and English together. The wording of problems is in `catalogue`,
//! what commands say otherwise in [`say`], errors of the tool itself in the error type above this layer.
//!
//! Messages are short and concrete; the hint says what to do.

mod catalogue;
mod criteria;
mod lang;
mod plain;
pub mod printable;
mod reading;
pub mod say;
mod tasks;
mod worded;

pub use criteria::CriteriaProblem;
pub use lang::Lang;
pub use plain::unquoted;
pub use tasks::TaskProblem;
pub use worded::Worded;

use std::cell::RefCell;

/// A document kind's names, in Vietnamese and English (its entry in the table of kinds).
pub type Names = &'static (&'static str, &'static str);

/// A problem found in a record or a criteria set, located by a diagnostic (file, line, column).
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// The YAML does not parse; `detail` is the parser's own words.
    Syntax { detail: String },
    /// A key the schema does not know.
    UnknownKey { key: String, suggestion: Option<String> },
    /// A required key is absent.
    MissingField { field: String },
    /// A value has the wrong type; `detail` is serde's description.
    WrongType { detail: String },
    /// The same key twice in one mapping.
    DuplicateKey { key: String },
    /// Tabs used for indentation.
    TabIndent,
    /// Too many aliases, too deep or too large: refused before it costs memory or time.
    TooComplex { detail: String },
    /// Aliases make the record stand for more text than a record may hold.
    Amplified { alias: String, limit: usize },
    /// The file is not UTF-8 text.
    NotUtf8,
    /// The file holds nothing.
    Empty,
    /// The file is larger than records ever are.
    TooLarge { bytes: u64, limit: u64 },
    /// A date not written `YYYY-MM-DD`.
    BadDate { text: String },
    /// A date that does not exist.
    ImpossibleDate { text: String },
    /// A time not written `HH:MM`.
    BadTime { text: String },
    /// A time that does not exist.
    ImpossibleTime { text: String },
    /// A document number below 1.
    BadNumber { value: i64 },
    /// `kind` missing or unknown.
    UnknownKind {
        found: Option<String>,
        suggestion: Option<String>,
    },
    /// A participant that is neither exactly a person nor a group.
    ParticipantForm,
    /// A signature prefix that does not belong to the issuer's system.
    AuthorityPrefix {
        found: String,
        allowed: String,
        suggestion: Option<String>,
    },
    /// A document asked for whose record lacks a field it needs (the document's names in
    /// Vietnamese and English, the `documents` block that asks for it, the missing field).
    DocumentNeeds {
        document: Names,
        block: &'static str,
        field: &'static str,
    },
    /// A state issuer at district level after the 2025 reform (a warning).
    DistrictAfterReform { name: String },
    /// An `id` that cannot name a file.
    BadId { id: String },
    /// Two criteria with one number in a set.
    DuplicateCriterion { no: u32 },
    /// Two indicators with one id in a criterion.
    DuplicateIndicator { criterion: u32 },
    /// A set whose criteria do not add up to its declared total.
    SetTotalMismatch { declared: u32, listed: u32, complete: bool },
    /// No built-in set has this id.
    UnknownSet { id: String, suggestion: Option<String> },
    /// A set that gives no indicator total.
    SetWithoutTotal { id: String },
    /// A path that leaves the record's folder.
    PathOutsideFolder { path: String },
    /// A file the record names does not exist.
    MissingFile { path: String },
    /// A criterion number the set does not have.
    UnknownCriterion { no: u32, set: String },
    /// Two results for one criterion.
    DuplicateResult { no: u32 },
    /// Indicator ids where the set lists none for the criterion.
    IdsWithoutList { criterion: u32 },
    /// An indicator id the criterion does not have.
    UnknownIndicator {
        id: String,
        criterion: u32,
        suggestion: Option<String>,
    },
    /// More unmet indicators than the criterion has.
    UnmetAboveCount { criterion: u32, unmet: u32, count: u32 },
    /// More unmet indicators than the set has.
    UnmetAboveTotal { unmet: u32, total: u32 },
    /// The session's text states figures its assessments contradict.
    FigureContradiction {
        stated: String,
        computed: String,
        assessment: String,
    },
    /// A document dated after the session it leads up to (an invitation; dates as printed).
    DatedAfterSession {
        document: Names,
        block: &'static str,
        date: String,
        session: String,
    },
    /// A document dated before the one it carries out (a plan before its notice).
    DatedBefore {
        document: Names,
        block: &'static str,
        date: String,
        other: Names,
        other_date: String,
    },
    /// An assessment record that asks for no report, so renders nothing (a note).
    NoReportAsked { record: String },
    /// A document number already given in its register, to another archive entry.
    NumberTaken {
        number: String,
        register: String,
        entry: String,
    },
    /// A character no embedded font can print: a warning, but an error in archival (PDF/A) output.
    MissingGlyph { character: char, archive: bool },
    /// Typst warned about a template (a warning).
    TypstWarning { message: String, hints: Vec<String> },
    /// A value still holding a placeholder ("...", "…", "(điền sau trong bản ghi)"): a
    /// warning, so that nothing unfinished is issued silently.
    Unfinished { text: String },
    /// Minutes asked for without an end time: they would print "… giờ … phút" (a warning).
    NoEndTime,
    /// Commune groups, set periods and imported tables (their own catalogue).
    Criteria(CriteriaProblem),
    /// Task reports and reminders (their own catalogue).
    Tasks(TaskProblem),
}

impl Problem {
    /// Whether this is only a warning: the record still renders.
    pub fn is_warning(&self) -> bool {
        matches!(
            self,
            Problem::DistrictAfterReform { .. }
                | Problem::MissingGlyph { archive: false, .. }
                | Problem::NoReportAsked { .. }
                | Problem::TypstWarning { .. }
                | Problem::Unfinished { .. }
                | Problem::NoEndTime
        ) || matches!(self, Problem::Criteria(p) if p.is_warning())
            || matches!(self, Problem::Tasks(p) if p.is_warning())
    }

    /// The message, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        self.text().0.take(lang)
    }

    /// What to do about it, in `lang`.
    pub fn hint(&self, lang: Lang) -> Option<String> {
        Some(self.text().1.take(lang))
    }
}

/// One sentence in both languages: every user-facing sentence is made with [`words`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    /// Tiếng Việt.
    pub vi: String,
    /// English.
    pub en: String,
}

/// A sentence in Vietnamese and English.
pub fn words(vi: impl Into<String>, en: impl Into<String>) -> Words {
    Words {
        vi: vi.into(),
        en: en.into(),
    }
}

impl Words {
    /// The sentence in `lang`.
    pub fn take(self, lang: Lang) -> String {
        match lang {
            Lang::Vi => self.vi,
            Lang::En => self.en,
        }
    }
}

thread_local! {
    static PENDING: RefCell<Option<Problem>> = const { RefCell::new(None) };
}

/// Marker that replaces a [`Problem`] inside a serde error message.
pub const PROBLEM_MARKER: &str = "\u{0}vanban-problem";

/// Parks `problem` so that it survives a trip through serde's string errors.
///
/// The YAML reader attaches a location to the marker; [`take_problem`] gets the problem back.
pub fn tag_problem(problem: &Problem) -> String {
    PENDING.with(|slot| *slot.borrow_mut() = Some(problem.clone()));
    PROBLEM_MARKER.to_string()
}

/// The problem parked by the last [`tag_problem`] on this thread.
pub fn take_problem() -> Option<Problem> {
    PENDING.with(|slot| slot.borrow_mut().take())
}

/// The closest candidate to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(distance, c)| *distance <= 2.max(c.chars().count() / 3))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of each problem, so that every message and hint is checked in both languages.
    fn every_problem() -> Vec<Problem> {
        let s = || "x".to_string();
        vec![
            Problem::Syntax { detail: s() },
            Problem::UnknownKey {
                key: s(),
                suggestion: Some(s()),
            },
            Problem::UnknownKey {
                key: s(),
                suggestion: None,
            },
            Problem::MissingField { field: s() },
            Problem::WrongType { detail: s() },
            Problem::DuplicateKey { key: s() },
            Problem::TabIndent,
            Problem::TooComplex { detail: s() },
            Problem::Amplified { alias: s(), limit: 1 },
            Problem::NotUtf8,
            Problem::Empty,
            Problem::TooLarge { bytes: 1, limit: 1 },
            Problem::BadDate { text: s() },
            Problem::ImpossibleDate { text: s() },
            Problem::BadTime { text: s() },
            Problem::ImpossibleTime { text: s() },
            Problem::BadNumber { value: 0 },
            Problem::UnknownKind {
                found: Some(s()),
                suggestion: Some(s()),
            },
            Problem::UnknownKind {
                found: Some(s()),
                suggestion: None,
            },
            Problem::UnknownKind {
                found: None,
                suggestion: None,
            },
            Problem::ParticipantForm,
            Problem::AuthorityPrefix {
                found: s(),
                allowed: s(),
                suggestion: None,
            },
            Problem::AuthorityPrefix {
                found: s(),
                allowed: s(),
                suggestion: Some(s()),
            },
            Problem::DocumentNeeds {
                document: &("Biên bản làm việc", "Minutes"),
                block: "minutes",
                field: "secretary",
            },
            Problem::DistrictAfterReform { name: s() },
            Problem::BadId { id: s() },
            Problem::DuplicateCriterion { no: 1 },
            Problem::DuplicateIndicator { criterion: 1 },
            Problem::SetTotalMismatch {
                declared: 1,
                listed: 2,
                complete: true,
            },
            Problem::SetTotalMismatch {
                declared: 1,
                listed: 2,
                complete: false,
            },
            Problem::UnknownSet {
                id: s(),
                suggestion: Some(s()),
            },
            Problem::UnknownSet {
                id: s(),
                suggestion: None,
            },
            Problem::SetWithoutTotal { id: s() },
            Problem::PathOutsideFolder { path: s() },
            Problem::MissingFile { path: s() },
            Problem::UnknownCriterion { no: 1, set: s() },
            Problem::DuplicateResult { no: 1 },
            Problem::IdsWithoutList { criterion: 1 },
            Problem::UnknownIndicator {
                id: s(),
                criterion: 1,
                suggestion: Some(s()),
            },
            Problem::UnknownIndicator {
                id: s(),
                criterion: 1,
                suggestion: None,
            },
            Problem::UnmetAboveCount {
                criterion: 1,
                unmet: 2,
                count: 1,
            },
            Problem::UnmetAboveTotal { unmet: 2, total: 1 },
            Problem::FigureContradiction {
                stated: s(),
                computed: s(),
                assessment: s(),
            },
            Problem::DatedAfterSession {
                document: &("Giấy mời", "Invitation"),
                block: "invitation",
                date: s(),
                session: s(),
            },
            Problem::DatedBefore {
                document: &("Kế hoạch", "Plan"),
                block: "plan",
                date: s(),
                other: &("Thông báo kết luận", "Conclusion notice"),
                other_date: s(),
            },
            Problem::NoReportAsked { record: s() },
            Problem::NumberTaken {
                number: s(),
                register: s(),
                entry: s(),
            },
            Problem::MissingGlyph {
                character: '☺',
                archive: false,
            },
            Problem::MissingGlyph {
                character: '☺',
                archive: true,
            },
            Problem::TypstWarning {
                message: s(),
                hints: vec![],
            },
            Problem::TypstWarning {
                message: s(),
                hints: vec![s()],
            },
            Problem::Unfinished { text: s() },
            Problem::NoEndTime,
            Problem::Tasks(TaskProblem::NoTasks { kind: "reminder" }),
            Problem::Tasks(TaskProblem::NotOverdue { due: s(), as_of: s() }),
            Problem::Tasks(TaskProblem::PeriodBackwards { from: s(), to: s() }),
            Problem::Tasks(TaskProblem::DoneWithoutDate),
            Problem::Tasks(TaskProblem::DoneAfterAsOf { done: s(), as_of: s() }),
            Problem::Tasks(TaskProblem::DateButNotDone {
                status: "dang-thuc-hien",
            }),
        ]
    }

    #[test]
    fn every_message_exists_in_both_languages_and_differs() {
        for problem in every_problem() {
            let (vi, en) = (problem.message(Lang::Vi), problem.message(Lang::En));
            assert!(!vi.is_empty() && !en.is_empty(), "{problem:?}");
            assert_ne!(vi, en, "{problem:?} is not translated");
            assert_eq!(problem.hint(Lang::Vi).is_some(), problem.hint(Lang::En).is_some());
        }
    }

    #[test]
    fn unknown_key_reads_as_the_catalogue_says() {
        let problem = Problem::UnknownKey {
            key: "locaton".into(),
            suggestion: Some("location".into()),
        };
        assert_eq!(
            problem.message(Lang::Vi),
            "khóa không hợp lệ `locaton`; có phải ý bạn là `location`?"
        );
        assert_eq!(
            problem.message(Lang::En),
            "unknown key `locaton`; did you mean `location`?"
        );
    }

    #[test]
    fn did_you_mean_finds_typos_only() {
        let keys = ["location", "host", "subject"];
        assert_eq!(did_you_mean("locaton", keys).as_deref(), Some("location"));
        assert_eq!(did_you_mean("hots", keys).as_deref(), Some("host"));
        assert_eq!(did_you_mean("zzzzzzzz", keys), None);
    }

    #[test]
    fn parked_problems_come_back_once() {
        let marker = tag_problem(&Problem::Empty);
        assert_eq!(marker, PROBLEM_MARKER);
        assert_eq!(take_problem(), Some(Problem::Empty));
        assert_eq!(take_problem(), None);
    }
}
