//! Dates and times between Python and the core, through Python's own
//! `datetime` calls (the stable ABI has no datetime structs).
//!
//! The zone's rules are the core's, never the host's `zoneinfo`: a meeting
//! time comes back with the offset the core computed (a fixed-offset
//! `datetime.timezone` named by the zone's abbreviation), so that Python,
//! Rust, C and the `.ics` agree on every instant on every machine.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use roundtable::Zone;

use crate::errors::to_py_err;

fn datetime_class<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
    py.import("datetime")?.getattr("datetime")
}

/// The wall-clock fields of a datetime, without its zone.
fn naive_fields(value: &Bound<'_, PyAny>) -> PyResult<NaiveDateTime> {
    let get = |name: &str| -> PyResult<u32> { value.getattr(name)?.extract() };
    let year: i32 = value.getattr("year")?.extract()?;
    let (hour, minute, second, micro) = (
        get("hour")?,
        get("minute")?,
        get("second")?,
        get("microsecond")?,
    );
    NaiveDate::from_ymd_opt(year, get("month")?, get("day")?)
        .and_then(|d| d.and_hms_micro_opt(hour, minute, second, micro))
        .ok_or_else(|| PyValueError::new_err("a date or time out of range"))
}

/// An aware datetime, checked: naive ones are refused.
fn aware<'py>(value: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = value.py();
    if !value.is_instance(&datetime_class(py)?)? {
        return Err(PyTypeError::new_err(format!(
            "expected a datetime.datetime, not {}",
            value.get_type().name()?
        )));
    }
    if value.call_method0("utcoffset")?.is_none() {
        return Err(PyTypeError::new_err(
            "a naive datetime has no time zone: give an aware one (tzinfo=zoneinfo.ZoneInfo(\"Europe/Oslo\"))",
        ));
    }
    Ok(value.clone())
}

/// The UTC instant of an aware datetime.
fn utc_of(value: &Bound<'_, PyAny>) -> PyResult<NaiveDateTime> {
    let py = value.py();
    let utc = py.import("datetime")?.getattr("timezone")?.getattr("utc")?;
    naive_fields(&value.call_method1("astimezone", (utc,))?)
}

/// A meeting time from two aware datetimes. With a `zoneinfo.ZoneInfo`
/// tzinfo the wall time is kept as written, in that zone (so a time the
/// zone skips or repeats is an error, not a silent shift); with another
/// tzinfo the instant is taken into `zone` (default Europe/Oslo).
pub(crate) fn meeting_time_from_py(
    start: &Bound<'_, PyAny>,
    end: &Bound<'_, PyAny>,
    zone: Option<&str>,
) -> PyResult<roundtable::MeetingTime> {
    let start = aware(start)?;
    let end = aware(end)?;
    let zone_of = |v: &Bound<'_, PyAny>| -> PyResult<Option<String>> {
        let tz = v.getattr("tzinfo")?;
        if tz.hasattr("key")? {
            Ok(Some(tz.getattr("key")?.extract()?))
        } else {
            Ok(None)
        }
    };
    let zone: Zone = match zone {
        Some(name) => roundtable::parse_zone(name).map_err(to_py_err)?,
        None => match zone_of(&start)? {
            Some(key) => roundtable::parse_zone(&key).map_err(to_py_err)?,
            None => roundtable::DEFAULT_ZONE,
        },
    };
    let local = |v: &Bound<'_, PyAny>| -> PyResult<NaiveDateTime> {
        if zone_of(v)?.as_deref() == Some(zone.name()) {
            naive_fields(v)
        } else {
            Ok(zone.at(utc_of(v)?.and_utc()).naive_local())
        }
    };
    roundtable::MeetingTime::new(local(&start)?, local(&end)?, zone).map_err(to_py_err)
}

/// The instant of a meeting time as an aware datetime: its wall time and
/// the offset the core's zone rules give it, with the zone's abbreviation
/// (`CET`, `CEST`) as the tzinfo's name.
pub(crate) fn zoned_to_py<'py>(
    py: Python<'py>,
    at: DateTime<FixedOffset>,
    zone: Zone,
) -> PyResult<Bound<'py, PyAny>> {
    use chrono::{Datelike, Timelike};
    let dt = py.import("datetime")?;
    let (_, name) = zone.daylight_at(at.naive_utc());
    let delta = dt
        .getattr("timedelta")?
        .call1((0, at.offset().local_minus_utc()))?;
    let tzinfo = if name.is_empty() {
        dt.getattr("timezone")?.call1((delta,))?
    } else {
        dt.getattr("timezone")?.call1((delta, name))?
    };
    datetime_class(py)?.call1((
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
        at.nanosecond() / 1000,
        tzinfo,
    ))
}

/// An instant with the offset it was given in.
pub(crate) fn instant_from_py(value: &Bound<'_, PyAny>) -> PyResult<DateTime<FixedOffset>> {
    let value = aware(value)?;
    let offset: f64 = value
        .call_method0("utcoffset")?
        .call_method0("total_seconds")?
        .extract()?;
    let offset = FixedOffset::east_opt(offset.round() as i32)
        .ok_or_else(|| PyValueError::new_err("a UTC offset out of range"))?;
    let instant = offset
        .from_local_datetime(&naive_fields(&value)?)
        .single()
        .ok_or_else(|| PyValueError::new_err("a time out of range"))?;
    // RFC 3339, and so the document, has offsets in whole minutes: an
    // offset with seconds (Oslo's +00:53:28 of 1894) would move the instant
    // when written, so such a time is kept as the same instant in UTC.
    Ok(if offset.local_minus_utc() % 60 == 0 {
        instant
    } else {
        instant.with_timezone(&FixedOffset::east_opt(0).unwrap_or(offset))
    })
}

pub(crate) fn instant_to_py<'py>(
    py: Python<'py>,
    t: DateTime<FixedOffset>,
) -> PyResult<Bound<'py, PyAny>> {
    use chrono::{Datelike, Timelike};
    let dt = py.import("datetime")?;
    let delta = dt
        .getattr("timedelta")?
        .call1((0, t.offset().local_minus_utc()))?;
    let tzinfo = dt.getattr("timezone")?.call1((delta,))?;
    datetime_class(py)?.call1((
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.nanosecond() / 1000,
        tzinfo,
    ))
}

/// A `datetime.date` (a datetime is refused: its time would be dropped).
pub(crate) fn date_from_py(value: &Bound<'_, PyAny>) -> PyResult<NaiveDate> {
    let py = value.py();
    let dt = py.import("datetime")?;
    if !value.is_instance(&dt.getattr("date")?)? || value.is_instance(&dt.getattr("datetime")?)? {
        return Err(PyTypeError::new_err(format!(
            "expected a datetime.date, not {}",
            value.get_type().name()?
        )));
    }
    let get = |name: &str| -> PyResult<u32> { value.getattr(name)?.extract() };
    NaiveDate::from_ymd_opt(
        value.getattr("year")?.extract()?,
        get("month")?,
        get("day")?,
    )
    .ok_or_else(|| PyValueError::new_err("a date out of range"))
}

pub(crate) fn date_to_py<'py>(py: Python<'py>, date: NaiveDate) -> PyResult<Bound<'py, PyAny>> {
    use chrono::Datelike;
    py.import("datetime")?
        .getattr("date")?
        .call1((date.year(), date.month(), date.day()))
}
