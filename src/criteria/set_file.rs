//! The set file an import writes: the facts the command line gives, the criteria and
//! indicators as read from the table, in the ordinary set format, every string quoted.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::criteria::table::Table;

/// What the command line says of the set.
#[derive(Debug, Clone)]
pub struct SetFacts {
    /// `--id`.
    pub id: String,
    /// `--name`.
    pub name: String,
    /// `--decision`, if given.
    pub decision: Option<String>,
}

/// One indicator as read.
pub(super) struct IndicatorRow {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) target: Option<String>,
    pub(super) groups: BTreeMap<u32, String>,
    pub(super) row: usize,
}

/// One criterion as read: its name with the row that gave it, and its indicators.
#[derive(Default)]
pub(super) struct CriterionRows {
    pub(super) name: Option<(String, usize)>,
    pub(super) first_row: usize,
    pub(super) indicators: Vec<IndicatorRow>,
}

/// The set file, in the ordinary format; every string double-quoted and escaped.
pub(super) fn set_text(
    table: &Table,
    facts: &SetFacts,
    criteria: &BTreeMap<u32, CriterionRows>,
    groups: &[u32],
) -> String {
    let source = table
        .path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let total: usize = criteria.values().map(|c| c.indicators.len()).sum();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Bộ tiêu chí nhập từ bảng `{source}` bằng `vanban criteria import`."
    );
    let _ = writeln!(
        out,
        "# Danh mục chỉ tiêu là của bảng đó; kiểm tra lại với văn bản ban hành."
    );
    let _ = writeln!(
        out,
        "kind: criteria_set\nid: {}\nname: {}",
        quote(&facts.id),
        quote(&facts.name)
    );
    if let Some(decision) = facts.decision.as_deref() {
        let _ = writeln!(out, "decision: {}", quote(decision));
    }
    let _ = writeln!(out, "tier: other\nindicator_total: {total}");
    if !groups.is_empty() {
        let _ = writeln!(out, "commune_groups:");
        for group in groups {
            let _ = writeln!(out, "  - {{no: {group}}}");
        }
    }
    let _ = writeln!(out, "provenance:\n  known:");
    let _ = writeln!(
        out,
        "    - {}",
        quote(&format!(
            "{} tiêu chí, {total} chỉ tiêu theo bảng `{source}` của cơ quan ban hành",
            criteria.len()
        ))
    );
    let _ = writeln!(out, "  unknown:");
    if facts.decision.is_none() {
        let _ = writeln!(out, "    - \"số, ngày quyết định ban hành (chưa ghi khi nhập)\"");
    }
    let _ = writeln!(out, "    - \"bảng chưa được vanban đối chiếu với văn bản gốc\"");
    let _ = writeln!(out, "  sources:\n    - {}", quote(&source));
    let _ = writeln!(out, "criteria:");
    for (no, criterion) in criteria {
        let name = criterion.name.as_ref().map_or("", |(n, _)| n.as_str());
        let _ = writeln!(out, "  - no: {no}\n    name: {}\n    indicators:", quote(name));
        for indicator in &criterion.indicators {
            let _ = write!(
                out,
                "      - {{id: {}, name: {}",
                quote(&indicator.id),
                quote(&indicator.name)
            );
            if let Some(target) = &indicator.target {
                let _ = write!(out, ", target: {}", quote(target));
            }
            if !indicator.groups.is_empty() {
                let pairs: Vec<String> = indicator
                    .groups
                    .iter()
                    .map(|(g, t)| format!("{g}: {}", quote(t)))
                    .collect();
                let _ = write!(out, ", group_targets: {{{}}}", pairs.join(", "));
            }
            let _ = writeln!(out, "}}");
        }
    }
    out
}

/// A YAML double-quoted scalar.
fn quote(text: &str) -> String {
    crate::record::quoting::yaml_string(text)
}
