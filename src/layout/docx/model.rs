//! The layout model, read out of a laid-out document: the body `setup` (in `vanban.typ`)
//! left in its `<vanban-model>` metadata, as Typst evaluated it (every `#let`, `#if` and
//! `#for` already done), with the page geometry beside it. Markup becomes paragraphs of
//! runs; a `<vanban-block>` metadata becomes a block with its fields, and what the block
//! drew for the PDF (the element after it) is skipped. Anything else is an error at its
//! place in the source, never dropped.

use typst::foundations::Repr;
use typst::foundations::{Content, Label, SequenceElem, StyleChain, StyledElem, Styles, Value as TypstValue};
use typst::introspection::{Introspector, MetadataElem};
use typst::layout::{Abs, Length};
use typst::syntax::Span;
use typst::text::{FontStyle, TextElem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

use super::value::{DOUBLE_QUOTE, Fields, Inline, SINGLE_QUOTE, Value};

use super::{DocxError, DocxProblem};

/// The page as `setup` laid it out, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    /// Page width and height.
    pub page: (f64, f64),
    /// Margins: top, right, bottom, left.
    pub margins: [f64; 4],
    /// The body's first-line indent.
    pub first_indent: f64,
    /// The body's text size.
    pub body_size: f64,
}

impl Geometry {
    /// The width between the margins.
    pub fn text_width(&self) -> f64 {
        self.page.0 - self.margins[1] - self.margins[3]
    }
}

/// One thing of the body, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A body paragraph.
    Paragraph(Vec<Inline>),
    /// A block of the layout library: its name and fields.
    Block(String, Fields),
    /// Vertical space, in points.
    Space(f64),
    /// A page break.
    PageBreak,
}

/// A laid-out document's layout model.
#[derive(Debug, Clone)]
pub struct Model {
    /// The document's title.
    pub title: String,
    /// The page.
    pub geometry: Geometry,
    /// The body.
    pub items: Vec<Item>,
}

/// The layout model of `document`.
pub fn read(document: &PagedDocument) -> Result<Model, DocxError> {
    let label = Label::new(PicoStr::intern("vanban-model")).expect("a valid label");
    let found = document.introspector().query_label(label).ok().and_then(|c| {
        let meta = c.to_packed::<MetadataElem>()?;
        match &meta.value {
            TypstValue::Dict(dict) => Some((c.span(), dict.clone())),
            _ => None,
        }
    });
    let Some((span, dict)) = found else {
        return Err(DocxError {
            span: Span::detached(),
            problem: DocxProblem::NoModel,
        });
    };
    let field = |name: &str| dict.get(name).cloned().unwrap_or(TypstValue::None);
    let paper = match field("paper") {
        TypstValue::Str(s) if s.as_str() == "a4" => (595.2756, 841.8898),
        other => {
            return Err(DocxError {
                span,
                problem: DocxProblem::Unsupported(format!("paper: {}", other.repr())),
            });
        }
    };
    let margins = match field("margins") {
        TypstValue::Dict(m) => {
            let side = |name: &str| m.get(name).ok().map_or(Ok(0.0), |v| points(v, span));
            [side("top")?, side("right")?, side("bottom")?, side("left")?]
        }
        _ => [0.0; 4],
    };
    let geometry = Geometry {
        page: paper,
        margins,
        first_indent: points(&field("first-indent"), span)?,
        body_size: points(&field("body-size"), span)?,
    };
    let title = match field("title") {
        TypstValue::Str(s) => s.to_string(),
        _ => String::new(),
    };
    let TypstValue::Content(body) = field("body") else {
        return Err(DocxError {
            span,
            problem: DocxProblem::NoModel,
        });
    };
    let mut walker = Walker::default();
    walker.walk(&body, StyleChain::new(&Styles::new()), Emphasis::default())?;
    walker.flush();
    Ok(Model {
        title,
        geometry,
        items: walker.items,
    })
}

/// A length as points; font-relative lengths at the body size are not expected here.
fn points(value: &TypstValue, span: Span) -> Result<f64, DocxError> {
    match value {
        TypstValue::Length(length) => Ok(length_points(*length)),
        TypstValue::Int(i) => Ok(*i as f64),
        TypstValue::Float(f) => Ok(*f),
        other => Err(DocxError {
            span,
            problem: DocxProblem::Unsupported(other.repr().to_string()),
        }),
    }
}

/// A length in points, its `em` part taken at 14 pt (the body size).
fn length_points(length: Length) -> f64 {
    length.abs.to_pt() + length.em.at(Abs::pt(14.0)).to_pt()
}

#[derive(Debug, Clone, Copy, Default)]
struct Emphasis {
    bold: bool,
    italic: bool,
}

#[derive(Default)]
struct Walker {
    items: Vec<Item>,
    paragraph: Vec<Inline>,
}

impl Walker {
    fn flush(&mut self) {
        let runs = super::value::trim(std::mem::take(&mut self.paragraph));
        if !runs.is_empty() {
            self.items.push(Item::Paragraph(runs));
        }
    }

