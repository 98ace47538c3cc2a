//! Whether a set fits an assessment: its commune group (required where the set has groups,
//! refused elsewhere), and its period and entry into force against the assessment's date.

use std::path::Path;

use crate::criteria::assessment::Assessment;
use crate::criteria::{BUILT_IN_SETS, LoadedSet, resolve};
use crate::error::{Diagnostic, Error};
use crate::problem::{CriteriaProblem, Problem};
use crate::record::load::YamlFile;
use crate::vietnamese as vn;

/// The assessment's commune group, checked against the groups its set declares.
pub fn commune_group(assessment: &Assessment, set: &LoadedSet, file: &YamlFile) -> Result<Option<u32>, Error> {
    let id = set.set.id.clone();
    let groups = set.group_numbers();
    let problem = match &assessment.commune_group {
        None if set.set.commune_groups.is_empty() => return Ok(None),
        None => (
            assessment.criteria_set.referenced,
            CriteriaProblem::CommuneGroupMissing { set: id, groups },
        ),
        Some(group) if set.set.commune_groups.is_empty() => {
            (group.referenced, CriteriaProblem::CommuneGroupRefused { set: id })
        }
        Some(group) if set.set.commune_groups.iter().any(|g| g.value.no == group.value) => {
            return Ok(Some(group.value));
        }
        Some(group) => (
            group.referenced,
            CriteriaProblem::UnknownCommuneGroup {
                group: group.value,
                set: id,
                groups,
            },
        ),
    };
    Err(file.diagnostic_at(problem.0, Problem::Criteria(problem.1)).into())
}

/// Warnings when the assessment is dated after the set's period, or before the set applies,
/// and when the set does not name the decision that issued it.
pub fn warnings(assessment: &Assessment, set: &LoadedSet, file: &YamlFile) -> Vec<Diagnostic> {
    let at = |problem| file.diagnostic_at(assessment.criteria_set.referenced, Problem::Criteria(problem));
    let as_of = assessment.as_of;
    let mut warnings = Vec::new();
    if let Some(period) = set.set.period
        && as_of.year > period.to
    {
        let in_force = set.set.superseded_by.clone().or_else(|| in_force_on(as_of.year));
        warnings.push(at(CriteriaProblem::SetOutOfPeriod {
            set: set.set.id.clone(),
            period: format!("{} - {}", period.from, period.to),
            year: as_of.year,
            in_force,
        }));
    }
    if set.set.decision.is_none() {
        warnings.push(at(CriteriaProblem::SetWithoutDecision {
            set: set.set.id.clone(),
        }));
    }
    if let Some(effective) = set.set.effective_date
        && as_of < effective
    {
        warnings.push(at(CriteriaProblem::SetNotYetInForce {
            set: set.set.id.clone(),
            effective: vn::date_numeric_padded(effective),
            as_of: vn::date_numeric_padded(as_of),
        }));
    }
    warnings
}

/// The built-in set whose period holds `year`, if one does.
fn in_force_on(year: i32) -> Option<String> {
    BUILT_IN_SETS.iter().find_map(|(name, _)| {
        let loaded = resolve(name.trim_end_matches(".yaml"), Path::new(".")).ok()?;
        let period = loaded.set.period?;
        (period.from..=period.to).contains(&year).then_some(loaded.set.id)
    })
}
