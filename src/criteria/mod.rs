//! Criteria sets (bộ tiêu chí), spec §3: built-in ones embedded from `criteria/`, or a user's file.
//!
//! A set says only what a source backs: a criterion's indicators may be listed, counted, or
//! unknown. On load, criterion numbers must be unique and the indicators must fit the total.

pub mod assessment;
pub mod checked;
pub mod import;
mod set_file;
pub mod table;
pub mod validity;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use crate::error::Error;
use crate::problem::{CriteriaProblem, Problem, did_you_mean};
use crate::record::Date;
use crate::record::load::YamlFile;

/// Built-in sets: file name and text.
pub const BUILT_IN_SETS: &[(&str, &str)] = &[
    (
        "vn-318-2022-xa-ntm.yaml",
        include_str!("../../criteria/vn-318-2022-xa-ntm.yaml"),
    ),
    (
        "vn-318-2022-xa-ntm-nang-cao.yaml",
        include_str!("../../criteria/vn-318-2022-xa-ntm-nang-cao.yaml"),
    ),
    (
        "th-32-2022-xa-ntm.yaml",
        include_str!("../../criteria/th-32-2022-xa-ntm.yaml"),
    ),
    (
        "th-33-2022-xa-ntm-nang-cao.yaml",
        include_str!("../../criteria/th-33-2022-xa-ntm-nang-cao.yaml"),
    ),
    (
        "vn-51-2025-xa-ntm.yaml",
        include_str!("../../criteria/vn-51-2025-xa-ntm.yaml"),
    ),
];

/// A criteria set as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriteriaSet {
    /// Always `criteria_set`.
    pub kind: String,
    /// Stable id, e.g. `th-33-2022-xa-ntm-nang-cao`.
    pub id: String,
    /// Full name.
    pub name: String,
    /// The decision that issued it, when known (an imported table may not say); documents
    /// then leave out the line that cites it, and a warning says so.
    #[serde(default)]
    pub decision: Option<String>,
    /// Date of the decision, where known (ISO).
    pub decision_date: Option<String>,
    /// The date from which the set applies (hiệu lực), where known.
    pub effective_date: Option<Date>,
    /// The years the set is for, e.g. 2021–2025.
    pub period: Option<Period>,
    /// Id of the set that replaces this one after its period.
    pub superseded_by: Option<String>,
    /// Commune groups whose thresholds differ (nhóm 1, 2, 3); an assessment on a set that
    /// declares them must name its group.
    #[serde(default)]
    pub commune_groups: Vec<Spanned<CommuneGroup>>,
    /// `ntm`, `ntm_nang_cao`, `ntm_kieu_mau` or `other`.
    pub tier: String,
    /// Declared number of indicators; the criteria must fit it.
    pub indicator_total: Option<Spanned<u32>>,
    /// Whether a not-applicable indicator counts as met (default true).
    #[serde(default = "yes")]
    pub not_applicable_counts_as_met: bool,
    /// What is known and unknown of this set, and where it comes from.
    pub provenance: Option<Provenance>,
    /// The criteria.
    pub criteria: Vec<Spanned<Criterion>>,
}

fn yes() -> bool {
    true
}

/// The years a set is for (giai đoạn).
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// First year.
    pub from: i32,
    /// Last year.
    pub to: i32,
}

/// A commune group (nhóm xã) of a set.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommuneGroup {
    /// Its number.
    pub no: u32,
    /// Which communes belong to it, where known.
    pub definition: Option<String>,
}

/// Where a set's content comes from.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// What a source confirms.
    #[serde(default)]
    pub known: Vec<String>,
    /// What no source consulted confirms.
    #[serde(default)]
    pub unknown: Vec<String>,
    /// Source addresses.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// One criterion.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// Number, 1–19 in the national sets.
    pub no: u32,
    /// Name.
    pub name: String,
    /// Its indicators: listed, counted, or absent when unknown.
    pub indicators: Option<Indicators>,
    /// How sure the name is (`confirmed`, `inferred`, ...).
    pub confidence: Option<String>,
}

/// A criterion's indicators.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Indicators {
    /// Only how many.
    Count(u32),
    /// Each indicator.
    List(Vec<Indicator>),
}

/// One indicator.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Id such as `"6.2"`.
    pub id: String,
    /// Name, where known.
    pub name: Option<String>,
    /// Mức đạt chuẩn, where the set gives one for every commune.
    pub target: Option<String>,
    /// Mức đạt chuẩn per commune group, by group number.
    #[serde(default)]
    pub group_targets: BTreeMap<u32, String>,
}

