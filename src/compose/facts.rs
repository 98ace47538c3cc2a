//! The small facts every document context is made of: the issuer, dates, times and people,
//! each in every form a template prints.

use serde::Serialize;

use crate::record::{Date, Issuer, Person, Time};
use crate::vietnamese as vn;

/// The issuing body.
#[derive(Debug, Clone, Serialize)]
pub struct IssuerContext {
    /// Cơ quan chủ quản.
    pub parent: Option<String>,
    /// Tên cơ quan ban hành.
    pub name: String,
    /// The name as header lines (state headers break before the administrative unit).
    pub name_lines: Vec<String>,
    /// Agency code.
    pub code: String,
    /// Địa danh.
    pub place: String,
    /// Drafting office, or the issuer itself.
    pub office: String,
}

/// A date in every form a document prints.
#[derive(Debug, Clone, Serialize)]
pub struct DateContext {
    /// `2024-03-27`.
    pub iso: String,
    /// `ngày 27 tháng 3 năm 2024`.
    pub words: String,
    /// `27/3/2024`, `05/02/2026`: as a document writes it in its text (ND30 pads days 1–9
    /// and months 1–2).
    pub short: String,
    /// `27/3/2024`, `5/2/2026`: as the press writes it in running text.
    pub unpadded: String,
    /// `27/03/2024`: a dateline.
    pub padded: String,
    /// The year.
    pub year: i32,
}

/// A time in every form a document prints.
#[derive(Debug, Clone, Serialize)]
pub struct TimeContext {
    /// `14 giờ 00 phút`.
    pub words: String,
    /// `Sáng`, `Chiều` or `Tối`.
    pub part_of_day: &'static str,
    /// `14:00`.
    pub hhmm: String,
}

/// A person.
#[derive(Debug, Clone, Serialize)]
pub struct PersonContext {
    /// Full name.
    pub name: String,
    /// Titles in protocol order.
    pub titles: Vec<String>,
    /// `Name, title 1, title 2`.
    pub chain: String,
}

/// The issuer's facts.
pub fn issuer_context(issuer: &Issuer) -> IssuerContext {
    IssuerContext {
        parent: issuer.parent.clone(),
        name: issuer.name.value.clone(),
        name_lines: vn::header_lines(&issuer.name.value),
        code: issuer.code.clone(),
        place: issuer.place.clone(),
        office: issuer.office.clone().unwrap_or_else(|| issuer.name.value.clone()),
    }
}

/// A date in every printed form.
pub fn date_context(date: Date) -> DateContext {
    DateContext {
        iso: date.to_string(),
        words: vn::date_words(date),
        short: vn::date_short(date),
        unpadded: vn::date_unpadded(date),
        padded: vn::date_numeric_padded(date),
        year: date.year,
    }
}

pub fn time_context(time: Time) -> TimeContext {
    TimeContext {
        words: vn::time_words(time),
        part_of_day: vn::part_of_day(time),
        hhmm: format!("{:02}:{:02}", time.hour, time.minute),
    }
}

pub fn person_context(person: &Person) -> PersonContext {
    PersonContext {
        name: person.name.clone(),
        titles: person.titles.clone(),
        chain: vn::title_chain(&person.name, &person.titles),
    }
}
