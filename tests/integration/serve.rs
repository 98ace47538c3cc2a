//! `vanban serve` over HTTP: the list, the preview with `check`'s diagnostics, saving byte for
//! byte with conflict detection, new records, downloads, the archive, changes on disk, and
//! every security rule.

use serde_json::json;

use crate::server::{Server, http};
use crate::support::vanban;

const SEED: &str = "xuan-truong-2024.yaml";

fn seed_text(server: &Server) -> String {
    std::fs::read_to_string(server.folder.join(SEED)).unwrap()
}

#[test]
fn the_list_shows_every_record_with_its_state() {
    let server = Server::start(&[]);
    std::fs::write(server.folder.join("hong.yaml"), "kind: working_session\nlocaton: x\n").unwrap();
    let response = server.get("/api/records");
    assert_eq!(response.status, 200);
    let rows = response.json();
    let rows = rows.as_array().unwrap();
    let paths: Vec<&str> = rows.iter().map(|r| r["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        [
            "an-phu-2026-02-05.yaml",
            "an-phu-2026-bao-cao-thuc-hien.yaml",
            "an-phu-2026-don-doc.yaml",
            "assessments/sao-vang-2026-ntm.yaml",
            "assessments/xuan-truong-2024-ntm-nang-cao.yaml",
            "assessments/xuan-truong-2024-ntm.yaml",
            "hong.yaml",
            "sao-vang-2026-03-12.yaml",
            "sao-vang-2026-bao-cao-thuc-hien.yaml",
            "sao-vang-2026-don-doc.yaml",
            SEED
        ]
    );
    let seed = &rows[10];
    assert_eq!(seed["kind"], "working_session");
    assert_eq!(seed["unit"], "xã Xuân Trường");
    assert_eq!(seed["date"], "2024-03-27");
    assert_eq!(seed["errors"], 0);
    assert_eq!(rows[3]["kind"], "assessment");
    assert_eq!(rows[6]["errors"], 1);
    assert_eq!(
        (&rows[1]["kind"], &rows[1]["errors"]),
        (&json!("task_report"), &json!(0))
    );
    assert_eq!(
        (&rows[2]["kind"], &rows[2]["unit"]),
        (&json!("reminder"), &json!("Phòng Kinh tế xã"))
    );
    let page = server.get("/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("<html lang=\"vi\">"));
}

#[test]
fn the_preview_has_every_document_as_page_images() {
    let server = Server::start(&[]);
    let response = server.post("/api/preview", &json!({ "path": SEED, "text": seed_text(&server) }));
    assert_eq!(response.status, 200);
    let preview = response.json();
    assert_eq!(preview["ok"], true, "{preview}");
    let kinds: Vec<&str> = preview["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["bien-ban", "thong-bao-ket-luan", "tin-bai", "ke-hoach", "cong-van"]
    );
    let minutes = &preview["documents"][0]["pages"];
    assert!(minutes.as_array().unwrap().len() >= 2);
    assert!(minutes[0].as_str().unwrap().starts_with("<svg"));
    assert!(
        preview["documents"][2]["html"]
            .as_str()
            .unwrap()
            .contains("Lê Đình Hải")
    );
    // Nothing was written.
    assert!(!server.folder.join("out").exists());
}

#[test]
fn the_editor_font_comes_from_vanban_and_has_vietnamese_letters() {
    let server = Server::start(&[]);
    let css = server.get("/assets/app.css").text();
    assert!(css.contains("url(\"/assets/editor-font.ttf\")") && css.contains("\"vanban mono\", monospace"));
    let font = server.get("/assets/editor-font.ttf");
    assert_eq!(font.status, 200);
    assert_eq!(font.header("content-type"), Some("font/ttf"));
    let face = typst::text::Font::new(typst::foundations::Bytes::new(font.body), 0).expect("a TrueType font");
    for letter in "ửữựỷỹđĐ".chars() {
        assert!(face.info().coverage.contains(letter as u32), "{letter}");
    }
}

