//! The roll call's rules (SPEC §3), with `now` passed in: the latest check-in of the day
//! decides, `away` carries until its date, and the attention list catches everyone not reached
//! after the cutoff, no-answer too often, unwell or needing help, or missed two days running.

mod common;

use common::{Town, apply_ok, at, clerk, day, new_checkin, new_elder, town};
use qiaomen_core::model::{Community, Id, Outcome};
use qiaomen_core::rollcall::{Attention, DayStatus, Roll, RollCounts, RollEntry, roll};
use qiaomen_core::{Command, Now};

fn add_elder(t: &Town, name: &str, level: u8, active_from: &str) -> Id {
    let e = new_elder(name, t.grid, level, active_from);
    apply_ok(&t.store, Command::SaveResident(e), &clerk()).id
}

/// A mark made when it happened (a mark on a day not yet come is refused).
fn mark(t: &Town, elder: Id, date: &str, hhmm: &str, outcome: Outcome) {
    let c = new_checkin(elder, date, hhmm, outcome);
    apply_ok(
        &t.store,
        Command::CheckIn(c),
        &common::actor(&clerk().operator, at(date, hhmm)),
    );
}

fn mark_away(t: &Town, elder: Id, date: &str, until: Option<&str>) {
    let mut c = new_checkin(elder, date, "09:00", Outcome::Away);
    c.away_until = until.map(day);
    apply_ok(
        &t.store,
        Command::CheckIn(c),
        &common::actor(&clerk().operator, at(date, "09:00")),
    );
}

fn roll_at(t: &Town, date: &str, now: Now) -> Roll {
    roll(&t.store, day(date), now, None).expect("roll")
}

fn entry(r: &Roll, elder: Id) -> &RollEntry {
    r.entries
        .iter()
        .find(|e| e.elder.id == elder)
        .unwrap_or_else(|| panic!("elder {elder} is not on the roll of {}", r.date))
}

/// The status and attention of one elder on `date` at `hhmm` that day.
fn look(t: &Town, elder: Id, date: &str, hhmm: &str) -> (DayStatus, Option<Attention>) {
    let r = roll_at(t, date, at(date, hhmm));
    let e = entry(&r, elder);
    (e.status, e.attention)
}

#[test]
fn not_reached_needs_attention_only_after_the_cutoff() {
    let t = town();
    // Active from the roll's day, so there is no previous day to have missed.
    let e = add_elder(&t, "许南星", 2, "2026-03-10");
    assert_eq!(
        look(&t, e, "2026-03-10", "10:59"),
        (DayStatus::NotReached, None)
    );
    assert_eq!(
        look(&t, e, "2026-03-10", "11:00"),
        (
            DayStatus::NotReached,
            Some(Attention::NotReachedAfterCutoff)
        )
    );
    // Looking back at a past day: its cutoff has passed whatever the time now.
    let r = roll_at(&t, "2026-03-10", at("2026-03-11", "07:00"));
    assert_eq!(
        entry(&r, e).attention,
        Some(Attention::NotReachedAfterCutoff)
    );
    // The cutoff is the community's setting.
    let mut c = Community::named("青石社区");
    c.cutoff = common::time("09:30");
    apply_ok(&t.store, Command::Configure(c), &clerk());
    assert_eq!(
        look(&t, e, "2026-03-10", "09:30").1,
        Some(Attention::NotReachedAfterCutoff)
    );
}

#[test]
fn the_latest_check_in_of_the_day_decides() {
    let t = town();
    let a = add_elder(&t, "许南星", 2, "2026-03-10");
    let b = add_elder(&t, "贺云舒", 2, "2026-03-10");
    mark(&t, a, "2026-03-10", "08:00", Outcome::Ok);
    mark(&t, a, "2026-03-10", "09:00", Outcome::NoAnswer);
    mark(&t, b, "2026-03-10", "08:00", Outcome::NoAnswer);
    mark(&t, b, "2026-03-10", "09:00", Outcome::Ok);
    let r = roll_at(&t, "2026-03-10", at("2026-03-10", "12:00"));
    let ea = entry(&r, a);
    assert_eq!(ea.status, DayStatus::NotReached);
    assert_eq!(ea.attention, Some(Attention::NotReachedAfterCutoff));
    assert_eq!(ea.attempts.len(), 2);
    let eb = entry(&r, b);
    assert_eq!(eb.status, DayStatus::Reached(Outcome::Ok));
    assert_eq!(eb.attention, None);
    assert_eq!(eb.no_answers(), 1);
    assert_eq!(eb.last.as_ref().map(|c| c.seq), Some(1));
}

