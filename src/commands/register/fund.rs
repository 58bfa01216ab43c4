//! `qiaomen fund list|add|statement|warnings`: the assistance fund (帮扶基金) in yuan, its
//! income and spending statement (收支公示), and the double-help warnings.

use qiaomen_core::Reads;
use std::collections::BTreeMap;

use qiaomen_core::model::{Direction, FundEntry, Household, Id, Partner};
use qiaomen_core::register::{
    RegisterCommand, balance, duplicate_help, format_yuan, signed_fen, statement, statement_text,
};
use qiaomen_core::{Command, Date};
use serde_json::json;

use super::{clean_lines, date_opt, describe, yuan};
use crate::cli::FundCmd;
use crate::context::Context;
use crate::error::{AppError, arg};
use crate::i18n::{self, T};
use crate::width::table;

pub fn run(ctx: &Context, cmd: &FundCmd) -> Result<String, AppError> {
    let lang = ctx.lang;
    let today = ctx.now()?.date;
    if !matches!(cmd, FundCmd::Add { .. }) {
        reads_fund(ctx)?;
    }
    match cmd {
        FundCmd::List { from, to, json } => {
            let from = date_opt(from.as_deref(), ctx)?;
            let to = date_opt(to.as_deref(), ctx)?.unwrap_or(today);
            list(ctx, from, to, *json)
        }
        FundCmd::Add {
            direction,
            amount,
            partner,
            household,
            need,
            note,
            date,
        } => {
            let direction: Direction = arg(direction.parse(), lang)?;
            let entry = FundEntry {
                id: 0,
                date: ctx.date_or_today(date.as_deref())?,
                amount_fen: yuan(amount, lang)?,
                direction,
                partner: super::partner_id(&*ctx.backend, partner.as_deref())?,
                household: household
                    .as_deref()
                    .map(|h| super::household(&*ctx.backend, h).map(|h| h.id))
                    .transpose()?,
                need: crate::error::arg(crate::i18n::parse_need(need), lang)?,
                note: note.clone(),
            };
            let amount = entry.amount_fen;
            let cmd = RegisterCommand::Fund(entry);
            let applied = ctx.backend.apply(Command::Register(cmd), &ctx.actor()?)?;
            let after = balance(&ctx.backend.all::<FundEntry>()?)?;
            Ok(format!(
                "{}\n",
                lang.fill(
                    T::FundSaved,
                    &[
                        &applied.id,
                        &i18n::direction(lang, direction),
                        &format_yuan(amount),
                        &format_yuan(after),
                    ],
                )
            ))
        }
        FundCmd::Statement { from, to, json } => {
            let first_of_year = Date::from_ymd(today.year(), 1, 1)?;
            let from = date_opt(from.as_deref(), ctx)?.unwrap_or(first_of_year);
            let to = date_opt(to.as_deref(), ctx)?.unwrap_or(today);
            let s = statement(&*ctx.backend, from, to)?;
            if *json {
                return Ok(super::json(&s));
            }
            Ok(statement_text(&ctx.backend.community()?.name, &s))
        }
        FundCmd::Warnings { json } => {
            let warnings = duplicate_help(&*ctx.backend)?;
            if *json {
                return Ok(super::json(&warnings));
            }
            if warnings.is_empty() {
                return Ok(format!("{}\n", lang.t(T::NoWarnings)));
            }
            let partners = ctx.backend.all::<Partner>()?;
            let mut out = String::new();
            for w in &warnings {
                let h = ctx.backend.require::<Household>(w.household)?;
                let label = super::household_label(&*ctx.backend, &h)?;
                out.push_str(&describe::warning(lang, w, &partners, &label));
                out.push('\n');
            }
            Ok(clean_lines(&out))
        }
    }
}

