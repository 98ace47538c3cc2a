//! Vietnamese writing conventions: dates, times, title chains, lists, numbers, signatures.
//!
//! Everything a document says "the Vietnamese way" is decided here, once, and unit-tested.

use unicode_normalization::UnicodeNormalization;

use crate::record::{Date, IssuerSystem, Time};

/// The date line of a header: `Thọ Xuân, ngày 27 tháng 3 năm 2024`.
///
/// Days 1–9 and months 1–2 get a leading zero (ND30, HD36); nothing else does.
pub fn date_line(place: &str, date: Date) -> String {
    format!("{place}, {}", date_words(date))
}

/// `ngày 05 tháng 02 năm 2026`, padded as a document date line is.
pub fn date_words(date: Date) -> String {
    format!(
        "ngày {:02} tháng {} năm {}",
        date.day,
        month_as_written(date.month),
        date.year
    )
}

/// `27/3/2024`, `01/11/2026`, `05/02/2026`: a date inside running text, padded as the header
/// pads it (ND30: a day below 10, and January and February, take a leading zero; practice
/// writes `ngày 05/9/2026` in the body, vn-doc-format §dates), so one document never writes a
/// date two ways.
pub fn date_short(date: Date) -> String {
    format!("{:02}/{}/{}", date.day, month_as_written(date.month), date.year)
}

/// A month as ND30 writes it in a date: `01`, `02`, then `3` … `12`.
fn month_as_written(month: u8) -> String {
    if month <= 2 {
        format!("{month:02}")
    } else {
        month.to_string()
    }
}

/// `5/2/2026`: day and month without leading zeros, as the press writes a date in running
/// text ("Sáng 5/2/2026", "Chiều 27/3/2024"); only a dateline is padded.
pub fn date_unpadded(date: Date) -> String {
    format!("{}/{}/{}", date.day, date.month, date.year)
}

/// `27/03/2024`: the padded numeric form portals print in a dateline.
pub fn date_numeric_padded(date: Date) -> String {
    format!("{:02}/{:02}/{}", date.day, date.month, date.year)
}

/// `14 giờ 00 phút`.
pub fn time_words(time: Time) -> String {
    format!("{} giờ {:02} phút", time.hour, time.minute)
}

/// The part of day a session started in, as news leads write it.
pub fn part_of_day(time: Time) -> &'static str {
    match time.hour {
        0..=11 => "Sáng",
        12..=17 => "Chiều",
        _ => "Tối",
    }
}

/// `Lê Đình Hải, Ủy viên Ban Chấp hành Đảng bộ tỉnh, Bí thư Huyện ủy`.
pub fn title_chain(name: &str, titles: &[String]) -> String {
    let mut chain = name.to_string();
    for title in titles {
        chain.push_str(", ");
        chain.push_str(title);
    }
    chain
}

/// Joins items the Vietnamese way: `A`, `A và B`, `A, B và C`.
pub fn join_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let head: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} và {}", head.join(", "), last.as_ref())
        }
    }
}

/// The document number as each system writes it.
///
/// State (ND30): `Số: 05/TB-UBND`. Party (HD36): `Số 123-TB/HU`.
/// Without a number the clerk gets a blank to fill: `Số:      /BB-UBND`.
pub fn document_number(system: IssuerSystem, number: Option<u32>, kind: &str, code: &str) -> String {
    number_line(system, &document_symbol(system, number, kind, code))
}

/// A number and symbol as cited in running text: `05/TB-UBND`, `123-TB/HU`; a blank of six
/// no-break spaces for the clerk when the number is not given.
pub fn document_symbol(system: IssuerSystem, number: Option<u32>, kind: &str, code: &str) -> String {
    let digits = number.map_or_else(|| "\u{a0}".repeat(6), |n| format!("{n:02}"));
    match system {
        IssuerSystem::State => format!("{digits}/{kind}-{code}"),
        IssuerSystem::Party => format!("{digits}-{kind}/{code}"),
    }
}

/// The number line of a symbol: `Số: 05/TB-UBND` (state), `Số 123-TB/HU` (Party); a blank
/// number follows "Số:" / "Số" directly.
pub fn number_line(system: IssuerSystem, symbol: &str) -> String {
    let gap = if symbol.starts_with('\u{a0}') { "" } else { " " };
    match system {
        IssuerSystem::State => format!("Số:{gap}{symbol}"),
        IssuerSystem::Party => format!("Số{gap}{symbol}"),
    }
}

/// The signature prefixes each system allows, as they are printed.
pub fn signature_prefixes(system: IssuerSystem) -> &'static [&'static str] {
    match system {
        IssuerSystem::State => &["TM.", "KT.", "TL.", "Q.", "TUQ."],
        IssuerSystem::Party => &["T/M", "K/T", "T/L"],
    }
}

/// Splits `T/L Ban Thường vụ` into its prefix and the rest, if the prefix belongs to `system`.
///
/// Accepts the prefix in any letter case; returns it as printed (`T/L`, `TM.`).
pub fn split_authority(system: IssuerSystem, authority: &str) -> Option<(&'static str, String)> {
    let trimmed = authority.trim();
    let (head, rest) = trimmed.split_once(char::is_whitespace).unwrap_or((trimmed, ""));
    signature_prefixes(system)
        .iter()
        .find(|prefix| prefix.eq_ignore_ascii_case(head))
        .map(|prefix| (*prefix, rest.trim().to_string()))
}

