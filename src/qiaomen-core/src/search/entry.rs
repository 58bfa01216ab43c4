//! One record as the index keeps it: a few numbers and one string holding every searchable
//! field end to end (offsets kept beside it), so 100,000 residents cost one allocation each.

use std::cell::RefCell;

use crate::day::Date;
use crate::model::Id;

use super::HitKind;
use super::normalize::fold_into;
use super::pinyin::encode;

/// The fields of an entry, in the order they are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// As shown: the name or title as written.
    Title,
    /// The title folded (lower case, half-width); empty when that is the title itself.
    Name,
    /// The title's syllables with every reading (see `pinyin::encode`).
    Syllables,
    /// Other names (a case's parties, a partner's contact), encoded, separated by spaces.
    Others,
    Phone,
    /// Emergency contacts' phones, separated by spaces.
    Phones,
    IdNumber,
    /// `3-2-501` (a resident's: their household's).
    Address,
    /// The compound or free-text address, folded.
    Place,
    /// Shown in the context only: a partner's contact, a case's parties.
    Note,
}

const FIELDS: usize = 10;

const FIELD_ORDER: [Field; FIELDS] = [
    Field::Title,
    Field::Name,
    Field::Syllables,
    Field::Others,
    Field::Phone,
    Field::Phones,
    Field::IdNumber,
    Field::Address,
    Field::Place,
    Field::Note,
];

#[derive(Clone)]
pub struct Entry {
    pub kind: HitKind,
    pub id: Id,
    /// 0: none.
    pub grid: Id,
    /// A resident's household; a household's head (its first member). 0: none.
    pub link: Id,
    /// A resident's birth date; a case's opening day.
    pub date: Option<Date>,
    /// Codes to show (categories, roles, statuses, kinds), one bit each; see `tags`.
    pub tags: u16,
    /// The name, place or other names hold Latin letters or digits, so a Latin word may be a
    /// plain substring of them (for Chinese text only the pinyin can match it).
    pub latin: bool,
    /// First letters of the title's readings and of the other names' (`pinyin::first_bit`).
    pub name_mask: u64,
    pub others_mask: u64,
    ends: [u16; FIELDS],
    text: Box<str>,
}

/// Long fields are cut so offsets fit in `u16`; no one searches past this.
const FIELD_MAX: usize = 2048;

thread_local! {
    /// Entries are laid out here, then copied into an allocation of their exact size.
    static BUFFER: RefCell<String> = const { RefCell::new(String::new()) };
}

/// The fields of a new entry, written one after the other.
pub struct Layout {
    text: String,
    ends: [u16; FIELDS],
    next: usize,
    name_mask: u64,
    others_mask: u64,
}

impl Layout {
    pub fn put(&mut self, field: &str) -> &mut Layout {
        self.text.push_str(field);
        self.end()
    }

    pub fn put_with(&mut self, write: impl FnOnce(&mut String)) -> &mut Layout {
        write(&mut self.text);
        self.end()
    }

    fn end(&mut self) -> &mut Layout {
        let start = self.start(self.next);
        if self.text.len() - start > FIELD_MAX {
            let mut end = start + FIELD_MAX;
            while !self.text.is_char_boundary(end) {
                end -= 1;
            }
            self.text.truncate(end);
        }
        self.ends[self.next] = self.text.len() as u16;
        self.next += 1;
        self
    }

    fn start(&self, field: usize) -> usize {
        if field == 0 {
            0
        } else {
            self.ends[field - 1] as usize
        }
    }

    fn field(&self, f: Field) -> &str {
        &self.text[self.start(f as usize)..self.ends[f as usize] as usize]
    }

    /// The title, then its folded form unless it is the same.
    pub fn title(&mut self, title: &str) -> &mut Layout {
        self.put(title);
        let start = self.text.len();
        fold_into(title, &mut self.text);
        if self.text[start..] == *title {
            self.text.truncate(start);
        }
        self.end();
        let mut mask = 0;
        self.put_with(|t| mask = encode(title, t));
        self.name_mask = mask;
        self
    }

    /// Other names, encoded one after the other.
    pub fn others<'a>(&mut self, names: impl Iterator<Item = &'a str>) -> &mut Layout {
        let mut mask = 0;
        self.put_with(|t| {
            for (i, name) in names.enumerate() {
                if i > 0 {
                    t.push(' ');
                }
                mask |= encode(name, t);
            }
        });
        self.others_mask = mask;
        self
    }
}

pub fn lay_out(kind: HitKind, id: Id, fill: impl FnOnce(&mut Layout)) -> Entry {
    BUFFER.with_borrow_mut(|buffer| {
        buffer.clear();
        let mut layout = Layout {
            text: std::mem::take(buffer),
            ends: [0; FIELDS],
            next: 0,
            name_mask: 0,
            others_mask: 0,
        };
        fill(&mut layout);
        while layout.next < FIELDS {
            layout.end();
        }
        let latin = [Field::Title, Field::Place]
            .iter()
            .any(|&f| layout.field(f).bytes().any(|b| b.is_ascii_alphanumeric()));
        let entry = Entry {
            kind,
            id,
            grid: 0,
            link: 0,
            date: None,
            tags: 0,
            latin,
            name_mask: layout.name_mask,
            others_mask: layout.others_mask,
            ends: layout.ends,
            text: Box::from(layout.text.as_str()),
        };
        *buffer = layout.text;
        entry
    })
}

impl Entry {
    pub fn get(&self, f: Field) -> &str {
        let i = f as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// The folded title, matched against the words.
    pub fn name(&self) -> &str {
        match self.get(Field::Name) {
            "" => self.get(Field::Title),
            n => n,
        }
    }

    /// The bytes its string takes on the heap, with the allocator's usual overhead.
    pub fn heap_bytes(&self) -> usize {
        match self.text.len() {
            0 => 0,
            n => (n + 8).next_multiple_of(16).max(32),
        }
    }

    /// Every field end to end: a word none of whose characters occur here matches nothing.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The same entry with some fields replaced (a household moved: its residents' address).
    pub fn with(&self, changes: &[(Field, &str)]) -> Entry {
        let fresh = lay_out(self.kind, self.id, |l| {
            for (i, f) in FIELD_ORDER.iter().enumerate() {
                let value = changes
                    .iter()
                    .find(|(c, _)| c == f)
                    .map_or_else(|| self.get(*f), |(_, v)| v);
                debug_assert_eq!(l.next, i);
                l.put(value);
            }
        });
        Entry {
            ends: fresh.ends,
            text: fresh.text,
            latin: fresh.latin,
            ..*self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_laid_out_in_order_and_long_ones_cut_at_a_character() {
        let long = "长".repeat(1000);
        let e = lay_out(HitKind::Case, 5, |l| {
            l.title("Wall").put("x").put(&long);
        });
        assert_eq!(e.get(Field::Title), "Wall");
        assert_eq!(e.get(Field::Name), "wall");
        assert_eq!(e.name(), "wall");
        assert!(e.get(Field::Syllables).starts_with("wall"));
        assert_eq!(e.get(Field::Others), "x");
        let cut = e.get(Field::Phone);
        assert!(cut.len() <= FIELD_MAX && cut.len() > FIELD_MAX - 3);
        assert!(cut.chars().all(|c| c == '长'));
        assert_eq!(e.get(Field::Note), "");
        assert!(e.latin);
        let same = lay_out(HitKind::Resident, 1, |l| {
            l.title("王秀英");
        });
        assert_eq!(same.get(Field::Name), "");
        assert_eq!(same.name(), "王秀英");
        assert!(!same.latin);
    }
}
