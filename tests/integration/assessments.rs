//! Assessments: computed totals in the report and in the session documents, and the errors.

use std::path::Path;

use vanban::compose::templates::TemplateSource;
use vanban::documents::DocKind;
use vanban::layout::inspect;
use vanban::prepare::prepare;
use vanban::render::Renderer;

use crate::support::{PARTY_SAMPLE, files_in, record_file, stderr, vanban};

const NTM: &str = "samples/assessments/xuan-truong-2024-ntm.yaml";
const NANG_CAO: &str = "samples/assessments/xuan-truong-2024-ntm-nang-cao.yaml";

fn squeezed_text(record: &Path, kind: DocKind) -> String {
    let prepared = prepare(record).expect("record is valid");
    let renderer = Renderer::new(TemplateSource::default()).unwrap();
    let document = renderer.layout(&prepared, kind).expect("lays out");
    squeeze(&inspect::plain_text(&document))
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect()
}

#[test]
fn the_seed_reports_state_the_seed_figures() {
    let nang_cao = squeezed_text(Path::new(NANG_CAO), DocKind::REPORT);
    assert!(nang_cao.contains(&squeeze(
        "đạt 17/19 tiêu chí, 71/75 chỉ tiêu; còn 2 tiêu chí chưa đạt gồm: Văn hóa và Chất lượng môi trường sống"
    )));
    let ntm = squeezed_text(Path::new(NTM), DocKind::REPORT);
    assert!(ntm.contains(&squeeze("đạt 17/19 tiêu chí, 55/57 chỉ tiêu")));
}

#[test]
fn the_seed_minutes_and_notice_quote_the_computed_figures() {
    for kind in [DocKind::MINUTES, DocKind::NOTICE] {
        let text = squeezed_text(Path::new(PARTY_SAMPLE), kind);
        assert!(
            text.contains(&squeeze("xã Xuân Trường đạt 17/19 tiêu chí, 55/57 chỉ tiêu")),
            "{kind:?}"
        );
        assert!(
            text.contains(&squeeze(
                "đạt 17/19 tiêu chí, 71/75 chỉ tiêu; còn 2 tiêu chí chưa đạt gồm: Văn hóa và Chất lượng môi trường sống"
            )),
            "{kind:?}"
        );
    }
}

