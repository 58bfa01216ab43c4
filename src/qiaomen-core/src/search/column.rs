//! The search column (schema 6): what a search reads of each resident and household, and
//! nothing else, kept by blocks of [`BLOCK`] ids in the kept tree `search_column` (see
//! `store/kept/column.rs`), so that a search without an index (`qiaomen --no-server find`)
//! reads a few bytes a record instead of decoding every resident and household whole.
//!
//! A cell is a function of its record alone: a resident's cell does not hold its household's
//! address (the search joins it from the household's cell, as the index does), a household's
//! cell holds its head's id, not the head's name. Each kind's entry (`records::resident`,
//! `records::household`) is laid out from its cell, so the index and the column cannot differ.
//!
//! Key: the kind ([`HOUSEHOLDS`] or [`RESIDENTS`], households first as a search reads them)
//! then the id divided by [`BLOCK`], big-endian. Value: [`COLUMN_VERSION`], then the block's
//! cells by id in bincode (golden bytes in `tests/golden/search-column-*.v1.hex`).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::HitKind;
use super::entry::{Entry, lay_out};
use super::normalize::{address_key, digits_into, fold_into};
use crate::day::Date;
use crate::error::Result;
use crate::model::{Category, FileStatus, Household, Id, Resident};
use crate::store::codec::{self, borrow_decode_body, split_version, unknown_version};

/// The format version of a block of cells. A cell holds text already derived by
/// `digits_into`, `fold_into`, `address_key` and `Address::short`, and tag bits in the order of
/// `Category::ALL` and `FileStatus::ALL`: a change to any of them changes what the cells
/// should hold, so it bumps this version (or the schema) with a rebuild of `search_column`;
/// else `check` reports every block and `find` answers from the old text until a repair.
pub const COLUMN_VERSION: u8 = 1;

/// A household's tags: its file status in the low 7 bits, its categories above; a resident's:
/// its categories, and `DEPARTED` in the top bit. Both must fit in the `u16`.
const _: () = assert!(FileStatus::ALL.len() <= 7 && Category::ALL.len() <= 9);

/// Records per block: ids `n * BLOCK .. (n + 1) * BLOCK` of one kind share the key `n`.
pub const BLOCK: u64 = 64;

/// The key's first byte for households' blocks.
pub const HOUSEHOLDS: u8 = 1;
/// The key's first byte for residents' blocks.
pub const RESIDENTS: u8 = 2;

/// The tag bit of a resident who has left (a departure is recorded, whatever its day: the
/// entry does not change with the day, and a departure is recorded once it is known).
pub(super) const DEPARTED: u16 = 1 << 15;

/// What a search reads of a resident: the fields its entry is laid out from, already
/// brought to the form they are matched in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResidentCell<'a> {
    pub id: Id,
    pub grid: Id,
    /// The household (`Resident::household`; 0: none).
    pub household: Id,
    pub birth: Option<Date>,
    /// The categories' bits, and [`DEPARTED`].
    pub tags: u16,
    #[serde(borrow)]
    pub name: Cow<'a, str>,
    /// The phone's digits.
    #[serde(borrow)]
    pub phone: Cow<'a, str>,
    /// The emergency contacts' phones' digits, separated by spaces.
    #[serde(borrow)]
    pub phones: Cow<'a, str>,
    /// The ID number, folded.
    #[serde(borrow)]
    pub id_number: Cow<'a, str>,
}

/// What a search reads of a household.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseholdCell<'a> {
    pub id: Id,
    pub grid: Id,
    /// The first member (0: none).
    pub head: Id,
    /// The file status's bits, and the categories' bits from bit 7.
    pub tags: u16,
    /// The address as shown (`Address::short`).
    #[serde(borrow)]
    pub title: Cow<'a, str>,
    /// `3-2-501` (`normalize::address_key`).
    #[serde(borrow)]
    pub address: Cow<'a, str>,
    /// The compound or free-text address, folded.
    #[serde(borrow)]
    pub place: Cow<'a, str>,
}

pub(super) fn bits<T: PartialEq>(all: &[T], have: &[T]) -> u16 {
    all.iter()
        .enumerate()
        .filter(|(_, v)| have.contains(v))
        .fold(0, |acc, (i, _)| acc | 1 << i)
}

