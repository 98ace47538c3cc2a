//! The words a form shows beside a field: plain sentences in the office's words, without
//! the record format's keys or backticks (`check` keeps its own wording for the command
//! line); and the wording of what is left unfinished in a record.

use super::{Problem, Words, words};

/// The message and the hint of an unfinished value, in both languages.
pub(super) fn text(problem: &Problem) -> (Words, Words) {
    match problem {
        Problem::Unfinished { text } => (
            words(
                format!("giá trị `{text}` còn chỗ chưa điền"),
                format!("value `{text}` is not filled in yet"),
            ),
            words(
                "điền nội dung thật thay cho \"...\"; văn bản sẽ in nguyên như vậy",
                "put the real words in place of \"...\"; the document would print it as it stands",
            ),
        ),
        _ => (
            words(
                "chưa có giờ kết thúc `end`: biên bản sẽ in \"… giờ … phút\"",
                "no end time `end`: the minutes would print \"… giờ … phút\"",
            ),
            words(
                "thêm `end: \"HH:MM\"` khi biết giờ kết thúc buổi làm việc",
                "add `end: \"HH:MM\"` once the session's end time is known",
            ),
        ),
    }
}

impl Problem {
    /// What the form says beside the field the problem concerns, `what` being that field in
    /// words ("ngày làm việc", "the date of the session"); `None` when the problem has no
    /// plainer wording than its message.
    pub fn beside(&self, what: &Words) -> Option<Words> {
        let (vi, en) = (&what.vi, capital(&what.en));
        Some(match self {
            Problem::MissingField { .. } => words(format!("Chưa có {vi}"), format!("{en} is missing")),
            Problem::Unfinished { text } => words(
                format!("Còn chỗ chưa điền: “{text}”. Văn bản sẽ in nguyên như vậy."),
                format!("Not filled in yet: “{text}”. The document would print it as it stands."),
            ),
            Problem::NoEndTime => words(
                "Chưa có giờ kết thúc: biên bản sẽ in “… giờ … phút”.",
                "No end time yet: the minutes would print “… giờ … phút”.",
            ),
            Problem::BadDate { text } | Problem::ImpossibleDate { text } => words(
                format!("{} “{text}” không phải một ngày có thật", capital(vi)),
                format!("{en} “{text}” is not a real date"),
            ),
            Problem::BadTime { text } | Problem::ImpossibleTime { text } => words(
                format!(
                    "{} “{text}” không phải một giờ có thật (0–23 giờ, 0–59 phút)",
                    capital(vi)
                ),
                format!("{en} “{text}” is not a real time (hours 0–23, minutes 0–59)"),
            ),
            Problem::WrongType { .. } => words(
                format!("{} chưa đúng: cần một nội dung khác", capital(vi)),
                format!("{en} does not hold the right kind of value"),
            ),
            Problem::ParticipantForm => words(
                "Mỗi thành phần là một người (họ tên, chức danh) hoặc một nhóm, không cả hai",
                "Each participant is a person (name, titles) or a group, not both",
            ),
            Problem::DocumentNeeds { document, .. } => words(
                format!("{} cần mục “{vi}”, bản ghi chưa có", document.0),
                format!(
                    "The {} needs “{}”, which is not given",
                    document.1.to_lowercase(),
                    what.en
                ),
            ),
            Problem::BadNumber { .. } => words(
                "Số văn bản phải từ 1 trở lên, hoặc để trống",
                "The document number is 1 or more, or left blank",
            ),
            _ => return None,
        })
    }
}

/// `text` with its first letter a capital.
fn capital(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A message as the form shows it when there is no plainer wording: without backticks.
pub fn unquoted(message: &str) -> String {
    message.replace('`', "")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::Lang;

    #[test]
    fn a_missing_date_reads_in_plain_words() {
        let what = words("ngày làm việc", "the date of the session");
        let problem = Problem::MissingField { field: "date".into() };
        let said = problem.beside(&what).unwrap();
        assert_eq!(said.clone().take(Lang::Vi), "Chưa có ngày làm việc");
        assert_eq!(said.take(Lang::En), "The date of the session is missing");
        // The command line keeps its own words.
        assert!(problem.message(Lang::Vi).contains("`date`"));
    }
}
