//! Finding anyone the way a steward types: Chinese names and parts of them, full pinyin and
//! initials with every reading of polyphonic characters, phone digits and tails, addresses
//! (`3-2-501`, `3栋2单元501`, `3 2 501`), case numbers (`#42`) and the tail of an ID number.
//! Several words narrow the result (`wang 3-2`).
//!
//! One index over residents, households, members, cases, partners, organisations and volunteer
//! teams is built from the store
//! at start and kept in step with every change (`upsert_*`, `remove`, or `refresh` of one
//! record). A query looks only at the entries that hold its words' keys (Chinese characters,
//! two Latin letters of a name, its pinyin or initials: see `postings`), and matches them as a
//! scan would; a query none of whose words give keys (a bare number, an address, one letter)
//! scans every entry, each one compact string ruled out by a one-bit or one-character check
//! before any real matching.
//!
//! A process that searches once (`qiaomen --no-server find`) does not build the index:
//! [`find`] streams the records through the same matching and ranking, and stops as soon as
//! nothing left to read can rank among the hits (see `stream`).

pub mod column;
mod entry;
mod hit;
mod matcher;
mod normalize;
mod pinyin;
mod postings;
#[cfg(test)]
mod postings_tests;
mod rank;
mod records;
mod slot_list;
mod slots;
mod stream;
#[cfg(test)]
mod stream_tests;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use serde::Serialize;

use crate::care::Team;
use crate::day::Date;
use crate::error::Result;
use crate::model::{Case, Grid, Household, Id, Member, Org, Partner, Resident, codes};
use crate::store::Store;

use column::{HOUSEHOLDS, HouseholdCell, RESIDENTS, ResidentCell, decode_cells};
use entry::{Entry, Field};
pub use hit::Hit;
use normalize::{Word, fold, whole_address, words};
pub use pinyin::readings;
pub use rank::{ANYWHERE, EXACT, INITIALS, PREFIX};
use rank::{Match, Prepared};
pub use stream::{find, find_with};

/// Every record of a kind, decoded one at a time.
fn each<T: crate::store::Entity>(store: &Store, mut f: impl FnMut(T)) -> Result<()> {
    for (n, raw) in store.each_raw::<T>()?.enumerate() {
        f(T::decode(raw?.as_ref())?);
        crate::store::after_read(n);
    }
    Ok(())
}

/// Every block of a kind in the search column, one at a time.
fn each_block(store: &Store, kind: u8, mut f: impl FnMut(&[u8]) -> Result<()>) -> Result<()> {
    for (n, block) in store.column_blocks(kind).enumerate() {
        f(block?.as_ref())?;
        if n % RECLAIM_BLOCKS == RECLAIM_BLOCKS - 1 {
            crate::store::after_reads(crate::store::RECLAIM_EVERY);
        }
    }
    Ok(())
}

/// Blocks of the search column read between two reclaims (about `RECLAIM_EVERY` records).
const RECLAIM_BLOCKS: usize = crate::store::RECLAIM_EVERY / column::BLOCK as usize;

/// What a hit is; also its rank among hits of the same tier.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    Resident,
    Household,
    Member,
    Case,
    Partner,
    /// An organisation of the register (单位: a property company, an owners' committee…).
    Org,
    /// A volunteer team (志愿队).
    Team,
}

codes!(HitKind {
    Resident => "resident",
    Household => "household",
    Member => "member",
    Case => "case",
    Partner => "partner",
    Org => "org",
    Team => "team",
});

/// What was typed, prepared for matching: as one address when it reads as one (`3 2 501`),
/// and as words.
struct Typed {
    address: Option<Prepared>,
    words: Vec<Prepared>,
}

impl Typed {
    fn new(text: &str, grids: &HashMap<Id, Box<str>>) -> Typed {
        let address = whole_address(text).map(|spec| {
            let raw = fold(text).split_whitespace().collect::<Vec<_>>().join("-");
            Prepared::new(Word::Address(spec, raw), grids)
        });
        let words = words(text)
            .into_iter()
            .map(|w| Prepared::new(w, grids))
            .collect();
        Typed { address, words }
    }
}

/// The tier at which every word fits the entry (the best of theirs), or `None` when one
/// does not, or when the entry is a resident who has left and `departed` does not ask for them.
fn tier_of(words: &[Prepared], e: &Entry, departed: bool) -> Option<u8> {
    if e.departed() && !departed {
        return None;
    }
    let mut tier = u8::MAX;
    for w in words {
        tier = tier.min(w.tier(e)?);
    }
    Some(tier)
}

pub struct SearchIndex {
    entries: Vec<Entry>,
    /// The slots of the entries holding each key.
    postings: postings::Postings,
    slots: slots::Slots,
    /// Grid codes (`G1`), for the context and for narrowing by grid (`wang g3`).
    grids: HashMap<Id, Box<str>>,
    today: Date,
}

