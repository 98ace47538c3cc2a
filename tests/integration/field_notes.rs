//! The form's notes (issue 38): every empty required field named at once, beside its field,
//! in the office's words; placeholders as warnings at their fields; issuers offered from the
//! people directory.

use serde_json::{Value, json};

use crate::server::Server;

const SEED: &str = "an-phu-2026-02-05.yaml";

fn seed() -> String {
    std::fs::read_to_string(format!("samples/{SEED}")).unwrap()
}

fn notes_of(server: &Server, path: &str, text: &str) -> Vec<Value> {
    let preview = server.post("/api/preview", &json!({ "path": path, "text": text }));
    assert_eq!(preview.status, 200);
    preview.json()["notes"].as_array().cloned().unwrap_or_default()
}

fn at<'a>(notes: &'a [Value], field: &str, severity: &str) -> Option<&'a Value> {
    notes.iter().find(|n| n["field"] == field && n["severity"] == severity)
}

#[test]
fn a_missing_date_and_chair_name_are_both_beside_their_fields() {
    let server = Server::start(&[]);
    let text = seed()
        .replacen("date: 2026-02-05\n", "", 1)
        .replacen("  name: Nguyễn Văn Thành\n", "", 1);
    assert_ne!(text, seed());
    let notes = notes_of(&server, SEED, &text);
    let date = at(&notes, "/date", "error").unwrap_or_else(|| panic!("{notes:#?}"));
    let chair = at(&notes, "/chair/name", "error").unwrap_or_else(|| panic!("{notes:#?}"));
    assert_eq!(date["form"], "Chưa có ngày làm việc");
    assert_eq!(chair["form"], "Chưa có họ và tên người chủ trì");
    for note in [date, chair] {
        let form = note["form"].as_str().unwrap();
        assert!(
            !form.contains('`') && !form.contains("date") && !form.contains("name"),
            "{form}"
        );
    }
    // The YAML tab keeps `check`'s words.
    assert!(date["message"].as_str().unwrap().contains("`date`"), "{date}");
}

#[test]
fn a_placeholder_is_a_warning_at_its_field() {
    let server = Server::start(&[]);
    let text = seed()
        .replacen(
            "location: Hội trường Hợp tác xã nông nghiệp An Phú\n",
            "location: \"...\"\n",
            1,
        )
        .replacen("end: \"11:30\"\n", "", 1);
    let notes = notes_of(&server, SEED, &text);
    let location = at(&notes, "/location", "warning").unwrap_or_else(|| panic!("{notes:#?}"));
    assert!(
        location["form"].as_str().unwrap().starts_with("Còn chỗ chưa điền"),
        "{location}"
    );
    let end = at(&notes, "/end", "warning").unwrap_or_else(|| panic!("{notes:#?}"));
    assert!(end["form"].as_str().unwrap().contains("… giờ … phút"), "{end}");
    assert!(
        notes.iter().all(|n| n["severity"] == "warning"),
        "warnings do not block: {notes:#?}"
    );
}

#[test]
fn issuers_come_from_the_people_directory_too() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("danh-ba.yaml"),
        "people:\n  - name: Lò Văn Pháo\n    titles: [Chủ tịch Ủy ban nhân dân xã]\n    body: Ủy ban nhân dân xã Mường Phăng\n",
    )
    .unwrap();
    let server = Server::start_in(dir.path(), &[]);
    let issuers = server.get("/api/issuers").json();
    let found = issuers
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == "Ủy ban nhân dân xã Mường Phăng")
        .unwrap_or_else(|| panic!("{issuers}"));
    assert_eq!(found["code"], "UBND");
    assert_eq!(found["place"], "Mường Phăng");
    assert_eq!(found["system"], "state");
}

#[test]
fn an_issuer_typed_by_name_is_added_with_what_its_name_tells() {
    let server = Server::start(&[]);
    let fields = json!({
        "issuer": { "name": "Ủy ban nhân dân xã Mường Phăng" },
        "date": "2026-03-02", "start": "08:00", "host": "Hợp tác xã Mường Phăng", "subject": "mùa vụ",
        "chair": { "name": "Lò Văn Pháo", "titles": ["Chủ tịch Ủy ban nhân dân xã"] },
    });
    let created = server.post(
        "/api/new",
        &json!({ "kind": "session", "name": "muong-phang", "fields": fields }),
    );
    assert_eq!(created.status, 200, "{}", created.text());
    let text = std::fs::read_to_string(server.folder.join("muong-phang.yaml")).unwrap();
    let value = vanban::form::read(&text).unwrap();
    assert_eq!(value["issuer"]["code"], "UBND", "{text}");
    assert_eq!(value["issuer"]["place"], "Mường Phăng", "{text}");
    // What the form left for later is said at its field, not issued silently.
    let notes = notes_of(&server, "muong-phang.yaml", &text);
    assert!(at(&notes, "/location", "warning").is_some(), "{notes:#?}");
}

#[test]
fn steps_pass_on_what_is_unfinished_as_warnings() {
    use crate::office::{login, post_as};
    let dir = tempfile::tempdir().unwrap();
    crate::support::copy_samples(dir.path());
    crate::support::add_user(dir.path(), "lan", "soan-thao", "mật khẩu soạn thảo");
    crate::support::add_user(dir.path(), "hai", "lanh-dao", "mật khẩu lãnh đạo");
    let unfinished = seed().replacen("end: \"11:30\"\n", "", 1);
    std::fs::write(dir.path().join(SEED), &unfinished).unwrap();
    let server = Server::start_in(dir.path(), &[]);
    let (lan, hai) = (
        login(&server, "lan", "mật khẩu soạn thảo"),
        login(&server, "hai", "mật khẩu lãnh đạo"),
    );
    let step = |who: &str, step: &str| post_as(&server, who, "/api/workflow", &json!({ "path": SEED, "step": step }));
    // Submitted and approved (warnings do not block), each answer naming the field.
    for (who, name) in [(&lan, "submit"), (&hai, "approve")] {
        let taken = step(who, name);
        assert_eq!(taken.status, 200, "{name}: {}", taken.text());
        let warnings = taken.json()["warnings"].as_array().cloned().unwrap_or_default();
        assert!(at(&warnings, "/end", "warning").is_some(), "{name}: {warnings:#?}");
    }
}