/// The prefix of the other system that looks like `authority`'s, to suggest a fix.
pub fn prefix_in_other_system(system: IssuerSystem, authority: &str) -> Option<&'static str> {
    let other = match system {
        IssuerSystem::State => IssuerSystem::Party,
        IssuerSystem::Party => IssuerSystem::State,
    };
    let (found, _) = split_authority(other, authority)?;
    let position = signature_prefixes(other).iter().position(|p| *p == found)?;
    signature_prefixes(system).get(position).copied()
}

/// Upper-cases Vietnamese text for headers and signature lines, keeping NFC.
pub fn upper(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.to_uppercase().nfc().collect()
}

/// Lower-cases the first letter: Party subjects start in lower case (HD36).
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Words that open a common noun phrase ("Các phòng, ngành"), lower-cased when a list
/// joined with ";" continues after them; a name ("Phòng Kinh tế xã") keeps its capital.
const GENERIC_OPENERS: [&str; 6] = ["Các", "Những", "Mỗi", "Từng", "Toàn", "Cả"];

/// `text` as the continuation of a sentence: a leading generic word is lower-cased.
pub fn continue_lower(text: &str) -> String {
    let first = text.split_whitespace().next().unwrap_or_default();
    if GENERIC_OPENERS.contains(&first) {
        lower_first(text)
    } else {
        text.to_string()
    }
}

/// Upper-cases the first letter: state subjects start with a capital (ND30).
pub fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Roman numerals for section heads (I, II, …, up to 39).
pub fn roman(n: usize) -> String {
    const TENS: [&str; 4] = ["", "X", "XX", "XXX"];
    const ONES: [&str; 10] = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];
    if n == 0 || n >= 40 {
        return n.to_string();
    }
    format!("{}{}", TENS[n / 10], ONES[n % 10])
}

/// An agency name in header lines: `Ủy ban nhân dân xã An Phú` → `Ủy ban nhân dân` / `xã An Phú`.
///
/// The break goes before the first administrative unit that follows the kind of body, as
/// state headers print it; a name that starts with its unit stays on one line.
pub fn header_lines(name: &str) -> Vec<String> {
    const UNITS: [&str; 9] = [
        " xã ",
        " phường ",
        " thị trấn ",
        " đặc khu ",
        " thị xã ",
        " huyện ",
        " quận ",
        " tỉnh ",
        " thành phố ",
    ];
    let lower = name.to_lowercase();
    let cut = UNITS.iter().filter_map(|unit| lower.find(unit)).min();
    match cut {
        Some(at) if name.is_char_boundary(at) && lower.len() == name.len() => {
            vec![name[..at].trim().to_string(), name[at..].trim().to_string()]
        }
        _ => vec![name.to_string()],
    }
}

/// Words that mark a district-level unit, abolished on 2025-07-01.
pub fn names_district_level(name: &str) -> bool {
    let lower = name.to_lowercase();
    ["huyện", "quận", "thị xã"]
        .iter()
        .any(|word| lower.split_whitespace().collect::<Vec<_>>().join(" ").contains(word))
}

