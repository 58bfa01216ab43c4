//! Disputes, petitions, resident requests and assistance cases, each with a timeline built as
//! the case commands would have built it: an intake note, mediation sessions (the first moves
//! the case to mediating), status changes that follow `cases::next_statuses`, closures that
//! fit the kind, and a follow-up date on cases still open.

use super::Ctx;
use super::people;
use super::rng::{Rng, Stream};
use super::team;
use crate::day::{ClockTime, Date};
use crate::model::{
    Case, CaseEvent, CaseKind, CaseStatus, Closure, EventKind, Id, Level, Resident, Session,
};

const DISPUTES: &[&str] = &[
    "楼上漏水纠纷",
    "邻里噪音纠纷",
    "围墙越界纠纷",
    "停车位纠纷",
    "宠物扰民纠纷",
    "装修噪音纠纷",
    "公共楼道堆物纠纷",
];

const PETITIONS: &[&str] = &[
    "拆迁补偿信访",
    "房屋产权信访",
    "低保资格信访",
    "安置房分配信访",
];

const REQUESTS: &[&str] = &[
    "路灯不亮",
    "电梯故障频繁",
    "楼道堆放杂物",
    "下水道堵塞",
    "希望增设健身器材",
    "垃圾清运不及时",
    "单元门禁损坏",
];

const ASSISTANCE: &[&str] = &["临时救助申请", "助学申请", "医疗救助申请", "就业帮扶申请"];

const TALKS: &[&str] = &[
    "双方各自陈述，分歧较大，约定下次再谈",
    "查看现场，请双方提供相关材料",
    "双方情绪平稳，初步达成一致意见",
    "邀请律师讲解相关法规，双方表示理解",
];

/// Working hours for case events.
fn office_time(rng: &mut Rng) -> ClockTime {
    ClockTime::from_minutes(rng.range(8 * 60 + 30, 17 * 60 + 30) as u16).expect("in the day")
}

struct Timeline<'a> {
    rng: Rng,
    by: &'a str,
    last: Date,
    date: Date,
    status: CaseStatus,
    level: Level,
    events: Vec<CaseEvent>,
}

impl Timeline<'_> {
    /// Moves the clock on by `days`; `false` when that would pass the last generated day.
    fn wait(&mut self, lo: i64, hi: i64) -> bool {
        let next = self.date.add_days(self.rng.range(lo, hi));
        if next > self.last {
            return false;
        }
        self.date = next;
        true
    }

    fn push(&mut self, kind: EventKind) {
        let time = office_time(&mut self.rng);
        self.events.push(CaseEvent {
            date: self.date,
            time,
            by: self.by.to_owned(),
            kind,
        });
    }

    fn status(&mut self, to: CaseStatus, reason: &str, closure: Option<Closure>) {
        debug_assert!(crate::cases::next_statuses(self.status).contains(&to));
        self.push(EventKind::Status {
            from: self.status,
            to,
            reason: reason.to_owned(),
            closure,
        });
        self.status = to;
    }

    fn session(&mut self, n: usize, participants: Vec<String>, outcome: &str) {
        self.push(EventKind::Session(Session {
            date: self.date,
            participants,
            outcome: outcome.to_owned(),
        }));
        if self.status == CaseStatus::Open {
            self.status(
                CaseStatus::Mediating,
                &crate::stored_text::mediation_session(n),
                None,
            );
        }
    }
}

/// A household's residents, picked at random within grid `g`.
fn household_in(ctx: &Ctx, rng: &mut Rng, g: usize) -> (usize, Vec<Resident>) {
    let houses = &ctx.plan.grids[g].houses;
    let index = houses.start + rng.index(houses.len());
    (index, people::residents(ctx, index))
}

