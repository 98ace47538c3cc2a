//! The fonts every document uses, embedded in the binary and parsed once per process.

use std::sync::OnceLock;

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt};

/// Liberation Serif (SIL OFL 1.1), metric-compatible with Times New Roman.
/// The embedded Liberation Serif files: regular, bold, italic, bold italic.
pub const FONT_FILES: [&[u8]; 4] = [
    include_bytes!("../../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../../fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../../fonts/LiberationSerif-BoldItalic.ttf"),
];

/// The parsed fonts, their book, and the Typst standard library: shared by every World.
pub struct Resources {
    /// The standard library.
    pub library: LazyHash<Library>,
    /// Font metadata for selection.
    pub book: LazyHash<FontBook>,
    /// The fonts, in book order.
    pub fonts: Vec<Font>,
}

/// The process-wide resources, built on first use.
pub fn resources() -> &'static Resources {
    static RESOURCES: OnceLock<Resources> = OnceLock::new();
    RESOURCES.get_or_init(|| {
        let fonts: Vec<Font> = FONT_FILES
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        Resources {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn all_four_styles_parse() {
        let resources = super::resources();
        assert_eq!(resources.fonts.len(), 4);
        assert!(resources.book.contains_family("liberation serif"));
    }
}
