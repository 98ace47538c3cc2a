//! Long-term validation (issue 27, PAdES B-LT and B-LTA): `vanban sign --tsa URL --ltv` keeps
//! every certificate and its revocation list (fetched from a CRL distribution point on
//! loopback) in the file's document security store; `vanban sign --archive-timestamp` adds a
//! document timestamp over it. `vanban verify` names the levels and, with `--at 2036-12-31`
//! (after the signers' certificates expire in 2030), says the B-LTA file still validates and
//! a B-B file no longer does. pyHanko validates the signatures, their timestamps and the
//! document timestamp with revocation checking on (hard-fail), fetching off and the list
//! server stopped, and its simulated 2036 long-term validation agrees on both files. A
//! revoked certificate, or a list server that does not answer, is refused before anything
//! is written.

use std::path::Path;

use crate::loopback::{self, Server};
use crate::pki::{Pki, Sources, pki_with};
use crate::sign::{needs_pyhanko, ok, render, run, run_pyhanko, s};
use crate::support::{PARTY_SAMPLE, STATE_SAMPLE, program};
use crate::timestamp::authority_with;

/// pyHanko's verdict on each signature, its revocation information taken only from the
/// file's security store: `field bottom_line timestamp_valid_and_trusted` (a document
/// timestamp: `field valid_and_trusted True`).
pub fn pyhanko_lt(pdf: &Path, ca: &Path) -> String {
    let script = r#"
import sys
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import (validate_pdf_signature, validate_pdf_timestamp, DocumentSecurityStore,
    ValidationContext)
from pyhanko.sign.validation.errors import NoDSSFoundError
from pyhanko.keys import load_cert_from_pemder
settings = {'trust_roots': [load_cert_from_pemder(sys.argv[2])], 'allow_fetching': False,
            'revocation_mode': 'hard-fail'}
with open(sys.argv[1], 'rb') as f:
    r = PdfFileReader(f)
    try:
        vc = DocumentSecurityStore.read_dss(r).as_validation_context(settings)
    except NoDSSFoundError:
        vc = ValidationContext(crls=[], ocsps=[], **settings)
    for sig in r.embedded_signatures:
        if sig.sig_object.get('/Type') == '/DocTimeStamp':
            st = validate_pdf_timestamp(sig, validation_context=vc)
            print(sig.field_name, st.valid and st.trusted, True)
            continue
        st = validate_pdf_signature(sig, vc, ts_validation_context=vc)
        ts = st.timestamp_validity
        print(sig.field_name, st.bottom_line, ts is not None and ts.valid and ts.trusted)
"#;
    run_pyhanko(script, pdf, ca)
}

/// pyHanko's PAdES long-term validation of each signature as of 2036-12-31, simulated as
/// pyHanko offers it (the file's objects proven to exist now and its timestamps kept up;
/// revocation checking on, no fetching): `field STATUS`.
pub fn pyhanko_future(pdf: &Path, ca: &Path) -> String {
    let script = r#"
import sys, asyncio
from datetime import datetime, timezone
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.keys import load_cert_from_pemder
from pyhanko.sign.validation import ades
from pyhanko.sign.validation.policy_decl import (PdfSignatureValidationSpec, SignatureValidationSpec,
    CertValidationPolicySpec)
from pyhanko_certvalidator.registry import SimpleTrustManager
from pyhanko_certvalidator.policy_decl import CertRevTrustPolicy, RevocationCheckingPolicy, RevocationCheckingRule
rule = RevocationCheckingRule.CRL_OR_OCSP_REQUIRED
policy = CertValidationPolicySpec(trust_manager=SimpleTrustManager.build([load_cert_from_pemder(sys.argv[2])]),
    revinfo_policy=CertRevTrustPolicy(RevocationCheckingPolicy(ee_certificate_rule=rule, intermediate_ca_cert_rule=rule)))
spec = PdfSignatureValidationSpec(SignatureValidationSpec(cert_validation_policy=policy, ts_cert_validation_policy=policy))
moment = datetime(2036, 12, 31, tzinfo=timezone.utc)
with open(sys.argv[1], 'rb') as f:
    r = PdfFileReader(f)
    for sig in r.embedded_signatures:
        if sig.sig_object.get('/Type') == '/DocTimeStamp':
            continue
        result = asyncio.run(ades.simulate_future_ades_lta_validation(sig, spec, future_validation_time=moment))
        status = result.ades_subindic.status.name if result.ades_subindic else 'PASSED'
        print(sig.field_name, status if status == 'PASSED' else status + ' ' + result.ades_subindic.name)
"#;
    run_pyhanko(script, pdf, ca)
}

