//! `cargo bench --bench hostile`: how fast and how small the refusals of hostile input are
//! (the README's table of threats quotes these figures). Each attack runs against the
//! release binary as a child process; time is wall time to exit, memory the kernel's peak
//! resident set of that process.
//!
//! 1. `verify` on form fields whose `/Kids` loop (self, pair, one field listed twice);
//! 2. `extract` and `archive add` on a 1 GiB decompression bomb in a ~1 MB PDF;
//! 3. `check` on a 32 KB record whose 50 aliases of a 20 KB text stand for 1 MB;
//! 4. `vanban serve`: resident memory idle, after a burst of 50 previews, and after 20
//!    refused alias records.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

#[path = "common/child.rs"]
mod child;

#[allow(dead_code)]
#[path = "../tests/integration/support.rs"]
mod support;

#[allow(dead_code)]
#[path = "../tests/integration/server.rs"]
mod server;

#[allow(dead_code)]
#[path = "../tests/integration/tls_client.rs"]
mod tls_client;

const BIN: &str = env!("CARGO_BIN_EXE_vanban");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Runs vanban with `args`; wall seconds, peak RSS in MiB, and whether it succeeded.
fn run(args: &[&str]) -> (f64, f64, bool) {
    let started = Instant::now();
    let (ok, peak) = child::run_measured(Command::new(BIN).args(args).current_dir(ROOT));
    (started.elapsed().as_secs_f64(), peak as f64 / 1024.0, ok)
}

fn report(what: &str, (seconds, mib, ok): (f64, f64, bool)) {
    let outcome = if ok { "accepted" } else { "refused" };
    println!(
        "{what:<58} {outcome:>8} in {:>7.1} ms, peak {mib:>6.1} MiB",
        seconds * 1000.0
    );
}

fn archival_minutes(dir: &Path) -> PathBuf {
    let out = dir.join("pdfa");
    let (_, _, ok) = run(&[
        "render",
        support::STATE_SAMPLE,
        "--archive",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(ok);
    let name = support::files_in(&out)
        .into_iter()
        .find(|n| n.ends_with("-bien-ban.pdf"))
        .unwrap();
    out.join(name)
}

fn field(doc: &mut Document, id: ObjectId, kids: &[ObjectId]) {
    let mut dict = Dictionary::new();
    dict.set("T", Object::string_literal("chu-ky"));
    if kids.is_empty() {
        dict.set("FT", Object::Name(b"Sig".to_vec()));
    } else {
        dict.set(
            "Kids",
            Object::Array(kids.iter().copied().map(Object::Reference).collect()),
        );
    }
    doc.objects.insert(id, Object::Dictionary(dict));
}

fn with_fields(pdf: &Path, to: &Path, shape: &str) {
    let mut doc = Document::load(pdf).unwrap();
    let (a, b) = (doc.new_object_id(), doc.new_object_id());
    match shape {
        "self" => field(&mut doc, a, &[a]),
        "pair" => {
            field(&mut doc, a, &[b]);
            field(&mut doc, b, &[a]);
        }
        _ => {
            field(&mut doc, b, &[]);
            field(&mut doc, a, &[b, b]);
        }
    }
    let mut form = Dictionary::new();
    form.set("Fields", Object::Array(vec![Object::Reference(a)]));
    let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    doc.get_dictionary_mut(root)
        .unwrap()
        .set("AcroForm", Object::Dictionary(form));
    doc.save(to).unwrap();
}

fn with_bomb(pdf: &Path, to: &Path, inflated: usize) {
    let mut doc = Document::load(pdf).unwrap();
    let streams: Vec<ObjectId> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| {
            d.get(b"Type")
                .is_ok_and(|t| t.as_name().is_ok_and(|n| n == b"Filespec"))
        })
        .filter_map(|d| d.get(b"EF").ok()?.as_dict().ok()?.get(b"F").ok()?.as_reference().ok())
        .collect();
    let mut compressed = Stream::new(Dictionary::new(), vec![0; inflated]);
    compressed.compress().unwrap();
    for id in streams.into_iter().take(1) {
        let mut stream = compressed.clone();
        stream.dict.set("Type", Object::Name(b"EmbeddedFile".to_vec()));
        doc.objects.insert(id, Object::Stream(stream));
    }
    doc.save(to).unwrap();
}

/// The seed record with one 20 KB task text anchored and 50 more tasks aliasing it.
fn amplified_record() -> String {
    let text = std::fs::read_to_string(Path::new(ROOT).join(support::PARTY_SAMPLE)).unwrap();
    let mut tasks = format!(
        "  tasks:\n    - {{ assignee: Xã, task: &dai \"{}\" }}\n",
        "Lặp lại. ".repeat(1800)
    );
    tasks.push_str(&"    - { assignee: Xã, task: *dai }\n".repeat(50));
    text.replacen("  tasks:\n", &tasks, 1)
}

fn rss_mib(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let kib: f64 = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap();
    kib / 1024.0
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = archival_minutes(dir.path());
    for shape in ["self", "pair", "twice"] {
        let crafted = dir.path().join(format!("{shape}.pdf"));
        with_fields(&pdf, &crafted, shape);
        report(
            &format!("verify: field /Kids loop ({shape})"),
            run(&["verify", crafted.to_str().unwrap()]),
        );
    }
    let bomb = dir.path().join("bomb.pdf");
    with_bomb(&pdf, &bomb, 1 << 30);
    let size = std::fs::metadata(&bomb).unwrap().len() as f64 / 1024.0 / 1024.0;
    let out = dir.path().join("out");
    report(
        &format!("extract: 1 GiB of zeros in a {size:.1} MB PDF"),
        run(&["extract", bomb.to_str().unwrap(), "-o", out.to_str().unwrap()]),
    );
    let archive = dir.path().join("kho");
    report(
        "archive add: the same PDF",
        run(&[
            "archive",
            "add",
            bomb.to_str().unwrap(),
            "--archive-dir",
            archive.to_str().unwrap(),
        ]),
    );
    let record = dir.path().join("khuech-dai.yaml");
    std::fs::write(&record, amplified_record()).unwrap();
    let kb = std::fs::metadata(&record).unwrap().len() / 1024;
    report(
        &format!("check: {kb} KB record, 50 aliases of a 20 KB text"),
        run(&["check", record.to_str().unwrap()]),
    );

    let served = server::Server::start(&[]);
    let seed = std::fs::read_to_string(served.folder.join("xuan-truong-2024.yaml")).unwrap();
    let idle = rss_mib(served.pid());
    for n in 0..50 {
        let text = seed.replace("Lê Đình Hải", &format!("Lê Đình Hải {n}"));
        let preview = served.post(
            "/api/preview",
            &serde_json::json!({ "path": "xuan-truong-2024.yaml", "text": text }),
        );
        assert_eq!(preview.status, 200);
    }
    let after_burst = rss_mib(served.pid());
    let started = Instant::now();
    for _ in 0..20 {
        let body = serde_json::json!({ "path": "xuan-truong-2024.yaml", "text": amplified_record() });
        assert_eq!(served.post("/api/preview", &body).status, 200);
    }
    let each = started.elapsed().as_secs_f64() * 1000.0 / 20.0;
    let after_bombs = rss_mib(served.pid());
    println!(
        "serve: resident {idle:.0} MiB idle, {after_burst:.0} MiB after 50 previews, {after_bombs:.0} MiB after 20 alias records (each refused in {each:.1} ms)"
    );
}