#[test]
fn render_writes_the_report() {
    let out = tempfile::tempdir().unwrap();
    let output = vanban(&["render", NANG_CAO, "-o", out.path().to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        files_in(out.path()),
        ["xuan-truong-2024-ntm-nang-cao-bao-cao-danh-gia.pdf"]
    );
}

/// A set with listed indicators, written beside the assessment that uses it.
const LISTED_SET: &str = "kind: criteria_set
id: thu-nghiem
name: Bộ tiêu chí thử nghiệm
decision: Quyết định thử nghiệm
tier: other
indicator_total: 5
criteria:
  - no: 1
    name: Văn hóa
    indicators:
      - {id: \"1.1\"}
      - {id: \"1.2\"}
      - {id: \"1.3\"}
  - {no: 2, name: Môi trường, indicators: 2}
";

fn assessment_with(results: &str) -> String {
    format!(
        "kind: assessment\nunit: xã A\nas_of: 2024-03-27\nassessed_by: self\ncriteria_set: bo.yaml\nresults:\n{results}"
    )
}

fn error_for(files: &[(&str, &str)], record: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        record_file(dir.path(), name, text);
    }
    let out = dir.path().join("out");
    let output = vanban(&[
        "render",
        dir.path().join(record).to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(files_in(&out).is_empty(), "a failed record wrote {:?}", files_in(&out));
    let message = stderr(&output);
    let located = format!("{}:", dir.path().join(record).display());
    assert!(message.contains(&located) || message.contains("bo.yaml:"), "{message}");
    message
}

#[test]
fn assessment_errors_name_the_place_and_write_nothing() {
    let cases = [
        (
            "  - {criterion: 7, unmet: 1}\n",
            "không có tiêu chí số 7",
            "a.yaml:7:17",
        ),
        (
            "  - {criterion: 1, unmet: [\"1.4\"]}\n",
            "tiêu chí số 1 không có chỉ tiêu `1.4`",
            "a.yaml:7:27",
        ),
        (
            "  - {criterion: 2, unmet: 3}\n",
            "tiêu chí số 2 chỉ có 2 chỉ tiêu",
            "a.yaml:7:27",
        ),
        (
            "  - {criterion: 2, unmet: [\"2.1\"]}\n",
            "không liệt kê chỉ tiêu của tiêu chí số 2",
            "a.yaml:7:27",
        ),
    ];
    for (results, words, place) in cases {
        let message = error_for(
            &[("bo.yaml", LISTED_SET), ("a.yaml", &assessment_with(results))],
            "a.yaml",
        );
        assert!(message.contains(words), "{message}");
        assert!(message.contains(place), "{place} not in {message}");
    }
}

#[test]
fn unmet_counts_above_the_set_total_are_refused() {
    let set = "kind: criteria_set\nid: t\nname: T\ndecision: Q\ntier: other\nindicator_total: 3\ncriteria:\n  - {no: 1, name: A}\n  - {no: 2, name: B}\n";
    let message = error_for(
        &[
            ("bo.yaml", set),
            (
                "a.yaml",
                &assessment_with("  - {criterion: 1, unmet: 2}\n  - {criterion: 2, unmet: 2}\n"),
            ),
        ],
        "a.yaml",
    );
    assert!(message.contains("nhiều hơn tổng 3 chỉ tiêu"), "{message}");
}

#[test]
fn a_set_that_does_not_add_up_is_refused_at_its_total() {
    let set = LISTED_SET.replace("indicator_total: 5", "indicator_total: 6");
    let message = error_for(
        &[
            ("bo.yaml", &set),
            ("a.yaml", &assessment_with("  - {criterion: 1, unmet: 1}\n")),
        ],
        "a.yaml",
    );
    assert!(
        message.contains("bo.yaml:6:18: lỗi: bộ tiêu chí khai 6 chỉ tiêu nhưng các tiêu chí cộng lại được 5"),
        "{message}"
    );
}

#[test]
fn an_unknown_set_id_gets_a_suggestion() {
    let record = assessment_with("  - {criterion: 6, unmet: 1}\n")
        .replace("criteria_set: bo.yaml", "criteria_set: th-33-2022-xa-ntm-nang-cap");
    let message = error_for(&[("a.yaml", &record)], "a.yaml");
    assert!(message.contains("a.yaml:5:15: lỗi: không có bộ tiêu chí `th-33-2022-xa-ntm-nang-cap`; có phải ý bạn là `th-33-2022-xa-ntm-nang-cao`?"), "{message}");
}

#[test]
fn a_session_whose_text_contradicts_its_assessment_fails_check_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir(dir.path().join("assessments")).unwrap();
    for name in ["xuan-truong-2024-ntm.yaml", "xuan-truong-2024-ntm-nang-cao.yaml"] {
        std::fs::copy(
            root.join("samples/assessments").join(name),
            dir.path().join("assessments").join(name),
        )
        .unwrap();
    }
    let text = std::fs::read_to_string(root.join(PARTY_SAMPLE))
        .unwrap()
        .replace("71/75 chỉ tiêu", "72/75 chỉ tiêu");
    let record = record_file(dir.path(), "s.yaml", &text);
    let output = vanban(&["check", record.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains(&format!("{}:", record.display())), "{message}");
    assert!(
        message.contains("`72/75 chỉ tiêu`")
            && message.contains("xuan-truong-2024-ntm-nang-cao.yaml")
            && message.contains("71/75 chỉ tiêu"),
        "{message}"
    );
}

#[test]
fn a_long_table_repeats_its_header_and_never_splits_a_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut set = String::from(
        "kind: criteria_set\nid: dai\nname: Bộ tiêu chí dài\ndecision: Quyết định thử nghiệm\ntier: other\ncriteria:\n",
    );
    let mut results = String::new();
    for no in 1..=40 {
        set.push_str(&format!(
            "  - {{no: {no}, name: Tiêu chí thử nghiệm số {no}, indicators: 3}}\n"
        ));
        if no % 3 == 0 {
            results.push_str(&format!(
                "  - {{criterion: {no}, unmet: 1, note: \"Ghi chú dài cho tiêu chí {no}: còn một chỉ tiêu chưa đạt, cần bổ sung hồ sơ minh chứng và hoàn thiện trong quý tới\"}}\n"
            ));
        }
    }
    record_file(dir.path(), "bo.yaml", &set);
    let record = assessment_with(&results)
        + "issuer: {system: state, name: Ủy ban nhân dân xã A, code: UBND, place: A}\n"
        + "documents:\n  report: {number: 1, signer: {authority: TM. Ủy ban nhân dân, position: Chủ tịch, name: Nguyễn Văn A}, recipients: [\"Lưu: VT\"]}\n";
    let path = record_file(dir.path(), "a.yaml", &record);
    let prepared = prepare(&path).expect("valid");
    let document = Renderer::new(TemplateSource::default())
        .unwrap()
        .layout(&prepared, DocKind::REPORT)
        .unwrap();
    let lines = inspect::lines(&document);
    let table_pages: Vec<usize> = lines
        .iter()
        .filter(|l| l.text.starts_with("Tiêu chí thử nghiệm số"))
        .map(|l| l.page)
        .collect();
    let (first, last) = (table_pages[0], *table_pages.last().unwrap());
    assert!(last > first, "the table must span pages for this test");
    for page in first..=last {
        assert!(
            lines.iter().any(|l| l.page == page && l.text == "Tên tiêu chí"),
            "header missing on page {page}"
        );
    }
    for no in (3..=39).step_by(3) {
        let marker = format!("tiêu chí {no}:");
        let start = lines
            .iter()
            .position(|l| l.text.contains(&marker))
            .expect("note is printed");
        let end = start
            + lines[start..]
                .iter()
                .position(|l| l.text.contains("quý tới"))
                .expect("note ends");
        let number_cell = lines
            .iter()
            .find(|l| l.text == no.to_string() && l.x < 40.0 * 72.0 / 25.4)
            .expect("TT cell");
        assert_eq!(
            lines[start].page, lines[end].page,
            "row {no}'s note is split across pages"
        );
        assert_eq!(lines[start].page, number_cell.page, "row {no} is split across pages");
    }
}
