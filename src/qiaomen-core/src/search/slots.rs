//! Where each record's entry sits in the index, by kind and id: a table indexed by id (four
//! bytes a record, as ids are given out one after the other), and a map for an id far past the
//! others (an imported id like 9,000,000 among a few thousand records). A district holds 1.3
//! million entries; a hash map of them took about 50 MB.

use std::collections::HashMap;

use super::HitKind;
use crate::model::Id;

const NONE: u32 = u32::MAX;
const KINDS: usize = HitKind::ALL.len();
/// An id below this many times the kind's records (and some) goes in the table.
const SPREAD: u64 = 4;
const SOME: u64 = 4096;

#[derive(Default)]
pub struct Slots {
    table: [Vec<u32>; KINDS],
    counts: [u64; KINDS],
    far: HashMap<(HitKind, Id), u32>,
}

impl Slots {
    pub fn get(&self, kind: HitKind, id: Id) -> Option<usize> {
        let table = &self.table[kind as usize];
        match usize::try_from(id).ok().and_then(|i| table.get(i)) {
            Some(&NONE) | None => self.far.get(&(kind, id)).map(|&s| s as usize),
            Some(&s) => Some(s as usize),
        }
    }

    /// Sets where an entry is (a new one, or one moved to another slot).
    pub fn insert(&mut self, kind: HitKind, id: Id, slot: usize) {
        let k = kind as usize;
        let slot = u32::try_from(slot).expect("fewer than 4 billion entries");
        if self.get(kind, id).is_none() {
            self.counts[k] += 1;
        }
        let table = &mut self.table[k];
        let near = id < self.counts[k].saturating_mul(SPREAD).saturating_add(SOME);
        match usize::try_from(id) {
            Ok(i) if i < table.len() => {
                table[i] = slot;
                self.far.remove(&(kind, id));
            }
            Ok(i) if near => {
                // Grown by half at least, so a run of new ids does not copy the table each time.
                let len = (i + 1).max(table.len() + table.len() / 2);
                table.resize(len, NONE);
                table[i] = slot;
                self.far.remove(&(kind, id));
            }
            _ => {
                self.far.insert((kind, id), slot);
            }
        }
    }

    pub fn remove(&mut self, kind: HitKind, id: Id) -> Option<usize> {
        let k = kind as usize;
        let table = &mut self.table[k];
        let slot = match usize::try_from(id).ok().and_then(|i| table.get_mut(i)) {
            Some(s) if *s != NONE => Some(std::mem::replace(s, NONE) as usize),
            _ => self.far.remove(&(kind, id)).map(|s| s as usize),
        };
        if slot.is_some() {
            self.counts[k] -= 1;
        }
        slot
    }

    /// About how many bytes it takes.
    pub fn heap_bytes(&self) -> usize {
        let tables: usize = self.table.iter().map(|t| t.capacity() * 4).sum();
        tables + self.far.capacity() * (std::mem::size_of::<((HitKind, Id), u32)>() + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_and_far_ids_are_found_moved_and_removed() {
        let mut s = Slots::default();
        s.insert(HitKind::Resident, 1, 0);
        s.insert(HitKind::Household, 1, 1);
        s.insert(HitKind::Resident, 9_000_000_000, 2);
        s.insert(HitKind::Resident, 3, 3);
        assert_eq!(s.get(HitKind::Resident, 1), Some(0));
        assert_eq!(s.get(HitKind::Household, 1), Some(1));
        assert_eq!(s.get(HitKind::Resident, 9_000_000_000), Some(2));
        assert_eq!(s.get(HitKind::Resident, 2), None);
        assert_eq!(s.get(HitKind::Case, 1), None);
        // Far ids stay out of the table.
        assert!(s.heap_bytes() < 100_000);
        s.insert(HitKind::Resident, 3, 7);
        assert_eq!(s.get(HitKind::Resident, 3), Some(7));
        assert_eq!(s.remove(HitKind::Resident, 9_000_000_000), Some(2));
        assert_eq!(s.remove(HitKind::Resident, 9_000_000_000), None);
        assert_eq!(s.remove(HitKind::Resident, 1), Some(0));
        assert_eq!(s.get(HitKind::Resident, 1), None);
        assert_eq!(s.counts[HitKind::Resident as usize], 1);
    }
}
