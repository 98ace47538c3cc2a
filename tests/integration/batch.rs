//! Batches, byte-identical output, and watch mode.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{copy_samples, files_in, stderr, vanban};

#[test]
fn a_folder_renders_in_parallel_with_a_summary_line() {
    let out = tempfile::tempdir().unwrap();
    let output = vanban(&["render", "samples", "-j", "2", "-o", out.path().to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(files_in(out.path()).len(), 23, "{:?}", files_in(out.path()));
    let message = stderr(&output);
    assert!(
        message
            .trim_end()
            .lines()
            .last()
            .unwrap()
            .starts_with("vanban: đã ghi 23 văn bản từ 10 bản ghi, 0 bản ghi lỗi, "),
        "{message}"
    );
    assert!(
        !message.contains('\r') && !message.contains("\u{1b}["),
        "no progress bar when piped: {message:?}"
    );
}

#[test]
fn output_is_byte_identical_across_runs_and_thread_counts() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    assert!(
        vanban(&["render", "samples", "-j", "1", "-o", a.path().to_str().unwrap()])
            .status
            .success()
    );
    assert!(
        vanban(&["render", "samples", "-j", "2", "-o", b.path().to_str().unwrap()])
            .status
            .success()
    );
    let names = files_in(a.path());
    assert_eq!(names, files_in(b.path()));
    for name in &names {
        let (x, y) = (
            std::fs::read(a.path().join(name)).unwrap(),
            std::fs::read(b.path().join(name)).unwrap(),
        );
        assert!(x == y, "{name} differs between runs");
    }
    let pdf = std::fs::read(a.path().join("tho-xuan-2024-03-27-xuan-truong-thong-bao-ket-luan.pdf")).unwrap();
    let text = String::from_utf8_lossy(&pdf);
    assert!(
        text.contains("/CreationDate(D:20240328000000Z)"),
        "the notice's own date is its creation date"
    );
}

#[test]
fn source_date_epoch_sets_the_creation_date() {
    let out = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args([
            "render",
            "samples/xuan-truong-2024.yaml",
            "-o",
            out.path().to_str().unwrap(),
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    assert!(output.status.success());
    let pdf = std::fs::read(out.path().join("tho-xuan-2024-03-27-xuan-truong-bien-ban.pdf")).unwrap();
    assert!(String::from_utf8_lossy(&pdf).contains("/CreationDate(D:20231114221320Z)"));
}

#[test]
fn watch_renders_again_after_an_edit() {
    let dir = tempfile::tempdir().unwrap();
    copy_samples(dir.path());
    let out = dir.path().join("out");
    let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["watch", "xuan-truong-2024.yaml", "-o", out.to_str().unwrap()])
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let errors = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let stderr = child.stderr.take().unwrap();
    let sink = errors.clone();
    std::thread::spawn(move || {
        for line in std::io::BufRead::lines(std::io::BufReader::new(stderr)).map_while(Result::ok) {
            sink.lock().unwrap().push_str(&line);
        }
    });
    let md = out.join("tho-xuan-2024-03-27-xuan-truong-tin-bai.md");
    let wait_for = |check: &dyn Fn() -> bool| {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(30) {
            if check() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    };
    let minutes = out.join("tho-xuan-2024-03-27-xuan-truong-bien-ban.pdf");
    let first = wait_for(&|| md.exists() && minutes.exists());
    let before = std::fs::read(&minutes).unwrap_or_default();
    let record = dir.path().join("xuan-truong-2024.yaml");
    let text = std::fs::read_to_string(&record).unwrap();
    let text = text
        .replace("author: Lê Hải - Năng Tiến", "author: Năng Tiến")
        .replace("end: \"17:00\"", "end: \"17:45\"");
    std::fs::write(&record, text).unwrap();
    let edited = wait_for(&|| {
        std::fs::read_to_string(&md).is_ok_and(|t| t.contains("**Năng Tiến**"))
            && std::fs::read(&minutes).is_ok_and(|pdf| pdf.starts_with(b"%PDF-") && pdf != before)
    });
    // A bad edit is reported and watching goes on: the next good edit is rendered again.
    let good = std::fs::read_to_string(&record).unwrap();
    let said = errors.lock().unwrap().len();
    std::fs::write(&record, "kind: working_session\nlocaton: x\n").unwrap();
    let reported = wait_for(&|| errors.lock().unwrap().len() > said);
    let after_bad = std::fs::read(&minutes).unwrap_or_default();
    std::fs::write(&record, good.replace("end: \"17:45\"", "end: \"17:50\"")).unwrap();
    let recovered =
        wait_for(&|| std::fs::read(&minutes).is_ok_and(|pdf| pdf.starts_with(b"%PDF-") && pdf != after_bad));
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(first, "watch wrote nothing");
    assert!(edited, "watch did not render the edit");
    assert!(reported, "watch did not report the bad edit");
    assert!(recovered, "a bad edit must not stop watch");
}
