//! Issue 38's scenario, played as a new clerk would, in Chromium at 1366×768: a commune
//! chairman visits an agricultural cooperative after the floods; three tasks with owners and
//! due dates; a state (Nghị định 30) commune. The soạn thảo writes the whole record in the
//! new-record page and the form (no YAML typed), meets an error beside its field when she
//! presses "Trình duyệt" before the date is filled, and submits; the lãnh đạo comments on a
//! task and returns it with a reason; the list marks it "Trả lại"; the soạn thảo fixes the
//! task and submits again; the lãnh đạo approves; the văn thư issues it with the one visible
//! button and reads the numbers without reloading; search finds it with and without marks.
//! Screenshots of each role's page go to `VANBAN_SCREENSHOTS` (docs/screenshots).

use std::time::Duration;

use fantoccini::{Client, Locator};
use serde_json::json;

use crate::forms::{fill, pick_date};
use crate::harness::{Browser, click, page_text, screenshot, until, until_shown, value};
use crate::office::log_in;
use crate::pages::{is_true, open, primary_buttons, shown};
use crate::scenario_record::{DATE, FILE, SUBJECT, fill_form, new_record};
use crate::server::Server;

/// The lãnh đạo's comment on the second task, the reason for returning it, and the fix.
const TASK: &str = "/conclusions/tasks/1/task";
const COMMENT: &str = "Ghi rõ loại giống và số lượng đề nghị hỗ trợ";
const REASON: &str = "Nhiệm vụ 2 chưa nêu cụ thể loại giống, số lượng";
const ANSWER: &str = "Đã ghi rõ: 2 tấn lúa giống, 50 kg hạt giống rau";
const FIXED: &str = "Lập hồ sơ đề nghị hỗ trợ 2 tấn lúa giống và 50 kg hạt giống rau vụ đông";

