//! The criteria board of an assessment's form: a set's criteria and their indicators as
//! rows to tick, with the set's groups and total, so that the form shows the tally
//! ("đạt 8/10 tiêu chí, 45/47 chỉ tiêu") as boxes are ticked.

use std::path::Path;

use serde::Serialize;

use crate::criteria::{self, BUILT_IN_SETS, LoadedSet, SetLookup};

/// A set as the form shows it.
#[derive(Debug, Serialize)]
pub struct Board {
    /// The set's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The commune groups' numbers (none when the set has none).
    pub groups: Vec<u32>,
    /// The declared or summed number of indicators, if known.
    pub indicator_total: Option<u32>,
    /// The criteria, in order.
    pub criteria: Vec<Row>,
}

/// One criterion's row.
#[derive(Debug, Serialize)]
pub struct Row {
    /// Its number.
    pub no: u32,
    /// Its name.
    pub name: String,
    /// Its indicators, each ticked on its own, when the set lists them.
    pub indicators: Vec<Tick>,
    /// How many indicators it has, when only that is known.
    pub count: Option<u32>,
}

/// One indicator.
#[derive(Debug, Serialize)]
pub struct Tick {
    /// Its id (`6.2`).
    pub id: String,
    /// Its name, where the set gives one.
    pub name: Option<String>,
}

/// The built-in sets: id and name.
pub fn built_ins() -> Vec<(String, String)> {
    BUILT_IN_SETS
        .iter()
        .filter_map(|(file, _)| {
            let id = file.trim_end_matches(".yaml");
            let set = criteria::resolve(id, Path::new(".")).ok()?;
            Some((id.to_string(), set.set.name))
        })
        .collect()
}

/// The board of the set `reference` names (a built-in id, or a set file beside the record
/// in `base`).
pub fn board(reference: &str, base: &Path) -> Result<Board, SetLookup> {
    let loaded: LoadedSet = criteria::resolve(reference, base)?;
    let set = &loaded.set;
    Ok(Board {
        id: set.id.clone(),
        name: set.name.clone(),
        groups: set.commune_groups.iter().map(|g| g.value.no).collect(),
        indicator_total: loaded.indicator_total(),
        criteria: set
            .criteria
            .iter()
            .map(|c| {
                let c = &c.value;
                Row {
                    no: c.no,
                    name: c.name.clone(),
                    indicators: c
                        .indicator_list()
                        .unwrap_or_default()
                        .iter()
                        .map(|i| Tick {
                            id: i.id.clone(),
                            name: i.name.clone(),
                        })
                        .collect(),
                    count: c.indicator_count(),
                }
            })
            .collect(),
    })
}
