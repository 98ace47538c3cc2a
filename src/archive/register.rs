//! The outgoing register (sổ đăng ký văn bản đi): numbers are given when a record is
//! issued, that is added to the archive, not when it is drafted.
//!
//! A register is kept per issuer (by its name as printed) and per period: a calendar year
//! from 01 on 1 January for state bodies (ND30), a cấp ủy term for Party bodies
//! (vn-doc-format.md §5, marked inferred: terms are taken as the five-year cycle 2020–2025,
//! 2025–2030, …). Whether one sequence serves every document type or each type has its own
//! is a per-issuer setting stored in the archive (`archive register-setting`); the default
//! is one sequence for state bodies (ND30) and one per type for Party bodies.
//!
//! Numbers are given and entered inside the archive's `BEGIN IMMEDIATE` transaction, so two
//! `archive add` processes at once never give the same number.

use rusqlite::{Connection, OptionalExtension, params};

use crate::documents::Requested;
use crate::error::Error;
use crate::prepare::{Prepared, prepare_file};
use crate::problem::Problem;
use crate::record::IssuerSystem;
use crate::record::load::YamlFile;

use super::Numbering;

/// The register's tables.
pub const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS register (
  issuer TEXT NOT NULL, code TEXT NOT NULL, period TEXT NOT NULL, sequence TEXT NOT NULL,
  number INTEGER NOT NULL, entry TEXT NOT NULL, kind TEXT NOT NULL, number_line TEXT NOT NULL,
  date TEXT NOT NULL, year INTEGER NOT NULL, summary TEXT NOT NULL, signer TEXT NOT NULL,
  recipients TEXT NOT NULL, PRIMARY KEY (issuer, period, sequence, number));
CREATE INDEX IF NOT EXISTS register_year ON register(year, issuer);
CREATE TABLE IF NOT EXISTS register_settings (issuer TEXT PRIMARY KEY, per_type INTEGER NOT NULL);
";

/// One line of the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterRow {
    /// Số và ký hiệu, as printed (`Số: 05/TB-UBND`).
    pub number_line: String,
    /// Ngày (YYYY-MM-DD).
    pub date: String,
    /// Trích yếu.
    pub summary: String,
    /// Người ký.
    pub signer: String,
    /// Nơi nhận, joined with `; `.
    pub recipients: String,
    /// The archive entry that holds it.
    pub entry: String,
    /// The issuer.
    pub issuer: String,
    /// The document's kind (its slug: `thong-bao-ket-luan`).
    pub kind: String,
}

/// Which register, and which sequence in it, a document's number belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Sequence {
    issuer: String,
    period: String,
    sequence: String,
}

impl Sequence {
    fn describe(&self) -> String {
        let kind = if self.sequence.is_empty() {
            String::new()
        } else {
            format!(", {}", self.sequence)
        };
        format!("«{}, {}{kind}»", self.issuer, self.period)
    }
}

/// The first year of the Party term that holds `year` (inferred five-year cycle from 2020).
pub fn term_start(year: i32) -> i32 {
    2020 + (year - 2020).div_euclid(5) * 5
}

/// Whether `issuer` keeps one sequence per document type (its setting, else the default).
fn per_type(db: &Connection, issuer: &str, system: IssuerSystem) -> rusqlite::Result<bool> {
    let set: Option<bool> = db
        .query_row(
            "SELECT per_type FROM register_settings WHERE issuer = ?1",
            [issuer],
            |r| r.get(0),
        )
        .optional()?;
    Ok(set.unwrap_or(system == IssuerSystem::Party))
}

fn sequence_of(db: &Connection, prepared: &Prepared, doc: &Requested) -> rusqlite::Result<Sequence> {
    let facts = &prepared.facts;
    let period = match facts.system {
        IssuerSystem::State => format!("năm {}", doc.date.year),
        IssuerSystem::Party => {
            let start = term_start(doc.date.year);
            format!("nhiệm kỳ {start}–{}", start + 5)
        }
    };
    let sequence = if per_type(db, &facts.issuer, facts.system)? {
        doc.kind.sequence_code(facts.system).to_string()
    } else {
        String::new()
    };
    Ok(Sequence {
        issuer: facts.issuer.clone(),
        period,
        sequence,
    })
}

