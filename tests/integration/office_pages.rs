//! What the pages read to guide each role (issue 38): the numbers an issue gave, in its
//! answer, in the issued record's standing (with the record as filed, for the preview) and
//! in the list's office overview; a returned draft marked with its reason; the list's rows
//! with their subject, and a broken record named by its problem.

use serde_json::{Value, json};

use crate::office::{login, post_as};
use crate::server::Server;
use crate::support::{add_user, copy_samples};

const SEED: &str = "xuan-truong-2024.yaml";

/// `dd/mm/yyyy`.
fn office_date(date: &Value) -> bool {
    let date = date.as_str().unwrap_or_default();
    let parts: Vec<&str> = date.split('/').collect();
    parts.len() == 3 && parts[0].len() == 2 && parts[1].len() == 2 && parts[2].len() == 4
}

#[test]
fn an_issue_answers_its_numbers_and_the_list_and_editor_read_them() {
    let dir = tempfile::tempdir().unwrap();
    copy_samples(dir.path());
    crate::support::remove_numbers(&dir.path().join(SEED));
    let text = std::fs::read_to_string(dir.path().join(SEED)).unwrap();
    let without_date: String = text
        .lines()
        .filter(|l| !l.starts_with("date: "))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(dir.path().join("thieu-ngay.yaml"), without_date).unwrap();
    add_user(dir.path(), "lan", "soan-thao", "mật khẩu soạn thảo");
    add_user(dir.path(), "hai", "lanh-dao", "mật khẩu lãnh đạo");
    add_user(dir.path(), "mai", "van-thu", "mật khẩu văn thư");
    let archive = dir.path().join("kho");
    let server = Server::start_in(dir.path(), &["--archive-dir", archive.to_str().unwrap()]);
    let (lan, hai, mai) = (
        login(&server, "lan", "mật khẩu soạn thảo"),
        login(&server, "hai", "mật khẩu lãnh đạo"),
        login(&server, "mai", "mật khẩu văn thư"),
    );
    let step = |who: &str, step: &str, reason: &str| {
        let body = json!({ "path": SEED, "step": step, "reason": reason });
        post_as(&server, who, "/api/workflow", &body).status
    };
    let get = |who: &str, target: &str| server.request("GET", target, &[("Cookie", who)], b"").json();

    // The list: each record's subject; a broken one by its problem, in words.
    let rows = get(&lan, "/api/records");
    let row = |path: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["path"] == path)
            .unwrap()
            .clone()
    };
    let seed = row(SEED);
    assert!(seed["subject"].as_str().unwrap().contains("nông thôn mới"), "{seed}");
    assert_eq!(seed["date"], "2024-03-27");
    let broken = row("thieu-ngay.yaml");
    assert_eq!(broken["errors"], 1);
    assert_eq!(broken["problem"], "Thiếu ngày", "{broken}");

    // Returned with a reason: the overview marks it; once resubmitted, it is not.
    assert_eq!(step(&lan, "submit", ""), 200);
    assert_eq!(step(&hai, "return", "Ghi rõ thời hạn"), 200);
    let office = get(&lan, "/api/office");
    assert_eq!(office["returned"][SEED]["reason"], "Ghi rõ thời hạn", "{office}");
    assert_eq!(office["returned"][SEED]["by"], "hai");
    assert_eq!(office["states"][SEED], "du-thao");
    assert_eq!(step(&lan, "submit", ""), 200);
    assert_eq!(get(&lan, "/api/office")["returned"], json!({}));
    assert_eq!(step(&hai, "approve", ""), 200);
    let standing = get(&mai, &format!("/api/workflow?path={SEED}"));
    assert_eq!(standing["archive"], true, "issuing is offered: {standing}");
    assert!(standing.get("issued").is_none(), "{standing}");

    // Issued: the answer carries the numbers just given, with their dates as offices write them.
    let issued = post_as(&server, &mai, "/api/archive", &json!({ "path": SEED }));
    assert_eq!(issued.status, 200, "{}", issued.text());
    let issued = issued.json();
    let numbers = issued["numbers"].as_array().expect("the numbers given").clone();
    let lines: Vec<&str> = numbers.iter().map(|n| n["number_line"].as_str().unwrap()).collect();
    assert!(lines.iter().any(|l| l.contains("01-TB/HU")), "{issued}");
    assert!(lines.iter().any(|l| l.contains("01-BB/HU")), "{issued}");
    assert!(numbers.iter().all(|n| office_date(&n["date"])), "{issued}");
    assert!(numbers.iter().any(|n| n["title"] == "Thông báo kết luận"), "{issued}");
    let entry = issued["entries"][0]["id"].as_str().unwrap().to_string();

    // The issued record's standing: the same numbers, its entry, and the record as filed.
    let standing = get(&lan, &format!("/api/workflow?path={SEED}"));
    assert_eq!(standing["state"], "da-ban-hanh");
    assert_eq!(standing["issued"]["entries"][0], entry.as_str(), "{standing}");
    assert_eq!(standing["issued"]["numbers"], json!(numbers));
    let filed = standing["issued"]["text"].as_str().expect("the record as filed");
    assert!(filed.contains("number: 1"), "{filed}");

    // The list's overview: the numbers beside the record.
    let office = get(&hai, "/api/office");
    assert_eq!(office["states"][SEED], "da-ban-hanh");
    assert_eq!(office["numbers"][SEED], json!(numbers), "{office}");

    // A save refused for the state says so (the page then names who moved it, and when).
    let late = post_as(
        &server,
        &lan,
        "/api/save",
        &json!({ "path": SEED, "text": format!("{text}# sau\n"), "base": vanban::archive::sha256_hex(text.as_bytes()) }),
    );
    assert_eq!(late.status, 409);
    assert_eq!(late.json()["refused"], "state");
}
