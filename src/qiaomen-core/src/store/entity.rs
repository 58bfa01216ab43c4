//! What the store needs to know about each stored type: its tree, its format version and how
//! to read older versions.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::Tree;
use super::codec::{self, decode_body, split_version, unknown_version};
use crate::error::Result;
use crate::model::{
    AuditEntry, Case, FundEntry, Grid, Household, Id, Meeting, Member, Partner, Pledge, Resident,
    Visit,
};

pub trait Entity: Serialize + DeserializeOwned + Clone {
    /// The name used in messages, audit entries and JSON (`resident`).
    const KIND: &'static str;
    const TREE: Tree;
    /// The current format version of the stored bytes.
    const VERSION: u8;

    fn id(&self) -> Id;
    fn set_id(&mut self, id: Id);

    fn encode(&self) -> Vec<u8> {
        codec::encode(Self::VERSION, self)
    }

    /// Older versions stored in the same bincode shape, read by the same decoder (the type's
    /// serde parsing maps their values, as `model/stored.rs` maps the free text of version 1).
    const SAME_SHAPE: &'static [u8] = &[];

    /// Reads the current version; older versions are migrated here when there are any.
    fn decode(bytes: &[u8]) -> Result<Self> {
        let (version, body) = split_version(Self::KIND, bytes)?;
        if version == Self::VERSION || Self::SAME_SHAPE.contains(&version) {
            decode_body(Self::KIND, body)
        } else {
            Err(unknown_version(Self::KIND, version))
        }
    }
}

macro_rules! entity {
    ($ty:ty, $kind:literal, $tree:ident, $version:literal) => {
        entity!($ty, $kind, $tree, $version, []);
    };
    ($ty:ty, $kind:literal, $tree:ident, $version:literal, [$($same:literal),*]) => {
        impl Entity for $ty {
            const KIND: &'static str = $kind;
            const TREE: Tree = Tree::$tree;
            const VERSION: u8 = $version;
            const SAME_SHAPE: &'static [u8] = &[$($same),*];
            fn id(&self) -> Id {
                self.id
            }
            fn set_id(&mut self, id: Id) {
                self.id = id;
            }
        }
    };
}

entity!(Grid, "grid", Grids, 1);
entity!(Member, "member", Members, 1);
entity!(Household, "household", Households, 1);
/// Version 2 added the level, the organisations and the paired steward at the end (issue 16);
/// version 1 reads through `CaseV1` (held by its grid, or by the community when escalated).
impl Entity for Case {
    const KIND: &'static str = "case";
    const TREE: Tree = Tree::Cases;
    const VERSION: u8 = 2;
    fn id(&self) -> Id {
        self.id
    }
    fn set_id(&mut self, id: Id) {
        self.id = id;
    }
    fn decode(bytes: &[u8]) -> Result<Self> {
        let (version, body) = split_version(Self::KIND, bytes)?;
        match version {
            2 => decode_body(Self::KIND, body),
            1 => decode_body::<crate::model::CaseV1>(Self::KIND, body).map(Case::from),
            v => Err(unknown_version(Self::KIND, v)),
        }
    }
}

/// Version 2 added `left` (a departure) at the end; version 1 reads with `left` unset.
/// Version 3 added the care plan's `doorbell_device`; versions 1 and 2 read without one.
impl Entity for Resident {
    const KIND: &'static str = "resident";
    const TREE: Tree = Tree::Residents;
    const VERSION: u8 = 3;
    fn id(&self) -> Id {
        self.id
    }
    fn set_id(&mut self, id: Id) {
        self.id = id;
    }
    fn decode(bytes: &[u8]) -> Result<Self> {
        let (version, body) = split_version(Self::KIND, bytes)?;
        match version {
            3 => decode_body(Self::KIND, body),
            2 => decode_body::<crate::model::ResidentV2>(Self::KIND, body).map(Resident::from),
            1 => decode_body::<crate::model::ResidentV1>(Self::KIND, body).map(Resident::from),
            v => Err(unknown_version(Self::KIND, v)),
        }
    }
}
entity!(Partner, "partner", Partners, 1);
/// Version 2: `need` is a tag code (`model::Need`) where version 1 held free text, in the same
/// bincode shape; version-1 text reads as its tag, or as no tag with the word kept in the note
/// (see `model/stored.rs`). Version 3 added `note` at the end; 1 and 2 read with none.
impl Entity for Pledge {
    const KIND: &'static str = "pledge";
    const TREE: Tree = Tree::Pledges;
    const VERSION: u8 = 3;
    fn id(&self) -> Id {
        self.id
    }
    fn set_id(&mut self, id: Id) {
        self.id = id;
    }
    fn decode(bytes: &[u8]) -> Result<Self> {
        let (version, body) = split_version(Self::KIND, bytes)?;
        match version {
            3 => decode_body(Self::KIND, body),
            1 | 2 => crate::model::pledges_without_note(|| decode_body(Self::KIND, body)),
            v => Err(unknown_version(Self::KIND, v)),
        }
    }
}
// Version 2: as the pledge's; a version-1 word no tag stands for is kept in the note.
entity!(FundEntry, "fund", Fund, 2, [1]);
/// Version 2: attendees are references (`model::Attendee`); version 1 held names, read as
/// guests.
impl Entity for Meeting {
    const KIND: &'static str = "meeting";
    const TREE: Tree = Tree::Meetings;
    const VERSION: u8 = 2;
    fn id(&self) -> Id {
        self.id
    }
    fn set_id(&mut self, id: Id) {
        self.id = id;
    }
    fn decode(bytes: &[u8]) -> Result<Self> {
        let (version, body) = split_version(Self::KIND, bytes)?;
        match version {
            2 => decode_body(Self::KIND, body),
            1 => crate::model::meetings_with_names(|| decode_body(Self::KIND, body)),
            v => Err(unknown_version(Self::KIND, v)),
        }
    }
}
entity!(Visit, "visit", Visits, 1);
entity!(crate::register::Notice, "notice", Notices, 1);
entity!(AuditEntry, "audit", Audit, 1);
entity!(crate::cadence::Cadence, "cadence", Cadence, 1);
entity!(crate::cadence::Campaign, "campaign", Campaigns, 1);
entity!(crate::care::Team, "team", Teams, 1);
entity!(crate::care::Service, "service", Services, 1);
entity!(crate::care::ServicePlan, "service_plan", ServicePlans, 1);
entity!(crate::care::Support, "support", Supports, 1);
entity!(crate::model::Org, "org", Orgs, 1);
// Partners' activities, goods and agreement duties (issue 16 point 3).
entity!(crate::model::Activity, "activity", Activities, 1);
entity!(crate::model::Goods, "goods", Goods, 1);
entity!(crate::model::Duty, "duty", Duties, 1);
