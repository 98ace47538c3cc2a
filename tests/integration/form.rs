//! The form's two directions (issue 25): every sample reads into the form's value and is
//! written back byte for byte when nothing changed; what the writer writes reads back as
//! the same value; an edit keeps every other line, comments included, and says when it
//! drops one; the directory and "start from an earlier record" through the server.

use serde_json::{Value, json};
use vanban::form::{self, emit, shape::Shape};

use crate::server::Server;

use crate::support::SAMPLES;

#[test]
fn every_sample_round_trips_through_the_form() {
    let schema = vanban::documents::schema::record_schema();
    for sample in SAMPLES {
        let text = std::fs::read_to_string(sample).unwrap();
        let value = form::read(&text).unwrap();
        let unchanged = form::write(&text, &value);
        assert_eq!(unchanged.text, text, "{sample}: saved without a change");
        assert!(!unchanged.lost_comments);
        // Written anew, in the record format's order and style, it reads back the same.
        let kind = value["kind"].as_str().unwrap();
        let fresh = emit::document(&value, &Shape::record(&schema, kind));
        assert_eq!(form::read(&fresh).unwrap(), value, "{sample}:\n{fresh}");
        assert!(fresh.starts_with("kind: "), "{sample}: kind first");
    }
}

#[test]
fn an_edit_changes_its_lines_and_keeps_the_comments_elsewhere() {
    let text = std::fs::read_to_string("samples/xuan-truong-2024.yaml").unwrap();
    let mut value = form::read(&text).unwrap();
    value["location"] = json!("Nhà văn hóa xã Xuân Trường");
    value["conclusions"]["directives"]
        .as_array_mut()
        .unwrap()
        .push(json!("Hoàn thành hồ sơ đề nghị xét công nhận trong quý II năm 2024."));
    value["documents"]["notice"]["number"] = json!(124);
    let edited = form::write(&text, &value);
    assert_eq!(form::read(&edited.text).unwrap(), value);
    let kept = |t: &str| t.matches('#').count();
    assert_eq!(kept(&edited.text), kept(&text), "every comment kept");
    assert!(!edited.lost_comments);
    assert!(
        edited
            .text
            .contains("\nlocation: Nhà văn hóa xã Xuân Trường   # illustrative\n"),
        "{}",
        edited.text
    );
    assert!(
        edited
            .text
            .contains("    number: 124                      # illustrative\n")
    );
    let new_lines: Vec<&str> = edited.text.lines().filter(|l| !text.lines().any(|o| o == *l)).collect();
    assert_eq!(new_lines.len(), 3, "only the three edited lines are new: {new_lines:?}");
    // A list that grows is written anew, key line and all: its comment goes, and the form
    // says so before saving.
    let mut longer = form::read(&text).unwrap();
    longer["report"]["difficulties"]
        .as_array_mut()
        .unwrap()
        .push(json!("Thiếu vốn đối ứng."));
    let edited = form::write(&text, &longer);
    assert_eq!(form::read(&edited.text).unwrap(), longer);
    assert!(edited.lost_comments);
}

#[test]
fn the_directory_and_an_earlier_record_through_the_server() {
    let server = Server::start(&[]);
    assert_eq!(server.get("/api/directory").json()["people"], json!([]));
    let thu = json!({ "name": "Phạm Văn Thử", "titles": ["Phó Bí thư Đảng ủy xã", "Chủ tịch Ủy ban nhân dân xã"] });
    assert_eq!(server.post("/api/directory", &thu).json()["added"], true);
    assert_eq!(server.post("/api/directory", &thu).json()["added"], false);
    let people = server.get("/api/directory").json();
    assert_eq!(people["people"][0]["titles"][1], "Chủ tịch Ủy ban nhân dân xã");
    let on_disk = std::fs::read_to_string(server.folder.join("danh-ba.yaml")).unwrap();
    assert!(on_disk.contains("- name: Phạm Văn Thử\n"), "{on_disk}");

    let made = server.post(
        "/api/new-from",
        &json!({ "path": "an-phu-2026-02-05.yaml", "name": "an-phu-tiep" }),
    );
    assert_eq!(made.status, 200, "{}", made.text());
    let text = std::fs::read_to_string(server.folder.join("an-phu-tiep.yaml")).unwrap();
    let value: Value = form::read(&text).unwrap();
    assert_eq!(value["chair"]["name"], "Nguyễn Văn Thành");
    assert_eq!(value["documents"]["notice"]["signer"]["name"], "Nguyễn Văn Thành");
    assert!(value.get("date").is_none() && value["documents"]["notice"].get("number").is_none());
    let again = server.post(
        "/api/new-from",
        &json!({ "path": "an-phu-2026-02-05.yaml", "name": "an-phu-tiep" }),
    );
    assert_eq!(again.status, 409, "never over an existing file");
    let escape = server.post("/api/new-from", &json!({ "path": "../etc/passwd", "name": "x" }));
    assert_ne!(escape.status, 200);
}

#[test]
fn a_preview_note_names_its_field() {
    let server = Server::start(&[]);
    let text = std::fs::read_to_string("samples/an-phu-2026-02-05.yaml")
        .unwrap()
        .replace("    date: 2026-02-09\n", "    date: 2026-02-04\n");
    let preview = server.post(
        "/api/preview",
        &json!({ "path": "an-phu-2026-02-05.yaml", "text": text }),
    );
    let notes = preview.json()["notes"].clone();
    let note = notes.as_array().unwrap().first().cloned().unwrap_or_default();
    assert!(
        note["field"]
            .as_str()
            .unwrap_or_default()
            .starts_with("/documents/plan"),
        "{notes}"
    );
    let written = server.post(
        "/api/form/write",
        &json!({ "text": "kind: working_session\n", "value": {"kind": "working_session", "host": "xã An Phú"} }),
    );
    assert_eq!(written.json()["text"], "kind: working_session\nhost: xã An Phú\n");
}
