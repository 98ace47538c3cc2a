//! Checks that serde cannot make: forms of participants, the 2025 reform (what each document
//! needs is checked by its entry in [`crate::documents`]).

use serde_saphyr::Spanned;

use crate::error::{Diagnostic, Error};
use crate::problem::Problem;
use crate::record::load::YamlFile;
use crate::record::{Date, IssuerSystem, Participant, WorkingSession};
use crate::vietnamese;

/// The first day with no district level (Nghị quyết 203/2025/QH15).
pub const TWO_TIER_FROM: Date = Date {
    year: 2025,
    month: 7,
    day: 1,
};

/// Validates a working session; returns its warnings, or the first error.
pub fn working_session(file: &YamlFile, session: &WorkingSession) -> Result<Vec<Diagnostic>, Error> {
    let at = |location, problem| Error::from(file.diagnostic_at(location, problem));
    if let Some(id) = &session.id
        && !is_file_name_safe(&id.value)
    {
        return Err(at(id.referenced, Problem::BadId { id: id.value.clone() }));
    }
    let speakers = session.discussion.iter().map(|d| &d.speaker);
    for participant in session.attendees.iter().chain(speakers) {
        check_participant(participant).map_err(|problem| at(participant.referenced, problem))?;
    }
    let mut warnings = Vec::new();
    let name = &session.issuer.name;
    let dated_after_reform = session.date >= TWO_TIER_FROM;
    if session.issuer.system == IssuerSystem::State
        && dated_after_reform
        && vietnamese::names_district_level(&name.value)
    {
        let problem = Problem::DistrictAfterReform {
            name: name.value.clone(),
        };
        warnings.push(file.diagnostic_at(name.referenced, problem));
    }
    if session.end.is_none()
        && let Some(minutes) = &session.documents.minutes
    {
        warnings.push(file.diagnostic_at(minutes.referenced, Problem::NoEndTime));
    }
    Ok(warnings)
}

fn check_participant(participant: &Spanned<Participant>) -> Result<(), Problem> {
    let p = &participant.value;
    match (&p.name, &p.group) {
        (Some(_), None) => Ok(()),
        (None, Some(_)) if p.titles.is_empty() => Ok(()),
        _ => Err(Problem::ParticipantForm),
    }
}

/// Whether `id` can be used as the start of a file name on every system.
pub fn is_file_name_safe(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 120
        && !id.starts_with('.')
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_must_be_plain_file_names() {
        assert!(is_file_name_safe("tho-xuan-2024-03-27"));
        assert!(!is_file_name_safe("../etc/passwd"));
        assert!(!is_file_name_safe("a/b"));
        assert!(!is_file_name_safe(""));
    }
}
