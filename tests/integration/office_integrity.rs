//! Issue 37, written as the attacks that were run: what the leader approves is what is issued.
//! A save under another spelling or through a link meets the record's own rules; a save
//! racing an issue gives one 200 and one 409; a record with errors does not move on; the text
//! a submit carries is the one reviewed; a file changed after approval is not issued.

use std::path::Path;

use serde_json::{Value, json};

use crate::server::{Response, Server};
use crate::support::{add_user, copy_samples, stdout, vanban};

pub const SEED: &str = "xuan-truong-2024.yaml";

/// A folder of the samples with the three roles, and a server over it that can issue.
pub struct Office {
    pub dir: tempfile::TempDir,
    pub server: Server,
    pub lan: String,
    pub hai: String,
    pub mai: String,
}

impl Office {
    pub fn new() -> Office {
        Office::with_env(&[])
    }

    pub fn with_env(env: &[(&str, &str)]) -> Office {
        let dir = tempfile::tempdir().unwrap();
        copy_samples(dir.path());
        crate::support::remove_numbers(&dir.path().join(SEED));
        add_user(dir.path(), "lan", "soan-thao", "mật khẩu soạn thảo");
        add_user(dir.path(), "hai", "lanh-dao", "mật khẩu lãnh đạo");
        add_user(dir.path(), "mai", "van-thu", "mật khẩu văn thư");
        let archive = dir.path().join("kho");
        let server = Server::start_in_with_env(dir.path(), &["--archive-dir", archive.to_str().unwrap()], env);
        let lan = server.login("lan", "mật khẩu soạn thảo");
        let hai = server.login("hai", "mật khẩu lãnh đạo");
        let mai = server.login("mai", "mật khẩu văn thư");
        Office {
            dir,
            server,
            lan,
            hai,
            mai,
        }
    }

    pub fn folder(&self) -> &Path {
        self.dir.path()
    }

    pub fn text(&self, name: &str) -> String {
        std::fs::read_to_string(self.folder().join(name)).unwrap()
    }

    pub fn save(&self, who: &str, path: &str, text: &str) -> Response {
        let base = vanban::archive::sha256_hex(self.text(path.trim_start_matches(['.', '/'])).as_bytes());
        self.server
            .post_as(who, "/api/save", &json!({ "path": path, "text": text, "base": base }))
    }

    pub fn step(&self, who: &str, path: &str, step: &str) -> Response {
        self.server
            .post_as(who, "/api/workflow", &json!({ "path": path, "step": step }))
    }

    /// Submits the file as it is on disk, with its text (as the page does).
    pub fn submit(&self, path: &str) -> Response {
        let text = self.text(path);
        let base = vanban::archive::sha256_hex(text.as_bytes());
        self.server.post_as(
            &self.lan,
            "/api/workflow",
            &json!({ "path": path, "step": "submit", "text": text, "base": base }),
        )
    }

    pub fn issue(&self, path: &str) -> Response {
        self.server.post_as(&self.mai, "/api/archive", &json!({ "path": path }))
    }

    pub fn state(&self, path: &str) -> Value {
        self.server
            .request(
                "GET",
                &format!("/api/workflow?path={path}"),
                &[("Cookie", &self.lan)],
                b"",
            )
            .json()["state"]
            .clone()
    }

    /// The register's lines for the session's documents (its four numbered documents a
    /// line each, per issue).
    pub fn register(&self) -> Vec<String> {
        let archive = self.folder().join("kho");
        let listed = vanban(&["archive", "register", "--archive-dir", archive.to_str().unwrap()]);
        stdout(&listed)
            .lines()
            .filter(|l| {
                l.rsplit('\t')
                    .next()
                    .is_some_and(|entry| entry.starts_with("tho-xuan-2024-03-27"))
            })
            .map(str::to_string)
            .collect()
    }
}

