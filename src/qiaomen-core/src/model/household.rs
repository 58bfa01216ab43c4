use std::fmt;

use serde::{Deserialize, Serialize};

use super::{Category, Id, codes};
use crate::day::Date;

/// Where a household lives: building, unit and room, or free text for the rest.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    #[serde(default)]
    pub building: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub room: String,
    /// The compound or street, or the whole address when it has no building numbers.
    #[serde(default)]
    pub text: String,
}

impl Address {
    /// `顺安小区 3-2-501`: the form stewards say aloud.
    /// Written into one string (the roll call lays out one per elder: 20,000 at a district).
    pub fn short(&self) -> String {
        let nums = [&self.building, &self.unit, &self.room];
        let len = self.text.len() + nums.iter().map(|n| n.len() + 1).sum::<usize>();
        let mut out = String::with_capacity(len);
        out.push_str(&self.text);
        // Before the first number a space (after a compound), between numbers a dash.
        let mut sep = if out.is_empty() { "" } else { " " };
        for n in nums.into_iter().filter(|n| !n.is_empty()) {
            out.push_str(sep);
            out.push_str(n);
            sep = "-";
        }
        out
    }

    /// The address down to the building only, for public notices.
    pub fn to_building(&self) -> String {
        match (self.text.is_empty(), self.building.is_empty()) {
            (false, false) => format!("{} {}", self.text, self.building),
            (false, true) => self.text.clone(),
            (true, _) => self.building.clone(),
        }
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.short())
    }
}

/// The household file's workflow (一户一档 → 审核公示 → 发布认领 → 全程跟踪).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum FileStatus {
    #[default]
    Registered,
    Reviewed,
    Noticed,
    Published,
    Claimed,
    Tracking,
    Closed,
}

codes!(FileStatus {
    Registered => "registered",
    Reviewed => "reviewed",
    Noticed => "noticed",
    Published => "published",
    Claimed => "claimed",
    Tracking => "tracking",
    Closed => "closed",
});

/// One step of a household file: who moved it where, and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStep {
    pub status: FileStatus,
    pub date: Date,
    pub by: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Household {
    #[serde(default)]
    pub id: Id,
    pub grid: Id,
    pub address: Address,
    /// Residents of the household; the first is the head.
    #[serde(default)]
    pub members: Vec<Id>,
    #[serde(default)]
    pub categories: Vec<Category>,
    /// What the household needs help with.
    #[serde(default)]
    pub needs: String,
    /// The file's steps, oldest first; the last one is its status. Empty: no file.
    #[serde(default)]
    pub file: Vec<FileStep>,
}

impl Household {
    pub fn file_status(&self) -> Option<FileStatus> {
        self.file.last().map(|s| s.status)
    }
}

#[cfg(test)]
mod tests {
    use super::Address;

    fn address(text: &str, building: &str, unit: &str, room: &str) -> Address {
        Address {
            building: building.into(),
            unit: unit.into(),
            room: room.into(),
            text: text.into(),
        }
    }

    #[test]
    fn the_short_address_joins_the_numbers_given_after_the_compound() {
        let short = |t, b, u, r| address(t, b, u, r).short();
        assert_eq!(short("顺安小区", "3", "2", "501"), "顺安小区 3-2-501");
        assert_eq!(short("顺安小区", "3", "", "501"), "顺安小区 3-501");
        assert_eq!(short("顺安小区", "", "", "9"), "顺安小区 9");
        assert_eq!(short("顺安小区", "", "", ""), "顺安小区");
        assert_eq!(short("", "3", "2", "501"), "3-2-501");
        assert_eq!(short("", "", "2", ""), "2");
        assert_eq!(short("", "", "", ""), "");
    }
}
