//! Reading the kept indexes.

use super::entries::{self, Dated, NOT_CLOSED};
use crate::cadence::VisitHome;
use crate::day::Date;
use crate::error::{Error, Result};
use crate::model::{Case, Id};
use crate::store::{Store, Tree};

/// One entry of the `dated` index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatedItem {
    pub date: Date,
    pub id: Id,
    pub what: Dated,
}

impl DatedItem {
    /// The household and date of a visit's entry; `None` for the other kinds.
    pub fn visit(&self) -> Option<(Id, Date)> {
        match self.what {
            Dated::Visit { household } => Some((household, self.date)),
            _ => None,
        }
    }
}

fn corrupt(what: &str) -> Error {
    Error::Corrupt {
        kind: "kept index",
        reason: what.to_owned(),
    }
}

fn parse_dated(key: &[u8], value: &[u8]) -> Result<DatedItem> {
    let bad = || corrupt("a dated key is not date, tag and id");
    let date: [u8; 4] = key
        .get(..4)
        .and_then(|d| d.try_into().ok())
        .ok_or_else(bad)?;
    let id: [u8; 8] = key
        .get(5..)
        .and_then(|d| d.try_into().ok())
        .ok_or_else(bad)?;
    Ok(DatedItem {
        date: Date::from_key(date)?,
        id: u64::from_be_bytes(id),
        what: entries::decode("dated index", value)?,
    })
}

impl Store {
    /// The search column's blocks of one kind (`search::column::HOUSEHOLDS` or `RESIDENTS`),
    /// in id order.
    pub(crate) fn column_blocks(
        &self,
        kind: u8,
    ) -> impl Iterator<Item = Result<impl AsRef<[u8]>>> + '_ {
        self.tree(Tree::SearchColumn)
            .scan_prefix([kind])
            .values()
            .map(|v| v.map_err(Error::from))
    }

    /// The kept entries dated from `from` (the first when `None`) to `to`, by date, kind, id.
    pub fn dated_between(&self, from: Option<Date>, to: Date) -> Result<Vec<DatedItem>> {
        let start = from.map_or([0u8; 4], Date::key);
        let end = to.add_days(1).key();
        self.tree(Tree::Dated)
            .range(start..end)
            .map(|kv| {
                let (k, v) = kv?;
                parse_dated(&k, &v)
            })
            .collect()
    }

    /// The first kept dated entry that `keep` accepts, in date order.
    pub fn first_dated(
        &self,
        mut keep: impl FnMut(&DatedItem) -> Result<bool>,
    ) -> Result<Option<Date>> {
        for kv in self.tree(Tree::Dated) {
            let (k, v) = kv?;
            let item = parse_dated(&k, &v)?;
            if keep(&item)? {
                return Ok(Some(item.date));
            }
        }
        Ok(None)
    }

    /// Cases that may count in the report of `date`: those not closed, and those closed
    /// whose last event is on or after `date` (and some opened after it), by id.
    pub fn cases_not_quiet_on(&self, date: Date) -> Result<Vec<Case>> {
        let mut cases = Vec::new();
        for k in self.tree(Tree::CaseEnds).range(date.key()..).keys() {
            let k = k?;
            let id: [u8; 8] = k
                .get(4..)
                .and_then(|d| d.try_into().ok())
                .ok_or_else(|| corrupt("a case_ends key is not date and id"))?;
            let id = u64::from_be_bytes(id);
            cases.push(self.require::<Case>(id)?);
        }
        debug_assert!(NOT_CLOSED > date.key());
        cases.sort_by_key(|c| c.id);
        Ok(cases)
    }

    /// The households that may have a visit tier, by id (`visit_homes`).
    pub fn visit_homes(&self) -> Result<Vec<VisitHome>> {
        self.tree(Tree::VisitHomes)
            .iter()
            .values()
            .map(|v| VisitHome::decode(&v?))
            .collect()
    }

    /// Every visit on or before `to`, as household and date (the `dated` index: no visit
    /// record is read). The summary reads visits from its one scan of the index
    /// (`dated_between` and `DatedItem::visit`); the kept-index tests read them here.
    pub fn visit_dates(&self, to: Date) -> Result<Vec<(Id, Date)>> {
        let mut out = Vec::new();
        for kv in self.tree(Tree::Dated).range(..to.add_days(1).key()) {
            let (k, v) = kv?;
            // The tag after the date: only visits are decoded.
            if k.get(4) != Some(&2) {
                continue;
            }
            out.extend(parse_dated(&k, &v)?.visit());
        }
        Ok(out)
    }
}
