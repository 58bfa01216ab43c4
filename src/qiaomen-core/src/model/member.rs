use serde::{Deserialize, Serialize};

use super::{Id, codes};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Steward,
    BuildingHead,
    Cadre,
    PartyVolunteer,
    Volunteer,
    CaringNeighbour,
    Worker,
    Admin,
}

codes!(Role {
    Steward => "steward",
    BuildingHead => "building_head",
    Cadre => "cadre",
    PartyVolunteer => "party_volunteer",
    Volunteer => "volunteer",
    CaringNeighbour => "caring_neighbour",
    Worker => "worker",
    Admin => "admin",
});

/// A person of the team: steward, cadre, volunteer, worker…
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    #[serde(default)]
    pub id: Id,
    pub name: String,
    #[serde(default)]
    pub phone: String,
    pub roles: Vec<Role>,
    #[serde(default)]
    pub grid: Option<Id>,
    /// The OS user name this member logs in as, so `--as` defaults to them.
    #[serde(default)]
    pub login: Option<String>,
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}
