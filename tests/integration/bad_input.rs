//! Records other offices send: every bad one gets exit 1, one located message with a fix,
//! no panic and no output, and `check` and `render` say exactly the same.

use std::path::{Path, PathBuf};

use crate::support::{PARTY_SAMPLE, STATE_SAMPLE, files_in, state_sample_with, stderr, vanban};

/// A bad record: its file name, its bytes, and words its message must contain.
struct Case {
    name: &'static str,
    bytes: Vec<u8>,
    words: &'static str,
    place: &'static str,
}

fn case(name: &'static str, bytes: impl Into<Vec<u8>>, words: &'static str, place: &'static str) -> Case {
    Case {
        name,
        bytes: bytes.into(),
        words,
        place,
    }
}

fn alias_bomb() -> String {
    let mut text = String::from("kind: working_session\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    text
}

fn cases() -> Vec<Case> {
    let sample = |from: &str, to: &str| state_sample_with(from, to).into_bytes();
    let mut garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    garbage[0] = 0xff;
    vec![
        case(
            "cu-phap.yaml",
            sample("host: Hợp tác xã", "host: [Hợp tác xã"),
            "YAML không hợp lệ",
            ":",
        ),
        case(
            "giay-moi-sau.yaml",
            sample("    date: 2026-02-02\n", "    date: 2026-02-09\n"),
            "ngày ban hành Giấy mời (09/02/2026) sau buổi làm việc (05/02/2026)",
            ":",
        ),
        case(
            "ke-hoach-truoc.yaml",
            sample("    date: 2026-02-09\n", "    date: 2026-02-05\n"),
            "ngày ban hành Kế hoạch thực hiện kết luận (05/02/2026) trước Thông báo kết luận (06/02/2026)",
            ":",
        ),
        case(
            "cong-van-thieu-ma.yaml",
            sample("  office_code: VP\n", ""),
            "Công văn cần mục `issuer.office_code` mà bản ghi chưa có",
            ":",
        ),
        case(
            "thieu-thu-ky.yaml",
            sample(
                "secretary:\n  name: Huỳnh Thị Thu\n  titles: [Công chức Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã]\n",
                "",
            ),
            "Biên bản làm việc cần mục `secretary` mà bản ghi chưa có",
            ":",
        ),
        case(
            "tab.yaml",
            sample("\nlocation:", "\n\tlocation:"),
            "dùng ký tự tab để thụt lề",
            ":1",
        ),
        case(
            "trung-khoa.yaml",
            sample("\nhost:", "\nsubject: x\nhost:"),
            "khóa `subject` bị lặp lại",
            ":",
        ),
        case(
            "khoa-la.yaml",
            sample("\nlocation:", "\nlocaton:"),
            "khóa không hợp lệ `locaton`; có phải ý bạn là `location`?",
            ":1",
        ),
        case(
            "sai-kieu.yaml",
            sample("  minutes:\n    number: 7", "  minutes:\n    number: bảy"),
            "sai kiểu giá trị",
            ":",
        ),
        case(
            "thieu-truong.yaml",
            sample("\nsubject:", "\n# subject:"),
            "thiếu trường bắt buộc `subject`",
            ":",
        ),
        case("rong.yaml", "", "tệp rỗng", ":1:1"),
        case(
            "khong-utf8.yaml",
            b"kind: working_session\nhost: x\xe3 Xu\xe2n\n".to_vec(),
            "không phải văn bản UTF-8",
            ":2:",
        ),
        case("rac.yaml", garbage, "không phải văn bản UTF-8", ":1:"),
        case("qua-lon.yaml", vec![b'#'; 10 * 1024 * 1024], "tệp quá lớn", ":1:1"),
        case(
            "long-sau.yaml",
            format!("kind: working_session\nx: {}{}\n", "[".repeat(5000), "]".repeat(5000)),
            "tệp quá phức tạp",
            ":2:",
        ),
        case("bom.yaml", alias_bomb(), "lặp lại quá nhiều văn bản", ":"),
        case(
            "ngay.yaml",
            sample("date: 2026-02-05", "date: 2024-02-30"),
            "ngày `2024-02-30` không tồn tại",
            ":",
        ),
        case(
            "gio.yaml",
            sample("start: \"08:00\"", "start: \"25:61\""),
            "giờ `25:61` không tồn tại",
            ":",
        ),
        case(
            "so.yaml",
            sample("number: 5", "number: 0"),
            "số văn bản `0` phải là số nguyên dương",
            ":",
        ),
        case(
            "so-am.yaml",
            sample("number: 5", "number: -3"),
            "số văn bản `-3` phải là số nguyên dương",
            ":",
        ),
    ]
}

fn write_case(dir: &Path, case: &Case) -> PathBuf {
    let path = dir.join(case.name);
    std::fs::write(&path, &case.bytes).unwrap();
    path
}

#[test]
fn every_bad_record_gets_one_located_message_and_no_output() {
    let dir = tempfile::tempdir().unwrap();
    for case in cases() {
        let record = write_case(dir.path(), &case);
        let out = dir.path().join(format!("out-{}", case.name));
        let rendered = vanban(&["render", record.to_str().unwrap(), "-o", out.to_str().unwrap()]);
        let message = stderr(&rendered);
        assert_eq!(rendered.status.code(), Some(1), "{}: {message}", case.name);
        assert!(!message.contains("panicked"), "{}: {message}", case.name);
        let first = message.lines().next().unwrap_or_default();
        let located = format!("{}{}", record.display(), case.place);
        assert!(
            first.starts_with(&located),
            "{}: {first:?} does not start with {located:?}",
            case.name
        );
        let rest = &first[record.display().to_string().len()..];
        let numbers: Vec<&str> = rest.split(':').skip(1).take(2).collect();
        assert!(
            numbers.iter().all(|n| n.parse::<usize>().is_ok()),
            "{}: no line:column in {first:?}",
            case.name
        );
        assert!(
            first.contains(case.words),
            "{}: {first:?} lacks {:?}",
            case.name,
            case.words
        );
        assert!(message.contains("\ngợi ý: "), "{}: no hint in {message}", case.name);
        assert!(files_in(&out).is_empty(), "{}: wrote {:?}", case.name, files_in(&out));

        let checked = vanban(&["check", record.to_str().unwrap()]);
        assert_eq!(checked.status.code(), Some(1));
        let diagnostics = |text: &str| {
            text.lines()
                .filter(|l| !l.starts_with("vanban: "))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(
            diagnostics(&stderr(&checked)),
            diagnostics(&message),
            "{}: check and render differ",
            case.name
        );
    }
}

#[test]
fn a_missing_assessment_or_a_path_out_of_the_folder_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let party = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(PARTY_SAMPLE)).unwrap();
    for (target, words) in [
        (
            "assessments/khong-co.yaml",
            "không tìm thấy tệp `assessments/khong-co.yaml`",
        ),
        (
            "../../../etc/passwd",
            "đường dẫn `../../../etc/passwd` ra ngoài thư mục của bản ghi",
        ),
        ("/etc/passwd", "đường dẫn `/etc/passwd` ra ngoài thư mục của bản ghi"),
    ] {
        let record = dir.path().join("s.yaml");
        std::fs::write(&record, party.replace("assessments/xuan-truong-2024-ntm.yaml", target)).unwrap();
        let output = vanban(&[
            "render",
            record.to_str().unwrap(),
            "-o",
            dir.path().join("out").to_str().unwrap(),
        ]);
        assert_eq!(output.status.code(), Some(1));
        let line = party
            .lines()
            .position(|l| l.contains("assessments/xuan-truong-2024-ntm.yaml"))
            .unwrap()
            + 1;
        let message = stderr(&output);
        assert!(
            message.starts_with(&format!("{}:{line}:7: lỗi: {words}", record.display())),
            "{message}"
        );
        assert!(files_in(&dir.path().join("out")).is_empty());
    }
}

