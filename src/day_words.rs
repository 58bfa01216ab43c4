//! Days in words, so that nobody mistakes which day they are on: `11-30（昨天）`,
//! `Mon 30 Nov (yesterday)`; and the date rules of the core (`qiaomen_core::dates`) as one
//! sentence each.

use qiaomen_core::Date;
use qiaomen_core::dates::DateRule;

use crate::i18n::{Lang, T};

/// How far `day` is from `today`, in words: today, yesterday, 3 days ago, tomorrow…
pub fn relative(lang: Lang, day: Date, today: Date) -> String {
    match day.days_since(today) {
        0 => lang.t(T::DayToday).to_owned(),
        -1 => lang.t(T::DayYesterday).to_owned(),
        -2 => lang.t(T::DayBeforeYesterday).to_owned(),
        1 => lang.t(T::DayTomorrow).to_owned(),
        n if n < 0 => lang.fill(T::DaysAgo, &[&-n]),
        n => lang.fill(T::DaysAhead, &[&n]),
    }
}

/// The day alone, short: `11-30` in Chinese, `Mon 30 Nov` in English.
pub fn short(lang: Lang, day: Date) -> String {
    match lang {
        Lang::Zh => format!("{:02}-{:02}", day.month(), day.day()),
        Lang::En => {
            let month = qiaomen_core::words::month(lang.words(), day.month());
            format!("{} {} {month}", lang.weekday(day.weekday()), day.day())
        }
    }
}

/// The day with how far it is from today: `11-30（昨天）`, `Mon 30 Nov (yesterday)`.
pub fn with_words(lang: Lang, day: Date, today: Date) -> String {
    lang.fill(
        T::DayWithWords,
        &[&short(lang, day), &relative(lang, day, today)],
    )
}

/// A date rule's refusal as one sentence.
pub fn rule(lang: Lang, rule: DateRule) -> String {
    match rule {
        DateRule::MarkOnFutureDay { date, today } => lang.fill(
            T::ErrMarkFutureDay,
            &[&with_words(lang, date, today), &today],
        ),
        DateRule::MarkLaterToday { time, now } => lang.fill(T::ErrMarkLaterToday, &[&time, &now]),
        DateRule::FollowUpInPast { due, today } => {
            lang.fill(T::ErrFollowUpPast, &[&with_words(lang, due, today), &today])
        }
        DateRule::RecordOnFutureDay { date, today } => lang.fill(
            T::ErrRecordFutureDay,
            &[&with_words(lang, date, today), &today],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn days_say_how_far_they_are_from_today() {
        let today = d("2026-12-01");
        assert_eq!(
            with_words(Lang::Zh, d("2026-11-30"), today),
            "11-30（昨天）"
        );
        assert_eq!(
            with_words(Lang::En, d("2026-11-30"), today),
            "Mon 30 Nov (yesterday)"
        );
        assert_eq!(relative(Lang::Zh, d("2026-11-26"), today), "5 天前");
        assert_eq!(relative(Lang::En, d("2026-12-02"), today), "tomorrow");
        assert_eq!(relative(Lang::En, today, today), "today");
    }
}
