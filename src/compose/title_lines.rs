//! Breaking titles, subjects (trích yếu) and header lines by meaning, as a clerk does by hand.
//!
//! The breaks are computed here, on words measured with the embedded fonts, so that every
//! output (the Typst PDF today, a DOCX later) sets exactly the same lines. Rules:
//! never inside a " - " compound (so no line starts or ends with a dash); prefer a break
//! before "về", "tại", "với", "của", "và", "trong", "theo" or after a comma; avoid splitting a two-syllable
//! word ("hợp tác", "hành chính") or a proper name; keep the lines balanced, never a one-word
//! last line when the text has more words.

use typst::layout::Abs;
use typst::text::FontVariations;

use crate::layout::fonts;

/// How a text is set: size in points and weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    /// Font size in points.
    pub size: f64,
    /// Bold face.
    pub bold: bool,
}

/// Width of `text` in points, set in Liberation Serif (embedded) at `style`.
pub fn measure(text: &str, style: Style) -> f64 {
    let resources = fonts::resources();
    let wanted = if style.bold { 700 } else { 400 };
    let Some(font) = resources.fonts.iter().find(|f| {
        let variant = f.info().variant;
        variant.weight.to_number() == wanted && variant.style == typst::text::FontStyle::Normal
    }) else {
        return 0.0;
    };
    let instance = font
        .clone()
        .instantiate(font.info().variant, Abs::pt(style.size), &FontVariations::default());
    let face = instance.ttf();
    text.chars()
        .map(|c| {
            face.glyph_index(c)
                .and_then(|g| instance.x_advance(g.0))
                .map_or(0.0, |em| em.get() * style.size)
        })
        .sum()
}

/// `text` broken into lines no wider than `max_width` points (a word wider than that
/// stands alone), measured at `style`.
pub fn break_text(text: &str, max_width: f64, style: Style) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let widths: Vec<f64> = words.iter().map(|w| measure(w, style)).collect();
    let space = measure(" ", style);
    break_words(&words, &widths, space, max_width)
}

/// Words prefer a line break before them: they open a phrase.
const PHRASE_OPENERS: [&str; 9] = ["về", "tại", "với", "của", "và", "trong", "theo", "cho", "đến"];

/// Two-syllable words of these documents that a break should not split.
const COMPOUNDS: [(&str, &str); 38] = [
    ("chỉ", "tiêu"),
    ("tiến", "độ"),
    ("sản", "xuất"),
    ("quốc", "phòng"),
    ("an", "ninh"),
    ("giáo", "dục"),
    ("đào", "tạo"),
    ("du", "lịch"),
    ("thể", "thao"),
    ("hội", "nghị"),
    ("hợp", "tác"),
    ("hành", "chính"),
    ("kinh", "tế"),
    ("xã", "hội"),
    ("nông", "thôn"),
    ("nông", "nghiệp"),
    ("chuyển", "đổi"),
    ("cải", "cách"),
    ("nhân", "dân"),
    ("ủy", "ban"),
    ("nhiệm", "vụ"),
    ("tiêu", "chí"),
    ("làm", "việc"),
    ("kết", "luận"),
    ("đồng", "chí"),
    ("bí", "thư"),
    ("chủ", "tịch"),
    ("thường", "trực"),
    ("phát", "triển"),
    ("xây", "dựng"),
    ("thực", "hiện"),
    ("kiểm", "tra"),
    ("đánh", "giá"),
    ("kết", "quả"),
    ("nâng", "cao"),
    ("kiểu", "mẫu"),
    ("văn", "hóa"),
    ("môi", "trường"),
];

/// The cost of breaking between `before` and `after`; `None` where a break is forbidden.
fn break_penalty(before: &str, after: &str) -> Option<f64> {
    if is_dash(before) || is_dash(after) {
        return None;
    }
    let next = after.to_lowercase();
    if before.ends_with([',', ';', ':']) || PHRASE_OPENERS.contains(&next.as_str()) {
        return Some(0.0);
    }
    let prev = before.to_lowercase();
    if COMPOUNDS.contains(&(prev.as_str(), next.as_str())) {
        return Some(60.0);
    }
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    if capital(before) && capital(after) && !is_all_caps(before) {
        return Some(40.0);
    }
    Some(15.0)
}

fn is_dash(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| matches!(c, '-' | '–' | '—'))
}

fn is_all_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
}

