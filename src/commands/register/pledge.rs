//! `qiaomen pledge list|due|claim|deliver|end`: partners' claims of households (认领) and what
//! reached the families (全程跟踪).

use qiaomen_core::Command;
use qiaomen_core::Reads;
use qiaomen_core::model::{Delivery, Partner, Period, Pledge, PledgeStatus, PledgeWhat};
use qiaomen_core::register::{Due, RegisterCommand, pledges_due};

use super::{describe, json, yuan};
use crate::cli::PledgeCmd;
use crate::context::Context;
use crate::error::{AppError, arg, opt_arg};
use crate::i18n::{self, T};
use crate::width::table;

pub fn run(ctx: &Context, cmd: &PledgeCmd) -> Result<String, AppError> {
    let lang = ctx.lang;
    match cmd {
        PledgeCmd::List {
            partner,
            household,
            status,
            json: as_json,
        } => {
            let partner = partner
                .as_deref()
                .map(|p| super::partner(&*ctx.backend, p))
                .transpose()?;
            let household = household
                .as_deref()
                .map(|h| super::household(&*ctx.backend, h))
                .transpose()?;
            let status: Option<PledgeStatus> = opt_arg(status.as_deref(), lang)?;
            let pledges: Vec<Pledge> = ctx
                .backend
                .all::<Pledge>()?
                .into_iter()
                .filter(|p| partner.as_ref().is_none_or(|x| p.partner == x.id))
                .filter(|p| household.as_ref().is_none_or(|h| p.household == h.id))
                .filter(|p| status.is_none_or(|s| p.status == s))
                .collect();
            if *as_json {
                return Ok(json(&pledges));
            }
            list(ctx, &pledges)
        }
        PledgeCmd::Due {
            date,
            json: as_json,
        } => {
            let day = ctx.date_or_today(date.as_deref())?;
            let due = pledges_due(&*ctx.backend, day)?;
            if *as_json {
                return Ok(json(&due));
            }
            if due.is_empty() {
                return Ok(format!("{}\n", lang.fill(T::NothingDue, &[&day])));
            }
            Ok(due_table(ctx, &due)?)
        }
        PledgeCmd::Claim {
            partner,
            household,
            item,
            amount,
            period,
            until,
            need,
            note,
            date,
        } => {
            let partner = super::partner(&*ctx.backend, partner)?;
            let household = super::household(&*ctx.backend, household)?;
            let what = match (item, amount, until) {
                (Some(description), _, _) => PledgeWhat::Item {
                    description: description.clone(),
                },
                (None, Some(amount), Some(until)) => PledgeWhat::Money {
                    amount_fen: yuan(amount, lang)?,
                    period: arg(period.parse::<Period>(), lang)?,
                    until: ctx.date_or_today(Some(until))?,
                },
                _ => return Err(AppError::Usage(lang.t(T::ClaimWhat).to_owned())),
            };
            let pledge = Pledge {
                id: 0,
                partner: partner.id,
                household: household.id,
                made: ctx.date_or_today(date.as_deref())?,
                what,
                need: crate::error::arg(crate::i18n::parse_need(need), lang)?,
                status: PledgeStatus::Active,
                deliveries: Vec::new(),
                note: note.clone(),
            };
            let cmd = RegisterCommand::Claim(pledge);
            let applied = ctx.backend.apply(Command::Register(cmd), &ctx.actor()?)?;
            Ok(format!(
                "{}\n",
                lang.fill(
                    T::PledgeClaimed,
                    &[&partner.name, &household.id, &applied.id]
                )
            ))
        }
        PledgeCmd::Deliver {
            pledge,
            reference,
            amount,
            date,
            note,
        } => {
            let p = super::pledge(&*ctx.backend, pledge)?;
            let delivery = Delivery {
                date: ctx.date_or_today(date.as_deref())?,
                amount_fen: amount
                    .as_deref()
                    .map(|a| yuan(a, lang))
                    .transpose()?
                    .unwrap_or(0),
                reference: reference.clone(),
                note: note.clone(),
            };
            let cmd = RegisterCommand::Deliver {
                pledge: p.id,
                delivery,
            };
            ctx.backend.apply(Command::Register(cmd), &ctx.actor()?)?;
            let after = ctx.backend.require::<Pledge>(p.id)?;
            Ok(format!(
                "{}\n",
                lang.fill(
                    T::DeliverySaved,
                    &[&p.id, &i18n::pledge_status(lang, after.status)]
                )
            ))
        }
        PledgeCmd::End {
            pledge,
            status,
            reason,
        } => {
            let p = super::pledge(&*ctx.backend, pledge)?;
            let to: PledgeStatus = arg(status.parse(), lang)?;
            let cmd = RegisterCommand::EndPledge {
                pledge: p.id,
                to,
                reason: reason.clone(),
            };
            ctx.backend.apply(Command::Register(cmd), &ctx.actor()?)?;
            Ok(format!(
                "{}\n",
                lang.fill(T::PledgeEnded, &[&p.id, &i18n::pledge_status(lang, to)])
            ))
        }
    }
}

fn list(ctx: &Context, pledges: &[Pledge]) -> Result<String, AppError> {
    let lang = ctx.lang;
    if pledges.is_empty() {
        return Ok(format!("{}\n", lang.t(T::NoPledges)));
    }
    let today = ctx.now()?.date;
    let partners = ctx.backend.all::<Partner>()?;
    let rows: Vec<Vec<String>> = pledges
        .iter()
        .map(|p| {
            vec![
                format!("#{}", p.household),
                describe::pledge(lang, p, &partners, today),
            ]
        })
        .collect();
    let header = [lang.t(T::ColHousehold), lang.t(T::PledgesHead)];
    Ok(crate::commands::register::clean_lines(&table(
        &header,
        &rows,
        &[6, 120],
    )))
}

fn due_table(ctx: &Context, due: &[Due]) -> Result<String, AppError> {
    let lang = ctx.lang;
    let partners = ctx.backend.all::<Partner>()?;
    let rows: Vec<Vec<String>> = due
        .iter()
        .map(|d| {
            vec![
                format!("#{}", d.pledge),
                describe::partner_name(&partners, d.partner),
                format!("#{}", d.household),
                i18n::need(lang, d.need).to_owned(),
                describe::due(lang, d),
            ]
        })
        .collect();
    let header = [
        lang.t(T::LabelPledge),
        lang.t(T::ColPartner),
        lang.t(T::ColHousehold),
        lang.t(T::ColNeeds),
        lang.t(T::ColDueAmount),
    ];
    Ok(table(&header, &rows, &[6, 24, 6, 12, 60]))
}
