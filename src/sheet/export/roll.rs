//! `--what roll`: the roll-call sheet of `--date` (today by default), as `qiaomen roll` shows
//! it: every elder on the day's list, the day status, the attempts and the last contact.

use qiaomen_core::Date;
use qiaomen_core::rollcall::DayStatus;

use super::{Counted, Shared};
use crate::error::AppError;
use crate::i18n::{self, T};
use crate::sheet::table::Cell;

pub fn write(s: &Shared, date: Date, out: &mut Counted) -> Result<(), AppError> {
    let l = s.lang;
    out.header(
        l,
        &[
            l.t(T::ColDate),
            l.t(T::ColGrid),
            l.t(T::ColName),
            l.t(T::ColAddress),
            l.t(T::ColPhone),
            l.t(T::SheetCareLevel),
            l.t(T::ColStatus),
            l.t(T::ColAttention),
            l.t(T::ColAttempts),
            l.t(T::SheetLastDate),
            l.t(T::SheetLastTime),
            l.t(T::SheetOutcome),
            l.t(T::SheetMethod),
            l.t(T::SheetBy),
            l.t(T::ColNote),
        ],
    )?;
    let roll = s.backend.roll(date, s.ctx.now()?, s.grid)?;
    for e in &roll.entries {
        let address = crate::commands::roll::address(e);
        // Attention only where it still needs someone: a reached elder's earlier misses are
        // history, as on `qiaomen roll`.
        let attention = match (e.attention, e.status) {
            (Some(a), status) if !matches!(status, DayStatus::Reached(_)) => i18n::attention(l, a),
            _ => "",
        };
        let last = e.last.as_ref();
        let people = std::slice::from_ref(&e.elder);
        out.row(
            l,
            &[
                Cell::Date(roll.date),
                Cell::code(s.grid_code(e.elder.grid)),
                Cell::text(s.name(&e.elder.name)),
                Cell::text(address),
                Cell::text(s.digits(&e.elder.phone)),
                Cell::code(
                    e.elder
                        .care
                        .as_ref()
                        .map(|c| i18n::care_level(l, c.level))
                        .unwrap_or_default(),
                ),
                Cell::code(i18n::day_status(l, e.status)),
                Cell::code(attention),
                Cell::Int(e.attempts.len() as i64),
                Cell::date(last.map(|c| c.date)),
                Cell::code(last.map(|c| c.time.to_string()).unwrap_or_default()),
                Cell::code(
                    last.map(|c| i18n::outcome(l, c.outcome))
                        .unwrap_or_default(),
                ),
                Cell::code(last.map(|c| i18n::method(l, c.method)).unwrap_or_default()),
                Cell::text(last.map(|c| c.by.clone()).unwrap_or_default()),
                Cell::text(s.free_text(last.map_or("", |c| c.note.as_str()), people)?),
            ],
        )?;
    }
    Ok(())
}
