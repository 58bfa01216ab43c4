//! Meetings (党建联席会议, 协商议事) and their decisions, each with an owner and a due date,
//! followed until done.

use crate::reads::Reads;
use serde::Serialize;

use crate::day::Date;
use crate::error::{Error, Result};
use crate::model::{Id, Meeting};

/// Checks what `validate::meeting` cannot: every decision has a due date, and no decision is
/// due or done before the meeting that took it.
pub fn check_meeting(m: &Meeting) -> Result<()> {
    for (i, d) in m.decisions.iter().enumerate() {
        let n = i + 1;
        if d.text.is_empty() {
            return Err(Error::invalid(
                "decisions.text",
                crate::reason::Reason::DecisionNoText { decision: n },
            ));
        }
        let Some(due) = d.due else {
            return Err(Error::invalid(
                "decisions.due",
                crate::reason::Reason::DecisionNeedsDue { decision: n },
            ));
        };
        if due < m.date {
            return Err(Error::invalid(
                "decisions.due",
                crate::reason::Reason::DecisionDueBeforeMeeting { decision: n },
            ));
        }
        if d.done.is_some_and(|done| done < m.date) {
            return Err(Error::invalid(
                "decisions.done",
                crate::reason::Reason::DecisionDoneBeforeMeeting { decision: n },
            ));
        }
    }
    Ok(())
}

/// Marks decision `index` (from 0) done on `day`.
pub fn mark_done(m: &mut Meeting, index: usize, day: Date) -> Result<()> {
    let date = m.date;
    let count = m.decisions.len();
    let d = m.decisions.get_mut(index).ok_or_else(|| {
        Error::invalid(
            "decision",
            crate::reason::Reason::NoSuchDecision {
                meeting: m.id,
                count,
                decision: index + 1,
            },
        )
    })?;
    if let Some(done) = d.done {
        return Err(Error::transition(
            "done",
            "done",
            crate::reason::Move::DecisionDone {
                decision: index + 1,
                date: done.to_string(),
            },
        ));
    }
    if day < date {
        return Err(Error::invalid("date", crate::reason::Reason::BeforeMeeting));
    }
    d.done = Some(day);
    Ok(())
}

/// A decision not yet done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct OpenDecision {
    pub meeting: Id,
    pub meeting_title: String,
    pub meeting_date: Date,
    /// Its place in the meeting's decisions, from 0.
    pub index: usize,
    pub text: String,
    pub owner: String,
    pub due: Option<Date>,
    /// Due before today and not done.
    pub overdue: bool,
}

/// Open decisions of `meetings` on `today`: overdue first, then by due date.
pub fn collect_open(meetings: &[Meeting], today: Date) -> Vec<OpenDecision> {
    let mut out: Vec<OpenDecision> = meetings
        .iter()
        .flat_map(|m| {
            m.decisions
                .iter()
                .enumerate()
                .filter(|(_, d)| d.done.is_none())
                .map(move |(index, d)| OpenDecision {
                    meeting: m.id,
                    meeting_title: m.title.clone(),
                    meeting_date: m.date,
                    index,
                    text: d.text.clone(),
                    owner: d.owner.clone(),
                    due: d.due,
                    overdue: d.due.is_some_and(|due| due < today),
                })
        })
        .collect();
    out.sort_by_key(|o| (!o.overdue, o.due.is_none(), o.due, o.meeting, o.index));
    out
}

pub fn open_decisions(store: &(impl Reads + ?Sized), today: Date) -> Result<Vec<OpenDecision>> {
    Ok(collect_open(&store.all::<Meeting>()?, today))
}