impl ResidentCell<'_> {
    pub fn of(r: &Resident) -> ResidentCell<'static> {
        let mut phone = String::new();
        digits_into(&r.phone, &mut phone);
        let mut phones = String::new();
        for (i, c) in r.contacts.iter().enumerate() {
            if i > 0 {
                phones.push(' ');
            }
            digits_into(&c.phone, &mut phones);
        }
        let mut id_number = String::new();
        fold_into(r.id_number.as_deref().unwrap_or(""), &mut id_number);
        let mut tags = bits(Category::ALL, &r.categories);
        if r.left.is_some() {
            tags |= DEPARTED;
        }
        ResidentCell {
            id: r.id,
            grid: r.grid,
            household: r.household.unwrap_or(0),
            birth: r.birth,
            tags,
            name: Cow::Owned(r.name.clone()),
            phone: Cow::Owned(phone),
            phones: Cow::Owned(phones),
            id_number: Cow::Owned(id_number),
        }
    }

    /// The resident's entry, with its household's address key and place (empty without).
    pub(super) fn entry(&self, address: &str, place: &str) -> Entry {
        let mut e = lay_out(HitKind::Resident, self.id, |l| {
            l.title(&self.name)
                .put("")
                .put(&self.phone)
                .put(&self.phones)
                .put(&self.id_number)
                .put(address)
                .put(place);
        });
        e.grid = self.grid;
        e.link = self.household;
        e.date = self.birth;
        e.tags = self.tags;
        e
    }

    /// The household, if any.
    pub fn household(&self) -> Option<Id> {
        (self.household != 0).then_some(self.household)
    }

    /// Its text, field by field: a Chinese character typed can only be found in one of them
    /// (or in its household's address).
    pub(super) fn texts(&self) -> [&str; 4] {
        [&self.name, &self.phone, &self.phones, &self.id_number]
    }
}

impl HouseholdCell<'_> {
    pub fn of(h: &Household) -> HouseholdCell<'static> {
        let status = h.file_status().map_or(0, |s| bits(FileStatus::ALL, &[s]));
        let mut place = String::new();
        fold_into(&h.address.text, &mut place);
        HouseholdCell {
            id: h.id,
            grid: h.grid,
            head: h.members.first().copied().unwrap_or(0),
            tags: status | bits(Category::ALL, &h.categories) << 7,
            title: Cow::Owned(h.address.short()),
            address: Cow::Owned(address_key(&h.address)),
            place: Cow::Owned(place),
        }
    }

    pub(super) fn entry(&self) -> Entry {
        let mut e = lay_out(HitKind::Household, self.id, |l| {
            l.title(&self.title).put("").put("").put("").put("");
            l.put(&self.address).put(&self.place);
        });
        e.grid = self.grid;
        e.link = self.head;
        e.tags = self.tags;
        e
    }

    pub(super) fn texts(&self) -> [&str; 3] {
        [&self.title, &self.address, &self.place]
    }
}

/// A kind of cell: where its blocks lie and what it is called in errors.
pub trait Cell<'a>: Serialize + Deserialize<'a> + Clone + PartialEq {
    /// The key's first byte.
    const KIND: u8;
    const NAME: &'static str;
    fn id(&self) -> Id;
}

impl<'a> Cell<'a> for ResidentCell<'a> {
    const KIND: u8 = RESIDENTS;
    const NAME: &'static str = "search column (residents)";
    fn id(&self) -> Id {
        self.id
    }
}

impl<'a> Cell<'a> for HouseholdCell<'a> {
    const KIND: u8 = HOUSEHOLDS;
    const NAME: &'static str = "search column (households)";
    fn id(&self) -> Id {
        self.id
    }
}

/// The key of the block holding record `id` of a kind.
pub fn block_key(kind: u8, id: Id) -> [u8; 9] {
    let mut key = [0; 9];
    key[0] = kind;
    key[1..].copy_from_slice(&(id / BLOCK).to_be_bytes());
    key
}

/// A block's value: its cells, by id.
pub fn encode_cells<'a, T: Cell<'a>>(cells: &[T]) -> Vec<u8> {
    codec::encode(COLUMN_VERSION, &cells)
}

/// A block's cells, their text read in place.
pub fn decode_cells<'a, T: Cell<'a>>(bytes: &'a [u8]) -> Result<Vec<T>> {
    let (version, body) = split_version(T::NAME, bytes)?;
    if version == COLUMN_VERSION {
        borrow_decode_body(T::NAME, body)
    } else {
        Err(unknown_version(T::NAME, version))
    }
}

