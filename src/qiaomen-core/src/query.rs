//! The named reads of the app, as values: the TUI and every command ask these of a backend,
//! which answers them from the engine in this process or from the server over the socket.
//! Both are serde types; the answers of the heavy ones (roll call, summary, search) come from
//! the engine's warm state.

use serde::{Deserialize, Serialize};

use crate::day::{Date, Now};
use crate::engine::CheckReport;
use crate::error::{Error, Result};
use crate::model::{CheckIn, Community, Id, Resident};
use crate::rollcall::{DayCompletion, Roll, RollEntry};
use crate::search::Hit;
use crate::store::Tree;
use crate::summary::Summary;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Query {
    Community,
    /// Every record of one kind (an entity tree), as stored. A whole tree can be larger than
    /// an answer may be (a district's residents): across a socket, read it with `Page`.
    All(Tree),
    /// The records of one kind after id `after` (from the first when `None`), by id, up to
    /// about `max_bytes`: a kind read in answers of bounded size.
    Page {
        tree: Tree,
        after: Option<Id>,
        max_bytes: u32,
    },
    /// One record, as stored.
    Get(Tree, Id),
    /// Residents with a care plan.
    Elders,
    /// One elder's check-ins from one day to another, in order.
    CheckInsOf {
        elder: Id,
        from: Date,
        to: Date,
    },
    /// The roll call of a day at `now`, optionally one grid.
    Roll {
        date: Date,
        now: Now,
        grid: Option<Id>,
    },
    /// One elder's line of a day's roll call (after a mark).
    RollEntry {
        date: Date,
        now: Now,
        elder: Id,
    },
    /// How much of each day's roll call was accounted for.
    Completion {
        from: Date,
        to: Date,
        grid: Option<Id>,
    },
    Summary {
        date: Date,
        now: Now,
        grid: Option<Id>,
        period: Option<(Date, Date)>,
    },
    /// The first day with any record (the default start of a summary's period).
    FirstRecordDay {
        grid: Option<Id>,
    },
    /// Search by name, pinyin, initials, phone tail, address or case number.
    Find {
        text: String,
        today: Date,
        limit: usize,
        /// Residents who have left are found too (`find --all`).
        all: bool,
    },
    /// `qiaomen check`: journal, snapshots and store verified against each other.
    Check,
    /// `qiaomen log`: the audit from the journal, with before → after for edits.
    Log(crate::engine::LogFilter),
    /// Several records of one kind by id, as stored (those that exist), in one answer.
    GetMany(Tree, Vec<Id>),
    /// What a resident card shows besides the person: the visits and fund entries of
    /// `household`, the cases naming `resident` (see `engine/links.rs`).
    Linked {
        resident: Id,
        household: Option<Id>,
    },
    /// The roll call of a day as `qiaomen roll` prints it (`roll_sheet`): a few fields per
    /// elder instead of whole entries (protocol 5).
    RollSheet {
        date: Date,
        now: Now,
        grid: Option<Id>,
    },
    /// The first `rows` lines of a day's roll call at `now` and the counts of all of it
    /// (`roll_head`): what a terminal's first screen shows (protocol 6).
    RollHead {
        date: Date,
        now: Now,
        grid: Option<Id>,
        rows: u32,
    },
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Answer {
    Community(Box<Community>),
    Raw(Vec<Vec<u8>>),
    RawOne(Option<Vec<u8>>),
    /// A page of records as stored, with the id of the last one; `done` when no more follow.
    Page {
        values: Vec<Vec<u8>>,
        last: Option<Id>,
        done: bool,
    },
    Elders(Vec<Resident>),
    CheckIns(Vec<CheckIn>),
    Roll(Roll),
    RollEntry(Option<Box<RollEntry>>),
    Completion(Vec<DayCompletion>),
    Summary(Box<Summary>),
    Day(Option<Date>),
    Hits(Vec<Hit>),
    Check(CheckReport),
    Log(Vec<crate::engine::LogEntry>),
    Linked(Box<crate::engine::Linked>),
    RollSheet(Box<crate::roll_sheet::Sheet>),
    RollHead(Box<crate::roll_head::RollHead>),
}

/// The answer was of another kind than the query asks for: the two ends disagree.
fn mismatch(wanted: &str) -> Error {
    Error::Storage(format!("the server answered something other than {wanted}"))
}

macro_rules! take {
    ($name:ident, $variant:ident, $ty:ty) => {
        pub fn $name(self) -> Result<$ty> {
            match self {
                Answer::$variant(v) => Ok(v),
                _ => Err(mismatch(stringify!($variant))),
            }
        }
    };
}

impl Answer {
    take!(raw, Raw, Vec<Vec<u8>>);
    take!(raw_one, RawOne, Option<Vec<u8>>);
    take!(elders, Elders, Vec<Resident>);
    take!(checkins, CheckIns, Vec<CheckIn>);
    take!(roll, Roll, Roll);
    take!(completion, Completion, Vec<DayCompletion>);
    take!(day, Day, Option<Date>);
    take!(hits, Hits, Vec<Hit>);
    take!(check, Check, CheckReport);
    take!(log, Log, Vec<crate::engine::LogEntry>);

    pub fn community(self) -> Result<Community> {
        match self {
            Answer::Community(c) => Ok(*c),
            _ => Err(mismatch("Community")),
        }
    }

    pub fn roll_entry(self) -> Result<Option<RollEntry>> {
        match self {
            Answer::RollEntry(e) => Ok(e.map(|e| *e)),
            _ => Err(mismatch("RollEntry")),
        }
    }

    pub fn linked(self) -> Result<crate::engine::Linked> {
        match self {
            Answer::Linked(l) => Ok(*l),
            _ => Err(mismatch("Linked")),
        }
    }

    pub fn roll_sheet(self) -> Result<crate::roll_sheet::Sheet> {
        match self {
            Answer::RollSheet(s) => Ok(*s),
            _ => Err(mismatch("RollSheet")),
        }
    }

    /// A head, or a whole roll (what a narrowed reader is answered) as its own head.
    pub fn roll_head(self) -> Result<crate::roll_head::RollHead> {
        match self {
            Answer::RollHead(h) => Ok(*h),
            Answer::Roll(r) => Ok(crate::roll_head::RollHead::of_whole(r)),
            _ => Err(mismatch("RollHead")),
        }
    }

    pub fn summary(self) -> Result<Summary> {
        match self {
            Answer::Summary(s) => Ok(*s),
            _ => Err(mismatch("Summary")),
        }
    }
}
