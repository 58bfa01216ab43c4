//! `qiaomen care add|list|show|end|due`: support records (帮扶记录) for a person with a
//! disability, a left-behind child, a household in difficulty or a special support family;
//! `care list` shows the elders' care plans beside them. `care set` (an elder's care plan)
//! lives in `people/care.rs`.

use std::fmt::Write as _;

use qiaomen_core::Command;
use qiaomen_core::Reads;
use qiaomen_core::care::{CareCommand, Service, Support, contacts_due, last_contacts, reaches};
use qiaomen_core::model::{Category, Id, Member, Resident, Visit};

use super::{whom, whom_label};
use crate::backend::Backend;
use crate::cli::{CareCmd, SupportAddArgs};
use crate::commands::register::{clean_lines, json};
use crate::context::Context;
use crate::error::{AppError, arg, opt_arg};
use crate::i18n::{self, Lang, T};
use crate::width::table;

pub fn run(ctx: &Context, cmd: &CareCmd) -> Result<String, AppError> {
    match cmd {
        CareCmd::Set(_) => crate::commands::people::care::run(ctx, cmd),
        CareCmd::Add(a) => add(ctx, a),
        CareCmd::List {
            kind,
            all,
            json: as_json,
        } => list(ctx, kind.as_deref(), *all, *as_json),
        CareCmd::Show {
            support,
            json: as_json,
        } => show(ctx, *support, *as_json),
        CareCmd::End {
            support,
            date,
            reason,
        } => {
            let date = ctx.date_or_today(date.as_deref())?;
            ctx.backend.apply(
                Command::Care(CareCommand::EndSupport {
                    support: *support,
                    date,
                    reason: reason.clone(),
                }),
                &ctx.actor()?,
            )?;
            Ok(format!(
                "{}\n",
                ctx.lang.fill(T::SupportEnded, &[support, &date])
            ))
        }
        CareCmd::Due {
            date,
            json: as_json,
        } => due(ctx, date.as_deref(), *as_json),
    }
}

fn names(store: &dyn Backend, ids: &[Id], lang: Lang) -> Result<String, AppError> {
    let mut out = Vec::with_capacity(ids.len());
    for &id in ids {
        out.push(
            store
                .get::<Member>(id)?
                .map_or_else(|| format!("#{id}"), |m| m.name),
        );
    }
    Ok(out.join(if lang == Lang::Zh { "、" } else { ", " }))
}

fn add(ctx: &Context, a: &SupportAddArgs) -> Result<String, AppError> {
    let lang = ctx.lang;
    let store = &*ctx.backend;
    let kind: Category = arg(a.kind.parse(), lang)?;
    let mut carers = Vec::with_capacity(a.carers.len());
    for c in &a.carers {
        carers.push(qiaomen_core::lookup::member(store, c)?.id);
    }
    let every_days = a
        .every
        .as_deref()
        .map(|e| super::every(e, lang))
        .transpose()?;
    let s = Support {
        id: 0,
        whom: whom(ctx, &a.whom)?,
        kind,
        carers,
        every_days,
        family: a.family.clone(),
        difficulties: a.difficulties.clone(),
        help_wanted: a.help_wanted.clone(),
        from: ctx.date_or_today(a.from.as_deref())?,
        ended: None,
    };
    let applied = ctx
        .backend
        .apply(Command::Care(CareCommand::SaveSupport(s)), &ctx.actor()?)?;
    let s = store.require::<Support>(applied.id)?;
    Ok(clean_lines(&format!(
        "{}\n",
        lang.fill(
            T::SupportSaved,
            &[
                &s.id,
                &whom_label(store, s.whom)?,
                &i18n::category(lang, s.kind),
                &i18n::every_days(lang, s.every())
            ]
        )
    )))
}

/// An elder on the roll call, as `care list --json` shows them beside the support records.
#[derive(serde::Serialize)]
struct ElderInCare {
    resident: Id,
    name: String,
    level: u8,
    callers: Vec<Id>,
}

#[derive(serde::Serialize)]
struct InCare {
    elders: Vec<ElderInCare>,
    supports: Vec<Support>,
}