#[test]
fn diagnostics_are_checks_own_words_at_the_right_line() {
    for (lang, args) in [("vi", vec![]), ("en", vec!["--lang", "en"])] {
        let server = Server::start(&args);
        let broken = seed_text(&server).replace("location:", "locaton:");
        let line = broken.lines().position(|l| l.starts_with("locaton:")).unwrap() + 1;
        let preview = server
            .post("/api/preview", &json!({ "path": SEED, "text": broken }))
            .json();
        assert_eq!(preview["ok"], false);
        let note = &preview["notes"][0];
        assert_eq!(note["line"], line);
        assert_eq!(note["column"], 1);
        assert_eq!(note["severity"], "error");
        std::fs::write(server.folder.join("broken.yaml"), &broken).unwrap();
        let broken_path = server.folder.join("broken.yaml");
        let flag = format!("--lang={lang}");
        let printed = crate::support::stderr(&vanban(&[&flag, "check", broken_path.to_str().unwrap()]));
        assert!(
            printed.contains(note["message"].as_str().unwrap()),
            "{lang}: {printed}\n{note}"
        );
        assert!(
            printed.contains(note["hint"].as_str().unwrap()),
            "{lang}: {printed}\n{note}"
        );
    }
}

#[test]
fn saving_writes_the_text_byte_for_byte_and_refuses_a_stale_version() {
    let server = Server::start(&[]);
    let opened = server.get(&format!("/api/record?path={SEED}")).json();
    let version = opened["version"].as_str().unwrap().to_string();
    let edited = format!(
        "# ghi chú giữ nguyên\r\n{}",
        opened["text"].as_str().unwrap().replace("Lê Đình Hải", "Lê Văn Thử")
    );
    let saved = server.post("/api/save", &json!({ "path": SEED, "text": edited, "base": version }));
    assert_eq!(saved.status, 200, "{}", saved.text());
    assert_eq!(std::fs::read(server.folder.join(SEED)).unwrap(), edited.as_bytes());
    let leftovers = crate::support::files_in(&server.folder);
    assert!(leftovers.iter().all(|n| !n.ends_with(".tmp")), "{leftovers:?}");

    // Another program changes the file: a save from the old version is refused, with both.
    let new_version = saved.json()["version"].as_str().unwrap().to_string();
    std::fs::write(server.folder.join(SEED), "kind: working_session\n# by git\n").unwrap();
    let mine = format!("{edited}\n# mine");
    let refused = server.post("/api/save", &json!({ "path": SEED, "text": mine, "base": new_version }));
    assert_eq!(refused.status, 409);
    let body = refused.json();
    assert_eq!(body["disk_text"], "kind: working_session\n# by git\n");
    assert_eq!(
        std::fs::read_to_string(server.folder.join(SEED)).unwrap(),
        "kind: working_session\n# by git\n"
    );
    // The user chose theirs: saving over the version they saw on disk.
    let forced = server.post(
        "/api/save",
        &json!({ "path": SEED, "text": mine, "base": body["disk_version"] }),
    );
    assert_eq!(forced.status, 200);
    assert_eq!(std::fs::read_to_string(server.folder.join(SEED)).unwrap(), mine);
}

