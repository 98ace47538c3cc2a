//! Issue 37, written as the attacks that were run: sessions end with the account, the log
//! cannot be rewritten unseen, every step is in it and prints one line an entry, and logins
//! are bounded (one guess at a time past the free tries, long names refused unstored).

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use serde_json::json;
use sha2::{Digest, Sha256};

use crate::office_integrity::{Office, SEED};
use crate::support::{stderr, stdout, vanban};

fn cli(args: &[&str], folder: &Path) -> std::process::Output {
    let mut all = args.to_vec();
    all.extend(["--folder", folder.to_str().unwrap()]);
    vanban(&all)
}

#[test]
fn sessions_end_when_the_account_changes_from_the_command_line() {
    let office = Office::new();
    crate::support::add_user(office.folder(), "binh", "soan-thao", "mật khẩu của Bình");
    let binh = office.server.login("binh", "mật khẩu của Bình");
    let works = |who: &str| {
        office
            .server
            .request("GET", "/api/records", &[("Cookie", who)], b"")
            .status
    };
    assert_eq!(
        [works(&office.lan), works(&office.hai), works(&office.mai), works(&binh)],
        [200; 4]
    );

    assert!(cli(&["users", "disable", "lan"], office.folder()).status.success());
    assert_eq!(works(&office.lan), 401, "a disabled account's session is over");
    assert_eq!(office.save(&office.lan, SEED, "x: 1\n").status, 401);

    let reset = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["users", "reset-password", "hai", "--password-env", "PW", "--folder"])
        .arg(office.folder())
        .env("PW", "mật khẩu mới của Hải")
        .output()
        .unwrap();
    assert!(reset.status.success(), "{}", stderr(&reset));
    assert_eq!(works(&office.hai), 401, "a new password ends the old sessions");

    assert!(
        cli(&["users", "set-role", "mai", "--role", "soan-thao"], office.folder())
            .status
            .success()
    );
    assert_eq!(works(&office.mai), 401, "a new role needs a new login");
    assert!(cli(&["users", "remove", "binh"], office.folder()).status.success());
    assert_eq!(works(&binh), 401, "a removed account's session is over");
    assert_eq!(
        office
            .server
            .post_as(&binh, "/api/workflow", &json!({ "path": SEED, "step": "submit" }))
            .status,
        401
    );

    // The command line's changes name the system user, not `cli:?`.
    let log = stdout(&cli(&["audit", "list"], office.folder()));
    let changes: Vec<&str> = log
        .lines()
        .filter(|l| l.split('\t').nth(3).is_some_and(|a| a.starts_with("user-")))
        .filter_map(|l| l.split('\t').nth(2))
        .collect();
    assert!(changes.len() >= 7, "{log}");
    assert!(changes.iter().all(|u| u.starts_with("cli:") && *u != "cli:?"), "{log}");
}

/// The chain's hash of an entry, as an attacker with the database file recomputes it.
fn rehash(db: &rusqlite::Connection) {
    let rows: Vec<(i64, Vec<String>)> = db
        .prepare("SELECT seq, at, user, action, target, address, detail FROM audit ORDER BY seq")
        .unwrap()
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                (1..7).map(|i| r.get::<_, String>(i)).collect::<Result<Vec<_>, _>>()?,
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut prev = String::new();
    for (seq, cells) in rows {
        let mut hasher = Sha256::new();
        for part in [prev.as_str(), &seq.to_string()]
            .into_iter()
            .chain(cells[..5].iter().map(String::as_str))
        {
            hasher.update(part.as_bytes());
            hasher.update([0u8]);
        }
        if !cells[5].is_empty() {
            hasher.update(cells[5].as_bytes());
            hasher.update([0u8]);
        }
        let hash: String = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect();
        db.execute(
            "UPDATE audit SET prev = ?1, hash = ?2 WHERE seq = ?3",
            rusqlite::params![prev, hash, seq],
        )
        .unwrap();
        prev = hash;
    }
}

