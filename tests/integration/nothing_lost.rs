//! Nothing lost: a failed write leaves no partial file and never spoils an existing one.

use std::process::Command;

use crate::support::{PARTY_SAMPLE, STATE_SAMPLE, files_in, record_file, stderr, vanban};

#[test]
fn a_failure_partway_through_a_batch_keeps_the_good_records() {
    let dir = tempfile::tempdir().unwrap();
    let bad = record_file(dir.path(), "hong.yaml", "kind: working_session\ndate: 2024-13-01\n");
    let out = dir.path().join("out");
    let output = vanban(&[
        "render",
        STATE_SAMPLE,
        bad.to_str().unwrap(),
        PARTY_SAMPLE,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let files = files_in(&out);
    assert_eq!(files.iter().filter(|f| f.starts_with("an-phu")).count(), 7, "{files:?}");
    assert_eq!(
        files.iter().filter(|f| f.starts_with("tho-xuan")).count(),
        6,
        "{files:?}"
    );
    assert!(
        !files.iter().any(|f| f.starts_with("hong") || f.ends_with(".tmp")),
        "{files:?}"
    );
    assert!(stderr(&output).contains("1/3 bản ghi có lỗi"), "{}", stderr(&output));
}

#[test]
fn an_unwritable_output_folder_is_reported_and_nothing_is_written() {
    // `/proc/self` is a folder no process can create files in, whatever its user (even root).
    let output = vanban(&["render", STATE_SAMPLE, "-o", "/proc/self"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.starts_with("/proc/self/an-phu-2026-02-05-bien-ban.pdf: lỗi: không ghi được tệp"),
        "{message}"
    );
    assert!(message.contains("gợi ý: kiểm tra quyền ghi"), "{message}");
}

#[test]
fn a_full_disk_never_spoils_an_existing_document() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let existing = out.join("an-phu-2026-02-05-bien-ban.pdf");
    std::fs::write(&existing, b"the complete earlier version").unwrap();
    // A file-size limit makes every write past 20 KiB fail, as a full disk does.
    let script = format!(
        "trap '' XFSZ; ulimit -f 20; exec '{}' render '{STATE_SAMPLE}' -o '{}'",
        env!("CARGO_BIN_EXE_vanban"),
        out.display()
    );
    let output = Command::new("bash")
        .args(["-c", &script])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("LANG", "vi")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("không ghi được tệp"), "{}", stderr(&output));
    assert_eq!(std::fs::read(&existing).unwrap(), b"the complete earlier version");
    assert_eq!(
        files_in(&out),
        ["an-phu-2026-02-05-bien-ban.pdf"],
        "no partial or temporary file may remain"
    );
}
