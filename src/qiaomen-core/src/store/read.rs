//! Reads. Every query of the app goes through these (or the domain modules built on them).

use super::checkins::{self, day_elder_prefix};
use super::{Entity, Store, Tree, id_key, meta};
use crate::day::Date;
use crate::error::{Error, Result};
use crate::model::{CheckIn, Community, Id, Resident};

impl Store {
    pub fn community(&self) -> Result<Community> {
        match self.tree(Tree::Meta).get(meta::COMMUNITY)? {
            Some(bytes) => {
                let (v, body) = super::codec::split_version("community", &bytes)?;
                if v != 1 {
                    return Err(super::codec::unknown_version("community", v));
                }
                super::codec::decode_body("community", body)
            }
            None => Ok(Community::named("")),
        }
    }

    /// True when nothing but the schema version has been written.
    pub fn is_empty(&self) -> Result<bool> {
        if self.tree(Tree::Meta).get(meta::COMMUNITY)?.is_some() {
            return Ok(false);
        }
        Ok(Tree::ALL
            .iter()
            .filter(|t| **t != Tree::Meta)
            .all(|t| self.tree(*t).is_empty()))
    }

    pub fn get<T: Entity>(&self, id: Id) -> Result<Option<T>> {
        self.tree(T::TREE)
            .get(id_key(id))?
            .map(|v| T::decode(&v))
            .transpose()
    }

    pub fn require<T: Entity>(&self, id: Id) -> Result<T> {
        self.get(id)?.ok_or(Error::NotFound { kind: T::KIND, id })
    }

    pub fn exists<T: Entity>(&self, id: Id) -> Result<bool> {
        Ok(self.tree(T::TREE).contains_key(id_key(id))?)
    }

    /// Every record of a kind, by id.
    pub fn all<T: Entity>(&self) -> Result<Vec<T>> {
        self.tree(T::TREE)
            .iter()
            .values()
            .map(|v| T::decode(&v?))
            .collect()
    }

    pub fn count<T: Entity>(&self) -> usize {
        self.tree(T::TREE).len()
    }

    /// The latest `n` records of a kind (the audit log's tail).
    pub fn last<T: Entity>(&self, n: usize) -> Result<Vec<T>> {
        let mut out: Vec<T> = self
            .tree(T::TREE)
            .iter()
            .values()
            .rev()
            .take(n)
            .map(|v| T::decode(&v?))
            .collect::<Result<_>>()?;
        out.reverse();
        Ok(out)
    }

    /// Residents with a care plan (active or not), read through the elders index.
    pub fn elders(&self) -> Result<Vec<Resident>> {
        self.tree(Tree::Elders)
            .iter()
            .keys()
            .map(|k| {
                let k = k?;
                let id = u64::from_be_bytes(k.as_ref().try_into().map_err(|_| Error::Corrupt {
                    kind: "elder index",
                    reason: "bad key".into(),
                })?);
                self.require::<Resident>(id)
            })
            .collect()
    }

    /// All check-ins of one day, by elder then attempt.
    pub fn checkins_on(&self, date: Date) -> Result<Vec<CheckIn>> {
        self.tree(Tree::CheckIns)
            .scan_prefix(date.key())
            .map(|kv| {
                let (k, v) = kv?;
                checkins::decode(checkins::parse_day_key(&k)?, &v)
            })
            .collect()
    }

    /// One elder's check-ins of one day, in order.
    pub fn checkins_of_on(&self, elder: Id, date: Date) -> Result<Vec<CheckIn>> {
        self.tree(Tree::CheckIns)
            .scan_prefix(day_elder_prefix(date, elder))
            .map(|kv| {
                let (k, v) = kv?;
                checkins::decode(checkins::parse_day_key(&k)?, &v)
            })
            .collect()
    }

    /// One elder's check-ins from `from` to `to` inclusive, oldest first.
    pub fn checkins_of(&self, elder: Id, from: Date, to: Date) -> Result<Vec<CheckIn>> {
        let mut lo = elder.to_be_bytes().to_vec();
        lo.extend_from_slice(&from.key());
        let mut hi = elder.to_be_bytes().to_vec();
        hi.extend_from_slice(&to.add_days(1).key());
        self.tree(Tree::CheckInsByElder)
            .range(lo..hi)
            .keys()
            .map(|k| self.checkin_at(checkins::parse_elder_key(&k?)?))
            .collect()
    }

    /// The elder's latest check-in on or before `date`.
    pub fn last_checkin(&self, elder: Id, date: Date) -> Result<Option<CheckIn>> {
        let lo = elder.to_be_bytes().to_vec();
        let mut hi = elder.to_be_bytes().to_vec();
        hi.extend_from_slice(&date.add_days(1).key());
        match self
            .tree(Tree::CheckInsByElder)
            .range(lo..hi)
            .keys()
            .next_back()
        {
            Some(k) => Ok(Some(self.checkin_at(checkins::parse_elder_key(&k?)?)?)),
            None => Ok(None),
        }
    }

    fn checkin_at(&self, key: crate::model::CheckInKey) -> Result<CheckIn> {
        let bytes = self
            .tree(Tree::CheckIns)
            .get(checkins::day_key(&key))?
            .ok_or_else(|| Error::Corrupt {
                kind: "checkin",
                reason: format!(
                    "index points at a missing check-in of elder {} on {}",
                    key.elder, key.date
                ),
            })?;
        checkins::decode(key, &bytes)
    }

    /// Every check-in, by day (export).
    pub fn all_checkins(&self) -> impl Iterator<Item = Result<CheckIn>> + '_ {
        self.tree(Tree::CheckIns).iter().map(|kv| {
            let (k, v) = kv?;
            checkins::decode(checkins::parse_day_key(&k)?, &v)
        })
    }

    pub fn checkin_count(&self) -> usize {
        self.tree(Tree::CheckIns).len()
    }

    /// The first and last day with a check-in.
    pub fn checkin_span(&self) -> Result<Option<(Date, Date)>> {
        let t = self.tree(Tree::CheckIns);
        let first = t.first()?;
        let last = t.last()?;
        match (first, last) {
            (Some((a, _)), Some((b, _))) => Ok(Some((
                checkins::parse_day_key(&a)?.date,
                checkins::parse_day_key(&b)?.date,
            ))),
            _ => Ok(None),
        }
    }
}
