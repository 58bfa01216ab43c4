//! Searching without an index, for a command that searches once (`qiaomen --no-server find`):
//! the records are read one at a time, each laid out as the index would lay it out and matched
//! by the same words, and forgotten unless it is among the best so far. Nothing is counted and
//! nothing is kept beyond the households' addresses (a resident's entry carries them).
//! Residents and households, nearly all of what is read, are read from the search column
//! (`column.rs`: a few bytes each, their text in place), not decoded whole.
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

use super::column::{HOUSEHOLDS, HouseholdCell, RESIDENTS, ResidentCell, cell_count, decode_cells};
use super::entry::{Entry, Field};
use super::hit::{Hit, hit};
use super::{HitKind, Typed, records, tier_of};
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

    /// Whether a record's texts hold any of the needles (or there are none): a household
    /// that holds none can neither match nor lend one to its residents.
    fn touches(&self, texts: &[&[u8]]) -> bool {
        self.needles.is_empty() || self.needles.iter().any(|(n, _)| holds(n, texts))
    }

    /// Notes which needles a household's address and place hold (for its residents).
    fn note_household(&mut self, id: Id, address: &str, place: &str) {
        for (needle, holders) in &mut self.needles {
            if holds(needle, &[address.as_bytes(), place.as_bytes()]) {
                holders.insert(id);
            }
        }
    }

    /// Whether a record with these texts may match, its household (a resident's) unknown
    /// yet: `None` when that depends on the household.
    fn admits(&self, texts: &[&[u8]]) -> Option<bool> {
        let mut sure = true;
        for (needle, holders) in &self.needles {
            if !holds(needle, texts) {
                if holders.is_empty() {
                    return Some(false);
                }
                sure = false;
            }
        }
        sure.then_some(true)
    }

    /// Whether a record with these texts may match; for a resident, `household` is theirs.
    fn admits_in(&self, texts: &[&[u8]], household: Option<Id>) -> bool {
        self.needles.iter().all(|(needle, holders)| {
            holds(needle, texts) || household.is_some_and(|h| holders.contains(&h))
        })
    }
}

fn holds(needle: &Finder, texts: &[&[u8]]) -> bool {
    texts.iter().any(|t| needle.find(t).is_some())
}

/// The households' addresses as their residents' entries carry them (address key and place),
/// end to end in one string.
#[derive(Default)]
struct Places {
    text: String,
    /// Where a household's address key ends and its place starts, and where that ends.
    at: HashMap<Id, (u32, u32, u32)>,
}

impl Places {
    fn insert(&mut self, id: Id, address: &str, place: &str) {
        // Offsets fit in `u32` below 4 GiB of addresses: a district has 30 MB.
        let offset = |text: &String| u32::try_from(text.len()).unwrap_or(u32::MAX);
        let start = offset(&self.text);
        self.text.push_str(address);
        let middle = offset(&self.text);
        self.text.push_str(place);
        self.at.insert(id, (start, middle, offset(&self.text)));
    }

    fn get(&self, id: Id) -> Option<(&str, &str)> {
        let &(start, middle, end) = self.at.get(&id)?;
        let part = |a: u32, b: u32| self.text.get(a as usize..b as usize).unwrap_or("");
        Some((part(start, middle), part(middle, end)))
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
        Places::default()
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

/// Reads every household's cell of the search column, stopping or not: its residents'
/// entries need its address. Each is matched too (households rank after residents, so none
/// of them can end the reading). One that holds none of the sieve's characters is not kept:
/// it cannot match, nor lend them to its residents; a resident who may match all the same
/// looks its address up.
fn households(store: &Store, search: &mut Search, sieve: &mut Sieve) -> Result<Places> {
    let mut places = Places::default();
    for block in store.column_blocks(HOUSEHOLDS) {
        let block = block?;
        let block = block.as_ref();
        // A block that holds none of the needles anywhere holds no household that does.
        if !sieve.touches(&[block])
            && let Some(n) = cell_count(block)
        {
            search.read += n;
            continue;
        }
        for c in decode_cells::<HouseholdCell>(block)? {
            search.read += 1;
            let texts = c.texts().map(str::as_bytes);
            if !sieve.touches(&texts) {
                continue;
            }
            sieve.note_household(c.id, &c.address, &c.place);
            if sieve.admits_in(&texts, None) {
                search.offer(&c.entry());
            }
            places.insert(c.id, &c.address, &c.place);
        }
    }
    Ok(places)
}

/// Reads residents (their cells of the search column), members, cases, partners,
/// organisations and teams in the order hits are ranked, until `search` has what nothing
/// later can beat.
fn read(store: &Store, search: &mut Search, sieve: &Sieve, places: &Places) -> Result<()> {
    if !sieve.cases_only {
        for block in store.column_blocks(RESIDENTS) {
            let block = block?;
            let block = block.as_ref();
            // A block without a needle no household holds holds no resident who may match.
            if sieve.admits(&[block]) == Some(false)
                && let Some(n) = cell_count(block)
            {
                search.read += n;
                continue;
            }
            for c in decode_cells::<ResidentCell>(block)? {
                search.read += 1;
                let texts = c.texts().map(str::as_bytes);
                let sure = match sieve.admits(&texts) {
                    Some(false) => continue,
                    sure => sure.is_some(),
                };
                if !sure && !sieve.admits_in(&texts, c.household()) {
                    continue;
                }
                // A household the sieve passed over is looked up (`households`).
                let skipped = match c.household() {
                    Some(h) if places.get(h).is_none() => {
                        store.get::<Household>(h)?.map(|h| HouseholdCell::of(&h))
                    }
                    _ => None,
                };
                let (address, place) = match (&skipped, c.household()) {
                    (Some(s), _) => (&*s.address, &*s.place),
                    (None, Some(h)) => places.get(h).unwrap_or(("", "")),
                    (None, None) => ("", ""),
                };
                if search.offer(&c.entry(address, place)) {
                    return Ok(());
                }
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
    for raw in store.each_raw::<T>()? {
        let raw = raw?;
        search.read += 1;
        if !sieve.admits_in(&[raw.as_ref()], None) {
            continue;
        }
        if search.offer(&lay_out(&T::decode(raw.as_ref())?)) {
            return Ok(true);
        }
    }
    Ok(false)
}
