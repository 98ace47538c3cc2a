//! `vanban criteria list|show|import`: what vanban knows of each set, and sets made from an
//! office's table.

use std::path::{Path, PathBuf};

use crate::args::CriteriaCommand;
use crate::criteria::import::{self, SetFacts};
use crate::criteria::{self, BUILT_IN_SETS, LoadedSet, SetLookup};
use crate::error::{Diagnostic, Error};
use crate::problem::{Lang, Problem, words};
use crate::record::load::YamlFile;
use crate::vietnamese as vn;

use super::warn;

/// Runs one criteria subcommand; returns the exit status.
pub fn run(command: &CriteriaCommand, lang: Lang) -> Result<(), Error> {
    match command {
        CriteriaCommand::List => list(lang),
        CriteriaCommand::Show { set } => show(set, lang),
        CriteriaCommand::Import {
            table,
            id,
            name,
            decision,
            output,
            force,
        } => {
            let facts = SetFacts {
                id: id.clone(),
                name: name.clone(),
                decision: decision.clone(),
            };
            let output = output.clone().unwrap_or_else(|| PathBuf::from(format!("{id}.yaml")));
            import(table, &facts, &output, *force, lang)
        }
    }
}

/// Labels of the listing, each a sentence in both languages ([`words`]) said in one.
struct Labels(Lang);

impl Labels {
    fn pick(&self, vi: &str, en: &str) -> String {
        words(vi, en).take(self.0)
    }
}

fn list(lang: Lang) -> Result<(), Error> {
    let w = Labels(lang);
    for (name, _) in BUILT_IN_SETS {
        let set = builtin(name.trim_end_matches(".yaml"))?;
        super::say!("{}\t{}", set.set.id, counts(&set, &w));
        super::say!("\t{}", set.set.name);
        if let Some(line) = period_line(&set, &w) {
            super::say!("\t{line}");
        }
    }
    Ok(())
}

fn builtin(id: &str) -> Result<LoadedSet, Error> {
    match criteria::resolve(id, Path::new(".")) {
        Ok(set) => Ok(set),
        Err(SetLookup::Invalid(error)) => Err(error),
        Err(_) => Err(unknown(id, None)),
    }
}

fn unknown(reference: &str, suggestion: Option<String>) -> Error {
    let problem = Problem::UnknownSet {
        id: reference.to_string(),
        suggestion,
    };
    Diagnostic::at(Path::new(reference), "", 1, 1, problem).into()
}

/// `10 tiêu chí, 47 chỉ tiêu; danh mục chỉ tiêu: 0/47 (chưa biết số chỉ tiêu từng tiêu chí)`.
fn counts(set: &LoadedSet, w: &Labels) -> String {
    let criteria = set.set.criteria.len();
    let total = set.indicator_total().map_or("?".to_string(), |t| t.to_string());
    let listed: usize = set
        .set
        .criteria
        .iter()
        .filter_map(|c| c.value.indicator_list().map(<[_]>::len))
        .sum();
    let counted = set
        .set
        .criteria
        .iter()
        .filter(|c| c.value.indicator_count().is_some())
        .count();
    let mut line = format!(
        "{criteria} {}, {total} {}; {}: {listed}/{total}",
        w.pick("tiêu chí", "criteria"),
        w.pick("chỉ tiêu", "indicators"),
        w.pick("chỉ tiêu có tên trong danh mục", "indicators listed by name")
    );
    if counted < criteria {
        line.push_str(&format!(
            "; {}: {}/{criteria}",
            w.pick("số chỉ tiêu từng tiêu chí đã biết", "per-criterion counts known"),
            counted
        ));
    }
    line
}

