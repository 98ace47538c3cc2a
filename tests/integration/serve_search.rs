//! The search box of `vanban serve` (issue 28) over HTTP: the folder's records and the
//! archive found by their words, with or without marks, or by a task filter; the archived
//! PDFs served from the archive and nothing else from it; a bad query named by its field.

use serde_json::json;

use crate::server::Server;

/// `text` as a URL query value (UTF-8, percent-encoded).
fn encoded(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn search(server: &Server, fields: &[(&str, &str)]) -> (u16, serde_json::Value) {
    let query: Vec<String> = fields.iter().map(|(k, v)| format!("{k}={}", encoded(v))).collect();
    let answer = server.get(&format!("/api/search?{}", query.join("&")));
    (answer.status, answer.json())
}

fn paths(list: &serde_json::Value) -> Vec<String> {
    let mut found: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["path"].as_str().or(r["unit"].as_str()).unwrap().to_string())
        .collect();
    found.sort();
    found
}

#[test]
fn records_and_archived_documents_are_found_from_the_page() {
    let archive = tempfile::tempdir().unwrap();
    let kho = archive.path().join("kho");
    let server = Server::start(&["--archive-dir", kho.to_str().unwrap()]);
    // Before anything is filed: the folder's records only; marks or not, the same records.
    let (status, before) = search(&server, &[("q", "nuoc sach")]);
    assert_eq!(status, 200, "{before}");
    assert_eq!(before["archive"], json!([]));
    assert!(
        paths(&before["records"]).contains(&"xuan-truong-2024.yaml".to_string()),
        "{before}"
    );
    let (_, marked) = search(&server, &[("q", "nước sạch")]);
    assert_eq!(paths(&marked["records"]), paths(&before["records"]));
    let snippet = before["records"][0]["snippet"].as_str().unwrap();
    assert!(snippet.to_lowercase().contains("«nước» «sạch»"), "{snippet}");

    // Filed, the session is found in the archive too, by words its documents alone print.
    let added = server.post("/api/archive", &json!({ "path": "an-phu-2026-02-05.yaml" }));
    assert_eq!(added.status, 200, "{}", added.text());
    let (_, found) = search(&server, &[("q", "\"thoi han hoan thanh\"")]);
    let entries = found["archive"].as_array().unwrap();
    assert_eq!(entries.len(), 1, "{found}");
    assert_eq!(entries[0]["unit"], "Hợp tác xã nông nghiệp An Phú");
    let documents = entries[0]["documents"].as_array().unwrap();
    assert!(documents.len() >= 4, "{found}");
    let notice = documents
        .iter()
        .map(|d| d.as_str().unwrap())
        .find(|d| d.ends_with("-thong-bao-ket-luan.pdf"))
        .unwrap();
    let pdf = server.get(notice);
    assert_eq!(pdf.status, 200);
    assert!(pdf.body.starts_with(b"%PDF-"));
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));

    // The task filter: Phòng Kinh tế, due in March 2026, in the folder and in the archive.
    let march = [
        ("task_owner", "phong kinh te"),
        ("due_from", "2026-03-01"),
        ("due_to", "2026-03-31"),
    ];
    let (status, tasks) = search(&server, &march);
    assert_eq!(status, 200, "{tasks}");
    assert_eq!(paths(&tasks["records"]), ["an-phu-2026-02-05.yaml"], "{tasks}");
    assert_eq!(
        tasks["archive"][0]["tasks"],
        json!(["Phòng Kinh tế xã (hạn 31/03/2026)"])
    );
    assert_eq!(
        tasks["records"][0]["tasks"],
        json!(["Phòng Kinh tế xã (hạn 31/03/2026)"])
    );

    // Only the archive's PDFs are served from it, and only from inside it.
    let entry = notice.split('/').nth(2).unwrap();
    for refused in [
        "/archive/../index.sqlite".to_string(),
        "/archive/%2E%2E/index.sqlite".to_string(),
        format!("/archive/{entry}/an-phu-2026-02-05.yaml"),
    ] {
        let answer = server.get(&refused);
        assert!(
            answer.status == 404 || answer.status == 403,
            "{refused}: {}",
            answer.status
        );
    }

    // A query that asks nothing, one too long, a date that is not one: 400, naming what.
    let (status, empty) = search(&server, &[("q", "  \"*\" ")]);
    assert_eq!(status, 400);
    assert!(empty["error"].as_str().unwrap().starts_with("q: "), "{empty}");
    let (status, long) = search(&server, &[("q", &"nông thôn ".repeat(100))]);
    assert_eq!(status, 400);
    assert!(long["error"].as_str().unwrap().contains("quá 500 ký tự"), "{long}");
    let (status, date) = search(&server, &[("q", "xa"), ("due_from", "31/3/2026")]);
    assert_eq!((status, date["field"].as_str()), (400, Some("due_from")), "{date}");
}
