//! The planner of `Command::LadderStep`: a check-in that, when it brings the elder to the
//! ladder's last step, opens the case in the same change. "Exactly one case": the case is
//! opened only when the day's attempts (this one included) put the elder on the case step and
//! none of them has opened a case yet, so the same step recorded twice, or from two clients,
//! opens one case; the store's write lock orders the two.

use crate::command::{Actor, NewCase, checkin_applied};
use crate::error::Result;
use crate::ladder;
use crate::model::{CaseKind, CaseStatus, Closure, EventKind, Id, RecordRef};
use crate::store::{Batch, Store};

impl Store {
    pub(crate) fn plan_ladder_step(
        &self,
        checkin: crate::model::CheckIn,
        case: NewCase,
        actor: &Actor,
        batch: &mut Batch,
    ) -> Result<(crate::Applied, String, Vec<RecordRef>)> {
        let (mut c, elder) = self.prepare_checkin(checkin)?;
        let mut day = self.checkins_of_on(c.elder, c.date)?;
        day.push(c.clone());
        let community = self.community()?;
        // The clock of the day being marked: a past day's ladder has run its course.
        let due = ladder::case_due(&community, &elder, &day, c.date, actor.now);
        let mut opened = None;
        if due {
            let mut new = case;
            // The case is about this elder, whatever the app filled in.
            if !new.residents.contains(&elder.id) {
                new.residents.insert(0, elder.id);
            }
            new.grid = elder.grid;
            if new.kind != CaseKind::Assistance && new.kind != CaseKind::Request {
                new.kind = CaseKind::Assistance;
            }
            let opened_case = self.open_case(new, actor, batch)?;
            c.case = Some(opened_case.id);
            opened = Some(opened_case);
        }
        self.put_checkin(batch, &c)?;
        let (applied, mut summary, mut records) = checkin_applied(&c, &elder);
        if let Some(case) = opened {
            summary.push_str(" case.open ");
            summary.push_str(&case.number());
            records.push(RecordRef {
                kind: "case".to_owned(),
                id: case.id,
            });
            return Ok((
                crate::Applied {
                    id: case.id,
                    ..applied
                },
                summary,
                records,
            ));
        }
        Ok((applied, summary, records))
    }

    /// Closes the case a ladder step opened, when that step is taken back and the case is
    /// still only open (a case with work on it stays, for the worker to close).
    pub(crate) fn close_ladder_case(
        &self,
        id: Id,
        actor: &Actor,
        batch: &mut Batch,
    ) -> Result<Option<RecordRef>> {
        let Some(mut case) = self.get::<crate::model::Case>(id)? else {
            return Ok(None);
        };
        if case.status != CaseStatus::Open {
            return Ok(None);
        }
        case.events.push(Self::case_event(
            actor,
            EventKind::Status {
                from: case.status,
                to: CaseStatus::Closed,
                reason: crate::stored_text::ladder_undone(),
                closure: Some(Closure::Other),
            },
        ));
        case.status = CaseStatus::Closed;
        case.next_follow_up = None;
        batch.put(&case);
        Ok(Some(RecordRef {
            kind: "case".to_owned(),
            id,
        }))
    }
}