/// The numbered documents of a record: those with a type code, from an issuer with a code.
fn numbered(prepared: &Prepared) -> impl Iterator<Item = (usize, &Requested)> {
    let has_issuer = !prepared.facts.issuer_code.is_empty();
    prepared
        .documents
        .iter()
        .enumerate()
        .filter(move |(_, d)| has_issuer && d.kind.spec().numbering != crate::documents::Numbering::None)
}

/// Checks the numbers a record gives and, with [`Numbering::Give`], gives the next number to
/// each numbered document without one: `(index in documents, number)`. Call inside the
/// store's transaction.
pub fn give_numbers(db: &Connection, prepared: &Prepared, numbering: Numbering) -> Result<Vec<(usize, u32)>, Error> {
    let fail = |e| super::db_error(db.path().unwrap_or_default().as_ref(), e);
    let mut given: Vec<(Sequence, u32)> = Vec::new();
    let mut fresh = Vec::new();
    for (index, doc) in numbered(prepared) {
        let sequence = sequence_of(db, prepared, doc).map_err(fail)?;
        match doc.number {
            Some(number) => {
                let holder: Option<String> = db
                    .query_row(
                        "SELECT entry FROM register WHERE issuer = ?1 AND period = ?2 AND sequence = ?3 AND number = ?4",
                        params![sequence.issuer, sequence.period, sequence.sequence, number],
                        |r| r.get(0),
                    )
                    .optional()
                    .map_err(fail)?;
                if let Some(entry) = holder {
                    let problem = Problem::NumberTaken {
                        number: number.to_string(),
                        register: sequence.describe(),
                        entry,
                    };
                    return Err(prepared.file().diagnostic_at(doc.at, problem).into());
                }
                given.push((sequence, number));
            }
            None if numbering == Numbering::Keep => {}
            None => {
                let last: Option<u32> = db
                    .query_row(
                        "SELECT MAX(number) FROM register WHERE issuer = ?1 AND period = ?2 AND sequence = ?3",
                        params![sequence.issuer, sequence.period, sequence.sequence],
                        |r| r.get(0),
                    )
                    .map_err(fail)?;
                let mine = given.iter().filter(|(s, _)| *s == sequence).map(|(_, n)| *n).max();
                let number = last.unwrap_or(0).max(mine.unwrap_or(0)) + 1;
                given.push((sequence, number));
                fresh.push((index, number));
            }
        }
    }
    Ok(fresh)
}

/// What opens a document block written inline (`notice: { date: … }`).
const FLOW_MAPPING: char = '{';

/// The record again, with `number: N` written into each document block that was given one.
pub fn with_numbers(prepared: &Prepared, given: &[(usize, u32)]) -> Result<Prepared, Error> {
    let file = prepared.file();
    let mut text = file.text.clone();
    let mut places: Vec<(usize, u32)> = given
        .iter()
        .map(|&(index, number)| (offset_of(&file.text, prepared.documents[index].at), number))
        .collect();
    places.sort_by_key(|p| std::cmp::Reverse(p.0)); // from the end, so earlier offsets stay valid
    for (offset, number) in places {
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let indent = text[line_start..offset].chars().count();
        if text[offset..].starts_with(FLOW_MAPPING) {
            text.insert_str(offset + 1, &format!("number: {number}, "));
        } else {
            text.insert_str(offset, &format!("number: {number}\n{}", " ".repeat(indent)));
        }
    }
    prepare_file(YamlFile {
        path: file.path.clone(),
        bytes: text.as_bytes().into(),
        text,
    })
}

