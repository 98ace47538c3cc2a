//! The JSON Schema of the record format: every sample validates, an unknown key does not.

use std::path::Path;

use crate::support::files_in;

fn as_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_saphyr::from_str(&text).unwrap()
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft202012::new(&vanban::documents::schema::record_schema()).unwrap()
}

#[test]
fn every_sample_record_validates_against_the_schema() {
    let validator = validator();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut records = vec![];
    for name in files_in(&root).into_iter().filter(|n| n.ends_with(".yaml")) {
        records.push(root.join(name));
    }
    for name in files_in(&root.join("assessments")) {
        records.push(root.join("assessments").join(name));
    }
    assert_eq!(records.len(), 10);
    for record in records {
        let errors: Vec<String> = validator
            .iter_errors(&as_json(&record))
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", record.display());
    }
}

#[test]
fn an_unknown_key_or_kind_is_rejected() {
    let validator = validator();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut record = as_json(&root.join("xuan-truong-2024.yaml"));
    record["chair"]["nickname"] = "Hải".into();
    assert!(!validator.is_valid(&record));
    let mut record = as_json(&root.join("xuan-truong-2024.yaml"));
    record["locaton"] = "x".into();
    assert!(!validator.is_valid(&record));
    let mut record = as_json(&root.join("xuan-truong-2024.yaml"));
    record["kind"] = "assessment".into();
    assert!(!validator.is_valid(&record));
}

#[test]
fn the_report_focus_is_optional_and_one_of_its_two_values() {
    let validator = validator();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut record = as_json(&root.join("xuan-truong-2024.yaml"));
    assert_eq!(record["report"]["focus"], "results");
    record["report"]["focus"] = "general".into();
    assert!(validator.is_valid(&record));
    record["report"]["focus"] = "thiet-hai".into();
    assert!(!validator.is_valid(&record), "only general or results");
    record["report"].as_object_mut().unwrap().remove("focus");
    assert!(validator.is_valid(&record), "focus is optional");
}
