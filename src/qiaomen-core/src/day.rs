//! Calendar days and clock times in the community's own time zone.
//!
//! Domain code never reads the clock: callers pass `today` and `now` in, computed from the
//! community's configured UTC offset (a server without `TZ` would otherwise say +00:00).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::{Duration, Month, OffsetDateTime, UtcOffset};

use crate::error::{Error, Result};

/// A calendar day. Stored as a Julian day number (compact and sortable); written in JSON and
/// shown to people as `YYYY-MM-DD`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(time::Date);

impl Date {
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Result<Self> {
        let month = Month::try_from(month)
            .map_err(|_| Error::invalid("date", crate::reason::Reason::NoSuchMonth))?;
        time::Date::from_calendar_date(year, month, day)
            .map(Date)
            .map_err(|_| Error::invalid("date", crate::reason::Reason::NoSuchDay))
    }

    /// Parses `YYYY-MM-DD` (also `YYYY-M-D` and `YYYY/MM/DD`), rejecting days that do not exist.
    pub fn parse(text: &str) -> Result<Self> {
        let bad = || {
            Error::invalid(
                "date",
                crate::reason::Reason::Expected(crate::reason::Shape::Date),
            )
        };
        let parts: Vec<&str> = text.trim().split(['-', '/']).collect();
        let [y, m, d] = parts.as_slice() else {
            return Err(bad());
        };
        let y: i32 = y.parse().map_err(|_| bad())?;
        let m: u8 = m.parse().map_err(|_| bad())?;
        let d: u8 = d.parse().map_err(|_| bad())?;
        if !(1900..=2200).contains(&y) {
            return Err(Error::invalid(
                "date",
                crate::reason::Reason::YearOutOfRange,
            ));
        }
        Self::from_ymd(y, m, d)
    }

    pub fn from_julian(day: i32) -> Result<Self> {
        time::Date::from_julian_day(day)
            .map(Date)
            .map_err(|_| Error::invalid("date", crate::reason::Reason::OutOfRange))
    }

    pub fn julian(self) -> i32 {
        self.0.to_julian_day()
    }

    /// Key bytes: the Julian day as big-endian `u32` (always positive for real dates), so keys
    /// sort by day.
    pub fn key(self) -> [u8; 4] {
        (self.julian() as u32).to_be_bytes()
    }

    pub fn from_key(bytes: [u8; 4]) -> Result<Self> {
        Self::from_julian(u32::from_be_bytes(bytes) as i32)
    }

    #[must_use]
    pub fn add_days(self, days: i64) -> Self {
        Date(self.0.saturating_add(Duration::days(days)))
    }

    pub fn days_since(self, earlier: Date) -> i64 {
        i64::from(self.julian() - earlier.julian())
    }

    pub fn year(self) -> i32 {
        self.0.year()
    }

    pub fn month(self) -> u8 {
        self.0.month() as u8
    }

    pub fn day(self) -> u8 {
        self.0.day()
    }

    /// 1 = Monday … 7 = Sunday.
    pub fn weekday(self) -> u8 {
        self.0.weekday().number_from_monday()
    }

    /// The ISO week (year, week number) the day falls in.
    pub fn iso_week(self) -> (i32, u8) {
        let (year, week, _) = self.0.to_iso_week_date();
        (year, week)
    }

    /// Whole years of age on `self` for someone born on `birth`.
    pub fn years_since(self, birth: Date) -> i32 {
        let mut years = self.year() - birth.year();
        if (self.month(), self.day()) < (birth.month(), birth.day()) {
            years -= 1;
        }
        years
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.year(),
            self.month(),
            self.day()
        )
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.collect_str(self)
        } else {
            s.serialize_i32(self.julian())
        }
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        use serde::de::Error as _;
        if d.is_human_readable() {
            let text = String::deserialize(d)?;
            Date::parse(&text).map_err(|e| D::Error::custom(e.to_string()))
        } else {
            let day = i32::deserialize(d)?;
            Date::from_julian(day).map_err(|e| D::Error::custom(e.to_string()))
        }
    }
}

/// A time of day to the minute, `HH:MM`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ClockTime(u16);

impl ClockTime {
    pub fn new(hour: u8, minute: u8) -> Result<Self> {
        if hour > 23 || minute > 59 {
            return Err(Error::invalid(
                "time",
                crate::reason::Reason::Expected(crate::reason::Shape::TimeOfDay),
            ));
        }
        Ok(ClockTime(u16::from(hour) * 60 + u16::from(minute)))
    }

    pub fn parse(text: &str) -> Result<Self> {
        let bad = || {
            Error::invalid(
                "time",
                crate::reason::Reason::Expected(crate::reason::Shape::Time),
            )
        };
        let (h, m) = text.trim().split_once(':').ok_or_else(bad)?;
        let h: u8 = h.parse().map_err(|_| bad())?;
        let m: u8 = m.parse().map_err(|_| bad())?;
        Self::new(h, m)
    }

