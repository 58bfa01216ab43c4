//! `qiaomen contact list|add|set|remove ELDER`: emergency contacts in the order they are
//! called when an elder is not reached. Each change is one `Command::SaveResident`.

use qiaomen_core::model::{EmergencyContact, Resident};
use qiaomen_core::people::still_here;
use qiaomen_core::{Command, Error, Reads};
use serde_json::json;
use std::fmt::Write as _;

use crate::cli::ContactCmd;
use crate::commands::register::{clean_lines, json};
use crate::context::Context;
use crate::error::AppError;
use crate::i18n::T;

pub fn run(ctx: &Context, cmd: &ContactCmd) -> Result<String, AppError> {
    match cmd {
        ContactCmd::List { elder, json } => {
            let r = super::resident(&*ctx.backend, elder)?;
            if *json {
                return Ok(json_list(&r));
            }
            Ok(list(ctx, &r))
        }
        ContactCmd::Add {
            elder,
            name,
            relation,
            phone,
            at,
        } => {
            let mut r = super::resident(&*ctx.backend, elder)?;
            still_here(&r)?;
            let c = EmergencyContact {
                name: name.clone(),
                relation: relation.clone(),
                phone: phone.clone(),
            };
            let at = place(at.unwrap_or(r.contacts.len() + 1), r.contacts.len() + 1)?;
            r.contacts.insert(at, c);
            save(ctx, r)
        }
        ContactCmd::Set {
            elder,
            contact,
            name,
            relation,
            phone,
            at,
        } => {
            let mut r = super::resident(&*ctx.backend, elder)?;
            still_here(&r)?;
            let i = which(&r, contact)?;
            let mut c = r.contacts.remove(i);
            if let Some(n) = name {
                c.name.clone_from(n);
            }
            if let Some(rel) = relation {
                c.relation.clone_from(rel);
            }
            if let Some(p) = phone {
                c.phone.clone_from(p);
            }
            let at = place(at.unwrap_or(i + 1), r.contacts.len() + 1)?;
            r.contacts.insert(at, c);
            save(ctx, r)
        }
        ContactCmd::Remove { elder, contact } => {
            let mut r = super::resident(&*ctx.backend, elder)?;
            still_here(&r)?;
            let i = which(&r, contact)?;
            r.contacts.remove(i);
            save(ctx, r)
        }
    }
}

/// A position from 1 to `max`, as an index.
fn place(n: usize, max: usize) -> Result<usize, Error> {
    if n == 0 || n > max {
        return Err(Error::invalid(
            "position",
            qiaomen_core::reason::Reason::PositionRange { max, given: n },
        ));
    }
    Ok(n - 1)
}

/// A contact by position (from 1) or by name.
fn which(r: &Resident, query: &str) -> Result<usize, Error> {
    let q = query.trim();
    if let Ok(n) = q.parse::<usize>() {
        return place(n, r.contacts.len().max(1)).and_then(|i| {
            if i < r.contacts.len() {
                Ok(i)
            } else {
                Err(Error::NoMatch {
                    kind: "contact",
                    query: q.to_owned(),
                })
            }
        });
    }
    let hits: Vec<usize> = (0..r.contacts.len())
        .filter(|&i| r.contacts[i].name == q)
        .collect();
    match hits.as_slice() {
        [i] => Ok(*i),
        [] => Err(Error::NoMatch {
            kind: "contact",
            query: q.to_owned(),
        }),
        many => Err(Error::Ambiguous {
            kind: "contacts",
            query: q.to_owned(),
            candidates: many
                .iter()
                .map(|i| (i + 1).to_string())
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

fn save(ctx: &Context, r: Resident) -> Result<String, AppError> {
    let applied = ctx.backend.apply(Command::SaveResident(r), &ctx.actor()?)?;
    let saved = ctx.backend.require::<Resident>(applied.id)?;
    Ok(list(ctx, &saved))
}

fn json_list(r: &Resident) -> String {
    let rows: Vec<serde_json::Value> = r
        .contacts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            json!({
                "position": i + 1,
                "name": c.name,
                "relation": c.relation,
                "phone": c.phone,
            })
        })
        .collect();
    json(&json!({ "resident": r.id, "name": r.name, "contacts": rows }))
}

/// `石秋云 的紧急联系人（按拨打顺序）：` then `  1. 石小川（儿子）13900000002`.
fn list(ctx: &Context, r: &Resident) -> String {
    let lang = ctx.lang;
    let mut out = lang.fill(T::PplContactsOf, &[&r.name]);
    out.push('\n');
    if r.contacts.is_empty() {
        let _ = writeln!(out, "  {}", lang.t(T::NoneYet));
    }
    for (i, c) in r.contacts.iter().enumerate() {
        let relation = if c.relation.is_empty() {
            String::new()
        } else {
            lang.fill(T::PplRelation, &[&c.relation])
        };
        let _ = writeln!(out, "  {}. {}{relation} {}", i + 1, c.name, c.phone);
    }
    clean_lines(&out)
}
