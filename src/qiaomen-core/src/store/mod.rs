//! A small typed wrapper over sled: one tree per entity, fixed-width big-endian keys, one codec,
//! and writes that are durable (transaction, flush, fsync) before they are acknowledged.

pub mod blocks;
pub mod borrowing;
pub(crate) mod checkins;
pub mod codec;
mod copy;
pub mod day_figures;
mod entity;
mod export;
mod handles;
mod import;
mod import_chunks;
mod import_repeats;
mod kept;
mod last_contact;
mod open;
mod parts;
mod read;
mod reclaim;
mod repacks;
pub(crate) use reclaim::{RECLAIM_EVERY, after_read, after_reads};
mod upkeep;
mod verify;
mod write;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub use blocks::Records;
pub(crate) use blocks::{block_key, block_of_key};
pub use copy::CopyChunk;
pub use entity::Entity;
pub(crate) use handles::Reopened;
pub use handles::{Iter, TreeRef};
pub(crate) use import::summary as import_summary;
pub use import::{ImportReport, REPLACES_FIELD, fingerprint};
pub(crate) use import_chunks::chunks as import_chunks;
pub(crate) use kept::key_parts;
pub use kept::{Dated, DatedItem, ElderEntry, VERSION as KEPT_VERSION};
pub use kept::{
    HouseholdRow, HouseholdRowView, ROWS_VERSION, decode_block as decode_household_rows,
    decode_block_view as decode_household_row_views, encode_block as encode_household_rows,
};
pub use kept::{MEMBERSHIPS_VERSION, decode_memberships, encode_memberships, membership_block_key};
pub use kept::{
    SERVICE_DAYS_VERSION, ServiceFact, decode_day as decode_service_day,
    encode_day as encode_service_day,
};
pub use last_contact::{LastContact, VERSION as LAST_CONTACT_VERSION};
pub use open::{CACHE_BYTES, OPEN_TIMEOUT_SECS, SERVER_CACHE_BYTES};
pub use verify::Health;
pub(crate) use write::Batch;

use crate::day::Date;
use crate::error::Result;
use crate::model::CheckIn;

/// The schema this program writes. A database with a larger one is refused.
/// Schema 2 packs closed days compressed and keeps today's marks as keys of their own
/// (`checkins.rs`); schema 3 keeps each elder's roll-call entry in `elders` (with
/// `elder_homes`); schema 4 keeps each elder's last contact (`last_contacts`) and what the
/// visit cadence reads of households (`member_of`, `visit_homes`); schema 5 keeps what the
/// household list shows, by blocks of households (`household_rows`); schema 6 keeps what a
/// search reads of residents and households, by blocks (`search_column`); schema 7 keeps
/// the memberships by blocks of residents (`member_of`) and no longer keeps `heads` (the
/// rows hold the heads' names) nor `head_of` (the households a resident heads are among
/// those listing it): a district's store has 1.56 million keys fewer of 3.1, and sled's open
/// costs in proportion to the keys; schema 8 keeps what the care figures read of each day's
/// services, a value a day (`service_days`), so that a period's figures read its days, not
/// every service of the history; schema 9 keeps the residents and the households by blocks of
/// sixteen (`blocks.rs`), since sled's open costs in proportion to the keys (a district's
/// 1.32 million become 83 thousand). An older database is migrated when opened (a journalled
/// `Migrate`).
pub const SCHEMA_VERSION: u32 = 9;

/// The format version of the community record (in the meta tree). Version 2 added the
/// escalation ladder; version 1 reads with the default ladder.
pub const COMMUNITY_VERSION: u8 = 2;

