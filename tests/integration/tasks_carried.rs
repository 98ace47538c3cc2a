//! Tracked tasks carried over: an archive made before the task tables opens and tracks its
//! notices' tasks; gathering a notice's PDF tracks its tasks; merging an archive brings its
//! tasks with their status, history and evidence.

use serde_json::Value;

use crate::support::{stderr, vanban};
use crate::tasks::{id_of, issued, listed, path, tasks};

#[test]
fn an_archive_made_before_tracked_tasks_opens_and_tracks_its_tasks() {
    let dir = tempfile::tempdir().unwrap();
    let archive = issued(dir.path());
    let id = id_of(&archive, "Trường Tiểu học");
    tasks(
        &archive,
        &["update", &id, "--status", "dang-thuc-hien", "--date", "2026-03-10"],
    );
    // Made as an archive of before: no task tables, user_version 0.
    let db = rusqlite::Connection::open(archive.join("index.sqlite")).unwrap();
    db.execute_batch(
        "DROP TRIGGER task_updates_kept; DROP TRIGGER task_updates_never_deleted;
         DROP TABLE task_updates; DROP TABLE task_items; PRAGMA user_version = 0;",
    )
    .unwrap();
    drop(db);
    let all = listed(&archive, "2026-04-01", &[]);
    assert_eq!(all.len(), 5);
    assert!(all.iter().all(|t| t["status"] == "chua-thuc-hien"), "{all:#?}");
    assert!(
        all.iter().any(|t| t["id"] == id.as_str()),
        "the ids are the same: {all:#?}"
    );
    assert!(
        all.iter()
            .any(|t| t["task"].as_str().unwrap().starts_with("Lập dự toán"))
    );
    let db = rusqlite::Connection::open(archive.join("index.sqlite")).unwrap();
    let version: i64 = db.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, 1);
    // The history is append-only.
    tasks(
        &archive,
        &["update", &id, "--status", "dang-thuc-hien", "--date", "2026-03-10"],
    );
    assert!(db.execute("DELETE FROM task_updates", []).is_err());
    assert!(db.execute("UPDATE task_updates SET note = 'x'", []).is_err());
}

#[test]
fn merge_and_gather_bring_the_tasks_and_merge_their_history() {
    let dir = tempfile::tempdir().unwrap();
    let commune = issued(dir.path());
    let school = id_of(&commune, "Trường Tiểu học");
    let evidence = dir.path().join("bien-ban-nghiem-thu.pdf");
    std::fs::write(&evidence, b"nghiem thu").unwrap();
    tasks(
        &commune,
        &[
            "update",
            &school,
            "--status",
            "cho-xac-nhan",
            "--date",
            "2026-04-10",
            "--evidence",
            path(&evidence),
        ],
    );
    tasks(&commune, &["confirm", &school, "--date", "2026-04-11"]);
    let province = dir.path().join("tinh");
    let merge = vanban(&["archive", "merge", path(&commune), "--archive-dir", path(&province)]);
    assert!(merge.status.success(), "{}", stderr(&merge));
    assert_eq!(
        listed(&province, "2026-06-01", &[]),
        listed(&commune, "2026-06-01", &[])
    );
    let history: Value = serde_json::from_str(&tasks(&province, &["history", &school, "--json"])).unwrap();
    let rows = history["history"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1]["status"], "hoan-thanh");
    let kept = province.join(rows[0]["evidence_file"].as_str().unwrap());
    assert_eq!(std::fs::read(kept).unwrap(), b"nghiem thu");
    // Merging again changes nothing.
    let again = vanban(&["archive", "merge", path(&commune), "--archive-dir", path(&province)]);
    assert!(again.status.success(), "{}", stderr(&again));
    let history: Value = serde_json::from_str(&tasks(&province, &["history", &school, "--json"])).unwrap();
    assert_eq!(history["history"].as_array().unwrap().len(), 2);
    // A notice's archival PDF gathered elsewhere: its tasks are tracked from the start.
    let entry = std::fs::read_dir(commune.join("entries"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("hoa-binh"))
        .unwrap();
    let pdf = entry.join("hoa-binh-2026-03-20-thong-bao-ket-luan.pdf");
    let other = dir.path().join("huyen");
    let gather = vanban(&["archive", "add", path(&pdf), "--archive-dir", path(&other)]);
    assert!(gather.status.success(), "{}", stderr(&gather));
    let gathered = listed(&other, "2026-04-01", &[]);
    assert_eq!(gathered.len(), 2);
    assert_eq!(gathered[0]["notice"], "01-TB/ĐU");
}
