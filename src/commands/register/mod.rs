//! The register from the shell (`household`, `partner`, `pledge`, `fund`, `visit`, `meeting`),
//! and the lookups and wording those commands share with the register pane.

pub mod activity;
pub mod cadence;
pub mod describe;
pub mod due;
pub mod duty;
pub mod fund;
pub mod goods;
pub mod household;
mod household_list;
pub mod meeting;
pub mod notice;
pub mod partner;
pub mod pledge;
pub mod visit;

use qiaomen_core::Reads;
use qiaomen_core::model::{Household, Id, Meeting, Partner, Pledge, Resident};
use qiaomen_core::{Date, Error};

use crate::backend::Backend;
use serde::Serialize;

use crate::error::{AppError, arg};
use crate::i18n::Lang;

/// Pretty JSON with a final newline; the keys are the core types' own (stable, English).
pub fn json<V: Serialize>(value: &V) -> String {
    format!("{}\n", serde_json::to_string_pretty(value).expect("json"))
}

/// Output lines with any control character from the database made harmless.
pub fn clean_lines(out: &str) -> String {
    out.lines()
        .map(|l| qiaomen_core::text::sanitize(l) + "\n")
        .collect()
}

pub(crate) fn parse_id(text: &str) -> Option<Id> {
    text.trim().trim_start_matches('#').parse().ok()
}

fn one_of<T: Clone>(
    kind: &'static str,
    query: &str,
    hits: &[T],
    label: impl Fn(&T) -> String,
) -> Result<T, Error> {
    match hits {
        [] => Err(Error::NoMatch {
            kind,
            query: query.to_owned(),
        }),
        [one] => Ok(one.clone()),
        many => Err(Error::Ambiguous {
            kind,
            query: query.to_owned(),
            candidates: many.iter().map(label).collect::<Vec<_>>().join(", "),
        }),
    }
}

/// A household by id (`12`, `#12`) or by the name of one of its residents.
pub fn household(store: &dyn Backend, query: &str) -> Result<Household, Error> {
    if let Some(id) = parse_id(query) {
        return store.require::<Household>(id);
    }
    let q = query.trim();
    let mut ids: Vec<Id> = store
        .all::<Resident>()?
        .into_iter()
        .filter(|r| r.name == q)
        .filter_map(|r| r.household)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let hits: Vec<Household> = ids
        .into_iter()
        .map(|id| store.require::<Household>(id))
        .collect::<Result<_, _>>()?;
    one_of("household", q, &hits, |h| {
        format!("#{} {}", h.id, h.address)
    })
}

/// A partner by id, by its exact name, or by a part of its name that only it has.
/// A partner named on the command line, if one is: its id (`--partner` of the list commands).
pub fn partner_id(store: &dyn Backend, query: Option<&str>) -> Result<Option<Id>, Error> {
    query.map(|p| partner(store, p).map(|p| p.id)).transpose()
}

pub fn partner(store: &dyn Backend, query: &str) -> Result<Partner, Error> {
    if let Some(id) = parse_id(query) {
        return store.require::<Partner>(id);
    }
    let q = query.trim();
    let all = store.all::<Partner>()?;
    let exact: Vec<Partner> = all.iter().filter(|p| p.name == q).cloned().collect();
    let hits = if exact.is_empty() {
        all.into_iter().filter(|p| p.name.contains(q)).collect()
    } else {
        exact
    };
    one_of("partner", q, &hits, |p| format!("{} (#{})", p.name, p.id))
}

pub fn pledge(store: &dyn Backend, query: &str) -> Result<Pledge, Error> {
    let id = parse_id(query).ok_or_else(|| {
        Error::invalid(
            "pledge",
            qiaomen_core::reason::Reason::NotARecordNumber {
                kind: "pledge".to_owned(),
                text: query.to_string(),
            },
        )
    })?;
    store.require::<Pledge>(id)
}

pub fn meeting(store: &dyn Backend, query: &str) -> Result<Meeting, Error> {
    let id = parse_id(query).ok_or_else(|| {
        Error::invalid(
            "meeting",
            qiaomen_core::reason::Reason::NotARecordNumber {
                kind: "meeting".to_owned(),
                text: query.to_string(),
            },
        )
    })?;
    store.require::<Meeting>(id)
}

/// `#5 徐小平 顺和小区 3-2-501`: a household as the people who work with it name it.
pub fn household_label(store: &dyn Backend, h: &Household) -> Result<String, Error> {
    let head = match h.members.first() {
        Some(&id) => store.get::<Resident>(id)?.map(|r| r.name),
        None => None,
    };
    Ok(match head {
        Some(name) => format!("#{} {name} {}", h.id, h.address),
        None => format!("#{} {}", h.id, h.address),
    })
}

/// An amount typed in yuan (`500`, `12,345.67`), in fen; a malformed one is a usage error.
pub fn yuan(text: &str, lang: Lang) -> Result<i64, AppError> {
    arg(qiaomen_core::register::parse_yuan(text), lang)
}

/// An optional `--date`-like value, typed as `Context::date_arg` reads it.
pub fn date_opt(
    text: Option<&str>,
    ctx: &crate::context::Context,
) -> Result<Option<Date>, AppError> {
    ctx.date_opt(text)
}