/// How many cells a block holds, read from its length prefix without decoding the cells
/// (`None`: not a block of this version, or a prefix past one byte: decode it to know).
pub fn cell_count(bytes: &[u8]) -> Option<usize> {
    match bytes {
        // bincode's standard varint: one byte below 251.
        [COLUMN_VERSION, n, ..] if *n < 251 => Some(usize::from(*n)),
        _ => None,
    }
}

/// Packs cells given in id order into blocks, one block at a time: what the tree should hold
/// for them, by key.
pub struct Blocks<T> {
    out: Vec<(Vec<u8>, Vec<u8>)>,
    block: Vec<T>,
}

impl<T> Default for Blocks<T> {
    fn default() -> Self {
        Blocks {
            out: Vec::new(),
            block: Vec::new(),
        }
    }
}

impl<'a, T: Cell<'a>> Blocks<T> {
    pub fn push(&mut self, cell: T) {
        if self
            .block
            .first()
            .is_some_and(|f| f.id() / BLOCK != cell.id() / BLOCK)
        {
            self.close();
        }
        self.block.push(cell);
    }

    fn close(&mut self) {
        if let Some(f) = self.block.first() {
            let key = block_key(T::KIND, f.id()).to_vec();
            self.out.push((key, encode_cells(&self.block)));
            self.block.clear();
        }
    }

    pub fn finish(mut self) -> Vec<(Vec<u8>, Vec<u8>)> {
        self.close();
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::entry::Field;

    #[test]
    fn a_block_reads_back_in_place_and_rejects_what_is_not_one() {
        let cells = vec![
            ResidentCell {
                id: 65,
                grid: 2,
                household: 7,
                birth: Some(Date::parse("1948-03-02").unwrap()),
                tags: 1 | DEPARTED,
                name: "王秀芳".into(),
                phone: "13800001111".into(),
                phones: "13900002222 13700003333".into(),
                id_number: "43010219480302123x".into(),
            },
            ResidentCell {
                id: 70,
                grid: 1,
                household: 0,
                birth: None,
                tags: 0,
                name: "Li Ming".into(),
                phone: String::new().into(),
                phones: String::new().into(),
                id_number: String::new().into(),
            },
        ];
        let bytes = encode_cells(&cells);
        let back: Vec<ResidentCell> = decode_cells(&bytes).unwrap();
        assert_eq!(back, cells);
        assert!(matches!(back[0].name, Cow::Borrowed(_)), "read in place");
        assert_eq!(back[1].household(), None);
        let mut trailing = bytes.clone();
        trailing.push(0);
        assert!(decode_cells::<ResidentCell>(&trailing).is_err());
        let mut newer = bytes.clone();
        newer[0] = COLUMN_VERSION + 1;
        let err = decode_cells::<ResidentCell>(&newer)
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown format version"), "{err}");
        assert!(decode_cells::<ResidentCell>(&[]).is_err());
        assert!(decode_cells::<HouseholdCell>(&bytes[..bytes.len() - 3]).is_err());
        assert_eq!(cell_count(&bytes), Some(2));
        assert_eq!(cell_count(&newer), None);
        assert_eq!(block_key(RESIDENTS, 65), block_key(RESIDENTS, 127));
        assert_ne!(block_key(RESIDENTS, 63), block_key(RESIDENTS, 64));
        assert!(block_key(HOUSEHOLDS, u64::MAX) < block_key(RESIDENTS, 0));
    }

    #[test]
    fn an_entry_from_a_cell_holds_the_fields_as_matched() {
        let cell = ResidentCell {
            id: 3,
            grid: 2,
            household: 9,
            birth: None,
            tags: 0,
            name: "ＡＢ王".into(),
            phone: "138".into(),
            phones: "1 2".into(),
            id_number: "x1".into(),
        };
        let e = cell.entry("3-2-501", "顺安小区");
        assert_eq!(e.get(Field::Title), "ＡＢ王");
        assert_eq!(e.name(), "ab王");
        assert_eq!(e.get(Field::Phones), "1 2");
        assert_eq!(e.get(Field::Address), "3-2-501");
        assert_eq!(e.get(Field::Place), "顺安小区");
        assert_eq!((e.grid, e.link), (2, 9));
    }
}
