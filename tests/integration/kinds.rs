//! The two kinds made from the table alone (issue 24), each in both systems: the kế hoạch
//! that carries out the notice, with its task table, and the công văn that forwards it,
//! with "V/v" under its number and "Kính gửi" above its body.

use vanban::documents::DocKind;
use vanban::layout::inspect::{self, TextLine};

use crate::layout::{LEFT, MM, TEXT_CENTRE, assert_page_geometry, close, layout, line, only_style};
use crate::support::{PARTY_SAMPLE as PARTY, STATE_SAMPLE as STATE};

fn before(a: &TextLine, b: &TextLine) -> bool {
    (a.page, a.y) < (b.page, b.y)
}

/// Nơi nhận on the left of the last page's signature, its items "- …;" and the last ".".
fn assert_recipients(lines: &[TextLine], label_style: (f64, bool, bool), item_size: f64) {
    let label = line(lines, "Nơi nhận:");
    assert_eq!(only_style(label), label_style);
    assert!(label.x < LEFT + 1.0, "Nơi nhận flush left");
    let items: Vec<&TextLine> = lines
        .iter()
        .filter(|l| l.page == label.page && l.y > label.y && l.right < TEXT_CENTRE && l.text.starts_with("- "))
        .collect();
    assert!(items.len() >= 2, "{items:?}");
    assert!(items.iter().all(|l| only_style(l).0 == item_size));
    assert!(
        items.last().unwrap().text.ends_with('.'),
        "{:?}",
        items.last().unwrap().text
    );
}

#[test]
fn the_plan_follows_each_system_with_its_task_table() {
    let cases = [
        (
            STATE,
            "Số: 12/KH-UBND",
            13.0,
            "An Phú, ngày 09 tháng 02 năm 2026",
            14.0,
            "Thực hiện Thông báo số 05/TB-UBND",
            "KT. CHỦ TỊCH",
            8,
        ),
        (
            PARTY,
            "Số 45-KH/HU",
            14.0,
            "Thọ Xuân, ngày 02 tháng 4 năm 2024",
            16.0,
            "thực hiện Thông báo số 123-TB/HU",
            "T/M BAN THƯỜNG VỤ",
            3,
        ),
    ];
    for (sample, number, number_size, date, title_size, subject, authority, tasks) in cases {
        let document = layout(sample, DocKind::PLAN);
        assert_page_geometry(&document);
        let lines = inspect::lines(&document);
        let number = line(&lines, number);
        assert_eq!(only_style(number), (number_size, false, false));
        assert!(number.centre() < TEXT_CENTRE, "number in the left column");
        let date = line(&lines, date);
        assert_eq!(only_style(date), (14.0, false, true));
        assert!(date.centre() > TEXT_CENTRE);
        let title = line(&lines, "KẾ HOẠCH");
        assert_eq!(only_style(title), (title_size, true, false));
        assert!(close(title.centre(), TEXT_CENTRE, 1.0), "title centred");
        let first_subject = lines.iter().find(|l| before(title, l)).unwrap();
        assert!(first_subject.text.starts_with(subject), "{}", first_subject.text);
        assert!(first_subject.runs.iter().all(|r| r.bold));
        // The task table: its header, then one numbered row per task of the record.
        let header = line(&lines, "TT");
        for column in ["Nội dung nhiệm vụ", "Cơ quan chủ"] {
            assert!(lines.iter().any(|l| l.text.starts_with(column)), "{column}");
        }
        let numbers: Vec<String> = lines
            .iter()
            .filter(|l| close(l.centre(), header.centre(), 2.0) && l.text.chars().all(|c| c.is_ascii_digit()))
            .map(|l| l.text.clone())
            .collect();
        let expected: Vec<String> = (1..=tasks).map(|i| i.to_string()).collect();
        assert_eq!(numbers, expected, "one row per task");
        let organisation = lines.iter().find(|l| l.text.ends_with("TỔ CHỨC THỰC HIỆN")).unwrap();
        assert!(before(header, organisation));
        let signer = line(&lines, authority);
        assert!(signer.runs.iter().all(|r| r.bold) && signer.centre() > TEXT_CENTRE);
        let system = if sample == STATE {
            ((12.0, true, true), 11.0)
        } else {
            ((14.0, false, false), 12.0)
        };
        assert_recipients(&lines, system.0, system.1);
    }
}

