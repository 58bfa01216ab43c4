//! A sorted set of slots as the search index keeps it for one key: each slot written as its
//! distance from the one before, seven bits a byte (LEB128). A district's index holds about 40
//! million slots under its keys, most of them in long lists (a common surname, the characters
//! of a compound's name) where the distances are small: one or two bytes a slot instead of the
//! four of a `Vec<u32>` (171 MB of the server's heap at the district before this).
//!
//! Slots are read in order by decoding from the start (`iter`); a slot is added or taken by
//! finding its place the same way and rewriting the one or two distances around it in place,
//! so a change to one entry costs a pass over the lists of its keys and no allocation beyond
//! the list's own growth.

/// A sorted set of `u32` slots, delta-encoded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SlotList {
    bytes: Vec<u8>,
    /// How many slots it holds.
    len: u32,
    /// The greatest slot (meaningless when empty): a slot past it is appended without a pass.
    last: u32,
}

/// Appends `value` in LEB128.
fn put(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// `value` in LEB128, in a small buffer (at most 5 bytes).
fn encoded(value: u32) -> ([u8; 5], usize) {
    let (mut buf, mut n, mut v) = ([0u8; 5], 0, value);
    while v >= 0x80 {
        buf[n] = (v as u8) | 0x80;
        v >>= 7;
        n += 1;
    }
    buf[n] = v as u8;
    (buf, n + 1)
}

/// The value at `at` and the position after it. The bytes are only ever written by `put` and
/// `encoded`, so a value always ends within them.
fn take(bytes: &[u8], at: usize) -> (u32, usize) {
    let (mut value, mut shift, mut i) = (0u32, 0, at);
    loop {
        let b = bytes[i];
        value |= u32::from(b & 0x7f) << shift;
        i += 1;
        if b & 0x80 == 0 {
            return (value, i);
        }
        shift += 7;
    }
}

/// Where a slot is, or would go: the byte offset of the distance that reaches it (or of the
/// first distance past it), the slot before it (if any) and, when one is there, the slot at
/// or past it with the offset after its distance.
struct Place {
    at: usize,
    before: Option<u32>,
    next: Option<(u32, usize)>,
}

impl SlotList {
    pub fn len(&self) -> usize {
        self.len as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The slots, ascending.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            bytes: &self.bytes,
            at: 0,
            value: 0,
        }
    }

    fn find(&self, slot: u32) -> Place {
        let (mut at, mut before) = (0, None);
        while at < self.bytes.len() {
            let (gap, after) = take(&self.bytes, at);
            let value = before.map_or(gap, |b: u32| b + gap);
            if value >= slot {
                return Place {
                    at,
                    before,
                    next: Some((value, after)),
                };
            }
            before = Some(value);
            at = after;
        }
        Place {
            at,
            before,
            next: None,
        }
    }

    /// Adds a slot; false when it was there already.
    pub fn insert(&mut self, slot: u32) -> bool {
        if self.len == 0 || slot > self.last {
            let gap = if self.len == 0 {
                slot
            } else {
                slot - self.last
            };
            put(&mut self.bytes, gap);
            self.len += 1;
            self.last = slot;
            return true;
        }
        let place = self.find(slot);
        let Some((next, after)) = place.next else {
            unreachable!("a slot not past the last has one at or past it");
        };
        if next == slot {
            return false;
        }
        // before → next becomes before → slot → next.
        let (a, an) = encoded(slot - place.before.unwrap_or(0));
        let (b, bn) = encoded(next - slot);
        let mut both = [0u8; 10];
        both[..an].copy_from_slice(&a[..an]);
        both[an..an + bn].copy_from_slice(&b[..bn]);
        self.bytes
            .splice(place.at..after, both[..an + bn].iter().copied());
        self.len += 1;
        true
    }

    /// Takes a slot away; false when it was not there.
    pub fn remove(&mut self, slot: u32) -> bool {
        let place = self.find(slot);
        let Some((found, after)) = place.next else {
            return false;
        };
        if found != slot {
            return false;
        }
        let base = place.before.unwrap_or(0);
        if after < self.bytes.len() {
            // before → slot → next becomes before → next.
            let (gap, end) = take(&self.bytes, after);
            let (a, an) = encoded(slot + gap - base);
            self.bytes.splice(place.at..end, a[..an].iter().copied());
        } else {
            self.bytes.truncate(place.at);
            self.last = base;
        }
        self.len -= 1;
        if self.len == 0 {
            self.bytes = Vec::new();
            self.last = 0;
        }
        true
    }

    /// Gives back the room kept for growth.
    pub fn shrink(&mut self) {
        self.bytes.shrink_to_fit();
    }

    /// The bytes it holds on the heap.
    pub fn heap_bytes(&self) -> usize {
        self.bytes.capacity()
    }
}

