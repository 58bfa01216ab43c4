//! The partners around the community, the meetings held with them, and household visits.

use super::Ctx;
use super::files;
use super::names;
use super::places;
use super::plan::HouseKind;
use super::rng::{Rng, Stream};
use super::team::{self, WORKER_SLOTS};
use crate::day::Date;
use crate::model::{Attendee, Decision, Id, Meeting, MeetingKind, Partner, PartnerKind, Visit};

pub(crate) fn partner(seed: u64, last: Date, index: usize) -> Partner {
    let mut rng = Rng::of(seed, Stream::Partner, index as u64);
    let kind = rng.weighted(&[
        (PartnerKind::Enterprise, 45),
        (PartnerKind::Unit, 25),
        (PartnerKind::School, 10),
        (PartnerKind::Bank, 10),
        (PartnerKind::Individual, 10),
    ]);
    let year = last.year() - rng.range(25, 60) as i32;
    let gender = names::gender(&mut rng, 0.5);
    let surname = names::surname(&mut rng);
    let contact = names::person(&mut rng, surname, gender, year);
    let (name, contact) = if kind == PartnerKind::Individual {
        (contact, String::new())
    } else {
        (places::partner_name(&mut rng, kind), contact)
    };
    let scope = match kind {
        PartnerKind::Enterprise => "爱心捐赠，认领困难家庭",
        PartnerKind::Unit => "共建联建，党员志愿服务",
        PartnerKind::School => "关爱留守儿童，课业辅导",
        PartnerKind::Bank => "金融知识进社区，助学",
        PartnerKind::Individual => "结对帮扶",
    };
    Partner {
        id: index as Id + 1,
        name,
        kind,
        agreement_signed: (kind != PartnerKind::Individual && rng.chance(0.7))
            .then(|| last.add_days(-rng.range(30, 1000))),
        scope: scope.to_owned(),
        contact,
        phone: places::phone(&mut rng),
    }
}

const JOINT_TOPICS: &[&str] = &[
    "困难家庭认领进展",
    "独居老人每日问候情况通报",
    "驻区单位志愿服务安排",
    "小区消防通道整治",
    "节日慰问活动分工",
    "帮扶基金使用情况",
];

const CONSULT_TOPICS: &[&str] = &[
    "老旧小区加装电梯",
    "小区停车位划线",
    "垃圾分类投放点选址",
    "楼道照明改造",
    "物业费调整",
    "公共绿地改建健身场地",
];

const DECISIONS: &[&str] = &[
    "本月内完成困难家庭回访",
    "联系物业公司落实整改",
    "组织党员志愿者上门服务",
    "下次会议通报进展",
    "向街道提交书面报告",
];

/// Joint meetings and consultations over the past year: three per grid.
pub(crate) fn meetings(ctx: &Ctx) -> Vec<Meeting> {
    let last = ctx.last_day();
    let count = ctx.plan.sizes.grids * 3;
    let mut days: Vec<Date> = (0..count)
        .map(|i| {
            let mut rng = Rng::of(ctx.seed, Stream::Meeting, i as u64);
            last.add_days(-rng.range(0, 364))
        })
        .collect();
    days.sort();
    days.into_iter()
        .enumerate()
        .map(|(i, date)| {
            let mut rng = Rng::of(ctx.seed, Stream::Meeting, (count + i) as u64);
            let g = rng.index(ctx.plan.sizes.grids);
            let joint = rng.chance(0.65);
            let mut topics: Vec<String> = Vec::new();
            let (kind, title) = if joint {
                for _ in 0..rng.range(1, 3) {
                    let t = rng.pick(JOINT_TOPICS).to_owned();
                    if !topics.contains(&t) {
                        topics.push(t);
                    }
                }
                let title = format!("{}月党建联席会议", date.month());
                (MeetingKind::JointMeeting, title)
            } else {
                // A consultation is about one matter, named in its title.
                let topic = rng.pick(CONSULT_TOPICS);
                topics.push(topic.to_owned());
                let title = format!("{}{topic}协商议事会", ctx.plan.grids[g].compound);
                (MeetingKind::Consultation, title)
            };
            // The grid's steward and worker as members of the register; partners and the
            // owners' and property company's representatives as guests.
            let members = [
                ctx.plan.member_id(g, 0),
                ctx.plan.member_id(g, WORKER_SLOTS[0]),
            ];
            let mut names: Vec<String> = members
                .iter()
                .map(|&m| ctx.member_name(m).to_owned())
                .collect();
            let mut attendees: Vec<Attendee> =
                members.iter().map(|&m| Attendee::Member(m)).collect();
            for _ in 0..rng.range(1, 3) {
                let p = &ctx.partners[rng.index(ctx.partners.len())].name;
                if !names.contains(p) {
                    names.push(p.clone());
                    attendees.push(Attendee::Guest(p.clone()));
                }
            }
            if !joint {
                attendees.push(Attendee::Guest("业主委员会代表".to_owned()));
                attendees.push(Attendee::Guest("物业公司代表".to_owned()));
            }
            let decisions = (0..rng.range(1, 2))
                .map(|_| {
                    let due = date.add_days(rng.range(7, 45));
                    let done = (due < last && rng.chance(0.7))
                        .then(|| date.add_days(rng.range(3, due.days_since(date))));
                    Decision {
                        text: rng.pick(DECISIONS).to_owned(),
                        owner: names[rng.index(2)].clone(),
                        due: Some(due),
                        done,
                    }
                })
                .collect();
            Meeting {
                id: i as Id + 1,
                date,
                kind,
                title,
                attendees,
                topics,
                decisions,
            }
        })
        .collect()
}

const FINDINGS: &[&str] = &[
    "家中整洁，身体状况稳定",
    "反映楼道灯不亮，已报物业",
    "冰箱空了，已联系志愿者送菜",
    "药快吃完了，提醒子女代购",
    "帮扶物资已收到，表示感谢",
    "孩子学习有进步，辅导继续",
    "天气转凉，提醒添衣防寒",
];

/// Visits to households with files (one to three each) and to about a third of the elders.
pub(crate) fn visits(
    ctx: &Ctx,
    mut put: impl FnMut(Visit) -> crate::Result<()>,
) -> crate::Result<()> {
    let last = ctx.last_day();
    let mut id = 0;
    for (index, h) in ctx.plan.houses.iter().enumerate() {
        let mut rng = Rng::of(ctx.seed, Stream::Visit, index as u64);
        let (count, since) = match h.kind {
            HouseKind::Family => continue,
            HouseKind::Elder if !rng.chance(0.35) => continue,
            HouseKind::Elder => (1, last.add_days(-180)),
            HouseKind::Difficulty(_) => {
                let Some(f) = files::file(ctx, index) else {
                    continue;
                };
                (rng.range(1, 3), f.steps[0].date)
            }
        };
        let span = last.days_since(since).max(0);
        let mut days: Vec<Date> = (0..count)
            .map(|_| since.add_days(rng.range(0, span)))
            .collect();
        days.sort();
        for date in days {
            id += 1;
            put(Visit {
                id,
                date,
                household: index as Id + 1,
                by: team::clerk(ctx, &mut rng, h.grid).to_owned(),
                findings: rng.pick(FINDINGS).to_owned(),
            })?;
        }
    }
    Ok(())
}
