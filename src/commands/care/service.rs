//! `qiaomen service add|list|due|plan`: services given to people in care (服务记录), the
//! recurring plans (服务计划) and the services due this week, grouped by who provides them.

use std::fmt::Write as _;

use qiaomen_core::Command;
use qiaomen_core::Reads;
use qiaomen_core::care::{
    CareCommand, DueService, Provider, Service, ServiceKind, ServicePlan, reaches, services_due,
};
use qiaomen_core::model::Resident;

use super::{person, provider, provider_label, whom, whom_label, whom_of};
use crate::cli::{ServiceCmd, ServicePlanCmd};
use crate::commands::register::{clean_lines, json};
use crate::context::Context;
use crate::error::{AppError, arg, opt_arg};
use crate::i18n::{self, T};
use crate::width::table;

pub fn run(ctx: &Context, cmd: &ServiceCmd) -> Result<String, AppError> {
    let lang = ctx.lang;
    let store = &*ctx.backend;
    match cmd {
        ServiceCmd::Add(a) => {
            let kind: ServiceKind = arg(a.kind.parse(), lang)?;
            let mut helpers = Vec::with_capacity(a.helpers.len());
            for h in &a.helpers {
                helpers.push(person(store, h, lang)?);
            }
            let s = Service {
                id: 0,
                date: ctx.date_or_today(a.date.as_deref())?,
                whom: whom(ctx, &a.whom)?,
                kind,
                by: provider(store, &a.by, lang)?,
                helpers,
                minutes: a.minutes,
                note: a.note.clone(),
            };
            let applied = ctx
                .backend
                .apply(Command::Care(CareCommand::AddService(s)), &ctx.actor()?)?;
            let s = store.require::<Service>(applied.id)?;
            Ok(clean_lines(&format!(
                "{}\n",
                lang.fill(
                    T::ServiceSaved,
                    &[
                        &s.id,
                        &whom_label(store, s.whom)?,
                        &i18n::service_kind(lang, s.kind),
                        &s.minutes
                    ]
                )
            )))
        }
        ServiceCmd::List {
            who,
            household,
            by,
            kind,
            from,
            to,
            json: as_json,
        } => {
            let target = who
                .as_deref()
                .map(|w| whom_of(store, w, *household))
                .transpose()?;
            let by = by
                .as_deref()
                .map(|b| provider(store, b, lang))
                .transpose()?;
            let kind: Option<ServiceKind> = opt_arg(kind.as_deref(), lang)?;
            let from = ctx.date_opt(from.as_deref())?;
            let to = ctx.date_opt(to.as_deref())?;
            let residents = store.all::<Resident>()?;
            let household_of = |r: u64| {
                residents
                    .iter()
                    .find(|x| x.id == r)
                    .and_then(|x| x.household)
            };
            let mut services: Vec<Service> = store
                .all::<Service>()?
                .into_iter()
                .filter(|s| target.is_none_or(|t| reaches(s.whom, t, &household_of)))
                .filter(|s| by.is_none_or(|b| s.by == b))
                .filter(|s| kind.is_none_or(|k| s.kind == k))
                .filter(|s| from.is_none_or(|f| f <= s.date) && to.is_none_or(|t| s.date <= t))
                .collect();
            services.sort_by_key(|s| std::cmp::Reverse((s.date, s.id)));
            if *as_json {
                return Ok(json(&services));
            }
            if services.is_empty() {
                return Ok(format!("{}\n", lang.t(T::NoServices)));
            }
            rows(ctx, &services)
        }
        ServiceCmd::Due {
            date,
            json: as_json,
        } => due(ctx, date.as_deref(), *as_json),
        ServiceCmd::Plan(p) => plan(ctx, p),
    }
}

/// The services as a table: date, for whom, kind, by whom, minutes, note.
pub fn rows(ctx: &Context, services: &[Service]) -> Result<String, AppError> {
    let lang = ctx.lang;
    let store = &*ctx.backend;
    let mut rows = Vec::with_capacity(services.len());
    for s in services {
        rows.push(vec![
            s.date.to_string(),
            whom_label(store, s.whom)?,
            i18n::service_kind(lang, s.kind).to_owned(),
            provider_label(store, s.by)?,
            s.minutes.to_string(),
            s.note.clone(),
        ]);
    }
    let header = [
        lang.t(T::ColDate),
        lang.t(T::ColWhom),
        lang.t(T::ColService),
        lang.t(T::ColProvider),
        lang.t(T::ColMinutes),
        lang.t(T::ColNote),
    ];
    Ok(clean_lines(&table(
        &header,
        &rows,
        &[10, 28, 14, 16, 7, 60],
    )))
}

/// One provider and the services due of them.
#[derive(serde::Serialize)]
struct DueGroup {
    by: Provider,
    name: String,
    services: Vec<DueService>,
}

#[derive(serde::Serialize)]
struct DueList {
    date: qiaomen_core::Date,
    week_end: qiaomen_core::Date,
    total: usize,
    overdue: usize,
    groups: Vec<DueGroup>,
}

