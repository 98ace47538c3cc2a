//! `cargo bench`: the figures the README quotes, measured on the release binary.
//!
//! 1. a cold render of the seed sample, process start to PDF on disk;
//! 2. batch throughput in documents per second with `-j 1` and with the default pool (every
//!    core), in alternating pairs, and their ratio;
//! 3. peak resident memory rendering 500 records;
//! 4. the same documents compiled by the `typst` CLI, one process per document, from the
//!    sources `--emit-typst` writes (skipped, with a note, when `typst` is not installed);
//! 5. a watch-style re-render after a one-line edit, in one process with warm caches;
//! 6. `vanban serve`: the preview refresh after a one-line edit, through HTTP, and the
//!    server's resident memory after 100 edits; a form edit to its refreshed preview;
//! 7. DOCX generation on one core: documents per second from generated Typst sources
//!    (`cargo bench --bench throughput -- docx` measures only this);
//! 8. the ratio that does not depend on the machine: vanban's time per document over a bare
//!    Typst compile of the same generated source, in one process ([`ratio`]).
//!
//! `cargo bench -- serve` (or `cold`, `batch`, `rss`, `typst`, `ratio`, `rerender`, `archive`, `bad`)
//! runs only those parts.
//!
//! Records are generated: different names, lengths, task counts, and both issuer systems.

use std::path::{Path, PathBuf};
use std::process::Command;
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

#[path = "common/child.rs"]
mod child;
#[path = "throughput/docx.rs"]
mod docx;
#[path = "throughput/form.rs"]
mod form;
#[path = "throughput/ratio.rs"]
mod ratio;