    fn walk(&mut self, content: &Content, styles: StyleChain, emphasis: Emphasis) -> Result<(), DocxError> {
        if let Some(sequence) = content.to_packed::<SequenceElem>() {
            let mut children = sequence.children.iter();
            while let Some(child) = children.next() {
                if let Some(block) = block_of(child)? {
                    self.flush();
                    self.items.push(block);
                    children.next();
                } else {
                    self.walk(child, styles, emphasis)?;
                }
            }
            return Ok(());
        }
        if let Some(styled) = content.to_packed::<StyledElem>() {
            return self.walk(&styled.child, styles.chain(&styled.styles), emphasis);
        }
        if let Some(block) = block_of(content)? {
            self.flush();
            self.items.push(block);
            return Ok(());
        }
        let body = |name: &str| match content.get_by_name(name) {
            Ok(TypstValue::Content(body)) => Some(body),
            _ => None,
        };
        match content.elem().name() {
            // `symbol` is a character written as a shorthand (`~`, a no-break space).
            "text" | "symbol" => {
                let text = match content.get_by_name("text") {
                    Ok(TypstValue::Str(s)) => s.to_string(),
                    _ => String::new(),
                };
                self.paragraph.push(run(text, styles, emphasis));
            }
            "space" | "h" => self.paragraph.push(run(" ".into(), styles, emphasis)),
            "linebreak" => self.paragraph.push(Inline::line_break()),
            "smartquote" => {
                let double = !matches!(content.get_by_name("double"), Ok(TypstValue::Bool(false)));
                let quote = if double { DOUBLE_QUOTE } else { SINGLE_QUOTE };
                self.paragraph.push(run(quote.into(), styles, emphasis));
            }
            "box" => {
                if let Some(body) = body("body") {
                    self.walk(&body, styles, emphasis)?;
                }
            }
            "strong" | "emph" => {
                let emphasis = Emphasis {
                    bold: emphasis.bold || content.elem().name() == "strong",
                    italic: emphasis.italic || content.elem().name() == "emph",
                };
                if let Some(body) = body("body") {
                    self.walk(&body, styles, emphasis)?;
                }
            }
            "parbreak" => self.flush(),
            "par" => {
                self.flush();
                if let Some(body) = body("body") {
                    self.walk(&body, styles, emphasis)?;
                }
                self.flush();
            }
            "v" => {
                self.flush();
                let amount = match content.get_by_name("amount") {
                    Ok(TypstValue::Length(length)) => length_points(length),
                    Ok(TypstValue::Relative(rel)) => length_points(rel.abs),
                    _ => 0.0,
                };
                self.items.push(Item::Space(amount));
            }
            "pagebreak" => {
                self.flush();
                self.items.push(Item::PageBreak);
            }
            "metadata" => {}
            _ => return Err(outside(content)),
        }
        Ok(())
    }
}

/// A run of `text` as the styles set it: bold, italic, an explicit size.
fn run(text: String, styles: StyleChain, emphasis: Emphasis) -> Inline {
    Inline {
        text,
        bold: emphasis.bold || styles.get(TextElem::weight).to_number() >= 600,
        italic: emphasis.italic || styles.get(TextElem::style) == FontStyle::Italic,
        underline: false,
        size: styles
            .has(TextElem::size)
            .then(|| styles.resolve(TextElem::size).to_pt()),
    }
}

/// The block a `<vanban-block>` metadata names, with its fields.
fn block_of(content: &Content) -> Result<Option<Item>, DocxError> {
    let Some(meta) = content.to_packed::<MetadataElem>() else {
        return Ok(None);
    };
    if content.label().map(|l| l.resolve().to_string()).as_deref() != Some("vanban-block") {
        return Ok(None);
    }
    let TypstValue::Dict(dict) = &meta.value else {
        return Ok(None);
    };
    let mut name = String::new();
    let mut fields = Vec::new();
    for (key, value) in dict.iter() {
        if key.as_str() == "block" {
            name = value
                .clone()
                .cast::<typst::foundations::Str>()
                .map(|s| s.to_string())
                .unwrap_or_default();
        } else {
            fields.push((key.to_string(), convert(value)?));
        }
    }
    Ok(Some(Item::Block(name, Fields(fields))))
}

/// A Typst value as a DOCX value; content becomes runs.
fn convert(value: &TypstValue) -> Result<Value, DocxError> {
    Ok(match value {
        TypstValue::None | TypstValue::Auto => Value::None,
        TypstValue::Bool(b) => Value::Bool(*b),
        TypstValue::Int(i) => Value::Int(*i),
        TypstValue::Float(f) => Value::Points(*f),
        TypstValue::Length(l) => Value::Points(length_points(*l)),
        TypstValue::Ratio(r) => Value::Ratio(r.get()),
        TypstValue::Str(s) => Value::Str(s.to_string()),
        TypstValue::Array(items) => Value::Array(items.iter().map(convert).collect::<Result<_, _>>()?),
        TypstValue::Dict(dict) => Value::Dict(
            dict.iter()
                .map(|(k, v)| Ok((k.to_string(), convert(v)?)))
                .collect::<Result<_, DocxError>>()?,
        ),
        TypstValue::Content(content) => {
            let mut walker = Walker::default();
            walker.walk(content, StyleChain::new(&Styles::new()), Emphasis::default())?;
            let mut runs = std::mem::take(&mut walker.paragraph);
            for item in walker.items {
                if let Item::Paragraph(more) = item {
                    runs.extend(more);
                }
            }
            Value::Content(runs)
        }
        other => {
            return Err(DocxError {
                span: Span::detached(),
                problem: DocxProblem::Unsupported(other.repr().to_string()),
            });
        }
    })
}

fn outside(content: &Content) -> DocxError {
    DocxError {
        span: content.span(),
        problem: DocxProblem::Outside(content.elem().name().to_string()),
    }
}
