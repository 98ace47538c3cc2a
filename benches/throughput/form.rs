//! The form editor's round: one field changed in the form, written into the record's text
//! by the server (`/api/form/write`), then the preview of that text (`/api/preview`), the
//! two requests the page makes, through HTTP.

use std::time::{Duration, Instant};

use crate::server::Server;

/// 100 form edits of the seed session (the chair's name), each to a refreshed preview.
pub fn edit_to_preview() {
    let server = Server::start(&[]);
    let mut text = std::fs::read_to_string(server.folder.join("xuan-truong-2024.yaml")).unwrap();
    let read = server.post("/api/form/read", &serde_json::json!({ "text": text }));
    let mut value = read.json()["value"].clone();
    let mut edit = |i: usize| -> Duration {
        value["chair"]["name"] = format!("Lê Đình Hải {i}").into();
        let start = Instant::now();
        let written = server.post("/api/form/write", &serde_json::json!({ "text": text, "value": value }));
        text = written.json()["text"].as_str().unwrap().to_string();
        let preview = server.post(
            "/api/preview",
            &serde_json::json!({ "path": "xuan-truong-2024.yaml", "text": text }),
        );
        let took = start.elapsed();
        assert_eq!(preview.json()["ok"], true);
        took
    };
    edit(0);
    let mut times: Vec<Duration> = (1..=100).map(&mut edit).collect();
    times.sort();
    println!(
        "serve: form edit to refreshed preview of the seed session, through HTTP (100 edits): median {:.1} ms, p95 {:.1} ms",
        times[50].as_secs_f64() * 1000.0,
        times[95].as_secs_f64() * 1000.0,
    );
}
