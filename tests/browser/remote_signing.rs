//! Remote signing from the issued page in a real Chromium (issue 39): the lãnh đạo, logged in,
//! types the PIN/OTP into "Mã PIN/OTP ký từ xa" and presses "Ký từ xa (xác nhận trên điện
//! thoại)"; the stand-in CSC service (`tests/shared/csc_standin.rs`) answers signHash with a
//! `responseID` and gives the signature after two polls, as a service waiting for the phone.
//! The page says it waits for the phone, with Hủy, then shows the signed copy and what
//! verification says of it; the PIN field is empty and the PIN was sent once.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use fantoccini::Locator;
use serde_json::json;

use crate::csc_standin::{self, Setup};
use crate::harness::{Browser, click, screenshot, until};
use crate::office::log_in;
use crate::server::Server;

const PIN: &str = "975310";
const SEED: &str = "an-phu-2026-02-05.yaml";
const SIGNED: &str = "an-phu-2026-02-05-thong-bao-ket-luan-da-ky.pdf";

/// An RSA key (PKCS#8 PEM) and its self-issued certificate (DER) for the notice's signer.
fn key_and_certificate(dir: &Path) -> (String, Vec<u8>) {
    let (key, cert) = (dir.join("key.pem"), dir.join("cert.der"));
    let run = |args: &[&str]| {
        let output = Command::new("openssl").args(args).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    };
    let key_path = key.to_str().unwrap();
    run(&[
        "genpkey",
        "-algorithm",
        "RSA",
        "-pkeyopt",
        "rsa_keygen_bits:2048",
        "-out",
        key_path,
    ]);
    let subject = "/CN=Nguyễn Văn Thành/O=Ủy ban nhân dân xã An Phú";
    run(&[
        "req",
        "-new",
        "-x509",
        "-utf8",
        "-key",
        key_path,
        "-subj",
        subject,
        "-days",
        "30",
        "-outform",
        "DER",
        "-out",
        cert.to_str().unwrap(),
    ]);
    (std::fs::read_to_string(key).unwrap(), std::fs::read(cert).unwrap())
}

/// A blue signature image.
fn image(path: &Path) {
    let mut encoder = png::Encoder::new(std::fs::File::create(path).unwrap(), 300, 120);
    encoder.set_color(png::ColorType::Rgba);
    let pixels: Vec<u8> = (0..120u32)
        .flat_map(|y| {
            (0..300u32).flat_map(move |x| {
                if (x / 3 + y) % 40 < 4 {
                    [20, 40, 200, 255]
                } else {
                    [0; 4]
                }
            })
        })
        .collect();
    encoder.write_header().unwrap().write_image_data(&pixels).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_leader_signs_remotely_from_the_issued_page() {
    let _turn = crate::harness::ONE_AT_A_TIME.lock().await;
    if !crate::support::program("openssl") {
        return;
    }
    let Some(browser) = Browser::open().await else { return };
    let client = &browser.client;
    let folder = tempfile::tempdir().unwrap();
    crate::support::copy_samples(folder.path());
    for (name, role) in [("lan", "soan-thao"), ("hai", "lanh-dao"), ("mai", "van-thu")] {
        crate::support::add_user(folder.path(), name, role, &format!("mật khẩu của {name}"));
    }
    let set = crate::support::vanban(&[
        "users",
        "set-csc",
        "hai",
        "--credential",
        "chung-thu-hai",
        "--folder",
        folder.path().to_str().unwrap(),
    ]);
    assert!(set.status.success(), "{}", crate::support::stderr(&set));
    let scratch = tempfile::tempdir().unwrap();
    let (key_pem, certificate) = key_and_certificate(scratch.path());
    let service = csc_standin::start(Setup {
        key_pem,
        chain: vec![certificate],
        client_id: "vanban-trang".into(),
        client_secret: "bi-mat-trang".into(),
        pin: PIN.into(),
        credential: "chung-thu-hai".into(),
        polls_before_approval: Some(2),
    });
    let signature = scratch.path().join("chu-ky.png");
    image(&signature);
    let archive = folder.path().join("kho");
    let args = [
        "--archive-dir",
        archive.to_str().unwrap(),
        "--signature-image",
        signature.to_str().unwrap(),
        "--csc",
        &service.url,
    ];
    let env = [
        ("VANBAN_CSC_CLIENT_ID", "vanban-trang"),
        ("VANBAN_CSC_CLIENT_SECRET", "bi-mat-trang"),
    ];
    let server = Server::start_in_with_env(folder.path(), &args, &env);
    let cookie = |name: &str| server.login(name, &format!("mật khẩu của {name}"));
    let (lan, hai, mai) = (cookie("lan"), cookie("hai"), cookie("mai"));
    let step = |who: &str, step: &str| server.post_as(who, "/api/workflow", &json!({ "path": SEED, "step": step }));
    assert_eq!(step(&lan, "submit").status, 200);
    assert_eq!(step(&hai, "approve").status, 200);
    let filed = server.post_as(&mai, "/api/archive", &json!({ "path": SEED }));
    assert_eq!(filed.status, 200, "{}", filed.text());
    let entry = filed.json()["entries"][0]["id"].as_str().unwrap().to_string();

    log_in(client, &server, "hai", "mật khẩu của hai").await;
    client
        .goto(&format!("{}issued?entry={entry}", server.url))
        .await
        .unwrap();
    until(
        client,
        "!document.getElementById('sign-remote').hidden",
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
    let pin = client.find(Locator::Css("#sign-remote-pin")).await.unwrap();
    pin.send_keys(PIN).await.unwrap();
    click(client, "#sign-remote-go").await;
    until(
        client,
        "document.getElementById('message').textContent.includes('Đang chờ người ký xác nhận trên điện thoại')
         && !document.getElementById('sign-remote-cancel').hidden",
        Duration::from_secs(20),
    )
    .await;
    screenshot(client, "remote-signing-waiting.png").await;
    until(
        client,
        "document.getElementById('verified-lines').textContent.includes('Toàn vẹn: có')",
        Duration::from_secs(60),
    )
    .await;
    let said = client
        .execute(
            "return [document.getElementById('message').textContent,
                     document.getElementById('verified-lines').textContent,
                     document.getElementById('sign-remote-pin').value,
                     document.getElementById('sign-remote-cancel').hidden];",
            vec![],
        )
        .await
        .unwrap();
    let message = said[0].as_str().unwrap();
    assert!(message.starts_with(&format!("Đã ký: {SIGNED}")), "{message}");
    assert!(
        said[1].as_str().unwrap().contains("Người ký: Nguyễn Văn Thành"),
        "{said}"
    );
    assert_eq!(said[2], "", "the PIN field is emptied");
    assert_eq!(said[3], true, "Hủy is gone once signed");
    assert!(archive.join("entries").join(&entry).join(SIGNED).is_file());
    assert_eq!(service.authorize_calls(), 1, "the PIN was sent once");
    assert_eq!(service.sign_calls(), 1);
    let standing = server.request("GET", &format!("/api/workflow?path={SEED}"), &[("Cookie", &lan)], b"");
    assert_eq!(standing.json()["state"], "da-ky");
}
