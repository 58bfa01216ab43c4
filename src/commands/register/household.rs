//! `qiaomen household list|show|step|reopen|notice`: household files (一户一档); `add` and
//! `set` are in `commands/people/household.rs`.

use qiaomen_core::Reads;
use std::collections::HashMap;
use std::fmt::Write as _;

use qiaomen_core::Command;
use qiaomen_core::model::{FileStatus, Grid, Household, Id, Partner, Pledge};
use qiaomen_core::register::{HouseholdFile, RegisterCommand, household_file, next_status};
use qiaomen_core::store::{Tree, decode_household_rows};
use serde_json::json;

use super::{clean_lines, describe, json};
use crate::cli::HouseholdCmd;
use crate::context::Context;
use crate::error::{AppError, arg, opt_arg};
use crate::i18n::{self, Lang, T};

pub fn run(ctx: &Context, cmd: &HouseholdCmd) -> Result<String, AppError> {
    let lang = ctx.lang;
    match cmd {
        HouseholdCmd::List { status, grid, json } => {
            let status: Option<FileStatus> = opt_arg(status.as_deref(), lang)?;
            let grid = ctx.grid_arg(grid.as_deref())?;
            if !*json {
                return super::household_list::stream(ctx, status, grid.map(|g| g.id));
            }
            let households: Vec<Household> = ctx
                .backend
                .all::<Household>()?
                .into_iter()
                .filter(|h| status.is_none_or(|s| h.file_status() == Some(s)))
                .filter(|h| grid.as_ref().is_none_or(|g| h.grid == g.id))
                .collect();
            list_json(ctx, &households)
        }
        HouseholdCmd::Show { household, json } => {
            let h = super::household(&*ctx.backend, household)?;
            let file = household_file(&*ctx.backend, h.id)?;
            if *json {
                return Ok(super::json(&file));
            }
            card(ctx, &file)
        }
        HouseholdCmd::Step {
            household,
            to,
            note,
        } => {
            let h = super::household(&*ctx.backend, household)?;
            let from = h.file_status();
            let to: FileStatus = match to {
                Some(s) => arg(s.parse(), lang)?,
                // A closed file has no next step; asking for `closed` again gets the domain's
                // own refusal, which says to reopen.
                None => next_status(from).unwrap_or(FileStatus::Closed),
            };
            let cmd = RegisterCommand::FileStep {
                household: h.id,
                to,
                note: note.clone(),
            };
            ctx.backend.apply(Command::Register(cmd), &ctx.actor()?)?;
            Ok(stepped(lang, h.id, from, to))
        }
        HouseholdCmd::Reopen {
            household,
            to,
            reason,
        } => {
            let h = super::household(&*ctx.backend, household)?;
            let from = h.file_status();
            let to: FileStatus = arg(to.parse(), lang)?;
            let cmd = RegisterCommand::Reopen {
                household: h.id,
                to,
                reason: reason.clone(),
            };
            ctx.backend.apply(Command::Register(cmd), &ctx.actor()?)?;
            Ok(stepped(lang, h.id, from, to))
        }
        HouseholdCmd::Notice(args) => super::notice::run(ctx, args),
        HouseholdCmd::Add {
            grid,
            address,
            members,
            head,
        } => crate::commands::people::household::add(ctx, grid, address, members, head.as_deref()),
        HouseholdCmd::Set {
            household,
            grid,
            address,
            members,
            head,
        } => crate::commands::people::household::set(
            ctx,
            household,
            grid.as_deref(),
            address,
            members,
            head.as_deref(),
        ),
    }
}

fn stepped(lang: Lang, id: Id, from: Option<FileStatus>, to: FileStatus) -> String {
    let line = lang.fill(
        T::FileStepped,
        &[
            &id,
            &i18n::file_state(lang, from),
            &i18n::file_status(lang, to),
        ],
    );
    format!("{line}\n")
}

/// What the list shows of every household, read once.
struct Names {
    heads: HashMap<Id, String>,
    grids: Vec<Grid>,
    pledges: Vec<Pledge>,
    partners: Vec<Partner>,
}

