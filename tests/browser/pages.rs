//! Pages that guide each role (issue 38), in Chromium at 1366×768: the soạn thảo sees
//! "Trình duyệt" on a returned draft, the lãnh đạo "Duyệt" and "Trả lại" on a submitted one,
//! the văn thư "Cấp số, ban hành" on an approved one, as the bar's primary button, and reads
//! the numbers without reloading; a save refused because the record was issued meanwhile says
//! who issued it; the list names records by their subject, dates them dd/mm/yyyy, marks the
//! returned draft "Trả lại", shows the issued record's numbers, and offers the văn thư no new
//! record. Screenshots of each role's page go to `VANBAN_SCREENSHOTS` (docs/screenshots).

use std::time::Duration;

use fantoccini::Client;
use serde_json::json;

use crate::harness::{Browser, click, page_text, screenshot, until};
use crate::office::{log_in, type_in_field};
use crate::server::Server;

const ISSUED: &str = "xuan-truong-2024.yaml";
const RETURNED: &str = "an-phu-2026-02-05.yaml";
const SUBMITTED: &str = "sao-vang-2026-03-12.yaml";
/// A field of the returned draft the lãnh đạo commented on.
const TASK: &str = "/conclusions/tasks/0/task";

/// Opens the record at `path` and waits for its state to read `state`, and its preview.
pub(crate) async fn open(client: &Client, server: &Server, path: &str, state: &str) {
    client.goto(&format!("{}edit?path={path}", server.url)).await.unwrap();
    until(
        client,
        &format!(
            "(document.getElementById('state') || {{}}).textContent === {} && !!document.querySelector('#pages .page')",
            json!(state)
        ),
        Duration::from_secs(40),
    )
    .await;
}

/// Whether the element `css` is there and shown.
pub(crate) fn shown(css: &str) -> String {
    format!(
        "(() => {{ const e = document.querySelector({}); return !!e && e.offsetParent !== null && e.getClientRects().length > 0; }})()",
        json!(css)
    )
}

pub(crate) async fn is_true(client: &Client, script: &str) -> bool {
    client.execute(&format!("return {script};"), vec![]).await.unwrap() == json!(true)
}

/// The visible primary buttons' words.
pub(crate) async fn primary_buttons(client: &Client) -> serde_json::Value {
    crate::harness::value(
        client,
        "[...document.querySelectorAll('button.primary, .button.primary')].filter(e => e.offsetParent !== null).map(e => e.textContent)",
    )
    .await
}

