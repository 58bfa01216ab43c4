//! The index's shortcut past the scan: for each key, the slots of the entries that hold it, so
//! a query looks only at the entries that can fit it instead of every one (a district holds
//! over a million).
//!
//! The keys only ever narrow: every entry a word fits holds the word's keys (see
//! `Prepared::keys`), and the candidates are then matched exactly as a scan matches them, so
//! the hits and their order are the scan's. A word without keys (a bare number, an address, a
//! grid's code, one Latin letter) asks for the scan; the other words of the query still narrow.
//!
//! Keys of an entry:
//! - every Chinese character of its text (name, syllables, other names, place);
//! - every two Latin bytes in a row of its folded name and of its place;
//! - for its syllables and other names (`pinyin::encode`): the first two letters of each
//!   Latin reading, and the first letter of a reading with the first letter of a reading of
//!   any later syllable (`wx` for 王秀英: typed initials skip to any later syllable);
//! - cases: one key of their own (`#42` looks among the cases alone).

use std::collections::HashMap;

use super::HitKind;
use super::entry::{Entry, Field};
use super::slot_list::{SlotList, intersect};

/// Two Latin bytes in a row, or a reading's initial with a later one's.
pub fn pair(a: u8, b: u8) -> u32 {
    0x0100_0000 | u32::from(a) << 8 | u32::from(b)
}

/// The key every case holds.
pub const CASES: u32 = 0x0200_0000;

/// A Chinese character's key: the character.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9fff}')
}

/// The keys of one entry, sorted, without repeats.
pub fn keys_of(e: &Entry, out: &mut Vec<u32>) {
    out.clear();
    out.extend(e.text().chars().filter(|&c| is_han(c)).map(u32::from));
    latin_pairs(e.name(), out);
    latin_pairs(e.get(Field::Place), out);
    syllable_pairs(e.get(Field::Syllables), out);
    for name in e.get(Field::Others).split(' ') {
        syllable_pairs(name, out);
    }
    if e.kind == HitKind::Case {
        out.push(CASES);
    }
    out.sort_unstable();
    out.dedup();
}

fn latin_pairs(text: &str, out: &mut Vec<u32>) {
    for w in text.as_bytes().windows(2) {
        if w[0].is_ascii() && w[1].is_ascii() {
            out.push(pair(w[0], w[1]));
        }
    }
}

/// See the module's notes: a Latin word a name's syllables fit starts with a reading's first
/// two letters, or with one reading's initial followed by a later syllable's.
fn syllable_pairs(encoded: &str, out: &mut Vec<u32>) {
    let mut initials: Vec<Vec<u8>> = Vec::new();
    for syllable in encoded.split('\'') {
        let mut here = Vec::new();
        for option in syllable.split([',', '|']) {
            let b = option.as_bytes();
            if b.first().is_some_and(u8::is_ascii) {
                if b.len() >= 2 {
                    out.push(pair(b[0], b[1]));
                }
                here.push(b[0]);
            }
        }
        initials.push(here);
    }
    for (i, firsts) in initials.iter().enumerate() {
        for later in &initials[i + 1..] {
            for &a in firsts {
                for &b in later {
                    out.push(pair(a, b));
                }
            }
        }
    }
}

/// Slots by key, each list in ascending order and delta-encoded (`slot_list`).
#[derive(Default)]
pub struct Postings {
    lists: HashMap<u32, SlotList>,
    scratch: Vec<u32>,
}

impl Postings {
    /// An entry at a slot past every other (the index's build, a new record).
    pub fn push(&mut self, slot: u32, e: &Entry) {
        let mut keys = std::mem::take(&mut self.scratch);
        keys_of(e, &mut keys);
        for &k in &keys {
            self.lists.entry(k).or_default().insert(slot);
        }
        self.scratch = keys;
    }

    /// Frees the slack of the build.
    pub fn shrink(&mut self) {
        for list in self.lists.values_mut() {
            list.shrink();
        }
        self.lists.shrink_to_fit();
    }

    /// The entry at `slot` was `old` and is now `new`.
    pub fn replace(&mut self, slot: u32, old: &Entry, new: &Entry) {
        let mut before = Vec::new();
        keys_of(old, &mut before);
        let mut after = std::mem::take(&mut self.scratch);
        keys_of(new, &mut after);
        for k in &before {
            if after.binary_search(k).is_err() {
                self.take(*k, slot);
            }
        }
        for &k in &after {
            if before.binary_search(&k).is_err() {
                self.lists.entry(k).or_default().insert(slot);
            }
        }
        self.scratch = after;
    }

    /// The entry at `slot` goes.
    pub fn remove(&mut self, slot: u32, e: &Entry) {
        let mut keys = std::mem::take(&mut self.scratch);
        keys_of(e, &mut keys);
        for &k in &keys {
            self.take(k, slot);
        }
        self.scratch = keys;
    }

    fn take(&mut self, key: u32, slot: u32) {
        if let Some(list) = self.lists.get_mut(&key) {
            list.remove(slot);
            if list.is_empty() {
                self.lists.remove(&key);
            }
        }
    }

    /// The slots holding every key, ascending.
    pub fn all_of(&self, keys: &[u32]) -> Vec<u32> {
        let mut lists = Vec::with_capacity(keys.len());
        for k in keys {
            match self.lists.get(k) {
                Some(list) => lists.push(list),
                None => return Vec::new(),
            }
        }
        lists.sort_unstable_by_key(|l| l.len());
        match lists.split_first() {
            Some((first, rest)) => intersect(first, rest),
            None => Vec::new(),
        }
    }

    /// About how many bytes the lists take.
    pub fn heap_bytes(&self) -> usize {
        let lists: usize = self.lists.values().map(SlotList::heap_bytes).sum();
        lists + self.lists.capacity() * (4 + std::mem::size_of::<SlotList>() + 8)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::entry::lay_out;

    #[test]
    fn a_name_holds_its_characters_reading_starts_and_initials_in_order() {
        let e = lay_out(HitKind::Resident, 1, |l| {
            l.title("王秀英");
        });
        let mut keys = Vec::new();
        keys_of(&e, &mut keys);
        for k in [u32::from('王'), u32::from('秀'), u32::from('英')] {
            assert!(keys.contains(&k));
        }
        for (a, b) in [("w", "a"), ("x", "i"), ("w", "x"), ("w", "y"), ("x", "y")] {
            assert!(
                keys.contains(&pair(a.as_bytes()[0], b.as_bytes()[0])),
                "{a}{b}"
            );
        }
        // Initials go forward only.
        assert!(!keys.contains(&pair(b'x', b'w')));
        assert!(!keys.contains(&CASES));
    }

    #[test]
    fn slots_follow_replacements_and_removals() {
        let wang = lay_out(HitKind::Resident, 1, |l| {
            l.title("王秀英");
        });
        let li = lay_out(HitKind::Resident, 2, |l| {
            l.title("李华");
        });
        let mut p = Postings::default();
        p.push(0, &wang);
        p.push(1, &li);
        p.push(2, &wang);
        let han = u32::from('王');
        assert_eq!(p.all_of(&[han]), [0, 2]);
        assert_eq!(p.all_of(&[han, u32::from('秀')]), [0, 2]);
        p.replace(0, &wang, &li);
        assert_eq!(p.all_of(&[han]), [2]);
        assert_eq!(p.all_of(&[u32::from('李')]), [0, 1]);
        p.remove(2, &wang);
        assert!(p.all_of(&[han]).is_empty());
        assert!(p.all_of(&[]).is_empty());
    }
}
