//! The summary as CSV for spreadsheets: one row per elder on the day's roll, RFC 4180
//! (comma-separated, CRLF line ends, fields quoted when they hold a comma, a quote or a line
//! break). Written by hand: the format is a dozen lines of rules and the domain crate keeps
//! its dependencies few. Header and values are codes, the same in every language, so
//! scripts can rely on them; a day's file can be appended to another day's without its
//! header.

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

/// Quotes a field when RFC 4180 needs it. Text from people that a spreadsheet would take
/// for a formula (`=`, `+`, `-`, `@` first) gets a leading `'`, so opening the file never
/// runs anything.
pub fn field(value: &str, from_people: bool) -> String {
    let guarded = if from_people && value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if guarded.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// The header line and the day's rows.
pub fn render_csv(summary: &Summary) -> String {
    let mut out = HEADER.join(",");
    out.push_str("\r\n");
    out.push_str(&render_csv_rows(summary));
    out
}

/// The day's rows without the header, to append days into one file for a range.
pub fn render_csv_rows(summary: &Summary) -> String {
    let mut out = String::new();
    let date = summary.date.to_string();
    for e in &summary.checkins.elders {
        let cells = [
            field(&date, false),
            field(&e.grid, true),
            field(&e.elder_id.to_string(), false),
            field(&e.name, true),
            field(e.state.as_str(), false),
            field(e.outcome.map_or("", |o| o.as_str()), false),
            field(&e.attempts.to_string(), false),
            field(
                &e.last_time.map(|t| t.to_string()).unwrap_or_default(),
                false,
            ),
            field(&e.by, true),
            field(e.method.map_or("", |m| m.as_str()), false),
            field(&e.note, true),
        ];
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}