#[test]
fn the_letter_has_its_subject_under_the_number_and_kinh_gui_above_the_body() {
    let cases = [
        (
            STATE,
            "Số: 45/UBND-VP",
            false,
            "An Phú, ngày 07 tháng 02 năm 2026",
            5,
            "TL. CHỦ TỊCH",
        ),
        (
            PARTY,
            "Số 210-CV/HU",
            true,
            "Thọ Xuân, ngày 29 tháng 3 năm 2024",
            2,
            "T/L BAN THƯỜNG VỤ",
        ),
    ];
    for (sample, number, italic, date, bodies, authority) in cases {
        let document = layout(sample, DocKind::LETTER);
        assert_page_geometry(&document);
        let lines = inspect::lines(&document);
        let number = line(&lines, number);
        let about = line(&lines, "V/v triển khai thực hiện");
        assert_eq!(only_style(about), (12.0, false, italic));
        assert!(
            before(number, about) && about.y - number.y < 10.0 * MM,
            "V/v just under the number"
        );
        assert!(
            close(about.centre(), number.centre(), 1.0),
            "V/v centred under the number"
        );
        let date = line(&lines, date);
        assert_eq!(only_style(date), (14.0, false, true));
        assert!(
            !lines.iter().any(|l| l.text == "CÔNG VĂN"),
            "a công văn has no type name"
        );
        let to = lines
            .iter()
            .find(|l| l.text.starts_with("Kính gửi:"))
            .expect("Kính gửi");
        assert!(before(about, to) && before(date, to));
        let body = lines.iter().find(|l| l.text.starts_with("Ngày ")).expect("the body");
        let listed: Vec<&str> = lines
            .iter()
            .filter(|l| !before(l, to) && before(l, body))
            .map(|l| l.text.trim_start_matches("Kính gửi:").trim())
            .collect();
        assert_eq!(listed.len(), bodies, "one body a line: {listed:?}");
        for item in &listed[..bodies - 1] {
            assert!(item.starts_with("- ") && item.ends_with(';'), "{item}");
        }
        assert!(listed[bodies - 1].starts_with("- ") && listed[bodies - 1].ends_with('.'));
        let signer = line(&lines, authority);
        assert!(signer.runs.iter().all(|r| r.bold) && signer.centre() > TEXT_CENTRE);
        assert!(
            lines.iter().any(|l| l.text.trim_end().ends_with("./.")),
            "the body ends with ./."
        );
        let system = if sample == STATE {
            ((12.0, true, true), 11.0)
        } else {
            ((14.0, false, false), 12.0)
        };
        assert_recipients(&lines, system.0, system.1);
    }
}

/// The follow-up kinds (issue 40), from their samples.
const FOLLOW_UPS: [(&str, &str, bool, DocKind); 4] = [
    (
        "samples/an-phu-2026-bao-cao-thuc-hien.yaml",
        "Số: 18/BC-UBND",
        false,
        DocKind::TASK_REPORT,
    ),
    (
        "samples/sao-vang-2026-bao-cao-thuc-hien.yaml",
        "Số 27-BC/ĐU",
        true,
        DocKind::TASK_REPORT,
    ),
    (
        "samples/an-phu-2026-don-doc.yaml",
        "Số: 61/UBND-VP",
        false,
        DocKind::REMINDER,
    ),
    (
        "samples/sao-vang-2026-don-doc.yaml",
        "Số 35-CV/ĐU",
        true,
        DocKind::REMINDER,
    ),
];

#[test]
fn the_task_report_and_the_reminder_keep_the_layout_rules_of_their_system() {
    for (sample, number, party, kind) in FOLLOW_UPS {
        let document = layout(sample, kind);
        assert_page_geometry(&document);
        let lines = inspect::lines(&document);
        let number = line(&lines, number);
        assert_eq!(
            only_style(number),
            (if party { 14.0 } else { 13.0 }, false, false),
            "{sample}"
        );
        assert!(number.centre() < TEXT_CENTRE, "number in the left column");
        let date = lines.iter().find(|l| l.text.contains(", ngày ")).expect("date line");
        assert_eq!(only_style(date), (14.0, false, true));
        assert!(date.centre() > TEXT_CENTRE);
        if kind == DocKind::TASK_REPORT {
            let title = line(&lines, "BÁO CÁO");
            assert_eq!(only_style(title), (if party { 16.0 } else { 14.0 }, true, false));
            assert!(close(title.centre(), TEXT_CENTRE, 1.0), "title centred");
            let appendix = line(&lines, "PHỤ LỤC");
            assert!(
                before(line(&lines, "Nơi nhận:"), appendix),
                "the appendix after the signature"
            );
        } else {
            let about = lines.iter().find(|l| l.text.starts_with("V/v đôn đốc")).expect("V/v");
            assert_eq!(only_style(about), (12.0, false, party));
            assert!(
                close(about.centre(), number.centre(), 1.0),
                "V/v centred under the number"
            );
            assert!(
                !lines.iter().any(|l| l.text == "CÔNG VĂN"),
                "a công văn has no type name"
            );
            let to = lines
                .iter()
                .find(|l| l.text.starts_with("Kính gửi:"))
                .expect("Kính gửi");
            assert!(before(about, to) && before(date, to));
        }
        assert!(
            lines.iter().any(|l| l.text.trim_end().ends_with("./.")),
            "the body ends with ./."
        );
        let (label, item) = if party {
            ((14.0, false, false), 12.0)
        } else {
            ((12.0, true, true), 11.0)
        };
        assert_recipients(&lines, label, item);
        assert!(
            lines.iter().all(|l| l.x > LEFT - 1.0),
            "{sample}: nothing in the left margin"
        );
    }
}
