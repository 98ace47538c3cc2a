//! The DOCX drafts: the same words as the PDFs, in order; the layout as LibreOffice sets it
//! (measured on the PDF it converts each draft to); and a second reader (python-docx).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::docx_styles::{assert_same_styles, assert_signer_name, styled_words};
use vanban::compose::templates::TemplateSource;
use vanban::layout::inspect;
use vanban::prepare::prepare;
use vanban::render::OutputFormat;
use vanban::render::{RenderOptions, Renderer};

const MM: f64 = 72.0 / 25.4;

use crate::support::SAMPLES;

/// One DOCX draft and the PDF of the same document.
struct Draft {
    /// `<id>-<slug>.docx`.
    name: String,
    /// The DOCX bytes.
    docx: Vec<u8>,
    /// The words of the laid-out PDF.
    words: Vec<String>,
    /// The PDF's bytes.
    pdf: Vec<u8>,
    /// The signer's name, when one person signs.
    signer: Option<String>,
}

/// Each sample's DOCX drafts, with the PDF of the same document.
fn drafts() -> Vec<Draft> {
    let renderer = Renderer::new(TemplateSource::default()).expect("built-in templates load");
    let mut out = Vec::new();
    for sample in SAMPLES {
        let prepared = prepare(Path::new(sample)).expect("sample is valid");
        let rendered = renderer
            .render_formats(
                &prepared,
                RenderOptions::default(),
                &[OutputFormat::Pdf, OutputFormat::Docx],
            )
            .expect("sample renders");
        for requested in &prepared.documents {
            let Ok(document) = renderer.layout(&prepared, requested.kind) else {
                continue;
            };
            let name = format!("{}-{}.docx", prepared.context.id(), requested.kind.slug());
            let file = |name: &str| {
                rendered
                    .files
                    .iter()
                    .find(|f| f.name == name)
                    .unwrap_or_else(|| panic!("{name} written"))
                    .bytes
                    .clone()
            };
            out.push(Draft {
                docx: file(&name),
                pdf: file(&name.replace(".docx", ".pdf")),
                words: pdf_words(&document),
                signer: requested.signer.clone(),
                name,
            });
        }
    }
    assert!(out.len() >= 10, "every PDF document has a DOCX: {}", out.len());
    out
}

/// The PDF's words in frame order, without the page numbers in the top margin; runs that
/// touch on a line join without a space.
fn pdf_words(document: &typst_layout::PagedDocument) -> Vec<String> {
    let mut text = String::new();
    let mut last: Option<inspect::TextRun> = None;
    for run in inspect::text_runs(document).into_iter().filter(|r| r.y > 20.0 * MM) {
        let touching = last
            .as_ref()
            .is_some_and(|l| l.page == run.page && (l.y - run.y).abs() < 0.5 && (run.x - l.x - l.width).abs() < 0.5);
        if !touching {
            text.push(' ');
        }
        text.push_str(&run.text);
        last = Some(run);
    }
    let words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    without_repeated_headers(words)
}

/// The words with the table headers' repetitions (on later pages) left out: the DOCX holds
/// each header row once and Word repeats it.
fn without_repeated_headers(words: Vec<String>) -> Vec<String> {
    let headers: Vec<Vec<String>> = [
        "TT Tên tiêu chí Số chỉ tiêu Số chỉ tiêu đạt Đánh giá Ghi chú",
        "TT Nội dung nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Thời hạn hoàn thành",
        "STT Nội dung nhiệm vụ Văn bản giao (số, ngày) Cơ quan chủ trì / phối hợp Thời hạn Kết quả thực hiện Tình trạng",
    ]
    .iter()
    .map(|h| h.split(' ').map(str::to_string).collect())
    .collect();
    let mut out: Vec<String> = Vec::new();
    let mut seen = vec![false; headers.len()];
    let mut i = 0;
    'words: while i < words.len() {
        for (h, header) in headers.iter().enumerate() {
            if words[i..].starts_with(header) {
                if seen[h] {
                    i += header.len();
                    continue 'words;
                }
                seen[h] = true;
            }
        }
        out.push(words[i].clone());
        i += 1;
    }
    out
}

