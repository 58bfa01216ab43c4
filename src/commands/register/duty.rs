//! `qiaomen partner duty list|add|done`: the duties each side took on in a partner's
//! co-construction agreement (共建协议), with the days they were done and overdue ones marked.

use qiaomen_core::model::{Duty, Partner, Period, Side};
use qiaomen_core::outreach::{DutyState, OutreachCommand, duty_state, next_due};
use qiaomen_core::{Command, Date, Reads};
use serde_json::json;

use super::{clean_lines, describe};
use crate::cli::DutyCmd;
use crate::context::Context;
use crate::error::{AppError, opt_arg};
use crate::i18n::{self, Lang, T};
use crate::width::table;

pub fn run(ctx: &Context, cmd: &DutyCmd) -> Result<String, AppError> {
    let lang = ctx.lang;
    // A partner is named from the register: who may not read it is told so first (exit 4),
    // not that no partner matches.
    super::fund::reads_fund(ctx)?;
    let today = ctx.now()?.date;
    match cmd {
        DutyCmd::List {
            partner,
            overdue,
            json,
        } => {
            let partner = super::partner_id(&*ctx.backend, partner.as_deref())?;
            let mut all: Vec<Duty> = ctx
                .backend
                .all::<Duty>()?
                .into_iter()
                .filter(|d| partner.is_none_or(|p| d.partner == p))
                .filter(|d| !*overdue || matches!(duty_state(d, today), DutyState::Overdue { .. }))
                .collect();
            all.sort_by_key(|d| (d.partner, d.id));
            if *json {
                let rows: Vec<serde_json::Value> = all
                    .iter()
                    .map(|d| {
                        let mut v = serde_json::to_value(d).expect("json");
                        v["next_due"] = json!(next_due(d));
                        v["state"] = json!(duty_state(d, today).code());
                        v
                    })
                    .collect();
                return Ok(super::json(&json!({ "date": today, "duties": rows })));
            }
            let partners = ctx.backend.all::<Partner>()?;
            Ok(list(lang, &all, &partners, today))
        }
        DutyCmd::Add {
            partner,
            side,
            what,
            due,
            every,
            note,
        } => {
            let side: Side = i18n::parse_duty_side(lang, side)?;
            let every: Option<Period> = opt_arg(every.as_deref(), lang)?;
            let partner = super::partner(&*ctx.backend, partner)?;
            let d = Duty {
                id: 0,
                partner: partner.id,
                side,
                what: what.clone(),
                due: ctx.date_opt(due.as_deref())?,
                every,
                done: Vec::new(),
                note: note.clone(),
            };
            let cmd = Command::Outreach(OutreachCommand::AddDuty(d));
            let applied = ctx.backend.apply(cmd, &ctx.actor()?)?;
            let d = ctx.backend.require::<Duty>(applied.id)?;
            Ok(clean_lines(&format!(
                "{}\n",
                lang.fill(T::DutySaved, &[&d.id, &d.what, &partner.name])
            )))
        }
        DutyCmd::Done { duty, date } => {
            let id = super::parse_id(duty).ok_or_else(|| {
                AppError::Usage(lang.fill(
                    T::ErrInvalid,
                    &[&lang.t(T::ColDuty), &format!("\"{duty}\"")],
                ))
            })?;
            let date = ctx.date_or_today(date.as_deref())?;
            let cmd = Command::Outreach(OutreachCommand::DutyDone { duty: id, date });
            ctx.backend.apply(cmd, &ctx.actor()?)?;
            let d = ctx.backend.require::<Duty>(id)?;
            let mut out = lang.fill(T::DutyDoneSaved, &[&id, &date]);
            if d.every.is_some() {
                out.push_str(&lang.fill(T::DutyNext, &[&state(lang, &d, today)]));
            }
            Ok(format!("{out}\n"))
        }
    }
}

/// Where a duty stands, in words: `逾期（应于 2026-11-20）`, `due 2026-12-05`.
pub fn state(lang: Lang, d: &Duty, today: Date) -> String {
    match duty_state(d, today) {
        DutyState::Done { on } => lang.fill(T::DutyDoneOn, &[&on]),
        DutyState::Overdue { due } => lang.fill(T::DutyOverdue, &[&due]),
        DutyState::Open { due: Some(due) } => lang.fill(T::DutyDueOn, &[&due]),
        DutyState::Open { due: None } => lang.t(T::DutyNoDay).to_owned(),
    }
}

/// How often a duty falls due: `每月`, `once`.
pub fn rhythm(lang: Lang, d: &Duty) -> String {
    match d.every {
        Some(p) => lang.fill(T::DutyEvery, &[&i18n::period(lang, p)]),
        None => lang.t(T::DutyOnce).to_owned(),
    }
}

fn list(lang: Lang, all: &[Duty], partners: &[Partner], today: Date) -> String {
    if all.is_empty() {
        return format!("{}\n", lang.t(T::NoDuties));
    }
    let rows: Vec<Vec<String>> = all
        .iter()
        .map(|d| {
            vec![
                format!("#{}", d.id),
                describe::partner_name(partners, d.partner),
                i18n::duty_side(lang, d.side).to_owned(),
                d.what.clone(),
                rhythm(lang, d),
                state(lang, d, today),
            ]
        })
        .collect();
    let header = [
        lang.t(T::ColNumber),
        lang.t(T::ColPartner),
        lang.t(T::ColSide),
        lang.t(T::ColDuty),
        lang.t(T::ColRhythm),
        lang.t(T::ColState),
    ];
    clean_lines(&table(&header, &rows, &[5, 24, 8, 40, 10, 30]))
}
