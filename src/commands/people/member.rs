//! `qiaomen member list|add|set|deactivate`: the team (stewards, cadres, volunteers, workers,
//! admins). Changes are `Command::SaveMember`, which only an admin may apply.

use qiaomen_core::Command;
use qiaomen_core::Reads;
use qiaomen_core::model::{Grid, Member, Role};
use serde_json::json;

use super::{grid, grid_code, is_none};
use crate::cli::MemberCmd;
use crate::commands::register::{clean_lines, json};
use crate::context::Context;
use crate::error::{AppError, arg};
use crate::i18n::{self, Lang, T};
use crate::width::table;

pub fn run(ctx: &Context, cmd: &MemberCmd) -> Result<String, AppError> {
    let lang = ctx.lang;
    match cmd {
        MemberCmd::List { all, json } => {
            let members: Vec<Member> = ctx
                .backend
                .all::<Member>()?
                .into_iter()
                .filter(|m| *all || m.active)
                .collect();
            list(ctx, &members, *json)
        }
        MemberCmd::Add {
            name,
            phone,
            roles,
            grid: g,
            login,
        } => {
            let m = Member {
                id: 0,
                name: name.clone(),
                phone: phone.clone(),
                roles: parse_roles(roles, lang)?,
                grid: g
                    .as_deref()
                    .map(|g| grid(ctx, g))
                    .transpose()?
                    .map(|g| g.id),
                login: login.clone(),
                active: true,
            };
            save(ctx, m)
        }
        MemberCmd::Set {
            member,
            name,
            phone,
            roles,
            grid: g,
            login,
            activate,
        } => {
            let mut m = super::member(&*ctx.backend, member)?;
            if let Some(n) = name {
                m.name.clone_from(n);
            }
            if let Some(p) = phone {
                m.phone.clone_from(p);
            }
            if !roles.is_empty() {
                m.roles = parse_roles(roles, lang)?;
            }
            if let Some(g) = g {
                m.grid = if is_none(g) {
                    None
                } else {
                    Some(grid(ctx, g)?.id)
                };
            }
            if let Some(l) = login {
                m.login = (!is_none(l)).then(|| l.clone());
            }
            if *activate {
                m.active = true;
            }
            save(ctx, m)
        }
        MemberCmd::Deactivate { member } => {
            let mut m = super::member(&*ctx.backend, member)?;
            m.active = false;
            let applied = ctx
                .backend
                .apply(Command::SaveMember(m.clone()), &ctx.actor()?)?;
            Ok(format!(
                "{}\n",
                lang.fill(T::PplMemberDeactivated, &[&applied.id, &m.name])
            ))
        }
    }
}

fn parse_roles(roles: &[String], lang: Lang) -> Result<Vec<Role>, AppError> {
    roles
        .iter()
        .filter(|r| !r.trim().is_empty())
        .map(|r| arg(r.parse(), lang))
        .collect()
}

fn save(ctx: &Context, m: Member) -> Result<String, AppError> {
    let applied = ctx.backend.apply(Command::SaveMember(m), &ctx.actor()?)?;
    let saved = ctx.backend.require::<Member>(applied.id)?;
    Ok(format!(
        "{}\n",
        ctx.lang.fill(T::PplMemberSaved, &[&saved.id, &saved.name])
    ))
}

fn roles_text(lang: Lang, roles: &[Role]) -> String {
    let words: Vec<&str> = roles.iter().map(|r| i18n::role(lang, *r)).collect();
    words.join(if lang == Lang::Zh { "、" } else { ", " })
}

fn list(ctx: &Context, members: &[Member], as_json: bool) -> Result<String, AppError> {
    let lang = ctx.lang;
    let grids = ctx.backend.all::<Grid>()?;
    let code = |g: Option<u64>| g.map(|g| grid_code(&grids, g));
    if as_json {
        let rows: Vec<serde_json::Value> = members
            .iter()
            .map(|m| {
                json!({
                    "id": m.id,
                    "name": m.name,
                    "phone": m.phone,
                    "roles": m.roles,
                    "grid": code(m.grid),
                    "login": m.login,
                    "active": m.active,
                })
            })
            .collect();
        return Ok(json(&rows));
    }
    if members.is_empty() {
        return Ok(format!("{}\n", lang.t(T::PplNoMembers)));
    }
    let rows: Vec<Vec<String>> = members
        .iter()
        .map(|m| {
            vec![
                format!("#{}", m.id),
                m.name.clone(),
                roles_text(lang, &m.roles),
                code(m.grid).unwrap_or_default(),
                m.phone.clone(),
                m.login.clone().unwrap_or_default(),
                if m.active {
                    String::new()
                } else {
                    lang.t(T::PplInactive).to_owned()
                },
            ]
        })
        .collect();
    let header = [
        lang.t(T::ColNumber),
        lang.t(T::ColName),
        lang.t(T::PplColRoles),
        lang.t(T::ColGrid),
        lang.t(T::ColPhone),
        lang.t(T::PplColLogin),
        lang.t(T::ColStatus),
    ];
    Ok(clean_lines(&table(
        &header,
        &rows,
        &[5, 12, 24, 4, 12, 12, 8],
    )))
}
