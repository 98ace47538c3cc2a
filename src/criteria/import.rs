//! `vanban criteria import`: an office's table of criteria and indicators turned into an
//! ordinary criteria set file, checked by the same loader as every set.
//!
//! The first row names the columns, in Vietnamese or English; a criterion's rows may be
//! apart; every problem found is reported with its row and column, not only the first.

use std::collections::BTreeMap;
use std::path::Path;

use crate::criteria;
use crate::criteria::table::{Row, Source, Table};
use crate::error::{Diagnostic, Error};
use crate::problem::CriteriaProblem as P;
use crate::record::load::YamlFile;

pub use super::set_file::SetFacts;
use super::set_file::{CriterionRows, IndicatorRow, set_text};

/// A set made from a table: its YAML text, and the warnings met.
#[derive(Debug)]
pub struct Imported {
    /// The set file's text.
    pub text: String,
    /// Criteria and indicators read.
    pub counts: (usize, usize),
    /// Warnings (unused columns, the encoding read).
    pub warnings: Vec<Diagnostic>,
}

/// The columns vanban reads, by their meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Column {
    Criterion,
    CriterionName,
    Indicator,
    IndicatorName,
    Target,
    Group(u32),
}

impl Column {
    /// The Vietnamese header, as errors name the column.
    fn header(self) -> String {
        match self {
            Column::Criterion => "Tiêu chí".into(),
            Column::CriterionName => "Tên tiêu chí".into(),
            Column::Indicator => "Chỉ tiêu".into(),
            Column::IndicatorName => "Nội dung chỉ tiêu".into(),
            Column::Target => "Mức đạt chuẩn".into(),
            Column::Group(n) => format!("Nhóm {n}"),
        }
    }

    /// Reads a header cell in Vietnamese or English, any case.
    fn from_header(header: &str) -> Option<Column> {
        let h = header.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ");
        let h = h.trim_end_matches([':', '*']).trim();
        let column = match h {
            "tiêu chí" | "criterion" => Column::Criterion,
            "tên tiêu chí" | "criterion_name" | "criterion name" => Column::CriterionName,
            "chỉ tiêu" | "indicator" | "mã chỉ tiêu" => Column::Indicator,
            "nội dung chỉ tiêu" | "indicator_name" | "indicator name" | "tên chỉ tiêu" => {
                Column::IndicatorName
            }
            "mức đạt chuẩn" | "target" => Column::Target,
            _ => {
                let rest = ["mức đạt chuẩn ", "xã ", "commune "]
                    .iter()
                    .fold(h, |rest, prefix| rest.strip_prefix(prefix).unwrap_or(rest));
                let number = ["nhóm", "group"]
                    .iter()
                    .find_map(|word| rest.strip_prefix(word))?
                    .trim_start_matches([' ', '_']);
                Column::Group(number.parse().ok().filter(|n| (1..=9).contains(n))?)
            }
        };
        Some(column)
    }
}

