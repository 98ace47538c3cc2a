//! The office's calendar and clock, through the `time` crate: whether a day exists, days
//! counted from 1970-01-01, and now, both as stored (UTC, `2026-12-02T03:14:11Z`) and in
//! the office's zone (Vietnam, UTC+07:00 all year) where a document or a person reads it.

use time::{Date as Day, Month, OffsetDateTime, UtcOffset};

/// Vietnam's offset from UTC (no daylight saving).
const OFFICE_HOURS: i8 = 7;

/// The Julian day number of 1970-01-01.
const EPOCH: i32 = 2_440_588;

/// The day `year-month-day`, if it exists.
fn day(year: i32, month: u8, day: u8) -> Option<Day> {
    Day::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()
}

/// Whether `year-month-day` is a day of the calendar.
pub fn exists(year: i32, month: u8, d: u8) -> bool {
    day(year, month, d).is_some()
}

/// Days from 1970-01-01 to a day that exists (see [`exists`]); 0 for one that does not.
pub fn days_since_epoch(year: i32, month: u8, d: u8) -> i64 {
    day(year, month, d).map_or(0, |day| i64::from(day.to_julian_day() - EPOCH))
}

/// The day `days` after 1970-01-01, within the years 1–9999 (clamped there).
pub fn from_days(days: i64) -> (i32, u8, u8) {
    let julian =
        (days + i64::from(EPOCH)).clamp(i64::from(Day::MIN.to_julian_day()), i64::from(Day::MAX.to_julian_day()));
    let day = Day::from_julian_day(julian as i32).unwrap_or(Day::MIN);
    (day.year().clamp(1, 9999), u8::from(day.month()), day.day())
}

/// Seconds since 1970-01-01 UTC, now.
pub fn now_unix() -> i64 {
    OffsetDateTime::now_utc().unix_timestamp()
}

/// The instant `unix` in the office's zone.
pub fn in_office_zone(unix: i64) -> OffsetDateTime {
    let offset = UtcOffset::from_hms(OFFICE_HOURS, 0, 0).unwrap_or(UtcOffset::UTC);
    OffsetDateTime::from_unix_timestamp(unix)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
        .to_offset(offset)
}

/// Today's date in the office's zone, `(year, month, day)`.
pub fn today() -> (i32, u8, u8) {
    let now = in_office_zone(now_unix());
    (now.year(), u8::from(now.month()), now.day())
}

/// `unix` as stored (the audit log, states, sessions): `2026-12-02T03:14:11Z`.
pub fn utc_stamp(unix: i64) -> String {
    let t = OffsetDateTime::from_unix_timestamp(unix).unwrap_or(OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Now, as stored.
pub fn now_stamp() -> String {
    utc_stamp(now_unix())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_count_from_1970_both_ways() {
        assert_eq!(day(1970, 1, 1).map(Day::to_julian_day), Some(EPOCH));
        assert_eq!(days_since_epoch(1970, 1, 1), 0);
        assert_eq!(from_days(0), (1970, 1, 1));
        let days = days_since_epoch(2024, 3, 27);
        assert_eq!(from_days(days), (2024, 3, 27));
        assert_eq!(days_since_epoch(2024, 3, 1) - days_since_epoch(2024, 2, 28), 2);
    }

    #[test]
    fn leap_days_exist_only_in_leap_years() {
        assert!(exists(2024, 2, 29));
        assert!(!exists(2025, 2, 29));
        assert!(!exists(1900, 2, 29));
        assert!(exists(2000, 2, 29));
        assert!(!exists(2025, 13, 1));
        assert!(!exists(2025, 4, 31));
    }

    #[test]
    fn the_office_reads_utc_plus_seven() {
        // 2026-12-07 18:30 UTC is already the 8th in Vietnam.
        let unix = days_since_epoch(2026, 12, 7) * 86_400 + 18 * 3600 + 30 * 60;
        let local = in_office_zone(unix);
        assert_eq!((local.day(), local.hour(), local.minute()), (8, 1, 30));
        assert_eq!(utc_stamp(unix), "2026-12-07T18:30:00Z");
    }
}
