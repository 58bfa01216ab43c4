//! Searching without an index, for a command that searches once (`qiaomen --no-server find`):
//! the records are read one at a time, each laid out as the index would lay it out and matched
//! by the same words, and forgotten unless it is among the best so far. Nothing is counted and
//! nothing is kept beyond the households' addresses (a resident's entry carries them).
//!
//! Same hits, same order: the hits are ranked by tier, then kind, then id, and the records
//! are read in that order of kind and id (households first of all, since residents need their
//! addresses; they rank after residents all the same). So once `limit` hits of the best tier
//! (`EXACT`) are held among the kinds read so far, nothing still to be read can rank before
//! them, and the reading stops: an ID number, a whole phone number or a full name asked with
//! `--limit 1` reads only up to its record. A query that is also an address (`3 2 501`) is
//! matched both ways at once; its address reading is the answer whenever it finds anything,
//! so only that reading can stop early.

use std::collections::{BinaryHeap, HashMap, HashSet};

use memchr::memmem::Finder;

use super::entry::{Entry, Field};
use super::hit::{Hit, hit};
use super::{HitKind, Typed, normalize, records, tier_of};
use crate::day::Date;
use crate::error::Result;
use crate::model::{Grid, Household, Id, Resident};
use crate::store::{Entity, Store};

use super::rank::{EXACT, Prepared};

/// The best `limit` entries matched so far, the worst on top.
struct Best<'w> {
    words: &'w [Prepared],
    /// Residents who have left match too.
    departed: bool,
    limit: usize,
    held: BinaryHeap<Held>,
}

/// An entry and what it is ranked by.
struct Held {
    rank: (u8, HitKind, Id),
    entry: Entry,
}

impl PartialEq for Held {
    fn eq(&self, other: &Held) -> bool {
        self.rank == other.rank
    }
}

impl Eq for Held {}

impl PartialOrd for Held {
    fn partial_cmp(&self, other: &Held) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Held {
    fn cmp(&self, other: &Held) -> std::cmp::Ordering {
        self.rank.cmp(&other.rank)
    }
}

impl Best<'_> {
    fn new(words: &[Prepared], limit: usize, departed: bool) -> Best<'_> {
        Best {
            words,
            departed,
            limit,
            held: BinaryHeap::with_capacity(limit.min(512) + 1),
        }
    }

    /// Keeps the entry if it matches and ranks among the best; says whether it matched.
    fn offer(&mut self, e: &Entry) -> Option<u8> {
        let tier = tier_of(self.words, e, self.departed)?;
        let rank = (tier, e.kind, e.id);
        if self.held.len() == self.limit && self.held.peek().is_none_or(|w| w.rank <= rank) {
            return Some(tier);
        }
        self.held.push(Held {
            rank,
            entry: e.clone(),
        });
        if self.held.len() > self.limit {
            self.held.pop();
        }
        Some(tier)
    }

    /// Nothing of `kind` with a larger id, or of a later kind, can rank before what is held:
    /// `limit` exact entries of this kind or an earlier one.
    fn settled(&self, kind: HitKind) -> bool {
        self.limit > 0
            && self
                .held
                .iter()
                .filter(|h| h.rank.0 == EXACT && h.rank.1 <= kind)
                .count()
                >= self.limit
    }

    fn is_empty(&self) -> bool {
        self.held.is_empty()
    }

    fn into_sorted(self) -> Vec<Held> {
        self.held.into_sorted_vec()
    }
}

/// What is matched: the query read as an address (when it reads as one), and as words.
struct Search<'w> {
    address: Option<Best<'w>>,
    words: Best<'w>,
    /// Records read so far.
    read: usize,
}

impl Search<'_> {
    /// Offers one entry to both readings; true when reading can stop here.
    fn offer(&mut self, e: &Entry) -> bool {
        let exact = |t: Option<u8>| t == Some(EXACT);
        match &mut self.address {
            Some(a) => {
                if exact(a.offer(e)) && a.settled(e.kind) {
                    return true;
                }
                self.words.offer(e);
                false
            }
            None => exact(self.words.offer(e)) && self.words.settled(e.kind),
        }
    }
}

