//! `qiaomen grid list|add|set`: the community's grids with their stewards. Changes are
//! `Command::SaveGrid` (admin only); the core refuses a code another grid already has.

use qiaomen_core::Command;
use qiaomen_core::Reads;
use qiaomen_core::model::{Grid, Id, Member};
use serde_json::json;

use crate::cli::GridCmd;
use crate::commands::register::{clean_lines, json};
use crate::context::Context;
use crate::error::AppError;
use crate::i18n::T;
use crate::width::table;

pub fn run(ctx: &Context, cmd: &GridCmd) -> Result<String, AppError> {
    match cmd {
        GridCmd::List { json } => list(ctx, *json),
        GridCmd::Add {
            code,
            name,
            description,
            stewards,
        } => {
            let g = Grid {
                id: 0,
                code: code.clone(),
                name: name.clone(),
                description: description.clone(),
                stewards: members(ctx, stewards)?,
            };
            save(ctx, g)
        }
        GridCmd::Set {
            grid,
            code,
            name,
            description,
            stewards,
            no_stewards,
        } => {
            let mut g = super::grid(ctx, grid)?;
            if let Some(c) = code {
                g.code.clone_from(c);
            }
            if let Some(n) = name {
                g.name.clone_from(n);
            }
            if let Some(d) = description {
                g.description.clone_from(d);
            }
            if *no_stewards {
                g.stewards.clear();
            } else if !stewards.is_empty() {
                g.stewards = members(ctx, stewards)?;
            }
            save(ctx, g)
        }
    }
}

fn members(ctx: &Context, names: &[String]) -> Result<Vec<Id>, AppError> {
    let mut ids = Vec::new();
    for n in names {
        let id = super::member(&*ctx.backend, n)?.id;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

fn save(ctx: &Context, g: Grid) -> Result<String, AppError> {
    let applied = ctx.backend.apply(Command::SaveGrid(g), &ctx.actor()?)?;
    let saved = ctx.backend.require::<Grid>(applied.id)?;
    Ok(format!(
        "{}\n",
        ctx.lang.fill(T::PplGridSaved, &[&saved.code, &saved.name])
    ))
}

fn list(ctx: &Context, as_json: bool) -> Result<String, AppError> {
    let lang = ctx.lang;
    let grids = ctx.backend.all::<Grid>()?;
    let members = ctx.backend.all::<Member>()?;
    let names = |ids: &[Id]| -> Vec<String> {
        ids.iter()
            .map(|id| {
                members
                    .iter()
                    .find(|m| m.id == *id)
                    .map_or_else(|| format!("#{id}"), |m| m.name.clone())
            })
            .collect()
    };
    if as_json {
        let rows: Vec<serde_json::Value> = grids
            .iter()
            .map(|g| {
                json!({
                    "id": g.id,
                    "code": g.code,
                    "name": g.name,
                    "description": g.description,
                    "stewards": names(&g.stewards),
                })
            })
            .collect();
        return Ok(json(&rows));
    }
    if grids.is_empty() {
        return Ok(format!("{}\n", lang.t(T::PplNoGrids)));
    }
    let rows: Vec<Vec<String>> = grids
        .iter()
        .map(|g| {
            vec![
                g.code.clone(),
                g.name.clone(),
                names(&g.stewards).join(" "),
                g.description.clone(),
            ]
        })
        .collect();
    let header = [
        lang.t(T::ColGrid),
        lang.t(T::ColGridName),
        lang.t(T::ColStewards),
        lang.t(T::PplColDescription),
    ];
    Ok(clean_lines(&table(&header, &rows, &[4, 16, 24, 40])))
}
