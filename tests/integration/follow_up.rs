//! The documents of following up a conclusion notice's tasks (issue 40): the report on
//! carrying them out, its figures computed from the task list as of a day, with its
//! appendix table, and the công văn đôn đốc naming each overdue task; in both systems, on
//! records written here (not the samples).

use std::path::{Path, PathBuf};
use std::process::Command;

use vanban::compose::templates::TemplateSource;
use vanban::documents::DocKind;
use vanban::layout::inspect;
use vanban::prepare::prepare;
use vanban::render::Renderer;

use crate::support::{record_file, stderr, vanban};

const STATE_ISSUER: &str = "issuer:
  system: state
  name: Ủy ban nhân dân xã An Phú
  code: UBND
  place: An Phú
  office: Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã
  office_code: VP
";

const PARTY_ISSUER: &str = "issuer:
  system: party
  parent: Đảng bộ tỉnh Thanh Hóa
  name: Đảng ủy xã Sao Vàng
  code: ĐU
  place: Sao Vàng
  office: Văn phòng Đảng ủy xã
";

/// One task of a record: `Việc <name>`, given by notice `notice`.
fn task(name: &str, notice: &str, due: Option<&str>, status: &str, done: Option<&str>) -> String {
    let mut text = format!(
        "  - task: Việc {name}\n    notice: {{ number: {notice}, date: 2026-02-06 }}\n    assignee: Phòng Kinh tế xã\n    status: {status}\n"
    );
    if let Some(due) = due {
        text.push_str(&format!("    due: {due}\n"));
    }
    if let Some(done) = done {
        text.push_str(&format!("    done: {done}\n"));
    }
    text
}

/// A report as of 15/4/2026 over 6/2–30/4: on time, late, open in time (twice, one due on
/// the day itself), overdue, and `extra` tasks more (open, in time) to make the table long.
fn report(issuer: &str, notice: &str, authority: &str, extra: usize) -> String {
    let mut text = format!(
        "kind: task_report\nid: bao-cao\n{issuer}period: {{ from: 2026-02-06, to: 2026-04-30 }}\nas_of: 2026-04-15\ntasks:\n"
    );
    text.push_str(&task(
        "đúng hạn",
        notice,
        Some("2026-03-15"),
        "hoan-thanh",
        Some("2026-03-15"),
    ));
    text.push_str(&task(
        "trễ hạn",
        notice,
        Some("2026-02-28"),
        "hoan-thanh",
        Some("2026-03-06"),
    ));
    text.push_str(&task("còn hạn", notice, Some("2026-06-30"), "dang-thuc-hien", None));
    text.push_str(&task("đến hạn", notice, Some("2026-04-15"), "cho-xac-nhan", None));
    text.push_str(&task("quá hạn", notice, Some("2026-03-31"), "chua-thuc-hien", None));
    for i in 0..extra {
        text.push_str(&task(&format!("số {}", i + 1), notice, None, "dang-thuc-hien", None));
    }
    text.push_str(&format!(
        "documents:\n  task_report:\n    number: 18\n    date: 2026-04-16\n    signer: {{ authority: {authority}, position: Phó Chủ tịch, name: Trần Minh Đức }}\n    recipients: [Lưu VT]\n"
    ));
    text
}

fn reminder(issuer: &str, tasks: &str, authority: &str) -> String {
    format!(
        "kind: reminder\nid: don-doc\n{issuer}as_of: 2026-04-15\nto: Phòng Kinh tế xã\ntasks:\n{tasks}report_by: 2026-04-30\ndocuments:\n  reminder:\n    number: 61\n    signer: {{ authority: {authority}, position: Chánh Văn phòng, name: Lê Thị Mai }}\n    recipients: [Như trên, Lưu VT]\n"
    )
}

fn reminder_task(name: &str, number: &str, date: &str, due: &str) -> String {
    format!("  - task: {name}\n    notice: {{ number: {number}, date: {date} }}\n    due: {due}\n")
}

