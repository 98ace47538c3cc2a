//! Reading the archive: `list`, `show`, `history`, and each unit's latest totals (`summary`).
//!
//! Every query is answered from an index (`entries_unit`, `entries_year`, `entries_set`), so
//! its time grows with what it returns, not with the size of the archive.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};

use crate::documents::RecordKind;
use crate::error::Error;
use crate::record::Date;

use super::Archive;

/// An assessment's totals: criteria met of total, indicators met of total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Criteria met.
    pub criteria_met: u32,
    /// Criteria in the set.
    pub criteria_total: u32,
    /// Indicators met.
    pub indicators_met: u32,
    /// Indicators counted.
    pub indicator_total: u32,
}

/// One row of `archive list`.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Entry name (folder under `entries/`).
    pub id: String,
    /// Which kind of record.
    pub kind: RecordKind,
    /// The unit worked with or assessed.
    pub unit: String,
    /// The issuing body.
    pub issuer: String,
    /// Date of the session or assessment.
    pub date: Date,
    /// Criteria set id (assessments).
    pub criteria_set: Option<String>,
    /// `đạt 17/19 tiêu chí, 71/75 chỉ tiêu` (assessments).
    pub totals: Option<String>,
    /// Document numbers as printed.
    pub numbers: String,
    /// Criteria and indicators met (assessments).
    pub counts: Option<Counts>,
}

/// A file of an entry, as indexed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexedFile {
    /// Path inside the entry.
    pub path: String,
    /// `record`, `input`, `document` or `received`.
    pub role: String,
    /// Lower-case hex SHA-256.
    pub sha256: String,
}

/// One point in a unit's history: an assessment's totals and what changed since the last.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryPoint {
    /// Entry name.
    pub entry: String,
    /// Date of the assessment.
    pub date: Date,
    /// Criteria set id.
    pub set: String,
    /// Totals phrase.
    pub totals: String,
    /// Criteria whose result changed since the previous assessment on the same set.
    pub changes: Vec<String>,
}

/// The columns an [`Entry`] is read from, in [`entry_row`]'s order.
const ENTRY_COLUMNS: &str = "id, kind, unit, issuer, date, criteria_set, totals, numbers, \
     criteria_met, criteria_total, indicators_met, indicator_total";

