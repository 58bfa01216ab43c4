//! The period's services, volunteer hours and support records (issue 16) as report lines.

use super::fill;
use crate::summary::{Labels, Summary};

/// Minutes as hours with one decimal.
pub fn hours(minutes: u64) -> String {
    let tenths = (minutes * 10 + 30) / 60;
    format!("{}.{}", tenths / 10, tenths % 10)
}

pub fn lines(s: &Summary, l: &Labels) -> Vec<String> {
    let c = &s.care;
    let mut head = fill(
        l.period_services,
        &[("n", &c.services), ("hours", &hours(c.minutes))],
    );
    let kinds: Vec<String> = c
        .by_kind
        .iter()
        .map(|k| {
            fill(
                l.period_partner_kind,
                &[("kind", &l.word(k.kind)), ("n", &k.services)],
            )
        })
        .collect();
    if !kinds.is_empty() {
        head.push_str(&fill(l.paren, &[("text", &kinds.join(l.list_sep))]));
    }
    let mut out = vec![head];
    let list = |hours_of: &[crate::care::HoursOf]| -> String {
        hours_of
            .iter()
            .map(|h| {
                fill(
                    l.hours_of,
                    &[
                        ("name", &super::clean(&h.name)),
                        ("hours", &hours(h.minutes)),
                    ],
                )
            })
            .collect::<Vec<_>>()
            .join(l.list_sep)
    };
    if !c.teams.is_empty() {
        out.push(fill(l.period_team_hours, &[("list", &list(&c.teams))]));
    }
    if !c.people.is_empty() {
        out.push(fill(l.period_people_hours, &[("list", &list(&c.people))]));
    }
    out.push(fill(l.period_supported, &[("n", &c.supported)]));
    out
}
