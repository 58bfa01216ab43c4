//! Reads. Every query of the app goes through these (or the domain modules built on them).

use std::collections::HashMap;

use super::checkins::{self, StoredDay};
use super::{Entity, Store, Tree, id_key, meta};
use crate::day::Date;
use crate::error::{Error, Result};
use crate::model::{CheckIn, Community, Id, Resident};

impl Store {
    pub fn community(&self) -> Result<Community> {
        match self.tree(Tree::Meta).get(meta::COMMUNITY)? {
            Some(bytes) => {
                let (v, body) = super::codec::split_version("community", &bytes)?;
                match v {
                    super::COMMUNITY_VERSION => super::codec::decode_body("community", body),
                    1 => super::codec::decode_body::<crate::model::CommunityV1>("community", body)
                        .map(Community::from),
                    v => Err(super::codec::unknown_version("community", v)),
                }
            }
            None => Ok(Community::named("")),
        }
    }

    /// True when nothing but the schema version has been written.
    pub fn is_empty(&self) -> Result<bool> {
        if self.tree(Tree::Meta).get(meta::COMMUNITY)?.is_some() {
            return Ok(false);
        }
        Ok(Tree::ALL
            .iter()
            .filter(|t| **t != Tree::Meta)
            .all(|t| self.tree(*t).is_empty()))
    }

    pub fn get<T: Entity>(&self, id: Id) -> Result<Option<T>> {
        self.record(T::TREE, id)?.map(|v| T::decode(&v)).transpose()
    }

    pub fn require<T: Entity>(&self, id: Id) -> Result<T> {
        self.get(id)?.ok_or(Error::NotFound { kind: T::KIND, id })
    }

    pub fn exists<T: Entity>(&self, id: Id) -> Result<bool> {
        if T::TREE.blocked() {
            return Ok(self.record(T::TREE, id)?.is_some());
        }
        Ok(self.tree(T::TREE).contains_key(id_key(id))?)
    }

    /// Every record of a kind, by id.
    pub fn all<T: Entity>(&self) -> Result<Vec<T>> {
        self.records(T::TREE)?.map(|r| T::decode(&r?.1)).collect()
    }

    /// The stored bytes of every record of a kind, by id, one at a time: a reader may stop
    /// early, or look at the bytes before decoding them (`T::decode`).
    pub fn each_raw<T: Entity>(&self) -> Result<impl Iterator<Item = Result<impl AsRef<[u8]>>>> {
        Ok(self.records(T::TREE)?.map(|r| r.map(|(_, v)| v)))
    }

    /// How many records of a kind there are, as every commit keeps them (`meta::COUNTS`):
    /// sled's own `len` walks every key. A store without kept counts is walked.
    pub fn count<T: Entity>(&self) -> Result<usize> {
        let n = match self.kept_counts()? {
            // A blocked tree's kept count is of its keys, blocks.
            _ if T::TREE.blocked() => self.count_records(T::TREE)?,
            Some(counts) => counts[T::TREE as usize],
            None => self.tree(T::TREE).iter().keys().try_fold(0u64, |n, k| {
                k?;
                Ok::<u64, Error>(n + 1)
            })?,
        };
        Ok(usize::try_from(n).unwrap_or(usize::MAX))
    }

    /// At least as many as the records of a kind, from the kept counts without a walk (room
    /// to make before reading them): a tree kept by blocks holds at most sixteen to a key, and
    /// its ids are handed out in order, so its blocks are full but for the last and those with
    /// records taken out. `count` of such a tree reads every block.
    pub fn count_bound<T: Entity>(&self) -> Result<usize> {
        if !T::TREE.blocked() {
            return self.count::<T>();
        }
        let blocks = match self.kept_counts()? {
            Some(counts) => counts[T::TREE as usize],
            None => return self.count::<T>(),
        };
        Ok(usize::try_from(blocks.saturating_mul(super::blocks::BLOCK_IDS)).unwrap_or(usize::MAX))
    }

    /// The latest `n` records of a kind (the audit log's tail).
    pub fn last<T: Entity>(&self, n: usize) -> Result<Vec<T>> {
        debug_assert!(
            !T::TREE.blocked(),
            "the latest records of a tree a record to a key"
        );
        let mut out: Vec<T> = self
            .tree(T::TREE)
            .iter()
            .values()
            .rev()
            .take(n)
            .map(|v| T::decode(&v?))
            .collect::<Result<_>>()?;
        out.reverse();
        Ok(out)
    }

