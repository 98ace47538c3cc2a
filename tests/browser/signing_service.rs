//! A stand-in for Ban Cơ yếu's signing service on the signer's PC, as public integration code
//! shows it (there is no public specification): secure WebSocket on loopback, one JSON
//! message per connection to `wss://127.0.0.1:PORT/<Operation>`, one text answer, then the
//! socket closes. `GetCertInfo` answers the token's certificate in `CertBase64` (the answer's
//! shape is inferred); `SignMsg` in hash mode (`{"HashAlg":"SHA256","HashValue":<base64>,
//! "Encode":"RSA"}`) has the SoftHSM2 token sign the digest's DigestInfo with RSA PKCS#1 v1.5
//! (through `pkcs11-tool`, as the token's own software would) and answers `{"Status":0,
//! "Signature":<base64>,"CertBase64":<base64>}`. The TLS certificate is self-signed; the
//! test's Chromium accepts it (`acceptInsecureCerts`).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use base64ct::{Base64, Encoding};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use serde_json::{Value, json};
use tungstenite::Message;
use tungstenite::handshake::server::{Request, Response};

use crate::token::{SOFTHSM, run};

/// SHA-256's DigestInfo before the digest (RFC 8017, 9.2 note 1).
const SHA256_DIGEST_INFO: [u8; 19] = [
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
];

/// A token the service signs with: SoftHSM2's configuration, the token's label and PIN, and
/// the certificate on it (DER).
#[derive(Clone)]
pub struct Token {
    pub conf: PathBuf,
    pub label: String,
    pub pin: String,
    pub certificate: Vec<u8>,
}

/// What the service does.
#[derive(Clone)]
pub enum Mode {
    /// Not running: every connection is dropped before the handshake.
    Down,
    /// Signs with this token.
    Signs(Token),
    /// The person cancels in the service's window: `Status` 1, no signature.
    Cancels(Token),
}

/// The running stand-in: its port, what it does now, and the operations it was asked.
pub struct Service {
    pub port: u16,
    pub mode: Arc<Mutex<Mode>>,
    pub asked: Arc<Mutex<Vec<String>>>,
}

impl Service {
    /// Starts the service on a free loopback port, in `mode`; it serves until the test ends.
    pub fn start(mode: Mode) -> Service {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let made = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string(), "localhost".to_string()]).unwrap();
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(
                vec![CertificateDer::from(made.cert.der().to_vec())],
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(made.signing_key.serialize_der())),
            )
            .unwrap();
        let config = Arc::new(config);
        let mode = Arc::new(Mutex::new(mode));
        let asked = Arc::new(Mutex::new(Vec::new()));
        let (serving, log) = (mode.clone(), asked.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (config, mode, log) = (config.clone(), serving.clone(), log.clone());
                std::thread::spawn(move || {
                    let now = mode.lock().unwrap().clone();
                    if let Err(e) = serve_one(stream, config, &now, &log) {
                        eprintln!("signing service: {e}");
                    }
                });
            }
        });
        Service { port, mode, asked }
    }

    /// `wss://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("wss://127.0.0.1:{}", self.port)
    }

    /// Does `mode` from now on.
    pub fn set(&self, mode: Mode) {
        *self.mode.lock().unwrap() = mode;
    }

    /// The operations asked so far.
    pub fn asked(&self) -> Vec<String> {
        self.asked.lock().unwrap().clone()
    }
}

/// One connection: TLS, the WebSocket handshake (the operation is the path), one message in,
/// one answer out, closed.
fn serve_one(
    stream: std::net::TcpStream,
    config: Arc<rustls::ServerConfig>,
    mode: &Mode,
    log: &Mutex<Vec<String>>,
) -> Result<(), String> {
    if matches!(mode, Mode::Down) {
        return Ok(());
    }
    let tls = rustls::ServerConnection::new(config).map_err(|e| e.to_string())?;
    let stream = rustls::StreamOwned::new(tls, stream);
    let mut operation = String::new();
    // The callback's error type is tungstenite's own (an HTTP response), not ours to shrink.
    #[allow(clippy::result_large_err)]
    let callback = |request: &Request, response: Response| {
        operation = request.uri().path().trim_start_matches('/').to_string();
        Ok(response)
    };
    let mut socket = tungstenite::accept_hdr(stream, callback).map_err(|e| e.to_string())?;
    let message = socket.read().map_err(|e| e.to_string())?;
    let asked: Value = serde_json::from_str(message.to_text().map_err(|e| e.to_string())?).unwrap_or(Value::Null);
    log.lock().unwrap().push(operation.clone());
    let answer = answer(&operation, &asked, mode);
    socket
        .send(Message::text(answer.to_string()))
        .map_err(|e| e.to_string())?;
    let _ = socket.close(None);
    let _ = socket.flush();
    Ok(())
}

/// The service's answer to `operation` with `asked`.
fn answer(operation: &str, asked: &Value, mode: &Mode) -> Value {
    let (Mode::Signs(token) | Mode::Cancels(token)) = mode else {
        return json!({ "Status": 1 });
    };
    let certificate = Base64::encode_string(&token.certificate);
    match operation {
        "GetCertInfo" => json!({ "Status": 0, "CertBase64": certificate }),
        "SignMsg" if matches!(mode, Mode::Cancels(_)) => json!({ "Status": 1 }),
        "SignMsg" => {
            let hash_mode = asked["HashAlg"] == "SHA256" && asked["Encode"] == "RSA";
            let digest = asked["HashValue"].as_str().and_then(|h| Base64::decode_vec(h).ok());
            match digest.filter(|d| hash_mode && d.len() == 32) {
                Some(digest) => json!({
                    "Status": 0,
                    "Signature": Base64::encode_string(&sign(token, &digest)),
                    "CertBase64": certificate,
                }),
                None => json!({ "Status": 2 }),
            }
        }
        _ => json!({ "Status": 3 }),
    }
}

/// RSA PKCS#1 v1.5 over `digest`'s DigestInfo, by the key on `token`.
fn sign(token: &Token, digest: &[u8]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let mut info = SHA256_DIGEST_INFO.to_vec();
    info.extend_from_slice(digest);
    std::fs::write(dir.path().join("in.bin"), info).unwrap();
    let args = [
        "--module",
        SOFTHSM,
        "--token-label",
        &token.label,
        "--login",
        "--pin",
        &token.pin,
        "--sign",
        "--mechanism",
        "RSA-PKCS",
        "--id",
        "01",
        "--input-file",
        "in.bin",
        "--output-file",
        "out.bin",
    ];
    run(
        "pkcs11-tool",
        &args,
        &[("SOFTHSM2_CONF", token.conf.to_str().unwrap())],
        dir.path(),
    );
    std::fs::read(dir.path().join("out.bin")).unwrap()
}

/// A SoftHSM2 token made in `dir` holding an RSA-2048 key and its self-issued certificate
/// naming `subject`, for the service.
pub fn token(dir: &Path, subject: &str, label: &str, pin: &str) -> Token {
    std::fs::create_dir_all(dir).unwrap();
    let conf = crate::token::make(dir, &["rsa:2048"], subject, label, pin);
    Token {
        conf,
        label: label.to_string(),
        pin: pin.to_string(),
        certificate: std::fs::read(dir.join("cert.der")).unwrap(),
    }
}
