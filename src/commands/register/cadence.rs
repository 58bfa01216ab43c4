//! `qiaomen visit due|campaign|cadence`: the households to visit by the cadence and the
//! campaigns, the campaigns themselves, and the cadence per tier.

use qiaomen_core::Reads;
use qiaomen_core::cadence::{CADENCE_ID, Cadence, Campaign, DueReason, Tier, stored_cadence};
use qiaomen_core::register::RegisterCommand;
use qiaomen_core::{Command, Date};

use super::due::{DueList, DueRow, load};
use super::{clean_lines, json};
use crate::cli::{CadenceArgs, CampaignCmd, VisitDueArgs};
use crate::context::Context;
use crate::error::{AppError, arg};
use crate::i18n::{Lang, T};
use crate::width::table;

pub fn due(ctx: &Context, a: &VisitDueArgs) -> Result<String, AppError> {
    let day = ctx.date_or_today(a.date.as_deref())?;
    let grid = ctx.grid_arg(a.grid.as_deref())?.map(|g| g.id);
    let list = load(&*ctx.backend, day, grid)?;
    if a.json {
        return Ok(json(&list));
    }
    Ok(clean_lines(&due_text(ctx.lang, &list)))
}

/// The list as text: a heading, then one table per steward group.
pub fn due_text(lang: Lang, list: &DueList) -> String {
    let mut out = lang.fill(
        T::DueHeading,
        &[
            &list.date,
            &lang.weekday(list.date.weekday()),
            &list.total,
            &list.overdue,
            &list.week_end,
        ],
    );
    out.push('\n');
    if list.groups.is_empty() {
        out.push_str(lang.t(T::DueNone));
        out.push('\n');
        return out;
    }
    let header = [
        lang.t(T::ColHousehold),
        lang.t(T::ColGrid),
        lang.t(T::ColAddress),
        lang.t(T::ColTier),
        lang.t(T::ColLastVisit),
        lang.t(T::ColVisitDue),
        lang.t(T::ColCampaign),
    ];
    for g in &list.groups {
        out.push('\n');
        out.push_str(&stewards_label(lang, &g.stewards));
        out.push('\n');
        let rows: Vec<Vec<String>> = g.households.iter().map(|r| row(lang, r)).collect();
        out.push_str(&table(&header, &rows, &[20, 6, 24, 10, 10, 18, 16]));
    }
    out
}

/// `网格管家 刘晓燕、陈志强` or `无网格管家`.
pub fn stewards_label(lang: Lang, stewards: &[super::due::StewardRef]) -> String {
    if stewards.is_empty() {
        return lang.t(T::DueNoSteward).to_owned();
    }
    let names: Vec<&str> = stewards.iter().map(|s| s.name.as_str()).collect();
    lang.fill(
        T::DueSteward,
        &[&names.join(if lang == Lang::Zh { "、" } else { ", " })],
    )
}

pub fn tier(lang: Lang, t: Tier) -> &'static str {
    lang.t(match t {
        Tier::High => T::TierHigh,
        Tier::Key => T::TierKey,
        Tier::General => T::TierGeneral,
    })
}

/// `逾期 11-27`, `本周 12-03`, `从未走访`.
pub fn due_label(lang: Lang, r: &DueRow) -> String {
    match r.item.due {
        None => lang.t(T::DueNever).to_owned(),
        Some(d) if r.item.overdue => lang.fill(T::DueOverdue, &[&d]),
        Some(d) => lang.fill(T::DueThisWeek, &[&d]),
    }
}

