//! Every word of the web interface, in Vietnamese and English, in this folder (as
//! [`crate::problem`] holds every message about a record). Pages get the whole catalogue for
//! their language from `/api/text`; `{n}` and `{id}` are filled in by the page.

mod entries;
mod fields;
mod office;
mod pages;
mod signing;
mod tasks;

use crate::problem::Lang;

/// Every entry: key, Vietnamese, English.
fn all() -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str)> {
    entries::ENTRIES
        .iter()
        .chain(signing::ENTRIES)
        .chain(office::ENTRIES)
        .chain(pages::ENTRIES)
        .chain(fields::ENTRIES)
        .chain(tasks::ENTRIES)
}

/// The catalogue entry `key` in `lang`; the key itself if there is none.
pub fn t(lang: Lang, key: &str) -> &str {
    all()
        .find(|(k, _, _)| *k == key)
        .map_or(key, |(_, vi, en)| lang.pick(vi, en))
}

/// The whole catalogue in `lang`, for the pages.
pub fn catalogue(lang: Lang) -> serde_json::Value {
    let map: serde_json::Map<String, serde_json::Value> = all()
        .map(|&(key, vi, en)| (key.to_string(), lang.pick(vi, en).into()))
        .chain(super::labels::catalogue(lang).map(|(key, label)| (key, label.into())))
        .collect();
    serde_json::Value::Object(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_is_translated_and_keys_are_unique() {
        let mut keys = std::collections::BTreeSet::new();
        for (key, vi, en) in all() {
            assert!(keys.insert(key), "{key} twice");
            assert_ne!(vi, en, "{key} is not translated");
        }
        assert_eq!(t(Lang::Vi, "save"), "Lưu");
        assert_eq!(t(Lang::En, "save"), "Save");
    }
}