#[test]
fn a_missing_templates_folder_is_an_error_not_a_silent_fallback() {
    let output = vanban(&[
        "render",
        STATE_SAMPLE,
        "--templates",
        "/khong/co/thu-muc",
        "-o",
        "/tmp/vanban-never-written",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with("/khong/co/thu-muc: lỗi: không có thư mục mẫu này"),
        "{}",
        stderr(&output)
    );
    assert!(!Path::new("/tmp/vanban-never-written").exists());
}

#[test]
fn templates_cannot_read_files_or_images_outside_what_the_render_needs() {
    let dir = tempfile::tempdir().unwrap();
    for body in [
        "#read(\"/etc/passwd\")",
        "#image(\"../../../../etc/passwd\")",
        "#image(\"/work/main/fonts/LiberationSerif-Regular.ttf\")",
        "#include \"Cargo.toml\"",
    ] {
        std::fs::write(
            dir.path().join("_thong-bao-noi-dung.typ.j2"),
            format!("Mở đầu.\n\n{body}\n"),
        )
        .unwrap();
        let output = vanban(&["check", STATE_SAMPLE, "--templates", dir.path().to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(1), "{body} was allowed");
        let message = stderr(&output);
        assert!(
            message.contains("access denied") || message.contains("escape the project root"),
            "{body}: {message}"
        );
    }
}

#[test]
fn messages_follow_lang_and_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("x.yaml");
    std::fs::write(&record, state_sample_with("date: 2026-02-05", "date: 2024-02-30")).unwrap();
    let english = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["check", record.to_str().unwrap()])
        .env("LANG", "en_US.UTF-8")
        .output()
        .unwrap();
    assert!(
        stderr(&english).contains("error: date `2024-02-30` does not exist"),
        "{}",
        stderr(&english)
    );
    assert!(stderr(&english).contains("\nhint: write dates as `YYYY-MM-DD`"));
    let forced = vanban(&["--lang", "en", "check", record.to_str().unwrap()]);
    assert_eq!(stderr(&forced), stderr(&english));
}
