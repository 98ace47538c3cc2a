//! The enriched context a template receives: the record plus every phrase computed from it.
//!
//! Templates decide the wording; this module decides facts (dates in words, title chains,
//! document numbers, tasks grouped per assignee) so that no template computes them twice.

use std::collections::BTreeMap;

use serde::Serialize;

pub use super::assessed::{AssessmentContext, AssessmentSummary, assessed_by_words};
use super::document::{DocumentContext, documents_context};
pub use super::facts::{DateContext, IssuerContext, PersonContext, TimeContext, date_context, issuer_context};
use super::facts::{person_context, time_context};
use super::news::NewsContext;
use crate::documents::asked_by_session;
use crate::record::{IssuerSystem, Participant, ReportFocus, WorkingSession};
use crate::vietnamese as vn;

/// Everything a working-session template can use.
#[derive(Debug, Clone, Serialize)]
pub struct SessionContext {
    /// `state` or `party`.
    pub system: IssuerSystem,
    /// Stable name of the record, used in output file names.
    pub id: String,
    /// The issuing body.
    pub issuer: IssuerContext,
    /// Date of the session.
    pub date: DateContext,
    /// Start time.
    pub start: TimeContext,
    /// End time, if given.
    pub end: Option<TimeContext>,
    /// Where it took place.
    pub location: String,
    /// The unit worked with.
    pub host: String,
    /// What it was about.
    pub subject: String,
    /// The chair.
    pub chair: ChairContext,
    /// Attendees, people first, then groups, each in record order.
    pub attendees: Vec<ParticipantContext>,
    /// Who took the minutes.
    pub secretary: Option<PersonContext>,
    /// Inspection on site.
    pub site_visit: Option<SiteVisitContext>,
    /// What the host reported.
    pub report: ReportContext,
    /// Opinions in discussion.
    pub discussion: Vec<DiscussionContext>,
    /// The chair's conclusions.
    pub conclusions: ConclusionsContext,
    /// The news draft, if asked for.
    pub news: Option<NewsContext>,
    /// Each PDF document asked for, by its block's name (`minutes`, `notice`, `plan` ...).
    #[serde(flatten)]
    pub documents: BTreeMap<&'static str, DocumentContext>,
}

/// The chair.
#[derive(Debug, Clone, Serialize)]
pub struct ChairContext {
    /// Full name.
    pub name: String,
    /// Titles in protocol order.
    pub titles: Vec<String>,
    /// `Name, title 1, title 2`.
    pub chain: String,
    /// The one title used when naming the chair by role.
    pub role: String,
}

/// A participant as it reads in a sentence.
#[derive(Debug, Clone, Serialize)]
pub struct ParticipantContext {
    /// `đồng chí Name, titles` for a person; the group's words for a group.
    pub text: String,
    /// Whether this is a group.
    pub is_group: bool,
}

/// The site visit.
#[derive(Debug, Clone, Serialize)]
pub struct SiteVisitContext {
    /// Before the meeting (else after).
    pub before: bool,
    /// Places, joined the Vietnamese way.
    pub places_text: String,
}

/// The host's report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReportContext {
    /// Presenter, if named.
    pub presenter: Option<PersonContext>,
    /// Summary paragraphs.
    pub paragraphs: Vec<String>,
    /// Difficulties.
    pub difficulties: Vec<String>,
    /// Proposals.
    pub proposals: Vec<String>,
    /// Computed results of the assessments the report relies on.
    pub assessments: Vec<AssessmentSummary>,
    /// `general` or `results`: what the report was about (the record's `report.focus`).
    pub focus: ReportFocus,
}

/// One opinion.
#[derive(Debug, Clone, Serialize)]
pub struct DiscussionContext {
    /// Who spoke.
    pub speaker: ParticipantContext,
    /// What they said, paragraphs.
    pub content: Vec<String>,
}

/// The conclusions.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ConclusionsContext {
    /// Acknowledgement paragraphs.
    pub acknowledgements: Vec<String>,
    /// Shortcomings.
    pub shortcomings: Vec<String>,
    /// Directives.
    pub directives: Vec<String>,
    /// Tasks in record order.
    pub tasks: Vec<TaskContext>,
    /// Tasks grouped per assignee, assignees in order of first mention.
    pub assignees: Vec<AssigneeContext>,
    /// Paragraphs on how proposals are handled.
    pub on_proposals: Vec<String>,
}

/// One task.
#[derive(Debug, Clone, Serialize)]
pub struct TaskContext {
    /// Who does it.
    pub assignee: String,
    /// What to do.
    pub task: String,
    /// By when.
    pub due: Option<DateContext>,
    /// Who works with the assignee, joined the Vietnamese way (empty when nobody is named).
    pub partners: String,
}

/// The tasks of one assignee.
#[derive(Debug, Clone, Serialize)]
pub struct AssigneeContext {
    /// Who.
    pub assignee: String,
    /// Their tasks.
    pub tasks: Vec<TaskContext>,
}

