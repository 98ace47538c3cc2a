//! OCSP answers for long-term validation (issue 27, PAdES B-LT and B-LTA): the test
//! certificates name an OCSP responder on loopback, made of OpenSSL's own `openssl ocsp`
//! answering from a CA index; `vanban sign --tsa URL --ltv` keeps each certificate's signed
//! answer in the document security store, on Party minutes with two signers and on a state
//! notice, and `--archive-timestamp` seals them. `vanban verify` names the answers; pyHanko
//! validates every signature, timestamp and document timestamp from the file alone
//! (revocation checking hard-fail, fetching off, the responder stopped), and its simulated
//! 2036 validation passes. A certificate the responder says is revoked is refused, nothing
//! written.

use std::path::Path;
use std::process::Command;

use crate::loopback;
use crate::ltv::{pyhanko_future, pyhanko_lt, sign};
use crate::pki::{AGENCIES, PEOPLE, PERSON_SERIAL, Pki, Sources, pki_with};
use crate::sign::{needs_pyhanko, ok, render, run, s};
use crate::support::{PARTY_SAMPLE, STATE_SAMPLE, program};
use crate::timestamp::{authority_with, openssl};

/// `openssl ocsp` answering one query from the index, signed by the responder the CA
/// delegated (as public CAs answer), good for 30 days.
const RESPOND: &[&str] = &[
    "openssl",
    "ocsp",
    "-index",
    "index.txt",
    "-CA",
    "ca.pem",
    "-rsigner",
    "ocsp.pem",
    "-rkey",
    "ocsp.key",
    "-reqin",
    "QUERY",
    "-respout",
    "ANSWER",
    "-ndays",
    "30",
];

/// The responder's certificate from the CA: critical `OCSPSigning`, and `ocsp-nocheck` (its
/// own status is not asked).
fn responder_certificate(folder: &Path, pki: &Pki) {
    std::fs::write(
        folder.join("ocsp.cnf"),
        "[ocsp]\nbasicConstraints = CA:FALSE\nkeyUsage = critical, digitalSignature\nextendedKeyUsage = critical, OCSPSigning\nnoCheck = ignored\n",
    )
    .unwrap();
    let (ca, ca_key) = (pki.path("ca.pem"), pki.path("ca.key.pem"));
    let subject = "/CN=OCSP thu nghiem vanban";
    openssl(
        folder,
        &[
            "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "ocsp.key", "-subj", subject, "-out", "ocsp.csr",
        ],
    );
    openssl(
        folder,
        &[
            "x509",
            "-req",
            "-in",
            "ocsp.csr",
            "-CA",
            s(&ca),
            "-CAkey",
            s(&ca_key),
            "-set_serial",
            "0x0c5f",
            "-days",
            "7300",
            "-extfile",
            "ocsp.cnf",
            "-extensions",
            "ocsp",
            "-out",
            "ocsp.pem",
        ],
    );
}

/// Writes the responder's index of the certificates the CA issued: the person's, the
/// agency's and the TSA's, the person's revoked when `revoked`.
fn write_index(folder: &Path, pki: &Pki, revoked: bool) {
    let output = Command::new("openssl")
        .args(["x509", "-noout", "-serial", "-in", s(&pki.path("tsa/tsa.pem"))])
        .output()
        .unwrap();
    let tsa = String::from_utf8_lossy(&output.stdout)
        .trim()
        .trim_start_matches("serial=")
        .to_string();
    // OpenSSL wants each subject once in its index.
    let line = |serial: &str, revoked: bool, who: &str| {
        let (state, when) = if revoked {
            ("R", "260101000000Z,keyCompromise")
        } else {
            ("V", "")
        };
        format!("{state}\t300101000000Z\t{when}\t{serial}\tunknown\t/CN={who}\n")
    };
    let mut index: String = PEOPLE
        .iter()
        .chain(AGENCIES)
        .map(|(file, _, serial)| line(&format!("{serial:06X}"), revoked && *serial == PERSON_SERIAL, file))
        .collect();
    index.push_str(&line(&tsa, false, "tsa"));
    std::fs::write(folder.join("index.txt"), index).unwrap();
}

