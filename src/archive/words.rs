//! Vietnamese words as the search index keeps them, two ways: `exact`, each syllable with its
//! letters' marks (â, ê, ô, ơ, ư, ă, đ) and its tone as a digit after it, wherever the tone
//! mark sat ("hoà" and "hòa" are both `hoa2`, "thuỷ" and "thủy" both `thuy4`); and `folded`,
//! without any mark, `đ` as `d` ("Đảng ủy" is `dang uy`). NFC and NFD input give the same.

use unicode_normalization::UnicodeNormalization;

/// The five tone marks as Unicode combining characters, with their digits: huyền, sắc, hỏi,
/// ngã, nặng.
const TONES: [(char, char); 5] = [
    ('\u{300}', '2'),
    ('\u{301}', '1'),
    ('\u{309}', '4'),
    ('\u{303}', '3'),
    ('\u{323}', '5'),
];

/// The words of `text`, lower case, split on anything that is not a letter or a digit.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric() && !is_mark(c))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// One word with its tone moved to a digit at its end.
pub fn exact_word(word: &str) -> String {
    let mut tone = None;
    let mut out = String::new();
    for c in word.nfd() {
        match TONES.iter().find(|(mark, _)| *mark == c) {
            Some((_, digit)) => tone = Some(*digit),
            None => out.push(c),
        }
    }
    let mut out: String = out.nfc().collect();
    out.extend(tone);
    out
}

/// One word without marks, `đ` as `d`.
pub fn folded_word(word: &str) -> String {
    crate::vietnamese::without_marks(word)
}

/// `text` as the exact column keeps it.
pub fn exact(text: &str) -> String {
    words(text).map(|w| exact_word(&w)).collect::<Vec<_>>().join(" ")
}

/// `text` as the folded column keeps it.
pub fn folded(text: &str) -> String {
    words(text).map(|w| folded_word(&w)).collect::<Vec<_>>().join(" ")
}

/// Whether `text` carries any Vietnamese mark (then a search prefers exact matches).
pub fn has_marks(text: &str) -> bool {
    folded(text) != words(text).collect::<Vec<_>>().join(" ")
}

/// The terms of a query: quoted phrases kept together, other words one by one, each as
/// words (letters and digits only, so nothing of FTS5's syntax passes through).
pub fn terms(query: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (i, part) in query.split('"').enumerate() {
        let found: Vec<String> = words(part).collect();
        if i % 2 == 1 {
            if !found.is_empty() {
                out.push(found);
            }
        } else {
            out.extend(found.into_iter().map(|w| vec![w]));
        }
    }
    out
}

/// Whether `text` holds every term (each a run of words side by side), marks or not: the
/// index's folded match, for a few records in memory rather than an archive.
pub fn holds(text: &str, terms: &[Vec<String>]) -> bool {
    let words: Vec<String> = words(text).map(|w| folded_word(&w)).collect();
    terms.iter().all(|term| {
        let term: Vec<String> = term.iter().map(|w| folded_word(w)).collect();
        words.windows(term.len().max(1)).any(|window| window == term.as_slice())
    })
}

/// `text` with each word of `terms` marked «thus» (marks or not), cut to about `width`
/// characters around the first place all the words stand side by side, else the longest
/// term (a phrase in order), else the first word marked.
pub fn snippet(text: &str, terms: &[Vec<String>], width: usize) -> String {
    let wanted: Vec<String> = terms.iter().flatten().map(|w| folded_word(w)).collect();
    let spans = word_spans(text);
    let fold = |t: &[String]| t.iter().map(|w| folded_word(w)).collect::<Vec<_>>();
    let all = fold(&terms.concat());
    let longest = terms
        .iter()
        .max_by_key(|t| t.len())
        .map(|t| fold(t))
        .unwrap_or_default();
    let whole = |run: &[String]| {
        (run.len() > 1)
            .then(|| {
                spans
                    .windows(run.len())
                    .position(|w| w.iter().map(|s| &s.2).eq(run.iter()))
            })
            .flatten()
    };
    let anchor = whole(&all)
        .or_else(|| whole(&longest))
        .or_else(|| spans.iter().position(|s| wanted.contains(&s.2)));
    let mut marked = String::new();
    let mut anchored_at = None;
    let mut last = 0;
    for (i, (start, end, folded)) in spans.iter().enumerate() {
        marked.push_str(&text[last..*start]);
        if Some(i) == anchor {
            anchored_at = Some(marked.chars().count());
        }
        if wanted.contains(folded) {
            marked.push('«');
            marked.push_str(&text[*start..*end]);
            marked.push('»');
        } else {
            marked.push_str(&text[*start..*end]);
        }
        last = *end;
    }
    marked.push_str(&text[last..]);
    let chars: Vec<char> = marked.chars().collect();
    let start = anchored_at.unwrap_or(0).saturating_sub(width / 3);
    let end = (start + width).min(chars.len());
    let mut out: String = chars[start..end].iter().collect();
    if start > 0 {
        out.insert(0, '…');
    }
    if end < chars.len() {
        out.push('…');
    }
    out
}

/// Each word of `text`: its byte range and its folded lower-case form.
fn word_spans(text: &str) -> Vec<(usize, usize, String)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices().chain([(text.len(), ' ')]) {
        let inside = c.is_alphanumeric() || is_mark(c);
        match (start, inside) {
            (None, true) => start = Some(at),
            (Some(from), false) => {
                spans.push((from, at, folded_word(&text[from..at].to_lowercase())));
                start = None;
            }
            _ => {}
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tone_placement_marks_and_normal_forms_meet() {
        assert_eq!(exact("hoà"), exact("hòa"));
        assert_eq!(exact("thuỷ"), exact("thủy"));
        assert_eq!(exact("Xuân Trường"), exact(&"Xuân Trường".nfd().collect::<String>()));
        assert_eq!(folded("Đảng ủy xã Xuân Trường"), "dang uy xa xuan truong");
        assert_ne!(exact("hòa"), exact("hóa"));
        assert!(has_marks("nông thôn") && !has_marks("nong thon"));
        assert_eq!(
            terms(r#"nước "nông thôn mới" NEAR(* -x:"#),
            vec![
                vec!["nước".to_string()],
                vec!["nông".into(), "thôn".into(), "mới".into()],
                vec!["near".into()],
                vec!["x".into()]
            ]
        );
        assert!(holds("Đảng ủy xã Xuân Trường", &terms(r#"xuan "dang uy""#)));
        assert!(!holds("Đảng ủy xã Xuân Trường", &terms(r#""uy dang""#)));
        let text = format!("Thành {} thời hạn hoàn thành", "chữ ".repeat(60));
        assert!(snippet(&text, &terms(r#""thoi han hoan thanh""#), 40).starts_with("…chữ"));
        assert_eq!(snippet("Bí thư Đảng ủy xã", &terms("dang"), 40), "Bí thư «Đảng» ủy xã");
    }
}
