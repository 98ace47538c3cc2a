//! Signing from the page (issue 27): `vanban serve --pkcs11` with a SoftHSM2 token holding
//! the lãnh đạo's and the agency's keys, over HTTP. On an issued notice the lãnh đạo signs as
//! the person and the văn thư seals the signed copy; a drafter, or a leader asking to seal,
//! is refused by the server; a wrong PIN is one login, said, and nothing written. The signed
//! copy is kept in the archive (its hash indexed, `archive verify` whole), the page's
//! verification names both signatures, pyHanko validates them, and the audit log names who
//! signed, never the PIN.

use serde_json::json;

use crate::office::post_as;
use crate::pki::pki;
use crate::server::Server;
use crate::sign::{needs_pyhanko, pyhanko, s};
use crate::support::stdout;
use crate::token::{PIN, SOFTHSM, SPY, token_for};

const SEED: &str = "xuan-truong-2024.yaml";
const NOTICE: &str = "tho-xuan-2024-03-27-xuan-truong-thong-bao-ket-luan.pdf";

#[test]
fn the_leader_signs_and_the_clerk_seals_an_issued_notice_from_the_page() {
    let pki = pki();
    // The notice's signer and its issuer, as only the named signer signs.
    let Some(token) = token_for(&pki, "nguyen-van-binh", "party-agency") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    crate::office::three_people(dir.path());
    let archive = dir.path().join("kho");
    let (image, seal, ca) = (pki.path("chu-ky.png"), pki.path("con-dau.png"), pki.path("ca.pem"));
    let conf = token.conf();
    let log = token.spy_log();
    let server = Server::start_in_with_env(
        dir.path(),
        &[
            "--archive-dir",
            s(&archive),
            "--pkcs11",
            SPY,
            "--person-key",
            "nguoi-ky",
            "--agency-key",
            "co-quan",
            "--signature-image",
            s(&image),
            "--seal",
            s(&seal),
            "--trust",
            s(&ca),
        ],
        &[
            ("SOFTHSM2_CONF", s(&conf)),
            ("PKCS11SPY", SOFTHSM),
            ("PKCS11SPY_OUTPUT", s(&log)),
        ],
    );
    let ([lan, hai, mai], entry) = crate::office::issued_by_three(&server, SEED);
    let get = |who: &str, target: &str| server.request("GET", target, &[("Cookie", who)], b"");

    // As whom each may sign: the server says, and holds to it.
    let page = |who: &str| get(who, &format!("/api/issued?entry={entry}")).json();
    assert_eq!(page(&hai)["as"], json!(["person"]));
    assert_eq!(page(&mai)["as"], json!(["agency"]));
    assert_eq!(page(&lan)["as"], json!([]));
    assert!(
        page(&hai)["files"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["file"] == NOTICE)
    );
    let try_sign = |who: &str, file: &str, mark: &str, pin: &str, confirm: bool| {
        let body = json!({ "path": format!("{entry}/{file}"), "as": mark, "pin": pin, "confirm": confirm });
        post_as(&server, who, "/api/sign", &body)
    };
    let sign = |who: &str, file: &str, mark: &str, pin: &str| try_sign(who, file, mark, pin, false);
    assert_eq!(sign(&lan, NOTICE, "person", PIN).status, 403, "a drafter signing");
    assert_eq!(sign(&hai, NOTICE, "agency", PIN).status, 403, "a leader sealing");
    assert_eq!(token.logins(), 0, "refused before the token is asked");

    // A wrong PIN: said, tried once, nothing kept.
    let wrong = sign(&hai, NOTICE, "person", "999999");
    assert_eq!(wrong.status, 422, "{}", wrong.text());
    assert!(
        wrong.text().contains("sai mã PIN; vanban không thử lại"),
        "{}",
        wrong.text()
    );
    assert!(!wrong.text().contains("999999"));
    assert_eq!(token.logins(), 1, "one login, never a second try");
    let copy = NOTICE.replace(".pdf", "-da-ky.pdf");
    let kept = archive.join("entries").join(&entry).join(&copy);
    assert!(!kept.exists());

    // After a wrong PIN the next try must be confirmed: refused before the token is asked.
    let unconfirmed = sign(&hai, NOTICE, "person", PIN);
    assert_eq!(unconfirmed.status, 409, "{}", unconfirmed.text());
    assert!(unconfirmed.text().contains("xác nhận"), "{}", unconfirmed.text());
    assert_eq!(token.logins(), 1);

    // The leader signs (confirmed); the văn thư seals the signed copy.
    let signed = try_sign(&hai, NOTICE, "person", PIN, true);
    assert_eq!(signed.status, 200, "{}", signed.text());
    assert_eq!(signed.json()["file"], copy.as_str());
    let sealed = sign(&mai, &copy, "agency", PIN);
    assert_eq!(sealed.status, 200, "{}", sealed.text());
    assert_eq!(token.logins(), 3);
    // The original again would drop both signatures: refused, before the token is asked.
    let again = sign(&hai, NOTICE, "person", PIN);
    assert_eq!(again.status, 422, "{}", again.text());
    assert!(again.text().contains("đã có bản ký số"), "{}", again.text());
    assert_eq!(token.logins(), 3);
    let files = page(&mai)["files"].clone();
    assert!(
        files
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["file"] == copy.as_str() && f["signed"] == true),
        "{files}"
    );

    // What the page shows of it, and what pyHanko says.
    let verified = get(&hai, &format!("/api/verify?entry={entry}&file={copy}"));
    assert_eq!(verified.status, 200, "{}", verified.text());
    let verified = verified.json();
    let lines = verified["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 2, "{verified}");
    for line in lines {
        let line = line.as_str().unwrap();
        assert!(
            line.contains("Toàn vẹn: có") && line.contains("Chuỗi chứng thư: tin cậy"),
            "{line}"
        );
    }
    assert!(
        verified["signatures"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["valid"] == true)
    );
    if needs_pyhanko() {
        let verdict = pyhanko(&kept, &ca);
        assert_eq!(verdict.lines().count(), 2, "{verdict}");
        assert!(verdict.lines().all(|l| l.ends_with(" True")), "{verdict}");
    }
    let whole = crate::support::vanban(&["archive", "verify", "--archive-dir", s(&archive)]);
    assert!(whole.status.success(), "{}", stdout(&whole));
    let audit = stdout(&crate::support::vanban(&["audit", "list", "--folder", s(dir.path())]));
    let signers: Vec<&str> = audit
        .lines()
        .filter(|l| l.split('\t').nth(3) == Some("sign"))
        .filter_map(|l| l.split('\t').nth(2))
        .collect();
    assert_eq!(signers, ["hai", "mai"], "{audit}");
    assert!(!audit.contains(PIN), "{audit}");

    // The attack on main: six wrong PINs in a row, each confirmed. Two reach the token;
    // a third within a minute is refused before it, so the token is never locked.
    let before = token.logins();
    let statuses: Vec<u16> = (0..6)
        .map(|_| try_sign(&mai, &copy, "agency", "999999", true).status)
        .collect();
    assert_eq!(statuses, [422, 422, 429, 429, 429, 429]);
    assert_eq!(token.logins(), before + 2, "two wrong PINs reach the token, no more");
    let paused = try_sign(&mai, &copy, "agency", PIN, true);
    assert_eq!(paused.status, 429, "{}", paused.text());
    assert!(paused.text().contains("một phút"), "{}", paused.text());
    // The leader's token is another token: not paused.
    let other = sign(&hai, NOTICE, "person", PIN);
    assert_ne!(other.status, 429, "{}", other.text());
}