fn list(ctx: &Context, kind: Option<&str>, all: bool, as_json: bool) -> Result<String, AppError> {
    let lang = ctx.lang;
    let store = &*ctx.backend;
    let kind: Option<Category> = opt_arg(kind, lang)?;
    let today = ctx.now()?.date;
    let elders: Vec<ElderInCare> = if kind.is_none_or(|k| k == Category::Elder) {
        store
            .elders()?
            .into_iter()
            .filter_map(|r| {
                let care = r.care.as_ref()?;
                (all || care.active_on(today)).then(|| ElderInCare {
                    resident: r.id,
                    name: r.name.clone(),
                    level: care.level,
                    callers: care.callers.clone(),
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    let supports: Vec<Support> = store
        .all::<Support>()?
        .into_iter()
        .filter(|s| kind.is_none_or(|k| s.kind == k))
        .filter(|s| all || s.ended.as_ref().is_none_or(|e| today <= e.date))
        .collect();
    if as_json {
        return Ok(json(&InCare { elders, supports }));
    }
    if elders.is_empty() && supports.is_empty() {
        return Ok(format!("{}\n", lang.t(T::NoSupports)));
    }
    let mut rows = Vec::with_capacity(elders.len() + supports.len());
    for s in &supports {
        rows.push(vec![
            format!("#{}", s.id),
            whom_label(store, s.whom)?,
            i18n::category(lang, s.kind).to_owned(),
            names(store, &s.carers, lang)?,
            i18n::pairing_kind(lang, s.pairing()).to_owned(),
            i18n::every_days(lang, s.every()),
            s.ended
                .as_ref()
                .map(|e| e.date.to_string())
                .unwrap_or_default(),
        ]);
    }
    for e in &elders {
        rows.push(vec![
            String::new(),
            e.name.clone(),
            i18n::category(lang, Category::Elder).to_owned(),
            names(store, &e.callers, lang)?,
            i18n::pairing_kind(
                lang,
                if e.callers.len() > 1 {
                    qiaomen_core::care::Pairing::ManyToOne
                } else {
                    qiaomen_core::care::Pairing::OneToOne
                },
            )
            .to_owned(),
            i18n::every_days(lang, 1),
            String::new(),
        ]);
    }
    let header = [
        "#",
        lang.t(T::ColName),
        lang.t(T::ColKind),
        lang.t(T::ColCarers),
        lang.t(T::ColPairing),
        lang.t(T::ColEvery),
        lang.t(T::ColEnded),
    ];
    Ok(clean_lines(&table(
        &header,
        &rows,
        &[6, 28, 18, 40, 12, 14, 10],
    )))
}

fn show(ctx: &Context, id: Id, as_json: bool) -> Result<String, AppError> {
    let lang = ctx.lang;
    let store = &*ctx.backend;
    let s = store.require::<Support>(id)?;
    let today = ctx.now()?.date;
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
        .filter(|x| reaches(x.whom, s.whom, &household_of))
        .collect();
    services.sort_by_key(|x| std::cmp::Reverse((x.date, x.id)));
    let last = last_contacts(
        s.whom,
        &store.all::<Visit>()?,
        &services,
        &residents,
        s.from,
        today,
    );
    if as_json {
        #[derive(serde::Serialize)]
        struct Shown<'a> {
            support: &'a Support,
            last_contact: Option<qiaomen_core::Date>,
            services: &'a [Service],
        }
        return Ok(json(&Shown {
            support: &s,
            last_contact: last.map(|(d, _)| d),
            services: &services,
        }));
    }
    let field = |k: T, v: &str| format!("{}{v}\n", lang.label(k));
    let mut out = format!(
        "#{} {} · {}\n",
        s.id,
        whom_label(store, s.whom)?,
        i18n::category(lang, s.kind)
    );
    out.push_str(&field(
        T::ColCarers,
        &format!(
            "{} ({})",
            names(store, &s.carers, lang)?,
            i18n::pairing_kind(lang, s.pairing())
        ),
    ));
    out.push_str(&field(T::ColEvery, &i18n::every_days(lang, s.every())));
    out.push_str(&field(T::ColFrom, &s.from.to_string()));
    if let Some(e) = &s.ended {
        out.push_str(&field(T::ColEnded, &format!("{} {}", e.date, e.reason)));
    }
    out.push_str(&field(T::ColFamily, &s.family));
    out.push_str(&field(T::ColDifficulties, &s.difficulties));
    out.push_str(&field(T::ColHelpWanted, &s.help_wanted));
    let last = last.map_or_else(
        || lang.t(T::CareNever).to_owned(),
        |(d, by)| format!("{d} {}", i18n::contact_by_kind(lang, by)),
    );
    out.push_str(&field(T::ColLastContact, &last));
    let _ = writeln!(out, "{}", lang.heading(T::ServicesReceived));
    if services.is_empty() {
        let _ = writeln!(out, "  {}", lang.t(T::NoServices));
    } else {
        out.push_str(&super::service::rows(ctx, &services)?);
    }
    Ok(clean_lines(&out))
}

fn due(ctx: &Context, date: Option<&str>, as_json: bool) -> Result<String, AppError> {
    let lang = ctx.lang;
    let store = &*ctx.backend;
    let day = ctx.date_or_today(date)?;
    let items = contacts_due(
        &store.all::<Support>()?,
        &store.all::<Visit>()?,
        &store.all::<Service>()?,
        &store.all::<Resident>()?,
        day,
    );
    if as_json {
        return Ok(json(&items));
    }
    if items.is_empty() {
        return Ok(format!("{}\n", lang.t(T::NoContactsDue)));
    }
    let overdue = items.iter().filter(|d| d.overdue).count();
    let mut out = format!(
        "{}\n",
        lang.fill(
            T::ContactsDueHead,
            &[
                &day,
                &qiaomen_core::cadence::week_end(day),
                &items.len(),
                &overdue
            ]
        )
    );
    let mut rows = Vec::with_capacity(items.len());
    for d in &items {
        let last = match (d.last, d.last_by) {
            (Some(l), Some(by)) => format!("{l} {}", i18n::contact_by_kind(lang, by)),
            _ => lang.t(T::CareNever).to_owned(),
        };
        rows.push(vec![
            super::service::due_mark(lang, d.due, d.overdue),
            whom_label(store, d.whom)?,
            i18n::category(lang, d.kind).to_owned(),
            names(store, &d.carers, lang)?,
            i18n::every_days(lang, d.every_days),
            last,
        ]);
    }
    let header = [
        lang.t(T::ColDueOn),
        lang.t(T::ColName),
        lang.t(T::ColKind),
        lang.t(T::ColCarers),
        lang.t(T::ColEvery),
        lang.t(T::ColLastContact),
    ];
    out.push_str(&table(&header, &rows, &[20, 28, 18, 24, 14, 24]));
    let _ = writeln!(out, "{}", lang.t(T::ContactsNote));
    Ok(clean_lines(&out))
}