const BIN: &str = env!("CARGO_BIN_EXE_vanban");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn main() {
    // `cargo bench -- serve` runs only the parts whose names contain a word given.
    let only: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let wanted = |part: &str| only.is_empty() || only.iter().any(|word| part.contains(word.as_str()));
    let scratch = std::env::temp_dir().join(format!("vanban-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).unwrap();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("machine: {cores} cores");
    docx::rate();
    if std::env::args().any(|a| a == "docx") {
        return;
    }

    if wanted("cold") {
        let cold = cold_render(&scratch);
        println!("cold render of the seed sample (median of 10): {:.1} ms", ms(cold));
    }
    let batch = scratch.join("batch-150");
    if wanted("batch") || wanted("typst") {
        generate(&batch, 150);
        // Alternating pairs, one thread then the default pool (every core): the ratio of each
        // pair's rates, and their median, so that a busy moment of the machine hits both sides.
        let mut ratios = Vec::new();
        let (mut docs, mut rate_all) = (0, 0.0_f64);
        for pair in 0..3 {
            let (n, one) = render_dir(&batch, &scratch.join(format!("out-1-{pair}")), Some(1));
            let (_, all) = render_dir(&batch, &scratch.join(format!("out-all-{pair}")), None);
            let (rate_one, rate) = (n as f64 / one.as_secs_f64(), n as f64 / all.as_secs_f64());
            println!("batch pair {pair}: -j 1 {rate_one:.0} docs/s; default ({cores} cores) {rate:.0} docs/s");
            ratios.push(rate / rate_one);
            (docs, rate_all) = (n, rate_all.max(rate));
        }
        ratios.sort_by(f64::total_cmp);
        println!(
            "batch, 150 records, {docs} documents, whole process: the default over -j 1, median of 3 pairs {:.2}x (range {:.2}-{:.2})",
            ratios[1], ratios[0], ratios[2]
        );
        if wanted("typst") {
            typst_cli(&batch, &scratch, rate_all);
        }
    }
    if wanted("ratio") {
        if !batch.exists() {
            generate(&batch, 150);
        }
        ratio::overhead(&batch);
    }
    if wanted("rss") {
        let large = scratch.join("batch-500");
        generate(&large, 500);
        let (docs, peak) = peak_rss(&large, &scratch.join("out-500"), cores);
        println!("500 records, {docs} documents: peak RSS {:.0} MB", peak as f64 / 1024.0);
    }
    if wanted("rerender") {
        rerender(&scratch);
    }
    if wanted("serve") {
        serve_preview();
        form::edit_to_preview();
    }
    if wanted("archive") {
        archive_queries(&scratch);
    }
    if wanted("bad") {
        bad_inputs(&scratch);
    }
    let _ = std::fs::remove_dir_all(&scratch);
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn cold_render(scratch: &Path) -> Duration {
    let seed = Path::new(ROOT).join("samples/xuan-truong-2024.yaml");
    let mut times: Vec<Duration> = (0..10)
        .map(|i| {
            let out = scratch.join(format!("cold-{i}"));
            let start = Instant::now();
            let status = Command::new(BIN)
                .arg("render")
                .arg(&seed)
                .arg("-o")
                .arg(&out)
                .output()
                .unwrap()
                .status;
            assert!(status.success());
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// Renders `dir` with `jobs` threads (every core without); returns files written and wall time.
fn render_dir(dir: &Path, out: &Path, jobs: Option<usize>) -> (usize, Duration) {
    let start = Instant::now();
    let mut render = Command::new(BIN);
    render.arg("render").arg(dir).arg("-o").arg(out);
    if let Some(jobs) = jobs {
        render.arg("-j").arg(jobs.to_string());
    }
    let output = render.output().unwrap();
    let elapsed = start.elapsed();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    (std::fs::read_dir(out).unwrap().count(), elapsed)
}

/// Peak resident set of a child rendering `dir`, in KiB.
fn peak_rss(dir: &Path, out: &Path, jobs: usize) -> (usize, i64) {
    let mut render = Command::new(BIN);
    render
        .arg("render")
        .arg(dir)
        .arg("-o")
        .arg(out)
        .arg("-j")
        .arg(jobs.to_string());
    let (ok, peak) = child::run_measured(&mut render);
    assert!(ok);
    (std::fs::read_dir(out).unwrap().count(), peak)
}

fn typst_cli(batch: &Path, scratch: &Path, vanban_rate: f64) {
    let typst = std::env::var("TYPST").unwrap_or_else(|_| "typst".into());
    if Command::new(&typst).arg("--version").output().is_err() {
        println!("typst CLI: not found (install with `cargo install typst-cli`, or set TYPST); comparison skipped");
        return;
    }
    let sources = scratch.join("typst-sources");
    let output = Command::new(BIN)
        .arg("render")
        .arg(batch)
        .arg("-o")
        .arg(&sources)
        .arg("--emit-typst")
        .output()
        .unwrap();
    assert!(output.status.success());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&sources)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "typ") && !p.ends_with("vanban.typ"))
        .collect();
    files.sort();
    let fonts = Path::new(ROOT).join("fonts");
    let start = Instant::now();
    for file in &files {
        let status = Command::new(&typst)
            .args(["compile", "--ignore-system-fonts", "--font-path"])
            .arg(&fonts)
            .arg(file)
            .arg(file.with_extension("cli.pdf"))
            .status()
            .unwrap();
        assert!(status.success(), "typst failed on {}", file.display());
    }
    let rate = files.len() as f64 / start.elapsed().as_secs_f64();
    println!(
        "typst CLI, one process per document, {} documents: {rate:.1} docs/s; vanban is {:.1}x faster",
        files.len(),
        vanban_rate / rate
    );
}

fn rerender(scratch: &Path) {
    use vanban::prepare::prepare;
    use vanban::render::Renderer;
    let dir = scratch.join("rerender");
    std::fs::create_dir_all(dir.join("assessments")).unwrap();
    for name in ["xuan-truong-2024-ntm.yaml", "xuan-truong-2024-ntm-nang-cao.yaml"] {
        std::fs::copy(
            Path::new(ROOT).join("samples/assessments").join(name),
            dir.join("assessments").join(name),
        )
        .unwrap();
    }
    let record = dir.join("seed.yaml");
    let text = std::fs::read_to_string(Path::new(ROOT).join("samples/xuan-truong-2024.yaml")).unwrap();
    std::fs::write(&record, &text).unwrap();
    let renderer = Renderer::new(Default::default()).unwrap();
    renderer.render(&prepare(&record).unwrap(), Default::default()).unwrap();
    let mut times = Vec::new();
    for i in 0..10 {
        std::fs::write(
            &record,
            text.replace("end: \"17:00\"", &format!("end: \"17:{:02}\"", i + 10)),
        )
        .unwrap();
        let start = Instant::now();
        let rendered = renderer.render(&prepare(&record).unwrap(), Default::default()).unwrap();
        vanban::output::write_all(&dir.join("out"), &rendered.files).unwrap();
        times.push(start.elapsed());
    }
    times.sort();
    println!(
        "re-render of the seed session (4 documents) after a one-line edit, warm (median of 10): {:.1} ms",
        ms(times[5])
    );
}

/// 100 previews of the seed session through HTTP, each after a one-line edit (the chair's
/// name), all its documents as page images; then the server's resident memory.
fn serve_preview() {
    let server = server::Server::start(&[]);
    let text = std::fs::read_to_string(server.folder.join("xuan-truong-2024.yaml")).unwrap();
    let preview = |i: usize| {
        let edited = text.replace("  name: Lê Đình Hải", &format!("  name: Lê Đình Hải {i}"));
        let body = serde_json::json!({ "path": "xuan-truong-2024.yaml", "text": edited });
        let start = Instant::now();
        let response = server.post("/api/preview", &body);
        let took = start.elapsed();
        assert_eq!(response.json()["ok"], true);
        (took, response.body.len())
    };
    preview(0);
    let mut times = Vec::new();
    let mut bytes = 0;
    for i in 1..=100 {
        let (took, size) = preview(i);
        times.push(took);
        bytes = size;
    }
    times.sort();
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.pid())).unwrap_or_default();
    let rss_kib: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0.0);
    println!(
        "serve: preview of the seed session after a one-line edit, through HTTP (100 edits): median {:.1} ms, p95 {:.1} ms, {:.0} KB per answer; server RSS after 100 edits {:.0} MB",
        ms(times[50]),
        ms(times[95]),
        bytes as f64 / 1000.0,
        rss_kib / 1024.0
    );
}

