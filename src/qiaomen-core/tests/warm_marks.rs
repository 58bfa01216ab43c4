//! A server's summary is kept and brought up to each mark (a check-in added, annotated or
//! taken back) instead of being made again, and the printed roll call (`Query::RollSheet`)
//! is built from the warm roll call: both must equal a fresh computation after any sequence of
//! commands. Random marks on a generated community, with other changes and other hours mixed
//! in, each followed by the comparison.

mod common;

use std::io::Cursor;

use common::{at, day, new_checkin};
use qiaomen_core::generate::{GenerateOptions, Scale, generate};
use qiaomen_core::model::CheckInKey;
use qiaomen_core::model::{Community, Id, Outcome, Resident};
use qiaomen_core::query::{Answer, Query};
use qiaomen_core::roll_sheet::{Crew, Sheet};
use qiaomen_core::{Command, Date, Engine, Now, rollcall, summary};

/// A small deterministic generator (xorshift64*), so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
    }
}

const TODAY: &str = "2026-11-30";

/// A generated community (6 grids, about 40 elders, four weeks of check-ins) in an engine.
fn generated() -> Engine {
    let mut jsonl = Vec::new();
    generate(
        &GenerateOptions {
            scale: Scale::Community,
            seed: 3,
            days: 28,
            end: day(TODAY),
        },
        &mut jsonl,
    )
    .expect("generate");
    let engine = Engine::temporary("tester", at(TODAY, "08:00")).expect("engine");
    engine
        .import(
            || Ok(Cursor::new(&jsonl[..])),
            false,
            "tester",
            at("2026-12-01", "08:00"),
            "generated",
        )
        .expect("import");
    engine
}

fn summary_of(
    engine: &Engine,
    date: Date,
    now: Now,
    grid: Option<Id>,
    period: Option<(Date, Date)>,
) -> summary::Summary {
    engine
        .query(Query::Summary {
            date,
            now,
            grid,
            period,
        })
        .and_then(Answer::summary)
        .expect("warm summary")
}

/// The last few days: a period short enough for some elders to be greeted every day of it.
fn short_period() -> (Date, Date) {
    (day(TODAY).add_days(-3), day(TODAY))
}

/// The warm summaries (the year's figures for the community, a short period's for one grid)
/// and sheets, today and yesterday, against fresh ones.
fn same_as_fresh(engine: &Engine, now: Now, grid: Id, after: &str) {
    let store = engine.store();
    let grids = store.all::<qiaomen_core::model::Grid>().expect("grids");
    let members = store.all::<qiaomen_core::model::Member>().expect("members");
    let crew = Crew {
        grids: &grids,
        members: &members,
    };
    let community = store.community().expect("community");
    for date in [day(TODAY), day(TODAY).add_days(-1)] {
        for (g, period) in [(None, None), (Some(grid), Some(short_period()))] {
            let warm = summary_of(engine, date, now, g, period);
            let fresh = summary::summarize(store, date, now, g, period).expect("fresh");
            assert_eq!(warm, fresh, "summary of {date}, grid {g:?}, after {after}");
            let sheet = engine
                .query(Query::RollSheet { date, now, grid: g })
                .and_then(Answer::roll_sheet)
                .expect("sheet");
            let fresh = rollcall::roll(store, date, now, g)
                .expect("roll")
                .at(&community, now, g);
            let warm = engine
                .query(Query::Roll { date, now, grid: g })
                .and_then(Answer::roll)
                .expect("warm roll");
            assert_eq!(
                format!("{:?}", warm.entries),
                format!("{:?}", fresh.entries),
                "roll of {date}, grid {g:?}, after {after}"
            );
            assert_eq!(
                sheet,
                Sheet::of(&fresh, &crew),
                "sheet of {date}, grid {g:?}, after {after}"
            );
            // The head the TUI's first frame draws: the first lines and the counts of all.
            for rows in [0, 3, fresh.entries.len(), fresh.entries.len() + 1] {
                let head = engine
                    .query(Query::RollHead {
                        date,
                        now,
                        grid: g,
                        rows: rows as u32,
                    })
                    .and_then(Answer::roll_head)
                    .expect("head");
                assert_eq!(head.counts, fresh.counts(), "counts of the head, {after}");
                assert_eq!(head.whole, rows >= fresh.entries.len());
                assert_eq!(
                    format!("{:?}", head.roll.entries),
                    format!("{:?}", &fresh.entries[..rows.min(fresh.entries.len())]),
                    "head of {rows} of {date}, grid {g:?}, after {after}"
                );
            }
        }
    }
}

