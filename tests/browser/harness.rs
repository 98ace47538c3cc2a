//! What the browser tests share: chromedriver and a headless Chromium of their own, waits
//! on the page's state, typing, screenshots.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;
use unicode_normalization::UnicodeNormalization;

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// chromedriver, in a process group of its own with the Chromium it starts.
pub struct Driver(Child);

impl Drop for Driver {
    /// Ends chromedriver and every Chromium process it started, even when a test failed
    /// before closing its session (left running, they use up the system's file watches).
    fn drop(&mut self) {
        if let Ok(group) = i32::try_from(self.0.id()) {
            // SAFETY: `kill` only sends a signal; a negative id names the process group.
            unsafe {
                libc::kill(-group, libc::SIGKILL);
            }
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

pub fn start_driver() -> (Driver, u16) {
    let port = free_port();
    let child = Command::new(CHROMEDRIVER)
        .process_group(0)
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

pub async fn browser(driver_port: u16, profile: &std::path::Path) -> Client {
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("browserName".into(), json!("chrome"));
    // The HTTPS test's certificate is made by the server on first start (self-signed).
    capabilities.insert("acceptInsecureCerts".into(), json!(true));
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
pub async fn until(client: &Client, script: &str, limit: Duration) -> Duration {
    // Three times the limit asked: a machine busy with other builds must not fail a page that
    // works (a passing wait returns as soon as the page is ready, so nothing is slower).
    let limit = limit * 3;
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

/// The JS expression `script`'s value.
pub async fn value(client: &Client, script: &str) -> serde_json::Value {
    client.execute(&format!("return {script};"), vec![]).await.unwrap()
}

/// Waits for `script` to be true; if it is not within `limit`, says what `shown` is then.
pub async fn until_shown(client: &Client, script: &str, shown: &str, limit: Duration) {
    let started = std::time::Instant::now();
    while value(client, script).await != json!(true) {
        if started.elapsed() > limit {
            panic!(
                "not within {limit:?}: {script}\nthe page shows: {}",
                value(client, shown).await
            );
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Types `text` into the focused editor as key presses (CodeMirror's own input is a hidden
/// textarea, which WebDriver will not send keys to directly).
pub async fn type_keys(client: &Client, text: &str) {
    let mut keys = KeyActions::new("keyboard".into());
    for value in text.nfc().collect::<String>().chars() {
        keys = keys.then(KeyAction::Down { value }).then(KeyAction::Up { value });
    }
    client.perform_actions(keys).await.unwrap();
}

pub async fn screenshot(client: &Client, name: &str) {
    let dir = std::env::var_os("VANBAN_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("vanban-screenshots"));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), client.screenshot().await.unwrap()).unwrap();
}

pub fn page_text() -> &'static str {
    "[...document.querySelectorAll('#pages .page-text')].map(e => e.textContent).join('\\n')"
}

/// A headless Chromium driven by its own chromedriver, with a profile of its own.
pub struct Browser {
    /// The WebDriver session.
    pub client: Client,
    _driver: Driver,
    _profile: tempfile::TempDir,
}

/// The browser tests take turns: several Chromiums and servers at once on two cores made
/// the waits measure the machine's load, not the app.
pub static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

impl Browser {
    /// A browser, or `None` (said by name; a failure under `CI=true`) when Chromium or
    /// chromedriver is missing.
    pub async fn open() -> Option<Browser> {
        let found = |path: &str| std::path::Path::new(path).exists();
        if !crate::support::available("chromium and chromedriver", found(CHROMIUM) && found(CHROMEDRIVER)) {
            return None;
        }
        let (driver, port) = start_driver();
        let profile = tempfile::tempdir().unwrap();
        let client = browser(port, profile.path()).await;
        Some(Browser {
            client,
            _driver: driver,
            _profile: profile,
        })
    }
}

/// Clicks the element `css`, once it is there.
pub async fn click(client: &Client, css: &str) {
    let element = client.wait().for_element(Locator::Css(css)).await.unwrap();
    element.click().await.unwrap();
}

/// Clicks Lưu and waits until the page says it is saved.
pub async fn save(client: &Client) {
    click(client, "#save").await;
    until(
        client,
        "document.getElementById('save-state').textContent === 'Đã lưu'",
        Duration::from_secs(10),
    )
    .await;
}