fn period_line(set: &LoadedSet, w: &Labels) -> Option<String> {
    let s = &set.set;
    let mut parts = Vec::new();
    if let Some(p) = s.period {
        parts.push(format!("{} {} - {}", w.pick("giai đoạn", "period"), p.from, p.to));
    }
    if let Some(d) = s.effective_date {
        parts.push(format!(
            "{} {}",
            w.pick("hiệu lực từ", "in force from"),
            vn::date_numeric_padded(d)
        ));
    }
    if !s.commune_groups.is_empty() {
        parts.push(format!(
            "{} {}",
            w.pick("nhóm xã", "commune groups"),
            set.group_numbers()
        ));
    }
    if let Some(next) = &s.superseded_by {
        parts.push(format!(
            "{} {next}",
            w.pick("sau giai đoạn: thay bằng", "after its period: replaced by")
        ));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

fn show(reference: &str, lang: Lang) -> Result<(), Error> {
    let w = Labels(lang);
    let path = Path::new(reference);
    let set = if path.is_file() {
        criteria::load(YamlFile::read(path)?)?
    } else {
        match criteria::resolve(reference, Path::new(".")) {
            Ok(set) => set,
            Err(SetLookup::Invalid(error)) => return Err(error),
            Err(SetLookup::Unknown { suggestion }) => return Err(unknown(reference, suggestion)),
            Err(SetLookup::OutsideFolder) => return Err(unknown(reference, None)),
        }
    };
    let s = &set.set;
    super::say!("{}\n  {}", s.id, s.name);
    if let Some(decision) = &s.decision {
        super::say!("  {}: {decision}", w.pick("quyết định", "decision"));
    }
    super::say!("  {}", counts(&set, &w));
    if let Some(line) = period_line(&set, &w) {
        super::say!("  {line}");
    }
    for group in &s.commune_groups {
        let definition = group.value.definition.as_deref().unwrap_or("—");
        super::say!("  {} {}: {definition}", w.pick("nhóm", "group"), group.value.no);
    }
    if let Some(p) = &s.provenance {
        for (label, items) in [
            (w.pick("đã xác nhận", "confirmed"), &p.known),
            (w.pick("chưa xác nhận", "not confirmed"), &p.unknown),
            (w.pick("nguồn", "sources"), &p.sources),
        ] {
            if !items.is_empty() {
                super::say!("  {label}:");
                for item in items {
                    super::say!("    - {item}");
                }
            }
        }
    }
    super::say!("  {}:", w.pick("tiêu chí", "criteria"));
    for criterion in &s.criteria {
        let c = &criterion.value;
        let count = c.indicator_count().map_or_else(
            || w.pick("số chỉ tiêu chưa biết", "indicator count unknown").to_string(),
            |n| format!("{n} {}", w.pick("chỉ tiêu", "indicators")),
        );
        let confidence = c.confidence.as_deref().unwrap_or("—");
        super::say!("    {}. {} [{confidence}] — {count}", c.no, c.name);
        for indicator in c.indicator_list().unwrap_or_default() {
            let mut line = format!("       {} {}", indicator.id, indicator.name.as_deref().unwrap_or("—"));
            if let Some(target) = &indicator.target {
                line.push_str(&format!(" ({}: {target})", w.pick("mức đạt chuẩn", "target")));
            }
            for (group, target) in &indicator.group_targets {
                line.push_str(&format!(" ({} {group}: {target})", w.pick("nhóm", "group")));
            }
            super::say!("{line}");
        }
    }
    Ok(())
}

fn import(table: &Path, facts: &SetFacts, output: &Path, force: bool, lang: Lang) -> Result<(), Error> {
    let read = crate::criteria::table::read(table)?;
    let imported = match import::import(&read, facts) {
        Ok(imported) => imported,
        Err(diagnostics) => {
            warn(&diagnostics, lang);
            return super::batch_result(1, 1);
        }
    };
    warn(&imported.warnings, lang);
    if output.exists() && !force {
        return Err(Error::WouldOverwrite {
            path: output.to_path_buf(),
        });
    }
    crate::output::write_atomic(output, imported.text.as_bytes())?;
    let (criteria, indicators) = imported.counts;
    super::say!(
        "{}: {criteria} {}, {indicators} {}",
        output.display(),
        words("tiêu chí", "criteria").take(lang),
        words("chỉ tiêu", "indicators").take(lang)
    );
    Ok(())
}
