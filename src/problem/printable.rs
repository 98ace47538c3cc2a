//! Text on its way to a terminal: control characters (escape sequences that could retitle
//! the window, recolour or erase the screen, or fake a line) and bidirectional overrides
//! are shown as `\u{…}` escapes instead of acting. Line breaks and tabs stay.

use std::borrow::Cow;

/// `text` with every character that could act on a terminal escaped.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(acts) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if acts(c) {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// Control characters other than line break and tab, and the bidirectional controls.
fn acts(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_act_no_more_and_vietnamese_is_untouched() {
        assert_eq!(printable("Biên bản\tlàm việc\n"), "Biên bản\tlàm việc\n");
        assert_eq!(
            printable("a\u{1b}]0;x\u{7}b\u{1b}[31m"),
            "a\\u{1b}]0;x\\u{7}b\\u{1b}[31m"
        );
        assert_eq!(printable("\u{9b}2J\r\u{202e}"), "\\u{9b}2J\\u{d}\\u{202e}");
    }
}
