//! Slow clients (issue 37): a connection that stalls inside its headers, says nothing after
//! its TLS handshake, stops sending its body or sits idle after an answer is closed after a
//! bounded time. The limits are shortened through the environment; the pages' long poll,
//! which holds its answer longer than both, still works, and so do ordinary requests.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::server::Server;

/// The header and idle limits the servers here run with.
const LIMIT: Duration = Duration::from_millis(1500);

/// How long past the limit a connection may take to be closed.
const MARGIN: Duration = Duration::from_secs(10);

fn short_limits() -> [(&'static str, &'static str); 2] {
    [("VANBAN_HEADER_TIMEOUT_MS", "1500"), ("VANBAN_IDLE_TIMEOUT_MS", "1500")]
}

/// Reads `stream` until the server closes it; what it sent, and how long that took. Fails if
/// the connection is still open after the limit and the margin.
fn until_closed(stream: &mut impl Read) -> (Vec<u8>, Duration) {
    let started = Instant::now();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => panic!(
                "still open after {:?}; received {:?}",
                started.elapsed(),
                String::from_utf8_lossy(&got)
            ),
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            // Reset, or TCP closed without TLS's close_notify: closed either way.
            Err(_) => break,
        }
    }
    (got, started.elapsed())
}

/// A TCP connection to `server` that gives up reading after the limit and the margin.
fn connect(server: &Server) -> TcpStream {
    let tcp = TcpStream::connect(&server.address).unwrap();
    tcp.set_read_timeout(Some(LIMIT + MARGIN)).unwrap();
    tcp
}

#[test]
fn a_client_stalling_inside_its_headers_is_closed() {
    let server = Server::start_with_env(&[], &short_limits());
    let mut tcp = connect(&server);
    tcp.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n").unwrap();
    let (got, after) = until_closed(&mut tcp);
    assert!(got.is_empty(), "{:?}", String::from_utf8_lossy(&got));
    assert!(after >= LIMIT / 2, "closed after {after:?}, before the limit");
    // The server still answers others.
    assert_eq!(server.get("/api/changes").status, 200);
}

#[test]
fn a_kept_alive_connection_left_idle_is_closed() {
    let server = Server::start_with_env(&[], &short_limits());
    let mut tcp = connect(&server);
    let request = format!("GET /api/changes HTTP/1.1\r\nHost: {}\r\n\r\n", server.address);
    tcp.write_all(request.as_bytes()).unwrap();
    let (got, after) = until_closed(&mut tcp);
    let got = String::from_utf8_lossy(&got);
    assert!(got.starts_with("HTTP/1.1 200"), "{got:?}");
    assert!(after >= LIMIT / 2, "closed after {after:?}, before the limit");
}

#[test]
fn a_body_that_stops_arriving_is_closed() {
    let server = Server::start_with_env(&[], &short_limits());
    let mut tcp = connect(&server);
    let head = format!(
        "POST /api/preview HTTP/1.1\r\nHost: {0}\r\nOrigin: http://{0}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"path\":",
        server.address
    );
    tcp.write_all(head.as_bytes()).unwrap();
    let (got, after) = until_closed(&mut tcp);
    // Nothing was answered: the handler was waiting for the rest of the body.
    assert!(got.is_empty(), "{:?}", String::from_utf8_lossy(&got));
    assert!(after >= LIMIT / 2, "closed after {after:?}, before the limit");
}

#[test]
fn an_https_client_silent_after_its_handshake_is_closed() {
    let server = Server::start_with_env(&["--tls"], &short_limits());
    let mut client = crate::tls_client::client(server.pin.as_deref().unwrap());
    let mut tcp = connect(&server);
    while client.is_handshaking() {
        client.complete_io(&mut tcp).unwrap();
    }
    let (got, after) = until_closed(&mut rustls::Stream::new(&mut client, &mut tcp));
    assert!(got.is_empty(), "{:?}", String::from_utf8_lossy(&got));
    assert!(after >= LIMIT / 2, "closed after {after:?}, before the limit");
    // Ordinary requests over HTTPS still work.
    assert_eq!(server.get("/api/changes").status, 200);
}

#[test]
fn the_long_poll_outlasts_the_limits() {
    let server = Server::start_with_env(&[], &short_limits());
    let now = server.get("/api/changes").json()["generation"].as_u64().unwrap();
    let path = server.folder.join("assessments/xuan-truong-2024-ntm.yaml");
    // The change lands well after both limits have passed on the waiting connection.
    let hold = LIMIT * 3;
    let writer = std::thread::spawn(move || {
        std::thread::sleep(hold);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replace("unmet: 1", "unmet: 2")).unwrap();
    });
    let started = Instant::now();
    let changed = server.get(&format!("/api/changes?since={now}"));
    writer.join().unwrap();
    assert_eq!(changed.status, 200, "{}", changed.text());
    assert!(started.elapsed() >= hold, "answered after {:?}", started.elapsed());
    let changed = changed.json();
    assert!(changed["generation"].as_u64().unwrap() > now, "{changed}");
    // Ordinary requests still work.
    let records = server.get("/api/records");
    assert_eq!(records.status, 200, "{}", records.text());
}
