//! `cargo bench --bench signing`: 50 notices signed in one command with a key on a SoftHSM2
//! token (one PIN, one login), through the real PKCS#11 module; prints the time per
//! document, the same with a .p12 file for comparison, in two phases (`--prepare`, the
//! digest signed by OpenSSL with the .p12's key as a key elsewhere would, `--finish`), and
//! through a remote signing service (`--csc`, the tests' CSC API v2 stand-in on loopback
//! holding the same key): 50 notices in one command (one PIN, one approval), then one
//! notice per command. Needs `softhsm2-util`, `pkcs11-tool` and `openssl` (as the tests
//! do); says so and stops without them.

use std::path::Path;
use std::time::Instant;

#[path = "../tests/shared/self_signed_token.rs"]
mod token;

#[path = "../tests/shared/csc_standin.rs"]
mod csc_standin;

use token::{SOFTHSM, run};

const BIN: &str = env!("CARGO_BIN_EXE_vanban");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const DOCUMENTS: usize = 50;

fn main() {
    let found =
        |p: &str| std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()).any(|d| d.join(p).is_file());
    if !Path::new(SOFTHSM).exists() || !found("softhsm2-util") || !found("pkcs11-tool") || !found("openssl") {
        println!("signing: skipped, softhsm2, opensc or openssl is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A self-signed RSA-2048 signer on a token, and as a .p12.
    let conf = token::make(d, &["rsa:2048"], "/CN=Nguyen Van Thanh", "bench", "246810");
    let conf = conf.to_str().unwrap().to_string();
    run(
        "openssl",
        &[
            "pkcs12",
            "-export",
            "-inkey",
            "key.pem",
            "-in",
            "cert.pem",
            "-out",
            "signer.p12",
            "-passout",
            "pass:mat-khau",
        ],
        &[],
        d,
    );

    let sample = Path::new(ROOT).join("samples/an-phu-2026-02-05.yaml");
    run(
        BIN,
        &["render", sample.to_str().unwrap(), "--archive", "-o", "out"],
        &[],
        d,
    );
    let notice = d.join("out/an-phu-2026-02-05-thong-bao-ket-luan.pdf");
    for (label, extra) in [
        (
            "token (SoftHSM2, PKCS#11)",
            vec!["--pkcs11", SOFTHSM, "--pin-env", "PIN"],
        ),
        (".p12 file", vec!["--p12", "signer.p12", "--password-env", "PW"]),
    ] {
        let batch = d.join(format!("batch-{}", extra[0].trim_start_matches('-')));
        std::fs::create_dir(&batch).unwrap();
        let files: Vec<String> = (0..DOCUMENTS)
            .map(|i| {
                let file = batch.join(format!("thong-bao-{i:02}.pdf"));
                std::fs::copy(&notice, &file).unwrap();
                file.display().to_string()
            })
            .collect();
        let mut args = vec!["sign"];
        args.extend(files.iter().map(String::as_str));
        args.extend(extra.iter().copied());
        args.extend(["--image", "chu-ky.png"]);
        let env = [
            ("SOFTHSM2_CONF", conf.as_str()),
            ("PIN", "246810"),
            ("PW", "mat-khau"),
            ("LANG", "vi_VN.UTF-8"),
        ];
        let start = Instant::now();
        run(BIN, &args, &env, d);
        let took = start.elapsed();
        println!(
            "signing: {DOCUMENTS} notices with a {label}, one command: {:.1} s, {:.0} ms per document",
            took.as_secs_f64(),
            took.as_secs_f64() * 1000.0 / DOCUMENTS as f64
        );
    }
    two_phases(d, &notice);
    remote(d, &notice);
}

/// The notices signed through the CSC stand-in holding `key.pem`: 50 in one command, then
/// 10 with one command each (token, certificate, PIN, signature: four calls a command).
fn remote(d: &Path, notice: &Path) {
    let service = csc_standin::start(csc_standin::Setup {
        key_pem: std::fs::read_to_string(d.join("key.pem")).unwrap(),
        chain: vec![std::fs::read(d.join("cert.der")).unwrap()],
        client_id: "bench".into(),
        client_secret: "bi-mat".into(),
        pin: "246810".into(),
        credential: "chung-thu".into(),
        polls_before_approval: None,
    });
    let env = [
        ("LANG", "vi_VN.UTF-8"),
        ("VANBAN_CSC_CLIENT_ID", "bench"),
        ("VANBAN_CSC_CLIENT_SECRET", "bi-mat"),
        ("PIN", "246810"),
    ];
    let csc = [
        "--csc",
        service.url.as_str(),
        "--csc-credential",
        "chung-thu",
        "--pin-env",
        "PIN",
    ];
    let batch = d.join("batch-csc");
    std::fs::create_dir(&batch).unwrap();
    let files: Vec<String> = (0..DOCUMENTS)
        .map(|i| {
            let file = batch.join(format!("thong-bao-{i:02}.pdf"));
            std::fs::copy(notice, &file).unwrap();
            file.display().to_string()
        })
        .collect();
    let mut args = vec!["sign"];
    args.extend(files.iter().map(String::as_str));
    args.extend(csc);
    args.extend(["--image", "chu-ky.png"]);
    let start = Instant::now();
    run(BIN, &args, &env, d);
    let took = start.elapsed();
    println!(
        "signing: {DOCUMENTS} notices through a remote service (CSC API v2 stand-in on loopback), one command: {:.1} s, {:.0} ms per document",
        took.as_secs_f64(),
        took.as_secs_f64() * 1000.0 / DOCUMENTS as f64
    );
    const SINGLE: usize = 10;
    let start = Instant::now();
    for file in files.iter().take(SINGLE) {
        let output = file.replace(".pdf", "-tu-xa.pdf");
        let mut args = vec!["sign", file.as_str()];
        args.extend(csc);
        args.extend(["--image", "chu-ky.png", "-o", output.as_str()]);
        run(BIN, &args, &env, d);
    }
    let took = start.elapsed();
    println!(
        "signing: {SINGLE} notices through a remote service, one command each: {:.0} ms per document",
        took.as_secs_f64() * 1000.0 / SINGLE as f64
    );
    assert_eq!(service.authorize_calls(), 1 + SINGLE, "one authorization a command");
}

/// Each notice prepared, its digest signed by `openssl pkeyutl` (RSA PKCS#1 v1.5), finished:
/// three commands a document, as a server and a key elsewhere would run them.
fn two_phases(d: &Path, notice: &Path) {
    use base64ct::{Base64, Encoding};
    let batch = d.join("batch-two-phase");
    std::fs::create_dir(&batch).unwrap();
    let env = [("LANG", "vi_VN.UTF-8")];
    let start = Instant::now();
    for i in 0..DOCUMENTS {
        let (pdf, prepared) = (
            batch.join(format!("thong-bao-{i:02}.pdf")),
            batch.join(format!("cho-ky-{i:02}.pdf")),
        );
        std::fs::copy(notice, &pdf).unwrap();
        let (pdf, prepared_name) = (pdf.to_str().unwrap(), prepared.to_str().unwrap());
        let args = [
            "sign",
            pdf,
            "--prepare",
            "--cert",
            "cert.pem",
            "--image",
            "chu-ky.png",
            "-o",
            prepared_name,
        ];
        let said = run(BIN, &args, &env, d);
        let line: serde_json::Value = serde_json::from_slice(&said.stdout).unwrap();
        let digest = Base64::decode_vec(line["digest"].as_str().unwrap()).unwrap();
        std::fs::write(d.join("digest.bin"), digest).unwrap();
        let sign = [
            "pkeyutl",
            "-sign",
            "-inkey",
            "key.pem",
            "-pkeyopt",
            "digest:sha256",
            "-in",
            "digest.bin",
        ];
        let signature = run("openssl", &sign, &[], d).stdout;
        std::fs::write(d.join("signature.b64"), Base64::encode_string(&signature)).unwrap();
        run(
            BIN,
            &["sign", prepared_name, "--finish", "--signature", "signature.b64"],
            &env,
            d,
        );
    }
    let took = start.elapsed();
    println!(
        "signing: {DOCUMENTS} notices in two phases (prepare, OpenSSL signs the digest, finish): {:.1} s, {:.0} ms per document",
        took.as_secs_f64(),
        took.as_secs_f64() * 1000.0 / DOCUMENTS as f64
    );
}
