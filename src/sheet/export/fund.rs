//! `--what fund`: the assistance fund's entries in date order, each amount in yuan (from fen,
//! exact) and the running balance after it. The balance is the community's, so `--grid` does
//! not apply. The entries are few (one per donation or grant), so they are read at once and
//! sorted: a running balance needs date order, and the store keeps them by id.

use std::collections::HashMap;

use qiaomen_core::Reads;
use qiaomen_core::model::{FundEntry, Household, Id, Partner, Resident};
use qiaomen_core::register::signed_fen;

use super::{Counted, Shared, get_many};
use crate::error::AppError;
use crate::i18n::{self, T};
use crate::sheet::table::Cell;

pub fn write(s: &Shared, out: &mut Counted) -> Result<(), AppError> {
    let l = s.lang;
    out.header(
        l,
        &[
            l.t(T::ColDate),
            l.t(T::ColDirection),
            l.t(T::ColAmount),
            l.t(T::ColBalance),
            l.t(T::ColPartner),
            l.t(T::ColHousehold),
            l.t(T::ColNeeds),
            l.t(T::ColNote),
        ],
    )?;
    let mut entries = s.backend.all::<FundEntry>()?;
    entries.sort_by_key(|e| (e.date, e.id));
    let partners: HashMap<Id, String> = s
        .backend
        .all::<Partner>()?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let mut ids: Vec<Id> = entries.iter().filter_map(|e| e.household).collect();
    ids.sort_unstable();
    ids.dedup();
    let homes: HashMap<Id, Household> = get_many::<Household>(s.backend, &ids)?
        .into_iter()
        .map(|h| (h.id, h))
        .collect();
    let people: HashMap<Id, Resident> = if s.mask {
        let ids: Vec<Id> = homes
            .values()
            .flat_map(|h| h.members.iter().copied())
            .collect();
        get_many::<Resident>(s.backend, &ids)?
            .into_iter()
            .map(|r| (r.id, r))
            .collect()
    } else {
        HashMap::new()
    };
    let mut balance = 0i64;
    for e in &entries {
        balance = balance.checked_add(signed_fen(e)).ok_or_else(|| {
            qiaomen_core::Error::invalid("amount_fen", qiaomen_core::reason::Reason::SumTooLarge)
        })?;
        let home = e.household.and_then(|h| homes.get(&h));
        let members: Vec<Resident> = home
            .map(|h| {
                h.members
                    .iter()
                    .filter_map(|id| people.get(id).cloned())
                    .collect()
            })
            .unwrap_or_default();
        out.row(
            l,
            &[
                Cell::Date(e.date),
                Cell::code(i18n::direction(l, e.direction)),
                Cell::Fen(e.amount_fen),
                Cell::Fen(balance),
                Cell::text(
                    e.partner
                        .and_then(|p| partners.get(&p).cloned())
                        .unwrap_or_default(),
                ),
                Cell::text(home.map(|h| h.address.short()).unwrap_or_default()),
                Cell::code(i18n::need(l, e.need)),
                Cell::text(s.free_text(&e.note, &members)?),
            ],
        )?;
    }
    Ok(())
}
