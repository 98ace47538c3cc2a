//! Reading an office's table into rows of text: a CSV (comma, semicolon or tab separated;
//! UTF-8, UTF-16 with a byte-order mark as Excel writes it, or Windows-1258) or the first
//! sheet of an .xlsx workbook (calamine), where a merged range gives its value to every
//! cell it covers, as the user sees it in Excel.
//!
//! Every cell is NFC text, trimmed. Cells that cannot be decoded are reported by row and
//! column, all of them, and the rest of the table is still read.

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx};
use encoding_rs::{Encoding, UTF_8, WINDOWS_1258};
use unicode_normalization::UnicodeNormalization;

use crate::error::{Diagnostic, Error};
use crate::problem::{CriteriaProblem, Problem};

/// Tables are a few kilobytes; anything past this is refused before reading.
pub const MAX_TABLE_BYTES: u64 = 8 * 1024 * 1024;

/// Where the table came from, which decides how an empty criterion cell reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Delimited text.
    Csv,
    /// The first sheet of a workbook.
    Xlsx,
}

/// One non-empty row: its number as the user sees it (1-based) and its cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Row number in the file or sheet.
    pub number: usize,
    /// Cell texts, first column first.
    pub cells: Vec<String>,
}

impl Row {
    /// The cell in column `index` (0-based), empty when absent.
    pub fn cell(&self, index: usize) -> &str {
        self.cells.get(index).map_or("", String::as_str)
    }
}

/// A table read: its rows (the header first), and what was found on the way.
#[derive(Debug)]
pub struct Table {
    /// The file.
    pub path: PathBuf,
    /// CSV or workbook.
    pub source: Source,
    /// Non-empty rows, in order.
    pub rows: Vec<Row>,
    /// Cells that could not be read (errors) and notes on the encoding (warnings).
    pub diagnostics: Vec<Diagnostic>,
}

impl Table {
    /// A diagnostic at row `row`, column `column` (both 1-based).
    pub fn at(&self, row: usize, column: usize, problem: CriteriaProblem) -> Diagnostic {
        diagnostic(&self.path, row, column, problem)
    }
}

fn diagnostic(path: &Path, row: usize, column: usize, problem: CriteriaProblem) -> Diagnostic {
    Diagnostic::at(path, "", row, column, Problem::Criteria(problem))
}

/// Reads the table at `path`: `.xlsx`/`.xlsm` as a workbook, anything else as delimited text.
pub fn read(path: &Path) -> Result<Table, Error> {
    let read_error = |e: std::io::Error| Error::Read {
        path: path.to_path_buf(),
        detail: e.to_string(),
    };
    let size = std::fs::metadata(path).map_err(read_error)?.len();
    if size > MAX_TABLE_BYTES {
        let problem = Problem::TooLarge {
            bytes: size,
            limit: MAX_TABLE_BYTES,
        };
        return Err(Diagnostic::at(path, "", 1, 1, problem).into());
    }
    let bytes = std::fs::read(path).map_err(read_error)?;
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let table = if matches!(extension.as_str(), "xlsx" | "xlsm") {
        read_xlsx(path, bytes)?
    } else {
        read_delimited(path, &bytes, extension == "tsv")?
    };
    if table.rows.is_empty() {
        return Err(diagnostic(path, 1, 1, CriteriaProblem::TableEmpty).into());
    }
    Ok(table)
}