#[test]
fn the_latest_is_the_latest_in_time_not_the_last_recorded() {
    // A doorbell relay sends an 08:03 press after a 10:00 no-answer was recorded; and a
    // back-filled 08:00 no-answer arrives after a 09:00 ok. Time decides, not arrival.
    let t = town();
    let a = add_elder(&t, "许南星", 2, "2026-03-10");
    let b = add_elder(&t, "贺云舒", 2, "2026-03-10");
    mark(&t, a, "2026-03-10", "10:00", Outcome::NoAnswer);
    mark(&t, a, "2026-03-10", "08:03", Outcome::Ok);
    mark(&t, b, "2026-03-10", "09:00", Outcome::Ok);
    mark(&t, b, "2026-03-10", "08:00", Outcome::NoAnswer);
    let r = roll_at(&t, "2026-03-10", at("2026-03-10", "12:00"));
    let ea = entry(&r, a);
    assert_eq!(
        ea.status,
        DayStatus::NotReached,
        "the 10:00 call came after the press"
    );
    let times: Vec<String> = ea.attempts.iter().map(|c| c.time.to_string()).collect();
    assert_eq!(
        times,
        ["08:03", "10:00"],
        "attempts in the order they happened"
    );
    assert_eq!(ea.last.as_ref().map(|c| c.seq), Some(0));
    let eb = entry(&r, b);
    assert_eq!(eb.status, DayStatus::Reached(Outcome::Ok));
    assert_eq!(eb.attention, None);
}

#[test]
fn repeated_no_answers_need_attention_before_the_cutoff() {
    let t = town();
    let e = add_elder(&t, "许南星", 2, "2026-03-10");
    mark(&t, e, "2026-03-10", "07:00", Outcome::NoAnswer);
    mark(&t, e, "2026-03-10", "07:30", Outcome::NoAnswer);
    assert_eq!(look(&t, e, "2026-03-10", "08:00").1, None);
    mark(&t, e, "2026-03-10", "08:00", Outcome::NoAnswer);
    assert_eq!(
        look(&t, e, "2026-03-10", "08:01").1,
        Some(Attention::NoAnswerRepeated)
    );
    // Reached in the end: no longer on the list.
    mark(&t, e, "2026-03-10", "08:30", Outcome::Ok);
    assert_eq!(
        look(&t, e, "2026-03-10", "12:00"),
        (DayStatus::Reached(Outcome::Ok), None)
    );
    // Fewer retries configured for level 2 (the ladder's phone tries): two are enough, and a
    // level-1 elder, whose ladder still has three, is not flagged after two.
    let mut c = Community::named("青石社区");
    c.ladder.levels[1].retries = 2;
    apply_ok(&t.store, Command::Configure(c), &clerk());
    let f = add_elder(&t, "贺云舒", 2, "2026-03-10");
    mark(&t, f, "2026-03-10", "07:00", Outcome::NoAnswer);
    mark(&t, f, "2026-03-10", "07:30", Outcome::NoAnswer);
    assert_eq!(
        look(&t, f, "2026-03-10", "08:00").1,
        Some(Attention::NoAnswerRepeated)
    );
    let level_one = add_elder(&t, "柯望山", 1, "2026-03-10");
    mark(&t, level_one, "2026-03-10", "07:00", Outcome::NoAnswer);
    mark(&t, level_one, "2026-03-10", "07:30", Outcome::NoAnswer);
    assert_eq!(look(&t, level_one, "2026-03-10", "08:00").1, None);
}