fn due(ctx: &Context, date: Option<&str>, as_json: bool) -> Result<String, AppError> {
    let lang = ctx.lang;
    let store = &*ctx.backend;
    let day = ctx.date_or_today(date)?;
    let items = services_due(
        &store.all::<ServicePlan>()?,
        &store.all::<Service>()?,
        &store.all::<Resident>()?,
        day,
    );
    let overdue = items.iter().filter(|d| d.overdue).count();
    let total = items.len();
    let mut groups: Vec<DueGroup> = Vec::new();
    for d in items {
        match groups.last_mut() {
            Some(g) if g.by == d.by => g.services.push(d),
            _ => groups.push(DueGroup {
                by: d.by,
                name: provider_label(store, d.by)?,
                services: vec![d],
            }),
        }
    }
    let list = DueList {
        date: day,
        week_end: qiaomen_core::cadence::week_end(day),
        total,
        overdue,
        groups,
    };
    if as_json {
        return Ok(json(&list));
    }
    if list.total == 0 {
        return Ok(format!("{}\n", lang.t(T::NoServicesDue)));
    }
    let mut out = format!(
        "{}\n",
        lang.fill(
            T::ServicesDueHead,
            &[&list.date, &list.week_end, &list.total, &list.overdue]
        )
    );
    for g in &list.groups {
        let _ = writeln!(out, "\n{}", g.name);
        let mut rows = Vec::with_capacity(g.services.len());
        for d in &g.services {
            rows.push(vec![
                due_mark(lang, d.due, d.overdue),
                whom_label(store, d.whom)?,
                i18n::service_kind(lang, d.kind).to_owned(),
                i18n::every_days(lang, d.every_days),
                d.last
                    .map_or_else(|| lang.t(T::CareNever).to_owned(), |l| l.to_string()),
            ]);
        }
        let header = [
            lang.t(T::ColDueOn),
            lang.t(T::ColWhom),
            lang.t(T::ColService),
            lang.t(T::ColEvery),
            lang.t(T::ColLastContact),
        ];
        out.push_str(&table(&header, &rows, &[20, 28, 14, 12, 10]));
    }
    Ok(clean_lines(&out))
}

/// `2026-12-01` or `2026-11-24 逾期`.
pub fn due_mark(lang: i18n::Lang, due: qiaomen_core::Date, overdue: bool) -> String {
    if overdue {
        format!("{due} {}", lang.t(T::CareOverdue))
    } else {
        due.to_string()
    }
}

fn plan(ctx: &Context, cmd: &ServicePlanCmd) -> Result<String, AppError> {
    let lang = ctx.lang;
    let store = &*ctx.backend;
    match cmd {
        ServicePlanCmd::Add {
            whom: w,
            kind,
            by,
            every,
            from,
            note,
        } => {
            let p = ServicePlan {
                id: 0,
                whom: whom(ctx, w)?,
                kind: arg(kind.parse(), lang)?,
                by: provider(store, by, lang)?,
                every_days: super::every(every, lang)?,
                from: ctx.date_or_today(from.as_deref())?,
                ended: None,
                note: note.clone(),
            };
            let applied = ctx
                .backend
                .apply(Command::Care(CareCommand::AddPlan(p)), &ctx.actor()?)?;
            let p = store.require::<ServicePlan>(applied.id)?;
            let what = format!(
                "{} {} {}",
                whom_label(store, p.whom)?,
                i18n::service_kind(lang, p.kind),
                i18n::every_days(lang, p.every_days)
            );
            Ok(clean_lines(&format!(
                "{}\n",
                lang.fill(T::PlanSaved, &[&p.id, &what, &provider_label(store, p.by)?])
            )))
        }
        ServicePlanCmd::List { all, json: as_json } => {
            let today = ctx.now()?.date;
            let plans: Vec<ServicePlan> = store
                .all::<ServicePlan>()?
                .into_iter()
                .filter(|p| *all || p.ended.is_none_or(|e| today <= e))
                .collect();
            if *as_json {
                return Ok(json(&plans));
            }
            if plans.is_empty() {
                return Ok(format!("{}\n", lang.t(T::NoServicePlans)));
            }
            let mut rows = Vec::with_capacity(plans.len());
            for p in &plans {
                rows.push(vec![
                    format!("#{}", p.id),
                    whom_label(store, p.whom)?,
                    i18n::service_kind(lang, p.kind).to_owned(),
                    provider_label(store, p.by)?,
                    i18n::every_days(lang, p.every_days),
                    p.from.to_string(),
                    p.ended.map(|e| e.to_string()).unwrap_or_default(),
                ]);
            }
            let header = [
                "#",
                lang.t(T::ColWhom),
                lang.t(T::ColService),
                lang.t(T::ColProvider),
                lang.t(T::ColEvery),
                lang.t(T::ColFrom),
                lang.t(T::ColEnded),
            ];
            Ok(clean_lines(&table(
                &header,
                &rows,
                &[6, 28, 14, 16, 12, 10, 10],
            )))
        }
        ServicePlanCmd::End { plan, date } => {
            let date = ctx.date_or_today(date.as_deref())?;
            ctx.backend.apply(
                Command::Care(CareCommand::EndPlan { plan: *plan, date }),
                &ctx.actor()?,
            )?;
            Ok(format!("{}\n", lang.fill(T::PlanEnded, &[plan, &date])))
        }
    }
}