impl SearchIndex {
    /// Reads every resident, household, member, case, partner, organisation and team once. `today` is the day
    /// ages are counted on.
    pub fn build(store: &Store, today: Date) -> Result<SearchIndex> {
        let mut index = SearchIndex {
            entries: Vec::with_capacity(
                store.count_bound::<Resident>()?
                    + store.count_bound::<Household>()?
                    + store.count::<Member>()?
                    + store.count::<Case>()?
                    + store.count::<Partner>()?
                    + store.count::<Org>()?
                    + store.count::<Team>()?,
            ),
            slots: slots::Slots::default(),
            postings: postings::Postings::default(),
            grids: HashMap::new(),
            today,
        };
        for g in store.all::<Grid>()? {
            index.upsert_grid(&g);
        }
        // Households first: a resident's entry carries their household's address. Both are
        // read from the search column (`column.rs`), one block at a time: a district's
        // million residents read whole took 260 MB at once, which the allocator kept after
        // the build, and decoding every record was most of the build's time.
        each_block(store, HOUSEHOLDS, |block| {
            for c in decode_cells::<HouseholdCell>(block)? {
                index.put(c.entry());
            }
            Ok(())
        })?;
        each_block(store, RESIDENTS, |block| {
            for c in decode_cells::<ResidentCell>(block)? {
                let (address, place) = index.address_of(c.household());
                let e = c.entry(address, place);
                index.put(e);
            }
            Ok(())
        })?;
        each(store, |m: Member| index.upsert_member(&m))?;
        each(store, |c: Case| index.upsert_case(&c))?;
        each(store, |p: Partner| index.upsert_partner(&p))?;
        each(store, |o: Org| index.put(records::org(&o)))?;
        each(store, |t: Team| index.put(records::team(&t)))?;
        index.postings.shrink();
        Ok(index)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// About how many bytes of memory the index holds (for the benchmarks): the entries,
    /// their strings with the allocator's overhead, and the maps.
    pub fn heap_bytes(&self) -> usize {
        let entries = self.entries.capacity() * std::mem::size_of::<Entry>();
        let strings: usize = self.entries.iter().map(Entry::heap_bytes).sum();
        let grids: usize = self.grids.values().map(|c| c.len() + 40).sum();
        entries + strings + self.slots.heap_bytes() + grids + self.postings.heap_bytes()
    }

    /// The day ages are counted on (the app moves it on at midnight).
    pub fn set_today(&mut self, today: Date) {
        self.today = today;
    }

    /// The best `limit` hits for what was typed: every word must match; the best tier first,
    /// then by kind, then by id. A query of two or three bare numbers (`3 2 501`) is first
    /// read as one address, and only if no address fits as separate words. Residents who have
    /// left are not found (see `query_with`).
    pub fn query(&self, text: &str, limit: usize) -> Vec<Hit> {
        self.query_with(text, limit, false)
    }

    /// `query`, with residents who have left found too when `departed` (`find --all`), each
    /// hit of one tagged `left`. By default they are not: a steward looks for the people they
    /// serve, and a namesake who moved away or died, found among them, invites a check-in or
    /// a case on the wrong person (or, alone, opens as the only card).
    pub fn query_with(&self, text: &str, limit: usize, departed: bool) -> Vec<Hit> {
        self.query_by(text, limit, departed, SearchIndex::scan)
    }

    /// `query_with`, matching every entry rather than those the keys point to (the tests
    /// compare the two).
    #[cfg(test)]
    fn query_scanning(&self, text: &str, limit: usize, departed: bool) -> Vec<Hit> {
        self.query_by(text, limit, departed, SearchIndex::scan_all)
    }

    fn query_by(
        &self,
        text: &str,
        limit: usize,
        departed: bool,
        scan: fn(&SearchIndex, &[Prepared], bool) -> Vec<Match>,
    ) -> Vec<Hit> {
        let typed = Typed::new(text, &self.grids);
        if let Some(address) = &typed.address {
            let found = scan(self, std::slice::from_ref(address), departed);
            if !found.is_empty() {
                return self.hits(found, limit);
            }
        }
        if typed.words.is_empty() {
            return Vec::new();
        }
        self.hits(scan(self, &typed.words, departed), limit)
    }

    /// The entries every word fits: among those holding the words' keys, or all of them when
    /// no word gives a key.
    fn scan(&self, words: &[Prepared], departed: bool) -> Vec<Match> {
        let keys: Vec<u32> = words.iter().filter_map(Prepared::keys).flatten().collect();
        if keys.is_empty() {
            return self.scan_all(words, departed);
        }
        let mut found = Vec::new();
        for slot in self.postings.all_of(&keys) {
            let e = &self.entries[slot as usize];
            if let Some(tier) = tier_of(words, e, departed) {
                found.push(Match {
                    tier,
                    kind: e.kind,
                    id: e.id,
                    slot,
                });
            }
        }
        found
    }

    /// Every entry, one by one.
    fn scan_all(&self, words: &[Prepared], departed: bool) -> Vec<Match> {
        let mut found = Vec::new();
        for (slot, e) in self.entries.iter().enumerate() {
            if let Some(tier) = tier_of(words, e, departed) {
                found.push(Match {
                    tier,
                    kind: e.kind,
                    id: e.id,
                    slot: slot as u32,
                });
            }
        }
        found
    }

    fn entry(&self, kind: HitKind, id: Id) -> Option<&Entry> {
        self.slots.get(kind, id).map(|s| &self.entries[s])
    }

    fn put(&mut self, e: Entry) {
        if let Some(slot) = self.slots.get(e.kind, e.id) {
            self.set(slot, e);
        } else {
            let slot = self.entries.len();
            self.slots.insert(e.kind, e.id, slot);
            self.postings.push(slot as u32, &e);
            self.entries.push(e);
        }
    }

    /// Replaces the entry at a slot, keeping the postings in step.
    fn set(&mut self, slot: usize, e: Entry) {
        self.postings.replace(slot as u32, &self.entries[slot], &e);
        self.entries[slot] = e;
    }

    pub fn upsert_grid(&mut self, g: &Grid) {
        self.grids.insert(g.id, g.code.as_str().into());
    }

    pub fn upsert_resident(&mut self, r: &Resident) {
        let (address, place) = self.address_of(r.household);
        let e = records::resident(r, address, place);
        self.put(e);
    }

    /// The address key and place a resident of `household` carries (empty without one).
    fn address_of(&self, household: Option<Id>) -> (&str, &str) {
        household
            .and_then(|h| self.entry(HitKind::Household, h))
            .map_or(("", ""), |h| (h.get(Field::Address), h.get(Field::Place)))
    }

    /// Also moves the address of every resident of the household.
    pub fn upsert_household(&mut self, h: &Household) {
        let e = records::household(h);
        let address = e.get(Field::Address).to_owned();
        let place = e.get(Field::Place).to_owned();
        self.put(e);
        self.readdress(h.id, &address, &place);
    }

    fn readdress(&mut self, household: Id, address: &str, place: &str) {
        for slot in 0..self.entries.len() {
            let e = &self.entries[slot];
            if e.kind == HitKind::Resident && e.link == household {
                let moved = e.with(&[(Field::Address, address), (Field::Place, place)]);
                self.set(slot, moved);
            }
        }
    }

    pub fn upsert_member(&mut self, m: &Member) {
        self.put(records::member(m));
    }

    pub fn upsert_case(&mut self, c: &Case) {
        self.put(records::case(c));
    }

    pub fn upsert_partner(&mut self, p: &Partner) {
        self.put(records::partner(p));
    }

    /// Forgets a record; residents of a removed household lose its address.
    pub fn remove(&mut self, kind: HitKind, id: Id) {
        let Some(slot) = self.slots.remove(kind, id) else {
            return;
        };
        self.postings.remove(slot as u32, &self.entries[slot]);
        let last = self.entries.len() - 1;
        if slot != last {
            self.postings.remove(last as u32, &self.entries[last]);
            self.postings.push(slot as u32, &self.entries[last]);
        }
        self.entries.swap_remove(slot);
        if let Some(moved) = self.entries.get(slot) {
            self.slots.insert(moved.kind, moved.id, slot);
        }
        if kind == HitKind::Household {
            self.readdress(id, "", "");
        }
    }

    /// Re-reads one record after a change, by the kind names of the store and the audit log
    /// (`resident`, `household`, `member`, `case`, `partner`, `org`, `team`, `grid`); a record
    /// that is gone is forgotten. Other kinds (check-ins, pledges…) do not change what search finds.
    pub fn refresh(&mut self, store: &Store, kind: &str, id: Id) -> Result<()> {
        match kind {
            "grid" => match store.get::<Grid>(id)? {
                Some(g) => self.upsert_grid(&g),
                None => {
                    self.grids.remove(&id);
                }
            },
            "resident" => match store.get::<Resident>(id)? {
                Some(r) => self.upsert_resident(&r),
                None => self.remove(HitKind::Resident, id),
            },
            "household" => match store.get::<Household>(id)? {
                Some(h) => self.upsert_household(&h),
                None => self.remove(HitKind::Household, id),
            },
            "member" => match store.get::<Member>(id)? {
                Some(m) => self.upsert_member(&m),
                None => self.remove(HitKind::Member, id),
            },
            "case" => match store.get::<Case>(id)? {
                Some(c) => self.upsert_case(&c),
                None => self.remove(HitKind::Case, id),
            },
            "partner" => match store.get::<Partner>(id)? {
                Some(p) => self.upsert_partner(&p),
                None => self.remove(HitKind::Partner, id),
            },
            "org" => match store.get::<Org>(id)? {
                Some(o) => self.put(records::org(&o)),
                None => self.remove(HitKind::Org, id),
            },
            "team" => match store.get::<Team>(id)? {
                Some(t) => self.put(records::team(&t)),
                None => self.remove(HitKind::Team, id),
            },
            _ => {}
        }
        Ok(())
    }
}
