//! What is wrong with a database's files (`qiaomen_core::damage::Damage`) in the user's
//! language: `qiaomen check`'s problems, what opening put right, and damage it could not.

use qiaomen_core::damage::{Damage, KeyPart, NoWrite, Off};
use qiaomen_core::store::Tree;

use crate::i18n::{Lang, T};

/// A fault as a phrase (it sits inside a sentence of `check` or of a recovery).
pub fn damage(lang: Lang, d: &Damage) -> String {
    match d {
        Damage::JournalMissing => lang.t(T::DmgJournalMissing).to_owned(),
        Damage::EntriesMissing { from, to } => lang.fill(T::DmgEntriesMissing, &[from, to]),
        Damage::FrameLength => lang.t(T::DmgFrameLength).to_owned(),
        Damage::EntryHash { seq } => lang.fill(T::DmgEntryHash, &[seq]),
        Damage::EntryTorn { seq } => lang.fill(T::DmgEntryTorn, &[seq]),
        Damage::EntryUnreadable { seq } => lang.fill(T::DmgEntryUnreadable, &[seq]),
        Damage::EntryNumber { seq, found } => lang.fill(T::DmgEntryNumber, &[seq, found]),
        Damage::SegmentGap { segment } => lang.fill(T::DmgSegmentGap, &[&segment.display()]),
        Damage::FileUnreadable { path } => lang.fill(T::DmgFileUnreadable, &[&path.display()]),
        Damage::SnapshotHeader => lang.t(T::DmgSnapshotHeader).to_owned(),
        Damage::SnapshotChecksum => lang.t(T::DmgSnapshotChecksum).to_owned(),
        Damage::SnapshotBase { seq } => lang.fill(T::DmgSnapshotBase, &[seq]),
        Damage::SnapshotOffJournal { seq } => lang.fill(T::DmgSnapshotOffJournal, &[seq]),
        Damage::NoIntactSnapshot => lang.t(T::DmgNoIntactSnapshot).to_owned(),
        Damage::NoSnapshotCovers => lang.t(T::DmgNoSnapshotCovers).to_owned(),
        Damage::StoreEmpty => lang.t(T::DmgStoreEmpty).to_owned(),
        Damage::StoreBookkeeping => lang.t(T::DmgStoreBookkeeping).to_owned(),
        Damage::StoreUnreadable => lang.t(T::DmgStoreUnreadable).to_owned(),
        Damage::StoreTimeout { seconds } => lang.fill(T::DmgStoreTimeout, &[seconds]),
        Damage::Count {
            tree: t,
            found,
            kept,
        } => lang.fill(T::DmgCount, &[&tree(lang, *t), found, kept]),
        Damage::CheckInCount { found, kept } => lang.fill(T::DmgCheckInCount, &[found, kept]),
        Damage::LooseDay { day } => lang.fill(T::DmgLooseDay, &[day]),
        Damage::Behind { applied, last } => lang.fill(T::DmgBehind, &[applied, last]),
        Damage::Index {
            tree: t,
            key: k,
            off,
        } => {
            let off = lang.t(match off {
                Off::Missing => T::DmgIndexMissing,
                Off::Extra => T::DmgIndexExtra,
                Off::Value => T::DmgIndexValue,
            });
            lang.fill(T::DmgIndex, &[&tree(lang, *t), &key(lang, k), &off])
        }
        Damage::Differs { tree: t, key: k } => {
            lang.fill(T::DmgDiffers, &[&tree(lang, *t), &key(lang, k)])
        }
        Damage::ReplayStopped { reached, last } => lang.fill(T::DmgReplayStopped, &[reached, last]),
        Damage::NotRebuilt { cause } => lang.fill(T::DmgNotRebuilt, &[&damage(lang, cause)]),
        Damage::RebuildFailed { why, tried } if tried.is_empty() => {
            lang.fill(T::DmgNoSnapshotTried, &[&damage(lang, why)])
        }
        Damage::RebuildFailed { why, tried } => {
            let sep = if lang == Lang::Zh { "；" } else { "; " };
            let tried: Vec<String> = tried.iter().map(|t| damage(lang, t)).collect();
            lang.fill(T::DmgRebuildFailed, &[&damage(lang, why), &tried.join(sep)])
        }
        Damage::JournalAndStore { journal, store } => lang.fill(
            T::DmgJournalAndStore,
            &[&damage(lang, journal), &damage(lang, store)],
        ),
    }
}

