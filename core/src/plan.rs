//! A body's meeting plan for a year, and the Norwegian public holidays it
//! must keep clear of.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::codes::Code;
use crate::error::Result;
use crate::ics::{calendar, IcsOptions};
use crate::model::meeting::{Meeting, MeetingRef};
use crate::model::time::MeetingTime;
use crate::validate::Report;

/// Easter Sunday of `year` in the Gregorian calendar (the anonymous
/// Gregorian algorithm, also known as Meeus/Jones/Butcher).
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// assert_eq!(roundtable::easter(2025), NaiveDate::from_ymd_opt(2025, 4, 20).unwrap());
/// ```
pub fn easter(year: i32) -> NaiveDate {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).unwrap_or(NaiveDate::MIN)
}

/// A Norwegian public holiday (helligdag or offisiell høytidsdag).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Holiday {
    /// The day.
    pub date: NaiveDate,
    /// Its name in Norwegian bokmål ("Kristi himmelfartsdag").
    pub name_nb: &'static str,
    /// Its name in English ("Ascension Day").
    pub name_en: &'static str,
}

/// The Norwegian public holidays of `year`, in date order: New Year's Day,
/// Maundy Thursday, Good Friday, Easter Sunday and Monday, 1 May, 17 May,
/// Ascension Day, Whit Sunday and Monday, Christmas Day and Boxing Day. The
/// movable ones are computed from Easter. Empty for a year outside
/// 1–9999, the years the model takes.
pub fn norwegian_holidays(year: i32) -> Vec<Holiday> {
    if !(crate::model::time::MIN_YEAR..=crate::model::time::MAX_YEAR).contains(&year) {
        return Vec::new();
    }
    let e = easter(year);
    let fixed = |month, day| NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN);
    let mut days = vec![
        (fixed(1, 1), "Nyttårsdag", "New Year's Day"),
        (e - Duration::days(3), "Skjærtorsdag", "Maundy Thursday"),
        (e - Duration::days(2), "Langfredag", "Good Friday"),
        (e, "Første påskedag", "Easter Sunday"),
        (e + Duration::days(1), "Andre påskedag", "Easter Monday"),
        (fixed(5, 1), "Arbeidernes dag", "Labour Day"),
        (fixed(5, 17), "Grunnlovsdag", "Constitution Day"),
        (
            e + Duration::days(39),
            "Kristi himmelfartsdag",
            "Ascension Day",
        ),
        (e + Duration::days(49), "Første pinsedag", "Whit Sunday"),
        (e + Duration::days(50), "Andre pinsedag", "Whit Monday"),
        (fixed(12, 25), "Første juledag", "Christmas Day"),
        (fixed(12, 26), "Andre juledag", "Boxing Day"),
    ];
    days.sort_by_key(|(d, _, _)| *d);
    days.into_iter()
        .map(|(date, name_nb, name_en)| Holiday {
            date,
            name_nb,
            name_en,
        })
        .collect()
}

/// The holiday on `date`, if it is one.
pub fn norwegian_holiday(date: NaiveDate) -> Option<Holiday> {
    norwegian_holidays(date.year())
        .into_iter()
        .find(|h| h.date == date)
}

/// A body's series of meetings, such as the seed's proposed plan for 2025.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingPlan {
    /// The meetings, in date order, each linked to the one before.
    pub meetings: Vec<Meeting>,
}

impl MeetingPlan {
    /// A plan of meetings on `dates`, each like `template` (body, organiser,
    /// title, time of day and length, zone, location, roster) with its own
    /// id (`<template id>-<date>`), no agenda and no contributions, and its
    /// previous meeting set to the one before it in the plan.
    ///
    /// # Errors
    ///
    /// The errors of [`MeetingTime::new`] when the template's time of day
    /// does not exist, or exists twice, on one of the dates.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use roundtable::{Meeting, MeetingPlan};
    ///
    /// let seed = Meeting::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/seed-meeting.json"))?;
    /// let day = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
    /// let plan = MeetingPlan::build(&seed, &[day(2, 6), day(5, 29), day(9, 11)])?;
    /// let report = plan.validate();
    /// // 29 May 2025 is Ascension Day.
    /// assert!(report.findings()[0].message.contains("Kristi himmelfartsdag"));
    /// # Ok::<(), roundtable::Error>(())
    /// ```
    pub fn build(template: &Meeting, dates: &[NaiveDate]) -> Result<MeetingPlan> {
        let mut sorted = dates.to_vec();
        sorted.sort();
        let zone = template.time.zone();
        let start = template.time.start_local();
        let length = template.time.end_local() - start;
        let mut meetings: Vec<Meeting> = Vec::with_capacity(sorted.len());
        for date in sorted {
            let local = date.and_time(start.time());
            // A template longer than the years left after `date` has no end.
            let end = local.checked_add_signed(length).ok_or_else(|| {
                crate::Error::new(crate::ErrorKind::DateOutOfRange {
                    field: "end",
                    value: format!("{date} + {} days", length.num_days()),
                })
            })?;
            let time = MeetingTime::new(local, end, zone)?;
            let mut m = template.clone();
            m.id = format!("{}-{date}", template.id.trim());
            m.number = None;
            m.time = time;
            m.notice = None;
            m.agenda.clear();
            m.contributions.clear();
            m.previous_meeting = meetings.last().map(|p: &Meeting| MeetingRef {
                id: Some(p.id.clone()),
                date: Some(p.time.date()),
            });
            meetings.push(m);
        }
        Ok(MeetingPlan { meetings })
    }

