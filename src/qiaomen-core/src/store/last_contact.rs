//! Kept index: each elder's last contact (schema 4, issue 12).
//!
//! | tree            | key          | value                                            |
//! |-----------------|--------------|--------------------------------------------------|
//! | `last_contacts` | resident id  | `LastContact`: the elder's last check-in of its latest day with any, and the last of the latest day before that |
//!
//! "Last" within a day is the last in the day's stored order (by attempt), as
//! `Store::last_checkins` reads it. The entry is a function of the check-ins alone: written in
//! the same transaction as every check-in a batch puts or takes out (`plan`), rebuilt from the
//! days for a database made before it was kept, and compared by `qiaomen check` (`expected`).
//! With two days kept, "the latest check-in on or before a date" is answered without a
//! look-back for every date on or after the earlier day: the roll call asks it for the day
//! before yesterday, when today's marks are already there.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::checkins::{self, StoredDay};
use super::codec::{self, decode_body, split_version, unknown_version};
use super::{Store, Tree, id_key};
use crate::day::Date;
use crate::error::Result;
use crate::model::{CheckIn, Id};

/// The format version of `LastContact` values (golden bytes in `tests/codec_golden.rs`).
pub const VERSION: u8 = 1;

const KIND: &str = "last contact";

/// One kept check-in: its day, its attempt and its mark as a loose mark stores it
/// (`checkins::encode_mark`, with that format's own version byte).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Kept {
    date: Date,
    seq: u16,
    mark: Vec<u8>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Stored {
    last: Kept,
    before: Option<Kept>,
}

/// An elder's last contact as kept: the last check-in of the elder's latest day with any, and
/// the last of the latest day before that.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LastContact {
    pub last: CheckIn,
    pub before: Option<CheckIn>,
}

impl LastContact {
    pub fn encode(&self) -> Vec<u8> {
        let kept = |c: &CheckIn| Kept {
            date: c.date,
            seq: c.seq,
            mark: checkins::encode_mark(c),
        };
        codec::encode(
            VERSION,
            &Stored {
                last: kept(&self.last),
                before: self.before.as_ref().map(kept),
            },
        )
    }

    pub fn decode(elder: Id, bytes: &[u8]) -> Result<Self> {
        let (version, body) = split_version(KIND, bytes)?;
        if version != VERSION {
            return Err(unknown_version(KIND, version));
        }
        let s: Stored = decode_body(KIND, body)?;
        let read = |k: &Kept| checkins::decode_mark(k.date, elder, k.seq, &k.mark);
        Ok(LastContact {
            last: read(&s.last)?,
            before: s.before.as_ref().map(read).transpose()?,
        })
    }

    /// The latest check-in on or before `date`, when the entry tells: `Some(None)` when there
    /// is none at all, `None` when it is older than both kept days and only a look-back can
    /// find it.
    pub fn on_or_before(&self, date: Date) -> Option<Option<&CheckIn>> {
        if self.last.date <= date {
            return Some(Some(&self.last));
        }
        match &self.before {
            None => Some(None),
            Some(b) if b.date <= date => Some(Some(b)),
            Some(_) => None,
        }
    }

    /// The entry once a later day's last check-in `c` is added.
    fn then(entry: Option<LastContact>, c: CheckIn) -> LastContact {
        LastContact {
            last: c,
            before: entry.map(|e| e.last),
        }
    }

    /// The entry of the newest two of `days` (each a day's last check-in), or none.
    fn of_newest(mut days: Vec<CheckIn>) -> Option<LastContact> {
        days.sort_by_key(|c| std::cmp::Reverse(c.date));
        let mut days = days.into_iter();
        let last = days.next()?;
        Some(LastContact {
            last,
            before: days.next(),
        })
    }

    fn days(&self) -> impl Iterator<Item = &CheckIn> {
        std::iter::once(&self.last).chain(self.before.as_ref())
    }
}

/// What a batch writes to `last_contacts`: a value, or `None` to remove.
pub(super) type Writes = Vec<(Vec<u8>, Option<Vec<u8>>)>;

/// An elder's last check-in on one day as a batch leaves it (`None`: none left that day).
type DayLast = BTreeMap<Date, Option<CheckIn>>;

/// Up to this many elders, their kept last contacts are read one by one rather than by a scan
/// of the tree. A morning's roll call at the district asks for the few hundred elders with no
/// check-in the day before: a scan between the first and the last of them walks all 20,000
/// entries (70 M instructions), a point read each costs a few thousand.
const POINT_READS: usize = 2048;

impl Store {
    /// The kept entry of one elder.
    pub fn last_contact(&self, elder: Id) -> Result<Option<LastContact>> {
        self.tree(Tree::LastContacts)
            .get(id_key(elder))?
            .map(|v| LastContact::decode(elder, &v))
            .transpose()
    }

