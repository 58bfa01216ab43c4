//! The register's records in words, one line each, shared by the command line and the register
//! pane so both say the same thing the same way.

use qiaomen_core::Date;
use qiaomen_core::model::{
    Category, FileStep, FundEntry, Id, Partner, Pledge, PledgeStatus, PledgeWhat, Resident, Visit,
};
use qiaomen_core::register::{self, Due, Notice, Warning, format_yuan, is_reopen};

use crate::i18n::{self, Lang, T};

/// The separator of lists in running text.
pub fn sep(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    }
}

pub fn categories(lang: Lang, cats: &[Category]) -> String {
    cats.iter()
        .map(|&c| i18n::category(lang, c))
        .collect::<Vec<_>>()
        .join(sep(lang))
}

/// `徐小平 46岁`: a resident with their age on `today`, when the birth date is known.
pub fn member(lang: Lang, r: &Resident, today: Date) -> String {
    match r.age_on(today) {
        Some(age) => format!("{} {}", r.name, lang.fill(T::Years, &[&age])),
        None => r.name.clone(),
    }
}

pub fn members(lang: Lang, rs: &[Resident], today: Date) -> String {
    rs.iter()
        .map(|r| member(lang, r, today))
        .collect::<Vec<_>>()
        .join(sep(lang))
}

pub fn partner_name(partners: &[Partner], id: Id) -> String {
    partners
        .iter()
        .find(|p| p.id == id)
        .map_or_else(|| format!("#{id}"), |p| p.name.clone())
}

/// The partners helping a household: those of its pledges that were not cancelled.
pub fn claimed_by(pledges: &[Pledge], partners: &[Partner], household: Id) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for p in pledges
        .iter()
        .filter(|p| p.household == household && p.status != PledgeStatus::Cancelled)
    {
        let name = partner_name(partners, p.partner);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// `轮椅一台`, or `每月 500.00 元，至 2026-12-31`.
pub fn pledge_what(lang: Lang, what: &PledgeWhat) -> String {
    match what {
        PledgeWhat::Item { description } => description.clone(),
        PledgeWhat::Money {
            amount_fen,
            period,
            until,
        } => lang.fill(
            T::PledgeMoney,
            &[
                &format_yuan(*amount_fen),
                &i18n::period(lang, *period),
                until,
            ],
        ),
    }
}

pub fn due(lang: Lang, d: &Due) -> String {
    match &d.item {
        Some(item) => lang.fill(T::DueItem, &[item, &d.since]),
        None => lang.fill(T::DueMoney, &[&format_yuan(d.amount_fen), &d.since]),
    }
}

/// A pledge in one line: number, partner, what, status, what was delivered and what is due,
/// and its note.
pub fn pledge(lang: Lang, p: &Pledge, partners: &[Partner], today: Date) -> String {
    let mut parts = vec![
        format!("#{} {}", p.id, partner_name(partners, p.partner)),
        pledge_what(lang, &p.what),
        i18n::pledge_status(lang, p.status).to_owned(),
    ];
    if let Some(n) = p.need {
        parts.push(format!(
            "{} {}",
            lang.t(T::Needs),
            i18n::need(lang, Some(n))
        ));
    }
    match p.what {
        PledgeWhat::Money { .. } => {
            let fen = register::delivered_fen(p).unwrap_or(0);
            parts.push(lang.fill(T::PledgeDelivered, &[&format_yuan(fen)]));
        }
        PledgeWhat::Item { .. } if !p.deliveries.is_empty() => {
            parts.push(lang.t(T::PledgeItemDelivered).to_owned());
        }
        PledgeWhat::Item { .. } => {}
    }
    if let Ok(Some(d)) = register::due_on(p, today) {
        parts.push(due(lang, &d));
    }
    // Also where a need word of an older release that no tag stands for is kept.
    if !p.note.is_empty() {
        parts.push(format!("{} {}", lang.t(T::ColNote), p.note));
    }
    parts.join(" · ")
}

/// One step of a file: `2026-01-19 已审核 汤亚琴 社区审核…`, a reopen marked as such.
pub fn step(lang: Lang, steps: &[FileStep], i: usize) -> String {
    let s = &steps[i];
    let mut status = i18n::file_status(lang, s.status).to_owned();
    if is_reopen(steps, i) {
        status = format!("↩ {} {status}", lang.t(T::Reopened));
    }
    let mut line = format!("{} {status} {}", s.date, s.by);
    if !s.note.is_empty() {
        line.push(' ');
        line.push_str(&crate::stored_words::stored(lang, &s.note));
    }
    line
}

/// `2026-02-05 支出 1,500.00 heating 冬季取暖器…`
pub fn fund_entry(lang: Lang, e: &FundEntry, partners: &[Partner]) -> String {
    let mut line = format!(
        "{} {} {}",
        e.date,
        i18n::direction(lang, e.direction),
        format_yuan(e.amount_fen)
    );
    for part in [
        e.partner.map(|p| partner_name(partners, p)),
        e.household.map(|h| format!("#{h}")),
        Some(i18n::need(lang, e.need).to_owned()),
        Some(e.note.clone()),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.is_empty())
    {
        line.push(' ');
        line.push_str(&part);
    }
    line
}

pub fn visit(v: &Visit) -> String {
    format!("{} {} {}", v.date, v.by, v.findings)
}

pub fn notice(lang: Lang, n: &Notice) -> String {
    lang.fill(
        T::NoticeLine,
        &[
            &n.id,
            &n.date,
            &n.last_day(),
            &n.period_days,
            &n.households.len(),
        ],
    )
}

/// A double-help warning: the household, the need and who helps with it.
pub fn warning(lang: Lang, w: &Warning, partners: &[Partner], household: &str) -> String {
    let mut helpers: Vec<String> = Vec::new();
    for s in &w.sources {
        let what = match (s.partner, s.pledge, s.fund_entry) {
            (Some(p), Some(pledge), _) => format!("{} #{pledge}", partner_name(partners, p)),
            (Some(p), None, Some(f)) => {
                format!("{} {} #{f}", partner_name(partners, p), lang.t(T::FundHead))
            }
            (None, _, Some(f)) => format!("{} #{f}", lang.t(T::TheFund)),
            (Some(p), None, None) => partner_name(partners, p),
            (None, _, None) => lang.t(T::TheFund).to_owned(),
        };
        helpers.push(what);
    }
    lang.fill(
        T::DuplicateHelp,
        &[
            &household,
            &i18n::need(lang, Some(w.need)),
            &helpers.join(sep(lang)),
        ],
    )
}
