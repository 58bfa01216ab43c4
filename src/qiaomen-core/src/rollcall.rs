//! The daily check-in roll call (每日一问候): who is due on a day, each elder's day status, and
//! who needs attention. `now` is passed in; nothing here reads the clock.
//!
//! Rules (SPEC §3): an elder with an active care plan is due every day unless the latest
//! outcome is `away` and the away period still holds. The latest check-in of the day decides.
//! `ok`, `unwell`, `needs-help` are reached; `away` is accounted for; `no-answer` or nothing is
//! not reached — uncertain never counts as safe.

use std::collections::HashMap;

use crate::day::{Date, Now};
use crate::error::Result;
use crate::model::{Address, CheckIn, Community, Id, Outcome, Resident};
use crate::store::Store;

mod attempts;
pub(crate) use attempts::{away_holds, latest, status_of};
use attempts::{group, latest_of_each};

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DayStatus {
    Reached(Outcome),
    /// Away, marked on this day or carried from an earlier day.
    Away {
        until: Option<Date>,
        carried: bool,
    },
    NotReached,
}

/// Why an elder is on the attention list, most urgent first.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Attention {
    /// Not reached today nor on the previous day (red).
    MissedTwoDays,
    NeedsHelp,
    Unwell,
    /// `no-answer` as many times as the ladder's retries for the elder's care level.
    NoAnswerRepeated,
    /// Not reached and the cutoff time has passed.
    NotReachedAfterCutoff,
}

impl Attention {
    pub fn code(self) -> &'static str {
        match self {
            Attention::MissedTwoDays => "missed_two_days",
            Attention::NeedsHelp => "needs_help",
            Attention::Unwell => "unwell",
            Attention::NoAnswerRepeated => "no_answer_repeated",
            Attention::NotReachedAfterCutoff => "not_reached_after_cutoff",
        }
    }
}

