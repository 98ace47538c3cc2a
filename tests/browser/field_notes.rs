//! Errors beside their fields (issue 38): the date and the chair's name cleared in the form
//! are both marked at once, each control `aria-invalid` and described by its message in the
//! office's words, listed in the summary at the top, whose lines focus their fields; and
//! "Trình duyệt" is held back while they remain.

use std::time::Duration;

use serde_json::{Value, json};

use crate::harness::{Browser, screenshot, until};
use crate::server::Server;

const SEED: &str = "an-phu-2026-02-05.yaml";

/// Empties the control of the field at `pointer` as a clerk deleting its text does.
const CLEAR: &str = "const c = document.querySelector(`[data-pointer='${arguments[0]}'] > input`);
    c.value = ''; c.dispatchEvent(new Event('input')); return c.id;";

/// The message a control is described by, and whether it is marked invalid.
const DESCRIBED: &str = "const c = document.getElementById(arguments[0]);
    const ids = (c.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
    return { invalid: c.getAttribute('aria-invalid'),
             said: ids.map(id => document.getElementById(id)).filter(Boolean).map(e => e.textContent) };";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cleared_fields_are_marked_beside_themselves_and_in_the_summary() {
    let _turn = crate::harness::ONE_AT_A_TIME.lock().await;
    let Some(browser) = Browser::open().await else { return };
    let client = &browser.client;
    let server = Server::start(&[]);
    client.goto(&format!("{}edit?path={SEED}", server.url)).await.unwrap();
    until(
        client,
        "window.vanban && vanban.state.previews >= 1 && !vanban.state.formStale \
         && !!document.querySelector(\"[data-pointer='/chair/name'] > input\")",
        Duration::from_secs(20),
    )
    .await;
    let mut ids = Vec::new();
    for pointer in ["/date", "/chair/name"] {
        let id = client.execute(CLEAR, vec![json!(pointer)]).await.unwrap();
        ids.push(id.as_str().unwrap().to_string());
    }
    until(
        client,
        "vanban.notes.filter(n => n.severity === 'error').length >= 2 \
         && document.querySelectorAll('#form [aria-invalid=true]').length >= 2",
        Duration::from_secs(20),
    )
    .await;
    let expected = ["Chưa có ngày làm việc", "Chưa có họ và tên người chủ trì"];
    for (id, message) in ids.iter().zip(expected) {
        let shown: Value = client.execute(DESCRIBED, vec![json!(id)]).await.unwrap();
        assert_eq!(shown["invalid"], "true", "{id}: {shown}");
        assert!(
            shown["said"].as_array().unwrap().iter().any(|s| s == message),
            "{id}: {shown}"
        );
    }
    let summary: Value = client
        .execute(
            "return [...document.querySelectorAll('#form .notes-summary .notes-list.error a')].map(a => a.textContent);",
            vec![],
        )
        .await
        .unwrap();
    for message in expected {
        assert!(
            summary
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s.as_str().unwrap().ends_with(message)),
            "{summary}"
        );
    }
    assert!(
        !summary.to_string().contains('`'),
        "no backticks in the form: {summary}"
    );
    assert!(
        summary[0].as_str().unwrap().contains("ngày"),
        "in the form's order: {summary}"
    );
    client.set_window_size(1366, 768).await.unwrap();
    screenshot(client, "form-errors.png").await;

    // A summary line goes to its field.
    for (id, message) in ids.iter().zip(expected) {
        let focused: Value = client
            .execute(
                "const a = [...document.querySelectorAll('#form .notes-summary a')].find(a => a.textContent.endsWith(arguments[0]));
                 a.click(); return document.activeElement.id;",
                vec![json!(message)],
            )
            .await
            .unwrap();
        assert_eq!(focused, json!(id));
    }
    // The field reached from the summary, its message beside it.
    screenshot(client, "form-errors-field.png").await;
}