/// Reads delimited text, finding its encoding and its separator.
pub fn read_delimited(path: &Path, bytes: &[u8], tabs: bool) -> Result<Table, Error> {
    let not_a_table = |detail: &str| {
        Error::from(diagnostic(
            path,
            1,
            1,
            CriteriaProblem::NotATable { detail: detail.into() },
        ))
    };
    let mut diagnostics = Vec::new();
    let (text, per_cell): (Option<String>, Option<&'static Encoding>) = match Encoding::for_bom(bytes) {
        Some((encoding, bom)) if encoding != UTF_8 => {
            // UTF-16 as Excel's "Unicode Text" writes it: transcode, marking what cannot be read.
            let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
            (Some(text.into_owned()), None)
        }
        Some((_, bom)) => match std::str::from_utf8(&bytes[bom..]) {
            Ok(text) => (Some(text.to_string()), None),
            Err(_) => (None, Some(UTF_8)),
        },
        None if bytes.contains(&0) => {
            return Err(not_a_table(
                "có byte 0: tệp UTF-16 không có dấu BOM, hoặc không phải văn bản / a zero byte: UTF-16 without a byte-order mark, or not text",
            ));
        }
        None => match std::str::from_utf8(bytes) {
            Ok(text) => (Some(text.to_string()), None),
            Err(_) if has_utf8_sequences(bytes) => (None, Some(UTF_8)),
            Err(_) => {
                diagnostics.push(diagnostic(
                    path,
                    1,
                    1,
                    CriteriaProblem::ReadAsEncoding {
                        encoding: "Windows-1258".into(),
                    },
                ));
                (None, Some(WINDOWS_1258))
            }
        },
    };
    let raw: &[u8] = match &text {
        Some(text) => text.as_bytes(),
        None => bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes),
    };
    let delimiter = if tabs { b'\t' } else { sniff_delimiter(raw) };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(raw);
    let mut rows = Vec::new();
    for record in reader.byte_records() {
        let record = record.map_err(|e| not_a_table(&e.to_string()))?;
        let number = record.position().map_or(rows.len() + 1, |p| p.line() as usize);
        let mut cells = Vec::with_capacity(record.len());
        for (column, field) in record.iter().enumerate() {
            let decoded = match per_cell {
                None => Some(String::from_utf8_lossy(field).into_owned()),
                Some(encoding) => encoding
                    .decode_without_bom_handling_and_without_replacement(field)
                    .map(|c| c.into_owned()),
            };
            let cell = match decoded {
                Some(cell) if !cell.contains('\u{FFFD}') => cell,
                _ => {
                    let encoding = per_cell.map_or("UTF-16", |e| if e == UTF_8 { "UTF-8" } else { "Windows-1258" });
                    diagnostics.push(diagnostic(
                        path,
                        number,
                        column + 1,
                        CriteriaProblem::UndecodableCell {
                            encoding: encoding.into(),
                        },
                    ));
                    String::new()
                }
            };
            cells.push(clean(&cell));
        }
        push_row(&mut rows, number, cells);
    }
    Ok(Table {
        path: path.to_path_buf(),
        source: Source::Csv,
        rows,
        diagnostics,
    })
}

/// Whether invalid UTF-8 bytes sit beside real multi-byte UTF-8 sequences (a UTF-8 file with
/// a few bad cells), rather than being a legacy single-byte encoding throughout.
fn has_utf8_sequences(bytes: &[u8]) -> bool {
    bytes.utf8_chunks().any(|chunk| !chunk.valid().is_ascii())
}

/// The separator the header line uses most: tab, semicolon or comma.
fn sniff_delimiter(raw: &[u8]) -> u8 {
    let first = raw
        .split(|b| *b == b'\n')
        .find(|line| line.iter().any(|b| !b.is_ascii_whitespace()))
        .unwrap_or_default();
    let count = |d: u8| first.iter().filter(|b| **b == d).count();
    [b'\t', b';', b',']
        .into_iter()
        .max_by_key(|d| (count(*d), *d == b','))
        .unwrap_or(b',')
}

