//! How pledges and fund entries are read, whatever wrote them: the store (pledge format
//! versions 1–3, fund entry versions 1–2), the journal (entry versions 1–4), snapshots, the
//! wire and JSON Lines files. Their `need` is read as the text it is stored as, so that a word
//! no tag stands for (free text of format 1, or a backup from before the tags) is kept in the
//! note rather than lost (`model/need.rs`).
//!
//! A pledge's `note` came with pledge format 3 and journal entry format 4, at the end of the
//! pledge: bytes written before have no note there. Those readers decode inside
//! `pledges_without_note`, which makes the note read as empty without reading a byte; bincode
//! reads a struct's fields in order and the note is the last, so nothing else moves.

use std::cell::Cell;

use serde::{Deserialize, Deserializer};

use super::{Delivery, Direction, FundEntry, Id, Need, Pledge, PledgeStatus, PledgeWhat};
use crate::day::Date;

thread_local! {
    static WITHOUT_NOTE: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` with every pledge decoded as written before it had a note (pledge format 1–2,
/// journal entry format 1–3). Restored afterwards, also on an early return.
pub fn pledges_without_note<T>(f: impl FnOnce() -> T) -> T {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            WITHOUT_NOTE.with(|s| s.set(self.0));
        }
    }
    let _restore = Restore(WITHOUT_NOTE.with(|s| s.replace(true)));
    f()
}

fn pledge_note<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    if WITHOUT_NOTE.with(Cell::get) {
        Ok(String::new())
    } else {
        String::deserialize(d)
    }
}

/// A pledge as read: `Pledge`'s fields in order, `need` as its text.
#[derive(Deserialize)]
pub struct PledgeRead {
    #[serde(default)]
    id: Id,
    partner: Id,
    household: Id,
    made: Date,
    what: PledgeWhat,
    #[serde(default)]
    need: String,
    #[serde(default)]
    status: PledgeStatus,
    #[serde(default)]
    deliveries: Vec<Delivery>,
    #[serde(default, deserialize_with = "pledge_note")]
    note: String,
}

impl From<PledgeRead> for Pledge {
    fn from(p: PledgeRead) -> Pledge {
        let (need, word) = Need::read(&p.need);
        Pledge {
            id: p.id,
            partner: p.partner,
            household: p.household,
            made: p.made,
            what: p.what,
            need,
            status: p.status,
            deliveries: p.deliveries,
            note: super::keep_word(p.note, word),
        }
    }
}

/// A fund entry as read: `FundEntry`'s fields in order, `need` as its text.
#[derive(Deserialize)]
pub struct FundRead {
    #[serde(default)]
    id: Id,
    date: Date,
    amount_fen: i64,
    direction: Direction,
    #[serde(default)]
    partner: Option<Id>,
    #[serde(default)]
    household: Option<Id>,
    #[serde(default)]
    need: String,
    #[serde(default)]
    note: String,
}

impl From<FundRead> for FundEntry {
    fn from(f: FundRead) -> FundEntry {
        let (need, word) = Need::read(&f.need);
        FundEntry {
            id: f.id,
            date: f.date,
            amount_fen: f.amount_fen,
            direction: f.direction,
            partner: f.partner,
            household: f.household,
            need,
            note: super::keep_word(f.note, word),
        }
    }
}
