//! An assessment checked: read, its criteria set found and fitted to it, every result checked
//! against the set, and the totals tallied.

use std::collections::BTreeSet;

use serde_saphyr::Spanned;

use super::assessment::{Assessment, CriterionSpec, IndicatorRef, ResultCounts, Tally, UnmetIndicator, tally};
use super::validity as set_validity;
use crate::criteria::{self, LoadedSet, SetLookup};
use crate::error::{Diagnostic, Error};
use crate::problem::{Problem, did_you_mean};
use crate::record::load::YamlFile;
use crate::record::paths;

/// An assessment read, checked against its set, and tallied.
#[derive(Debug)]
pub struct Checked {
    /// The record.
    pub assessment: Assessment,
    /// Its set.
    pub set: LoadedSet,
    /// The totals.
    pub tally: Tally,
    /// Its file.
    pub file: YamlFile,
    /// The commune group whose targets apply.
    pub commune_group: Option<u32>,
    /// Warnings: the set's period or entry into force does not match the date.
    pub warnings: Vec<Diagnostic>,
}

/// Reads the assessment at `path` and checks it.
pub fn read(path: &std::path::Path) -> Result<Checked, Error> {
    check(YamlFile::read(path)?)
}

/// Parses and checks an assessment file against its criteria set.
pub fn check(file: YamlFile) -> Result<Checked, Error> {
    let assessment: Assessment = file.parse()?;
    let at = |location, problem| Error::from(file.diagnostic_at(location, problem));
    let reference = &assessment.criteria_set;
    let set = resolved_set(&file, reference)?;
    let commune_group = set_validity::commune_group(&assessment, &set, &file)?;
    let warnings = set_validity::warnings(&assessment, &set, &file);
    let total = set.indicator_total().ok_or_else(|| {
        at(
            reference.referenced,
            Problem::SetWithoutTotal { id: set.set.id.clone() },
        )
    })?;
    let mut seen = BTreeSet::new();
    let mut counts = Vec::new();
    let mut unmet_sum = 0u32;
    for result in &assessment.results {
        let no = &result.value.criterion;
        let criterion = set.criterion(no.value).ok_or_else(|| {
            at(
                no.referenced,
                Problem::UnknownCriterion {
                    no: no.value,
                    set: set.set.id.clone(),
                },
            )
        })?;
        if !seen.insert(no.value) {
            return Err(at(no.referenced, Problem::DuplicateResult { no: no.value }));
        }
        let count_of = |reference: &Option<Spanned<IndicatorRef>>| indicators_counted(&file, criterion, reference);
        let (unmet, unmet_indicators) = count_of(&result.value.unmet)?;
        let (not_applicable, _) = count_of(&result.value.not_applicable)?;
        if let Some(count) = criterion.indicator_count()
            && unmet + not_applicable > count
        {
            let location = result.value.unmet.as_ref().map_or(no.referenced, |u| u.referenced);
            return Err(at(
                location,
                Problem::UnmetAboveCount {
                    criterion: criterion.no,
                    unmet: unmet + not_applicable,
                    count,
                },
            ));
        }
        unmet_sum += unmet + not_applicable;
        if unmet_sum > total {
            let location = result.value.unmet.as_ref().map_or(no.referenced, |u| u.referenced);
            return Err(at(
                location,
                Problem::UnmetAboveTotal {
                    unmet: unmet_sum,
                    total,
                },
            ));
        }
        counts.push(ResultCounts {
            no: no.value,
            unmet,
            not_applicable,
            note: result.value.note.clone(),
            unmet_indicators,
        });
    }
    let specs: Vec<CriterionSpec> = set
        .set
        .criteria
        .iter()
        .map(|c| CriterionSpec {
            no: c.value.no,
            name: c.value.name.clone(),
            count: c.value.indicator_count(),
        })
        .collect();
    let tally = tally(&specs, total, set.set.not_applicable_counts_as_met, &counts);
    Ok(Checked {
        assessment,
        set,
        tally,
        file,
        commune_group,
        warnings,
    })
}

/// The criteria set `reference` names, found from the assessment `file`'s folder; the error
/// at the reference when there is none.
fn resolved_set(file: &YamlFile, reference: &Spanned<String>) -> Result<LoadedSet, Error> {
    let at = |problem| Error::from(file.diagnostic_at(reference.referenced, problem));
    match criteria::resolve(&reference.value, &paths::folder_of(&file.path)) {
        Ok(set) => Ok(set),
        Err(SetLookup::Unknown { suggestion }) => Err(at(Problem::UnknownSet {
            id: reference.value.clone(),
            suggestion,
        })),
        Err(SetLookup::OutsideFolder) => Err(at(Problem::PathOutsideFolder {
            path: reference.value.clone(),
        })),
        Err(SetLookup::Invalid(error)) => Err(error),
    }
}

