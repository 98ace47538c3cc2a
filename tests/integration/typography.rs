//! Room for Vietnamese marks in every block of every sample document, titles broken by
//! meaning, and list items that hang under their text (issue 11).

use std::path::Path;

use typst_layout::PagedDocument;
use vanban::compose::templates::TemplateSource;
use vanban::compose::title_lines::{self, Style};
use vanban::documents::{DocKind, Format};
use vanban::layout::inspect::{self, TextLine};
use vanban::prepare::prepare;
use vanban::render::Renderer;

use crate::support::{PARTY_SAMPLE, STATE_SAMPLE};

/// The commune Party committee after the 2025 reform.
const COMMUNE_PARTY: &str = "samples/sao-vang-2026-03-12.yaml";
/// The task reports and reminders, state and Party.
const FOLLOW_UPS: [&str; 4] = [
    "samples/an-phu-2026-bao-cao-thuc-hien.yaml",
    "samples/an-phu-2026-don-doc.yaml",
    "samples/sao-vang-2026-bao-cao-thuc-hien.yaml",
    "samples/sao-vang-2026-don-doc.yaml",
];
const REPORTS: [&str; 2] = [
    "samples/assessments/xuan-truong-2024-ntm.yaml",
    "samples/assessments/xuan-truong-2024-ntm-nang-cao.yaml",
];

/// Every document of every sample record, and an archive summary, with its name.
fn every_document() -> Vec<(String, PagedDocument)> {
    let renderer = Renderer::new(TemplateSource::default()).expect("built-in templates load");
    let mut documents = Vec::new();
    for sample in [STATE_SAMPLE, PARTY_SAMPLE, COMMUNE_PARTY]
        .into_iter()
        .chain(FOLLOW_UPS)
    {
        let prepared = prepare(Path::new(sample)).expect("sample is valid");
        let kinds = prepared.documents.iter().map(|d| d.kind);
        for kind in kinds.filter(|k| k.format() == Format::Pdf) {
            let document = renderer.layout(&prepared, kind).expect("sample lays out");
            documents.push((format!("{sample} {kind:?}"), document));
        }
    }
    for sample in REPORTS {
        let prepared = prepare(Path::new(sample)).expect("sample is valid");
        let document = renderer.layout(&prepared, DocKind::REPORT).expect("report lays out");
        documents.push((sample.to_string(), document));
    }
    let row = |unit: &str| {
        minijinja::context! { unit => unit, date => "27/3/2024", criteria => "17/19", indicators => "71/75" }
    };
    let context = minijinja::context! {
        set_id => "th-33-2022-xa-ntm-nang-cao",
        set_name => "Bộ tiêu chí xã nông thôn mới nâng cao tỉnh Thanh Hóa giai đoạn 2022 - 2025",
        as_of => "31/12/2025",
        rows => vec![row("xã Xuân Trường"), row("xã Sao Vàng, tỉnh Thanh Hóa (hợp nhất từ các xã Xuân Phú, Thọ Lâm, Xuân Sinh và thị trấn Sao Vàng)")],
    };
    let summary = renderer
        .layout_template("tong-hop.state.typ.j2", &context)
        .expect("summary lays out");
    documents.push(("tong-hop".to_string(), summary));
    documents
}

/// The lines of one document of `sample`.
fn laid_out(sample: &str, kind: DocKind) -> Vec<TextLine> {
    let prepared = prepare(Path::new(sample)).expect("sample is valid");
    let renderer = Renderer::new(TemplateSource::default()).expect("templates load");
    inspect::lines(&renderer.layout(&prepared, kind).expect("lays out"))
}

fn size(line: &TextLine) -> f64 {
    line.runs.iter().map(|r| r.size).fold(0.0, f64::max)
}

/// The nearest line below `line` on its page that shares some of its width.
fn next_below<'a>(lines: &'a [TextLine], line: &TextLine) -> Option<&'a TextLine> {
    lines
        .iter()
        .filter(|l| l.page == line.page && l.y > line.y + 0.5)
        .filter(|l| l.x < line.right - 1.0 && line.x < l.right - 1.0)
        .min_by(|a, b| a.y.total_cmp(&b.y))
}

#[test]
fn every_pair_of_lines_has_room_for_stacked_marks() {
    let mut checked = 0;
    for (name, document) in every_document() {
        let lines = inspect::lines(&document);
        for line in &lines {
            let Some(next) = next_below(&lines, line) else { continue };
            let needed = 1.15 * size(line).max(size(next));
            let gap = next.y - line.y;
            assert!(
                gap >= needed - 0.01,
                "{name}: {:?} ({} pt) -> {:?} ({} pt): baseline to baseline {gap:.2} pt < {needed:.2} pt",
                line.text,
                size(line),
                next.text,
                size(next)
            );
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} pairs measured");
}

fn is_dash(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| matches!(c, '-' | '–' | '—'))
}

