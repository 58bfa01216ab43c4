//! What a resident card shows, read through the backend when the card opens and again when a
//! change touches it: the person, the household and its members (head first), the last 30
//! days of check-ins, the household's visits, the cases the person is a party of and the
//! fund's help to the household. Drawing reads only this.

use qiaomen_core::Reads;
use qiaomen_core::model::{
    Case, CheckIn, FundEntry, Household, Id, Partner, RecordRef, Resident, Visit,
};
use qiaomen_core::query::Query;
use qiaomen_core::store::Entity;
use qiaomen_core::{Date, Result};

fn decode_all<T: Entity>(values: &[Vec<u8>]) -> Result<Vec<T>> {
    values.iter().map(|v| T::decode(v)).collect()
}

use crate::backend::Backend;

/// How many days of check-ins the card's strip covers (today included).
pub const DAYS: i64 = 30;

/// Everything the card draws, read in one go.
#[derive(Clone, Debug)]
pub struct CardData {
    pub resident: Resident,
    pub household: Option<Household>,
    /// The household's residents in its order: the head first.
    pub members: Vec<Resident>,
    /// The day the card was read; the strip ends on it.
    pub today: Date,
    /// Check-ins of the last `DAYS` days, oldest first.
    pub checkins: Vec<CheckIn>,
    /// The household's visits, newest first.
    pub visits: Vec<Visit>,
    /// Cases naming this resident, newest first.
    pub cases: Vec<Case>,
    /// Fund entries for the household, newest first, with the partners they name.
    pub fund: Vec<FundEntry>,
    pub partners: Vec<Partner>,
    /// Services to the person or their household (issue 16), newest first, each with the
    /// name of who gave it.
    pub services: Vec<(qiaomen_core::care::Service, String)>,
    /// Active support records of the person or their household, with their carers' names.
    pub supports: Vec<(qiaomen_core::care::Support, Vec<String>)>,
}

impl CardData {
    pub fn load(backend: &dyn Backend, id: Id, today: Date) -> Result<CardData> {
        let resident = backend.require::<Resident>(id)?;
        let household = match resident.household {
            Some(h) => backend.get::<Household>(h)?,
            None => None,
        };
        let members = match &household {
            // A member that no longer exists is left out rather than failing the card.
            Some(h) => backend.get_many::<Resident>(h.members.clone())?,
            None => Vec::new(),
        };
        let checkins = backend.checkins_of(id, today.add_days(-(DAYS - 1)), today)?;
        // Only the records that name this person or their household, found through the
        // engine's links (not by reading every visit, case and fund entry).
        let linked = backend
            .query(Query::Linked {
                resident: id,
                household: household.as_ref().map(|h| h.id),
            })?
            .linked()?;
        let mut visits: Vec<Visit> = decode_all(&linked.visits)?;
        visits.sort_by_key(|v| std::cmp::Reverse((v.date, v.id)));
        let mut cases: Vec<Case> = decode_all(&linked.cases)?;
        cases.sort_by_key(|c| std::cmp::Reverse((c.opened, c.id)));
        let mut fund: Vec<FundEntry> = decode_all(&linked.fund)?;
        fund.sort_by_key(|f| std::cmp::Reverse((f.date, f.id)));
        let mut partner_ids: Vec<Id> = fund.iter().filter_map(|f| f.partner).collect();
        partner_ids.sort_unstable();
        partner_ids.dedup();
        let partners = backend.get_many::<Partner>(partner_ids)?;
        let services = services_of(backend, id, household.as_ref().map(|h| h.id))?;
        let supports = supports_of(backend, id, household.as_ref().map(|h| h.id), today)?;
        Ok(CardData {
            resident,
            household,
            members,
            today,
            checkins,
            visits,
            cases,
            fund,
            partners,
            services,
            supports,
        })
    }

    /// Whether a change to these records may change what the card shows: the person or a
    /// member of the household (a check-in names its elder), the household, or any case,
    /// visit or fund entry (which may name them now, or no longer).
    pub fn touched_by(&self, records: &[RecordRef]) -> bool {
        records.iter().any(|r| match r.kind.as_str() {
            "resident" => r.id == self.resident.id || self.members.iter().any(|m| m.id == r.id),
            "household" => self.household.as_ref().is_some_and(|h| h.id == r.id),
            "case" | "visit" | "fund" | "service" | "support" => true,
            _ => false,
        })
    }

    pub fn partner_name(&self, id: Option<Id>) -> &str {
        id.and_then(|id| self.partners.iter().find(|p| p.id == id))
            .map_or("", |p| p.name.as_str())
    }
}

/// The services to a resident or their household, newest first, with who gave each.
fn services_of(
    backend: &dyn Backend,
    resident: Id,
    household: Option<Id>,
) -> Result<Vec<(qiaomen_core::care::Service, String)>> {
    use qiaomen_core::care::{Service, Whom};
    let mut services: Vec<Service> = backend
        .all::<Service>()?
        .into_iter()
        .filter(|s| match s.whom {
            Whom::Resident(r) => r == resident,
            Whom::Household(h) => household == Some(h),
        })
        .collect();
    services.sort_by_key(|s| std::cmp::Reverse((s.date, s.id)));
    services
        .into_iter()
        .map(|s| {
            let by = crate::commands::care::provider_label(backend, s.by)?;
            Ok((s, by))
        })
        .collect()
}

/// The support records active on `today` for a resident or their household, with carers.
fn supports_of(
    backend: &dyn Backend,
    resident: Id,
    household: Option<Id>,
    today: Date,
) -> Result<Vec<(qiaomen_core::care::Support, Vec<String>)>> {
    use qiaomen_core::care::{Support, Whom};
    let mut out = Vec::new();
    for s in backend.all::<Support>()? {
        let ours = match s.whom {
            Whom::Resident(r) => r == resident,
            Whom::Household(h) => household == Some(h),
        };
        if !ours || !s.active_on(today) {
            continue;
        }
        let carers: Vec<String> = backend
            .get_many::<qiaomen_core::model::Member>(s.carers.clone())?
            .into_iter()
            .map(|m| m.name)
            .collect();
        out.push((s, carers));
    }
    Ok(out)
}
