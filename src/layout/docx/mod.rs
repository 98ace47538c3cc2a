//! The DOCX writer: the second writer of the one layout model. Typst lays a document out
//! once; the PDF is what it drew, and this writer reads the same document's layout model
//! ([`model`]: the evaluated body and the page geometry `vanban.typ` leaves as metadata)
//! and writes it as WordprocessingML: markup as body paragraphs, each block of the layout
//! library ([`blocks`]) as its Word counterpart. Anything the model cannot say in Word is
//! an error at its place in the source, never silently dropped.

mod blocks;
mod keep;
pub mod model;
mod tables;
mod value;
pub mod xml;

use typst::syntax::Span;
use typst_layout::PagedDocument;

use crate::problem::{Worded, Words, words};
pub use value::{Fields, Value, trim};

use blocks::Sheet;
use model::Item;
use value::Inline;
use xml::{PLAIN, ParaStyle, twips};

/// Why a laid-out document could not be written as DOCX, at a place in its source.
#[derive(Debug, Clone, PartialEq)]
pub struct DocxError {
    /// Where: the element or block that does not fit (detached when nowhere in particular).
    pub span: Span,
    /// What does not fit.
    pub problem: DocxProblem,
}

/// What does not fit in a DOCX.
#[derive(Debug, Clone, PartialEq)]
pub enum DocxProblem {
    /// The document has no layout model: its template does not start with `setup`.
    NoModel,
    /// An element outside the layout model (a `line`, a `grid` written by hand).
    Outside(String),
    /// A block of the layout library this writer does not know.
    NoWriter(String),
    /// A value the model cannot carry (a colour, a function).
    Unsupported(String),
    /// The package could not be zipped.
    Package(String),
}

impl Worded for DocxProblem {
    fn text(&self) -> (Words, Words) {
        let message = match self {
            DocxProblem::NoModel => words(
                "văn bản không có mô hình bố cục cho DOCX (mẫu không mở đầu bằng `#show: setup.with(...)`)",
                "the document has no layout model for DOCX (the template does not start with `#show: setup.with(...)`)",
            ),
            DocxProblem::Outside(element) => words(
                format!("`{element}` nằm ngoài mô hình bố cục nên không ghi được sang DOCX"),
                format!("`{element}` is outside the layout model, so it cannot be written as DOCX"),
            ),
            DocxProblem::NoWriter(block) => words(
                format!("khối `{block}` của vanban.typ chưa có cách ghi sang DOCX"),
                format!("block `{block}` of vanban.typ has no DOCX form"),
            ),
            DocxProblem::Unsupported(value) => words(
                format!("giá trị `{value}` không ghi được sang DOCX"),
                format!("value `{value}` cannot be written as DOCX"),
            ),
            DocxProblem::Package(detail) => words(
                format!("không đóng gói được DOCX: {detail}"),
                format!("cannot package the DOCX: {detail}"),
            ),
        };
        let hint = words(
            "dùng văn bản thường, `#v`, `#let`, `#if`, `#for` và các khối của vanban.typ (state-header, title-block, section, task, signature-block, ...), hoặc chỉ xuất PDF (`--format pdf`)",
            "use plain text, `#v`, `#let`, `#if`, `#for` and the blocks of vanban.typ (state-header, title-block, section, task, signature-block, ...), or write the PDF only (`--format pdf`)",
        );
        (message, hint)
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// Writes a laid-out document as a `.docx`, from its layout model.
pub fn docx(document: &PagedDocument) -> Result<Vec<u8>, DocxError> {
    let model = model::read(document)?;
    let sheet = Sheet::new(&model.geometry);
    let kept = keep::with_signature(&model.items);
    let mut body = String::new();
    let mut space = 0.0;
    for (item, &keep) in model.items.iter().zip(&kept) {
        let sheet = if keep { sheet.kept() } else { sheet };
        match item {
            Item::Paragraph(runs) => {
                let style = ParaStyle {
                    before: twips(space),
                    ..sheet.body
                };
                xml::paragraph(&mut body, style, runs);
                space = 0.0;
            }
            Item::Block(name, fields) => {
                if space > 0.0 {
                    spacer(&mut body, space, keep);
                    space = 0.0;
                }
                blocks::write(&mut body, &sheet, name, fields).map_err(|problem| DocxError {
                    span: Span::detached(),
                    problem,
                })?;
            }
            Item::Space(points) => space += points,
            Item::PageBreak => {
                xml::paragraph(&mut body, PLAIN, &[Inline::page_break()]);
                space = 0.0;
            }
        }
    }
    xml::package(&body, &model.title, &model.geometry).map_err(|e| DocxError {
        span: Span::detached(),
        problem: DocxProblem::Package(e.to_string()),
    })
}

/// An empty paragraph `points` high: the `#v` before a block; kept with it when `keep`.
fn spacer(out: &mut String, points: f64, keep: bool) {
    let style = ParaStyle {
        before: twips(points),
        line: 240,
        size: 2.0,
        keep_next: keep,
        ..PLAIN
    };
    xml::paragraph(out, style, &[]);
}
