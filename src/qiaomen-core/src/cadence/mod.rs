//! Visit cadence by risk tier (SPEC §3 "Visit cadence", issue 14 point 2): which households
//! must be visited how often, the dated campaigns that add a visit round, the list of
//! households overdue or due this week, and visits due against visits done in a period. Pure:
//! the records and the day are passed in.
//!
//! The settings live in records of their own (`Cadence`, one record with id 1, and
//! `Campaign`s), not on `Community`, so that the community record keeps one format.

mod due;
mod plan;

pub(crate) use plan::plan_cadence;
mod tally;

pub use due::{DueReason, DueVisit, due_visits, week_end};
pub use plan::stored_cadence;
pub use tally::{CadenceFigures, VisitRecords, cadence_figures, tally_household};

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::day::Date;
use crate::error::{Error, Result};
use crate::model::{Category, FileStatus, Household, Id, Resident, codes};

/// A household's risk tier for visits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// An elder with care level 1, or a household in difficulty with open needs: weekly.
    High,
    /// An elder with care level 2: monthly.
    Key,
    /// Every other household in difficulty (or another care category) or elder: quarterly.
    General,
}

codes!(Tier { High => "high", Key => "key", General => "general" });

/// How many days may pass between two visits, per tier: the community's setting, stored as
/// one record (id 1). Without one, the defaults of SPEC §3.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cadence {
    #[serde(default)]
    pub id: Id,
    pub high_days: u16,
    pub key_days: u16,
    pub general_days: u16,
}

/// The id of the one cadence record.
pub const CADENCE_ID: Id = 1;

/// The longest cadence a tier may have: a year.
pub const MAX_CADENCE_DAYS: u16 = 366;

impl Default for Cadence {
    fn default() -> Self {
        Cadence {
            id: CADENCE_ID,
            high_days: 7,
            key_days: 30,
            general_days: 90,
        }
    }
}

impl Cadence {
    pub fn days(&self, tier: Tier) -> u16 {
        match tier {
            Tier::High => self.high_days,
            Tier::Key => self.key_days,
            Tier::General => self.general_days,
        }
    }

    pub fn validate(&self) -> Result<()> {
        for (field, days) in [
            ("high_days", self.high_days),
            ("key_days", self.key_days),
            ("general_days", self.general_days),
        ] {
            if days == 0 || days > MAX_CADENCE_DAYS {
                return Err(Error::invalid(
                    field,
                    crate::reason::Reason::CadenceDays {
                        days: days.into(),
                        max: MAX_CADENCE_DAYS.into(),
                    },
                ));
            }
        }
        Ok(())
    }
}

/// A dated visit round (春节走访, 高温慰问): every household of the tiers named (all when
/// none are) is due one visit between `from` and `to`, both included.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Campaign {
    #[serde(default)]
    pub id: Id,
    pub name: String,
    pub from: Date,
    pub to: Date,
    /// The tiers covered; empty: every household with a tier.
    #[serde(default)]
    pub tiers: Vec<Tier>,
    #[serde(default)]
    pub note: String,
}

impl Campaign {
    pub fn covers(&self, tier: Tier) -> bool {
        self.tiers.is_empty() || self.tiers.contains(&tier)
    }

    pub fn validate(&mut self) -> Result<()> {
        self.name = crate::text::name("name", &self.name)?;
        self.note = crate::text::note("note", &self.note)?;
        if self.to < self.from {
            return Err(Error::invalid(
                "to",
                crate::reason::Reason::CampaignBeforeStart {
                    to: self.to.to_string(),
                    from: self.from.to_string(),
                },
            ));
        }
        if self.to.days_since(self.from) > i64::from(MAX_CADENCE_DAYS) {
            return Err(Error::invalid(
                "to",
                crate::reason::Reason::CampaignTooLong {
                    max: MAX_CADENCE_DAYS.into(),
                },
            ));
        }
        self.tiers.sort_unstable();
        self.tiers.dedup();
        Ok(())
    }
}

/// What a household's tier is decided from (`tier_of`): kept per household that may have one
/// (a care category, or a member on the roll) in the store's `visit_homes`, so that the
/// summary's cadence figures read no household.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitHome {
    pub id: Id,
    pub grid: Id,
    pub members: Vec<Id>,
    /// The household has a care category.
    pub categories: bool,
    /// In difficulty, with needs written down and a file that is not closed.
    pub open_needs: bool,
}

impl VisitHome {
    pub fn of(h: &Household) -> Self {
        VisitHome {
            id: h.id,
            grid: h.grid,
            members: h.members.clone(),
            categories: !h.categories.is_empty(),
            open_needs: open_needs(h),
        }
    }

    /// The tier on `day` (see `tier_of`).
    pub fn tier<S: std::hash::BuildHasher>(
        &self,
        residents: &HashMap<Id, &Resident, S>,
        day: Date,
    ) -> Option<Tier> {
        tier_from(
            &self.members,
            self.categories,
            self.open_needs,
            residents,
            day,
        )
    }
}

fn open_needs(h: &Household) -> bool {
    h.categories.contains(&Category::InDifficulty)
        && !h.needs.trim().is_empty()
        && h.file_status() != Some(FileStatus::Closed)
}

/// The tier of a household on `day`, from its members' care plans and its own categories;
/// `None`: not on any visit cadence (no care category and no elder on the roll).
///
/// High: a member whose care plan (active on `day`) has level 1, or a household in difficulty
/// with open needs (needs written down and a file that is not closed). Key: a member with
/// level 2. General: any other elder on the roll, or any household with a care category.
/// `residents` need only hold the elders (residents with a care plan).
pub fn tier_of<S: std::hash::BuildHasher>(
    h: &Household,
    residents: &HashMap<Id, &Resident, S>,
    day: Date,
) -> Option<Tier> {
    tier_from(
        &h.members,
        !h.categories.is_empty(),
        open_needs(h),
        residents,
        day,
    )
}

fn tier_from<S: std::hash::BuildHasher>(
    members: &[Id],
    categories: bool,
    open_needs: bool,
    residents: &HashMap<Id, &Resident, S>,
    day: Date,
) -> Option<Tier> {
    let levels: Vec<u8> = members
        .iter()
        .filter_map(|id| residents.get(id).copied())
        .filter(|r| r.lives_here_on(day))
        .filter_map(|r| {
            r.care
                .as_ref()
                .filter(|c| c.active_on(day))
                .map(|c| c.level)
        })
        .collect();
    if levels.contains(&1) || open_needs {
        Some(Tier::High)
    } else if levels.contains(&2) {
        Some(Tier::Key)
    } else if !levels.is_empty() || categories {
        Some(Tier::General)
    } else {
        None
    }
}