    pub fn minutes(self) -> u16 {
        self.0
    }

    pub fn from_minutes(minutes: u16) -> Result<Self> {
        if minutes >= 24 * 60 {
            return Err(Error::invalid("time", crate::reason::Reason::OutOfRange));
        }
        Ok(ClockTime(minutes))
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl fmt::Debug for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl Serialize for ClockTime {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.collect_str(self)
        } else {
            s.serialize_u16(self.0)
        }
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        use serde::de::Error as _;
        if d.is_human_readable() {
            let text = String::deserialize(d)?;
            ClockTime::parse(&text).map_err(|e| D::Error::custom(e.to_string()))
        } else {
            ClockTime::from_minutes(u16::deserialize(d)?)
                .map_err(|e| D::Error::custom(e.to_string()))
        }
    }
}

/// The moment a command is applied, as the community sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Now {
    pub unix: i64,
    pub date: Date,
    pub time: ClockTime,
}

impl Now {
    /// Converts a Unix time to the community's local day and time.
    pub fn at(unix: i64, offset_minutes: i16) -> Result<Self> {
        let offset = UtcOffset::from_whole_seconds(i32::from(offset_minutes) * 60)
            .map_err(|_| Error::invalid("utc_offset", crate::reason::Reason::OutOfRange))?;
        let local = OffsetDateTime::from_unix_timestamp(unix)
            .map_err(|_| Error::invalid("time", crate::reason::Reason::OutOfRange))?
            .to_offset(offset);
        Ok(Now {
            unix,
            date: Date(local.date()),
            time: ClockTime(u16::from(local.hour()) * 60 + u16::from(local.minute())),
        })
    }

    /// The Unix time of a local day and time (for tests and for `QIAOMEN_NOW`).
    pub fn local(date: Date, time: ClockTime, offset_minutes: i16) -> Self {
        let midnight = date.0.midnight().assume_utc().unix_timestamp();
        let unix = midnight + i64::from(time.0) * 60 - i64::from(offset_minutes) * 60;
        Now { unix, date, time }
    }
}

/// Parses a UTC offset written `+08:00`, `-05:30` or `+8`, into minutes.
pub fn parse_offset(text: &str) -> Result<i16> {
    let bad = || {
        Error::invalid(
            "utc_offset",
            crate::reason::Reason::Expected(crate::reason::Shape::UtcOffset),
        )
    };
    let text = text.trim();
    let (sign, rest) = match text.as_bytes().first() {
        Some(b'+') => (1, &text[1..]),
        Some(b'-') => (-1, &text[1..]),
        _ => return Err(bad()),
    };
    let (h, m) = rest.split_once(':').unwrap_or((rest, "0"));
    let h: i16 = h.parse().map_err(|_| bad())?;
    let m: i16 = m.parse().map_err(|_| bad())?;
    if h > 14 || m > 59 {
        return Err(bad());
    }
    Ok(sign * (h * 60 + m))
}

pub fn format_offset(minutes: i16) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let m = minutes.unsigned_abs();
    format!("{sign}{:02}:{:02}", m / 60, m % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects_dates() {
        assert_eq!(Date::parse("2026-11-30").unwrap().to_string(), "2026-11-30");
        assert_eq!(Date::parse("2026/1/5").unwrap().to_string(), "2026-01-05");
        assert!(Date::parse("2026-02-30").is_err());
        assert!(Date::parse("2026-13-01").is_err());
        assert!(Date::parse("yesterday").is_err());
    }

    #[test]
    fn local_day_follows_the_configured_offset_not_the_server() {
        // 2026-11-29 17:30 UTC is already 2026-11-30 01:30 in Changsha.
        let unix = 1_795_973_400;
        let utc = Now::at(unix, 0).unwrap();
        let cst = Now::at(unix, 480).unwrap();
        assert_eq!(utc.date.to_string(), "2026-11-29");
        assert_eq!(cst.date.to_string(), "2026-11-30");
        assert_eq!(cst.time.to_string(), "01:30");
        assert_eq!(Now::local(cst.date, cst.time, 480).unix, unix);
    }

    #[test]
    fn keys_sort_by_day() {
        let a = Date::parse("2025-12-31").unwrap();
        let b = Date::parse("2026-01-01").unwrap();
        assert!(a.key() < b.key());
        assert_eq!(Date::from_key(b.key()).unwrap(), b);
    }

    #[test]
    fn ages_count_birthdays() {
        let today = Date::parse("2026-11-30").unwrap();
        assert_eq!(today.years_since(Date::parse("1940-12-01").unwrap()), 85);
        assert_eq!(today.years_since(Date::parse("1940-11-30").unwrap()), 86);
    }

    #[test]
    fn offsets() {
        assert_eq!(parse_offset("+08:00").unwrap(), 480);
        assert_eq!(parse_offset("-05:30").unwrap(), -330);
        assert_eq!(format_offset(480), "+08:00");
        assert!(parse_offset("8").is_err());
    }
}