/// The trees of the database. The discriminant is the index in `Store::trees`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Tree {
    Meta,
    Grids,
    Members,
    Households,
    Residents,
    /// Kept index: resident id → `ElderEntry` (the resident and its address) for the elders
    /// on the roll (`rollcall::on_the_roll`; see `kept`).
    Elders,
    /// `date` → a closed day's check-ins packed, `date ++ elder ++ seq` → one loose mark
    /// (see `checkins.rs`).
    CheckIns,
    Cases,
    Partners,
    Pledges,
    Fund,
    Meetings,
    Visits,
    /// Public notices exactly as published.
    Notices,
    Audit,
    /// Retired in schema 7 (was: household id → what the list shows of its head; the
    /// household's row in `household_rows` holds it). Kept empty, and checked to be.
    Heads,
    /// Retired in schema 7 (was: resident id ++ household id → () for the households a
    /// resident heads; `member_of` answers it). Kept empty, and checked to be: snapshots tag
    /// trees by their place in `ALL`.
    HeadOf,
    /// Kept index: date ++ tag ++ id → what the summary's period figures count.
    Dated,
    /// Kept index: the day a closed case went quiet ++ case id → ().
    CaseEnds,
    /// The visit cadence per tier: one record, id 1 (issue 14).
    Cadence,
    /// Visit campaigns (issue 14).
    Campaigns,
    /// Volunteer teams, services, service plans and support records (issue 16).
    Teams,
    Services,
    ServicePlans,
    Supports,
    /// Organisations that are parties to cases (issue 16, helper `cases`).
    Orgs,
    /// Partners' activities in the community (issue 16 point 3).
    Activities,
    /// Goods partners gave, kept apart from the money fund (issue 16 point 3).
    Goods,
    /// The duties of partners' co-construction agreements (issue 16 point 3).
    Duties,
    /// Kept index: household id ++ resident id → () for the elders on the roll (issue 12), so
    /// that a household's new address reaches its elders' entries in `elders`.
    ElderHomes,
    /// Kept index: date → `DayFigure` of a closed day's pack, what "elders greeted daily"
    /// reads (see `day_figures.rs`).
    DayFigures,
    /// Kept index: resident id → `LastContact`, the elder's last check-ins of its two latest
    /// days (schema 4; see `last_contact.rs`).
    LastContacts,
    /// Kept index: resident id / 64 → the (resident, household) pairs of every member a
    /// household lists (schema 4; by blocks since schema 7, `kept/memberships.rs`), so that a
    /// resident joining or leaving the roll reaches its households' entries in `visit_homes`,
    /// and one renamed the rows of the households it heads.
    MemberOf,
    /// Kept index: household id → `VisitHome` for the households that may have a visit tier
    /// (a care category, or a member on the roll), what the summary's cadence figures read
    /// (schema 4).
    VisitHomes,
    /// Kept index: household id / 64 → the household list's rows of those households
    /// (schema 5; see `kept/rows.rs`).
    HouseholdRows,
    /// Kept index: kind ++ record id / 64 → what a search reads of those residents or
    /// households (schema 6; see `search/column.rs` and `kept/column.rs`).
    SearchColumn,
    /// Kept index: date → what the care figures read of that day's services (schema 8; see
    /// `kept/service_days.rs`).
    ServiceDays,
}

impl Tree {
    /// Snapshots tag records with the index here: new trees go at the end.
    pub const ALL: [Tree; 37] = [
        Tree::Meta,
        Tree::Grids,
        Tree::Members,
        Tree::Households,
        Tree::Residents,
        Tree::Elders,
        Tree::CheckIns,
        Tree::Cases,
        Tree::Partners,
        Tree::Pledges,
        Tree::Fund,
        Tree::Meetings,
        Tree::Visits,
        Tree::Notices,
        Tree::Audit,
        Tree::Heads,
        Tree::HeadOf,
        Tree::Dated,
        Tree::CaseEnds,
        Tree::Cadence,
        Tree::Campaigns,
        Tree::Teams,
        Tree::Services,
        Tree::ServicePlans,
        Tree::Supports,
        Tree::Orgs,
        Tree::Activities,
        Tree::Goods,
        Tree::Duties,
        Tree::ElderHomes,
        Tree::DayFigures,
        Tree::LastContacts,
        Tree::MemberOf,
        Tree::VisitHomes,
        Tree::HouseholdRows,
        Tree::SearchColumn,
        Tree::ServiceDays,
    ];

