//! The signature never stands alone on a page: offices keep it with the end of the text.
//! Records whose body ends a line further down each time walk the end of the body across
//! the foot of page 1; whatever the record, the page with the signature holds at least two
//! lines of the body, in the notice and the minutes, state and Party, in the PDF and in the
//! DOCX (its keep-with-next marks, and the page LibreOffice sets).

use std::path::Path;
use std::process::Command;

use vanban::compose::templates::TemplateSource;
use vanban::documents::DocKind;
use vanban::layout::inspect::{self, TextLine};
use vanban::prepare::prepare;
use vanban::render::{OutputFormat, RenderOptions, Renderer};

use crate::docx::part;
use crate::layout::MM;
use crate::support::record_file;

/// The most one-line tasks a record gets: enough to push the signature well onto page 2.
const MOST_TASKS: usize = 14;

/// The first line of a signature block.
const SIGNATURE_STARTS: [&str; 3] = ["Nơi nhận:", "THƯ KÝ", "NGƯỜI GHI BIÊN BẢN"];

/// A working session of `system` whose chair gives `tasks` short tasks (one line each).
fn record(system: &str, tasks: usize) -> String {
    let (issuer, authority, position, kept) = match system {
        "state" => (
            "system: state\n  name: Ủy ban nhân dân xã An Phú\n  code: UBND\n  place: An Phú\n  office: Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã",
            "TM. Ủy ban nhân dân",
            "Chủ tịch",
            "\"Lưu: VT, VP\"",
        ),
        _ => (
            "system: party\n  parent: Đảng bộ tỉnh Thanh Hóa\n  name: Đảng ủy xã Sao Vàng\n  code: ĐU\n  place: Sao Vàng\n  office: Văn phòng Đảng ủy xã",
            "T/M Đảng ủy",
            "Bí thư",
            "Lưu Văn phòng Đảng ủy xã",
        ),
    };
    let tasks: String = (1..=tasks)
        .map(|i| format!("\n    - assignee: Phòng Kinh tế xã\n      task: Thực hiện nhiệm vụ số {i} theo kế hoạch"))
        .collect();
    let tasks = if tasks.is_empty() { " []".to_string() } else { tasks };
    format!(
        "kind: working_session
id: ket-thuc-{system}
issuer:
  {issuer}
date: 2026-02-05
start: \"08:00\"
end: \"11:30\"
location: Hội trường Hợp tác xã
host: Hợp tác xã nông nghiệp An Phú
subject: khắc phục hậu quả mưa lũ
chair:
  name: Nguyễn Văn Thành
  titles: [Chủ tịch Ủy ban nhân dân xã An Phú]
  role: Chủ tịch Ủy ban nhân dân xã
secretary:
  name: Huỳnh Thị Thu
  titles: [Công chức Văn phòng]
report:
  summary: Hợp tác xã báo cáo thiệt hại do mưa lũ gây ra.
conclusions:
  acknowledgements: ghi nhận sự chủ động của Hợp tác xã.
  tasks:{tasks}
documents:
  minutes:
    number: 7
    recipients: [Chủ tịch Ủy ban nhân dân xã, {kept}]
  notice:
    number: 5
    date: 2026-02-06
    signer:
      authority: {authority}
      position: {position}
      name: Nguyễn Văn Thành
    recipients: [Thường trực Đảng ủy xã, Phòng Kinh tế xã, {kept}]
"
    )
}

/// The page the signature block starts on, and the lines of the body above it there (the
/// page number in the top margin left out).
fn signature_page(lines: &[TextLine]) -> (usize, Vec<&TextLine>) {
    let start = lines
        .iter()
        .find(|l| SIGNATURE_STARTS.contains(&l.text.as_str()))
        .expect("a signature block");
    let body = lines
        .iter()
        .filter(|l| l.page == start.page && l.y > 20.0 * MM && l.y < start.y)
        .collect();
    (start.page, body)
}

/// For every number of tasks from none to [`MOST_TASKS`], the page of `kind`'s signature
/// holds at least two lines of the body, and the minutes' Nơi nhận is on it too.
fn assert_the_signature_keeps_the_body(system: &str, kind: DocKind) {
    let dir = tempfile::tempdir().unwrap();
    let renderer = Renderer::new(TemplateSource::default()).expect("built-in templates load");
    let mut pages_seen = Vec::new();
    for tasks in 0..=MOST_TASKS {
        let path = record_file(dir.path(), &format!("{tasks}.yaml"), &record(system, tasks));
        let prepared = prepare(&path).expect("the record is valid");
        let document = renderer.layout(&prepared, kind).expect("it lays out");
        let lines = inspect::lines(&document);
        let (page, body) = signature_page(&lines);
        pages_seen.push(page);
        assert!(
            page == 1 || body.len() >= 2,
            "{system} {kind:?}, {tasks} tasks: the signature on page {page} under {:?}",
            body.iter().map(|l| &l.text).collect::<Vec<_>>()
        );
        let recipients = lines.iter().rfind(|l| l.text == "Nơi nhận:").expect("Nơi nhận");
        assert_eq!(
            recipients.page, page,
            "{system} {kind:?}, {tasks} tasks: Nơi nhận apart from the signatures"
        );
    }
    assert!(
        pages_seen.windows(2).any(|w| w[0] < w[1]),
        "{system} {kind:?}: the body's end never crossed the foot of a page: {pages_seen:?}"
    );
}