#[test]
fn unwell_and_needs_help_are_reached_but_need_attention() {
    let t = town();
    let a = add_elder(&t, "许南星", 2, "2026-03-10");
    let b = add_elder(&t, "贺云舒", 2, "2026-03-10");
    mark(&t, a, "2026-03-10", "08:00", Outcome::Unwell);
    mark(&t, b, "2026-03-10", "08:00", Outcome::NeedsHelp);
    assert_eq!(
        look(&t, a, "2026-03-10", "08:05"),
        (DayStatus::Reached(Outcome::Unwell), Some(Attention::Unwell))
    );
    assert_eq!(
        look(&t, b, "2026-03-10", "08:05"),
        (
            DayStatus::Reached(Outcome::NeedsHelp),
            Some(Attention::NeedsHelp)
        )
    );
}

/// The previous day is read as its latest attempt in time (the roll looks at that one only):
/// a late-arriving earlier press does not hide a later no-answer, a back-filled earlier
/// no-answer does not undo a later ok, and the last contact shown is that latest attempt.
#[test]
fn the_previous_day_is_its_latest_attempt_in_time() {
    let t = town();
    let a = add_elder(&t, "许南星", 2, "2026-03-01");
    let b = add_elder(&t, "贺云舒", 2, "2026-03-01");
    mark(&t, a, "2026-03-09", "10:00", Outcome::NoAnswer);
    mark(&t, a, "2026-03-09", "08:03", Outcome::Ok);
    mark(&t, b, "2026-03-09", "09:00", Outcome::Ok);
    mark(&t, b, "2026-03-09", "08:00", Outcome::NoAnswer);
    let r = roll_at(&t, "2026-03-10", at("2026-03-10", "07:00"));
    let ea = entry(&r, a);
    assert!(ea.missed_previous_day, "the 10:00 no-answer came last");
    assert_eq!(ea.attention, Some(Attention::MissedTwoDays));
    let last = ea.last.as_ref().map(|c| (c.time.to_string(), c.outcome));
    assert_eq!(last, Some(("10:00".to_owned(), Outcome::NoAnswer)));
    let eb = entry(&r, b);
    assert!(!eb.missed_previous_day, "the 09:00 ok came last");
    assert_eq!(eb.attention, None);
    let last = eb.last.as_ref().map(|c| (c.time.to_string(), c.outcome));
    assert_eq!(last, Some(("09:00".to_owned(), Outcome::Ok)));
}

#[test]
fn missing_the_previous_day_too_is_red_even_before_the_cutoff() {
    let t = town();
    let quiet = add_elder(&t, "许南星", 2, "2026-03-01");
    let unanswered = add_elder(&t, "贺云舒", 2, "2026-03-01");
    let reached = add_elder(&t, "石青山", 2, "2026-03-01");
    mark(&t, unanswered, "2026-03-09", "08:00", Outcome::Ok);
    mark(&t, unanswered, "2026-03-09", "09:00", Outcome::NoAnswer);
    mark(&t, reached, "2026-03-09", "08:00", Outcome::Ok);
    let r = roll_at(&t, "2026-03-10", at("2026-03-10", "07:00"));
    for e in [quiet, unanswered] {
        assert!(entry(&r, e).missed_previous_day);
        assert_eq!(entry(&r, e).attention, Some(Attention::MissedTwoDays));
    }
    assert!(!entry(&r, reached).missed_previous_day);
    assert_eq!(entry(&r, reached).attention, None);
    // Red comes first on the sheet.
    assert_eq!(r.entries[0].attention, Some(Attention::MissedTwoDays));
    // Reached today clears it, whatever yesterday was.
    mark(&t, quiet, "2026-03-10", "07:10", Outcome::Ok);
    assert_eq!(look(&t, quiet, "2026-03-10", "07:15").1, None);
}

