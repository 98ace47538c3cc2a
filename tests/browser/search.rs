//! The search box in a real Chromium (issue 28): a clerk types words without marks and
//! finds the records in the folder and the issued documents in the archive, with the words
//! marked; then asks for the tasks of the Phòng Kinh tế due in March and opens the notice.

use std::time::Duration;

use fantoccini::Locator;
use serde_json::json;

use crate::harness::{Browser, click, screenshot, until};
use crate::server::Server;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clerk_finds_records_and_issued_documents() {
    let _turn = crate::harness::ONE_AT_A_TIME.lock().await;
    let Some(browser) = Browser::open().await else { return };
    let client = &browser.client;
    let archive = tempfile::tempdir().unwrap();
    let kho = archive.path().join("kho");
    let server = Server::start(&["--archive-dir", kho.to_str().unwrap()]);
    let filed = server.post("/api/archive", &json!({ "path": "an-phu-2026-02-05.yaml" }));
    assert_eq!(filed.status, 200, "{}", filed.text());

    client.goto(&server.url).await.unwrap();
    let words = client
        .wait()
        .for_element(Locator::Css("#search-form [name=q]"))
        .await
        .unwrap();
    words.send_keys("nuoc sach").await.unwrap();
    click(client, "#search-form button[type=submit]").await;
    until(
        client,
        "document.querySelectorAll('#search-results li').length > 0",
        Duration::from_secs(20),
    )
    .await;
    let first = client
        .execute(
            "return document.querySelector('#search-results li').textContent;",
            vec![],
        )
        .await
        .unwrap();
    let first = first.as_str().unwrap().to_lowercase();
    assert!(
        first.contains("nước sạch"),
        "the words as written, found without marks: {first}"
    );
    let marks = client
        .execute(
            "return [...document.querySelectorAll('#search-results mark')].map(m => m.textContent.toLowerCase());",
            vec![],
        )
        .await
        .unwrap();
    assert!(marks.as_array().unwrap().contains(&json!("nước")), "{marks}");
    // The query is in the address, so the results can be sent to a colleague.
    let address = client.current_url().await.unwrap();
    assert!(address.query().unwrap_or_default().contains("q=nuoc+sach"), "{address}");

    // Tasks of the Phòng Kinh tế due in March: the archived session, with its notice's link.
    client
        .execute(
            "const f = document.getElementById('search-form'); f.q.value = '';
             f.task_owner.value = 'Phòng Kinh tế'; f.due_from.value = '2026-03-01'; f.due_to.value = '2026-03-31';",
            vec![],
        )
        .await
        .unwrap();
    click(client, "#search-form button[type=submit]").await;
    let tasks_shown = "[...document.querySelectorAll('#search-results li[data-entry]')]
        .some(li => li.textContent.includes('(hạn 31/03/2026)'))";
    until(client, tasks_shown, Duration::from_secs(20)).await;
    let count = client
        .execute(
            "return document.querySelectorAll('#search-results li[data-entry]').length;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(count, json!(1));
    let entry = client
        .execute(
            "return document.querySelector('#search-results li[data-entry]').textContent;",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        entry.as_str().unwrap().contains("Phòng Kinh tế xã (hạn 31/03/2026)"),
        "{entry}"
    );
    until(
        client,
        "document.querySelectorAll('#records tbody tr').length > 0",
        Duration::from_secs(20),
    )
    .await;
    screenshot(client, "search.png").await;
    let fetched = client
        .execute_async(
            "const done = arguments[0];
             const link = [...document.querySelectorAll('#search-results li[data-entry] .docs a')]
               .find(a => a.textContent.endsWith('-thong-bao-ket-luan.pdf'));
             fetch(link.href).then(r => r.arrayBuffer()).then(b =>
               done(String.fromCharCode(...new Uint8Array(b.slice(0, 5)))));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(fetched, json!("%PDF-"));

    // A date the server cannot read is named, and its field takes the focus.
    client
        .execute(
            "const f = document.getElementById('search-form'); f.due_from.type = 'text'; f.due_from.value = '31/3';",
            vec![],
        )
        .await
        .unwrap();
    click(client, "#search-form button[type=submit]").await;
    until(
        client,
        "document.activeElement && document.activeElement.name === 'due_from'",
        Duration::from_secs(20),
    )
    .await;
    let said = client
        .execute("return document.getElementById('search-message').textContent;", vec![])
        .await
        .unwrap();
    assert!(said.as_str().unwrap().contains("Ngày không hợp lệ"), "{said}");
}
