//! The figures a community reports for a period: meetings held, households visited,
//! disputes mediated, problems resolved, elders greeted, files kept, partners and the fund.
//! Each is defined once, in SPEC §3 "Figures" and the README; the UI and the report both
//! read them from here.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::register::Context;
use crate::day::Date;
use crate::error::Result;
use crate::model::{
    Case, CaseKind, CaseStatus, Direction, EventKind, Household, Id, Level, MeetingKind, Partner,
    PartnerKind,
};
use crate::store::{Dated, DatedItem, Store};

/// The figures a community reports for a period (both ends included).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct PeriodFigures {
    pub from: Date,
    pub to: Date,
    pub joint_meetings: usize,
    pub consultations: usize,
    /// Distinct households visited.
    pub households_visited: usize,
    /// Disputes and petitions with a mediation session in the period, or resolved or closed
    /// (settled) in it.
    pub disputes_mediated: usize,
    /// Resident requests resolved or closed in the period.
    pub problems_resolved: usize,
    /// Elders on the roll who were reached on every day they were due in the period
    /// (`daily.rs`).
    pub elders_greeted_daily: usize,
    /// Elders with a care plan active on at least one day of the period.
    pub elders_on_roll: usize,
    /// Households with a file opened by the last day.
    pub households_with_files: usize,
    /// Partners with an agreement signed by the last day of the period (an agreement has no
    /// end yet, so one signed earlier is still active).
    pub partners: usize,
    pub partners_by_kind: PartnerCounts,
    pub fund_in_fen: i64,
    pub fund_out_fen: i64,
    /// Everything in minus everything out up to the last day, whatever the period's start.
    pub fund_balance_fen: i64,
    /// Cases settled in the period (moved to resolved or closed; a case once), by the level
    /// that held the case when it was last settled in the period: "小事不出网格、大事不出社区".
    pub settled_by_level: LevelCounts,
}

/// Cases settled at each level (issue 16).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct LevelCounts {
    pub grid: usize,
    pub community: usize,
    pub subdistrict: usize,
}

impl LevelCounts {
    pub fn total(&self) -> usize {
        self.grid + self.community + self.subdistrict
    }

    /// `n` of the total as a whole percentage, rounded half up; `None` when nothing settled.
    pub fn percent(&self, n: usize) -> Option<usize> {
        let total = self.total();
        (total > 0).then(|| (n * 200 + total) / (total * 2))
    }

    fn add(&mut self, level: Level) {
        match level {
            Level::Grid => self.grid += 1,
            Level::Community => self.community += 1,
            Level::Subdistrict => self.subdistrict += 1,
        }
    }
}

/// The level that held a case when it was last settled (moved to resolved or closed) between
/// `from` and `to`; `None` when it was not settled then.
pub fn settled_level(c: &Case, from: Date, to: Date) -> Option<Level> {
    let mut level = c.first_level();
    let mut settled = None;
    for e in &c.events {
        match e.kind {
            EventKind::Escalated { to: l, .. } | EventKind::Returned { to: l, .. } => level = l,
            EventKind::Status {
                to: CaseStatus::Resolved | CaseStatus::Closed,
                ..
            } if (from..=to).contains(&e.date) => settled = Some(level),
            _ => {}
        }
    }
    settled
}

/// Partners with an active agreement, by kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct PartnerCounts {
    pub unit: usize,
    pub enterprise: usize,
    pub school: usize,
    pub bank: usize,
    pub individual: usize,
}

impl PartnerCounts {
    /// The partners whose agreement is active on `to`.
    pub fn active(partners: &[Partner], to: Date) -> Self {
        let mut c = PartnerCounts::default();
        for p in partners
            .iter()
            .filter(|p| p.agreement_signed.is_some_and(|d| d <= to))
        {
            *c.slot(p.kind) += 1;
        }
        c
    }

    fn slot(&mut self, kind: PartnerKind) -> &mut usize {
        match kind {
            PartnerKind::Unit => &mut self.unit,
            PartnerKind::Enterprise => &mut self.enterprise,
            PartnerKind::School => &mut self.school,
            PartnerKind::Bank => &mut self.bank,
            PartnerKind::Individual => &mut self.individual,
        }
    }

    /// (kind, count) for every kind, in the order of `PartnerKind`.
    pub fn by_kind(&self) -> [(PartnerKind, usize); 5] {
        [
            (PartnerKind::Unit, self.unit),
            (PartnerKind::Enterprise, self.enterprise),
            (PartnerKind::School, self.school),
            (PartnerKind::Bank, self.bank),
            (PartnerKind::Individual, self.individual),
        ]
    }

    pub fn total(&self) -> usize {
        self.by_kind().iter().map(|(_, n)| n).sum()
    }
}

/// Whether a visited household is in the grid, read once per household; without a grid every
/// visit counts (a visit needs its household, and households are never deleted).
struct VisitedGrids<'a> {
    store: &'a Store,
    grid: Option<Id>,
    seen: HashMap<Id, bool>,
}