#[test]
fn the_state_notice_signs_under_the_last_lines_of_its_body() {
    assert_the_signature_keeps_the_body("state", DocKind::NOTICE);
}

#[test]
fn the_party_notice_signs_under_the_last_lines_of_its_body() {
    assert_the_signature_keeps_the_body("party", DocKind::NOTICE);
}

#[test]
fn the_state_minutes_sign_under_the_last_lines_of_their_body() {
    assert_the_signature_keeps_the_body("state", DocKind::MINUTES);
}

#[test]
fn the_party_minutes_sign_under_the_last_lines_of_their_body() {
    assert_the_signature_keeps_the_body("party", DocKind::MINUTES);
}

/// The paragraphs (`<w:p>…</w:p>`) of `xml` before the table of its signature block.
fn paragraphs_before_signature(xml: &str) -> Vec<String> {
    let at = SIGNATURE_STARTS
        .iter()
        .filter_map(|marker| xml.find(marker))
        .min()
        .expect("the signature in the DOCX");
    let table = xml[..at].rfind("<w:tbl>").expect("the signature is a table");
    xml[..table]
        .split("<w:p>")
        .skip(1)
        .map(|p| p.split("</w:p>").next().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn the_docx_keeps_the_last_two_paragraphs_with_the_signature() {
    let dir = tempfile::tempdir().unwrap();
    let renderer = Renderer::new(TemplateSource::default()).expect("built-in templates load");
    let mut drafts = Vec::new();
    for system in ["state", "party"] {
        for tasks in 1..=MOST_TASKS {
            let path = record_file(dir.path(), &format!("{system}-{tasks}.yaml"), &record(system, tasks));
            let prepared = prepare(&path).expect("the record is valid");
            let rendered = renderer
                .render_formats(&prepared, RenderOptions::default(), &[OutputFormat::Docx])
                .expect("it renders");
            for file in rendered.files {
                let xml = part(&file.bytes, "word/document.xml");
                let before = paragraphs_before_signature(&xml);
                let [.., previous, closing, spacer] = before.as_slice() else {
                    panic!("{}: too few paragraphs", file.name);
                };
                assert!(closing.contains("./."), "{}: the closing sentence {closing}", file.name);
                for kept in [previous, closing] {
                    assert!(
                        kept.contains("<w:keepNext/>") && kept.contains("<w:keepLines/>"),
                        "{}: not kept with the signature: {kept}",
                        file.name
                    );
                }
                assert!(spacer.contains("<w:keepNext/>"), "{}: {spacer}", file.name);
                std::fs::write(dir.path().join(format!("{system}-{tasks}-{}", file.name)), &file.bytes).unwrap();
                drafts.push(format!("{system}-{tasks}-{}", file.name));
            }
        }
    }
    if crate::support::program("soffice") && crate::support::program("pdftotext") {
        assert_libreoffice_keeps_them(dir.path(), &drafts);
    }
}

/// LibreOffice sets each draft so that the page with the signature holds body lines.
fn assert_libreoffice_keeps_them(dir: &Path, drafts: &[String]) {
    let converted = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("profile").display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .args(drafts.iter().map(|n| dir.join(n)))
        .output()
        .expect("soffice runs");
    assert!(
        converted.status.success(),
        "{}",
        String::from_utf8_lossy(&converted.stderr)
    );
    for name in drafts {
        let pdf = dir.join(name.replace(".docx", ".pdf"));
        let text = Command::new("pdftotext")
            .arg("-layout")
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&text.stdout).into_owned();
        let pages: Vec<&str> = text.split('\u{c}').collect();
        let (page, lines) = pages
            .iter()
            .enumerate()
            .find_map(|(i, page)| {
                let lines: Vec<&str> = page.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
                let at = lines
                    .iter()
                    .position(|l| SIGNATURE_STARTS.iter().any(|s| l.starts_with(s)))?;
                let body = lines[..at].iter().filter(|l| l.parse::<u32>().is_err()).count();
                Some((i + 1, body))
            })
            .expect("a signature block");
        assert!(
            page == 1 || lines >= 2,
            "{name}: LibreOffice sets the signature alone on page {page}"
        );
    }
}
