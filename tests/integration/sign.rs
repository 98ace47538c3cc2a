//! Signing (issue 17): a CA made here, person and agency signatures on the samples' notice and
//! minutes, checked by `vanban verify` and by pyHanko, an independent validator.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use lopdf::{Document, Object};

use crate::pki::{PASSWORD, PASSWORD_VAR, Pki, pki, role_in};
use crate::support::{PARTY_SAMPLE, STATE_SAMPLE};

/// Runs vanban with the test password in the environment.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("LANG", "vi_VN.UTF-8")
        .env(PASSWORD_VAR, PASSWORD)
        .output()
        .expect("vanban runs")
}

pub fn ok(output: &Output) -> String {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{text}");
    assert!(!text.contains(PASSWORD), "the password must never be printed");
    text
}

pub fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Renders `record` (archival, optionally with empty fields) into the PKI folder.
pub fn render(pki: &Pki, record: &str, extra: &[&str]) -> PathBuf {
    let out = pki.path("out");
    let mut args = vec!["render", record, "--archive", "-o", s(&out)];
    args.extend_from_slice(extra);
    ok(&run(&args));
    out
}

fn sign_person(pki: &Pki, pdf: &Path, extra: &[&str]) -> Output {
    let (p12, image) = (pki.p12_for(pdf, role_in(extra), false), pki.path("chu-ky.png"));
    let mut args = vec![
        "sign",
        s(pdf),
        "--p12",
        s(&p12),
        "--password-env",
        PASSWORD_VAR,
        "--image",
        s(&image),
    ];
    args.extend_from_slice(extra);
    run(&args)
}

fn sign_agency(pki: &Pki, pdf: &Path, extra: &[&str]) -> Output {
    let (p12, seal) = (pki.p12_for(pdf, role_in(extra), true), pki.path("con-dau.png"));
    let mut args = vec![
        "sign",
        s(pdf),
        "--agency",
        "--p12",
        s(&p12),
        "--password-env",
        PASSWORD_VAR,
        "--seal",
        s(&seal),
    ];
    args.extend_from_slice(extra);
    run(&args)
}