/// Whether a resident is on the roll call at all (due on the days its plan is active): the
/// one predicate, which the elders index (`store/kept`) holds exactly, and which every reader
/// of the elders goes through that index for.
pub fn on_the_roll(r: &Resident) -> bool {
    r.care.is_some()
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct RollEntry {
    pub elder: Resident,
    /// The address of the elder's household, as the elders index keeps it (empty without one).
    pub address: Address,
    pub status: DayStatus,
    /// The day's attempts, in order.
    pub attempts: Vec<CheckIn>,
    /// The latest check-in on or before the day (today's last attempt, or an earlier one).
    pub last: Option<CheckIn>,
    pub attention: Option<Attention>,
    /// Not reached on the previous day (when due then).
    pub missed_previous_day: bool,
    /// Where the elder stands on the escalation ladder, when not reached (see `ladder`).
    pub ladder: Option<crate::ladder::Position>,
}

impl RollEntry {
    pub fn is_due(&self) -> bool {
        !matches!(self.status, DayStatus::Away { carried: true, .. })
    }

    pub fn is_reached(&self) -> bool {
        matches!(self.status, DayStatus::Reached(_))
    }

    pub fn is_accounted(&self) -> bool {
        !matches!(self.status, DayStatus::NotReached)
    }

    pub fn no_answers(&self) -> usize {
        self.attempts
            .iter()
            .filter(|c| c.outcome == Outcome::NoAnswer)
            .count()
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RollCounts {
    /// Elders with an active care plan.
    pub total: usize,
    /// Of those, not away from an earlier day.
    pub due: usize,
    pub reached: usize,
    pub away: usize,
    pub not_reached: usize,
    pub attention: usize,
}

impl RollCounts {
    /// Counts one more entry (`attention`: it needs attention at the hour counted).
    pub fn add(&mut self, e: &RollEntry, attention: bool) {
        self.total += 1;
        self.due += usize::from(e.is_due());
        match e.status {
            DayStatus::Reached(_) => self.reached += 1,
            DayStatus::Away { .. } => self.away += 1,
            DayStatus::NotReached => self.not_reached += 1,
        }
        self.attention += usize::from(attention);
    }

    /// Counts one entry fewer: `add` undone (an entry replaced after a mark).
    pub fn remove(&mut self, e: &RollEntry, attention: bool) {
        self.total = self.total.saturating_sub(1);
        self.due = self.due.saturating_sub(usize::from(e.is_due()));
        let status = match e.status {
            DayStatus::Reached(_) => &mut self.reached,
            DayStatus::Away { .. } => &mut self.away,
            DayStatus::NotReached => &mut self.not_reached,
        };
        *status = status.saturating_sub(1);
        self.attention = self.attention.saturating_sub(usize::from(attention));
    }
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Roll {
    pub date: Date,
    pub entries: Vec<RollEntry>,
}

impl Roll {
    /// This roll as it stands at `now`, for one grid or all: the attention rules that depend on
    /// the hour (the cutoff) are applied again, so a roll kept warm since the morning is as
    /// current as one read afresh.
    #[must_use]
    pub fn at(&self, community: &Community, now: Now, grid: Option<Id>) -> Roll {
        let mut entries: Vec<RollEntry> = self
            .entries
            .iter()
            .filter(|e| grid.is_none_or(|g| e.elder.grid == g))
            .cloned()
            .collect();
        for e in &mut entries {
            e.attention = attention(e, community, self.date, now);
            e.ladder = ladder_of(e, community, self.date, now);
        }
        sort(&mut entries);
        Roll {
            date: self.date,
            entries,
        }
    }

    /// One elder's entry of `at` (the same attention and ladder), without the whole roll.
    pub fn entry_at(&self, community: &Community, now: Now, elder: Id) -> Option<RollEntry> {
        let mut e = self.entries.iter().find(|e| e.elder.id == elder)?.clone();
        e.attention = attention(&e, community, self.date, now);
        e.ladder = ladder_of(&e, community, self.date, now);
        Some(e)
    }

    pub fn counts(&self) -> RollCounts {
        let mut c = RollCounts::default();
        for e in &self.entries {
            c.add(e, e.attention.is_some());
        }
        c
    }

    /// The index of the first entry after `from` (wrapping) that is not yet accounted for.
    /// Sorts the entries again (after a mark changed one): attention first, then those not
    /// yet accounted for.
    pub fn resort(&mut self) {
        sort(&mut self.entries);
    }

    pub fn next_unreached(&self, from: usize) -> Option<usize> {
        let n = self.entries.len();
        (1..=n)
            .map(|i| (from + i) % n)
            .find(|&i| !self.entries[i].is_accounted())
    }
}

/// The roll call of `date` (optionally one grid), attention first.
pub fn roll(store: &Store, date: Date, now: Now, grid: Option<Id>) -> Result<Roll> {
    let (mut roll, _) = roll_kept(store, date, now, grid)?;
    sort(&mut roll.entries);
    Ok(roll)
}

/// Each elder's latest check-in before a roll's day (the previous day's last attempt, or an
/// earlier one): what a mark on the roll's own day is read against (`Roll::mark_today`).
/// Kept only for the elders with attempts on the day: for the others it is the entry's last
/// contact (`Roll::mark_today`), so that a district's morning roll does not copy 20,000 of them.
pub(crate) type Befores = HashMap<Id, CheckIn>;

/// `roll`, with each elder's latest check-in before the day, for a roll kept warm; its entries
/// in no particular order. A kept roll is answered from only through views that order it by
/// the hour's attention (`Roll::at`, `sheet_at`, `head_at`, `entry_at`, the summary's
/// `checkins_at`), and a mark changes an entry in its place: sorting it here would be undone
/// by the first mark and redone by every answer (a district's 20,000 entries: 15 M
/// instructions moving 11 MB).
pub(crate) fn roll_kept(
    store: &Store,
    date: Date,
    now: Now,
    grid: Option<Id>,
) -> Result<(Roll, Befores)> {
    let (elders, days) = elders_and_days(store, date)?;
    roll_of(store, on_roll(elders, date, grid), date, now, days)
}

/// The two days a roll call of `date` reads: the day's own check-ins, and the day before's
/// (shared with the store's cache of recent days, not copied).
pub(crate) struct Days {
    today: Vec<CheckIn>,
    yesterday: std::sync::Arc<Vec<CheckIn>>,
}

/// The elders index (`elders_with_addresses`) and the roll's two days, the days read on a
/// thread beside the elders' (a district's day before is 20,000 check-ins to decode).
pub(crate) fn elders_and_days(
    store: &Store,
    date: Date,
) -> Result<(Vec<(Resident, Address)>, Days)> {
    std::thread::scope(|s| {
        let days = crate::beside::beside(s, || -> Result<Days> {
            Ok(Days {
                today: store.checkins_on(date)?,
                yesterday: store.checkins_on_shared(date.add_days(-1))?,
            })
        });
        let elders = elders_with_addresses(store);
        let days = days.joined();
        Ok((elders?, days?))
    })
}

/// The elders index read once: each elder and the address of its household.
pub(crate) fn elders_with_addresses(store: &Store) -> Result<Vec<(Resident, Address)>> {
    store.decode_in_parts(crate::store::Tree::Elders, |bytes| {
        let entry = crate::store::ElderEntry::decode(bytes)?;
        Ok((entry.resident()?, entry.address))
    })
}

/// Those of `elders` on the roll of `date` (of `grid`, or all), in the order given.
pub(crate) fn on_roll(
    elders: Vec<(Resident, Address)>,
    date: Date,
    grid: Option<Id>,
) -> Vec<(Resident, Address)> {
    elders
        .into_iter()
        .filter(|(e, _)| {
            grid.is_none_or(|g| e.grid == g) && e.care.as_ref().is_some_and(|c| c.active_on(date))
        })
        .collect()
}

/// `roll_kept` of the elders on the roll and the roll's days, already read (`on_roll`,
/// `elders_and_days`): in no particular order.
pub(crate) fn roll_of(
    store: &Store,
    elders: Vec<(Resident, Address)>,
    date: Date,
    now: Now,
    days: Days,
) -> Result<(Roll, Befores)> {
    let community = store.community()?;
    let mut today = group(days.today);
    // Of the previous day only each elder's latest attempt counts (`entry`): looked at where
    // the store keeps the day, not copied.
    let yesterday = latest_of_each(&days.yesterday);
    // The latest check-in before yesterday, for elders with none yesterday: whether an away
    // period carries into today, and the last contact to show.
    let quiet: Vec<Id> = elders
        .iter()
        .map(|(e, _)| e.id)
        .filter(|id| !yesterday.contains_key(id))
        .collect();
    let earlier = store.last_checkins(&quiet, date.add_days(-2))?;
    let mut entries = Vec::with_capacity(elders.len());
    let mut befores = Befores::with_capacity(elders.len());
    for (elder, address) in elders {
        let attempts = today.remove(&elder.id).unwrap_or_default();
        let previous = yesterday.get(&elder.id).copied();
        let earlier = earlier.get(&elder.id);
        if let Some(b) = previous.or(earlier)
            && !attempts.is_empty()
        {
            befores.insert(elder.id, b.clone());
        }
        entries.push(entry(
            (elder, address),
            attempts,
            previous,
            earlier,
            &community,
            date,
            now,
        ));
    }
    Ok((Roll { date, entries }, befores))
}

/// Attention first, then those not yet accounted for, then by care level, grid and id.
/// The keys are computed once and the entries (large: a resident each) moved once, not at
/// every step of the sort; keys are unique (the elder's id is last), so the order is the same.
fn sort(entries: &mut [RollEntry]) {
    entries.sort_by_cached_key(|e| sort_key(e, e.attention));
}

/// Where an entry goes in the roll's order, with `attention` as it stands.
pub(crate) type SortKey = (u8, bool, u8, Id, Id);

pub(crate) fn sort_key(e: &RollEntry, attention: Option<Attention>) -> SortKey {
    let level = e.elder.care.as_ref().map_or(9, |c| c.level);
    (
        attention.map_or(9, |a| a as u8),
        e.is_accounted(),
        level,
        e.elder.grid,
        e.elder.id,
    )
}

/// An entry's attention at `now` (what `Roll::at` sets).
pub(crate) fn attention_at(
    e: &RollEntry,
    community: &Community,
    date: Date,
    now: Now,
) -> Option<Attention> {
    attention(e, community, date, now)
}

/// What of an entry depends on the hour: its attention and its place on the ladder at `now`.
pub(crate) fn hour_of(
    e: &RollEntry,
    community: &Community,
    date: Date,
    now: Now,
) -> (Option<Attention>, Option<crate::ladder::Position>) {
    (
        attention(e, community, date, now),
        ladder_of(e, community, date, now),
    )
}

/// One elder's day, from the day's attempts, the previous day's latest attempt (`None`: none
/// that day) and the latest check-in before that (`earlier`).
fn entry(
    (elder, address): (Resident, Address),
    attempts: Vec<CheckIn>,
    previous: Option<&CheckIn>,
    earlier: Option<&CheckIn>,
    community: &Community,
    date: Date,
    now: Now,
) -> RollEntry {
    let before = previous.or(earlier).cloned();
    let prev_day = date.add_days(-1);
    let missed_previous_day = elder.care.as_ref().is_some_and(|c| c.active_on(prev_day))
        && match previous {
            // The latest attempt decides the day (`status_of`).
            Some(l) => status_of(std::slice::from_ref(l)) == Some(DayStatus::NotReached),
            None => away_holds(earlier, prev_day).is_none(),
        };
    entry_of(
        (elder, address),
        attempts,
        before,
        missed_previous_day,
        community,
        date,
        now,
    )
}

/// One elder's day from the day's attempts, the latest check-in before the day and whether
/// the previous day was missed (neither changes with a mark on the day itself).
fn entry_of(
    (elder, address): (Resident, Address),
    mut attempts: Vec<CheckIn>,
    before: Option<CheckIn>,
    missed_previous_day: bool,
    community: &Community,
    date: Date,
    now: Now,
) -> RollEntry {
    // In the order they happened, so that the last is the latest (`latest`).
    attempts.sort_by_key(|c| (c.time, c.seq));
    let status = match status_of(&attempts) {
        Some(s) => s,
        None => match away_holds(before.as_ref(), date) {
            Some(away) => DayStatus::Away {
                until: away.away_until,
                carried: true,
            },
            None => DayStatus::NotReached,
        },
    };
    let last = attempts.last().cloned().or(before);
    let mut e = RollEntry {
        elder,
        address,
        status,
        attempts,
        last,
        attention: None,
        missed_previous_day,
        ladder: None,
    };
    e.attention = attention(&e, community, date, now);
    e.ladder = ladder_of(&e, community, date, now);
    e
}

fn ladder_of(
    e: &RollEntry,
    community: &Community,
    date: Date,
    now: Now,
) -> Option<crate::ladder::Position> {
    if e.status != DayStatus::NotReached {
        return None;
    }
    crate::ladder::position_in(community, &e.elder, &e.attempts, date, now)
}

impl Roll {
    /// Reads one elder's day again after a check-in (a mark in the roll call): two short
    /// prefix reads instead of the whole roll.
    pub fn refresh_elder(&mut self, store: &Store, elder: Id, now: Now) -> Result<()> {
        self.refresh_elder_before(store, elder, now).map(drop)
    }

    /// `refresh_elder`, returning the elder's latest check-in before the day (for `Befores`).
    pub(crate) fn refresh_elder_before(
        &mut self,
        store: &Store,
        elder: Id,
        now: Now,
    ) -> Result<Option<CheckIn>> {
        let Some(slot) = self.entries.iter().position(|e| e.elder.id == elder) else {
            return Ok(None);
        };
        let community = store.community()?;
        let attempts = store.checkins_of_on(elder, self.date)?;
        let previous = store.checkins_of_on(elder, self.date.add_days(-1))?;
        let earlier = if previous.is_empty() {
            store.last_checkin(elder, self.date.add_days(-2))?
        } else {
            None
        };
        let previous = latest(&previous);
        let before = previous.or(earlier.as_ref()).cloned();
        let resident = self.entries[slot].elder.clone();
        let address = self.entries[slot].address.clone();
        self.entries[slot] = entry(
            (resident, address),
            attempts,
            previous,
            earlier.as_ref(),
            &community,
            self.date,
            now,
        );
        Ok(before)
    }

    /// Reads one elder's day again after a mark on the roll's own day: only that day's
    /// attempts are read (`before`, the latest check-in before the day, and whether the
    /// previous day was missed do not change with it), not the previous day's whole pack.
    /// The elder's latest check-in before the day is `befores`'s or, for an elder without
    /// attempts on the day until now, the entry's last contact, kept in `befores` from here on
    /// (after the mark the last contact is no longer it).
    pub(crate) fn mark_today(
        &mut self,
        store: &Store,
        community: &Community,
        elder: Id,
        befores: &mut Befores,
        now: Now,
    ) -> Result<()> {
        let Some(slot) = self.entries.iter().position(|e| e.elder.id == elder) else {
            return Ok(());
        };
        let old = &self.entries[slot];
        if !befores.contains_key(&elder)
            && old.attempts.is_empty()
            && let Some(last) = &old.last
        {
            befores.insert(elder, last.clone());
        }
        let attempts = store.checkins_of_on(elder, self.date)?;
        let missed_previous_day = old.missed_previous_day;
        let (resident, address) = (old.elder.clone(), old.address.clone());
        self.entries[slot] = entry_of(
            (resident, address),
            attempts,
            befores.get(&elder).cloned(),
            missed_previous_day,
            community,
            self.date,
            now,
        );
        Ok(())
    }
}

/// The phone tries before an elder is flagged: the ladder's for the elder's care level, so the
/// attention list and the ladder's "call 3/3" agree.
fn retries_of(e: &RollEntry, community: &Community) -> u8 {
    e.elder
        .care
        .as_ref()
        .map_or(community.retries, |c| {
            community.ladder.level(c.level).retries
        })
        .max(1)
}

fn attention(e: &RollEntry, community: &Community, date: Date, now: Now) -> Option<Attention> {
    match e.status {
        DayStatus::Reached(Outcome::NeedsHelp) => Some(Attention::NeedsHelp),
        DayStatus::Reached(Outcome::Unwell) => Some(Attention::Unwell),
        DayStatus::Reached(_) | DayStatus::Away { .. } => None,
        DayStatus::NotReached => {
            let past_cutoff = date < now.date || (date == now.date && now.time >= community.cutoff);
            if e.missed_previous_day {
                Some(Attention::MissedTwoDays)
            } else if e.no_answers() >= usize::from(retries_of(e, community)) {
                Some(Attention::NoAnswerRepeated)
            } else if past_cutoff {
                Some(Attention::NotReachedAfterCutoff)
            } else {
                None
            }
        }
    }
}

/// One day of the completion chart: elders accounted for (reached or away) of those on the
/// roll.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DayCompletion {
    pub date: Date,
    pub done: usize,
    pub total: usize,
}

/// Roll-call completion for each day from `from` to `to`, reading only those days' check-ins
/// (plus one look back per elder for an away period running into `from`).
pub fn completion(
    store: &Store,
    from: Date,
    to: Date,
    grid: Option<Id>,
) -> Result<Vec<DayCompletion>> {
    let elders: Vec<Resident> = store
        .elders()?
        .into_iter()
        .filter(|e| grid.is_none_or(|g| e.grid == g))
        .collect();
    let ids: Vec<Id> = elders.iter().map(|e| e.id).collect();
    let mut latest: HashMap<Id, CheckIn> = store.last_checkins(&ids, from.add_days(-1))?;
    let mut out = Vec::new();
    let mut day = from;
    while day <= to {
        let today = group(store.checkins_on(day)?);
        let (mut done, mut total) = (0, 0);
        for e in elders
            .iter()
            .filter(|e| e.care.as_ref().is_some_and(|c| c.active_on(day)))
        {
            total += 1;
            let accounted = match today.get(&e.id) {
                Some(attempts) => status_of(attempts).is_some_and(|s| s != DayStatus::NotReached),
                None => away_holds(latest.get(&e.id), day).is_some(),
            };
            done += usize::from(accounted);
        }
        for (id, attempts) in today {
            if let Some(last) = attempts.into_iter().last() {
                latest.insert(id, last);
            }
        }
        out.push(DayCompletion {
            date: day,
            done,
            total,
        });
        day = day.add_days(1);
    }
    Ok(out)
}
