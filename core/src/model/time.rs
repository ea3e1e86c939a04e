//! Meeting times: local wall-clock times in an IANA time zone.
//!
//! A meeting is announced in local time ("kl 12:00–13:00"), so that is what is
//! stored; the instants are derived from it. A local time that the zone skips
//! (spring forward) or repeats (fall back) cannot be turned into one instant,
//! and guessing would put people in the wrong room at the wrong hour, so such
//! a time is refused when the [`MeetingTime`] is made.

use chrono::{DateTime, Duration, FixedOffset, LocalResult, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::zone::Zone;
use crate::error::{Error, ErrorKind, Result};

/// The zone a meeting is in when none is given.
pub const DEFAULT_ZONE: Zone = Zone::OSLO;

/// When a meeting takes place: start and end as local date-times in one IANA
/// time zone.
///
/// Both times are checked to exist exactly once in the zone, so
/// [`MeetingTime::start`] and [`MeetingTime::end`] always give one instant.
/// That the end comes after the start is *not* enforced here: it is a
/// validation finding (`meeting.time_order`), so that a document with that
/// mistake can still be loaded, shown and fixed.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use roundtable::{MeetingTime, Zone};
///
/// let day = NaiveDate::from_ymd_opt(2024, 11, 7).unwrap();
/// let time = MeetingTime::new(
///     day.and_hms_opt(12, 0, 0).unwrap(),
///     day.and_hms_opt(13, 0, 0).unwrap(),
///     Zone::OSLO,
/// )?;
/// assert_eq!(time.start().to_rfc3339(), "2024-11-07T12:00:00+01:00");
/// assert_eq!(time.duration().num_minutes(), 60);
/// # Ok::<(), roundtable::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawMeetingTime", into = "RawMeetingTime")]
pub struct MeetingTime {
    zone: Zone,
    start: NaiveDateTime,
    end: NaiveDateTime,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
struct RawMeetingTime {
    /// The IANA time zone; Europe/Oslo when absent.
    #[serde(default = "default_zone")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    zone: Zone,
    /// Local start, ISO 8601 without offset.
    #[cfg_attr(
        feature = "schema",
        schemars(
            with = "String",
            regex(pattern = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")
        )
    )]
    start: NaiveDateTime,
    /// Local end, ISO 8601 without offset.
    #[cfg_attr(
        feature = "schema",
        schemars(
            with = "String",
            regex(pattern = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")
        )
    )]
    end: NaiveDateTime,
}

fn default_zone() -> Zone {
    DEFAULT_ZONE
}

impl TryFrom<RawMeetingTime> for MeetingTime {
    type Error = Error;

    fn try_from(raw: RawMeetingTime) -> Result<Self> {
        MeetingTime::new(raw.start, raw.end, raw.zone)
    }
}

impl From<MeetingTime> for RawMeetingTime {
    fn from(t: MeetingTime) -> Self {
        RawMeetingTime {
            zone: t.zone,
            start: t.start,
            end: t.end,
        }
    }
}

impl MeetingTime {
    /// Makes a meeting time from local start and end in `zone`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NonexistentLocalTime`] when a time falls in a
    /// daylight-saving gap, [`ErrorKind::AmbiguousLocalTime`] when it happens
    /// twice, [`ErrorKind::DateOutOfRange`] for a year outside 1–9999.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use roundtable::{ErrorKind, MeetingTime, Zone};
    ///
    /// // Norway moved its clocks from 02:00 to 03:00 on 30 March 2025.
    /// let day = NaiveDate::from_ymd_opt(2025, 3, 30).unwrap();
    /// let err = MeetingTime::new(
    ///     day.and_hms_opt(2, 30, 0).unwrap(),
    ///     day.and_hms_opt(4, 0, 0).unwrap(),
    ///     Zone::OSLO,
    /// )
    /// .unwrap_err();
    /// assert!(matches!(err.kind(), ErrorKind::NonexistentLocalTime { field: "start", .. }));
    /// ```
    pub fn new(start: NaiveDateTime, end: NaiveDateTime, zone: Zone) -> Result<MeetingTime> {
        check_year("start", start.date())?;
        check_year("end", end.date())?;
        resolve(zone, start, "start")?;
        resolve(zone, end, "end")?;
        Ok(MeetingTime { zone, start, end })
    }

    /// Like [`MeetingTime::new`], with the zone given by its IANA name.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::UnknownTimeZone`] for a name that is not in the IANA
    /// database, and the errors of [`MeetingTime::new`].
    pub fn with_zone_name(start: NaiveDateTime, end: NaiveDateTime, zone: &str) -> Result<Self> {
        MeetingTime::new(start, end, parse_zone(zone)?)
    }

    /// The time zone.
    pub fn zone(&self) -> Zone {
        self.zone
    }

    /// The local start, as announced.
    pub fn start_local(&self) -> NaiveDateTime {
        self.start
    }

    /// The local end, as announced.
    pub fn end_local(&self) -> NaiveDateTime {
        self.end
    }