#[test]
fn signatures_keep_ocsp_answers_and_validate_offline() {
    if !program("python3") || !program("openssl") {
        return;
    }
    let folder = tempfile::tempdir().unwrap();
    let responder = loopback::answering(folder.path(), "application/ocsp-response", RESPOND);
    let sources = Sources {
        crl: None,
        ocsp: Some(&responder.url),
    };
    let pki = pki_with(sources);
    let Some(tsa) = authority_with(&pki, sources) else {
        return;
    };
    std::fs::copy(pki.path("ca.pem"), folder.path().join("ca.pem")).unwrap();
    responder_certificate(folder.path(), &pki);
    write_index(folder.path(), &pki, false);

    let party = render(&pki, PARTY_SAMPLE, &[]);
    let minutes = party.join("tho-xuan-2024-03-27-xuan-truong-bien-ban.pdf");
    let signed_minutes = party.join("tho-xuan-2024-03-27-xuan-truong-bien-ban-da-ky.pdf");
    ok(&sign(&pki, &minutes, &tsa.url, &["--signer", "chair"]));
    ok(&sign(&pki, &signed_minutes, &tsa.url, &["--signer", "secretary"]));
    let state = render(&pki, STATE_SAMPLE, &[]);
    let notice = state.join("an-phu-2026-02-05-thong-bao-ket-luan.pdf");
    let signed_notice = state.join("an-phu-2026-02-05-thong-bao-ket-luan-da-ky.pdf");
    ok(&sign(&pki, &notice, &tsa.url, &[]));

    for (signed, signatures, signer) in [
        (&signed_minutes, 2, "Lê Đình Hải"),
        (&signed_notice, 1, "Nguyễn Văn Thành"),
    ] {
        ok(&run(&["sign", s(signed), "--archive-timestamp", "--tsa", &tsa.url]));
        let report = ok(&run(&["verify", s(signed), "--trust", s(&pki.path("ca.pem"))]));
        assert_eq!(report.matches("Mức PAdES: B-LTA").count(), signatures, "{report}");
        for holder in [signer, "TSA thu nghiem vanban"] {
            let said = format!("Tình trạng thu hồi: {holder}: chưa bị thu hồi (trả lời OCSP lúc");
            assert!(report.contains(&said), "{said}\n{report}");
        }
        assert!(!report.contains("danh sách thu hồi lập"), "{report}");
        let broken = crate::pdfa::violations(&std::fs::read(signed).unwrap());
        assert!(broken.is_empty(), "PDF/A-3 clauses broken: {broken:#?}");
    }

    // The responder says the person's certificate is revoked: refused, nothing written.
    write_index(folder.path(), &pki, true);
    let copy = state.join("ban-sao.pdf");
    std::fs::copy(&notice, &copy).unwrap();
    let refused = sign(&pki, &copy, &tsa.url, &[]);
    let said = String::from_utf8_lossy(&refused.stderr).into_owned();
    assert_eq!(refused.status.code(), Some(1), "{said}");
    assert!(said.contains("chứng thư của Nguyễn Văn Thành đã bị thu hồi"), "{said}");
    assert!(!state.join("ban-sao-da-ky.pdf").exists());

    // The responder gone, pyHanko validates from the file alone, revocation checked.
    drop(responder);
    if needs_pyhanko() {
        for (signed, lines) in [(&signed_minutes, 3), (&signed_notice, 2)] {
            let verdict = pyhanko_lt(signed, &pki.path("ca.pem"));
            eprintln!("pyHanko: {verdict}");
            assert_eq!(verdict.lines().count(), lines, "{verdict}");
            assert!(verdict.lines().all(|l| l.ends_with(" True")), "{verdict}");
            assert!(
                !verdict.contains("INDETERMINATE") && !verdict.contains("FAIL"),
                "{verdict}"
            );
        }
        let future = pyhanko_future(&signed_minutes, &pki.path("ca.pem"));
        eprintln!("pyHanko in 2036: {future}");
        assert!(
            future.lines().count() == 2 && future.lines().all(|l| l.ends_with(" PASSED")),
            "{future}"
        );
    }
}
