//! `cargo bench --bench archive`: a province's archive at scale, the figures the README quotes.
//!
//! A province has about 100 communes; ten years of it is about 100 000 entries. This bench
//! generates that many assessment records (100 communes, 2026–2035; every tenth asks for
//! its report, which the register numbers and vanban renders), issues them into one archive
//! with `vanban archive add` in as many processes as there are cores, and then times the
//! queries an office runs, each as a whole process (median of 5): `archive list --unit`,
//! `archive history`, `archive register --year`, `archive summary --set`, and `archive search`
//! with one word without marks and with three words. It reports the
//! add throughput and the size of the index on disk.
//!
//! Then tracked tasks: 100 000 notices' worth of tasks (two each, 100 issuers, due 2026–2035,
//! every status) are written straight into the index's `task_items` (issuing that many
//! notices through `archive add` would time the renderer, not the tasks), and it times
//! `tasks list --issuer … --status qua-han` (target under 100 ms) and a year's
//! `tasks figures` (target under 1 s). `VANBAN_BENCH_TASK_NOTICES=N` changes the count.
//!
//! `cargo bench --bench archive` (or `cargo bench -- province`) runs only this bench;
//! `VANBAN_BENCH_ENTRIES=10000 cargo bench --bench archive` runs a smaller archive;
//! `VANBAN_BENCH_ARCHIVE=DIR` builds the archive in DIR and keeps it, and when DIR already
//! holds one, only times the queries on it.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_vanban");
const COMMUNES: usize = 100;
const YEARS: usize = 10;