/// Turns `table` into a set file; every error found, or the set with its warnings.
pub fn import(table: &Table, facts: &SetFacts) -> Result<Imported, Vec<Diagnostic>> {
    let (mut errors, mut warnings): (Vec<Diagnostic>, Vec<Diagnostic>) =
        table.diagnostics.iter().cloned().partition(|d| !d.problem.is_warning());
    let Some((header, data)) = table.rows.split_first() else {
        return Err(vec![table.at(1, 1, P::TableEmpty)]);
    };
    let columns = columns(table, header, &mut errors, &mut warnings);
    let required = [
        Column::Criterion,
        Column::CriterionName,
        Column::Indicator,
        Column::IndicatorName,
    ];
    for column in required {
        if !columns.contains_key(&column) {
            errors.push(table.at(
                header.number,
                1,
                P::MissingColumn {
                    column: column.header(),
                },
            ));
        }
    }
    if data.is_empty() {
        errors.push(table.at(header.number, 1, P::TableNoRows));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut criteria: BTreeMap<u32, CriterionRows> = BTreeMap::new();
    for row in data {
        read_row(table, &columns, row, &mut criteria, &mut errors);
    }
    for criterion in criteria.values().filter(|c| c.name.is_none()) {
        let column = columns[&Column::CriterionName] + 1;
        let problem = P::EmptyCell {
            column: Column::CriterionName.header(),
        };
        errors.push(table.at(criterion.first_row, column, problem));
    }
    if !errors.is_empty() {
        errors.sort_by_key(|d| (d.line, d.column));
        return Err(errors);
    }
    let groups: Vec<u32> = columns
        .keys()
        .filter_map(|c| if let Column::Group(n) = c { Some(*n) } else { None })
        .collect();
    let text = set_text(table, facts, &criteria, &groups);
    let file = YamlFile::from_bytes(&table.path.with_extension("yaml"), text.as_bytes()).map_err(one)?;
    criteria::load(file).map_err(one)?;
    let indicators = criteria.values().map(|c| c.indicators.len()).sum();
    Ok(Imported {
        text,
        counts: (criteria.len(), indicators),
        warnings,
    })
}

fn one(error: Error) -> Vec<Diagnostic> {
    match error {
        Error::Record(diagnostic) => vec![*diagnostic],
        other => vec![Diagnostic::at(
            Path::new("-"),
            "",
            1,
            1,
            crate::problem::Problem::Syntax {
                detail: other.render(crate::problem::Lang::En),
            },
        )],
    }
}

/// The meaning of each header cell; unknown headers are warnings, repeated ones errors.
fn columns(
    table: &Table,
    header: &Row,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> BTreeMap<Column, usize> {
    let mut columns = BTreeMap::new();
    for (index, cell) in header.cells.iter().enumerate() {
        if cell.is_empty() {
            continue;
        }
        match Column::from_header(cell) {
            Some(column) if columns.contains_key(&column) => errors.push(table.at(
                header.number,
                index + 1,
                P::DuplicateColumn {
                    column: column.header(),
                },
            )),
            Some(column) => {
                columns.insert(column, index);
            }
            None => warnings.push(table.at(header.number, index + 1, P::UnusedColumn { header: cell.clone() })),
        }
    }
    columns
}

/// Reads one data row into its criterion, or records what is wrong with it.
fn read_row(
    table: &Table,
    columns: &BTreeMap<Column, usize>,
    row: &Row,
    criteria: &mut BTreeMap<u32, CriterionRows>,
    errors: &mut Vec<Diagnostic>,
) {
    let cell = |column: Column| columns.get(&column).map_or("", |i| row.cell(*i));
    let at = |column: Column, problem| table.at(row.number, columns.get(&column).map_or(1, |i| i + 1), problem);
    let empty = |column: Column| {
        at(
            column,
            P::EmptyCell {
                column: column.header(),
            },
        )
    };
    let no = match criterion_of(table.source, cell(Column::Criterion)) {
        Ok(no) => no,
        Err(problem) => {
            errors.push(at(Column::Criterion, problem));
            return;
        }
    };
    let criterion = criteria.entry(no).or_insert_with(|| CriterionRows {
        first_row: row.number,
        ..CriterionRows::default()
    });
    let name = cell(Column::CriterionName);
    match &criterion.name {
        _ if name.is_empty() => {}
        None => criterion.name = Some((name.to_string(), row.number)),
        Some((other, first_row)) if other != name => errors.push(at(
            Column::CriterionName,
            P::CriterionTwoNames {
                criterion: no,
                name: name.to_string(),
                other: other.clone(),
                first_row: *first_row,
            },
        )),
        Some(_) => {}
    }
    let id = cell(Column::Indicator);
    if id.is_empty() {
        errors.push(empty(Column::Indicator));
        return;
    }
    if let Some(first) = criterion.indicators.iter().find(|i| i.id == id) {
        errors.push(at(
            Column::Indicator,
            P::DuplicateIndicatorRow {
                id: id.to_string(),
                criterion: no,
                first_row: first.row,
            },
        ));
        return;
    }
    if let Some((prefix, _)) = id.split_once('.')
        && prefix.parse::<u32>().is_ok_and(|p| p != no)
    {
        let problem = P::IndicatorOutsideCriterion {
            id: id.to_string(),
            criterion: no,
        };
        errors.push(at(Column::Indicator, problem));
        return;
    }
    let indicator_name = cell(Column::IndicatorName);
    if indicator_name.is_empty() {
        errors.push(empty(Column::IndicatorName));
        return;
    }
    let groups = columns
        .iter()
        .filter_map(|(column, index)| match column {
            Column::Group(n) if !row.cell(*index).is_empty() => Some((*n, row.cell(*index).to_string())),
            _ => None,
        })
        .collect();
    let target = Some(cell(Column::Target)).filter(|t| !t.is_empty()).map(str::to_string);
    criterion.indicators.push(IndicatorRow {
        id: id.to_string(),
        name: indicator_name.to_string(),
        target,
        groups,
        row: row.number,
    });
}

/// The criterion number of a row's first cell `text`, or what is wrong with it.
fn criterion_of(source: Source, text: &str) -> Result<u32, P> {
    if text.is_empty() {
        return Err(match source {
            Source::Csv => P::EmptyCriterionCsv,
            Source::Xlsx => P::EmptyCell {
                column: Column::Criterion.header(),
            },
        });
    }
    criterion_number(text).ok_or_else(|| P::BadCriterionNumber { text: text.to_string() })
}

/// `2`, `02`, `2.` or `Tiêu chí 2` read as criterion 2.
fn criterion_number(text: &str) -> Option<u32> {
    let lower = text.to_lowercase();
    let digits = ["tiêu chí", "criterion", "tc"]
        .iter()
        .fold(lower.as_str(), |rest, prefix| rest.strip_prefix(prefix).unwrap_or(rest))
        .trim()
        .trim_end_matches('.');
    digits.parse().ok().filter(|n| *n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_read_in_both_languages() {
        assert_eq!(Column::from_header("Tiêu chí"), Some(Column::Criterion));
        assert_eq!(Column::from_header(" criterion_name "), Some(Column::CriterionName));
        assert_eq!(Column::from_header("NỘI DUNG CHỈ TIÊU"), Some(Column::IndicatorName));
        assert_eq!(Column::from_header("Xã nhóm 2"), Some(Column::Group(2)));
        assert_eq!(Column::from_header("group_3"), Some(Column::Group(3)));
        assert_eq!(Column::from_header("Mức đạt chuẩn nhóm 1"), Some(Column::Group(1)));
        assert_eq!(Column::from_header("Ghi chú"), None);
    }

    #[test]
    fn criterion_numbers_read_as_people_write_them() {
        assert_eq!(criterion_number("2"), Some(2));
        assert_eq!(criterion_number("Tiêu chí 10"), Some(10));
        assert_eq!(criterion_number("3."), Some(3));
        assert_eq!(criterion_number("hai"), None);
        assert_eq!(criterion_number("0"), None);
    }
}
