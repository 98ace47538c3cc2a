//! The "Theo dõi nhiệm vụ" page's routes over HTTP (`/api/tasks…`), in a folder with users:
//! the list as of today with its filters, a task's history, an update with a document as
//! evidence by the soạn thảo, confirming and refusing by the văn thư and the lãnh đạo, and
//! each role refused (403) where it may not act; the archive's history names the person,
//! the office's audit log holds each change and each refusal.

use serde_json::{Value, json};

use crate::server::Server;
use crate::support::{add_user, stdout, vanban};
use crate::task_notice::{self, LATER, NO_DEADLINE, OVERDUE, REFUSED, SOON, day};

/// The task led by `assignee` in a list.
fn led_by<'a>(tasks: &'a Value, assignee: &str) -> &'a Value {
    tasks["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["assignee"] == assignee)
        .unwrap_or_else(|| panic!("no task of {assignee} in {tasks}"))
}

#[test]
fn tasks_are_listed_updated_confirmed_and_refused_by_role() {
    let dir = tempfile::tempdir().unwrap();
    let archive = task_notice::issued(dir.path());
    add_user(dir.path(), "lan", "soan-thao", "mật khẩu soạn thảo");
    add_user(dir.path(), "hai", "lanh-dao", "mật khẩu lãnh đạo");
    add_user(dir.path(), "mai", "van-thu", "mật khẩu văn thư");
    let server = Server::start_in(dir.path(), &["--archive-dir", archive.to_str().unwrap()]);
    let (lan, hai, mai) = (
        server.login("lan", "mật khẩu soạn thảo"),
        server.login("hai", "mật khẩu lãnh đạo"),
        server.login("mai", "mật khẩu văn thư"),
    );
    let get = |who: &str, target: &str| server.request("GET", target, &[("Cookie", who)], b"");

    // No session, no tasks; the page is linked from the list's.
    assert_eq!(server.get("/api/tasks").status, 401);
    assert_eq!(get(&lan, "/tasks").status, 200);
    assert!(get(&lan, "/").text().contains("href=\"/tasks\""));

    // The list as of today: each deadline state.
    let all = get(&mai, "/api/tasks").json();
    assert_eq!(all["tasks"].as_array().unwrap().len(), 5, "{all}");
    let state = |who: &str| {
        (
            led_by(&all, who)["status"].clone(),
            led_by(&all, who)["deadline"].clone(),
        )
    };
    assert_eq!(state(OVERDUE), (json!("chua-thuc-hien"), json!("qua-han")));
    assert_eq!(state(SOON), (json!("chua-thuc-hien"), json!("sap-den-han")));
    assert_eq!(state(NO_DEADLINE), (json!("chua-thuc-hien"), json!("khong-han")));
    assert_eq!(state(LATER).1, json!("trong-han"));

    // Filters: deadline state, lead body without marks, issuer, due period; a bad one.
    let only = |query: &str| {
        let answer = get(&mai, &format!("/api/tasks?{query}")).json();
        let mut led: Vec<String> = answer["tasks"]
            .as_array()
            .unwrap_or_else(|| panic!("{query}: {answer}"))
            .iter()
            .map(|t| t["assignee"].as_str().unwrap().to_string())
            .collect();
        led.sort();
        led
    };
    assert_eq!(only("wanted=qua-han"), [OVERDUE]);
    assert_eq!(only("wanted=sap-den-han"), [SOON]);
    assert_eq!(only("assignee=tram%20y%20te"), [REFUSED]);
    assert_eq!(only("issuer=uy%20ban%20tan%20loc").len(), 5);
    assert!(only("issuer=ha%20giang").is_empty());
    let period = format!("due_from={}&due_to={}", day(0), day(25));
    assert_eq!(only(&period), [SOON, REFUSED]);
    let bad = get(&mai, "/api/tasks?due_from=15/04/2026");
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["field"], "due_from");
    assert_eq!(get(&mai, "/api/tasks?wanted=xong").status, 400);

    // An update with a document as evidence: the soạn thảo may, the văn thư and the lãnh
    // đạo may not (403, refused by the server).
    let later = led_by(&all, LATER)["id"].as_str().unwrap().to_string();
    let update = json!({ "id": later, "status": "cho-xac-nhan", "date": day(-1),
        "note": "Đã sửa xong", "evidence_number": "15/BC-THCS", "evidence_date": day(-1) });
    assert_eq!(server.post_as(&mai, "/api/tasks/update", &update).status, 403);
    assert_eq!(server.post_as(&hai, "/api/tasks/update", &update).status, 403);
    let done = server.post_as(&lan, "/api/tasks/update", &update);
    assert_eq!(done.status, 200, "{}", done.text());
    assert_eq!(done.json()["task"]["status"], "cho-xac-nhan");
    // An update missing half its evidence is refused, naming the field.
    let half = json!({ "id": later, "status": "dang-thuc-hien", "evidence_number": "16/BC" });
    let half = server.post_as(&lan, "/api/tasks/update", &half);
    assert_eq!(half.status, 400);
    assert_eq!(half.json()["field"], "evidence_date");

    // Confirming: the drafter is refused; the văn thư confirms; it counts as done on time.
    let confirm = json!({ "id": later });
    assert_eq!(server.post_as(&lan, "/api/tasks/confirm", &confirm).status, 403);
    let confirmed = server.post_as(&mai, "/api/tasks/confirm", &confirm);
    assert_eq!(confirmed.status, 200, "{}", confirmed.text());
    let task = &confirmed.json()["task"];
    assert_eq!(
        (task["status"].clone(), task["on_time"].clone()),
        (json!("hoan-thanh"), json!(true))
    );
    // Confirmed twice: refused by the model, with its message.
    let again = server.post_as(&mai, "/api/tasks/confirm", &confirm);
    assert_eq!(again.status, 400);
    assert!(
        again.json()["error"].as_str().unwrap().contains("chờ xác nhận"),
        "{}",
        again.text()
    );

    // Refusing: a reason is needed; the lãnh đạo refuses; the task is in progress again.
    let refused = led_by(&all, REFUSED)["id"].as_str().unwrap().to_string();
    let claim = json!({ "id": refused, "status": "cho-xac-nhan" });
    assert_eq!(server.post_as(&lan, "/api/tasks/update", &claim).status, 200);
    let no_reason = server.post_as(&hai, "/api/tasks/refuse", &json!({ "id": refused, "note": " " }));
    assert_eq!(no_reason.status, 400, "{}", no_reason.text());
    let reason = json!({ "id": refused, "note": "Chưa có danh sách trẻ đã tiêm" });
    assert_eq!(server.post_as(&lan, "/api/tasks/refuse", &reason).status, 403);
    let answer = server.post_as(&hai, "/api/tasks/refuse", &reason);
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert_eq!(answer.json()["task"]["status"], "dang-thuc-hien");

    // The history names each person, with the evidence; the list's filters see the change.
    let history = get(&mai, &format!("/api/tasks/history?id={later}")).json();
    let rows = history["history"].as_array().unwrap();
    let by: Vec<&str> = rows.iter().map(|u| u["by"].as_str().unwrap()).collect();
    assert_eq!(by, ["serve:lan", "serve:mai"], "{history}");
    assert_eq!(rows[0]["evidence_doc"], "15/BC-THCS");
    assert_eq!(rows[1]["action"], "xac-nhan");
    let history = get(&mai, &format!("/api/tasks/history?id={refused}")).json();
    assert_eq!(history["history"][1]["note"], "Chưa có danh sách trẻ đã tiêm");
    assert_eq!(history["history"][1]["by"], "serve:hai");
    assert_eq!(only("wanted=hoan-thanh"), [LATER]);
    assert_eq!(get(&mai, "/api/tasks/history?id=khong-co").status, 400);

    // The command line reads the same history.
    let cli = vanban(&["tasks", "history", &later, "--archive-dir", archive.to_str().unwrap()]);
    assert!(stdout(&cli).contains("serve:mai"), "{}", stdout(&cli));

    // The office's audit log: each change, and each refusal of a role.
    let log = get(&hai, "/api/audit").json();
    let actions: Vec<(String, String)> = log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap().to_string(),
                e["user"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let has = |action: &str, user: &str| actions.contains(&(action.to_string(), user.to_string()));
    assert!(has("task-update", "lan"), "{actions:?}");
    assert!(has("task-confirm", "mai"), "{actions:?}");
    assert!(has("task-refuse", "hai"), "{actions:?}");
    assert!(has("refused /api/tasks/confirm", "lan"), "{actions:?}");
    assert!(
        log["entries"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["target"] == format!("task {later}"))
    );
}

