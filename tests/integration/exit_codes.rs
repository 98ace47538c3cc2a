//! The exit status says what kind of failure it was, as the README's table promises a script:
//! 1 bad input, 2 the command line must change, 3 something outside vanban, 4 a check found
//! problems (`archive verify` and `verify` have their own tests of it), 5 the system.

use crate::support::{STATE_SAMPLE, stderr, vanban};

#[test]
fn a_bad_record_is_one() {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("hong.yaml");
    std::fs::write(&record, "kind: working_session\ndate: 2026-02-30\n").unwrap();
    let output = vanban(&["check", record.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
}

#[test]
fn a_command_line_to_change_is_two() {
    let unknown = vanban(&["render", STATE_SAMPLE, "--no-such-flag"]);
    assert_eq!(unknown.status.code(), Some(2), "{}", stderr(&unknown));

    // Exporting the templates again over the first export, without --force.
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("mau");
    let first = vanban(&["templates", "export", target.to_str().unwrap()]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let again = vanban(&["templates", "export", target.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2), "{}", stderr(&again));
    assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
}

#[test]
fn a_missing_token_module_is_three() {
    let pki = crate::pki::pki();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let rendered = vanban(&["render", STATE_SAMPLE, "-o", out.to_str().unwrap()]);
    assert!(rendered.status.success(), "{}", stderr(&rendered));
    let notice = out.join("an-phu-2026-02-05-thong-bao-ket-luan.pdf");
    let signed = dir.path().join("da-ky.pdf");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["sign", notice.to_str().unwrap(), "--pkcs11", "/khong-co/module.so"])
        .args([
            "--pin-env",
            "VANBAN_TEST_PIN",
            "--image",
            pki.path("chu-ky.png").to_str().unwrap(),
        ])
        .args(["-o", signed.to_str().unwrap()])
        .env("VANBAN_TEST_PIN", "1234")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert!(!signed.exists());
}
