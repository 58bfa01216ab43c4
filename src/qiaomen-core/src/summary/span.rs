//! The spans the running totals of the summary can cover, each ending on the report's day:
//! the day itself, the month, the quarter or the calendar year so far (the default).

use serde::{Deserialize, Serialize};

use crate::day::Date;
use crate::error::{Error, Result};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Span {
    Day,
    Month,
    Quarter,
    #[default]
    Year,
}

impl Span {
    pub const ALL: [Span; 4] = [Span::Day, Span::Month, Span::Quarter, Span::Year];

    pub fn code(self) -> &'static str {
        match self {
            Span::Day => "day",
            Span::Month => "month",
            Span::Quarter => "quarter",
            Span::Year => "year",
        }
    }

    /// The span after this one, wrapping (the summary pane's key).
    #[must_use]
    pub fn next(self) -> Span {
        let i = Self::ALL.iter().position(|s| *s == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }

    /// The first and last day of the span that ends on `date`.
    pub fn range(self, date: Date) -> (Date, Date) {
        let first = |month: u8, day: u8| {
            Date::from_ymd(date.year(), month, day).expect("the first of a month exists")
        };
        let from = match self {
            Span::Day => date,
            Span::Month => first(date.month(), 1),
            Span::Quarter => first((date.month() - 1) / 3 * 3 + 1, 1),
            Span::Year => first(1, 1),
        };
        (from, date)
    }
}

impl std::str::FromStr for Span {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|k| k.code().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                Error::invalid(
                    "period",
                    crate::reason::Reason::Expected(crate::reason::Shape::Period),
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn spans_end_on_the_day_and_start_on_their_first_day() {
        let day = d("2026-12-01");
        assert_eq!(Span::Day.range(day), (day, day));
        assert_eq!(Span::Month.range(day), (day, day));
        assert_eq!(Span::Quarter.range(day), (d("2026-10-01"), day));
        assert_eq!(Span::Year.range(day), (d("2026-01-01"), day));
        assert_eq!(Span::Quarter.range(d("2026-03-31")).0, d("2026-01-01"));
        assert_eq!(Span::Quarter.range(d("2026-04-01")).0, d("2026-04-01"));
        assert_eq!(Span::Month.range(d("2026-11-30")).0, d("2026-11-01"));
        assert_eq!(Span::default(), Span::Year);
        assert_eq!(Span::Year.next(), Span::Day);
        assert_eq!("Quarter".parse::<Span>().unwrap(), Span::Quarter);
        assert!("week".parse::<Span>().is_err());
    }
}
