//! Signing from the page through a remote signing service (CSC API v2, issue 39), over HTTP
//! without a browser, against the stand-in service (`tests/shared/csc_standin.rs`) waiting
//! for the signer's phone. The lãnh đạo's credential is set with `vanban users set-csc`; a
//! drafter is refused (403); a wrong PIN is sent once and refused in words, nothing filed,
//! and the next try needs a confirmation; the right PIN starts a job the page polls until
//! the signed copy is filed: pyHanko validates it, `archive verify` passes, the record is Đã
//! ký and the audit log names who signed (the PIN nowhere). A credential whose certificate
//! names another person is refused with both names before any PIN is sent; a cancelled job
//! files nothing.

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::csc_standin::{self, Setup, StandIn};
use crate::office::{login, post_as};
use crate::pki::{Pki, pki};
use crate::server::Server;
use crate::sign::{needs_pyhanko, pyhanko, s};
use crate::support::{copy_samples, stdout, vanban};

const SEED: &str = "an-phu-2026-02-05.yaml";
const NOTICE: &str = "an-phu-2026-02-05-thong-bao-ket-luan.pdf";
const PIN: &str = "246813";
const SECRET: &str = "bi-mat-ung-dung-serve";
const CLIENT: &str = "vanban-serve";

/// A service holding `<who>.key.pem` and its certificate, answering signHash after `polls`.
fn service(pki: &Pki, who: &str, polls: usize) -> StandIn {
    let read = |name: String| std::fs::read(pki.path(&name)).unwrap();
    csc_standin::start(Setup {
        key_pem: String::from_utf8(read(format!("{who}.key.pem"))).unwrap(),
        chain: vec![read(format!("{who}.der")), read("ca.der".into())],
        client_id: CLIENT.into(),
        client_secret: SECRET.into(),
        pin: PIN.into(),
        credential: "chung-thu-hai".into(),
        polls_before_approval: Some(polls),
    })
}

/// An office folder whose state sample is issued, `hai` (lãnh đạo) holding the credential,
/// and `serve --csc` on it: the folder, the server, the archive entry and the cookies of the
/// drafter and the leader.
struct Office {
    dir: tempfile::TempDir,
    server: Server,
    entry: String,
    lan: String,
    hai: String,
}

fn office(pki: &Pki, service: &StandIn) -> Office {
    let dir = tempfile::tempdir().unwrap();
    crate::office::three_people(dir.path());
    let set = vanban(&[
        "users",
        "set-csc",
        "hai",
        "--credential",
        "chung-thu-hai",
        "--folder",
        s(dir.path()),
    ]);
    assert!(set.status.success(), "{}", stdout(&set));
    let archive = dir.path().join("kho");
    let (image, ca) = (pki.path("chu-ky.png"), pki.path("ca.pem"));
    let args = [
        "--archive-dir",
        s(&archive),
        "--signature-image",
        s(&image),
        "--trust",
        s(&ca),
        "--csc",
        &service.url,
        "--csc-wait",
        "60",
    ];
    let env = [("VANBAN_CSC_CLIENT_ID", CLIENT), ("VANBAN_CSC_CLIENT_SECRET", SECRET)];
    let server = Server::start_in_with_env(dir.path(), &args, &env);
    let ([lan, hai, _], entry) = crate::office::issued_by_three(&server, SEED);
    Office {
        dir,
        server,
        entry,
        lan,
        hai,
    }
}

impl Office {
    fn sign(&self, who: &str, pin: &str, confirm: bool) -> crate::server::Response {
        let body =
            json!({ "path": format!("{}/{NOTICE}", self.entry), "as": "person", "pin": pin, "confirm": confirm });
        post_as(&self.server, who, "/api/sign/remote", &body)
    }

    /// Polls the job `id` until it is no longer waiting; its last answer.
    fn outcome(&self, who: &str, id: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(90);
        loop {
            let answer = self
                .server
                .request("GET", &format!("/api/sign/remote?id={id}"), &[("Cookie", who)], b"");
            assert_eq!(answer.status, 200, "{}", answer.text());
            if answer.json()["state"] != "waiting" || Instant::now() > deadline {
                return answer.json();
            }
            std::thread::sleep(Duration::from_millis(300));
        }
    }

