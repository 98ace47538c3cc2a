//! Assessments (kết quả đánh giá tiêu chí), spec §2: results checked against their set, and
//! the totals computed from them ("đạt 17/19 tiêu chí, 71/75 chỉ tiêu"), never typed.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use crate::criteria::{self, LoadedSet, SetLookup};
use crate::error::{Diagnostic, Error};
use crate::prepare::load::YamlFile;
use crate::prepare::paths;
use crate::problem::{Problem, did_you_mean};
use crate::record::{Date, Issuer, SignedSpec};
use crate::set_validity;
use crate::vietnamese as vn;

/// An assessment record as written.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// Always `assessment`.
    pub kind: String,
    /// Stable name for output files.
    #[schemars(with = "Option<String>")]
    pub id: Option<Spanned<String>>,
    /// The unit assessed, as it reads in a sentence.
    pub unit: String,
    /// Date of the assessment.
    pub as_of: Date,
    /// Self-assessment or review.
    pub assessed_by: AssessedBy,
    /// Id of a built-in set, or a path to a set file.
    #[schemars(with = "String")]
    pub criteria_set: Spanned<String>,
    /// The commune group (nhóm xã) whose targets apply; required where the set has groups.
    #[schemars(with = "Option<u32>")]
    pub commune_group: Option<Spanned<u32>>,
    /// Criteria not fully met; any criterion not listed is met.
    #[serde(default)]
    #[schemars(with = "Vec<CriterionResult>")]
    pub results: Vec<Spanned<CriterionResult>>,
    /// The body that issues the report (state layout); needed for the report PDF.
    pub issuer: Option<Issuer>,
    /// Which documents to issue.
    #[serde(default)]
    pub documents: AssessmentDocuments,
}

/// Who assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum AssessedBy {
    /// Tự đánh giá.
    #[serde(rename = "self")]
    SelfAssessed,
    /// Thẩm định, phúc tra.
    Review,
}

/// Documents an assessment can issue.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessmentDocuments {
    /// Báo cáo kết quả đánh giá.
    #[schemars(with = "Option<SignedSpec>")]
    pub report: Option<Spanned<SignedSpec>>,
}

/// The result of one criterion.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CriterionResult {
    /// Criterion number.
    #[schemars(with = "u32")]
    pub criterion: Spanned<u32>,
    /// Unmet indicators: ids where the set lists them, else a count.
    #[schemars(with = "Option<IndicatorRef>")]
    pub unmet: Option<Spanned<IndicatorRef>>,
    /// Not-applicable indicators, likewise.
    #[schemars(with = "Option<IndicatorRef>")]
    pub not_applicable: Option<Spanned<IndicatorRef>>,
    /// Ghi chú.
    pub note: Option<String>,
    /// Evidence, free text.
    pub evidence: Option<String>,
}

/// Indicators named by id, or only counted.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum IndicatorRef {
    /// A count.
    Count(u32),
    /// Indicator ids.
    Ids(Vec<String>),
}

/// One criterion as the arithmetic sees it.
#[derive(Debug, Clone)]
pub struct CriterionSpec {
    /// Number.
    pub no: u32,
    /// Name.
    pub name: String,
    /// Indicator count, if known.
    pub count: Option<u32>,
}

/// One criterion's checked result, as counts.
#[derive(Debug, Clone, Default)]
pub struct ResultCounts {
    /// Criterion number.
    pub no: u32,
    /// Unmet indicators.
    pub unmet: u32,
    /// Not-applicable indicators.
    pub not_applicable: u32,
    /// Note for the table.
    pub note: Option<String>,
    /// The unmet indicators, where named by id.
    pub unmet_indicators: Vec<UnmetIndicator>,
}

/// An unmet indicator named by id, with its name where the set gives one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnmetIndicator {
    /// Id such as `2.3`.
    pub id: String,
    /// Its name.
    pub name: Option<String>,
}

/// The computed totals of an assessment.
#[derive(Debug, Clone, Serialize)]
pub struct Tally {
    /// Criteria in the set.
    pub criteria_total: u32,
    /// Criteria met.
    pub criteria_met: u32,
    /// Indicators counted (the set's total, less N/A ones if the set excludes them).
    pub indicator_total: u32,
    /// Indicators met.
    pub indicators_met: u32,
    /// One row per criterion, in set order.
    pub rows: Vec<Row>,
    /// Names of the criteria not met, in set order.
    pub unmet_names: Vec<String>,
}

