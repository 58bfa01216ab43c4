//! `export`: everything as JSON Lines, in the order `import` reads it. Exporting, importing
//! into an empty database and exporting again gives the same bytes.

use std::io::Write;

use super::{Entity, Store, Tree};
use crate::error::Result;
use crate::model::{
    AuditEntry, Case, FundEntry, Grid, Household, Meeting, Member, Partner, Pledge, Resident, Visit,
};
use crate::record::Record;

impl Store {
    /// Writes every record; the audit log too when `with_audit` (a full backup).
    pub fn export(&self, out: &mut dyn Write, with_audit: bool) -> Result<usize> {
        self.export_where(out, with_audit, &mut |_| Ok(true))
    }

    /// `export` of the records `keep` keeps (a steward's export: their grids only).
    pub fn export_where(
        &self,
        out: &mut dyn Write,
        with_audit: bool,
        keep: &mut dyn FnMut(&Record) -> Result<bool>,
    ) -> Result<usize> {
        let mut n = 0;
        let mut put = |out: &mut dyn Write, r: Record| -> Result<()> {
            if keep(&r)? {
                writeln!(out, "{}", r.to_line())?;
                n += 1;
            }
            Ok(())
        };
        if self.tree(Tree::Meta).get(super::meta::COMMUNITY)?.is_some() {
            put(out, Record::Community(self.community()?))?;
        }
        macro_rules! each {
            ($ty:ty, $variant:ident) => {
                for r in self.records(<$ty>::TREE)? {
                    put(out, Record::$variant(<$ty>::decode(&r?.1)?))?;
                }
            };
        }
        each!(Grid, Grid);
        each!(Member, Member);
        each!(Household, Household);
        each!(Resident, Resident);
        each!(Partner, Partner);
        each!(Pledge, Pledge);
        each!(FundEntry, Fund);
        each!(crate::model::Org, Org);
        each!(Case, Case);
        each!(Meeting, Meeting);
        each!(Visit, Visit);
        each!(crate::register::Notice, Notice);
        each!(crate::cadence::Cadence, Cadence);
        each!(crate::cadence::Campaign, Campaign);
        each!(crate::care::Team, Team);
        each!(crate::care::Service, Service);
        each!(crate::care::ServicePlan, ServicePlan);
        each!(crate::care::Support, Support);
        each!(crate::model::Activity, Activity);
        each!(crate::model::Goods, Goods);
        each!(crate::model::Duty, Duty);
        for c in self.all_checkins() {
            put(out, Record::Checkin(c?))?;
        }
        if with_audit {
            each!(AuditEntry, Audit);
        }
        out.flush()?;
        Ok(n)
    }
}