pub fn campaigns_of(r: &DueRow) -> String {
    r.item
        .reasons
        .iter()
        .filter_map(|x| match x {
            DueReason::Campaign { name, .. } => Some(name.as_str()),
            DueReason::Cadence { .. } => None,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn row(lang: Lang, r: &DueRow) -> Vec<String> {
    vec![
        format!("#{} {}", r.item.household, r.head),
        r.grid_code.clone(),
        r.address.clone(),
        tier(lang, r.item.tier).to_owned(),
        r.item
            .last_visit
            .map_or_else(|| "—".to_owned(), |d| d.to_string()),
        due_label(lang, r),
        campaigns_of(r),
    ]
}

pub fn campaign(ctx: &Context, cmd: &CampaignCmd) -> Result<String, AppError> {
    let lang = ctx.lang;
    match cmd {
        CampaignCmd::List { json: as_json } => {
            let mut all = ctx.backend.all::<Campaign>()?;
            all.sort_by_key(|c| std::cmp::Reverse((c.from, c.id)));
            if *as_json {
                return Ok(json(&all));
            }
            if all.is_empty() {
                return Ok(format!("{}\n", lang.t(T::NoCampaigns)));
            }
            let rows: Vec<Vec<String>> = all
                .iter()
                .map(|c| {
                    vec![
                        format!("#{}", c.id),
                        c.name.clone(),
                        c.from.to_string(),
                        c.to.to_string(),
                        tiers_label(lang, &c.tiers),
                        c.note.clone(),
                    ]
                })
                .collect();
            let header = [
                lang.t(T::ColNumber),
                lang.t(T::ColName),
                lang.t(T::ColFrom),
                lang.t(T::ColTo),
                lang.t(T::ColTier),
                lang.t(T::ColNote),
            ];
            Ok(clean_lines(&table(
                &header,
                &rows,
                &[6, 20, 10, 10, 20, 40],
            )))
        }
        CampaignCmd::Add {
            name,
            from,
            to,
            tiers,
            note,
        } => {
            let tiers = tiers
                .iter()
                .filter(|t| !t.trim().is_empty())
                .map(|t| arg(t.parse::<Tier>(), lang))
                .collect::<Result<Vec<_>, _>>()?;
            let c = Campaign {
                id: 0,
                name: name.clone(),
                from: arg(Date::parse(from), lang)?,
                to: arg(Date::parse(to), lang)?,
                tiers,
                note: note.clone(),
            };
            let cmd = Command::Register(RegisterCommand::SaveCampaign(c));
            let applied = ctx.backend.apply(cmd, &ctx.actor()?)?;
            let saved = ctx.backend.require::<Campaign>(applied.id)?;
            Ok(clean_lines(&lang.fill(
                T::CampaignSaved,
                &[
                    &saved.id,
                    &saved.name,
                    &saved.from,
                    &saved.to,
                    &tiers_label(lang, &saved.tiers),
                ],
            )))
        }
    }
}

fn tiers_label(lang: Lang, tiers: &[Tier]) -> String {
    if tiers.is_empty() {
        return lang.t(T::TierAll).to_owned();
    }
    tiers
        .iter()
        .map(|t| tier(lang, *t))
        .collect::<Vec<_>>()
        .join(if lang == Lang::Zh { "、" } else { ", " })
}

pub fn cadence(ctx: &Context, a: &CadenceArgs) -> Result<String, AppError> {
    let lang = ctx.lang;
    let mut c = stored_cadence(&*ctx.backend)?;
    if a.high.is_some() || a.key.is_some() || a.general.is_some() {
        c = Cadence {
            id: CADENCE_ID,
            high_days: a.high.unwrap_or(c.high_days),
            key_days: a.key.unwrap_or(c.key_days),
            general_days: a.general.unwrap_or(c.general_days),
        };
        let cmd = Command::Register(RegisterCommand::SetCadence(c));
        ctx.backend.apply(cmd, &ctx.actor()?)?;
        c = stored_cadence(&*ctx.backend)?;
    }
    if a.json {
        return Ok(json(&c));
    }
    Ok(format!(
        "{}\n",
        lang.fill(
            T::CadenceShow,
            &[&c.high_days, &c.key_days, &c.general_days]
        )
    ))
}
