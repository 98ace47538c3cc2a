//! A stand-in for a remote signing service, written from the public Cloud Signature Consortium
//! API v2 specification, for the integration tests and the signing bench: plain HTTP on
//! loopback, a thread answering `oauth2/token` (client credentials), `credentials/info`,
//! `credentials/authorize` (checks the PIN, counts its calls, binds the SAD to the hashes)
//! and `signatures/signHash` (checks the SAD, signs each hash with an RSA key, PKCS#1 v1.5
//! over its DigestInfo); asked to, it answers signHash with a `responseID` and gives the
//! signatures to `signatures/signPolling` only after some polls, as a service waiting for the
//! signer's phone would.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use base64ct::{Base64, Encoding};
use rsa::pkcs8::DecodePrivateKey;
use rsa::signature::SignatureEncoding;
use rsa::signature::hazmat::PrehashSigner;
use serde_json::{Value, json};

/// What the service holds and expects.
pub struct Setup {
    /// The credential's RSA key, PKCS#8 PEM.
    pub key_pem: String,
    /// The certificate, then its chain (DER).
    pub chain: Vec<Vec<u8>>,
    pub client_id: String,
    pub client_secret: String,
    pub pin: String,
    pub credential: String,
    /// Answer signHash with a `responseID`, and the signatures after this many polls.
    pub polls_before_approval: Option<usize>,
}

/// The running service; it stops answering when dropped.
pub struct StandIn {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    state: Arc<State>,
}

impl StandIn {
    /// How many times `credentials/authorize` was called.
    pub fn authorize_calls(&self) -> usize {
        self.state.authorize_calls.load(Ordering::SeqCst)
    }

    /// How many times `signatures/signHash` was called.
    pub fn sign_calls(&self) -> usize {
        self.state.sign_calls.load(Ordering::SeqCst)
    }

    /// Every request body the service received, for checks that no secret went astray.
    pub fn bodies(&self) -> Vec<String> {
        self.state.bodies.lock().unwrap().clone()
    }
}

impl Drop for StandIn {
    fn drop(&mut self) {
        self.state.stopped.store(1, Ordering::SeqCst);
        let _ = TcpStream::connect(self.url.trim_start_matches("http://"));
    }
}

struct State {
    setup: Setup,
    key: rsa::pkcs1v15::SigningKey<sha2::Sha256>,
    token: String,
    authorize_calls: AtomicUsize,
    sign_calls: AtomicUsize,
    polls: AtomicUsize,
    stopped: AtomicUsize,
    /// The SAD given and the hashes it is good for.
    sad: Mutex<Option<(String, Vec<String>)>>,
    pending: Mutex<Option<Vec<String>>>,
    bodies: Mutex<Vec<String>>,
}

/// Starts the service on a free loopback port.
pub fn start(setup: Setup) -> StandIn {
    let key = rsa::PrivateKey::from_pkcs8_pem(&setup.key_pem).expect("an RSA PKCS#8 key");
    let state = Arc::new(State {
        setup,
        key: rsa::pkcs1v15::SigningKey::new(key),
        token: "jeton-thu-nghiem".into(),
        authorize_calls: AtomicUsize::new(0),
        sign_calls: AtomicUsize::new(0),
        polls: AtomicUsize::new(0),
        stopped: AtomicUsize::new(0),
        sad: Mutex::new(None),
        pending: Mutex::new(None),
        bodies: Mutex::new(Vec::new()),
    });
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let serving = Arc::clone(&state);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            if serving.stopped.load(Ordering::SeqCst) != 0 {
                break;
            }
            if let Ok(stream) = stream {
                let _ = answer(&serving, stream);
            }
        }
    });
    StandIn { url, state }
}

/// Reads one request, answers it, closes the connection.
fn answer(state: &State, stream: TcpStream) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let path = line.split_whitespace().nth(1).unwrap_or_default().to_string();
    let (mut length, mut bearer) = (0, String::new());
    loop {
        let mut header = String::new();
        reader.read_line(&mut header)?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':').unwrap_or_default();
        match name.to_ascii_lowercase().as_str() {
            "content-length" => length = value.trim().parse().unwrap_or(0),
            "authorization" => bearer = value.trim().to_string(),
            _ => {}
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    let body = String::from_utf8_lossy(&body).into_owned();
    state.bodies.lock().unwrap().push(body.clone());
    let (status, reply) = route(state, &path, &bearer, &body);
    let text = reply.to_string();
    let mut stream = stream;
    write!(
        stream,
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
        text.len()
    )?;
    stream.flush()
}

fn error(description: &str) -> (u16, Value) {
    (
        400,
        json!({ "error": "invalid_request", "error_description": description }),
    )
}

