//! `qiaomen resident list|add|set|move|leave`. Adding and moving go through
//! `PeopleCommand` so that a household's members and its residents never disagree; `set`
//! changes only the fields given (`Command::SaveResident`); `leave` takes a resident off the
//! roll from a day on, with the reason, keeping their history.

use qiaomen_core::Reads;
use qiaomen_core::model::{Category, Gender, Grid, LeaveReason, Resident};
use qiaomen_core::people::PeopleCommand;
use qiaomen_core::text::mask_id;
use qiaomen_core::{Command, Date};
use serde_json::json;

use super::{grid, grid_code, household_id, is_none};
use crate::cli::{ResidentCmd, ResidentFields};
use crate::commands::register::{clean_lines, json};
use crate::context::Context;
use crate::error::{AppError, arg, opt_arg};
use crate::i18n::{self, Lang, T};
use crate::width::table;

pub fn run(ctx: &Context, cmd: &ResidentCmd) -> Result<String, AppError> {
    let lang = ctx.lang;
    match cmd {
        ResidentCmd::List {
            grid: g,
            category,
            all,
            json,
        } => {
            let g = ctx.grid_arg(g.as_deref())?;
            let category: Option<Category> = opt_arg(category.as_deref(), lang)?;
            let today = ctx.now()?.date;
            let residents: Vec<Resident> = ctx
                .backend
                .all::<Resident>()?
                .into_iter()
                .filter(|r| g.as_ref().is_none_or(|g| r.grid == g.id))
                .filter(|r| category.is_none_or(|c| r.categories.contains(&c)))
                .filter(|r| *all || r.lives_here_on(today))
                .collect();
            list(ctx, &residents, today, *json)
        }
        ResidentCmd::Add {
            name,
            grid: g,
            household,
            fields,
        } => {
            let mut r: Resident = serde_json::from_value(json!({"name": name, "grid": 0}))
                .expect("a resident from a name");
            apply_fields(&mut r, fields, lang)?;
            r.household = match household {
                Some(h) => household_id(&*ctx.backend, h)?,
                None => None,
            };
            if r.household.is_none() {
                let g = g.as_deref().unwrap_or_default();
                r.grid = grid(ctx, g)?.id;
            }
            let cmd = PeopleCommand::AddResident(Box::new(r));
            let applied = ctx.backend.apply(Command::People(cmd), &ctx.actor()?)?;
            saved(ctx, applied.id)
        }
        ResidentCmd::Set {
            resident,
            name,
            fields,
        } => {
            let mut r = super::resident(&*ctx.backend, resident)?;
            if let Some(n) = name {
                r.name.clone_from(n);
            }
            apply_fields(&mut r, fields, lang)?;
            let applied = ctx.backend.apply(Command::SaveResident(r), &ctx.actor()?)?;
            saved(ctx, applied.id)
        }
        ResidentCmd::Move {
            resident,
            household,
            grid: g,
        } => {
            let r = super::resident(&*ctx.backend, resident)?;
            let household = match household {
                Some(h) => household_id(&*ctx.backend, h)?,
                None => None,
            };
            let g = g.as_deref().map(|g| grid(ctx, g)).transpose()?;
            let cmd = PeopleCommand::Move {
                resident: r.id,
                household,
                grid: g.map(|g| g.id),
            };
            ctx.backend.apply(Command::People(cmd), &ctx.actor()?)?;
            let moved = ctx.backend.require::<Resident>(r.id)?;
            let grids = ctx.backend.all::<Grid>()?;
            let place = match moved.household {
                Some(h) => {
                    let h = ctx.backend.require::<qiaomen_core::model::Household>(h)?;
                    format!("#{} {}", h.id, h.address)
                }
                None => lang.t(T::PplNoHousehold).to_owned(),
            };
            Ok(clean_lines(&lang.fill(
                T::PplMoved,
                &[&moved.name, &place, &grid_code(&grids, moved.grid)],
            )))
        }
        ResidentCmd::Leave {
            resident,
            reason,
            date,
            note,
        } => {
            let r = super::resident(&*ctx.backend, resident)?;
            let reason: LeaveReason = arg(reason.parse(), lang)?;
            let date = ctx.date_or_today(date.as_deref())?;
            let cmd = PeopleCommand::Leave {
                resident: r.id,
                date,
                reason,
                note: note.clone(),
            };
            ctx.backend.apply(Command::People(cmd), &ctx.actor()?)?;
            Ok(clean_lines(&lang.fill(
                T::PplLeft,
                &[&r.name, &date, &leave_reason(lang, reason)],
            )))
        }
    }
}

