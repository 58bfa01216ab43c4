//! The report as a sequence of blocks in one language, shared by the text and Markdown
//! renderers so both say the same thing. Text from people is sanitized here: it can never
//! carry an escape code or a line break into the report.

mod care;
mod cases;
mod checkins;
mod register;

pub use register::{activities_head, settled_levels};

use super::format::fill;
use super::{Labels, Summary};
use crate::day::Date;
use crate::text::sanitize;

pub enum Block {
    Title(String),
    Note(String),
    Heading(String),
    Para(String),
    /// A list item with indented detail lines; `number` for numbered lists.
    Item {
        number: Option<usize>,
        text: String,
        details: Vec<String>,
    },
    /// The check-ins per grid: sentences for text, a table for Markdown.
    GridTable {
        header: [&'static str; 5],
        rows: Vec<[String; 5]>,
        lines: Vec<String>,
    },
}

pub(super) fn clean(text: &str) -> String {
    sanitize(text.trim()).into_owned()
}

pub fn date_long(l: &Labels, d: Date) -> String {
    date_with(l.date_long, l, d)
}

pub fn date_full(l: &Labels, d: Date) -> String {
    date_with(l.date_full, l, d)
}

pub fn date_short(l: &Labels, d: Date) -> String {
    date_with(l.date_short, l, d)
}

fn date_with(template: &str, l: &Labels, d: Date) -> String {
    fill(
        template,
        &[
            ("y", &d.year()),
            ("m", &d.month()),
            ("d", &d.day()),
            ("month", &l.month(d.month())),
            ("weekday", &l.weekday(d.weekday())),
        ],
    )
}

pub fn title(s: &Summary, l: &Labels) -> String {
    let grid = s.grid.as_ref().map_or(String::new(), |g| {
        fill(
            l.title_grid,
            &[("code", &clean(&g.code)), ("name", &clean(&g.name))],
        )
    });
    fill(
        l.title,
        &[
            ("community", &clean(&s.community)),
            ("grid", &grid),
            ("date", &date_long(l, s.date)),
        ],
    )
    .trim()
    .to_owned()
}

fn items(out: &mut Vec<Block>, lines: impl IntoIterator<Item = String>) {
    out.extend(lines.into_iter().map(|text| Block::Item {
        number: None,
        text,
        details: Vec::new(),
    }));
}

pub fn blocks(s: &Summary, l: &Labels) -> Vec<Block> {
    let mut out = vec![
        Block::Title(title(s, l)),
        Block::Note(fill(
            l.as_of,
            &[
                ("date", &date_short(l, s.as_of_date)),
                ("time", &s.as_of_time),
            ],
        )),
    ];
    if s.grid.is_some() {
        out.push(Block::Note(l.community_wide.to_owned()));
    }
    checkins::section(s, l, &mut out);
    super::ladder::section(s, l, &mut out);
    cases::section(s, l, &mut out);
    register::section(s, l, &mut out);
    register::period(s, l, &mut out);
    out
}