impl SessionContext {
    /// Builds the context of a validated session; `id` is the record's stable name.
    pub fn new(session: &WorkingSession, id: String) -> SessionContext {
        let system = session.issuer.system;
        let issuer = &session.issuer;
        let documents = documents_context(system, issuer, asked_by_session(session), session.date);
        SessionContext {
            system,
            id,
            issuer: issuer_context(issuer),
            date: date_context(session.date),
            start: time_context(session.start),
            end: session.end.map(time_context),
            location: session.location.clone(),
            host: session.host.clone(),
            subject: session.subject.clone(),
            chair: ChairContext {
                name: session.chair.name.clone(),
                titles: session.chair.titles.clone(),
                chain: vn::title_chain(&session.chair.name, &session.chair.titles),
                role: session
                    .chair
                    .role
                    .clone()
                    .or_else(|| session.chair.titles.first().cloned())
                    .unwrap_or_default(),
            },
            attendees: people_then_groups(session.attendees.iter().map(|a| &a.value)),
            secretary: session.secretary.as_ref().map(person_context),
            site_visit: session.site_visit.as_ref().map(|visit| SiteVisitContext {
                before: visit.when == crate::record::VisitTime::Before,
                places_text: vn::join_list(&visit.places),
            }),
            report: session.report.as_ref().map(report_context).unwrap_or_default(),
            discussion: session
                .discussion
                .iter()
                .map(|d| DiscussionContext {
                    speaker: participant_context(&d.speaker.value),
                    content: paragraphs(&d.content),
                })
                .collect(),
            conclusions: session
                .conclusions
                .as_ref()
                .map(conclusions_context)
                .unwrap_or_default(),
            documents,
            news: session
                .documents
                .news
                .as_ref()
                .map(|spec| NewsContext::new(spec, session.date, session.start)),
        }
    }
}

fn report_context(report: &crate::record::Report) -> ReportContext {
    ReportContext {
        presenter: report.presenter.as_ref().map(person_context),
        paragraphs: report
            .summary
            .as_ref()
            .map(|s| paragraphs(&s.value))
            .unwrap_or_default(),
        assessments: Vec::new(),
        difficulties: report.difficulties.iter().map(|t| one_paragraph(t)).collect(),
        proposals: report.proposals.iter().map(|t| one_paragraph(t)).collect(),
        focus: report.focus,
    }
}

fn conclusions_context(conclusions: &crate::record::Conclusions) -> ConclusionsContext {
    let tasks: Vec<TaskContext> = conclusions
        .tasks
        .iter()
        .map(|t| TaskContext {
            assignee: one_paragraph(&t.assignee),
            task: one_paragraph(&t.task),
            due: t.due.map(date_context),
            partners: vn::join_list(&t.partners),
        })
        .collect();
    let mut assignees: Vec<AssigneeContext> = Vec::new();
    for task in &tasks {
        match assignees.iter_mut().find(|a| a.assignee == task.assignee) {
            Some(group) => group.tasks.push(task.clone()),
            None => assignees.push(AssigneeContext {
                assignee: task.assignee.clone(),
                tasks: vec![task.clone()],
            }),
        }
    }
    ConclusionsContext {
        acknowledgements: conclusions
            .acknowledgements
            .as_deref()
            .map(paragraphs)
            .unwrap_or_default(),
        shortcomings: conclusions.shortcomings.iter().map(|t| one_paragraph(t)).collect(),
        directives: conclusions.directives.iter().map(|t| one_paragraph(t)).collect(),
        tasks,
        assignees,
        on_proposals: conclusions.on_proposals.as_deref().map(paragraphs).unwrap_or_default(),
    }
}

fn participant_context(participant: &Participant) -> ParticipantContext {
    match (&participant.name, &participant.group) {
        (Some(name), _) => ParticipantContext {
            text: format!("đồng chí {}", vn::title_chain(name, &participant.titles)),
            is_group: false,
        },
        (None, group) => ParticipantContext {
            text: one_paragraph(group.as_deref().unwrap_or_default()),
            is_group: true,
        },
    }
}

fn people_then_groups<'a>(participants: impl Iterator<Item = &'a Participant>) -> Vec<ParticipantContext> {
    let mut all: Vec<ParticipantContext> = participants.map(participant_context).collect();
    all.sort_by_key(|p| p.is_group);
    all
}

/// Splits free text into paragraphs at blank lines; lines inside a paragraph join with a space.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(one_paragraph)
        .filter(|p| !p.is_empty())
        .collect()
}

fn one_paragraph(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_at_blank_lines_and_join_lines() {
        assert_eq!(paragraphs("Một\nhai.\n\n  Ba.\n\n\n"), vec!["Một hai.", "Ba."]);
        assert!(paragraphs("  \n").is_empty());
    }

    #[test]
    fn people_come_before_groups() {
        let group = Participant {
            name: None,
            titles: vec![],
            group: Some("các đồng chí".into()),
        };
        let person = Participant {
            name: Some("Lê Văn A".into()),
            titles: vec!["Chủ tịch".into()],
            group: None,
        };
        let ordered = people_then_groups([&group, &person].into_iter());
        assert_eq!(ordered[0].text, "đồng chí Lê Văn A, Chủ tịch");
        assert!(ordered[1].is_group);
    }
}
