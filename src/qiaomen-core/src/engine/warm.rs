//! The engine's warm state: what a long-lived engine (the server) keeps between requests so
//! that answers do not rebuild it. The search index and each day's roll call are kept current
//! as commands are applied (a check-in re-reads one elder's line); a summary is kept until the
//! next change. A one-shot command fills what it asks for once and drops it at exit.
//!
//! Consistency: every apply bumps `generation` under the lock while it updates the caches, and
//! a cache filled from a read that started before a change is not kept.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::Engine;
use crate::command::{Applied, Command};
use crate::day::{Date, Now};
use crate::error::{Error, Result};
use crate::model::Id;
use crate::model::{Grid, Member};
use crate::query::{Answer, Query};
use crate::reads::Reads;
use crate::roll_sheet::{self as sheet, Sheet};
use crate::rollcall::{self, Roll};
use crate::search::SearchIndex;
use crate::store::Tree;
use crate::summary::{self, Summary};

/// The most hits a search answers with.
pub const MAX_HITS: usize = 500;
/// The most of a search's text that is looked at: 16 words, 128 characters. A search is run
/// under the warm lock (every write waits for it), so what one request can cost is bounded.
const MAX_SEARCH_WORDS: usize = 16;
const MAX_SEARCH_CHARS: usize = 128;

/// A search's text cut to its bounds: its first 16 words, at most 128 characters.
fn search_text(text: &str) -> &str {
    let (mut words, mut in_word) = (0, false);
    for (n, (i, c)) in text.char_indices().enumerate() {
        if n == MAX_SEARCH_CHARS {
            return &text[..i];
        }
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
            if words > MAX_SEARCH_WORDS {
                return &text[..i];
            }
        }
    }
    text
}

/// Days of roll call kept warm (today, yesterday and a few days a steward looks back at).
const ROLL_DAYS: usize = 8;
/// Summaries kept until the next change (dates × grids × periods asked for). A district's
/// summary lists 20,000 elders, so the cache stays small.
const SUMMARIES: usize = 16;

type SummaryKey = (Date, Option<Id>, Option<(Date, Date)>);

/// A summary kept between changes: made at `now`, with the marks (elder, day) applied since,
/// which the next request for it brings it up to (`summary::Kept::after_marks`).
struct KeptSummary {
    kept: summary::Kept,
    now: Now,
    marks: Vec<(Id, Date)>,
}

/// A day's roll call kept warm, with each elder's latest check-in before the day (what a mark
/// on the day is read against: `Roll::mark_today`).
struct WarmRoll {
    roll: Roll,
    befores: rollcall::Befores,
}

/// The members and grids of the database, as of one roster version.
#[derive(Debug, Default)]
pub struct Crew {
    pub members: Vec<Member>,
    pub grids: Vec<Grid>,
}

#[derive(Default)]
pub(crate) struct Warm {
    generation: u64,
    /// Changes with every change to members or grids (who is who, and whose grid).
    roster: u64,
    search: Option<SearchIndex>,
    /// A search was answered without the index: the next one builds it (a one-shot command
    /// searches once; the TUI and the server search again and again).
    searched: bool,
    /// The whole community's roll call per day.
    rolls: HashMap<Date, WarmRoll>,
    /// Members and grids, read once per `roster` version (who each client is, the ladder's
    /// doers on a printed roll).
    crew: Option<Arc<Crew>>,
    summaries: HashMap<SummaryKey, KeptSummary>,
    /// What cards link to, built by the first card that asks.
    links: Option<super::links::Links>,
}

#[derive(Default)]
pub(crate) struct WarmCell {
    warm: Mutex<Warm>,
    /// Held while a roll call, or the search index, is built from the store (never while
    /// `warm` is held): a request that comes while the warm-up builds one waits for it and
    /// takes it, rather than building a second at the same time on the same cores.
    building_roll: Mutex<()>,
    building_search: Mutex<()>,
}

