//! The household file (一户一档) and its workflow: `registered → reviewed → noticed → published
//! → claimed → tracking → closed`. A plain step moves one status forward; going back is only
//! an explicit reopen with a reason, recorded as a step like any other so the history shows it.
//!
//! Two steps have their own commands because they need a record behind them: `noticed` comes
//! from publishing a notice that lists the household, `claimed` from a partner's pledge.

use super::notice::Notice;
use crate::command::Actor;
use crate::day::Date;
use crate::error::{Error, Result};
use crate::model::{FileStatus, FileStep, Household, Pledge, PledgeStatus};

/// The status a plain step leads to: `registered` for a household without a file, none after
/// `closed`.
pub fn next_status(current: Option<FileStatus>) -> Option<FileStatus> {
    match current {
        None => Some(FileStatus::Registered),
        Some(s) => {
            let i = FileStatus::ALL.iter().position(|&x| x == s)?;
            FileStatus::ALL.get(i + 1).copied()
        }
    }
}

/// True when step `index` of a file went back (a reopen) rather than forward.
pub fn is_reopen(steps: &[FileStep], index: usize) -> bool {
    index > 0 && index < steps.len() && steps[index].status <= steps[index - 1].status
}

fn label(s: Option<FileStatus>) -> &'static str {
    s.map_or("no-file", FileStatus::as_str)
}

/// A new step is dated today; a file whose last step is dated later (a clock set wrong, or an
/// import) would otherwise get its history out of order.
pub(crate) fn check_date(h: &Household, to: FileStatus, today: Date) -> Result<()> {
    match h.file.last() {
        Some(last) if last.date > today => Err(Error::transition(
            label(h.file_status()),
            to,
            crate::reason::Move::FileStepAfterToday {
                last: last.date.to_string(),
                today: today.to_string(),
            },
        )),
        _ => Ok(()),
    }
}

/// Checks a plain forward step to `to`.
pub fn check_step(h: &Household, to: FileStatus, today: Date) -> Result<()> {
    let from = h.file_status();
    if from == Some(FileStatus::Closed) {
        return Err(Error::transition(
            label(from),
            to,
            crate::reason::Move::FileClosed,
        ));
    }
    if from.is_some_and(|f| to <= f) {
        return Err(Error::transition(
            label(from),
            to,
            crate::reason::Move::StepsGoForward,
        ));
    }
    let next = next_status(from);
    if next != Some(to) {
        return Err(Error::transition(
            label(from),
            to,
            crate::reason::Move::StepSkipped {
                next: label(next).to_string(),
            },
        ));
    }
    match to {
        FileStatus::Noticed => Err(Error::transition(
            label(from),
            to,
            crate::reason::Move::NoticedByNotice,
        )),
        FileStatus::Claimed => Err(Error::transition(
            label(from),
            to,
            crate::reason::Move::ClaimedByPledge,
        )),
        _ => check_date(h, to, today),
    }
}

/// Checks a reopen to `to` and returns the trimmed reason.
pub fn check_reopen(h: &Household, to: FileStatus, reason: &str, today: Date) -> Result<String> {
    let from = h.file_status();
    let reason = crate::text::note("reason", reason)?;
    let Some(current) = from else {
        return Err(Error::transition(
            label(from),
            to,
            crate::reason::Move::NoFile,
        ));
    };
    if to >= current {
        return Err(Error::transition(
            current,
            to,
            crate::reason::Move::ReopenGoesBack,
        ));
    }
    if reason.is_empty() {
        return Err(Error::transition(
            current,
            to,
            crate::reason::Move::NeedsReason,
        ));
    }
    check_date(h, to, today)?;
    Ok(reason)
}

/// Publishing for claims (发布认领) waits for the end of the notice period of the latest notice
/// that listed the household.
pub fn check_notice_period(h: &Household, notices: &[Notice], today: Date) -> Result<()> {
    let latest = notices
        .iter()
        .filter(|n| n.households.contains(&h.id))
        .max_by_key(|n| (n.date, n.id));
    match latest {
        Some(n) if today <= n.last_day() => Err(Error::transition(
            label(h.file_status()),
            FileStatus::Published,
            crate::reason::Move::NoticePeriodRuns {
                notice: n.id,
                until: n.last_day().to_string(),
            },
        )),
        _ => Ok(()),
    }
}

/// A file is closed when the help has been delivered: no pledge may still be active.
pub fn check_close(h: &Household, pledges: &[Pledge]) -> Result<()> {
    match pledges
        .iter()
        .find(|p| p.household == h.id && p.status == PledgeStatus::Active)
    {
        Some(p) => Err(Error::transition(
            label(h.file_status()),
            FileStatus::Closed,
            crate::reason::Move::PledgeStillActive { pledge: p.id },
        )),
        None => Ok(()),
    }
}

/// A partner may claim a household once it is published, and while it is being helped.
pub fn check_claim(h: &Household) -> Result<()> {
    use FileStatus::{Claimed, Published, Tracking};
    match h.file_status() {
        Some(Published | Claimed | Tracking) => Ok(()),
        other => Err(Error::transition(
            label(other),
            Claimed,
            crate::reason::Move::ClaimAfterPublished,
        )),
    }
}

pub(crate) fn step(actor: &Actor, status: FileStatus, note: String) -> FileStep {
    FileStep {
        status,
        date: actor.now.date,
        by: actor.operator.clone(),
        note,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Address, FileStatus as S};

    fn with(statuses: &[S]) -> Household {
        let d = Date::parse("2026-03-01").unwrap();
        Household {
            id: 1,
            grid: 1,
            address: Address::default(),
            members: vec![],
            categories: vec![],
            needs: String::new(),
            file: statuses
                .iter()
                .map(|&status| FileStep {
                    status,
                    date: d,
                    by: "x".into(),
                    note: String::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn next_follows_the_workflow_and_stops_at_closed() {
        assert_eq!(next_status(None), Some(S::Registered));
        assert_eq!(next_status(Some(S::Published)), Some(S::Claimed));
        assert_eq!(next_status(Some(S::Closed)), None);
    }

    #[test]
    fn reopen_steps_are_recognised() {
        let h = with(&[S::Registered, S::Reviewed, S::Registered, S::Reviewed]);
        let reopens: Vec<usize> = (0..4).filter(|&i| is_reopen(&h.file, i)).collect();
        assert_eq!(reopens, vec![2]);
    }

    #[test]
    fn steps_in_the_past_of_the_file_are_refused() {
        let h = with(&[S::Registered]);
        let before = Date::parse("2026-02-28").unwrap();
        assert!(check_step(&h, S::Reviewed, before).is_err());
        assert!(check_step(&h, S::Reviewed, Date::parse("2026-03-01").unwrap()).is_ok());
    }
}
