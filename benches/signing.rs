//! `cargo bench --bench signing`: 50 notices signed in one command with a key on a SoftHSM2
//! token (one PIN, one login), through the real PKCS#11 module; prints the time per
//! document, and the same with a .p12 file for comparison. Needs `softhsm2-util`,
//! `pkcs11-tool` and `openssl` (as the tests do); says so and stops without them.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

const BIN: &str = env!("CARGO_BIN_EXE_vanban");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const SOFTHSM: &str = "/usr/lib/softhsm/libsofthsm2.so";
const DOCUMENTS: usize = 50;

fn run(program: &str, args: &[&str], env: &[(&str, &str)], dir: &Path) -> std::process::Output {
    let output = Command::new(program)
        .args(args)
        .envs(env.iter().copied())
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"));
    assert!(
        output.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn main() {
    let found =
        |p: &str| std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()).any(|d| d.join(p).is_file());
    if !Path::new(SOFTHSM).exists() || !found("softhsm2-util") || !found("pkcs11-tool") || !found("openssl") {
        println!("signing: skipped, softhsm2, opensc or openssl is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let conf = d.join("softhsm2.conf");
    std::fs::create_dir(d.join("tokens")).unwrap();
    std::fs::write(
        &conf,
        format!(
            "directories.tokendir = {}\nobjectstore.backend = file\n",
            d.join("tokens").display()
        ),
    )
    .unwrap();
    let conf = conf.to_str().unwrap().to_string();
    let hsm = [("SOFTHSM2_CONF", conf.as_str())];
    // A self-signed RSA-2048 signer, as a key file, a certificate, and a .p12.
    run(
        "openssl",
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "key.pem",
            "-subj",
            "/CN=Nguyen Van An",
            "-days",
            "30",
            "-out",
            "cert.pem",
        ],
        &[],
        d,
    );
    run(
        "openssl",
        &["pkcs8", "-topk8", "-nocrypt", "-in", "key.pem", "-out", "key8.pem"],
        &[],
        d,
    );
    run(
        "openssl",
        &["x509", "-in", "cert.pem", "-outform", "DER", "-out", "cert.der"],
        &[],
        d,
    );
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
    run(
        "softhsm2-util",
        &[
            "--init-token",
            "--free",
            "--label",
            "bench",
            "--so-pin",
            "13572468",
            "--pin",
            "246810",
        ],
        &hsm,
        d,
    );
    run(
        "softhsm2-util",
        &[
            "--import", "key8.pem", "--token", "bench", "--label", "ky", "--id", "01", "--pin", "246810",
        ],
        &hsm,
        d,
    );
    run(
        "pkcs11-tool",
        &[
            "--module",
            SOFTHSM,
            "--token-label",
            "bench",
            "--login",
            "--pin",
            "246810",
            "--write-object",
            "cert.der",
            "--type",
            "cert",
            "--id",
            "01",
        ],
        &hsm,
        d,
    );
    // A blue stroke, the person's signature image.
    let mut encoder = png::Encoder::new(std::fs::File::create(d.join("chu-ky.png")).unwrap(), 120, 40);
    encoder.set_color(png::ColorType::Rgba);
    let mut writer = encoder.write_header().unwrap();
    let pixels: Vec<u8> = (0..120 * 40)
        .flat_map(|i| {
            if i % 120 == i / 120 * 3 {
                [20, 40, 200, 255]
            } else {
                [0, 0, 0, 0]
            }
        })
        .collect();
    writer.write_image_data(&pixels).unwrap();
    drop(writer);

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
}
