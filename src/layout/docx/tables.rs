//! The two tables of the assessment documents as WordprocessingML: the criteria table of the
//! report and the summary table, ruled, their header row repeated on each page.

use super::value::Inline;
use super::value::{Fields, Value, text_of};
use super::xml::{self, Cell, PLAIN, ParaStyle, mm};

const CELL: ParaStyle = ParaStyle {
    line: 252,
    size: 13.0,
    ..PLAIN
};

fn cell(text: impl Into<String>, align: &'static str, bold: bool) -> Cell {
    let mut body = String::new();
    let text = text.into();
    let runs = if text.is_empty() {
        Vec::new()
    } else {
        vec![Inline {
            text,
            bold,
            ..Inline::default()
        }]
    };
    xml::paragraph(&mut body, ParaStyle { align, ..CELL }, &runs);
    Cell::new(body)
}

/// A row's field (rows are dictionaries: `vanban.typ` reads them the same way to draw).
fn field<'v>(row: &'v Value, name: &str) -> &'v Value {
    match row {
        Value::Dict(entries) => entries.iter().find(|(n, _)| n == name).map_or(&Value::None, |(_, v)| v),
        _ => &Value::None,
    }
}

fn rows_of(value: &Value) -> &[Value] {
    match value {
        Value::Array(rows) => rows,
        _ => &[],
    }
}

fn header_row(titles: &[&str]) -> Vec<Cell> {
    titles.iter().map(|t| cell(*t, "center", true)).collect()
}

/// The criteria table: ruled, 13 pt, the header row repeating, rows never split.
pub fn criteria_table(out: &mut String, width: u32, fields: &Fields) {
    let mut widths = [12.0, 0.0, 19.0, 19.0, 23.0, 38.0].map(mm);
    widths[1] = width - widths.iter().sum::<u32>();
    let mut rows = vec![header_row(&[
        "TT",
        "Tên tiêu chí",
        "Số chỉ tiêu",
        "Số chỉ tiêu đạt",
        "Đánh giá",
        "Ghi chú",
    ])];
    let count = |v: &Value| {
        if *v == Value::None {
            "—".to_string()
        } else {
            text_of(v)
        }
    };
    for row in rows_of(fields.get("rows")) {
        let met = matches!(field(row, "criterion_met"), Value::Bool(true));
        rows.push(vec![
            cell(text_of(field(row, "no")), "center", false),
            cell(text_of(field(row, "name")), "left", false),
            cell(count(field(row, "indicators")), "center", false),
            cell(count(field(row, "met")), "center", false),
            cell(if met { "Đạt" } else { "Chưa đạt" }, "center", false),
            cell(text_of(field(row, "note")), "left", false),
        ]);
    }
    let total = fields.get("total");
    if *total != Value::None {
        let mut label = cell(text_of(field(total, "label")), "center", true);
        label.span = 2;
        rows.push(vec![
            label,
            cell(text_of(field(total, "indicators")), "center", true),
            cell(text_of(field(total, "met")), "center", true),
            cell(text_of(field(total, "verdict")), "center", true),
            cell("", "left", false),
        ]);
    }
    xml::table(out, &widths, true, 1, rows);
}

/// The archive's summary table: one row per unit.
pub fn summary_table(out: &mut String, width: u32, fields: &Fields) {
    let mut widths = [12.0, 0.0, 28.0, 24.0, 24.0].map(mm);
    widths[1] = width - widths.iter().sum::<u32>();
    let mut rows = vec![header_row(&[
        "TT",
        "Đơn vị",
        "Ngày đánh giá",
        "Tiêu chí đạt",
        "Chỉ tiêu đạt",
    ])];
    for (i, row) in rows_of(fields.get("rows")).iter().enumerate() {
        let mut cells = vec![cell((i + 1).to_string(), "center", false)];
        cells.push(cell(text_of(field(row, "unit")), "left", false));
        for name in ["date", "criteria", "indicators"] {
            cells.push(cell(text_of(field(row, name)), "center", false));
        }
        rows.push(cells);
    }
    xml::table(out, &widths, true, 1, rows);
}

/// A ruled table of text: column widths as shares of `width`, the header row bold, centred
/// and repeated on each page, each column aligned as the block says.
pub fn data_table(out: &mut String, width: u32, fields: &Fields) {
    let shares: Vec<f64> = rows_of(fields.get("columns"))
        .iter()
        .map(|c| match c {
            Value::Ratio(r) => *r,
            _ => 0.0,
        })
        .collect();
    let widths: Vec<u32> = shares.iter().map(|s| (f64::from(width) * s).round() as u32).collect();
    let aligns: Vec<&'static str> = rows_of(fields.get("align"))
        .iter()
        .map(|a| if text_of(a) == "center" { "center" } else { "left" })
        .collect();
    let header: Vec<String> = rows_of(fields.get("header")).iter().map(text_of).collect();
    let mut rows = vec![header.iter().map(|h| cell(h.clone(), "center", true)).collect()];
    for row in rows_of(fields.get("rows")) {
        let cells = rows_of(row)
            .iter()
            .enumerate()
            .map(|(i, v)| cell(text_of(v), aligns.get(i).copied().unwrap_or("left"), false))
            .collect();
        rows.push(cells);
    }
    xml::table(out, &widths, true, 1, rows);
}