/// The byte offset of a 1-based line and character column.
fn offset_of(text: &str, at: serde_saphyr::Location) -> usize {
    let line = usize::try_from(at.line()).unwrap_or(1).max(1);
    let column = usize::try_from(at.column()).unwrap_or(1).max(1);
    let start: usize = text.split_inclusive('\n').take(line - 1).map(str::len).sum();
    let rest = &text[start..];
    rest.char_indices().nth(column - 1).map_or(rest.len(), |(i, _)| i) + start
}

/// Enters the record's numbered documents in the register, under `entry`.
pub fn enter(db: &Connection, entry: &str, prepared: &Prepared) -> rusqlite::Result<()> {
    let facts = &prepared.facts;
    for (_, doc) in numbered(prepared) {
        let Some(number) = doc.number else { continue };
        let sequence = sequence_of(db, prepared, doc)?;
        let line = doc.number_line(facts.system, facts.codes()).unwrap_or_default();
        let summary = format!("{} {}", kind_title(doc), facts.summary);
        db.execute(
            "INSERT INTO register VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                sequence.issuer,
                facts.issuer_code,
                sequence.period,
                sequence.sequence,
                number,
                entry,
                doc.kind.slug(),
                line,
                doc.date.to_string(),
                doc.date.year,
                summary,
                signers(prepared, doc),
                doc.recipients.join("; "),
            ],
        )?;
    }
    Ok(())
}

/// Người ký as the register lists it: the document's signer; for minutes, which have none
/// of their own, the chair and the person who took them, who both sign.
fn signers(prepared: &Prepared, doc: &Requested) -> String {
    if let Some(signer) = &doc.signer {
        return signer.clone();
    }
    match (&prepared.context, doc.kind) {
        (crate::compose::Context::Session(session), crate::documents::DocKind::MINUTES) => {
            let secretary = session.secretary.as_ref().map(|s| s.name.clone());
            std::iter::once(session.chair.name.clone())
                .chain(secretary)
                .collect::<Vec<_>>()
                .join(", ")
        }
        _ => String::new(),
    }
}

fn kind_title(doc: &Requested) -> &'static str {
    doc.kind.names().0
}

/// The register's lines for `year` and `issuer` (name or code), in order of issue.
pub fn lines(db: &Connection, year: Option<i32>, issuer: Option<&str>) -> rusqlite::Result<Vec<RegisterRow>> {
    let mut statement = db.prepare_cached(
        "SELECT number_line, date, summary, signer, recipients, entry, issuer, kind FROM register
         WHERE (?1 IS NULL OR year = ?1) AND (?2 IS NULL OR issuer = ?2 OR code = ?2)
         ORDER BY issuer, period, sequence, number",
    )?;
    statement.query_map(params![year, issuer], row)?.collect()
}

/// The register's lines of the archive entry `entry`, in the order they were entered.
pub fn lines_of(db: &Connection, entry: &str) -> rusqlite::Result<Vec<RegisterRow>> {
    let mut statement = db.prepare_cached(
        "SELECT number_line, date, summary, signer, recipients, entry, issuer, kind FROM register
         WHERE entry = ?1 ORDER BY rowid",
    )?;
    statement.query_map([entry], row)?.collect()
}

fn row(r: &rusqlite::Row) -> rusqlite::Result<RegisterRow> {
    Ok(RegisterRow {
        number_line: r.get(0)?,
        date: r.get(1)?,
        summary: r.get(2)?,
        signer: r.get(3)?,
        recipients: r.get(4)?,
        entry: r.get(5)?,
        issuer: r.get(6)?,
        kind: r.get(7)?,
    })
}

/// Sets whether `issuer` keeps one sequence per document type.
pub fn set_per_type(db: &Connection, issuer: &str, per_type: bool) -> rusqlite::Result<()> {
    db.execute(
        "INSERT INTO register_settings VALUES (?1, ?2)
         ON CONFLICT(issuer) DO UPDATE SET per_type = excluded.per_type",
        params![issuer, per_type],
    )
    .map(|_| ())
}
