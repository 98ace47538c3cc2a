//! Signing from the page with the token on the signer's own PC (issue 39), over HTTP without a
//! browser: `POST /api/sign/prepare` with the certificate the signing service gave, the digest
//! signed outside vanban (by OpenSSL, as the service would with the token), `POST
//! /api/sign/finish` with the raw signature. A certificate naming someone else is refused with
//! both names and nothing is written; a wrong signature, another person's or session's id and
//! an expired id are refused; the lãnh đạo's signature and the văn thư's seal both finish, the
//! archive keeps the signed copy, pyHanko validates it, and the audit log names who signed.

use base64ct::{Base64, Encoding};
use serde_json::json;

use crate::office::{login, post_as};
use crate::pki::{Pki, pki};
use crate::server::{Response, Server};
use crate::sign::{needs_pyhanko, pyhanko, s};
use crate::sign_phases::openssl_sign;
use crate::support::stdout;

const SEED: &str = "xuan-truong-2024.yaml";
const NOTICE: &str = "tho-xuan-2024-03-27-xuan-truong-thong-bao-ket-luan.pdf";

/// The DER certificate `<who>.der`, base64, as the service's `CertBase64`.
fn certificate(pki: &Pki, who: &str) -> String {
    Base64::encode_string(&std::fs::read(pki.path(&format!("{who}.der"))).unwrap())
}

/// The base64 signature of `digest` by `<who>`'s key.
fn signature(pki: &Pki, who: &str, digest: &str, rsa: bool) -> String {
    let file = openssl_sign(pki, who, digest, rsa);
    std::fs::read_to_string(file).unwrap().trim().to_string()
}

/// The files a prepared signature leaves under `.vanban/ky-tren-may`.
fn pending(folder: &std::path::Path) -> usize {
    std::fs::read_dir(folder.join(".vanban/ky-tren-may")).map_or(0, |d| d.count())
}