impl WarmCell {
    fn lock(&self) -> MutexGuard<'_, Warm> {
        self.warm.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn hold(building: &Mutex<()>) -> MutexGuard<'_, ()> {
    building.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Engine {
    /// Answers one named read.
    pub fn query(&self, query: Query) -> Result<Answer> {
        let store = &self.store;
        Ok(match query {
            Query::Community => Answer::Community(Box::new(store.community()?)),
            Query::All(tree) => Answer::Raw(store.raw_all(entity_tree(tree)?)?),
            Query::Page {
                tree,
                after,
                max_bytes,
            } => {
                let (values, last, done) = store.raw_page(entity_tree(tree)?, after, max_bytes)?;
                Answer::Page { values, last, done }
            }
            Query::Get(tree, id) => Answer::RawOne(store.raw_get(entity_tree(tree)?, id)?),
            Query::Elders => Answer::Elders(store.elders()?),
            Query::CheckInsOf { elder, from, to } => {
                Answer::CheckIns(store.checkins_of(elder, from, to)?)
            }
            Query::Roll { date, now, grid } => Answer::Roll(self.roll(date, now, grid)?),
            Query::RollEntry { date, now, elder } => {
                let community = store.community()?;
                Answer::RollEntry(
                    self.with_roll(date, now, |r| r.entry_at(&community, now, elder))?
                        .map(Box::new),
                )
            }
            Query::RollSheet { date, now, grid } => {
                Answer::RollSheet(Box::new(self.roll_sheet(date, now, grid)?))
            }
            Query::RollHead {
                date,
                now,
                grid,
                rows,
            } => {
                let community = store.community()?;
                let rows = usize::try_from(rows).unwrap_or(usize::MAX);
                Answer::RollHead(Box::new(
                    self.with_roll(date, now, |r| r.head_at(&community, now, grid, rows))?,
                ))
            }
            Query::Completion { from, to, grid } => {
                Answer::Completion(rollcall::completion(store, from, to, grid)?)
            }
            Query::Summary {
                date,
                now,
                grid,
                period,
            } => Answer::Summary(Box::new(self.summary(date, now, grid, period)?)),
            Query::FirstRecordDay { grid } => Answer::Day(summary::first_record_day(store, grid)?),
            Query::Find {
                text,
                today,
                limit,
                all,
            } => Answer::Hits(self.find(search_text(&text), today, limit.min(MAX_HITS), all)?),
            Query::Linked {
                resident,
                household,
            } => Answer::Linked(Box::new(self.linked(resident, household)?)),
            Query::Check => Answer::Check(self.check()?),
            Query::Log(filter) => Answer::Log(self.log(&filter)?),
            Query::GetMany(tree, ids) => {
                let tree = entity_tree(tree)?;
                let mut values = Vec::with_capacity(ids.len());
                for id in ids {
                    if let Some(v) = store.raw_get(tree, id)? {
                        values.push(v);
                    }
                }
                Answer::Raw(values)
            }
        })
    }

    /// Builds what the first requests of the day will ask for (the server does this in the
    /// background when it starts): today's roll call, the first thing a steward opens; then
    /// the count of a store opened unverified (see `open_unverified`), which holds writes
    /// off; then the search index, the longest to build. Returns what the count found wrong,
    /// if anything: the engine then refuses writes and its owner should stop.
    pub fn warm_up(&self, now: Now) -> Result<Option<crate::damage::Damage>> {
        let rolled = self.roll(now.date, now, None);
        if let Some(trouble) = self.verify_deferred()? {
            return Ok(Some(trouble));
        }
        rolled?;
        self.warm_search(now.date)?;
        Ok(None)
    }

    fn roll(&self, date: Date, now: Now, grid: Option<Id>) -> Result<Roll> {
        let community = self.store.community()?;
        self.with_roll(date, now, |r| r.at(&community, now, grid))
    }

    /// The printed roll call of a day (`roll_sheet`), from the warm roll call.
    fn roll_sheet(&self, date: Date, now: Now, grid: Option<Id>) -> Result<Sheet> {
        let community = self.store.community()?;
        // The crew (a district's members and grids: 8 ms) read on a thread beside the roll
        // call as it is read and kept (warm, both are found at once). Joined before the sheet
        // is laid out, not within `with_roll`'s answer: a warm roll answers under the warm
        // state's lock, which `crew` takes.
        let kept = std::thread::scope(|s| {
            let kept = crate::beside::beside(s, || self.crew());
            let read = self.with_roll(date, now, |_| ());
            let kept = kept.joined();
            read.and(kept)
        })?;
        let crew = sheet::Crew {
            grids: &kept.grids,
            members: &kept.members,
        };
        self.with_roll(date, now, |r| r.sheet_at(&community, now, grid, &crew))
    }

    /// `answer` of the whole community's roll call of `date`: the warm one, or one read now
    /// (and kept, unless a change came while it was read).
    fn with_roll<T>(&self, date: Date, now: Now, answer: impl FnOnce(&Roll) -> T) -> Result<T> {
        if let Some(r) = self.warm.lock().rolls.get(&date) {
            return Ok(answer(&r.roll));
        }
        let _building = hold(&self.warm.building_roll);
        let generation = {
            let warm = self.warm.lock();
            if let Some(r) = warm.rolls.get(&date) {
                return Ok(answer(&r.roll));
            }
            warm.generation
        };
        let (roll, befores) = rollcall::roll_kept(&self.store, date, now, None)?;
        let answer = answer(&roll);
        let whole = WarmRoll { roll, befores };
        let mut warm = self.warm.lock();
        if warm.generation == generation {
            if warm.rolls.len() >= ROLL_DAYS {
                // The day furthest from the one asked for goes first.
                if let Some(&far) = warm.rolls.keys().max_by_key(|d| d.days_since(date).abs()) {
                    warm.rolls.remove(&far);
                }
            }
            warm.rolls.insert(date, whole);
        }
        Ok(answer)
    }

    /// A summary: the kept one when nothing changed since; brought up to the marks made
    /// since (and to `now`) when only marks did; else made afresh. Either way the same as
    /// `summary::summarize` now.
    fn summary(
        &self,
        date: Date,
        now: Now,
        grid: Option<Id>,
        period: Option<(Date, Date)>,
    ) -> Result<Summary> {
        let key = (date, grid, period);
        let (taken, generation) = {
            let mut warm = self.warm.lock();
            if let Some(k) = warm.summaries.get(&key)
                && k.now == now
                && k.marks.is_empty()
            {
                return Ok(k.kept.summary.clone());
            }
            (warm.summaries.remove(&key), warm.generation)
        };
        let kept = match taken {
            Some(mut k) => {
                // The check-in part over the warm roll where it is kept, without a copy.
                let community = self.store.community()?;
                let brought = k
                    .kept
                    .after_marks_with(&self.store, now, &k.marks, |ctx, g| {
                        self.with_roll(date, now, |r| {
                            summary::checkins_at(ctx, r, &community, now, g)
                        })
                    })?;
                if brought {
                    k.kept
                } else {
                    summary::summarize_kept(&self.store, date, now, grid, period)?
                }
            }
            None => summary::summarize_kept(&self.store, date, now, grid, period)?,
        };
        let answer = kept.summary.clone();
        let mut warm = self.warm.lock();
        if warm.generation == generation {
            if warm.summaries.len() >= SUMMARIES {
                warm.summaries.clear();
            }
            warm.summaries.insert(
                key,
                KeptSummary {
                    kept,
                    now,
                    marks: Vec::new(),
                },
            );
        }
        Ok(answer)
    }

    /// The first search of an engine reads the records through the matcher
    /// (`search::find`), and so does every search while another thread builds the index (the
    /// server's warm-up); from the second on, searches go to the index, built then.
    fn find(
        &self,
        text: &str,
        today: Date,
        limit: usize,
        all: bool,
    ) -> Result<Vec<crate::search::Hit>> {
        if let Some(index) = &mut self.warm.lock().search {
            index.set_today(today);
            return Ok(index.query_with(text, limit, all));
        }
        let _building = match self.warm.building_search.try_lock() {
            Ok(guard) => guard,
            Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) => {
                return crate::search::find_with(&self.store, text, today, limit, all);
            }
        };
        let generation = {
            let mut warm = self.warm.lock();
            if let Some(index) = &mut warm.search {
                index.set_today(today);
                return Ok(index.query_with(text, limit, all));
            }
            if !warm.searched {
                warm.searched = true;
                drop(warm);
                return crate::search::find_with(&self.store, text, today, limit, all);
            }
            warm.generation
        };
        let index = SearchIndex::build(&self.store, today)?;
        let hits = index.query_with(text, limit, all);
        self.keep_search(index, generation);
        Ok(hits)
    }