impl Names {
    fn read(ctx: &Context) -> Result<Names, AppError> {
        // The heads' names are kept in the households' rows (`store/kept`): no resident is
        // read.
        let mut heads = HashMap::new();
        for v in ctx.backend.raw_all(Tree::HouseholdRows)? {
            for row in decode_household_rows(&v)? {
                if !row.head.is_empty() {
                    heads.insert(row.id, row.head);
                }
            }
        }
        Ok(Names {
            heads,
            grids: ctx.backend.all::<Grid>()?,
            pledges: ctx.backend.all::<Pledge>()?,
            partners: ctx.backend.all::<Partner>()?,
        })
    }

    fn grid(&self, id: Id) -> String {
        self.grids
            .iter()
            .find(|g| g.id == id)
            .map(|g| g.code.clone())
            .unwrap_or_default()
    }
}

/// The list as JSON (the text list is streamed: `household_list.rs`).
fn list_json(ctx: &Context, households: &[Household]) -> Result<String, AppError> {
    let names = Names::read(ctx)?;
    let rows: Vec<serde_json::Value> = households
        .iter()
        .map(|h| {
            json!({
                "id": h.id,
                "grid": names.grid(h.grid),
                "address": h.address.short(),
                "head": names.heads.get(&h.id),
                "members": h.members.len(),
                "categories": h.categories,
                "needs": h.needs,
                "status": h.file_status(),
                "next": next_status(h.file_status()),
                "claimed_by": describe::claimed_by(&names.pledges, &names.partners, h.id),
            })
        })
        .collect();
    Ok(json(&rows))
}

/// A household file as a card: heading, members, needs, the file's steps, then its pledges,
/// fund entries, goods, visits and notices.
fn card(ctx: &Context, f: &HouseholdFile) -> Result<String, AppError> {
    let lang = ctx.lang;
    let today = ctx.now()?.date;
    let h = &f.household;
    let grid = ctx
        .backend
        .get::<Grid>(h.grid)?
        .map(|g| g.code)
        .unwrap_or_default();
    // Fund entries may name partners that hold no pledge for this household.
    let partners = ctx.backend.all::<Partner>()?;
    let mut out = lang.fill(
        T::HouseholdHeading,
        &[&h.id, &h.address, &grid, &i18n::file_state(lang, f.status)],
    );
    out.push('\n');
    let mut field = |label: T, value: String| {
        if !value.is_empty() {
            let _ = writeln!(out, "{}{value}", lang.label(label));
        }
    };
    field(T::Members, describe::members(lang, &f.members, today));
    field(T::Categories, describe::categories(lang, &h.categories));
    field(T::Needs, h.needs.clone());
    let _ = writeln!(out, "{}", lang.heading(T::FileSteps));
    for i in 0..h.file.len() {
        let _ = writeln!(out, "  {}", describe::step(lang, &h.file, i));
    }
    if let Some(next) = f.next {
        let next = lang.fill(T::NextStep, &[&i18n::file_status(lang, next)]);
        let _ = writeln!(out, "  {next}");
    }
    let mut section = |title: T, lines: Vec<String>| {
        let _ = writeln!(out, "{}", lang.heading(title));
        if lines.is_empty() {
            let _ = writeln!(out, "  {}", lang.t(T::NoneYet));
        }
        for l in lines {
            let _ = writeln!(out, "  {l}");
        }
    };
    section(
        T::PledgesHead,
        f.pledges
            .iter()
            .map(|p| describe::pledge(lang, p, &partners, today))
            .collect(),
    );
    section(
        T::FundHead,
        f.fund
            .iter()
            .map(|e| describe::fund_entry(lang, e, &partners))
            .collect(),
    );
    section(
        T::GoodsHead,
        f.goods
            .iter()
            .map(|g| {
                format!(
                    "{} · {}",
                    describe::partner_name(&partners, g.partner),
                    super::goods::line(lang, g)
                )
            })
            .collect(),
    );
    section(
        T::VisitsHead,
        f.visits.iter().map(describe::visit).collect(),
    );
    section(
        T::NoticesHead,
        f.notices
            .iter()
            .map(|n| describe::notice(lang, n))
            .collect(),
    );
    Ok(clean_lines(&out))
}
