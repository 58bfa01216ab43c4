//! The kept indexes computed from the records alone: written by `rebuild_kept_indexes` (a
//! database made before they were kept), compared by `verify_kept_indexes` (`qiaomen check`).

use std::cmp::Ordering;

use super::entries::{self, Entry};
use super::expected::Expected;
use super::memberships;
use super::service_days::{self, ServiceFact};
use crate::care::Service;
use crate::damage::{self, Damage};
use crate::error::Result;
use crate::model::{Case, FundEntry, Household, Meeting, Resident, Visit};
use crate::store::{Batch, Entity, Store, Tree};

/// The trees kept from the records, in the order they are rebuilt and checked.
const KEPT: [Tree; 13] = Tree::KEPT;

/// Writes per transaction while rebuilding: a district has a million memberships. sled keeps
/// a copy of a leaf for each write into it until its transaction ends, so a transaction of
/// 10,000 writes held tens of megabytes of copies; 1,000 hold a tenth of that.
const REBUILD_BATCH: usize = 1_000;

/// How a kept key differs from what the records say.
enum Off {
    Missing,
    Extra,
    Value,
}

impl Store {
    /// Every entry `tree` should hold, sorted by key.
    fn expected(&self, tree: Tree) -> Result<Expected> {
        let mut out = Expected::default();
        let mut keep = |entries: Vec<Entry>| {
            for (t, k, v) in entries {
                if t == tree {
                    out.push(&k, &v);
                }
            }
        };
        match tree {
            Tree::Elders | Tree::ElderHomes => {
                for rec in self.records(Tree::Residents)? {
                    let v = rec?.1;
                    let r = Resident::decode(&v)?;
                    if crate::rollcall::on_the_roll(&r) {
                        let address = self.elder_address(r.household)?;
                        keep(entries::elder(&r, &v, address));
                    }
                }
            }
            Tree::VisitHomes => {
                let mut on_the_roll = std::collections::HashSet::new();
                for rec in self.records(Tree::Residents)? {
                    let r = Resident::decode(&rec?.1)?;
                    if crate::rollcall::on_the_roll(&r) {
                        on_the_roll.insert(r.id);
                    }
                }
                for rec in self.records(Tree::Households)? {
                    let h = Household::decode(&rec?.1)?;
                    keep(entries::visit_home(&h, |m| Ok(on_the_roll.contains(&m)))?);
                }
            }
            Tree::MemberOf => {
                let mut pairs = Vec::new();
                for rec in self.records(Tree::Households)? {
                    let h = Household::decode(&rec?.1)?;
                    pairs.extend(h.members.iter().map(|&m| (m, h.id)));
                }
                pairs.sort_unstable();
                pairs.dedup();
                for (k, v) in memberships::blocks(&pairs) {
                    out.push(&k, &v);
                }
            }
            Tree::Dated | Tree::CaseEnds => {
                self.each::<Meeting>(&mut |m| keep(entries::meeting(m)))?;
                self.each::<Visit>(&mut |v| keep(entries::visit(v)))?;
                self.each::<FundEntry>(&mut |f| keep(entries::fund(f)))?;
                self.each::<Case>(&mut |c| keep(entries::case(c)))?;
                for rec in self.records(Tree::Households)? {
                    keep(entries::household(&Household::decode(&rec?.1)?));
                }
            }
            Tree::DayFigures => {
                for day in self.days_of(self.tree(Tree::CheckIns).iter()) {
                    let (date, stored) = day?;
                    if !stored.pack.is_empty() {
                        let figure = crate::store::day_figures::DayFigure::of(&stored.pack);
                        out.push(&date.key(), &figure.encode());
                    }
                }
            }
            Tree::LastContacts => {
                for (k, v) in self.expected_last_contacts()? {
                    out.push(&k, &v);
                }
            }
            Tree::HouseholdRows => {
                for (k, v) in self.expected_rows()? {
                    out.push(&k, &v);
                }
            }
            Tree::SearchColumn => self.expected_column(&mut |k, v| out.push(k, v))?,
            Tree::ServiceDays => {
                let mut facts = Vec::new();
                self.each::<Service>(&mut |s| facts.push((s.date, ServiceFact::of(s))))?;
                facts.sort_by_key(|(date, f)| (*date, f.id));
                for (k, v) in service_days::days(&facts) {
                    out.push(&k, &v);
                }
            }
            // `heads` and `head_of` (retired in schema 7) should hold nothing: a migration
            // empties them and `check` finds any key left.
            _ => {}
        }
        out.sort();
        Ok(out)
    }

