//! HTTPS (issue 26): off loopback `serve` speaks only TLS. Without a certificate it makes one
//! on first start, keeps it (the key readable by its owner only) and prints its fingerprint;
//! a client that pins that fingerprint logs in and gets a `Secure` session cookie; plain
//! HTTP gets no answer. An office's own certificate is used as given; a bad key is a clear
//! error that shows nothing of the key.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use rustls::pki_types::CertificateDer;

use crate::support::{add_user, stderr};
use crate::tls_client::fingerprint;

/// A server started with `args`; its port and the fingerprint it printed.
struct Running {
    child: Child,
    port: String,
    fingerprint: String,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(folder: &std::path::Path, args: &[&str]) -> Running {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .arg("serve")
        .arg(folder)
        .args(["--port", "0"])
        .args(args)
        .env("LANG", "vi_VN.UTF-8")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let (mut first, mut second) = (String::new(), String::new());
    out.read_line(&mut first).unwrap();
    out.read_line(&mut second).unwrap();
    let url = first
        .split_whitespace()
        .find(|w| w.starts_with("https://"))
        .unwrap_or_else(|| panic!("no https address in {first:?}"));
    let port = url.rsplit(':').next().unwrap().trim_end_matches('/').to_string();
    assert!(second.contains("dấu vân tay SHA-256"), "{second:?}");
    let fingerprint = second.trim().rsplit(' ').next().unwrap().to_string();
    Running {
        child,
        port,
        fingerprint,
    }
}

/// One HTTP/1.1 exchange over TLS, trusting only `pin`; the raw answer as text.
fn https(port: &str, pin: &str, head: &str, body: &str) -> Result<String, rustls::Error> {
    let request = format!(
        "{head}\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let answer = crate::tls_client::exchange(&format!("127.0.0.1:{port}"), pin, request.as_bytes())?;
    Ok(String::from_utf8_lossy(&answer).into_owned())
}

#[test]
fn off_loopback_only_https_with_a_certificate_made_once_and_its_fingerprint_printed() {
    let dir = tempfile::tempdir().unwrap();
    add_user(dir.path(), "mai", "van-thu", "mật khẩu văn thư");
    let server = start(dir.path(), &["--bind", "0.0.0.0"]);
    let cert = std::fs::read(dir.path().join(".vanban/tls/cert.pem")).unwrap();
    let der = rustls::pki_types::pem::PemObject::from_pem_slice(&cert)
        .map(|c: CertificateDer| c.to_vec())
        .unwrap();
    assert_eq!(
        server.fingerprint,
        fingerprint(&der),
        "the fingerprint printed is the certificate's"
    );
    let key = std::fs::metadata(dir.path().join(".vanban/tls/key.pem")).unwrap();
    assert_eq!(
        std::os::unix::fs::PermissionsExt::mode(&key.permissions()) & 0o777,
        0o600
    );

    // Plain HTTP gets no HTTP answer.
    let mut plain = TcpStream::connect(format!("127.0.0.1:{}", server.port)).unwrap();
    plain.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
    plain
        .write_all(b"GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .unwrap();
    let mut answer = Vec::new();
    let _ = plain.read_to_end(&mut answer);
    assert!(!answer.starts_with(b"HTTP/"), "{:?}", String::from_utf8_lossy(&answer));

    // A client that trusts another certificate does not get through.
    let other = "00:".repeat(31) + "00";
    assert!(https(&server.port, &other, "GET /login HTTP/1.1", "").is_err());

    // Pinned to the printed fingerprint: the login page, then a Secure session cookie.
    let page = https(&server.port, &server.fingerprint, "GET /login HTTP/1.1", "").unwrap();
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    let login = r#"{"name":"mai","password":"mật khẩu văn thư"}"#;
    let head = format!("POST /api/login HTTP/1.1\r\nOrigin: https://127.0.0.1:{}", server.port);
    let answer = https(&server.port, &server.fingerprint, &head, login).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let cookie = answer
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("set-cookie:"))
        .unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Secure"),
        "{cookie}"
    );
    let session = cookie
        .split_once(':')
        .unwrap()
        .1
        .split(';')
        .next()
        .unwrap()
        .trim()
        .to_string();
    let me = https(
        &server.port,
        &server.fingerprint,
        &format!("GET /api/me HTTP/1.1\r\nCookie: {session}"),
        "",
    )
    .unwrap();
    assert!(me.contains(r#""name":"mai""#), "{me}");
    let first = server.fingerprint.clone();
    drop(server);

    // Started again: the same certificate.
    let again = start(dir.path(), &["--bind", "0.0.0.0"]);
    assert_eq!(again.fingerprint, first);
}

#[test]
fn an_offices_own_certificate_is_used_and_a_bad_key_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let made = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
    let (cert, key) = (dir.path().join("office.crt"), dir.path().join("office.key"));
    std::fs::write(&cert, made.cert.pem()).unwrap();
    std::fs::write(&key, made.signing_key.serialize_pem()).unwrap();
    let (c, k) = (cert.to_str().unwrap(), key.to_str().unwrap());
    let server = start(dir.path(), &["--tls-cert", c, "--tls-key", k]);
    assert_eq!(server.fingerprint, fingerprint(made.cert.der()));
    let page = https(&server.port, &server.fingerprint, "GET / HTTP/1.1", "").unwrap();
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(
        !dir.path().join(".vanban/tls").exists(),
        "nothing made when a certificate is given"
    );
    drop(server);

    // A key that is not a key: the file is named, nothing of it is shown.
    std::fs::write(
        &key,
        "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5IGJ1dCBzZWNyZXQ=\n-----END PRIVATE KEY-----\n",
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args([
            "serve",
            dir.path().to_str().unwrap(),
            "--port",
            "0",
            "--tls-cert",
            c,
            "--tls-key",
            k,
        ])
        .env("LANG", "vi_VN.UTF-8")
        .output()
        .unwrap();
    let said = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert!(said.contains("office.key") && said.contains("khóa riêng"), "{said}");
    assert!(!said.contains("bm90IGEga2V5"), "{said}");
}