#[test]
fn the_signers_own_token_signs_through_prepare_and_finish() {
    let pki = pki();
    let dir = tempfile::tempdir().unwrap();
    crate::office::three_people(dir.path());
    let archive = dir.path().join("kho");
    let (image, seal, ca) = (pki.path("chu-ky.png"), pki.path("con-dau.png"), pki.path("ca.pem"));
    let server = Server::start_in(
        dir.path(),
        &[
            "--archive-dir",
            s(&archive),
            "--signature-image",
            s(&image),
            "--seal",
            s(&seal),
            "--trust",
            s(&ca),
        ],
    );
    let ([lan, hai, mai], entry) = crate::office::issued_by_three(&server, SEED);

    // The page learns where the service is; its policy lets it connect there.
    let page = server.request("GET", &format!("/api/issued?entry={entry}"), &[("Cookie", &hai)], b"");
    assert_eq!(page.json()["local"], "wss://127.0.0.1:8987");
    assert_eq!(page.json()["signing"], false, "no token on this machine");
    assert_eq!(page.json()["as"], json!(["person"]));
    let policy = page.header("content-security-policy").unwrap().to_string();
    assert!(policy.contains("connect-src 'self' wss://127.0.0.1:8987;"), "{policy}");

    let prepare = |who: &str, file: &str, mark: &str, cert: &str| {
        let body = json!({ "path": format!("{entry}/{file}"), "as": mark, "certificate": cert });
        post_as(&server, who, "/api/sign/prepare", &body)
    };
    let finish = |who: &str, id: &str, signature: &str| {
        post_as(
            &server,
            who,
            "/api/sign/finish",
            &json!({ "id": id, "signature": signature }),
        )
    };
    let binh = certificate(&pki, "nguyen-van-binh");
    assert_eq!(prepare(&lan, NOTICE, "person", &binh).status, 403, "a drafter");
    assert_eq!(prepare(&hai, NOTICE, "agency", &binh).status, 403, "a leader sealing");
    let garbled = prepare(&hai, NOTICE, "person", "bm90IGEgY2VydGlmaWNhdGU=");
    assert_eq!(garbled.status, 422, "{}", garbled.text());

    // Another person's certificate: both names said, nothing prepared, nothing filed.
    let other = prepare(&hai, NOTICE, "person", &certificate(&pki, "nguyen-van-khac"));
    assert_eq!(other.status, 422, "{}", other.text());
    let said = other.json()["error"].as_str().unwrap().to_string();
    assert!(
        said.contains("Nguyễn Văn Khác") && said.contains("Nguyễn Văn Bình"),
        "{said}"
    );
    assert_eq!(pending(dir.path()), 0, "nothing kept");
    let copy = NOTICE.replace(".pdf", "-da-ky.pdf");
    let kept = archive.join("entries").join(&entry).join(&copy);
    assert!(!kept.exists());

    // The named signer's certificate: a digest and an id.
    let prepared = prepare(&hai, NOTICE, "person", &binh);
    assert_eq!(prepared.status, 200, "{}", prepared.text());
    let (id, digest) = ids(&prepared);
    assert_eq!(Base64::decode_vec(&digest).unwrap().len(), 32);

    // A signature over something else: refused, nothing filed; the id still stands.
    let wrong = signature(&pki, "nguyen-van-binh", &Base64::encode_string(&[7u8; 32]), false);
    let refused = finish(&hai, &id, &wrong);
    assert_eq!(refused.status, 422, "{}", refused.text());
    assert!(refused.text().contains("không khớp"), "{}", refused.text());
    assert!(!kept.exists());
    // Another person's id, and the same person's in another login: refused.
    let right = signature(&pki, "nguyen-van-binh", &digest, false);
    assert_eq!(finish(&mai, &id, &right).status, 403);
    let hai_elsewhere = login(&server, "hai", "mật khẩu lãnh đạo");
    assert_eq!(finish(&hai_elsewhere, &id, &right).status, 403);
    assert_eq!(finish(&hai, &"0".repeat(64), &right).status, 404);
    assert!(!kept.exists());

    let standing = || {
        let answer = server.request("GET", &format!("/api/workflow?path={SEED}"), &[("Cookie", &lan)], b"");
        answer.json()["state"].as_str().unwrap_or_default().to_string()
    };
    assert_eq!(standing(), "da-ban-hanh");
    let signed = finish(&hai, &id, &right);
    assert_eq!(signed.status, 200, "{}", signed.text());
    assert_eq!(signed.json()["file"], copy.as_str());
    // The record is Đã ký now, and nothing saves over it.
    assert_eq!(standing(), "da-ky");
    let text = std::fs::read_to_string(dir.path().join(SEED)).unwrap();
    let base = vanban::archive::sha256_hex(text.as_bytes());
    let save = post_as(
        &server,
        &lan,
        "/api/save",
        &json!({ "path": SEED, "text": text, "base": base }),
    );
    assert_eq!(save.status, 409, "{}", save.text());
    assert!(kept.is_file());
    assert_eq!(finish(&hai, &id, &right).status, 404, "an id serves once");
    assert_eq!(pending(dir.path()), 0, "nothing left behind");

    // The văn thư seals the signed copy; an expired id is refused first.
    let agency = certificate(&pki, "party-agency");
    let late = prepare(&mai, &copy, "agency", &agency);
    assert_eq!(late.status, 200, "{}", late.text());
    let (late_id, late_digest) = ids(&late);
    expire(dir.path(), &late_id);
    let expired = finish(&mai, &late_id, &signature(&pki, "party-agency", &late_digest, true));
    assert_eq!(expired.status, 410, "{}", expired.text());
    assert!(expired.text().contains("hết hạn"), "{}", expired.text());
    let sealing = prepare(&mai, &copy, "agency", &agency);
    let (seal_id, seal_digest) = ids(&sealing);
    let sealed = finish(&mai, &seal_id, &signature(&pki, "party-agency", &seal_digest, true));
    assert_eq!(sealed.status, 200, "{}", sealed.text());

    if needs_pyhanko() {
        let verdict = pyhanko(&kept, &ca);
        assert_eq!(verdict.lines().count(), 2, "{verdict}");
        assert!(verdict.lines().all(|l| l.ends_with(" True")), "{verdict}");
    }
    let whole = crate::support::vanban(&["archive", "verify", "--archive-dir", s(&archive)]);
    assert!(whole.status.success(), "{}", stdout(&whole));
    let audit = stdout(&crate::support::vanban(&["audit", "list", "--folder", s(dir.path())]));
    let signed_by: Vec<(&str, &str)> = audit
        .lines()
        .filter(|l| l.split('\t').nth(3) == Some("sign"))
        .filter_map(|l| Some((l.split('\t').nth(2)?, l.split('\t').nth(4)?)))
        .collect();
    let notice_path = format!("{entry}/{NOTICE}");
    let copy_path = format!("{entry}/{copy}");
    assert_eq!(
        signed_by,
        [("hai", notice_path.as_str()), ("mai", copy_path.as_str())],
        "{audit}"
    );
    let trail = crate::support::vanban(&["audit", "verify", "--folder", s(dir.path())]);
    assert!(trail.status.success(), "{}", stdout(&trail));
    // The record moved to Đã ký once, with the leader's signature.
    let moved: Vec<&str> = audit
        .lines()
        .filter(|l| l.split('\t').nth(3) == Some("signed"))
        .collect();
    assert_eq!(moved.len(), 1, "{audit}");
    assert!(moved[0].contains("\thai\t") && moved[0].contains(SEED), "{audit}");
    // The refused attempts are there too (another person's certificate, a wrong signature).
    let failed = audit
        .lines()
        .filter(|l| l.split('\t').nth(3) == Some("sign-failed") && l.contains(&notice_path))
        .count();
    assert!(failed >= 2, "{audit}");
}