/// How many indicators of `criterion` `reference` counts (none when absent), and the ones it
/// names; an error at the reference for ids the set does not list.
fn indicators_counted(
    file: &YamlFile,
    criterion: &criteria::Criterion,
    reference: &Option<Spanned<IndicatorRef>>,
) -> Result<(u32, Vec<UnmetIndicator>), Error> {
    let Some(reference) = reference else {
        return Ok((0, Vec::new()));
    };
    let at = |problem| Error::from(file.diagnostic_at(reference.referenced, problem));
    match &reference.value {
        IndicatorRef::Count(n) => Ok((*n, Vec::new())),
        IndicatorRef::Ids(ids) => {
            let Some(known) = criterion.indicator_ids() else {
                return Err(at(Problem::IdsWithoutList {
                    criterion: criterion.no,
                }));
            };
            if let Some(bad) = ids.iter().find(|id| !known.contains(&id.as_str())) {
                let suggestion = did_you_mean(bad, known.iter().copied());
                return Err(at(Problem::UnknownIndicator {
                    id: bad.clone(),
                    criterion: criterion.no,
                    suggestion,
                }));
            }
            let named = criterion_indicators(criterion, ids);
            Ok((named.len() as u32, named))
        }
    }
}

/// The indicators `ids` names, once each, in the set's order, with their names.
fn criterion_indicators(criterion: &crate::criteria::Criterion, ids: &[String]) -> Vec<UnmetIndicator> {
    criterion
        .indicator_list()
        .unwrap_or_default()
        .iter()
        .filter(|i| ids.contains(&i.id))
        .map(|i| UnmetIndicator {
            id: i.id.clone(),
            name: i.name.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn nineteen(count: Option<u32>) -> Vec<CriterionSpec> {
        (1..=19)
            .map(|no| CriterionSpec {
                no,
                name: format!("TC{no}"),
                count,
            })
            .collect()
    }

    fn unmet(no: u32, n: u32) -> ResultCounts {
        ResultCounts {
            no,
            unmet: n,
            ..ResultCounts::default()
        }
    }

    #[test]
    fn the_seed_figures_come_out() {
        let mut criteria = nineteen(None);
        criteria[5].name = "Văn hóa".into();
        criteria[17].name = "Chất lượng môi trường sống".into();
        let tally = tally(&criteria, 75, true, &[unmet(6, 1), unmet(18, 3)]);
        assert_eq!(
            tally.phrase(),
            "đạt 17/19 tiêu chí, 71/75 chỉ tiêu; còn 2 tiêu chí chưa đạt gồm: Văn hóa và Chất lượng môi trường sống"
        );
    }

    #[test]
    fn not_applicable_counts_as_met_unless_the_set_says_otherwise() {
        let criteria = nineteen(Some(3));
        let na = ResultCounts {
            no: 2,
            not_applicable: 1,
            ..ResultCounts::default()
        };
        let counted = tally(&criteria, 57, true, std::slice::from_ref(&na));
        assert_eq!(
            (counted.indicators_met, counted.indicator_total, counted.criteria_met),
            (57, 57, 19)
        );
        let excluded = tally(&criteria, 57, false, &[na]);
        assert_eq!((excluded.indicators_met, excluded.indicator_total), (56, 56));
        assert_eq!(excluded.rows[1].indicators, Some(2));
    }

    fn results_strategy() -> impl Strategy<Value = Vec<(u32, u32, u32)>> {
        proptest::collection::vec((1u32..=19, 0u32..=3, 0u32..=2), 0..12)
    }

    fn to_counts(raw: &[(u32, u32, u32)]) -> Vec<ResultCounts> {
        let mut seen = BTreeSet::new();
        raw.iter()
            .filter(|(no, _, _)| seen.insert(*no))
            .map(|&(no, unmet, not_applicable)| ResultCounts {
                no,
                unmet,
                not_applicable,
                note: None,
                unmet_indicators: Vec::new(),
            })
            .collect()
    }

    proptest! {
        #[test]
        fn totals_never_exceed_the_set(raw in results_strategy(), na_met in any::<bool>()) {
            let results = to_counts(&raw);
            let t = tally(&nineteen(Some(5)), 95, na_met, &results);
            prop_assert!(t.criteria_met <= t.criteria_total && t.criteria_total == 19);
            prop_assert!(t.indicators_met <= t.indicator_total && t.indicator_total <= 95);
            for row in &t.rows {
                prop_assert!(row.met.unwrap() <= row.indicators.unwrap());
            }
        }

        #[test]
        fn one_more_unmet_indicator_never_raises_a_total(raw in results_strategy(), which in 1u32..=19, na_met in any::<bool>()) {
            let results = to_counts(&raw);
            let before = tally(&nineteen(Some(5)), 95, na_met, &results);
            let mut worse = results.clone();
            match worse.iter_mut().find(|r| r.no == which) {
                Some(r) => r.unmet += 1,
                None => worse.push(unmet(which, 1)),
            }
            let after = tally(&nineteen(Some(5)), 95, na_met, &worse);
            prop_assert!(after.criteria_met <= before.criteria_met);
            prop_assert!(after.indicators_met <= before.indicators_met);
        }
    }
}
