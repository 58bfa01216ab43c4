//! The team of every grid: a steward, cadres, party volunteers, volunteers, caring
//! neighbours and workers, always in the same slots so that a member's id follows from the
//! grid and the slot.

use super::Ctx;
use super::names;
use super::places;
use super::rng::{Rng, Stream};
use crate::model::{Grid, Id, Member, Role};

/// The roster of every grid, one member a slot (roles sorted as `validate` sorts them).
pub(crate) const MEMBER_SLOTS: &[&[Role]] = &[
    &[Role::Steward],
    &[Role::Cadre],
    &[Role::PartyVolunteer],
    &[Role::BuildingHead, Role::PartyVolunteer],
    &[Role::Volunteer],
    &[Role::Volunteer, Role::CaringNeighbour],
    &[Role::CaringNeighbour],
    &[Role::BuildingHead],
    &[Role::Worker],
    &[Role::Worker],
];

/// Slots whose members greet elders: the steward, cadres, party volunteers, volunteers and
/// caring neighbours.
pub(crate) const CALLER_SLOTS: &[usize] = &[0, 1, 2, 3, 4, 5, 6];

/// Slots of the community workers, who keep files and cases.
pub(crate) const WORKER_SLOTS: &[usize] = &[8, 9];

pub(crate) fn grid(ctx: &Ctx, g: usize) -> Grid {
    let plan = &ctx.plan.grids[g];
    let households = plan.houses.len();
    Grid {
        id: g as Id + 1,
        code: format!("G{}", g + 1),
        name: format!("{}网格", plan.compound),
        description: format!(
            "{} 1–{} 栋，{households} 户",
            plan.compound,
            places::buildings(households)
        ),
        stewards: vec![ctx.plan.member_id(g, 0)],
    }
}

pub(crate) fn member(ctx: &Ctx, g: usize, slot: usize) -> Member {
    let id = ctx.plan.member_id(g, slot);
    let mut rng = Rng::of(ctx.seed, Stream::Member, id);
    let gender = names::gender(&mut rng, 0.6);
    let year = ctx.end.year() - rng.range(24, 66) as i32;
    let surname = names::surname(&mut rng);
    let mut roles = MEMBER_SLOTS[slot].to_vec();
    // One worker of the first grid runs the installation.
    let admin = g == 0 && slot == WORKER_SLOTS[0];
    if admin {
        roles.push(Role::Admin);
    }
    Member {
        id,
        name: names::person(&mut rng, surname, gender, year),
        phone: places::phone(&mut rng),
        roles,
        grid: Some(g as Id + 1),
        login: admin.then(|| "admin".to_owned()),
        active: true,
    }
}

/// A member of grid `g` for paperwork: a worker most of the time, else the steward.
pub(crate) fn clerk<'a>(ctx: &'a Ctx, rng: &mut Rng, g: usize) -> &'a str {
    let slot = if rng.chance(0.8) {
        rng.pick(WORKER_SLOTS)
    } else {
        0
    };
    ctx.member_name(ctx.plan.member_id(g, slot))
}
