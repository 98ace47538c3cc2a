//! The values a block of the layout model is made of: its fields, and runs of text trimmed
//! as Typst collapses spaces and places smart quotes.

/// A piece of text with one formatting; `text == "\n"` is a line break, `"\u{c}"` a page break.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inline {
    /// The text.
    pub text: String,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Underlined.
    pub underline: bool,
    /// Size in points; the paragraph's size when `None`.
    pub size: Option<f64>,
}

impl Inline {
    /// Plain text.
    pub fn plain(text: impl Into<String>) -> Inline {
        Inline {
            text: text.into(),
            ..Inline::default()
        }
    }

    /// A line break.
    pub fn line_break() -> Inline {
        Inline::plain("\n")
    }

    /// A page break.
    pub fn page_break() -> Inline {
        Inline::plain("\u{c}")
    }

    /// The same text, bold.
    pub fn bold(mut self) -> Inline {
        self.bold = true;
        self
    }

    /// The same text at `size` points.
    pub fn sized(mut self, size: f64) -> Inline {
        self.size = Some(size);
        self
    }
}

/// A value of a block's field.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `none`.
    None,
    /// `true`, `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A length or size in points (`12pt`), or a float.
    Points(f64),
    /// A ratio (`45%` is `0.45`).
    Ratio(f64),
    /// A string.
    Str(String),
    /// An array.
    Array(Vec<Value>),
    /// A dictionary, in order.
    Dict(Vec<(String, Value)>),
    /// A content block.
    Content(Vec<Inline>),
}

/// A block's fields, by name, in the order the layout library gave them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fields(pub Vec<(String, Value)>);

impl Fields {
    /// The field `name`, `none` when absent.
    pub fn get(&self, name: &str) -> &Value {
        self.0.iter().find(|(n, _)| n == name).map_or(&Value::None, |(_, v)| v)
    }

    /// The field `name` as points (`0` when absent).
    pub fn points(&self, name: &str) -> f64 {
        match self.get(name) {
            Value::Points(p) => *p,
            Value::Int(i) => *i as f64,
            _ => 0.0,
        }
    }
}

/// A smart quote, until [`trim`] sees what precedes it.
pub const DOUBLE_QUOTE: &str = "\u{e000}";
pub const SINGLE_QUOTE: &str = "\u{e001}";

/// Runs without leading or trailing spaces, with Typst's collapsing of spaces and its smart
/// quotes (opening after a space, a bracket or the start; closing elsewhere).
pub fn trim(runs: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for mut run in runs {
        if run.text == DOUBLE_QUOTE || run.text == SINGLE_QUOTE {
            let before = out.iter().rev().find_map(|r| r.text.chars().last());
            let opening = before.is_none_or(|c| c.is_whitespace() || "([{\n".contains(c));
            let double = run.text == DOUBLE_QUOTE;
            run.text = match (double, opening) {
                (true, true) => "\u{201c}",
                (true, false) => "\u{201d}",
                (false, true) => "\u{2018}",
                (false, false) => "\u{2019}",
            }
            .into();
        }
        if run.text == " " && (out.is_empty() || out.last().is_some_and(|r| r.text.ends_with(' ') || r.text == "\n")) {
            continue;
        }
        if run.text == "\n" {
            if let Some(last) = out.last_mut() {
                truncate_space(last);
            }
        } else if out.is_empty() {
            run.text = run.text.trim_start().to_string();
        }
        out.push(run);
    }
    while let Some(last) = out.last_mut() {
        truncate_space(last);
        if last.text.is_empty() {
            out.pop();
        } else {
            break;
        }
    }
    out.retain(|r| !r.text.is_empty());
    out
}

fn truncate_space(run: &mut Inline) {
    if run.text != "\n" {
        run.text = run.text.trim_end().to_string();
    }
}

/// A value as text: strings, numbers, content, arrays joined by spaces.
pub fn text_of(value: &Value) -> String {
    match value {
        Value::None => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Points(p) => format!("{p}pt"),
        Value::Ratio(r) => format!("{}%", r * 100.0),
        Value::Str(s) => s.clone(),
        Value::Array(items) => items.iter().map(text_of).collect::<Vec<_>>().join(" "),
        Value::Dict(_) => String::new(),
        Value::Content(runs) => runs.iter().map(|r| r.text.as_str()).collect(),
    }
}

/// Lines: an array of strings, one string, or none.
pub fn strings(value: &Value) -> Vec<String> {
    match value {
        Value::None => Vec::new(),
        Value::Array(items) => items.iter().map(text_of).collect(),
        other => vec![text_of(other)],
    }
}
