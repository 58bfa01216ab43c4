//! `qiaomen household add|set`: a household's address, grid and members in order (the first is
//! the head; `--head` puts one first). One `PeopleCommand::SaveHousehold`, which also moves
//! the members named out of their old households and empties the household of those left out.

use qiaomen_core::Command;
use qiaomen_core::Reads;
use qiaomen_core::model::{Address, Household, Id, Resident};
use qiaomen_core::people::PeopleCommand;

use super::grid;
use crate::cli::AddressArgs;
use crate::commands::register::clean_lines;
use crate::context::Context;
use crate::error::AppError;
use crate::i18n::T;

/// `household add`: a new household with its members.
pub fn add(
    ctx: &Context,
    g: &str,
    address: &AddressArgs,
    members: &[String],
    head: Option<&str>,
) -> Result<String, AppError> {
    let mut a = Address::default();
    set_address(&mut a, address);
    let h = Household {
        id: 0,
        grid: grid(ctx, g)?.id,
        address: a,
        members: order(ctx, residents(ctx, members)?, head)?,
        categories: Vec::new(),
        needs: String::new(),
        file: Vec::new(),
    };
    save(ctx, h)
}

/// `household set`: the fields given; `members` (when any) replace the members.
pub fn set(
    ctx: &Context,
    household: &str,
    g: Option<&str>,
    address: &AddressArgs,
    members: &[String],
    head: Option<&str>,
) -> Result<String, AppError> {
    let mut h = crate::commands::register::household(&*ctx.backend, household)?;
    if let Some(g) = g {
        h.grid = grid(ctx, g)?.id;
    }
    set_address(&mut h.address, address);
    let list = if members.is_empty() {
        h.members.clone()
    } else {
        residents(ctx, members)?
    };
    h.members = order(ctx, list, head)?;
    save(ctx, h)
}

fn set_address(a: &mut Address, args: &AddressArgs) {
    for (slot, value) in [
        (&mut a.building, &args.building),
        (&mut a.unit, &args.unit),
        (&mut a.room, &args.room),
        (&mut a.text, &args.text),
    ] {
        if let Some(v) = value {
            v.clone_into(slot);
        }
    }
}

fn residents(ctx: &Context, names: &[String]) -> Result<Vec<Id>, AppError> {
    names
        .iter()
        .map(|n| Ok(super::resident(&*ctx.backend, n)?.id))
        .collect()
}

/// `members` with `head` first (added if it was not among them).
fn order(ctx: &Context, mut members: Vec<Id>, head: Option<&str>) -> Result<Vec<Id>, AppError> {
    if let Some(head) = head {
        let id = super::resident(&*ctx.backend, head)?.id;
        members.retain(|&m| m != id);
        members.insert(0, id);
    }
    Ok(members)
}

fn save(ctx: &Context, h: Household) -> Result<String, AppError> {
    let cmd = PeopleCommand::SaveHousehold(h);
    let applied = ctx.backend.apply(Command::People(cmd), &ctx.actor()?)?;
    let h = ctx.backend.require::<Household>(applied.id)?;
    let head = match h.members.first() {
        Some(&id) => ctx.backend.require::<Resident>(id)?.name,
        None => ctx.lang.t(T::PplNobody).to_owned(),
    };
    Ok(clean_lines(&ctx.lang.fill(
        T::PplHouseholdSaved,
        &[&h.id, &h.address, &h.members.len(), &head],
    )))
}
