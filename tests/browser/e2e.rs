//! End to end in a real headless Chromium, driven over WebDriver (chromedriver): open the
//! list, open the seed sample, change the chair's name and see it in the preview, break the
//! YAML and see the diagnostic at its line, fix it, save, find it on disk.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them). Screenshots go
//! to `$VANBAN_SCREENSHOTS` (default: a temporary folder).

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};
use unicode_normalization::UnicodeNormalization;

use crate::server::Server;

pub(crate) const CHROMIUM: &str = "/usr/bin/chromium";
pub(crate) const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

pub(crate) struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

pub(crate) fn start_driver() -> (Driver, u16) {
    let port = free_port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    (Driver(child), port)
}

pub(crate) async fn browser(driver_port: u16, profile: &std::path::Path) -> Client {
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("browserName".into(), json!("chrome"));
    capabilities.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": CHROMIUM,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1600,1000", format!("--user-data-dir={}", profile.display()),
            ],
        }),
    );
    ClientBuilder::new(HttpConnector::new())
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{driver_port}"))
        .await
        .expect("WebDriver session")
}

/// Polls `script` (a JS expression) until it is truthy; returns the time it took.
pub(crate) async fn until(client: &Client, script: &str, limit: Duration) -> Duration {
    let started = Instant::now();
    loop {
        let value = client.execute(&format!("return {script};"), vec![]).await.unwrap();
        if value.as_bool() == Some(true) {
            return started.elapsed();
        }
        assert!(started.elapsed() < limit, "not within {limit:?}: {script}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Selects `text` on its line in the editor (first occurrence), so typing replaces it.
async fn select(client: &Client, text: &str) {
    let script = "const cm = vanban.cm; const t = arguments[0];
        for (let n = 0; n < cm.lineCount(); n++) { const at = cm.getLine(n).indexOf(t);
          if (at >= 0) { cm.focus(); cm.setSelection({line: n, ch: at}, {line: n, ch: at + t.length}); return n + 1; } }
        return 0;";
    let line = client.execute(script, vec![json!(text)]).await.unwrap();
    assert!(line.as_u64().unwrap() > 0, "`{text}` not in the editor");
}

/// Types `text` into the focused editor as key presses (CodeMirror's own input is a hidden
/// textarea, which WebDriver will not send keys to directly).
pub(crate) async fn type_keys(client: &Client, text: &str) {
    let mut keys = KeyActions::new("keyboard".into());
    for value in text.nfc().collect::<String>().chars() {
        keys = keys.then(KeyAction::Down { value }).then(KeyAction::Up { value });
    }
    client.perform_actions(keys).await.unwrap();
}

pub(crate) async fn screenshot(client: &Client, name: &str) {
    let dir = std::env::var_os("VANBAN_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("vanban-screenshots"));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), client.screenshot().await.unwrap()).unwrap();
}

pub(crate) fn page_text() -> &'static str {
    "[...document.querySelectorAll('#pages .page-text')].map(e => e.textContent).join('\\n')"
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clerk_edits_the_seed_record_in_a_real_browser() {
    let found = |path: &str| std::path::Path::new(path).exists();
    if !crate::support::available("chromium and chromedriver", found(CHROMIUM) && found(CHROMEDRIVER)) {
        return;
    }
    let server = Server::start(&[]);
    let (_driver, driver_port) = start_driver();
    let profile = tempfile::tempdir().unwrap();
    let client = browser(driver_port, profile.path()).await;

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
    screenshot(&client, "records.png").await;
    link.click().await.unwrap();
    until(
        &client,
        "window.vanban && vanban.state.previews >= 1",
        Duration::from_secs(20),
    )
    .await;
    let first = format!("{}.includes('Lê Đình Hải')", page_text());
    until(&client, &first, Duration::from_secs(5)).await;
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
        &client,
        "[...document.fonts].some(f => f.family.includes('vanban mono') && f.status === 'loaded') \
         && getComputedStyle(document.querySelector('.CodeMirror-line')).fontFamily.startsWith('\"vanban mono\"')",
        Duration::from_secs(5),
    )
    .await;

    // Change the chair's name: the minutes show it. How fast is measured by `cargo bench --
    // serve`, not here: a timed assert fails whenever other work shares the cores.
    let mut current = "Lê Đình Hải";
    for name in ["Phạm Văn Thứ", "Phạm Văn Thủ", "Phạm Văn Thử"] {
        select(&client, current).await;
        type_keys(&client, name).await;
        let seen = format!("{}.includes('{name}')", page_text());
        until(&client, &seen, Duration::from_secs(30)).await;
        current = name;
    }
    let seen = format!("{}.includes('{current}')", page_text());
    screenshot(&client, "editor.png").await;

    // Break the YAML: the diagnostic sits at the line, the preview is kept and marked out of date.
    select(&client, "location:").await;
    type_keys(&client, "location").await;
    let line: Value = client
        .execute("return vanban.cm.getCursor().line + 1;", vec![])
        .await
        .unwrap();
    until(&client, "vanban.notes.length > 0", Duration::from_secs(5)).await;
    let note = client.execute("return vanban.notes[0];", vec![]).await.unwrap();
    assert_eq!(note["line"], line, "{note}");
    assert!(
        note["message"].as_str().unwrap().starts_with("YAML không hợp lệ"),
        "{note}"
    );
    until(
        &client,
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
    screenshot(&client, "editor-error.png").await;

    // Fix it and save; the change is on disk.
    select(&client, "location Hội").await;
    type_keys(&client, "location: Hội").await;
    until(
        &client,
        "vanban.notes.length === 0 && document.getElementById('stale').hidden",
        Duration::from_secs(5),
    )
    .await;
    client.find(Locator::Css("#save")).await.unwrap().click().await.unwrap();
    until(
        &client,
        "document.getElementById('save-state').textContent === 'Đã lưu'",
        Duration::from_secs(5),
    )
    .await;
    let on_disk = std::fs::read_to_string(server.folder.join("xuan-truong-2024.yaml")).unwrap();
    assert!(on_disk.contains("  name: Phạm Văn Thử\n"));
    assert!(on_disk.contains("\nlocation: Hội trường Ủy ban nhân dân xã Xuân Trường   # illustrative\n"));
    assert!(on_disk.starts_with("# Buổi làm việc của đồng chí Bí thư Huyện ủy Thọ Xuân"));
    client.close().await.unwrap();
}