#[test]
fn a_new_record_is_the_scaffold_and_never_replaces_a_file() {
    let server = Server::start(&[]);
    let fields = json!({
        "issuer": { "system": "party", "name": "Huyện ủy Thọ Xuân", "code": "HU", "place": "Thọ Xuân" },
        "date": "2024-04-02", "start": "08:30", "host": "xã Xuân Hòa", "subject": "công tác chuyển đổi số",
        "chair": { "name": "Lê Đình Hải", "titles": ["Bí thư Huyện ủy"] },
        "attendees": [ { "name": "Nguyễn Hữu Dũng", "titles": ["Phó Chủ tịch"] }, { "group": "các phòng, ngành" } ],
        "secretary": { "name": "Trần Thị Mai", "titles": ["Chuyên viên"] }
    });
    let created = server.post(
        "/api/new",
        &json!({ "kind": "session", "name": "xuan-hoa", "fields": fields }),
    );
    assert_eq!(created.status, 200, "{}", created.text());
    assert_eq!(created.json()["path"], "xuan-hoa.yaml");
    let text = std::fs::read_to_string(server.folder.join("xuan-hoa.yaml")).unwrap();
    assert!(text.contains("# người chủ trì"));
    let preview = server
        .post("/api/preview", &json!({ "path": "xuan-hoa.yaml", "text": text }))
        .json();
    assert_eq!(preview["ok"], true, "{preview}");
    let again = server.post("/api/new", &json!({ "kind": "assessment", "name": "xuan-hoa.yaml" }));
    assert_eq!(again.status, 409);
    assert_eq!(
        std::fs::read_to_string(server.folder.join("xuan-hoa.yaml")).unwrap(),
        text
    );
    let issuers = server.get("/api/issuers").json();
    assert!(
        issuers
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["name"] == "Huyện ủy Thọ Xuân")
    );
}

#[test]
fn documents_are_written_downloaded_and_archived() {
    let archive = tempfile::tempdir().unwrap();
    let server = Server::start(&["--archive-dir", archive.path().to_str().unwrap()]);
    let written = server.post("/api/render", &json!({ "path": SEED }));
    assert_eq!(written.status, 200, "{}", written.text());
    let files = written.json()["files"].clone();
    let pdf = format!("/out/{}", files[0].as_str().unwrap());
    let download = server.get(&pdf);
    assert_eq!(download.status, 200);
    assert!(download.body.starts_with(b"%PDF-"));
    assert!(
        download
            .header("content-disposition")
            .unwrap()
            .starts_with("attachment")
    );
    let archival = server
        .post("/api/render", &json!({ "path": SEED, "archive": true }))
        .json();
    assert!(archival["files"][0].as_str().unwrap().starts_with("pdfa/"));
    let added = server.post("/api/archive", &json!({ "path": SEED })).json();
    assert_eq!(added["entries"].as_array().unwrap().len(), 3, "{added}");
    assert_eq!(added["entries"][0]["new"], true);
    let again = server.post("/api/archive", &json!({ "path": SEED })).json();
    assert_eq!(again["entries"][0]["new"], false);
    assert!(archive.path().join("index.sqlite").is_file());
}

#[test]
fn changes_on_disk_reach_the_pages() {
    let server = Server::start(&[]);
    let now = server.get("/api/changes").json()["generation"].as_u64().unwrap();
    let path = server.folder.join("assessments/xuan-truong-2024-ntm.yaml");
    let folder = server.folder.clone();
    // Whether the write lands before the long poll starts or while it waits, the answer is
    // the same: a later generation naming the file.
    let writer = std::thread::spawn(move || {
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replace("unmet: 1", "unmet: 2")).unwrap();
        folder
    });
    let changed = server.get(&format!("/api/changes?since={now}")).json();
    writer.join().unwrap();
    assert!(changed["generation"].as_u64().unwrap() > now);
    assert!(
        changed["paths"]
            .as_array()
            .unwrap()
            .contains(&json!("assessments/xuan-truong-2024-ntm.yaml")),
        "{changed}"
    );
}

#[test]
fn a_foreign_host_is_refused() {
    let server = Server::start(&[]);
    for host in ["evil.example", "evil.example:80", "localhost.evil.example"] {
        let response = http(&server.address, "GET", "/api/records", &[("Host", host)], b"");
        assert_eq!(response.status, 403, "{host}");
    }
    assert_eq!(
        http(&server.address, "GET", "/", &[("Host", "localhost:1")], b"").status,
        200
    );
}

#[test]
fn writes_from_a_foreign_origin_are_refused() {
    let server = Server::start(&[]);
    let before = seed_text(&server);
    let version = server.get(&format!("/api/record?path={SEED}")).json()["version"].clone();
    let body = serde_json::to_vec(&json!({ "path": SEED, "text": "kind: x\n", "base": version })).unwrap();
    for headers in [
        vec![("Origin", "http://evil.example")],
        vec![("Origin", "null")],
        vec![("Origin", "http://127.0.0.1:1")],
        vec![("Sec-Fetch-Site", "cross-site")],
    ] {
        let mut all = vec![("Content-Type", "application/json")];
        all.extend(headers.clone());
        let response = server.request("POST", "/api/save", &all, &body);
        assert_eq!(response.status, 403, "{headers:?}");
    }
    assert_eq!(seed_text(&server), before);
}

