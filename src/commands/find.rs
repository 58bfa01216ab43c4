//! `qiaomen find QUERY [--limit N] [--json]`: one hit prints its card, several a list. Uses
//! the same index and ranking as the UI's `/`.

use qiaomen_core::Reads;
use std::fmt::Write as _;

use qiaomen_core::model::{Case, Household, Member, Partner, Resident};
use qiaomen_core::search::{Hit, HitKind};
use serde_json::json;

use crate::context::Context;
use crate::error::AppError;
use crate::i18n::{self, T};
use crate::width::table;

/// `all`: residents who have left are found too, marked as such; without it they are not (see
/// `SearchIndex::query_with`).
pub fn run(
    ctx: &Context,
    query: &str,
    limit: usize,
    json: bool,
    all: bool,
) -> Result<String, AppError> {
    let now = ctx.now()?;
    let hits = ctx.backend.find(query, now.date, limit.max(1), all)?;
    if json {
        let out = json!({ "query": query, "hits": hits });
        return Ok(format!(
            "{}\n",
            serde_json::to_string_pretty(&out).expect("json")
        ));
    }
    let lang = ctx.lang;
    match hits.as_slice() {
        [] => Ok(format!("{}\n", lang.fill(T::NoHits, &[&query]))),
        [one] => card(ctx, one),
        many => {
            let rows: Vec<Vec<String>> = many
                .iter()
                .map(|h| {
                    vec![
                        crate::popups::search::kind_label(lang, h.kind).to_owned(),
                        id_label(h),
                        title(lang, h),
                        h.age
                            .map(|a| lang.fill(T::Years, &[&a]))
                            .unwrap_or_default(),
                        h.context.clone(),
                    ]
                })
                .collect();
            let header = [
                lang.t(T::ColKind),
                lang.t(T::ColNumber),
                lang.t(T::ColName),
                lang.t(T::ColAge),
                "",
            ];
            Ok(table(&header, &rows, &[6, 6, 24, 6, 60]))
        }
    }
}

/// The name, marked when the resident has left (only `--all` finds them).
fn title(lang: crate::i18n::Lang, h: &Hit) -> String {
    if h.tags.contains(&"left") {
        format!("{}{}", h.title, lang.t(T::HitLeft))
    } else {
        h.title.clone()
    }
}

fn id_label(h: &Hit) -> String {
    if h.kind == HitKind::Case {
        format!("#{}", h.id)
    } else {
        h.id.to_string()
    }
}

fn card(ctx: &Context, hit: &Hit) -> Result<String, AppError> {
    let lang = ctx.lang;
    let store = &ctx.backend;
    let mut out = String::new();
    match hit.kind {
        HitKind::Case => return crate::commands::case::card(ctx, &store.require::<Case>(hit.id)?),
        // An organisation's or a team's card is its `org show` or `team show`.
        HitKind::Org => {
            let show = crate::cli::casework::OrgCmd::Show {
                org: format!("#{}", hit.id),
                json: false,
            };
            return crate::commands::casework::run_org(ctx, &show);
        }
        HitKind::Team => {
            let show = crate::cli::TeamCmd::Show {
                team: format!("#{}", hit.id),
                json: false,
            };
            return crate::commands::care::team::run(ctx, &show);
        }
        HitKind::Resident => {
            let r = store.require::<Resident>(hit.id)?;
            let now = ctx.now()?;
            let _ = writeln!(
                out,
                "{} · {} · {}",
                title(lang, hit),
                lang.t(T::HitResident),
                hit.context
            );
            if let Some(age) = r.age_on(now.date) {
                let _ = writeln!(
                    out,
                    "{}{}",
                    lang.label(T::ColAge),
                    lang.fill(T::Years, &[&age])
                );
            }
            let _ = writeln!(
                out,
                "{}{}",
                lang.label(T::ColPhone),
                crate::i18n::phone(lang, &r.phone)
            );
            if let Some(care) = &r.care {
                let callers: Vec<String> = care
                    .callers
                    .iter()
                    .map(|&m| {
                        store
                            .get::<Member>(m)
                            .ok()
                            .flatten()
                            .map_or_else(|| m.to_string(), |m| m.name)
                    })
                    .collect();
                let _ = writeln!(
                    out,
                    "{}{} · {}{}",
                    lang.label(T::CareLevel),
                    i18n::care_level(lang, care.level),
                    lang.label(T::Callers),
                    callers.join("、")
                );
                if let Some(e) = store.roll_entry(now.date, now, r.id)? {
                    let _ = writeln!(
                        out,
                        "{}{}",
                        lang.label(T::ColToday),
                        i18n::day_status(lang, e.status)
                    );
                }
                for (i, c) in r.contacts.iter().enumerate() {
                    let _ = writeln!(
                        out,
                        "{} {}. {}（{}）{}",
                        lang.t(T::Contacts),
                        i + 1,
                        c.name,
                        c.relation,
                        c.phone
                    );
                }
            }
            let cases: Vec<Case> = store
                .all::<Case>()?
                .into_iter()
                .filter(|c| c.status.is_active() && c.residents.contains(&r.id))
                .collect();
            for c in cases {
                let _ = writeln!(
                    out,
                    "{} {} {}",
                    c.number(),
                    i18n::case_status(lang, c.status),
                    c.title
                );
            }
        }
        HitKind::Household => {
            let h = store.require::<Household>(hit.id)?;
            let _ = writeln!(
                out,
                "{} · {} · {}",
                h.address.short(),
                lang.t(T::HitHousehold),
                hit.context
            );
            let names: Vec<String> = h
                .members
                .iter()
                .filter_map(|&p| store.get::<Resident>(p).ok().flatten().map(|r| r.name))
                .collect();
            let _ = writeln!(out, "{}", names.join("、"));
            if let Some(s) = h.file_status() {
                let _ = writeln!(out, "{}", i18n::file_status(lang, s));
            }
            if !h.needs.is_empty() {
                let _ = writeln!(out, "{}", h.needs);
            }
        }
        HitKind::Member => {
            let m = store.require::<Member>(hit.id)?;
            let roles: Vec<&str> = m.roles.iter().map(|r| i18n::role(lang, *r)).collect();
            let _ = writeln!(out, "{} · {} · {}", m.name, roles.join("、"), hit.context);
            if !m.phone.is_empty() {
                let _ = writeln!(out, "{}{}", lang.label(T::ColPhone), m.phone);
            }
        }
        HitKind::Partner => {
            let p = store.require::<Partner>(hit.id)?;
            let _ = writeln!(
                out,
                "{} · {} · {}",
                p.name,
                lang.t(T::HitPartner),
                hit.context
            );
            if !p.scope.is_empty() {
                let _ = writeln!(out, "{}", p.scope);
            }
        }
    }
    Ok(out
        .lines()
        .map(|l| qiaomen_core::text::sanitize(l) + "\n")
        .collect())
}
