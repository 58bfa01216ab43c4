//! A store key read into the records it stands for (`damage::KeyPart`), for the problems
//! `qiaomen check` reports.

use crate::damage::KeyPart;
use crate::day::Date;
use crate::store::Tree;

fn raw(k: &[u8]) -> KeyPart {
    KeyPart::Raw(String::from_utf8_lossy(k).escape_default().to_string())
}

/// A store key in parts: the kept indexes' keys by what they join, a record tree's key as its
/// number, anything else as escaped bytes.
pub(crate) fn key_parts(tree: Tree, k: &[u8]) -> Vec<KeyPart> {
    let id = |b: Option<&[u8]>| {
        b.and_then(|b| <[u8; 8]>::try_from(b).ok())
            .map(u64::from_be_bytes)
    };
    let day = |b: Option<&[u8]>| -> KeyPart {
        match b.and_then(|b| <[u8; 4]>::try_from(b).ok()) {
            Some(d) if d == super::entries::NOT_CLOSED => KeyPart::NotClosed,
            Some(d) => Date::from_key(d).map_or(KeyPart::Unreadable, KeyPart::Day),
            None => KeyPart::Unreadable,
        }
    };
    let part = |make: fn(u64) -> KeyPart, b: Option<&[u8]>| id(b).map_or(KeyPart::Unreadable, make);
    match tree {
        Tree::Elders | Tree::LastContacts => vec![part(KeyPart::Resident, k.get(..))],
        Tree::Heads | Tree::VisitHomes => vec![part(KeyPart::Household, k.get(..))],
        Tree::ElderHomes => vec![
            part(KeyPart::Resident, k.get(8..)),
            part(KeyPart::Household, k.get(..8)),
        ],
        Tree::HeadOf => vec![
            part(KeyPart::Resident, k.get(..8)),
            part(KeyPart::Household, k.get(8..)),
        ],
        // A block of memberships: its first and last resident.
        Tree::MemberOf => match id(k.get(..)) {
            Some(b) => {
                let first = b.saturating_mul(super::memberships::BLOCK);
                let last = first.saturating_add(super::memberships::BLOCK - 1);
                vec![KeyPart::Resident(first), KeyPart::Resident(last)]
            }
            None => vec![KeyPart::Unreadable],
        },
        Tree::Dated => {
            let make: fn(u64) -> KeyPart = match k.get(4) {
                Some(1) => KeyPart::Meeting,
                Some(2) => KeyPart::Visit,
                Some(3) => KeyPart::FundEntry,
                Some(4) => KeyPart::Case,
                Some(5) => KeyPart::HouseholdFile,
                _ => KeyPart::Id,
            };
            vec![day(k.get(..4)), part(make, k.get(5..))]
        }
        Tree::CaseEnds => vec![part(KeyPart::Case, k.get(4..)), day(k.get(..4))],
        Tree::DayFigures | Tree::ServiceDays => vec![day(k.get(..4))],
        // A day's packed check-ins, or one loose mark: day ++ elder ++ attempt.
        Tree::CheckIns if k.len() <= 4 => vec![day(k.get(..4))],
        Tree::CheckIns => vec![
            day(k.get(..4)),
            part(KeyPart::Resident, k.get(4..12)),
            k.get(12..)
                .and_then(|b| <[u8; 2]>::try_from(b).ok())
                .map_or(KeyPart::Unreadable, |b| {
                    KeyPart::Id(u64::from(u16::from_be_bytes(b)))
                }),
        ],
        // The store's own bookkeeping is keyed by names.
        Tree::Meta => vec![raw(k)],
        Tree::HouseholdRows => vec![id(k.get(..)).map_or(KeyPart::Unreadable, |b| {
            let first = b.saturating_mul(super::rows::BLOCK);
            KeyPart::Households {
                first,
                last: first.saturating_add(super::rows::BLOCK - 1),
            }
        })],
        // A block of cells: households' as above; residents' as its first and last resident.
        Tree::SearchColumn => {
            use crate::search::column::{BLOCK, HOUSEHOLDS, RESIDENTS};
            match (k.first(), id(k.get(1..))) {
                (Some(&kind), Some(b)) if kind == HOUSEHOLDS || kind == RESIDENTS => {
                    let first = b.saturating_mul(BLOCK);
                    let last = first.saturating_add(BLOCK - 1);
                    if kind == HOUSEHOLDS {
                        vec![KeyPart::Households { first, last }]
                    } else {
                        vec![KeyPart::Resident(first), KeyPart::Resident(last)]
                    }
                }
                _ => vec![KeyPart::Unreadable],
            }
        }
        // A block of records (`blocks.rs`): its first and last record.
        Tree::Residents | Tree::Households if crate::store::block_of_key(k).is_some() => {
            let b = crate::store::block_of_key(k).unwrap_or_default();
            let first = b.saturating_mul(crate::store::blocks::BLOCK_IDS);
            let last = first.saturating_add(crate::store::blocks::BLOCK_IDS - 1);
            if tree == Tree::Households {
                vec![KeyPart::Households { first, last }]
            } else {
                vec![KeyPart::Resident(first), KeyPart::Resident(last)]
            }
        }
        _ => vec![id(k.get(..)).map_or_else(|| raw(k), KeyPart::Id)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_key_is_read_into_the_records_it_joins() {
        let mut k = 12u64.to_be_bytes().to_vec();
        k.extend_from_slice(&3u64.to_be_bytes());
        assert_eq!(
            key_parts(Tree::ElderHomes, &k),
            [KeyPart::Resident(3), KeyPart::Household(12)]
        );
        assert_eq!(
            key_parts(Tree::HeadOf, &k),
            [KeyPart::Resident(12), KeyPart::Household(3)]
        );
        let day = Date::parse("2026-11-30").expect("date");
        let mut dated = day.key().to_vec();
        dated.push(2);
        dated.extend_from_slice(&7u64.to_be_bytes());
        assert_eq!(
            key_parts(Tree::Dated, &dated),
            [KeyPart::Day(day), KeyPart::Visit(7)]
        );
    }

    #[test]
    fn a_short_or_foreign_key_is_marked_not_misread() {
        assert_eq!(key_parts(Tree::Heads, b"abc"), [KeyPart::Unreadable]);
        assert_eq!(
            key_parts(Tree::Meta, b"schema"),
            [KeyPart::Raw("schema".into())]
        );
        // Eight bytes of a name are not a number.
        assert_eq!(
            key_parts(Tree::Meta, b"checkins"),
            [KeyPart::Raw("checkins".into())]
        );
        assert_eq!(
            key_parts(Tree::Residents, &9u64.to_be_bytes()),
            [KeyPart::Id(9)]
        );
    }
}
