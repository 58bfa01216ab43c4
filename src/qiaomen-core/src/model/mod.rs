//! The community's records. Every type here is stored (one sled tree each) and exported as
//! JSON Lines; stored types change only with a new format version (see `store::codec`).
//!
//! Serde attributes are limited to what bincode, a format that is not self-describing,
//! can read back: no `flatten`, no `skip_serializing_if`, no internally tagged enums.

mod attendee;
mod audit;
mod case;
mod case_v1;
mod checkin;
mod checkin_v1;
mod community;
mod community_v1;
mod household;
mod member;
mod need;
mod org;
mod outreach;
mod partner;
mod resident;
mod resident_v1;
mod resident_v2;
mod stored;

pub use attendee::{Attendee, meetings_with_names};
pub use audit::{AuditEntry, RecordRef};
pub use case::{
    Case, CaseEvent, CaseKind, CaseStatus, Closure, ContactHow, EventKind, Level, Party, Session,
};
pub use case_v1::CaseV1;
pub use checkin::{CheckIn, CheckInKey, Method, Outcome};
pub use checkin_v1::CheckInV1;
pub use community::{Community, Grid, Ladder, LadderLevel};
pub use community_v1::CommunityV1;
pub use household::{Address, FileStatus, FileStep, Household};
pub use member::{Member, Role};
pub use need::{Need, keep_word, need_code};
pub use org::{Org, OrgContact, OrgKind};
pub use outreach::{Activity, ActivityKind, Duty, Goods, Side};
pub use partner::{
    Decision, Delivery, Direction, FundEntry, Meeting, MeetingKind, Partner, PartnerKind, Period,
    Pledge, PledgeStatus, PledgeWhat, Visit,
};
pub use resident::{
    CarePlan, Category, Departure, EmergencyContact, Gender, LeaveReason, Resident,
};
pub use resident_v1::ResidentV1;
pub use resident_v2::{CarePlanV2, ResidentV2};
pub use stored::pledges_without_note;

/// Record ids are allocated by the store, from 1.
pub type Id = u64;

/// Implements `as_str`, `ALL` and `FromStr` for a unit enum from one list of
/// `Variant => "code"` pairs, so the codes used on the command line, in JSON and in the
/// database agree.
macro_rules! codes {
    ($ty:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        impl $ty {
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $code),+ }
            }
        }
        impl std::str::FromStr for $ty {
            type Err = crate::error::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let s = s.trim().to_ascii_lowercase().replace('_', "-");
                $(if s == $code.replace('_', "-") { return Ok($ty::$variant); })+
                let all: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                Err(crate::error::Error::invalid(stringify!($ty).to_ascii_lowercase(), crate::reason::Reason::NotOneOf { text: s.clone(), allowed: all.iter().map(|a| (*a).to_owned()).collect() }))
            }
        }
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use codes;
