//! `vanban archive ...` and `vanban extract`: the archive of records and archival PDFs.

use std::path::Path;

use crate::archive::{Added, Archive, Finding};
use crate::args::ArchiveCommand;
use crate::error::Error;
use crate::problem::Lang;
use crate::record::Date;
use crate::render::Renderer;
use crate::templates::TemplateSource;

use super::{expand_records, report};

/// Runs one archive subcommand; returns the exit status.
pub fn run(command: &ArchiveCommand, lang: Lang) -> i32 {
    match dispatch(command, lang) {
        Ok(status) => status,
        Err(error) => {
            report(&error, lang);
            error.exit_code()
        }
    }
}

fn dispatch(command: &ArchiveCommand, lang: Lang) -> Result<i32, Error> {
    let vi = lang == Lang::Vi;
    match command {
        ArchiveCommand::Add { records, archive_dir } => {
            let mut archive = Archive::open(archive_dir)?;
            let renderer = Renderer::new(TemplateSource::default())?;
            let mut failed = 0;
            let records = expand_records(records)?;
            for record in &records {
                match archive.add(&renderer, record) {
                    Ok(added) => {
                        for entry in added {
                            match entry {
                                Added::New(id) => println!("{} {id}", if vi { "đã lưu" } else { "added" }),
                                Added::AlreadyThere(id) => {
                                    println!("{} {id}", if vi { "đã có sẵn" } else { "already archived" })
                                }
                            }
                        }
                    }
                    Err(error) => {
                        report(&error, lang);
                        failed += 1;
                    }
                }
            }
            if failed > 0 {
                return Ok(super::records_failed(failed, records.len(), lang));
            }
            Ok(0)
        }
        ArchiveCommand::List {
            unit,
            year,
            kind,
            archive_dir,
        } => {
            let archive = Archive::open_existing(archive_dir)?;
            for e in archive.list(unit.as_deref(), *year, kind.as_deref())? {
                let totals = e.totals.as_deref().unwrap_or(&e.numbers);
                println!("{}\t{}\t{}\t{}\t{}", e.id, e.date, e.kind, e.unit, totals);
            }
            Ok(0)
        }
        ArchiveCommand::Show { id, archive_dir } => {
            let archive = Archive::open_existing(archive_dir)?;
            let Some((e, files)) = archive.show(id)? else {
                eprintln!(
                    "{}: {id}",
                    if vi {
                        "lỗi: không có mục này trong kho"
                    } else {
                        "error: no such entry"
                    }
                );
                return Ok(1);
            };
            println!(
                "{}\n  {}: {}\n  {}: {}\n  {}: {}\n  {}: {}",
                e.id,
                if vi { "loại" } else { "kind" },
                e.kind,
                if vi { "đơn vị" } else { "unit" },
                e.unit,
                if vi { "cơ quan" } else { "issuer" },
                e.issuer,
                if vi { "ngày" } else { "date" },
                e.date
            );
            if let Some(set) = &e.criteria_set {
                println!(
                    "  {}: {set}\n  {}: {}",
                    if vi { "bộ tiêu chí" } else { "criteria set" },
                    if vi { "kết quả" } else { "totals" },
                    e.totals.unwrap_or_default()
                );
            }
            if !e.numbers.is_empty() {
                println!("  {}: {}", if vi { "số văn bản" } else { "numbers" }, e.numbers);
            }
            for (path, role, hash) in files {
                println!("  {hash}  {role:<8}  {path}");
            }
            Ok(0)
        }
        ArchiveCommand::History { unit, archive_dir } => {
            let archive = Archive::open_existing(archive_dir)?;
            for point in archive.history(unit)? {
                println!("{}\t{}\t{}", point.date, point.set, point.totals);
                for change in point.changes {
                    println!("\t  {change}");
                }
            }
            Ok(0)
        }
        ArchiveCommand::Verify { archive_dir } => {
            let archive = Archive::open_existing(archive_dir)?;
            let renderer = Renderer::new(TemplateSource::default())?;
            let (files, findings) = archive.verify(&renderer)?;
            for finding in &findings {
                match finding {
                    Finding::Tampered(p) => eprintln!(
                        "{}: {}",
                        p.display(),
                        if vi {
                            "lỗi: nội dung đã bị thay đổi (SHA-256 không khớp)"
                        } else {
                            "error: contents changed (SHA-256 mismatch)"
                        }
                    ),
                    Finding::Missing(p) => eprintln!(
                        "{}: {}",
                        p.display(),
                        if vi {
                            "lỗi: tệp đã mất"
                        } else {
                            "error: file missing"
                        }
                    ),
                    Finding::RendersDifferently(p) => eprintln!(
                        "{}: {}",
                        p.display(),
                        if vi {
                            "lỗi: kết xuất lại cho kết quả khác"
                        } else {
                            "error: renders differently now"
                        }
                    ),
                    Finding::NoLongerRenders(id, why) => eprintln!(
                        "{id}: {} {why}",
                        if vi {
                            "lỗi: không kết xuất lại được:"
                        } else {
                            "error: no longer renders:"
                        }
                    ),
                }
            }
            if findings.is_empty() {
                println!(
                    "{}",
                    if vi {
                        format!("kho nguyên vẹn: {files} tệp khớp SHA-256, mọi văn bản kết xuất lại giống hệt")
                    } else {
                        format!("archive intact: {files} files match SHA-256, every document re-renders identically")
                    }
                );
                Ok(0)
            } else {
                Ok(1)
            }
        }
        ArchiveCommand::Summary {
            set,
            as_of,
            output,
            archive_dir,
        } => {
            let archive = Archive::open_existing(archive_dir)?;
            let rows: Vec<_> = archive
                .latest(set, as_of.as_deref())?
                .into_iter()
                .map(|e| {
                    let (cm, ct, im, it) = e.counts.unwrap_or_default();
                    let date = Date::parse(&e.date).map_or(e.date.clone(), crate::vietnamese::date_short);
                    minijinja::context! { unit => e.unit, date => date, criteria => format!("{cm}/{ct}"), indicators => format!("{im}/{it}") }
                })
                .collect();
            let date = as_of.as_deref().and_then(|d| Date::parse(d).ok()).unwrap_or(Date {
                year: 2000,
                month: 1,
                day: 1,
            });
            let set_name = crate::criteria::resolve(set, Path::new(".")).map_or_else(|_| set.clone(), |s| s.set.name);
            let context = minijinja::context! { set_id => set, set_name => set_name, as_of => as_of.as_deref().and_then(|d| Date::parse(d).ok()).map(crate::vietnamese::date_short), rows => rows };
            let renderer = Renderer::new(TemplateSource::default())?;
            let bytes =
                renderer.pdf_from_template("tong-hop.state.typ.j2", &context, &format!("tong-hop-{set}"), date)?;
            let path = output
                .clone()
                .unwrap_or_else(|| Path::new(&format!("tong-hop-{set}.pdf")).to_path_buf());
            crate::output::write_atomic(&path, &bytes)?;
            println!("{}", path.display());
            Ok(0)
        }
    }
}

/// `vanban extract PDF [-o DIR] [--force]`.
pub fn extract(pdf: &Path, dir: &Path, force: bool, lang: Lang) -> i32 {
    super::print_written(crate::extract::extract(pdf, dir, force), lang)
}
