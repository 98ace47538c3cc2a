//! Signing from the page in a real Chromium (issue 27): a record filed into the archive, its
//! issued page opened, the notice signed with the key on a SoftHSM2 token by typing the PIN
//! in the page; the page then shows what verification says of the signed copy. The PIN field
//! is empty once sent.

use std::path::Path;
use std::time::Duration;

use fantoccini::Locator;
use serde_json::json;

use crate::harness::{Browser, click, screenshot, until};
use crate::server::Server;
use crate::token::{SOFTHSM, make};

const PIN: &str = "246810";

/// A SoftHSM2 token holding a P-256 key and its self-issued certificate, and a signature
/// image, in `dir`; `None` (said by name) without the tools.
fn token(dir: &Path) -> Option<std::path::PathBuf> {
    let tools = ["openssl", "softhsm2-util", "pkcs11-tool"]
        .iter()
        .all(|p| crate::support::program(p));
    if !tools || !crate::support::available("softhsm2", Path::new(SOFTHSM).exists()) {
        return None;
    }
    let key = ["ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"];
    Some(make(
        dir,
        &key,
        "/CN=Nguyễn Văn Thành/O=Ủy ban nhân dân xã An Phú",
        "vanban-thu",
        PIN,
    ))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_notice_is_signed_with_a_token_from_its_issued_page() {
    let _turn = crate::harness::ONE_AT_A_TIME.lock().await;
    let scratch = tempfile::tempdir().unwrap();
    let Some(conf) = token(scratch.path()) else {
        return;
    };
    let Some(browser) = Browser::open().await else { return };
    let client = &browser.client;
    let kho = scratch.path().join("kho");
    let image = scratch.path().join("chu-ky.png");
    let server = Server::start_with_env(
        &[
            "--archive-dir",
            kho.to_str().unwrap(),
            "--pkcs11",
            SOFTHSM,
            "--signature-image",
            image.to_str().unwrap(),
        ],
        &[("SOFTHSM2_CONF", conf.to_str().unwrap())],
    );
    let filed = server.post("/api/archive", &json!({ "path": "an-phu-2026-02-05.yaml" }));
    assert_eq!(filed.status, 200, "{}", filed.text());
    let entry = filed.json()["entries"][0]["id"].as_str().unwrap().to_string();

    client
        .goto(&format!("{}issued?entry={entry}", server.url))
        .await
        .unwrap();
    until(
        client,
        "!document.getElementById('sign').hidden",
        Duration::from_secs(20),
    )
    .await;
    client
        .execute(
            "const f = document.getElementById('sign-file');
             f.value = [...f.options].map(o => o.value).find(v => v.includes('thong-bao-ket-luan'));",
            vec![],
        )
        .await
        .unwrap();
    let pin = client.find(Locator::Css("#sign-pin")).await.unwrap();
    pin.send_keys(PIN).await.unwrap();
    click(client, "#sign button[type=submit]").await;
    until(
        client,
        "document.getElementById('verified-lines').textContent.includes('Toàn vẹn: có')",
        Duration::from_secs(30),
    )
    .await;
    let said = client
        .execute(
            "return [document.getElementById('message').textContent,
                     document.getElementById('verified-lines').textContent,
                     document.getElementById('sign-pin').value];",
            vec![],
        )
        .await
        .unwrap();
    let message = said[0].as_str().unwrap();
    assert!(
        message.starts_with("Đã ký: an-phu-2026-02-05-thong-bao-ket-luan-da-ky.pdf"),
        "{message}"
    );
    assert!(
        said[1].as_str().unwrap().contains("Người ký: Nguyễn Văn Thành"),
        "{said}"
    );
    assert_eq!(said[2], "", "the PIN field is emptied");
    let listed = client
        .execute("return document.querySelector('#issued tbody').textContent;", vec![])
        .await
        .unwrap();
    assert!(listed.as_str().unwrap().contains("bản đã ký số"), "{listed}");
    let kept = kho
        .join("entries")
        .join(&entry)
        .join("an-phu-2026-02-05-thong-bao-ket-luan-da-ky.pdf");
    assert!(kept.is_file());
    screenshot(client, "signing.png").await;
}
