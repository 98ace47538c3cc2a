//! The "Theo dõi nhiệm vụ" page in a real Chromium: the soạn thảo opens it from the list,
//! reads the colours (red overdue, orange due within 3 days, grey not started) from the
//! computed styles, filters by deadline state and lead body, and reports a task done with a
//! document as evidence; the văn thư confirms it and its row turns green.

use std::time::Duration;

use fantoccini::Client;
use serde_json::json;

use crate::harness::{Browser, click, screenshot, until, value};
use crate::office::log_in;
use crate::server::Server;
use crate::support::add_user;
use crate::task_notice::{self, LATER, NO_DEADLINE, OVERDUE, SOON, day};

const RED: &str = "rgb(197, 34, 31)";
const ORANGE: &str = "rgb(227, 116, 0)";
const GREEN: &str = "rgb(24, 128, 56)";
const GREY: &str = "rgb(128, 134, 139)";

/// The badge colour of the row of the task led by `assignee`, as the browser paints it.
async fn colour(client: &Client, assignee: &str) -> serde_json::Value {
    let script = format!(
        "(() => {{ const row = [...document.querySelectorAll('#tasks tbody tr')]
           .find(r => r.children[2].textContent === {assignee});
         return row ? getComputedStyle(row.querySelector('.badge')).backgroundColor : null; }})()",
        assignee = json!(assignee)
    );
    value(client, &script).await
}

/// Whether the form `id` is painted (not only its `hidden` attribute: the style must agree).
fn shown(id: &str) -> String {
    format!("getComputedStyle(document.getElementById('{id}')).display !== 'none'")
}

/// Waits until the list shows `n` rows.
async fn rows(client: &Client, n: usize) {
    let script = format!("document.querySelectorAll('#tasks tbody tr').length === {n}");
    until(client, &script, Duration::from_secs(20)).await;
}

/// Opens the task led by `assignee` and waits for its history.
async fn open(client: &Client, assignee: &str) {
    let script = format!(
        "[...document.querySelectorAll('#tasks tbody tr')].find(r => r.children[2].textContent === {})
           .querySelector('a.task-open').click()",
        json!(assignee)
    );
    client.execute(&script, vec![]).await.unwrap();
    until(
        client,
        "!document.getElementById('detail').hidden && document.querySelectorAll('#history li').length > 0",
        Duration::from_secs(20),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tasks_are_filtered_coloured_reported_and_confirmed() {
    let _turn = crate::harness::ONE_AT_A_TIME.lock().await;
    let Some(browser) = Browser::open().await else { return };
    let client = &browser.client;
    let dir = tempfile::tempdir().unwrap();
    let archive = task_notice::issued(dir.path());
    add_user(dir.path(), "lan", "soan-thao", "mật khẩu soạn thảo");
    add_user(dir.path(), "mai", "van-thu", "mật khẩu văn thư");
    let server = Server::start_in(dir.path(), &["--archive-dir", archive.to_str().unwrap()]);

    // From the list's header to the page; every task as of today, in its colour.
    log_in(client, &server, "lan", "mật khẩu soạn thảo").await;
    click(client, "#tasks-link").await;
    rows(client, 5).await;
    assert_eq!(colour(client, OVERDUE).await, json!(RED));
    assert_eq!(colour(client, SOON).await, json!(ORANGE));
    assert_eq!(colour(client, NO_DEADLINE).await, json!(GREY));
    let today = value(client, "document.getElementById('today').textContent").await;
    assert!(today.as_str().unwrap().starts_with("Tính đến ngày"), "{today}");

    // Filters: overdue only; then a lead body written without marks (kept in the address).
    client
        .execute("document.getElementById('wanted').value = 'qua-han';", vec![])
        .await
        .unwrap();
    click(client, "#filters button[type=submit]").await;
    rows(client, 1).await;
    assert_eq!(colour(client, OVERDUE).await, json!(RED));
    client
        .execute(
            "const f = document.getElementById('filters'); f.wanted.value = ''; f.assignee.value = 'truong trung hoc';",
            vec![],
        )
        .await
        .unwrap();
    click(client, "#filters button[type=submit]").await;
    rows(client, 1).await;
    let address = client.current_url().await.unwrap();
    assert!(
        address.query().unwrap_or_default().contains("assignee=truong"),
        "{address}"
    );

    // The soạn thảo reports it done, with the school's report as evidence.
    open(client, LATER).await;
    assert_eq!(
        value(client, "document.getElementById('decide').hidden").await,
        json!(true)
    );
    let fill = format!(
        "document.getElementById('update-status').value = 'cho-xac-nhan';
         document.getElementById('update-date').value = '{yesterday}';
         document.getElementById('update-note').value = 'Đã sửa xong tường rào';
         document.getElementById('update-evidence-number').value = '15/BC-THCS';
         document.getElementById('update-evidence-date').value = '{yesterday}';",
        yesterday = day(-1)
    );
    client.execute(&fill, vec![]).await.unwrap();
    click(client, "#update button[type=submit]").await;
    until(
        client,
        "document.getElementById('detail-message').textContent === 'Đã ghi.'",
        Duration::from_secs(20),
    )
    .await;
    let history = value(client, "document.getElementById('history').textContent").await;
    let history = history.as_str().unwrap();
    assert!(
        history.contains("15/BC-THCS") && history.contains("serve:lan"),
        "{history}"
    );
    assert!(history.contains("Chờ xác nhận"), "{history}");

    // The văn thư confirms it: the row turns green.
    client.delete_all_cookies().await.unwrap();
    log_in(client, &server, "mai", "mật khẩu văn thư").await;
    client.goto(&format!("{}tasks", server.url)).await.unwrap();
    rows(client, 5).await;
    open(client, LATER).await;
    assert_eq!(
        value(client, "document.getElementById('update').hidden").await,
        json!(true)
    );
    click(client, "#confirm").await;
    until(
        client,
        "document.getElementById('detail-message').textContent === 'Đã ghi.'",
        Duration::from_secs(20),
    )
    .await;
    assert_eq!(colour(client, LATER).await, json!(GREEN));
    assert_eq!(colour(client, OVERDUE).await, json!(RED));
    // Once confirmed, neither form is shown.
    assert_eq!(value(client, &shown("decide")).await, json!(false));
    assert_eq!(value(client, &shown("update")).await, json!(false));
    client.execute("window.scrollTo(0, 0);", vec![]).await.unwrap();
    screenshot(client, "tasks.png").await;
}
