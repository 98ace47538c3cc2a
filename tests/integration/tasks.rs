//! Tracked tasks (`vanban tasks`): the tasks of a state and a Party notice issued into an
//! archive, their deadline states on several days, updates on time and late, confirm and
//! refuse, the refusals with their lists, `--json`. (An archive made before the task tables,
//! gather and merge: `tasks_carried.rs`.) Records written for these tests:
//! `tests/fixtures/tasks/`.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{stderr, stdout, vanban};

const STATE: &str = "tests/fixtures/tasks/tan-loc-2026-03-02.yaml";
const PARTY: &str = "tests/fixtures/tasks/hoa-binh-2026-03-20.yaml";

pub(crate) fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// An archive in `dir` with both notices issued.
pub(crate) fn issued(dir: &Path) -> PathBuf {
    let archive = dir.join("kho");
    let add = vanban(&["archive", "add", STATE, PARTY, "--archive-dir", path(&archive)]);
    assert!(add.status.success(), "{}", stderr(&add));
    archive
}

/// `tasks ARGS --archive-dir ARCHIVE`, which must succeed; its standard output.
pub(crate) fn tasks(archive: &Path, args: &[&str]) -> String {
    let mut all = vec!["tasks"];
    all.extend(args);
    all.extend(["--archive-dir", path(archive)]);
    let output = vanban(&all);
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    stdout(&output)
}

/// `tasks ARGS`, which must fail; its standard error.
fn refused(archive: &Path, args: &[&str]) -> String {
    let mut all = vec!["tasks"];
    all.extend(args);
    all.extend(["--archive-dir", path(archive)]);
    let output = vanban(&all);
    assert!(!output.status.success(), "{args:?} was accepted: {}", stdout(&output));
    stderr(&output)
}

