//! The language of messages: Vietnamese unless asked otherwise.

/// The language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    /// Tiếng Việt (the default).
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// `--lang` wins; otherwise a `LANG` starting with `en` selects English.
    pub fn detect(flag: Option<Lang>) -> Lang {
        flag.unwrap_or_else(|| {
            let env = std::env::var("LANG").unwrap_or_default();
            if env.starts_with("en") { Lang::En } else { Lang::Vi }
        })
    }

    /// The words of this language out of a pair written side by side (a fixed table, such
    /// as the web pages' catalogue): the one place that chooses between them.
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}