impl VisitedGrids<'_> {
    fn mine(&mut self, household: Id) -> Result<bool> {
        let Some(grid) = self.grid else {
            return Ok(true);
        };
        if let Some(&m) = self.seen.get(&household) {
            return Ok(m);
        }
        let m = self
            .store
            .get::<Household>(household)?
            .is_some_and(|h| h.grid == grid);
        self.seen.insert(household, m);
        Ok(m)
    }
}

/// The earliest day of any record the figures count (meetings, visits, fund entries, cases
/// opened, check-ins), for the default period: the first kept dated entry that counts, and
/// the first check-in key.
pub fn first_day(store: &Store, grid: Option<Id>) -> Result<Option<Date>> {
    let mut visited = VisitedGrids {
        store,
        grid,
        seen: HashMap::new(),
    };
    let dated = store.first_dated(|item| {
        Ok(match &item.what {
            Dated::Meeting(_) | Dated::Fund { .. } => true,
            Dated::Visit { household } => visited.mine(*household)?,
            Dated::Case {
                opened, grid: g, ..
            } => *opened && grid.is_none_or(|only| only == *g),
            Dated::File { .. } => false,
        })
    })?;
    let checkins = store.checkin_span()?.map(|(first, _)| first);
    Ok(dated.into_iter().chain(checkins).min())
}

/// The period's figures, from the kept `dated` index up to `to` (`dated`: every entry from
/// the first to `to`, read once for these and the visits' cadence; the fund's balance counts
/// from the first entry) and the elders and partners already read.
/// Also returns the elders greeted daily, by id (see `daily::greeted_daily_ids`).
pub fn figures(
    store: &Store,
    ctx: &Context,
    dated: &[DatedItem],
    from: Date,
    to: Date,
) -> Result<(PeriodFigures, Vec<Id>)> {
    let within = |d: Date| (from..=to).contains(&d);
    let mine = |g: Id| ctx.grid().is_none_or(|only| only == g);
    let mut visited = VisitedGrids {
        store,
        grid: ctx.grid(),
        seen: HashMap::new(),
    };
    let (daily, greeted) = super::daily::greeted_daily_ids(
        store,
        &ctx.elders,
        from,
        to,
        store.checkin_span()?.map(|(first, _)| first),
    )?;
    let partners = PartnerCounts::active(&ctx.partners, to);
    let mut f = PeriodFigures {
        from,
        to,
        joint_meetings: 0,
        consultations: 0,
        households_visited: 0,
        disputes_mediated: 0,
        problems_resolved: 0,
        elders_greeted_daily: daily.every_day,
        elders_on_roll: daily.on_roll,
        households_with_files: 0,
        partners: partners.total(),
        partners_by_kind: partners,
        fund_in_fen: 0,
        fund_out_fen: 0,
        fund_balance_fen: 0,
        settled_by_level: LevelCounts::default(),
    };
    let mut households: HashSet<Id> = HashSet::new();
    let mut disputes: HashSet<Id> = HashSet::new();
    let mut requests: HashSet<Id> = HashSet::new();
    let mut settled_cases: std::collections::BTreeSet<Id> = std::collections::BTreeSet::new();
    for item in dated {
        let now = within(item.date);
        match item.what {
            Dated::Meeting(MeetingKind::JointMeeting) if now => f.joint_meetings += 1,
            Dated::Meeting(MeetingKind::Consultation) if now => f.consultations += 1,
            Dated::Visit { household } if now && visited.mine(household)? => {
                households.insert(household);
            }
            Dated::Fund {
                direction,
                amount_fen,
            } => {
                let signed = match direction {
                    Direction::In => amount_fen,
                    Direction::Out => -amount_fen,
                };
                f.fund_balance_fen += signed;
                match direction {
                    Direction::In if now => f.fund_in_fen += amount_fen,
                    Direction::Out if now => f.fund_out_fen += amount_fen,
                    _ => {}
                }
            }
            Dated::Case {
                kind,
                grid,
                session,
                settled,
                ..
            } if now && mine(grid) => {
                if matches!(kind, CaseKind::Dispute | CaseKind::Petition) && (session || settled) {
                    disputes.insert(item.id);
                }
                if kind == CaseKind::Request && settled {
                    requests.insert(item.id);
                }
                if settled {
                    settled_cases.insert(item.id);
                }
            }
            Dated::File { grid } if mine(grid) => f.households_with_files += 1,
            _ => {}
        }
    }
    f.households_visited = households.len();
    f.disputes_mediated = disputes.len();
    f.problems_resolved = requests.len();
    // The cases settled in a period are few: each is read once for its hand-overs.
    for id in settled_cases {
        if let Some(level) = store
            .get::<Case>(id)?
            .and_then(|c| settled_level(&c, from, to))
        {
            f.settled_by_level.add(level);
        }
    }
    Ok((f, greeted))
}
