//! WordprocessingML for the DOCX layout: runs, paragraphs, tables, and the package (styles,
//! the page-number header, section properties) zipped into a `.docx`.
//!
//! Units: sizes in points, lengths in twentieths of a point (twips, 1 mm = 56.7 twips).

use std::fmt::Write as _;
use std::io::{Cursor, Write};

use zip::ZipWriter;
use zip::write::SimpleFileOptions;

use super::model::Geometry;
use super::value::Inline;

/// Twips in one millimetre.
pub const TWIPS_PER_MM: f64 = 1440.0 / 25.4;

/// Millimetres as twips.
pub fn mm(value: f64) -> u32 {
    (value * TWIPS_PER_MM).round() as u32
}

/// Points as twips.
pub fn twips(points: f64) -> u32 {
    (points * 20.0).round().max(0.0) as u32
}

/// How a paragraph sits: alignment, indents, spacing, keep-with-next, a bottom rule.
#[derive(Debug, Clone, Copy)]
pub struct ParaStyle {
    /// `both` (justified), `left` or `center`.
    pub align: &'static str,
    /// First-line indent (twips); negative for a hanging indent.
    pub first_line: i32,
    /// Left indent (twips).
    pub left: u32,
    /// Right indent (twips).
    pub right: u32,
    /// Space before (twips).
    pub before: u32,
    /// Space after (twips).
    pub after: u32,
    /// Line spacing in 240ths of a line.
    pub line: u32,
    /// Keep with the next paragraph.
    pub keep_next: bool,
    /// Keep the paragraph's lines on one page.
    pub keep_lines: bool,
    /// A 0.6 pt rule under the paragraph (as wide as its indents leave).
    pub rule: bool,
    /// Default run size in points.
    pub size: f64,
}

/// The body paragraph: justified, 6 pt after, 14 pt, lines at 1.2; its first-line indent is
/// the layout model's ([`body`]).
const BODY: ParaStyle = ParaStyle {
    align: "both",
    first_line: 0,
    left: 0,
    right: 0,
    before: 0,
    after: 120,
    line: 288,
    keep_next: false,
    keep_lines: false,
    rule: false,
    size: 14.0,
};

/// Lines outside the body (headers, title, signatures, recipients): no indent, no space
/// after, lines at 1.15.
pub const PLAIN: ParaStyle = ParaStyle {
    align: "left",
    first_line: 0,
    left: 0,
    right: 0,
    before: 0,
    after: 0,
    line: 276,
    keep_next: false,
    keep_lines: false,
    rule: false,
    size: 14.0,
};

/// The body paragraph of a page laid out as `geometry`.
pub fn body(geometry: &Geometry) -> ParaStyle {
    ParaStyle {
        first_line: twips(geometry.first_indent) as i32,
        size: geometry.body_size,
        ..BODY
    }
}

impl ParaStyle {
    /// Centred.
    pub fn centred(mut self) -> ParaStyle {
        self.align = "center";
        self
    }

    /// Kept on the page of the next paragraph (or table row), lines and all, when `keep`.
    pub fn kept(mut self, keep: bool) -> ParaStyle {
        self.keep_next |= keep;
        self.keep_lines |= keep;
        self
    }
}

