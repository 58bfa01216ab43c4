//! The roll-call sheet: exactly what `qiaomen roll` prints of each elder, and nothing more.
//! A district's roll call is 20,000 elders; the whole `RollEntry` (with the resident record and
//! every attempt) is what the TUI works on, but the printed sheet needs a few fields per
//! elder. The server builds the sheet from its warm roll call (kept current by every mark)
//! without copying the residents, and sends it compact.

use serde::{Deserialize, Serialize};

use crate::day::{ClockTime, Date, Now};
use crate::ladder::Position;
use crate::model::{Community, Grid, Id, Member, Outcome};
use crate::rollcall::{Attention, DayStatus, Roll, RollCounts, RollEntry};

/// The latest contact, as the sheet's "last" column shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetContact {
    pub date: Date,
    pub time: ClockTime,
    pub outcome: Outcome,
    pub by: String,
}

/// Where an elder stands on the ladder, with who should take the step (members' ids, the most
/// fitting first: `ladder::doers`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetLadder {
    pub position: Position,
    pub doers: Vec<Id>,
}

/// One elder's line of the sheet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetRow {
    pub id: Id,
    pub name: String,
    pub age: Option<i32>,
    pub grid: Id,
    /// The household's short address (empty without one).
    pub address: String,
    pub phone: String,
    pub status: DayStatus,
    pub attention: Option<Attention>,
    pub last: Option<SheetContact>,
    pub attempts: u32,
    pub ladder: Option<SheetLadder>,
    /// The members who call this elder (what a volunteer's view is narrowed by).
    pub callers: Vec<Id>,
}

/// A day's roll call as printed: the counts, then the rows in the roll's order (attention
/// first, then those not yet accounted for).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sheet {
    pub date: Date,
    pub counts: RollCounts,
    pub rows: Vec<SheetRow>,
}

/// From this many rows on, a sheet is made, and laid out as text (`qiaomen roll`), in two
/// halves side by side (below, a thread costs more than it saves).
pub const ROWS_IN_HALVES: usize = 4096;

/// Who the ladder's doers are chosen among (read once per sheet).
pub struct Crew<'a> {
    pub grids: &'a [Grid],
    pub members: &'a [Member],
}

impl SheetRow {
    fn of(e: &RollEntry, date: Date, crew: &Crew<'_>) -> SheetRow {
        SheetRow::of_parts(e, date, e.attention, e.ladder.as_ref(), crew)
    }
}

impl Sheet {
    /// The counts of these rows, as `Roll::counts` counts the entries.
    pub fn count(rows: &[SheetRow]) -> RollCounts {
        let mut c = RollCounts::default();
        for r in rows {
            c.total += 1;
            c.due += usize::from(!matches!(r.status, DayStatus::Away { carried: true, .. }));
            match r.status {
                DayStatus::Reached(_) => c.reached += 1,
                DayStatus::Away { .. } => c.away += 1,
                DayStatus::NotReached => c.not_reached += 1,
            }
            c.attention += usize::from(r.attention.is_some());
        }
        c
    }

    /// Only the rows `keep` keeps, counted again.
    pub fn retain(&mut self, keep: impl Fn(&SheetRow) -> bool) {
        self.rows.retain(|r| keep(r));
        self.counts = Sheet::count(&self.rows);
    }

    /// The sheet of a roll call already as it stands at its hour (`Roll::at`).
    pub fn of(roll: &Roll, crew: &Crew<'_>) -> Sheet {
        Sheet {
            date: roll.date,
            counts: roll.counts(),
            rows: roll
                .entries
                .iter()
                .map(|e| SheetRow::of(e, roll.date, crew))
                .collect(),
        }
    }
}

impl Roll {
    /// The sheet of this roll as it stands at `now`, for one grid or all: the same rows, in the
    /// same order, as `Sheet::of(&self.at(community, now, grid), crew)`, without copying the
    /// entries (only the hour-dependent attention and ladder are worked out again).
    pub fn sheet_at(
        &self,
        community: &Community,
        now: Now,
        grid: Option<Id>,
        crew: &Crew<'_>,
    ) -> Sheet {
        // The hour's attention and ladder worked out once per entry, sorted by key with the
        // entry's place, and each row made in its place: no row is moved after it is made.
        let mut keyed: Vec<(SortKey, usize, Option<Attention>, Option<Position>)> = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| grid.is_none_or(|g| e.elder.grid == g))
            .map(|(at, e)| {
                let (attention, ladder) = crate::rollcall::hour_of(e, community, self.date, now);
                (
                    crate::rollcall::sort_key(e, attention),
                    at,
                    attention,
                    ladder,
                )
            })
            .collect();
        keyed.sort_unstable_by_key(|k| (k.0, k.1));
        // A district's 20,000 rows made in two halves, one beside the other.
        let rows = crate::beside::concat(crate::beside::each_beside(
            crate::beside::halves(&keyed, ROWS_IN_HALVES),
            |keyed| {
                keyed
                    .iter()
                    .map(|(_, at, attention, ladder)| {
                        SheetRow::of_parts(
                            &self.entries[*at],
                            self.date,
                            *attention,
                            ladder.as_ref(),
                            crew,
                        )
                    })
                    .collect::<Vec<SheetRow>>()
            },
        ));
        Sheet {
            date: self.date,
            counts: Sheet::count(&rows),
            rows,
        }
    }
}

use crate::rollcall::SortKey;

impl SheetRow {
    fn of_parts(
        e: &RollEntry,
        date: Date,
        attention: Option<Attention>,
        ladder: Option<&Position>,
        crew: &Crew<'_>,
    ) -> SheetRow {
        SheetRow {
            id: e.elder.id,
            name: e.elder.name.clone(),
            age: e.elder.age_on(date),
            grid: e.elder.grid,
            address: e.address.short(),
            phone: e.elder.phone.clone(),
            status: e.status,
            attention,
            last: e.last.as_ref().map(|l| SheetContact {
                date: l.date,
                time: l.time,
                outcome: l.outcome,
                by: l.by.clone(),
            }),
            attempts: u32::try_from(e.attempts.len()).unwrap_or(u32::MAX),
            ladder: ladder.map(|p| SheetLadder {
                position: p.clone(),
                doers: crate::ladder::doers(p.doer, &e.elder, crew.grids, crew.members),
            }),
            callers: e
                .elder
                .care
                .as_ref()
                .map(|c| c.callers.clone())
                .unwrap_or_default(),
        }
    }
}
