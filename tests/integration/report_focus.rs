//! How the notice (and the minutes) introduce the unit's report: the record's
//! `report.focus` chooses the wording; without it the wording is neutral and fits any
//! visit, and "kết quả đạt được" appears only when the record says results were reviewed.

use std::path::{Path, PathBuf};

use vanban::compose::templates::TemplateSource;
use vanban::documents::DocKind;
use vanban::layout::inspect;
use vanban::prepare::prepare;
use vanban::render::Renderer;

use crate::support::{copy_samples, record_file, stderr, vanban};

/// The words of `kind` laid out from `record`, one space apart.
fn words(record: &Path, kind: DocKind) -> String {
    let prepared = prepare(record).expect("the record is valid");
    let renderer = Renderer::new(TemplateSource::default()).expect("built-in templates load");
    let document = renderer.layout(&prepared, kind).expect("it lays out");
    let lines: Vec<String> = inspect::lines(&document).into_iter().map(|l| l.text).collect();
    lines.join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `record` (a sample's text) with its `report.focus` set to `focus`, or left out.
fn with_focus(record: &str, focus: Option<&str>) -> String {
    let kept: String = record
        .lines()
        .filter(|l| !l.starts_with("  focus:"))
        .map(|l| format!("{l}\n"))
        .collect();
    match focus {
        Some(focus) => kept.replacen("\nreport:\n", &format!("\nreport:\n  focus: {focus}\n"), 1),
        None => kept,
    }
}

/// The sample `name` copied into `dir`, with its `report.focus` set to `focus` or left out.
fn sample(dir: &Path, name: &str, focus: Option<&str>) -> PathBuf {
    copy_samples(dir);
    let path = dir.join(name);
    std::fs::write(&path, with_focus(&std::fs::read_to_string(&path).unwrap(), focus)).unwrap();
    path
}

#[test]
fn the_default_opening_is_neutral() {
    let dir = tempfile::tempdir().unwrap();
    let neutral = sample(dir.path(), "an-phu-2026-02-05.yaml", None);
    let notice = words(&neutral, DocKind::NOTICE);
    assert!(
        notice.contains(
            "nghe đồng chí Đặng Quốc Bảo, Giám đốc Hợp tác xã nông nghiệp An Phú báo cáo, các đề xuất, kiến nghị và ý kiến"
        ),
        "{notice}"
    );
    assert!(notice.contains("I. TÌNH HÌNH CHUNG"), "{notice}");
    for results in ["kết quả thực hiện nhiệm vụ", "KẾT QUẢ ĐẠT ĐƯỢC"] {
        assert!(!notice.contains(results), "{results:?} in {notice}");
    }
    let minutes = words(&neutral, DocKind::MINUTES);
    assert!(
        minutes.contains("Giám đốc Hợp tác xã nông nghiệp An Phú trình bày báo cáo của Hợp tác xã nông nghiệp An Phú."),
        "{minutes}"
    );
    assert!(!minutes.contains("kết quả thực hiện nhiệm vụ"), "{minutes}");
    let unnamed = std::fs::read_to_string(&neutral).unwrap().replace(
        "  presenter: { name: Đặng Quốc Bảo, titles: [Giám đốc Hợp tác xã nông nghiệp An Phú] }\n",
        "",
    );
    let notice = words(&record_file(dir.path(), "b.yaml", &unnamed), DocKind::NOTICE);
    assert!(
        notice.contains("nghe báo cáo của Hợp tác xã nông nghiệp An Phú, các đề xuất, kiến nghị"),
        "{notice}"
    );
}

#[test]
fn a_record_that_reviewed_results_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let state = sample(dir.path(), "an-phu-2026-02-05.yaml", Some("results"));
    let notice = words(&state, DocKind::NOTICE);
    assert!(
        notice.contains("Giám đốc Hợp tác xã nông nghiệp An Phú báo cáo kết quả thực hiện nhiệm vụ, các đề xuất"),
        "{notice}"
    );
    assert!(notice.contains("I. KẾT QUẢ ĐẠT ĐƯỢC"), "{notice}");
    let minutes = words(&state, DocKind::MINUTES);
    assert!(
        minutes.contains("báo cáo kết quả thực hiện nhiệm vụ của Hợp tác xã nông nghiệp An Phú."),
        "{minutes}"
    );
    let party = sample(dir.path(), "xuan-truong-2024.yaml", Some("results"));
    let seed = words(&party, DocKind::NOTICE);
    assert!(
        seed.contains("nghe xã Xuân Trường báo cáo kết quả thực hiện nhiệm vụ") && seed.contains("I- KẾT QUẢ ĐẠT ĐƯỢC"),
        "{seed}"
    );
}

#[test]
fn the_party_notice_opens_neutrally_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path(), "xuan-truong-2024.yaml", None);
    let seed = words(&path, DocKind::NOTICE);
    assert!(
        seed.contains("nghe báo cáo của xã Xuân Trường, các đề xuất, kiến nghị"),
        "{seed}"
    );
    assert!(
        seed.contains("I- TÌNH HÌNH CHUNG") && !seed.contains("KẾT QUẢ ĐẠT ĐƯỢC"),
        "{seed}"
    );
}

#[test]
fn an_unknown_focus_is_refused_with_the_choices() {
    let dir = tempfile::tempdir().unwrap();
    let record = sample(dir.path(), "an-phu-2026-02-05.yaml", Some("thiet-hai"));
    let output = vanban(&["check", record.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("focus") || message.contains("thiet-hai"), "{message}");
    assert!(message.contains("general") && message.contains("results"), "{message}");
}
