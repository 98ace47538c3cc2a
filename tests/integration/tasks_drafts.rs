//! `vanban tasks report` and `tasks remind` on an archive with a state and a Party notice
//! (records written for these tests, `tests/fixtures/tasks/`): the report's figures in its
//! PDF text and in `--json` agree; one reminder per lead body with overdue tasks and none for
//! a body whose task is done; a document has one issuer; a drafted record is not written over.

use std::path::Path;

use serde_json::Value;

use crate::support::{stderr, stdout, vanban};
use crate::tasks::{id_of, issued, path, tasks};

/// The text of the PDFs in `dir` whose names end with `suffix`, by name.
fn texts(dir: &Path, suffix: &str) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .map(|p| {
            let text = std::process::Command::new("pdftotext")
                .arg(&p)
                .arg("-")
                .output()
                .unwrap();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                String::from_utf8_lossy(&text.stdout).into_owned(),
            )
        })
        .collect();
    found.sort();
    found
}

fn pdftotext_here() -> bool {
    let found = std::process::Command::new("pdftotext").arg("-v").output().is_ok();
    assert!(
        found || std::env::var("CI").is_err(),
        "pdftotext is missing (poppler-utils)"
    );
    found
}

#[test]
fn the_report_counts_what_its_json_says_and_the_reminders_go_to_overdue_bodies_only() {
    if !pdftotext_here() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let archive = issued(dir.path());
    // Phòng Kinh tế finishes on time (due 20/5); the school's task (due 15/4) stays open.
    let economy = id_of(&archive, "Phòng Kinh tế");
    tasks(
        &archive,
        &["update", &economy, "--status", "cho-xac-nhan", "--date", "2026-05-10"],
    );
    tasks(&archive, &["confirm", &economy, "--date", "2026-05-12"]);

    let out = dir.path().join("du-thao");
    let report = tasks(
        &archive,
        &[
            "report",
            "--issuer",
            "Tân Lộc",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
            "--today",
            "2026-06-01",
            "--json",
            "-o",
            path(&out),
        ],
    );
    let figures: Value = serde_json::from_str(report.lines().last().unwrap()).unwrap();
    assert_eq!(
        [
            &figures["total"],
            &figures["done_on_time"],
            &figures["done_late"],
            &figures["open_in_time"],
            &figures["open_overdue"]
        ],
        [2, 1, 0, 0, 1],
        "{report}"
    );
    let record = out.join("ubnd-2026-01-01-2026-12-31.yaml");
    assert!(record.is_file(), "{report}");
    let [(_, text)] = texts(&out, "bao-cao-thuc-hien-ket-luan.pdf").try_into().unwrap();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Tổng số nhiệm vụ được giao: 2 nhiệm vụ"), "{text}");
    assert!(
        text.contains("Đã hoàn thành: 1 nhiệm vụ (đúng hạn 1, quá hạn 0)"),
        "{text}"
    );
    assert!(
        text.contains("Chưa hoàn thành: 1 nhiệm vụ (còn trong hạn 0, quá hạn 1)"),
        "{text}"
    );
    assert!(text.contains("Trường Tiểu học Tân Lộc"), "{text}");

    // Drafted again: the record (perhaps edited since) is not written over without --force.
    let again = vanban(&[
        "tasks",
        "report",
        "--issuer",
        "Tân Lộc",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--today",
        "2026-06-01",
        "-o",
        path(&out),
        "--archive-dir",
        path(&archive),
    ]);
    assert_eq!(again.status.code(), Some(2), "{}", stderr(&again));

    // One công văn đôn đốc, to the school; none to Phòng Kinh tế, whose task is done.
    let reminders = dir.path().join("don-doc");
    let refused = vanban(&[
        "tasks",
        "remind",
        "--issuer",
        "Tân Lộc",
        "--today",
        "2026-06-01",
        "-o",
        path(&reminders),
        "--archive-dir",
        path(&archive),
    ]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("--office-code"), "{}", stderr(&refused));
    assert!(!reminders.exists(), "nothing written");
    tasks(
        &archive,
        &[
            "remind",
            "--issuer",
            "Tân Lộc",
            "--office-code",
            "VP",
            "--today",
            "2026-06-01",
            "--report-by",
            "2026-06-15",
            "-o",
            path(&reminders),
        ],
    );
    let letters = texts(&reminders, "cong-van-don-doc.pdf");
    assert_eq!(letters.len(), 1, "{letters:?}");
    let letter = letters[0].1.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "Kính gửi: Trường Tiểu học Tân Lộc",
        "01/TB-UBND",
        "15/4/2026",
        "Số: /UBND-VP",
    ] {
        assert!(letter.contains(needle), "{needle}: {letter}");
    }
    assert!(!letter.contains("Phòng Kinh tế:"), "{letter}");

    // The Party notice's two tasks are both overdue on 15/7: two letters, no office code needed.
    let party = dir.path().join("dang");
    tasks(
        &archive,
        &[
            "remind",
            "--issuer",
            "Hòa Bình",
            "--today",
            "2026-07-15",
            "-o",
            path(&party),
        ],
    );
    let letters = texts(&party, "cong-van-don-doc.pdf");
    assert_eq!(letters.len(), 2, "{letters:?}");
    assert!(letters.iter().any(|(_, t)| t.contains("Chi bộ thôn Đông")));
    assert!(letters.iter().any(|(_, t)| t.contains("Ban Xây dựng Đảng")));
}

#[test]
fn a_document_has_one_issuer_and_a_period_without_tasks_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let archive = issued(dir.path());
    let out = dir.path().join("out");
    let both = vanban(&[
        "tasks",
        "report",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "-o",
        path(&out),
        "--archive-dir",
        path(&archive),
    ]);
    assert_eq!(both.status.code(), Some(1));
    let said = stderr(&both);
    assert!(
        said.contains("Ủy ban nhân dân xã Tân Lộc")
            && said.contains("Đảng ủy xã Hòa Bình")
            && said.contains("--issuer"),
        "{said}"
    );
    let none = vanban(&[
        "tasks",
        "report",
        "--issuer",
        "Tân Lộc",
        "--from",
        "2030-01-01",
        "--to",
        "2030-12-31",
        "-o",
        path(&out),
        "--archive-dir",
        path(&archive),
    ]);
    assert_eq!(none.status.code(), Some(1), "{}", stdout(&none));
    assert!(stderr(&none).contains("không có nhiệm vụ nào"), "{}", stderr(&none));
    assert!(!out.exists(), "nothing written");
}