/// Why the database's files may not be written.
pub fn no_write(lang: Lang, why: NoWrite) -> &'static str {
    lang.t(match why {
        NoWrite::PermissionDenied => T::NoWritePermission,
        NoWrite::ReadOnly => T::NoWriteReadOnly,
        NoWrite::DiskFull => T::NoWriteDiskFull,
        NoWrite::QuotaUsedUp => T::NoWriteQuota,
        NoWrite::FileTooLarge => T::NoWriteFileTooLarge,
    })
}

/// A store key's parts: `居民 3、户 12`, `resident 3 household 12`.
fn key(lang: Lang, parts: &[KeyPart]) -> String {
    let words: Vec<String> = parts
        .iter()
        .map(|p| match p {
            KeyPart::Resident(id) => lang.fill(T::KeyResident, &[id]),
            KeyPart::Household(id) => lang.fill(T::KeyHousehold, &[id]),
            KeyPart::Case(id) => lang.fill(T::KeyCase, &[id]),
            KeyPart::Meeting(id) => lang.fill(T::KeyMeeting, &[id]),
            KeyPart::Visit(id) => lang.fill(T::KeyVisit, &[id]),
            KeyPart::FundEntry(id) => lang.fill(T::KeyFundEntry, &[id]),
            KeyPart::HouseholdFile(id) => lang.fill(T::KeyHouseholdFile, &[id]),
            KeyPart::Id(id) => lang.fill(T::KeyId, &[id]),
            KeyPart::Day(d) => d.to_string(),
            KeyPart::NotClosed => lang.t(T::KeyNotClosed).to_owned(),
            KeyPart::Households { first, last } => lang.fill(T::KeyHouseholds, &[first, last]),
            KeyPart::Raw(bytes) => bytes.clone(),
            KeyPart::Unreadable => lang.t(T::KeyUnreadable).to_owned(),
        })
        .collect();
    words.join(if lang == Lang::Zh { "、" } else { " " })
}

