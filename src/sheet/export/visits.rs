//! `--what visits`: household visits (走访) with the household's grid and address, who went
//! and what they found. `--grid` filters by the household's grid.

use std::collections::HashMap;

use qiaomen_core::model::{Household, Id, Resident, Visit};

use super::{Counted, Shared, each_page, get_many, households};
use crate::error::AppError;
use crate::i18n::T;
use crate::sheet::table::Cell;

pub fn write(s: &Shared, out: &mut Counted) -> Result<(), AppError> {
    let l = s.lang;
    out.header(
        l,
        &[
            l.t(T::ColDate),
            l.t(T::ColGrid),
            l.t(T::SheetHouseholdNo),
            l.t(T::ColAddress),
            l.t(T::ColBy),
            l.t(T::ColFindings),
        ],
    )?;
    let homes: HashMap<Id, Household> = households(s.backend)?;
    each_page::<Visit>(s.backend, |page| {
        let page: Vec<Visit> = page
            .into_iter()
            .filter(|v| homes.get(&v.household).is_some_and(|h| s.wants(h.grid)))
            .collect();
        // Under --mask the findings may name the household's people: read them once a page.
        let people: HashMap<Id, Resident> = if s.mask {
            let ids: Vec<Id> = page
                .iter()
                .filter_map(|v| homes.get(&v.household))
                .flat_map(|h| h.members.iter().copied())
                .collect();
            get_many::<Resident>(s.backend, &ids)?
                .into_iter()
                .map(|r| (r.id, r))
                .collect()
        } else {
            HashMap::new()
        };
        for v in &page {
            let home = homes.get(&v.household);
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
                    Cell::Date(v.date),
                    Cell::code(home.map(|h| s.grid_code(h.grid)).unwrap_or_default()),
                    Cell::Int(v.household as i64),
                    Cell::text(home.map(|h| h.address.short()).unwrap_or_default()),
                    Cell::text(&v.by),
                    Cell::text(s.free_text(&v.findings, &members)?),
                ],
            )?;
        }
        Ok(())
    })
}
