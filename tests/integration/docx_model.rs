//! One layout model, two writers: a user's template, whatever Typst it uses inside the
//! model (`#let`, `#if`, `#for`, `#v`, lengths in cm), gives a DOCX with the same words as
//! its PDF; anything outside the model is an error naming the template line, and no draft
//! is left behind.

use std::process::Command;

use crate::docx::{docx_words, part};

const STEM: &str = "an-phu-2026-02-05-thong-bao-ket-luan";

/// `vanban render --format pdf,docx` with a user's override of the notice's body template.
fn render_with_override(body: &str) -> (tempfile::TempDir, std::process::Output) {
    let dir = tempfile::tempdir().unwrap();
    let custom = dir.path().join("templates");
    std::fs::create_dir(&custom).unwrap();
    std::fs::write(custom.join("_thong-bao-noi-dung.typ.j2"), body).unwrap();
    let out = dir.path().join("out");
    let output = crate::support::vanban(&[
        "render",
        crate::support::STATE_SAMPLE,
        "-o",
        out.to_str().unwrap(),
        "--templates",
        custom.to_str().unwrap(),
        "--format",
        "pdf,docx",
    ]);
    (dir, output)
}

/// The words of a PDF as pdftotext reads them, joined by single spaces.
fn pdf_text(path: &std::path::Path) -> String {
    let pdf = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    String::from_utf8(pdf.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_user_template_changes_the_pdf_and_the_docx_alike() {
    if !crate::support::program("pdftotext") {
        return;
    }
    let notice = std::fs::read_to_string("templates/_thong-bao-noi-dung.typ.j2").unwrap();
    let changed = notice.replace("kết luận như sau:", "kết luận như sau, trân trọng thông báo:");
    assert_ne!(notice, changed, "the built-in template has the sentence");
    let (dir, output) = render_with_override(&changed);
    assert!(output.status.success(), "{}", crate::support::stderr(&output));
    let out = dir.path().join("out");
    let docx = docx_words(&std::fs::read(out.join(format!("{STEM}.docx"))).unwrap()).join(" ");
    let pdf = pdf_text(&out.join(format!("{STEM}.pdf")));
    for text in [&docx, &pdf] {
        assert!(text.contains("kết luận như sau, trân trọng thông báo:"), "{text}");
    }
    for name in ["bien-ban", "giay-moi"] {
        assert!(
            out.join(format!("an-phu-2026-02-05-{name}.docx")).is_file(),
            "{name}.docx"
        );
    }
}

#[test]
fn an_element_outside_the_layout_model_is_an_error_naming_the_template_line() {
    let (dir, output) = render_with_override("Dòng một.\n\n#line(length: 2cm)\n");
    assert_eq!(output.status.code(), Some(1));
    let stderr = crate::support::stderr(&output);
    assert!(stderr.contains("_thong-bao-noi-dung.typ.j2:3"), "{stderr}");
    assert!(stderr.contains("`line`") && stderr.contains("DOCX"), "{stderr}");
    let out = dir.path().join("out");
    assert!(!out.join(format!("{STEM}.docx")).exists(), "no half-written draft");
}

#[test]
fn typst_code_in_a_template_reaches_the_docx_as_it_reaches_the_pdf() {
    if !crate::support::program("pdftotext") {
        return;
    }
    let body = r#"#let opening = "Kết luận của buổi làm việc"
#let items = ("Rà soát hồ sơ", "Báo cáo kết quả")
#if items.len() > 1 [#opening như sau:] else [Không có việc.]

#v(1cm)

#for (i, item) in items.enumerate() [
  #numbered(str(i + 1) + ".")[#item trước ngày 30/6.]
]

#if false [Câu này không có trong văn bản.]
Văn bản kết thúc./.
"#;
    let (dir, output) = render_with_override(body);
    assert!(output.status.success(), "{}", crate::support::stderr(&output));
    let out = dir.path().join("out");
    let docx = std::fs::read(out.join(format!("{STEM}.docx"))).unwrap();
    let words = docx_words(&docx).join(" ");
    let pdf = pdf_text(&out.join(format!("{STEM}.pdf")));
    let expected = "Kết luận của buổi làm việc như sau: 1. Rà soát hồ sơ trước ngày 30/6. \
                    2. Báo cáo kết quả trước ngày 30/6. Văn bản kết thúc./.";
    for text in [&words, &pdf] {
        assert!(text.contains(expected), "{text}");
        assert!(
            !text.contains("Không có việc") && !text.contains("không có trong"),
            "{text}"
        );
    }
    // `#v(1cm)`: 1 cm is 567 twips of space before what follows it.
    let xml = part(&docx, "word/document.xml");
    assert!(xml.contains(r#"w:before="567""#), "the 1 cm space is in the draft");
}
