//! The summary's list of elders by ladder step (issue 14): every elder not reached who stands
//! on the escalation ladder, the furthest up first (a case, a knock, a contact, a call), with
//! the step due and by when. Its words are in `LadderLabels`, one set a language.

use serde::Serialize;

use super::format::fill;
use super::report::{Block, clean};
use super::{GridRef, Labels, Summary};
use crate::day::ClockTime;
use crate::ladder::{Position, Step};
use crate::model::Id;
use crate::rollcall::RollEntry;

/// One elder on the ladder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct LadderItem {
    pub elder_id: Id,
    pub name: String,
    pub grid: GridRef,
    /// `call`, `contact`, `knock` or `case` (`ladder::Step::code`).
    #[serde(deserialize_with = "crate::wire::code")]
    pub step: crate::wire::Code,
    /// A call: try `n` of `of`; a contact: contact `n` (from 1), named; a case: its id.
    pub n: u8,
    pub of: u8,
    pub contact: String,
    pub case: Option<Id>,
    pub by: Option<ClockTime>,
    pub overdue: bool,
}

impl LadderItem {
    pub(super) fn of(e: &RollEntry, p: &Position, grid: GridRef) -> LadderItem {
        let (n, of, contact, case) = match &p.step {
            Step::Call { n, of } => (*n, *of, String::new(), None),
            Step::Contact {
                index,
                name,
                relation,
                ..
            } => (*index, 0, format!("{name} {relation}"), None),
            Step::Knock => (0, 0, String::new(), None),
            Step::Case { case } => (0, 0, String::new(), *case),
        };
        LadderItem {
            elder_id: e.elder.id,
            name: e.elder.name.clone(),
            grid,
            step: p.step.code(),
            n,
            of,
            contact: contact.trim().to_owned(),
            case,
            by: p.by,
            overdue: p.overdue,
        }
    }

    fn rank(&self) -> u8 {
        match self.step {
            "case" => 0,
            "knock" => 1,
            "contact" => 2,
            _ => 3,
        }
    }
}

/// The furthest up first, then by grid and elder.
pub(super) fn sort(items: &mut [LadderItem]) {
    items.sort_by(|a, b| {
        a.rank()
            .cmp(&b.rank())
            .then_with(|| super::checkins::grid_order(&a.grid.code, &b.grid.code))
            .then(a.elder_id.cmp(&b.elder_id))
    });
}

/// The words of the ladder list.
#[derive(Debug)]
pub struct LadderLabels {
    pub head: &'static str,
    pub none: &'static str,
    pub line: &'static str,
    pub call: &'static str,
    pub contact: &'static str,
    pub knock: &'static str,
    pub case_opened: &'static str,
    pub case_due: &'static str,
    pub by: &'static str,
    pub overdue: &'static str,
}

pub const ZH: LadderLabels = LadderLabels {
    head: "按处置阶梯（{n} 人）：",
    none: "没有处在处置阶梯上的老人。",
    line: "{name}（{grid}）{step}",
    call: "第 {n}/{of} 次电话",
    contact: "联系人 {n}（{contact}）",
    knock: "上门敲门",
    case_opened: "已立案 #{case}",
    case_due: "待立案",
    by: "{time} 前",
    overdue: "，已逾期",
};

pub const EN: LadderLabels = LadderLabels {
    head: "By ladder step ({n}):",
    none: "No elder is on the escalation ladder.",
    line: "{name} ({grid}): {step}",
    call: "call {n} of {of}",
    contact: "contact {n} ({contact})",
    knock: "knock on the door",
    case_opened: "case #{case} opened",
    case_due: "case to open",
    by: "by {time}",
    overdue: ", overdue",
};

fn step_text(l: &LadderLabels, a: &LadderItem) -> String {
    match a.step {
        "call" => fill(l.call, &[("n", &a.n), ("of", &a.of)]),
        "contact" => fill(l.contact, &[("n", &a.n), ("contact", &clean(&a.contact))]),
        "knock" => l.knock.to_owned(),
        _ => match a.case {
            Some(id) => fill(l.case_opened, &[("case", &id)]),
            None => l.case_due.to_owned(),
        },
    }
}

/// The list, after the attention list of the check-in section.
pub(super) fn section(s: &Summary, labels: &Labels, out: &mut Vec<Block>) {
    let l = labels.ladder;
    let items = &s.checkins.ladder;
    if items.is_empty() {
        out.push(Block::Para(l.none.to_owned()));
        return;
    }
    out.push(Block::Para(fill(l.head, &[("n", &items.len())])));
    for (i, a) in items.iter().enumerate() {
        let grid = format!("{} {}", clean(&a.grid.code), clean(&a.grid.name));
        let text = fill(
            l.line,
            &[
                ("name", &clean(&a.name)),
                ("grid", &grid.trim()),
                ("step", &step_text(l, a)),
            ],
        );
        let mut details = Vec::new();
        if let Some(by) = a.by {
            let mut d = fill(l.by, &[("time", &by)]);
            if a.overdue {
                d.push_str(l.overdue);
            }
            details.push(d);
        }
        out.push(Block::Item {
            number: Some(i + 1),
            text,
            details,
        });
    }
}
