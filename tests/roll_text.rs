//! The printed roll call and summary laid out by the server (`Request::RollText`,
//! `Request::SummaryText`) and the answers it keeps until the next change: byte for byte what
//! `--no-server` prints, in both languages, and brought up to a check-in made between two
//! requests.

mod common;

use common::{TempDb, ok, run, stop_server};

/// `qiaomen --no-server ARGS` in `lang` (the server of the database stopped first).
fn here(t: &TempDb, lang: &str, args: &[&str]) -> String {
    stop_server(&t.db);
    let mut all = vec!["--no-server"];
    all.extend_from_slice(args);
    let r = run(&t.db, lang, &all);
    assert_eq!(r.code, 0, "{r:#?}");
    r.stdout
}

/// `qiaomen ARGS` in `lang` through the server (started by the first).
fn served(t: &TempDb, lang: &str, args: &[&str]) -> String {
    let r = run(&t.db, lang, args);
    assert_eq!(r.code, 0, "{r:#?}");
    r.stdout
}

#[test]
fn the_roll_laid_out_by_the_server_is_the_one_printed_without_it() {
    let t = TempDb::demo();
    for lang in ["zh", "en"] {
        for args in [&["roll"][..], &["roll", "--grid", "G3"]] {
            let expected = here(&t, lang, args);
            assert!(expected.lines().count() > 5, "{expected}");
            // The first lays it out, the second is the kept answer.
            assert_eq!(served(&t, lang, args), expected, "{lang} {args:?}");
            assert_eq!(served(&t, lang, args), expected, "{lang} {args:?}, kept");
        }
    }
    // The two languages are kept apart.
    assert_ne!(served(&t, "zh", &["roll"]), served(&t, "en", &["roll"]));
}

#[test]
fn the_summary_laid_out_by_the_server_is_the_one_printed_without_it() {
    let t = TempDb::demo();
    for lang in ["zh", "en"] {
        for args in [
            &["summary"][..],
            &["summary", "--format", "md"],
            &["summary", "--grid", "G3", "--period", "month"],
        ] {
            let expected = here(&t, lang, args);
            assert!(expected.lines().count() > 5, "{expected}");
            assert_eq!(served(&t, lang, args), expected, "{lang} {args:?}");
            assert_eq!(served(&t, lang, args), expected, "{lang} {args:?}, kept");
        }
    }
    // Text and Markdown are kept apart.
    assert_ne!(
        served(&t, "zh", &["summary"]),
        served(&t, "zh", &["summary", "--format", "md"])
    );
}

#[test]
fn kept_answers_follow_a_check_in() {
    let t = TempDb::demo();
    let roll = common::roll_json(&t.db);
    let elder = roll["elders"]
        .as_array()
        .expect("elders")
        .iter()
        .find(|e| e["status"] == "not_reached")
        .expect("an elder not reached yet")["id"]
        .as_u64()
        .expect("id")
        .to_string();
    let (roll_before, summary_before) =
        (served(&t, "zh", &["roll"]), served(&t, "zh", &["summary"]));
    assert_eq!(served(&t, "zh", &["summary"]), summary_before, "kept");
    ok(&t.db, &["checkin", &elder, "ok"]);
    let (roll_after, summary_after) = (served(&t, "zh", &["roll"]), served(&t, "zh", &["summary"]));
    assert_ne!(roll_after, roll_before);
    assert_ne!(summary_after, summary_before);
    assert_eq!(roll_after, here(&t, "zh", &["roll"]));
    assert_eq!(summary_after, here(&t, "zh", &["summary"]));
}