/// The JSON list as of `today`, with `extra` filters.
pub(crate) fn listed(archive: &Path, today: &str, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["list", "--json", "--today", today];
    args.extend(extra);
    serde_json::from_str::<Value>(&tasks(archive, &args))
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

/// The id of the task led by a body whose name holds `assignee`.
pub(crate) fn id_of(archive: &Path, assignee: &str) -> String {
    let all = listed(archive, "2026-03-25", &[]);
    let task = all
        .iter()
        .find(|t| t["assignee"].as_str().unwrap().contains(assignee))
        .unwrap_or_else(|| panic!("no task of {assignee}"));
    task["id"].as_str().unwrap().to_string()
}

/// The deadline state of each task, by lead body, as of `today`.
fn states(archive: &Path, today: &str) -> Vec<(String, String)> {
    listed(archive, today, &[])
        .iter()
        .map(|t| {
            (
                t["assignee"].as_str().unwrap().to_string(),
                t["deadline"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_tasks_of_state_and_party_notices_are_tracked_with_their_deadline_states() {
    let dir = tempfile::tempdir().unwrap();
    let archive = issued(dir.path());
    let all = listed(&archive, "2026-04-01", &[]);
    assert_eq!(all.len(), 5, "{all:#?}");
    let school = &all[0];
    for field in [
        "id", "notice", "issuer", "assignee", "task", "due", "status", "deadline", "done", "on_time",
    ] {
        assert!(school.get(field).is_some(), "no `{field}` in {school}");
    }
    assert_eq!(school["notice"], "01/TB-UBND");
    assert_eq!(school["notice_date"], "2026-03-03");
    assert_eq!(school["issuer"], "Ủy ban nhân dân xã Tân Lộc");
    assert_eq!(school["partners"], serde_json::json!(["Phòng Kinh tế"]));
    assert_eq!(school["status"], "chua-thuc-hien");
    assert_eq!(school["done"], Value::Null);
    let party = all.iter().find(|t| t["assignee"] == "Chi bộ thôn Đông").unwrap();
    assert_eq!(party["notice"], "01-TB/ĐU");
    // Due 15/04 (school), 30/04 (chi bộ), 20/05, 30/06, and one without a due date.
    let on = |today: &str| {
        let mut states = states(&archive, today);
        states.sort();
        states.into_iter().map(|(_, s)| s).collect::<Vec<_>>()
    };
    // Sorted by lead body: Ban Xây dựng Đảng, Chi bộ thôn Đông, Phòng Kinh tế, Trường, Văn phòng.
    assert_eq!(
        on("2026-04-01"),
        ["trong-han", "trong-han", "trong-han", "trong-han", "khong-han"]
    );
    assert_eq!(
        on("2026-04-12"),
        ["trong-han", "trong-han", "trong-han", "sap-den-han", "khong-han"]
    );
    assert_eq!(
        on("2026-04-15"),
        ["trong-han", "trong-han", "trong-han", "sap-den-han", "khong-han"]
    );
    assert_eq!(
        on("2026-04-16"),
        ["trong-han", "trong-han", "trong-han", "qua-han", "khong-han"]
    );
    assert_eq!(
        on("2026-05-01"),
        ["trong-han", "qua-han", "trong-han", "qua-han", "khong-han"]
    );
    // Filters: issuer and lead body by their words without marks, status or deadline state,
    // due dates.
    assert_eq!(
        listed(&archive, "2026-04-01", &["--issuer", "dang uy hoa binh"]).len(),
        2
    );
    assert_eq!(listed(&archive, "2026-04-01", &["--issuer", "Tân Lộc"]).len(), 3);
    assert_eq!(
        listed(&archive, "2026-04-01", &["--assignee", "phong kinh te"]).len(),
        1
    );
    let overdue = listed(&archive, "2026-05-01", &["--status", "qua-han"]);
    assert_eq!(overdue.len(), 2);
    let soon = listed(
        &archive,
        "2026-04-28",
        &["--status", "sap-den-han", "--issuer", "hoa binh"],
    );
    assert_eq!(soon.len(), 1);
    assert_eq!(listed(&archive, "2026-04-01", &["--status", "khong-han"]).len(), 1);
    let april = listed(&archive, "2026-04-01", &["--from", "2026-04-01", "--to", "2026-04-30"]);
    assert_eq!(april.len(), 2);
    // The lines, in words.
    let lines = tasks(&archive, &["list", "--today", "2026-04-16", "--issuer", "tan loc"]);
    let first = lines.lines().next().unwrap();
    assert!(first.contains("01/TB-UBND ngày 03/03/2026"), "{first}");
    assert!(first.contains("hạn 15/04/2026"), "{first}");
    assert!(first.ends_with("chưa thực hiện, quá hạn"), "{first}");
    assert!(
        lines.contains("không có thời hạn\tchưa thực hiện, không có thời hạn"),
        "{lines}"
    );
}

#[test]
fn updates_confirm_and_refuse_keep_a_history_and_judge_the_completion_day() {
    let dir = tempfile::tempdir().unwrap();
    let archive = issued(dir.path());
    let school = id_of(&archive, "Trường Tiểu học");
    let chi_bo = id_of(&archive, "Chi bộ thôn Đông");
    // The school: in progress, reported done on time, refused, reported again late, confirmed.
    tasks(
        &archive,
        &[
            "update",
            &school,
            "--status",
            "dang-thuc-hien",
            "--date",
            "2026-03-10",
            "--note",
            "đã khảo sát",
        ],
    );
    let evidence = dir.path().join("du-toan.pdf");
    std::fs::write(&evidence, b"%PDF-1.7 du toan").unwrap();
    tasks(
        &archive,
        &[
            "update",
            &school,
            "--status",
            "cho-xac-nhan",
            "--date",
            "2026-04-14",
            "--evidence",
            path(&evidence),
        ],
    );
    let not_yet = listed(&archive, "2026-04-20", &["--status", "cho-xac-nhan"]);
    assert_eq!(not_yet.len(), 1);
    assert_eq!(not_yet[0]["on_time"], Value::Null);
    tasks(
        &archive,
        &[
            "refuse",
            &school,
            "--reason",
            "thiếu bảng khối lượng",
            "--date",
            "2026-04-16",
        ],
    );
    tasks(
        &archive,
        &[
            "update",
            &school,
            "--status",
            "cho-xac-nhan",
            "--date",
            "2026-04-18",
            "--evidence-doc",
            "15/BC-THTL, 18/04/2026",
        ],
    );
    tasks(&archive, &["confirm", &school, "--date", "2026-04-20"]);
    // The chi bộ: reported done on time, confirmed later.
    tasks(
        &archive,
        &["update", &chi_bo, "--status", "cho-xac-nhan", "--date", "2026-04-29"],
    );
    tasks(&archive, &["confirm", &chi_bo, "--date", "2026-05-04"]);
    let after = listed(&archive, "2026-06-01", &[]);
    let of = |id: &str| after.iter().find(|t| t["id"] == id).unwrap().clone();
    assert_eq!(of(&school)["status"], "hoan-thanh");
    assert_eq!(of(&school)["done"], "2026-04-18");
    assert_eq!(
        (of(&school)["deadline"].clone(), of(&school)["on_time"].clone()),
        ("qua-han".into(), false.into())
    );
    assert_eq!(of(&chi_bo)["done"], "2026-04-29");
    assert_eq!(
        (of(&chi_bo)["deadline"].clone(), of(&chi_bo)["on_time"].clone()),
        ("trong-han".into(), true.into())
    );
    // The history keeps every update, who made it, the reason and the evidence.
    let history: Value = serde_json::from_str(&tasks(&archive, &["history", &school, "--json"])).unwrap();
    let rows = history["history"].as_array().unwrap();
    let statuses: Vec<&str> = rows.iter().map(|r| r["status"].as_str().unwrap()).collect();
    assert_eq!(
        statuses,
        [
            "dang-thuc-hien",
            "cho-xac-nhan",
            "dang-thuc-hien",
            "cho-xac-nhan",
            "hoan-thanh"
        ]
    );
    assert!(rows.iter().all(|r| r["by"].as_str().unwrap().starts_with("cli:")));
    assert_eq!(rows[2]["note"], "thiếu bảng khối lượng");
    assert_eq!(rows[3]["evidence_doc"], "15/BC-THTL");
    assert_eq!(rows[3]["evidence_date"], "2026-04-18");
    let kept = archive.join(rows[1]["evidence_file"].as_str().unwrap());
    assert_eq!(std::fs::read(kept).unwrap(), b"%PDF-1.7 du toan");
    // The figures of the tasks due in April to June, on 1 June.
    let figures: Value = serde_json::from_str(&tasks(
        &archive,
        &[
            "figures",
            "--from",
            "2026-04-01",
            "--to",
            "2026-06-30",
            "--today",
            "2026-06-01",
            "--json",
        ],
    ))
    .unwrap();
    let count = |k: &str| figures[k].as_u64().unwrap();
    assert_eq!(
        [
            count("total"),
            count("done_on_time"),
            count("done_late"),
            count("open_in_time"),
            count("open_overdue")
        ],
        [4, 1, 1, 1, 1]
    );
    let party = tasks(
        &archive,
        &[
            "figures",
            "--from",
            "2026-04-01",
            "--to",
            "2026-06-30",
            "--issuer",
            "hoa binh",
            "--json",
        ],
    );
    assert_eq!(serde_json::from_str::<Value>(&party).unwrap()["total"], 2);
}

#[test]
fn wrong_requests_are_refused_with_words_and_lists() {
    let dir = tempfile::tempdir().unwrap();
    let archive = issued(dir.path());
    let office = id_of(&archive, "Phòng Kinh tế");
    let error = refused(&archive, &["update", &office, "--status", "xong"]);
    assert!(error.contains("không có trạng thái `xong`"), "{error}");
    assert!(
        error.contains("chua-thuc-hien, dang-thuc-hien, cho-xac-nhan, hoan-thanh, tam-hoan"),
        "{error}"
    );
    let error = refused(&archive, &["list", "--status", "tre"]);
    assert!(error.contains("qua-han") && error.contains("dang-thuc-hien"), "{error}");
    let error = refused(&archive, &["update", "khong-co-1", "--status", "dang-thuc-hien"]);
    assert!(error.contains("không có nhiệm vụ mã `khong-co-1`"), "{error}");
    assert!(error.contains(&office), "the hint lists the ids: {error}");
    let error = refused(&archive, &["update", &office, "--status", "tam-hoan"]);
    assert!(error.contains("cần nêu lý do"), "{error}");
    let error = refused(&archive, &["update", &office, "--status", "hoan-thanh"]);
    assert!(error.contains("không đặt thẳng trạng thái “hoàn thành”"), "{error}");
    assert!(error.contains("cho-xac-nhan"), "{error}");
    let error = refused(&archive, &["confirm", &office]);
    assert!(error.contains("không chờ xác nhận"), "{error}");
    let error = refused(
        &archive,
        &["update", &office, "--status", "dang-thuc-hien", "--date", "2026-03-01"],
    );
    assert!(error.contains("ngoài khoảng từ 03/03/2026"), "{error}");
    let error = refused(
        &archive,
        &[
            "update",
            &office,
            "--status",
            "dang-thuc-hien",
            "--evidence-doc",
            "15/BC",
        ],
    );
    assert!(error.contains("văn bản minh chứng"), "{error}");
    // Tạm hoãn with its reason, then resumed; a finished task takes no more updates.
    tasks(
        &archive,
        &[
            "update",
            &office,
            "--status",
            "tam-hoan",
            "--date",
            "2026-04-01",
            "--note",
            "chờ kinh phí",
        ],
    );
    assert_eq!(listed(&archive, "2026-06-01", &["--status", "tam-hoan"]).len(), 1);
    tasks(
        &archive,
        &["update", &office, "--status", "cho-xac-nhan", "--date", "2026-05-02"],
    );
    tasks(&archive, &["confirm", &office, "--date", "2026-05-03"]);
    let error = refused(
        &archive,
        &["update", &office, "--status", "dang-thuc-hien", "--date", "2026-05-04"],
    );
    assert!(error.contains("không chuyển sang"), "{error}");
}
