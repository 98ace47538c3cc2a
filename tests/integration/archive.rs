//! The archive: archival PDFs that carry their records, and the indexed archive folder.

use std::path::{Path, PathBuf};

use crate::support::{PARTY_SAMPLE, files_in, stderr, stdout, tree, vanban};

fn copy_seed(to: &Path) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(to.join("assessments")).unwrap();
    for name in files_in(&root.join("samples/assessments")) {
        std::fs::copy(
            root.join("samples/assessments").join(&name),
            to.join("assessments").join(&name),
        )
        .unwrap();
    }
    std::fs::copy(root.join(PARTY_SAMPLE), to.join("xuan-truong-2024.yaml")).unwrap();
    to.join("xuan-truong-2024.yaml")
}

#[test]
fn archival_pdfs_claim_pdfa_3u_and_give_back_their_records_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let record = copy_seed(dir.path());
    let out = dir.path().join("out");
    let output = vanban(&[
        "render",
        record.to_str().unwrap(),
        "--archive",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let pdf = out.join("tho-xuan-2024-03-27-xuan-truong-thong-bao-ket-luan.pdf");
    let bytes = std::fs::read(&pdf).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("<pdfaid:part>3</pdfaid:part>") && text.contains("<pdfaid:conformance>U</pdfaid:conformance>"),
        "XMP must claim PDF/A-3u"
    );
    let attachments = vanban::output::extract::attachments(&pdf).unwrap();
    let names: Vec<&str> = attachments.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "xuan-truong-2024-ntm-nang-cao.yaml",
            "xuan-truong-2024-ntm.yaml",
            "xuan-truong-2024.yaml"
        ]
    );
    let extracted = dir.path().join("extracted");
    let output = vanban(&["extract", pdf.to_str().unwrap(), "-o", extracted.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        std::fs::read(extracted.join("xuan-truong-2024.yaml")).unwrap(),
        std::fs::read(&record).unwrap()
    );
    let assessment = dir.path().join("assessments/xuan-truong-2024-ntm-nang-cao.yaml");
    assert_eq!(
        std::fs::read(extracted.join("xuan-truong-2024-ntm-nang-cao.yaml")).unwrap(),
        std::fs::read(assessment).unwrap()
    );
}

