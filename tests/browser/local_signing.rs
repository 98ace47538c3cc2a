//! Signing with the token on the signer's own PC, in a real Chromium (issue 39): the issued
//! page's "Ký bằng USB token trên máy này" talks to a stand-in for Ban Cơ yếu's signing
//! service (`signing_service.rs`, WebSocket over TLS on loopback, the key in SoftHSM2), as the
//! page of a web e-office system does. The page says when the service is not running, when the
//! certificate names another person (nothing filed) and when the person cancels; then the
//! named signer signs, the archive keeps the signed copy, and pyHanko validates it.

use std::path::Path;
use std::time::Duration;

use serde_json::json;

use crate::harness::{Browser, click, screenshot, until, until_shown, value};
use crate::server::Server;
use crate::signing_service::{Mode, Service, token};
use crate::token::SOFTHSM;

const PIN: &str = "135790";
const NOTICE: &str = "an-phu-2026-02-05-thong-bao-ket-luan.pdf";
const SIGNED: &str = "an-phu-2026-02-05-thong-bao-ket-luan-da-ky.pdf";

/// Whether the tools to make a SoftHSM2 token are here (said by name when not).
fn tools() -> bool {
    let programs = ["openssl", "softhsm2-util", "pkcs11-tool"]
        .iter()
        .all(|p| crate::support::program(p));
    programs && crate::support::available("softhsm2", Path::new(SOFTHSM).exists())
}

/// What pyHanko says of each signature of `pdf`, trusting `root`: one line each.
fn pyhanko(pdf: &Path, root: &Path) -> Option<String> {
    if !crate::support::python_module("pyhanko, pyhanko_certvalidator") {
        return None;
    }
    let script = r#"
import sys
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.keys import load_cert_from_pemder
from pyhanko_certvalidator import ValidationContext
vc = ValidationContext(trust_roots=[load_cert_from_pemder(sys.argv[2])], allow_fetching=False)
with open(sys.argv[1], 'rb') as f:
    for sig in PdfFileReader(f).embedded_signatures:
        st = validate_pdf_signature(sig, vc)
        print(sig.field_name, st.intact, st.valid, st.trusted, st.bottom_line)
"#;
    let output = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(pdf)
        .arg(root)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    Some(String::from_utf8(output.stdout).unwrap())
}

/// Clicks "Ký bằng USB token trên máy này" and waits until the page's message holds `part`.
async fn sign_here(client: &fantoccini::Client, part: &str) -> String {
    click(client, "#sign-local").await;
    let script = format!(
        "document.getElementById('message').textContent.includes({})",
        json!(part)
    );
    until_shown(
        client,
        &script,
        "document.getElementById('message').textContent",
        Duration::from_secs(60),
    )
    .await;
    value(client, "document.getElementById('message').textContent")
        .await
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_signers_own_token_signs_through_the_local_service_from_the_issued_page() {
    let _turn = crate::harness::ONE_AT_A_TIME.lock().await;
    if !tools() {
        return;
    }
    let scratch = tempfile::tempdir().unwrap();
    let thanh = token(
        &scratch.path().join("thanh"),
        "/CN=Nguyễn Văn Thành/O=Ủy ban nhân dân xã An Phú",
        "thanh",
        PIN,
    );
    let khac = token(
        &scratch.path().join("khac"),
        "/CN=Nguyễn Văn Khác/O=Ủy ban nhân dân xã An Phú",
        "khac",
        PIN,
    );
    let service = Service::start(Mode::Down);
    let Some(browser) = Browser::open().await else { return };
    let client = &browser.client;
    let kho = scratch.path().join("kho");
    let image = scratch.path().join("thanh").join("chu-ky.png");
    let url = service.url();
    let server = Server::start(&[
        "--archive-dir",
        kho.to_str().unwrap(),
        "--signature-image",
        image.to_str().unwrap(),
        "--signing-service",
        &url,
    ]);
    let filed = server.post("/api/archive", &json!({ "path": "an-phu-2026-02-05.yaml" }));
    assert_eq!(filed.status, 200, "{}", filed.text());
    let entry = filed.json()["entries"][0]["id"].as_str().unwrap().to_string();
    let kept = kho.join("entries").join(&entry).join(SIGNED);

    client
        .goto(&format!("{}issued?entry={entry}", server.url))
        .await
        .unwrap();
    until(
        client,
        "!document.getElementById('sign').hidden && !document.getElementById('sign-local').hidden",
        Duration::from_secs(20),
    )
    .await;
    client
        .execute(
            &format!("document.getElementById('sign-file').value = {};", json!(NOTICE)),
            vec![],
        )
        .await
        .unwrap();
    let shown = value(
        client,
        "[document.getElementById('sign-title').textContent, document.getElementById('sign-local').textContent,
          document.getElementById('sign-server').hidden]",
    )
    .await;
    assert_eq!(shown, json!(["Ký số", "Ký bằng USB token trên máy này", true]));
    // The văn thư's choice reads "Đóng dấu".
    let sealing = "const a = document.getElementById('sign-as'); a.value = 'agency';
         a.dispatchEvent(new Event('change')); const t = document.getElementById('sign-title').textContent;
         a.value = 'person'; a.dispatchEvent(new Event('change')); return t;";
    let title = client.execute(sealing, vec![]).await.unwrap();
    assert_eq!(title, "Đóng dấu");

    // The service is not running.
    let said = sign_here(client, "Không kết nối được phần mềm ký số").await;
    assert_eq!(
        said,
        format!(
            "Không kết nối được phần mềm ký số trên máy ({url}). Hãy cài/bật công cụ ký số của Ban Cơ yếu rồi thử lại."
        )
    );

    // The token holds another person's certificate: refused before anything is signed.
    service.set(Mode::Signs(khac));
    let said = sign_here(client, "Nguyễn Văn Khác").await;
    assert!(said.contains("Nguyễn Văn Thành"), "{said}");
    assert_eq!(service.asked(), ["GetCertInfo"], "no signature asked");
    assert!(!kept.exists());

    // The person cancels in the service's window.
    service.set(Mode::Cancels(thanh.clone()));
    let said = sign_here(client, "không ký (mã 1)").await;
    assert!(said.contains("chưa được ký"), "{said}");
    assert!(!kept.exists());

    // The named signer signs.
    service.set(Mode::Signs(thanh));
    let said = sign_here(client, "Đã ký").await;
    assert_eq!(said, format!("Đã ký: {SIGNED}"));
    until(
        client,
        "document.getElementById('verified-lines').textContent.includes('Toàn vẹn: có')",
        Duration::from_secs(30),
    )
    .await;
    let verified = value(client, "document.getElementById('verified-lines').textContent").await;
    assert!(
        verified.as_str().unwrap().contains("Người ký: Nguyễn Văn Thành"),
        "{verified}"
    );
    assert_eq!(
        service.asked(),
        ["GetCertInfo", "GetCertInfo", "SignMsg", "GetCertInfo", "SignMsg"]
    );
    assert!(kept.is_file());
    screenshot(client, "signing-local.png").await;
    let root = scratch.path().join("thanh").join("cert.pem");
    if let Some(verdict) = pyhanko(&kept, &root) {
        assert_eq!(verdict.lines().count(), 1, "{verdict}");
        assert!(verdict.trim_end().ends_with(" True"), "{verdict}");
    }
}
