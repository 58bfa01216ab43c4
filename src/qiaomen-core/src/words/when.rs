//! The one weekday and month table.

use super::Lang;

const WEEKDAYS: [(&str, &str); 7] = [
    ("周一", "Mon"),
    ("周二", "Tue"),
    ("周三", "Wed"),
    ("周四", "Thu"),
    ("周五", "Fri"),
    ("周六", "Sat"),
    ("周日", "Sun"),
];

const MONTHS: [(&str, &str); 12] = [
    ("1", "Jan"),
    ("2", "Feb"),
    ("3", "Mar"),
    ("4", "Apr"),
    ("5", "May"),
    ("6", "Jun"),
    ("7", "Jul"),
    ("8", "Aug"),
    ("9", "Sep"),
    ("10", "Oct"),
    ("11", "Nov"),
    ("12", "Dec"),
];

fn pick(lang: Lang, (zh, en): (&'static str, &'static str)) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// A weekday by its number from Monday (1–7; out of range is clamped).
pub fn weekday(lang: Lang, n: u8) -> &'static str {
    pick(lang, WEEKDAYS[usize::from(n.clamp(1, 7) - 1)])
}

/// A month by its number (1–12; out of range is clamped): `11` in Chinese (before 月),
/// `Nov` in English.
pub fn month(lang: Lang, n: u8) -> &'static str {
    pick(lang, MONTHS[usize::from(n.clamp(1, 12) - 1)])
}