#[test]
fn away_carries_until_its_date_and_then_stops() {
    let t = town();
    let e = add_elder(&t, "许南星", 2, "2026-03-01");
    mark(&t, e, "2026-03-09", "08:00", Outcome::Ok);
    mark_away(&t, e, "2026-03-10", Some("2026-03-12"));
    let until = Some(day("2026-03-12"));
    let r = roll_at(&t, "2026-03-10", at("2026-03-10", "12:00"));
    let today = entry(&r, e);
    assert_eq!(
        today.status,
        DayStatus::Away {
            until,
            carried: false
        }
    );
    assert!(today.is_due() && today.is_accounted() && !today.is_reached());
    for date in ["2026-03-11", "2026-03-12"] {
        let r = roll_at(&t, date, at(date, "12:00"));
        let carried = entry(&r, e);
        assert_eq!(
            carried.status,
            DayStatus::Away {
                until,
                carried: true
            }
        );
        assert!(!carried.is_due());
        assert_eq!(carried.attention, None);
    }
    // The day after: due again, and the away days do not count as missed.
    let (status, attention) = look(&t, e, "2026-03-13", "10:00");
    assert_eq!((status, attention), (DayStatus::NotReached, None));
    assert_eq!(
        look(&t, e, "2026-03-13", "11:30").1,
        Some(Attention::NotReachedAfterCutoff)
    );
    assert_eq!(
        look(&t, e, "2026-03-14", "08:00").1,
        Some(Attention::MissedTwoDays)
    );
}

#[test]
fn away_without_a_date_holds_until_the_next_check_in() {
    let t = town();
    let e = add_elder(&t, "许南星", 2, "2026-03-01");
    mark_away(&t, e, "2026-03-10", None);
    let carried = DayStatus::Away {
        until: None,
        carried: true,
    };
    assert_eq!(look(&t, e, "2026-04-20", "12:00"), (carried, None));
    mark(&t, e, "2026-04-21", "08:00", Outcome::Ok);
    assert_eq!(
        look(&t, e, "2026-04-22", "08:00"),
        (DayStatus::NotReached, None)
    );
}

#[test]
fn a_check_in_after_midnight_belongs_to_the_community_s_day() {
    let t = town();
    let e = add_elder(&t, "许南星", 2, "2026-11-28");
    mark(&t, e, "2026-11-28", "08:00", Outcome::Ok);
    mark(&t, e, "2026-11-29", "08:00", Outcome::Ok);
    // 2026-11-29 17:30 UTC; the server's clock says the 29th, Changsha says the 30th.
    let offset = t.store.community().expect("community").utc_offset_minutes;
    let now = Now::at(1_795_973_400, offset).expect("now");
    assert_eq!(
        (now.date, now.time.to_string()),
        (day("2026-11-30"), "01:30".into())
    );
    let c = new_checkin(e, &now.date.to_string(), &now.time.to_string(), Outcome::Ok);
    apply_ok(&t.store, Command::CheckIn(c), &common::actor("柳青禾", now));
    let r = roll(&t.store, now.date, now, None).expect("roll");
    assert_eq!(entry(&r, e).status, DayStatus::Reached(Outcome::Ok));
    assert_eq!(entry(&r, e).attempts[0].time.to_string(), "01:30");
    let r = roll(&t.store, day("2026-11-29"), now, None).expect("roll");
    assert_eq!(
        entry(&r, e).attempts.len(),
        1,
        "only the morning call of the 29th"
    );
}