/// A prepare answer's id and digest.
fn ids(answer: &Response) -> (String, String) {
    let body = answer.json();
    (
        body["id"].as_str().unwrap().to_string(),
        body["digest"].as_str().unwrap().to_string(),
    )
}

/// Sets the prepared signature `id` past its time, as ten minutes would.
fn expire(folder: &std::path::Path, id: &str) {
    let path = folder.join(".vanban/ky-tren-may").join(format!("{id}.json"));
    let mut pending: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    pending["expires"] = json!(1);
    std::fs::write(&path, serde_json::to_vec(&pending).unwrap()).unwrap();
}

/// The same route with `serve --tsa URL --ltv`: the filed copy carries the timestamp and, in
/// its security store, the revocation lists; pyHanko validates it as a long-term signature
/// with the list server stopped.
#[test]
fn the_signers_own_token_gives_a_long_term_signature_with_tsa_and_ltv() {
    let Some((_lists, files, pki, tsa)) = crate::ltv::revocation_setup("ca.crl") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    crate::office::three_people(dir.path());
    let archive = dir.path().join("kho");
    let image = pki.path("chu-ky.png");
    let server = Server::start_in(
        dir.path(),
        &[
            "--archive-dir",
            s(&archive),
            "--signature-image",
            s(&image),
            "--tsa",
            &tsa.url,
            "--ltv",
        ],
    );
    let ([_, hai, _], entry) = crate::office::issued_by_three(&server, SEED);

    let body = json!({ "path": format!("{entry}/{NOTICE}"), "as": "person", "certificate": certificate(&pki, "nguyen-van-binh") });
    let prepared = post_as(&server, &hai, "/api/sign/prepare", &body);
    assert_eq!(prepared.status, 200, "{}", prepared.text());
    let (id, digest) = ids(&prepared);
    let right = signature(&pki, "nguyen-van-binh", &digest, false);
    let signed = post_as(
        &server,
        &hai,
        "/api/sign/finish",
        &json!({ "id": id, "signature": right }),
    );
    assert_eq!(signed.status, 200, "{}", signed.text());
    let kept = archive
        .join("entries")
        .join(&entry)
        .join(NOTICE.replace(".pdf", "-da-ky.pdf"));
    let bytes = std::fs::read(&kept).unwrap();
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(
        has(b"/DSS") && has(b"/CRLs"),
        "the revocation lists are in the file's security store"
    );
    drop(files);
    if needs_pyhanko() {
        let verdict = crate::ltv::pyhanko_lt(&kept, &pki.path("ca.pem"));
        // The signature valid and trusted from the file's own lists, its timestamp too.
        assert!(verdict.trim_end().ends_with("True True"), "{verdict}");
    }
}
