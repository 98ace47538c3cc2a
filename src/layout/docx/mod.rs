//! The DOCX layout: a second interpreter of the generated Typst source. The templates stay
//! the one place every sentence is written; this module reads what they generated with
//! `typst-syntax` and writes the same words as WordprocessingML: top-level markup becomes
//! body paragraphs, and each call of the layout library's vocabulary ([`vocab`])
//! becomes its Word counterpart. Anything outside that vocabulary is an error naming the
//! generated line, never silently dropped.

mod tables;
mod value;
mod vocab;
pub mod xml;

use typst_syntax::Source;
use typst_syntax::ast::{self, AstNode, Expr};

pub use value::{Args, Value, trim};
use value::{DOUBLE_QUOTE, SINGLE_QUOTE};
use vocab::Writer;
use xml::{BODY, Inline};

/// Why a generated source could not be written as DOCX, at a line of that source (1-based).
#[derive(Debug, Clone, PartialEq)]
pub struct DocxError {
    /// The line in the generated source.
    pub line: usize,
    /// What is wrong, in English and Vietnamese.
    pub detail: String,
}

impl DocxError {
    fn at(source: &Source, span: typst_syntax::Span, vi: &str, en: &str) -> DocxError {
        let line = source
            .find(span)
            .map(|node| node.range())
            .and_then(|range| source.lines().byte_to_line(range.start))
            .map_or(1, |line| line + 1);
        DocxError {
            line,
            detail: format!("{vi} / {en}"),
        }
    }
}

/// Writes generated Typst `text` as a `.docx`.
pub fn docx(text: &str) -> Result<Vec<u8>, DocxError> {
    let source = Source::detached(text);
    let mut reader = Reader {
        source: &source,
        writer: Writer::default(),
        title: String::new(),
        paragraph: Vec::new(),
    };
    let markup = source
        .root()
        .cast::<ast::Markup>()
        .ok_or_else(|| DocxError::at(&source, source.root().span(), "không đọc được", "cannot be read"))?;
    for expr in markup.exprs() {
        reader.top(expr)?;
    }
    reader.flush();
    xml::package(&reader.writer.body, &reader.title).map_err(|e| DocxError {
        line: 1,
        detail: format!("không ghi được DOCX / cannot write the DOCX: {e}"),
    })
}

struct Reader<'s> {
    source: &'s Source,
    writer: Writer,
    title: String,
    paragraph: Vec<Inline>,
}

