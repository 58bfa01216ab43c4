//! `qiaomen check`: the store, the snapshots and the journal verified against each other. The
//! journal's hash chain is followed from end to end (an edited entry breaks it), every kept
//! snapshot is checksummed and must sit on the chain, and the store must equal what the
//! newest snapshot and the journal rebuild, with its kept indexes equal to what its records
//! give.

use std::path::{Path, PathBuf};

use super::{Engine, JOURNAL_DIR, SNAPSHOT_DIR, replay};
use crate::damage::Damage;
use crate::error::Result;
use crate::journal::{End, Hash, segment, snapshot};
use crate::store::{Store, Tree};

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Problem {
    /// The journal is damaged or was edited; `check --repair` starts a new journal from the
    /// store (with a new snapshot) and keeps the old one aside.
    Journal(Damage),
    /// A snapshot fails its checksum or does not fit the journal; `--repair` moves it aside.
    Snapshot { path: PathBuf, what: Damage },
    /// The store differs from what the snapshot and the journal rebuild; `--repair` rebuilds it
    /// and keeps the old one aside.
    Store(Damage),
}

#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CheckReport {
    pub problems: Vec<Problem>,
    /// Entries in the journal (from the oldest segment kept) and the last one.
    pub entries: u64,
    pub last_seq: u64,
    pub snapshots: usize,
    /// Keys in the store.
    pub records: u64,
}

impl CheckReport {
    pub fn healthy(&self) -> bool {
        self.problems.is_empty()
    }
}

impl Engine {
    /// Verifies everything; changes nothing.
    pub fn check(&self) -> Result<CheckReport> {
        let _write = self.store.write_guard();
        self.journal().sync()?;
        let mut report = CheckReport {
            last_seq: self.last_seq(),
            ..CheckReport::default()
        };
        let hashes = check_journal(&self.dir.join(JOURNAL_DIR), &mut report)?;
        let (found, bad) = snapshot::list(&self.dir.join(SNAPSHOT_DIR))?;
        for path in bad {
            report.problems.push(Problem::Snapshot {
                path,
                what: Damage::SnapshotHeader,
            });
        }
        let mut newest_good = None;
        for f in &found {
            report.snapshots += 1;
            if snapshot::verify(&f.path).is_err() {
                // A whole delta over a damaged base is named for its base.
                let what = match &f.header.base {
                    Some(base) if snapshot::verify_file(&f.path).is_ok() => {
                        Damage::SnapshotBase { seq: base.seq }
                    }
                    _ => Damage::SnapshotChecksum,
                };
                report.problems.push(Problem::Snapshot {
                    path: f.path.clone(),
                    what,
                });
                continue;
            }
            if let Some(h) = hashes.iter().find(|(s, _)| *s == f.header.seq)
                && h.1 != f.header.last_hash
            {
                report.problems.push(Problem::Snapshot {
                    path: f.path.clone(),
                    what: Damage::SnapshotOffJournal { seq: f.header.seq },
                });
                continue;
            }
            newest_good = Some(f.path.clone());
        }
        let health = self.store.health()?;
        // The check-in tree's keys are days and loose marks: count check-ins instead.
        // The residents' and households' keys are blocks of them: count records instead.
        let checkins = self.store.count_checkins()?;
        let mut records = health.records() - health.found[Tree::CheckIns as usize] + checkins;
        for t in Tree::ALL.into_iter().filter(|t| t.blocked()) {
            records = records - health.found[t as usize] + self.store.count_records(t)?;
        }
        report.records = records;
        if let Some((tree, kept, found)) = health.mismatches().first() {
            report.problems.push(Problem::Store(Damage::Count {
                tree: *tree,
                found: *found,
                kept: *kept,
            }));
        } else if let Some(what) = self.store.checkin_books_problem(checkins)? {
            report.problems.push(Problem::Store(what));
        } else if health.applied != Some(report.last_seq) {
            report.problems.push(Problem::Store(Damage::Behind {
                applied: health.applied.unwrap_or(0),
                last: report.last_seq,
            }));
        }
        // The kept indexes against the records they are kept from (a rebuild from the
        // journal would repeat a mistake in their upkeep; this would not).
        if let Some(off) = self.store.verify_kept_indexes()? {
            report.problems.push(Problem::Store(off));
        }
        let journal_ok = !report
            .problems
            .iter()
            .any(|p| matches!(p, Problem::Journal(_)));
        if newest_good.is_none() {
            report.problems.push(Problem::Snapshot {
                path: self.dir.join(SNAPSHOT_DIR),
                what: Damage::NoIntactSnapshot,
            });
        }
        if let (Some(snap), true) = (newest_good, journal_ok)
            && let Some(diff) = self.compare_with_rebuild(&snap)?
        {
            report.problems.push(Problem::Store(diff));
        }
        Ok(report)
    }

