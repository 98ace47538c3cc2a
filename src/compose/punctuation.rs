//! Where record text meets the punctuation a template puts after it. A clerk may type a
//! task, a name or a recipient with its own final stop ("… do mưa lũ gây ra.", "Lưu: VT,
//! VP."), and the template ends it again; the join keeps one mark: no "..", "?.", ":.",
//! ";;". The templates use it through the `then` and `clause` filters, and the recipients
//! lists (which `vanban.typ` ends itself) through [`clause`].

/// Marks that end a sentence: after one of them a template's full stop is not printed.
const STOPS: [char; 4] = ['.', '?', '!', '…'];

/// Marks that only join: a template's own mark replaces them.
const JOINERS: [char; 3] = [',', ';', ':'];

/// `text` followed by `after`, the template's words that follow it, with one mark where
/// both give one. A dangling ",", ";" or ":" at the end of `text` always gives way. When
/// `after` starts with "." and `text` already ends a sentence, that "." is left out ("gây
/// ra." + "." → "gây ra."; "thực hiện." + "./." → "thực hiện./."). Otherwise `after` (a
/// ";", words, nothing) takes the place of a single final full stop of `text` ("Phòng Kinh
/// tế." + ";" → "Phòng Kinh tế;"); an ellipsis, "?" or "!" stays.
pub fn then(text: &str, after: &str) -> String {
    let body = text.trim_end_matches(|c: char| JOINERS.contains(&c) || c.is_whitespace());
    if let Some(rest) = after.strip_prefix('.') {
        let rest = if body.ends_with(STOPS) { rest } else { after };
        return format!("{body}{rest}");
    }
    match body.strip_suffix('.') {
        Some(clause) if !clause.ends_with('.') => format!("{clause}{after}"),
        _ => format!("{body}{after}"),
    }
}

/// `text` as a clause inside a sentence: without a dangling ",", ";" or ":" or a single
/// final full stop ("Lưu: VT, VP." → "Lưu: VT, VP"); a "?", "!" or "…" stays.
pub fn clause(text: &str) -> String {
    then(text, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stop_typed_by_the_clerk_is_not_doubled() {
        assert_eq!(then("do mưa lũ gây ra.", "."), "do mưa lũ gây ra.");
        assert_eq!(then("do mưa lũ gây ra", "."), "do mưa lũ gây ra.");
        assert_eq!(then("Lưu: VT, VP.", "."), "Lưu: VT, VP.");
        assert_eq!(then("xong chưa?", "."), "xong chưa?");
        assert_eq!(then("khẩn trương!", "."), "khẩn trương!");
        assert_eq!(then("thực hiện.", "./."), "thực hiện./.");
        assert_eq!(then("v.v...", "."), "v.v...");
    }

    #[test]
    fn a_dangling_joiner_gives_way() {
        assert_eq!(then("Lưu:", "."), "Lưu.");
        assert_eq!(then("Phòng Kinh tế;", ";"), "Phòng Kinh tế;");
        assert_eq!(then("Phòng Kinh tế,  ", "; "), "Phòng Kinh tế; ");
        assert_eq!(then("Phòng Kinh tế.", ";"), "Phòng Kinh tế;");
        assert_eq!(then("Phòng Kinh tế:", ":"), "Phòng Kinh tế:");
    }

    #[test]
    fn words_after_continue_the_sentence() {
        assert_eq!(
            then("gây ra.", " (thời hạn: 31/3/2024)."),
            "gây ra (thời hạn: 31/3/2024)."
        );
        assert_eq!(then("xong?", " (thời hạn: 31/3/2024)."), "xong? (thời hạn: 31/3/2024).");
        assert_eq!(clause("Lưu: VT, VP."), "Lưu: VT, VP");
        assert_eq!(clause("Như trên;"), "Như trên");
        assert_eq!(clause("có làm không?"), "có làm không?");
        assert_eq!(clause(""), "");
    }
}
