//! `--what households`: one row per household: its number, grid, address, head, how many
//! people, care categories, needs and where its file (一户一档) stands.

use std::collections::HashMap;

use qiaomen_core::model::{Household, Id, Resident};

use super::{Counted, Shared, each_page, get_many};
use crate::error::AppError;
use crate::i18n::{self, T};
use crate::sheet::table::Cell;

pub fn write(s: &Shared, out: &mut Counted) -> Result<(), AppError> {
    let l = s.lang;
    out.header(
        l,
        &[
            l.t(T::SheetHouseholdNo),
            l.t(T::ColGrid),
            l.t(T::SheetEstate),
            l.t(T::SheetBuilding),
            l.t(T::SheetUnit),
            l.t(T::SheetRoom),
            l.t(T::ColHead),
            l.t(T::SheetPeople),
            l.t(T::SheetCategories),
            l.t(T::ColNeeds),
            l.t(T::SheetFileStatus),
            l.t(T::SheetFileDate),
        ],
    )?;
    each_page::<Household>(s.backend, |page| {
        let page: Vec<Household> = page.into_iter().filter(|h| s.wants(h.grid)).collect();
        for batch in page.chunks(BATCH) {
            write_batch(s, out, batch)?;
        }
        Ok(())
    })
}

/// Households whose members are read in one request: a page of households can hold a whole
/// subdistrict's, and their residents are ten times the bytes.
const BATCH: usize = 2_000;

fn write_batch(s: &Shared, out: &mut Counted, page: &[Household]) -> Result<(), AppError> {
    let l = s.lang;
    let today = s.ctx.now()?.date;
    // One request for the batch's members (names of heads, and what masking must hide).
    let ids: Vec<_> = page
        .iter()
        .flat_map(|h| h.members.iter().copied())
        .collect();
    let people: HashMap<Id, Resident> = get_many::<Resident>(s.backend, &ids)?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    for h in page {
        let members: Vec<Resident> = h
            .members
            .iter()
            .filter_map(|id| people.get(id).cloned())
            .collect();
        // The head and the count are of the people who live there today (someone who moved
        // out or died stays in the member list, for the history).
        let here: Vec<&Resident> = members.iter().filter(|r| r.lives_here_on(today)).collect();
        let head = here.first().map(|r| s.name(&r.name)).unwrap_or_default();
        let last = h.file.last();
        out.row(
            l,
            &[
                Cell::Int(h.id as i64),
                Cell::code(s.grid_code(h.grid)),
                Cell::text(&h.address.text),
                Cell::text(&h.address.building),
                Cell::text(&h.address.unit),
                Cell::text(&h.address.room),
                Cell::text(head),
                Cell::Int(here.len() as i64),
                Cell::code(s.categories(&h.categories)),
                Cell::text(s.free_text(&h.needs, &members)?),
                Cell::code(i18n::file_state(l, h.file_status())),
                Cell::date(last.map(|f| f.date)),
            ],
        )?;
    }
    Ok(())
}