    /// Rebuilds a scratch store from `snap` and the journal, and compares it with the store,
    /// tree by tree and key by key.
    fn compare_with_rebuild(&self, snap: &Path) -> Result<Option<Damage>> {
        let scratch = self.dir.join("check.scratch");
        if scratch.exists() {
            std::fs::remove_dir_all(&scratch)?;
        }
        let built = replay::build(&scratch, snap, &self.dir.join(JOURNAL_DIR), None);
        let diff = match built {
            Ok(_) => {
                let rebuilt = super::open::reopen_store(&scratch)?;
                let d = first_difference(&self.store, &rebuilt)?;
                drop(rebuilt);
                d
            }
            Err(e) => Some(Damage::NotRebuilt {
                cause: Box::new(Damage::of_error(&e)),
            }),
        };
        std::fs::remove_dir_all(&scratch)?;
        Ok(diff)
    }
}

/// Follows the chain through every segment; returns the (seq, hash) of each entry.
fn check_journal(dir: &Path, report: &mut CheckReport) -> Result<Vec<(u64, Hash)>> {
    let mut hashes = Vec::new();
    let mut prev: Option<(u64, Hash)> = None;
    for (first, path) in segment::list(dir)? {
        let mut undecodable = None;
        let scanned = segment::scan(&path, |r| {
            match crate::journal::Entry::decode(r.payload) {
                Ok(entry) if entry.seq == r.seq => {}
                Ok(entry) => {
                    undecodable = Some(Damage::EntryNumber {
                        seq: r.seq,
                        found: entry.seq,
                    });
                    return Ok(false);
                }
                Err(_) => {
                    undecodable = Some(Damage::EntryUnreadable { seq: r.seq });
                    return Ok(false);
                }
            }
            hashes.push((r.seq, *r.hash));
            Ok(true)
        });
        let Ok(scan) = scanned else {
            report
                .problems
                .push(Problem::Journal(Damage::FileUnreadable { path }));
            return Ok(hashes);
        };
        if let Some(what) = undecodable {
            report.problems.push(Problem::Journal(what));
            return Ok(hashes);
        }
        if let Some((next_seq, hash)) = prev
            && (first != next_seq || scan.prev_hash != hash)
        {
            report.problems.push(Problem::Journal(Damage::SegmentGap {
                segment: path.clone(),
            }));
        }
        match scan.end {
            End::Clean => {}
            End::Damaged(what) => report.problems.push(Problem::Journal(what)),
            End::Torn => report
                .problems
                .push(Problem::Journal(Damage::EntryTorn { seq: scan.next_seq })),
        }
        report.entries += scan.next_seq - scan.first_seq;
        prev = Some((scan.next_seq, scan.last_hash));
    }
    Ok(hashes)
}

/// Whether two stored values hold the same record. A record stored before its kind's format
/// changed (residents, pledges and fund entries: version 2) keeps its old bytes until it is
/// next saved, while a rebuild writes the new layout: the same record, in other bytes.
fn same_value(tree: Tree, a: &[u8], b: &[u8]) -> bool {
    use crate::model::{Case, FundEntry, Meeting, Pledge, Resident};
    use crate::store::Entity;
    fn same<T: Entity + PartialEq>(a: &[u8], b: &[u8]) -> bool {
        matches!((T::decode(a), T::decode(b)), (Ok(x), Ok(y)) if x == y)
    }
    a == b
        || match tree {
            Tree::Residents => same::<Resident>(a, b),
            Tree::Pledges => same::<Pledge>(a, b),
            Tree::Fund => same::<FundEntry>(a, b),
            // A case or a meeting an older release saved after the snapshot is in its older
            // format in the store, and in today's once replayed.
            Tree::Cases => same::<Case>(a, b),
            Tree::Meetings => same::<Meeting>(a, b),
            _ => false,
        }
}