/// 1 000 assessment entries in an archive; then `archive list` and `archive history`, whole processes.
fn archive_queries(scratch: &Path) {
    let records = scratch.join("assessments-1000");
    std::fs::create_dir_all(&records).unwrap();
    for i in 0..1000 {
        let unit = format!("xã Thử Nghiệm {}", i % 50);
        let unmet = (i % 3) + 1;
        let text = format!(
            "kind: assessment\nid: tn-{i:04}\nunit: {unit}\nas_of: {}-{:02}-15\nassessed_by: self\ncriteria_set: th-33-2022-xa-ntm-nang-cao\nresults:\n  - {{criterion: {}, unmet: {unmet}}}\n",
            2022 + i % 4,
            1 + i % 12,
            1 + i % 19
        );
        std::fs::write(records.join(format!("tn-{i:04}.yaml")), text).unwrap();
    }
    let store = scratch.join("archive");
    let start = Instant::now();
    let status = Command::new(BIN)
        .args(["archive", "add"])
        .arg(&records)
        .arg("--archive-dir")
        .arg(&store)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    println!(
        "archive: 1000 assessment entries added in {:.1} s",
        start.elapsed().as_secs_f64()
    );
    let time = |args: &[&str]| {
        let mut times: Vec<Duration> = (0..5)
            .map(|_| {
                let start = Instant::now();
                let output = Command::new(BIN)
                    .args(args)
                    .arg("--archive-dir")
                    .arg(&store)
                    .output()
                    .unwrap();
                assert!(output.status.success());
                start.elapsed()
            })
            .collect();
        times.sort();
        times[2]
    };
    let list = time(&["archive", "list"]);
    let history = time(&["archive", "history", "xã Thử Nghiệm 7"]);
    println!(
        "archive of 1000 entries (median of 5, whole process): list {:.1} ms; history of one unit {:.1} ms",
        ms(list),
        ms(history)
    );
}

/// The slowest answer to a bad record, whole process (`vanban check`), over the hard cases.
fn bad_inputs(scratch: &Path) {
    let dir = scratch.join("bad");
    std::fs::create_dir_all(&dir).unwrap();
    let mut bomb = String::from("kind: working_session\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        bomb.push_str(&format!(
            "a{i}: &a{i} [{}]\n",
            vec![format!("*a{}", i - 1); 9].join(", ")
        ));
    }
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("10mb.yaml", vec![b'#'; 10 * 1024 * 1024]),
        (
            "nest.yaml",
            format!("kind: working_session\nx: {}{}\n", "[".repeat(5000), "]".repeat(5000)).into_bytes(),
        ),
        ("bomb.yaml", bomb.into_bytes()),
        (
            "garbage.yaml",
            (0..1_000_000u32)
                .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
                .collect(),
        ),
        ("date.yaml", b"kind: working_session\ndate: 2024-02-30\n".to_vec()),
        ("empty.yaml", Vec::new()),
    ];
    let mut slowest = (String::new(), Duration::ZERO);
    for (name, bytes) in cases {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let start = Instant::now();
        let output = Command::new(BIN).arg("check").arg(&path).output().unwrap();
        let elapsed = start.elapsed();
        assert_eq!(output.status.code(), Some(1), "{name}");
        if elapsed > slowest.1 {
            slowest = (name.to_string(), elapsed);
        }
    }
    println!(
        "bad records (10 MB, 5 000-deep nesting, alias bomb, 1 MB of binary, impossible date, empty): slowest answer {:.1} ms ({})",
        ms(slowest.1),
        slowest.0
    );
}

