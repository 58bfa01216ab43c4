//! What the soak remembers between days: the ids it picks from, the open cases it moves on,
//! the elders who moved out, its random numbers and the fractional work carried to the next
//! day. Everything else is read from the engine, as the app reads it.

use std::collections::{HashMap, HashSet};

use qiaomen_core::Engine;
use qiaomen_core::model::{Case, CaseKind, CaseStatus, Household, Id, Member, Partner, Resident};

/// How much happens, per simulated day unless said otherwise.
#[derive(Clone, Copy, Debug)]
pub struct Rates {
    /// Share of residents edited over 365 days.
    pub edited_per_year: f64,
    /// Share of residents who move out over 365 days.
    pub moved_per_year: f64,
    /// Share of first calls that go unanswered.
    pub no_answer: f64,
    /// Share of unanswered calls tried again later that day (up to the community's retries).
    pub retried: f64,
    /// Share of first calls that find the elder away (for 3–14 days).
    pub away: f64,
    /// Multiplies the register and case work below (1 = the demo's rates).
    pub work: f64,
}

/// The demo generator's rates at the subdistrict (100,000 residents), per day, read from
/// src/qiaomen-core/src/generate: 400 cases a year (petitions over two years), each with a
/// note, 1–6 sessions for disputes and petitions and two status changes; visits to 35% of
/// the 2,000 elders over 180 days and 1–3 to each of the 300 files; about 160 fund entries a
/// year (donations in, relief out). Scaled by residents for other sizes.
pub const CASES_OPENED: f64 = 1.05;
pub const CASE_NOTES: f64 = 1.0;
pub const CASE_SESSIONS: f64 = 1.0;
pub const CASE_STATUS: f64 = 2.0;
pub const VISITS: f64 = 5.5;
pub const FUND: f64 = 0.45;

/// splitmix64: deterministic, no dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn index(&mut self, len: usize) -> usize {
        (self.next() % len.max(1) as u64) as usize
    }

    /// Uniform in [lo, hi].
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.index(items.len())]
    }
}

/// Fractional work carried over: a rate of 0.45 a day is one entry on about every other day.
#[derive(Default)]
pub struct Quota(f64);

impl Quota {
    pub fn take(&mut self, rate: f64) -> usize {
        self.0 += rate;
        let n = self.0.floor();
        self.0 -= n;
        n as usize
    }
}

/// An open case the soak moves on.
pub struct OpenCase {
    pub id: Id,
    pub kind: CaseKind,
    pub status: CaseStatus,
}

pub struct World {
    pub rng: Rng,
    pub residents: Vec<Id>,
    pub households: Vec<Id>,
    pub partners: Vec<Id>,
    pub members: HashMap<Id, String>,
    /// The members' names, sorted, to pick a clerk from.
    pub names: Vec<String>,
    pub cases: Vec<OpenCase>,
    pub moved: HashSet<Id>,
    /// Residents over 100,000: the work rates' scale.
    pub size: f64,
    pub edits: Quota,
    pub moves: Quota,
    pub opened: Quota,
    pub notes: Quota,
    pub sessions: Quota,
    pub status: Quota,
    pub visits: Quota,
    pub fund: Quota,
}

impl World {
    /// Reads the ids once (the residents themselves are dropped at once).
    pub fn read(engine: &Engine) -> World {
        let residents: Vec<Id> = engine
            .all::<Resident>()
            .expect("residents")
            .iter()
            .map(|r| r.id)
            .collect();
        let households = engine
            .all::<Household>()
            .expect("households")
            .iter()
            .map(|h| h.id)
            .collect();
        let partners = engine
            .all::<Partner>()
            .expect("partners")
            .iter()
            .map(|p| p.id)
            .collect();
        let members: HashMap<Id, String> = engine
            .all::<Member>()
            .expect("members")
            .into_iter()
            .map(|m| (m.id, m.name))
            .collect();
        let mut names: Vec<String> = members.values().cloned().collect();
        names.sort();
        let cases = engine
            .all::<Case>()
            .expect("cases")
            .into_iter()
            .filter(|c| c.status != CaseStatus::Closed)
            .map(|c| OpenCase {
                id: c.id,
                kind: c.kind,
                status: c.status,
            })
            .collect();
        let size = residents.len() as f64 / 100_000.0;
        World {
            rng: Rng::new(1),
            residents,
            households,
            partners,
            members,
            names,
            cases,
            moved: HashSet::new(),
            size,
            edits: Quota::default(),
            moves: Quota::default(),
            opened: Quota::default(),
            notes: Quota::default(),
            sessions: Quota::default(),
            status: Quota::default(),
            visits: Quota::default(),
            fund: Quota::default(),
        }
    }

    /// A member's name to sign with (any member when the id is unknown).
    pub fn member(&mut self, id: Option<Id>) -> String {
        if let Some(name) = id.and_then(|id| self.members.get(&id)) {
            return name.clone();
        }
        if self.names.is_empty() {
            return "soak".to_owned();
        }
        self.names[self.rng.index(self.names.len())].clone()
    }
}
