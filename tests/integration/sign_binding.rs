//! Only the named signer signs (issue 39), written as the attack found on main: a leader's
//! certificate (another name) signing a notice whose signer is someone else, another body's
//! seal on a commune's notice, and the same through `--prepare`. Each is refused, naming
//! both, and nothing is written; `--allow-other-signer` (signing in their place) signs.

use std::path::Path;
use std::process::Output;

use crate::pki::{PASSWORD_VAR, Pki, pki};
use crate::sign::{ok, render, run, s};
use crate::support::STATE_SAMPLE;

fn sign_with(pki: &Pki, pdf: &Path, who: &str, extra: &[&str]) -> Output {
    let p12 = pki.path(&format!("{who}.p12"));
    let mut args = vec!["sign", s(pdf), "--p12", s(&p12), "--password-env", PASSWORD_VAR];
    args.extend_from_slice(extra);
    run(&args)
}

fn refused(output: &Output) -> String {
    let text = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(1), "{text}");
    text
}

#[test]
fn a_leaders_certificate_cannot_sign_a_notice_someone_else_signs() {
    let pki = pki();
    let out = render(&pki, STATE_SAMPLE, &[]);
    let notice = out.join("an-phu-2026-02-05-thong-bao-ket-luan.pdf");
    let signed = out.join("an-phu-2026-02-05-thong-bao-ket-luan-da-ky.pdf");
    let image = pki.path("chu-ky.png");
    let person = ["--image", s(&image)];

    // Lê Đình Hải, Bí thư of another body, on the notice Nguyễn Văn Thành signs.
    let said = refused(&sign_with(&pki, &notice, "le-dinh-hai", &person));
    assert!(
        said.contains("chứng thư số của Lê Đình Hải, văn bản do Nguyễn Văn Thành ký"),
        "{said}"
    );
    assert!(said.contains("--allow-other-signer"), "{said}");
    assert!(!signed.exists(), "nothing is written");

    // Another body's seal on the commune's notice.
    let seal_png = pki.path("con-dau.png");
    let seal = ["--agency", "--seal", s(&seal_png)];
    let said = refused(&sign_with(&pki, &notice, "party-agency", &seal));
    assert!(
        said.contains("chứng thư số của Huyện ủy Thọ Xuân, văn bản do"),
        "{said}"
    );
    assert!(said.contains("ban hành"), "{said}");
    assert!(!signed.exists(), "nothing is written");

    // Through the first phase: no prepared file, no state, no digest.
    let prepared = out.join("cho-ky.pdf");
    let cert = pki.path("le-dinh-hai.pem");
    let mut args = vec!["sign", s(&notice), "--prepare", "--cert", s(&cert), "-o", s(&prepared)];
    args.extend_from_slice(&person);
    let output = run(&args);
    let said = refused(&output);
    assert!(said.contains("chứng thư số của Lê Đình Hải"), "{said}");
    assert!(output.stdout.is_empty(), "no digest is printed");
    assert!(!prepared.exists() && !out.join("cho-ky.pdf.vanban-sign.json").exists());

    // The right person signs; someone charged to sign in their place says so.
    ok(&sign_with(&pki, &notice, "person", &person));
    let copy = out.join("ban-sao.pdf");
    std::fs::copy(&notice, &copy).unwrap();
    let mut allowed = person.to_vec();
    allowed.push("--allow-other-signer");
    ok(&sign_with(&pki, &copy, "le-dinh-hai", &allowed));
    let report = ok(&run(&["verify", s(&out.join("ban-sao-da-ky.pdf"))]));
    assert!(report.contains("Người ký: Lê Đình Hải"), "{report}");
}
