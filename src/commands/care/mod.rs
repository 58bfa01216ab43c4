//! Teams, services, service plans and support records from the shell (issue 16 points 1–2),
//! and the lookups and labels those commands share with the register pane and the cards.

pub mod service;
pub mod support;
pub mod team;

use qiaomen_core::Reads;
use qiaomen_core::care::{Person, Provider, Team, Whom};
use qiaomen_core::model::{Id, Member, Partner, Resident};
use qiaomen_core::{Error, lookup};

use crate::backend::Backend;
use crate::cli::WhomArgs;
use crate::context::Context;
use crate::error::AppError;
use crate::i18n::{Lang, T};

/// The resident, or with `--household` the household, the arguments name.
pub fn whom(ctx: &Context, a: &WhomArgs) -> Result<Whom, AppError> {
    whom_of(&*ctx.backend, &a.who, a.household)
}

pub fn whom_of(store: &dyn Backend, who: &str, household: bool) -> Result<Whom, AppError> {
    Ok(if household {
        Whom::Household(crate::commands::register::household(store, who)?.id)
    } else {
        Whom::Resident(lookup::resident(store, who)?.id)
    })
}

/// `王秀英` or `#5 徐小平 顺和小区 3-2-501`.
pub fn whom_label(store: &dyn Backend, whom: Whom) -> Result<String, Error> {
    Ok(match whom {
        Whom::Resident(r) => store
            .get::<Resident>(r)?
            .map_or_else(|| format!("#{r}"), |r| r.name),
        Whom::Household(h) => match store.get::<qiaomen_core::model::Household>(h)? {
            Some(h) => crate::commands::register::household_label(store, &h)?,
            None => format!("#{h}"),
        },
    })
}

fn parse_id(text: &str) -> Option<Id> {
    text.trim().trim_start_matches('#').parse().ok()
}

/// A team by id, exact name, or a part of a name only one team has.
pub fn team(store: &dyn Backend, query: &str) -> Result<Team, Error> {
    if let Some(id) = parse_id(query) {
        return store.require::<Team>(id);
    }
    let q = query.trim();
    let all = store.all::<Team>()?;
    let exact: Vec<&Team> = all.iter().filter(|t| t.name == q).collect();
    let hits: Vec<&Team> = if exact.is_empty() {
        all.iter().filter(|t| t.name.contains(q)).collect()
    } else {
        exact
    };
    match hits.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(Error::NoMatch {
            kind: "team",
            query: q.to_owned(),
        }),
        many => Err(Error::Ambiguous {
            kind: "team",
            query: q.to_owned(),
            candidates: many
                .iter()
                .map(|t| format!("{} (#{})", t.name, t.id))
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

/// `team:NAME`, `member:NAME`, `partner:NAME`, or a name (or id) only one of them has.
pub fn provider(store: &dyn Backend, text: &str, lang: Lang) -> Result<Provider, AppError> {
    let t = text.trim();
    let tagged = |prefix: &str| t.strip_prefix(prefix).map(str::trim);
    if let Some(q) = tagged("team:") {
        return Ok(Provider::Team(team(store, q)?.id));
    }
    if let Some(q) = tagged("member:") {
        return Ok(Provider::Member(lookup::member(store, q)?.id));
    }
    if let Some(q) = tagged("partner:") {
        return Ok(Provider::Partner(
            crate::commands::register::partner(store, q)?.id,
        ));
    }
    let mut found = Vec::new();
    if let Ok(t) = team(store, t) {
        found.push(Provider::Team(t.id));
    }
    if let Ok(m) = lookup::member(store, t) {
        found.push(Provider::Member(m.id));
    }
    if let Ok(p) = crate::commands::register::partner(store, t) {
        found.push(Provider::Partner(p.id));
    }
    match found.as_slice() {
        [one] => Ok(*one),
        _ => Err(AppError::Usage(lang.fill(T::ErrProviderArg, &[&t]))),
    }
}

/// A member of staff or a resident: `member:NAME`, `resident:NAME`, or a name (or id) only
/// one of them has.
pub fn person(store: &dyn Backend, text: &str, lang: Lang) -> Result<Person, AppError> {
    let t = text.trim();
    if let Some(q) = t.strip_prefix("member:") {
        return Ok(Person::Member(lookup::member(store, q.trim())?.id));
    }
    if let Some(q) = t.strip_prefix("resident:") {
        return Ok(Person::Resident(lookup::resident(store, q.trim())?.id));
    }
    let member = lookup::member(store, t).ok();
    let resident = lookup::resident(store, t).ok();
    match (member, resident) {
        (Some(m), None) => Ok(Person::Member(m.id)),
        (None, Some(r)) => Ok(Person::Resident(r.id)),
        _ => Err(AppError::Usage(lang.fill(T::ErrPersonArg, &[&t]))),
    }
}

pub fn person_label(store: &dyn Backend, p: Person) -> Result<String, Error> {
    Ok(match p {
        Person::Member(m) => store
            .get::<Member>(m)?
            .map_or_else(|| format!("#{m}"), |m| m.name),
        Person::Resident(r) => store
            .get::<Resident>(r)?
            .map_or_else(|| format!("#{r}"), |r| r.name),
    })
}

pub fn provider_label(store: &dyn Backend, p: Provider) -> Result<String, Error> {
    Ok(match p {
        Provider::Member(m) => person_label(store, Person::Member(m))?,
        Provider::Team(t) => store
            .get::<Team>(t)?
            .map_or_else(|| format!("#{t}"), |t| t.name),
        Provider::Partner(p) => store
            .get::<Partner>(p)?
            .map_or_else(|| format!("#{p}"), |p| p.name),
    })
}

/// `week`, `month`, `周`, `月` or a number of days.
pub fn every(text: &str, lang: Lang) -> Result<u16, AppError> {
    let days = match text.trim().to_ascii_lowercase().as_str() {
        "week" | "weekly" | "周" | "每周" => 7,
        "month" | "monthly" | "月" | "每月" => 30,
        n => n
            .parse::<u16>()
            .map_err(|_| AppError::Usage(lang.t(T::ErrEveryArg).to_owned()))?,
    };
    crate::error::arg(qiaomen_core::care::check_every(days), lang)?;
    Ok(days)
}

/// Minutes as hours with one decimal (`1.5`).
pub fn hours(minutes: u64) -> String {
    let tenths = (minutes * 10 + 30) / 60;
    format!("{}.{}", tenths / 10, tenths % 10)
}
