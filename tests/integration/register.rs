//! The outgoing register: numbers given at `archive add`, per issuer and year (state) or
//! term and type (Party); taken numbers refused; parallel adds never share a number.

use std::path::{Path, PathBuf};

use crate::support::{copy_samples, stderr, vanban};

/// The sample `name` copied into `dir` without its document numbers, with `tag` appended
/// as a comment so that each variant is an entry of its own.
fn unnumbered(dir: &Path, name: &str, tag: &str) -> PathBuf {
    copy_samples(dir);
    let text = std::fs::read_to_string(dir.join(name)).unwrap();
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !(l.trim_start().starts_with("number:") && l.starts_with("    number:")))
        .collect();
    let path = dir.join(format!("{tag}-{name}"));
    std::fs::write(&path, format!("{}\n# {tag}\n", kept.join("\n"))).unwrap();
    path
}

fn add(record: &Path, archive: &Path) -> std::process::Output {
    vanban(&[
        "archive",
        "add",
        record.to_str().unwrap(),
        "--archive-dir",
        archive.to_str().unwrap(),
    ])
}

/// The register's first column, without the heading.
fn numbers(archive: &Path, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["archive", "register", "--archive-dir", archive.to_str().unwrap()];
    args.extend(extra);
    let output = vanban(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .skip(1)
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect()
}

#[test]
fn state_numbers_run_per_issuer_and_year_without_gaps_and_readding_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("kho");
    let first = unnumbered(dir.path(), "an-phu-2026-02-05.yaml", "a");
    let second = unnumbered(dir.path(), "an-phu-2026-02-05.yaml", "b");
    assert!(add(&first, &archive).status.success());
    // One sequence for the issuer's year; the công văn has no type code but the drafting
    // unit's after the issuer's.
    assert_eq!(
        numbers(&archive, &[]),
        ["01/BB-UBND", "02/TB-UBND", "03/GM-UBND", "04/KH-UBND", "05/UBND-VP"]
    );
    let again = add(&first, &archive);
    assert!(String::from_utf8_lossy(&again.stdout).contains("đã có sẵn"));
    assert_eq!(numbers(&archive, &[]).len(), 5);
    assert!(add(&second, &archive).status.success());
    assert_eq!(numbers(&archive, &["--year", "2026", "--issuer", "UBND"]).len(), 10);
    assert_eq!(numbers(&archive, &["--year", "2025"]).len(), 0);
    // The archived PDF carries its number, and the archive still verifies.
    let entry = std::fs::read_dir(archive.join("entries"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.join("a-an-phu-2026-02-05.yaml").exists())
        .unwrap();
    let stored = std::fs::read_to_string(entry.join("a-an-phu-2026-02-05.yaml")).unwrap();
    assert!(stored.contains("number: 2"), "{stored}");
    let verify = vanban(&["archive", "verify", "--archive-dir", archive.to_str().unwrap()]);
    assert!(verify.status.success(), "{}", stderr(&verify));
}

#[test]
fn a_number_already_given_is_refused_naming_the_entry() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("kho");
    let first = unnumbered(dir.path(), "an-phu-2026-02-05.yaml", "a");
    assert!(add(&first, &archive).status.success());
    let text = std::fs::read_to_string(&first)
        .unwrap()
        .replacen("  notice:\n", "  notice:\n    number: 2\n", 1);
    let taken = dir.path().join("taken.yaml");
    std::fs::write(&taken, text + "# taken\n").unwrap();
    let output = add(&taken, &archive);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(
        message.contains("số `2` đã cấp") && message.contains("mục `an-phu-2026-02-05-"),
        "{message}"
    );
    assert!(message.contains("taken.yaml:"), "{message}");
    assert_eq!(numbers(&archive, &[]).len(), 5);
}

