//! Reading a laid-out document back: text runs with their fonts and positions, and rules.
//!
//! Tests use this to measure what the rules demand (sizes, weights, columns, margins)
//! on the document itself rather than on PDF bytes.

use typst::layout::{Frame, FrameItem, Point};
use typst::text::FontStyle;
use typst::visualize::Geometry;
use typst_layout::PagedDocument;

/// One run of text as set on a page. Lengths are in points, from the page's top-left.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// 1-based page number.
    pub page: usize,
    /// Left edge.
    pub x: f64,
    /// Baseline.
    pub y: f64,
    /// Advance width.
    pub width: f64,
    /// Font size.
    pub size: f64,
    /// Weight ≥ 600.
    pub bold: bool,
    /// Italic or oblique.
    pub italic: bool,
    /// Font family.
    pub family: String,
    /// The characters.
    pub text: String,
}

impl TextRun {
    /// Horizontal centre.
    pub fn centre(&self) -> f64 {
        self.x + self.width / 2.0
    }
}

/// A straight horizontal or vertical line drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// 1-based page number.
    pub page: usize,
    /// Start, left.
    pub x: f64,
    /// Start, top.
    pub y: f64,
    /// Length along x.
    pub length: f64,
}

/// A line of text: runs on one page sharing a baseline, joined left to right.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    /// 1-based page number.
    pub page: usize,
    /// Left edge of the first run.
    pub x: f64,
    /// Right edge of the last run.
    pub right: f64,
    /// Baseline.
    pub y: f64,
    /// The runs' text, with a space where runs are apart.
    pub text: String,
    /// The runs, left to right.
    pub runs: Vec<TextRun>,
}

impl TextLine {
    /// Horizontal centre.
    pub fn centre(&self) -> f64 {
        (self.x + self.right) / 2.0
    }
}

/// Every text run of `document`, page by page, in frame order.
pub fn text_runs(document: &PagedDocument) -> Vec<TextRun> {
    let mut runs = Vec::new();
    for (index, page) in document.pages().iter().enumerate() {
        walk(&page.frame, Point::zero(), &mut |origin, item| {
            if let FrameItem::Text(text) = item {
                let variant = text.font.font().info().variant;
                runs.push(TextRun {
                    page: index + 1,
                    x: origin.x.to_pt(),
                    y: origin.y.to_pt(),
                    width: inked_width(text),
                    size: text.size.to_pt(),
                    bold: variant.weight.to_number() >= 600,
                    italic: variant.style != FontStyle::Normal,
                    family: text.font.font().info().family.clone(),
                    text: text.text.to_string(),
                });
            }
        });
    }
    runs
}

/// The characters of `document` that no embedded font has a glyph for (they print as empty boxes).
pub fn missing_characters(document: &PagedDocument) -> Vec<char> {
    let mut missing = std::collections::BTreeSet::new();
    for page in document.pages() {
        walk(&page.frame, Point::zero(), &mut |_, item| {
            if let FrameItem::Text(text) = item {
                for glyph in text.glyphs.iter().filter(|g| g.id == 0) {
                    let chars = text.text.get(glyph.range()).unwrap_or_default().chars();
                    missing.extend(chars.filter(|c| !c.is_whitespace()));
                }
            }
        });
    }
    missing.into_iter().collect()
}

/// Every line shape of `document`.
pub fn rules(document: &PagedDocument) -> Vec<Rule> {
    let mut rules = Vec::new();
    for (index, page) in document.pages().iter().enumerate() {
        walk(&page.frame, Point::zero(), &mut |origin, item| {
            if let FrameItem::Shape(shape, _) = item
                && let Geometry::Line(to) = shape.geometry
            {
                rules.push(Rule {
                    page: index + 1,
                    x: origin.x.to_pt(),
                    y: origin.y.to_pt(),
                    length: to.x.to_pt(),
                });
            }
        });
    }
    rules
}

/// Runs further apart than this on one baseline belong to different columns.
const COLUMN_GAP: f64 = 12.0;

/// Text runs grouped into lines (same page, baselines within 0.5 pt, not a column apart).
pub fn lines(document: &PagedDocument) -> Vec<TextLine> {
    let mut runs = text_runs(document);
    runs.sort_by(|a, b| {
        (a.page, a.y, a.x)
            .partial_cmp(&(b.page, b.y, b.x))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut lines: Vec<TextLine> = Vec::new();
    for run in runs {
        match lines.last_mut() {
            Some(line) if line.page == run.page && (line.y - run.y).abs() < 0.5 && run.x - line.right < COLUMN_GAP => {
                if run.x - line.right > 0.5 {
                    line.text.push(' ');
                }
                line.text.push_str(&run.text);
                line.right = line.right.max(run.x + run.width);
                line.runs.push(run);
            }
            _ => lines.push(TextLine {
                page: run.page,
                x: run.x,
                right: run.x + run.width,
                y: run.y,
                text: run.text.clone(),
                runs: vec![run],
            }),
        }
    }
    lines
}

/// All the text of `document`, one laid-out line per line.
pub fn plain_text(document: &PagedDocument) -> String {
    lines(document)
        .into_iter()
        .map(|l| l.text)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The run's advance width without trailing spaces (which justification may stretch past the margin).
fn inked_width(text: &typst::text::TextItem) -> f64 {
    let trailing: f64 = text
        .glyphs
        .iter()
        .rev()
        .take_while(|g| {
            text.text
                .get(g.range())
                .is_some_and(|s| s.chars().all(char::is_whitespace))
        })
        .map(|g| g.x_advance.at(text.size).to_pt())
        .sum();
    text.width().to_pt() - trailing
}

fn walk(frame: &Frame, offset: Point, visit: &mut impl FnMut(Point, &FrameItem)) {
    for (position, item) in frame.items() {
        let origin = offset + *position;
        match item {
            FrameItem::Group(group) => {
                let shifted = origin + Point::new(group.transform.tx, group.transform.ty);
                walk(&group.frame, shifted, visit);
            }
            other => visit(origin, other),
        }
    }
}
