//! An office in three browsers (issue 26): the chuyên viên logs in and submits the seed
//! record; the lãnh đạo, in a browser of their own, comments on a conclusion (a task) and
//! returns it with a reason; the chuyên viên sees the reason and the comment under the task,
//! fixes the task in the form, answers and settles the comment, sees what changed since the
//! return, and submits again; the lãnh đạo approves; the văn thư files it, which issues it with
//! numbers from the register. The archive and the audit log check clean, and the log names
//! each step's person.
//!
//! Issue 37: Trình duyệt submits the text on screen, unsaved edits included, and the page
//! then says it is saved; unsaved edits on a submitted record say that a save sends it back
//! to Dự thảo; the leader sees which version is under review; an issued record is read-only
//! in the editor, and a save refused for its state is no conflict on disk.

use std::time::Duration;

use fantoccini::{Client, Locator};
use serde_json::{Value, json};

use crate::harness::{Browser, click, save, screenshot, until};
use crate::server::Server;

const SEED: &str = "xuan-truong-2024.yaml";

pub(crate) async fn log_in(client: &Client, server: &Server, name: &str, password: &str) {
    client.goto(&format!("{}login", server.url)).await.unwrap();
    let field = client.wait().for_element(Locator::Css("#name")).await.unwrap();
    field.send_keys(name).await.unwrap();
    client
        .find(Locator::Css("#password"))
        .await
        .unwrap()
        .send_keys(password)
        .await
        .unwrap();
    click(client, "button[type=submit]").await;
    until(
        client,
        "location.pathname === '/' && !!document.getElementById('me')",
        Duration::from_secs(10),
    )
    .await;
}

/// The JSON the page's server answers for `url` (a GET from the page, with its session).
async fn get_json(client: &Client, url: &str) -> Value {
    client
        .execute_async(
            "const done = arguments[1]; fetch(arguments[0]).then(r => r.json()).then(done, e => done(String(e)));",
            vec![json!(url)],
        )
        .await
        .unwrap()
}

/// Types `text` over the form's one-line field at `pointer` (Ctrl+A, then the keys: the field
/// is never empty on the way, so the key keeps its place in the text), not saved.
pub(crate) async fn type_in_field(client: &Client, pointer: &str, text: &str) {
    // The form drawn again from the text (after a change made in it) first.
    until(client, "!vanban.state.formStale", Duration::from_secs(20)).await;
    let field = client
        .wait()
        .for_element(Locator::Css(&format!("[data-pointer='{pointer}'] > input")))
        .await
        .unwrap();
    field.click().await.unwrap();
    field.send_keys(&format!("\u{E009}a\u{E000}{text}")).await.unwrap();
    until(
        client,
        &format!("vanban.cm.getValue().includes({})", json!(text)),
        Duration::from_secs(10),
    )
    .await;
}

