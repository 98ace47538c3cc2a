//! `vanban archive ...` and `vanban extract`: the archive of records and archival PDFs.

use std::path::Path;

use crate::archive::register::RegisterRow;
use crate::archive::{Added, Archive};
use crate::args::ArchiveCommand;
use crate::compose::templates::TemplateSource;
use crate::error::Error;
use crate::problem::Lang;
use crate::problem::say::{Label, Say};
use crate::record::Date;
use crate::render::Renderer;

use super::{report, warn};
use crate::prepare::walk;

/// Runs one archive subcommand.
pub fn run(command: &ArchiveCommand, lang: Lang) -> Result<(), Error> {
    match command {
        ArchiveCommand::Search {
            query,
            unit,
            kind,
            from,
            to,
            issuer,
            task_owner,
            due_from,
            due_to,
            limit,
            json,
            archive_dir,
        } => {
            let query = crate::archive::search::Query {
                text: query,
                unit: unit.as_deref(),
                kind: *kind,
                from: *from,
                to: *to,
                issuer: issuer.as_deref(),
                tasks: crate::archive::tasks::TaskFilter {
                    owner: task_owner.as_deref(),
                    due_from: *due_from,
                    due_to: *due_to,
                },
                limit: *limit,
            };
            super::search::search(&query, *json, archive_dir, lang)
        }
        ArchiveCommand::Reindex { archive_dir } => super::search::reindex(archive_dir),
        ArchiveCommand::Add { records, archive_dir } => add(records, archive_dir, lang),
        ArchiveCommand::Merge { other, archive_dir } => merge(other, archive_dir, lang),
        ArchiveCommand::List {
            unit,
            year,
            kind,
            archive_dir,
        } => {
            let archive = Archive::open_existing(archive_dir)?;
            for e in archive.list(unit.as_deref(), *year, *kind)? {
                let totals = e.totals.as_deref().unwrap_or(&e.numbers);
                super::say!(
                    "{}\t{}\t{}\t{}\t{}",
                    e.id,
                    e.date,
                    e.kind.in_words(lang),
                    e.unit,
                    totals
                );
            }
            Ok(())
        }
        ArchiveCommand::Show { id, archive_dir } => show(id, archive_dir, lang),
        ArchiveCommand::History { unit, archive_dir } => {
            let archive = Archive::open_existing(archive_dir)?;
            for point in archive.history(unit)? {
                super::say!("{}\t{}\t{}", point.date, point.set, point.totals);
                for change in point.changes {
                    super::say!("\t  {change}");
                }
            }
            Ok(())
        }
        ArchiveCommand::Verify { archive_dir } => verify(archive_dir, lang),
        ArchiveCommand::Register {
            year,
            issuer,
            output,
            archive_dir,
        } => {
            let archive = Archive::open_existing(archive_dir)?;
            let rows = archive.register(*year, issuer.as_deref())?;
            register_out(&rows, *year, issuer.as_deref(), output.as_deref(), lang)
        }
        ArchiveCommand::RegisterSetting {
            issuer,
            per_type,
            archive_dir,
            ..
        } => {
            Archive::open_existing(archive_dir)?.set_per_type(issuer, *per_type)?;
            Ok(())
        }
        ArchiveCommand::Summary {
            set,
            as_of,
            output,
            archive_dir,
        } => summary(set, *as_of, output.as_deref(), archive_dir, lang),
    }
}

/// `archive add`: each record issued, each archival PDF gathered; one failure does not stop the others.
fn add(records: &[std::path::PathBuf], archive_dir: &Path, lang: Lang) -> Result<(), Error> {
    let mut archive = Archive::open(archive_dir)?;
    let renderer = Renderer::new(TemplateSource::default())?;
    let mut failed = 0;
    let records = walk::issued(records)?.warned(lang);
    for record in &records {
        let done = if record.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")) {
            archive.gather(&renderer, record).map(|gathered| {
                say_added(&gathered.added, lang);
                super::say!("{}", gathered.said(record).take(lang));
            })
        } else {
            archive.add(&renderer, record).map(|added| say_added(&added, lang))
        };
        if let Err(error) = done {
            report(&error, lang);
            failed += 1;
        }
    }
    if failed > 0 {
        return super::batch_result(failed, records.len());
    }
    Ok(())
}

/// `archive merge`: every entry of another archive, one failure not stopping the others.
fn merge(other: &Path, archive_dir: &Path, lang: Lang) -> Result<(), Error> {
    let mut archive = Archive::open(archive_dir)?;
    let renderer = Renderer::new(TemplateSource::default())?;
    let results = archive.merge(&renderer, other)?;
    let total = results.len();
    let mut failed = 0;
    for result in results {
        match result {
            Ok(added) => say_added(&[added], lang),
            Err(error) => {
                report(&error, lang);
                failed += 1;
            }
        }
    }
    if failed > 0 {
        return super::batch_result(failed, total);
    }
    Ok(())
}

/// `archive show`: an entry's fields and files.
fn show(id: &str, archive_dir: &Path, lang: Lang) -> Result<(), Error> {
    let archive = Archive::open_existing(archive_dir)?;
    let Some((e, files)) = archive.show(id)? else {
        return Err(Error::NoSuchEntry { id: id.to_string() });
    };
    let field = |label, value: &str| super::say!("  {}: {value}", Say::Label(label).to(lang));
    super::say!("{}", e.id);
    field(Label::Kind, e.kind.in_words(lang));
    field(Label::Unit, &e.unit);
    field(Label::Issuer, &e.issuer);
    field(Label::Date, &e.date.to_string());
    if let Some(set) = &e.criteria_set {
        field(Label::Set, set);
        field(Label::Totals, e.totals.as_deref().unwrap_or_default());
    }
    if !e.numbers.is_empty() {
        field(Label::Numbers, &e.numbers);
    }
    for file in files {
        super::say!("  {}  {:<8}  {}", file.sha256, file.role, file.path);
    }
    Ok(())
}

