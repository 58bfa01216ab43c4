use serde::{Deserialize, Serialize};

use super::{Id, codes};
use crate::day::Date;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Female,
    Male,
    #[default]
    Unknown,
}

codes!(Gender { Female => "female", Male => "male", Unknown => "unknown" });

/// Care categories of residents and households.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Elder,
    Disabled,
    LeftBehindChild,
    InDifficulty,
    SpecialSupport,
}

codes!(Category {
    Elder => "elder",
    Disabled => "disabled",
    LeftBehindChild => "left_behind_child",
    InDifficulty => "in_difficulty",
    SpecialSupport => "special_support",
});

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmergencyContact {
    pub name: String,
    #[serde(default)]
    pub relation: String,
    pub phone: String,
}

/// What makes a resident an elder on the daily check-in list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarePlan {
    /// 1 high risk, 2 key, 3 general (分类管理).
    pub level: u8,
    /// Members who call this elder; one-to-one or many-to-one.
    #[serde(default)]
    pub callers: Vec<Id>,
    #[serde(default)]
    pub doorbell: bool,
    pub active_from: Date,
    #[serde(default)]
    pub active_to: Option<Date>,
    /// The id of the elder's doorbell (幸福门铃) as its vendor's relay sends it (`DB-0012`);
    /// a press from it is a check-in by doorbell (format version 3).
    #[serde(default)]
    pub doorbell_device: Option<Box<str>>,
}

impl CarePlan {
    pub fn active_on(&self, day: Date) -> bool {
        self.active_from <= day && self.active_to.is_none_or(|to| day <= to)
    }
}

/// Why a resident left the community's roll.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeaveReason {
    Moved,
    Died,
    Other,
}

codes!(LeaveReason { Moved => "moved", Died => "died", Other => "other" });

/// A resident who moved out or died: off the roll from `date` on (not before), with the
/// reason kept. The record and its history stay; a care plan ends the day before.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Departure {
    pub date: Date,
    pub reason: LeaveReason,
    #[serde(default)]
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resident {
    #[serde(default)]
    pub id: Id,
    pub name: String,
    #[serde(default)]
    pub gender: Gender,
    #[serde(default)]
    pub birth: Option<Date>,
    #[serde(default)]
    pub phone: String,
    /// GB 11643, checked on input, shown masked.
    #[serde(default)]
    pub id_number: Option<String>,
    #[serde(default)]
    pub household: Option<Id>,
    pub grid: Id,
    #[serde(default)]
    pub categories: Vec<Category>,
    #[serde(default)]
    pub health: String,
    /// In the order they should be called.
    #[serde(default)]
    pub contacts: Vec<EmergencyContact>,
    #[serde(default)]
    pub care: Option<CarePlan>,
    /// Set when the resident has left (format version 2; older records have none). Boxed: most
    /// residents have none, and every command carrying a resident stays small.
    #[serde(default)]
    pub left: Option<Box<Departure>>,
}

impl Resident {
    /// Whether the resident still lived here on `day` (a departure counts from its date).
    pub fn lives_here_on(&self, day: Date) -> bool {
        self.left.as_ref().is_none_or(|l| day < l.date)
    }

    pub fn age_on(&self, day: Date) -> Option<i32> {
        self.birth.map(|b| day.years_since(b))
    }
}