#[test]
fn a_recomputed_cut_back_emptied_or_dropped_log_is_found_against_its_anchors() {
    let office = Office::new();
    let folder = office.folder().to_path_buf();
    // An issue keeps the log's head in its archive entry; `audit anchor` keeps it beside the database.
    assert_eq!(office.submit(SEED).status, 200);
    let comment = json!({ "path": SEED, "field": "/date", "text": "Kiểm tra lại ngày" });
    assert_eq!(
        office.server.post_as(&office.hai, "/api/comments", &comment).status,
        200
    );
    assert_eq!(office.step(&office.hai, SEED, "approve").status, 200);
    assert_eq!(office.issue(SEED).status, 200);
    let anchored = cli(&["audit", "anchor"], &folder);
    assert!(anchored.status.success(), "{}", stderr(&anchored));
    let archive = folder.join("kho");
    let verify = |dir: &Path| {
        vanban(&[
            "audit",
            "verify",
            "--folder",
            dir.to_str().unwrap(),
            "--archive-dir",
            archive.to_str().unwrap(),
        ])
    };
    let whole = verify(&folder);
    assert!(whole.status.success(), "{}", stderr(&whole));
    assert!(stdout(&whole).contains("khớp 2 mốc"), "{}", stdout(&whole));
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&folder.join(".vanban")), 0o700);
    assert_eq!(mode(&folder.join(".vanban/office.sqlite")), 0o600);
    assert_eq!(mode(&folder.join(".vanban/audit-anchors")), 0o600);

    let attacks = [
        ("recomputed", "UPDATE audit SET user = 'hai' WHERE action = 'issue'"),
        ("cut back", "DELETE FROM audit WHERE seq > 3"),
        ("emptied", "DELETE FROM audit"),
        ("dropped", "DROP TABLE audit"),
        (
            "fake approval",
            "UPDATE audit SET user = 'hai', action = 'approve' WHERE seq = 2",
        ),
        ("state rewritten", "UPDATE states SET state = 'da-duyet'"),
        (
            "version rewritten",
            "UPDATE versions SET text = text || '# sửa' WHERE seq = 1",
        ),
        ("comment rewritten", "UPDATE comments SET text = 'Đồng ý'"),
        ("untouched", "SELECT 1"),
    ];
    for (name, sql) in attacks {
        let copy = tempfile::tempdir().unwrap();
        std::fs::create_dir(copy.path().join(".vanban")).unwrap();
        for file in ["office.sqlite", "office.sqlite-wal", "audit-anchors"] {
            let from = folder.join(".vanban").join(file);
            if from.exists() {
                std::fs::copy(from, copy.path().join(".vanban").join(file)).unwrap();
            }
        }
        let db = rusqlite::Connection::open(copy.path().join(".vanban/office.sqlite")).unwrap();
        db.execute_batch(sql).unwrap();
        if name != "dropped" {
            rehash(&db);
        }
        drop(db);
        let found = verify(copy.path());
        if name == "untouched" {
            assert!(found.status.success(), "{}", stderr(&found));
            continue;
        }
        assert_eq!(found.status.code(), Some(1), "{name}: {}", stdout(&found));
        let said = stderr(&found);
        assert!(
            said.contains("mốc") || said.contains("không có trong nhật ký"),
            "{name}: {said}"
        );
    }
}

#[test]
fn every_step_is_logged_and_each_entry_prints_as_one_line() {
    let office = Office::new();
    // A name with a newline and tabs, shaped as an approval line.
    let forged = format!("x\n99\t2026-12-08T00:00:00Z\thai\tapprove\t{SEED}\t127.0.0.1");
    let tried = office
        .server
        .post("/api/login", &json!({ "name": forged, "password": "sai mật khẩu" }));
    assert_eq!(tried.status, 401);
    // A refused request, a new record made from another, a failed signing.
    assert_eq!(office.step(&office.lan, SEED, "approve").status, 403);
    let made = office.server.post_as(
        &office.lan,
        "/api/new-from",
        &json!({ "path": SEED, "name": "buoi-sau" }),
    );
    assert_eq!(made.status, 200, "{}", made.text());
    let signed = office
        .server
        .post_as(&office.hai, "/api/sign", &json!({ "path": SEED, "pin": "123456" }));
    assert!(signed.status >= 400, "{}", signed.text());

    let log = stdout(&crate::support::vanban(&[
        "audit",
        "list",
        "--folder",
        office.folder().to_str().unwrap(),
    ]));
    let entries: Vec<Vec<&str>> = log.lines().map(|l| l.split('\t').collect()).collect();
    assert!(entries.iter().all(|e| e.len() == 6), "{log}");
    assert!(
        entries.iter().enumerate().all(|(i, e)| e[0] == (i + 1).to_string()),
        "{log}"
    );
    assert!(!log.lines().any(|l| l.starts_with("99\t")), "{log}");
    assert!(log.contains("x\\n99\\t2026"), "{log}");
    let has = |user: &str, action: &str, target: &str| {
        entries
            .iter()
            .any(|e| e[2] == user && e[3] == action && e[4].contains(target))
    };
    assert!(has("lan", "refused /api/workflow", SEED), "{log}");
    assert!(
        has("lan", "create", "buoi-sau.yaml"),
        "the new record, not its source: {log}"
    );
    assert!(has("hai", "sign-failed", SEED), "{log}");
    assert!(!log.contains("123456"), "never the PIN");
}

#[test]
fn guesses_sent_at_once_are_one_try_and_long_names_are_refused_unstored() {
    let office = Office::with_env(&[("VANBAN_LOGIN_BACKOFF_MS", "60000")]);
    let guess = |name: &str| {
        office
            .server
            .post("/api/login", &json!({ "name": name, "password": "đoán sai mật khẩu" }))
            .status
    };
    // Four free tries used; then four guesses at once: one is checked, three wait.
    for _ in 0..4 {
        assert_eq!(guess("hai"), 401);
    }
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let tries: Vec<_> = (0..4).map(|_| scope.spawn(|| guess("hai"))).collect();
        tries.into_iter().map(|t| t.join().unwrap()).collect()
    });
    assert_eq!(statuses.iter().filter(|s| **s == 401).count(), 1, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 429).count(), 3, "{statuses:?}");

    let database = office.folder().join(".vanban/office.sqlite");
    let size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
    let before = size(&database) + size(&database.with_extension("sqlite-wal"));
    let long = "n".repeat(1 << 20);
    for _ in 0..8 {
        assert_eq!(guess(&long), 400);
    }
    let after = size(&database) + size(&database.with_extension("sqlite-wal"));
    assert!(after < before + 64 * 1024, "{before} → {after}");
    let log = stdout(&crate::support::vanban(&[
        "audit",
        "list",
        "--folder",
        office.folder().to_str().unwrap(),
    ]));
    assert!(log.lines().all(|l| l.len() < 2048), "no long name stored");
}
