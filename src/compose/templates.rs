//! Built-in templates, embedded in the binary and overridable file by file from a folder.
//!
//! Record values reach Typst only as string literals: in markup `{{ value }}` prints
//! `#"…";`, and in code `{{ value|str }}` prints `"…"`. Whatever a value holds, it is text,
//! and it is set as running text ([`typst_text`]): a dash between spaces never starts a line.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use minijinja::syntax::SyntaxConfig;
use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Output, State};

use super::{punctuation, title_lines};
use crate::error::Error;
use crate::vietnamese as vn;

pub use crate::layout::world::LAYOUT_LIBRARY;

/// Built-in templates that belong to no single document kind: the layout library, the
/// shared body partials and the archive's summary table. Each kind's own templates are in
/// its entry in [`crate::documents::TABLE`].
const SHARED: &[(&str, &str)] = &[
    ("vanban.typ", include_str!("../../templates/vanban.typ")),
    (
        "_bien-ban-noi-dung.typ.j2",
        include_str!("../../templates/_bien-ban-noi-dung.typ.j2"),
    ),
    (
        "_thong-bao-noi-dung.typ.j2",
        include_str!("../../templates/_thong-bao-noi-dung.typ.j2"),
    ),
    (
        "tong-hop.state.typ.j2",
        include_str!("../../templates/tong-hop.state.typ.j2"),
    ),
    (
        "so-van-ban-di.state.typ.j2",
        include_str!("../../templates/so-van-ban-di.state.typ.j2"),
    ),
];

/// Every built-in template: name and text.
pub fn built_ins() -> impl Iterator<Item = (&'static str, &'static str)> {
    let kinds = crate::documents::TABLE.iter().flat_map(|spec| spec.templates);
    SHARED.iter().chain(kinds).copied()
}

/// Largest template file accepted from a user's folder.
const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;

/// Where templates come from: a user's folder first, then the built-ins.
#[derive(Debug, Clone, Default)]
pub struct TemplateSource {
    /// The `--templates` folder, if any.
    pub dir: Option<PathBuf>,
}

impl TemplateSource {
    /// The text of template `name`, and the path it came from if it is the user's.
    pub fn load(&self, name: &str) -> Result<(String, Option<PathBuf>), Error> {
        if !is_plain_name(name) {
            return Err(Error::UnknownTemplate { name: name.to_string() });
        }
        if let Some(dir) = &self.dir {
            let path = dir.join(name);
            if path.is_file() {
                return read_template(&path).map(|text| (text, Some(path)));
            }
        }
        built_ins()
            .find(|(built_in, _)| *built_in == name)
            .map(|(_, text)| (text.to_string(), None))
            .ok_or_else(|| Error::UnknownTemplate { name: name.to_string() })
    }

    /// Names of the files in the user's templates folder.
    pub fn user_templates(&self) -> Vec<String> {
        let Some(dir) = &self.dir else { return Vec::new() };
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .map(|entries| entries.filter_map(|e| e.ok()?.file_name().into_string().ok()).collect())
            .unwrap_or_default();
        names.sort();
        names
    }

    /// The name a user sees for template `name`: their file's path, or `templates/<name>`.
    pub fn display_name(&self, name: &str) -> String {
        match &self.dir {
            Some(dir) if dir.join(name).is_file() => dir.join(name).display().to_string(),
            _ => format!("templates/{name}"),
        }
    }

    /// A minijinja environment reading from this source, with Typst escaping.
    pub fn environment(&self) -> Environment<'static> {
        let mut env = Environment::new();
        let source = self.clone();
        env.set_loader(move |name| match source.load(name) {
            Ok((text, _)) => Ok(Some(text)),
            Err(_) => Ok(None),
        });
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".typ.j2") {
                AutoEscape::Custom("typst".into())
            } else if name.ends_with(".html.j2") {
                AutoEscape::Html
            } else if name.ends_with(".md.j2") {
                AutoEscape::Custom("markdown".into())
            } else {
                AutoEscape::None
            }
        });
        env.set_formatter(typst_formatter);
        env.set_fuel(Some(5_000_000));
        if let Ok(syntax) = SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
        {
            env.set_syntax(syntax);
        }
        env.add_filter("str", |value: Value| Value::from_safe_string(typst_value(&value)));
        env.add_filter("roman", |n: usize| vn::roman(n));
        env.add_filter("join_vi", |items: Vec<String>| vn::join_list(&items));
        env.add_filter("lower_first", |s: String| vn::lower_first(&s));
        env.add_filter("continue_lower", |s: String| vn::continue_lower(&s));
        env.add_filter("upper_first", |s: String| vn::upper_first(&s));
        env.add_filter("lines", |text: String, width_mm: f64, size: f64, bold: Option<bool>| {
            let style = title_lines::Style {
                size,
                bold: bold.unwrap_or(true),
            };
            title_lines::break_text(&text, width_mm * 72.0 / 25.4, style)
        });
        env.add_filter("clause", |s: String| punctuation::clause(&s));
        env.add_filter("then", |s: String, after: String| punctuation::then(&s, &after));
        env
    }
}

fn read_template(path: &Path) -> Result<String, Error> {
    let read_error = |detail: String| Error::Read {
        path: path.to_path_buf(),
        detail,
    };
    let size = std::fs::metadata(path).map_err(|e| read_error(e.to_string()))?.len();
    if size > MAX_TEMPLATE_BYTES {
        return Err(read_error(format!("> {MAX_TEMPLATE_BYTES} bytes")));
    }
    std::fs::read_to_string(path).map_err(|e| read_error(e.to_string()))
}

