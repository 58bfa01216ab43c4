//! `--what residents`: the roster (花名册), in exactly the columns of `sheet::columns` and
//! filled so that the roster import reads it back: 出生日期 a date, 小区 the address text,
//! 户号 the household id, 与户主关系 户主 for the household's first member and 成员 for the
//! others, 人员类别 the category labels joined by 、, 紧急联系人 "姓名（关系）" joined by ；
//! with their phones in the same order.

use qiaomen_core::model::{Gender, Resident};

use super::{Counted, Shared, each_page, households};
use crate::error::AppError;
use crate::i18n::{self, Lang, T};
use crate::sheet::columns::Field;
use crate::sheet::table::Cell;

pub fn gender(lang: Lang, g: Gender) -> &'static str {
    match g {
        Gender::Female => lang.t(T::SheetFemale),
        Gender::Male => lang.t(T::SheetMale),
        Gender::Unknown => "",
    }
}

pub fn write(s: &Shared, out: &mut Counted) -> Result<(), AppError> {
    let headers: Vec<&str> = Field::ALL
        .iter()
        .map(|f| i18n::roster_header(s.lang, *f))
        .collect();
    out.header(s.lang, &headers)?;
    let households = households(s.backend)?;
    // The roster is of the people who live here: someone who moved out or died is not on it.
    let today = s.ctx.now()?.date;
    each_page::<Resident>(s.backend, |page| {
        for r in page
            .iter()
            .filter(|r| s.wants(r.grid) && r.lives_here_on(today))
        {
            let home = r.household.and_then(|h| households.get(&h));
            let cells: Vec<Cell> = Field::ALL.iter().map(|f| cell(s, r, home, *f)).collect();
            out.row(s.lang, &cells)?;
        }
        Ok(())
    })
}

fn cell(
    s: &Shared,
    r: &Resident,
    home: Option<&qiaomen_core::model::Household>,
    field: Field,
) -> Cell {
    let address = home.map(|h| &h.address);
    let part = |f: fn(&qiaomen_core::model::Address) -> &String| {
        Cell::text(address.map(f).cloned().unwrap_or_default())
    };
    match field {
        Field::Name => Cell::text(s.name(&r.name)),
        Field::Gender => Cell::code(gender(s.lang, r.gender)),
        Field::Birth => Cell::date(r.birth),
        Field::IdNumber => Cell::text(s.digits(r.id_number.as_deref().unwrap_or_default())),
        Field::Phone => Cell::text(s.digits(&r.phone)),
        Field::Grid => Cell::code(s.grid_code(r.grid)),
        Field::Estate => part(|a| &a.text),
        Field::Building => part(|a| &a.building),
        Field::Unit => part(|a| &a.unit),
        Field::Room => part(|a| &a.room),
        Field::Household => r.household.map_or(Cell::Empty, |h| Cell::Int(h as i64)),
        Field::Relation => match home {
            Some(h) if h.members.first() == Some(&r.id) => Cell::code(s.lang.t(T::SheetHead)),
            Some(_) => Cell::code(s.lang.t(T::SheetMember)),
            None => Cell::Empty,
        },
        Field::Categories => Cell::code(s.categories(&r.categories)),
        // A medical condition never shows in anything masked for the public.
        Field::Health if s.mask => Cell::Empty,
        Field::Health => Cell::text(&r.health),
        Field::ContactName => Cell::text(s.contacts(&r.contacts).0),
        Field::ContactPhone => Cell::text(s.contacts(&r.contacts).1),
    }
}
