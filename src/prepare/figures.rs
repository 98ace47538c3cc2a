//! Figures a session's own text states ("17/19 tiêu chí", "55/57 chỉ tiêu"), checked
//! against the totals its assessments compute.

use serde_saphyr::Spanned;

use crate::criteria::assessment::Tally;
use crate::error::Error;
use crate::problem::Problem;
use crate::record::load::YamlFile;

/// What a stated figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// tiêu chí.
    Criteria,
    /// chỉ tiêu.
    Indicators,
}

/// A figure `a/b <unit>` found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stated {
    /// The words as written, e.g. `17/19 tiêu chí`.
    pub text: String,
    /// Numerator.
    pub met: u32,
    /// Denominator.
    pub total: u32,
    /// What it counts.
    pub unit: Unit,
}

/// Every `a/b tiêu chí` and `a/b chỉ tiêu` in `text`.
pub fn stated(text: &str) -> Vec<Stated> {
    let mut found = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_ascii_digit() || (i > 0 && chars[i - 1].1.is_ascii_digit()) {
            i += 1;
            continue;
        }
        let start = chars[i].0;
        let rest = &text[start..];
        if let Some(figure) = parse_figure(rest) {
            found.push(figure);
        }
        i += 1;
    }
    found
}

fn parse_figure(text: &str) -> Option<Stated> {
    let digits = |s: &str| s.chars().take_while(char::is_ascii_digit).count();
    let a_len = digits(text);
    let after_a = text[a_len..].strip_prefix('/')?;
    let b_len = digits(after_a);
    if b_len == 0 {
        return None;
    }
    let tail = after_a[b_len..].trim_start();
    let (unit, word) = if tail.starts_with("tiêu chí") {
        (Unit::Criteria, "tiêu chí")
    } else if tail.starts_with("chỉ tiêu") {
        (Unit::Indicators, "chỉ tiêu")
    } else {
        return None;
    };
    let word_len = word.len();
    let consumed = a_len + 1 + b_len + (after_a[b_len..].len() - tail.len()) + word_len;
    Some(Stated {
        text: text[..consumed].to_string(),
        met: text[..a_len].parse().ok()?,
        total: after_a[..b_len].parse().ok()?,
        unit,
    })
}

/// Errors at the first stated figure that an assessment with the same denominator contradicts.
pub fn check(file: &YamlFile, summary: &Spanned<String>, tallies: &[(String, Tally)]) -> Result<(), Error> {
    let words = summary.value.split_whitespace().collect::<Vec<_>>().join(" ");
    for figure in stated(&words) {
        let computed = |t: &Tally| match figure.unit {
            Unit::Criteria => (t.criteria_met, t.criteria_total),
            Unit::Indicators => (t.indicators_met, t.indicator_total),
        };
        let same_total: Vec<&(String, Tally)> = tallies.iter().filter(|(_, t)| computed(t).1 == figure.total).collect();
        let agrees = same_total.iter().any(|(_, t)| computed(t).0 == figure.met);
        if let (Some((name, tally)), false) = (same_total.first(), agrees) {
            let (met, total) = computed(tally);
            let word = if figure.unit == Unit::Criteria {
                "tiêu chí"
            } else {
                "chỉ tiêu"
            };
            let problem = Problem::FigureContradiction {
                stated: figure.text.clone(),
                computed: format!("{met}/{total} {word}"),
                assessment: name.clone(),
            };
            return Err(file
                .diagnostic_at_text(summary.referenced, &figure.text, problem)
                .into());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_seed_figures() {
        let found = stated("đã đạt 17/19 tiêu chí, với 55/57 chỉ tiêu; 3/4 người");
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0],
            Stated {
                text: "17/19 tiêu chí".into(),
                met: 17,
                total: 19,
                unit: Unit::Criteria
            }
        );
        assert_eq!(found[1].text, "55/57 chỉ tiêu");
        assert_eq!(found[1].unit, Unit::Indicators);
    }
}