pub(crate) fn case(ctx: &Ctx, index: usize) -> Case {
    let mut rng = Rng::of(ctx.seed, Stream::Case, index as u64);
    let g = rng.index(ctx.plan.sizes.grids);
    let kind = rng.weighted(&[
        (CaseKind::Request, 45),
        (CaseKind::Dispute, 30),
        (CaseKind::Assistance, 15),
        (CaseKind::Petition, 10),
    ]);
    let last = ctx.last_day();
    let age = if kind == CaseKind::Petition {
        rng.range(30, 730)
    } else {
        rng.range(0, 365)
    };
    let opened = last.add_days(-age);
    let (_, first) = household_in(ctx, &mut rng, g);
    let a = &first[0];
    let mut parties = vec![a.name.clone()];
    let mut residents = vec![a.id];
    let compound = &ctx.plan.grids[g].compound;
    let title = match kind {
        CaseKind::Dispute => {
            let (_, second) = household_in(ctx, &mut rng, g);
            let b = &second[0];
            if b.id != a.id {
                parties.push(b.name.clone());
                residents.push(b.id);
            }
            format!("{compound}{}", rng.pick(DISPUTES))
        }
        CaseKind::Petition => format!("{}{}", a.name, rng.pick(PETITIONS)),
        CaseKind::Request => format!("{compound}{}", rng.pick(REQUESTS)),
        CaseKind::Assistance => format!("{}{}", a.name, rng.pick(ASSISTANCE)),
    };
    let by = ctx.member_name(ctx.plan.member_id(g, team::WORKER_SLOTS[index % 2]));
    let mut t = Timeline {
        rng,
        by,
        last,
        date: opened,
        status: CaseStatus::Open,
        level: Level::Grid,
        events: Vec::new(),
    };
    t.push(EventKind::Note {
        text: format!("{}反映：{title}", parties[0]),
    });
    run(&mut t, kind, &parties);
    let next_follow_up = if t.status == CaseStatus::Closed {
        None
    } else {
        let due = t.date.add_days(t.rng.range(3, 14));
        t.push(EventKind::FollowUpSet { due });
        Some(due)
    };
    Case {
        id: index as Id + 1,
        kind,
        title,
        grid: g as Id + 1,
        parties,
        residents,
        opened,
        status: t.status,
        next_follow_up,
        events: t.events,
        level: t.level,
        orgs: Vec::new(),
        paired: None,
        since: None,
    }
}

/// Plays the case forward until it closes or the days run out.
fn run(t: &mut Timeline<'_>, kind: CaseKind, parties: &[String]) {
    match kind {
        CaseKind::Dispute | CaseKind::Petition => {
            let sessions = t
                .rng
                .weighted(&[(1, 30), (2, 30), (3, 20), (4, 10), (6, 10)]);
            let mut participants = vec![t.by.to_owned()];
            participants.extend(parties.iter().cloned());
            for n in 1..=sessions {
                if !t.wait(2, 14) {
                    return;
                }
                let outcome = if n == sessions {
                    "达成一致意见"
                } else {
                    t.rng.pick(TALKS)
                };
                t.session(n, participants.clone(), outcome);
            }
            if kind == CaseKind::Petition && t.rng.chance(0.1) {
                if t.wait(3, 20) {
                    t.push(EventKind::Escalated {
                        from: Level::Grid,
                        to: Level::Subdistrict,
                        reason: "涉及政策问题，上报街道协调".to_owned(),
                    });
                    t.level = Level::Subdistrict;
                }
                return;
            }
            if !t.wait(1, 7) {
                return;
            }
            let reason = if kind == CaseKind::Dispute {
                "双方签订调解协议"
            } else {
                "诉求依法依规解决，信访人表示满意"
            };
            t.status(CaseStatus::Resolved, reason, None);
            if !t.wait(7, 30) {
                return;
            }
            let closure = match kind {
                CaseKind::Dispute => Closure::Agreement,
                _ if t.rng.chance(0.5) => Closure::Withdrawn,
                _ => Closure::Settled,
            };
            if closure == Closure::Settled {
                t.push(EventKind::Statement {
                    on: t.date,
                    text: "信访人书面表示问题已解决，不再上访".to_owned(),
                });
            }
            t.status(CaseStatus::Closed, "回访无异议，结案", Some(closure));
        }
        CaseKind::Request | CaseKind::Assistance => {
            if !t.wait(1, 10) {
                return;
            }
            let reason = if kind == CaseKind::Request {
                "已联系物业公司处理"
            } else {
                "已链接帮扶资源"
            };
            t.status(CaseStatus::Resolved, reason, None);
            if !t.wait(3, 20) {
                return;
            }
            t.status(CaseStatus::Closed, "居民确认已解决", Some(Closure::Other));
        }
    }
}