#[test]
fn next_unreached_moves_on_and_wraps() {
    let t = town();
    let first = add_elder(&t, "许南星", 1, "2026-03-10");
    let second = add_elder(&t, "贺云舒", 2, "2026-03-10");
    let third = add_elder(&t, "石青山", 3, "2026-03-10");
    // The town's elder has been due since January with no check-in, so it would be red;
    // reach it to keep it out of the way.
    mark(&t, t.elder, "2026-03-10", "07:00", Outcome::Ok);
    mark(&t, second, "2026-03-10", "07:00", Outcome::Ok);
    let now = at("2026-03-10", "08:00");
    let r = roll_at(&t, "2026-03-10", now);
    let order: Vec<Id> = r.entries.iter().map(|e| e.elder.id).collect();
    // Not yet accounted first, then by care level.
    assert_eq!(order, [first, third, t.elder, second]);
    assert_eq!(r.next_unreached(0), Some(1));
    assert_eq!(r.next_unreached(1), Some(0));
    assert_eq!(r.next_unreached(3), Some(0));
    mark(&t, first, "2026-03-10", "08:00", Outcome::Ok);
    let r = roll_at(&t, "2026-03-10", now);
    let last = r
        .entries
        .iter()
        .position(|e| e.elder.id == third)
        .expect("third");
    assert_eq!(r.next_unreached(last), Some(last), "the only one left");
    mark_away(&t, third, "2026-03-10", None);
    let r = roll_at(&t, "2026-03-10", now);
    assert_eq!(r.next_unreached(0), None);
    let empty = roll(&t.store, day("2025-01-01"), now, None).expect("roll");
    assert!(empty.entries.is_empty());
    assert_eq!(empty.next_unreached(0), None);
}

#[test]
fn counts_add_up() {
    let t = town();
    let ok = t.elder;
    let unwell = add_elder(&t, "许南星", 2, "2026-03-01");
    let away = add_elder(&t, "贺云舒", 2, "2026-03-01");
    let carried = add_elder(&t, "石青山", 2, "2026-03-01");
    let silent = add_elder(&t, "柏小禾", 2, "2026-03-10");
    let missed = add_elder(&t, "言如松", 3, "2026-03-01");
    let _later = add_elder(&t, "方远舟", 3, "2026-03-11");
    mark(&t, ok, "2026-03-10", "08:00", Outcome::Ok);
    mark(&t, unwell, "2026-03-10", "08:00", Outcome::Unwell);
    for e in [away, unwell, ok] {
        mark(&t, e, "2026-03-09", "08:00", Outcome::Ok);
    }
    mark_away(&t, away, "2026-03-10", Some("2026-03-15"));
    mark_away(&t, carried, "2026-03-09", Some("2026-03-15"));
    mark(&t, missed, "2026-03-09", "08:00", Outcome::NoAnswer);
    let r = roll_at(&t, "2026-03-10", at("2026-03-10", "10:00"));
    let counts = r.counts();
    assert_eq!(
        counts,
        RollCounts {
            total: 6,
            due: 5,
            reached: 2,
            away: 2,
            not_reached: 2,
            attention: 2,
        }
    );
    assert_eq!(
        counts.reached + counts.away + counts.not_reached,
        counts.total
    );
    assert_eq!(entry(&r, missed).attention, Some(Attention::MissedTwoDays));
    assert_eq!(entry(&r, silent).attention, None);
    assert_eq!(entry(&r, unwell).attention, Some(Attention::Unwell));
    assert!(!entry(&r, carried).is_due());
}

#[test]
fn the_roll_keeps_to_its_grid_and_to_active_care_plans() {
    let t = town();
    let a = clerk();
    let g2 = apply_ok(
        &t.store,
        Command::SaveGrid(common::new_grid("G2", "第二网格")),
        &a,
    )
    .id;
    let other = apply_ok(
        &t.store,
        Command::SaveResident(new_elder("许南星", g2, 2, "2026-01-01")),
        &a,
    )
    .id;
    let mut ended = new_elder("贺云舒", t.grid, 2, "2026-01-01");
    ended.care.as_mut().expect("care").active_to = Some(day("2026-03-09"));
    let ended = apply_ok(&t.store, Command::SaveResident(ended), &a).id;
    let now = at("2026-03-10", "08:00");
    let ids = |grid| -> Vec<Id> {
        let r = roll(&t.store, day("2026-03-10"), now, grid).expect("roll");
        let mut ids: Vec<Id> = r.entries.iter().map(|e| e.elder.id).collect();
        ids.sort_unstable();
        ids
    };
    assert_eq!(ids(Some(t.grid)), [t.elder]);
    assert_eq!(ids(Some(g2)), [other]);
    assert_eq!(ids(None), [t.elder, other]);
    let r = roll(&t.store, day("2026-03-09"), now, None).expect("roll");
    assert!(r.entries.iter().any(|e| e.elder.id == ended));
}