#[test]
fn party_numbers_run_per_type_through_a_term_and_the_setting_changes_it() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("kho");
    let first = unnumbered(dir.path(), "xuan-truong-2024.yaml", "a");
    assert!(
        add(&first, &archive).status.success(),
        "{}",
        stderr(&add(&first, &archive))
    );
    let party = numbers(&archive, &[]);
    assert!(
        ["01-BB/HU", "01-TB/HU", "01-KH/HU", "01-CV/HU"]
            .iter()
            .all(|n| party.contains(&n.to_string())),
        "{party:?}"
    );
    // A state issuer switched to one sequence per type.
    let state = unnumbered(dir.path(), "an-phu-2026-02-05.yaml", "s");
    let issuer = "Ủy ban nhân dân xã An Phú";
    let set = vanban(&[
        "archive",
        "register-setting",
        issuer,
        "--per-type",
        "--archive-dir",
        archive.to_str().unwrap(),
    ]);
    assert!(set.status.success(), "{}", stderr(&set));
    assert!(add(&state, &archive).status.success());
    let state_numbers = numbers(&archive, &["--issuer", issuer]);
    assert_eq!(
        state_numbers,
        ["01/UBND-VP", "01/BB-UBND", "01/GM-UBND", "01/KH-UBND", "01/TB-UBND"],
        "{state_numbers:?}"
    );
}

#[test]
fn parallel_adds_never_give_the_same_number() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("kho");
    let records: Vec<PathBuf> = (0..4)
        .map(|i| unnumbered(dir.path(), "an-phu-2026-02-05.yaml", &format!("p{i}")))
        .collect();
    let children: Vec<_> = records
        .iter()
        .map(|r| {
            std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
                .args([
                    "archive",
                    "add",
                    r.to_str().unwrap(),
                    "--archive-dir",
                    archive.to_str().unwrap(),
                ])
                .env("LANG", "vi_VN.UTF-8")
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let mut given: Vec<u32> = numbers(&archive, &[])
        .iter()
        .map(|n| n.split('/').next().unwrap().parse().unwrap())
        .collect();
    given.sort_unstable();
    assert_eq!(given, (1..=20).collect::<Vec<u32>>());
}

#[test]
fn the_register_writes_csv_and_pdf() {
    if !crate::support::program("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("kho");
    let first = unnumbered(dir.path(), "an-phu-2026-02-05.yaml", "a");
    assert!(add(&first, &archive).status.success());
    let csv = dir.path().join("so.csv");
    let pdf = dir.path().join("so.pdf");
    for out in [&csv, &pdf] {
        let output = vanban(&[
            "archive",
            "register",
            "--year",
            "2026",
            "-o",
            out.to_str().unwrap(),
            "--archive-dir",
            archive.to_str().unwrap(),
        ]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("\"Số và ký hiệu\",\"Ngày\",\"Trích yếu\""), "{text}");
    assert!(text.contains("\"02/TB-UBND\",\"06/02/2026\""), "{text}");
    // minutes have no signer of their own: the register names the chair and the secretary
    let minutes = text
        .lines()
        .find(|l| l.contains("/BB-UBND"))
        .expect("the minutes' line");
    assert!(minutes.contains("\"Nguyễn Văn Thành, "), "{minutes}");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    // every word stays inside its page's right margin (20 mm), the long entry names included
    let boxes = std::process::Command::new("pdftotext")
        .args(["-bbox", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext runs (poppler-utils; .ci/run installs it)");
    let html = String::from_utf8(boxes.stdout).unwrap();
    let number = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[start..start + tag[start..].find('"').unwrap()].parse().unwrap()
    };
    let (mut width, mut words) = (0.0, 0);
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page") {
            width = number(line, "width");
            assert!(width > number(line, "height"), "the register is laid across the page");
        } else if line.starts_with("<word") {
            words += 1;
            let right = width - 20.0 / 25.4 * 72.0;
            assert!(number(line, "xMax") <= right + 0.5, "past the margin: {line}");
        }
    }
    assert!(words > 50, "{words} words");
}