fn main() {
    // `cargo bench -- serve` names parts of the other bench: this one runs when no part is
    // named, or when `province` is.
    let named: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    if !named.is_empty() && !named.iter().any(|n| "province".contains(n.as_str())) {
        return;
    }
    let entries: usize = std::env::var("VANBAN_BENCH_ENTRIES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let scratch = std::env::temp_dir().join(format!("vanban-archive-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    println!("machine: {cores} cores; archive of {entries} generated entries");

    let kept = std::env::var_os("VANBAN_BENCH_ARCHIVE").map(std::path::PathBuf::from);
    let store = kept.clone().unwrap_or_else(|| scratch.join("archive"));
    if store.join("index.sqlite").is_file() {
        println!("timing the queries on the archive in {}", store.display());
    } else {
        add_all(&scratch, &store, entries, cores);
    }
    let index: u64 = ["index.sqlite", "index.sqlite-wal"]
        .iter()
        .filter_map(|name| std::fs::metadata(store.join(name)).ok())
        .map(|m| m.len())
        .sum();
    println!(
        "index on disk: {:.1} MB ({:.0} bytes per entry)",
        index as f64 / 1e6,
        index as f64 / entries as f64
    );
    std::fs::create_dir_all(&scratch).unwrap();
    queries(&scratch, &store);
    let notices: usize = std::env::var("VANBAN_BENCH_TASK_NOTICES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    tasks(&store, notices);
    let _ = std::fs::remove_dir_all(&scratch);
}

/// Generates the records and issues them with one `archive add` process per core.
fn add_all(scratch: &Path, store: &Path, entries: usize, cores: usize) {
    let records = scratch.join("records");
    let reports = generate(&records, entries, cores);
    let start = Instant::now();
    let adds: Vec<_> = (0..cores)
        .map(|part| {
            Command::new(BIN)
                .args(["archive", "add"])
                .arg(records.join(part.to_string()))
                .arg("--archive-dir")
                .arg(store)
                .stdout(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut add in adds {
        assert!(add.wait().unwrap().success(), "archive add failed");
    }
    let took = start.elapsed().as_secs_f64();
    println!(
        "add: {entries} entries ({reports} with a numbered, rendered report) in {took:.0} s with {cores} processes: {:.0} entries/s",
        entries as f64 / took
    );
    let _ = std::fs::remove_dir_all(&records);
}

/// Times the four queries an office runs, each as a whole process.
fn queries(scratch: &Path, store: &Path) {
    let summary = scratch.join("tong-hop.pdf");
    let queries: [(&str, Vec<&str>); 6] = [
        ("search, one word without marks", vec!["archive", "search", "nuoc"]),
        ("search, three words", vec!["archive", "search", "Thử Nghiệm 42"]),
        ("list --unit", vec!["archive", "list", "--unit", "xã Thử Nghiệm 42"]),
        ("history", vec!["archive", "history", "xã Thử Nghiệm 42"]),
        ("register --year", vec!["archive", "register", "--year", "2030"]),
        (
            "summary --set",
            vec![
                "archive",
                "summary",
                "--set",
                "vn-51-2025-xa-ntm",
                "-o",
                summary.to_str().unwrap(),
            ],
        ),
    ];
    for (name, args) in queries {
        let (median, lines) = time(&args, store);
        println!(
            "{name}: median of 5 {:.1} ms (whole process, {lines} lines out)",
            ms(median)
        );
    }
}

/// Seeds the tasks of `notices` notices into the index, then times the two task queries.
fn tasks(store: &Path, notices: usize) {
    // Opening the archive once creates the task tables (or migrates a kept archive).
    time(&["tasks", "list", "--status", "khong-han"], store);
    let seeded = seed_tasks(store, notices);
    println!("tracked tasks: {seeded} in the index ({notices} notices, 2 tasks each, seeded into the index)");
    let queries: [(&str, Vec<&str>); 2] = [
        (
            "tasks list --issuer --status qua-han",
            vec![
                "tasks",
                "list",
                "--issuer",
                "Thử Nghiệm 42",
                "--status",
                "qua-han",
                "--today",
                "2031-06-30",
            ],
        ),
        (
            "tasks figures, one year",
            vec![
                "tasks",
                "figures",
                "--from",
                "2030-01-01",
                "--to",
                "2030-12-31",
                "--today",
                "2031-06-30",
            ],
        ),
    ];
    for (name, args) in queries {
        let (median, lines) = time(&args, store);
        println!(
            "{name}: median of 5 {:.1} ms (whole process, {lines} lines out)",
            ms(median)
        );
    }
}

/// Writes two tasks for each of `notices` notices straight into `task_items` (unless they
/// are there already); returns how many tasks the index holds.
fn seed_tasks(store: &Path, notices: usize) -> i64 {
    let mut db = rusqlite::Connection::open(store.join("index.sqlite")).unwrap();
    // The seeded tasks name notices that are not entries of this archive.
    db.execute_batch("PRAGMA foreign_keys = OFF;").unwrap();
    let count = |db: &rusqlite::Connection| -> i64 {
        db.query_row("SELECT count(*) FROM task_items", [], |r| r.get(0))
            .unwrap()
    };
    if count(&db) >= 2 * notices as i64 {
        return count(&db);
    }
    let tx = db.transaction().unwrap();
    {
        let mut insert = tx
            .prepare(
                "INSERT OR IGNORE INTO task_items (id, entry, no, issuer, notice, notice_date, assignee,
                 folded, partners, task, due, status, done) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, '', ?9, ?10, ?11, ?12)",
            )
            .unwrap();
        for i in 0..notices {
            let commune = i % COMMUNES;
            let year = 2026 + (i / COMMUNES) % YEARS;
            let month = 1 + (i / (COMMUNES * YEARS)) % 12;
            let day = 1 + (i / (COMMUNES * YEARS * 12)) % 28;
            for no in 1..=2_usize {
                let due = format!("{year}-{month:02}-{:02}", day.min(27) + no - 1);
                // Statuses: 4 in 10 finished (half of them late), 2 in progress, 1 waiting for
                // confirmation, 1 suspended, 2 not started.
                let (status, done) = match (i + no) % 10 {
                    0 | 2 => ("hoan-thanh", Some(format!("{year}-{month:02}-01"))),
                    1 | 3 => ("hoan-thanh", Some(format!("{year}-{month:02}-28"))),
                    4 | 5 => ("dang-thuc-hien", None),
                    6 => ("cho-xac-nhan", None),
                    7 => ("tam-hoan", None),
                    _ => ("chua-thuc-hien", None),
                };
                insert
                    .execute(rusqlite::params![
                        format!("{i:08x}-{no}"),
                        format!("bench-{i:06}"),
                        no as i64,
                        format!("Ủy ban nhân dân xã Thử Nghiệm {commune}"),
                        format!("{}/TB-UBND", 1 + i / COMMUNES),
                        format!("{year}-01-01"),
                        format!("Phòng Kinh tế xã Thử Nghiệm {commune}"),
                        format!(" phong kinh te xa thu nghiem {commune} "),
                        "Rà soát, báo cáo kết quả thực hiện các tiêu chí",
                        due,
                        status,
                        done,
                    ])
                    .unwrap();
            }
        }
    }
    tx.commit().unwrap();
    count(&db)
}

/// Writes `entries` assessment records into `dir/0 .. dir/parts-1`; returns how many ask for a report.
fn generate(dir: &Path, entries: usize, parts: usize) -> usize {
    let mut reports = 0;
    for part in 0..parts {
        std::fs::create_dir_all(dir.join(part.to_string())).unwrap();
    }
    for i in 0..entries {
        let commune = i % COMMUNES;
        let year = 2026 + (i / COMMUNES) % YEARS;
        let day = 1 + (i / (COMMUNES * YEARS)) % 28;
        let month = 1 + (i / (COMMUNES * YEARS * 28)) % 12;
        let mut text = format!(
            "kind: assessment\nid: tn-{commune:03}-{i:06}\nunit: xã Thử Nghiệm {commune}\nas_of: {year}-{month:02}-{day:02}\n\
             assessed_by: self\ncriteria_set: vn-51-2025-xa-ntm\ncommune_group: {}\nresults:\n  - criterion: {}\n    unmet: {}\n",
            1 + commune % 3,
            1 + i % 10,
            1 + i % 2
        );
        if i % 7 == 0 {
            // Words for the search to find in one entry of seven.
            text.push_str("    note: Tỷ lệ hộ dùng nước sạch theo quy chuẩn chưa đạt\n");
        }
        if i % 10 == 0 {
            reports += 1;
            text.push_str(&format!(
                "issuer:\n  system: state\n  name: Ủy ban nhân dân xã Thử Nghiệm {commune}\n  code: UBND\n  place: Thử Nghiệm {commune}\n\
                 documents:\n  report:\n    date: {year}-{month:02}-{day:02}\n    signer:\n      authority: TM. Ủy ban nhân dân\n      \
                 position: Chủ tịch\n      name: Nguyễn Văn An\n    recipients:\n      - Ban Chỉ đạo các Chương trình mục tiêu quốc gia tỉnh\n      \
                 - \"Lưu: VT\"\n"
            ));
        }
        std::fs::write(dir.join((i % parts).to_string()).join(format!("tn-{i:06}.yaml")), text).unwrap();
    }
    reports
}

/// The median of 5 whole-process runs of `vanban ARGS --archive-dir STORE`, and the lines it printed.
fn time(args: &[&str], store: &Path) -> (Duration, usize) {
    let mut lines = 0;
    let mut times: Vec<Duration> = (0..5)
        .map(|_| {
            let start = Instant::now();
            let output = Command::new(BIN)
                .args(args)
                .arg("--archive-dir")
                .arg(store)
                .output()
                .unwrap();
            let took = start.elapsed();
            assert!(
                output.status.success(),
                "{args:?}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            lines = output.stdout.iter().filter(|&&b| b == b'\n').count();
            took
        })
        .collect();
    times.sort();
    (times[2], lines)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
