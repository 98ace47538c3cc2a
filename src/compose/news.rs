//! The news draft (tin bài): its facts, and the press abbreviations applied on request.

use serde::Serialize;

use crate::record::{Date, NewsSpec, Time};
use crate::vietnamese as vn;

/// What the news templates add to a session's context.
#[derive(Debug, Clone, Serialize)]
pub struct NewsContext {
    /// `Đăng lúc: 27/03/2024 (GMT+7)`.
    pub dateline: String,
    /// `Chiều 27/3/2024`: part of day and the date as running text writes it.
    pub when: String,
    /// Byline author(s).
    pub author: String,
    /// Byline unit.
    pub unit: String,
    /// Photo placeholders, in the order they are placed.
    pub photos: Vec<PhotoContext>,
    /// Whether the press abbreviations apply.
    pub abbreviate: bool,
}

/// A photo placeholder.
#[derive(Debug, Clone, Serialize)]
pub struct PhotoContext {
    /// File name.
    pub file: String,
    /// Caption.
    pub caption: String,
}

impl NewsContext {
    /// The news facts of a session held on `date` from `start`.
    pub fn new(spec: &NewsSpec, date: Date, start: Time) -> NewsContext {
        NewsContext {
            dateline: format!("Đăng lúc: {} (GMT+7)", vn::date_numeric_padded(date)),
            when: format!("{} {}", vn::part_of_day(start), vn::date_unpadded(date)),
            author: spec.author.clone(),
            unit: spec.unit.clone(),
            photos: spec
                .photos
                .iter()
                .map(|p| PhotoContext {
                    file: p.file.clone(),
                    caption: p.caption.clone(),
                })
                .collect(),
            abbreviate: spec.abbreviate,
        }
    }
}

/// Full forms and the press abbreviations that replace them, longest first.
const ABBREVIATIONS: [(&str, &str); 5] = [
    ("Ban Chấp hành", "BCH"),
    ("Ban Thường vụ", "BTV"),
    ("Hội đồng nhân dân", "HĐND"),
    ("Ủy ban nhân dân", "UBND"),
    ("nông thôn mới", "NTM"),
];

/// Applies the press abbreviations everywhere in `text`, in either case of the first letter.
pub fn abbreviate(text: &str) -> String {
    let mut out = text.to_string();
    for (full, short) in ABBREVIATIONS {
        out = out
            .replace(full, short)
            .replace(&vn::upper_first(full), short)
            .replace(&vn::lower_first(full), short);
    }
    out
}

/// Markdown with at most one blank line between blocks and none at either end.
pub fn tidy(markdown: &str) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in markdown.lines().map(str::trim_end) {
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push('\n');
            blank = false;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// HTML of a Markdown draft, and the text of its first heading (the page title).
///
/// Raw HTML in the Markdown is printed as text: the page carries only what Markdown makes.
pub fn markdown_to_html(markdown: &str) -> (String, String) {
    use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
    let mut title = String::new();
    let mut in_title = false;
    let events = Parser::new(markdown).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Heading {
            level: HeadingLevel::H1,
            ..
        }) if title.is_empty() => {
            in_title = true;
            event
        }
        Event::End(TagEnd::Heading(HeadingLevel::H1)) => {
            in_title = false;
            event
        }
        Event::Text(ref text) if in_title => {
            title.push_str(text);
            event
        }
        other => other,
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    (title, html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_apply_in_both_cases() {
        assert_eq!(
            abbreviate(
                "Ủy viên Ban Chấp hành Đảng bộ tỉnh, Phó Chủ tịch Ủy ban nhân dân huyện, xã nông thôn mới; Nông thôn mới"
            ),
            "Ủy viên BCH Đảng bộ tỉnh, Phó Chủ tịch UBND huyện, xã NTM; NTM"
        );
        assert_eq!(abbreviate("Ban Thường vụ, Hội đồng nhân dân"), "BTV, HĐND");
    }

    #[test]
    fn markdown_becomes_html_without_raw_html() {
        let (title, html) = markdown_to_html("# Tiêu đề\n\nĐoạn <script>alert(1)</script> \\<b>.\n");
        assert_eq!(title, "Tiêu đề");
        assert!(html.contains("<h1>Tiêu đề</h1>"));
        assert!(html.contains("&lt;script&gt;") && !html.contains("<script>"), "{html}");
    }

    #[test]
    fn the_lead_time_comes_from_the_start() {
        let spec = NewsSpec {
            author: "A".into(),
            unit: "B".into(),
            photos: vec![],
            abbreviate: false,
        };
        let date = Date {
            year: 2024,
            month: 3,
            day: 7,
        };
        let news = NewsContext::new(&spec, date, Time { hour: 19, minute: 30 });
        assert_eq!(news.when, "Tối 7/3/2024", "running text is not padded");
        assert_eq!(news.dateline, "Đăng lúc: 07/03/2024 (GMT+7)");
    }
}
