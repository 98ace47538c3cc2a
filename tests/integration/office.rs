//! The office's people and its trail (issue 26, first part): users kept with Argon2id
//! hashes, passwords never on a command line; a folder with users needs a login, and each
//! route that writes checks the role on the server; the audit log names each step, and an
//! entry changed in the database is found.

use std::process::{Command, Output};

use serde_json::json;

use crate::server::Server;
use crate::support::{add_user, copy_samples, stderr, stdout};

/// `vanban ARGS` with the password in the variable `PW`.
fn vanban_with_password(args: &[&str], password: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .env("LANG", "vi_VN.UTF-8")
        .env("PW", password)
        .output()
        .unwrap()
}

#[test]
fn users_and_the_audit_log_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().to_str().unwrap();
    add_user(dir.path(), "mai", "van-thu", "mật khẩu văn thư");
    let again = vanban_with_password(
        &[
            "users",
            "add",
            "mai",
            "--role",
            "lanh-dao",
            "--folder",
            folder,
            "--password-env",
            "PW",
        ],
        "mật khẩu khác nữa",
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("đã có người dùng `mai`"), "{}", stderr(&again));
    let given = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args([
            "users",
            "add",
            "lan",
            "--role",
            "soan-thao",
            "--folder",
            folder,
            "--password",
            "x",
        ])
        .output()
        .unwrap();
    assert_eq!(given.status.code(), Some(2), "a password is never an argument");
    let list = crate::support::vanban(&["users", "list", "--folder", folder]);
    assert_eq!(stdout(&list).trim(), "mai\tvan-thu");
    let db = std::fs::read(dir.path().join(".vanban/office.sqlite")).unwrap();
    assert!(!String::from_utf8_lossy(&db).contains("mật khẩu văn thư"));

    let verified = crate::support::vanban(&["audit", "verify", "--folder", folder]);
    assert!(verified.status.success(), "{}", stderr(&verified));
    assert!(
        stdout(&verified).contains("nhật ký nguyên vẹn: 1 mục"),
        "{}",
        stdout(&verified)
    );
    let connection = rusqlite::Connection::open(dir.path().join(".vanban/office.sqlite")).unwrap();
    connection
        .execute("UPDATE audit SET target = 'lan (quan-tri)' WHERE seq = 1", [])
        .unwrap();
    let broken = crate::support::vanban(&["audit", "verify", "--folder", folder]);
    assert_eq!(broken.status.code(), Some(1));
    assert!(stderr(&broken).contains("mục số 1"), "{}", stderr(&broken));
}

/// Logs `name` in; the session cookie.
pub fn login(server: &Server, name: &str, password: &str) -> String {
    server.login(name, password)
}

/// `POST target` with a session cookie.
pub fn post_as(server: &Server, cookie: &str, target: &str, body: &serde_json::Value) -> crate::server::Response {
    server.post_as(cookie, target, body)
}

/// The office's three people, as the signing tests use them: `lan` soạn thảo, `hai` lãnh
/// đạo, `mai` văn thư, in the folder `dir` with the samples copied in.
pub fn three_people(dir: &std::path::Path) {
    copy_samples(dir);
    add_user(dir, "lan", "soan-thao", "mật khẩu soạn thảo");
    add_user(dir, "hai", "lanh-dao", "mật khẩu lãnh đạo");
    add_user(dir, "mai", "van-thu", "mật khẩu văn thư");
}

/// The record `path` taken from draft to issued by the three people: their session cookies
/// (lan, hai, mai) and the archive entry it was filed as.
pub fn issued_by_three(server: &Server, path: &str) -> ([String; 3], String) {
    let people = [
        login(server, "lan", "mật khẩu soạn thảo"),
        login(server, "hai", "mật khẩu lãnh đạo"),
        login(server, "mai", "mật khẩu văn thư"),
    ];
    let step = |who: &str, step: &str| post_as(server, who, "/api/workflow", &json!({ "path": path, "step": step }));
    assert_eq!(step(&people[0], "submit").status, 200);
    assert_eq!(step(&people[1], "approve").status, 200);
    let issued = post_as(server, &people[2], "/api/archive", &json!({ "path": path }));
    assert_eq!(issued.status, 200, "{}", issued.text());
    let entry = issued.json()["entries"][0]["id"].as_str().unwrap().to_string();
    (people, entry)
}