    /// The meeting before meeting `index`, found through its
    /// `previous_meeting` link (by id, else by date).
    pub fn previous_of(&self, index: usize) -> Option<&Meeting> {
        let link = self.meetings.get(index)?.previous_meeting.as_ref()?;
        self.meetings.iter().find(|m| match (&link.id, link.date) {
            (Some(id), _) => &m.id == id,
            (None, Some(date)) => m.time.date() == date,
            (None, None) => false,
        })
    }

    /// Checks the plan: two meetings on one day (`plan.same_day`), a
    /// meeting on a weekend (`plan.weekend`) or a Norwegian public holiday
    /// (`plan.public_holiday`, naming it). Paths are `meetings[i].time`.
    pub fn validate(&self) -> Report {
        let mut report = Report::default();
        for (i, m) in self.meetings.iter().enumerate() {
            let date = m.time.date();
            let path = format!("meetings[{i}].time");
            if let Some(first) = self.meetings[..i]
                .iter()
                .position(|o| o.time.date() == date)
            {
                report.push(
                    Code::PlanSameDay,
                    path.clone(),
                    format!("meetings[{i}] is on {date}, the same day as meetings[{first}]"),
                );
            }
            if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
                report.push(
                    Code::PlanWeekend,
                    path.clone(),
                    format!("meetings[{i}] is on {date}, a {}", date.format("%A")),
                );
            }
            if let Some(h) = norwegian_holiday(date) {
                report.push(
                    Code::PlanPublicHoliday,
                    path,
                    format!("meetings[{i}] is on {date}, {} ({})", h.name_nb, h.name_en),
                );
            }
        }
        report
    }

    /// All the plan's meetings as one calendar file.
    ///
    /// # Errors
    ///
    /// As [`Meeting::to_ics`].
    pub fn to_ics(&self, options: &IcsOptions) -> Result<String> {
        let all: Vec<&Meeting> = self.meetings.iter().collect();
        calendar(&all, options)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn easter_in_known_years() {
        for (y, m, d) in [
            (1818, 3, 22),
            (1943, 4, 25),
            (2000, 4, 23),
            (2008, 3, 23),
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2038, 4, 25),
            (2285, 3, 22),
        ] {
            assert_eq!(easter(y), date(y, m, d), "{y}");
        }
    }

    #[test]
    fn the_holidays_of_2025() {
        let days: Vec<(NaiveDate, &str)> = norwegian_holidays(2025)
            .into_iter()
            .map(|h| (h.date, h.name_en))
            .collect();
        assert_eq!(
            days,
            [
                (date(2025, 1, 1), "New Year's Day"),
                (date(2025, 4, 17), "Maundy Thursday"),
                (date(2025, 4, 18), "Good Friday"),
                (date(2025, 4, 20), "Easter Sunday"),
                (date(2025, 4, 21), "Easter Monday"),
                (date(2025, 5, 1), "Labour Day"),
                (date(2025, 5, 17), "Constitution Day"),
                (date(2025, 5, 29), "Ascension Day"),
                (date(2025, 6, 8), "Whit Sunday"),
                (date(2025, 6, 9), "Whit Monday"),
                (date(2025, 12, 25), "Christmas Day"),
                (date(2025, 12, 26), "Boxing Day"),
            ]
        );
        // 2024: Ascension Day fell on 9 May, Whit Monday on 20 May.
        assert_eq!(
            norwegian_holiday(date(2024, 5, 9)).unwrap().name_nb,
            "Kristi himmelfartsdag"
        );
        assert_eq!(
            norwegian_holiday(date(2024, 5, 20)).unwrap().name_nb,
            "Andre pinsedag"
        );
        assert_eq!(norwegian_holiday(date(2024, 5, 21)), None);
    }
}
