//! The giấy mời (issue 12): laid out in both systems, and refused when dated after the session.

use std::path::Path;

use vanban::compose::templates::TemplateSource;
use vanban::documents::DocKind;
use vanban::layout::inspect::{self, TextLine};
use vanban::prepare::prepare;
use vanban::render::Renderer;

use crate::support::STATE_SAMPLE;

/// The Party commune sample, which also asks for an invitation.
const PARTY_COMMUNE: &str = "samples/sao-vang-2026-03-12.yaml";
const MM: f64 = 72.0 / 25.4;

fn invitation(sample: &str) -> (Vec<TextLine>, usize) {
    let prepared = prepare(Path::new(sample)).expect("sample is valid");
    let renderer = Renderer::new(TemplateSource::default()).expect("templates load");
    let document = renderer.layout(&prepared, DocKind::INVITATION).expect("lays out");
    (inspect::lines(&document), document.pages().len())
}

fn find<'a>(lines: &'a [TextLine], start: &str) -> &'a TextLine {
    lines.iter().find(|l| l.text.starts_with(start)).unwrap_or_else(|| {
        panic!(
            "no line starting {start:?} in {:#?}",
            lines.iter().map(|l| &l.text).collect::<Vec<_>>()
        )
    })
}

fn style(line: &TextLine) -> (f64, bool) {
    (line.runs[0].size, line.runs[0].bold)
}

/// The parts every invitation has, top to bottom on its first page.
fn assert_parts_in_order(lines: &[TextLine], number: &str, opening: &str) {
    let parts = [
        number,
        "GIẤY MỜI",
        opening,
        "Tới dự: buổi làm việc của đồng chí",
        "Thời gian:",
        "Địa điểm:",
    ];
    let found: Vec<&TextLine> = parts.iter().map(|p| find(lines, p)).collect();
    for pair in found.windows(2) {
        assert!(
            (pair[0].page, pair[0].y) < (pair[1].page, pair[1].y),
            "{:?} comes before {:?}",
            pair[0].text,
            pair[1].text
        );
    }
    let title = find(lines, "GIẤY MỜI");
    assert!(title.runs.iter().all(|r| r.bold));
    let centre = (title.x + title.right) / 2.0;
    assert!(
        (centre - (30.0 + 165.0 / 2.0) * MM).abs() < 1.0,
        "title centred: {centre}"
    );
    let signer = find(lines, "CHÁNH VĂN PHÒNG");
    assert_eq!(style(signer), (14.0, true));
    let recipients = find(lines, "Nơi nhận:");
    assert!(recipients.x < 40.0 * MM, "Nơi nhận on the left");
    assert!((recipients.page, recipients.y) > (found[5].page, found[5].y));
    assert!(lines.iter().any(|l| l.text.starts_with("- Như thành phần mời")));
}

#[test]
fn the_state_invitation_follows_nd30() {
    let (lines, pages) = invitation(STATE_SAMPLE);
    assert!(pages >= 1);
    assert_parts_in_order(
        &lines,
        "Số: 03/GM-UBND",
        "Ủy ban nhân dân xã An Phú trân trọng kính mời:",
    );
    assert_eq!(style(find(&lines, "GIẤY MỜI")), (14.0, true));
    find(&lines, "An Phú, ngày 02 tháng 02 năm 2026");
    find(&lines, "Dự buổi làm việc của đồng chí Chủ tịch");
    find(&lines, "Đề nghị chuẩn bị:");
    find(&lines, "TL. CHỦ TỊCH");
}

#[test]
fn the_party_invitation_follows_hd36() {
    let (lines, _) = invitation(PARTY_COMMUNE);
    assert_parts_in_order(&lines, "Số 12-GM/ĐU", "Đảng ủy xã Sao Vàng trân trọng kính mời:");
    assert_eq!(style(find(&lines, "GIẤY MỜI")), (16.0, true));
    find(&lines, "ĐẢNG CỘNG SẢN VIỆT NAM");
    find(&lines, "Sao Vàng, ngày 09 tháng 3 năm 2026");
    find(&lines, "dự buổi làm việc của đồng chí");
    find(&lines, "T/L BAN THƯỜNG VỤ");
    assert!(
        !lines.iter().any(|l| l.text.starts_with("Đề nghị chuẩn bị")),
        "nothing to prepare, no heading"
    );
}
