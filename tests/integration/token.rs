//! Signing with keys on a USB token (issue 27), through a real PKCS#11 module: a SoftHSM2
//! token made here holds the test CA's person (ECDSA P-256) and agency (RSA-2048) keys and
//! certificates; vanban signs through `--pkcs11`, and pyHanko, an independent validator,
//! checks the result. OpenSC's PKCS#11 spy, between vanban and the token, counts the logins:
//! one for a batch, one for a wrong PIN (never tried again).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::pki::{Pki, pki};
use crate::sign::{needs_pyhanko, ok, pyhanko, render, s};
use crate::support::{STATE_SAMPLE, available, program};

pub const SOFTHSM: &str = "/usr/lib/softhsm/libsofthsm2.so";
pub const SPY: &str = "/usr/lib/x86_64-linux-gnu/pkcs11-spy.so";
pub const PIN: &str = "246810";
const PIN_VAR: &str = "VANBAN_TEST_PIN";

/// A SoftHSM2 token labelled `vanban-thu` holding the PKI's two keys, their certificates
/// (same `CKA_ID`) and the CA's certificate.
pub struct Token {
    dir: tempfile::TempDir,
}

impl Token {
    pub fn conf(&self) -> PathBuf {
        self.dir.path().join("softhsm2.conf")
    }

    pub fn spy_log(&self) -> PathBuf {
        self.dir.path().join("spy.log")
    }

    /// `vanban ARGS` with this token's SoftHSM configuration, through the spy, the PIN in
    /// `VANBAN_TEST_PIN`.
    fn vanban(&self, args: &[&str], pin: &str) -> Output {
        Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("LANG", "vi_VN.UTF-8")
            .env("SOFTHSM2_CONF", self.conf())
            .env("PKCS11SPY", SOFTHSM)
            .env("PKCS11SPY_OUTPUT", self.spy_log())
            .env(PIN_VAR, pin)
            .output()
            .expect("vanban runs")
    }

    /// How many times the spy saw `C_Login`.
    pub fn logins(&self) -> usize {
        let log = std::fs::read_to_string(self.spy_log()).unwrap_or_default();
        log.lines().filter(|l| l.contains("C_Login")).count()
    }
}

