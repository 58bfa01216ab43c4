//! `qiaomen goods list|add`: goods partners gave the community or a household (物资), with
//! their value. Kept apart from the fund: the fund's balance is money only.

use std::collections::BTreeMap;

use qiaomen_core::model::{Goods, Household, Id, Partner};
use qiaomen_core::outreach::{OutreachCommand, goods_value};
use qiaomen_core::register::format_yuan;
use qiaomen_core::{Command, Reads};
use serde_json::json;
use std::fmt::Write as _;

use super::activity::within;
use super::{clean_lines, date_opt, describe, yuan};
use crate::cli::GoodsCmd;
use crate::context::Context;
use crate::error::AppError;
use crate::i18n::{Lang, T};
use crate::width::table;

pub fn run(ctx: &Context, cmd: &GoodsCmd) -> Result<String, AppError> {
    let lang = ctx.lang;
    // A partner is named from the register: who may not read it is told so first (exit 4),
    // not that no partner matches.
    super::fund::reads_fund(ctx)?;
    match cmd {
        GoodsCmd::List {
            partner,
            from,
            to,
            json,
        } => {
            let partner = super::partner_id(&*ctx.backend, partner.as_deref())?;
            let from = date_opt(from.as_deref(), ctx)?;
            let to = date_opt(to.as_deref(), ctx)?;
            let mut all: Vec<Goods> = ctx
                .backend
                .all::<Goods>()?
                .into_iter()
                .filter(|g| partner.is_none_or(|p| g.partner == p))
                .filter(|g| within(g.date, from, to))
                .collect();
            all.sort_by_key(|g| std::cmp::Reverse((g.date, g.id)));
            let value = goods_value(&all)?;
            if *json {
                return Ok(super::json(&json!({
                    "goods": all,
                    "count": all.len(),
                    "value_fen": value,
                })));
            }
            let partners = ctx.backend.all::<Partner>()?;
            let labels = labels(ctx, &all)?;
            Ok(list(lang, &all, value, &partners, &labels))
        }
        GoodsCmd::Add {
            partner,
            what,
            quantity,
            unit,
            value,
            household,
            date,
            note,
        } => {
            let partner = super::partner(&*ctx.backend, partner)?;
            let household = household
                .as_deref()
                .map(|h| super::household(&*ctx.backend, h).map(|h| h.id))
                .transpose()?;
            let g = Goods {
                id: 0,
                partner: partner.id,
                date: ctx.date_or_today(date.as_deref())?,
                what: what.clone(),
                quantity: *quantity,
                unit: unit.clone(),
                value_fen: yuan(value, lang)?,
                household,
                note: note.clone(),
            };
            let cmd = Command::Outreach(OutreachCommand::AddGoods(g));
            let applied = ctx.backend.apply(cmd, &ctx.actor()?)?;
            let g = ctx.backend.require::<Goods>(applied.id)?;
            Ok(clean_lines(&format!(
                "{}\n",
                lang.fill(
                    T::GoodsSaved,
                    &[
                        &g.id,
                        &partner.name,
                        &g.what,
                        &g.quantity,
                        &g.unit,
                        &format_yuan(g.value_fen),
                    ],
                )
            )))
        }
    }
}

/// The households named by these goods, as the register names them.
fn labels(ctx: &Context, goods: &[Goods]) -> Result<BTreeMap<Id, String>, AppError> {
    let mut out = BTreeMap::new();
    for id in goods.iter().filter_map(|g| g.household) {
        if out.contains_key(&id) {
            continue;
        }
        if let Some(h) = ctx.backend.get::<Household>(id)? {
            out.insert(id, super::household_label(&*ctx.backend, &h)?);
        }
    }
    Ok(out)
}

/// One gift in words: `2026-11-25 图书 60册，价值 1,800.00 元`.
pub fn line(lang: Lang, g: &Goods) -> String {
    let mut out = lang.fill(
        T::GoodsLine,
        &[
            &g.date,
            &g.what,
            &g.quantity,
            &g.unit,
            &format_yuan(g.value_fen),
        ],
    );
    if !g.note.is_empty() {
        let _ = write!(out, " · {}", g.note);
    }
    out
}

fn list(
    lang: Lang,
    all: &[Goods],
    value: i64,
    partners: &[Partner],
    labels: &BTreeMap<Id, String>,
) -> String {
    if all.is_empty() {
        return format!("{}\n", lang.t(T::NoGoods));
    }
    let rows: Vec<Vec<String>> = all
        .iter()
        .map(|g| {
            vec![
                format!("#{}", g.id),
                g.date.to_string(),
                describe::partner_name(partners, g.partner),
                g.what.clone(),
                format!("{}{}", g.quantity, g.unit),
                format_yuan(g.value_fen),
                g.household.map_or_else(
                    || lang.t(T::GoodsToCommunity).to_owned(),
                    |h| labels.get(&h).cloned().unwrap_or_else(|| format!("#{h}")),
                ),
                g.note.clone(),
            ]
        })
        .collect();
    let header = [
        lang.t(T::ColNumber),
        lang.t(T::ColDate),
        lang.t(T::ColPartner),
        lang.t(T::ColGoods),
        lang.t(T::ColQuantity),
        lang.t(T::ColValue),
        lang.t(T::ColHousehold),
        lang.t(T::ColNote),
    ];
    let mut out = table(&header, &rows, &[5, 10, 24, 16, 12, 16, 30, 30]);
    out.push_str(&lang.fill(T::GoodsTotal, &[&all.len(), &format_yuan(value)]));
    out.push('\n');
    clean_lines(&out)
}
