//! Signing in two phases (issue 39): `vanban sign --prepare` with the signer's certificate
//! only, the printed digest signed outside vanban (here by `openssl pkeyutl`, as a token on
//! the signer's PC or a remote service would), then `vanban sign --finish`. pyHanko validates
//! the result, at B-B and with `--tsa --ltv`; a signature over another digest is refused.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::pki::Pki;
use crate::sign::{needs_pyhanko, ok, pyhanko, render, run, s};
use crate::support::{STATE_SAMPLE, program};

/// `vanban sign PDF --prepare --cert <who>.pem --chain ca.pem -o PREPARED` and `extra`; the
/// printed JSON line.
fn prepare(pki: &Pki, pdf: &Path, who: &str, prepared: &Path, extra: &[&str]) -> serde_json::Value {
    let (cert, ca) = (pki.path(&format!("{who}.pem")), pki.path("ca.pem"));
    let mut args = vec![
        "sign",
        s(pdf),
        "--prepare",
        "--cert",
        s(&cert),
        "--chain",
        s(&ca),
        "-o",
        s(prepared),
    ];
    args.extend_from_slice(extra);
    let printed = ok(&run(&args));
    serde_json::from_str(printed.lines().next().unwrap()).unwrap()
}

/// The base64 signature of `digest` (base64) by `<who>.key.pem`, made by OpenSSL: ECDSA over
/// the digest, or RSA PKCS#1 v1.5 over its DigestInfo.
pub fn openssl_sign(pki: &Pki, who: &str, digest: &str, rsa: bool) -> PathBuf {
    let raw = pki.path(&format!("{who}.digest.bin"));
    std::fs::write(&raw, base64(digest.as_bytes(), true)).unwrap();
    let signature = pki.path(&format!("{who}.sig.bin"));
    let key = pki.path(&format!("{who}.key.pem"));
    let mut args = vec![
        "pkeyutl",
        "-sign",
        "-inkey",
        s(&key),
        "-in",
        s(&raw),
        "-out",
        s(&signature),
    ];
    if rsa {
        args.extend(["-pkeyopt", "digest:sha256"]);
    }
    let status = Command::new("openssl").args(&args).status().unwrap();
    assert!(status.success());
    let text = pki.path(&format!("{who}.sig.b64"));
    let encoded = base64(&std::fs::read(&signature).unwrap(), false);
    std::fs::write(&text, encoded).unwrap();
    text
}

/// `bytes` through `openssl base64` (`-d` to decode); bytes as OpenSSL gives them.
fn base64(bytes: &[u8], decode: bool) -> Vec<u8> {
    let mut args = vec!["base64", "-A"];
    if decode {
        args.push("-d");
    }
    let mut child = Command::new("openssl")
        .args(&args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), bytes).unwrap();
    child.wait_with_output().unwrap().stdout
}

fn finish(prepared: &Path, signature: &Path, output: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "sign",
        s(prepared),
        "--finish",
        "--signature",
        s(signature),
        "-o",
        s(output),
    ];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn two_phases_by_hand_with_openssl_give_a_notice_pyhanko_validates() {
    if !program("openssl") {
        return;
    }
    let pki = crate::pki::pki();
    let out = render(&pki, STATE_SAMPLE, &[]);
    let notice = out.join("an-phu-2026-02-05-thong-bao-ket-luan.pdf");
    // The person (ECDSA P-256), then the agency's seal (RSA), each in two phases.
    let prepared = out.join("cho-ky.pdf");
    let said = prepare(
        &pki,
        &notice,
        "person",
        &prepared,
        &["--image", s(&pki.path("chu-ky.png"))],
    );
    assert_eq!(said["hash"], "SHA-256");
    assert_eq!(said["algorithm"], "ECDSA");
    let state = PathBuf::from(said["state"].as_str().unwrap());
    assert!(state.is_file() && prepared.is_file());
    let kept = std::fs::read_to_string(&state).unwrap();
    assert!(!kept.contains("PRIVATE"), "no key is kept: {kept}");
    let signature = openssl_sign(&pki, "person", said["digest"].as_str().unwrap(), false);
    let signed = out.join("da-ky.pdf");
    ok(&finish(&prepared, &signature, &signed, &[]));

    let sealed_prepared = out.join("cho-dong-dau.pdf");
    let seal_png = pki.path("con-dau.png");
    let seal = ["--agency", "--seal", s(&seal_png)];
    let said = prepare(&pki, &signed, "agency", &sealed_prepared, &seal);
    assert_eq!(said["algorithm"], "RSA");
    let signature = openssl_sign(&pki, "agency", said["digest"].as_str().unwrap(), true);
    let sealed = out.join("da-ky-dong-dau.pdf");
    ok(&finish(&sealed_prepared, &signature, &sealed, &[]));

    let report = ok(&run(&["verify", s(&sealed), "--trust", s(&pki.path("ca.pem"))]));
    assert_eq!(report.matches("Toàn vẹn: có").count(), 2, "{report}");
    assert!(report.contains("Người ký: Nguyễn Văn Thành"), "{report}");
    if needs_pyhanko() {
        let verdict = pyhanko(&sealed, &pki.path("ca.pem"));
        let lines: Vec<&str> = verdict.lines().collect();
        assert_eq!(lines.len(), 2, "{verdict}");
        for line in lines {
            assert!(line.contains("True True True") && line.ends_with(" True"), "{verdict}");
        }
    }
}

