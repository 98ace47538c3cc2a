//! Weights, styles and signer names, compared between vanban's PDF of a document and the
//! PDF LibreOffice makes from its DOCX draft: both are read by poppler's `pdftohtml -xml`,
//! which marks bold and italic runs from the fonts' descriptors.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

const MM: f64 = 72.0 / 25.4;

/// One word as poppler reads it: text, bold, italic, and its line's box in points.
#[derive(Debug, Clone)]
pub struct StyledWord {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    /// The left and right edge of the text line holding the word, and its top.
    pub line: (f64, f64, f64),
}

/// The words of `pdf`, in poppler's order, with their styles.
pub fn styled_words(pdf: &Path) -> Vec<StyledWord> {
    let output = Command::new("pdftohtml")
        .args(["-xml", "-i", "-stdout", "-q", "-zoom", "1"])
        .arg(pdf)
        .output()
        .expect("pdftohtml runs (poppler-utils; .ci/run installs it)");
    let xml = String::from_utf8_lossy(&output.stdout);
    let mut words = Vec::new();
    for line in xml.lines() {
        let Some(rest) = line.strip_prefix("<text ") else {
            continue;
        };
        let (tag, inner) = rest.split_once('>').expect("text tag");
        let number = |name: &str| -> f64 {
            let start = tag.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
            tag[start..start + tag[start..].find('"').unwrap()].parse().unwrap()
        };
        let (left, width, top) = (number("left"), number("width"), number("top"));
        let inner = inner.trim_end_matches("</text>");
        let (mut bold, mut italic) = (false, false);
        let mut text = String::new();
        let mut flush = |text: &mut String, bold: bool, italic: bool| {
            for word in unescape(text).split_whitespace() {
                words.push(StyledWord {
                    text: word.to_string(),
                    bold,
                    italic,
                    line: (left, left + width, top),
                });
            }
            text.clear();
        };
        let mut rest = inner;
        while let Some(start) = rest.find('<') {
            text.push_str(&rest[..start]);
            let end = start + rest[start..].find('>').expect("tag closes");
            let (b, i) = match &rest[start + 1..end] {
                "b" => (true, italic),
                "/b" => (false, italic),
                "i" => (bold, true),
                "/i" => (bold, false),
                _ => (bold, italic),
            };
            if (b, i) != (bold, italic) {
                flush(&mut text, bold, italic);
                (bold, italic) = (b, i);
            }
            rest = &rest[end + 1..];
        }
        text.push_str(rest);
        flush(&mut text, bold, italic);
    }
    words
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// For each word, the styles it is set in: `regular`, `bold`, `italic`, `bold italic`.
fn styles_by_word(words: &[StyledWord]) -> BTreeMap<String, BTreeSet<&'static str>> {
    let mut styles: BTreeMap<String, BTreeSet<&'static str>> = BTreeMap::new();
    for word in words {
        let style = match (word.bold, word.italic) {
            (false, false) => "regular",
            (true, false) => "bold",
            (false, true) => "italic",
            (true, true) => "bold italic",
        };
        styles.entry(word.text.clone()).or_default().insert(style);
    }
    styles
}

/// Every word is set in the same styles in both PDFs; returns how many words were compared.
pub fn assert_same_styles(name: &str, ours: &[StyledWord], theirs: &[StyledWord]) -> usize {
    let (ours, theirs) = (styles_by_word(ours), styles_by_word(theirs));
    let differ: Vec<String> = ours
        .iter()
        .filter_map(|(word, style)| {
            let other = theirs.get(word)?;
            (other != style).then(|| format!("{word}: PDF {style:?}, DOCX {other:?}"))
        })
        .collect();
    assert!(differ.is_empty(), "{name}: weights differ: {differ:#?}");
    ours.keys().filter(|w| theirs.contains_key(*w)).count()
}

/// The signer's name is bold in both, in the right-hand column, centred within 3 mm of
/// where vanban's PDF centres it.
pub fn assert_signer_name(name: &str, signer: &str, ours: &[StyledWord], theirs: &[StyledWord]) {
    let centre = |words: &[StyledWord]| -> f64 {
        let first = signer.split_whitespace().next().unwrap();
        let found = words
            .windows(signer.split_whitespace().count())
            .rev()
            .find(|w| w.iter().map(|x| x.text.as_str()).eq(signer.split_whitespace()) && w[0].text == first)
            .unwrap_or_else(|| panic!("{name}: the signer {signer} is printed"));
        assert!(
            found.iter().all(|w| w.bold),
            "{name}: the signer's name is bold: {found:?}"
        );
        let (left, right, _) = found[0].line;
        (left + right) / 2.0
    };
    let (a, b) = (centre(ours), centre(theirs));
    assert!(a > 105.0 * MM, "{name}: the signer's name in the right-hand column");
    assert!(
        (a - b).abs() < 3.0 * MM,
        "{name}: the signer's name centred at {:.1} mm in the PDF, {:.1} mm in the DOCX",
        a / MM,
        b / MM
    );
}