#[test]
fn a_save_under_another_spelling_or_through_a_link_meets_the_approval() {
    let office = Office::new();
    let text = office.text(SEED);
    assert_eq!(office.submit(SEED).status, 200);
    assert_eq!(office.step(&office.hai, SEED, "approve").status, 200);
    assert_eq!(office.state(SEED), "da-duyet");

    // `./R`: the same record, under its rules: the approval is gone with the change.
    let changed = text.replacen("Tập trung", "Chỉ tập trung", 1);
    assert_eq!(office.save(&office.lan, &format!("./{SEED}"), &changed).status, 200);
    assert_eq!(office.state(SEED), "du-thao", "the change sent the record back");
    assert_eq!(office.state(&format!("./{SEED}")), "du-thao");
    let refused = office.issue(SEED);
    assert_eq!(refused.status, 409, "{}", refused.text());
    assert_eq!(refused.json()["refused"], "state");

    // A link planted in the folder is not a way in.
    std::os::unix::fs::symlink(office.folder().join(SEED), office.folder().join("link.yaml")).unwrap();
    let base = vanban::archive::sha256_hex(changed.as_bytes());
    let through_link = office.server.post_as(
        &office.lan,
        "/api/save",
        &json!({ "path": "link.yaml", "text": text, "base": base }),
    );
    assert_eq!(through_link.status, 403, "{}", through_link.text());
    assert_eq!(office.text(SEED), changed);

    // Issued: no spelling changes it.
    assert_eq!(office.submit(SEED).status, 200);
    assert_eq!(office.step(&office.hai, SEED, "approve").status, 200);
    let issued = office.issue(&format!("./{SEED}"));
    assert_eq!(issued.status, 200, "{}", issued.text());
    assert_eq!(office.state(SEED), "da-ban-hanh");
    for spelling in [SEED.to_string(), format!("./{SEED}"), format!(".//{SEED}")] {
        let late = office.save(&office.lan, &spelling, &text);
        assert_eq!(late.status, 409, "{spelling}: {}", late.text());
        assert_eq!(late.json()["refused"], "state");
    }
    assert_eq!(office.text(SEED), changed, "the issued text is untouched");
}

#[test]
fn a_file_changed_after_approval_is_not_issued() {
    let office = Office::new();
    assert_eq!(office.submit(SEED).status, 200);
    // Changed on disk after it was submitted: the leader is not approving what was submitted.
    let path = office.folder().join(SEED);
    let text = office.text(SEED);
    std::fs::write(&path, text.replacen("Tập trung", "Chỉ tập trung", 1)).unwrap();
    let approve = office.step(&office.hai, SEED, "approve");
    assert_eq!(
        (approve.status, approve.json()["refused"].as_str()),
        (409, Some("changed"))
    );
    std::fs::write(&path, &text).unwrap();
    assert_eq!(office.step(&office.hai, SEED, "approve").status, 200);
    // Changed after approval, behind the server's back: not issued, no number taken.
    std::fs::write(&path, text.replacen("Tập trung", "Chỉ tập trung", 1)).unwrap();
    let refused = office.issue(SEED);
    assert_eq!(refused.status, 409, "{}", refused.text());
    assert_eq!(refused.json()["refused"], "changed");
    assert!(
        refused.json()["error"]
            .as_str()
            .unwrap()
            .contains("đã sửa sau khi duyệt")
    );
    assert!(office.register().is_empty(), "no number was taken");
    // The approved bytes again: issued, and the entry names the approved version.
    std::fs::write(&path, &text).unwrap();
    let approved = office
        .server
        .request(
            "GET",
            &format!("/api/workflow?path={SEED}"),
            &[("Cookie", &office.mai)],
            b"",
        )
        .json();
    let issued = office.issue(SEED);
    assert_eq!(issued.status, 200, "{}", issued.text());
    let entry = issued.json()["entries"][0]["id"].as_str().unwrap().to_string();
    let archive = vanban::archive::Archive::open_existing(&office.folder().join("kho")).unwrap();
    let approval = archive.approval_of(&entry).unwrap().unwrap();
    assert_eq!(approval.sha256, approved["approved_sha256"].as_str().unwrap());
    assert_eq!(approval.sha256.len(), 64);
    assert_eq!(office.register().len(), 4, "the four documents numbered once");
    assert_eq!((approval.version, approval.issued_by.as_str()), (1, "mai"));
}