#[test]
fn a_folder_with_users_needs_a_login_and_each_write_its_role() {
    let dir = tempfile::tempdir().unwrap();
    copy_samples(dir.path());
    add_user(dir.path(), "lan", "soan-thao", "mật khẩu soạn thảo");
    add_user(dir.path(), "hai", "lanh-dao", "mật khẩu lãnh đạo");
    let archive = dir.path().join("kho");
    let server = Server::start_in(dir.path(), &["--archive-dir", archive.to_str().unwrap()]);

    assert_eq!(server.get("/api/records").status, 401, "no session, no records");
    let page = server.get("/");
    assert_eq!(page.status, 303, "the list sends to the login page");
    assert_eq!(server.get("/login").status, 200);
    let wrong = server.post("/api/login", &json!({ "name": "lan", "password": "sai mật khẩu" }));
    assert_eq!(wrong.status, 401);
    let text = std::fs::read_to_string(dir.path().join("xuan-truong-2024.yaml")).unwrap();
    let save =
        json!({ "path": "xuan-truong-2024.yaml", "text": text, "base": vanban::archive::sha256_hex(text.as_bytes()) });
    assert_eq!(server.post("/api/save", &save).status, 401, "a write without a session");

    let lan = login(&server, "lan", "mật khẩu soạn thảo");
    assert_eq!(post_as(&server, &lan, "/api/save", &save).status, 200);
    let issue = json!({ "path": "xuan-truong-2024.yaml" });
    assert_eq!(
        post_as(&server, &lan, "/api/archive", &issue).status,
        403,
        "a drafter issuing"
    );
    let hai = login(&server, "hai", "mật khẩu lãnh đạo");
    assert_eq!(
        post_as(&server, &hai, "/api/archive", &issue).status,
        403,
        "a leader issuing"
    );
    // A second save from the version before: refused, naming who saved and when.
    let stale = json!({ "path": "xuan-truong-2024.yaml", "text": format!("{text}# sửa\n"), "base": "0" });
    let refused = post_as(&server, &hai, "/api/save", &stale);
    assert_eq!(refused.status, 409);
    assert_eq!(refused.json()["changed_by"], "lan");
    assert!(refused.json()["changed_at"].as_str().unwrap().starts_with("20"));
    let me = server.request("GET", "/api/me", &[("Cookie", lan.as_str())], b"");
    assert_eq!(me.json(), json!({ "name": "lan", "role": "soan-thao" }));

    let folder = dir.path().to_str().unwrap();
    let log = stdout(&crate::support::vanban(&["audit", "list", "--folder", folder]));
    for line in [
        "\tlan\tlogin-failed\t",
        "\tlan\tlogin\t",
        "\tlan\tsave\txuan-truong-2024.yaml\t127.0.0.1",
        "\thai\tlogin\t",
    ] {
        assert!(log.contains(line), "{line:?} in\n{log}");
    }
    assert!(!log.contains("\thai\tarchive\t"), "a refused action is not done");
    let verified = crate::support::vanban(&["audit", "verify", "--folder", folder]);
    assert!(verified.status.success(), "{}", stderr(&verified));
}

#[test]
fn failed_logins_slow_down_then_pause_and_the_right_password_still_works() {
    let dir = tempfile::tempdir().unwrap();
    add_user(dir.path(), "mai", "van-thu", "mật khẩu văn thư");
    let server = Server::start_in_with_env(dir.path(), &[], &[("VANBAN_LOGIN_BACKOFF_MS", "20")]);
    let mut statuses = Vec::new();
    for _ in 0..20 {
        let wrong = server.post("/api/login", &json!({ "name": "mai", "password": "không đúng" }));
        statuses.push(wrong.status);
    }
    assert!(statuses[..5].iter().all(|s| *s == 401), "{statuses:?}");
    assert!(statuses.contains(&429), "waits begin after five: {statuses:?}");
    // Right after a counted failure, the wait is longer than a request takes: even the
    // right password waits.
    for _ in 0..200 {
        let wrong = server.post("/api/login", &json!({ "name": "mai", "password": "không đúng" }));
        if wrong.status == 401 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let waiting = server.post("/api/login", &json!({ "name": "mai", "password": "mật khẩu văn thư" }));
    assert_eq!(waiting.status, 429, "during a wait even the right password waits");
    // The pause is 300 units (here 6 s); after it the right password works.
    std::thread::sleep(std::time::Duration::from_millis(300 * 20 + 200));
    login(&server, "mai", "mật khẩu văn thư");
}