/// The slots of a list, ascending.
pub struct Iter<'a> {
    bytes: &'a [u8],
    at: usize,
    value: u32,
}

impl Iterator for Iter<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        if self.at >= self.bytes.len() {
            return None;
        }
        let (gap, after) = take(self.bytes, self.at);
        // The first distance is from 0, so adding it to the 0 we start from is the same.
        self.value += gap;
        self.at = after;
        Some(self.value)
    }
}

/// The slots of `first` that every other list holds too, ascending (lists shortest first is
/// fastest: the result only shrinks).
pub fn intersect(first: &SlotList, rest: &[&SlotList]) -> Vec<u32> {
    let mut out: Vec<u32> = first.iter().collect();
    for list in rest {
        let mut it = list.iter().peekable();
        out.retain(|&s| {
            while it.next_if(|&v| v < s).is_some() {}
            it.next_if_eq(&s).is_some()
        });
        if out.is_empty() {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// A small deterministic generator (xorshift), so a failure replays.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: u64) -> u32 {
            (self.next() % n) as u32
        }
    }

    fn check(list: &SlotList, model: &BTreeSet<u32>, what: &str) {
        assert_eq!(list.len(), model.len(), "{what}");
        assert!(list.iter().eq(model.iter().copied()), "{what}");
        if let Some(&last) = model.last() {
            assert_eq!(list.last, last, "{what}");
        }
    }

    #[test]
    fn large_and_small_distances_round_trip() {
        let mut list = SlotList::default();
        let slots = [
            0,
            1,
            127,
            128,
            16_383,
            16_384,
            2_097_152,
            u32::MAX - 1,
            u32::MAX,
        ];
        for s in slots {
            assert!(list.insert(s));
        }
        assert!(list.iter().eq(slots.iter().copied()));
        assert!(!list.insert(128));
        assert!(list.remove(u32::MAX));
        assert!(list.remove(0));
        assert!(!list.remove(0));
        assert!(list.iter().eq(slots[1..slots.len() - 1].iter().copied()));
        // Close slots take a byte each.
        let mut dense = SlotList::default();
        for s in 0..1000 {
            dense.insert(s * 3);
        }
        dense.shrink();
        assert_eq!(dense.heap_bytes(), 1000);
    }

    /// Inserts and removals at random, in and out of order, against a `BTreeSet` (what the
    /// `Vec<u32>` lists did, sorted and without repeats).
    #[test]
    fn random_changes_keep_the_same_slots_as_a_sorted_set() {
        for seed in 1..=40u64 {
            let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let spread = [16, 300, 70_000, 5_000_000][seed as usize % 4];
            let mut list = SlotList::default();
            let mut model = BTreeSet::new();
            for step in 0..600 {
                let slot = rng.below(spread);
                let what = format!("seed {seed} step {step} slot {slot}");
                if rng.below(3) == 0 {
                    assert_eq!(list.remove(slot), model.remove(&slot), "{what}");
                } else {
                    assert_eq!(list.insert(slot), model.insert(slot), "{what}");
                }
                check(&list, &model, &what);
            }
            // Emptied, it is as new.
            for s in model.clone() {
                assert!(list.remove(s));
            }
            assert_eq!(list, SlotList::default());
        }
    }

    #[test]
    fn intersections_are_those_of_sorted_sets() {
        let mut rng = Rng(7);
        for _ in 0..50 {
            let sets: Vec<BTreeSet<u32>> = (0..=rng.below(4))
                .map(|_| (0..rng.below(400)).map(|_| rng.below(600)).collect())
                .collect();
            let lists: Vec<SlotList> = sets
                .iter()
                .map(|s| {
                    let mut l = SlotList::default();
                    for &v in s {
                        l.insert(v);
                    }
                    l
                })
                .collect();
            let rest: Vec<&SlotList> = lists[1..].iter().collect();
            let want: Vec<u32> = sets[0]
                .iter()
                .copied()
                .filter(|v| sets[1..].iter().all(|s| s.contains(v)))
                .collect();
            assert_eq!(intersect(&lists[0], &rest), want);
        }
    }
}