impl Criterion {
    /// How many indicators, if known.
    pub fn indicator_count(&self) -> Option<u32> {
        match &self.indicators {
            Some(Indicators::Count(n)) => Some(*n),
            Some(Indicators::List(list)) => Some(list.len() as u32),
            None => None,
        }
    }

    /// The indicators, if listed.
    pub fn indicator_list(&self) -> Option<&[Indicator]> {
        match &self.indicators {
            Some(Indicators::List(list)) => Some(list),
            _ => None,
        }
    }

    /// The indicator ids, if listed.
    pub fn indicator_ids(&self) -> Option<Vec<&str>> {
        match &self.indicators {
            Some(Indicators::List(list)) => Some(list.iter().map(|i| i.id.as_str()).collect()),
            _ => None,
        }
    }
}

/// A set loaded and checked, with the file it came from (for error locations).
#[derive(Debug)]
pub struct LoadedSet {
    /// The set.
    pub set: CriteriaSet,
    /// Its file (a built-in's name is `criteria/<id>.yaml`).
    pub file: YamlFile,
    /// Whether it is one of the built-in sets.
    pub built_in: bool,
}

impl LoadedSet {
    /// The criterion numbered `no`.
    pub fn criterion(&self, no: u32) -> Option<&Criterion> {
        self.set.criteria.iter().map(|c| &c.value).find(|c| c.no == no)
    }

    /// The commune groups' numbers, e.g. `1, 2, 3` (empty when the set has none).
    pub fn group_numbers(&self) -> String {
        let numbers: Vec<String> = self.set.commune_groups.iter().map(|g| g.value.no.to_string()).collect();
        numbers.join(", ")
    }

    /// The declared total, or the sum of the criteria's counts when every one is known.
    pub fn indicator_total(&self) -> Option<u32> {
        self.set
            .indicator_total
            .as_ref()
            .map(|t| t.value)
            .or_else(|| self.set.criteria.iter().map(|c| c.value.indicator_count()).sum())
    }
}

/// Whether `reference` names a set file (relative to the record) rather than a built-in set.
pub fn is_file_reference(reference: &str) -> bool {
    let built_in = BUILT_IN_SETS
        .iter()
        .any(|(name, _)| name.trim_end_matches(".yaml") == reference);
    !built_in && (reference.ends_with(".yaml") || reference.ends_with(".yml") || reference.contains('/'))
}

/// Finds a set by built-in id, or by path relative to `base` (the folder of the record naming it).
pub fn resolve(reference: &str, base: &Path) -> Result<LoadedSet, SetLookup> {
    if let Some((name, text)) = BUILT_IN_SETS
        .iter()
        .find(|(name, _)| name.trim_end_matches(".yaml") == reference)
    {
        let file =
            YamlFile::from_bytes(&PathBuf::from("criteria").join(name), text.as_bytes()).map_err(SetLookup::Invalid)?;
        return load(file)
            .map(|set| LoadedSet { built_in: true, ..set })
            .map_err(SetLookup::Invalid);
    }
    if is_file_reference(reference) {
        let path = crate::record::paths::inside(base, reference).ok_or(SetLookup::OutsideFolder)?;
        let file = YamlFile::read(&path).map_err(SetLookup::Invalid)?;
        return load(file).map_err(SetLookup::Invalid);
    }
    let ids = BUILT_IN_SETS.iter().map(|(name, _)| name.trim_end_matches(".yaml"));
    Err(SetLookup::Unknown {
        suggestion: did_you_mean(reference, ids),
    })
}

/// Why a set reference did not resolve.
#[derive(Debug)]
pub enum SetLookup {
    /// No built-in has that id; maybe a typo.
    Unknown { suggestion: Option<String> },
    /// The path leaves the record's folder.
    OutsideFolder,
    /// The set was found but is wrong (the error names its file).
    Invalid(Error),
}

/// Commune groups are numbered once each, and indicators give targets only for them.
fn check_groups(set: &CriteriaSet) -> Result<(), (serde_saphyr::Location, CriteriaProblem)> {
    let mut groups = BTreeSet::new();
    for group in &set.commune_groups {
        if !groups.insert(group.value.no) {
            let no = group.value.no;
            return Err((group.referenced, CriteriaProblem::DuplicateCommuneGroup { no }));
        }
    }
    for criterion in &set.criteria {
        for indicator in criterion.value.indicator_list().unwrap_or_default() {
            if let Some(group) = indicator.group_targets.keys().find(|g| !groups.contains(g)) {
                let problem = CriteriaProblem::UndeclaredGroupTarget {
                    group: *group,
                    indicator: indicator.id.clone(),
                };
                return Err((criterion.referenced, problem));
            }
        }
    }
    Ok(())
}

