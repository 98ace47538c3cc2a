//! Remote signing through a Cloud Signature Consortium API v2 service (issue 39): a stand-in
//! written here from the public specification (`tests/shared/csc_standin.rs`) holds an RSA
//! key certified for the notice's signer. `vanban sign --csc` signs the rendered notice with
//! it, and pyHanko validates the result, at B-B and, the service waiting for the signer's
//! phone, with `--tsa --ltv`. A wrong PIN is sent once and nothing is written; a certificate
//! naming another person is refused before any PIN is asked; a signature the certificate
//! does not verify writes nothing; a missing client is a clear error; neither the PIN nor
//! the client secret is ever printed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::csc_standin::{self, Setup, StandIn};
use crate::pki::Pki;
use crate::sign::{needs_pyhanko, pyhanko, render, run, s};
use crate::support::{STATE_SAMPLE, program};

const PIN: &str = "135790";
const SECRET: &str = "bi-mat-ung-dung-42";
const CLIENT: &str = "vanban-thu-nghiem";
const PIN_VAR: &str = "VANBAN_TEST_CSC_PIN";

/// A service holding `<who>.key.pem` and `<who>.der` (with the CA), answering signHash
/// after `polls` polls when given.
fn service(pki: &Pki, who: &str, polls: Option<usize>) -> StandIn {
    let read = |name: String| std::fs::read(pki.path(&name)).unwrap();
    csc_standin::start(Setup {
        key_pem: String::from_utf8(read(format!("{who}.key.pem"))).unwrap(),
        chain: vec![read(format!("{who}.der")), read("ca.der".into())],
        client_id: CLIENT.into(),
        client_secret: SECRET.into(),
        pin: PIN.into(),
        credential: "chung-thu-1".into(),
        polls_before_approval: polls,
    })
}

/// `vanban sign NOTICE --csc URL … -o OUTPUT` with the client and its `secret` in the
/// environment (none: unset), the PIN `pin` in [`PIN_VAR`], and `extra`.
fn sign(
    pki: &Pki,
    url: &str,
    (pdf, output): (&Path, &Path),
    pin: &str,
    secret: Option<&str>,
    extra: &[&str],
) -> Output {
    let image = pki.path("chu-ky.png");
    let mut command = Command::new(env!("CARGO_BIN_EXE_vanban"));
    command
        .args(["sign", s(pdf), "--csc", url, "--csc-credential", "chung-thu-1"])
        .args(["--pin-env", PIN_VAR, "--image", s(&image), "-o", s(output)])
        .args(extra)
        .env("LANG", "vi_VN.UTF-8")
        .env(PIN_VAR, pin)
        .env_remove("VANBAN_CSC_CLIENT_ID")
        .env_remove("VANBAN_CSC_CLIENT_SECRET");
    if let Some(secret) = secret {
        command
            .env("VANBAN_CSC_CLIENT_ID", CLIENT)
            .env("VANBAN_CSC_CLIENT_SECRET", secret);
    }
    let output = command.output().unwrap();
    let text = said(&output);
    assert!(
        !text.contains(PIN) && !text.contains(SECRET),
        "no secret is printed: {text}"
    );
    output
}

