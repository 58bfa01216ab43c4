//! The resident as format version 2 stored it (before `CarePlan::doorbell_device`): read from
//! old databases and from journal entries written before entry version 4. Version 1 (no
//! `left`) carries the same old care plan.

use serde::Deserialize;

use super::{CarePlan, Category, Departure, EmergencyContact, Gender, Id, Resident};
use crate::day::Date;

/// The care plan of resident format versions 1 and 2; field for field, since bincode reads
/// fields in order.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct CarePlanV2 {
    pub level: u8,
    pub callers: Vec<Id>,
    pub doorbell: bool,
    pub active_from: Date,
    pub active_to: Option<Date>,
}

impl From<CarePlanV2> for CarePlan {
    fn from(c: CarePlanV2) -> CarePlan {
        CarePlan {
            level: c.level,
            callers: c.callers,
            doorbell: c.doorbell,
            active_from: c.active_from,
            active_to: c.active_to,
            doorbell_device: None,
        }
    }
}

/// Field for field the version-2 layout.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct ResidentV2 {
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
    pub left: Option<Box<Departure>>,
}

impl From<ResidentV2> for Resident {
    fn from(r: ResidentV2) -> Resident {
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
            left: r.left,
        }
    }
}
