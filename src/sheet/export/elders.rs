//! `--what elders`: the elders on the daily check-in list with their care plan (level,
//! callers, doorbell, from and to) and their emergency contacts in order.

use std::collections::HashMap;

use qiaomen_core::Reads;
use qiaomen_core::model::{Household, Id, Member};

use super::residents::gender;
use super::{Counted, Shared, get_many};
use crate::error::AppError;
use crate::i18n::{self, T};
use crate::sheet::table::Cell;

pub fn write(s: &Shared, out: &mut Counted) -> Result<(), AppError> {
    let l = s.lang;
    out.header(
        l,
        &[
            l.t(T::ColName),
            l.t(T::SheetGender),
            l.t(T::SheetBirth),
            l.t(T::ColGrid),
            l.t(T::ColAddress),
            l.t(T::ColPhone),
            l.t(T::SheetCareLevel),
            l.t(T::SheetCallers),
            l.t(T::Doorbell),
            l.t(T::SheetFrom),
            l.t(T::SheetTo),
            l.t(T::SheetContacts),
            l.t(T::SheetContactPhones),
        ],
    )?;
    // The elders' index is one answer already (a few percent of the residents).
    let today = s.ctx.now()?.date;
    let elders: Vec<_> = s
        .backend
        .elders()?
        .into_iter()
        .filter(|r| s.wants(r.grid) && r.lives_here_on(today))
        .collect();
    let members: HashMap<Id, String> = s
        .backend
        .all::<Member>()?
        .into_iter()
        .map(|m| (m.id, m.name))
        .collect();
    let mut ids: Vec<Id> = elders.iter().filter_map(|e| e.household).collect();
    ids.sort_unstable();
    ids.dedup();
    let addresses: HashMap<Id, String> = get_many::<Household>(s.backend, &ids)?
        .into_iter()
        .map(|h| (h.id, h.address.short()))
        .collect();
    for e in &elders {
        let Some(plan) = &e.care else { continue };
        let callers = plan
            .callers
            .iter()
            .map(|id| members.get(id).cloned().unwrap_or_else(|| format!("#{id}")))
            .collect::<Vec<_>>()
            .join("、");
        let (contacts, phones) = s.contacts(&e.contacts);
        let address = e
            .household
            .and_then(|h| addresses.get(&h).cloned())
            .unwrap_or_default();
        out.row(
            l,
            &[
                Cell::text(s.name(&e.name)),
                Cell::code(gender(l, e.gender)),
                Cell::date(e.birth),
                Cell::code(s.grid_code(e.grid)),
                Cell::text(address),
                Cell::text(s.digits(&e.phone)),
                Cell::code(i18n::care_level(l, plan.level)),
                Cell::text(callers),
                Cell::code(l.t(if plan.doorbell { T::Yes } else { T::No })),
                Cell::Date(plan.active_from),
                Cell::date(plan.active_to),
                Cell::text(contacts),
                Cell::text(phones),
            ],
        )?;
    }
    Ok(())
}