fn route(state: &State, path: &str, bearer: &str, body: &str) -> (u16, Value) {
    if path == "/oauth2/token" {
        return token(state, body);
    }
    if bearer != format!("Bearer {}", state.token) {
        return (401, json!({ "error": "invalid_token" }));
    }
    let Ok(query) = serde_json::from_str::<Value>(body) else {
        return error("not JSON");
    };
    if path != "/csc/v2/signatures/signPolling" && query["credentialID"] != state.setup.credential.as_str() {
        return error("Invalid parameter credentialID");
    }
    match path {
        "/csc/v2/credentials/info" => info(state, &query),
        "/csc/v2/credentials/authorize" => authorize(state, &query),
        "/csc/v2/signatures/signHash" => sign_hash(state, &query),
        "/csc/v2/signatures/signPolling" => poll(state, &query),
        _ => (404, json!({ "error": "not_found" })),
    }
}

/// `grant_type=client_credentials&client_id=…&client_secret=…`.
fn token(state: &State, body: &str) -> (u16, Value) {
    let field = |name: &str| {
        body.split('&')
            .find_map(|pair| pair.strip_prefix(&format!("{name}=")))
            .map(decode)
            .unwrap_or_default()
    };
    if field("grant_type") != "client_credentials"
        || field("client_id") != state.setup.client_id
        || field("client_secret") != state.setup.client_secret
    {
        return (400, json!({ "error": "invalid_client" }));
    }
    (
        200,
        json!({ "access_token": state.token, "token_type": "Bearer", "expires_in": 3600 }),
    )
}

/// Percent-decoding of a form value.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("00");
                out.push(u8::from_str_radix(hex, 16).unwrap_or(0));
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn info(state: &State, query: &Value) -> (u16, Value) {
    let certificates: Vec<String> = match query["certificates"].as_str() {
        Some("chain") => state.setup.chain.iter().map(|c| Base64::encode_string(c)).collect(),
        Some("none") => vec![],
        _ => vec![Base64::encode_string(&state.setup.chain[0])],
    };
    (
        200,
        json!({
            "key": { "status": "enabled", "algo": ["1.2.840.113549.1.1.1", "1.2.840.113549.1.1.11"], "len": 2048 },
            "cert": { "status": "valid", "certificates": certificates },
            "auth": { "mode": "explicit", "objects": [{ "type": "Password", "id": "PIN", "format": "N", "label": "PIN" }] },
            "SCAL": "2",
            "multisign": 10,
        }),
    )
}

fn authorize(state: &State, query: &Value) -> (u16, Value) {
    let call = state.authorize_calls.fetch_add(1, Ordering::SeqCst) + 1;
    let pin = query["authData"]
        .as_array()
        .and_then(|objects| objects.iter().find(|o| o["id"] == "PIN"))
        .and_then(|o| o["value"].as_str());
    if pin != Some(state.setup.pin.as_str()) {
        return error("Invalid PIN");
    }
    let hashes: Vec<String> = query["hashes"]
        .as_array()
        .map(|h| h.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
        .unwrap_or_default();
    if query["numSignatures"].as_u64() != Some(hashes.len() as u64)
        || query["hashAlgorithmOID"] != "2.16.840.1.101.3.4.2.1"
    {
        return error("numSignatures, hashes or hashAlgorithmOID");
    }
    let sad = format!("sad-{call}");
    *state.sad.lock().unwrap() = Some((sad.clone(), hashes));
    (200, json!({ "SAD": sad, "expiresIn": 300 }))
}

fn sign_hash(state: &State, query: &Value) -> (u16, Value) {
    state.sign_calls.fetch_add(1, Ordering::SeqCst);
    let Some((sad, allowed)) = state.sad.lock().unwrap().take() else {
        return error("Invalid SAD");
    };
    let hashes: Vec<String> = query["hashes"]
        .as_array()
        .map(|h| h.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
        .unwrap_or_default();
    if query["SAD"] != sad.as_str() || hashes != allowed {
        return error("Invalid SAD");
    }
    if query["signAlgo"] != "1.2.840.113549.1.1.1" || query["hashAlgorithmOID"] != "2.16.840.1.101.3.4.2.1" {
        return error("signAlgo or hashAlgorithmOID");
    }
    let mut signatures = Vec::new();
    for hash in &hashes {
        let Ok(digest) = Base64::decode_vec(hash) else {
            return error("hashes");
        };
        let Ok(signature) = state.key.sign_prehash(&digest) else {
            return error("hashes");
        };
        signatures.push(Base64::encode_string(&signature.to_bytes()));
    }
    if state.setup.polls_before_approval.is_some() {
        *state.pending.lock().unwrap() = Some(signatures);
        return (200, json!({ "responseID": "phan-hoi-1" }));
    }
    (200, json!({ "signatures": signatures }))
}

/// While the signer has not approved: an answer without `signatures`.
fn poll(state: &State, query: &Value) -> (u16, Value) {
    if query["responseID"] != "phan-hoi-1" {
        return error("Invalid responseID");
    }
    let polls = state.polls.fetch_add(1, Ordering::SeqCst) + 1;
    if polls <= state.setup.polls_before_approval.unwrap_or(0) {
        return (200, json!({}));
    }
    match state.pending.lock().unwrap().take() {
        Some(signatures) => (200, json!({ "signatures": signatures })),
        None => error("Invalid responseID"),
    }
}
