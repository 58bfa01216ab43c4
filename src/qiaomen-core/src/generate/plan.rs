//! The layout of a generated community before any record is written: how many of everything,
//! which household lives where, and which resident ids each household holds. Ids are handed
//! out grid by grid, so a household's members are a run of consecutive resident ids and the
//! household records can be written before the residents they list.

use super::Scale;
use super::places;
use super::rng::{Rng, Stream};
use crate::model::{Category, Id};

/// How big a generated community is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sizes {
    pub grids: usize,
    pub residents: usize,
    pub elders: usize,
    pub members_per_grid: usize,
    /// Households in difficulty with a file.
    pub files: usize,
    pub partners: usize,
    pub cases: usize,
}

impl Scale {
    pub fn sizes(self) -> Sizes {
        let (grids, residents, elders, files, partners, cases) = match self {
            Scale::Community => (6, 5_000, 40, 30, 10, 24),
            Scale::Subdistrict => (60, 100_000, 2_000, 300, 80, 400),
            Scale::District => (600, 1_000_000, 20_000, 3_000, 800, 4_000),
        };
        Sizes {
            grids,
            residents,
            elders,
            members_per_grid: super::team::MEMBER_SLOTS.len(),
            files,
            partners,
            cases,
        }
    }
}

/// What kind of household a slot holds; it decides who lives there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HouseKind {
    /// An elder living alone, on the daily check-in list.
    Elder,
    Family,
    /// A household in difficulty, with a file; the category says which kind.
    Difficulty(Category),
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct HousePlan {
    pub grid: usize,
    /// The flat within the grid, for the address.
    pub slot: usize,
    pub first_resident: Id,
    pub size: u8,
    pub kind: HouseKind,
}

impl HousePlan {
    pub fn members(&self) -> impl Iterator<Item = Id> + use<> {
        self.first_resident..self.first_resident + u64::from(self.size)
    }
}

pub(crate) struct GridPlan {
    pub compound: String,
    /// Indices into `Plan::houses`.
    pub houses: std::ops::Range<usize>,
    /// Residents of the grid who belong to no household.
    pub loose: std::ops::Range<Id>,
}

pub(crate) struct Plan {
    pub sizes: Sizes,
    pub grids: Vec<GridPlan>,
    pub houses: Vec<HousePlan>,
}

/// `total` shared out over `parts`, the first parts taking the remainder.
pub(crate) fn share(total: usize, parts: usize, index: usize) -> usize {
    total / parts + usize::from(index < total % parts)
}

const DIFFICULTY: &[(Category, u32)] = &[
    (Category::InDifficulty, 50),
    (Category::Disabled, 20),
    (Category::LeftBehindChild, 15),
    (Category::SpecialSupport, 15),
];

impl Plan {
    pub fn new(sizes: Sizes, seed: u64) -> Plan {
        let mut grids = Vec::with_capacity(sizes.grids);
        let mut houses = Vec::new();
        let mut next_resident: Id = 1;
        for g in 0..sizes.grids {
            let mut rng = Rng::of(seed, Stream::Plan, g as u64);
            let elders = share(sizes.elders, sizes.grids, g);
            let files = share(sizes.files, sizes.grids, g);
            let people = share(sizes.residents, sizes.grids, g).saturating_sub(elders);
            // About one resident in twelve is registered without a household (tenants,
            // people whose family lives elsewhere).
            let in_households = people * 11 / 12;
            let mut family_sizes = Vec::with_capacity(in_households / 3 + 1);
            let mut left = in_households;
            while left >= 2 {
                let size = rng.weighted(&[(2usize, 30), (3, 42), (4, 28)]).min(left);
                family_sizes.push(size as u8);
                left -= size;
            }
            let loose = people - (in_households - left);
            let families = family_sizes.len();
            let files = files.min(families);
            let total = families + elders;
            let start = houses.len();
            let (mut family, mut elder) = (0, 0);
            for slot in 0..total {
                // Elders are spread evenly among the families (Bresenham), as they are in
                // real buildings.
                let is_elder = elder < elders && (slot + 1) * elders / total > elder;
                let (size, kind) = if is_elder {
                    elder += 1;
                    (1, HouseKind::Elder)
                } else {
                    let size = family_sizes[family];
                    let has_file = files > 0
                        && (family * files) / families != ((family + 1) * files) / families;
                    family += 1;
                    let kind = if has_file {
                        HouseKind::Difficulty(difficulty_for(&mut rng, size))
                    } else {
                        HouseKind::Family
                    };
                    (size, kind)
                };
                houses.push(HousePlan {
                    grid: g,
                    slot,
                    first_resident: next_resident,
                    size,
                    kind,
                });
                next_resident += u64::from(size);
            }
            let loose_ids = next_resident..next_resident + loose as u64;
            next_resident = loose_ids.end;
            grids.push(GridPlan {
                compound: places::compound(g),
                houses: start..houses.len(),
                loose: loose_ids,
            });
        }
        Plan {
            sizes,
            grids,
            houses,
        }
    }

    /// Member ids of grid `g` are a run: `MEMBER_SLOTS` per grid.
    pub fn member_id(&self, grid: usize, slot: usize) -> Id {
        (grid * self.sizes.members_per_grid + slot + 1) as Id
    }
}

/// A left-behind child lives with one or two grandparents; a special-support family
/// (特扶家庭) is an older couple who lost their only child.
fn difficulty_for(rng: &mut Rng, size: u8) -> Category {
    loop {
        let c = rng.weighted(DIFFICULTY);
        let fits = match c {
            Category::LeftBehindChild => size <= 3,
            Category::SpecialSupport => size == 2,
            _ => true,
        };
        if fits {
            return c;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_community_plan_has_the_promised_sizes() {
        let sizes = Scale::Community.sizes();
        let plan = Plan::new(sizes, 1);
        let count = |k: fn(&HousePlan) -> bool| plan.houses.iter().filter(|h| k(h)).count();
        assert_eq!(count(|h| h.kind == HouseKind::Elder), 40);
        assert_eq!(
            count(|h| matches!(h.kind, HouseKind::Difficulty(_))),
            sizes.files
        );
        let residents = plan.grids.last().unwrap().loose.end - 1;
        assert_eq!(residents, sizes.residents as u64);
        let mut next = 1;
        for g in &plan.grids {
            for h in &plan.houses[g.houses.clone()] {
                assert_eq!(h.first_resident, next);
                assert!(h.kind == HouseKind::Elder || (2..=4).contains(&h.size));
                next += u64::from(h.size);
            }
            assert_eq!(g.loose.start, next);
            next = g.loose.end;
        }
        let in_households: u64 = plan.houses.iter().map(|h| u64::from(h.size)).sum();
        assert!(in_households * 10 > residents * 8);
    }
}
