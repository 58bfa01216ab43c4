//! The resident as format version 1 stored it (before `left`): read from old databases and from
//! journal entries written before entry version 3, and turned into today's `Resident`.

use serde::Deserialize;

use super::resident_v2::CarePlanV2;
use super::{CarePlan, Category, EmergencyContact, Gender, Id, Resident};
use crate::day::Date;

/// Field for field the version-1 layout; bincode reads fields in order, so none may move.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct ResidentV1 {
    pub id: Id,
    pub name: String,
    pub gender: Gender,
    pub birth: Option<Date>,
    pub phone: String,
    pub id_number: Option<String>,
    pub household: Option<Id>,
    pub grid: Id,
    pub categories: Vec<Category>,
    pub health: String,
    pub contacts: Vec<EmergencyContact>,
    pub care: Option<CarePlanV2>,
}

impl From<ResidentV1> for Resident {
    fn from(r: ResidentV1) -> Resident {
        Resident {
            id: r.id,
            name: r.name,
            gender: r.gender,
            birth: r.birth,
            phone: r.phone,
            id_number: r.id_number,
            household: r.household,
            grid: r.grid,
            categories: r.categories,
            health: r.health,
            contacts: r.contacts,
            care: r.care.map(CarePlan::from),
            left: None,
        }
    }
}
