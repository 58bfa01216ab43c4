//! Planning the visit plan's register commands: the cadence setting and campaigns.

use super::{CADENCE_ID, Cadence, Campaign};
use crate::command::Applied;
use crate::error::Result;
use crate::model::RecordRef;
use crate::store::{Batch, Store};

fn rec(kind: &str, id: u64) -> RecordRef {
    RecordRef {
        kind: kind.to_owned(),
        id,
    }
}

/// The cadence is one record: it replaces whatever was set before.
pub(crate) fn plan_cadence(
    mut c: Cadence,
    batch: &mut Batch,
) -> Result<(Applied, String, Vec<RecordRef>)> {
    c.validate()?;
    c.id = CADENCE_ID;
    batch.put(&c);
    let summary = format!(
        "visit.cadence high {} key {} general {}",
        c.high_days, c.key_days, c.general_days
    );
    let applied = Applied {
        id: c.id,
        ..Applied::default()
    };
    Ok((applied, summary, vec![rec("cadence", c.id)]))
}

impl Store {
    pub(crate) fn plan_campaign(
        &self,
        mut c: Campaign,
        batch: &mut Batch,
    ) -> Result<(Applied, String, Vec<RecordRef>)> {
        c.validate()?;
        let (c, created) = self.save(c, batch)?;
        let verb = if created { "add" } else { "edit" };
        let summary = format!("campaign.{verb} {} {}..{}", c.name, c.from, c.to);
        let applied = Applied {
            id: c.id,
            ..Applied::default()
        };
        Ok((applied, summary, vec![rec("campaign", c.id)]))
    }
}

/// The stored cadence, or the defaults when none was ever set.
pub fn stored_cadence(store: &(impl crate::Reads + ?Sized)) -> Result<Cadence> {
    Ok(store.get::<Cadence>(CADENCE_ID)?.unwrap_or_default())
}
