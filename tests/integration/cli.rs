//! The command line on real records: what gets written, what gets refused, and how it reads.

use std::path::Path;

use crate::support::{PARTY_SAMPLE, STATE_SAMPLE, files_in, record_file, state_sample_with, stderr, vanban};

#[test]
fn render_writes_every_document_of_the_samples() {
    let out = tempfile::tempdir().unwrap();
    let output = vanban(&["render", PARTY_SAMPLE, STATE_SAMPLE, "-o", out.path().to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let files = files_in(out.path());
    for expected in [
        "an-phu-2026-02-05-bien-ban.pdf",
        "an-phu-2026-02-05-thong-bao-ket-luan.pdf",
        "tho-xuan-2024-03-27-xuan-truong-bien-ban.pdf",
        "tho-xuan-2024-03-27-xuan-truong-thong-bao-ket-luan.pdf",
    ] {
        assert!(files.iter().any(|f| f == expected), "{expected} missing from {files:?}");
        let bytes = std::fs::read(out.path().join(expected)).unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
    }
    for draft in [
        "an-phu-2026-02-05-tin-bai.md",
        "tho-xuan-2024-03-27-xuan-truong-tin-bai.html",
    ] {
        assert!(files.iter().any(|f| f == draft), "{draft} missing from {files:?}");
    }
    assert!(files.iter().all(|f| !f.ends_with(".tmp")), "{files:?}");
    assert!(!stderr(&output).contains("cảnh báo"), "{}", stderr(&output));
}

#[test]
fn a_character_the_fonts_lack_is_a_warning_with_its_place_in_render_and_check() {
    let dir = tempfile::tempdir().unwrap();
    let text = state_sample_with("\nlocation: Hội trường", "\nlocation: Hội trường ☎");
    let record = record_file(dir.path(), "dien-thoai.yaml", &text);
    let before = &text[..text.find('☎').unwrap()];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
    let expected =
        format!("dien-thoai.yaml:{line}:{column}: cảnh báo: ký tự `☎` (U+260E) không có trong phông chữ nhúng");
    let out = dir.path().join("out");
    let render = vanban(&["render", record.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(render.status.success(), "{}", stderr(&render));
    assert_eq!(stderr(&render).matches(&expected).count(), 1, "{}", stderr(&render));
    assert!(files_in(&out).iter().any(|f| f.ends_with("-bien-ban.pdf")));
    let check = vanban(&["check", record.to_str().unwrap()]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert_eq!(stderr(&check).matches(&expected).count(), 1, "{}", stderr(&check));
}

#[test]
fn check_validates_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args([
            "check",
            &format!("{}/{PARTY_SAMPLE}", env!("CARGO_MANIFEST_DIR")),
            &format!("{}/{STATE_SAMPLE}", env!("CARGO_MANIFEST_DIR")),
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        files_in(dir.path()).is_empty(),
        "check wrote {:?}",
        files_in(dir.path())
    );
}

#[test]
fn an_unknown_key_names_file_line_column_and_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let record = record_file(dir.path(), "hong.yaml", &state_sample_with("\nlocation:", "\nlocaton:"));
    let out = dir.path().join("out");
    let output = vanban(&["render", record.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    let line = std::fs::read_to_string(&record)
        .unwrap()
        .lines()
        .position(|l| l.starts_with("locaton:"))
        .unwrap()
        + 1;
    let expected = format!(
        "{}:{line}:1: lỗi: khóa không hợp lệ `locaton`; có phải ý bạn là `location`?",
        record.display()
    );
    assert!(message.starts_with(&expected), "{message}");
    assert!(files_in(&out).is_empty(), "a failed record wrote {:?}", files_in(&out));
}

#[test]
fn messages_switch_to_english() {
    let dir = tempfile::tempdir().unwrap();
    let record = record_file(dir.path(), "bad.yaml", &state_sample_with("\nlocation:", "\nlocaton:"));
    let output = vanban(&["--lang", "en", "check", record.to_str().unwrap()]);
    assert!(
        stderr(&output).contains("unknown key `locaton`; did you mean `location`?"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn impossible_dates_and_times_are_refused_where_they_stand() {
    let dir = tempfile::tempdir().unwrap();
    for (from, to, words) in [
        (
            "date: 2026-02-05",
            "date: 2024-02-30",
            "ngày `2024-02-30` không tồn tại",
        ),
        (
            "start: \"",
            "start: \"25:61\"\nx_start: \"",
            "giờ `25:61` không tồn tại",
        ),
        ("number: 5", "number: 0", "số văn bản `0` phải là số nguyên dương"),
    ] {
        let text = state_sample_with(from, to).replace("x_start: \"", "# ");
        let record = record_file(dir.path(), "bad.yaml", &text);
        let output = vanban(&["check", record.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(1));
        let message = stderr(&output);
        assert!(message.contains(words), "{message}");
        assert!(message.starts_with(&format!("{}:", record.display())), "{message}");
        assert!(message.contains("gợi ý:"), "{message}");
    }
}

#[test]
fn a_signature_prefix_from_the_other_system_gets_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let party = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(PARTY_SAMPLE)).unwrap();
    let record = record_file(
        dir.path(),
        "p.yaml",
        &party.replace("authority: T/L Ban Thường vụ", "authority: TL. Ban Thường vụ"),
    );
    let output = vanban(&["check", record.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("có phải ý bạn là `T/L Ban Thường vụ`?"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn usage_errors_exit_with_two() {
    assert_eq!(vanban(&["render"]).status.code(), Some(2));
    assert_eq!(vanban(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn templates_export_then_override_file_by_file() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("mau");
    let output = vanban(&["templates", "export", templates.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(files_in(&templates).contains(&"vanban.typ".to_string()));
    let again = vanban(&["templates", "export", templates.to_str().unwrap()]);
    assert_eq!(
        again.status.code(),
        Some(2),
        "export must not overwrite: the command line must change (--force)"
    );

    let custom = dir.path().join("custom");
    std::fs::create_dir(&custom).unwrap();
    let notice = std::fs::read_to_string(templates.join("_thong-bao-noi-dung.typ.j2")).unwrap();
    std::fs::write(
        custom.join("_thong-bao-noi-dung.typ.j2"),
        notice.replace("thông báo để", "trân trọng thông báo để"),
    )
    .unwrap();
    let out = dir.path().join("out");
    let output = vanban(&[
        "render",
        STATE_SAMPLE,
        "-o",
        out.to_str().unwrap(),
        "--templates",
        custom.to_str().unwrap(),
        "--emit-typst",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let source = std::fs::read_to_string(out.join("an-phu-2026-02-05-thong-bao-ket-luan.typ")).unwrap();
    assert!(source.contains("trân trọng thông báo để"));
}

#[test]
fn a_broken_user_template_is_named_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("_thong-bao-noi-dung.typ.j2"),
        "Dòng một.\n\n#read(\"/etc/passwd\")\n",
    )
    .unwrap();
    let output = vanban(&["check", STATE_SAMPLE, "--templates", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("_thong-bao-noi-dung.typ.j2:3:7: lỗi: Typst báo lỗi: failed to load file (access denied)"),
        "{message}"
    );
    assert!(message.contains("read(\"/etc/passwd\")"), "{message}");
    assert!(!message.contains("root:"), "the file must not be read: {message}");

    std::fs::write(dir.path().join("_thong-bao-noi-dung.typ.j2"), "{% if %}\n").unwrap();
    let output = vanban(&["check", STATE_SAMPLE, "--templates", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("_thong-bao-noi-dung.typ.j2:1:"), "{message}");
}

#[test]
fn a_bad_record_in_a_batch_does_not_stop_the_good_ones() {
    let dir = tempfile::tempdir().unwrap();
    let bad = record_file(dir.path(), "bad.yaml", "kind: working_session\n");
    let out = dir.path().join("out");
    let output = vanban(&[
        "render",
        bad.to_str().unwrap(),
        PARTY_SAMPLE,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("thiếu trường bắt buộc"), "{}", stderr(&output));
    assert_eq!(files_in(&out).len(), 6, "{:?}", files_in(&out));
}

#[test]
fn generated_typst_sources_match_their_snapshots() {
    let out = tempfile::tempdir().unwrap();
    let output = vanban(&[
        "render",
        PARTY_SAMPLE,
        STATE_SAMPLE,
        "-o",
        out.path().to_str().unwrap(),
        "--emit-typst",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    for name in [
        "tho-xuan-2024-03-27-xuan-truong-bien-ban.typ",
        "tho-xuan-2024-03-27-xuan-truong-thong-bao-ket-luan.typ",
        "an-phu-2026-02-05-bien-ban.typ",
        "an-phu-2026-02-05-thong-bao-ket-luan.typ",
    ] {
        let source = std::fs::read_to_string(out.path().join(name)).unwrap();
        crate::support::assert_snapshot(name, &source);
    }
}
