//! The head of a day's roll call: its first lines as they stand at an hour, with the counts of
//! the whole. A terminal's first screen shows the header's figures and a screenful of rows; at
//! the district the whole roll is 20,000 entries with their residents, megabytes to send and
//! decode before anything is drawn. The TUI draws from the head and reads the rest behind it.

use serde::{Deserialize, Serialize};

use crate::day::Now;
use crate::model::{Community, Id};
use crate::rollcall::{Roll, RollCounts};

/// The most lines a head holds (a tall terminal's screen, with room to move the cursor).
pub const MAX_ROWS: usize = 500;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RollHead {
    /// The first lines, in the roll's order, each as `Roll::at` makes it.
    pub roll: Roll,
    /// The counts of the whole roll (`Roll::counts` of `Roll::at`).
    pub counts: RollCounts,
    /// Every line of the roll is here.
    pub whole: bool,
}

impl Roll {
    /// The first `rows` lines of `self.at(community, now, grid)` and the counts of all of
    /// it, copying only those lines.
    pub fn head_at(
        &self,
        community: &Community,
        now: Now,
        grid: Option<Id>,
        rows: usize,
    ) -> RollHead {
        let rows = rows.min(MAX_ROWS);
        let mut counts = RollCounts::default();
        let mut keyed = Vec::new();
        for (i, e) in self.entries.iter().enumerate() {
            if grid.is_some_and(|g| e.elder.grid != g) {
                continue;
            }
            let attention = crate::rollcall::attention_at(e, community, self.date, now);
            counts.add(e, attention.is_some());
            keyed.push((crate::rollcall::sort_key(e, attention), i));
        }
        let whole = keyed.len() <= rows;
        if !whole {
            keyed.select_nth_unstable(rows);
            keyed.truncate(rows);
        }
        keyed.sort_unstable();
        let entries = keyed
            .into_iter()
            .map(|(_, i)| {
                let mut e = self.entries[i].clone();
                let (attention, ladder) = crate::rollcall::hour_of(&e, community, self.date, now);
                e.attention = attention;
                e.ladder = ladder;
                e
            })
            .collect();
        RollHead {
            roll: Roll {
                date: self.date,
                entries,
            },
            counts,
            whole,
        }
    }
}

impl RollHead {
    /// A whole roll as a head of itself.
    pub fn of_whole(roll: Roll) -> RollHead {
        RollHead {
            counts: roll.counts(),
            roll,
            whole: true,
        }
    }
}
