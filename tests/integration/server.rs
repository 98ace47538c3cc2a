//! Helpers for the `vanban serve` tests: a server on a free port over a copy of the samples,
//! and a plain HTTP/1.1 client on a TCP socket (every request really goes over HTTP).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::support::copy_samples;

/// A running `vanban serve`, stopped when dropped.
pub struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    pub address: String,
    /// The URL it printed (with `?token=` when a token is required).
    pub url: String,
    /// The working folder (a copy of the samples).
    pub folder: PathBuf,
    /// Over HTTPS: the certificate's fingerprint the server printed, which requests trust.
    pub pin: Option<String>,
    _dir: Option<tempfile::TempDir>,
}

impl Server {
    /// A server over a fresh copy of the samples, with extra `args`.
    pub fn start(args: &[&str]) -> Server {
        let dir = tempfile::tempdir().unwrap();
        copy_samples(dir.path());
        let folder = dir.path().to_path_buf();
        let mut server = Server::start_in(&folder, args);
        server._dir = Some(dir);
        server
    }

    /// A server over a fresh copy of the samples, with extra `args` and environment `env`.
    pub fn start_with_env(args: &[&str], env: &[(&str, &str)]) -> Server {
        let dir = tempfile::tempdir().unwrap();
        copy_samples(dir.path());
        let folder = dir.path().to_path_buf();
        let mut server = Server::launch(&folder, args, env);
        server._dir = Some(dir);
        server
    }

    /// A server over `folder`.
    pub fn start_in(folder: &Path, args: &[&str]) -> Server {
        Server::launch(folder, args, &[])
    }

    /// A server over `folder`, with `env` set.
    pub fn start_in_with_env(folder: &Path, args: &[&str], env: &[(&str, &str)]) -> Server {
        Server::launch(folder, args, env)
    }

    fn launch(folder: &Path, args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
            .arg("serve")
            .arg(folder)
            .args(["--port", "0"])
            .args(args)
            .envs(env.iter().copied())
            .env("LANG", "vi_VN.UTF-8")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut line = String::new();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        out.read_line(&mut line).unwrap();
        // Over HTTPS a second line gives the certificate's fingerprint, its last word.
        let pin = line.contains("https://").then(|| {
            let mut second = String::new();
            out.read_line(&mut second).unwrap();
            second.split_whitespace().last().unwrap_or_default().to_string()
        });
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://") || w.starts_with("https://"))
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        let port = url.split(':').nth(2).unwrap().split('/').next().unwrap().to_string();
        Server {
            child,
            address: format!("127.0.0.1:{port}"),
            url,
            folder: folder.to_path_buf(),
            pin,
            _dir: None,
        }
    }

    /// The process id, to read its memory (the bench does).
    #[allow(dead_code)]
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// How the server ended, if it has (the browser tests say it when a page stops).
    #[allow(dead_code)]
    pub fn ended(&mut self) -> Option<std::process::ExitStatus> {
        self.child.try_wait().ok().flatten()
    }

    /// A request with the usual headers (Host = the address) plus `extra`.
    pub fn request(&self, method: &str, target: &str, extra: &[(&str, &str)], body: &[u8]) -> Response {
        let mut headers = vec![("Host", self.address.as_str())];
        headers.extend_from_slice(extra);
        let request = request_bytes(method, target, &headers, body);
        match &self.pin {
            Some(pin) => parse(&crate::tls_client::exchange(&self.address, pin, &request).unwrap()),
            None => send(&self.address, &request),
        }
    }

    /// `GET target`.
    pub fn get(&self, target: &str) -> Response {
        self.request("GET", target, &[], b"")
    }

    /// Logs `name` in; the session cookie (checked `HttpOnly` and `SameSite=Strict`).
    pub fn login(&self, name: &str, password: &str) -> String {
        let response = self.post("/api/login", &serde_json::json!({ "name": name, "password": password }));
        assert_eq!(response.status, 200, "{}", response.text());
        let cookie = response.header("set-cookie").unwrap();
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
            "{cookie}"
        );
        cookie.split(';').next().unwrap().to_string()
    }

    /// `POST target` with a JSON body and a session cookie, from the app's own origin.
    pub fn post_as(&self, cookie: &str, target: &str, json: &serde_json::Value) -> Response {
        let scheme = if self.pin.is_some() { "https" } else { "http" };
        let origin = format!("{scheme}://{}", self.address);
        let body = serde_json::to_vec(json).unwrap();
        let headers = [
            ("Content-Type", "application/json"),
            ("Origin", origin.as_str()),
            ("Cookie", cookie),
        ];
        self.request("POST", target, &headers, &body)
    }

    /// `POST target` with a JSON body, from the app's own origin.
    pub fn post(&self, target: &str, json: &serde_json::Value) -> Response {
        let scheme = if self.pin.is_some() { "https" } else { "http" };
        let origin = format!("{scheme}://{}", self.address);
        let body = serde_json::to_vec(json).unwrap();
        self.request(
            "POST",
            target,
            &[("Content-Type", "application/json"), ("Origin", &origin)],
            &body,
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP response.
#[derive(Debug)]
pub struct Response {
    /// Status code.
    pub status: u16,
    /// Header lines, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// Body bytes.
    pub body: Vec<u8>,
}

impl Response {
    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// One HTTP/1.1 request on a new connection.
pub fn http(address: &str, method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Response {
    send(address, &request_bytes(method, target, headers, body))
}

fn request_bytes(method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut head = format!(
        "{method} {target} HTTP/1.1\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

fn send(address: &str, request: &[u8]) -> Response {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    // A refused request may be answered before the whole body is sent.
    let _ = stream.write_all(request);
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    parse(&raw)
}

fn parse(raw: &[u8]) -> Response {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no response head in {:?}", String::from_utf8_lossy(raw)));
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers.iter().any(|(n, v)| n == "transfer-encoding" && v == "chunked") {
        body = dechunk(&body);
    }
    Response { status, headers, body }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = data.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&data[..end]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&data[end + 2..end + 2 + size]);
        data = &data[end + 4 + size..];
    }
    out
}