pub fn leave_reason(lang: Lang, r: LeaveReason) -> &'static str {
    lang.t(match r {
        LeaveReason::Moved => T::PplLeaveMoved,
        LeaveReason::Died => T::PplLeaveDied,
        LeaveReason::Other => T::PplLeaveOther,
    })
}

fn gender_word(lang: Lang, g: Gender) -> &'static str {
    lang.t(match g {
        Gender::Female => T::PplFemale,
        Gender::Male => T::PplMale,
        Gender::Unknown => T::PplGenderUnknown,
    })
}

/// `女`/`男` as well as the codes, since a roster says it in Chinese.
fn parse_gender(text: &str, lang: Lang) -> Result<Gender, AppError> {
    match text.trim() {
        "女" => Ok(Gender::Female),
        "男" => Ok(Gender::Male),
        other => arg(other.parse(), lang),
    }
}

/// Copies the fields given onto `r`; the core checks them when the command is applied.
fn apply_fields(r: &mut Resident, f: &ResidentFields, lang: Lang) -> Result<(), AppError> {
    if let Some(g) = &f.gender {
        r.gender = parse_gender(g, lang)?;
    }
    if let Some(b) = &f.birth {
        r.birth = if is_none(b) {
            None
        } else {
            Some(arg(Date::parse(b), lang)?)
        };
    }
    if let Some(p) = &f.phone {
        r.phone.clone_from(p);
    }
    if let Some(id) = &f.id_number {
        r.id_number = (!is_none(id)).then(|| id.clone());
    }
    if !f.categories.is_empty() {
        r.categories = f
            .categories
            .iter()
            .filter(|c| !c.trim().is_empty() && !is_none(c))
            .map(|c| arg(c.parse(), lang))
            .collect::<Result<_, _>>()?;
    }
    if let Some(h) = &f.health {
        r.health.clone_from(h);
    }
    Ok(())
}

fn saved(ctx: &Context, id: u64) -> Result<String, AppError> {
    let r = ctx.backend.require::<Resident>(id)?;
    Ok(clean_lines(
        &ctx.lang.fill(T::PplResidentSaved, &[&r.id, &r.name]),
    ))
}

fn categories_text(lang: Lang, cats: &[Category]) -> String {
    let words: Vec<&str> = cats.iter().map(|c| i18n::category(lang, *c)).collect();
    words.join(if lang == Lang::Zh { "、" } else { ", " })
}

fn list(
    ctx: &Context,
    residents: &[Resident],
    today: Date,
    as_json: bool,
) -> Result<String, AppError> {
    let lang = ctx.lang;
    let grids = ctx.backend.all::<Grid>()?;
    if as_json {
        let rows: Vec<serde_json::Value> = residents
            .iter()
            .map(|r| {
                json!({
                    "id": r.id,
                    "name": r.name,
                    "gender": r.gender,
                    "birth": r.birth,
                    "age": r.age_on(today),
                    "phone": r.phone,
                    "id_number": r.id_number.as_deref().map(mask_id),
                    "grid": grid_code(&grids, r.grid),
                    "household": r.household,
                    "categories": r.categories,
                    "care_level": r.care.as_ref().map(|c| c.level),
                    "on_roll": r.care.as_ref().is_some_and(|c| c.active_on(today)),
                    "contacts": r.contacts.len(),
                    "left": r.left,
                })
            })
            .collect();
        return Ok(json(&rows));
    }
    if residents.is_empty() {
        return Ok(format!("{}\n", lang.t(T::PplNoResidents)));
    }
    let rows: Vec<Vec<String>> = residents
        .iter()
        .map(|r| {
            vec![
                format!("#{}", r.id),
                r.name.clone(),
                gender_word(lang, r.gender).to_owned(),
                r.age_on(today).map(|a| a.to_string()).unwrap_or_default(),
                grid_code(&grids, r.grid),
                r.household.map(|h| format!("#{h}")).unwrap_or_default(),
                categories_text(lang, &r.categories),
                r.care
                    .as_ref()
                    .filter(|c| c.active_on(today))
                    .map(|c| i18n::care_level(lang, c.level).to_owned())
                    .unwrap_or_default(),
                r.left
                    .as_ref()
                    .map(|l| format!("{} {}", l.date, leave_reason(lang, l.reason)))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    let header = [
        lang.t(T::ColNumber),
        lang.t(T::ColName),
        lang.t(T::PplColGender),
        lang.t(T::ColAge),
        lang.t(T::ColGrid),
        lang.t(T::ColHousehold),
        lang.t(T::PplColCategories),
        lang.t(T::PplColCare),
        lang.t(T::PplColLeft),
    ];
    Ok(clean_lines(&table(
        &header,
        &rows,
        &[6, 10, 6, 4, 4, 6, 24, 14, 18],
    )))
}