/// A tree of the store as what it holds.
pub fn tree(lang: Lang, t: Tree) -> &'static str {
    lang.t(match t {
        Tree::Meta => T::TreeMeta,
        Tree::Grids => T::TreeGrids,
        Tree::Members => T::TreeMembers,
        Tree::Households => T::TreeHouseholds,
        Tree::Residents => T::TreeResidents,
        Tree::Elders => T::TreeElders,
        Tree::CheckIns => T::TreeCheckIns,
        Tree::Cases => T::TreeCases,
        Tree::Partners => T::TreePartners,
        Tree::Pledges => T::TreePledges,
        Tree::Fund => T::TreeFund,
        Tree::Meetings => T::TreeMeetings,
        Tree::Visits => T::TreeVisits,
        Tree::Notices => T::TreeNotices,
        Tree::Audit => T::TreeAudit,
        Tree::Heads => T::TreeHeads,
        Tree::HeadOf => T::TreeHeadOf,
        Tree::Dated => T::TreeDated,
        Tree::CaseEnds => T::TreeCaseEnds,
        Tree::Cadence => T::TreeCadence,
        Tree::Campaigns => T::TreeCampaigns,
        Tree::Teams => T::TreeTeams,
        Tree::Services => T::TreeServices,
        Tree::ServicePlans => T::TreeServicePlans,
        Tree::Supports => T::TreeSupports,
        Tree::Orgs => T::TreeOrgs,
        Tree::Activities => T::TreeActivities,
        Tree::Goods => T::TreeGoods,
        Tree::Duties => T::TreeDuties,
        Tree::ElderHomes => T::TreeElderHomes,
        Tree::DayFigures => T::TreeDayFigures,
        Tree::LastContacts => T::TreeLastContacts,
        Tree::MemberOf => T::TreeMemberOf,
        Tree::VisitHomes => T::TreeVisitHomes,
        Tree::HouseholdRows => T::TreeHouseholdRows,
        Tree::SearchColumn => T::TreeSearchColumn,
        Tree::ServiceDays => T::TreeServiceDays,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use qiaomen_core::Date;

    /// Every kind of damage, each holding the others where it can.
    fn every_damage() -> Vec<Damage> {
        let day = Date::parse("2026-11-30").expect("date");
        let keys = vec![
            KeyPart::Resident(1),
            KeyPart::Household(2),
            KeyPart::Case(3),
            KeyPart::Meeting(4),
            KeyPart::Visit(5),
            KeyPart::FundEntry(6),
            KeyPart::HouseholdFile(7),
            KeyPart::Id(8),
            KeyPart::Day(day),
            KeyPart::NotClosed,
            KeyPart::Households {
                first: 64,
                last: 127,
            },
            KeyPart::Unreadable,
        ];
        let mut all = vec![
            Damage::JournalMissing,
            Damage::EntriesMissing { from: 3, to: 9 },
            Damage::FrameLength,
            Damage::EntryHash { seq: 4 },
            Damage::EntryTorn { seq: 4 },
            Damage::EntryUnreadable { seq: 4 },
            Damage::EntryNumber { seq: 4, found: 5 },
            Damage::SegmentGap {
                segment: "/d/journal/00000000000000000001.qmj".into(),
            },
            Damage::FileUnreadable {
                path: "/d/journal/00000000000000000001.qmj".into(),
            },
            Damage::SnapshotHeader,
            Damage::SnapshotChecksum,
            Damage::SnapshotBase { seq: 4 },
            Damage::SnapshotOffJournal { seq: 4 },
            Damage::NoIntactSnapshot,
            Damage::NoSnapshotCovers,
            Damage::StoreEmpty,
            Damage::StoreBookkeeping,
            Damage::StoreUnreadable,
            Damage::StoreTimeout { seconds: 30 },
            Damage::CheckInCount { found: 3, kept: 4 },
            Damage::LooseDay { day },
            Damage::Behind {
                applied: 3,
                last: 4,
            },
            Damage::ReplayStopped {
                reached: 3,
                last: 4,
            },
        ];
        for t in Tree::ALL {
            all.push(Damage::Count {
                tree: t,
                found: 3,
                kept: 4,
            });
            all.push(Damage::Differs {
                tree: t,
                key: keys.clone(),
            });
        }
        for off in [Off::Missing, Off::Extra, Off::Value] {
            all.push(Damage::Index {
                tree: Tree::Dated,
                key: keys.clone(),
                off,
            });
        }
        all.push(Damage::NotRebuilt {
            cause: Box::new(Damage::StoreUnreadable),
        });
        all.push(Damage::RebuildFailed {
            why: Box::new(Damage::StoreEmpty),
            tried: Vec::new(),
        });
        all.push(Damage::RebuildFailed {
            why: Box::new(Damage::StoreEmpty),
            tried: vec![Damage::ReplayStopped {
                reached: 3,
                last: 4,
            }],
        });
        all.push(Damage::JournalAndStore {
            journal: Box::new(Damage::EntryHash { seq: 4 }),
            store: Box::new(Damage::StoreEmpty),
        });
        all
    }

    #[test]
    fn no_damage_reaches_a_chinese_user_in_english() {
        for d in every_damage() {
            let zh = damage(Lang::Zh, &d);
            // Paths are proper names here; what is left must hold no Latin word.
            let words = zh.replace("/d/journal/00000000000000000001.qmj", "");
            assert!(
                !words.chars().any(|c| c.is_ascii_alphabetic()),
                "English in {d:?}: {zh}"
            );
            assert!(!zh.contains('{'), "a slot left unfilled in {d:?}: {zh}");
        }
    }

    #[test]
    fn english_says_what_the_domain_s_note_says() {
        // The server's log (the core's Display) and the English UI agree on each fault.
        for d in every_damage() {
            let en = damage(Lang::En, &d);
            assert!(!en.is_empty() && !en.contains('{'), "{d:?}: {en}");
        }
        let d = Damage::Index {
            tree: Tree::ElderHomes,
            key: vec![KeyPart::Resident(3), KeyPart::Household(12)],
            off: Off::Missing,
        };
        assert_eq!(
            damage(Lang::Zh, &d),
            "老人住址索引中居民 3、户 12的条目缺失"
        );
        assert_eq!(
            damage(Lang::En, &d),
            "its elder-homes index entry for resident 3 household 12 is missing"
        );
    }
}
