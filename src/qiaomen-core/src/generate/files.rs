//! Household files (一户一档): each household in difficulty has a file that went some way
//! along registered → reviewed → noticed → published → claimed → tracking → closed.

use super::Ctx;
use super::plan::HouseKind;
use super::rng::{Rng, Stream};
use super::team::clerk;
use crate::day::Date;
use crate::model::{Category, FileStatus, FileStep, Need as Tag, Period};

/// What a household needs and what a partner can pledge for it.
pub(crate) struct Need {
    /// Its tag, so that double help for the same need can be spotted.
    pub code: Tag,
    pub text: &'static str,
    pub help: Help,
}

pub(crate) enum Help {
    Item(&'static str),
    /// Fen per period.
    Money(i64, Period),
}

const fn need(code: Tag, text: &'static str, help: Help) -> Need {
    Need { code, text, help }
}

const POOR: &[Need] = &[
    need(
        Tag::Living,
        "生活困难，每月生活费不足",
        Help::Money(50_000, Period::Month),
    ),
    need(
        Tag::Employment,
        "就业帮扶：家中主要劳动力失业，需要就近的工作",
        Help::Item("推荐就近就业岗位一个"),
    ),
    need(
        Tag::Heating,
        "冬季取暖困难，缺棉被",
        Help::Item("棉被两床、电暖器一台"),
    ),
    need(
        Tag::Education,
        "助学：孩子读初中，学费和生活费有困难",
        Help::Money(500_000, Period::Year),
    ),
];

const DISABLED: &[Need] = &[
    need(
        Tag::Wheelchair,
        "行动不便，需要轮椅和护理床",
        Help::Item("轮椅一台、护理床一张"),
    ),
    need(
        Tag::HomeAdaptation,
        "居家适老化改造：卫生间扶手和防滑地面",
        Help::Item("卫生间扶手和防滑地面改造"),
    ),
    need(
        Tag::Medical,
        "医疗救助：长期康复治疗费用负担重",
        Help::Money(30_000, Period::Month),
    ),
];

const CHILDREN: &[Need] = &[
    need(
        Tag::Tutoring,
        "孩子功课需要辅导，父母在外务工",
        Help::Item("每周一次课业辅导"),
    ),
    need(
        Tag::Education,
        "助学：学费和学习用品",
        Help::Money(300_000, Period::Year),
    ),
];

const SPECIAL: &[Need] = &[
    need(
        Tag::Companionship,
        "失独老人，需要精神慰藉和定期陪伴",
        Help::Item("每月两次上门陪伴"),
    ),
    need(
        Tag::Medical,
        "医疗救助：住院自付费用高",
        Help::Money(100_000, Period::Quarter),
    ),
];

pub(crate) struct HouseFile {
    pub steps: Vec<FileStep>,
    pub need: &'static Need,
    /// The partner (index into `Ctx::partners`) that claimed the household, and the day.
    pub claim: Option<(usize, Date)>,
}

impl HouseFile {
    pub fn status(&self) -> FileStatus {
        self.steps
            .last()
            .map_or(FileStatus::Registered, |s| s.status)
    }

    pub fn reached(&self, status: FileStatus) -> Option<Date> {
        self.steps
            .iter()
            .find(|s| s.status == status)
            .map(|s| s.date)
    }
}

/// Days from the previous step to this one.
fn gap(rng: &mut Rng, status: FileStatus) -> i64 {
    match status {
        FileStatus::Registered => 0,
        FileStatus::Reviewed => rng.range(3, 14),
        FileStatus::Noticed => rng.range(1, 5),
        // The public notice runs seven days.
        FileStatus::Published => rng.range(7, 10),
        FileStatus::Claimed => rng.range(3, 30),
        FileStatus::Tracking => rng.range(1, 14),
        FileStatus::Closed => rng.range(60, 240),
    }
}

fn step_note(status: FileStatus, partner: &str) -> String {
    match status {
        FileStatus::Registered => "入户登记，建立档案".to_owned(),
        FileStatus::Reviewed => "社区审核通过".to_owned(),
        FileStatus::Noticed => "公示七天".to_owned(),
        FileStatus::Published => "公示无异议，发布认领".to_owned(),
        FileStatus::Claimed => format!("{partner}认领"),
        FileStatus::Tracking => "帮扶落实中，定期回访".to_owned(),
        FileStatus::Closed => "帮扶完成，结档".to_owned(),
    }
}

/// The file of household `index`, if it is a household in difficulty.
pub(crate) fn file(ctx: &Ctx, index: usize) -> Option<HouseFile> {
    let h = ctx.plan.houses[index];
    let HouseKind::Difficulty(category) = h.kind else {
        return None;
    };
    let mut rng = Rng::of(ctx.seed, Stream::File, index as u64);
    let needs = match category {
        Category::Disabled => DISABLED,
        Category::LeftBehindChild => CHILDREN,
        Category::SpecialSupport => SPECIAL,
        _ => POOR,
    };
    let need = &needs[rng.index(needs.len())];
    let target = rng.weighted(&[
        (FileStatus::Registered, 10),
        (FileStatus::Reviewed, 10),
        (FileStatus::Noticed, 10),
        (FileStatus::Published, 15),
        (FileStatus::Claimed, 15),
        (FileStatus::Tracking, 25),
        (FileStatus::Closed, 15),
    ]);
    let partner = rng.index(ctx.partners.len());
    let last = ctx.last_day();
    let mut date = last.add_days(-rng.range(20, 420));
    let mut steps = Vec::new();
    let mut claim = None;
    for &status in FileStatus::ALL.iter().filter(|&&s| s <= target) {
        date = date.add_days(gap(&mut rng, status));
        if date > last {
            break;
        }
        if status == FileStatus::Claimed {
            claim = Some((partner, date));
        }
        steps.push(FileStep {
            status,
            date,
            by: clerk(ctx, &mut rng, h.grid).to_owned(),
            note: step_note(status, &ctx.partners[partner].name),
        });
    }
    Some(HouseFile { steps, need, claim })
}