#[test]
fn paths_stay_inside_the_folder() {
    let server = Server::start(&[]);
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.yaml"), "kind: working_session\n").unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.yaml"), server.folder.join("link.yaml")).unwrap();
    std::os::unix::fs::symlink(outside.path(), server.folder.join("away")).unwrap();
    let secret = outside.path().join("secret.yaml");
    let absolute = secret.to_str().unwrap();
    for target in [
        "/api/record?path=../secret.yaml".to_string(),
        "/api/record?path=%2e%2e%2fsecret.yaml".to_string(),
        "/api/record?path=assessments%2F..%2F..%2Fsecret.yaml".to_string(),
        format!("/api/record?path={absolute}"),
        "/api/record?path=link.yaml".to_string(),
        "/api/record?path=away%2Fsecret.yaml".to_string(),
        "/out/..%2f..%2fetc%2fpasswd".to_string(),
        "/out/%2e%2e/xuan-truong-2024.yaml".to_string(),
    ] {
        let response = server.get(&target);
        assert!(
            response.status == 403 || response.status == 404 || response.status == 400,
            "{target}: {}",
            response.status
        );
        assert!(!response.text().contains("kind: working_session"), "{target}");
    }
    let save = server.post(
        "/api/save",
        &json!({ "path": "away/new.yaml", "text": "x", "base": null }),
    );
    assert_eq!(save.status, 403);
    assert!(!outside.path().join("new.yaml").exists());
    let create = server.post("/api/new", &json!({ "kind": "assessment", "name": "../escape" }));
    assert_eq!(create.status, 403);
}

#[test]
fn large_bodies_are_refused() {
    let server = Server::start(&[]);
    let text = "#".repeat(5 * 1024 * 1024);
    let response = server.post("/api/preview", &json!({ "path": SEED, "text": text }));
    assert_eq!(response.status, 413);
}

#[test]
fn another_address_needs_the_token_on_every_request() {
    let server = Server::start(&["--bind", "0.0.0.0"]);
    let token = server
        .url
        .split("token=")
        .nth(1)
        .expect("a generated token is printed")
        .to_string();
    assert!(token.len() >= 32);
    assert_eq!(server.get("/api/records").status, 401);
    assert_eq!(server.get("/").status, 401);
    assert_eq!(server.get("/api/records?token=wrong").status, 401);
    let first = server.get(&format!("/?token={token}"));
    assert_eq!(first.status, 200);
    let cookie = first
        .header("set-cookie")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    assert_eq!(
        server
            .request("GET", "/api/records", &[("Cookie", &cookie)], b"")
            .status,
        200
    );
    let bearer = format!("Bearer {token}");
    assert_eq!(
        server
            .request("GET", "/api/records", &[("Authorization", &bearer)], b"")
            .status,
        200
    );
    let given = Server::start(&["--token", "s3cret-s3cret"]);
    assert_eq!(given.get("/api/records").status, 401);
    assert_eq!(given.get("/api/records?token=s3cret-s3cret").status, 200);
}

#[test]
fn new_and_schema_never_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("moi.yaml");
    let path = record.to_str().unwrap();
    assert!(vanban(&["new", "session", "-o", path]).status.success());
    let written = std::fs::read_to_string(&record).unwrap();
    assert!(vanban(&["check", path]).status.success());
    let again = vanban(&["new", "assessment", "-o", path]);
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&record).unwrap(), written);
    let schema = dir.path().join("schema.json");
    assert!(vanban(&["schema", "-o", schema.to_str().unwrap()]).status.success());
    assert!(!vanban(&["schema", "-o", schema.to_str().unwrap()]).status.success());
}