    fn kept(&self) -> std::path::PathBuf {
        let copy = NOTICE.replace(".pdf", "-da-ky.pdf");
        self.dir.path().join("kho/entries").join(&self.entry).join(copy)
    }

    fn standing(&self) -> String {
        let target = format!("/api/workflow?path={SEED}");
        let answer = self.server.request("GET", &target, &[("Cookie", &self.lan)], b"");
        answer.json()["state"].as_str().unwrap_or_default().to_string()
    }
}

fn audit(folder: &Path) -> String {
    stdout(&vanban(&["audit", "list", "--folder", s(folder)]))
}

#[test]
fn the_leader_signs_remotely_and_the_page_waits_for_the_phone() {
    let pki = pki();
    let service = service(&pki, "person-rsa", 2);
    let office = office(&pki, &service);
    let page = office.server.request(
        "GET",
        &format!("/api/issued?entry={}", office.entry),
        &[("Cookie", &office.hai)],
        b"",
    );
    assert_eq!(page.json()["remote"], true, "{}", page.text());

    assert_eq!(office.sign(&office.lan, PIN, false).status, 403, "a drafter");
    // A wrong PIN: one authorize call, refused in words, nothing filed, nothing retried.
    let wrong = office.sign(&office.hai, "000000", false);
    assert_eq!(wrong.status, 422, "{}", wrong.text());
    assert!(
        wrong.text().contains("từ chối mã PIN/OTP") && wrong.text().contains("không được thử lại"),
        "{}",
        wrong.text()
    );
    assert!(!wrong.text().contains("000000"), "{}", wrong.text());
    assert_eq!(service.authorize_calls(), 1);
    assert_eq!(service.sign_calls(), 0);
    assert!(!office.kept().exists());
    // The next try must be confirmed; unconfirmed, the service is not asked.
    let unconfirmed = office.sign(&office.hai, PIN, false);
    assert_eq!(unconfirmed.status, 409, "{}", unconfirmed.text());
    assert_eq!(service.authorize_calls(), 1);

    let started = office.sign(&office.hai, PIN, true);
    assert_eq!(started.status, 202, "{}", started.text());
    assert_eq!(started.json()["state"], "waiting");
    let id = started.json()["id"].as_str().unwrap().to_string();
    // Another person does not see or cancel the job.
    let mai = login(&office.server, "mai", "mật khẩu văn thư");
    let theirs = office
        .server
        .request("GET", &format!("/api/sign/remote?id={id}"), &[("Cookie", &mai)], b"");
    assert_eq!(theirs.status, 403);
    let first = office.server.request(
        "GET",
        &format!("/api/sign/remote?id={id}"),
        &[("Cookie", &office.hai)],
        b"",
    );
    assert_eq!(first.json()["state"], "waiting", "the phone is not approved yet");
    let done = office.outcome(&office.hai, &id);
    let copy = NOTICE.replace(".pdf", "-da-ky.pdf");
    assert_eq!(done, json!({ "state": "done", "file": copy }));
    assert_eq!(service.authorize_calls(), 2);
    assert_eq!(service.sign_calls(), 1);
    assert!(office.kept().is_file());
    assert_eq!(office.standing(), "da-ky");

    if needs_pyhanko() {
        let verdict = pyhanko(&office.kept(), &pki.path("ca.pem"));
        assert_eq!(verdict.lines().count(), 1, "{verdict}");
        assert!(verdict.lines().all(|l| l.ends_with(" True")), "{verdict}");
    }
    let archive = office.dir.path().join("kho");
    let whole = vanban(&["archive", "verify", "--archive-dir", s(&archive)]);
    assert!(whole.status.success(), "{}", stdout(&whole));
    let trail = audit(office.dir.path());
    assert!(!trail.contains(PIN) && !trail.contains("000000"), "{trail}");
    let action = |line: &str, at: usize| line.split('\t').nth(at).unwrap_or_default().to_string();
    let signed: Vec<(String, String)> = trail
        .lines()
        .filter(|l| action(l, 3) == "sign")
        .map(|l| (action(l, 2), action(l, 4)))
        .collect();
    assert_eq!(
        signed,
        [("hai".to_string(), format!("{}/{NOTICE}", office.entry))],
        "{trail}"
    );
    assert!(trail.lines().any(|l| action(l, 3) == "sign-failed"), "{trail}");
    assert!(trail.lines().any(|l| action(l, 3) == "signed"), "{trail}");
    let verified = vanban(&["audit", "verify", "--folder", s(office.dir.path())]);
    assert!(verified.status.success(), "{}", stdout(&verified));

    // The guard, as for a token (here on the minutes, which the same person chairs): two
    // wrong PINs (the second confirmed), then nothing sent for a minute (429), the service
    // asked twice more in all.
    let again = |pin: &str, confirm: bool| {
        let minutes = format!("{}/an-phu-2026-02-05-bien-ban.pdf", office.entry);
        let body = json!({ "path": minutes, "as": "person", "signer": "chair", "pin": pin, "confirm": confirm });
        let answer = post_as(&office.server, &office.hai, "/api/sign/remote", &body);
        (answer.status, answer.text())
    };
    let first = again("111111", false);
    assert!(first.0 == 422 && first.1.contains("từ chối mã PIN/OTP"), "{first:?}");
    let second = again("222222", true);
    assert!(second.0 == 422 && second.1.contains("từ chối mã PIN/OTP"), "{second:?}");
    assert_eq!(again(PIN, true).0, 429);
    assert_eq!(service.authorize_calls(), 4);
    assert_eq!(service.sign_calls(), 1);
}

