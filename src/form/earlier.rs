//! "Tạo từ bản ghi trước": a new record of the same issuer started from an earlier one. The
//! people (chair, attendees, secretary), the issuer, the documents block's signers and
//! recipients and the news settings are kept; dates, numbers and everything the session
//! itself said are left for the clerk to fill.

use serde_json::{Map, Value};

/// Keys of a working session kept from the earlier record.
const SESSION_KEPT: &[&str] = &["kind", "issuer", "chair", "attendees", "secretary", "documents"];
/// Keys of an assessment kept.
const ASSESSMENT_KEPT: &[&str] = &[
    "kind",
    "unit",
    "issuer",
    "assessed_by",
    "criteria_set",
    "commune_group",
    "documents",
];
/// Keys of a document block kept: who signs and receives it, and the news settings.
const BLOCK_KEPT: &[&str] = &["signer", "recipients", "author", "unit", "abbreviate"];

/// The start of a new record from `earlier`'s value.
pub fn start_from(earlier: &Value) -> Value {
    let kept = match earlier.get("kind").and_then(Value::as_str) {
        Some("assessment") => ASSESSMENT_KEPT,
        _ => SESSION_KEPT,
    };
    let mut out = Map::new();
    for key in kept {
        let Some(value) = earlier.get(*key) else { continue };
        let value = if *key == "documents" {
            documents(value)
        } else {
            value.clone()
        };
        out.insert((*key).to_string(), value);
    }
    Value::Object(out)
}

fn documents(blocks: &Value) -> Value {
    let Value::Object(blocks) = blocks else {
        return Value::Null;
    };
    let kept = blocks
        .iter()
        .map(|(name, block)| {
            let fields: Map<String, Value> = block
                .as_object()
                .map(|b| {
                    b.iter()
                        .filter(|(k, _)| BLOCK_KEPT.contains(&k.as_str()))
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect()
                })
                .unwrap_or_default();
            (name.clone(), Value::Object(fields))
        })
        .collect();
    Value::Object(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_and_signers_stay_content_and_numbers_go() {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/samples/an-phu-2026-02-05.yaml")).unwrap();
        let earlier = super::super::read(&text).unwrap();
        let new = start_from(&earlier);
        assert_eq!(new["chair"], earlier["chair"]);
        assert_eq!(new["attendees"], earlier["attendees"]);
        assert_eq!(
            new["documents"]["notice"]["signer"],
            earlier["documents"]["notice"]["signer"]
        );
        assert_eq!(
            new["documents"]["news"]["author"],
            earlier["documents"]["news"]["author"]
        );
        for gone in ["date", "start", "subject", "conclusions", "report", "id"] {
            assert!(new.get(gone).is_none(), "{gone}");
        }
        assert!(new["documents"]["notice"].get("number").is_none());
        assert!(new["documents"]["notice"].get("date").is_none());
        assert!(new["documents"]["news"].get("photos").is_none());
    }
}