/// Writes `count` varied working sessions into `dir`.
fn generate(dir: &Path, count: usize) {
    const SURNAMES: [&str; 8] = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"];
    const GIVEN: [&str; 8] = [
        "Văn An",
        "Thị Bình",
        "Minh Châu",
        "Quốc Dũng",
        "Thu Hà",
        "Hữu Hải",
        "Thanh Hương",
        "Đức Long",
    ];
    const COMMUNES: [&str; 6] = ["An Phú", "Xuân Trường", "Tân Lập", "Hòa Bình", "Phú Mỹ", "Long Hưng"];
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..count {
        let name = |k: usize| format!("{} {}", SURNAMES[(i + k) % 8], GIVEN[(i * 3 + k) % 8]);
        let commune = COMMUNES[i % 6];
        let party = i % 2 == 0;
        let issuer = if party {
            format!(
                "  system: party\n  parent: Đảng bộ tỉnh Thanh Hóa\n  name: Đảng ủy xã {commune}\n  code: ĐU\n  place: {commune}\n"
            )
        } else {
            format!("  system: state\n  name: Ủy ban nhân dân xã {commune}\n  code: UBND\n  place: {commune}\n")
        };
        let authority = if party {
            "T/M Ban Thường vụ"
        } else {
            "TM. Ủy ban nhân dân"
        };
        let paragraphs = 1 + i % 5;
        let summary: String = (0..paragraphs)
            .map(|p| format!("    Đoạn báo cáo {p}: kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội của thôn số {i}, tiến độ các công trình, công tác an sinh xã hội và chuyển đổi số trong quý, với những chỉ tiêu chủ yếu đạt và vượt kế hoạch đề ra.\n\n"))
            .collect();
        let tasks: String = (0..(1 + i % 7))
            .map(|t| format!("    - assignee: Bộ phận số {t}\n      task: Thực hiện nhiệm vụ số {t} theo kết luận của buổi làm việc\n      due: 2026-{:02}-15\n", 3 + t % 9))
            .collect();
        let directives: String = (0..(1 + i % 4))
            .map(|d| {
                format!("    - Chỉ đạo số {d} - tập trung hoàn thành các chỉ tiêu, nhiệm vụ trọng tâm trong năm.\n")
            })
            .collect();
        let record = format!(
            "kind: working_session\nid: bench-{i:04}\nissuer:\n{issuer}date: 2026-03-{day:02}\nstart: \"{hour:02}:00\"\nend: \"{end:02}:30\"\nlocation: Hội trường xã {commune}\nhost: thôn số {i}\nsubject: tình hình thực hiện nhiệm vụ quý I năm 2026\nchair:\n  name: {chair}\n  titles: [Bí thư Đảng ủy xã {commune}, Chủ tịch Hội đồng nhân dân xã]\n  role: Bí thư Đảng ủy xã\nattendees:\n  - name: {a}\n    titles: [Phó Chủ tịch Ủy ban nhân dân xã]\n  - group: đại diện các ban, ngành, đoàn thể xã\nsecretary:\n  name: {s}\nsite_visit:\n  when: before\n  places: [nhà văn hóa thôn, đường giao thông nội đồng]\nreport:\n  summary: |\n{summary}  difficulties: [Nguồn lực còn hạn chế.]\n  proposals: [Đề nghị hỗ trợ kinh phí.]\ndiscussion:\n  - speaker: {{ group: các đại biểu }}\n    content: thống nhất với báo cáo.\nconclusions:\n  acknowledgements: ghi nhận, đánh giá cao kết quả đạt được.\n  directives:\n{directives}  tasks:\n{tasks}documents:\n  minutes: {{ number: {n} }}\n  notice:\n    number: {n}\n    signer: {{ authority: {authority}, position: Bí thư, name: {chair} }}\n    recipients: [Thường trực Đảng ủy, Lưu Văn phòng]\n",
            day = 1 + i % 28,
            hour = 7 + i % 13,
            end = 8 + i % 13,
            chair = name(0),
            a = name(1),
            s = name(2),
            n = 1 + i,
        );
        std::fs::write(dir.join(format!("bench-{i:04}.yaml")), record).unwrap();
    }
}