#[test]
fn two_phases_finish_with_a_timestamp_and_revocation_lists() {
    if !program("openssl") || !program("python3") {
        return;
    }
    let Some((_lists, _files, pki, tsa)) = crate::ltv::revocation_setup("ca.crl") else {
        return;
    };
    let out = render(&pki, STATE_SAMPLE, &[]);
    let notice = out.join("an-phu-2026-02-05-thong-bao-ket-luan.pdf");
    let prepared = out.join("cho-ky.pdf");
    let said = prepare(
        &pki,
        &notice,
        "person",
        &prepared,
        &["--image", s(&pki.path("chu-ky.png"))],
    );
    let signature = openssl_sign(&pki, "person", said["digest"].as_str().unwrap(), false);
    let signed = out.join("da-ky.pdf");
    ok(&finish(&prepared, &signature, &signed, &["--tsa", &tsa.url, "--ltv"]));
    let report = ok(&run(&["verify", s(&signed), "--trust", s(&pki.path("ca.pem"))]));
    assert!(report.contains("Mức PAdES: B-LT"), "{report}");
    if needs_pyhanko() {
        let verdict = crate::ltv::pyhanko_lt(&signed, &pki.path("ca.pem"));
        assert!(verdict.trim_end().ends_with("True True"), "{verdict}");
    }
}

#[test]
fn a_signature_over_another_digest_is_refused_and_nothing_is_written() {
    if !program("openssl") {
        return;
    }
    let pki = crate::pki::pki();
    let out = render(&pki, STATE_SAMPLE, &[]);
    let notice = out.join("an-phu-2026-02-05-thong-bao-ket-luan.pdf");
    let prepared = out.join("cho-ky.pdf");
    let said = prepare(
        &pki,
        &notice,
        "person",
        &prepared,
        &["--image", s(&pki.path("chu-ky.png"))],
    );
    // The SHA-256 of something else, signed with the right key.
    let other = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
    assert_ne!(said["digest"], other);
    let signature = openssl_sign(&pki, "person", other, false);
    let signed = out.join("da-ky.pdf");
    let refused = finish(&prepared, &signature, &signed, &[]);
    let text = String::from_utf8_lossy(&refused.stderr).into_owned();
    assert_eq!(refused.status.code(), Some(1), "{text}");
    assert!(text.contains("không khớp") && text.contains(s(&signature)), "{text}");
    assert!(!signed.exists(), "nothing is written");
    // Another person's signature over the right digest: refused too.
    let signature = openssl_sign(&pki, "le-thi-mai", said["digest"].as_str().unwrap(), false);
    let refused = finish(&prepared, &signature, &signed, &[]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(!signed.exists(), "nothing is written");
    // In English too, naming the file.
    let english = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args([
            "sign",
            s(&prepared),
            "--finish",
            "--signature",
            s(&signature),
            "-o",
            s(&signed),
        ])
        .env("LANG", "en_GB.UTF-8")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&english.stderr).into_owned();
    assert!(
        text.contains("does not verify") && text.contains(s(&signature)),
        "{text}"
    );
    assert!(!signed.exists(), "nothing is written");
}

#[test]
fn another_certificate_slipped_into_the_prepared_state_is_refused_at_finish() {
    if !program("openssl") {
        return;
    }
    let pki = crate::pki::pki();
    let out = render(&pki, STATE_SAMPLE, &[]);
    let notice = out.join("an-phu-2026-02-05-thong-bao-ket-luan.pdf");
    let prepared = out.join("cho-ky.pdf");
    let said = prepare(
        &pki,
        &notice,
        "person",
        &prepared,
        &["--image", s(&pki.path("chu-ky.png"))],
    );
    // The state now names Lê Đình Hải, whose key signs the digest: the signature verifies
    // with that certificate, but he is not the notice's signer.
    let state = PathBuf::from(said["state"].as_str().unwrap());
    let mut kept: serde_json::Value = serde_json::from_slice(&std::fs::read(&state).unwrap()).unwrap();
    let other = base64(&std::fs::read(pki.path("le-dinh-hai.der")).unwrap(), false);
    kept["certificates"][0] = String::from_utf8(other).unwrap().trim().into();
    std::fs::write(&state, kept.to_string()).unwrap();
    let signature = openssl_sign(&pki, "le-dinh-hai", said["digest"].as_str().unwrap(), false);
    let signed = out.join("da-ky.pdf");
    let refused = finish(&prepared, &signature, &signed, &[]);
    let text = String::from_utf8_lossy(&refused.stderr).into_owned();
    assert_eq!(refused.status.code(), Some(1), "{text}");
    assert!(
        text.contains("chứng thư số của Lê Đình Hải, văn bản do Nguyễn Văn Thành ký"),
        "{text}"
    );
    assert!(!signed.exists(), "nothing is written");
}