/// Renders `text` with the CLI into `dir/out`; the PDF's path.
fn rendered(dir: &Path, text: &str, slug: &str, extra: &[&str]) -> PathBuf {
    let record = record_file(dir, "ban-ghi.yaml", text);
    let out = dir.join("out");
    let mut args = vec!["render", record.to_str().unwrap(), "-o", out.to_str().unwrap()];
    args.extend(extra);
    let output = vanban(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    let id = if slug.starts_with("bao-cao") {
        "bao-cao"
    } else {
        "don-doc"
    };
    out.join(format!("{id}-{slug}.pdf"))
}

/// The PDF's words, joined by single spaces.
fn pdf_text(path: &Path) -> String {
    let output = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    String::from_utf8(output.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_report_computes_its_figures_as_of_its_day_in_both_systems() {
    if !crate::support::program("pdftotext") {
        return;
    }
    let cases = [
        (
            STATE_ISSUER,
            "05/TB-UBND",
            "KT. Chủ tịch",
            "Số: 18/BC-UBND",
            "I. KẾT QUẢ",
        ),
        (
            PARTY_ISSUER,
            "21-TB/ĐU",
            "T/M Ban Thường vụ",
            "Số 18-BC/ĐU",
            "I- KẾT QUẢ",
        ),
    ];
    for (issuer, notice, authority, number, section) in cases {
        let dir = tempfile::tempdir().unwrap();
        let pdf = rendered(
            dir.path(),
            &report(issuer, notice, authority, 0),
            "bao-cao-thuc-hien-ket-luan",
            &[],
        );
        let text = pdf_text(&pdf);
        for expected in [
            number,
            "BÁO CÁO",
            "ngày 16 tháng 4 năm 2026",
            section,
            &format!("Thông báo số {notice} ngày 06/02/2026"),
            "(số liệu tính đến ngày 15/4/2026)",
            "Tổng số nhiệm vụ được giao: 5 nhiệm vụ.",
            // Due 6/2–15/4: 28/2, 15/3, 31/3 and 15/4 (due on the day, still in time).
            "Số nhiệm vụ đến hạn trong kỳ: 4 nhiệm vụ; trong đó đã hoàn thành đúng hạn 1 nhiệm vụ, hoàn thành quá hạn 1 nhiệm vụ, chưa hoàn thành 2 nhiệm vụ.",
            "Đã hoàn thành: 2 nhiệm vụ (đúng hạn 1, quá hạn 1).",
            "Chưa hoàn thành: 3 nhiệm vụ (còn trong hạn 2, quá hạn 1).",
            "Tỷ lệ hoàn thành: 40%; tỷ lệ hoàn thành đúng hạn trên số nhiệm vụ đến hạn: 25%; tỷ lệ nhiệm vụ quá hạn chưa hoàn thành: 20%.",
            &format!("Phòng Kinh tế xã: việc quá hạn (Thông báo số {notice}, thời hạn 31/3/2026)."),
            "PHỤ LỤC",
        ] {
            assert!(text.contains(expected), "{expected:?} not in:\n{text}");
        }
        assert!(!text.contains("tạm hoãn"), "no paused task, no paused count");
    }
}

#[test]
fn the_appendix_lists_each_task_and_repeats_its_header_on_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let record = record_file(
        dir.path(),
        "bao-cao.yaml",
        &report(STATE_ISSUER, "05/TB-UBND", "KT. Chủ tịch", 20),
    );
    let prepared = prepare(&record).expect("record is valid");
    let renderer = Renderer::new(TemplateSource::default()).unwrap();
    let document = renderer.layout(&prepared, DocKind::TASK_REPORT).unwrap();
    let lines = inspect::lines(&document);
    let appendix = lines.iter().find(|l| l.text == "PHỤ LỤC").expect("appendix title").page;
    let last = lines.iter().map(|l| l.page).max().unwrap();
    assert!(last > appendix, "25 rows break across pages");
    for page in appendix..=last {
        assert!(
            lines.iter().any(|l| l.page == page && l.text.starts_with("STT")),
            "header on page {page}"
        );
    }
    let row = |name: &str| lines.iter().find(|l| l.page >= appendix && l.text.contains(name));
    for (i, name) in [
        "Việc đúng hạn",
        "Việc trễ hạn",
        "Việc còn hạn",
        "Việc đến hạn",
        "Việc quá hạn",
    ]
    .iter()
    .enumerate()
    {
        let cell = row(name).unwrap_or_else(|| panic!("row {name}"));
        let number = (i + 1).to_string();
        let stt = lines
            .iter()
            .find(|l| l.page == cell.page && (l.y - cell.y).abs() < 1.0 && l.x < cell.x && l.text == number);
        assert!(stt.is_some(), "row {number} is {name}");
    }
    let cells: Vec<&str> = lines
        .iter()
        .filter(|l| l.page >= appendix)
        .map(|l| l.text.as_str())
        .collect();
    let joined = cells.join(" ");
    for words in [
        "Hoàn",
        "đúng",
        "quá hạn",
        "Chưa",
        "Chờ xác",
        "trong",
        "06/3/2026",
        "15/3/2026",
        "Không",
    ] {
        assert!(joined.contains(words), "{words:?} not in the appendix:\n{joined}");
    }
    assert!(row("Việc số 20").is_some());
}

#[test]
fn the_reminder_names_each_task_its_notice_and_the_deadline_missed() {
    if !crate::support::program("pdftotext") {
        return;
    }
    let tasks = reminder_task(
        "Lập danh mục đầu tư đường nội đồng",
        "05/TB-UBND",
        "2026-02-06",
        "2026-03-31",
    ) + &reminder_task("Hoàn thiện hồ sơ vay vốn", "07/TB-UBND", "2026-02-20", "2026-02-28");
    let cases = [
        (
            STATE_ISSUER,
            "TL. Chủ tịch",
            "Số: 61/UBND-VP",
            "V/v đôn đốc thực hiện các Thông báo số 05/TB-UBND, 07/TB-UBND",
        ),
        (
            PARTY_ISSUER,
            "T/L Ban Thường vụ",
            "Số 61-CV/ĐU",
            "V/v đôn đốc thực hiện các Thông báo số 05/TB-UBND, 07/TB-UBND",
        ),
    ];
    for (issuer, authority, number, about) in cases {
        let dir = tempfile::tempdir().unwrap();
        let pdf = rendered(
            dir.path(),
            &reminder(issuer, &tasks, authority),
            "cong-van-don-doc",
            &[],
        );
        let text = pdf_text(&pdf);
        for expected in [
            number,
            about,
            "Kính gửi: Phòng Kinh tế xã",
            "ngày 15 tháng 4 năm 2026",
            "1. Lập danh mục đầu tư đường nội đồng. Nhiệm vụ giao tại Thông báo số 05/TB-UBND ngày 06/02/2026; thời hạn hoàn thành: ngày 31/3/2026 (đã quá 15 ngày).",
            "2. Hoàn thiện hồ sơ vay vốn. Nhiệm vụ giao tại Thông báo số 07/TB-UBND ngày 20/02/2026; thời hạn hoàn thành: ngày 28/02/2026 (đã quá 46 ngày).",
            "trước ngày 30/4/2026",
        ] {
            assert!(text.contains(expected), "{expected:?} not in:\n{text}");
        }
    }
}

#[test]
fn a_reminder_without_tasks_or_with_a_task_in_time_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let cases = [
        ("tasks: []\n", "không có nhiệm vụ nào trong `tasks`"),
        (
            &*(String::from("tasks:\n") + &reminder_task("Việc còn hạn", "05/TB-UBND", "2026-02-06", "2026-04-15")),
            "chưa quá hạn vào ngày 15/4/2026",
        ),
    ];
    for (tasks, said) in cases {
        let text = reminder(STATE_ISSUER, "", "TL. Chủ tịch").replace("tasks:\n", tasks);
        let record = record_file(dir.path(), "don-doc.yaml", &text);
        let check = vec!["check", record.to_str().unwrap()];
        let render = vec!["render", record.to_str().unwrap(), "-o", out.to_str().unwrap()];
        for (command, args) in [("check", check), ("render", render)] {
            let output = vanban(&args);
            assert!(!output.status.success(), "{command} must refuse");
            assert!(stderr(&output).contains(said), "{}", stderr(&output));
        }
        assert!(
            !out.join("don-doc-cong-van-don-doc.pdf").exists(),
            "nothing half-written"
        );
    }
}

#[test]
fn both_kinds_are_archival_pdfs_and_the_archive_numbers_them() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("kho");
    let records = [
        (
            report(STATE_ISSUER, "05/TB-UBND", "KT. Chủ tịch", 0),
            "bao-cao-thuc-hien-ket-luan",
            "bao-cao.yaml",
        ),
        (
            reminder(
                STATE_ISSUER,
                &reminder_task("Việc A", "05/TB-UBND", "2026-02-06", "2026-03-31"),
                "TL. Chủ tịch",
            ),
            "cong-van-don-doc",
            "don-doc.yaml",
        ),
    ];
    for (text, slug, name) in records {
        let pdf = rendered(dir.path(), &text, slug, &["--archive"]);
        let bytes = std::fs::read(&pdf).unwrap();
        assert!(String::from_utf8_lossy(&bytes).contains("<pdfaid:part>3</pdfaid:part>"));
        assert_eq!(crate::pdfa::violations(&bytes), Vec::<String>::new(), "{slug}");
        let without_number: String = text
            .lines()
            .filter(|l| !l.starts_with("    number:"))
            .map(|l| format!("{l}\n"))
            .collect();
        let record = record_file(dir.path(), name, &without_number);
        let add = vanban(&[
            "archive",
            "add",
            record.to_str().unwrap(),
            "--archive-dir",
            store.to_str().unwrap(),
        ]);
        assert!(add.status.success(), "{}", stderr(&add));
    }
    // Numbered from the issuer's one register (ND30: shared by every kind by default).
    let register = vanban(&["archive", "register", "--archive-dir", store.to_str().unwrap()]);
    let register = crate::support::stdout(&register);
    for line in [
        "01/BC-UBND\t16/4/2026\tBáo cáo kết quả thực hiện kết luận tại Thông báo số 05/TB-UBND (đến ngày 15/4/2026)",
        "02/UBND-VP\t15/4/2026\tCông văn đôn đốc Phòng Kinh tế xã thực hiện Thông báo số 05/TB-UBND",
    ] {
        assert!(register.contains(line), "{line:?} not in:\n{register}");
    }
    // Their words are in the archive's search index.
    for (words, found) in [("quá hạn chưa hoàn thành", "bao-cao"), ("đôn đốc Việc A", "don-doc")] {
        let search = vanban(&["archive", "search", words, "--archive-dir", store.to_str().unwrap()]);
        assert!(search.status.success(), "{}", stderr(&search));
        assert!(
            crate::support::stdout(&search).contains(found),
            "{words}: {}",
            crate::support::stdout(&search)
        );
    }
}
