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
    word.nfd()
        .filter(|c| !is_mark(*c))
        .map(|c| if c == 'đ' || c == 'Đ' { 'd' } else { c })
        .collect()
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

/// `text` with each word whose folded form is among `wanted` marked «thus», cut to about
/// `width` characters around the first mark.
pub fn snippet(text: &str, wanted: &[String], width: usize) -> String {
    let mut marked = String::new();
    let mut first = None;
    let mut rest = text;
    while !rest.is_empty() {
        let end = rest
            .find(|c: char| !c.is_alphanumeric() && !is_mark(c))
            .unwrap_or(rest.len());
        let (word, after) = rest.split_at(end);
        if !word.is_empty() && wanted.contains(&folded_word(&word.to_lowercase())) {
            first.get_or_insert(marked.chars().count());
            marked.push('«');
            marked.push_str(word);
            marked.push('»');
        } else {
            marked.push_str(word);
        }
        let mut chars = after.chars();
        if let Some(c) = chars.next() {
            marked.push(c);
        }
        rest = chars.as_str();
    }
    let chars: Vec<char> = marked.chars().collect();
    let start = first.unwrap_or(0).saturating_sub(width / 3);
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
        assert_eq!(
            snippet("Bí thư Đảng ủy xã", &["dang".into()], 40),
            "Bí thư «Đảng» ủy xã"
        );
    }
}
