use std::collections::HashSet;
use std::fmt::Debug;

use super::{Lang, Word, fill, month, weekday};
use crate::care::{ContactBy, Pairing, ServiceKind, TeamKind};
use crate::model::{
    ActivityKind, CaseKind, CaseStatus, Category, Closure, ContactHow, Direction, FileStatus,
    Level, MeetingKind, Method, Need, OrgKind, Outcome, PartnerKind, Period, PledgeStatus, Role,
    Side,
};
use crate::rollcall::Attention;

/// Every variant has a non-empty word in both languages, and no two variants share one.
fn distinct<W: Word + Debug>() -> usize {
    for lang in [Lang::Zh, Lang::En] {
        let mut seen = HashSet::new();
        for &w in W::EVERY {
            let word = w.word(lang);
            assert!(!word.trim().is_empty(), "{w:?} has no {lang:?} word");
            assert_eq!(word, word.trim(), "{w:?}: {word:?} has spaces around it");
            assert!(seen.insert(word), "{w:?} shares the {lang:?} word {word:?}");
        }
        if lang == Lang::Zh {
            for &w in W::EVERY {
                assert!(
                    !w.zh().chars().any(|c| c.is_ascii_alphabetic()),
                    "{w:?}: the Chinese word {:?} has Latin letters",
                    w.zh()
                );
            }
        }
    }
    W::EVERY.len()
}

#[test]
fn every_domain_word_is_spelled_once_per_language() {
    let counted = [
        distinct::<Outcome>(),
        distinct::<Method>(),
        distinct::<Attention>(),
        distinct::<CaseKind>(),
        distinct::<CaseStatus>(),
        distinct::<Closure>(),
        distinct::<Level>(),
        distinct::<ContactHow>(),
        distinct::<OrgKind>(),
        distinct::<FileStatus>(),
        distinct::<Category>(),
        distinct::<Need>(),
        distinct::<PartnerKind>(),
        distinct::<PledgeStatus>(),
        distinct::<Period>(),
        distinct::<Direction>(),
        distinct::<MeetingKind>(),
        distinct::<ActivityKind>(),
        distinct::<Side>(),
        distinct::<Role>(),
        distinct::<TeamKind>(),
        distinct::<ServiceKind>(),
        distinct::<Pairing>(),
        distinct::<ContactBy>(),
    ];
    assert!(counted.iter().all(|&n| n >= 2));
    // The words lists agree with the enums' own lists where they have one.
    assert_eq!(<Outcome as Word>::EVERY, Outcome::ALL);
    assert_eq!(<Need as Word>::EVERY, Need::ALL);
    assert_eq!(<CaseStatus as Word>::EVERY, CaseStatus::ALL);
}

#[test]
fn one_word_for_what_the_ui_and_the_report_once_spelled_apart() {
    assert_eq!(Outcome::Ok.zh(), "平安");
    assert_eq!(Outcome::NoAnswer.zh(), "未接通");
    assert_eq!(CaseStatus::Open.zh(), "待处理");
    assert_eq!(Method::Doorbell.zh(), "门铃");
    assert_eq!(CaseKind::Request.word(Lang::En), "request");
}

#[test]
fn fill_by_name_and_by_position() {
    assert_eq!(fill("{a} {b} {a}", &[("a", &1), ("b", &"x")]), "1 x 1");
    assert_eq!(fill("{1}/{0}", &[("", &3), ("", &4)]), "4/3");
    assert_eq!(fill("{zz} {0}", &[("", &"k")]), "{zz} k");
    // A value is written as it is, never read for slots; stray braces stay.
    assert_eq!(fill("{0}-{1}", &[("", &"{1}"), ("", &"b")]), "{1}-b");
    assert_eq!(fill("{{0}} {", &[("", &7)]), "{7} {");
    assert_eq!(fill("{}", &[("", &7)]), "{}");
}

#[test]
fn weekdays_and_months() {
    assert_eq!(weekday(Lang::Zh, 1), "周一");
    assert_eq!(weekday(Lang::En, 7), "Sun");
    assert_eq!(weekday(Lang::En, 0), "Mon");
    assert_eq!(month(Lang::Zh, 11), "11");
    assert_eq!(month(Lang::En, 12), "Dec");
}
