//! One fixed value of every stored type, with every optional field set and the last variant of
//! each enum where it matters, so that a reordered or retyped field changes the encoded bytes.

use qiaomen_core::model::{
    Address, Attendee, AuditEntry, CarePlan, Case, CaseEvent, CaseKind, CaseStatus, Category,
    CheckIn, Closure, Community, Decision, Delivery, Direction, EmergencyContact, EventKind,
    FileStatus, FileStep, FundEntry, Gender, Grid, Household, Meeting, MeetingKind, Member, Method,
    Need, Outcome, Partner, PartnerKind, Period, Pledge, PledgeStatus, PledgeWhat, RecordRef,
    Resident, Role, Session, Visit,
};

use qiaomen_core::register::Notice;

use super::{day, time};

pub fn community() -> Community {
    Community {
        name: "青石社区".into(),
        utc_offset_minutes: -330,
        cutoff: time("10:30"),
        retries: 4,
        ladder: qiaomen_core::model::Ladder {
            levels: [
                qiaomen_core::model::LadderLevel {
                    retries: 2,
                    every: 20,
                    knock_within: 45,
                },
                qiaomen_core::model::LadderLevel {
                    retries: 3,
                    every: 60,
                    knock_within: 180,
                },
                qiaomen_core::model::LadderLevel {
                    retries: 4,
                    every: 90,
                    knock_within: 240,
                },
            ],
        },
    }
}

pub fn grid() -> Grid {
    Grid {
        id: 3,
        code: "G3".into(),
        name: "桂园网格".into(),
        description: "桂园小区 1–8 栋".into(),
        stewards: vec![2, 300],
    }
}

pub fn member() -> Member {
    Member {
        id: 2,
        name: "柳青禾".into(),
        phone: "13800000001".into(),
        roles: Role::ALL.to_vec(),
        grid: Some(3),
        login: Some("liuqh".into()),
        active: false,
    }
}

pub fn household() -> Household {
    Household {
        id: 70_000,
        grid: 3,
        address: Address {
            building: "3".into(),
            unit: "2".into(),
            room: "501".into(),
            text: "桂园小区".into(),
        },
        members: vec![11, 12],
        categories: vec![Category::Disabled, Category::SpecialSupport],
        needs: "轮椅".into(),
        file: vec![
            FileStep {
                status: FileStatus::Registered,
                date: day("2026-01-05"),
                by: "柳青禾".into(),
                note: String::new(),
            },
            FileStep {
                status: FileStatus::Closed,
                date: day("2026-02-01"),
                by: "贺明远".into(),
                note: "帮扶到位".into(),
            },
        ],
    }
}

pub fn resident() -> Resident {
    Resident {
        id: 11,
        name: "石秋云".into(),
        gender: Gender::Unknown,
        birth: Some(day("1949-12-31")),
        phone: "073188881234".into(),
        id_number: Some("11010519491231002X".into()),
        household: Some(70_000),
        grid: 3,
        categories: vec![Category::Elder, Category::InDifficulty],
        health: "高血压\n行动不便".into(),
        contacts: vec![EmergencyContact {
            name: "石小川".into(),
            relation: "儿子".into(),
            phone: "13900000002".into(),
        }],
        care: Some(CarePlan {
            level: 1,
            callers: vec![2, 5],
            doorbell: true,
            active_from: day("2026-01-01"),
            active_to: Some(day("2027-01-01")),
            doorbell_device: None,
        }),
        left: None,
    }
}

pub fn case() -> Case {
    let ev = |d: &str, t: &str, kind| CaseEvent {
        date: day(d),
        time: time(t),
        by: "贺明远".into(),
        kind,
    };
    Case {
        id: 42,
        kind: CaseKind::Assistance,
        title: "围墙越界一砖".into(),
        grid: 3,
        parties: vec!["甲方住户".into(), "乙方住户".into()],
        residents: vec![11],
        opened: day("2026-03-01"),
        status: CaseStatus::Escalated,
        next_follow_up: Some(day("2026-04-01")),
        events: vec![
            ev(
                "2026-03-01",
                "09:05",
                EventKind::Note {
                    text: "来电反映".into(),
                },
            ),
            ev(
                "2026-03-02",
                "14:30",
                EventKind::Session(Session {
                    date: day("2026-03-02"),
                    participants: vec!["甲方住户".into(), "调解员".into()],
                    outcome: "未达成一致".into(),
                }),
            ),
            ev(
                "2026-03-03",
                "10:00",
                EventKind::Status {
                    from: CaseStatus::Resolved,
                    to: CaseStatus::Closed,
                    reason: "双方签字".into(),
                    closure: Some(Closure::Other),
                },
            ),
            ev(
                "2026-03-04",
                "10:00",
                EventKind::FollowUpSet {
                    due: day("2026-04-01"),
                },
            ),
            ev(
                "2026-03-05",
                "23:59",
                EventKind::FollowUpDone {
                    note: "已回访".into(),
                },
            ),
        ],
        // Format 1 read it as held by the community: its status is escalated.
        level: qiaomen_core::model::Level::Community,
        orgs: vec![],
        paired: None,
        since: None,
    }
}

