//! One row of a roster turned into a person: a resident as it would be stored (before it is
//! matched with the register), the address of their home and how the row groups into a
//! household. Every problem names the row and the column it is in.

use qiaomen_core::model::{Address, Gender, Grid, Resident};
use qiaomen_core::text::id_birth;
use qiaomen_core::{Date, Error, validate};

use super::columns::Field;
use super::mapping::Mapping;
use super::read::Row;
use super::values::{self, DateCell, Problem};

/// A problem with a cell: the row as the spreadsheet numbers it, the column's header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub row: usize,
    pub column: String,
    pub problem: Problem,
}

/// One person of the roster, read and checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub row: usize,
    /// Without an id or a household yet.
    pub resident: Resident,
    /// The fields the row gave a value for: an update changes only those.
    pub given: Vec<Field>,
    pub address: Address,
    /// The 户号 cell, if any.
    pub household: String,
    /// The 与户主关系 cell, if any.
    pub relation: String,
}

impl Person {
    /// Whether this row is the head of a household (户主, or 本人 in some templates).
    pub fn is_head(&self) -> bool {
        matches!(self.relation.as_str(), "户主" | "本人" | "head")
    }
}

/// Reads rows into people, checking every cell; `grids` resolves the 网格 column by code or
/// name; nobody may be born after `today`.
pub struct RowReader<'a> {
    pub mapping: &'a Mapping,
    pub grids: &'a [Grid],
    pub today: Date,
}

impl RowReader<'_> {
    fn cell<'r>(&self, row: &'r Row, f: Field) -> &'r str {
        self.mapping
            .index(f)
            .and_then(|i| row.cells.get(i))
            .map_or("", |c| super::table::unneutralise(c))
    }

    /// The header of the column of `f`, or its Chinese name when the sheet has no such column.
    pub fn header(&self, f: Field) -> String {
        self.mapping.index(f).map_or_else(
            || crate::i18n::roster_header(crate::i18n::Lang::Zh, f).to_owned(),
            |i| self.mapping.columns[i].header.clone(),
        )
    }

    fn err(&self, row: &Row, f: Field, problem: Problem) -> RowError {
        RowError {
            row: row.number,
            column: self.header(f),
            problem,
        }
    }

    pub fn person(&self, row: &Row) -> Result<Person, RowError> {
        let cell = |f| self.cell(row, f);
        let bad = |f, p| self.err(row, f, p);
        let name = cell(Field::Name);
        if name.is_empty() {
            return Err(bad(Field::Name, Problem::Empty));
        }
        let id_number = match cell(Field::IdNumber) {
            "" => None,
            t => Some(values::id_number(t).map_err(|p| bad(Field::IdNumber, p))?),
        };
        let id_birth = id_number.as_deref().and_then(id_birth);
        let birth = match cell(Field::Birth) {
            "" => id_birth,
            t => Some(
                match values::date_or_month(t).map_err(|p| bad(Field::Birth, p))? {
                    DateCell::Day(d) if id_birth.is_none_or(|b| b == d) => d,
                    DateCell::Month(y, m) => match id_birth {
                        Some(b) if b.year() == y && b.month() == m => b,
                        Some(_) => return Err(bad(Field::Birth, Problem::BirthConflict)),
                        None => return Err(bad(Field::Birth, Problem::MonthOnly)),
                    },
                    DateCell::Day(_) => return Err(bad(Field::Birth, Problem::BirthConflict)),
                },
            ),
        };
        if birth.is_some_and(|b| b > self.today) {
            return Err(bad(Field::Birth, Problem::Future));
        }
        let from_id = id_number.as_deref().and_then(values::id_gender);
        let gender = match values::gender(cell(Field::Gender)).map_err(|p| bad(Field::Gender, p))? {
            Some(g) if from_id.is_some_and(|i| g != Gender::Unknown && i != g) => {
                return Err(bad(Field::Gender, Problem::GenderConflict));
            }
            Some(g) if g != Gender::Unknown => g,
            _ => from_id.unwrap_or_default(),
        };
        let grid = match cell(Field::Grid) {
            "" => return Err(bad(Field::Grid, Problem::Empty)),
            t => {
                self.grids
                    .iter()
                    .find(|g| g.code.eq_ignore_ascii_case(t) || g.name == t)
                    .ok_or_else(|| bad(Field::Grid, Problem::UnknownGrid))?
                    .id
            }
        };
        let categories =
            values::categories(cell(Field::Categories)).map_err(|p| bad(Field::Categories, p))?;
        let contacts = values::contacts(cell(Field::ContactName), cell(Field::ContactPhone))
            .map_err(|p| bad(Field::ContactPhone, p))?;
        let mut resident = Resident {
            id: 0,
            name: name.to_owned(),
            gender,
            birth,
            phone: cell(Field::Phone).to_owned(),
            id_number,
            household: None,
            grid,
            categories,
            health: cell(Field::Health).to_owned(),
            contacts,
            care: None,
            left: None,
        };
        validate::resident_on(&mut resident, self.today).map_err(|e| self.invalid(row, &e))?;
        let mut address = Address {
            building: cell(Field::Building).to_owned(),
            unit: cell(Field::Unit).to_owned(),
            room: cell(Field::Room).to_owned(),
            text: cell(Field::Estate).to_owned(),
        };
        validate::address(&mut address).map_err(|e| self.invalid(row, &e))?;
        let mut given: Vec<Field> = Field::ALL
            .into_iter()
            .filter(|&f| !cell(f).is_empty())
            .collect();
        // Taken from the ID number: given as much as if typed.
        if id_birth.is_some() {
            given.extend([Field::Birth, Field::Gender]);
        }
        Ok(Person {
            row: row.number,
            resident,
            given,
            address,
            household: cell(Field::Household).to_owned(),
            relation: cell(Field::Relation).to_owned(),
        })
    }

    /// A refusal of the register's own checks, put on the column of the field it names.
    fn invalid(&self, row: &Row, e: &Error) -> RowError {
        let field = match e {
            Error::Invalid { field, .. } => field.as_str(),
            _ => "",
        };
        let f = match field {
            "phone" => Field::Phone,
            "health" => Field::Health,
            "id_number" => Field::IdNumber,
            "birth" => Field::Birth,
            "contacts.phone" => Field::ContactPhone,
            f if f.starts_with("contacts") => Field::ContactName,
            "address.building" => Field::Building,
            "address.unit" => Field::Unit,
            "address.room" => Field::Room,
            f if f.starts_with("address") => Field::Estate,
            _ => Field::Name,
        };
        let problem = if field == "address" {
            Problem::Empty
        } else {
            Problem::Invalid(Box::new(e.into()))
        };
        self.err(row, f, problem)
    }
}