    fn each<T: Entity>(&self, f: &mut dyn FnMut(&T)) -> Result<()> {
        for rec in self.records(T::TREE)? {
            f(&T::decode(&rec?.1)?);
        }
        Ok(())
    }

    /// Walks `tree` beside what it should hold; `on_diff` gets each difference, and stops the
    /// walk by returning `false`.
    fn compare_kept(
        &self,
        tree: Tree,
        mut on_diff: impl FnMut(Off, &[u8], Option<&[u8]>) -> Result<bool>,
    ) -> Result<()> {
        let expected = self.expected(tree)?;
        let mut want = expected.iter().peekable();
        let mut have = self.tree(tree).iter();
        let mut h = have.next().transpose()?;
        loop {
            let step = match (want.peek(), &h) {
                (None, None) => return Ok(()),
                (Some((wk, _)), Some((hk, _))) => (*wk).cmp(hk.as_ref()),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
            };
            let go_on = match step {
                Ordering::Less => {
                    let (k, v) = want.next().expect("peeked");
                    on_diff(Off::Missing, k, Some(v))?
                }
                Ordering::Greater => {
                    let (k, _) = h.take().expect("peeked");
                    h = have.next().transpose()?;
                    on_diff(Off::Extra, &k, None)?
                }
                Ordering::Equal => {
                    let (k, v) = want.next().expect("peeked");
                    let (_, hv) = h.take().expect("peeked");
                    h = have.next().transpose()?;
                    hv.as_ref() == v || on_diff(Off::Value, k, Some(v))?
                }
            };
            if !go_on {
                return Ok(());
            }
        }
    }

    /// (Re)writes the kept indexes (the elders' entries and homes, households' heads, dated entries and
    /// case ends) from the records, in transactions of bounded size; what is already right is
    /// left alone, so a second run writes nothing. Not journalled: the result is a function
    /// of the records, the same on every replica and after every replay. The caller holds
    /// the write lock (or has the store to itself).
    pub fn rebuild_kept_indexes(&self) -> Result<()> {
        self.rebuild_kept(&KEPT)
    }

    /// `rebuild_kept_indexes` for some of the kept trees only (a migration adding one).
    pub(crate) fn rebuild_kept(&self, trees: &[Tree]) -> Result<()> {
        for &tree in trees {
            let mut batch = Batch::default();
            let mut n = 0;
            self.compare_kept(tree, |off, k, v| {
                match (off, v) {
                    (Off::Extra, _) | (_, None) => batch.delete(tree, k),
                    (_, Some(v)) => batch.put_raw(tree, k, v.to_vec()),
                }
                n += 1;
                if n == REBUILD_BATCH {
                    self.commit(&std::mem::take(&mut batch), false)?;
                    n = 0;
                }
                Ok(true)
            })?;
            if n > 0 {
                self.commit(&batch, false)?;
            }
        }
        self.sync()
    }

    /// The first kept index entry that differs from what the records say.
    pub fn verify_kept_indexes(&self) -> Result<Option<Damage>> {
        for tree in KEPT {
            let mut found = None;
            self.compare_kept(tree, |off, k, _| {
                found = Some(Damage::Index {
                    tree,
                    key: super::key_parts(tree, k),
                    off: match off {
                        Off::Missing => damage::Off::Missing,
                        Off::Extra => damage::Off::Extra,
                        Off::Value => damage::Off::Value,
                    },
                });
                Ok(false)
            })?;
            if found.is_some() {
                return Ok(found);
            }
        }
        Ok(None)
    }
}
