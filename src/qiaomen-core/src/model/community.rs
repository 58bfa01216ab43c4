use serde::{Deserialize, Serialize};

use super::Id;
use crate::day::ClockTime;

/// The whole installation: one database.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Community {
    pub name: String,
    /// Minutes east of UTC; "today" is computed from it, never from the server's TZ.
    #[serde(default = "default_offset")]
    pub utc_offset_minutes: i16,
    /// After this time an elder not yet reached needs attention.
    #[serde(default = "default_cutoff")]
    pub cutoff: ClockTime,
    /// `no-answer` this many times in a day escalates to the attention list.
    #[serde(default = "default_retries")]
    pub retries: u8,
    /// What follows a no-answer, per care level (format version 2; version 1 reads with the
    /// defaults).
    #[serde(default)]
    pub ladder: Ladder,
}

/// One care level's escalation ladder (SPEC §3): phone tries, then the emergency contacts in
/// their order, then a door knock, then a case. Every deadline is counted from the cutoff.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LadderLevel {
    /// Tries by phone in all, the roll call's own calls included.
    pub retries: u8,
    /// Minutes between two tries; each emergency contact is given as long.
    pub every: u16,
    /// Minutes for the door knock after the last call or contact is due.
    pub knock_within: u16,
}

/// The ladder of care levels 1, 2 and 3.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ladder {
    pub levels: [LadderLevel; 3],
}

impl Ladder {
    /// The longest interval that can be set: a day.
    pub const MAX_MINUTES: u16 = 24 * 60;
    /// The most phone tries that can be set.
    pub const MAX_RETRIES: u8 = 20;

    /// The steps of care level `level` (levels outside 1–3 take level 3's).
    /// The default ladder with `retries` phone tries at every level, where that is a count the
    /// ladder takes (1 to `MAX_RETRIES`); else the default's.
    pub fn with_retries(retries: u8) -> Ladder {
        let mut ladder = Ladder::default();
        if (1..=Ladder::MAX_RETRIES).contains(&retries) {
            for l in &mut ladder.levels {
                l.retries = retries;
            }
        }
        ladder
    }

    pub fn level(&self, level: u8) -> LadderLevel {
        self.levels[usize::from(level.clamp(1, 3)) - 1]
    }
}

impl Default for Ladder {
    /// SPEC §3: level 1 every 30 minutes, 3 tries, a knock within the hour; levels 2 and 3
    /// every hour, 3 tries, a knock within 3 hours.
    fn default() -> Self {
        let other = LadderLevel {
            retries: 3,
            every: 60,
            knock_within: 180,
        };
        Ladder {
            levels: [
                LadderLevel {
                    retries: 3,
                    every: 30,
                    knock_within: 60,
                },
                other,
                other,
            ],
        }
    }
}

fn default_offset() -> i16 {
    480
}

fn default_cutoff() -> ClockTime {
    ClockTime::new(11, 0).expect("valid")
}

fn default_retries() -> u8 {
    3
}

impl Community {
    pub fn named(name: &str) -> Self {
        Community {
            name: name.to_owned(),
            utc_offset_minutes: default_offset(),
            cutoff: default_cutoff(),
            retries: default_retries(),
            ladder: Ladder::default(),
        }
    }
}

/// A part of the community with its stewards.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grid {
    #[serde(default)]
    pub id: Id,
    /// `G1`, `G2`, …
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub stewards: Vec<Id>,
}