    /// The records a resident's card links to, through the warm links (built here the first
    /// time; a build that a change overtook is used for this answer and not kept).
    fn linked(&self, resident: Id, household: Option<Id>) -> Result<super::Linked> {
        let ids = {
            let warm = self.warm.lock();
            warm.links.as_ref().map(|l| l.ids(resident, household))
        };
        let [visits, cases, fund] = if let Some(ids) = ids {
            ids
        } else {
            let generation = self.warm.lock().generation;
            let links = super::links::Links::build(&self.store)?;
            let ids = links.ids(resident, household);
            let mut warm = self.warm.lock();
            if warm.generation == generation {
                warm.links = Some(links);
            }
            ids
        };
        Ok(super::Linked {
            visits: super::links::values(&self.store, Tree::Visits, &visits)?,
            cases: super::links::values(&self.store, Tree::Cases, &cases)?,
            fund: super::links::values(&self.store, Tree::Fund, &fund)?,
        })
    }

    /// Builds the search index unless it is warm already.
    fn warm_search(&self, today: Date) -> Result<()> {
        let _building = hold(&self.warm.building_search);
        let generation = {
            let warm = self.warm.lock();
            if warm.search.is_some() {
                return Ok(());
            }
            warm.generation
        };
        let index = SearchIndex::build(&self.store, today)?;
        self.keep_search(index, generation);
        Ok(())
    }

