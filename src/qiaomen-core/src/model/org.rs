//! Organisations that are parties to cases or attend meetings: property companies (物业),
//! owners' committees (业委会), builders, units, law firms.

use serde::{Deserialize, Serialize};

use super::{Id, codes};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// 物业公司
    PropertyCompany,
    /// 业主委员会
    OwnersCommittee,
    /// 施工方 / 开发商
    Builder,
    /// 单位
    Unit,
    /// 律师事务所
    LawFirm,
    Other,
}

codes!(OrgKind {
    PropertyCompany => "property_company",
    OwnersCommittee => "owners_committee",
    Builder => "builder",
    Unit => "unit",
    LawFirm => "law_firm",
    Other => "other",
});

/// A person to call at an organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgContact {
    pub name: String,
    #[serde(default)]
    pub phone: String,
}

/// An organisation of the register (format 1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Org {
    #[serde(default)]
    pub id: Id,
    pub name: String,
    pub kind: OrgKind,
    #[serde(default)]
    pub contacts: Vec<OrgContact>,
    #[serde(default)]
    pub note: String,
}
