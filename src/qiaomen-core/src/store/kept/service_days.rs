//! `service_days` (schema 8): the services of each day, one value a day (key: the date;
//! value: what the care figures read of each service that day, by id). The summary's care
//! figures read the days of their period instead of decoding every service of the history
//! (18,000 at a five-year subdistrict, a third of its summary), and a year's period is 365
//! keys, not 3,300: sled's iterator costs some thousands of instructions a key.
//!
//! The upkeep diffs one entry per service (`entries::service`, a function of the service
//! alone, under `date ++ id`); `service_day_writes` turns those into writes of the days they
//! fall on.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::upkeep::Write;
use crate::care::{Person, Provider, Service, ServiceKind, Whom};
use crate::day::Date;
use crate::error::{Error, Result};
use crate::model::Id;
use crate::store::codec::{self, decode_body, split_version, unknown_version};
use crate::store::{Store, Tree};

/// The format version of a day of services and of one service's entry (golden bytes in
/// `tests/codec_golden.rs`).
pub const SERVICE_DAYS_VERSION: u8 = 1;

const KIND: &str = "service day";

/// What the care figures read of a service: all of it but its date (the key) and its note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceFact {
    pub id: Id,
    pub whom: Whom,
    pub kind: ServiceKind,
    pub by: Provider,
    pub helpers: Vec<Person>,
    pub minutes: u32,
}

impl ServiceFact {
    pub fn of(s: &Service) -> Self {
        ServiceFact {
            id: s.id,
            whom: s.whom,
            kind: s.kind,
            by: s.by,
            helpers: s.helpers.clone(),
            minutes: s.minutes,
        }
    }

    /// The service on `date`, as the figures see it (without its note).
    pub fn service(self, date: Date) -> Service {
        Service {
            id: self.id,
            date,
            whom: self.whom,
            kind: self.kind,
            by: self.by,
            helpers: self.helpers,
            minutes: self.minutes,
            note: String::new(),
        }
    }
}

/// A day's value: its services, by id.
pub fn encode_day(facts: &[ServiceFact]) -> Vec<u8> {
    codec::encode(SERVICE_DAYS_VERSION, &facts)
}

/// A day read back; services out of order or one twice is damage.
pub fn decode_day(bytes: &[u8]) -> Result<Vec<ServiceFact>> {
    let facts: Vec<ServiceFact> = decode(bytes)?;
    if !facts.is_sorted_by(|a, b| a.id < b.id) {
        return Err(Error::Corrupt {
            kind: KIND,
            reason: "services out of order".into(),
        });
    }
    Ok(facts)
}

fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T> {
    let (version, body) = split_version(KIND, bytes)?;
    if version != SERVICE_DAYS_VERSION {
        return Err(unknown_version(KIND, version));
    }
    decode_body(KIND, body)
}

/// The logical entry the upkeep diffs a service under: `date ++ id` → the service's fact.
pub(super) fn service_entry(s: &Service) -> super::entries::Entry {
    let mut key = s.date.key().to_vec();
    key.extend_from_slice(&crate::store::id_key(s.id));
    let value = codec::encode(SERVICE_DAYS_VERSION, &ServiceFact::of(s));
    (Tree::ServiceDays, key, value)
}

/// Packs (date, fact) given in order into days: what the tree should hold, by key.
pub(super) fn days(facts: &[(Date, ServiceFact)]) -> Vec<(Vec<u8>, Vec<u8>)> {
    facts
        .chunk_by(|a, b| a.0 == b.0)
        .map(|day| {
            let list: Vec<ServiceFact> = day.iter().map(|(_, f)| f.clone()).collect();
            (day[0].0.key().to_vec(), encode_day(&list))
        })
        .collect()
}

impl Store {
    /// The services dated `from..=to` as the care figures see them (without their notes), by
    /// date then id.
    pub fn services_between(&self, from: Date, to: Date) -> Result<Vec<Service>> {
        let mut out = Vec::new();
        let range = self
            .tree(Tree::ServiceDays)
            .range(from.key()..to.add_days(1).key());
        for kv in range {
            let (k, v) = kv?;
            let date = k
                .as_ref()
                .try_into()
                .map_err(|_| Error::Corrupt {
                    kind: KIND,
                    reason: "a key is not a date".into(),
                })
                .and_then(Date::from_key)?;
            out.extend(decode_day(&v)?.into_iter().map(|f| f.service(date)));
        }
        Ok(out)
    }

    /// The upkeep's writes of single services (`date ++ id` → fact, or a deletion) made into
    /// writes of their days as stored: a day left empty is deleted, one left as it was is not
    /// written.
    pub(super) fn service_day_writes(&self, writes: Vec<Write>) -> Result<Vec<Write>> {
        let mut by_day: BTreeMap<[u8; 4], Vec<(Id, Option<ServiceFact>)>> = BTreeMap::new();
        for (_, key, value) in writes {
            // Every key comes from `service_entry`.
            let (Some(day), Some(id)) = (
                key.get(..4).and_then(|d| <[u8; 4]>::try_from(d).ok()),
                key.get(4..).and_then(super::upkeep::decode_id),
            ) else {
                continue;
            };
            let fact = value.map(|v| decode::<ServiceFact>(&v)).transpose()?;
            by_day.entry(day).or_default().push((id, fact));
        }
        let mut out = Vec::new();
        for (day, changes) in by_day {
            let mut facts = match self.tree(Tree::ServiceDays).get(day)? {
                Some(v) => decode_day(&v)?,
                None => Vec::new(),
            };
            let before = facts.clone();
            for (id, fact) in changes {
                match (facts.binary_search_by_key(&id, |f| f.id), fact) {
                    (Ok(i), Some(f)) => facts[i] = f,
                    (Err(i), Some(f)) => facts.insert(i, f),
                    (Ok(i), None) => {
                        facts.remove(i);
                    }
                    (Err(_), None) => {}
                }
            }
            if facts != before {
                let value = (!facts.is_empty()).then(|| encode_day(&facts));
                out.push((Tree::ServiceDays, day.to_vec(), value));
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(id: Id, minutes: u32) -> ServiceFact {
        ServiceFact {
            id,
            whom: Whom::Resident(3),
            kind: ServiceKind::Cleaning,
            by: Provider::Member(2),
            helpers: vec![Person::Resident(9)],
            minutes,
        }
    }

    #[test]
    fn a_day_round_trips_and_rejects_disorder_and_other_versions() {
        let day = [fact(2, 30), fact(7, 0)];
        let bytes = encode_day(&day);
        assert_eq!(decode_day(&bytes).unwrap(), day);
        assert!(decode_day(&encode_day(&[fact(7, 0), fact(2, 30)])).is_err());
        assert!(decode_day(&encode_day(&[fact(2, 30), fact(2, 30)])).is_err());
        let mut newer = bytes.clone();
        newer[0] = SERVICE_DAYS_VERSION + 1;
        assert!(decode_day(&newer).is_err());
        let mut trailing = bytes;
        trailing.push(0);
        assert!(decode_day(&trailing).is_err());
    }

    #[test]
    fn services_are_packed_by_day() {
        let d = |s: &str| Date::parse(s).unwrap();
        let facts = [
            (d("2026-11-02"), fact(1, 10)),
            (d("2026-11-02"), fact(4, 20)),
            (d("2026-11-05"), fact(2, 30)),
        ];
        let got = days(&facts);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].0, d("2026-11-02").key());
        assert_eq!(decode_day(&got[0].1).unwrap(), [fact(1, 10), fact(4, 20)]);
        assert_eq!(decode_day(&got[1].1).unwrap(), [fact(2, 30)]);
    }
}