    /// Keeps an index unless the store changed since its build began.
    fn keep_search(&self, index: SearchIndex, generation: u64) {
        let mut warm = self.warm.lock();
        if warm.generation == generation {
            warm.search = Some(index);
        }
    }

    /// Brings the warm state up to a command just committed (the caller holds the write lock,
    /// so no other change can come between).
    pub(super) fn after_apply(&self, kind: Touches, applied: &Applied) {
        let mut warm = self.warm.lock();
        warm.generation += 1;
        if applied
            .records
            .iter()
            .any(|r| r.kind == "member" || r.kind == "grid")
        {
            warm.roster += 1;
            warm.crew = None;
        }
        // A mark (a check-in added, annotated or taken back, nothing else written: its audit
        // names the elder, whose record is unchanged) leaves the kept summaries to be brought
        // up to it when next asked for, and the search and the links as they are; any other
        // change drops the summaries and refreshes what it names.
        let mark = match kind {
            Touches::Elder(elder, day) if applied.records.iter().all(|r| r.kind == "resident") => {
                Some((elder, day))
            }
            _ => None,
        };
        match mark {
            Some(m) => {
                for k in warm.summaries.values_mut() {
                    k.marks.push(m);
                }
            }
            None => warm.summaries.clear(),
        }
        let warm = &mut *warm;
        if let Some(index) = &mut warm.search
            && mark.is_none()
        {
            for r in &applied.records {
                if index.refresh(&self.store, &r.kind, r.id).is_err() {
                    warm.search = None;
                    break;
                }
            }
        }
        if let Some(links) = &mut warm.links
            && mark.is_none()
        {
            for r in &applied.records {
                if links.refresh(&self.store, &r.kind, r.id).is_err() {
                    warm.links = None;
                    break;
                }
            }
        }
        match kind {
            Touches::Elder(elder, day) => {
                // A day's roll reads that day's marks, the day before's and the last before
                // those: a mark changes the rolls of its day and later ones only.
                let community = self.store.community();
                for w in warm.rolls.values_mut().filter(|r| r.roll.date >= day) {
                    // The roll's own `now` is only used for attention, which `at` redoes.
                    let now = Now::local(w.roll.date, crate::day::ClockTime::default(), 0);
                    let done = match &community {
                        Ok(c) if w.roll.date == day => {
                            w.roll
                                .mark_today(&self.store, c, elder, &mut w.befores, now)
                        }
                        _ => w
                            .roll
                            .refresh_elder_before(&self.store, elder, now)
                            .map(|before| match before {
                                Some(b) => {
                                    w.befores.insert(elder, b);
                                }
                                None => {
                                    w.befores.remove(&elder);
                                }
                            }),
                    };
                    if done.is_err() {
                        warm.rolls.clear();
                        break;
                    }
                }
            }
            Touches::Roll => warm.rolls.clear(),
            Touches::Nothing => {}
        }
    }

    /// Forgets everything warm (an import, a repair).
    pub(super) fn forget_warm(&self) {
        let mut warm = self.warm.lock();
        *warm = Warm {
            generation: warm.generation + 1,
            roster: warm.roster + 1,
            ..Warm::default()
        };
    }

    /// A number that changes with every change to the store: what was answered at one
    /// generation holds until the next.
    pub fn generation(&self) -> u64 {
        self.warm.lock().generation
    }

    /// A number that changes whenever members or grids do: who a client is can be kept
    /// between its requests until it changes.
    pub fn roster_version(&self) -> u64 {
        self.warm.lock().roster
    }