    /// The kept entries of `elders` (sorted, no repeats): point reads for a few (up to
    /// `POINT_READS`), one scan of the tree for many.
    pub(super) fn last_contacts_of(&self, elders: &[Id]) -> Result<HashMap<Id, LastContact>> {
        let mut out = HashMap::with_capacity(elders.len());
        if elders.len() <= POINT_READS {
            for &e in elders {
                if let Some(c) = self.last_contact(e)? {
                    out.insert(e, c);
                }
            }
            return Ok(out);
        }
        let (Some(&first), Some(&end)) = (elders.first(), elders.last()) else {
            return Ok(out);
        };
        let mut wanted = elders.iter().peekable();
        for kv in self
            .tree(Tree::LastContacts)
            .range(id_key(first)..=id_key(end))
        {
            let (k, v) = kv?;
            let Ok(id) = <[u8; 8]>::try_from(k.as_ref()).map(u64::from_be_bytes) else {
                continue;
            };
            while wanted.next_if(|&&w| w < id).is_some() {}
            if wanted.next_if(|&&w| w == id).is_some() {
                out.insert(id, LastContact::decode(id, &v)?);
            }
        }
        Ok(out)
    }

    /// The `last_contacts` writes of the check-ins a batch puts or takes out: for each elder
    /// touched, the kept days not written by the batch and the days it writes, newest two.
    /// Only when one of two kept days loses its last check-in is the elder's history read
    /// again.
    pub(super) fn plan_last_contacts<'a>(
        &self,
        days: impl Iterator<Item = (Date, &'a [CheckIn], &'a [Id])>,
    ) -> Result<Writes> {
        let mut touched: BTreeMap<Id, DayLast> = BTreeMap::new();
        for (date, merged, elders) in days {
            for &e in elders {
                let last = checkins::of_elder(merged, e).last().cloned();
                touched.entry(e).or_default().insert(date, last);
            }
        }
        let mut out = Writes::new();
        for (e, written) in touched {
            let old = self.last_contact(e)?;
            let emptied = old
                .iter()
                .flat_map(LastContact::days)
                .any(|c| matches!(written.get(&c.date), Some(None)));
            // An entry of one day holds the elder's only day with check-ins: with it emptied
            // there is no older day to look back to (an undo of a new elder's first mark).
            let looked_back = old.iter().flat_map(LastContact::days).count() >= 2;
            let new = if emptied && looked_back {
                self.recompute_contact(e, &written)?
            } else {
                let kept = old
                    .iter()
                    .flat_map(LastContact::days)
                    .filter(|c| !written.contains_key(&c.date))
                    .cloned();
                LastContact::of_newest(kept.chain(written.values().flatten().cloned()).collect())
            };
            if new != old {
                out.push((id_key(e).to_vec(), new.map(|n| n.encode())));
            }
        }
        Ok(out)
    }

    /// An elder's entry read from the stored days, newest first, with the days a batch
    /// writes laid over them.
    fn recompute_contact(&self, elder: Id, written: &DayLast) -> Result<Option<LastContact>> {
        let mut found = Vec::new();
        let mut seen = Vec::new();
        for day in self.days_of(self.tree(Tree::CheckIns).iter().rev()) {
            let (date, stored) = day?;
            seen.push(date);
            let last = match written.get(&date) {
                Some(c) => c.clone(),
                None => StoredDay {
                    pack: checkins::of_elder(&stored.pack, elder).to_vec(),
                    marks: checkins::of_elder(&stored.marks, elder).to_vec(),
                }
                .merged()
                .pop(),
            };
            found.extend(last);
            if found.len() == 2 {
                break;
            }
        }
        // Days the batch writes that the store does not hold yet.
        found.extend(
            written
                .iter()
                .filter(|(d, _)| !seen.contains(d))
                .filter_map(|(_, c)| c.clone()),
        );
        Ok(LastContact::of_newest(found))
    }

    /// Every entry `last_contacts` should hold, by key, from the stored days.
    pub(super) fn expected_last_contacts(&self) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
        let mut kept: BTreeMap<Id, LastContact> = BTreeMap::new();
        for day in self.days_of(self.tree(Tree::CheckIns).iter()) {
            let merged = day?.1.merged();
            for c in merged.chunk_by(|a, b| a.elder == b.elder) {
                let last = c.last().expect("a chunk is not empty").clone();
                let entry = kept.remove(&last.elder);
                kept.insert(last.elder, LastContact::then(entry, last));
            }
        }
        Ok(kept
            .into_iter()
            .map(|(e, c)| (id_key(e).to_vec(), c.encode()))
            .collect())
    }
}

#[cfg(test)]
mod tests;
