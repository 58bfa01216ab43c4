//! `qiaomen care set ELDER`: an elder's care plan (关爱计划): level, callers, doorbell, and
//! stopping or resuming the daily check-in. The plan is part of the resident, so each change
//! is one `Command::SaveResident` (audited with the fields before and after).

use qiaomen_core::Reads;
use qiaomen_core::model::{CarePlan, Category, Member, Resident};
use qiaomen_core::people::still_here;
use qiaomen_core::{Command, Date, Error};

use crate::cli::{CareArgs, CareCmd};
use crate::commands::register::clean_lines;
use crate::context::Context;
use crate::error::AppError;
use crate::i18n::{self, Lang, T};

pub fn run(ctx: &Context, cmd: &CareCmd) -> Result<String, AppError> {
    match cmd {
        CareCmd::Set(args) => set(ctx, args),
        other => crate::commands::care::support::run(ctx, other),
    }
}

/// `yes`/`no` as people type them.
fn yes_no(text: &str) -> Result<bool, Error> {
    match text.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "有" | "是" => Ok(true),
        "no" | "n" | "false" | "0" | "无" | "否" => Ok(false),
        other => Err(Error::invalid(
            "doorbell",
            qiaomen_core::reason::Reason::NotYesNo {
                text: other.to_string(),
            },
        )),
    }
}

fn set(ctx: &Context, a: &CareArgs) -> Result<String, AppError> {
    let lang = ctx.lang;
    let today = ctx.now()?.date;
    let mut r = super::resident(&*ctx.backend, &a.elder)?;
    still_here(&r)?;
    let doorbell = a
        .doorbell
        .as_deref()
        .map(yes_no)
        .transpose()
        .map_err(|e| AppError::Usage(i18n::error(lang, &e)))?;
    let mut callers = Vec::new();
    for c in &a.callers {
        let id = super::member(&*ctx.backend, c)?.id;
        if !callers.contains(&id) {
            callers.push(id);
        }
    }
    let mut plan = r.care.take().unwrap_or(CarePlan {
        level: 3,
        callers: Vec::new(),
        doorbell: false,
        active_from: today,
        active_to: None,
        doorbell_device: None,
    });
    if let Some(level) = a.level {
        plan.level = level;
    }
    if !callers.is_empty() {
        plan.callers = callers;
    }
    if let Some(d) = doorbell {
        plan.doorbell = d;
        if !d {
            plan.doorbell_device = None;
        }
    }
    if let Some(id) = a.doorbell_device.as_deref().map(str::trim) {
        if id.eq_ignore_ascii_case("none") || id.is_empty() {
            plan.doorbell_device = None;
        } else {
            let id = qiaomen_core::doorbell::device(id)
                .map_err(|e| AppError::Usage(i18n::error(lang, &e)))?;
            plan.doorbell = true;
            plan.doorbell_device = Some(id.into());
        }
    }
    if a.stop {
        // Greeted through today (a call may already have been made), off the roll tomorrow.
        plan.active_to = Some(today);
    }
    if a.resume {
        // A plan holds one period: a resumed one starts again today, so the days it was
        // stopped do not count as missed.
        if plan.active_to.is_some_and(|to| to < today) {
            plan.active_from = today;
        }
        plan.active_to = None;
    }
    if !r.categories.contains(&Category::Elder) {
        r.categories.push(Category::Elder);
    }
    r.care = Some(plan);
    let applied = ctx.backend.apply(Command::SaveResident(r), &ctx.actor()?)?;
    let saved = ctx.backend.require::<Resident>(applied.id)?;
    Ok(clean_lines(&describe(ctx, &saved, today)?))
}

/// `石秋云 的关爱计划：一级（高风险）；问候人：柳青禾；幸福门铃：有；自 2026-01-01 起每日问候。`
fn describe(ctx: &Context, r: &Resident, today: Date) -> Result<String, AppError> {
    let lang = ctx.lang;
    let Some(plan) = &r.care else {
        return Ok(String::new());
    };
    let members = ctx.backend.all::<Member>()?;
    let callers: Vec<String> = plan
        .callers
        .iter()
        .map(|id| {
            members
                .iter()
                .find(|m| m.id == *id)
                .map_or_else(|| format!("#{id}"), |m| m.name.clone())
        })
        .collect();
    let callers = if callers.is_empty() {
        lang.t(T::PplNobody).to_owned()
    } else {
        callers.join(if lang == Lang::Zh { "、" } else { ", " })
    };
    let period = match plan.active_to {
        Some(to) if to < today => lang.fill(T::PplCareEnded, &[&to]),
        Some(to) => lang.fill(T::PplCareUntil, &[&plan.active_from, &to]),
        None => lang.fill(T::PplCareFrom, &[&plan.active_from]),
    };
    Ok(lang.fill(
        T::PplCareSaved,
        &[
            &r.name,
            &i18n::care_level(lang, plan.level),
            &callers,
            &match (&plan.doorbell_device, plan.doorbell) {
                (Some(id), _) => lang.fill(T::DoorbellDevice, &[id]),
                (None, true) => lang.t(T::Yes).to_owned(),
                (None, false) => lang.t(T::No).to_owned(),
            },
            &period,
        ],
    ))
}