/// A list server on loopback serving the test CA's list `list` as `ca.crl`, the PKI whose
/// certificates name it, and a time-stamping authority whose certificate names it too.
pub fn revocation_setup(list: &str) -> Option<(tempfile::TempDir, Server, Pki, Server)> {
    let lists = tempfile::tempdir().unwrap();
    let files = loopback::files(lists.path());
    let url = format!("{}ca.crl", files.url);
    let sources = Sources {
        crl: Some(&url),
        ocsp: None,
    };
    let pki = pki_with(sources);
    std::fs::copy(pki.path(list), lists.path().join("ca.crl")).unwrap();
    let tsa = authority_with(&pki, sources)?;
    Some((lists, files, pki, tsa))
}

/// The person signs `pdf` with the test's .p12 and signature image, and `extra`.
pub fn sign_as_person(pki: &Pki, pdf: &Path, extra: &[&str]) -> std::process::Output {
    let (p12, image) = (
        pki.p12_for(pdf, crate::pki::role_in(extra), false),
        pki.path("chu-ky.png"),
    );
    let mut args = vec![
        "sign",
        s(pdf),
        "--p12",
        s(&p12),
        "--password-env",
        crate::pki::PASSWORD_VAR,
        "--image",
        s(&image),
    ];
    args.extend_from_slice(extra);
    run(&args)
}

/// As [`sign_as_person`], with a timestamp from `tsa` and the revocation lists (B-LT).
pub fn sign(pki: &Pki, pdf: &Path, tsa: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["--tsa", tsa, "--ltv"];
    args.extend_from_slice(extra);
    sign_as_person(pki, pdf, &args)
}