    /// The indexes kept from the records (`kept/`): not records themselves.
    pub const KEPT: [Tree; 13] = [
        Tree::Elders,
        Tree::Heads,
        Tree::HeadOf,
        Tree::Dated,
        Tree::CaseEnds,
        Tree::ElderHomes,
        Tree::DayFigures,
        Tree::LastContacts,
        Tree::MemberOf,
        Tree::VisitHomes,
        Tree::HouseholdRows,
        Tree::SearchColumn,
        Tree::ServiceDays,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Tree::Meta => "meta",
            Tree::Grids => "grids",
            Tree::Members => "members",
            Tree::Households => "households",
            Tree::Residents => "residents",
            Tree::Elders => "elders",
            Tree::CheckIns => "checkins",
            Tree::Cases => "cases",
            Tree::Partners => "partners",
            Tree::Pledges => "pledges",
            Tree::Fund => "fund",
            Tree::Meetings => "meetings",
            Tree::Visits => "visits",
            Tree::Notices => "notices",
            Tree::Audit => "audit",
            Tree::Heads => "heads",
            Tree::HeadOf => "head_of",
            Tree::Dated => "dated",
            Tree::CaseEnds => "case_ends",
            Tree::Cadence => "cadence",
            Tree::Campaigns => "campaigns",
            Tree::Teams => "teams",
            Tree::Services => "services",
            Tree::ServicePlans => "service_plans",
            Tree::Supports => "supports",
            Tree::Orgs => "orgs",
            Tree::Activities => "activities",
            Tree::Goods => "goods",
            Tree::Duties => "duties",
            Tree::ElderHomes => "elder_homes",
            Tree::DayFigures => "day_figures",
            Tree::LastContacts => "last_contacts",
            Tree::MemberOf => "member_of",
            Tree::VisitHomes => "visit_homes",
            Tree::HouseholdRows => "household_rows",
            Tree::SearchColumn => "search_column",
            Tree::ServiceDays => "service_days",
        }
    }
}

/// Keys of the meta tree.
pub(crate) mod meta {
    pub const SCHEMA: &[u8] = b"schema";
    pub const COMMUNITY: &[u8] = b"community";
    /// The last journal entry applied (u64 big-endian).
    pub const APPLIED: &[u8] = b"applied";
    /// Keys per tree (see `write::encode_counts`), kept by every commit.
    pub const COUNTS: &[u8] = b"counts";
    /// The number of check-ins (u64 big-endian): the check-in tree's keys are days and loose
    /// marks, not check-ins.
    pub const CHECKINS: &[u8] = b"checkins";
    /// The days that have loose marks, to fold once closed (see `checkins.rs`).
    pub const LOOSE: &[u8] = b"loose";
}

pub(crate) fn id_key(id: u64) -> [u8; 8] {
    id.to_be_bytes()
}

/// A decoded day of check-ins and the store generation it was read at.
type CachedDay = (Date, u64, Arc<Vec<CheckIn>>);
/// A day's pack decoded, with the stored bytes it was decoded from.
type CachedPack = (Date, sled::IVec, Arc<Vec<CheckIn>>);

pub struct Store {
    /// sled's database and trees (replaced by a compaction, `Engine::compact`).
    handles: handles::Handles,
    /// `None` for temporary stores.
    path: Option<PathBuf>,
    /// sled's page cache, kept to reopen with the same (`reopen_after`).
    cache_bytes: u64,
    /// Writes are planned from reads and then committed; one at a time.
    write_lock: Mutex<()>,
    /// Counts commits, so views can tell whether what they show is still current.
    generation: std::sync::atomic::AtomicU64,
    /// The last few days of check-ins decoded, with the generation they were read at: a mark
    /// reads its day several times (the next attempt number, the write, the redrawn row).
    day_cache: Mutex<Vec<CachedDay>>,
    /// The packs of the days being marked, decoded, kept while their stored bytes stay the
    /// same (`read::decoded_pack`).
    packs: Mutex<Vec<CachedPack>>,
    /// A snapshot being copied while writes go on (see `copy.rs`).
    copy: Mutex<Option<copy::Copy>>,
    /// Commits that rewrite a day's pack, counted for the readers of days (`repacks.rs`).
    repacks: repacks::Repacks,
}

impl Store {
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub(crate) fn tree(&self, t: Tree) -> TreeRef {
        TreeRef::new(self.handles.current(), t)
    }

    /// Changes with every commit (of this process: the database has one process).
    pub fn generation(&self) -> u64 {
        self.generation.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Refuses to write around the journal: only temporary stores take unjournalled writes.
    pub(crate) fn require_temporary(&self) -> Result<()> {
        match &self.path {
            None => Ok(()),
            Some(p) => Err(crate::error::Error::Storage(format!(
                "the database at {} changes only through its journal",
                p.display()
            ))),
        }
    }

    /// Bytes on disk used by the database.
    pub fn size_on_disk(&self) -> Result<u64> {
        Ok(self.handles.current().db.size_on_disk()?)
    }
}