/// Reads the first sheet of a workbook, giving each merged range's value to all its cells.
pub fn read_xlsx(path: &Path, bytes: Vec<u8>) -> Result<Table, Error> {
    let not_a_table = |detail: String| Error::from(diagnostic(path, 1, 1, CriteriaProblem::NotATable { detail }));
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e: calamine::XlsxError| not_a_table(e.to_string()))?;
    let range = match workbook.worksheet_range_at(0) {
        Some(range) => range.map_err(|e| not_a_table(e.to_string()))?,
        None => return Err(not_a_table("không có trang tính nào / no worksheet".into())),
    };
    let merged = workbook
        .merge_cells_by_sheet_id(0)
        .map_err(|e| not_a_table(e.to_string()))?;
    let text_at =
        |row: u32, column: u32| -> String { range.get_value((row, column)).map(cell_text).unwrap_or_default() };
    let Some((first_row, first_column)) = range.start() else {
        return Ok(Table {
            path: path.to_path_buf(),
            source: Source::Xlsx,
            rows: Vec::new(),
            diagnostics: Vec::new(),
        });
    };
    let (last_row, last_column) = range.end().unwrap_or((first_row, first_column));
    let mut rows = Vec::new();
    for row in first_row..=last_row {
        let cells: Vec<String> = (0..=last_column)
            .map(|column| {
                let (source_row, source_column) = merged
                    .iter()
                    .find(|m| (m.start.0..=m.end.0).contains(&row) && (m.start.1..=m.end.1).contains(&column))
                    .map_or((row, column), |m| m.start);
                clean(&text_at(source_row, source_column))
            })
            .collect();
        push_row(&mut rows, row as usize + 1, cells);
    }
    Ok(Table {
        path: path.to_path_buf(),
        source: Source::Xlsx,
        rows,
        diagnostics: Vec::new(),
    })
}

/// A cell as the user reads it: numbers without a trailing `.0`.
fn cell_text(data: &Data) -> String {
    match data {
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

fn clean(cell: &str) -> String {
    cell.trim().nfc().collect()
}

fn push_row(rows: &mut Vec<Row>, number: usize, cells: Vec<String>) {
    if cells.iter().any(|c| !c.is_empty()) {
        rows.push(Row { number, cells });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(table: &Table) -> Vec<Vec<String>> {
        table.rows.iter().map(|r| r.cells.clone()).collect()
    }

    #[test]
    fn windows_1258_is_read_and_composed_to_nfc() {
        // "Tiêu chí" in Windows-1258: ê = 0xEA, í = 0xED.
        let bytes = b"Ti\xEAu ch\xED;x\n1;Quy ho\xE3ch\n";
        let table = read_delimited(Path::new("t.csv"), bytes, false).unwrap();
        assert_eq!(cells(&table)[0], ["Tiêu chí", "x"]);
        // "ạ" is written as "a" + combining dot below (0xF2) in Windows-1258.
        let composed = read_delimited(Path::new("t.csv"), b"Quy ho\x61\xF2ch\n", false).unwrap();
        assert_eq!(composed.rows[0].cells[0], "Quy hoạch");
        assert!(matches!(
            &table.diagnostics[0].problem,
            Problem::Criteria(CriteriaProblem::ReadAsEncoding { .. })
        ));
    }

    #[test]
    fn utf8_with_a_bad_cell_names_that_cell_and_reads_the_rest() {
        let bytes = b"Ti\xC3\xAAu ch\xC3\xAD,b\n1,ok\n2,bad \xFF here\n";
        let table = read_delimited(Path::new("t.csv"), bytes, false).unwrap();
        assert_eq!(table.rows.len(), 3);
        assert_eq!(table.diagnostics.len(), 1);
        let d = &table.diagnostics[0];
        assert_eq!((d.line, d.column), (3, 2));
    }

    #[test]
    fn utf16_with_a_bom_and_tabs_is_read() {
        let text = "Tiêu chí\tChỉ tiêu\n1\t1.1\n";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let table = read_delimited(Path::new("t.txt"), &bytes, false).unwrap();
        assert_eq!(cells(&table), [vec!["Tiêu chí", "Chỉ tiêu"], vec!["1", "1.1"]]);
        assert!(table.diagnostics.is_empty());
    }
}