/// Runs the Python `script` with the PDF and the trusted CA as its arguments; what it
/// printed (pyHanko's verdicts). A script that fails fails the test.
pub fn run_pyhanko(script: &str, pdf: &Path, ca: &Path) -> String {
    let output = Command::new("python3")
        .args(["-c", script, s(pdf), s(ca)])
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "pyHanko failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// pyHanko's verdict on each signature: `field intact valid trusted coverage`, one a line.
pub fn pyhanko(pdf: &Path, ca: &Path) -> String {
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
        st = validate_pdf_signature(sig, vc)
        print(sig.field_name, st.intact, st.valid, st.trusted, st.coverage.name, st.modification_level.name if st.modification_level else None, st.bottom_line)
"#;
    run_pyhanko(script, pdf, ca)
}

/// The catalog of the last revision still claims PDF/A-3u.
fn claims_pdfa(pdf: &Path) -> bool {
    let doc = Document::load(pdf).unwrap();
    let root = doc.trailer.get(b"Root").and_then(Object::as_reference).unwrap();
    let catalog = doc.get_dictionary(root).unwrap();
    let metadata = catalog.get(b"Metadata").and_then(Object::as_reference).unwrap();
    let stream = doc.get_object(metadata).and_then(Object::as_stream).unwrap();
    let xmp = String::from_utf8_lossy(&stream.content).into_owned();
    xmp.contains("<pdfaid:part>3</pdfaid:part>") && xmp.contains("<pdfaid:conformance>U</pdfaid:conformance>")
}

/// Each signature widget's name and rectangle `[llx lly urx ury]`, with its page height.
fn widgets(pdf: &Path) -> Vec<(String, [f64; 4], f64)> {
    let doc = Document::load(pdf).unwrap();
    let mut found = Vec::new();
    for (_, page) in doc.get_pages() {
        let dict = doc.get_dictionary(page).unwrap();
        let height = dict.get(b"MediaBox").and_then(Object::as_array).unwrap()[3]
            .as_float()
            .unwrap() as f64;
        let Ok(annots) = dict.get(b"Annots").and_then(Object::as_array) else {
            continue;
        };
        for annot in annots {
            let widget = doc.get_dictionary(annot.as_reference().unwrap()).unwrap();
            if widget.get(b"FT").and_then(Object::as_name).ok() != Some(b"Sig".as_slice()) {
                continue;
            }
            let name = String::from_utf8_lossy(widget.get(b"T").and_then(Object::as_str).unwrap()).into_owned();
            let r: Vec<f64> = widget
                .get(b"Rect")
                .and_then(Object::as_array)
                .unwrap()
                .iter()
                .map(|o| o.as_float().unwrap() as f64)
                .collect();
            found.push((name, [r[0], r[1], r[2], r[3]], height));
        }
    }
    found
}

/// pyHanko, the independent validator (the one rule for outside programs: [`crate::support::available`]).
pub fn needs_pyhanko() -> bool {
    crate::support::python_module("pyhanko, pyhanko_certvalidator")
}

#[test]
fn a_notice_signed_by_person_and_agency_is_valid_for_vanban_and_pyhanko() {
    let pki = pki();
    let out = render(&pki, STATE_SAMPLE, &[]);
    let notice = out.join("an-phu-2026-02-05-thong-bao-ket-luan.pdf");
    let signed = out.join("an-phu-2026-02-05-thong-bao-ket-luan-da-ky.pdf");
    ok(&sign_person(&pki, &notice, &[]));
    let after_person = std::fs::read(&signed).unwrap();
    ok(&sign_agency(&pki, &signed, &[]));
    let after_agency = std::fs::read(&signed).unwrap();
    assert!(
        after_agency.starts_with(&after_person),
        "the agency's signature is an incremental update"
    );
    assert!(claims_pdfa(&signed), "the PDF/A-3u claim survives signing");
    let unsigned = std::fs::read(&notice).unwrap();
    for (stage, bytes) in [
        ("unsigned", &unsigned),
        ("person", &after_person),
        ("agency", &after_agency),
    ] {
        let broken = crate::pdfa::violations(bytes);
        assert!(broken.is_empty(), "PDF/A-3 clauses broken ({stage}): {broken:#?}");
    }
    if let Some(dir) = std::env::var_os("VANBAN_SCREENSHOTS") {
        // the README's picture of a signed page: the signature block on the last page, 110 dpi
        std::fs::create_dir_all(&dir).unwrap();
        let last = Document::load(&signed).unwrap().get_pages().len().to_string();
        let status = Command::new("pdftoppm")
            .args(["-png", "-r", "110", "-singlefile", "-f", &last, "-l", &last])
            .args(["-x", "110", "-y", "330", "-W", "745", "-H", "350"])
            .arg(&signed)
            .arg(Path::new(&dir).join("signed-notice"))
            .status()
            .expect("pdftoppm runs");
        assert!(status.success());
    }

    let report = ok(&run(&["verify", s(&signed), "--trust", s(&pki.path("ca.pem"))]));
    assert_eq!(report.matches("Toàn vẹn: có").count(), 2, "{report}");
    assert_eq!(
        report.matches("tin cậy (tới chứng thư gốc đã cho)").count(),
        2,
        "{report}"
    );
    assert!(report.contains("Người ký: Nguyễn Văn Thành"), "{report}");
    assert!(
        report.contains("Phủ toàn bộ tệp: không ("),
        "the first signature precedes the second: {report}"
    );
    assert!(report.contains("+07:00"), "{report}");

    if needs_pyhanko() {
        let verdict = pyhanko(&signed, &pki.path("ca.pem"));
        let lines: Vec<&str> = verdict.lines().collect();
        assert_eq!(lines.len(), 2, "{verdict}");
        for line in &lines {
            assert!(line.contains(" True True True "), "intact, valid, trusted: {verdict}");
            assert!(line.ends_with(" True"), "bottom line: {verdict}");
        }
        assert!(lines[1].contains("ENTIRE_FILE"), "{verdict}");
    }

    // The record stays attached and extractable.
    let extracted = pki.path("extracted");
    ok(&run(&["extract", s(&signed), "-o", s(&extracted)]));
    assert_eq!(crate::support::files_in(&extracted), vec!["an-phu-2026-02-05.yaml"]);
}

#[test]
fn a_flipped_byte_after_signing_is_detected() {
    let pki = pki();
    let out = render(&pki, STATE_SAMPLE, &[]);
    let notice = out.join("an-phu-2026-02-05-thong-bao-ket-luan.pdf");
    let signed = out.join("an-phu-2026-02-05-thong-bao-ket-luan-da-ky.pdf");
    ok(&sign_person(&pki, &notice, &[]));
    let mut bytes = std::fs::read(&signed).unwrap();
    // A byte inside the first content stream: the file still parses, its text changed.
    let at = bytes.windows(7).position(|w| w == b"stream\n").unwrap() + 7 + 20;
    bytes[at] ^= 0x01;
    let tampered = out.join("tampered.pdf");
    std::fs::write(&tampered, &bytes).unwrap();
    let output = run(&["verify", s(&tampered), "--trust", s(&pki.path("ca.pem"))]);
    assert_eq!(output.status.code(), Some(4));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("Toàn vẹn: KHÔNG"), "{text}");
    if needs_pyhanko() {
        let verdict = pyhanko(&tampered, &pki.path("ca.pem"));
        assert!(verdict.contains(" False "), "pyHanko sees the change: {verdict}");
    }
}

