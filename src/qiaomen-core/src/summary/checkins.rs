//! The check-in part of the summary, built on the day's roll call (which also knows who was
//! not reached the day before).

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use super::GridRef;
use super::register::Context;
use crate::day::{ClockTime, Date, Now};
use crate::ladder::Position;
use crate::model::Community;
use crate::model::{CheckIn, Id, Method, Outcome};
use crate::rollcall::{self, Attention, DayStatus, Roll, RollEntry};

/// Check-in figures. `due` is everybody on the day's roll, so that
/// `reached + away + not_reached == due`; `away_carried` of the away were marked away on an
/// earlier day and were not called today.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Counts {
    pub due: usize,
    pub reached: usize,
    pub ok: usize,
    pub unwell: usize,
    pub needs_help: usize,
    pub away: usize,
    pub away_carried: usize,
    pub not_reached: usize,
    pub no_answer: usize,
    pub no_attempt: usize,
    pub attention: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct GridCounts {
    pub grid: GridRef,
    pub counts: Counts,
}

/// An elder's day, as the summary and the CSV see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayState {
    Reached,
    Away,
    NotReached,
}

impl DayState {
    pub fn as_str(self) -> &'static str {
        match self {
            DayState::Reached => "reached",
            DayState::Away => "away",
            DayState::NotReached => "not_reached",
        }
    }
}

/// One elder on one day: a row of the CSV.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct ElderDay {
    pub elder_id: Id,
    pub name: String,
    pub grid: String,
    pub state: DayState,
    /// The day's latest outcome; `None` when nobody tried that day.
    pub outcome: Option<Outcome>,
    pub attempts: usize,
    pub last_time: Option<ClockTime>,
    pub by: String,
    pub method: Option<Method>,
    pub note: String,
    pub away_until: Option<Date>,
}

/// The latest contact with an elder on or before the day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Contact {
    pub date: Date,
    pub time: ClockTime,
    pub by: String,
    pub method: Method,
    pub outcome: Outcome,
    pub note: String,
}

/// An elder on the attention list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct AttentionItem {
    pub elder_id: Id,
    pub name: String,
    pub grid: GridRef,
    pub address: String,
    /// The rule that put the elder on the list (`rollcall::Attention::code`).
    #[serde(deserialize_with = "crate::wire::code")]
    pub reason: crate::wire::Code,
    pub state: DayState,
    pub attempts: usize,
    pub last: Option<Contact>,
    /// Not reached on the previous day either.
    pub missed_previous_day: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct CheckIns {
    pub total: Counts,
    pub by_grid: Vec<GridCounts>,
    /// Most urgent first, as on the roll call.
    pub attention: Vec<AttentionItem>,
    /// Every elder on the roll, by grid then id.
    pub elders: Vec<ElderDay>,
    /// The elders on the escalation ladder, the furthest up first (`ladder.rs`).
    #[serde(default)]
    pub ladder: Vec<super::LadderItem>,
}

fn state(status: DayStatus) -> DayState {
    match status {
        DayStatus::Reached(_) => DayState::Reached,
        DayStatus::Away { .. } => DayState::Away,
        DayStatus::NotReached => DayState::NotReached,
    }
}

impl Counts {
    fn add(&mut self, e: &RollEntry, attention: Option<Attention>) {
        self.due += 1;
        match e.status {
            DayStatus::Reached(o) => {
                self.reached += 1;
                match o {
                    Outcome::Unwell => self.unwell += 1,
                    Outcome::NeedsHelp => self.needs_help += 1,
                    _ => self.ok += 1,
                }
            }
            DayStatus::Away { carried, .. } => {
                self.away += 1;
                self.away_carried += usize::from(carried);
            }
            DayStatus::NotReached => {
                self.not_reached += 1;
                if e.attempts.is_empty() {
                    self.no_attempt += 1;
                } else {
                    self.no_answer += 1;
                }
            }
        }
        self.attention += usize::from(attention.is_some());
    }
}

fn contact(c: &CheckIn) -> Contact {
    Contact {
        date: c.date,
        time: c.time,
        by: c.by.clone(),
        method: c.method,
        outcome: c.outcome,
        note: c.note.clone(),
    }
}

fn elder_day(ctx: &Context, e: &RollEntry) -> ElderDay {
    let today = e.attempts.last();
    ElderDay {
        elder_id: e.elder.id,
        name: e.elder.name.clone(),
        grid: ctx.grid_code(e.elder.grid),
        state: state(e.status),
        outcome: today.map(|c| c.outcome),
        attempts: e.attempts.len(),
        last_time: today.map(|c| c.time),
        by: today.map(|c| c.by.clone()).unwrap_or_default(),
        method: today.map(|c| c.method),
        note: today.map(|c| c.note.clone()).unwrap_or_default(),
        away_until: match e.status {
            DayStatus::Away { until, .. } => until,
            _ => None,
        },
    }
}