/// A part of a DOCX package.
pub fn part(docx: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip package");
    let mut text = String::new();
    archive
        .by_name(name)
        .expect("part present")
        .read_to_string(&mut text)
        .expect("UTF-8 XML");
    text
}

/// The words of `word/document.xml`: `w:t` runs, paragraphs and breaks apart.
pub fn docx_words(docx: &[u8]) -> Vec<String> {
    let xml = part(docx, "word/document.xml");
    let mut text = String::new();
    let mut rest = xml.as_str();
    while let Some(start) = rest.find('<') {
        let end = start + rest[start..].find('>').expect("tag closes");
        let tag = &rest[start + 1..end];
        if tag.starts_with("w:t ") || tag == "w:t" {
            let close = end + rest[end..].find("</w:t>").expect("w:t closes");
            text.push_str(&unescape(&rest[end + 1..close]));
            rest = &rest[close..];
            continue;
        }
        if tag == "/w:p" || tag.starts_with("w:br") || tag.starts_with("w:tab") {
            text.push(' ');
        }
        rest = &rest[end + 1..];
    }
    text.split_whitespace().map(str::to_string).collect()
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[test]
fn docx_words_equal_pdf_words() {
    for Draft {
        name, docx, words: pdf, ..
    } in drafts()
    {
        let words = docx_words(&docx);
        let first = words.iter().zip(&pdf).position(|(a, b)| a != b);
        assert!(
            first.is_none() && words.len() == pdf.len(),
            "{name}: DOCX and PDF words differ at {first:?} (lengths {} / {}):\nDOCX {:?}\nPDF  {:?}",
            words.len(),
            pdf.len(),
            first.map(|i| &words[i.saturating_sub(3)..(i + 5).min(words.len())]),
            first.map(|i| &pdf[i.saturating_sub(3)..(i + 5).min(pdf.len())]),
        );
    }
}

#[test]
fn docx_layout_is_in_words_word_understands() {
    for Draft { name, docx, .. } in drafts() {
        let document = part(&docx, "word/document.xml");
        for needle in [
            r#"<w:pgSz w:w="11906" w:h="16838"/>"#,
            r#"w:top="1134" w:right="850" w:bottom="1134" w:left="1701""#,
            "<w:titlePg/>",
            r#"<w:jc w:val="both"/>"#,
            r#"w:firstLine="720""#,
        ] {
            assert!(document.contains(needle), "{name} lacks {needle}");
        }
        assert!(part(&docx, "word/header1.xml").contains(" PAGE "), "{name}: page field");
        assert!(part(&docx, "word/styles.xml").contains(r#"w:ascii="Times New Roman""#));
        if name.contains("bao-cao") {
            assert!(document.contains("<w:tblHeader/>") && document.contains("<w:cantSplit/>"));
        }
        for forbidden in ["<w:drawing", "<w:pict", "<v:textbox", "<wps:"] {
            assert!(
                !document.contains(forbidden),
                "{name}: real text only, found {forbidden}"
            );
        }
    }
}

/// A fresh folder under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vanban-docx-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// One word of `pdftotext -bbox`: text and box in points.
#[derive(Debug)]
struct Word {
    page: usize,
    text: String,
    x_min: f64,
    y_min: f64,
    x_max: f64,
    y_max: f64,
}

fn attribute(tag: &str, name: &str) -> f64 {
    let start = tag.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
    let end = start + tag[start..].find('"').expect("quote closes");
    tag[start..end].parse().expect("a number")
}

fn bbox_words(pdf: &Path) -> Vec<Word> {
    let output = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils; .ci/run installs it)");
    let html = String::from_utf8(output.stdout).expect("UTF-8");
    let mut words = Vec::new();
    let mut page = 0;
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page") {
            page += 1;
        } else if let Some(rest) = line.strip_prefix("<word ") {
            let (tag, text) = rest.split_once('>').expect("word tag");
            words.push(Word {
                page,
                text: unescape(text.trim_end_matches("</word>")),
                x_min: attribute(tag, "xMin"),
                y_min: attribute(tag, "yMin"),
                x_max: attribute(tag, "xMax"),
                y_max: attribute(tag, "yMax"),
            });
        }
    }
    words
}

