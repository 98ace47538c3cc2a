//! `archive search`: the archive's records found by their words, with or without
//! Vietnamese marks ([`super::words`]), ranked by BM25 in SQLite's FTS5, filtered by unit,
//! kind and date. Each entry's record text is indexed in the same transaction that stores
//! the entry; `archive reindex` builds the index again from the stored records.

use rusqlite::{Connection, params};

use super::problem::GatherProblem;
use super::tasks::TaskFilter;
use super::words::{exact, exact_word, folded, folded_word, has_marks, snippet, terms};
use super::{Archive, db_error};
use crate::documents::RecordKind;
use crate::error::Error;
use crate::prepare::TaskFact;
use crate::record::Date;
use crate::record::load::YamlFile;
use crate::render::Renderer;

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
    /// The words; a "quoted phrase" matches its words in order. May be empty when `tasks`
    /// asks something.
    pub text: &'a str,
    /// Only this unit.
    pub unit: Option<&'a str>,
    /// Only this kind.
    pub kind: Option<RecordKind>,
    /// From this day.
    pub from: Option<Date>,
    /// To this day.
    pub to: Option<Date>,
    /// Only the issuers whose names hold these words, with or without marks.
    pub issuer: Option<&'a str>,
    /// Only entries giving a task to this body, due in this time.
    pub tasks: TaskFilter<'a>,
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
    /// The words around the first match, matches «marked» (empty when no words were asked).
    pub snippet: String,
    /// The tasks that met the task filter, "Phòng Kinh tế (hạn 31/03/2025)" (empty without one).
    pub tasks: Vec<String>,
}

/// What the index reads of a record, from one parse of its text.
pub struct RecordWords {
    /// Every text of the record, one per line.
    pub text: String,
    /// The tasks a session record gives (`conclusions.tasks`), read as loosely as the text:
    /// a task without an assignee is skipped, a due date that does not read is left out.
    pub tasks: Vec<TaskFact>,
}

