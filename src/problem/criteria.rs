//! Problems of criteria sets in use (commune groups, periods) and of tables imported as sets,
//! each with its message and hint side by side, in Vietnamese and English.
//!
//! They reach the user through [`crate::problem::Problem::Criteria`], located like every
//! other problem; a table's "line:column" is its row and column (cell `C5` is `5:3`).

/// Text in Vietnamese and English.
type Both = (String, String);

/// Something wrong with a set, an assessment's use of it, or an imported table.
#[derive(Debug, Clone, PartialEq)]
pub enum CriteriaProblem {
    /// Two commune groups with one number.
    DuplicateCommuneGroup { no: u32 },
    /// An indicator gives a target for a group the set does not declare.
    UndeclaredGroupTarget { group: u32, indicator: String },
    /// The set declares commune groups but the assessment names none.
    CommuneGroupMissing { set: String, groups: String },
    /// The assessment names a group but its set declares none.
    CommuneGroupRefused { set: String },
    /// A group the set does not declare.
    UnknownCommuneGroup { group: u32, set: String, groups: String },
    /// A warning: the assessment is dated after the set's period.
    SetOutOfPeriod {
        set: String,
        period: String,
        year: i32,
        in_force: Option<String>,
    },
    /// A warning: the assessment is dated before the set applies.
    /// The set does not name its decision: documents leave out the line that cites it.
    SetWithoutDecision { set: String },
    SetNotYetInForce {
        set: String,
        effective: String,
        as_of: String,
    },
    /// The table file holds nothing.
    TableEmpty,
    /// The table has a header row but no data.
    TableNoRows,
    /// A required column is absent from the header row.
    MissingColumn { column: String },
    /// Two columns of the header row mean the same thing.
    DuplicateColumn { column: String },
    /// A warning: a column vanban does not use.
    UnusedColumn { header: String },
    /// A required cell is empty.
    EmptyCell { column: String },
    /// An empty criterion cell in a CSV (merged cells are lost in CSV).
    EmptyCriterionCsv,
    /// A criterion cell that is not a number.
    BadCriterionNumber { text: String },
    /// An indicator id already seen in the same criterion.
    DuplicateIndicatorRow {
        id: String,
        criterion: u32,
        first_row: usize,
    },
    /// A criterion named differently on two rows.
    CriterionTwoNames {
        criterion: u32,
        name: String,
        other: String,
        first_row: usize,
    },
    /// An indicator id such as `3.1` on a row of criterion 2.
    IndicatorOutsideCriterion { id: String, criterion: u32 },
    /// A cell whose bytes the file's encoding cannot read.
    UndecodableCell { encoding: String },
    /// A warning: the file was read in an encoding other than UTF-8.
    ReadAsEncoding { encoding: String },
    /// The file is not a table vanban reads.
    NotATable { detail: String },
}

impl CriteriaProblem {
    /// Whether this is only a warning.
    pub fn is_warning(&self) -> bool {
        matches!(
            self,
            CriteriaProblem::SetOutOfPeriod { .. }
                | CriteriaProblem::SetNotYetInForce { .. }
                | CriteriaProblem::SetWithoutDecision { .. }
                | CriteriaProblem::UnusedColumn { .. }
                | CriteriaProblem::ReadAsEncoding { .. }
        )
    }