impl Archive {
    /// Entries matching the filters, newest first.
    pub fn list(&self, unit: Option<&str>, year: Option<i32>, kind: Option<RecordKind>) -> Result<Vec<Entry>, Error> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM entries
             WHERE (?1 IS NULL OR unit = ?1) AND (?2 IS NULL OR year = ?2) AND (?3 IS NULL OR kind = ?3)
             ORDER BY date DESC, id"
        );
        self.db
            .prepare_cached(&sql)
            .and_then(|mut s| {
                s.query_map(params![unit, year, kind.map(RecordKind::name)], entry_row)?
                    .collect()
            })
            .map_err(|e| self.fail(e))
    }

    /// One entry, by its name or the start of it, and its files with their hashes.
    pub fn show(&self, id: &str) -> Result<Option<(Entry, Vec<IndexedFile>)>, Error> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM entries WHERE id = ?1 OR (id > ?1 AND id < ?1 || char(1114111))
             ORDER BY id != ?1, id LIMIT 1"
        );
        let entry = self
            .db
            .prepare_cached(&sql)
            .and_then(|mut s| s.query_row([id], entry_row).optional())
            .map_err(|e| self.fail(e))?;
        let Some(entry) = entry else { return Ok(None) };
        let files = self.files_of(&entry.id)?;
        Ok(Some((entry, files)))
    }

    /// The files of an entry as indexed, by path.
    pub fn files_of(&self, entry: &str) -> Result<Vec<IndexedFile>, Error> {
        self.db
            .prepare_cached("SELECT path, role, sha256 FROM files WHERE entry = ?1 ORDER BY path")
            .and_then(|mut s| {
                s.query_map([entry], |r| {
                    Ok(IndexedFile {
                        path: r.get(0)?,
                        role: r.get(1)?,
                        sha256: r.get(2)?,
                    })
                })?
                .collect()
            })
            .map_err(|e| self.fail(e))
    }

    /// A unit's assessments over time, with the criteria that changed on each set.
    pub fn history(&self, unit: &str) -> Result<Vec<HistoryPoint>, Error> {
        let points: Vec<(String, Date, String, String)> = self
            .db
            .prepare_cached(
                "SELECT id, date, criteria_set, totals FROM entries
                 WHERE unit = ?1 AND kind = 'assessment' ORDER BY date, id",
            )
            .and_then(|mut s| {
                s.query_map([unit], |r| {
                    Ok((
                        r.get(0)?,
                        column_date(r, 1)?,
                        r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                        r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                    ))
                })?
                .collect()
            })
            .map_err(|e| self.fail(e))?;
        let mut last_on_set: HashMap<String, Vec<(i64, String, bool)>> = HashMap::new();
        let mut history = Vec::with_capacity(points.len());
        for (entry, date, set, totals) in points {
            let results = self.criteria_of(&entry)?;
            let changes = match last_on_set.get(&set) {
                Some(before) => results
                    .iter()
                    .filter_map(|(no, name, met)| {
                        let was = before.iter().find(|(n, _, _)| n == no).map(|(_, _, m)| *m)?;
                        (was != *met).then(|| format!("{name}: {} → {}", verdict(was), verdict(*met)))
                    })
                    .collect(),
                None => Vec::new(),
            };
            last_on_set.insert(set.clone(), results);
            history.push(HistoryPoint {
                entry,
                date,
                set,
                totals,
                changes,
            });
        }
        Ok(history)
    }

    fn criteria_of(&self, entry: &str) -> Result<Vec<(i64, String, bool)>, Error> {
        self.db
            .prepare_cached("SELECT no, name, met FROM criteria WHERE entry = ?1 ORDER BY no")
            .and_then(|mut s| {
                s.query_map([entry], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                    .collect()
            })
            .map_err(|e| self.fail(e))
    }

    /// Each unit's latest assessment on `set` (on or before `as_of`), by unit.
    pub fn latest(&self, set: &str, as_of: Option<Date>) -> Result<Vec<Entry>, Error> {
        // Index seeks only, on `entries_set`: the units one after another (each the next
        // above the last), each unit's latest date, then the rows on those dates; so the
        // time grows with the number of units, not with the number of assessments.
        let sql = format!(
            "WITH RECURSIVE units(u) AS (
               SELECT MIN(unit) FROM entries WHERE criteria_set = ?1 AND kind = 'assessment'
               UNION ALL
               SELECT (SELECT MIN(unit) FROM entries
                       WHERE criteria_set = ?1 AND kind = 'assessment' AND unit > units.u)
               FROM units WHERE units.u IS NOT NULL),
             latest(lu, ld) AS (
               SELECT u, (SELECT MAX(date) FROM entries
                          WHERE criteria_set = ?1 AND kind = 'assessment' AND unit = units.u AND date <= ?2)
               FROM units WHERE u IS NOT NULL)
             SELECT {ENTRY_COLUMNS} FROM latest CROSS JOIN entries
               ON criteria_set = ?1 AND kind = 'assessment' AND unit = lu AND date = ld
             ORDER BY unit, id"
        );
        let until = as_of.map_or_else(|| "9999-12-31".to_string(), |d| d.to_string());
        let mut rows: Vec<Entry> = self
            .db
            .prepare_cached(&sql)
            .and_then(|mut s| s.query_map(params![set, until], entry_row)?.collect())
            .map_err(|e| self.fail(e))?;
        rows.dedup_by(|later, first| later.unit == first.unit); // two on one day: the first by name
        Ok(rows)
    }
}

/// An [`Entry`] from a row of [`ENTRY_COLUMNS`].
fn entry_row(r: &rusqlite::Row) -> rusqlite::Result<Entry> {
    Ok(Entry {
        id: r.get(0)?,
        kind: column_kind(r, 1)?,
        unit: r.get(2)?,
        issuer: r.get(3)?,
        date: column_date(r, 4)?,
        criteria_set: r.get(5)?,
        totals: r.get(6)?,
        numbers: r.get(7)?,
        counts: match (r.get(8)?, r.get(9)?, r.get(10)?, r.get(11)?) {
            (Some(criteria_met), Some(criteria_total), Some(indicators_met), Some(indicator_total)) => Some(Counts {
                criteria_met,
                criteria_total,
                indicators_met,
                indicator_total,
            }),
            _ => None,
        },
    })
}

/// A `kind` column read back as a typed kind.
fn column_kind(row: &rusqlite::Row, index: usize) -> rusqlite::Result<RecordKind> {
    let name: String = row.get(index)?;
    RecordKind::parse(&name).ok_or_else(|| unreadable(index, &name))
}

/// A `date` column read back as a typed date.
fn column_date(row: &rusqlite::Row, index: usize) -> rusqlite::Result<Date> {
    let text: String = row.get(index)?;
    Date::parse(&text).map_err(|_| unreadable(index, &text))
}

fn unreadable(index: usize, text: &str) -> rusqlite::Error {
    let detail = format!("unreadable value `{text}`");
    rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, detail.into())
}

fn verdict(met: bool) -> &'static str {
    if met { "đạt" } else { "chưa đạt" }
}