/// The font size a word was set at, from its box (LibreOffice's boxes are 1.3 em high).
fn size(word: &Word) -> f64 {
    (word.y_max - word.y_min) / 1.3
}

fn find<'a>(words: &'a [Word], text: &str) -> &'a Word {
    words
        .iter()
        .find(|w| w.text == text)
        .unwrap_or_else(|| panic!("no word {text:?}"))
}

#[test]
fn libreoffice_sets_the_drafts_as_the_rules_ask() {
    if !(crate::support::program("soffice")
        && crate::support::program("pdftotext")
        && crate::support::program("pdftohtml"))
    {
        return;
    }
    let dir = scratch("lo");
    let drafts = drafts();
    let mut names = Vec::new();
    for draft in &drafts {
        std::fs::write(dir.join(&draft.name), &draft.docx).expect("draft written");
        std::fs::write(dir.join(draft.name.replace(".docx", ".vanban.pdf")), &draft.pdf).expect("PDF written");
        names.push(draft.name.clone());
    }
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("profile").display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .args(names.iter().map(|n| dir.join(n)))
        .output()
        .expect("soffice runs (libreoffice-writer-nogui; .ci/run installs it)");
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    for name in &names {
        let pdf = dir.join(name.replace(".docx", ".pdf"));
        let words = bbox_words(&pdf);
        let first: Vec<&Word> = words.iter().filter(|w| w.page == 1).collect();
        assert!(!first.is_empty(), "{name}: converted");
        // Margins: body text starts 30 mm from the left (1.27 cm more on first lines) and
        // ends by 15 mm from the right; nothing above 20 mm on page 1.
        let left = words.iter().map(|w| w.x_min).fold(f64::MAX, f64::min);
        let right = words.iter().map(|w| w.x_max).fold(0.0, f64::max);
        assert!(
            (left - 30.0 * MM).abs() < 1.5 * MM,
            "{name}: left edge {:.1} mm",
            left / MM
        );
        assert!(
            right <= (210.0 - 15.0) * MM + 1.0,
            "{name}: right edge {:.1} mm",
            right / MM
        );
        assert!(
            first.iter().all(|w| w.y_min > 19.0 * MM),
            "{name}: no page number on page 1"
        );
        // Page numbers from page 2, centred in the top margin over the text column.
        let pages = words.iter().map(|w| w.page).max().unwrap_or(1);
        for page in 2..=pages {
            let number = words
                .iter()
                .find(|w| w.page == page && w.y_max < 20.0 * MM)
                .unwrap_or_else(|| panic!("{name}: page {page} has a number in the top margin"));
            assert_eq!(number.text, page.to_string());
            let centre = (number.x_min + number.x_max) / 2.0;
            assert!(
                (centre - (30.0 + 165.0 / 2.0) * MM).abs() < 2.0,
                "{name}: page number centred"
            );
        }
        // Header strings and sizes.
        let party = words
            .windows(2)
            .position(|w| w[0].text == "ĐẢNG" && w[1].text == "CỘNG");
        if let Some(title) = party {
            assert!((size(&words[title]) - 15.0).abs() < 0.6, "{name}: party title 15 pt");
            assert!(words.iter().any(|w| w.text == "*"), "{name}: the star under the issuer");
        } else {
            assert!(
                (size(find(&words, "CỘNG")) - 13.0).abs() < 0.6,
                "{name}: Quốc hiệu 13 pt"
            );
            let motto = find(&words, "Độc");
            assert!((size(motto) - 14.0).abs() < 0.6, "{name}: Tiêu ngữ 14 pt");
            assert!(motto.x_min > 95.0 * MM, "{name}: Tiêu ngữ in the right column");
        }
        // Body text 14 pt; Nơi nhận and its items at the sizes of the system.
        let body = words.iter().filter(|w| w.page == 1).map(size).fold(0.0, f64::max);
        assert!(body < 16.5, "{name}: nothing larger than the type line");
        let label = words
            .iter()
            .position(|w| w.text == "Nơi")
            .filter(|&i| words.get(i + 1).is_some_and(|w| w.text == "nhận:"))
            .unwrap_or_else(|| panic!("{name}: Nơi nhận:"));
        let party = party.is_some();
        let expected = if party { 14.0 } else { 12.0 };
        assert!((size(&words[label]) - expected).abs() < 0.6, "{name}: Nơi nhận size");
        assert!(words[label].x_min < 40.0 * MM, "{name}: Nơi nhận at the left");
        let item = if party { 12.0 } else { 11.0 };
        let dash = words
            .iter()
            .find(|w| {
                w.text == "-" && w.page == words[label].page && w.y_min > words[label].y_min && w.x_min < 40.0 * MM
            })
            .unwrap_or_else(|| panic!("{name}: a recipient under Nơi nhận"));
        assert!(
            (size(dash) - item).abs() < 0.6,
            "{name}: recipients' size {}",
            size(dash)
        );
    }
    // Weights and styles word by word, and where the signer's name sits.
    let mut compared = 0;
    for draft in &drafts {
        let ours = styled_words(&dir.join(draft.name.replace(".docx", ".vanban.pdf")));
        let theirs = styled_words(&dir.join(draft.name.replace(".docx", ".pdf")));
        compared += assert_same_styles(&draft.name, &ours, &theirs);
        if let Some(signer) = &draft.signer {
            assert_signer_name(&draft.name, signer, &ours, &theirs);
        }
    }
    assert!(compared > 1000, "{compared} words compared");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn python_docx_opens_every_draft() {
    if !crate::support::python_module("docx") {
        return;
    }
    let dir = scratch("py");
    let script = r#"
import sys, docx
from docx.shared import Mm
for path in sys.argv[1:]:
    d = docx.Document(path)
    s = d.sections[0]
    assert abs(s.page_width - Mm(210)) < Mm(0.5) and abs(s.page_height - Mm(297)) < Mm(0.5), path
    assert abs(s.left_margin - Mm(30)) < Mm(0.1) and abs(s.right_margin - Mm(15)) < Mm(0.1), path
    assert abs(s.top_margin - Mm(20)) < Mm(0.1) and abs(s.bottom_margin - Mm(20)) < Mm(0.1), path
    assert s.different_first_page_header_footer, path
    assert "PAGE" in s.header._element.xml, path
    fonts = d.styles.element.xml
    assert "Times New Roman" in fonts, path
    texts = [p.text for p in d.paragraphs] + [p.text for t in d.tables for c in t._cells for p in c.paragraphs]
    assert any(t == "Nơi nhận:" for t in texts), path
    bold = [r.text for t in d.tables for c in t._cells for p in c.paragraphs for r in p.runs if r.bold]
    assert bold, path
    body = [p for p in d.paragraphs if (p.paragraph_format.first_line_indent or 0) > 0]
    assert body and all(abs(p.paragraph_format.first_line_indent - Mm(12.7)) < Mm(0.1) for p in body), path
    print("ok", path, len(d.paragraphs), len(d.tables))
"#;
    let mut paths = Vec::new();
    for Draft { name, docx, .. } in drafts() {
        let path = dir.join(name);
        std::fs::write(&path, docx).expect("draft written");
        paths.push(path);
    }
    let output = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(&paths)
        .output()
        .expect("python3 runs (python-docx; .ci/run installs it)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(stdout.lines().filter(|l| l.starts_with("ok ")).count(), paths.len());
    let _ = std::fs::remove_dir_all(&dir);
}
