//! The layout rules of ND30 and HD36, measured on the laid-out sample documents.

use std::path::Path;

use typst_layout::PagedDocument;
use vanban::compose::templates::TemplateSource;
use vanban::documents::DocKind;
use vanban::layout::inspect::{self, TextLine, TextRun};
use vanban::prepare::prepare;
use vanban::render::Renderer;

pub const MM: f64 = 72.0 / 25.4;
use crate::support::{PARTY_SAMPLE as PARTY, STATE_SAMPLE as STATE};

pub fn layout(sample: &str, kind: DocKind) -> PagedDocument {
    let prepared = prepare(Path::new(sample)).expect("sample is valid");
    let renderer = Renderer::new(TemplateSource::default()).expect("built-in templates load");
    renderer.layout(&prepared, kind).expect("sample lays out")
}

pub fn line<'a>(lines: &'a [TextLine], text: &str) -> &'a TextLine {
    lines.iter().find(|l| l.text == text).unwrap_or_else(|| {
        panic!(
            "no line {text:?} in {:#?}",
            lines.iter().map(|l| &l.text).collect::<Vec<_>>()
        )
    })
}

fn line_starting<'a>(lines: &'a [TextLine], start: &str) -> &'a TextLine {
    lines
        .iter()
        .find(|l| l.text.starts_with(start))
        .unwrap_or_else(|| panic!("no line starting {start:?}"))
}

pub fn only_style(line: &TextLine) -> (f64, bool, bool) {
    let first: &TextRun = &line.runs[0];
    for run in &line.runs {
        assert_eq!(
            (run.size, run.bold, run.italic),
            (first.size, first.bold, first.italic),
            "mixed styles in {:?}",
            line.text
        );
    }
    (first.size, first.bold, first.italic)
}

pub fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance
}

pub const LEFT: f64 = 30.0 * MM;
const RIGHT: f64 = (210.0 - 15.0) * MM;
pub const TEXT_CENTRE: f64 = (LEFT + RIGHT) / 2.0;

pub fn assert_page_geometry(document: &PagedDocument) {
    for page in document.pages() {
        let size = page.frame.size();
        assert!(
            close(size.x.to_pt(), 210.0 * MM, 0.1) && close(size.y.to_pt(), 297.0 * MM, 0.1),
            "not A4 portrait"
        );
    }
    for run in inspect::text_runs(document) {
        assert!(
            run.x >= LEFT - 0.5,
            "{:?} starts in the left margin at {}",
            run.text,
            run.x / MM
        );
        assert!(
            run.x + run.width <= RIGHT + 0.5,
            "{:?} runs into the right margin: {} > {}",
            run.text,
            run.x + run.width,
            RIGHT
        );
        assert!(run.y <= (297.0 - 20.0) * MM, "{:?} sits in the bottom margin", run.text);
        assert_eq!(run.family, "Liberation Serif");
    }
}

fn assert_body_text(document: &PagedDocument) {
    let lines = inspect::lines(document);
    let body: Vec<&TextLine> = lines
        .iter()
        .filter(|l| l.page == 1 && l.text.starts_with("Ngày "))
        .collect();
    let opening = body.first().expect("the notice opens with `Ngày ...`");
    assert!(
        close(opening.x, LEFT + 1.27 / 2.54 * 72.0, 0.5),
        "first-line indent is {} mm",
        (opening.x - LEFT) / MM
    );
    assert_eq!(only_style(opening).0, 14.0);
    let second = lines
        .iter()
        .find(|l| l.text.starts_with("Sau khi"))
        .expect("a second paragraph starts `Sau khi`");
    assert!(
        close(second.x, LEFT + 1.27 / 2.54 * 72.0, 0.5),
        "`Sau khi` opens its own indented paragraph"
    );
    let next = lines
        .iter()
        .find(|l| l.page == opening.page && l.y > opening.y)
        .expect("a second line");
    assert!(close(next.x, LEFT, 0.5), "continuation lines start at the margin");
    let gap = next.y - opening.y;
    assert!(
        (14.0 * 1.15..=14.0 * 1.15 * 1.5).contains(&gap),
        "line spacing {gap} pt is outside single..1.5"
    );
    assert!(
        close(next.right, RIGHT, 0.6),
        "justified lines reach the right margin ({} vs {})",
        next.right,
        RIGHT
    );
}

