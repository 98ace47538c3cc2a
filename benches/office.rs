//! `cargo bench --bench office`: an office of 50 people on one `vanban serve` over loopback,
//! each saving a record of their own every 2 s for 60 s (`VANBAN_BENCH_SECONDS` changes the
//! length). Every save must be answered 200, none lost: at the end each file holds the last
//! text its person saved, the office keeps one version per save, the audit log has one entry
//! per save and its chain holds. Prints the save times (median, p95, the slowest) and the
//! server's resident memory.

use std::sync::Arc;
use std::time::{Duration, Instant};

#[allow(dead_code)]
#[path = "../tests/integration/support.rs"]
mod support;

#[allow(dead_code)]
#[path = "../tests/integration/server.rs"]
mod server;

#[allow(dead_code)]
#[path = "../tests/integration/tls_client.rs"]
mod tls_client;

use server::Server;

const PEOPLE: usize = 50;
const EVERY: Duration = Duration::from_secs(2);
const SEED: &str = "xuan-truong-2024.yaml";

fn main() {
    let seconds: u64 = std::env::var("VANBAN_BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path();
    support::copy_samples(folder);
    let seed = std::fs::read_to_string(folder.join(SEED)).unwrap();
    for i in 0..PEOPLE {
        support::add_user(
            folder,
            &format!("cv{i:02}"),
            "soan-thao",
            &format!("mật khẩu số {i:02}"),
        );
        std::fs::write(folder.join(record(i)), &seed).unwrap();
    }
    let server = Arc::new(Server::start_in(folder, &[]));
    let cookies: Vec<String> = (0..PEOPLE)
        .map(|i| server.login(&format!("cv{i:02}"), &format!("mật khẩu số {i:02}")))
        .collect();
    // Ten people log in again: sixty password checks in all.
    for i in 0..10 {
        server.login(&format!("cv{i:02}"), &format!("mật khẩu số {i:02}"));
    }
    println!(
        "office: {PEOPLE} people, each saving a record of their own every {EVERY:?} for {seconds} s; server after 60 logins {}",
        resident(&server)
    );
    let start = Instant::now() + Duration::from_millis(200);
    let until = start + Duration::from_secs(seconds);
    let workers: Vec<_> = cookies
        .into_iter()
        .enumerate()
        .map(|(i, cookie)| {
            let (server, seed) = (server.clone(), seed.clone());
            std::thread::spawn(move || person(&server, i, &cookie, &seed, start, until))
        })
        .collect();
    let mut times = Vec::new();
    let mut refused = 0;
    let mut last_texts = Vec::new();
    for worker in workers {
        let (took, bad, last) = worker.join().unwrap();
        times.extend(took);
        refused += bad;
        last_texts.push(last);
    }
    let lost = (0..PEOPLE)
        .filter(|&i| std::fs::read_to_string(folder.join(record(i))).unwrap() != last_texts[i])
        .count();
    let saves = times.len();
    let db = rusqlite::Connection::open(folder.join(".vanban/office.sqlite")).unwrap();
    let count = |sql: &str| db.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap() as usize;
    let versions = count("SELECT COUNT(*) FROM versions");
    let logged = count("SELECT COUNT(*) FROM audit WHERE action = 'save'");
    let verify = support::vanban(&["audit", "verify", "--folder", folder.to_str().unwrap()]);
    let rss = resident(&server);
    times.sort();
    let at = |q: f64| times[((saves as f64 * q) as usize).min(saves - 1)].as_secs_f64() * 1000.0;
    println!(
        "office: {saves} saves, {refused} not answered 200, {lost} lost; versions kept {versions}, audit entries {logged}, chain {}",
        if verify.status.success() { "holds" } else { "BROKEN" }
    );
    println!(
        "office: save through HTTP, median {:.1} ms, p95 {:.1} ms, slowest {:.1} ms; server {}",
        at(0.5),
        at(0.95),
        times[saves - 1].as_secs_f64() * 1000.0,
        rss
    );
    assert_eq!((refused, lost), (0, 0), "every save answered and kept");
    assert_eq!(
        (versions, logged),
        (saves, saves),
        "a version and an audit entry per save"
    );
    assert!(verify.status.success());
}

/// The server's resident memory, as the kernel counts it.
fn resident(server: &Server) -> String {
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.pid())).unwrap_or_default();
    let line = status.lines().find(|l| l.starts_with("VmRSS")).unwrap_or("VmRSS: ?");
    line.split_whitespace().skip(1).collect::<Vec<_>>().join(" ")
}

fn record(i: usize) -> String {
    format!("rec-{i:02}.yaml")
}

/// One person: a save every 2 s (the people spread over the first 2 s), each a new text
/// over the version the last save answered; the save times, the saves not answered 200, and
/// the last text saved.
fn person(
    server: &Server,
    i: usize,
    cookie: &str,
    seed: &str,
    start: Instant,
    until: Instant,
) -> (Vec<Duration>, usize, String) {
    let mut next = start + EVERY * i as u32 / PEOPLE as u32;
    let mut base = Some(vanban::archive::sha256_hex(seed.as_bytes()));
    let (mut times, mut refused, mut last) = (Vec::new(), 0, seed.to_string());
    let mut n = 0;
    while next < until {
        std::thread::sleep(next.saturating_duration_since(Instant::now()));
        n += 1;
        let text =
            seed.replacen("end: \"17:00\"", &format!("end: \"17:{:02}\"", n % 60), 1) + &format!("# lần lưu {n}\n");
        let body = serde_json::json!({ "path": record(i), "text": text, "base": base });
        let begun = Instant::now();
        let answer = server.post_as(cookie, "/api/save", &body);
        times.push(begun.elapsed());
        if answer.status == 200 {
            base = answer.json()["version"].as_str().map(str::to_string);
            last = text;
        } else {
            refused += 1;
        }
        next += EVERY;
    }
    (times, refused, last)
}