    /// The message and the hint, each as (Vietnamese, English).
    pub fn words(&self) -> (Both, Option<Both>) {
        use CriteriaProblem as P;
        let s = |vi: &str, en: &str| (vi.to_string(), en.to_string());
        match self {
            P::DuplicateCommuneGroup { no } => (
                (
                    format!("nhóm xã {no} bị lặp lại"),
                    format!("commune group {no} appears twice"),
                ),
                Some(s("mỗi nhóm xã chỉ ghi một lần", "give each commune group once")),
            ),
            P::UndeclaredGroupTarget { group, indicator } => (
                (
                    format!(
                        "chỉ tiêu `{indicator}` ghi mức đạt chuẩn cho nhóm {group}, nhưng bộ tiêu chí không có nhóm này"
                    ),
                    format!("indicator `{indicator}` gives a target for group {group}, which the set does not declare"),
                ),
                Some(s(
                    "khai nhóm trong `commune_groups` hoặc bỏ mức đạt chuẩn đó",
                    "declare the group under `commune_groups` or drop that target",
                )),
            ),
            P::CommuneGroupMissing { set, groups } => (
                (
                    format!(
                        "bộ tiêu chí `{set}` quy định mức đạt chuẩn theo nhóm xã ({groups}) nhưng bản ghi không ghi nhóm"
                    ),
                    format!(
                        "criteria set `{set}` sets targets by commune group ({groups}) but the record names no group"
                    ),
                ),
                Some(s(
                    "thêm `commune_group: 2` (số nhóm của xã) vào bản ghi đánh giá",
                    "add `commune_group: 2` (the commune's group) to the assessment",
                )),
            ),
            P::CommuneGroupRefused { set } => (
                (
                    format!("bộ tiêu chí `{set}` không chia xã theo nhóm"),
                    format!("criteria set `{set}` has no commune groups"),
                ),
                Some(s("bỏ dòng `commune_group`", "remove the `commune_group` line")),
            ),
            P::UnknownCommuneGroup { group, set, groups } => (
                (
                    format!("bộ tiêu chí `{set}` không có nhóm xã {group}"),
                    format!("criteria set `{set}` has no commune group {group}"),
                ),
                Some((
                    format!("dùng một trong các nhóm: {groups}"),
                    format!("use one of the groups: {groups}"),
                )),
            ),
            P::SetOutOfPeriod {
                set,
                period,
                year,
                in_force,
            } => {
                let message = (
                    format!("đánh giá năm {year} theo bộ tiêu chí `{set}` của giai đoạn {period}"),
                    format!("an assessment of {year} on criteria set `{set}`, which is for {period}"),
                );
                let hint = match in_force {
                    Some(id) => (
                        format!(
                            "bộ tiêu chí đang có hiệu lực là `{id}`; đổi `criteria_set: {id}` nếu đánh giá theo bộ mới"
                        ),
                        format!("the set in force is `{id}`; change to `criteria_set: {id}` if the assessment uses it"),
                    ),
                    None => s(
                        "kiểm tra bộ tiêu chí đang có hiệu lực (`vanban criteria list`)",
                        "check which set is in force (`vanban criteria list`)",
                    ),
                };
                (message, Some(hint))
            }
            P::SetWithoutDecision { set } => (
                (
                    format!(
                        "bộ tiêu chí `{set}` không ghi quyết định ban hành; báo cáo bỏ dòng “Căn cứ …” và không nêu quyết định"
                    ),
                    format!(
                        "criteria set `{set}` names no issuing decision; the report leaves out the “Căn cứ …” line and names none"
                    ),
                ),
                Some(s(
                    "thêm `decision: \"Quyết định số …\"` vào tệp bộ tiêu chí",
                    "add `decision: \"Quyết định số …\"` to the criteria set file",
                )),
            ),
            P::SetNotYetInForce { set, effective, as_of } => (
                (
                    format!("bộ tiêu chí `{set}` có hiệu lực từ ngày {effective}, sau ngày đánh giá {as_of}"),
                    format!("criteria set `{set}` is in force from {effective}, after the assessment date {as_of}"),
                ),
                Some(s(
                    "kiểm tra ngày `as_of` hoặc dùng bộ tiêu chí còn hiệu lực vào ngày đó (`vanban criteria list`)",
                    "check `as_of`, or use the set in force on that date (`vanban criteria list`)",
                )),
            ),
            P::TableEmpty => (
                s("bảng rỗng", "the table is empty"),
                Some(s(
                    "dòng đầu ghi tên cột: `Tiêu chí`, `Tên tiêu chí`, `Chỉ tiêu`, `Nội dung chỉ tiêu`",
                    "the first row names the columns: `criterion`, `criterion_name`, `indicator`, `indicator_name`",
                )),
            ),
            P::TableNoRows => (
                s(
                    "bảng chỉ có dòng tên cột, không có chỉ tiêu nào",
                    "the table has a header row but no indicators",
                ),
                Some(s("thêm mỗi chỉ tiêu một dòng", "add one row per indicator")),
            ),
            P::MissingColumn { column } => (
                (
                    format!("dòng tên cột thiếu cột `{column}`"),
                    format!("the header row lacks a `{column}` column"),
                ),
                Some(s(
                    "cần các cột `Tiêu chí`, `Tên tiêu chí`, `Chỉ tiêu`, `Nội dung chỉ tiêu` (hoặc tên tiếng Anh trong docs/assessments.md)",
                    "the columns needed are `criterion`, `criterion_name`, `indicator`, `indicator_name` (or the Vietnamese names in docs/assessments.md)",
                )),
            ),
            P::DuplicateColumn { column } => (
                (format!("có hai cột `{column}`"), format!("two columns mean `{column}`")),
                Some(s("giữ lại một cột", "keep one of them")),
            ),
            P::UnusedColumn { header } => (
                (
                    format!("cột `{header}` không được dùng, đã bỏ qua"),
                    format!("column `{header}` is not used and was skipped"),
                ),
                Some(s(
                    "cột mức đạt chuẩn theo nhóm xã ghi là `Nhóm 1`, `Nhóm 2`, `Nhóm 3`",
                    "commune-group target columns are named `group 1`, `group 2`, `group 3`",
                )),
            ),
            P::EmptyCell { column } => (
                (
                    format!("ô cột `{column}` để trống"),
                    format!("the `{column}` cell is empty"),
                ),
                Some(s(
                    "điền ô này, hoặc xóa dòng nếu không phải chỉ tiêu",
                    "fill the cell, or delete the row if it is no indicator",
                )),
            ),
            P::EmptyCriterionCsv => (
                s("ô cột `Tiêu chí` để trống", "the criterion cell is empty"),
                Some(s(
                    "tệp CSV không giữ ô gộp: điền số tiêu chí vào mọi dòng, hoặc nhập thẳng từ tệp .xlsx",
                    "CSV keeps no merged cells: give the criterion on every row, or import the .xlsx itself",
                )),
            ),
            P::BadCriterionNumber { text } => (
                (
                    format!("`{text}` không phải số tiêu chí"),
                    format!("`{text}` is not a criterion number"),
                ),
                Some(s("ghi số tiêu chí, ví dụ `2`", "give the criterion's number, e.g. `2`")),
            ),
            P::DuplicateIndicatorRow {
                id,
                criterion,
                first_row,
            } => (
                (
                    format!("chỉ tiêu `{id}` của tiêu chí {criterion} đã có ở dòng {first_row}"),
                    format!("indicator `{id}` of criterion {criterion} is already on row {first_row}"),
                ),
                Some(s(
                    "mỗi mã chỉ tiêu chỉ ghi một dòng",
                    "give each indicator id on one row",
                )),
            ),
            P::CriterionTwoNames {
                criterion,
                name,
                other,
                first_row,
            } => (
                (
                    format!("tiêu chí {criterion} tên là `{name}`, khác với `{other}` ở dòng {first_row}"),
                    format!("criterion {criterion} is named `{name}` here but `{other}` on row {first_row}"),
                ),
                Some(s(
                    "ghi cùng một tên tiêu chí trên mọi dòng",
                    "give the criterion the same name on every row",
                )),
            ),
            P::IndicatorOutsideCriterion { id, criterion } => (
                (
                    format!("chỉ tiêu `{id}` nằm ở dòng của tiêu chí {criterion}"),
                    format!("indicator `{id}` is on a row of criterion {criterion}"),
                ),
                Some(s(
                    "sửa số tiêu chí hoặc mã chỉ tiêu cho khớp (chỉ tiêu `2.1` thuộc tiêu chí 2)",
                    "make the criterion and the id agree (indicator `2.1` belongs to criterion 2)",
                )),
            ),
            P::UndecodableCell { encoding } => (
                (
                    format!("ô này có byte không đọc được theo bảng mã {encoding}"),
                    format!("this cell holds bytes that are not valid {encoding}"),
                ),
                Some(s(
                    "lưu lại bảng dạng CSV UTF-8 (Excel: \"CSV UTF-8\") hoặc .xlsx",
                    "save the table as CSV UTF-8 (Excel: \"CSV UTF-8\") or .xlsx",
                )),
            ),
            P::ReadAsEncoding { encoding } => (
                (
                    format!("tệp không phải UTF-8, đã đọc theo bảng mã {encoding}"),
                    format!("the file is not UTF-8; read as {encoding}"),
                ),
                Some(s(
                    "kiểm tra dấu tiếng Việt trong tệp bộ tiêu chí đã ghi; nên lưu bảng dạng CSV UTF-8",
                    "check the Vietnamese marks in the set written; saving as CSV UTF-8 is safer",
                )),
            ),
            P::NotATable { detail } => (
                (
                    format!("không đọc được bảng: {detail}"),
                    format!("cannot read the table: {detail}"),
                ),
                Some(s(
                    "dùng tệp .csv (hoặc .tsv, .txt) hay .xlsx; bảng nằm ở trang tính đầu tiên",
                    "give a .csv (or .tsv, .txt) or .xlsx file; the table is on the first sheet",
                )),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of each problem.
    pub(crate) fn every() -> Vec<CriteriaProblem> {
        use CriteriaProblem as P;
        let s = || "x".to_string();
        vec![
            P::DuplicateCommuneGroup { no: 1 },
            P::UndeclaredGroupTarget {
                group: 4,
                indicator: s(),
            },
            P::CommuneGroupMissing { set: s(), groups: s() },
            P::CommuneGroupRefused { set: s() },
            P::UnknownCommuneGroup {
                group: 4,
                set: s(),
                groups: s(),
            },
            P::SetOutOfPeriod {
                set: s(),
                period: s(),
                year: 2026,
                in_force: Some(s()),
            },
            P::SetOutOfPeriod {
                set: s(),
                period: s(),
                year: 2026,
                in_force: None,
            },
            P::SetWithoutDecision { set: s() },
            P::SetNotYetInForce {
                set: s(),
                effective: s(),
                as_of: s(),
            },
            P::TableEmpty,
            P::TableNoRows,
            P::MissingColumn { column: s() },
            P::DuplicateColumn { column: s() },
            P::UnusedColumn { header: s() },
            P::EmptyCell { column: s() },
            P::EmptyCriterionCsv,
            P::BadCriterionNumber { text: s() },
            P::DuplicateIndicatorRow {
                id: s(),
                criterion: 1,
                first_row: 2,
            },
            P::CriterionTwoNames {
                criterion: 1,
                name: s(),
                other: s(),
                first_row: 2,
            },
            P::IndicatorOutsideCriterion { id: s(), criterion: 1 },
            P::UndecodableCell { encoding: s() },
            P::ReadAsEncoding { encoding: s() },
            P::NotATable { detail: s() },
        ]
    }

    #[test]
    fn every_message_and_hint_reads_in_both_languages() {
        for problem in every() {
            let ((vi, en), hint) = problem.words();
            assert!(!vi.is_empty() && vi != en, "{problem:?}");
            let (hint_vi, hint_en) = hint.expect("every criteria problem has a hint");
            assert!(!hint_vi.is_empty() && hint_vi != hint_en, "{problem:?}");
        }
    }
}
