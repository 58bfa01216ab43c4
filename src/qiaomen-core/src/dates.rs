//! Dates that cannot be wrong by accident: the one parser for a date a person types, and the
//! rules that refuse a mark on a day (or at a time) not yet come and a follow-up already past.
//!
//! The rules take the clock as an argument. They are checked when a command is admitted
//! (`Store::admit`), on the server as in direct mode, and not when a journal is replayed: an
//! older journal may hold a mark made before these rules existed.

use serde::{Deserialize, Serialize};

use crate::command::Command;
use crate::day::{ClockTime, Date, Now};
use crate::error::{Error, Result};

/// Why a date or time given with a command is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DateRule {
    /// A check-in on a day after today.
    MarkOnFutureDay { date: Date, today: Date },
    /// A check-in today at a time that has not come yet.
    MarkLaterToday { time: ClockTime, now: ClockTime },
    /// A follow-up due before today.
    FollowUpInPast { due: Date, today: Date },
    /// A register record (agreement, pledge, fund entry, visit) dated after today: it is
    /// recorded once it has happened.
    RecordOnFutureDay { date: Date, today: Date },
}

/// A mark (check-in) may be on today up to the current minute, or on any earlier day.
pub fn check_mark(date: Date, time: ClockTime, now: Now) -> Result<(), DateRule> {
    if date > now.date {
        return Err(DateRule::MarkOnFutureDay {
            date,
            today: now.date,
        });
    }
    if date == now.date && time > now.time {
        return Err(DateRule::MarkLaterToday {
            time,
            now: now.time,
        });
    }
    Ok(())
}

/// A follow-up is due today or later.
pub fn check_follow_up(due: Date, today: Date) -> Result<(), DateRule> {
    if due < today {
        return Err(DateRule::FollowUpInPast { due, today });
    }
    Ok(())
}

/// The date rules a new command must pass, on the clock of whoever applies it.
pub fn admit(command: &Command, now: Now) -> Result<()> {
    let checked = match command {
        Command::CheckIn(c) => check_mark(c.date, c.time, now),
        // A ladder step is a mark too (the CLI's `checkin` and the roll call's `e` send one).
        Command::LadderStep { checkin, case } => check_mark(checkin.date, checkin.time, now)
            .and_then(|()| {
                case.follow_up
                    .map_or(Ok(()), |due| check_follow_up(due, now.date))
            }),
        Command::OpenCase(new) => new
            .follow_up
            .map_or(Ok(()), |due| check_follow_up(due, now.date)),
        Command::SetFollowUp { due, .. } => check_follow_up(*due, now.date),
        Command::CaseWork(crate::casework::CaseWorkCommand::Open { case, .. }) => case
            .follow_up
            .map_or(Ok(()), |due| check_follow_up(due, now.date)),
        Command::CaseWork(c) => match c.dated() {
            Some(date) if date > now.date => Err(DateRule::RecordOnFutureDay {
                date,
                today: now.date,
            }),
            _ => Ok(()),
        },
        _ => Ok(()),
    };
    checked.map_err(Error::Date)
}

/// Parses a date as people type it: `2026-12-02`, `2026/12/2`, `2026.12.2`, `2026年12月2日`,
/// and without the year `12-02`, `12/2`, `12.2`, `12月2日` (`12月2号`), which are read as
/// days of `today`'s year. Days that do not exist are refused.
pub fn parse_typed(text: &str, today: Date) -> Result<Date> {
    let bad = || {
        Error::invalid(
            "date",
            crate::reason::Reason::Expected(crate::reason::Shape::DateOrMonthDay),
        )
    };
    let trimmed = text.trim();
    let plain = trimmed
        .trim_end_matches(['日', '号'])
        .replace(['年', '月', '/', '.'], "-");
    let parts: Vec<&str> = plain.split('-').collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(bad());
    }
    match parts.as_slice() {
        [_, _, _] => Date::parse(&plain),
        [m, d] => {
            let m: u8 = m.parse().map_err(|_| bad())?;
            let d: u8 = d.parse().map_err(|_| bad())?;
            Date::from_ymd(today.year(), m, d)
        }
        _ => Err(bad()),
    }
}

/// An optional typed date: empty is `None`.
pub fn parse_typed_opt(text: &str, today: Date) -> Result<Option<Date>> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        parse_typed(text, today).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn now() -> Now {
        Now::local(d("2026-12-01"), ClockTime::new(9, 40).unwrap(), 480)
    }

    #[test]
    fn year_less_dates_are_this_year() {
        let today = d("2026-12-01");
        for text in [
            "12-02",
            "12/2",
            "12.2",
            "12月2日",
            "12月2号",
            " 12-2 ",
            "2026年12月2日",
        ] {
            assert_eq!(parse_typed(text, today).unwrap(), d("2026-12-02"), "{text}");
        }
        assert_eq!(parse_typed("1-5", today).unwrap(), d("2026-01-05"));
        assert_eq!(parse_typed("2027/1/5", today).unwrap(), d("2027-01-05"));
        assert_eq!(parse_typed("2026.1.5", today).unwrap(), d("2026-01-05"));
        for bad in [
            "", "12", "2-30", "13-01", "12--2", "1-2-3-4", "tomorrow", "12-x", "-12-2",
        ] {
            assert!(parse_typed(bad, today).is_err(), "{bad}");
        }
        assert_eq!(parse_typed_opt(" ", today).unwrap(), None);
    }

    #[test]
    fn marks_wait_for_their_day_and_minute() {
        let n = now();
        assert!(check_mark(d("2026-12-01"), ClockTime::new(9, 40).unwrap(), n).is_ok());
        assert!(check_mark(d("2026-11-30"), ClockTime::new(23, 59).unwrap(), n).is_ok());
        assert_eq!(
            check_mark(d("2026-12-01"), ClockTime::new(9, 41).unwrap(), n),
            Err(DateRule::MarkLaterToday {
                time: ClockTime::new(9, 41).unwrap(),
                now: ClockTime::new(9, 40).unwrap()
            })
        );
        assert_eq!(
            check_mark(d("2026-12-02"), ClockTime::new(8, 0).unwrap(), n),
            Err(DateRule::MarkOnFutureDay {
                date: d("2026-12-02"),
                today: d("2026-12-01")
            })
        );
    }

    #[test]
    fn follow_ups_are_today_or_later() {
        let today = d("2026-12-01");
        assert!(check_follow_up(today, today).is_ok());
        assert!(check_follow_up(d("2026-12-08"), today).is_ok());
        assert_eq!(
            check_follow_up(d("2026-11-30"), today),
            Err(DateRule::FollowUpInPast {
                due: d("2026-11-30"),
                today
            })
        );
    }
}