#[test]
fn another_persons_credential_is_refused_before_any_pin_and_a_cancel_files_nothing() {
    let pki = pki();
    let other = service(&pki, "nguyen-van-khac-rsa", 2);
    let office = office(&pki, &other);
    let refused = office.sign(&office.hai, PIN, false);
    assert_eq!(refused.status, 422, "{}", refused.text());
    let said = refused.json()["error"].as_str().unwrap().to_string();
    assert!(
        said.contains("Nguyễn Văn Khác") && said.contains("Nguyễn Văn Thành"),
        "{said}"
    );
    assert_eq!(other.authorize_calls(), 0, "no PIN sent");
    assert!(!office.kept().exists());
    drop(office);

    // The phone never approves: the person cancels, and nothing is filed.
    let slow = service(&pki, "person-rsa", 1000);
    let office = self::office(&pki, &slow);
    let started = office.sign(&office.hai, PIN, false);
    assert_eq!(started.status, 202, "{}", started.text());
    let id = started.json()["id"].as_str().unwrap().to_string();
    let cancel = |id: &str| {
        post_as(
            &office.server,
            &office.hai,
            "/api/sign/remote/cancel",
            &json!({ "id": id }),
        )
    };
    assert_eq!(cancel(&id).status, 200);
    assert_eq!(office.outcome(&office.hai, &id)["state"], "cancelled");
    assert_eq!(cancel(&id).status, 409, "already over");
    assert!(!office.kept().exists());
    assert_eq!(office.standing(), "da-ban-hanh");

    // Without users there is no one's credential: not offered, and refused.
    let alone = tempfile::tempdir().unwrap();
    copy_samples(alone.path());
    let kho = alone.path().join("kho");
    let env = [("VANBAN_CSC_CLIENT_ID", CLIENT), ("VANBAN_CSC_CLIENT_SECRET", SECRET)];
    let server = Server::start_in_with_env(
        alone.path(),
        &[
            "--archive-dir",
            s(&kho),
            "--signature-image",
            s(&pki.path("chu-ky.png")),
            "--csc",
            &slow.url,
        ],
        &env,
    );
    let body = json!({ "path": format!("{}/{NOTICE}", office.entry), "as": "person", "pin": PIN });
    let refused = server.post("/api/sign/remote", &body);
    assert_eq!(refused.status, 409, "{}", refused.text());
    assert!(
        refused.text().contains("cần tài khoản người dùng"),
        "{}",
        refused.text()
    );
}