    /// The members and grids, read once until either changes (every client of a server asks
    /// who it is when it connects; a district has thousands of members).
    pub fn crew(&self) -> Result<Arc<Crew>> {
        let roster = {
            let warm = self.warm.lock();
            if let Some(c) = &warm.crew {
                return Ok(Arc::clone(c));
            }
            warm.roster
        };
        let crew = Arc::new(Crew {
            members: self.store.all::<Member>()?,
            grids: self.store.all::<Grid>()?,
        });
        let mut warm = self.warm.lock();
        if warm.roster == roster {
            warm.crew = Some(Arc::clone(&crew));
        }
        Ok(crew)
    }
}

/// What a command can change of the roll call.
#[derive(Clone, Copy, Debug)]
pub(super) enum Touches {
    /// One elder's day (a check-in, its note or its undo), and which day.
    Elder(Id, Date),
    /// Who is on the roll, or the rules (residents, households, grids, the community).
    Roll,
    Nothing,
}

impl Touches {
    pub(super) fn of(command: &Command) -> Touches {
        match command {
            Command::CheckIn(c) | Command::LadderStep { checkin: c, .. } => {
                Touches::Elder(c.elder, c.date)
            }
            Command::AnnotateCheckIn { key, .. } | Command::UndoCheckIn { key } => {
                Touches::Elder(key.elder, key.date)
            }
            Command::Configure(_)
            | Command::SaveGrid(_)
            | Command::SaveHousehold(_)
            | Command::SaveResident(_)
            | Command::Register(_)
            | Command::People(_)
            | Command::Doorbell(_) => Touches::Roll,
            _ => Touches::Nothing,
        }
    }
}

/// Only the trees that hold whole records can be read by kind.
fn entity_tree(tree: Tree) -> Result<Tree> {
    match tree {
        Tree::Meta
        | Tree::Elders
        | Tree::CheckIns
        | Tree::Heads
        | Tree::HeadOf
        | Tree::Dated
        | Tree::CaseEnds
        | Tree::ElderHomes
        | Tree::DayFigures
        | Tree::LastContacts
        | Tree::MemberOf
        | Tree::VisitHomes
        | Tree::ServiceDays => Err(Error::invalid(
            "query",
            crate::reason::Reason::NotARecordKind {
                kind: tree.name().to_string(),
            },
        )),
        t => Ok(t),
    }
}

impl Reads for Engine {
    fn raw_all(&self, tree: Tree) -> Result<Vec<Vec<u8>>> {
        self.store.raw_all(entity_tree(tree)?)
    }

    fn raw_get(&self, tree: Tree, id: Id) -> Result<Option<Vec<u8>>> {
        self.store.raw_get(entity_tree(tree)?, id)
    }

    fn community(&self) -> Result<crate::model::Community> {
        self.store.community()
    }

    fn elders(&self) -> Result<Vec<crate::model::Resident>> {
        self.store.elders()
    }

    /// Through the search index when it is warm (a server, a TUI), else one pass of the
    /// matcher, which decodes only the residents that may match; never by building the index
    /// (a one-shot command that looks up two names would pay for it).
    fn search_residents(&self, text: &str, limit: usize) -> Result<Option<Vec<Id>>> {
        let (text, limit) = (search_text(text), limit.min(MAX_HITS));
        if let Some(index) = &self.warm.lock().search {
            return Ok(Some(resident_ids(&index.query_with(text, limit, true))));
        }
        // Ages are not looked at: any day does.
        let day = Date::from_ymd(2000, 1, 1)?;
        let hits = crate::search::find_with(&self.store, text, day, limit, true)?;
        Ok(Some(resident_ids(&hits)))
    }
}

/// The residents among search hits, in their order.
pub fn resident_ids(hits: &[crate::search::Hit]) -> Vec<Id> {
    hits.iter()
        .filter(|h| h.kind == crate::search::HitKind::Resident)
        .map(|h| h.id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::search_text;

    #[test]
    fn a_search_is_cut_to_16_words_and_128_characters() {
        let many = "王 ".repeat(40);
        assert_eq!(search_text(&many).split_whitespace().count(), 16);
        let long = "王".repeat(300);
        assert_eq!(search_text(&long).chars().count(), 128);
        assert_eq!(search_text("wang 3-2-501"), "wang 3-2-501");
    }
}