#[test]
fn signatures_keep_their_revocation_lists_and_validate_offline() {
    if !program("python3") || !program("openssl") {
        return;
    }
    let Some((lists, files, pki, tsa)) = revocation_setup("ca.crl") else {
        return;
    };

    // A state notice (one signer, then the agency) and Party minutes (chair and secretary).
    let state = render(&pki, STATE_SAMPLE, &[]);
    let notice = state.join("an-phu-2026-02-05-thong-bao-ket-luan.pdf");
    let signed_notice = state.join("an-phu-2026-02-05-thong-bao-ket-luan-da-ky.pdf");
    ok(&sign(&pki, &notice, &tsa.url, &[]));
    ok(&run(&[
        "sign",
        s(&signed_notice),
        "--agency",
        "--p12",
        s(&pki.path("agency.p12")),
        "--password-env",
        crate::pki::PASSWORD_VAR,
        "--seal",
        s(&pki.path("con-dau.png")),
        "--tsa",
        &tsa.url,
        "--ltv",
    ]));
    let party = render(&pki, PARTY_SAMPLE, &[]);
    let minutes = party.join("tho-xuan-2024-03-27-xuan-truong-bien-ban.pdf");
    let signed_minutes = party.join("tho-xuan-2024-03-27-xuan-truong-bien-ban-da-ky.pdf");
    ok(&sign(&pki, &minutes, &tsa.url, &["--signer", "chair"]));
    ok(&sign(&pki, &signed_minutes, &tsa.url, &["--signer", "secretary"]));

    for (signed, signer) in [(&signed_notice, "Nguyễn Văn Thành"), (&signed_minutes, "Lê Đình Hải")] {
        let report = ok(&run(&["verify", s(signed), "--trust", s(&pki.path("ca.pem"))]));
        assert_eq!(report.matches("Mức PAdES: B-LT").count(), 2, "{report}");
        let said = format!("Tình trạng thu hồi: {signer}: chưa bị thu hồi (danh sách thu hồi lập");
        assert!(report.contains(&said), "{report}");
        assert!(
            report.contains("Tình trạng thu hồi: TSA thu nghiem vanban: chưa bị thu hồi"),
            "{report}"
        );
        let broken = crate::pdfa::violations(&std::fs::read(signed).unwrap());
        assert!(broken.is_empty(), "PDF/A-3 clauses broken: {broken:#?}");
    }
    // B-LTA: a document timestamp over each file and its store, in place.
    for signed in [&signed_notice, &signed_minutes] {
        ok(&run(&["sign", s(signed), "--archive-timestamp", "--tsa", &tsa.url]));
        let json = signed.with_extension("json");
        let report = ok(&run(&[
            "verify",
            s(signed),
            "--trust",
            s(&pki.path("ca.pem")),
            "--at",
            "2036-12-31",
            "--report",
            s(&json),
        ]));
        assert_eq!(report.matches("Mức PAdES: B-LTA").count(), 2, "{report}");
        assert!(
            report.contains("Dấu thời gian lưu trữ 3: dau-thoi-gian-luu-tru-1"),
            "{report}"
        );
        assert_eq!(
            report
                .matches("Vào ngày 31/12/2036: chứng thư người ký đã hết hạn, nhưng vẫn kiểm tra được nhờ dấu thời gian lưu trữ")
                .count(),
            2,
            "{report}"
        );
        let data: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
        assert_eq!(data["signatures"][0]["level"], "B-LTA", "{data}");
        assert_eq!(data["signatures"][0]["later"]["at_date"], "by_archive", "{data}");
        assert_eq!(data["signatures"][2]["archive"], true, "{data}");
        let broken = crate::pdfa::violations(&std::fs::read(signed).unwrap());
        assert!(broken.is_empty(), "PDF/A-3 clauses broken: {broken:#?}");
    }

    // A control: the same signature without `--ltv` (B-T) holds no revocation lists.
    let control = state.join("control.pdf");
    let control_signed = state.join("control-da-ky.pdf");
    std::fs::copy(&notice, &control).unwrap();
    ok(&sign_as_person(&pki, &control, &["--tsa", &tsa.url]));
    let report = ok(&run(&["verify", s(&control_signed), "--trust", s(&pki.path("ca.pem"))]));
    assert!(
        report.contains("Mức PAdES: B-T") && !report.contains("Tình trạng thu hồi"),
        "{report}"
    );
    // And a B-B signature (no timestamp) as of 2036, its certificate expired: no longer valid.
    let plain = state.join("plain.pdf");
    std::fs::copy(&notice, &plain).unwrap();
    ok(&sign_as_person(&pki, &plain, &[]));
    let plain_signed = state.join("plain-da-ky.pdf");
    let later = run(&[
        "verify",
        s(&plain_signed),
        "--trust",
        s(&pki.path("ca.pem")),
        "--at",
        "2036-12-31",
    ]);
    let said = String::from_utf8_lossy(&later.stdout).into_owned();
    assert_eq!(later.status.code(), Some(4), "{said}");
    assert!(
        said.contains("Mức PAdES: B-B")
            && said
                .contains("Vào ngày 31/12/2036: KHÔNG còn kiểm tra được (chứng thư người ký hết hạn ngày 01/01/2030"),
        "{said}"
    );
    // The list server gone, pyHanko validates from the file alone, revocation checked; the
    // control, without the lists, does not validate so.
    drop(files);
    if needs_pyhanko() {
        let verdict = pyhanko_lt(&control_signed, &pki.path("ca.pem"));
        assert!(
            verdict.contains(" False"),
            "without its lists, hard-fail must fail: {verdict}"
        );
        // As of 2036-12-31: pyHanko agrees on both.
        let future = pyhanko_future(&signed_notice, &pki.path("ca.pem"));
        eprintln!("pyHanko in 2036, B-LTA: {future}");
        assert!(
            future.lines().count() == 2 && future.lines().all(|l| l.ends_with(" PASSED")),
            "{future}"
        );
        let future = pyhanko_future(&plain_signed, &pki.path("ca.pem"));
        eprintln!("pyHanko in 2036, B-B: {future}");
        assert!(!future.contains("PASSED"), "{future}");
    }
    if needs_pyhanko() {
        for signed in [&signed_notice, &signed_minutes] {
            let verdict = pyhanko_lt(signed, &pki.path("ca.pem"));
            eprintln!("pyHanko: {verdict}");
            let lines: Vec<&str> = verdict.lines().collect();
            assert_eq!(lines.len(), 3, "two signatures and the document timestamp: {verdict}");
            assert!(lines.iter().all(|l| l.ends_with(" True")), "{verdict}");
            assert!(
                lines
                    .iter()
                    .all(|l| !l.contains("INDETERMINATE") && !l.contains("FAIL")),
                "{verdict}"
            );
        }
    }

    // The person's certificate revoked: refused, naming it, nothing written.
    drop(lists);
    let Some((_lists, files, pki, tsa)) = revocation_setup("ca-revoked.crl") else {
        return;
    };
    let out = render(&pki, STATE_SAMPLE, &[]);
    let notice = out.join("an-phu-2026-02-05-thong-bao-ket-luan.pdf");
    let refused = sign(&pki, &notice, &tsa.url, &[]);
    let said = String::from_utf8_lossy(&refused.stderr).into_owned();
    assert_eq!(refused.status.code(), Some(1), "{said}");
    assert!(said.contains("chứng thư của Nguyễn Văn Thành đã bị thu hồi"), "{said}");
    assert!(!out.join("an-phu-2026-02-05-thong-bao-ket-luan-da-ky.pdf").exists());
    // A list server that does not answer: named, nothing written.
    drop(files);
    let unreachable = sign(&pki, &notice, &tsa.url, &[]);
    let said = String::from_utf8_lossy(&unreachable.stderr).into_owned();
    assert!(
        said.contains("không lấy được tình trạng thu hồi chứng thư từ http://127.0.0.1:"),
        "{said}"
    );
    assert!(!out.join("an-phu-2026-02-05-thong-bao-ket-luan-da-ky.pdf").exists());
}