/// `archive verify`: every finding reported; an error when there is any.
fn verify(archive_dir: &Path, lang: Lang) -> Result<(), Error> {
    let archive = Archive::open_existing(archive_dir)?;
    let renderer = Renderer::new(TemplateSource::default())?;
    let (files, findings) = archive.verify(&renderer)?;
    for finding in &findings {
        report(finding, lang);
    }
    if findings.is_empty() {
        super::say!("{}", Say::ArchiveIntact { files }.to(lang));
        Ok(())
    } else {
        Err(Error::Findings { found: findings.len() })
    }
}

/// `archive summary`: the latest totals of each unit under `set`, as a PDF table.
fn summary(set: &str, as_of: Option<Date>, output: Option<&Path>, archive_dir: &Path, lang: Lang) -> Result<(), Error> {
    let archive = Archive::open_existing(archive_dir)?;
    let rows: Vec<_> = archive
        .latest(set, as_of)?
        .into_iter()
        .map(|e| {
            let c = e.counts.unwrap_or_default();
            minijinja::context! {
                unit => e.unit,
                date => crate::vietnamese::date_short(e.date),
                criteria => format!("{}/{}", c.criteria_met, c.criteria_total),
                indicators => format!("{}/{}", c.indicators_met, c.indicator_total),
            }
        })
        .collect();
    let date = as_of.unwrap_or(Date {
        year: 2000,
        month: 1,
        day: 1,
    });
    let set_name = crate::criteria::resolve(set, Path::new(".")).map_or_else(|_| set.to_string(), |s| s.set.name);
    let context = minijinja::context! {
        set_id => set,
        set_name => set_name,
        as_of => as_of.map(crate::vietnamese::date_short),
        rows => rows,
    };
    let renderer = Renderer::new(TemplateSource::default())?;
    let (bytes, warnings) =
        renderer.pdf_from_template("tong-hop.state.typ.j2", &context, &format!("tong-hop-{set}"), date)?;
    warn(&warnings, lang);
    let path = output.map_or_else(
        || Path::new(&format!("tong-hop-{set}.pdf")).to_path_buf(),
        Path::to_path_buf,
    );
    crate::output::write_atomic(&path, &bytes)?;
    super::say!("{}", path.display());
    Ok(())
}

/// One line per entry: stored, or already there.
fn say_added(added: &[Added], lang: Lang) {
    for entry in added {
        let said = match entry {
            Added::New(id) => Say::Added(id),
            Added::AlreadyThere(id) => Say::AlreadyArchived(id),
        };
        super::say!("{}", said.to(lang));
    }
}

/// The register's columns, as headed in every output.
const REGISTER_HEADINGS: [&str; 6] = ["Số và ký hiệu", "Ngày", "Trích yếu", "Người ký", "Nơi nhận", "Mục lưu"];

fn register_cells(row: &RegisterRow) -> [String; 6] {
    let date = Date::parse(&row.date).map_or_else(|_| row.date.clone(), crate::vietnamese::date_short);
    [
        row.number_line
            .trim_start_matches("Số:")
            .trim_start_matches("Số")
            .trim()
            .to_string(),
        date,
        row.summary.clone(),
        row.signer.clone(),
        row.recipients.clone(),
        row.entry.clone(),
    ]
}

/// Prints the register, or writes it as CSV or PDF.
fn register_out(
    rows: &[RegisterRow],
    year: Option<i32>,
    issuer: Option<&str>,
    output: Option<&Path>,
    lang: Lang,
) -> Result<(), Error> {
    let cells: Vec<[String; 6]> = rows.iter().map(register_cells).collect();
    let Some(path) = output else {
        super::say!("{}", REGISTER_HEADINGS.join("\t"));
        for row in &cells {
            super::say!("{}", row.join("\t"));
        }
        return Ok(());
    };
    let bytes = if path.extension().is_some_and(|e| e == "csv") {
        let mut csv = String::new();
        for row in std::iter::once(REGISTER_HEADINGS.map(String::from)).chain(cells) {
            let quoted: Vec<String> = row.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect();
            csv.push_str(&quoted.join(","));
            csv.push_str("\r\n");
        }
        csv.into_bytes()
    } else {
        let scope = match (issuer, year) {
            (Some(i), Some(y)) => format!("{i}, năm {y}"),
            (Some(i), None) => i.to_string(),
            (None, Some(y)) => format!("Năm {y}"),
            (None, None) => String::new(),
        };
        let rows: Vec<_> = cells
            .iter()
            .map(|c| {
                minijinja::context! { number => &c[0], date => &c[1], summary => &c[2], signer => &c[3], recipients => &c[4], entry => &c[5] }
            })
            .collect();
        let context = minijinja::context! { scope => scope, rows => rows };
        let renderer = Renderer::new(TemplateSource::default())?;
        let date = Date {
            year: year.unwrap_or(2000),
            month: 1,
            day: 1,
        };
        let (bytes, warnings) =
            renderer.pdf_from_template("so-van-ban-di.state.typ.j2", &context, "so-van-ban-di", date)?;
        warn(&warnings, lang);
        bytes
    };
    crate::output::write_atomic(path, &bytes)?;
    super::say!("{}", path.display());
    Ok(())
}

/// `vanban extract PDF [-o DIR] [--force]`.
pub fn extract(pdf: &Path, dir: &Path, force: bool) -> Result<(), Error> {
    super::print_written(crate::output::extract::extract(pdf, dir, force)?)
}
