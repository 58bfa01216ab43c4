//! The summary as rows for a spreadsheet: one row per elder on the day's roll. The app
//! writes them with its one CSV writer (`sheet::write_csv`: RFC 4180, CRLF, a byte-order mark,
//! formula text neutralised), the same as every other export. Header and values are codes,
//! the same in every language, so scripts can rely on them.

use super::Summary;

pub const HEADER: [&str; 11] = [
    "date",
    "grid",
    "elder_id",
    "name",
    "status",
    "outcome",
    "attempts",
    "last_time",
    "by",
    "method",
    "note",
];

/// One cell of a row: its text, and whether people typed it (a name, a note), which a
/// spreadsheet writer guards against being taken for a formula.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub text: String,
    pub from_people: bool,
}

fn code(text: impl Into<String>) -> Field {
    Field {
        text: text.into(),
        from_people: false,
    }
}

fn people(text: &str) -> Field {
    Field {
        text: text.to_owned(),
        from_people: true,
    }
}

/// The day's rows, one per elder on the roll, in `HEADER`'s order.
pub fn rows(summary: &Summary) -> Vec<[Field; 11]> {
    let date = summary.date.to_string();
    summary
        .checkins
        .elders
        .iter()
        .map(|e| {
            [
                code(date.clone()),
                people(&e.grid),
                code(e.elder_id.to_string()),
                people(&e.name),
                code(e.state.as_str()),
                code(e.outcome.map_or("", |o| o.as_str())),
                code(e.attempts.to_string()),
                code(e.last_time.map(|t| t.to_string()).unwrap_or_default()),
                people(&e.by),
                code(e.method.map_or("", |m| m.as_str())),
                people(&e.note),
            ]
        })
        .collect()
}