/// Lines of page 1 above the body: header columns, title and subject (all bold, or above the title).
#[test]
fn no_header_title_or_subject_line_starts_or_ends_with_a_dash() {
    for (name, document) in every_document() {
        let lines = inspect::lines(&document);
        let title = lines
            .iter()
            .find(|l| {
                let titles = [
                    "BIÊN BẢN",
                    "THÔNG BÁO",
                    "BÁO CÁO",
                    "BẢNG TỔNG HỢP",
                    "GIẤY MỜI",
                    "KẾ HOẠCH",
                ];
                // A công văn has no title: the header ends at "Kính gửi:".
                titles.contains(&l.text.as_str()) || l.text.starts_with("Kính gửi:")
            })
            .unwrap_or_else(|| panic!("{name}: no title"));
        let heads = lines
            .iter()
            .filter(|l| l.page == 1 && l.text != "-----" && (l.y <= title.y || l.runs.iter().all(|r| r.bold)));
        let mut count = 0;
        for line in heads {
            let words: Vec<&str> = line.text.split_whitespace().collect();
            assert!(
                !words.first().is_some_and(|w| is_dash(w)) && !words.last().is_some_and(|w| is_dash(w)),
                "{name}: {:?} starts or ends with a dash",
                line.text
            );
            count += 1;
        }
        assert!(count >= 4, "{name}: only {count} header and title lines");
    }
}

#[test]
fn the_commune_subject_breaks_by_meaning() {
    let lines = laid_out(COMMUNE_PARTY, DocKind::NOTICE);
    let title = lines.iter().position(|l| l.text == "THÔNG BÁO").expect("title");
    let end = lines.iter().position(|l| l.text == "-----").expect("separator");
    // A dash between spaces is bound to the word before it by a no-break space.
    let subject: Vec<String> = lines[title + 1..end]
        .iter()
        .map(|l| l.text.replace('\u{a0}', " "))
        .collect();
    assert!(subject.len() >= 3, "{subject:#?}");
    for pair in [
        "kinh tế - xã hội",
        "chuyển đổi số - cải cách hành chính",
        "sáng - xanh - sạch - đẹp",
    ] {
        assert!(
            subject.iter().any(|l| l.contains(pair)),
            "{pair:?} split in {subject:#?}"
        );
    }
    let last = subject.last().expect("lines");
    assert!(
        last.split_whitespace().count() > 1,
        "one-word last line in {subject:#?}"
    );
}

/// The item that starts with `start` wraps, and its second line starts where its text does
/// (after the dash and a space at `size`), not under the dash.
fn assert_hangs(lines: &[TextLine], start: &str, size: f64) {
    let first = lines
        .iter()
        .find(|l| l.text.starts_with(start))
        .unwrap_or_else(|| panic!("no line starting {start:?}"));
    let next = next_below(lines, first).expect("a second line");
    assert!(!next.text.starts_with("- "), "{start:?} does not wrap");
    let text_start = first.x + title_lines::measure("- ", Style { size, bold: false });
    assert!(
        (next.x - text_start).abs() < 0.5,
        "{start:?} continues at {} pt, its text starts at {text_start} pt",
        next.x
    );
}

#[test]
fn wrapped_tasks_and_recipients_hang_under_their_text() {
    let lines = laid_out(COMMUNE_PARTY, DocKind::NOTICE);
    assert_hangs(&lines, "- Hướng dẫn Hợp tác xã hoàn thiện hồ sơ", 14.0);
    assert_hangs(&lines, "- Các phòng chuyên môn", 12.0);
}

#[test]
fn hd16_materials_and_attendance_show_when_given() {
    let joined = |lines: Vec<TextLine>| lines.into_iter().map(|l| l.text).collect::<Vec<_>>().join("\n");
    let text = joined(laid_out(COMMUNE_PARTY, DocKind::MINUTES));
    for expected in [
        "ĐẢNG BỘ TỈNH THANH HÓA",
        "ĐẢNG ỦY XÃ SAO VÀNG",
        "Số 07-BB/ĐU",
        "Tài liệu sử dụng:",
        "- Phương án sản xuất vụ Chiêm Xuân năm 2026.",
        "Có mặt: 14 đồng chí. Vắng mặt: 1 đồng chí.",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from\n{text}");
    }
    let text = joined(laid_out(PARTY_SAMPLE, DocKind::MINUTES));
    assert!(
        !text.contains("Tài liệu sử dụng") && !text.contains("Có mặt:"),
        "{text}"
    );
}

#[test]
fn the_state_commune_header_has_no_parent_line_unless_given() {
    let lines = laid_out(STATE_SAMPLE, DocKind::NOTICE);
    let first_left = lines
        .iter()
        .filter(|l| l.page == 1 && l.right < 100.0 * 72.0 / 25.4)
        .min_by(|a, b| a.y.total_cmp(&b.y))
        .expect("a left header line");
    assert_eq!(first_left.text, "ỦY BAN NHÂN DÂN");
}