/// The page's "Soạn báo cáo" and "Soạn công văn đôn đốc": records written into the folder for
/// the filter shown, by those who start records; they check as any record; the văn thư is
/// refused; a report without its period is refused naming the field.
#[test]
fn the_report_and_the_reminders_are_drafted_as_records_for_the_filter_shown() {
    let dir = tempfile::tempdir().unwrap();
    let archive = task_notice::issued(dir.path());
    add_user(dir.path(), "lan", "soan-thao", "mật khẩu soạn thảo");
    add_user(dir.path(), "mai", "van-thu", "mật khẩu văn thư");
    let server = Server::start_in(dir.path(), &["--archive-dir", archive.to_str().unwrap()]);
    let (lan, mai) = (
        server.login("lan", "mật khẩu soạn thảo"),
        server.login("mai", "mật khẩu văn thư"),
    );
    let period = json!({ "kind": "report", "issuer": "Tân Lộc", "due_from": day(-30), "due_to": day(60) });

    assert_eq!(server.post_as(&mai, "/api/tasks/draft", &period).status, 403);
    let no_period = server.post_as(
        &lan,
        "/api/tasks/draft",
        &json!({ "kind": "report", "due_to": day(60) }),
    );
    assert_eq!(no_period.status, 400, "{}", no_period.text());
    assert_eq!(no_period.json()["field"], "due_from");

    let report = server.post_as(&lan, "/api/tasks/draft", &period);
    assert_eq!(report.status, 200, "{}", report.text());
    let names: Vec<String> = report.json()["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap().to_string())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    let record = dir.path().join(&names[0]);
    assert!(
        std::fs::read_to_string(&record)
            .unwrap()
            .starts_with("kind: task_report")
    );
    let checked = vanban(&["check", record.to_str().unwrap()]);
    assert!(checked.status.success(), "{}", stdout(&checked));
    // Drafted again: the record (perhaps edited since) is not written over.
    assert_eq!(server.post_as(&lan, "/api/tasks/draft", &period).status, 400);

    // One reminder: only the task three days late is overdue.
    let remind = json!({ "kind": "remind", "issuer": "Tân Lộc", "office_code": "VP" });
    let letters = server.post_as(&lan, "/api/tasks/draft", &remind);
    assert_eq!(letters.status, 200, "{}", letters.text());
    let names = letters.json()["records"].as_array().unwrap().clone();
    assert_eq!(names.len(), 1, "{names:?}");
    let text = std::fs::read_to_string(dir.path().join(names[0].as_str().unwrap())).unwrap();
    assert!(text.contains(OVERDUE) && !text.contains(SOON), "{text}");
}