/// The office with three records: one approved, one returned with a reason, one submitted.
fn office(folder: &std::path::Path) -> Server {
    crate::support::copy_samples(folder);
    for record in [ISSUED, RETURNED, SUBMITTED] {
        crate::support::remove_numbers(&folder.join(record));
    }
    for (name, role) in [("lan", "soan-thao"), ("hai", "lanh-dao"), ("mai", "van-thu")] {
        crate::support::add_user(folder, name, role, &format!("mật khẩu của {name}"));
    }
    let archive = folder.join("kho");
    let server = Server::start_in(folder, &["--archive-dir", archive.to_str().unwrap()]);
    let (lan, hai) = (
        server.login("lan", "mật khẩu của lan"),
        server.login("hai", "mật khẩu của hai"),
    );
    let step = |who: &str, path: &str, step: &str, reason: &str| {
        let answer = server.post_as(
            who,
            "/api/workflow",
            &json!({ "path": path, "step": step, "reason": reason }),
        );
        assert_eq!(answer.status, 200, "{step} {path}: {}", answer.text());
    };
    for record in [ISSUED, RETURNED, SUBMITTED] {
        step(&lan, record, "submit", "");
    }
    step(&hai, ISSUED, "approve", "");
    let comment = json!({ "path": RETURNED, "field": TASK, "text": "Ghi rõ thời hạn" });
    assert_eq!(server.post_as(&hai, "/api/comments", &comment).status, 200);
    step(&hai, RETURNED, "return", "Bổ sung thời hạn cho từng nhiệm vụ");
    server
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_role_sees_its_next_step_and_the_clerk_reads_the_numbers_at_once() {
    let _turn = crate::harness::ONE_AT_A_TIME.lock().await;
    let Some(drafter) = Browser::open().await else { return };
    let Some(leader) = Browser::open().await else { return };
    let Some(clerk) = Browser::open().await else { return };
    let folder = tempfile::tempdir().unwrap();
    let server = office(folder.path());
    let (a, b, c) = (&drafter.client, &leader.client, &clerk.client);
    for client in [a, b, c] {
        client.set_window_size(1366, 768).await.unwrap();
    }

    // The soạn thảo, on the returned draft: Trình duyệt, the primary button; nothing else.
    log_in(a, &server, "lan", "mật khẩu của lan").await;
    open(a, &server, RETURNED, "Dự thảo").await;
    assert!(is_true(a, &shown("#step-submit.primary")).await, "Trình duyệt is shown");
    assert!(!is_true(a, &shown("#step-approve")).await && !is_true(a, &shown("#step-issue")).await);
    until(
        a,
        "!document.getElementById('returned').hidden",
        Duration::from_secs(10),
    )
    .await;
    screenshot(a, "office-soan-thao.png").await;
    // One scroll area for the reason, the comments and the form.
    let scrolling = a
        .execute(
            "return [...document.querySelectorAll('.source *')].filter(e => e.offsetParent !== null && ['auto', 'scroll'].includes(getComputedStyle(e).overflowY) && e.scrollHeight > e.clientHeight && e.tagName !== 'TEXTAREA' && !e.closest('.CodeMirror')).map(e => e.id || e.className);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        scrolling,
        json!(["form-scroll"]),
        "one scroll area in the form's column"
    );
    // The comment's field name goes to the field; the preview follows it to its page.
    click(a, "#threads .goto-field").await;
    until(
        a,
        &format!(
            "!!document.activeElement.closest(\"[data-pointer='{TASK}']\") && !!Follow.last && document.getElementById('pages').scrollTop > 0"
        ),
        Duration::from_secs(10),
    )
    .await;

    // The lãnh đạo, on the submitted record: Duyệt (primary) and Trả lại.
    log_in(b, &server, "hai", "mật khẩu của hai").await;
    open(b, &server, SUBMITTED, "Chờ duyệt").await;
    assert!(is_true(b, &shown("#step-approve.primary")).await, "Duyệt is shown");
    assert!(is_true(b, &shown("#step-return")).await, "Trả lại is shown");
    assert!(!is_true(b, &shown("#step-submit")).await && !is_true(b, &shown("#step-issue")).await);
    screenshot(b, "office-lanh-dao.png").await;

    // The soạn thảo keeps the approved record open while the văn thư issues it.
    open(a, &server, ISSUED, "Đã duyệt").await;

    // The văn thư: one visible button; the numbers, the badge and the preview follow at once.
    log_in(c, &server, "mai", "mật khẩu của mai").await;
    open(c, &server, ISSUED, "Đã duyệt").await;
    assert!(
        is_true(c, &shown("#step-issue.primary")).await,
        "Cấp số, ban hành is shown"
    );
    assert_eq!(
        c.execute("return document.getElementById('step-issue').textContent;", vec![])
            .await
            .unwrap(),
        json!("Cấp số, ban hành")
    );
    assert!(
        c.execute("return document.getElementById('archive').hidden;", vec![])
            .await
            .unwrap()
            == json!(true),
        "issuing is not also hidden in the downloads"
    );
    c.execute("window.notReloaded = true;", vec![]).await.unwrap();
    click(c, "#step-issue").await;
    until(
        c,
        "window.notReloaded === true && document.getElementById('state').textContent === 'Đã ban hành'
          && document.getElementById('read-only').classList.contains('done')
          && document.getElementById('read-only').textContent.includes('01-TB/HU')
          && document.getElementById('read-only').textContent.includes('27/03/2024')
          && !!document.getElementById('issued-link')
          && document.getElementById('notice').hidden",
        Duration::from_secs(60),
    )
    .await;
    let link = c
        .execute(
            "return document.getElementById('issued-link').getAttribute('href');",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        link.as_str()
            .unwrap()
            .starts_with("/issued?entry=tho-xuan-2024-03-27-xuan-truong-"),
        "{link}"
    );
    let line_color = c
        .execute(
            "return getComputedStyle(document.getElementById('read-only')).color;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(line_color, json!("rgb(30, 107, 47)"), "the confirmation is green");
    // The preview shows the register's numbers, not an empty "Số".
    until(
        c,
        &format!(
            "window.notReloaded === true && /Số:? 01-(BB|TB)\\/HU/.test({})",
            page_text()
        ),
        Duration::from_secs(30),
    )
    .await;
    screenshot(c, "office-van-thu.png").await;

    // The soạn thảo's edit, saved after the issue: refused, and the page says by whom.
    type_in_field(a, "/location", "Hội trường xã Xuân Trường").await;
    click(a, "#save").await;
    until(
        a,
        "document.getElementById('notice').textContent.includes('Đã ban hành')
          && document.getElementById('notice').textContent.includes('mai')
          && document.getElementById('conflict').hidden
          && !!document.getElementById('issued-link') && vanban.cm.getOption('readOnly') === true",
        Duration::from_secs(20),
    )
    .await;

    // The list, as the văn thư sees it.
    c.goto(&server.url).await.unwrap();
    let row = |path: &str| format!("document.querySelector('#records tr[data-path=\"{path}\"]')");
    until(
        c,
        &format!("!!{} && !!{}", row(ISSUED), row(RETURNED)),
        Duration::from_secs(20),
    )
    .await;
    until(
        c,
        &format!(
            "{returned}.querySelector('.office-state').textContent === 'Trả lại'
              && {issued}.querySelector('.numbers').textContent.includes('01-TB/HU')
              && {issued}.querySelector('.subject').textContent === 'Về duy trì xã nông thôn mới nâng cao năm 2024'
              && {issued}.querySelector('.date').textContent === '27/03/2024'
              && [...document.querySelectorAll('#records td.date')].every(td => /^\\d\\d\\/\\d\\d\\/\\d{{4}}$/.test(td.textContent))",
            returned = row(RETURNED),
            issued = row(ISSUED)
        ),
        Duration::from_secs(20),
    )
    .await;
    assert!(
        !is_true(c, &shown("#new-session")).await && !is_true(c, &shown("#new-assessment")).await,
        "the văn thư is offered no new record"
    );
    c.execute("document.getElementById('filter').scrollIntoView();", vec![])
        .await
        .unwrap();
    screenshot(c, "records-list.png").await;
    // A writer is offered one.
    b.goto(&server.url).await.unwrap();
    until(b, &shown("#new-session"), Duration::from_secs(20)).await;

    for browser in [drafter, leader, clerk] {
        browser.client.clone().close().await.unwrap();
    }
}
