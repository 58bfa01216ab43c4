//! `--what cases`: every case with its kind, parties, status and dates (opened, next
//! follow-up, last activity, closed), and how many mediation sessions it had.

use qiaomen_core::model::{Case, CaseStatus, EventKind, Resident};

use super::{Counted, Shared, each_page, get_many};
use crate::error::AppError;
use crate::i18n::{self, T};
use crate::sheet::table::Cell;

pub fn write(s: &Shared, out: &mut Counted) -> Result<(), AppError> {
    let l = s.lang;
    out.header(
        l,
        &[
            l.t(T::ColNumber),
            l.t(T::ColKind),
            l.t(T::ColTitle),
            l.t(T::ColGrid),
            l.t(T::SheetParties),
            l.t(T::ColStatus),
            l.t(T::ColOpened),
            l.t(T::ColFollowUp),
            l.t(T::SheetLastActivity),
            l.t(T::SheetClosed),
            l.t(T::SheetSessions),
        ],
    )?;
    each_page::<Case>(s.backend, |page| {
        for c in page.iter().filter(|c| s.wants(c.grid)) {
            out.row(l, &row(s, c)?)?;
        }
        Ok(())
    })
}

fn row(s: &Shared, c: &Case) -> Result<Vec<Cell>, AppError> {
    let l = s.lang;
    // Under --mask the title may name the people concerned: their records say what to hide,
    // and the parties as written by the worker are hidden as names too.
    let title = if s.mask {
        let mut people = get_many::<Resident>(s.backend, &c.residents)?;
        people.extend(c.parties.iter().map(|p| party(c, p)));
        s.free_text(&c.title, &people)?
    } else {
        c.title.clone()
    };
    let parties = c
        .parties
        .iter()
        .map(|p| s.name(p))
        .collect::<Vec<_>>()
        .join("、");
    let closed = c.events.iter().rev().find_map(|e| match &e.kind {
        EventKind::Status {
            to: CaseStatus::Closed,
            ..
        } if c.status == CaseStatus::Closed => Some(e.date),
        _ => None,
    });
    Ok(vec![
        Cell::code(c.number()),
        Cell::code(i18n::case_kind(l, c.kind)),
        Cell::text(title),
        Cell::code(s.grid_code(c.grid)),
        Cell::text(parties),
        Cell::code(i18n::case_status(l, c.status)),
        Cell::Date(c.opened),
        Cell::date(c.next_follow_up),
        Cell::date(c.events.iter().map(|e| e.date).max()),
        Cell::date(closed),
        Cell::Int(c.sessions().count() as i64),
    ])
}

/// A party named only in words, as a resident record the masking knows to hide.
fn party(c: &Case, name: &str) -> Resident {
    Resident {
        id: 0,
        name: name.to_owned(),
        gender: qiaomen_core::model::Gender::Unknown,
        birth: None,
        phone: String::new(),
        id_number: None,
        household: None,
        grid: c.grid,
        categories: Vec::new(),
        health: String::new(),
        contacts: Vec::new(),
        care: None,
        left: None,
    }
}
