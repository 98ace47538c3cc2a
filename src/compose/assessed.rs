//! What documents say of an assessment: the summary a session document quotes, and the
//! context of the assessment report.

use std::collections::BTreeMap;

use serde::Serialize;

use super::document::{DocumentContext, documents_context};
use super::facts::{DateContext, IssuerContext, date_context, issuer_context};
use crate::criteria::assessment::{AssessedBy, Assessment, Tally};
use crate::criteria::checked::Checked;
use crate::documents::asked_by_assessment;
use crate::record::IssuerSystem;

/// What a session document says of one assessment.
#[derive(Debug, Clone, Serialize)]
pub struct AssessmentSummary {
    /// The unit assessed.
    pub unit: String,
    /// Date of the assessment.
    pub as_of: DateContext,
    /// `tự đánh giá` or `thẩm định`.
    pub assessed_by: &'static str,
    /// The set's name.
    pub set_name: String,
    /// The decision that issued the set, when the set names it.
    pub decision: Option<String>,
    /// `mức đạt chuẩn của xã nhóm 2`, when the set's targets differ by commune group.
    pub group_basis: Option<String>,
    /// What the result rests on, for a parenthesis: the decision, then the group's targets.
    pub basis: Option<String>,
    /// The computed totals.
    pub tally: Tally,
    /// `đạt 17/19 tiêu chí, 71/75 chỉ tiêu; còn 2 tiêu chí chưa đạt gồm: ...`.
    pub phrase: String,
}

impl AssessmentSummary {
    /// The summary of a checked assessment.
    pub fn new(checked: &Checked) -> AssessmentSummary {
        let decision = checked.set.set.decision.clone();
        let group_basis = checked.commune_group.map(|g| format!("mức đạt chuẩn của xã nhóm {g}"));
        let parts: Vec<String> = decision.iter().chain(&group_basis).cloned().collect();
        AssessmentSummary {
            unit: checked.assessment.unit.clone(),
            as_of: date_context(checked.assessment.as_of),
            assessed_by: assessed_by_words(checked.assessment.assessed_by),
            set_name: checked.set.set.name.clone(),
            basis: (!parts.is_empty()).then(|| parts.join("; ")),
            decision,
            group_basis,
            phrase: checked.tally.phrase(),
            tally: checked.tally.clone(),
        }
    }
}

/// `tự đánh giá` or `thẩm định`.
pub fn assessed_by_words(by: AssessedBy) -> &'static str {
    match by {
        AssessedBy::SelfAssessed => "tự đánh giá",
        AssessedBy::Review => "thẩm định",
    }
}

/// Everything the assessment report template can use.
#[derive(Debug, Clone, Serialize)]
pub struct AssessmentContext {
    /// Always `state`: the report follows ND30.
    pub system: IssuerSystem,
    /// Stable name, used in output file names.
    pub id: String,
    /// The assessment's figures and words.
    pub assessment: AssessmentSummary,
    /// The set's id.
    pub set_id: String,
    /// Whether the set gives each criterion's indicator count.
    pub counts_known: bool,
    /// The issuing body, if named.
    pub issuer: Option<IssuerContext>,
    /// Each document asked for (the report), by its block's name, when the issuer is named.
    #[serde(flatten)]
    pub documents: BTreeMap<&'static str, DocumentContext>,
}

impl AssessmentContext {
    /// The context of a checked assessment and the documents it asks for.
    pub fn new(checked: &Checked, assessment: &Assessment, id: String) -> AssessmentContext {
        let issuer = assessment.issuer.as_ref();
        AssessmentContext {
            system: IssuerSystem::State,
            id,
            assessment: AssessmentSummary::new(checked),
            set_id: checked.set.set.id.clone(),
            counts_known: checked.tally.rows.iter().all(|r| r.indicators.is_some()),
            issuer: issuer.map(issuer_context),
            documents: issuer
                .map(|issuer| {
                    let asked = asked_by_assessment(assessment);
                    documents_context(IssuerSystem::State, issuer, asked, assessment.as_of)
                })
                .unwrap_or_default(),
        }
    }
}
