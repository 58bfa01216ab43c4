//! Kept indexes: what `household list` and the summary need, written by the commands that
//! change the records, in the same transaction, so that no read has to decode every household
//! or case to answer.
//!
//! | tree       | key                                   | value                          |
//! |------------|---------------------------------------|--------------------------------|
//! | `heads`    | retired in schema 7: always empty     |                                |
//! | `head_of`  | retired in schema 7: always empty     |                                |
//! | `dated`    | date ++ tag ++ record id              | `Dated` (what the period counts) |
//! | `case_ends`| quiet-since date (`FF FF FF FF` while not closed) ++ case id | empty |
//! | `elders`   | resident id                           | `ElderEntry` (address, resident) |
//! | `elder_homes` | household id ++ resident id        | empty                          |
//! | `day_figures` | date                               | `DayFigure` of the day's pack  |
//! | `member_of` | resident id / 64                     | the (resident, household) pairs of those residents |
//! | `visit_homes` | household id                       | `cadence::VisitHome`           |
//! | `household_rows` | household id / 64               | the list's rows of those households |
//! | `service_days` | date                              | what the care figures read of the day's services |
//!
//! - The head of a household is `Household.members[0]`; its name, when that resident exists,
//!   is in the household's row (`household_rows`). Saving a resident finds the households it
//!   heads among those listing it (`member_of`, kept whether the resident exists yet or not:
//!   an import may bring the household before its residents). Until schema 7 `heads` held
//!   each head's name on its own and `head_of` the reverse: 640,000 keys at a district.
//! - `Household.members` is the truth about who lives where: the household file, the list and
//!   the notices read it. `Resident.household` is the resident's own pointer (the search's
//!   link); neither command rewrites the other record, and `check` does not require them to
//!   agree: data from elsewhere often disagrees, and a report would be noise.
//! - `dated`: one entry per meeting, visit and fund entry on its date; per case, one entry
//!   per day on which it was opened, had a mediation session, or was resolved or closed; per
//!   household with a file, one on the day the file was opened. A period's figures are one
//!   range scan over small keys (hundreds of entries a year), and a day's records are the
//!   entries of that one date; only those records are decoded.
//! - `case_ends`: a case closed for good is quiet after its last dated event; from a later day
//!   on it counts in no day's report. A day's report reads the cases whose key is on or after
//!   that day: the open ones and those closed since.
//!
//! Every entry is a function of the records alone (`entries.rs`): the upkeep diffs the entries
//! of a record before and after a batch (`upkeep.rs`), `rebuild_kept_indexes` writes them
//! from scratch for a database made before they were kept, and `check` recomputes them and
//! compares (`rebuild.rs`).
//! - `elders`: one entry per resident on the roll (`rollcall::on_the_roll`, the one
//!   predicate), holding the resident's stored bytes and the short address of the household
//!   its `household` points to, so that the roll call, the summary and the first screen read
//!   every elder with one range scan (schema 3; a schema-2 database is migrated on open).
//!   `elder_homes` is its reverse by household, so that a household's new address reaches
//!   its elders' entries in the same batch.
//! - `day_figures`: one per closed day with a pack, a function of the pack alone, written
//!   wherever a pack is (`store/write.rs`); "elders greeted daily" reads a year of them
//!   instead of decoding a year of packs (see `store/day_figures.rs`).
//! - `member_of` (schema 4): every member each household lists (`Household.members`, the
//!   truth about who lives where), a function of the household alone; since schema 7 by
//!   blocks of 64 residents (`memberships.rs`), a key per block instead of per membership.
//! - `visit_homes` (schema 4): one entry per household that may have a visit tier (a care
//!   category, or a member on the roll), holding what `cadence::tier_of` decides from, so
//!   that the summary's visits due and done read these and the visits' dated entries, not
//!   every household and visit. A resident joining or leaving the roll reaches the entries of
//!   the households listing it through `member_of`, in the same batch.
//! - `last_contacts` (schema 4, `store/last_contact.rs`): each elder's last check-ins of its
//!   two latest days, written with the check-ins.
//! - `household_rows` (schema 5, `rows.rs`): what `household list` shows of each household,
//!   64 households to a value, kept beside `heads` by the same upkeep.
//! - `search_column` (schema 6, `column.rs`): what a search without the index reads of each
//!   resident and household (`search/column.rs`), 64 of one kind to a value; a function of
//!   each record alone.
//! - `service_days` (schema 8, `service_days.rs`): each day's services as the care figures
//!   read them (all but the note), by id; a function of each service alone.

mod column;
mod entries;
mod expected;
mod key_parts;
mod memberships;
mod raw_bytes;
mod reads;
mod rebuild;
mod rows;
mod service_days;
mod upkeep;

#[cfg(test)]
mod tests;

pub use entries::{Dated, ElderEntry, VERSION};
pub(crate) use key_parts::key_parts;
pub use memberships::{
    MEMBERSHIPS_VERSION, block_key as membership_block_key, decode_block as decode_memberships,
    encode_block as encode_memberships,
};
pub use reads::DatedItem;
pub use rows::{
    HouseholdRow, HouseholdRowView, ROWS_VERSION, decode_block, decode_block_view, encode_block,
};
pub use service_days::{SERVICE_DAYS_VERSION, ServiceFact, decode_day, encode_day};

#[cfg(test)]
mod visit_tests;

#[cfg(test)]
mod rows_tests;

#[cfg(test)]
mod column_tests;

#[cfg(test)]
mod service_day_tests;