    /// The residents on the roll (`rollcall::on_the_roll`; their care plans active or not),
    /// by id: the elders index read as the roll call reads it (`decode_in_parts`).
    pub fn elders(&self) -> Result<Vec<Resident>> {
        self.decode_in_parts(Tree::Elders, |bytes| {
            super::ElderEntry::decode(bytes)?.resident()
        })
    }

    /// The elders index's entries, by resident id: each elder on the roll and the short
    /// address of its household.
    pub fn elder_entries(&self) -> Result<Vec<super::ElderEntry>> {
        self.tree(Tree::Elders)
            .iter()
            .values()
            .map(|v| super::ElderEntry::decode(&v?))
            .collect()
    }

    /// All check-ins of one day, by elder then attempt.
    pub fn checkins_on(&self, date: Date) -> Result<Vec<CheckIn>> {
        Ok(self.day(date)?.as_ref().clone())
    }

    /// `checkins_on`, shared with the store's cache of recent days instead of copied (for a
    /// reader that only looks at them).
    pub(crate) fn checkins_on_shared(&self, date: Date) -> Result<std::sync::Arc<Vec<CheckIn>>> {
        self.day(date)
    }

    /// A day's check-ins, decoded once per change of the store (a few recent days are kept).
    fn day(&self, date: Date) -> Result<std::sync::Arc<Vec<CheckIn>>> {
        const KEEP: usize = 4;
        let generation = self.generation();
        let mut cache = self
            .day_cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, _, day)) = cache
            .iter()
            .find(|(d, g, _)| *d == date && *g == generation)
        {
            return Ok(std::sync::Arc::clone(day));
        }
        let day = std::sync::Arc::new(self.stored_day(date)?.merged());
        cache.retain(|(d, g, _)| *g == generation && *d != date);
        if cache.len() >= KEEP {
            cache.remove(0);
        }
        cache.push((date, generation, std::sync::Arc::clone(&day)));
        Ok(day)
    }

    /// A day as stored: its pack and its loose marks (see `checkins.rs`).
    pub(crate) fn stored_day(&self, date: Date) -> Result<StoredDay> {
        Ok(self
            .days(date, date)
            .next()
            .transpose()?
            .map(|(_, day)| day)
            .unwrap_or_default())
    }

    /// The stored days from `from` to `to` inclusive, oldest first (`.rev()`-able only through
    /// `days_newest_first`).
    fn days(&self, from: Date, to: Date) -> checkins::Days<'_, super::Iter> {
        self.days_of(
            self.tree(Tree::CheckIns)
                .range(checkins::days_range(from, to)),
        )
    }

    fn days_newest_first(
        &self,
        from: Date,
        to: Date,
    ) -> checkins::Days<'_, std::iter::Rev<super::Iter>> {
        self.days_of(
            self.tree(Tree::CheckIns)
                .range(checkins::days_range(from, to))
                .rev(),
        )
    }

    /// The days of a range of the check-in tree (either direction), each read whole even
    /// while a fold or an import rewrites it (`repacks.rs`).
    pub(super) fn days_of<I>(&self, keys: I) -> checkins::Days<'_, I>
    where
        I: Iterator<Item = sled::Result<(sled::IVec, sled::IVec)>>,
    {
        checkins::Days::watched(keys, self.tree(Tree::CheckIns), &self.repacks)
    }

    /// One elder's check-ins of one day, in order: the day as decoded if it is, otherwise
    /// only this elder's loose marks and the day's pack (a day's marks are thousands of keys
    /// by evening, and a mark's write asks this for every elder it touches).
    pub fn checkins_of_on(&self, elder: Id, date: Date) -> Result<Vec<CheckIn>> {
        let generation = self.generation();
        if let Some((_, _, day)) = self
            .day_cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .iter()
            .find(|(d, g, _)| *d == date && *g == generation)
        {
            return Ok(checkins::of_elder(day, elder).to_vec());
        }
        Ok(self.stored_part(date, elder, false)?.merged())
    }

    /// One elder's part of a day as stored: its check-ins in the day's pack and its loose
    /// marks. The pack is looked through in its decoded copy when one is kept; otherwise it
    /// is decoded and kept with `keep` (a mark being written: the next reads of the day are
    /// marks of the same day), or only this elder's part of it is made (a fortnight read for
    /// one elder must not push the day being marked out).
    pub(crate) fn stored_part(&self, date: Date, elder: Id, keep: bool) -> Result<StoredDay> {
        self.repacks
            .read(|| self.stored_part_once(date, elder, keep))
    }

    fn stored_part_once(&self, date: Date, elder: Id, keep: bool) -> Result<StoredDay> {
        let tree = self.tree(Tree::CheckIns);
        let mut stored = StoredDay::default();
        if let Some(pack) = tree.get(checkins::day_key(date))? {
            stored.pack = match self.decoded_pack(date, &pack, keep)? {
                Some(day) => checkins::of_elder(&day, elder).to_vec(),
                // Only this elder's part of the day is made (a district's day is 20,000).
                None => checkins::decode_of_elder(date, &pack, elder)?,
            };
        }
        let marks = checkins::mark_key(date, elder, 0)..=checkins::mark_key(date, elder, u16::MAX);
        for kv in tree.range(marks) {
            let (k, v) = kv?;
            stored.add(checkins::parse_key(&k)?, &v)?;
        }
        Ok(stored)
    }

    /// A day's pack decoded: the kept copy while the stored bytes are the ones it was decoded
    /// from (a pack changes only when its day is imported or folded, or an undo takes a
    /// check-in out of it), else decoded now and kept when `keep`. A district's pack is
    /// 20,000 check-ins: decoding it for each mark cost a check-in about 3 ms under the write
    /// lock, during which every other writer waited.
    fn decoded_pack(
        &self,
        date: Date,
        bytes: &sled::IVec,
        keep: bool,
    ) -> Result<Option<std::sync::Arc<Vec<CheckIn>>>> {
        const KEEP: usize = 2;
        {
            let packs = self
                .packs
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if let Some((_, _, day)) = packs.iter().find(|(d, b, _)| *d == date && b == bytes) {
                return Ok(Some(std::sync::Arc::clone(day)));
            }
        }
        if !keep {
            return Ok(None);
        }
        let day = std::sync::Arc::new(checkins::decode(date, bytes)?);
        let mut packs = self
            .packs
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        packs.retain(|(d, _, _)| *d != date);
        if packs.len() >= KEEP {
            packs.remove(0);
        }
        packs.push((date, bytes.clone(), std::sync::Arc::clone(&day)));
        Ok(Some(day))
    }

    /// One elder's check-ins from `from` to `to` inclusive, oldest first.
    /// Day by day: a day's pack is looked through for the elder's part alone, and only the
    /// elder's loose marks are read (a fortnight of whole district days cost the server about
    /// 80 ms of CPU per elder selected in the roll call).
    pub fn checkins_of(&self, elder: Id, from: Date, to: Date) -> Result<Vec<CheckIn>> {
        let tree = self.tree(Tree::CheckIns);
        let mut out = Vec::new();
        let mut from = from;
        // From one day with keys to the next (a long span with few days costs what they do).
        while from <= to {
            let Some(first) = tree.range(checkins::days_range(from, to)).next() else {
                break;
            };
            let day = checkins::parse_key(&first?.0)?.date();
            out.extend(self.checkins_of_on(elder, day)?);
            from = day.add_days(1);
        }
        Ok(out)
    }

    /// The elder's latest check-in on or before `date`, looking back at most
    /// `checkins::LOOKBACK_DAYS`.
    pub fn last_checkin(&self, elder: Id, date: Date) -> Result<Option<CheckIn>> {
        Ok(self.last_checkins(&[elder], date)?.remove(&elder))
    }

    /// The latest check-in on or before `date` of each of `elders` (those with one within
    /// `checkins::LOOKBACK_DAYS`), reading each day at most once, newest first, and stopping
    /// as soon as every elder is found.
    pub fn last_checkins(&self, elders: &[Id], date: Date) -> Result<HashMap<Id, CheckIn>> {
        let mut found = HashMap::with_capacity(elders.len());
        if elders.is_empty() {
            return Ok(found);
        }
        let mut wanted: Vec<Id> = elders.to_vec();
        wanted.sort_unstable();
        wanted.dedup();
        let from = date.add_days(1 - checkins::LOOKBACK_DAYS);
        // The kept last contacts answer for every elder whose answer is one of its two latest
        // days (schema 4: before it the tree is not complete); the rest are looked back for.
        if self.recorded_schema()?.is_some_and(|s| s >= 4) {
            let kept = self.last_contacts_of(&wanted)?;
            wanted.retain(|e| {
                let Some(entry) = kept.get(e) else {
                    return false; // no check-in at all
                };
                match entry.on_or_before(date) {
                    Some(Some(c)) => {
                        if c.date >= from {
                            found.insert(*e, c.clone());
                        }
                        false
                    }
                    Some(None) => false,
                    None => true,
                }
            });
            if wanted.is_empty() {
                return Ok(found);
            }
        }
        self.look_back(wanted, date, found)
    }

    /// `last_checkins` without the kept last contacts: each day read, newest first, until
    /// every elder is found (what the kept entries are checked against in tests).
    pub fn last_checkins_looked_back(
        &self,
        elders: &[Id],
        date: Date,
    ) -> Result<HashMap<Id, CheckIn>> {
        let mut wanted: Vec<Id> = elders.to_vec();
        wanted.sort_unstable();
        wanted.dedup();
        self.look_back(wanted, date, HashMap::new())
    }

    fn look_back(
        &self,
        mut wanted: Vec<Id>,
        date: Date,
        mut found: HashMap<Id, CheckIn>,
    ) -> Result<HashMap<Id, CheckIn>> {
        if wanted.is_empty() {
            return Ok(found);
        }
        let from = date.add_days(1 - checkins::LOOKBACK_DAYS);
        for day in self.days_newest_first(from, date) {
            let day = day?.1.merged();
            wanted.retain(|&e| match checkins::of_elder(&day, e).last() {
                Some(c) => {
                    found.insert(e, c.clone());
                    false
                }
                None => true,
            });
            if wanted.is_empty() {
                break;
            }
        }
        Ok(found)
    }

    /// Every check-in, by day, elder and attempt (export).
    pub fn all_checkins(&self) -> impl Iterator<Item = Result<CheckIn>> + '_ {
        self.days_of(self.tree(Tree::CheckIns).iter())
            .flat_map(|day| match day {
                Ok((_, day)) => day.merged().into_iter().map(Ok).collect::<Vec<_>>(),
                Err(e) => vec![Err(e)],
            })
    }

    /// The number of check-ins, as kept by every commit (`None` before it is first counted).
    pub fn checkin_count(&self) -> Result<Option<u64>> {
        Ok(self
            .tree(Tree::Meta)
            .get(meta::CHECKINS)?
            .map(|v| super::write::decode_u64(&v)))
    }

    /// Counts every check-in (reads every day: `check`, and when the count is first kept).
    pub fn count_checkins(&self) -> Result<u64> {
        let mut n = 0u64;
        for day in self.days_of(self.tree(Tree::CheckIns).iter()) {
            n += day?.1.merged().len() as u64;
        }
        Ok(n)
    }

    /// The stored bytes of a day's kept figure, if its pack has one (`day_figures.rs`; read
    /// them in place with `day_figures::Reader`).
    pub fn day_figure_bytes(&self, date: Date) -> Result<Option<impl AsRef<[u8]> + use<>>> {
        Ok(self.tree(Tree::DayFigures).get(checkins::day_key(date))?)
    }

    /// The days that have loose marks (to be folded once closed).
    pub fn loose_days(&self) -> Result<Vec<Date>> {
        Ok(self
            .tree(Tree::Meta)
            .get(meta::LOOSE)?
            .map(|v| checkins::decode_loose(&v))
            .unwrap_or_default())
    }

    /// The first and last day with a check-in.
    pub fn checkin_span(&self) -> Result<Option<(Date, Date)>> {
        let t = self.tree(Tree::CheckIns);
        match (t.first()?, t.last()?) {
            (Some((a, _)), Some((b, _))) => Ok(Some((
                checkins::parse_key(&a)?.date(),
                checkins::parse_key(&b)?.date(),
            ))),
            _ => Ok(None),
        }
    }
}
