//! The community as format version 1 stored it (before the ladder): read from old databases
//! and from journal entries written before entry version 4, with the default ladder.

use serde::Deserialize;

use super::{Community, Ladder};
use crate::day::ClockTime;

/// Field for field the version-1 layout; bincode reads fields in order, so none may move.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct CommunityV1 {
    pub name: String,
    pub utc_offset_minutes: i16,
    pub cutoff: ClockTime,
    pub retries: u8,
}

impl From<CommunityV1> for Community {
    fn from(c: CommunityV1) -> Community {
        Community {
            name: c.name,
            utc_offset_minutes: c.utc_offset_minutes,
            cutoff: c.cutoff,
            retries: c.retries,
            // The one retry count of before is every level's phone tries now (when it is one
            // the ladder takes); the rest of each level is the default.
            ladder: Ladder::with_retries(c.retries),
        }
    }
}
