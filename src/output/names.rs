//! File names taken from other people's files (attachment names in a received PDF) made safe
//! to create on any disk: one name, no folders, no control characters, none of Windows's
//! reserved names or characters, no trailing dot or space, and not hidden.

/// `name` as a safe file name; `tep-dinh-kem` when nothing usable is left.
pub fn safe_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let mut safe: String = last
        .chars()
        .map(|c| {
            if c.is_control()
                || matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*')
                || ('\u{202a}'..='\u{202e}').contains(&c)
            {
                '_'
            } else {
                c
            }
        })
        .collect();
    safe = safe
        .trim_end_matches(['.', ' '])
        .trim_start_matches(['.', ' '])
        .to_string();
    let stem = safe
        .split('.')
        .next()
        .unwrap_or_default()
        .trim_end()
        .to_ascii_uppercase();
    let reserved = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (stem.len() == 4
            && (stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.as_bytes()[3].is_ascii_digit());
    if reserved {
        safe.insert(0, '_');
    }
    if safe.is_empty() {
        return "tep-dinh-kem".into();
    }
    let mut cut = safe.len().min(200);
    while !safe.is_char_boundary(cut) {
        cut -= 1;
    }
    safe.truncate(cut);
    safe
}

#[cfg(test)]
mod tests {
    use super::safe_file_name;

    #[test]
    fn hostile_names_become_plain_ones() {
        assert_eq!(safe_file_name("ban-ghi.yaml"), "ban-ghi.yaml");
        assert_eq!(safe_file_name("biên bản.pdf"), "biên bản.pdf");
        assert_eq!(
            safe_file_name("\u{1b}]0;pwn\u{7}\u{1b}[31mred.yaml"),
            "_]0;pwn__[31mred.yaml"
        );
        assert_eq!(safe_file_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_file_name("a\\b\\con.txt"), "_con.txt");
        assert_eq!(safe_file_name("LPT1"), "_LPT1");
        assert_eq!(safe_file_name("notes. . "), "notes");
        assert_eq!(safe_file_name(".bashrc"), "bashrc");
        assert_eq!(safe_file_name("..."), "tep-dinh-kem");
        assert_eq!(safe_file_name("a:b?.pdf"), "a_b_.pdf");
    }
}