/// The entries from `from` (all when none) to `to`, each with the balance after it.
/// The fund is the community's: a reader the server gives none of it (a steward, a
/// volunteer) is told why, rather than shown an empty list or sheet. An addition is refused by
/// the server itself, as every command is.
pub fn reads_fund(ctx: &Context) -> Result<(), AppError> {
    if let Some(who) = ctx.backend.who() {
        qiaomen_core::access::reads_register(&who).map_err(qiaomen_core::Error::Refused)?;
    }
    Ok(())
}

fn list(ctx: &Context, from: Option<Date>, to: Date, as_json: bool) -> Result<String, AppError> {
    let lang = ctx.lang;
    let mut all = ctx.backend.all::<FundEntry>()?;
    all.sort_by_key(|e| (e.date, e.id));
    let mut running = 0i64;
    let mut shown: Vec<(FundEntry, i64)> = Vec::new();
    for e in all.into_iter().filter(|e| e.date <= to) {
        running = running.checked_add(signed_fen(&e)).ok_or_else(|| {
            qiaomen_core::Error::invalid("amount_fen", qiaomen_core::reason::Reason::SumTooLarge)
        })?;
        if from.is_none_or(|f| e.date >= f) {
            shown.push((e, running));
        }
    }
    // Goods are reported beside the money, never in its balance (issue 16 point 3).
    let goods: Vec<qiaomen_core::model::Goods> = ctx
        .backend
        .all::<qiaomen_core::model::Goods>()?
        .into_iter()
        .filter(|g| g.date <= to && from.is_none_or(|f| g.date >= f))
        .collect();
    let goods_fen = qiaomen_core::outreach::goods_value(&goods)?;
    if as_json {
        let entries: Vec<serde_json::Value> = shown
            .iter()
            .map(|(e, b)| {
                let mut v = serde_json::to_value(e).expect("json");
                v["balance_fen"] = json!(b);
                v
            })
            .collect();
        return Ok(super::json(&json!({
            "to": to,
            "balance_fen": running,
            "entries": entries,
            "goods": goods.len(),
            "goods_value_fen": goods_fen,
        })));
    }
    let mut footer = lang.fill(T::FundBalance, &[&format_yuan(running), &to]);
    if !goods.is_empty() {
        footer.push('\n');
        footer.push_str(&lang.fill(T::GoodsTotal, &[&goods.len(), &format_yuan(goods_fen)]));
    }
    if shown.is_empty() {
        return Ok(format!("{}\n{footer}\n", lang.t(T::NoFundEntries)));
    }
    let labels = household_labels(ctx)?;
    let partners = ctx.backend.all::<Partner>()?;
    let rows: Vec<Vec<String>> = shown
        .iter()
        .map(|(e, b)| {
            vec![
                format!("#{}", e.id),
                e.date.to_string(),
                i18n::direction(lang, e.direction).to_owned(),
                format_yuan(e.amount_fen),
                e.partner
                    .map(|p| describe::partner_name(&partners, p))
                    .unwrap_or_default(),
                e.household
                    .and_then(|h| labels.get(&h).cloned())
                    .unwrap_or_default(),
                i18n::need(lang, e.need).to_owned(),
                format_yuan(*b),
                e.note.clone(),
            ]
        })
        .collect();
    let header = [
        lang.t(T::ColNumber),
        lang.t(T::ColDate),
        lang.t(T::ColDirection),
        lang.t(T::ColAmount),
        lang.t(T::ColPartner),
        lang.t(T::ColHousehold),
        lang.t(T::ColNeeds),
        lang.t(T::ColBalance),
        lang.t(T::ColNote),
    ];
    let mut out = table(&header, &rows, &[4, 10, 4, 12, 20, 20, 10, 12, 30]);
    out.push_str(&footer);
    out.push('\n');
    Ok(out)
}

fn household_labels(ctx: &Context) -> Result<BTreeMap<Id, String>, AppError> {
    let mut out = BTreeMap::new();
    for h in ctx.backend.all::<Household>()? {
        out.insert(h.id, super::household_label(&*ctx.backend, &h)?);
    }
    Ok(out)
}