/// "Trình duyệt" before the date is filled: the message stands beside "Ngày", in the
/// office's words, with the summary at the top of the form; nothing is submitted.
async fn meets_the_date_error(client: &Client) {
    let date = "[data-pointer='/date']";
    let field = client
        .wait()
        .for_element(Locator::Css(&format!("{date} > input")))
        .await
        .unwrap();
    client
        .execute(
            "arguments[0].value = ''; arguments[0].dispatchEvent(new Event('input'));",
            vec![serde_json::to_value(&field).unwrap()],
        )
        .await
        .unwrap();
    until(
        client,
        &format!("!vanban.cm.getValue().includes('{DATE}') && !!document.querySelector(\"{date} > input[aria-invalid=true]\")"),
        Duration::from_secs(20),
    )
    .await;
    click(client, "#step-submit").await;
    until(
        client,
        "!document.getElementById('notice').hidden && document.activeElement.closest('.notes-summary') !== null",
        Duration::from_secs(10),
    )
    .await;
    let seen = value(
        client,
        &format!(
            "(() => {{
               const label = document.querySelector(\"{date}\"); const input = label.querySelector('input');
               const message = label.nextElementSibling;
               const below = message && message.getBoundingClientRect().top >= input.getBoundingClientRect().bottom - 1
                 && message.getBoundingClientRect().top - label.getBoundingClientRect().bottom < 40;
               return {{ invalid: input.getAttribute('aria-invalid'),
                 message: message && message.classList.contains('field-error') && message.classList.contains('error') ? message.textContent : null,
                 described: message && (input.getAttribute('aria-describedby') || '').split(' ').includes(message.id),
                 below, label: label.querySelector('span').textContent,
                 summary: [...document.querySelectorAll('#form > .notes-summary:first-child .notes-list.error a')].map(a => a.textContent),
                 notice: document.getElementById('notice').textContent,
                 state: document.getElementById('state').textContent }};
             }})()"
        ),
    )
    .await;
    let message = seen["message"]
        .as_str()
        .unwrap_or_else(|| panic!("no message under Ngày: {seen}"));
    assert_eq!(seen["invalid"], json!("true"), "{seen}");
    assert_eq!(
        seen["described"],
        json!(true),
        "the message describes the control: {seen}"
    );
    assert_eq!(
        seen["below"],
        json!(true),
        "the message right under the control: {seen}"
    );
    assert_eq!(seen["state"], json!("Dự thảo"), "nothing submitted: {seen}");
    let summary = seen["summary"].as_array().unwrap();
    assert!(
        summary.iter().any(|line| line.as_str().unwrap().contains(message)),
        "the summary at the top names it: {seen}"
    );
    for words in [message, seen["notice"].as_str().unwrap()]
        .into_iter()
        .chain(summary.iter().map(|l| l.as_str().unwrap()))
    {
        assert!(
            !words.contains('`')
                && !words
                    .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                    .any(|w| w == "date" || w.contains('_')),
            "plain Vietnamese, no YAML key or backtick: {words:?}"
        );
    }
    eprintln!("the date's message: {message:?}; the notice: {:?}", seen["notice"]);
    client
        .execute(
            "document.querySelector(\"[data-pointer='/date']\").scrollIntoView({ block: 'center' });",
            vec![],
        )
        .await
        .unwrap();
    screenshot(client, "scenario-1-soan-thao-loi.png").await;
    pick_date(client, "/date", DATE).await;
    until(
        client,
        "vanban.notes.filter(n => n.severity === 'error').length === 0 && !document.querySelector('#form [aria-invalid]')",
        Duration::from_secs(20),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_clerk_plays_issue_38s_scenario() {
    let _turn = crate::harness::ONE_AT_A_TIME.lock().await;
    let Some(drafter) = Browser::open().await else { return };
    let Some(leader) = Browser::open().await else { return };
    let Some(clerk) = Browser::open().await else { return };
    let folder = tempfile::tempdir().unwrap();
    for (name, role) in [("lan", "soan-thao"), ("hai", "lanh-dao"), ("mai", "van-thu")] {
        crate::support::add_user(folder.path(), name, role, &format!("mật khẩu của {name}"));
    }
    let archive = folder.path().join("kho");
    let server = Server::start_in(folder.path(), &["--archive-dir", archive.to_str().unwrap()]);
    let (a, b, c) = (&drafter.client, &leader.client, &clerk.client);
    for client in [a, b, c] {
        client.set_window_size(1366, 768).await.unwrap();
    }

    // 1. The soạn thảo writes the record in the pages, and meets an error on the way.
    log_in(a, &server, "lan", "mật khẩu của lan").await;
    new_record(a, &server).await;
    fill_form(a).await;
    meets_the_date_error(a).await;
    let warnings = value(a, "vanban.notes.map(n => n.severity + ': ' + (n.form || n.message))").await;
    eprintln!("notes left before submitting: {warnings}");

    // 2. Trình duyệt.
    assert_eq!(primary_buttons(a).await, json!(["Trình duyệt"]));
    click(a, "#step-submit").await;
    until(
        a,
        "document.getElementById('state').textContent === 'Chờ duyệt' && document.getElementById('save-state').textContent === 'Đã lưu'",
        Duration::from_secs(20),
    )
    .await;
    assert_eq!(
        value(a, "document.getElementById('yaml').hidden").await,
        json!(true),
        "no YAML seen, none typed"
    );

    // 3. The lãnh đạo comments on the second task and returns the record with a reason.
    log_in(b, &server, "hai", "mật khẩu của hai").await;
    open(b, &server, FILE, "Chờ duyệt").await;
    assert_eq!(primary_buttons(b).await, json!(["Duyệt"]));
    assert!(is_true(b, &shown("#step-return")).await, "Trả lại is shown");
    click(b, &format!("[data-pointer='{TASK}'] > textarea")).await;
    until(
        b,
        "document.getElementById('comment-about').textContent.includes('Nội dung')",
        Duration::from_secs(10),
    )
    .await;
    b.find(Locator::Css("#comment-text"))
        .await
        .unwrap()
        .send_keys(COMMENT)
        .await
        .unwrap();
    click(b, "#comment-add").await;
    until(
        b,
        &format!("(document.querySelector(\"[data-pointer='{TASK}'] + .field-comment\") || {{}}).textContent === 'Góp ý của hai: {COMMENT}'"),
        Duration::from_secs(10),
    )
    .await;
    b.execute(
        &format!("document.querySelector(\"[data-pointer='{TASK}']\").scrollIntoView({{ block: 'center' }});"),
        vec![],
    )
    .await
    .unwrap();
    screenshot(b, "scenario-2-lanh-dao-tra-lai.png").await;
    click(b, "#step-return").await;
    b.send_alert_text(REASON).await.unwrap();
    b.accept_alert().await.unwrap();
    until(
        b,
        "document.getElementById('state').textContent === 'Dự thảo'",
        Duration::from_secs(10),
    )
    .await;

    // 4. The list marks it "Trả lại", by its subject and its date as offices write it.
    a.goto(&server.url).await.unwrap();
    let row = format!("document.querySelector('#records tr[data-path=\"{FILE}\"]')");
    until_shown(
        a,
        &format!(
            "!!{row} && {row}.querySelector('.office-state').textContent === 'Trả lại'
              && {row}.querySelector('.subject').textContent === 'Về ' + {subject}
              && {row}.querySelector('.date').textContent === '05/10/2026'",
            subject = json!(SUBJECT)
        ),
        &format!("({row} || {{}}).innerHTML"),
        Duration::from_secs(20),
    )
    .await;
    a.execute("document.getElementById('filter').scrollIntoView();", vec![])
        .await
        .unwrap();
    screenshot(a, "scenario-4-danh-sach.png").await;

    // 5. The soạn thảo reads why, fixes the task, submits again; the lãnh đạo approves.
    open(a, &server, FILE, "Dự thảo").await;
    until(
        a,
        &format!(
            "document.getElementById('returned').textContent.includes({}) && !!document.querySelector(\"[data-pointer='{TASK}'] + .field-comment\")",
            json!(REASON)
        ),
        Duration::from_secs(10),
    )
    .await;
    fill(a, TASK, FIXED).await;
    let answer = a
        .wait()
        .for_element(Locator::Css(".thread .answer-text"))
        .await
        .unwrap();
    answer.send_keys(ANSWER).await.unwrap();
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
    click(a, "#step-submit").await;
    until(
        a,
        "document.getElementById('state').textContent === 'Chờ duyệt'",
        Duration::from_secs(20),
    )
    .await;
    open(b, &server, FILE, "Chờ duyệt").await;
    until(
        b,
        &format!(
            "document.querySelector('.thread .answer').textContent.includes({})",
            json!(ANSWER)
        ),
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

    // 6. The văn thư: one visible primary button; the numbers and dates at once, in green.
    log_in(c, &server, "mai", "mật khẩu của mai").await;
    open(c, &server, FILE, "Đã duyệt").await;
    assert_eq!(primary_buttons(c).await, json!(["Cấp số, ban hành"]));
    c.execute("window.notReloaded = true;", vec![]).await.unwrap();
    click(c, "#step-issue").await;
    until(
        c,
        "window.notReloaded === true && document.getElementById('state').textContent === 'Đã ban hành'
          && document.getElementById('read-only').classList.contains('done')
          && /\\d+\\/BB-UBND/.test(document.getElementById('read-only').textContent)
          && /\\d+\\/TB-UBND/.test(document.getElementById('read-only').textContent)
          && /\\d\\d\\/\\d\\d\\/\\d{4}/.test(document.getElementById('read-only').textContent)",
        Duration::from_secs(60),
    )
    .await;
    let line = value(c, "document.getElementById('read-only').textContent").await;
    eprintln!("the văn thư reads: {line}");
    assert_eq!(
        value(c, "getComputedStyle(document.getElementById('read-only')).color").await,
        json!("rgb(30, 107, 47)"),
        "the confirmation is green"
    );
    until(
        c,
        "vanban.cm.getOption('readOnly') === true && document.getElementById('save').hidden
          && [...document.querySelectorAll('#form input, #form select, #form textarea, #form button')].every(e => e.disabled)",
        Duration::from_secs(10),
    )
    .await;
    until(
        c,
        &format!(
            "window.notReloaded === true && /Số:? ?\\d+\\/(BB|TB)-UBND/.test({})",
            page_text()
        ),
        Duration::from_secs(30),
    )
    .await;
    c.execute("document.getElementById('pages').scrollTop = 0;", vec![])
        .await
        .unwrap();
    screenshot(c, "scenario-3-van-thu-ban-hanh.png").await;

    // 7. Found again by the search box, with and without marks; the list shows its numbers.
    c.goto(&server.url).await.unwrap();
    until(
        c,
        &format!("!!{row} && /BB-UBND/.test({row}.querySelector('.numbers').textContent)"),
        Duration::from_secs(20),
    )
    .await;
    for words in ["ngập lụt", "ngap lut"] {
        c.execute(
            "const f = document.getElementById('search-form'); f.q.value = arguments[0];
             document.getElementById('search-results').replaceChildren();",
            vec![json!(words)],
        )
        .await
        .unwrap();
        click(c, "#search-form button[type=submit]").await;
        until(
            c,
            &format!(
                "[...document.querySelectorAll('#search-results li')].some(li => !li.dataset.entry && li.textContent.includes('{FILE}'))
                  && [...document.querySelectorAll('#search-results li[data-entry]')].some(li => /BB-UBND|TB-UBND/.test(li.textContent))"
            ),
            Duration::from_secs(20),
        )
        .await;
    }

    for browser in [drafter, leader, clerk] {
        browser.client.clone().close().await.unwrap();
    }
}
