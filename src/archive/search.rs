//! `archive search`: the archive's records found by their words, with or without
//! Vietnamese marks ([`super::words`]), ranked by BM25 in SQLite's FTS5, filtered by unit,
//! kind and date. Each entry's record text is indexed in the same transaction that stores
//! the entry; `archive reindex` builds the index again from the stored records.

use std::path::Path;

use rusqlite::{Connection, params};

use super::words::{exact, exact_word, folded, folded_word, has_marks, snippet, terms};
use super::{Archive, db_error};
use crate::documents::RecordKind;
use crate::error::Error;
use crate::record::Date;

/// The text index: one row per entry.
pub const SCHEMA: &str = "
CREATE VIRTUAL TABLE IF NOT EXISTS texts USING fts5(
  entry UNINDEXED, shown UNINDEXED, exact, folded, tokenize = 'unicode61 remove_diacritics 0');
";

/// The longest query answered, in characters.
const LONGEST: usize = 500;

/// What to look for.
#[derive(Debug, Clone, Default)]
pub struct Query<'a> {
    /// The words; a "quoted phrase" matches its words in order.
    pub text: &'a str,
    /// Only this unit.
    pub unit: Option<&'a str>,
    /// Only this kind.
    pub kind: Option<RecordKind>,
    /// From this day.
    pub from: Option<Date>,
    /// To this day.
    pub to: Option<Date>,
    /// At most this many entries.
    pub limit: usize,
}

/// An entry found.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Hit {
    /// The entry's name.
    pub entry: String,
    /// Its documents' numbers.
    pub numbers: String,
    /// The session's or assessment's date.
    pub date: String,
    /// `working_session` or `assessment`.
    pub kind: String,
    /// The unit.
    pub unit: String,
    /// The words around the first match, matches «marked».
    pub snippet: String,
}

/// The record's words as the index keeps them: every text of the record, one per line.
pub fn record_text(path: &Path, bytes: &[u8]) -> String {
    let value = crate::record::load::YamlFile::from_bytes(path, bytes)
        .and_then(|file| file.parse::<serde_json::Value>())
        .unwrap_or_default();
    let mut out = Vec::new();
    collect(&value, &mut out);
    out.join("\n")
}

/// Every text of `value` but identifiers (`working_session`, `party`, an id such as
/// `tho-xuan-2024-03-27`): lower-case ASCII letters, digits, `-` and `_` alone. Dates stay.
fn collect(value: &serde_json::Value, out: &mut Vec<String>) {
    let identifier = |s: &str| {
        s.bytes().any(|b| b.is_ascii_lowercase())
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
    };
    match value {
        serde_json::Value::String(s) if identifier(s) => {}
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| collect(v, out)),
        _ => {}
    }
}

/// Indexes `text` as entry `entry`'s words (inside the caller's transaction).
pub fn index(db: &Connection, entry: &str, text: &str) -> rusqlite::Result<()> {
    db.execute(
        "INSERT INTO texts (entry, shown, exact, folded) VALUES (?1, ?2, ?3, ?4)",
        params![entry, text, exact(text), folded(text)],
    )
    .map(drop)
}

/// The FTS5 expression for `terms`: each term a quoted phrase of letters and digits, on the
/// exact column when `marked`, else the folded one.
fn expression(terms: &[Vec<String>], marked: bool) -> String {
    terms
        .iter()
        .map(|words| {
            let (column, words): (&str, Vec<String>) = if marked {
                ("exact", words.iter().map(|w| exact_word(w)).collect())
            } else {
                ("folded", words.iter().map(|w| folded_word(w)).collect())
            };
            format!("{column} : \"{}\"", words.join(" "))
        })
        .collect::<Vec<_>>()
        .join(" AND ")
}

impl Archive {
    /// The entries whose records hold every term of `query`, best first: with marks as typed
    /// before without them, and, for several plain words, those holding them side by side
    /// (a name, a place) before those holding them apart; each group ranked by BM25.
    pub fn search(&self, query: &Query) -> Result<Vec<Hit>, Error> {
        let chars = query.text.chars().count();
        let terms = terms(query.text);
        if chars > LONGEST || terms.is_empty() {
            return Err(self.problem(super::problem::GatherProblem::Query {
                chars,
                longest: LONGEST,
            }));
        }
        let wanted: Vec<String> = terms.iter().flatten().map(|w| folded_word(w)).collect();
        let side_by_side = terms.len() > 1 && terms.iter().all(|t| t.len() == 1);
        let mut plans = Vec::new();
        for marked in [true, false] {
            if marked && !has_marks(query.text) {
                continue;
            }
            if side_by_side {
                plans.push(expression(&[terms.concat()], marked));
            }
            plans.push(expression(&terms, marked));
        }
        let limit = query.limit.max(1);
        let mut hits: Vec<Hit> = Vec::new();
        for plan in plans {
            for hit in self.matching(query, &plan, &wanted)? {
                if hits.len() < limit && !hits.iter().any(|h| h.entry == hit.entry) {
                    hits.push(hit);
                }
            }
        }
        Ok(hits)
    }

    fn matching(&self, query: &Query, expression: &str, wanted: &[String]) -> Result<Vec<Hit>, Error> {
        let mut statement = self
            .db
            .prepare_cached(
                "SELECT e.id, e.numbers, e.date, e.kind, e.unit, t.shown FROM texts t JOIN entries e ON e.id = t.entry
                 WHERE texts MATCH ?1 AND (?2 IS NULL OR e.unit = ?2) AND (?3 IS NULL OR e.kind = ?3)
                   AND (?4 IS NULL OR e.date >= ?4) AND (?5 IS NULL OR e.date <= ?5)
                 ORDER BY bm25(texts), e.date DESC LIMIT ?6",
            )
            .map_err(|e| self.fail(e))?;
        let rows = statement
            .query_map(
                params![
                    expression,
                    query.unit,
                    query.kind.map(RecordKind::name),
                    query.from.map(|d| d.to_string()),
                    query.to.map(|d| d.to_string()),
                    query.limit.max(1) as i64,
                ],
                |r| {
                    let shown: String = r.get(5)?;
                    Ok(Hit {
                        entry: r.get(0)?,
                        numbers: r.get(1)?,
                        date: r.get(2)?,
                        kind: r.get(3)?,
                        unit: r.get(4)?,
                        snippet: snippet(&shown.replace('\n', " · "), wanted, 160),
                    })
                },
            )
            .and_then(Iterator::collect);
        rows.map_err(|e| self.fail(e))
    }

    /// Builds the text index again from every stored record; how many entries it holds.
    pub fn reindex(&mut self) -> Result<usize, Error> {
        let index_path = self.index_path();
        let dir = self.dir.join("entries");
        let tx = self.db.transaction().map_err(|e| db_error(&index_path, e))?;
        let entries: Vec<(String, String)> = tx
            .prepare("SELECT id, record_path FROM entries")
            .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
            .map_err(|e| db_error(&index_path, e))?;
        tx.execute("DELETE FROM texts", [])
            .map_err(|e| db_error(&index_path, e))?;
        for (entry, record) in &entries {
            let path = dir.join(entry).join(record);
            let bytes = crate::output::files::read_inside(&self.dir, &path)?;
            index(&tx, entry, &record_text(&path, &bytes)).map_err(|e| db_error(&index_path, e))?;
        }
        tx.commit().map_err(|e| db_error(&index_path, e))?;
        Ok(entries.len())
    }

    fn problem(&self, problem: super::problem::GatherProblem) -> Error {
        Error::Feature {
            path: self.index_path(),
            problem: Box::new(problem),
        }
    }
}