impl Reader<'_> {
    fn error(&self, expr: Expr, vi: &str, en: &str) -> DocxError {
        DocxError::at(self.source, expr.span(), vi, en)
    }

    fn outside(&self, expr: Expr) -> DocxError {
        let text = expr.to_untyped().clone().full_text();
        let head: String = text.chars().take(40).collect();
        self.error(
            expr,
            &format!("`{head}` nằm ngoài bộ từ vựng của bố cục DOCX (vanban.typ)"),
            &format!("`{head}` is outside the DOCX layout's vocabulary (vanban.typ)"),
        )
    }

    fn flush(&mut self) {
        let runs = trim(std::mem::take(&mut self.paragraph));
        if !runs.is_empty() {
            xml::paragraph(&mut self.writer.body, BODY, &runs);
        }
    }

    fn top(&mut self, expr: Expr) -> Result<(), DocxError> {
        match expr {
            Expr::Parbreak(_) => self.flush(),
            Expr::ModuleImport(import) => {
                if !matches!(import.source(), Expr::Str(s) if s.get() == "vanban.typ") {
                    return Err(self.outside(expr));
                }
            }
            Expr::ShowRule(show) => self.show(expr, show)?,
            Expr::FuncCall(call) => {
                let name = callee(call)
                    .filter(|name| name == "text" || vocab::VOCABULARY.contains(&name.as_str()))
                    .ok_or_else(|| self.outside(expr))?;
                let args = self.args(call)?;
                if name == "text" {
                    let runs = text_call(&args)?;
                    self.paragraph.extend(runs);
                } else {
                    self.flush();
                    vocab::call(&mut self.writer, &name, &args)
                        .map_err(|(vi, en)| self.error(expr, &vi, &en))?
                        .ok_or_else(|| self.outside(expr))?;
                }
            }
            other => {
                let mut runs = Vec::new();
                self.inline(other, Style::default(), &mut runs)?;
                self.paragraph.extend(runs);
            }
        }
        Ok(())
    }

    /// `#show: setup.with(title: ...)`: the document's title.
    fn show(&mut self, expr: Expr, show: ast::ShowRule) -> Result<(), DocxError> {
        let Expr::FuncCall(call) = show.transform() else {
            return Err(self.outside(expr));
        };
        let is_setup = matches!(call.callee(), Expr::FieldAccess(access)
            if access.field().as_str() == "with" && matches!(access.target(), Expr::Ident(id) if id.as_str() == "setup"));
        if show.selector().is_some() || !is_setup {
            return Err(self.outside(expr));
        }
        if let Value::Str(title) = self.args(call)?.named("title") {
            self.title = title.clone();
        }
        Ok(())
    }

    fn args(&self, call: ast::FuncCall) -> Result<Args, DocxError> {
        let mut args = Args {
            pos: Vec::new(),
            named: Vec::new(),
        };
        for arg in call.args().items() {
            match arg {
                ast::Arg::Pos(expr) => args.pos.push(self.value(expr)?),
                ast::Arg::Named(named) => args
                    .named
                    .push((named.name().as_str().to_string(), self.value(named.expr())?)),
                ast::Arg::Spread(spread) => return Err(self.outside(spread.expr())),
            }
        }
        Ok(args)
    }

    fn value(&self, expr: Expr) -> Result<Value, DocxError> {
        Ok(match expr {
            Expr::None(_) => Value::None,
            Expr::Bool(b) => Value::Bool(b.get()),
            Expr::Int(i) => Value::Int(i.get()),
            Expr::Str(s) => Value::Str(s.get().to_string()),
            Expr::Numeric(n) if n.get().1 == ast::Unit::Pt => Value::Points(n.get().0),
            Expr::Parenthesized(p) => self.value(p.expr())?,
            Expr::Array(array) => Value::Array(
                array
                    .items()
                    .map(|item| match item {
                        ast::ArrayItem::Pos(e) => self.value(e),
                        ast::ArrayItem::Spread(s) => Err(self.outside(s.expr())),
                    })
                    .collect::<Result<_, _>>()?,
            ),
            Expr::Dict(dict) => Value::Dict(
                dict.items()
                    .map(|item| match item {
                        ast::DictItem::Named(n) => Ok((n.name().as_str().to_string(), self.value(n.expr())?)),
                        ast::DictItem::Keyed(k) => match k.key() {
                            Expr::Str(key) => Ok((key.get().to_string(), self.value(k.expr())?)),
                            other => Err(self.outside(other)),
                        },
                        ast::DictItem::Spread(s) => Err(self.outside(s.expr())),
                    })
                    .collect::<Result<_, _>>()?,
            ),
            Expr::ContentBlock(block) => {
                let mut runs = Vec::new();
                for e in block.body().exprs() {
                    self.inline(e, Style::default(), &mut runs)?;
                }
                Value::Content(runs)
            }
            other => return Err(self.outside(other)),
        })
    }

    /// Inline markup: text, spaces, strong, emphasis, escapes, embedded strings, `#text`.
    fn inline(&self, expr: Expr, style: Style, out: &mut Vec<Inline>) -> Result<(), DocxError> {
        let mut push = |text: String| {
            out.push(Inline {
                text,
                bold: style.bold,
                italic: style.italic,
                ..Inline::default()
            })
        };
        match expr {
            Expr::Text(t) => push(t.get().to_string()),
            Expr::Space(_) => push(" ".into()),
            Expr::Str(s) => push(s.get().to_string()),
            Expr::Escape(e) => push(e.get().to_string()),
            Expr::Shorthand(s) => push(s.get().to_string()),
            Expr::SmartQuote(q) => push(if q.double() { DOUBLE_QUOTE } else { SINGLE_QUOTE }.into()),
            Expr::Linebreak(_) => out.push(Inline::line_break()),
            Expr::Strong(s) => {
                for e in s.body().exprs() {
                    self.inline(e, Style { bold: true, ..style }, out)?;
                }
            }
            Expr::Emph(s) => {
                for e in s.body().exprs() {
                    self.inline(e, Style { italic: true, ..style }, out)?;
                }
            }
            Expr::FuncCall(call) if callee(call).as_deref() == Some("text") => {
                out.extend(text_call(&self.args(call)?)?);
            }
            other => return Err(self.outside(other)),
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Style {
    bold: bool,
    italic: bool,
}

fn callee(call: ast::FuncCall) -> Option<String> {
    match call.callee() {
        Expr::Ident(id) => Some(id.as_str().to_string()),
        _ => None,
    }
}

/// `#text(size: .., weight: "bold", style: "italic")[body]`.
fn text_call(args: &Args) -> Result<Vec<Inline>, DocxError> {
    let mut runs = match args.pos(0) {
        Value::Content(runs) => runs.clone(),
        Value::Str(s) => vec![Inline::plain(s.clone())],
        _ => Vec::new(),
    };
    for run in &mut runs {
        if let Value::Points(size) = args.named("size") {
            run.size = Some(*size);
        }
        if matches!(args.named("weight"), Value::Str(w) if w == "bold") {
            run.bold = true;
        }
        if matches!(args.named("style"), Value::Str(s) if s == "italic") {
            run.italic = true;
        }
    }
    Ok(runs)
}
