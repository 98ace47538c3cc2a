//! The 2026 - 2030 set, commune groups, set periods, and criteria sets imported from an
//! office's table (issue 15): CSV in UTF-8, Windows-1258 and UTF-16, and an .xlsx with merged
//! criterion cells; every import error named at its row and column.

use std::path::Path;

use crate::support::{record_file, stderr, stdout, vanban};

const FIXTURES: &str = "tests/fixtures/criteria";

fn import(table: &Path, out: &Path) -> std::process::Output {
    vanban(&[
        "criteria",
        "import",
        table.to_str().unwrap(),
        "--id",
        "th-minh-hoa",
        "--name",
        "Bộ tiêu chí minh họa",
        "-o",
        out.to_str().unwrap(),
    ])
}

/// The indicator lines of a written set file.
fn indicators(set: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(set).unwrap();
    text.lines()
        .filter(|l| l.trim_start().starts_with("- {id:"))
        .map(|l| {
            l.split(", target")
                .next()
                .unwrap()
                .trim_end_matches('}')
                .trim()
                .to_string()
        })
        .collect()
}

#[test]
fn an_office_table_imports_from_every_form_excel_users_send() {
    let dir = tempfile::tempdir().unwrap();
    let mut seen = Vec::new();
    for table in [
        "bang-utf8.csv",
        "bang-windows-1258.csv",
        "bang-utf16.txt",
        "bang-o-gop.xlsx",
    ] {
        let out = dir.path().join(format!("{table}.yaml"));
        let output = import(&Path::new(FIXTURES).join(table), &out);
        assert!(output.status.success(), "{table}: {}", stderr(&output));
        assert!(
            stdout(&output).contains("3 tiêu chí, 7 chỉ tiêu"),
            "{table}: {}",
            stdout(&output)
        );
        let windows = table.contains("1258");
        assert_eq!(
            stderr(&output).contains("Windows-1258"),
            windows,
            "{table}: a non-UTF-8 file is read and said so: {}",
            stderr(&output)
        );
        let list = indicators(&out);
        assert_eq!(list.len(), 7, "{table}: {list:?}");
        assert!(list.iter().all(|l| l.nfc_eq()), "{table}: NFC");
        seen.push((table, list));
    }
    for (table, list) in &seen[1..] {
        assert_eq!(list, &seen[0].1, "{table} reads as the UTF-8 table does");
    }
    // The written file is an ordinary set: an assessment names it by path and its report
    // shows real counts per criterion and names the unmet indicator.
    let assessment = record_file(
        dir.path(),
        "danh-gia.yaml",
        "kind: assessment\nid: minh-hoa-2026\nunit: xã Minh Hòa\nas_of: 2026-06-30\nassessed_by: self\n\
             criteria_set: bang-utf8.csv.yaml\ncommune_group: 2\nresults:\n  - criterion: 2\n    unmet: [\"2.1\"]\n\
             issuer: {system: state, name: Ủy ban nhân dân xã Minh Hòa, code: UBND, place: Minh Hòa}\n\
             documents:\n  report:\n    signer: {authority: TM. Ủy ban nhân dân, position: Chủ tịch, name: Nguyễn Văn A}\n",
    );
    let out = dir.path().join("out");
    let rendered = vanban(&["render", assessment.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(rendered.status.success(), "{}", stderr(&rendered));
    let text = pdf_text(&out.join("minh-hoa-2026-bao-cao-danh-gia.pdf"));
    assert!(text.contains("đạt 2/3 tiêu chí, 6/7 chỉ tiêu"), "{text}");
    assert!(
        text.contains("chỉ tiêu 2.1 - chỉ tiêu minh họa về đường giao thông"),
        "the unmet indicator is named: {text}"
    );
    assert!(!text.contains('—'), "real counts, not dashes: {text}");
    // Imported without `--decision`: the set names none, the report leaves out the line that
    // would cite it (no placeholder in an official document), and a warning says so.
    let set = std::fs::read_to_string(dir.path().join("bang-utf8.csv.yaml")).unwrap();
    assert!(!set.contains("decision:") && !set.contains("chưa ghi)"), "{set}");
    assert!(!text.contains("Căn cứ") && !text.contains("chưa ghi"), "{text}");
    assert!(
        stderr(&rendered).contains("cảnh báo: bộ tiêu chí `th-minh-hoa` không ghi quyết định ban hành"),
        "{}",
        stderr(&rendered)
    );
}

trait Nfc {
    fn nfc_eq(&self) -> bool;
}

impl Nfc for String {
    fn nfc_eq(&self) -> bool {
        use unicode_normalization::UnicodeNormalization;
        self.nfc().collect::<String>() == *self
    }
}

/// The text of a PDF, read back through the layout inspection of vanban's own reader.
fn pdf_text(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let document = lopdf::Document::load_mem(&bytes).unwrap();
    let pages: Vec<u32> = document.get_pages().keys().copied().collect();
    document
        .extract_text(&pages)
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn every_import_error_names_its_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let header = "Tiêu chí,Tên tiêu chí,Chỉ tiêu,Nội dung chỉ tiêu\n";
    let cases: [(&str, String, &str, &str); 5] = [
        ("rong.csv", String::new(), ":1:1:", "rỗng"),
        (
            "thieu-cot.csv",
            "Tiêu chí,Tên tiêu chí,Nội dung chỉ tiêu\n1,A,x\n".into(),
            ":1:1:",
            "Chỉ tiêu",
        ),
        (
            "thieu-ma.csv",
            format!("{header}1,Quy hoạch,1.1,a\n1,Quy hoạch,,b\n"),
            ":3:3:",
            "Chỉ tiêu",
        ),
        (
            "trung-ma.csv",
            format!("{header}1,Quy hoạch,1.1,a\n1,Quy hoạch,1.1,b\n"),
            ":3:3:",
            "1.1",
        ),
        (
            "hai-ten.csv",
            format!("{header}1,Quy hoạch,1.1,a\n2,Hạ tầng,2.1,b\n1,Quy hoạch xây dựng,1.2,c\n"),
            ":4:2:",
            "Quy hoạch",
        ),
    ];
    for (name, text, place, words) in cases {
        let table = record_file(dir.path(), name, &text);
        let out = dir.path().join(format!("{name}.yaml"));
        let output = import(&table, &out);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{name}: {message}");
        let first = message.lines().next().unwrap_or_default();
        assert!(
            first.starts_with(&format!("{}{place}", table.display())),
            "{name}: {first:?} is not at {place}"
        );
        assert!(first.contains(words), "{name}: {first:?} lacks {words:?}");
        assert!(message.contains("gợi ý:"), "{name}: {message}");
        assert!(!out.exists(), "{name}: nothing written");
    }
}

fn assessment(dir: &Path, name: &str, set: &str, as_of: &str, group: Option<u32>) -> std::path::PathBuf {
    let group = group.map(|g| format!("commune_group: {g}\n")).unwrap_or_default();
    record_file(
        dir,
        name,
        &format!(
            "kind: assessment\nunit: xã Minh Hòa\nas_of: {as_of}\nassessed_by: self\ncriteria_set: {set}\n{group}\
             results:\n  - criterion: 3\n    unmet: 1\n"
        ),
    )
}

#[test]
fn commune_groups_are_required_by_the_new_set_and_refused_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("thieu-nhom.yaml", "vn-51-2025-xa-ntm", None, "nhóm"),
        ("sai-nhom.yaml", "vn-51-2025-xa-ntm", Some(4), "4"),
        ("thua-nhom.yaml", "vn-318-2022-xa-ntm", Some(2), "nhóm"),
    ];
    for (name, set, group, words) in cases {
        let record = assessment(dir.path(), name, set, "2026-06-30", group);
        let output = vanban(&["check", record.to_str().unwrap()]);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{name}: {message}");
        let first = message.lines().next().unwrap_or_default();
        assert!(first.starts_with(&record.display().to_string()), "{name}: {first}");
        assert!(first.contains("lỗi") && first.contains(words), "{name}: {first}");
    }
    let fine = assessment(dir.path(), "dung.yaml", "vn-51-2025-xa-ntm", "2026-06-30", Some(2));
    let output = vanban(&["check", fine.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(!stderr(&output).contains("nhóm"), "{}", stderr(&output));
}

#[test]
fn a_set_used_outside_its_period_is_a_warning_naming_the_set_in_force() {
    let dir = tempfile::tempdir().unwrap();
    let old = assessment(dir.path(), "cu.yaml", "th-32-2022-xa-ntm", "2026-06-30", None);
    let output = vanban(&["check", old.to_str().unwrap()]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "a warning, not an error: {}",
        stderr(&output)
    );
    assert!(
        stderr(&output).contains("cảnh báo") && stderr(&output).contains("vn-51-2025-xa-ntm"),
        "{}",
        stderr(&output)
    );
    let early = assessment(dir.path(), "som.yaml", "vn-51-2025-xa-ntm", "2026-02-01", Some(1));
    let output = vanban(&["check", early.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("cảnh báo") && stderr(&output).contains("15/02/2026"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_sample_session_of_2026_renders_with_the_new_set_and_its_group() {
    let out = tempfile::tempdir().unwrap();
    let output = vanban(&[
        "render",
        "samples/sao-vang-2026-03-12.yaml",
        "-o",
        out.path().to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!stderr(&output).contains("cảnh báo"), "{}", stderr(&output));
    for document in ["bien-ban", "thong-bao-ket-luan"] {
        let text = pdf_text(&out.path().join(format!("sao-vang-2026-03-12-htx-{document}.pdf")));
        assert!(text.contains("đạt 8/10 tiêu chí, 44/47 chỉ tiêu"), "{document}: {text}");
        assert!(text.contains("xã nhóm 2"), "{document}: {text}");
    }
    let report = vanban(&[
        "render",
        "samples/assessments/sao-vang-2026-ntm.yaml",
        "-o",
        out.path().to_str().unwrap(),
    ]);
    assert!(report.status.success(), "{}", stderr(&report));
    let text = pdf_text(&out.path().join("sao-vang-2026-ntm-bao-cao-danh-gia.pdf"));
    assert!(
        text.contains("Quyết định số 51/2025/QĐ-TTg") && text.contains("xã nhóm 2"),
        "{text}"
    );
}

#[test]
fn criteria_list_and_show_say_what_is_confirmed() {
    let list = vanban(&["criteria", "list"]);
    assert!(list.status.success());
    let text = stdout(&list);
    assert!(text.contains("vn-51-2025-xa-ntm\t10 tiêu chí, 47 chỉ tiêu"), "{text}");
    let show = stdout(&vanban(&["criteria", "show", "vn-51-2025-xa-ntm"]));
    assert!(
        show.contains("đã xác nhận:") && show.contains("chưa xác nhận:"),
        "{show}"
    );
    assert!(show.contains("nhóm 3:"), "{show}");
}

#[test]
fn history_runs_across_sets_without_comparing_their_criteria() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("kho");
    let store_arg = store.to_str().unwrap();
    let older = assessment(dir.path(), "a2025.yaml", "th-32-2022-xa-ntm", "2025-06-30", None);
    let newer = assessment(dir.path(), "a2026.yaml", "vn-51-2025-xa-ntm", "2026-06-30", Some(2));
    for record in [&newer, &older] {
        let added = vanban(&["archive", "add", record.to_str().unwrap(), "--archive-dir", store_arg]);
        assert!(added.status.success(), "{}", stderr(&added));
    }
    let history = stdout(&vanban(&[
        "archive",
        "history",
        "xã Minh Hòa",
        "--archive-dir",
        store_arg,
    ]));
    let lines: Vec<&str> = history.lines().collect();
    assert_eq!(
        lines.len(),
        2,
        "one line per assessment, no changes across sets: {history}"
    );
    assert!(lines[0].starts_with("2025-06-30\tth-32-2022-xa-ntm"), "{history}");
    assert!(lines[1].starts_with("2026-06-30\tvn-51-2025-xa-ntm"), "{history}");
}
