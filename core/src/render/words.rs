//! The words of the two languages: labels, dates and times.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::model::meeting::Meeting;

use crate::names::Language;

/// The words of one language.
pub(super) struct Words {
    pub(super) lang: Language,
}

pub(super) const WEEKDAYS_NB: [&str; 7] = [
    "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag",
];
pub(super) const MONTHS_NB: [&str; 12] = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
];
pub(super) const WEEKDAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
pub(super) const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub(super) fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl Words {
    pub(super) fn nb(&self) -> bool {
        self.lang == Language::Norwegian
    }

    pub(super) fn pick(&self, nb: &'static str, en: &'static str) -> &'static str {
        if self.nb() {
            nb
        } else {
            en
        }
    }

    pub(super) fn weekday(&self, day: Weekday) -> &'static str {
        let i = day.num_days_from_monday() as usize;
        if self.nb() {
            WEEKDAYS_NB[i]
        } else {
            WEEKDAYS_EN[i]
        }
    }

    pub(super) fn month(&self, date: NaiveDate) -> &'static str {
        let i = date.month0() as usize;
        if self.nb() {
            MONTHS_NB[i]
        } else {
            MONTHS_EN[i]
        }
    }

    /// "7. november 2024" / "7 November 2024".
    pub(super) fn date(&self, date: NaiveDate) -> String {
        if self.nb() {
            format!("{}. {} {}", date.day(), self.month(date), date.year())
        } else {
            format!("{} {} {}", date.day(), self.month(date), date.year())
        }
    }

    /// "fredag 8. november 2024" / "Friday 8 November 2024".
    pub(super) fn weekday_date(&self, date: NaiveDate) -> String {
        format!("{} {}", self.weekday(date.weekday()), self.date(date))
    }

    /// "Torsdag 7. november, kl 12:00–13:00" / "Thursday 7 November,
    /// 12:00–13:00", as the seed writes it.
    pub(super) fn when(&self, m: &Meeting) -> String {
        let start = m.time.start_local();
        let end = m.time.end_local();
        let day = start.date();
        let hours = if end.date() == day {
            format!("{}–{}", start.format("%H:%M"), end.format("%H:%M"))
        } else {
            format!(
                "{}–{} {}",
                start.format("%H:%M"),
                self.date(end.date()),
                end.format("%H:%M")
            )
        };
        if self.nb() {
            format!(
                "{} {}. {}, kl {hours}",
                capitalised(self.weekday(day.weekday())),
                day.day(),
                self.month(day)
            )
        } else {
            format!(
                "{} {} {}, {hours}",
                self.weekday(day.weekday()),
                day.day(),
                self.month(day)
            )
        }
    }

    pub(super) fn numeric_date(&self, date: NaiveDate) -> String {
        if self.nb() {
            date.format("%d.%m.%Y").to_string()
        } else {
            date.format("%Y-%m-%d").to_string()
        }
    }

    pub(super) fn item(&self, number: &str, title: &str) -> String {
        format!(
            "{} {}. {}",
            self.pick("Sak", "Item"),
            number.trim(),
            title.trim()
        )
    }
}
