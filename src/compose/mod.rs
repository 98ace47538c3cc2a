//! Stage 2, compose: a prepared model → the text of each document, through its template.
//!
//! [`context`] turns the model into the facts a template receives, [`templates`] finds and
//! escapes templates, [`news`] makes the news draft's Markdown and HTML.

pub mod assessed;
pub mod context;
pub mod document;
pub mod facts;
pub mod follow_up;
pub mod model;
pub mod news;
pub mod punctuation;
pub mod task_figures;
pub mod templates;
pub mod title_lines;

pub use model::{Context, OutputFile};

use minijinja::Environment;
use serde::Serialize;

use crate::error::Error;
use templates::TemplateSource;

/// Templates, loaded from one source, and the environment that runs them.
pub struct Composer {
    source: TemplateSource,
    env: Environment<'static>,
}

impl Composer {
    /// A composer over `source`.
    pub fn new(source: TemplateSource) -> Result<Composer, Error> {
        if let Some(dir) = source.dir.as_ref().filter(|dir| !dir.is_dir()) {
            return Err(Error::NoTemplatesFolder { path: dir.clone() });
        }
        let env = source.environment();
        Ok(Composer { source, env })
    }

    /// Where templates come from.
    pub fn source(&self) -> &TemplateSource {
        &self.source
    }

    /// Reads the templates again (after a user edited one).
    pub fn reload(&mut self) {
        self.env = self.source.environment();
    }

    /// The text that template `name` generates from `context` (Typst source for PDF templates).
    pub fn render_template(&self, name: &str, context: &impl Serialize) -> Result<String, Error> {
        let template = self.env.get_template(name).map_err(|e| self.template_error(name, &e))?;
        template
            .render(minijinja::value::Serde(context))
            .map_err(|e| self.template_error(name, &e))
    }

    /// The news draft `<id>-<slug>.md` and `.html`: Markdown from `<slug>.md.j2`, and an HTML
    /// page (`<slug>.html.j2`) around that Markdown; abbreviated if the record asks.
    pub fn news(&self, context: &Context, slug: &str) -> Result<Vec<OutputFile>, Error> {
        let (markdown_template, page_template) = (format!("{slug}.md.j2"), format!("{slug}.html.j2"));
        let press = |text: String| {
            if context.abbreviate_news() {
                news::abbreviate(&text)
            } else {
                text
            }
        };
        let markdown = press(news::tidy(&self.render_template(&markdown_template, context)?));
        let (title, article) = news::markdown_to_html(&markdown);
        let page_context = minijinja::context! {
            article => minijinja::Value::from_safe_string(article),
            title => title,
            ..minijinja::Value::from(minijinja::value::Serde(context))
        };
        let template = self
            .env
            .get_template(&page_template)
            .map_err(|e| self.template_error(&page_template, &e))?;
        let html = template
            .render(page_context)
            .map_err(|e| self.template_error(&page_template, &e))?;
        let id = context.id();
        Ok(vec![
            OutputFile {
                name: format!("{id}-{slug}.md"),
                bytes: markdown.into_bytes(),
            },
            OutputFile {
                name: format!("{id}-{slug}.html"),
                bytes: press(html).into_bytes(),
            },
        ])
    }

    /// The template line that wrote `generated` (a line of generated Typst source), when it
    /// came out of a template unchanged: the template as the user sees it, and the line.
    pub fn template_line(&self, generated: &str) -> Option<(String, usize)> {
        let built_ins = templates::built_ins().map(|(name, _)| name.to_string());
        let candidates = self
            .source
            .user_templates()
            .into_iter()
            .chain(built_ins)
            .filter(|n| n.ends_with(".typ.j2"));
        candidates.into_iter().find_map(|name| {
            let (text, _) = self.source.load(&name).ok()?;
            let number = text.lines().position(|l| l.trim() == generated)?;
            Some((self.source.display_name(&name), number + 1))
        })
    }

    fn template_error(&self, name: &str, error: &minijinja::Error) -> Error {
        let shown = error.name().unwrap_or(name);
        let detail = match error.detail() {
            Some(detail) => format!("{} ({detail})", error.kind()),
            None => error.kind().to_string(),
        };
        Error::Template {
            name: self.source.display_name(shown),
            line: error.line(),
            detail,
        }
    }
}