fn said(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The rendered notice and where its signed copy goes.
fn notice(pki: &Pki) -> (PathBuf, PathBuf) {
    let out = render(pki, STATE_SAMPLE, &[]);
    (
        out.join("an-phu-2026-02-05-thong-bao-ket-luan.pdf"),
        out.join("da-ky-tu-xa.pdf"),
    )
}

#[test]
fn a_notice_signed_by_a_remote_service_validates_in_pyhanko() {
    let pki = crate::pki::pki();
    let service = service(&pki, "person-rsa", None);
    let (pdf, signed) = notice(&pki);
    let output = sign(&pki, &service.url, (&pdf, &signed), PIN, Some(SECRET), &[]);
    assert!(output.status.success(), "{}", said(&output));
    assert_eq!((service.authorize_calls(), service.sign_calls()), (1, 1));
    // The PIN went to credentials/authorize only; the secret to oauth2/token only.
    let bodies = service.bodies();
    assert_eq!(bodies.iter().filter(|b| b.contains(PIN)).count(), 1, "{bodies:?}");
    assert_eq!(bodies.iter().filter(|b| b.contains(SECRET)).count(), 1, "{bodies:?}");
    let report = run(&["verify", s(&signed), "--trust", s(&pki.path("ca.pem"))]);
    let text = said(&report);
    assert!(report.status.success(), "{text}");
    assert!(
        text.contains("Người ký: Nguyễn Văn Thành") && text.contains("Mức PAdES: B-B"),
        "{text}"
    );
    if needs_pyhanko() {
        let verdict = pyhanko(&signed, &pki.path("ca.pem"));
        let line = verdict.lines().next().unwrap_or_default();
        assert!(line.contains("True True True") && line.ends_with(" True"), "{verdict}");
    }
}

#[test]
fn remote_signing_waits_for_the_phone_then_adds_a_timestamp_and_revocation_lists() {
    if !program("openssl") || !program("python3") {
        return;
    }
    let Some((_lists, _files, pki, tsa)) = crate::ltv::revocation_setup("ca.crl") else {
        return;
    };
    let service = service(&pki, "person-rsa", Some(2));
    let (pdf, signed) = notice(&pki);
    let output = sign(
        &pki,
        &service.url,
        (&pdf, &signed),
        PIN,
        Some(SECRET),
        &["--tsa", &tsa.url, "--ltv"],
    );
    let text = said(&output);
    assert!(output.status.success(), "{text}");
    assert!(text.contains("Đang chờ người ký xác nhận trên điện thoại"), "{text}");
    let report = said(&run(&["verify", s(&signed), "--trust", s(&pki.path("ca.pem"))]));
    assert!(report.contains("Mức PAdES: B-LT"), "{report}");
    if needs_pyhanko() {
        let verdict = crate::ltv::pyhanko_lt(&signed, &pki.path("ca.pem"));
        assert!(verdict.trim_end().ends_with("True True"), "{verdict}");
    }
}

#[test]
fn a_wrong_pin_is_sent_once_and_nothing_is_written() {
    let pki = crate::pki::pki();
    let service = service(&pki, "person-rsa", None);
    let (pdf, signed) = notice(&pki);
    let output = sign(&pki, &service.url, (&pdf, &signed), "000000", Some(SECRET), &[]);
    let text = said(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert_eq!(service.authorize_calls(), 1, "the PIN is never tried again");
    assert_eq!(service.sign_calls(), 0);
    assert!(!signed.exists(), "nothing is written");
    assert!(
        text.contains("dịch vụ ký từ xa từ chối mã PIN/OTP: Invalid PIN")
            && text.contains("không có tệp nào được ghi")
            && text.contains("kiểm tra lại mã và ký lại"),
        "{text}"
    );
    assert!(!text.contains("000000"), "{text}");
}

#[test]
fn a_certificate_naming_another_person_is_refused_before_any_pin() {
    let pki = crate::pki::pki();
    let service = service(&pki, "nguyen-van-khac-rsa", None);
    let (pdf, signed) = notice(&pki);
    let output = sign(&pki, &service.url, (&pdf, &signed), PIN, Some(SECRET), &[]);
    let text = said(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.contains("chứng thư số của Nguyễn Văn Khác, văn bản do Nguyễn Văn Thành ký"),
        "{text}"
    );
    assert_eq!((service.authorize_calls(), service.sign_calls()), (0, 0));
    assert!(!signed.exists(), "nothing is written");
}

#[test]
fn a_missing_or_refused_client_and_an_unencrypted_address_are_clear_errors() {
    let pki = crate::pki::pki();
    let service = service(&pki, "person-rsa", None);
    let (pdf, signed) = notice(&pki);
    let output = sign(&pki, &service.url, (&pdf, &signed), PIN, None, &[]);
    let text = said(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.contains("biến môi trường `VANBAN_CSC_CLIENT_ID`") && text.contains("chưa được đặt"),
        "{text}"
    );
    assert_eq!(service.bodies().len(), 0, "nothing is asked of the service");

    let output = sign(&pki, &service.url, (&pdf, &signed), PIN, Some("bi-mat-sai"), &[]);
    let text = said(&output);
    assert!(
        text.contains("từ chối ứng dụng khách (oauth2/token): invalid_client"),
        "{text}"
    );
    assert!(!text.contains("bi-mat-sai") && !signed.exists(), "{text}");
    assert_eq!(service.authorize_calls(), 0);

    let output = sign(
        &pki,
        "http://ky-so.example.vn/",
        (&pdf, &signed),
        PIN,
        Some(SECRET),
        &[],
    );
    let text = said(&output);
    assert!(text.contains("không mã hóa (http://)"), "{text}");

    // Asked too little time for the phone: nothing is written.
    let slow = self::service(&pki, "person-rsa", Some(100));
    let output = sign(
        &pki,
        &slow.url,
        (&pdf, &signed),
        PIN,
        Some(SECRET),
        &["--csc-wait", "1"],
    );
    let text = said(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("chưa xác nhận trên điện thoại sau 1 giây"), "{text}");
    assert!(!signed.exists(), "nothing is written");
}

#[test]
fn a_signature_the_certificate_does_not_verify_writes_nothing() {
    if !program("openssl") {
        return;
    }
    let pki = crate::pki::pki();
    // The service signs with a key of its own, not the certificate's.
    let other = pki.path("autre.key.pem");
    crate::timestamp::openssl(
        &pki.path(""),
        &[
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
            "-out",
            s(&other),
        ],
    );
    let read = |name: &str| std::fs::read(pki.path(name)).unwrap();
    let service = csc_standin::start(Setup {
        key_pem: std::fs::read_to_string(&other).unwrap(),
        chain: vec![read("person-rsa.der"), read("ca.der")],
        client_id: CLIENT.into(),
        client_secret: SECRET.into(),
        pin: PIN.into(),
        credential: "chung-thu-1".into(),
        polls_before_approval: None,
    });
    let (pdf, signed) = notice(&pki);
    let output = sign(&pki, &service.url, (&pdf, &signed), PIN, Some(SECRET), &[]);
    let text = said(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert_eq!(service.sign_calls(), 1);
    assert!(
        text.contains("không khớp với chứng thư số") && text.contains("không ghi tệp nào"),
        "{text}"
    );
    assert!(!signed.exists(), "nothing is written");
}