/// What rules a record out from its stored bytes, before it is decoded or laid out: a
/// Chinese character every hit holds (`Prepared::needles`) that neither the record nor, for a
/// resident, its household's address holds; or a case number, which only a case can fit.
/// The query's address reading (`3 2 501`) rules nothing out, so with one there is no sieve.
struct Sieve {
    /// Each needle, as UTF-8, and the households whose address or place holds it.
    needles: Vec<(Finder<'static>, HashSet<Id>)>,
    cases_only: bool,
}

impl Sieve {
    fn new(typed: &Typed) -> Sieve {
        if typed.address.is_some() {
            return Sieve {
                needles: Vec::new(),
                cases_only: false,
            };
        }
        let mut needles: Vec<char> = typed.words.iter().flat_map(Prepared::needles).collect();
        needles.sort_unstable();
        needles.dedup();
        Sieve {
            needles: needles
                .into_iter()
                .map(|c| {
                    let mut utf8 = [0; 4];
                    let bytes = c.encode_utf8(&mut utf8).as_bytes();
                    (Finder::new(bytes).into_owned(), HashSet::new())
                })
                .collect(),
            cases_only: typed.words.iter().any(Prepared::cases_only),
        }
    }

    /// Whether a record's bytes hold any of the needles (or there are none): a household
    /// that holds none can neither match nor lend one to its residents.
    fn touches(&self, raw: &[u8]) -> bool {
        self.needles.is_empty() || self.needles.iter().any(|(n, _)| n.find(raw).is_some())
    }

    /// Notes which needles a household's address and place hold (for its residents).
    fn note_household(&mut self, id: Id, address: &str, place: &str) {
        for (needle, holders) in &mut self.needles {
            if needle.find(address.as_bytes()).is_some() || needle.find(place.as_bytes()).is_some()
            {
                holders.insert(id);
            }
        }
    }

    /// Whether a record with these bytes may match, its household (a resident's) unknown yet:
    /// `None` when that depends on the household.
    fn admits(&self, raw: &[u8]) -> Option<bool> {
        let mut sure = true;
        for (needle, holders) in &self.needles {
            if needle.find(raw).is_none() {
                if holders.is_empty() {
                    return Some(false);
                }
                sure = false;
            }
        }
        sure.then_some(true)
    }

