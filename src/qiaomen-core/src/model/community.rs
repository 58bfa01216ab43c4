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