#[test]
fn kept_summaries_and_sheets_equal_fresh_ones_after_random_marks() {
    let engine = generated();
    let elders: Vec<Resident> = engine.store().elders().expect("elders");
    assert!(elders.len() >= 20, "{} elders", elders.len());
    let grid = elders[0].grid;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let outcomes = [
        Outcome::Ok,
        Outcome::NoAnswer,
        Outcome::Unwell,
        Outcome::NeedsHelp,
        Outcome::Away,
    ];
    let mut keys: Vec<CheckInKey> = Vec::new();
    let mut minute = 0;
    // Once before any change: the summaries are made and kept.
    same_as_fresh(&engine, at(TODAY, "09:00"), grid, "nothing");
    let mut some_greeted = false;
    for step in 0..40 {
        // The hour moves now and then (the cutoff passes at some point).
        if rng.below(4) == 0 {
            minute += 37;
        }
        let hhmm = format!("{:02}:{:02}", 9 + minute / 60 % 12, minute % 60);
        let now = at(TODAY, &hhmm);
        let actor = common::actor("柳青禾", now);
        let what = match rng.below(10) {
            0 if !keys.is_empty() => {
                let key = keys.swap_remove(rng.below(keys.len()));
                Command::UndoCheckIn { key }
            }
            1 if !keys.is_empty() => Command::AnnotateCheckIn {
                key: keys[rng.below(keys.len())],
                note: format!("note {step}"),
            },
            2 if step % 15 == 2 => {
                // Another kind of change: the kept summaries are dropped.
                let mut c = engine.store().community().expect("community");
                c.retries = 2 + u8::try_from(rng.below(2)).expect("small");
                Command::Configure(c)
            }
            _ => {
                let elder = &elders[rng.below(elders.len())];
                // Today, yesterday or a few days back (a back-filled mark).
                let date = day(TODAY).add_days(-i64::try_from(rng.below(4)).expect("small"));
                let mut c = new_checkin(elder.id, &date.to_string(), &hhmm, Outcome::Ok);
                c.outcome = outcomes[rng.below(outcomes.len())];
                if c.outcome == Outcome::Away {
                    c.away_until = Some(day(TODAY).add_days(2));
                }
                Command::CheckIn(c)
            }
        };
        let label = format!("step {step}: {what:?}");
        match engine.apply(what, &actor) {
            Ok(applied) => keys.extend(applied.checkin),
            Err(e) => panic!("{label} failed: {e}"),
        }
        same_as_fresh(&engine, now, grid, &label);
        some_greeted |= summary_of(&engine, day(TODAY), now, Some(grid), Some(short_period()))
            .period
            .elders_greeted_daily
            > 0;
    }
    // The figure the marks bring up to date was not zero all along.
    assert!(some_greeted, "no elder was ever greeted daily");
}

/// A community reconfigured keeps nothing it should not: the test's `Configure` is a real one.
#[test]
fn a_community_change_is_not_a_mark() {
    let engine = generated();
    let now = at(TODAY, "10:00");
    let before = summary_of(&engine, day(TODAY), now, None, None);
    let mut c: Community = engine.store().community().expect("community");
    c.name = "另一个社区".to_owned();
    engine
        .apply(Command::Configure(c), &common::actor("柳青禾", now))
        .expect("configure");
    let after = summary_of(&engine, day(TODAY), now, None, None);
    assert_ne!(before.community, after.community);
    assert_eq!(after.community, "另一个社区");
}

/// The printed roll call of a warm roll whose crew must be read again (a member added since):
/// the sheet answers, and equals a fresh one. The crew is read on a thread beside the roll and
/// joined outside the warm state's lock, under which a warm roll answers and which reading the
/// crew takes; joined inside, the two waited on each other for ever.
#[test]
fn a_warm_roll_sheet_answers_after_the_roster_changed() {
    let engine = std::sync::Arc::new(generated());
    let now = at(TODAY, "10:00");
    let date = day(TODAY);
    engine
        .query(Query::RollSheet {
            date,
            now,
            grid: None,
        })
        .expect("first sheet");
    engine
        .apply(
            Command::SaveMember(common::new_member("新来的", None)),
            &common::actor("柳青禾", now),
        )
        .expect("member");
    // The roll warm again (without the crew), then the sheet, which needs both.
    engine
        .query(Query::Roll {
            date,
            now,
            grid: None,
        })
        .expect("roll");
    let (tx, rx) = std::sync::mpsc::channel();
    let asked = std::sync::Arc::clone(&engine);
    std::thread::spawn(move || {
        let _ = tx.send(
            asked
                .query(Query::RollSheet {
                    date,
                    now,
                    grid: None,
                })
                .and_then(Answer::roll_sheet),
        );
    });
    let sheet = rx
        .recv_timeout(std::time::Duration::from_secs(120))
        .expect("the sheet did not answer in two minutes")
        .expect("sheet");
    let store = engine.store();
    let grids = store.all::<qiaomen_core::model::Grid>().expect("grids");
    let members = store.all::<qiaomen_core::model::Member>().expect("members");
    assert!(members.iter().any(|m| m.name == "新来的"));
    let community = store.community().expect("community");
    let fresh = rollcall::roll(store, date, now, None)
        .expect("roll")
        .at(&community, now, None);
    let crew = Crew {
        grids: &grids,
        members: &members,
    };
    assert_eq!(sheet, Sheet::of(&fresh, &crew));
}

/// A warm roll keeps an elder's latest check-in before the day apart only once the elder has
/// attempts on it: for the others it is the entry's last contact. A mark on an elder without
/// attempts, then taken back, must leave the warm entry's last contact where a fresh roll has
/// it (the day before's), not lost with the attempt.
#[test]
fn a_first_mark_taken_back_leaves_the_last_contact_before_the_day() {
    let engine = generated();
    let now = at(TODAY, "10:00");
    let date = day(TODAY);
    let community = engine.store().community().expect("community");
    let fresh = rollcall::roll(engine.store(), date, now, None)
        .expect("roll")
        .at(&community, now, None);
    let elder = fresh
        .entries
        .iter()
        .find(|e| e.attempts.is_empty() && e.last.is_some())
        .expect("an elder with no attempts today and a contact before")
        .elder
        .clone();
    let grid = elder.grid;
    // The roll is made warm before the mark.
    same_as_fresh(&engine, now, grid, "nothing");
    let actor = common::actor("柳青禾", now);
    let applied = engine
        .apply(
            Command::CheckIn(new_checkin(elder.id, TODAY, "10:00", Outcome::NoAnswer)),
            &actor,
        )
        .expect("mark");
    same_as_fresh(&engine, now, grid, "the first mark");
    let key = applied.checkin.expect("the mark's key");
    engine
        .apply(Command::UndoCheckIn { key }, &actor)
        .expect("take back");
    same_as_fresh(&engine, now, grid, "the first mark taken back");
}