/// The check-in part of a day's report from the day's roll call as it stands at the report's
/// hour (of `grid`, or the whole community's). The attention list's addresses are the ones the
/// roll carries (the elders index's, the same as the household's).
pub fn of_roll(ctx: &Context, roll: &Roll, grid: Option<Id>) -> CheckIns {
    // In the roll's order (`rollcall::roll`), the entries looked at in place, not moved.
    let mut lines: Vec<_> = roll
        .entries
        .iter()
        .map(|e| (rollcall::sort_key(e, e.attention), e))
        .collect();
    lines.sort_unstable_by_key(|l| l.0);
    of_lines(
        ctx,
        lines
            .iter()
            .map(|(_, e)| (*e, e.attention, e.ladder.as_ref())),
        lines.len(),
        grid,
    )
}

/// `of_roll(ctx, &roll.at(community, now, grid), grid)` without copying the roll's entries:
/// the hour's attention and ladder are worked out beside them, in the order `at` sorts.
pub fn of_roll_at(
    ctx: &Context,
    roll: &Roll,
    community: &Community,
    now: Now,
    grid: Option<Id>,
) -> CheckIns {
    let mut lines: Vec<_> = roll
        .entries
        .iter()
        .filter(|e| grid.is_none_or(|g| e.elder.grid == g))
        .map(|e| {
            let (attention, ladder) = rollcall::hour_of(e, community, roll.date, now);
            (rollcall::sort_key(e, attention), e, attention, ladder)
        })
        .collect();
    lines.sort_by_key(|l| l.0);
    let n = lines.len();
    of_lines(
        ctx,
        lines.iter().map(|(_, e, a, l)| (*e, *a, l.as_ref())),
        n,
        grid,
    )
}

/// The check-in part of a report from a roll's lines in its order, each with its attention
/// and ladder at the hour.
fn of_lines<'a>(
    ctx: &Context,
    lines: impl Iterator<Item = (&'a RollEntry, Option<Attention>, Option<&'a Position>)>,
    n: usize,
    grid: Option<Id>,
) -> CheckIns {
    let mut total = Counts::default();
    // Every grid in view gets a line, also one without elders: a zero is news too.
    let mut by_grid: BTreeMap<Id, Counts> = ctx
        .grids
        .keys()
        .filter(|&&g| grid.is_none_or(|only| only == g))
        .map(|&g| (g, Counts::default()))
        .collect();
    let mut attention = Vec::new();
    let mut elders = Vec::with_capacity(n);
    let mut ladder = Vec::new();
    for (e, reason, position) in lines {
        if let Some(p) = position {
            ladder.push(super::LadderItem::of(e, p, ctx.grid_ref(e.elder.grid)));
        }
        total.add(e, reason);
        by_grid.entry(e.elder.grid).or_default().add(e, reason);
        elders.push(elder_day(ctx, e));
        if let Some(reason) = reason {
            attention.push(AttentionItem {
                elder_id: e.elder.id,
                name: e.elder.name.clone(),
                grid: ctx.grid_ref(e.elder.grid),
                address: e.address.short(),
                reason: reason.code(),
                state: state(e.status),
                attempts: e.attempts.len(),
                last: e.last.as_ref().map(contact),
                missed_previous_day: e.missed_previous_day,
            });
        }
    }
    sort_by_grid(&mut elders);
    let mut by_grid: Vec<GridCounts> = by_grid
        .into_iter()
        .map(|(id, counts)| GridCounts {
            grid: ctx.grid_ref(id),
            counts,
        })
        .collect();
    by_grid.sort_by(|a, b| grid_order(&a.grid.code, &b.grid.code));
    super::ladder::sort(&mut ladder);
    CheckIns {
        total,
        by_grid,
        attention,
        elders,
        ladder,
    }
}

/// By grid (`grid_order`), then by id. A district's day holds twenty thousand elders in a few
/// hundred grids: the codes are ordered once, and the elders by their code's rank.
pub(super) fn sort_by_grid(elders: &mut [ElderDay]) {
    let codes: HashSet<&str> = elders.iter().map(|e| e.grid.as_str()).collect();
    let mut codes: Vec<String> = codes.into_iter().map(str::to_owned).collect();
    codes.sort_by(|a, b| grid_order(a, b));
    let rank: HashMap<String, usize> = codes.into_iter().enumerate().map(|(i, c)| (c, i)).collect();
    elders.sort_by_cached_key(|e| (rank.get(&e.grid).copied(), e.elder_id));
}

/// `G2` before `G10`: codes compare by their number when they have one.
pub fn grid_order(a: &str, b: &str) -> std::cmp::Ordering {
    let split = |s: &str| {
        let prefix = s.len() - s.trim_start_matches(|c: char| !c.is_ascii_digit()).len();
        let (head, tail) = s.split_at(prefix);
        (head.to_owned(), tail.parse::<u64>().ok(), s.to_owned())
    };
    split(a).cmp(&split(b))
}
