//! The check-in section: totals, grid lines and the attention list.

use super::{Block, clean, date_short};
use crate::model::Outcome;
use crate::summary::format::fill;
use crate::summary::{AttentionItem, Counts, Labels, Summary};

fn counts_line(template: &str, c: &Counts, extra: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut values: Vec<(&str, &dyn std::fmt::Display)> = vec![
        ("due", &c.due),
        ("reached", &c.reached),
        ("ok", &c.ok),
        ("unwell", &c.unwell),
        ("needs_help", &c.needs_help),
        ("away", &c.away),
        ("carried", &c.away_carried),
        ("not_reached", &c.not_reached),
        ("no_answer", &c.no_answer),
        ("no_attempt", &c.no_attempt),
    ];
    values.extend_from_slice(extra);
    fill(template, &values)
}

fn attention_item(s: &Summary, l: &Labels, number: usize, a: &AttentionItem) -> Block {
    let mut place = format!("{} {}", clean(&a.grid.code), clean(&a.grid.name));
    if !a.address.is_empty() {
        place = format!("{}{}{}", place.trim(), l.sep, clean(&a.address));
    }
    let mut reason = l.reason(a.reason).to_owned();
    if a.missed_previous_day && a.reason != "missed_two_days" {
        reason.push_str(l.also_yesterday);
    }
    let text = fill(
        l.attention_line,
        &[
            ("name", &clean(&a.name)),
            ("where", &place.trim()),
            ("reason", &reason),
        ],
    );
    let mut details = Vec::new();
    match &a.last {
        Some(last) => {
            let when = if last.date == s.date {
                last.time.to_string()
            } else {
                format!("{} {}", date_short(l, last.date), last.time)
            };
            details.push(fill(
                l.contact_line,
                &[
                    ("attempts", &a.attempts),
                    ("when", &when),
                    ("by", &clean(&last.by)),
                    ("method", &l.method(last.method)),
                    ("outcome", &l.outcome(last.outcome)),
                ],
            ));
            if !last.note.trim().is_empty() {
                details.push(fill(l.note_line, &[("note", &clean(&last.note))]));
            }
        }
        None => details.push(fill(l.never_contacted, &[("attempts", &a.attempts)])),
    }
    Block::Item {
        number: Some(number),
        text,
        details,
    }
}

pub fn section(s: &Summary, l: &Labels, out: &mut Vec<Block>) {
    let c = &s.checkins;
    out.push(Block::Heading(l.section_checkins.to_owned()));
    out.push(Block::Para(counts_line(l.checkin_totals, &c.total, &[])));
    out.push(Block::Para(counts_line(
        l.checkin_detail,
        &c.total,
        &[
            ("w_ok", &l.outcome(Outcome::Ok)),
            ("w_unwell", &l.outcome(Outcome::Unwell)),
            ("w_needs_help", &l.outcome(Outcome::NeedsHelp)),
            ("w_no_answer", &l.outcome(Outcome::NoAnswer)),
        ],
    )));
    if c.total.away_carried > 0 {
        out.push(Block::Para(counts_line(l.away_carried, &c.total, &[])));
    }
    let mut rows = Vec::new();
    let mut lines = Vec::new();
    for g in &c.by_grid {
        let code = clean(&g.grid.code);
        let name = clean(&g.grid.name);
        lines.push(counts_line(
            l.grid_line,
            &g.counts,
            &[("code", &code), ("name", &name)],
        ));
        rows.push(grid_row(
            format!("{code} {name}").trim().to_owned(),
            &g.counts,
        ));
    }
    rows.push(grid_row(l.col_total.to_owned(), &c.total));
    out.push(Block::GridTable {
        header: [
            l.col_grid,
            l.col_due,
            l.col_reached,
            l.col_away,
            l.col_not_reached,
        ],
        rows,
        lines,
    });
    if c.attention.is_empty() {
        out.push(Block::Para(l.attention_none.to_owned()));
    } else {
        out.push(Block::Para(fill(
            l.attention_head,
            &[("n", &c.attention.len())],
        )));
        for (i, a) in c.attention.iter().enumerate() {
            out.push(attention_item(s, l, i + 1, a));
        }
    }
}

fn grid_row(label: String, c: &Counts) -> [String; 5] {
    [
        label,
        c.due.to_string(),
        c.reached.to_string(),
        c.away.to_string(),
        c.not_reached.to_string(),
    ]
}