fn tool(conf: &Path, program: &str, args: &[&str]) {
    let output = Command::new(program)
        .args(args)
        .env("SOFTHSM2_CONF", conf)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"));
    assert!(
        output.status.success(),
        "{program} {args:?}: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The token, or `None` (said by name; a failure under `CI=true`) without SoftHSM2 and OpenSC.
pub fn token(pki: &Pki) -> Option<Token> {
    token_for(pki, "person", "agency")
}

/// As [`token`], holding the keys of `person` and `agency` (file stems of the test PKI) under
/// the labels `nguoi-ky` and `co-quan`.
pub fn token_for(pki: &Pki, person: &str, agency: &str) -> Option<Token> {
    let found = Path::new(SOFTHSM).exists() && Path::new(SPY).exists();
    if !available("softhsm2 and opensc (PKCS#11 spy)", found) || !program("softhsm2-util") || !program("pkcs11-tool") {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let token = Token { dir };
    std::fs::create_dir(token.dir.path().join("tokens")).unwrap();
    std::fs::write(
        token.conf(),
        format!(
            "directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\n",
            token.dir.path().join("tokens").display()
        ),
    )
    .unwrap();
    let conf = token.conf();
    let hsm = |args: &[&str]| tool(&conf, "softhsm2-util", args);
    hsm(&[
        "--init-token",
        "--free",
        "--label",
        "vanban-thu",
        "--so-pin",
        "13572468",
        "--pin",
        PIN,
    ]);
    for (file, label, id) in [(person, "nguoi-ky", "01"), (agency, "co-quan", "02")] {
        let key = pki.path(&format!("{file}.key.pem"));
        hsm(&[
            "--import",
            s(&key),
            "--token",
            "vanban-thu",
            "--label",
            label,
            "--id",
            id,
            "--pin",
            PIN,
        ]);
    }
    for (file, label, id) in [
        (person, "nguoi-ky", "01"),
        (agency, "co-quan", "02"),
        ("ca", "ca", "03"),
    ] {
        let cert = pki.path(&format!("{file}.der"));
        let args = [
            "--module",
            SOFTHSM,
            "--token-label",
            "vanban-thu",
            "--login",
            "--pin",
            PIN,
            "--write-object",
            s(&cert),
            "--type",
            "cert",
            "--id",
            id,
            "--label",
            label,
        ];
        tool(&conf, "pkcs11-tool", &args);
    }
    Some(token)
}

fn sign_args<'a>(pdfs: &[&'a str], key: &'a str, mark: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["sign"];
    args.extend_from_slice(pdfs);
    args.extend_from_slice(&["--pkcs11", SPY, "--pin-env", PIN_VAR, "--key-label", key]);
    args.extend_from_slice(mark);
    args
}

#[test]
fn a_notice_is_signed_by_person_and_agency_with_keys_on_a_token() {
    let pki = pki();
    let Some(token) = token(&pki) else { return };
    let out = render(&pki, STATE_SAMPLE, &[]);
    let notice = out.join("an-phu-2026-02-05-thong-bao-ket-luan.pdf");
    let signed = out.join("an-phu-2026-02-05-thong-bao-ket-luan-da-ky.pdf");
    let (image, seal) = (pki.path("chu-ky.png"), pki.path("con-dau.png"));

    // Two keys and no label: both are named and nothing is signed.
    let args = [
        "sign",
        s(&notice),
        "--pkcs11",
        SPY,
        "--pin-env",
        PIN_VAR,
        "--image",
        s(&image),
    ];
    let which = token.vanban(&args, PIN);
    let said = String::from_utf8_lossy(&which.stderr).into_owned();
    assert_eq!(which.status.code(), Some(1), "{said}");
    assert!(
        said.contains("token có nhiều khóa bí mật") && said.contains("co-quan") && said.contains("nguoi-ky"),
        "{said}"
    );
    assert!(!signed.exists());

    let person = token.vanban(&sign_args(&[s(&notice)], "nguoi-ky", &["--image", s(&image)]), PIN);
    assert!(!ok(&person).contains(PIN));
    let agency = token.vanban(
        &sign_args(&[s(&signed)], "co-quan", &["--agency", "--seal", s(&seal)]),
        PIN,
    );
    ok(&agency);
    let report = ok(&token.vanban(&["verify", s(&signed), "--trust", s(&pki.path("ca.pem"))], PIN));
    assert_eq!(report.matches("Toàn vẹn: có").count(), 2, "{report}");
    assert!(report.contains("Người ký: Nguyễn Văn Thành"), "{report}");
    if needs_pyhanko() {
        let verdict = pyhanko(&signed, &pki.path("ca.pem"));
        let lines: Vec<&str> = verdict.lines().collect();
        assert_eq!(lines.len(), 2, "{verdict}");
        for line in &lines {
            assert!(
                line.contains(" True True True ") && line.ends_with(" True"),
                "{verdict}"
            );
        }
    }
}

#[test]
fn a_wrong_pin_is_tried_once_and_said_without_the_pin() {
    let pki = pki();
    let Some(token) = token(&pki) else { return };
    let out = render(&pki, STATE_SAMPLE, &[]);
    let notice = out.join("an-phu-2026-02-05-thong-bao-ket-luan.pdf");
    let image = pki.path("chu-ky.png");
    let wrong = "999999";
    let output = token.vanban(&sign_args(&[s(&notice)], "nguoi-ky", &["--image", s(&image)]), wrong);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert!(said.contains("sai mã PIN; vanban không thử lại"), "{said}");
    assert!(!said.contains(wrong), "{said}");
    assert_eq!(token.logins(), 1, "one login, never a second try");
    assert!(!out.join("an-phu-2026-02-05-thong-bao-ket-luan-da-ky.pdf").exists());
}

#[test]
fn a_batch_is_signed_with_one_login() {
    let pki = pki();
    let Some(token) = token(&pki) else { return };
    let out = render(&pki, STATE_SAMPLE, &[]);
    // The notice and two copies: documents the token's key may sign (only the named signer signs).
    let notice = out.join("an-phu-2026-02-05-thong-bao-ket-luan.pdf");
    let mut pdfs = vec![notice.display().to_string()];
    for copy in ["ban-sao-1.pdf", "ban-sao-2.pdf"] {
        std::fs::copy(&notice, out.join(copy)).unwrap();
        pdfs.push(out.join(copy).display().to_string());
    }
    let image = pki.path("chu-ky.png");
    let names: Vec<&str> = pdfs.iter().map(String::as_str).collect();
    let output = token.vanban(&sign_args(&names, "nguoi-ky", &["--image", s(&image)]), PIN);
    let printed = ok(&output);
    assert_eq!(token.logins(), 1, "one PIN, one login for {} files", pdfs.len());
    for pdf in &pdfs {
        let signed = pdf.replace(".pdf", "-da-ky.pdf");
        assert!(printed.contains(&signed), "{printed}");
        if needs_pyhanko() {
            let verdict = pyhanko(Path::new(&signed), &pki.path("ca.pem"));
            assert!(verdict.trim_end().ends_with(" True"), "{signed}: {verdict}");
        }
    }
}

#[test]
fn auto_finds_the_module_with_a_token_and_says_which() {
    let pki = pki();
    let Some(token) = token(&pki) else { return };
    let out = render(&pki, STATE_SAMPLE, &[]);
    let notice = out.join("an-phu-2026-02-05-thong-bao-ket-luan.pdf");
    let image = pki.path("chu-ky.png");
    let mut args = vec![
        "sign",
        s(&notice),
        "--pkcs11",
        "auto",
        "--pin-env",
        PIN_VAR,
        "--key-label",
        "nguoi-ky",
    ];
    args.extend_from_slice(&["--image", s(&image)]);
    let signed = token.vanban(&args, PIN);
    ok(&signed);
    let said = String::from_utf8_lossy(&signed.stderr).into_owned();
    // Debian's softhsm2 registers its module with p11-kit; OpenSC's has no token here.
    assert!(
        said.contains("dùng mô-đun PKCS#11 /usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so (có token đang cắm; tìm thấy qua /usr/share/p11-kit/modules/softhsm2.module)"),
        "{said}"
    );
    assert!(out.join("an-phu-2026-02-05-thong-bao-ket-luan-da-ky.pdf").is_file());

    // No token anywhere: said, with the modules tried, and how to name one.
    let empty = tempfile::tempdir().unwrap();
    std::fs::create_dir(empty.path().join("tokens")).unwrap();
    let conf = empty.path().join("softhsm2.conf");
    std::fs::write(
        &conf,
        format!("directories.tokendir = {}\n", empty.path().join("tokens").display()),
    )
    .unwrap();
    let copy = out.join("ban-sao.pdf");
    args.extend_from_slice(&["-o", s(&copy)]);
    let none = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(&args)
        .env("LANG", "vi_VN.UTF-8")
        .env("SOFTHSM2_CONF", &conf)
        .env(PIN_VAR, PIN)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&none.stderr).into_owned();
    assert_eq!(none.status.code(), Some(3), "{said}");
    assert!(
        said.contains("không mô-đun PKCS#11 nào có token đang cắm (đã thử: "),
        "{said}"
    );
    assert!(
        said.contains("libsofthsm2.so") && said.contains("`--pkcs11 ĐƯỜNG-DẪN`"),
        "{said}"
    );
}
