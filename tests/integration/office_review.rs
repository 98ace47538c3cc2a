//! The office's review (issue 26): a leader's comment on a conclusion, the drafter's answer
//! and settling it, each checked against the role on the server and logged; two editors'
//! saves merged field by field; the audit log in the page for the leader, not the drafter.

use serde_json::json;

use crate::office::{login, post_as};
use crate::server::Server;
use crate::support::{add_user, copy_samples};

const SEED: &str = "xuan-truong-2024.yaml";
const DIRECTIVE: &str = "/conclusions/directives/1";

fn office() -> (tempfile::TempDir, Server, [String; 3]) {
    let dir = tempfile::tempdir().unwrap();
    copy_samples(dir.path());
    add_user(dir.path(), "lan", "soan-thao", "mật khẩu soạn thảo");
    add_user(dir.path(), "hai", "lanh-dao", "mật khẩu lãnh đạo");
    add_user(dir.path(), "mai", "van-thu", "mật khẩu văn thư");
    let server = Server::start_in(dir.path(), &[]);
    let people = [
        login(&server, "lan", "mật khẩu soạn thảo"),
        login(&server, "hai", "mật khẩu lãnh đạo"),
        login(&server, "mai", "mật khẩu văn thư"),
    ];
    (dir, server, people)
}

fn get(server: &Server, who: &str, target: &str) -> crate::server::Response {
    server.request("GET", target, &[("Cookie", who)], b"")
}

#[test]
fn a_leader_comments_on_a_conclusion_the_drafter_answers_and_settles_it() {
    let (dir, server, [lan, hai, mai]) = office();
    let comment = json!({ "path": SEED, "field": DIRECTIVE, "text": "Ghi rõ thời hạn hoàn thành" });
    assert_eq!(
        post_as(&server, &lan, "/api/comments", &comment).status,
        403,
        "a drafter opening a comment"
    );
    assert_eq!(post_as(&server, &mai, "/api/comments", &comment).status, 403);
    assert_eq!(server.post("/api/comments", &comment).status, 401, "without a session");
    let empty = json!({ "path": SEED, "field": DIRECTIVE, "text": "  " });
    assert_eq!(post_as(&server, &hai, "/api/comments", &empty).status, 400);
    let made = post_as(&server, &hai, "/api/comments", &comment);
    assert_eq!(made.status, 200, "{}", made.text());
    let id = made.json()["id"].as_i64().unwrap();
    let passage = json!({ "path": SEED, "passage": "khẩn trương", "document": "Thông báo", "text": "Bỏ chữ này" });
    assert_eq!(post_as(&server, &hai, "/api/comments", &passage).status, 200);

    let threads = get(&server, &lan, &format!("/api/comments?path={SEED}")).json();
    let threads = threads.as_array().unwrap();
    assert_eq!(threads.len(), 2);
    assert_eq!(threads[0]["field"], DIRECTIVE);
    assert_eq!(threads[0]["label"], "Nhiệm vụ, giải pháp 2");
    assert_eq!(
        (threads[1]["passage"].as_str(), threads[1]["document"].as_str()),
        (Some("khẩn trương"), Some("Thông báo"))
    );
    let overview = get(&server, &lan, "/api/office").json();
    assert_eq!(overview["comments"][SEED], 2);

    let answer = json!({ "path": SEED, "answer_to": id, "text": "Đã ghi: trước 30/6/2025" });
    assert_eq!(
        post_as(&server, &mai, "/api/comments", &answer).status,
        403,
        "a văn thư answering"
    );
    let elsewhere = json!({ "path": "an-phu-2025.yaml", "answer_to": id, "text": "x" });
    assert_eq!(post_as(&server, &lan, "/api/comments", &elsewhere).status, 404);
    assert_eq!(post_as(&server, &lan, "/api/comments", &answer).status, 200);
    let settle = json!({ "path": SEED, "resolve": id });
    assert_eq!(post_as(&server, &lan, "/api/comments", &settle).status, 200);
    let threads = get(&server, &hai, &format!("/api/comments?path={SEED}")).json();
    assert_eq!(threads[0]["resolved_by"], "lan");
    assert_eq!(threads[0]["answers"][0]["text"], "Đã ghi: trước 30/6/2025");
    assert_eq!(get(&server, &lan, "/api/office").json()["comments"][SEED], 1);

    let log = crate::support::stdout(&crate::support::vanban(&[
        "audit",
        "list",
        "--folder",
        dir.path().to_str().unwrap(),
        "--record",
        SEED,
    ]));
    let actions: Vec<&str> = log.lines().filter_map(|l| l.split('\t').nth(3)).collect();
    // The refused tries (a drafter commenting, a leader answering, ...) are in the log too.
    let done: Vec<&str> = actions.iter().copied().filter(|a| !a.starts_with("refused")).collect();
    assert_eq!(done, ["comment", "comment", "answer", "resolve"], "{log}");
    assert_eq!(
        actions.iter().filter(|a| **a == "refused /api/comments").count(),
        3,
        "{log}"
    );
}

