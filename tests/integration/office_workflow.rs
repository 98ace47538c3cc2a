//! A record's whole way through an office (issue 26): drafted and submitted by the
//! chuyên viên, returned with a reason by the lãnh đạo, fixed and resubmitted, approved,
//! then issued by the văn thư, who alone may file it; every step in the audit log with
//! its person; every save a version, and what changed since the return, field by field.

use serde_json::json;

use crate::office::{login, post_as};
use crate::server::Server;
use crate::support::add_user;
use crate::support::{copy_samples, stderr, stdout};

const SEED: &str = "xuan-truong-2024.yaml";

#[test]
fn a_record_is_drafted_returned_fixed_approved_and_issued() {
    let dir = tempfile::tempdir().unwrap();
    copy_samples(dir.path());
    // Without document numbers: the văn thư takes them from the register when issuing.
    crate::support::remove_numbers(&dir.path().join(SEED));
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
        post_as(
            &server,
            who,
            "/api/workflow",
            &json!({ "path": SEED, "step": step, "reason": reason }),
        )
    };
    let standing = |who: &str| {
        server
            .request("GET", &format!("/api/workflow?path={SEED}"), &[("Cookie", who)], b"")
            .json()
    };
    let text = std::fs::read_to_string(dir.path().join(SEED)).unwrap();
    let base = vanban::archive::sha256_hex(text.as_bytes());
    let saved = post_as(
        &server,
        &lan,
        "/api/save",
        &json!({ "path": SEED, "text": text, "base": base }),
    );
    assert_eq!(saved.status, 200);
    assert_eq!(standing(&lan)["state"], "du-thao");

    assert_eq!(step(&lan, "submit", "").status, 200);
    assert_eq!(step(&lan, "approve", "").status, 403, "a drafter approving");
    assert_eq!(step(&hai, "return", "").status, 409, "a return needs a reason");
    assert_eq!(step(&hai, "return", "Sửa nhiệm vụ thứ hai").status, 200);
    let returned = standing(&lan);
    assert_eq!(
        (returned["state"].as_str(), returned["reason"].as_str()),
        (Some("du-thao"), Some("Sửa nhiệm vụ thứ hai"))
    );
    assert_eq!(returned["by"], "hai");

    // The drafter fixes it: the second version, and what changed since the return.
    let fixed = text.replacen(
        "Tập trung khẩn trương hoàn thành các tiêu chí không cần nguồn lực",
        "Tập trung hoàn thành ngay các tiêu chí không cần nguồn lực",
        1,
    );
    assert_ne!(fixed, text);
    let base = saved.json()["version"].as_str().unwrap().to_string();
    let saved = post_as(
        &server,
        &lan,
        "/api/save",
        &json!({ "path": SEED, "text": fixed, "base": base }),
    );
    assert_eq!(saved.status, 200);
    let versions = server
        .request(
            "GET",
            &format!("/api/versions?path={SEED}&a=1&b=2"),
            &[("Cookie", lan.as_str())],
            b"",
        )
        .json();
    assert_eq!(versions["versions"].as_array().unwrap().len(), 2);
    let changes = versions["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0]["field"], "/conclusions/tasks/1/task");
    assert_eq!(changes[0]["label"], "Nội dung nhiệm vụ 2");
    assert!(
        changes[0]["after"]
            .as_str()
            .unwrap()
            .starts_with("Tập trung hoàn thành ngay")
    );

    assert_eq!(step(&lan, "submit", "").status, 200);
    assert_eq!(step(&hai, "approve", "").status, 200);
    let file = json!({ "path": SEED });
    assert_eq!(
        post_as(&server, &hai, "/api/archive", &file).status,
        403,
        "a leader issuing"
    );
    let issued = post_as(&server, &mai, "/api/archive", &file);
    assert_eq!(issued.status, 200, "{}", issued.text());
    assert_eq!(standing(&mai)["state"], "da-ban-hanh");
    let late = post_as(
        &server,
        &lan,
        "/api/save",
        &json!({ "path": SEED, "text": format!("{fixed}# sau\n"), "base": saved.json()["version"] }),
    );
    assert_eq!(late.status, 409, "an issued record is not changed");

    // The numbers came from the register, and the archive and the log are whole.
    let register = crate::support::vanban(&["archive", "register", "--archive-dir", archive.to_str().unwrap()]);
    assert!(stdout(&register).contains("01-TB/HU"), "{}", stdout(&register));
    let verified = crate::support::vanban(&["archive", "verify", "--archive-dir", archive.to_str().unwrap()]);
    assert!(verified.status.success(), "{}", stderr(&verified));
    let folder = dir.path().to_str().unwrap();
    assert!(
        crate::support::vanban(&["audit", "verify", "--folder", folder])
            .status
            .success()
    );
    let log = stdout(&crate::support::vanban(&[
        "audit", "list", "--folder", folder, "--record", SEED,
    ]));
    let steps: Vec<(&str, &str)> = log
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            Some((cells.get(2).copied()?, cells.get(3).copied()?))
        })
        .filter(|(_, action)| ["save", "submit", "return", "approve", "issue"].contains(action))
        .collect();
    assert_eq!(
        steps,
        [
            ("lan", "save"),
            ("lan", "submit"),
            ("hai", "return"),
            ("lan", "save"),
            ("lan", "submit"),
            ("hai", "approve"),
            ("mai", "issue"),
        ],
        "{log}"
    );
}