/// The record's words and tasks, as the index keeps them (nothing, for a file that does
/// not parse).
pub fn record_words(file: &YamlFile) -> RecordWords {
    let value = file.parse::<serde_json::Value>().unwrap_or_default();
    let mut out = Vec::new();
    collect(&value, &mut out);
    let tasks = value.pointer("/conclusions/tasks").and_then(|t| t.as_array());
    let tasks = tasks
        .into_iter()
        .flatten()
        .filter_map(|task| {
            Some(TaskFact {
                assignee: task.get("assignee")?.as_str()?.to_string(),
                task: task
                    .get("task")
                    .and_then(|t| t.as_str())
                    .unwrap_or_default()
                    .to_string(),
                partners: task
                    .get("partners")
                    .and_then(|p| p.as_array())
                    .into_iter()
                    .flatten()
                    .filter_map(|p| Some(p.as_str()?.to_string()))
                    .collect(),
                due: task
                    .get("due")
                    .and_then(|d| d.as_str())
                    .and_then(|d| Date::parse(d).ok()),
            })
        })
        .collect();
    RecordWords {
        text: out.join("\n"),
        tasks,
    }
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

/// The words the index keeps of an entry: its record's texts, then each document's words.
pub fn entry_text(record: &str, documents: &[String]) -> String {
    let mut text = record.to_string();
    for words in documents {
        text.push('\n');
        text.push_str(&words.replace('\n', " "));
    }
    text
}

/// Indexes `text` as entry `entry`'s words (inside the caller's transaction).
pub fn index(db: &Connection, entry: &str, text: &str) -> rusqlite::Result<()> {
    db.execute(
        "INSERT INTO texts (entry, shown, exact, folded) VALUES (?1, ?2, ?3, ?4)",
        params![entry, text, exact(text), folded(text)],
    )
    .map(drop)
}

/// Whether `query` can be answered: not too long, and asking something (words or tasks).
pub fn check(query: &Query) -> Result<(), GatherProblem> {
    let chars = query.text.chars().count();
    if chars > LONGEST || (terms(query.text).is_empty() && !query.tasks.is_set()) {
        return Err(GatherProblem::Query {
            chars,
            longest: LONGEST,
        });
    }
    Ok(())
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
        check(query).map_err(|problem| self.problem(problem))?;
        let terms = terms(query.text);
        let issuers = match query.issuer {
            Some(words) => match self.issuers_named(words)? {
                found if found.is_empty() => return Ok(Vec::new()),
                found => Some(serde_json::Value::from(found).to_string()),
            },
            None => None,
        };
        let side_by_side = terms.len() > 1 && terms.iter().all(|t| t.len() == 1);
        let mut plans = Vec::new();
        for marked in [true, false] {
            if terms.is_empty() || (marked && !has_marks(query.text)) {
                continue;
            }
            if side_by_side {
                plans.push(Some(expression(&[terms.concat()], marked)));
            }
            plans.push(Some(expression(&terms, marked)));
        }
        if terms.is_empty() {
            plans.push(None);
        }
        let limit = query.limit.max(1);
        let mut hits: Vec<Hit> = Vec::new();
        for plan in plans {
            for mut hit in self.matching(query, plan.as_deref(), issuers.as_deref(), &terms)? {
                if hits.len() < limit && !hits.iter().any(|h| h.entry == hit.entry) {
                    if query.tasks.is_set() {
                        hit.tasks =
                            super::tasks::matching(&self.db, &hit.entry, &query.tasks).map_err(|e| self.fail(e))?;
                    }
                    hits.push(hit);
                }
            }
        }
        Ok(hits)
    }

    /// The issuers (as printed) whose names hold the words of `words`, marks or not.
    fn issuers_named(&self, words: &str) -> Result<Vec<String>, Error> {
        let wanted = format!(" {} ", folded(words));
        let all: Vec<String> = self
            .db
            .prepare_cached("SELECT DISTINCT issuer FROM entries")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .map_err(|e| self.fail(e))?;
        Ok(all
            .into_iter()
            .filter(|name| format!(" {} ", folded(name)).contains(&wanted))
            .collect())
    }

    /// One plan's entries, best first: those matching `expression` by BM25, or with no
    /// expression every entry the filters let through, newest first.
    fn matching(
        &self,
        query: &Query,
        expression: Option<&str>,
        issuers: Option<&str>,
        terms: &[Vec<String>],
    ) -> Result<Vec<Hit>, Error> {
        let filters = format!(
            "(?2 IS NULL OR e.unit = ?2) AND (?3 IS NULL OR e.kind = ?3)
             AND (?4 IS NULL OR e.date >= ?4) AND (?5 IS NULL OR e.date <= ?5)
             AND (?7 IS NULL OR e.issuer IN (SELECT value FROM json_each(?7))) AND {}",
            TaskFilter::condition(8)
        );
        let sql = match expression {
            Some(_) => format!(
                "SELECT e.id, e.numbers, e.date, e.kind, e.unit, t.shown FROM texts t JOIN entries e ON e.id = t.entry
                 WHERE texts MATCH ?1 AND {filters} ORDER BY bm25(texts), e.date DESC LIMIT ?6"
            ),
            None => format!(
                "SELECT e.id, e.numbers, e.date, e.kind, e.unit, '' FROM entries e
                 WHERE ?1 IS NULL AND {filters} ORDER BY e.date DESC, e.id LIMIT ?6"
            ),
        };
        let mut statement = self.db.prepare_cached(&sql).map_err(|e| self.fail(e))?;
        let [owner, due_from, due_to] = query.tasks.values();
        let rows = statement
            .query_map(
                params![
                    expression,
                    query.unit,
                    query.kind.map(RecordKind::name),
                    query.from.map(|d| d.to_string()),
                    query.to.map(|d| d.to_string()),
                    query.limit.max(1) as i64,
                    issuers,
                    owner,
                    due_from,
                    due_to,
                ],
                |r| {
                    let shown: String = r.get(5)?;
                    Ok(Hit {
                        entry: r.get(0)?,
                        numbers: r.get(1)?,
                        date: r.get(2)?,
                        kind: r.get(3)?,
                        unit: r.get(4)?,
                        snippet: snippet(&shown.replace('\n', " · "), terms, 160),
                        tasks: Vec::new(),
                    })
                },
            )
            .and_then(Iterator::collect);
        rows.map_err(|e| self.fail(e))
    }

    /// Builds the text index and the tasks again from every stored record, laying out its
    /// documents again for their words; how many entries it holds.
    pub fn reindex(&mut self, renderer: &Renderer) -> Result<usize, Error> {
        let index_path = self.index_path();
        let dir = self.dir.join("entries");
        let tx = self.db.transaction().map_err(|e| db_error(&index_path, e))?;
        let entries: Vec<(String, String)> = tx
            .prepare("SELECT id, record_path FROM entries")
            .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
            .map_err(|e| db_error(&index_path, e))?;
        tx.execute_batch("DELETE FROM texts; DELETE FROM tasks;")
            .map_err(|e| db_error(&index_path, e))?;
        for (entry, record) in &entries {
            let path = dir.join(entry).join(record);
            let bytes = crate::output::files::read_inside(&self.dir, &path)?;
            let prepared = crate::prepare::prepare_file(YamlFile::from_bytes(&path, &bytes)?)?;
            let text = entry_text(&record_words(prepared.file()).text, &renderer.words(&prepared)?);
            index(&tx, entry, &text)
                .and_then(|()| super::tasks::index(&tx, entry, &prepared.facts.tasks))
                .map_err(|e| db_error(&index_path, e))?;
        }
        tx.commit().map_err(|e| db_error(&index_path, e))?;
        Ok(entries.len())
    }

    /// An archive problem, naming the archive's index.
    pub(super) fn problem(&self, problem: GatherProblem) -> Error {
        Error::Feature {
            path: self.index_path(),
            problem: Box::new(problem),
        }
    }
}
