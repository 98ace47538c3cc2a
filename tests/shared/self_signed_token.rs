//! A SoftHSM2 token made with OpenSSL's and SoftHSM's own tools, for the benches and the
//! browser tests (which cannot use the integration tests' PKI): a key and its self-issued
//! certificate as files, on a token, and a blue signature image.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Debian's SoftHSM2 module.
pub const SOFTHSM: &str = "/usr/lib/softhsm/libsofthsm2.so";

/// Runs `program` in `dir` with `env`; its output, or a panic naming it and what it said.
pub fn run(program: &str, args: &[&str], env: &[(&str, &str)], dir: &Path) -> std::process::Output {
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

/// Makes in `dir`: `key.pem` (PKCS#8) from OpenSSL's `-newkey` arguments `key`, `cert.pem`
/// and `cert.der` naming `subject`, the SoftHSM2 configuration `softhsm2.conf` (its path is
/// returned) and a token `label` holding the key and certificate (id 01) under `pin`, and a
/// blue signature image `chu-ky.png`.
pub fn make(dir: &Path, key: &[&str], subject: &str, label: &str, pin: &str) -> PathBuf {
    let conf = dir.join("softhsm2.conf");
    std::fs::create_dir(dir.join("tokens")).unwrap();
    let tokens = dir.join("tokens");
    std::fs::write(
        &conf,
        format!(
            "directories.tokendir = {}\nobjectstore.backend = file\n",
            tokens.display()
        ),
    )
    .unwrap();
    let hsm = [("SOFTHSM2_CONF", conf.to_str().unwrap())];
    let mut request = vec!["req", "-x509", "-newkey"];
    request.extend_from_slice(key);
    request.extend_from_slice(&["-nodes", "-keyout", "key.pem", "-utf8", "-subj", subject, "-days", "30"]);
    request.extend_from_slice(&["-out", "cert.pem"]);
    run("openssl", &request, &[], dir);
    run(
        "openssl",
        &["x509", "-in", "cert.pem", "-outform", "DER", "-out", "cert.der"],
        &[],
        dir,
    );
    let init = [
        "--init-token",
        "--free",
        "--label",
        label,
        "--so-pin",
        "13572468",
        "--pin",
        pin,
    ];
    run("softhsm2-util", &init, &hsm, dir);
    let import = [
        "--import", "key.pem", "--token", label, "--label", "ky", "--id", "01", "--pin", pin,
    ];
    run("softhsm2-util", &import, &hsm, dir);
    let certificate = [
        "--module",
        SOFTHSM,
        "--token-label",
        label,
        "--login",
        "--pin",
        pin,
        "--write-object",
        "cert.der",
        "--type",
        "cert",
        "--id",
        "01",
    ];
    run("pkcs11-tool", &certificate, &hsm, dir);
    let mut encoder = png::Encoder::new(std::fs::File::create(dir.join("chu-ky.png")).unwrap(), 300, 120);
    encoder.set_color(png::ColorType::Rgba);
    let pixels: Vec<u8> = (0..120u32)
        .flat_map(|y| {
            (0..300u32).flat_map(move |x| {
                if (x / 3 + y) % 40 < 4 {
                    [20, 40, 200, 255]
                } else {
                    [0; 4]
                }
            })
        })
        .collect();
    encoder.write_header().unwrap().write_image_data(&pixels).unwrap();
    conf
}