/// The lines that minimise, over all allowed breaks, the squared slack of every line plus
/// each break's penalty (dynamic programming over break positions).
pub fn break_words(words: &[&str], widths: &[f64], space: f64, max_width: f64) -> Vec<String> {
    let n = words.len();
    if n == 0 {
        return Vec::new();
    }
    // best[i]: cost of setting words[..i]; from[i]: where its last line starts.
    let mut best = vec![f64::INFINITY; n + 1];
    let mut from = vec![0usize; n + 1];
    best[0] = 0.0;
    for end in 1..=n {
        let mut width = -space;
        for start in (0..end).rev() {
            width += widths[start] + space;
            if !best[start].is_finite() {
                continue;
            }
            let penalty = if start == 0 {
                0.0
            } else {
                match break_penalty(words[start - 1], words[start]) {
                    Some(p) => p,
                    None => continue,
                }
            };
            let slack = ((max_width - width).max(0.0) / max_width) * 10.0;
            let mut cost = best[start] + slack * slack + penalty + 20.0;
            if width > max_width && start + 1 < end {
                cost += 10_000.0 + (width - max_width) * 100.0;
            }
            if end == n && end - start == 1 && n > 1 {
                cost += 400.0;
            }
            if cost < best[end] {
                best[end] = cost;
                from[end] = start;
            }
        }
    }
    let mut lines = Vec::new();
    let mut end = n;
    while end > 0 {
        let start = from[end];
        lines.push(words[start..end].join(" "));
        end = start;
    }
    lines.reverse();
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUBJECT: Style = Style { size: 14.0, bold: true };
    const MM: f64 = 72.0 / 25.4;

    fn starts_or_ends_with_dash(line: &str) -> bool {
        let words: Vec<&str> = line.split_whitespace().collect();
        words.first().is_some_and(|w| is_dash(w)) || words.last().is_some_and(|w| is_dash(w))
    }

    #[test]
    fn widths_come_from_the_font() {
        let regular = measure(
            "Độc lập",
            Style {
                size: 14.0,
                bold: false,
            },
        );
        let bold = measure("Độc lập", SUBJECT);
        assert!(regular > 30.0 && regular < 60.0, "{regular}");
        assert!(bold > regular);
        assert_eq!(measure("", SUBJECT), 0.0);
    }

    #[test]
    fn never_breaks_a_dash_compound() {
        let text = "Kết luận của đồng chí Bí thư Huyện ủy tại buổi làm việc với Đảng ủy xã Xuân Trường về phát triển kinh tế - xã hội, xây dựng nông thôn mới nâng cao - kiểu mẫu và chuyển đổi số - cải cách hành chính";
        for width in [80.0, 100.0, 120.0, 160.0] {
            let lines = break_text(text, width * MM, SUBJECT);
            assert!(lines.iter().all(|l| !starts_or_ends_with_dash(l)), "{lines:#?}");
            assert_eq!(lines.join(" "), text);
        }
    }

    #[test]
    fn prefers_phrase_boundaries_and_keeps_words_whole() {
        let text = "Buổi làm việc của đồng chí Chủ tịch Ủy ban nhân dân xã với Hợp tác xã Nông nghiệp An Phú về sản xuất lúa hữu cơ";
        let lines = break_text(text, 160.0 * MM, SUBJECT);
        assert!(lines.len() >= 2, "{lines:#?}");
        assert!(!lines.iter().any(|l| l.ends_with("Hợp")), "{lines:#?}");
        let last = lines.last().expect("lines");
        assert!(last.split_whitespace().count() > 1, "{lines:#?}");
    }

    #[test]
    fn a_short_text_is_one_line() {
        assert_eq!(
            break_text("ĐẢNG ỦY XÃ SAO VÀNG", 80.0 * MM, SUBJECT),
            vec!["ĐẢNG ỦY XÃ SAO VÀNG"]
        );
        assert!(break_text("  ", 80.0 * MM, SUBJECT).is_empty());
    }

    /// A deterministic generator of subjects full of " - " compounds.
    fn generated_subject(seed: u64) -> String {
        let pieces = [
            "kinh tế - xã hội",
            "sáng - xanh - sạch - đẹp",
            "chuyển đổi số - cải cách hành chính",
            "an ninh - quốc phòng",
            "về",
            "và",
            "xây dựng nông thôn mới",
            "của",
            "Hợp tác xã",
            "tại",
            "giáo dục - đào tạo",
            "văn hóa - thể thao - du lịch",
            "với",
            "nông thôn mới nâng cao",
        ];
        let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let mut words = vec!["Kết luận".to_string()];
        let count = 3 + (seed % 12) as usize;
        for _ in 0..count {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            words.push(pieces[(state >> 33) as usize % pieces.len()].to_string());
        }
        words.join(" ")
    }

    #[test]
    fn generated_subjects_never_put_a_dash_at_a_line_edge() {
        for seed in 0..2000 {
            let text = generated_subject(seed);
            let width = [70.0, 100.0, 160.0][seed as usize % 3] * MM;
            let lines = break_text(&text, width, SUBJECT);
            assert_eq!(lines.join(" "), text.split_whitespace().collect::<Vec<_>>().join(" "));
            for line in &lines {
                assert!(!starts_or_ends_with_dash(line), "seed {seed}: {lines:#?}");
            }
        }
    }
}