/// One paragraph of runs.
pub fn paragraph(out: &mut String, style: ParaStyle, runs: &[Inline]) {
    out.push_str("<w:p><w:pPr>");
    if style.keep_next {
        out.push_str("<w:keepNext/>");
    }
    if style.keep_lines {
        out.push_str("<w:keepLines/>");
    }
    if style.rule {
        out.push_str(r#"<w:pBdr><w:bottom w:val="single" w:sz="5" w:space="1" w:color="000000"/></w:pBdr>"#);
    }
    let _ = write!(
        out,
        r#"<w:spacing w:before="{}" w:after="{}" w:line="{}" w:lineRule="auto"/>"#,
        style.before, style.after, style.line
    );
    let first = if style.first_line >= 0 {
        format!(r#"w:firstLine="{}""#, style.first_line)
    } else {
        format!(r#"w:hanging="{}""#, -style.first_line)
    };
    let _ = write!(
        out,
        r#"<w:ind w:left="{}" w:right="{}" {first}/><w:jc w:val="{}"/>"#,
        style.left, style.right, style.align
    );
    let _ = write!(
        out,
        r#"<w:rPr><w:sz w:val="{0}"/><w:szCs w:val="{0}"/></w:rPr></w:pPr>"#,
        half(style.size)
    );
    for run in runs {
        write_run(out, run, style.size);
    }
    out.push_str("</w:p>");
}

fn half(size: f64) -> u32 {
    (size * 2.0).round() as u32
}

fn write_run(out: &mut String, run: &Inline, size: f64) {
    out.push_str("<w:r><w:rPr>");
    if run.bold {
        out.push_str("<w:b/><w:bCs/>");
    }
    if run.italic {
        out.push_str("<w:i/><w:iCs/>");
    }
    if run.underline {
        out.push_str(r#"<w:u w:val="single"/>"#);
    }
    let size = half(run.size.unwrap_or(size));
    let _ = write!(out, r#"<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>"#);
    if run.text == "\n" {
        out.push_str("<w:br/>");
    } else if run.text == "\u{c}" {
        out.push_str(r#"<w:br w:type="page"/>"#);
    } else {
        out.push_str(r#"<w:t xml:space="preserve">"#);
        escape_into(out, &run.text);
        out.push_str("</w:t>");
    }
    out.push_str("</w:r>");
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// A table cell: its paragraphs' XML and how many grid columns it spans.
pub struct Cell {
    /// Paragraphs (`<w:p>` XML).
    pub body: String,
    /// Grid columns spanned.
    pub span: u32,
}

impl Cell {
    /// A cell over one column.
    pub fn new(body: String) -> Cell {
        Cell { body, span: 1 }
    }
}

/// A table: column widths (twips), ruled or borderless; rows never split across pages,
/// and the first `header_rows` repeat on every page.
pub fn table(out: &mut String, widths: &[u32], ruled: bool, header_rows: usize, rows: Vec<Vec<Cell>>) {
    let total: u32 = widths.iter().sum();
    let border = if ruled { "single" } else { "nil" };
    let _ = write!(
        out,
        r#"<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>"#
    );
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        let _ = write!(
            out,
            r#"<w:{side} w:val="{border}" w:sz="4" w:space="0" w:color="000000"/>"#
        );
    }
    let margin = if ruled { 100 } else { 0 };
    let _ = write!(
        out,
        r#"</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="{m}" w:type="dxa"/><w:left w:w="{m}" w:type="dxa"/><w:bottom w:w="{m}" w:type="dxa"/><w:right w:w="{m}" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>"#,
        m = margin
    );
    for w in widths {
        let _ = write!(out, r#"<w:gridCol w:w="{w}"/>"#);
    }
    out.push_str("</w:tblGrid>");
    for (i, row) in rows.into_iter().enumerate() {
        out.push_str("<w:tr><w:trPr><w:cantSplit/>");
        if i < header_rows {
            out.push_str("<w:tblHeader/>");
        }
        out.push_str("</w:trPr>");
        let mut column = 0;
        for cell in row {
            let width: u32 = widths[column..(column + cell.span as usize).min(widths.len())]
                .iter()
                .sum();
            column += cell.span as usize;
            let _ = write!(out, r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>"#);
            if cell.span > 1 {
                let _ = write!(out, r#"<w:gridSpan w:val="{}"/>"#, cell.span);
            }
            out.push_str(r#"<w:vAlign w:val="center"/></w:tcPr>"#);
            if cell.body.is_empty() {
                paragraph(out, PLAIN, &[]);
            } else {
                out.push_str(&cell.body);
            }
            out.push_str("</w:tc>");
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
}

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/></Relationships>"#;

const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#;

/// Times New Roman 14 pt, Vietnamese, for every run.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#;

/// The `.docx` package around `body` (the document's paragraphs and tables): the page and
/// margins of `geometry`, the page number centred in the top margin from page 2 on.
pub fn package(body: &str, title: &str, geometry: &Geometry) -> Result<Vec<u8>, zip::result::ZipError> {
    let mut document = format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>"#);
    document.push_str(body);
    let _ = write!(
        document,
        r#"<w:sectPr><w:headerReference w:type="default" r:id="rId3"/><w:headerReference w:type="first" r:id="rId4"/><w:pgSz w:w="{}" w:h="{}"/><w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="{}" w:footer="{}" w:gutter="0"/><w:titlePg/></w:sectPr></w:body></w:document>"#,
        twips(geometry.page.0),
        twips(geometry.page.1),
        twips(geometry.margins[0]),
        twips(geometry.margins[1]),
        twips(geometry.margins[2]),
        twips(geometry.margins[3]),
        mm(8.0),
        mm(8.0)
    );
    let mut number = String::new();
    let fld =
        |instr: &str| format!(r#"<w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:fldChar w:fldCharType="{instr}"/></w:r>"#);
    let _ = write!(
        number,
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr {NS}><w:p><w:pPr><w:jc w:val="center"/></w:pPr>{}<w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>{}<w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t>2</w:t></w:r>{}</w:p></w:hdr>"#,
        fld("begin"),
        fld("separate"),
        fld("end")
    );
    let first = format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr {NS}><w:p/></w:hdr>"#);
    let mut core = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>"#,
    );
    escape_into(&mut core, title);
    core.push_str("</dc:title><dc:language>vi-VN</dc:language></cp:coreProperties>");

    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().last_modified_time(zip::DateTime::default());
    let parts: [(&str, &str); 8] = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/document.xml", &document),
        ("word/styles.xml", STYLES),
        ("word/settings.xml", SETTINGS),
        ("word/header1.xml", &number),
        ("word/header2.xml", &first),
    ];
    for (name, text) in parts.into_iter().chain([("docProps/core.xml", core.as_str())]) {
        zip.start_file(name, options)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}