/// Opens the seed record and waits for its state to be `state` (the words shown).
async fn open_at(client: &Client, server: &mut Server, state: &str) {
    client.goto(&format!("{}edit?path={SEED}", server.url)).await.unwrap();
    let shown = format!(
        "(document.getElementById('state') || {{}}).textContent === {}",
        json!(state)
    );
    for _ in 0..150 {
        if client.execute(&format!("return {shown};"), vec![]).await.unwrap() == json!(true) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!(
        "not {state} within 30 s; the server: {:?}",
        server.ended().map_or("running".to_string(), |s| s.to_string())
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_people_take_a_record_from_draft_to_issued() {
    let _turn = crate::harness::ONE_AT_A_TIME.lock().await;
    let Some(drafter) = Browser::open().await else { return };
    let Some(leader) = Browser::open().await else { return };
    let Some(clerk) = Browser::open().await else { return };
    let folder = tempfile::tempdir().unwrap();
    crate::support::copy_samples(folder.path());
    crate::support::remove_numbers(&folder.path().join(SEED));
    for (name, role) in [("lan", "soan-thao"), ("hai", "lanh-dao"), ("mai", "van-thu")] {
        crate::support::add_user(folder.path(), name, role, &format!("mật khẩu của {name}"));
    }
    let archive = folder.path().join("kho");
    let mut server = Server::start_in(folder.path(), &["--archive-dir", archive.to_str().unwrap()]);
    let (a, b, c) = (&drafter.client, &leader.client, &clerk.client);

    log_in(a, &server, "lan", "mật khẩu của lan").await;
    open_at(a, &mut server, "Dự thảo").await;
    // A date that does not exist: Trình duyệt is refused (422), nothing saved or submitted,
    // and the problem is said beside its field.
    let clean = std::fs::read(folder.path().join(SEED)).unwrap();
    let set_date = |from: &str, to: &str| {
        format!(
            "const cm = vanban.cm; const at = cm.getValue().indexOf({from});
             cm.replaceRange({to}, cm.posFromIndex(at), cm.posFromIndex(at + {from}.length));",
            from = json!(from),
            to = json!(to)
        )
    };
    until(a, "!vanban.state.formStale", Duration::from_secs(20)).await;
    a.execute(&set_date("date: 2024-03-27", "date: 2024-02-30"), vec![])
        .await
        .unwrap();
    click(a, "#step-submit").await;
    until(
        a,
        "/^(bản ghi còn 1 lỗi|Còn lỗi trong bản ghi)/.test(document.getElementById('notice').textContent)
          && [...document.querySelectorAll('#form .field-error')].some(e => e.textContent.includes('2024-02-30'))
          && document.getElementById('state').textContent === 'Dự thảo'
          && document.getElementById('save-state').textContent === 'Chưa lưu'",
        Duration::from_secs(20),
    )
    .await;
    assert_eq!(
        std::fs::read(folder.path().join(SEED)).unwrap(),
        clean,
        "a refused submission saves nothing"
    );
    screenshot(a, "submit-refused-errors.png").await;
    a.execute(&set_date("date: 2024-02-30", "date: 2024-03-27"), vec![])
        .await
        .unwrap();
    until(
        a,
        "document.getElementById('save-state').textContent === 'Đã lưu'",
        Duration::from_secs(10),
    )
    .await;
    // An edit not saved, then Trình duyệt: what is submitted is what is on screen, and the
    // page says it is saved.
    let place = "Hội trường Đảng ủy xã Xuân Trường";
    type_in_field(a, "/location", place).await;
    assert_eq!(
        a.execute("return document.getElementById('save-state').textContent;", vec![])
            .await
            .unwrap(),
        json!("Chưa lưu")
    );
    click(a, "#step-submit").await;
    until(
        a,
        "document.getElementById('state').textContent === 'Chờ duyệt' && document.getElementById('save-state').textContent === 'Đã lưu' && document.getElementById('back-to-draft').hidden",
        Duration::from_secs(10),
    )
    .await;
    let on_disk = std::fs::read(folder.path().join(SEED)).unwrap();
    assert!(
        String::from_utf8_lossy(&on_disk).contains(&format!("location: {place}")),
        "the text on screen was saved with the submission"
    );
    let standing = get_json(a, &format!("/api/workflow?path={SEED}")).await;
    assert_eq!(standing["state"], json!("cho-duyet"), "{standing}");
    assert!(
        standing["sha256"].as_str().is_some_and(|h| h.len() == 64),
        "the version under review is kept with its hash: {standing}"
    );
    let version = standing["version"].as_i64().expect("the version under review");
    let since = get_json(a, &format!("/api/versions?path={SEED}&a={version}")).await;
    assert_eq!(
        since["changes"],
        json!([]),
        "the version under review is the file: {since}"
    );
    // An edit on the submitted record: the page says a save sends it back to Dự thảo.
    type_in_field(a, "/location", "Hội trường xã Xuân Trường").await;
    until(
        a,
        "!document.getElementById('back-to-draft').hidden && document.getElementById('state').classList.contains('leaving')",
        Duration::from_secs(10),
    )
    .await;
    a.set_window_size(1366, 768).await.unwrap();
    screenshot(a, "submitted-unsaved-edit-1366.png").await;
    a.set_window_size(1600, 1000).await.unwrap();
    // The edit undone: saved again, and no longer leaving Chờ duyệt.
    type_in_field(a, "/location", place).await;
    until(
        a,
        "document.getElementById('save-state').textContent === 'Đã lưu' && document.getElementById('back-to-draft').hidden",
        Duration::from_secs(10),
    )
    .await;

    log_in(b, &server, "hai", "mật khẩu của hai").await;
    open_at(b, &mut server, "Chờ duyệt").await;
    assert!(
        b.find(Locator::Css("#step-submit")).await.is_err(),
        "a leader does not submit"
    );
    // The leader sees which version is under review, and who submitted it.
    let under_review = format!("Phiên bản {version}, trình bởi lan lúc ");
    until(
        b,
        &format!(
            "((document.getElementById('under-review') || {{}}).textContent || '').startsWith({})",
            json!(under_review)
        ),
        Duration::from_secs(10),
    )
    .await;
    until(b, "!!document.querySelector('#pages .page')", Duration::from_secs(20)).await;
    b.set_window_size(1366, 768).await.unwrap();
    screenshot(b, "submitted-leader-1366.png").await;
    b.set_window_size(1600, 1000).await.unwrap();
    // A comment on the second task: focus its field, write, send.
    until(
        b,
        "document.getElementById('review-title').textContent !== ''",
        Duration::from_secs(10),
    )
    .await;
    click(b, "[data-pointer='/conclusions/tasks/1/task'] > textarea").await;
    until(
        b,
        "document.getElementById('comment-about').textContent.includes('Nội dung')",
        Duration::from_secs(10),
    )
    .await;
    b.find(Locator::Css("#comment-text"))
        .await
        .unwrap()
        .send_keys("Ghi rõ thời hạn hoàn thành")
        .await
        .unwrap();
    click(b, "#comment-add").await;
    until(
        b,
        "document.querySelectorAll('#threads .thread').length === 1",
        Duration::from_secs(10),
    )
    .await;
    click(b, "#step-return").await;
    b.send_alert_text("Sửa nhiệm vụ thứ hai cho cụ thể").await.unwrap();
    b.accept_alert().await.unwrap();
    until(
        b,
        "document.getElementById('state').textContent === 'Dự thảo'",
        Duration::from_secs(10),
    )
    .await;

    // The drafter sees why, fixes the task in the form, and sees what changed.
    open_at(a, &mut server, "Dự thảo").await;
    until(
        a,
        "document.getElementById('returned').textContent.includes('Sửa nhiệm vụ thứ hai cho cụ thể')",
        Duration::from_secs(10),
    )
    .await;
    until(
        a,
        "(document.querySelector(\"[data-pointer='/conclusions/tasks/1/task'] + .field-comment\") || {}).textContent === 'Góp ý của hai: Ghi rõ thời hạn hoàn thành'",
        Duration::from_secs(10),
    )
    .await;
    until(a, "!!document.querySelector('#pages .page')", Duration::from_secs(20)).await;
    screenshot(a, "returned-with-comment.png").await;
    let task = a
        .wait()
        .for_element(Locator::Css("[data-pointer='/conclusions/tasks/1/task'] > textarea"))
        .await
        .unwrap();
    task.clear().await.unwrap();
    task.send_keys("Hoàn thành các tiêu chí không cần nguồn lực trước ngày 31/3/2024")
        .await
        .unwrap();
    until(
        a,
        "vanban.cm.getValue().includes('trước ngày 31/3/2024')",
        Duration::from_secs(10),
    )
    .await;
    save(a).await;
    let answer = a
        .wait()
        .for_element(Locator::Css(".thread .answer-text"))
        .await
        .unwrap();
    answer.send_keys("Đã ghi thời hạn: trước ngày 31/3/2024").await.unwrap();
    click(a, ".thread .answer-add").await;
    until(
        a,
        "!!document.querySelector('.thread .answer')",
        Duration::from_secs(10),
    )
    .await;
    click(a, ".thread .resolve").await;
    until(
        a,
        "!!document.querySelector('.thread[data-open=false]') && !document.querySelector('#form .field-comment')",
        Duration::from_secs(10),
    )
    .await;
    open_at(a, &mut server, "Dự thảo").await;
    until(
        a,
        "document.getElementById('returned').textContent.includes('Nội dung nhiệm vụ 2')",
        Duration::from_secs(10),
    )
    .await;
    click(a, "#step-submit").await;
    until(
        a,
        "document.getElementById('state').textContent === 'Chờ duyệt'",
        Duration::from_secs(10),
    )
    .await;

    open_at(b, &mut server, "Chờ duyệt").await;
    until(
        b,
        "document.querySelector('.thread .answer').textContent.includes('trước ngày 31/3/2024')",
        Duration::from_secs(10),
    )
    .await;
    click(b, "#step-approve").await;
    until(
        b,
        "document.getElementById('state').textContent === 'Đã duyệt'",
        Duration::from_secs(10),
    )
    .await;

    // The văn thư files it: numbers from the register, and Đã ban hành.
    log_in(c, &server, "mai", "mật khẩu của mai").await;
    open_at(c, &mut server, "Đã duyệt").await;
    click(c, "#step-issue").await;
    until(
        c,
        "document.getElementById('state').textContent === 'Đã ban hành'",
        Duration::from_secs(60),
    )
    .await;
    open_at(c, &mut server, "Đã ban hành").await;
    // Issued: read-only in the editor, and said so.
    let read_only = "vanban.cm.getOption('readOnly') === true && !document.getElementById('read-only').hidden
        && document.getElementById('save').hidden
        && document.querySelectorAll('#form input, #form select, #form textarea').length > 0
        && [...document.querySelectorAll('#form input, #form select, #form textarea, #form button')].every(e => e.disabled)";
    until(c, read_only, Duration::from_secs(20)).await;
    until(c, "!!document.querySelector('#pages .page')", Duration::from_secs(20)).await;
    c.set_window_size(1366, 768).await.unwrap();
    screenshot(c, "issued-1366.png").await;
    c.set_window_size(1600, 1000).await.unwrap();
    // The drafter's page, opened before it was issued: an edit and Lưu are refused for the
    // record's state, which is no conflict on disk; the page turns read-only.
    let before = std::fs::read(folder.path().join(SEED)).unwrap();
    type_in_field(a, "/location", "Hội trường xã Xuân Trường").await;
    click(a, "#save").await;
    until(
        a,
        &format!(
            "document.getElementById('state').textContent === 'Đã ban hành' && !document.getElementById('notice').hidden && document.getElementById('conflict').hidden && {read_only}"
        ),
        Duration::from_secs(10),
    )
    .await;
    assert_eq!(
        std::fs::read(folder.path().join(SEED)).unwrap(),
        before,
        "an issued record is not changed"
    );

    // The leader reads the log in the list page; the văn thư has none.
    b.goto(&server.url).await.unwrap();
    until(
        b,
        "[...document.querySelectorAll('#audit-log td')].some(td => td.textContent === 'Cấp số, ban hành') && document.getElementById('audit-chain').className === 'good'",
        Duration::from_secs(10),
    )
    .await;
    until(
        b,
        "document.querySelectorAll('#records tbody tr').length > 3",
        Duration::from_secs(10),
    )
    .await;
    assert_eq!(
        b.execute("return [...document.querySelectorAll('#records tbody tr')].filter(r => r.dataset.path.startsWith('kho/')).length;", vec![])
            .await
            .unwrap(),
        json!(0),
        "the archive's filed copies are not in the list"
    );
    b.execute("document.getElementById('audit').scrollIntoView();", vec![])
        .await
        .unwrap();
    screenshot(b, "audit.png").await;
    c.goto(&server.url).await.unwrap();
    until(
        c,
        "!!document.querySelector('#records tbody tr')",
        Duration::from_secs(10),
    )
    .await;
    assert_eq!(
        c.execute("return document.getElementById('audit').hidden;", vec![])
            .await
            .unwrap(),
        json!(true)
    );

    let register = crate::support::vanban(&["archive", "register", "--archive-dir", archive.to_str().unwrap()]);
    let register = crate::support::stdout(&register);
    assert!(
        register.contains("01-TB/HU") && register.contains("01-BB/HU"),
        "{register}"
    );
    let verified = crate::support::vanban(&["archive", "verify", "--archive-dir", archive.to_str().unwrap()]);
    assert!(verified.status.success(), "{}", crate::support::stderr(&verified));
    let where_ = folder.path().to_str().unwrap();
    assert!(
        crate::support::vanban(&["audit", "verify", "--folder", where_])
            .status
            .success()
    );
    let log = crate::support::stdout(&crate::support::vanban(&["audit", "list", "--folder", where_]));
    for step in [
        "\tlan\tsubmit\t",
        "\thai\treturn\t",
        "\tlan\tsave\t",
        "\thai\tapprove\t",
        "\tmai\tissue\t",
        "\tmai\tlogin\t",
        "\thai\tcomment\t",
        "\tlan\tanswer\t",
        "\tlan\tresolve\t",
    ] {
        assert!(log.contains(step), "{step:?} in\n{log}");
    }
    for browser in [drafter, leader, clerk] {
        browser.client.clone().close().await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_login_over_https_holds_its_secure_session() {
    let _turn = crate::harness::ONE_AT_A_TIME.lock().await;
    let Some(browser) = Browser::open().await else { return };
    let folder = tempfile::tempdir().unwrap();
    crate::support::copy_samples(folder.path());
    crate::support::add_user(folder.path(), "hai", "lanh-dao", "mật khẩu của hai");
    let mut server = Server::start_in(folder.path(), &["--tls"]);
    assert!(server.url.starts_with("https://"), "{}", server.url);
    let client = &browser.client;
    log_in(client, &server, "hai", "mật khẩu của hai").await;
    // The session cookie is Secure: only an HTTPS page sends it back, and it does.
    assert_eq!(
        client.execute("return location.protocol;", vec![]).await.unwrap(),
        json!("https:")
    );
    open_at(client, &mut server, "Dự thảo").await;
    until(
        client,
        "!!document.querySelector('#pages .page')",
        Duration::from_secs(20),
    )
    .await;
    client.clone().close().await.unwrap();
}