#[test]
fn a_glyph_the_embedded_font_lacks_is_an_error_in_archival_form() {
    let dir = tempfile::tempdir().unwrap();
    let record = copy_seed(dir.path());
    let text = std::fs::read_to_string(&record).unwrap();
    let edited = text.replace("location: Hội trường", "location: 会議室 Hội trường");
    std::fs::write(&record, &edited).unwrap();
    let (line, column) = place_of(&edited, "会");
    let out = dir.path().join("out");
    let output = vanban(&[
        "render",
        record.to_str().unwrap(),
        "--archive",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains(&format!(
            "xuan-truong-2024.yaml:{line}:{column}: lỗi: ký tự `会` (U+4F1A)"
        )) && message.contains("PDF/A"),
        "{message}"
    );
    assert!(files_in(&out).is_empty());
}

/// 1-based line and column (in characters) of the first `needle` in `text`.
fn place_of(text: &str, needle: &str) -> (usize, usize) {
    let before = &text[..text.find(needle).expect("needle in text")];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (line, column)
}

#[test]
fn the_seed_meeting_goes_through_the_whole_archive() {
    let dir = tempfile::tempdir().unwrap();
    let record = copy_seed(dir.path());
    let store = dir.path().join("kho");
    let store_arg = store.to_str().unwrap();
    let add = vanban(&["archive", "add", record.to_str().unwrap(), "--archive-dir", store_arg]);
    assert!(add.status.success(), "{}", stderr(&add));
    assert_eq!(stdout(&add).matches("đã lưu").count(), 3, "{}", stdout(&add));
    let before = tree(&store);
    let again = vanban(&["archive", "add", record.to_str().unwrap(), "--archive-dir", store_arg]);
    assert!(again.status.success());
    assert_eq!(
        stdout(&again).matches("đã có sẵn").count(),
        3,
        "adding twice is idempotent"
    );
    assert_eq!(tree(&store), before, "a repeated add changes nothing");

    // An older assessment of the same commune, with Văn hóa then met and Môi trường not.
    let older = std::fs::read_to_string(dir.path().join("assessments/xuan-truong-2024-ntm-nang-cao.yaml"))
        .unwrap()
        .replace("id: xuan-truong-2024-ntm-nang-cao", "id: xuan-truong-2023-ntm-nang-cao")
        .replace("as_of: 2024-03-27", "as_of: 2023-09-30")
        .replace("    number: 22             # illustrative\n", "") // the register gives it one
        .replace("  - criterion: 6 ", "  - criterion: 17 ");
    std::fs::write(dir.path().join("2023.yaml"), older).unwrap();
    assert!(
        vanban(&[
            "archive",
            "add",
            dir.path().join("2023.yaml").to_str().unwrap(),
            "--archive-dir",
            store_arg
        ])
        .status
        .success()
    );

    let list = stdout(&vanban(&[
        "archive",
        "list",
        "--kind",
        "assessment",
        "--year",
        "2024",
        "--archive-dir",
        store_arg,
    ]));
    assert_eq!(list.lines().count(), 2, "{list}");
    assert!(list.contains("đạt 17/19 tiêu chí, 71/75 chỉ tiêu"));
    let by_unit = stdout(&vanban(&[
        "archive",
        "list",
        "--unit",
        "xã Xuân Trường",
        "--archive-dir",
        store_arg,
    ]));
    assert_eq!(by_unit.lines().count(), 4, "{by_unit}");

    let entry = list
        .lines()
        .find(|l| l.contains("71/75"))
        .unwrap()
        .split('\t')
        .next()
        .unwrap()
        .to_string();
    let show = stdout(&vanban(&["archive", "show", &entry, "--archive-dir", store_arg]));
    assert!(
        show.contains("th-33-2022-xa-ntm-nang-cao") && show.contains("bao-cao-danh-gia.pdf"),
        "{show}"
    );
    assert_eq!(
        show.lines()
            .filter(|l| l.trim_start().len() > 64 && l.trim_start()[..64].chars().all(|c| c.is_ascii_hexdigit()))
            .count(),
        2,
        "{show}"
    );

    let history = stdout(&vanban(&[
        "archive",
        "history",
        "xã Xuân Trường",
        "--archive-dir",
        store_arg,
    ]));
    let lines: Vec<&str> = history.lines().collect();
    assert!(
        lines[0].starts_with("2023-09-30\tth-33-2022-xa-ntm-nang-cao"),
        "{history}"
    );
    assert!(
        history.contains("Văn hóa: đạt → chưa đạt") && history.contains("Môi trường: chưa đạt → đạt"),
        "{history}"
    );

    let summary_pdf = dir.path().join("tong-hop.pdf");
    let summary = vanban(&[
        "archive",
        "summary",
        "--set",
        "th-33-2022-xa-ntm-nang-cao",
        "-o",
        summary_pdf.to_str().unwrap(),
        "--archive-dir",
        store_arg,
    ]);
    assert!(summary.status.success(), "{}", stderr(&summary));
    assert!(std::fs::read(&summary_pdf).unwrap().starts_with(b"%PDF-"));
    let early = vanban(&[
        "archive",
        "summary",
        "--set",
        "th-33-2022-xa-ntm-nang-cao",
        "--as-of",
        "2023-12-31",
        "-o",
        dir.path().join("cu.pdf").to_str().unwrap(),
        "--archive-dir",
        store_arg,
    ]);
    assert!(early.status.success());

    let verify = vanban(&["archive", "verify", "--archive-dir", store_arg]);
    assert!(verify.status.success(), "{}", stderr(&verify));
    assert!(stdout(&verify).contains("kho nguyên vẹn"));

    let pdf = store
        .join("entries")
        .join(&entry)
        .join("xuan-truong-2024-ntm-nang-cao-bao-cao-danh-gia.pdf");
    let extracted = dir.path().join("x");
    assert!(
        vanban(&["extract", pdf.to_str().unwrap(), "-o", extracted.to_str().unwrap()])
            .status
            .success()
    );
    assert_eq!(files_in(&extracted), ["xuan-truong-2024-ntm-nang-cao.yaml"]);
}

#[test]
fn verify_catches_a_tampered_file() {
    let dir = tempfile::tempdir().unwrap();
    let record = copy_seed(dir.path());
    let store = dir.path().join("kho");
    assert!(
        vanban(&[
            "archive",
            "add",
            record.to_str().unwrap(),
            "--archive-dir",
            store.to_str().unwrap()
        ])
        .status
        .success()
    );
    let entry = files_in(&store.join("entries"))
        .into_iter()
        .find(|e| e.starts_with("tho-xuan"))
        .unwrap();
    let stored = store.join("entries").join(&entry).join("xuan-truong-2024.yaml");
    let text = std::fs::read_to_string(&stored).unwrap();
    std::fs::write(&stored, text.replace("number: 123", "number: 124")).unwrap();
    let verify = vanban(&["archive", "verify", "--archive-dir", store.to_str().unwrap()]);
    assert_eq!(verify.status.code(), Some(4), "archive verify found something: exit 4");
    let message = stderr(&verify);
    assert!(
        message.contains(&format!("{}: lỗi: nội dung đã bị thay đổi", stored.display())),
        "{message}"
    );
    assert!(
        message.contains("kết xuất lại cho kết quả khác"),
        "the edited record no longer gives the stored PDFs: {message}"
    );
}

#[test]
fn a_failed_or_interrupted_add_leaves_the_archive_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let record = copy_seed(dir.path());
    let store = dir.path().join("kho");
    let store_arg = store.to_str().unwrap();
    assert!(
        vanban(&[
            "archive",
            "add",
            dir.path()
                .join("assessments/xuan-truong-2024-ntm.yaml")
                .to_str()
                .unwrap(),
            "--archive-dir",
            store_arg
        ])
        .status
        .success()
    );
    let before = tree(&store);

    // A record that fails validation: nothing is written, not even a staging folder.
    let bad = dir.path().join("bad.yaml");
    std::fs::write(
        &bad,
        std::fs::read_to_string(&record)
            .unwrap()
            .replace("date: 2024-03-27", "date: 2024-02-30"),
    )
    .unwrap();
    assert_eq!(
        vanban(&["archive", "add", bad.to_str().unwrap(), "--archive-dir", store_arg])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(tree(&store), before);

    // An add that died after its entry folder was renamed into place but before the index
    // transaction committed leaves a folder the index does not know, and maybe a staging one.
    let entry = format!(
        "tho-xuan-2024-03-27-xuan-truong-{}",
        &vanban::archive::sha256_hex(&std::fs::read(&record).unwrap())[..12]
    );
    let orphan = store.join("entries").join(&entry);
    std::fs::create_dir_all(&orphan).unwrap();
    std::fs::write(orphan.join("half-written.pdf"), b"%PDF-1.7 cut off").unwrap();
    std::fs::create_dir_all(store.join(format!("entries/.{entry}.staging-1"))).unwrap();
    let list = stdout(&vanban(&["archive", "list", "--archive-dir", store_arg]));
    assert_eq!(list.lines().count(), 1, "the orphan is not an entry: {list}");

    let add = vanban(&["archive", "add", record.to_str().unwrap(), "--archive-dir", store_arg]);
    assert!(add.status.success(), "{}", stderr(&add));
    assert!(stdout(&add).contains(&format!("đã lưu {entry}")), "{}", stdout(&add));
    assert!(
        !orphan.join("half-written.pdf").exists(),
        "the orphan was replaced by a complete entry"
    );
    let list = stdout(&vanban(&["archive", "list", "--archive-dir", store_arg]));
    assert_eq!(list.lines().count(), 3, "{list}");
    let verify = vanban(&["archive", "verify", "--archive-dir", store_arg]);
    assert!(verify.status.success(), "{}", stderr(&verify));
}

#[test]
fn reading_commands_refuse_a_folder_that_holds_no_archive_and_create_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("kho-go-nham");
    let missing_arg = missing.to_str().unwrap();
    for args in [
        vec!["archive", "list", "--archive-dir", missing_arg],
        vec!["archive", "show", "abc", "--archive-dir", missing_arg],
        vec!["archive", "history", "Xã Xuân Trường", "--archive-dir", missing_arg],
        vec!["archive", "verify", "--archive-dir", missing_arg],
        vec![
            "archive",
            "summary",
            "--set",
            "th-33-2022-xa-ntm-nang-cao",
            "--archive-dir",
            missing_arg,
        ],
    ] {
        let output = vanban(&args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&output).contains("không có kho lưu trữ ở đây"),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(!missing.exists(), "{args:?} created {}", missing.display());
    }
}

