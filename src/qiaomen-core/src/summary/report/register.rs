//! The register sections: the day's visits, meetings and fund movements, and the figures of
//! the period.

use super::{Block, clean, date_full, items};
use crate::summary::format::{fill, yuan};
use crate::summary::{Labels, Summary};

/// `text` followed by `: detail` when there is a detail.
fn with_detail(l: &Labels, text: String, detail: &str) -> String {
    let detail = clean(detail);
    if detail.is_empty() {
        text
    } else {
        format!("{text}{}{detail}", l.colon)
    }
}

pub fn section(s: &Summary, l: &Labels, out: &mut Vec<Block>) {
    out.push(Block::Heading(l.section_register.to_owned()));
    if s.visits.is_empty() {
        out.push(Block::Para(l.visits_none.to_owned()));
    } else {
        let households: std::collections::HashSet<_> =
            s.visits.iter().map(|v| v.household).collect();
        out.push(Block::Para(fill(
            l.visits_head,
            &[("n", &households.len())],
        )));
        items(
            out,
            s.visits.iter().map(|v| {
                let head = fill(
                    l.visit_line,
                    &[
                        ("address", &clean(&v.address)),
                        ("grid", &clean(&v.grid)),
                        ("by", &clean(&v.by)),
                    ],
                );
                with_detail(l, head, &v.findings)
            }),
        );
    }
    if s.meetings.is_empty() {
        out.push(Block::Para(l.meetings_none.to_owned()));
    } else {
        out.push(Block::Para(fill(
            l.meetings_head,
            &[("n", &s.meetings.len())],
        )));
        items(
            out,
            s.meetings.iter().map(|m| {
                fill(
                    l.meeting_line,
                    &[
                        ("kind", &l.meeting_kind(m.kind)),
                        ("title", &clean(&m.title)),
                        ("attendees", &m.attendees),
                        ("decisions", &m.decisions),
                    ],
                )
            }),
        );
    }
    let f = &s.fund;
    if f.entries.is_empty() {
        out.push(Block::Para(l.fund_none.to_owned()));
    } else {
        out.push(Block::Para(fill(
            l.fund_head,
            &[("in", &yuan(f.in_fen)), ("out", &yuan(f.out_fen))],
        )));
        items(
            out,
            f.entries.iter().map(|e| {
                let mut text = fill(
                    l.fund_line,
                    &[
                        ("direction", &l.direction(e.direction)),
                        ("amount", &yuan(e.amount_fen)),
                    ],
                );
                for part in [&e.partner, &e.household].into_iter().flatten() {
                    text = format!("{text}{}{}", l.sep, clean(part));
                }
                let detail = [l.need(e.need).to_owned(), clean(&e.note)]
                    .into_iter()
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join(l.sep);
                with_detail(l, text, &detail)
            }),
        );
    }
}

pub fn period(s: &Summary, l: &Labels, out: &mut Vec<Block>) {
    let p = &s.period;
    out.push(Block::Heading(fill(
        l.section_period,
        &[("from", &date_full(l, p.from)), ("to", &date_full(l, p.to))],
    )));
    let n = |template: &str, n: usize| fill(template, &[("n", &n)]);
    let fund = fill(
        l.period_fund,
        &[
            ("in", &yuan(p.fund_in_fen)),
            ("out", &yuan(p.fund_out_fen)),
            ("balance", &yuan(p.fund_balance_fen)),
        ],
    );
    let elders = fill(
        l.period_elders,
        &[("n", &p.elders_greeted_daily), ("roll", &p.elders_on_roll)],
    );
    items(
        out,
        [
            n(l.period_joint_meetings, p.joint_meetings),
            n(l.period_consultations, p.consultations),
            n(l.period_households_visited, p.households_visited),
            fill(
                l.period_visit_cadence,
                &[
                    ("due", &s.visit_cadence.visits_due),
                    ("done", &s.visit_cadence.visits_done),
                ],
            ),
            n(l.period_disputes_mediated, p.disputes_mediated),
            n(l.period_problems_resolved, p.problems_resolved),
            settled_levels(l, p),
            elders,
            n(l.period_files, p.households_with_files),
            partners(l, p),
            fund,
        ],
    );
    items(out, super::care::lines(s, l));
    outreach(s, l, out);
}

/// `Cases settled: 5; grid 3 (60%), community 2 (40%), subdistrict 0` (issue 16; the summary
/// pane shows the same line).
pub fn settled_levels(l: &Labels, p: &crate::summary::PeriodFigures) -> String {
    let c = &p.settled_by_level;
    if c.total() == 0 {
        return l.period_settled_none.to_owned();
    }
    let pct = |n: usize| c.percent(n).unwrap_or(0);
    fill(
        l.period_settled_levels,
        &[
            ("n", &c.total()),
            ("grid", &c.grid),
            ("grid_pct", &pct(c.grid)),
            ("community", &c.community),
            ("community_pct", &pct(c.community)),
            ("subdistrict", &c.subdistrict),
        ],
    )
}

/// `Partners' activities: 8, reaching 300 people (lecture 2, …)` (issue 16 point 3; the
/// summary pane shows the same line).
pub fn activities_head(s: &Summary, l: &Labels) -> String {
    let o = &s.outreach;
    let mut head = fill(
        l.period_activities,
        &[("n", &o.activities), ("people", &o.people_reached)],
    );
    let kinds: Vec<String> = o
        .by_kind
        .iter()
        .map(|c| {
            fill(
                l.period_activity_kind,
                &[("kind", &l.activity_kind(c.kind)), ("n", &c.activities)],
            )
        })
        .collect();
    if !kinds.is_empty() {
        head = format!(
            "{head}{}",
            fill(l.paren, &[("text", &kinds.join(l.list_sep))])
        );
    }
    head
}

/// Partners' activities by kind and by partner, goods and overdue duties (issue 16 point 3).
fn outreach(s: &Summary, l: &Labels, out: &mut Vec<Block>) {
    let o = &s.outreach;
    items(out, [activities_head(s, l)]);
    let partners: Vec<String> = o
        .by_partner
        .iter()
        .filter(|p| p.activities > 0)
        .map(|p| {
            fill(
                l.period_partner_activity,
                &[
                    ("name", &clean(&p.name)),
                    ("n", &p.activities),
                    ("people", &p.people),
                ],
            )
        })
        .collect();
    if !partners.is_empty() {
        // One partner a line, so that no name is broken across lines.
        out.push(Block::Item {
            number: None,
            text: l.period_activity_partners.to_owned(),
            details: partners,
        });
    }
    let mut lines = vec![fill(
        l.period_goods,
        &[("n", &o.goods), ("value", &yuan(o.goods_value_fen))],
    )];
    if o.duties_overdue > 0 {
        lines.push(fill(l.period_duties_overdue, &[("n", &o.duties_overdue)]));
    }
    items(out, lines);
}

/// `Partners with an agreement: 12 (enterprise 9, bank 1, …)`: kinds with none are left out.
fn partners(l: &Labels, p: &crate::summary::PeriodFigures) -> String {
    let head = fill(l.period_partners, &[("n", &p.partners)]);
    let kinds: Vec<String> = p
        .partners_by_kind
        .by_kind()
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(kind, n)| fill(l.period_partner_kind, &[("kind", &l.word(*kind)), ("n", n)]))
        .collect();
    if kinds.is_empty() {
        head
    } else {
        format!(
            "{head}{}",
            fill(l.paren, &[("text", &kinds.join(l.list_sep))])
        )
    }
}