/// Parses and checks a set file.
pub fn load(file: YamlFile) -> Result<LoadedSet, Error> {
    let set: CriteriaSet = file.parse()?;
    let at = |location, problem| Error::from(file.diagnostic_at(location, problem));
    let mut numbers = BTreeSet::new();
    for criterion in &set.criteria {
        if !numbers.insert(criterion.value.no) {
            return Err(at(
                criterion.referenced,
                Problem::DuplicateCriterion { no: criterion.value.no },
            ));
        }
        if let Some(ids) = criterion.value.indicator_ids() {
            let unique: BTreeSet<&str> = ids.iter().copied().collect();
            if unique.len() != ids.len() {
                return Err(at(
                    criterion.referenced,
                    Problem::DuplicateIndicator {
                        criterion: criterion.value.no,
                    },
                ));
            }
        }
    }
    check_groups(&set).map_err(|(location, problem)| at(location, Problem::Criteria(problem)))?;
    if let Some(total) = &set.indicator_total {
        let known: u32 = set.criteria.iter().filter_map(|c| c.value.indicator_count()).sum();
        let all_known = set.criteria.iter().all(|c| c.value.indicator_count().is_some());
        let unknown_criteria = set
            .criteria
            .iter()
            .filter(|c| c.value.indicator_count().is_none())
            .count() as u32;
        let fits = if all_known {
            known == total.value
        } else {
            known + unknown_criteria <= total.value
        };
        if !fits {
            return Err(at(
                total.referenced,
                Problem::SetTotalMismatch {
                    declared: total.value,
                    listed: known,
                    complete: all_known,
                },
            ));
        }
    }
    Ok(LoadedSet {
        set,
        file,
        built_in: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_set_loads_and_fits_its_total() {
        for (name, _) in BUILT_IN_SETS {
            let id = name.trim_end_matches(".yaml");
            let loaded = resolve(id, Path::new(".")).unwrap_or_else(|e| panic!("{id}: {e:?}"));
            assert_eq!(loaded.set.id, id);
            let criteria = if id == "vn-51-2025-xa-ntm" { 10 } else { 19 };
            assert_eq!(loaded.set.criteria.len(), criteria, "{id}");
        }
    }

    #[test]
    fn the_thanh_hoa_sets_declare_the_seed_totals() {
        let ntm = resolve("th-32-2022-xa-ntm", Path::new(".")).unwrap();
        assert_eq!(ntm.indicator_total(), Some(57));
        let nang_cao = resolve("th-33-2022-xa-ntm-nang-cao", Path::new(".")).unwrap();
        assert_eq!(nang_cao.indicator_total(), Some(75));
        assert_eq!(nang_cao.criterion(6).unwrap().name, "Văn hóa");
        assert_eq!(nang_cao.criterion(18).unwrap().name, "Chất lượng môi trường sống");
    }

    #[test]
    fn unknown_ids_get_a_suggestion() {
        match resolve("th-33-2022-xa-ntm-nang-cap", Path::new(".")) {
            Err(SetLookup::Unknown { suggestion }) => {
                assert_eq!(suggestion.as_deref(), Some("th-33-2022-xa-ntm-nang-cao"))
            }
            other => panic!("{other:?}"),
        }
    }

    fn set_error(text: &str) -> Problem {
        let file = YamlFile::from_bytes(Path::new("s.yaml"), text.as_bytes()).unwrap();
        match load(file) {
            Err(Error::Record(d)) => d.problem,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn sets_that_do_not_add_up_are_refused() {
        let text = "kind: criteria_set\nid: x\nname: X\ndecision: Y\ntier: other\nindicator_total: 5\ncriteria:\n  - {no: 1, name: A, indicators: 2}\n  - {no: 2, name: B, indicators: 2}\n";
        assert_eq!(
            set_error(text),
            Problem::SetTotalMismatch {
                declared: 5,
                listed: 4,
                complete: true
            }
        );
        let dup = "kind: criteria_set\nid: x\nname: X\ndecision: Y\ntier: other\ncriteria:\n  - {no: 1, name: A}\n  - {no: 1, name: B}\n";
        assert_eq!(set_error(dup), Problem::DuplicateCriterion { no: 1 });
    }
}
