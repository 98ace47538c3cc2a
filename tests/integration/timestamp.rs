//! Signature timestamps (issue 27, PAdES B-T): a time-stamping authority on loopback, made of
//! OpenSSL's own `openssl ts -reply` behind a small HTTP server, with a TSA certificate from
//! the test CA; vanban asks it for a timestamp over each signature; pyHanko validates the
//! signature and its timestamp, trusted to the CA. An authority that does not answer is a
//! clear error and nothing is written.

use std::path::Path;
use std::process::Command;

use crate::loopback::{Server, answering};
use crate::pki::{Pki, Sources, pki};
use crate::sign::{needs_pyhanko, ok, render, run, run_pyhanko, s};
use crate::support::{STATE_SAMPLE, program};

/// `openssl ts`'s settings for the test authority.
const TS_CONF: &str = "[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
dir = DIR
serial = $dir/tsaserial
crypto_device = builtin
signer_cert = $dir/tsa.pem
certs = $dir/tsa-chain.pem
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
";

/// The authority, stopped when dropped.
pub type Authority = Server;

pub fn openssl(dir: &Path, args: &[&str]) {
    let output = Command::new("openssl").args(args).current_dir(dir).output().unwrap();
    assert!(
        output.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A TSA certificate (critical timeStamping extended key usage) from the PKI's CA, and the
/// authority serving it.
fn authority(pki: &Pki) -> Option<Authority> {
    authority_with(pki, Sources::default())
}

/// As [`authority`]; the TSA certificate names the revocation `sources`.
pub fn authority_with(pki: &Pki, sources: Sources) -> Option<Authority> {
    if !program("openssl") || !program("python3") {
        return None;
    }
    let dir = pki.path("tsa");
    std::fs::create_dir_all(&dir).unwrap();
    let points = [
        sources.crl.map(|url| format!("crlDistributionPoints = URI:{url}\n")),
        sources
            .ocsp
            .map(|url| format!("authorityInfoAccess = OCSP;URI:{url}\n")),
    ]
    .into_iter()
    .flatten()
    .collect::<String>();
    std::fs::write(
        dir.join("ext.cnf"),
        format!("[tsa]\nbasicConstraints = CA:FALSE\nkeyUsage = critical, digitalSignature\nextendedKeyUsage = critical, timeStamping\n{points}"),
    )
    .unwrap();
    let (ca, ca_key) = (pki.path("ca.pem"), pki.path("ca.key.pem"));
    openssl(
        &dir,
        &[
            "req",
            "-new",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "tsa.key",
            "-subj",
            "/CN=TSA thu nghiem vanban",
            "-out",
            "tsa.csr",
        ],
    );
    openssl(
        &dir,
        &[
            "x509",
            "-req",
            "-in",
            "tsa.csr",
            "-CA",
            s(&ca),
            "-CAkey",
            s(&ca_key),
            "-CAcreateserial",
            "-days",
            "7300",
            "-extfile",
            "ext.cnf",
            "-extensions",
            "tsa",
            "-out",
            "tsa.pem",
        ],
    );
    let chain = [std::fs::read(dir.join("tsa.pem")).unwrap(), std::fs::read(&ca).unwrap()].concat();
    std::fs::write(dir.join("tsa-chain.pem"), chain).unwrap();
    std::fs::write(dir.join("tsaserial"), "01\n").unwrap();
    std::fs::write(dir.join("ts.cnf"), TS_CONF.replace("DIR", s(&dir))).unwrap();
    let config = s(&dir).to_string() + "/ts.cnf";
    Some(answering(
        &dir,
        "application/timestamp-reply",
        &[
            "openssl",
            "ts",
            "-reply",
            "-config",
            &config,
            "-queryfile",
            "QUERY",
            "-out",
            "ANSWER",
        ],
    ))
}

/// pyHanko's verdict on each signature and its timestamp: `field bottom_line ts_intact
/// ts_valid ts_trusted ts_time`.
fn pyhanko_timestamps(pdf: &Path, ca: &Path) -> String {
    let script = r#"
import sys
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.keys import load_cert_from_pemder
from pyhanko_certvalidator import ValidationContext
vc = ValidationContext(trust_roots=[load_cert_from_pemder(sys.argv[2])], allow_fetching=False)
with open(sys.argv[1], 'rb') as f:
    r = PdfFileReader(f)
    for sig in r.embedded_signatures:
        st = validate_pdf_signature(sig, vc, ts_validation_context=vc)
        ts = st.timestamp_validity
        print(sig.field_name, st.bottom_line, ts is not None and ts.intact, ts is not None and ts.valid, ts is not None and ts.trusted, ts.timestamp if ts else None)
"#;
    run_pyhanko(script, pdf, ca)
}

#[test]
fn a_signature_carries_a_timestamp_pyhanko_trusts() {
    let pki = pki();
    let Some(tsa) = authority(&pki) else { return };
    let out = render(&pki, STATE_SAMPLE, &[]);
    let notice = out.join("an-phu-2026-02-05-thong-bao-ket-luan.pdf");
    let signed = out.join("an-phu-2026-02-05-thong-bao-ket-luan-da-ky.pdf");
    let (p12, image, seal) = (pki.path("person.p12"), pki.path("chu-ky.png"), pki.path("con-dau.png"));
    let password = "VANBAN_TEST_P12_PASSWORD";
    ok(&run(&[
        "sign",
        s(&notice),
        "--p12",
        s(&p12),
        "--password-env",
        password,
        "--image",
        s(&image),
        "--tsa",
        &tsa.url,
    ]));
    let agency = pki.path("agency.p12");
    ok(&run(&[
        "sign",
        s(&signed),
        "--agency",
        "--p12",
        s(&agency),
        "--password-env",
        password,
        "--seal",
        s(&seal),
        "--tsa",
        &tsa.url,
    ]));
    let report = ok(&run(&["verify", s(&signed), "--trust", s(&pki.path("ca.pem"))]));
    assert_eq!(report.matches("Mức PAdES: B-T").count(), 2, "{report}");
    assert_eq!(
        report
            .matches("do TSA thu nghiem vanban cấp; đúng cho chữ ký này: có")
            .count(),
        2,
        "{report}"
    );
    let broken = crate::pdfa::violations(&std::fs::read(&signed).unwrap());
    assert!(broken.is_empty(), "PDF/A-3 clauses broken: {broken:#?}");
    if needs_pyhanko() {
        let verdict = pyhanko_timestamps(&signed, &pki.path("ca.pem"));
        eprintln!("pyHanko: {verdict}");
        let lines: Vec<&str> = verdict.lines().collect();
        assert_eq!(lines.len(), 2, "{verdict}");
        for line in lines {
            assert!(
                line.contains(" True True True True "),
                "signature and timestamp valid and trusted: {verdict}"
            );
        }
    }

    // An authority that does not answer: the error names it, nothing is written.
    let again = out.join("ban-sao.pdf");
    std::fs::copy(&notice, &again).unwrap();
    let dead = "http://127.0.0.1:9/";
    let output = run(&[
        "sign",
        s(&again),
        "--p12",
        s(&p12),
        "--password-env",
        password,
        "--image",
        s(&image),
        "--tsa",
        dead,
    ]);
    let said = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(3), "{said}");
    assert!(
        said.contains("không lấy được dấu thời gian từ http://127.0.0.1:9/"),
        "{said}"
    );
    assert!(!out.join("ban-sao-da-ky.pdf").exists());
}