/// `text` without its marks (tones and the marks of ă â ê ô ơ ư), `đ` as `d`: what search
/// and name comparisons fold to.
pub fn without_marks(text: &str) -> String {
    text.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| if c == 'đ' || c == 'Đ' { 'd' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn date_lines_pad_day_below_ten_and_months_one_and_two_only() {
        assert_eq!(
            date_line("An Phú", date(2026, 2, 5)),
            "An Phú, ngày 05 tháng 02 năm 2026"
        );
        assert_eq!(
            date_line("Thọ Xuân", date(2024, 3, 27)),
            "Thọ Xuân, ngày 27 tháng 3 năm 2024"
        );
        assert_eq!(date_words(date(2018, 4, 3)), "ngày 03 tháng 4 năm 2018");
        assert_eq!(date_words(date(2025, 1, 10)), "ngày 10 tháng 01 năm 2025");
        assert_eq!(date_words(date(2025, 12, 31)), "ngày 31 tháng 12 năm 2025");
    }

    #[test]
    fn running_dates_are_padded_as_the_header_pads_them() {
        assert_eq!(date_short(date(2024, 3, 7)), "07/3/2024");
        assert_eq!(date_short(date(2024, 3, 27)), "27/3/2024");
        assert_eq!(date_short(date(2026, 11, 1)), "01/11/2026");
        assert_eq!(date_short(date(2026, 2, 5)), "05/02/2026");
        assert_eq!(date_words(date(2026, 2, 5)), "ngày 05 tháng 02 năm 2026");
        assert_eq!(date_numeric_padded(date(2024, 3, 7)), "07/03/2024");
    }

    #[test]
    fn the_press_writes_dates_without_leading_zeros() {
        assert_eq!(date_unpadded(date(2026, 2, 5)), "5/2/2026");
        assert_eq!(date_unpadded(date(2024, 3, 27)), "27/3/2024");
    }

    #[test]
    fn times_read_hours_and_padded_minutes() {
        assert_eq!(time_words(Time { hour: 14, minute: 0 }), "14 giờ 00 phút");
        assert_eq!(time_words(Time { hour: 7, minute: 5 }), "7 giờ 05 phút");
    }

    #[test]
    fn part_of_day_follows_newsroom_practice() {
        assert_eq!(part_of_day(Time { hour: 11, minute: 59 }), "Sáng");
        assert_eq!(part_of_day(Time { hour: 12, minute: 0 }), "Chiều");
        assert_eq!(part_of_day(Time { hour: 17, minute: 59 }), "Chiều");
        assert_eq!(part_of_day(Time { hour: 18, minute: 0 }), "Tối");
    }

    #[test]
    fn title_chains_put_titles_after_the_name() {
        let titles = vec!["Bí thư Huyện ủy".to_string(), "Chủ tịch HĐND huyện".to_string()];
        assert_eq!(
            title_chain("Lê Đình Hải", &titles),
            "Lê Đình Hải, Bí thư Huyện ủy, Chủ tịch HĐND huyện"
        );
        assert_eq!(title_chain("Lê Văn Nam", &[]), "Lê Văn Nam");
    }

    #[test]
    fn lists_join_with_va() {
        assert_eq!(join_list::<&str>(&[]), "");
        assert_eq!(join_list(&["Văn hóa"]), "Văn hóa");
        assert_eq!(
            join_list(&["Văn hóa", "Chất lượng môi trường sống"]),
            "Văn hóa và Chất lượng môi trường sống"
        );
        assert_eq!(join_list(&["A", "B", "C"]), "A, B và C");
    }

    #[test]
    fn document_numbers_follow_each_system() {
        let state = IssuerSystem::State;
        let party = IssuerSystem::Party;
        assert_eq!(document_number(state, Some(5), "TB", "UBND"), "Số: 05/TB-UBND");
        assert_eq!(document_number(state, Some(12), "BB", "UBND"), "Số: 12/BB-UBND");
        assert_eq!(document_number(party, Some(123), "TB", "HU"), "Số 123-TB/HU");
        assert_eq!(document_number(party, Some(7), "BB", "HU"), "Số 07-BB/HU");
        assert!(document_number(state, None, "BB", "UBND").ends_with("/BB-UBND"));
        assert!(document_number(party, None, "BB", "HU").starts_with("Số\u{a0}"));
    }

    #[test]
    fn signature_prefixes_belong_to_their_system() {
        let (prefix, rest) = split_authority(IssuerSystem::Party, "T/L Ban Thường vụ").unwrap();
        assert_eq!((prefix, rest.as_str()), ("T/L", "Ban Thường vụ"));
        let (prefix, rest) = split_authority(IssuerSystem::State, "tm. Ủy ban nhân dân").unwrap();
        assert_eq!((prefix, rest.as_str()), ("TM.", "Ủy ban nhân dân"));
        assert!(split_authority(IssuerSystem::Party, "TM. Ban Thường vụ").is_none());
        assert!(split_authority(IssuerSystem::State, "T/M Ủy ban nhân dân").is_none());
        assert_eq!(
            prefix_in_other_system(IssuerSystem::Party, "TM. Ban Thường vụ"),
            Some("T/M")
        );
        assert_eq!(prefix_in_other_system(IssuerSystem::State, "K/T Chủ tịch"), Some("KT."));
        assert_eq!(signature_prefixes(IssuerSystem::State).len(), 5);
    }

    #[test]
    fn upper_keeps_vietnamese_marks() {
        assert_eq!(upper("Huyện ủy Thọ Xuân"), "HUYỆN ỦY THỌ XUÂN");
        assert_eq!(upper("Đảng bộ tỉnh Thanh Hóa"), "ĐẢNG BỘ TỈNH THANH HÓA");
    }

    #[test]
    fn first_letter_case() {
        assert_eq!(lower_first("Kết luận"), "kết luận");
        assert_eq!(upper_first("kết luận"), "Kết luận");
        assert_eq!(upper_first(""), "");
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman(1), "I");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(9), "IX");
        assert_eq!(roman(14), "XIV");
    }

    #[test]
    fn header_lines_break_before_the_unit() {
        assert_eq!(
            header_lines("Ủy ban nhân dân xã An Phú"),
            ["Ủy ban nhân dân", "xã An Phú"]
        );
        assert_eq!(
            header_lines("Ủy ban nhân dân tỉnh Thanh Hóa"),
            ["Ủy ban nhân dân", "tỉnh Thanh Hóa"]
        );
        assert_eq!(header_lines("Huyện ủy Thọ Xuân"), ["Huyện ủy Thọ Xuân"]);
    }

    #[test]
    fn district_level_names() {
        assert!(names_district_level("Ủy ban nhân dân huyện Thọ Xuân"));
        assert!(names_district_level("UBND Thị xã Nghi Sơn"));
        assert!(!names_district_level("Ủy ban nhân dân xã An Phú"));
    }
}
