//! The case section: the day's new cases, sessions and status changes, open cases by kind,
//! and follow-ups.

use super::{Block, clean, date_short, items};
use crate::model::CaseKind;
use crate::summary::format::fill;
use crate::summary::{CaseRef, FollowUpItem, Labels, Summary};

fn case_slots(c: &CaseRef) -> [(&'static str, String); 3] {
    [
        ("number", c.number.clone()),
        ("title", clean(&c.title)),
        ("grid", clean(&c.grid)),
    ]
}

fn with_case(template: &str, c: &CaseRef, extra: &[(&str, &dyn std::fmt::Display)]) -> String {
    let slots = case_slots(c);
    let mut values: Vec<(&str, &dyn std::fmt::Display)> = slots
        .iter()
        .map(|(k, v)| (*k, v as &dyn std::fmt::Display))
        .collect();
    values.extend_from_slice(extra);
    fill(template, &values)
}

fn follow_ups(l: &Labels, out: &mut Vec<Block>, head: &str, list: &[FollowUpItem]) {
    if list.is_empty() {
        return;
    }
    out.push(Block::Para(fill(head, &[("n", &list.len())])));
    items(
        out,
        list.iter()
            .map(|f| with_case(l.follow_line, &f.case, &[("due", &date_short(l, f.due))])),
    );
}

pub fn section(s: &Summary, l: &Labels, out: &mut Vec<Block>) {
    let c = &s.cases;
    out.push(Block::Heading(l.section_cases.to_owned()));
    out.push(Block::Para(fill(
        l.cases_totals,
        &[
            ("opened", &c.opened.len()),
            ("sessions", &c.sessions.len()),
            ("changes", &c.status_changes.len()),
            ("resolved", &c.resolved),
            ("closed", &c.closed),
        ],
    )));
    if !c.opened.is_empty() {
        out.push(Block::Para(l.opened_head.to_owned()));
        items(
            out,
            c.opened
                .iter()
                .map(|o| with_case(l.case_line, o, &[("kind", &l.kind(o.kind))])),
        );
    }
    if !c.sessions.is_empty() {
        out.push(Block::Para(l.sessions_head.to_owned()));
        items(
            out,
            c.sessions.iter().map(|x| {
                let outcome = clean(&x.outcome);
                let outcome = if outcome.is_empty() {
                    l.none.to_owned()
                } else {
                    outcome
                };
                with_case(
                    l.session_line,
                    &x.case,
                    &[("nth", &x.nth), ("outcome", &outcome)],
                )
            }),
        );
    }
    if !c.status_changes.is_empty() {
        out.push(Block::Para(l.status_head.to_owned()));
        items(
            out,
            c.status_changes.iter().map(|x| {
                let closure = x.closure.map_or(String::new(), |c| {
                    fill(l.closure_note, &[("closure", &l.closure(c))])
                });
                with_case(
                    l.status_line,
                    &x.case,
                    &[
                        ("from", &l.status(x.from)),
                        ("to", &l.status(x.to)),
                        ("closure", &closure),
                        ("reason", &clean(&crate::words::stored(l.lang, &x.reason))),
                    ],
                )
            }),
        );
    }
    let k = &c.open_by_kind;
    out.push(Block::Para(fill(
        l.open_cases,
        &[
            ("total", &k.total),
            ("dispute", &k.dispute),
            ("petition", &k.petition),
            ("request", &k.request),
            ("assistance", &k.assistance),
            ("w_dispute", &l.kind(CaseKind::Dispute)),
            ("w_petition", &l.kind(CaseKind::Petition)),
            ("w_request", &l.kind(CaseKind::Request)),
            ("w_assistance", &l.kind(CaseKind::Assistance)),
        ],
    )));
    follow_ups(l, out, l.follow_overdue_head, &c.follow_ups_overdue);
    follow_ups(l, out, l.follow_today_head, &c.follow_ups_today);
    follow_ups(l, out, l.follow_tomorrow_head, &c.follow_ups_tomorrow);
}