#[test]
fn two_editors_saves_merge_field_by_field_and_a_field_both_changed_is_named() {
    let (dir, server, [lan, hai, _]) = office();
    let base = std::fs::read_to_string(dir.path().join(SEED)).unwrap();
    let version = vanban::archive::sha256_hex(base.as_bytes());
    let (a, b) = ("Tập trung khẩn trương hoàn thành", "Tập trung hoàn thành ngay");
    assert!(base.contains(a));
    // The leader changes a task and saves first; the drafter changed the place meanwhile.
    let theirs = base.replacen(a, b, 1);
    let saved = post_as(
        &server,
        &hai,
        "/api/save",
        &json!({ "path": SEED, "text": theirs, "base": version }),
    );
    assert_eq!(saved.status, 200);
    let mine = base.replacen("Hội trường Ủy ban nhân dân xã", "Nhà văn hóa xã", 1);
    assert_ne!(mine, base, "the sample's location changed");
    let refused = post_as(
        &server,
        &lan,
        "/api/save",
        &json!({ "path": SEED, "text": mine, "base": version }),
    );
    assert_eq!(refused.status, 409);
    assert_eq!(refused.json()["changed_by"], "hai");
    let merged = post_as(
        &server,
        &lan,
        "/api/merge",
        &json!({ "base": base, "mine": mine, "theirs": theirs }),
    )
    .json();
    let text = merged["text"].as_str().unwrap();
    assert!(
        text.contains(b) && text.contains("Nhà văn hóa xã Xuân Trường"),
        "{text}"
    );
    assert_eq!(merged["conflicts"], json!([]));
    assert_eq!(
        text.lines().count(),
        theirs.lines().count(),
        "only the changed line is rewritten"
    );
    // Both changed the same task: theirs is kept and the field named with its label.
    let clash = base.replacen(a, "Khác hẳn", 1);
    let merged = post_as(
        &server,
        &lan,
        "/api/merge",
        &json!({ "base": base, "mine": clash, "theirs": theirs }),
    )
    .json();
    assert_eq!(merged["conflicts"][0]["field"], "/conclusions/tasks/1/task");
    assert_eq!(merged["conflicts"][0]["label"], "Nội dung nhiệm vụ 2");
    assert!(merged["text"].as_str().unwrap().contains(b));
}

#[test]
fn the_audit_log_is_shown_to_the_leader_not_to_the_drafter() {
    let (_dir, server, [lan, hai, mai]) = office();
    assert_eq!(get(&server, &lan, "/api/audit").status, 403);
    assert_eq!(get(&server, &mai, "/api/audit").status, 403);
    assert_eq!(server.get("/api/audit").status, 401);
    let all = get(&server, &hai, "/api/audit").json();
    assert_eq!(all["chain"], true);
    let logins: Vec<&str> = all["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "login")
        .map(|e| e["user"].as_str().unwrap())
        .collect();
    assert_eq!(logins, ["mai", "hai", "lan"], "newest first");
    let hers = get(&server, &hai, "/api/audit?user=mai&since=2000-01-01").json();
    assert!(hers["entries"].as_array().unwrap().iter().all(|e| e["user"] == "mai"));
    assert_eq!(hers["total"], 1);
}
