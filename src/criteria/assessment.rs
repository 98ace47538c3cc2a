//! Assessments (kết quả đánh giá tiêu chí), spec §2: results checked against their set, and
//! the totals computed from them ("đạt 17/19 tiêu chí, 71/75 chỉ tiêu"), never typed.

use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use crate::record::{Date, Issuer, SignedSpec};
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