/// One row of the report's table.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// Criterion number.
    pub no: u32,
    /// Criterion name.
    pub name: String,
    /// Indicators in the criterion, if known.
    pub indicators: Option<u32>,
    /// Indicators met, if the count is known.
    pub met: Option<u32>,
    /// Indicators unmet.
    pub unmet: u32,
    /// Đạt / chưa đạt.
    pub criterion_met: bool,
    /// Ghi chú.
    pub note: Option<String>,
    /// The unmet indicators, where named by id.
    pub unmet_indicators: Vec<UnmetIndicator>,
}

impl Tally {
    /// `đạt 17/19 tiêu chí, 71/75 chỉ tiêu; còn 2 tiêu chí chưa đạt gồm: Văn hóa và ...`.
    pub fn phrase(&self) -> String {
        let mut phrase = format!(
            "đạt {}/{} tiêu chí, {}/{} chỉ tiêu",
            self.criteria_met, self.criteria_total, self.indicators_met, self.indicator_total
        );
        if !self.unmet_names.is_empty() {
            phrase.push_str(&format!(
                "; còn {} tiêu chí chưa đạt gồm: {}",
                self.unmet_names.len(),
                vn::join_list(&self.unmet_names)
            ));
        }
        phrase
    }
}

/// The arithmetic: a criterion is met when none of its applicable indicators is unmet;
/// N/A indicators count as met unless `na_counts_as_met` is false, in which case they leave
/// the denominators.
pub fn tally(
    criteria: &[CriterionSpec],
    indicator_total: u32,
    na_counts_as_met: bool,
    results: &[ResultCounts],
) -> Tally {
    let mut rows = Vec::new();
    let mut unmet_total = 0u32;
    let mut excluded = 0u32;
    for criterion in criteria {
        let result = results
            .iter()
            .find(|r| r.no == criterion.no)
            .cloned()
            .unwrap_or_default();
        let dropped = if na_counts_as_met { 0 } else { result.not_applicable };
        let count = criterion.count.map(|n| n.saturating_sub(dropped));
        unmet_total += result.unmet;
        excluded += dropped;
        rows.push(Row {
            no: criterion.no,
            name: criterion.name.clone(),
            indicators: count,
            met: count.map(|n| n.saturating_sub(result.unmet)),
            unmet: result.unmet,
            criterion_met: result.unmet == 0,
            note: result.note.clone(),
            unmet_indicators: result.unmet_indicators.clone(),
        });
    }
    let indicator_total = indicator_total.saturating_sub(excluded);
    Tally {
        criteria_total: rows.len() as u32,
        criteria_met: rows.iter().filter(|r| r.criterion_met).count() as u32,
        indicator_total,
        indicators_met: indicator_total.saturating_sub(unmet_total),
        unmet_names: rows
            .iter()
            .filter(|r| !r.criterion_met)
            .map(|r| r.name.clone())
            .collect(),
        rows,
    }
}

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
    let set = match criteria::resolve(&reference.value, &paths::folder_of(&file.path)) {
        Ok(set) => set,
        Err(SetLookup::Unknown { suggestion }) => {
            return Err(at(
                reference.referenced,
                Problem::UnknownSet {
                    id: reference.value.clone(),
                    suggestion,
                },
            ));
        }
        Err(SetLookup::OutsideFolder) => {
            return Err(at(
                reference.referenced,
                Problem::PathOutsideFolder {
                    path: reference.value.clone(),
                },
            ));
        }
        Err(SetLookup::Invalid(error)) => return Err(error),
    };
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
        let count_of = |reference: &Option<Spanned<IndicatorRef>>| -> Result<(u32, Vec<UnmetIndicator>), Error> {
            let Some(reference) = reference else {
                return Ok((0, Vec::new()));
            };
            match &reference.value {
                IndicatorRef::Count(n) => Ok((*n, Vec::new())),
                IndicatorRef::Ids(ids) => {
                    let Some(known) = criterion.indicator_ids() else {
                        return Err(at(
                            reference.referenced,
                            Problem::IdsWithoutList {
                                criterion: criterion.no,
                            },
                        ));
                    };
                    if let Some(bad) = ids.iter().find(|id| !known.contains(&id.as_str())) {
                        let suggestion = did_you_mean(bad, known.iter().copied());
                        return Err(at(
                            reference.referenced,
                            Problem::UnknownIndicator {
                                id: bad.clone(),
                                criterion: criterion.no,
                                suggestion,
                            },
                        ));
                    }
                    let named = criterion_indicators(criterion, ids);
                    Ok((named.len() as u32, named))
                }
            }
        };
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
