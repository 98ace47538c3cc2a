//! End to end in a real headless Chromium, driven over WebDriver (chromedriver): open the
//! list, open the seed sample, change the chair's name and see it in the preview, break the
//! YAML and see the diagnostic at its line, fix it, save, find it on disk.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them). Screenshots go
//! to `$VANBAN_SCREENSHOTS` (default: a temporary folder).

use std::time::Duration;

use fantoccini::{Client, Locator};
use serde_json::{Value, json};

use crate::harness::{Browser, page_text, save, screenshot, type_keys, until};
use crate::server::Server;

/// Selects `text` on its line in the editor (first occurrence), so typing replaces it.
async fn select(client: &Client, text: &str) {
    let script = "const cm = vanban.cm; const t = arguments[0];
        for (let n = 0; n < cm.lineCount(); n++) { const at = cm.getLine(n).indexOf(t);
          if (at >= 0) { cm.focus(); cm.setSelection({line: n, ch: at}, {line: n, ch: at + t.length}); return n + 1; } }
        return 0;";
    let line = client.execute(script, vec![json!(text)]).await.unwrap();
    assert!(line.as_u64().unwrap() > 0, "`{text}` not in the editor");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clerk_edits_the_seed_record_in_a_real_browser() {
    let _turn = crate::harness::ONE_AT_A_TIME.lock().await;
    let Some(browser) = Browser::open().await else { return };
    let client = &browser.client;
    let server = Server::start(&[]);

    // The list, then the seed sample.
    client.goto(&server.url).await.unwrap();
    let link = client
        .wait()
        .for_element(Locator::Css("tr[data-path='xuan-truong-2024.yaml'] a"))
        .await
        .unwrap();
    let row = client
        .find(Locator::Css("tr[data-path='xuan-truong-2024.yaml']"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(row.contains("xã Xuân Trường") && row.contains("hợp lệ"), "{row}");
    screenshot(client, "records.png").await;
    link.click().await.unwrap();
    until(
        client,
        "window.vanban && vanban.state.previews >= 1",
        Duration::from_secs(20),
    )
    .await;
    let first = format!("{}.includes('Lê Đình Hải')", page_text());
    until(client, &first, Duration::from_secs(5)).await;
    // The form is shown first; this test works in the YAML beside it.
    client
        .find(Locator::Css("#view-yaml"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // The editor writes with vanban's own font, whatever monospace font the machine has.
    until(
        client,
        "[...document.fonts].some(f => f.family.includes('vanban mono') && f.status === 'loaded') \
         && getComputedStyle(document.querySelector('.CodeMirror-line')).fontFamily.startsWith('\"vanban mono\"')",
        Duration::from_secs(5),
    )
    .await;

    // Change the chair's name: the minutes show it. How fast is measured by `cargo bench --
    // serve`, not here: a timed assert fails whenever other work shares the cores.
    let mut current = "Lê Đình Hải";
    for name in ["Phạm Văn Thứ", "Phạm Văn Thủ", "Phạm Văn Thử"] {
        select(client, current).await;
        type_keys(client, name).await;
        let seen = format!("{}.includes('{name}')", page_text());
        until(client, &seen, Duration::from_secs(30)).await;
        current = name;
    }
    let seen = format!("{}.includes('{current}')", page_text());
    screenshot(client, "editor.png").await;

    // Break the YAML: the diagnostic sits at the line, the preview is kept and marked out of date.
    select(client, "location:").await;
    type_keys(client, "location").await;
    let line: Value = client
        .execute("return vanban.cm.getCursor().line + 1;", vec![])
        .await
        .unwrap();
    until(client, "vanban.notes.length > 0", Duration::from_secs(5)).await;
    let note = client.execute("return vanban.notes[0];", vec![]).await.unwrap();
    assert_eq!(note["line"], line, "{note}");
    assert!(
        note["message"].as_str().unwrap().starts_with("YAML không hợp lệ"),
        "{note}"
    );
    until(
        client,
        &format!(
            "!!vanban.cm.lineInfo({}).gutterMarkers && !document.getElementById('stale').hidden",
            line.as_u64().unwrap() - 1
        ),
        Duration::from_secs(5),
    )
    .await;
    assert!(
        client
            .execute(&format!("return {seen};"), vec![])
            .await
            .unwrap()
            .as_bool()
            .unwrap(),
        "the last good preview must stay"
    );
    screenshot(client, "editor-error.png").await;

    // Fix it and save; the change is on disk.
    select(client, "location Hội").await;
    type_keys(client, "location: Hội").await;
    until(
        client,
        "vanban.notes.length === 0 && document.getElementById('stale').hidden",
        Duration::from_secs(5),
    )
    .await;
    save(client).await;
    let on_disk = std::fs::read_to_string(server.folder.join("xuan-truong-2024.yaml")).unwrap();
    assert!(on_disk.contains("  name: Phạm Văn Thử\n"));
    assert!(on_disk.contains("\nlocation: Hội trường Ủy ban nhân dân xã Xuân Trường   # illustrative\n"));
    assert!(on_disk.starts_with("# Buổi làm việc của đồng chí Bí thư Huyện ủy Thọ Xuân"));
    browser.client.clone().close().await.unwrap();
}