/// A meeting an older release saved with its attendees as names (meeting format 1) and its
/// replay today, which holds references: `org attend` of a resident or an organisation
/// (journal entry version 5) stored the party's name, and replays as the reference. The same
/// meeting when each stored name is the name of the record the replay refers to.
fn same_meeting_by_name(va: &[u8], b: &Store, vb: &[u8]) -> Result<bool> {
    use crate::casework::attendee_name;
    use crate::model::{Attendee, Meeting};
    use crate::store::Entity;
    if va.first() != Some(&1) {
        return Ok(false);
    }
    let (Ok(mut stored), Ok(mut replayed)) = (Meeting::decode(va), Meeting::decode(vb)) else {
        return Ok(false);
    };
    let (names, refs) = (
        std::mem::take(&mut stored.attendees),
        std::mem::take(&mut replayed.attendees),
    );
    if stored != replayed || names.len() != refs.len() {
        return Ok(false);
    }
    for (name, r) in names.iter().zip(&refs) {
        let same = name == r
            || match (name, r) {
                (Attendee::Guest(n), r @ (Attendee::Resident(_) | Attendee::Org(_))) => {
                    attendee_name(b, r)?.as_deref() == Some(n.as_str())
                }
                _ => false,
            };
        if !same {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The first key where two stores differ (the applied sequence and counts aside); the trees
/// kept by blocks record by record (a block's bytes hold its records' own, which may differ
/// in format as `same_value` allows).
fn first_difference(a: &Store, b: &Store) -> Result<Option<Damage>> {
    for t in Tree::ALL {
        if t.blocked() {
            if let Some(d) = first_record_difference(a, b, t)? {
                return Ok(Some(d));
            }
            continue;
        }
        let mut left = a.tree(t).iter();
        let mut right = b.tree(t).iter();
        loop {
            match (left.next().transpose()?, right.next().transpose()?) {
                (None, None) => break,
                (Some((k1, v1)), Some((k2, v2)))
                    if k1 == k2
                        && (same_value(t, &v1, &v2)
                            || (t == Tree::Meetings && same_meeting_by_name(&v1, b, &v2)?)) => {}
                (l, r) => {
                    let key = l.or(r).map(|(k, _)| k).unwrap_or_default();
                    return Ok(Some(Damage::Differs {
                        tree: t,
                        key: crate::store::key_parts(t, &key),
                    }));
                }
            }
        }
    }
    Ok(None)
}

/// `first_difference` of a tree kept by blocks, record by record.
fn first_record_difference(a: &Store, b: &Store, t: Tree) -> Result<Option<Damage>> {
    let mut left = a.records(t)?;
    let mut right = b.records(t)?;
    loop {
        match (left.next().transpose()?, right.next().transpose()?) {
            (None, None) => return Ok(None),
            (Some((i1, v1)), Some((i2, v2))) if i1 == i2 && same_value(t, &v1, &v2) => {}
            (left_one, right_one) => {
                let id = left_one.or(right_one).map_or(0, |(id, _)| id);
                return Ok(Some(Damage::Differs {
                    tree: t,
                    key: crate::store::key_parts(t, &crate::store::id_key(id)),
                }));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attendee, Meeting, Org, OrgKind};
    use crate::store::{Batch, Entity};

    /// Meeting format 1's golden: attendees 物业公司 and 业委会, by name.
    fn meeting_v1() -> Vec<u8> {
        include_str!("../../tests/golden/meeting.v1.hex")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(|l| l.split_whitespace())
            .map(|b| u8::from_str_radix(b, 16).expect("hex"))
            .collect()
    }

    fn org(id: u64, name: &str) -> Org {
        Org {
            id,
            name: name.into(),
            kind: OrgKind::PropertyCompany,
            contacts: Vec::new(),
            note: String::new(),
        }
    }

    /// The replayed store: the organisations and the meeting with references to them.
    fn replayed(second: &str) -> (Store, Vec<u8>) {
        let store = Store::temporary().expect("store");
        let mut m = Meeting::decode(&meeting_v1()).expect("v1 decodes");
        m.attendees = vec![Attendee::Org(5), Attendee::Org(6)];
        let mut batch = Batch::default();
        batch.put(&org(5, "物业公司"));
        batch.put(&org(6, second));
        batch.put(&m);
        store.commit(&batch, false).expect("commit");
        (store, m.encode())
    }

    #[test]
    fn a_meeting_saved_by_name_is_the_same_as_its_replay_by_reference() {
        let (store, replay) = replayed("业委会");
        assert!(same_meeting_by_name(&meeting_v1(), &store, &replay).expect("compare"));
    }

    #[test]
    fn a_name_that_is_not_the_record_s_is_a_difference() {
        let (store, replay) = replayed("第一业委会");
        assert!(!same_meeting_by_name(&meeting_v1(), &store, &replay).expect("compare"));
        // Only a stored format 1 is read by name: today's bytes must be equal.
        let (store, replay) = replayed("业委会");
        let mut today = Meeting::decode(&meeting_v1()).expect("v1 decodes");
        today.title.push('！');
        assert!(!same_meeting_by_name(&today.encode(), &store, &replay).expect("compare"));
        let mut other_title = today.clone();
        other_title.attendees = vec![Attendee::Org(5), Attendee::Org(6)];
        assert!(!same_meeting_by_name(&other_title.encode(), &store, &replay).expect("compare"));
    }
}