#[test]
fn extract_overwrites_nothing_unasked_and_says_when_there_is_nothing_to_extract() {
    let dir = tempfile::tempdir().unwrap();
    let record = copy_seed(dir.path());
    let out = dir.path().join("out");
    let out_arg = out.to_str().unwrap();
    assert!(
        vanban(&["render", record.to_str().unwrap(), "--archive", "-o", out_arg])
            .status
            .success()
    );
    let pdf = out.join("tho-xuan-2024-03-27-xuan-truong-bien-ban.pdf");
    let pdf_arg = pdf.to_str().unwrap();
    let folder_arg = dir.path().to_str().unwrap();

    // The record's own folder holds the same record: identical files are fine.
    let same = vanban(&["extract", pdf_arg, "-o", folder_arg]);
    assert!(same.status.success(), "{}", stderr(&same));

    // An edited record is not replaced without --force, and nothing else is written.
    let edited = std::fs::read_to_string(&record).unwrap() + "# sửa sau khi lưu\n";
    std::fs::write(&record, &edited).unwrap();
    let before = tree(dir.path());
    let refused = vanban(&["extract", pdf_arg, "-o", folder_arg]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("tệp đã có, không ghi đè"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(tree(dir.path()), before);
    let forced = vanban(&["extract", pdf_arg, "-o", folder_arg, "--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert_ne!(std::fs::read_to_string(&record).unwrap(), edited);

    // A PDF without attachments, and a file that is not a PDF.
    let plain = dir.path().join("plain");
    assert!(
        vanban(&["render", record.to_str().unwrap(), "-o", plain.to_str().unwrap()])
            .status
            .success()
    );
    let nothing = vanban(&[
        "extract",
        plain
            .join("tho-xuan-2024-03-27-xuan-truong-bien-ban.pdf")
            .to_str()
            .unwrap(),
        "-o",
        dir.path().join("x").to_str().unwrap(),
    ]);
    assert_eq!(nothing.status.code(), Some(1));
    assert!(
        stderr(&nothing).contains("không có tệp đính kèm"),
        "{}",
        stderr(&nothing)
    );
    let not_pdf = vanban(&[
        "extract",
        record.to_str().unwrap(),
        "-o",
        dir.path().join("x").to_str().unwrap(),
    ]);
    assert_eq!(not_pdf.status.code(), Some(1));
    assert!(stderr(&not_pdf).contains("không phải tệp PDF"), "{}", stderr(&not_pdf));
    assert!(!dir.path().join("x").exists());
}