pub fn partner() -> Partner {
    Partner {
        id: 9,
        name: "桐叶爱心药房".into(),
        kind: PartnerKind::Individual,
        agreement_signed: Some(day("2025-06-18")),
        scope: "送药上门".into(),
        contact: "桐先生".into(),
        phone: "13700000003".into(),
    }
}

pub fn pledge_money() -> Pledge {
    Pledge {
        id: 5,
        partner: 9,
        household: 70_000,
        made: day("2026-02-02"),
        what: PledgeWhat::Money {
            amount_fen: 1_000_000,
            period: Period::Year,
            until: day("2034-09-01"),
        },
        need: Some(Need::Education),
        status: PledgeStatus::Cancelled,
        deliveries: vec![Delivery {
            date: day("2026-02-10"),
            amount_fen: 1_000_000,
            reference: "ZZ-0001".into(),
            note: "首笔".into(),
        }],
        note: "每年九月开学前付清".into(),
    }
}

pub fn pledge_item() -> Pledge {
    Pledge {
        id: 6,
        partner: 9,
        household: 70_000,
        made: day("2026-02-03"),
        what: PledgeWhat::Item {
            description: "轮椅一台".into(),
        },
        need: Some(Need::Wheelchair),
        status: PledgeStatus::Fulfilled,
        deliveries: Vec::new(),
        note: String::new(),
    }
}

pub fn fund() -> FundEntry {
    FundEntry {
        id: 17,
        date: day("2026-02-10"),
        amount_fen: 250_000,
        direction: Direction::Out,
        partner: Some(9),
        household: Some(70_000),
        need: Some(Need::Education),
        note: "学费".into(),
    }
}

pub fn meeting() -> Meeting {
    Meeting {
        id: 4,
        date: day("2026-03-20"),
        kind: MeetingKind::Consultation,
        title: "协商议事会".into(),
        attendees: vec![
            Attendee::Guest("物业公司".into()),
            Attendee::Guest("业委会".into()),
        ],
        topics: vec!["加装电梯".into()],
        decisions: vec![Decision {
            text: "先做意见征询".into(),
            owner: "贺明远".into(),
            due: Some(day("2026-04-15")),
            done: Some(day("2026-04-10")),
        }],
    }
}

pub fn visit() -> Visit {
    Visit {
        id: 8,
        date: day("2026-03-21"),
        household: 70_000,
        by: "柳青禾".into(),
        findings: "家中取暖不足".into(),
    }
}

pub fn audit() -> AuditEntry {
    AuditEntry {
        id: 1_000,
        at: 1_795_973_400,
        operator: "柳青禾".into(),
        command: "case.status #42 closed".into(),
        records: vec![
            RecordRef {
                kind: "case".into(),
                id: 42,
            },
            RecordRef {
                kind: "resident".into(),
                id: 11,
            },
        ],
    }
}

/// The check-in golden: the stored value carries neither elder, date nor seq (the key does).
pub fn checkin() -> CheckIn {
    CheckIn {
        elder: 1,
        date: day("2026-11-30"),
        seq: 0,
        time: time("01:30"),
        by: "柳青禾".into(),
        method: Method::Neighbour,
        outcome: Outcome::Away,
        note: "去女儿家".into(),
        away_until: Some(day("2026-12-06")),
        contact: None,
        case: None,
    }
}

/// A public notice as published: the text is stored exactly as shown.
pub fn notice() -> Notice {
    Notice {
        id: 2,
        date: day("2026-03-12"),
        households: vec![70_000, 70_001],
        period_days: 7,
        text: "公示：桂园小区 3 栋 石*云 户\n公示期七天".into(),
    }
}