/// The laid-out document's lines, to compare widgets with the signer block.
fn laid_out_lines(record: &str, kind: vanban::documents::DocKind) -> Vec<vanban::layout::inspect::TextLine> {
    let renderer = vanban::render::Renderer::new(vanban::compose::templates::TemplateSource::default()).unwrap();
    let prepared = vanban::prepare::prepare(Path::new(record)).unwrap();
    vanban::layout::inspect::lines(&renderer.layout(&prepared, kind).unwrap())
}

#[test]
fn minutes_are_signed_by_chair_and_secretary_where_the_rules_put_them() {
    let pki = pki();
    let out = render(&pki, PARTY_SAMPLE, &["--sign-fields"]);
    let minutes = out.join("tho-xuan-2024-03-27-xuan-truong-bien-ban.pdf");
    let empty = widgets(&minutes);
    let mut names: Vec<&str> = empty.iter().map(|w| w.0.as_str()).collect();
    names.sort();
    assert_eq!(
        names,
        ["chu-ky-chair", "chu-ky-secretary"],
        "render --sign-fields: one empty field per signer"
    );

    let refused = sign_person(&pki, &minutes, &[]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--signer"));

    let signed = out.join("tho-xuan-2024-03-27-xuan-truong-bien-ban-da-ky.pdf");
    ok(&sign_person(&pki, &minutes, &["--signer", "chair"]));
    ok(&sign_person(&pki, &signed, &["--signer", "secretary"]));
    for pdf in [&minutes, &signed] {
        let broken = crate::pdfa::violations(&std::fs::read(pdf).unwrap());
        assert!(
            broken.is_empty(),
            "PDF/A-3 clauses broken ({}): {broken:#?}",
            pdf.display()
        );
    }
    let again = sign_person(&pki, &signed, &["--signer", "chair"]);
    assert_eq!(again.status.code(), Some(1), "a place is signed once");

    let lines = laid_out_lines(PARTY_SAMPLE, vanban::documents::DocKind::MINUTES);
    for (name, rect, height) in widgets(&signed) {
        let (label, holder) = if name.ends_with("chair") {
            ("CHỦ TRÌ", "chair")
        } else {
            ("NGƯỜI GHI BIÊN BẢN", "secretary")
        };
        let position = lines
            .iter()
            .rev()
            .find(|l| l.text.contains(label))
            .unwrap_or_else(|| panic!("{label}"));
        let name_line = lines
            .iter()
            .find(|l| {
                l.page == position.page && l.y > position.y + 20.0 && (l.centre() - position.centre()).abs() < 5.0
            })
            .unwrap_or_else(|| panic!("name under {label}"));
        let (top, bottom) = (height - rect[3], height - rect[1]);
        assert!(
            top > position.y && bottom < name_line.y - 10.0,
            "{holder}: image between position and name: {rect:?} {position:?} {name_line:?}"
        );
        let centre = (rect[0] + rect[2]) / 2.0;
        assert!(
            (centre - name_line.centre()).abs() < 2.0,
            "{holder}: centred on the name: {centre} {}",
            name_line.centre()
        );
    }
    // the body's seal, over the chair's signature, after both people have signed
    ok(&sign_agency(&pki, &signed, &["--signer", "chair"]));
    let broken = crate::pdfa::violations(&std::fs::read(&signed).unwrap());
    assert!(broken.is_empty(), "PDF/A-3 clauses broken (seal): {broken:#?}");
    if needs_pyhanko() {
        let verdict = pyhanko(&signed, &pki.path("ca.pem"));
        assert_eq!(verdict.lines().filter(|l| l.ends_with(" True")).count(), 3, "{verdict}");
    }
}

#[test]
fn the_party_notice_is_signed_by_person_and_agency_too() {
    let pki = pki();
    let out = render(&pki, PARTY_SAMPLE, &[]);
    let notice = out.join("tho-xuan-2024-03-27-xuan-truong-thong-bao-ket-luan.pdf");
    let signed = out.join("tho-xuan-2024-03-27-xuan-truong-thong-bao-ket-luan-da-ky.pdf");
    ok(&sign_person(&pki, &notice, &[]));
    ok(&sign_agency(&pki, &signed, &[]));
    let broken = crate::pdfa::violations(&std::fs::read(&signed).unwrap());
    assert!(broken.is_empty(), "PDF/A-3 clauses broken: {broken:#?}");
    let report = ok(&run(&["verify", s(&signed), "--trust", s(&pki.path("ca.pem"))]));
    assert_eq!(report.matches("Toàn vẹn: có").count(), 2, "{report}");
    if needs_pyhanko() {
        let verdict = pyhanko(&signed, &pki.path("ca.pem"));
        assert_eq!(verdict.lines().filter(|l| l.ends_with(" True")).count(), 2, "{verdict}");
    }
}

#[test]
fn the_seal_covers_the_left_third_of_the_signature_at_real_size() {
    let pki = pki();
    let out = render(&pki, STATE_SAMPLE, &[]);
    let notice = out.join("an-phu-2026-02-05-thong-bao-ket-luan.pdf");
    let signed = out.join("an-phu-2026-02-05-thong-bao-ket-luan-da-ky.pdf");
    ok(&sign_person(&pki, &notice, &[]));
    ok(&sign_agency(&pki, &signed, &[]));
    let all = widgets(&signed);
    let person = all.iter().find(|w| w.0 == "chu-ky-signer").unwrap().1;
    let seal = all.iter().find(|w| w.0 == "con-dau-signer").unwrap().1;
    let mm = |pt: f64| pt * 25.4 / 72.0;
    assert!((mm(seal[2] - seal[0]) - 36.0).abs() < 0.2, "36 mm wide: {seal:?}");
    let third = person[0] + (person[2] - person[0]) / 3.0;
    assert!(
        (seal[2] - third).abs() < 0.5,
        "right edge a third into the signature: {seal:?} {person:?}"
    );
}

#[test]
fn bad_keys_and_passwords_are_clear_errors_without_the_password() {
    let pki = pki();
    let out = render(&pki, STATE_SAMPLE, &[]);
    let notice = out.join("an-phu-2026-02-05-thong-bao-ket-luan.pdf");
    let output = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args([
            "sign",
            s(&notice),
            "--p12",
            s(&pki.path("person.p12")),
            "--password-env",
            "WRONG_PW",
            "--image",
            s(&pki.path("chu-ky.png")),
        ])
        .env("WRONG_PW", "khong-dung-4711")
        .env("LANG", "vi_VN.UTF-8")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8_lossy(&output.stderr);
    assert!(
        text.contains("person.p12") && text.contains("sai mật khẩu hoặc không phải tệp .p12"),
        "{text}"
    );
    assert!(!text.contains("khong-dung-4711"), "{text}");
    assert!(
        !out.join("an-phu-2026-02-05-thong-bao-ket-luan-da-ky.pdf").exists(),
        "nothing written"
    );
    let (p12, image) = (pki.path("person.p12"), pki.path("chu-ky.png"));
    let unset = run(&[
        "sign",
        s(&notice),
        "--p12",
        s(&p12),
        "--password-env",
        "NO_SUCH_VAR_17",
        "--image",
        s(&image),
        "--lang",
        "en",
    ]);
    assert_eq!(unset.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unset.stderr).contains("`NO_SUCH_VAR_17`"));
}
