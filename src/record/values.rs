//! The values a record holds that are more than text: dates and times (checked to exist) and
//! document numbers (positive).

use serde::Deserialize;
use serde::de::{self, Deserializer};

use crate::problem::{Problem, tag_problem};

/// A calendar date, checked to exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2024.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31.
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD` and checks that the day exists.
    pub fn parse(text: &str) -> Result<Date, Problem> {
        let bad = || Problem::BadDate { text: text.to_string() };
        let parts: Vec<&str> = text.trim().split('-').collect();
        let [y, m, d] = parts.as_slice() else { return Err(bad()) };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u8 = m.parse().map_err(|_| bad())?;
        let day: u8 = d.parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) {
            return Err(Problem::ImpossibleDate { text: text.to_string() });
        }
        if !super::clock::exists(year, month, day) {
            return Err(Problem::ImpossibleDate { text: text.to_string() });
        }
        Ok(Date { year, month, day })
    }

    /// Days since 1970-01-01 (proleptic Gregorian calendar).
    pub fn days_since_epoch(self) -> i64 {
        super::clock::days_since_epoch(self.year, self.month, self.day)
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let (year, month, day) = super::clock::from_days(days);
        Date { year, month, day }
    }

    /// Today in the office's time zone (Vietnam, UTC+07:00).
    pub fn today() -> Date {
        let (year, month, day) = super::clock::today();
        Date { year, month, day }
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).map_err(|problem| de::Error::custom(tag_problem(&problem)))
    }
}

/// A time of day on the 24-hour clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Time {
    /// 0–23.
    pub hour: u8,
    /// 0–59.
    pub minute: u8,
}

impl Time {
    /// Parses `HH:MM` (24-hour clock).
    pub fn parse(text: &str) -> Result<Time, Problem> {
        let bad = || Problem::BadTime { text: text.to_string() };
        let (h, m) = text.trim().split_once(':').ok_or_else(bad)?;
        if h.is_empty() || h.len() > 2 || m.len() != 2 {
            return Err(bad());
        }
        let hour: u8 = h.parse().map_err(|_| bad())?;
        let minute: u8 = m.parse().map_err(|_| bad())?;
        if hour > 23 || minute > 59 {
            return Err(Problem::ImpossibleTime { text: text.to_string() });
        }
        Ok(Time { hour, minute })
    }
}

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Time::parse(&text).map_err(|problem| de::Error::custom(tag_problem(&problem)))
    }
}

/// A document number: a positive integer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocNumber(pub u32);

impl<'de> Deserialize<'de> for DocNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = i64::deserialize(deserializer)?;
        match u32::try_from(value) {
            Ok(n) if n >= 1 => Ok(DocNumber(n)),
            _ => Err(de::Error::custom(tag_problem(&Problem::BadNumber { value }))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_exist() {
        assert_eq!(
            Date::parse("2024-02-29").unwrap(),
            Date {
                year: 2024,
                month: 2,
                day: 29
            }
        );
        assert!(matches!(Date::parse("2023-02-29"), Err(Problem::ImpossibleDate { .. })));
        assert!(matches!(Date::parse("2024-02-30"), Err(Problem::ImpossibleDate { .. })));
        assert!(matches!(Date::parse("2024-13-01"), Err(Problem::ImpossibleDate { .. })));
        assert!(matches!(Date::parse("27/3/2024"), Err(Problem::BadDate { .. })));
        assert!(matches!(Date::parse("2024-3-27"), Err(Problem::BadDate { .. })));
    }

    #[test]
    fn times_must_exist() {
        assert_eq!(Time::parse("14:00").unwrap(), Time { hour: 14, minute: 0 });
        assert_eq!(Time::parse("7:05").unwrap(), Time { hour: 7, minute: 5 });
        assert!(matches!(Time::parse("25:61"), Err(Problem::ImpossibleTime { .. })));
        assert!(matches!(Time::parse("14h00"), Err(Problem::BadTime { .. })));
    }

    #[test]
    fn days_since_epoch_matches_known_dates() {
        assert_eq!(
            Date {
                year: 1970,
                month: 1,
                day: 1
            }
            .days_since_epoch(),
            0
        );
        assert_eq!(
            Date {
                year: 2024,
                month: 3,
                day: 27
            }
            .days_since_epoch(),
            19_809
        );
    }
}