fn is_plain_name(name: &str) -> bool {
    !name.is_empty() && !name.starts_with('.') && !name.contains(['/', '\\', '\0'])
}

/// In Typst templates, a plain value prints as a string literal inside markup.
fn typst_formatter(out: &mut Output, state: &mut State, value: &Value) -> Result<(), minijinja::Error> {
    let escape: fn(&str) -> String = match state.auto_escape() {
        AutoEscape::Custom(name) if name == "typst" => |text| format!("#{};", typst_text(text)),
        AutoEscape::Custom(name) if name == "markdown" => markdown_text,
        _ => return minijinja::escape_formatter(out, state, value),
    };
    if value.is_none() || value.is_undefined() {
        return Ok(());
    }
    let text = if value.is_safe() {
        value.to_string()
    } else {
        escape(&value.to_string())
    };
    out.write_str(&text)
        .map_err(|_| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "write failed"))
}

/// Text that Markdown prints literally: its markup characters are backslash-escaped.
pub fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|' | '!' | '~' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A value as Typst code: strings quoted, lists as arrays, maps as dictionaries.
pub fn typst_value(value: &Value) -> String {
    use minijinja::value::ValueKind;
    match value.kind() {
        ValueKind::Undefined | ValueKind::None => "none".into(),
        ValueKind::Bool => {
            if value.is_true() {
                "true".into()
            } else {
                "false".into()
            }
        }
        ValueKind::Number => {
            let text = value.to_string();
            if text.parse::<f64>().is_ok() {
                text
            } else {
                typst_text(&text)
            }
        }
        ValueKind::Seq | ValueKind::Iterable => {
            let items: Vec<String> = value
                .try_iter()
                .into_iter()
                .flatten()
                .map(|v| typst_value(&v))
                .collect();
            format!("({}{})", items.join(", "), if items.len() == 1 { "," } else { "" })
        }
        ValueKind::Map => {
            let entries: Vec<String> = value
                .try_iter()
                .into_iter()
                .flatten()
                .map(|key| {
                    format!(
                        "{}: {}",
                        typst_string(&key.to_string()),
                        typst_value(&value.get_item(&key).unwrap_or_default())
                    )
                })
                .collect();
            if entries.is_empty() {
                "(:)".into()
            } else {
                format!("({})", entries.join(", "))
            }
        }
        _ => typst_text(&value.to_string()),
    }
}

/// Record text as a Typst string literal set as running text: the space before a dash
/// between spaces (" - ", " – ", " — ") is a no-break space, so that "Văn phòng - Thống kê"
/// never breaks into a line starting "- Thống kê" (it would read as a list item); a line
/// may still end with the dash.
pub fn typst_text(text: &str) -> String {
    typst_string(&bind_dashes(text))
}

/// `text` with every space that comes before a dash standing between spaces made a no-break space.
fn bind_dashes(text: &str) -> Cow<'_, str> {
    const DASHES: [char; 3] = ['-', '–', '—'];
    if !text.contains(" -") && !text.contains(" –") && !text.contains(" —") {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let bound = chars.iter().enumerate().map(|(i, &c)| {
        let dash_follows = chars.get(i + 1).is_some_and(|d| DASHES.contains(d));
        let dash_stands_alone = chars.get(i + 2).is_none_or(|s| s.is_whitespace());
        if c == ' ' && dash_follows && dash_stands_alone {
            '\u{a0}'
        } else {
            c
        }
    });
    Cow::Owned(bound.collect())
}

/// A Typst string literal that reads back exactly as `text`.
pub fn typst_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{a0}' => out.push_str("\\u{a0}"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_become_typst_literals() {
        assert_eq!(typst_string(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(typst_string("x\ny"), r#""x\ny""#);
        assert_eq!(typst_string("\u{7}"), r#""\u{7}""#);
    }

    #[test]
    fn a_dash_between_spaces_is_bound_to_the_word_before_it() {
        assert_eq!(typst_text("Văn phòng - Thống kê"), r#""Văn phòng\u{a0}- Thống kê""#);
        assert_eq!(typst_text("sáng – xanh"), r#""sáng\u{a0}– xanh""#);
        assert_eq!(typst_text("2022 - 2025 -"), r#""2022\u{a0}- 2025\u{a0}-""#);
        assert_eq!(typst_text("Số 12-TB/HU, -5 độ, a -b"), r#""Số 12-TB/HU, -5 độ, a -b""#);
        assert_eq!(typst_string("a - b"), r#""a - b""#, "plain literals stay exact");
    }

    #[test]
    fn markup_values_print_as_embedded_strings() {
        let env = TemplateSource::default().environment();
        let out = env
            .render_named_str(
                "t.typ.j2",
                "A {{ v }}, {{ v|str }} {{ none }}.",
                minijinja::context! { v => "#x*" },
            )
            .unwrap();
        assert_eq!(out, "A #\"#x*\";, \"#x*\" .");
    }

    #[test]
    fn lists_and_maps_become_arrays_and_dictionaries() {
        let value = Value::from(minijinja::value::Serde(vec!["a"]));
        assert_eq!(typst_value(&value), "(\"a\",)");
        let map = Value::from(minijinja::value::Serde(std::collections::BTreeMap::from([("k", 1)])));
        assert_eq!(typst_value(&map), "(\"k\": 1)");
    }

    #[test]
    fn template_names_cannot_climb() {
        assert!(TemplateSource::default().load("../etc/passwd").is_err());
        assert!(TemplateSource::default().load("vanban.typ").is_ok());
    }
}
