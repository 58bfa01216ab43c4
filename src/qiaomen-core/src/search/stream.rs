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

use std::collections::{BinaryHeap, HashMap};

use super::entry::{Entry, Field};
use super::hit::{Hit, hit};
use super::{HitKind, Typed, records, tier_of};
use crate::day::Date;
use crate::error::Result;
use crate::model::{Case, Grid, Household, Id, Member, Partner, Resident};
use crate::store::Store;

use super::rank::{EXACT, Prepared};

/// The best `limit` entries matched so far, the worst on top.
struct Best<'w> {
    words: &'w [Prepared],
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
    fn new(words: &[Prepared], limit: usize) -> Best<'_> {
        Best {
            words,
            limit,
            held: BinaryHeap::with_capacity(limit.min(512) + 1),
        }
    }

    /// Keeps the entry if it matches and ranks among the best; says whether it matched.
    fn offer(&mut self, e: &Entry) -> Option<u8> {
        let tier = tier_of(self.words, e)?;
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
        self.read += 1;
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

/// The best `limit` hits for `text`, exactly as [`SearchIndex::query`](super::SearchIndex)
/// on an index built from the same store would answer.
pub fn find(store: &Store, text: &str, today: Date, limit: usize) -> Result<Vec<Hit>> {
    Ok(find_reading(store, text, today, limit)?.0)
}

/// `find`, and how many records it read.
pub(super) fn find_reading(
    store: &Store,
    text: &str,
    today: Date,
    limit: usize,
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
    let mut search = Search {
        address: typed
            .address
            .as_ref()
            .map(|a| Best::new(std::slice::from_ref(a), limit)),
        words: Best::new(&typed.words, limit),
        read: 0,
    };
    // Every household is read, stopping or not: its residents' entries need its address.
    let mut households: HashMap<Id, Entry> = HashMap::new();
    for h in store.each::<Household>() {
        let e = records::household(&h?);
        search.offer(&e);
        households.insert(e.id, e);
    }
    read(store, &mut search, &households)?;
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
                HitKind::Resident => households
                    .get(&e.link)
                    .map(|h| h.get(Field::Title).to_owned()),
                HitKind::Household => store.get::<Resident>(e.link)?.map(|r| r.name),
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

/// Reads residents, members, cases and partners in the order hits are ranked, until
/// `search` has what nothing later can beat.
fn read(store: &Store, search: &mut Search, households: &HashMap<Id, Entry>) -> Result<()> {
    for r in store.each::<Resident>() {
        let r = r?;
        let (address, place) = r
            .household
            .and_then(|h| households.get(&h))
            .map_or(("", ""), |h| (h.get(Field::Address), h.get(Field::Place)));
        if search.offer(&records::resident(&r, address, place)) {
            return Ok(());
        }
    }
    for m in store.each::<Member>() {
        if search.offer(&records::member(&m?)) {
            return Ok(());
        }
    }
    for c in store.each::<Case>() {
        if search.offer(&records::case(&c?)) {
            return Ok(());
        }
    }
    for p in store.each::<Partner>() {
        if search.offer(&records::partner(&p?)) {
            return Ok(());
        }
    }
    Ok(())
}
