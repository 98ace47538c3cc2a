//! Where record text meets the template's punctuation and line breaks: a clerk's own final
//! stop is never doubled ("gây ra..", "VP.."), and a dash between words ("Văn phòng -
//! Thống kê") never starts a line, where it would read as a list item.

use std::path::Path;
use std::process::Command;

use vanban::compose::templates::TemplateSource;
use vanban::documents::DocKind;
use vanban::layout::inspect;
use vanban::prepare::prepare;
use vanban::render::Renderer;

use crate::support::{STATE_SAMPLE, files_in, record_file, stderr, vanban};

/// The words of a PDF, as pdftotext reads them, one space apart.
fn pdf_text(pdf: &Path) -> String {
    let output = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The state sample with every task, the location, the subject, the last attendee and every
/// "Lưu" line typed with a final full stop (its `report.focus` left out: it plays no part).
fn sample_with_stops() -> String {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(STATE_SAMPLE)).unwrap();
    let lines: Vec<String> = text
        .lines()
        .filter(|line| !line.starts_with("  focus:"))
        .map(|line| {
            let stopped = [
                "      task: ",
                "location: ",
                "subject: ",
                "  - group: đại diện các tổ hợp tác sản xuất",
            ];
            if stopped.iter().any(|start| line.starts_with(start)) {
                format!("{line}.")
            } else {
                line.replace("\"Lưu: VT, VP\"", "\"Lưu: VT, VP.\"")
                    .replace("\"Lưu: VT, Hồ sơ\"", "\"Lưu: VT, Hồ sơ.\"")
            }
        })
        .collect();
    lines.join("\n") + "\n"
}

#[test]
fn a_stop_typed_in_the_record_is_not_doubled_by_the_template() {
    if !crate::support::program("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let record = record_file(dir.path(), "a.yaml", &sample_with_stops());
    let out = dir.path().join("out");
    let output = vanban(&["render", record.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut texts = Vec::new();
    for name in files_in(&out) {
        let text = if name.ends_with(".pdf") {
            pdf_text(&out.join(&name))
        } else {
            std::fs::read_to_string(out.join(&name)).unwrap()
        };
        for join in ["..", "?.", "!.", ":.", ";.", ".;"] {
            assert!(!text.contains(join), "{name} prints {join:?}: {text}");
        }
        texts.push((name, text));
    }
    let text_of = |kind: &str| &texts.iter().find(|(n, _)| n.ends_with(kind)).expect(kind).1;
    let notice = text_of("thong-bao-ket-luan.pdf");
    assert!(
        notice.contains("vào vận hành. Thời hạn hoàn thành: trước ngày 30/4/2026."),
        "{notice}"
    );
    assert!(notice.contains("- Lưu: VT, VP."), "{notice}");
    let minutes = text_of("bien-ban.pdf");
    assert!(minutes.contains("vào vận hành (thời hạn: 30/4/2026)."), "{minutes}");
    assert!(
        minutes.contains("Địa điểm: Hội trường Hợp tác xã nông nghiệp An Phú."),
        "{minutes}"
    );
    assert!(minutes.contains("- Lưu: VT, Hồ sơ."), "{minutes}");
}

/// A long clause, cut after `words` words: moves what follows it along the line a word at a time.
fn filler(words: usize) -> String {
    "các phòng, ban, đơn vị liên quan của xã chủ động phối hợp rà soát, tổng hợp đầy đủ số liệu thiệt hại sau mưa lũ trên địa bàn để kịp thời báo cáo"
        .split(' ')
        .take(words)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A state notice whose tasks and recipients name "Văn phòng - Thống kê" a word further
/// along each time, so that somewhere the line would break right before its dash.
fn record_naming_the_office() -> String {
    let tasks: String = (0..28)
        .map(|k| {
            format!(
                "\n    - assignee: Phòng Kinh tế xã\n      task: Đề nghị {} cùng Văn phòng - Thống kê hoàn thành",
                filler(k)
            )
        })
        .collect();
    let recipients: String = (0..14)
        .map(|k| format!("\n      - {} Văn phòng - Thống kê", filler(k)))
        .collect();
    format!(
        "kind: working_session
id: van-phong-thong-ke
issuer:
  system: state
  name: Ủy ban nhân dân xã An Phú
  code: UBND
  place: An Phú
date: 2026-02-05
start: \"08:00\"
location: Hội trường Hợp tác xã
host: Hợp tác xã nông nghiệp An Phú
subject: khắc phục hậu quả mưa lũ
chair:
  name: Nguyễn Văn Thành
  titles: [Chủ tịch Ủy ban nhân dân xã An Phú]
  role: Chủ tịch Ủy ban nhân dân xã
conclusions:
  acknowledgements: ghi nhận sự chủ động của Hợp tác xã.
  tasks:{tasks}
documents:
  notice:
    number: 5
    signer:
      authority: TM. Ủy ban nhân dân
      position: Chủ tịch
      name: Nguyễn Văn Thành
    recipients:{recipients}
      - \"Lưu: VT, Văn phòng - Thống kê\"
"
    )
}

#[test]
fn a_dash_inside_a_name_never_starts_a_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = record_file(dir.path(), "a.yaml", &record_naming_the_office());
    let prepared = prepare(&path).expect("the record is valid");
    let renderer = Renderer::new(TemplateSource::default()).expect("built-in templates load");
    let document = renderer.layout(&prepared, DocKind::NOTICE).expect("it lays out");
    let lines = inspect::lines(&document);
    let mut ends_with_dash = 0;
    for (line, next) in lines.iter().zip(lines.iter().skip(1)) {
        let text = next.text.replace('\u{a0}', " ");
        assert!(
            !text.trim_start().starts_with("- Thống kê"),
            "a line starts with the name's dash: {:?} / {text:?}",
            line.text
        );
        ends_with_dash += usize::from(line.text.replace('\u{a0}', " ").trim_end().ends_with("phòng -"));
    }
    assert!(
        ends_with_dash > 0,
        "the name never reached the end of a line: the test places it badly"
    );
}