#[test]
fn a_submit_carries_the_screen_and_a_stale_one_is_refused() {
    let office = Office::new();
    let text = office.text(SEED);
    let on_screen = text.replacen("Tập trung", "Khẩn trương tập trung", 1);
    let base = vanban::archive::sha256_hex(text.as_bytes());
    let submit = |body: Value| office.server.post_as(&office.lan, "/api/workflow", &body);
    let done = submit(json!({ "path": SEED, "step": "submit", "text": on_screen, "base": base }));
    assert_eq!(done.status, 200, "{}", done.text());
    assert_eq!(office.text(SEED), on_screen, "what was on screen is what is submitted");
    assert_eq!(done.json()["state"], "cho-duyet");
    assert_eq!(
        done.json()["saved_version"],
        vanban::archive::sha256_hex(on_screen.as_bytes())
    );
    let version = done.json()["version"].as_i64().unwrap();
    let kept = office
        .server
        .request(
            "GET",
            &format!("/api/versions?path={SEED}&a={version}"),
            &[("Cookie", &office.hai)],
            b"",
        )
        .json();
    assert_eq!(
        kept["changes"].as_array().unwrap().len(),
        0,
        "the version under review is the file"
    );
    // Returned; a submit from an editor that is behind the file is refused with the file.
    assert_eq!(
        office
            .server
            .post_as(
                &office.hai,
                "/api/workflow",
                &json!({ "path": SEED, "step": "return", "reason": "Sửa" })
            )
            .status,
        200
    );
    let stale = submit(json!({ "path": SEED, "step": "submit", "text": text, "base": base }));
    assert_eq!(stale.status, 409, "{}", stale.text());
    assert_eq!(stale.json()["disk_text"], on_screen);
    assert_eq!(office.state(SEED), "du-thao");
}

#[test]
fn a_record_with_errors_is_neither_submitted_nor_approved() {
    let office = Office::new();
    let text = office.text(SEED);
    let undated: String = text
        .lines()
        .filter(|l| !l.starts_with("date:"))
        .map(|l| format!("{l}\n"))
        .collect();
    let base = vanban::archive::sha256_hex(text.as_bytes());
    let refused = office.server.post_as(
        &office.lan,
        "/api/workflow",
        &json!({ "path": SEED, "step": "submit", "text": undated, "base": base }),
    );
    assert_eq!(refused.status, 422, "{}", refused.text());
    let body = refused.json();
    let problems = body["problems"].as_array().unwrap();
    assert!(!problems.is_empty(), "{body}");
    assert!(
        problems.iter().all(|p| !p["message"].as_str().unwrap().contains('/')),
        "no server path: {body}"
    );
    assert_eq!(office.state(SEED), "du-thao");
    assert_eq!(office.text(SEED), text, "nothing saved");
    // Submitted whole, then broken on disk: the leader cannot approve it.
    assert_eq!(office.submit(SEED).status, 200);
    std::fs::write(office.folder().join(SEED), &undated).unwrap();
    let approve = office.step(&office.hai, SEED, "approve");
    assert_eq!(approve.status, 422, "{}", approve.text());
    assert_eq!(office.state(SEED), "cho-duyet");
}

#[test]
fn fifty_saves_racing_an_issue_give_one_200_and_one_409_each() {
    let office = Office::new();
    let text = office.text(SEED);
    let mut issued = 0;
    let mut name = String::new();
    for race in 0..50 {
        if name.is_empty() || office.state(&name) == "da-ban-hanh" {
            name = format!("race-{race}.yaml");
            std::fs::write(office.folder().join(&name), format!("{text}# {race}\n")).unwrap();
        }
        assert_eq!(office.submit(&name).status, 200);
        assert_eq!(office.step(&office.hai, &name, "approve").status, 200);
        let changed = format!("{}# đổi {race}\n", office.text(&name));
        let apart = std::time::Duration::from_millis((race * 13 % 61) as u64);
        let (save, issue) = std::thread::scope(|scope| {
            let (first_save, name, changed, office) = (race % 2 == 0, name.as_str(), changed.as_str(), &office);
            let save = scope.spawn(move || {
                if !first_save {
                    std::thread::sleep(apart);
                }
                office.save(&office.lan, name, changed).status
            });
            let issue = scope.spawn(move || {
                if first_save {
                    std::thread::sleep(apart);
                }
                office.issue(name).status
            });
            (save.join().unwrap(), issue.join().unwrap())
        });
        let mut statuses = [save, issue];
        statuses.sort();
        assert_eq!(statuses, [200, 409], "race {race}: save {save}, issue {issue}");
        let state = office.state(&name);
        if issue == 200 {
            issued += 1;
            assert_eq!(state, "da-ban-hanh", "race {race}");
        } else {
            assert_eq!(state, "du-thao", "race {race}");
        }
    }
    // Numbers only for the issues that happened, each issue in the log.
    let register = office.register();
    assert_eq!(register.len(), 4 * issued, "{register:?}");
    let folder = office.folder().to_str().unwrap();
    let log = stdout(&vanban(&["audit", "list", "--folder", folder]));
    assert_eq!(
        log.lines().filter(|l| l.split('\t').nth(3) == Some("issue")).count(),
        issued
    );
    assert!(vanban(&["audit", "verify", "--folder", folder]).status.success());
}
