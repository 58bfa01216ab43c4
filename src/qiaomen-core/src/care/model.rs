//! The records of issue 16 points 1–2: volunteer teams, services given to people in care,
//! recurring service plans, and support records for every kind of person in care other than
//! an elder living alone (whose care plan stays on the resident, for the roll call).

use serde::{Deserialize, Serialize};

use crate::day::Date;
use crate::model::{Category, Id, codes};

/// What kind of volunteer team (志愿队) a team is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TeamKind {
    /// A residents' own team (e.g. a "辣利婆" group of neighbours).
    Residents,
    /// Young professionals' volunteer group (青年志愿者).
    Young,
    /// Party-member volunteers (党员志愿者).
    Party,
    Other,
}

codes!(TeamKind { Residents => "residents", Young => "young", Party => "party", Other => "other" });

/// A person who can be on a team or give a service: a member of staff, or a resident.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Person {
    Member(Id),
    Resident(Id),
}

/// A volunteer team: its members, one of them the leader.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    #[serde(default)]
    pub id: Id,
    pub name: String,
    pub kind: TeamKind,
    #[serde(default)]
    pub members: Vec<Person>,
    /// One of `members`.
    #[serde(default)]
    pub leader: Option<Person>,
    #[serde(default)]
    pub note: String,
}

/// What a service was (the list: 打扫卫生, 陪聊天, 联系医疗帮扶, 心理护航, 四点半课堂,
/// 上门健康检查).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceKind {
    Cleaning,
    Company,
    Medical,
    Counselling,
    Tutoring,
    HealthCheck,
    Other,
}

codes!(ServiceKind {
    Cleaning => "cleaning",
    Company => "company",
    Medical => "medical",
    Counselling => "counselling",
    Tutoring => "tutoring",
    HealthCheck => "health_check",
    Other => "other",
});

/// Who a service or a support record is for: a resident or a whole household.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Whom {
    Resident(Id),
    Household(Id),
}

/// Who gives a service: a member of staff, a volunteer team, or a partner.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Provider {
    Member(Id),
    Team(Id),
    Partner(Id),
}

/// One service given (服务记录).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    #[serde(default)]
    pub id: Id,
    pub date: Date,
    pub whom: Whom,
    pub kind: ServiceKind,
    pub by: Provider,
    /// The people who went, for volunteer hours: a team's members who did the work (a service
    /// by a member counts for that member without being listed here).
    #[serde(default)]
    pub helpers: Vec<Person>,
    /// How long it took; 0 when not recorded.
    #[serde(default)]
    pub minutes: u32,
    #[serde(default)]
    pub note: String,
}

impl Service {
    /// The people whose volunteer hours this service adds to: the member who gave it, and
    /// every helper named (each once).
    pub fn workers(&self) -> Vec<Person> {
        let mut out = Vec::with_capacity(self.helpers.len() + 1);
        if let Provider::Member(m) = self.by {
            out.push(Person::Member(m));
        }
        for &h in &self.helpers {
            if !out.contains(&h) {
                out.push(h);
            }
        }
        out
    }
}

/// A recurring service (服务计划): what, how often, by whom, for whom, from a day until ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServicePlan {
    #[serde(default)]
    pub id: Id,
    pub whom: Whom,
    pub kind: ServiceKind,
    pub by: Provider,
    /// Days between two services (7 weekly, 30 monthly).
    pub every_days: u16,
    pub from: Date,
    /// The last day of the plan, once ended.
    #[serde(default)]
    pub ended: Option<Date>,
    #[serde(default)]
    pub note: String,
}

impl ServicePlan {
    pub fn active_on(&self, day: Date) -> bool {
        self.from <= day && self.ended.is_none_or(|e| day <= e)
    }
}

/// Care for a person or household in care who is not an elder living alone (帮扶记录): a
/// person with a disability, a left-behind child, a household in difficulty or a special
/// support family. The kind is the resident category of the same name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Support {
    #[serde(default)]
    pub id: Id,
    pub whom: Whom,
    /// Never `Category::Elder`: an elder's care is the care plan and the roll call.
    pub kind: Category,
    /// The members paired with them: one (一对一) or several (多对一).
    #[serde(default)]
    pub carers: Vec<Id>,
    /// Days between two contacts; `None`: the kind's default (`default_every_days`).
    #[serde(default)]
    pub every_days: Option<u16>,
    /// 家庭情况
    #[serde(default)]
    pub family: String,
    /// 困难
    #[serde(default)]
    pub difficulties: String,
    /// 诉求 (help wanted)
    #[serde(default)]
    pub help_wanted: String,
    pub from: Date,
    /// The last day of the support, once ended, with the reason.
    #[serde(default)]
    pub ended: Option<Ended>,
}

/// How a support record or plan ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ended {
    pub date: Date,
    #[serde(default)]
    pub reason: String,
}

/// One carer or several.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pairing {
    OneToOne,
    ManyToOne,
}

codes!(Pairing { OneToOne => "one_to_one", ManyToOne => "many_to_one" });

/// The contact rhythm a kind has unless the record sets its own: weekly for a person with a
/// disability and a left-behind child, monthly for a household in difficulty or a special
/// support family (the elders' daily greeting is the roll call).
pub fn default_every_days(kind: Category) -> u16 {
    match kind {
        Category::Disabled | Category::LeftBehindChild => 7,
        Category::Elder => 1,
        Category::InDifficulty | Category::SpecialSupport => 30,
    }
}

impl Support {
    pub fn every(&self) -> u16 {
        self.every_days
            .unwrap_or_else(|| default_every_days(self.kind))
    }

    pub fn pairing(&self) -> Pairing {
        if self.carers.len() > 1 {
            Pairing::ManyToOne
        } else {
            Pairing::OneToOne
        }
    }

    pub fn active_on(&self, day: Date) -> bool {
        self.from <= day && self.ended.as_ref().is_none_or(|e| day <= e.date)
    }
}