    /// Whether a record with these bytes may match; for a resident, `household` is theirs.
    fn admits_in(&self, raw: &[u8], household: Option<Id>) -> bool {
        self.needles.iter().all(|(needle, holders)| {
            needle.find(raw).is_some() || household.is_some_and(|h| holders.contains(&h))
        })
    }
}

/// A household's address as its residents' entries carry it.
struct Place {
    address: Box<str>,
    place: Box<str>,
}

impl Place {
    fn of(h: &Household) -> Place {
        Place {
            address: normalize::address_key(&h.address).into(),
            place: normalize::fold(&h.address.text).into(),
        }
    }
}

/// The best `limit` hits for `text`, exactly as [`SearchIndex::query`](super::SearchIndex)
/// on an index built from the same store would answer.
pub fn find(store: &Store, text: &str, today: Date, limit: usize) -> Result<Vec<Hit>> {
    Ok(find_reading(store, text, today, limit, false)?.0)
}

/// `find`, with residents who have left found too when `departed` (as `query_with`).
pub fn find_with(
    store: &Store,
    text: &str,
    today: Date,
    limit: usize,
    departed: bool,
) -> Result<Vec<Hit>> {
    Ok(find_reading(store, text, today, limit, departed)?.0)
}

/// `find`, and how many records it read.
pub(super) fn find_reading(
    store: &Store,
    text: &str,
    today: Date,
    limit: usize,
    departed: bool,
) -> Result<(Vec<Hit>, usize)> {
    let grids: HashMap<Id, Box<str>> = store
        .all::<Grid>()?
        .into_iter()
        .map(|g| (g.id, g.code.into_boxed_str()))
        .collect();
    let typed = Typed::new(text, &grids);
    if typed.address.is_none() && typed.words.is_empty() {
        return Ok((Vec::new(), 0));
    }
    let mut sieve = Sieve::new(&typed);
    let mut search = Search {
        address: typed
            .address
            .as_ref()
            .map(|a| Best::new(std::slice::from_ref(a), limit, departed)),
        words: Best::new(&typed.words, limit, departed),
        read: 0,
    };
    let places = if sieve.cases_only {
        HashMap::new()
    } else {
        households(store, &mut search, &mut sieve)?
    };
    read(store, &mut search, &sieve, &places)?;
    let read = search.read;
    let chosen = match search.address {
        Some(a) if !a.is_empty() => a,
        _ if typed.words.is_empty() => return Ok((Vec::new(), read)),
        _ => search.words,
    };
    let hits = chosen
        .into_sorted()
        .into_iter()
        .map(|h| {
            let e = &h.entry;
            let linked = match e.kind {
                HitKind::Resident => store
                    .get::<Household>(e.link)?
                    .map(|h| records::household(&h).get(Field::Title).to_owned()),
                HitKind::Household => store
                    .get::<Resident>(e.link)?
                    .map(|r| records::resident(&r, "", "").get(Field::Title).to_owned()),
                _ => None,
            };
            let grid = grids.get(&e.grid).map_or("", |c| c);
            Ok(hit(
                e,
                h.rank.0,
                grid,
                linked.as_deref().unwrap_or(""),
                today,
            ))
        })
        .collect::<Result<_>>()?;
    Ok((hits, read))
}

/// Reads every household, stopping or not: its residents' entries need its address. Each is
/// matched too (households rank after residents, so none of them can end the reading). One
/// that holds none of the sieve's characters is not even decoded: it cannot match, nor lend
/// them to its residents; a resident who may match all the same looks its address up.
fn households(store: &Store, search: &mut Search, sieve: &mut Sieve) -> Result<HashMap<Id, Place>> {
    let mut places = HashMap::new();
    for raw in store.each_raw::<Household>() {
        let raw = raw?;
        let raw = raw.as_ref();
        search.read += 1;
        if !sieve.touches(raw) {
            continue;
        }
        let h = Household::decode(raw)?;
        let place = Place::of(&h);
        sieve.note_household(h.id, &place.address, &place.place);
        if sieve.admits_in(raw, None) {
            search.offer(&records::household(&h));
        }
        places.insert(h.id, place);
    }
    Ok(places)
}

/// Reads residents, members, cases, partners, organisations and teams in the order hits are ranked, until
/// `search` has what nothing later can beat.
fn read(
    store: &Store,
    search: &mut Search,
    sieve: &Sieve,
    places: &HashMap<Id, Place>,
) -> Result<()> {
    if !sieve.cases_only {
        for raw in store.each_raw::<Resident>() {
            let raw = raw?;
            let raw = raw.as_ref();
            search.read += 1;
            let sure = match sieve.admits(raw) {
                Some(false) => continue,
                sure => sure.is_some(),
            };
            let r = Resident::decode(raw)?;
            if !sure && !sieve.admits_in(raw, r.household) {
                continue;
            }
            let skipped;
            let place = match r.household {
                Some(h) if !places.contains_key(&h) => {
                    skipped = store.get::<Household>(h)?.map(|h| Place::of(&h));
                    skipped.as_ref()
                }
                Some(h) => places.get(&h),
                None => None,
            };
            let (address, place) = place.map_or(("", ""), |p| (&*p.address, &*p.place));
            if search.offer(&records::resident(&r, address, place)) {
                return Ok(());
            }
        }
        if each(store, search, sieve, records::member)? {
            return Ok(());
        }
    }
    if each(store, search, sieve, records::case)? || sieve.cases_only {
        return Ok(());
    }
    if each(store, search, sieve, records::partner)? || each(store, search, sieve, records::org)? {
        return Ok(());
    }
    each(store, search, sieve, records::team)?;
    Ok(())
}

/// Reads every record of one kind (not residents, whose address is their household's) until
/// the reading can stop; says whether it can.
fn each<T: Entity>(
    store: &Store,
    search: &mut Search,
    sieve: &Sieve,
    lay_out: fn(&T) -> Entry,
) -> Result<bool> {
    for raw in store.each_raw::<T>() {
        let raw = raw?;
        search.read += 1;
        if !sieve.admits_in(raw.as_ref(), None) {
            continue;
        }
        if search.offer(&lay_out(&T::decode(raw.as_ref())?)) {
            return Ok(true);
        }
    }
    Ok(false)
}
