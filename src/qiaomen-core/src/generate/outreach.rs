//! Issue 16's records at scale, in proportion to the community, so that district figures
//! count them: each grid's property company and owners' committee (organisations), each grid's
//! volunteer team and the services it gives the grid's households in difficulty about once a
//! month, and every partner's activities about every two months, over the check-in history.

use std::collections::HashMap;

use super::Ctx;
use super::plan::HouseKind;
use super::rng::{Rng, Stream};
use crate::care::{Person, Provider, Service, ServiceKind, Team, TeamKind, Whom};
use crate::day::Date;
use crate::model::{Activity, ActivityKind, Id, Org, OrgKind};

/// Days between two services to one household in difficulty.
const SERVICE_EVERY: i64 = 30;
/// Days between two activities of one partner.
const ACTIVITY_EVERY: i64 = 60;
/// The member slots of a grid's team: party volunteers, building heads, volunteers and caring
/// neighbours (`team::MEMBER_SLOTS`); the first leads it.
const TEAM_SLOTS: &[usize] = &[2, 3, 4, 5, 6];

/// Numbers the repeats of a name (`…业主委员会（2）`): compounds are drawn from short lists, and
/// organisations and teams are each a name's only one.
fn number_repeats<'a>(names: impl Iterator<Item = &'a mut String>) {
    let mut seen: HashMap<String, u32> = HashMap::new();
    for name in names {
        let n = seen.entry(name.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            *name = format!("{name}（{n}）");
        }
    }
}

/// Each grid's property company and owners' committee.
pub(crate) fn orgs(ctx: &Ctx) -> Vec<Org> {
    let mut out = Vec::with_capacity(ctx.plan.grids.len() * 2);
    for grid in &ctx.plan.grids {
        for (kind, what) in [
            (OrgKind::PropertyCompany, "物业服务中心"),
            (OrgKind::OwnersCommittee, "业主委员会"),
        ] {
            out.push(Org {
                id: out.len() as Id + 1,
                name: format!("{}{what}", grid.compound),
                kind,
                contacts: Vec::new(),
                note: String::new(),
            });
        }
    }
    number_repeats(out.iter_mut().map(|o| &mut o.name));
    out
}

/// One volunteer team a grid, id the grid's, of the grid's volunteers.
pub(crate) fn teams(ctx: &Ctx) -> Vec<Team> {
    const KINDS: [TeamKind; 3] = [TeamKind::Residents, TeamKind::Young, TeamKind::Party];
    let mut out: Vec<Team> = ctx
        .plan
        .grids
        .iter()
        .enumerate()
        .map(|(g, grid)| {
            let members: Vec<Person> = TEAM_SLOTS
                .iter()
                .map(|&slot| Person::Member(ctx.plan.member_id(g, slot)))
                .collect();
            Team {
                id: g as Id + 1,
                name: format!("{}志愿队", grid.compound),
                kind: KINDS[g % KINDS.len()],
                leader: members.first().copied(),
                members,
                note: String::new(),
            }
        })
        .collect();
    number_repeats(out.iter_mut().map(|t| &mut t.name));
    out
}

/// The days from a random start within the first `every` days of the history, `every` apart.
fn days(rng: &mut Rng, first: Date, last: Date, every: i64) -> Vec<Date> {
    if last < first {
        return Vec::new();
    }
    let mut day = first.add_days(rng.range(0, every - 1));
    let mut out = Vec::new();
    while day <= last {
        out.push(day);
        day = day.add_days(every);
    }
    out
}

/// The services each grid's team gives its households in difficulty, by date within a grid.
pub(crate) fn services(
    ctx: &Ctx,
    mut put: impl FnMut(Service) -> crate::error::Result<()>,
) -> crate::error::Result<()> {
    const KINDS: [ServiceKind; 6] = [
        ServiceKind::Cleaning,
        ServiceKind::Company,
        ServiceKind::Medical,
        ServiceKind::Counselling,
        ServiceKind::Tutoring,
        ServiceKind::HealthCheck,
    ];
    let last = ctx.last_day();
    let mut id = 0;
    for (g, grid) in ctx.plan.grids.iter().enumerate() {
        for i in grid.houses.clone() {
            if !matches!(ctx.plan.houses[i].kind, HouseKind::Difficulty(_)) {
                continue;
            }
            let mut rng = Rng::of(ctx.seed, Stream::Outreach, i as u64);
            for date in days(&mut rng, ctx.first, last, SERVICE_EVERY) {
                id += 1;
                let helper = ctx.plan.member_id(g, rng.pick(TEAM_SLOTS));
                put(Service {
                    id,
                    date,
                    whom: Whom::Household(i as Id + 1),
                    kind: rng.pick(&KINDS),
                    by: Provider::Team(g as Id + 1),
                    helpers: vec![Person::Member(helper)],
                    minutes: rng.range(2, 8) as u32 * 15,
                    note: String::new(),
                })?;
            }
        }
    }
    Ok(())
}

/// Every partner's activities, each in one grid.
pub(crate) fn activities(ctx: &Ctx) -> Vec<Activity> {
    let last = ctx.last_day();
    let grids = ctx.plan.grids.len();
    let mut out = Vec::new();
    for (k, p) in ctx.partners.iter().enumerate() {
        // Partners' streams follow the households' (one per house) so none is shared.
        let index = (ctx.plan.houses.len() + k) as u64;
        let mut rng = Rng::of(ctx.seed, Stream::Outreach, index);
        for date in days(&mut rng, ctx.first, last, ACTIVITY_EVERY) {
            out.push(Activity {
                id: out.len() as Id + 1,
                partner: p.id,
                kind: rng.pick(ActivityKind::ALL),
                date,
                people: rng.range(10, 80) as u32,
                grid: Some(rng.index(grids) as Id + 1),
                note: String::new(),
            });
        }
    }
    out
}