#[test]
fn state_notice_header_follows_nd30() {
    let document = layout(STATE, DocKind::NOTICE);
    assert_page_geometry(&document);
    let lines = inspect::lines(&document);
    let nation = line(&lines, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert_eq!(only_style(nation), (13.0, true, false));
    let motto = line(&lines, "Độc lập - Tự do - Hạnh phúc");
    assert_eq!(only_style(motto), (14.0, true, false));
    assert!(
        close(motto.centre(), nation.centre(), 0.5),
        "Tiêu ngữ is centred under Quốc hiệu"
    );
    assert!(
        motto.y > nation.y && nation.x > TEXT_CENTRE - 30.0 * MM,
        "right column, Quốc hiệu first"
    );
    let rules = inspect::rules(&document);
    let motto_rule = rules
        .iter()
        .find(|r| r.page == 1 && r.x >= motto.x - 1.0 && r.y > motto.y && r.y < motto.y + 10.0)
        .expect("a rule under the Tiêu ngữ");
    assert!(
        close(motto_rule.length, motto.right - motto.x, 0.5),
        "rule {} vs motto {}",
        motto_rule.length,
        motto.right - motto.x
    );
    assert!(close(motto_rule.x + motto_rule.length / 2.0, motto.centre(), 0.5));

    let issuer = line_starting(&lines, "ỦY BAN NHÂN DÂN");
    assert_eq!(only_style(issuer), (13.0, true, false));
    assert!(issuer.centre() < TEXT_CENTRE, "issuer in the left column");
    let issuer_rule = rules
        .iter()
        .filter(|r| r.page == 1 && r.y > issuer.y && r.y < issuer.y + 30.0)
        .find(|r| r.x + r.length < TEXT_CENTRE)
        .expect("a rule under the issuer");
    let issuer_width = lines
        .iter()
        .filter(|l| l.page == 1 && l.y >= issuer.y && l.y < issuer_rule.y && l.centre() < TEXT_CENTRE)
        .map(|l| l.right - l.x)
        .fold(0.0, f64::max);
    let ratio = issuer_rule.length / issuer_width;
    assert!(
        (1.0 / 3.0..=0.5).contains(&ratio),
        "issuer rule is {ratio} of the name's width"
    );

    let number = line(&lines, "Số: 05/TB-UBND");
    assert_eq!(only_style(number), (13.0, false, false));
    assert!(
        close(number.centre(), issuer.centre(), 1.0),
        "number centred under the issuer"
    );
    let date = line(&lines, "An Phú, ngày 06 tháng 02 năm 2026");
    assert_eq!(only_style(date), (14.0, false, true));
    assert!(
        close(date.centre(), nation.centre(), 0.5),
        "date line centred under Quốc hiệu"
    );

    let title = line(&lines, "THÔNG BÁO");
    assert_eq!(only_style(title), (14.0, true, false));
    assert!(close(title.centre(), TEXT_CENTRE, 0.5), "title centred on the page");
    let subject = lines.iter().find(|l| l.y > title.y).expect("subject under title");
    assert!(subject.text.starts_with("Kết luận của đồng chí"), "{}", subject.text);
    assert!(subject.runs.iter().all(|r| r.bold));
    assert_body_text(&document);
}

#[test]
fn state_notice_signature_and_recipients() {
    let document = layout(STATE, DocKind::NOTICE);
    let lines = inspect::lines(&document);
    let label = line(&lines, "Nơi nhận:");
    assert_eq!(only_style(label), (12.0, true, true));
    let column: Vec<&TextLine> = lines
        .iter()
        .filter(|l| l.page == label.page && l.y > label.y && l.x < TEXT_CENTRE && l.right < TEXT_CENTRE)
        .collect();
    assert!(
        column.iter().all(|l| only_style(l).0 == 11.0),
        "recipient items are 11 pt"
    );
    let mut items: Vec<String> = Vec::new();
    for l in &column {
        match items.last_mut() {
            Some(item) if !l.text.starts_with("- ") => item.push_str(&l.text),
            _ => items.push(l.text.clone()),
        }
    }
    assert!(items.len() >= 2, "{items:?}");
    for item in &items[..items.len() - 1] {
        assert!(item.starts_with("- ") && item.trim_end().ends_with(';'), "{item}");
    }
    assert!(items.last().unwrap().trim_end().ends_with('.'), "{items:?}");
    let authority = line_starting(&lines, "TM. ");
    assert!(authority.runs.iter().all(|r| r.bold) && authority.text == authority.text.to_uppercase());
    assert!(authority.centre() > TEXT_CENTRE, "signer on the right");
}

#[test]
fn party_notice_header_follows_hd36() {
    let document = layout(PARTY, DocKind::NOTICE);
    assert_page_geometry(&document);
    let lines = inspect::lines(&document);
    let party = line(&lines, "ĐẢNG CỘNG SẢN VIỆT NAM");
    assert_eq!(only_style(party), (15.0, true, false));
    assert!(party.centre() > TEXT_CENTRE, "Party title in the right column");
    let rules = inspect::rules(&document);
    let rule = rules
        .iter()
        .find(|r| r.page == 1 && r.y > party.y && r.y < party.y + 10.0)
        .expect("a rule under the Party title");
    assert!(close(rule.length, party.right - party.x, 0.5));
    let date = line(&lines, "Thọ Xuân, ngày 28 tháng 3 năm 2024");
    assert_eq!(only_style(date), (14.0, false, true));
    assert!(close(date.centre(), party.centre(), 0.5));
    let parent = line(&lines, "ĐẢNG BỘ TỈNH THANH HÓA");
    assert_eq!(only_style(parent), (14.0, false, false));
    let issuer = line(&lines, "HUYỆN ỦY THỌ XUÂN");
    assert_eq!(only_style(issuer), (14.0, true, false));
    let star = lines
        .iter()
        .find(|l| l.text == "*" && l.y > issuer.y)
        .expect("a `*` under the issuer");
    let number = line(&lines, "Số 123-TB/HU");
    assert_eq!(only_style(number), (14.0, false, false));
    for l in [parent, star, number] {
        assert!(
            close(l.centre(), issuer.centre(), 1.0),
            "{} centred in the left column",
            l.text
        );
    }
    assert!(issuer.centre() < TEXT_CENTRE);
    let title = line(&lines, "THÔNG BÁO");
    assert_eq!(only_style(title), (16.0, true, false));
    let subject = lines.iter().find(|l| l.y > title.y).unwrap();
    assert!(
        subject
            .text
            .starts_with("kết luận của đồng chí Bí thư Huyện ủy tại buổi làm việc"),
        "{}",
        subject.text
    );
    assert!(subject.runs.iter().all(|r| r.bold));
    let authority = line(&lines, "T/L BAN THƯỜNG VỤ");
    assert!(authority.runs.iter().all(|r| r.bold));
    assert_body_text(&document);
}

#[test]
fn minutes_sign_side_by_side_and_close_with_the_end_time() {
    for (sample, left, right) in [(STATE, "THƯ KÝ", "CHỦ TỌA"), (PARTY, "NGƯỜI GHI BIÊN BẢN", "CHỦ TRÌ")]
    {
        let document = layout(sample, DocKind::MINUTES);
        assert_page_geometry(&document);
        let lines = inspect::lines(&document);
        let runs = inspect::text_runs(&document);
        let secretary = runs.iter().find(|r| r.text == left).expect("secretary title");
        let chair = runs.iter().find(|r| r.text == right).expect("chair title");
        assert!(close(secretary.y, chair.y, 0.5) && secretary.centre() < TEXT_CENTRE && chair.centre() > TEXT_CENTRE);
        assert!(secretary.bold && chair.bold);
        let text = inspect::plain_text(&document);
        assert!(text.contains("Thời gian bắt đầu"), "{sample}");
        assert!(lines.iter().any(|l| l.text.contains("kết thúc vào")));
        let order = [
            "Thời gian bắt đầu",
            "Địa điểm",
            "Thành phần tham dự",
            "Chủ trì",
            "Thư ký",
            "KIỂM TRA THỰC TẾ",
            "BÁO CÁO",
            "KHÓ KHĂN",
            "Ý KIẾN THẢO LUẬN",
            "KẾT LUẬN",
        ];
        let positions: Vec<usize> = order
            .iter()
            .map(|s| text.find(s).unwrap_or_else(|| panic!("{s} missing in {sample}")))
            .collect();
        assert!(
            positions.windows(2).all(|w| w[0] < w[1]),
            "minutes sections out of order in {sample}"
        );
    }
}

#[test]
fn page_numbers_start_on_page_two_centred_in_the_top_margin() {
    let document = layout(STATE, DocKind::MINUTES);
    assert!(
        document.pages().len() >= 3,
        "the long sample runs to {} pages",
        document.pages().len()
    );
    let runs = inspect::text_runs(&document);
    let in_top_margin = |page: usize| {
        runs.iter()
            .filter(|r| r.page == page && r.y < 20.0 * MM)
            .cloned()
            .collect::<Vec<_>>()
    };
    assert!(in_top_margin(1).is_empty(), "page 1 shows no number");
    for page in 2..=document.pages().len() {
        let numbers = in_top_margin(page);
        assert_eq!(numbers.len(), 1, "page {page}");
        assert_eq!(numbers[0].text, page.to_string());
        assert!(close(numbers[0].centre(), TEXT_CENTRE, 0.5), "page number centred");
        assert!(!numbers[0].bold && numbers[0].size >= 13.0 && numbers[0].size <= 14.0);
    }
}

#[test]
fn paragraphs_are_separated_by_at_least_six_points() {
    let document = layout(PARTY, DocKind::NOTICE);
    let lines = inspect::lines(&document);
    let heading = line_starting(&lines, "I- ");
    let before = lines
        .iter()
        .rev()
        .find(|l| l.page == heading.page && l.y < heading.y)
        .unwrap();
    let opening = line_starting(&lines, "Ngày ");
    let second = lines
        .iter()
        .find(|l| l.page == opening.page && l.y > opening.y)
        .unwrap();
    let line_gap = second.y - opening.y;
    assert!(
        heading.y - before.y >= line_gap + 6.0 - 0.1,
        "paragraph gap {} vs line gap {line_gap}",
        heading.y - before.y
    );
}
