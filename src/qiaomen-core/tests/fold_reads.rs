//! Folding a closed day (its loose marks written into its pack and removed, in one commit)
//! must never be seen half done by a reader that is not holding the write lock: a server
//! answers queries while its snapshot thread folds. A reader that read the day's pack just
//! before the fold and its loose marks just after found neither copy of those check-ins: a
//! server started after a kill answered "9 check-ins" for a day that held 107.

mod common;

use std::io::Cursor;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use common::{at, day, new_checkin};
use qiaomen_core::generate::{GenerateOptions, Scale, generate};
use qiaomen_core::model::Outcome;
use qiaomen_core::{Engine, Reads};

const DAY: &str = "2026-11-30";

fn generated() -> Engine {
    let mut jsonl = Vec::new();
    generate(
        &GenerateOptions {
            scale: Scale::Community,
            seed: 5,
            days: 3,
            end: day(DAY),
        },
        &mut jsonl,
    )
    .expect("generate");
    let engine = Engine::temporary("tester", at(DAY, "08:00")).expect("engine");
    engine
        .import(
            || Ok(Cursor::new(&jsonl[..])),
            false,
            "tester",
            at(DAY, "08:00"),
            "generated",
        )
        .expect("import");
    engine
}

#[test]
fn a_day_read_while_it_is_folded_reads_whole() {
    let engine = generated();
    let elders: Vec<_> = engine
        .elders()
        .expect("elders")
        .iter()
        .map(|e| e.id)
        .collect();
    let watched = elders[0];
    let clerk = common::actor("柳青禾", at(DAY, "18:00"));
    let later = at("2026-12-03", "08:00");
    // Odd while a fold runs and nothing else is written: the day then holds `expected`.
    let phase = AtomicUsize::new(0);
    let expected = AtomicUsize::new(0);
    let expected_watched = AtomicUsize::new(0);
    let done = AtomicBool::new(false);
    let checked = AtomicUsize::new(0);
    std::thread::scope(|s| {
        let readers: Vec<_> = (0..2)
            .map(|i| {
                let (engine, phase, done, checked) = (&engine, &phase, &done, &checked);
                let (expected, expected_watched) = (&expected, &expected_watched);
                s.spawn(move || {
                    while !done.load(Ordering::SeqCst) {
                        let p = phase.load(Ordering::SeqCst);
                        if p % 2 == 0 {
                            std::hint::spin_loop();
                            continue;
                        }
                        // Reader 0 reads every day in order, reader 1 one elder's part of the
                        // day, with the store's few decoded days pushed out first.
                        let (n, want) = if i == 0 {
                            let n = engine.store().count_checkins().expect("all");
                            (n as usize, expected.load(Ordering::SeqCst))
                        } else {
                            for d in ["2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04"] {
                                engine.store().checkins_on(day(d)).expect("other day");
                            }
                            let part = engine.store().checkins_of(watched, day(DAY), day(DAY));
                            (
                                part.expect("part").len(),
                                expected_watched.load(Ordering::SeqCst),
                            )
                        };
                        if phase.load(Ordering::SeqCst) == p {
                            assert_eq!(n, want, "a read during fold {p} (reader {i})");
                            checked.fetch_add(1, Ordering::SeqCst);
                        }
                    }
                })
            })
            .collect();
        for round in 0..25 {
            for (k, &elder) in elders.iter().enumerate() {
                let hhmm = format!("{:02}:{:02}", 9 + round / 6, (round % 6) * 10 + k % 10);
                let mark = new_checkin(elder, DAY, &hhmm, Outcome::NoAnswer);
                engine
                    .apply(qiaomen_core::Command::CheckIn(mark), &clerk)
                    .expect("mark");
            }
            let whole = engine.store().checkins_on(day(DAY)).expect("day");
            let all = engine.store().count_checkins().expect("all");
            expected.store(all as usize, Ordering::SeqCst);
            let mine = engine.store().checkins_of(watched, day(DAY), day(DAY));
            expected_watched.store(mine.expect("part").len(), Ordering::SeqCst);
            phase.fetch_add(1, Ordering::SeqCst);
            assert_eq!(engine.fold_closed_days(later).expect("fold"), 1);
            // Reads that began before the fold and end after it are what is tested.
            std::thread::sleep(std::time::Duration::from_millis(2));
            phase.fetch_add(1, Ordering::SeqCst);
            assert_eq!(
                engine.store().checkins_on(day(DAY)).expect("day").len(),
                whole.len()
            );
        }
        done.store(true, Ordering::SeqCst);
        for r in readers {
            r.join().expect("a reader saw the day whole");
        }
    });
    assert!(checked.load(Ordering::SeqCst) > 0, "reads overlapped folds");
}