    /// The day the meeting starts, in its own zone.
    pub fn date(&self) -> NaiveDate {
        self.start.date()
    }

    /// The instant the meeting starts.
    pub fn start(&self) -> DateTime<FixedOffset> {
        single(self.zone, self.start)
    }

    /// The instant the meeting ends.
    pub fn end(&self) -> DateTime<FixedOffset> {
        single(self.zone, self.end)
    }

    /// End minus start, measured between instants (so a meeting across a
    /// daylight-saving change has its real length). Negative when the end is
    /// before the start.
    pub fn duration(&self) -> Duration {
        self.end() - self.start()
    }

    /// The first instant of `date` in this zone: the end of the day before.
    ///
    /// Where a zone skips midnight, the day starts at the first time that
    /// exists.
    pub fn start_of_day(&self, date: NaiveDate) -> DateTime<FixedOffset> {
        start_of_day(self.zone, date)
    }
}

/// The first year the model takes.
pub const MIN_YEAR: i32 = 1;
/// The last year the model takes: iCalendar and the JSON Schema's dates
/// have four-digit years, so later ones could not be written.
pub const MAX_YEAR: i32 = 9999;

/// Refuses a date outside [`MIN_YEAR`]–[`MAX_YEAR`]: every date of the model
/// is checked so, at load and in the constructors, so that no output and no
/// date arithmetic meets one.
pub(crate) fn check_year(field: &'static str, date: NaiveDate) -> Result<()> {
    use chrono::Datelike;
    if (MIN_YEAR..=MAX_YEAR).contains(&date.year()) {
        Ok(())
    } else {
        Err(Error::new(ErrorKind::DateOutOfRange {
            field,
            value: date.to_string(),
        }))
    }
}

/// Serde readers of the model's dates that refuse years outside
/// [`MIN_YEAR`]–[`MAX_YEAR`] where they are read, so that the error has the
/// field's path and position.
pub(crate) mod bounded {
    use chrono::{DateTime, FixedOffset, NaiveDate};
    use serde::{Deserialize, Deserializer};

    fn check<E: serde::de::Error>(date: NaiveDate) -> Result<(), E> {
        super::check_year("date", date).map_err(|_| {
            E::custom(format_args!(
                "the date {date} is out of range: expected a year from {} to {}",
                super::MIN_YEAR,
                super::MAX_YEAR
            ))
        })
    }

    pub(crate) fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let date = NaiveDate::deserialize(d)?;
        check(date)?;
        Ok(date)
    }

    pub(crate) fn opt_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        let date = Option::<NaiveDate>::deserialize(d)?;
        if let Some(date) = date {
            check(date)?;
        }
        Ok(date)
    }

    pub(crate) fn opt_instant<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
        let instant = Option::<DateTime<FixedOffset>>::deserialize(d)?;
        if let Some(instant) = instant {
            check(instant.naive_utc().date())?;
            check(instant.naive_local().date())?;
        }
        Ok(instant)
    }
}

/// Parses an IANA zone name.
///
/// # Errors
///
/// [`ErrorKind::UnknownTimeZone`] when the name is not in the database.
pub fn parse_zone(name: &str) -> Result<Zone> {
    Zone::get(name)
}

fn resolve(zone: Zone, local: NaiveDateTime, field: &'static str) -> Result<DateTime<FixedOffset>> {
    match zone.from_local(local) {
        LocalResult::Single(t) => Ok(t),
        LocalResult::None => Err(Error::new(ErrorKind::NonexistentLocalTime {
            field,
            local,
            zone: zone.name().to_owned(),
        })),
        LocalResult::Ambiguous(earlier, later) => Err(Error::new(ErrorKind::AmbiguousLocalTime {
            field,
            local,
            zone: zone.name().to_owned(),
            earlier,
            later,
        })),
    }
}

/// Resolves a local time already checked by [`MeetingTime::new`].
fn single(zone: Zone, local: NaiveDateTime) -> DateTime<FixedOffset> {
    match zone.from_local(local) {
        LocalResult::Single(t) => t,
        // Unreachable for a checked MeetingTime; taking the earlier instant
        // keeps this total instead of panicking should the zone data differ.
        LocalResult::Ambiguous(a, _) => a,
        LocalResult::None => local.and_utc().with_timezone(&zone.offset_at(local)),
    }
}

pub(crate) fn start_of_day(zone: Zone, date: NaiveDate) -> DateTime<FixedOffset> {
    let midnight = date.and_time(chrono::NaiveTime::MIN);
    // Zones that skip midnight skip at most a few hours; walk forward to the
    // first local time that exists.
    (0..=24 * 4)
        .filter_map(|q| midnight.checked_add_signed(Duration::minutes(15 * q)))
        .find_map(|t| zone.from_local(t).earliest())
        .unwrap_or_else(|| midnight.and_utc().with_timezone(&zone.offset_at(midnight)))
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for MeetingTime {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "MeetingTime".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        RawMeetingTime::json_schema(generator)
    }
}
