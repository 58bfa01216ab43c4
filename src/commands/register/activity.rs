//! `qiaomen activity list|add`: what partners did in the community (共建活动), by kind.

use qiaomen_core::model::{Activity, ActivityKind, Grid, Partner};
use qiaomen_core::outreach::OutreachCommand;
use qiaomen_core::{Command, Date, Reads};
use serde_json::json;
use std::fmt::Write as _;

use super::{clean_lines, date_opt, describe};
use crate::cli::ActivityCmd;
use crate::context::Context;
use crate::error::AppError;
use crate::i18n::{self, Lang, T};
use crate::width::table;

pub fn run(ctx: &Context, cmd: &ActivityCmd) -> Result<String, AppError> {
    let lang = ctx.lang;
    // A partner is named from the register: who may not read it is told so first (exit 4),
    // not that no partner matches.
    super::fund::reads_fund(ctx)?;
    match cmd {
        ActivityCmd::List {
            partner,
            kind,
            from,
            to,
            json,
        } => {
            let partner = super::partner_id(&*ctx.backend, partner.as_deref())?;
            let kind: Option<ActivityKind> = kind
                .as_deref()
                .map(|k| i18n::parse_activity_kind(lang, k))
                .transpose()?;
            let from = date_opt(from.as_deref(), ctx)?;
            let to = date_opt(to.as_deref(), ctx)?;
            let mut all: Vec<Activity> = ctx
                .backend
                .all::<Activity>()?
                .into_iter()
                .filter(|a| partner.is_none_or(|p| a.partner == p))
                .filter(|a| kind.is_none_or(|k| a.kind == k))
                .filter(|a| within(a.date, from, to))
                .collect();
            all.sort_by_key(|a| std::cmp::Reverse((a.date, a.id)));
            if *json {
                let people: u64 = all.iter().map(|a| u64::from(a.people)).sum();
                return Ok(super::json(&json!({
                    "activities": all,
                    "count": all.len(),
                    "people_reached": people,
                })));
            }
            let partners = ctx.backend.all::<Partner>()?;
            let grids = ctx.backend.all::<Grid>()?;
            Ok(list(lang, &all, &partners, &grids))
        }
        ActivityCmd::Add {
            partner,
            kind,
            date,
            people,
            note,
            grid,
        } => {
            let kind = i18n::parse_activity_kind(lang, kind)?;
            let partner = super::partner(&*ctx.backend, partner)?;
            let grid = grid
                .as_deref()
                .map(|g| qiaomen_core::lookup::grid(&*ctx.backend, g).map(|g| g.id))
                .transpose()?;
            let a = Activity {
                id: 0,
                partner: partner.id,
                kind,
                date: ctx.date_arg(date)?,
                people: *people,
                grid,
                note: note.clone(),
            };
            let cmd = Command::Outreach(OutreachCommand::AddActivity(a));
            let applied = ctx.backend.apply(cmd, &ctx.actor()?)?;
            let saved = ctx.backend.require::<Activity>(applied.id)?;
            Ok(clean_lines(&format!(
                "{}\n",
                lang.fill(
                    T::ActivitySaved,
                    &[
                        &saved.id,
                        &partner.name,
                        &i18n::activity_kind(lang, saved.kind),
                        &saved.date,
                    ],
                )
            )))
        }
    }
}

/// Whether `day` is within the optional bounds (both included).
pub fn within(day: Date, from: Option<Date>, to: Option<Date>) -> bool {
    from.is_none_or(|f| day >= f) && to.is_none_or(|t| day <= t)
}

/// One activity in words: `2026-11-05 健康体检 18 人次 · 上门体检`.
pub fn line(lang: Lang, a: &Activity) -> String {
    let mut out = format!("{} {}", a.date, i18n::activity_kind(lang, a.kind));
    if a.people > 0 {
        let _ = write!(out, " {} {}", a.people, lang.t(T::ColPeople));
    }
    if !a.note.is_empty() {
        let _ = write!(out, " · {}", a.note);
    }
    out
}

fn list(lang: Lang, all: &[Activity], partners: &[Partner], grids: &[Grid]) -> String {
    if all.is_empty() {
        return format!("{}\n", lang.t(T::NoActivities));
    }
    let rows: Vec<Vec<String>> = all
        .iter()
        .map(|a| {
            vec![
                format!("#{}", a.id),
                a.date.to_string(),
                i18n::activity_kind(lang, a.kind).to_owned(),
                describe::partner_name(partners, a.partner),
                a.people.to_string(),
                a.grid
                    .and_then(|g| grids.iter().find(|x| x.id == g))
                    .map(|g| g.code.clone())
                    .unwrap_or_default(),
                a.note.clone(),
            ]
        })
        .collect();
    let header = [
        lang.t(T::ColNumber),
        lang.t(T::ColDate),
        lang.t(T::ColKind),
        lang.t(T::ColPartner),
        lang.t(T::ColPeople),
        lang.t(T::ColGrid),
        lang.t(T::ColNote),
    ];
    let people: u64 = all.iter().map(|a| u64::from(a.people)).sum();
    let mut out = table(&header, &rows, &[5, 10, 8, 24, 8, 6, 40]);
    out.push_str(&lang.fill(T::ActivitiesTotal, &[&all.len(), &people]));
    out.push('\n');
    clean_lines(&out)
}
