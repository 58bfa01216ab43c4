//! Dates from the command line (issue 14 points 4 and 5), end to end on a demo database with
//! the clock fixed at 2026-11-30 09:40: marks on a day or a minute not yet come and follow-ups
//! already past are refused in one sentence (exit 1); `12-02`, `12/2`, `11月29日` are days of
//! this year; `summary --period` and the calendar year as the default running totals.

mod common;

use common::{TempDb, ok, run};
use serde_json::Value;

fn summary_json(db: &std::path::Path, args: &[&str]) -> Value {
    let mut all = vec!["summary", "--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(db, &all)).expect("summary JSON")
}

#[test]
fn a_check_in_cannot_be_made_for_a_day_or_a_minute_not_yet_come() {
    let t = TempDb::demo();
    let before = ok(&t.db, &["roll", "--json", "--date", "2026-12-01"]);
    let tomorrow = run(&t.db, "en", &["checkin", "王秀英", "ok", "--date", "12-01"]);
    let line = tomorrow.fails_with(1);
    assert!(line.contains("has not come yet"), "{line}");
    assert!(line.contains("Tue 1 Dec (tomorrow)"), "{line}");
    let zh = run(
        &t.db,
        "zh",
        &["checkin", "王秀英", "ok", "--date", "2026-12-01"],
    );
    assert!(
        zh.fails_with(1).contains("12-01（明天）还没到"),
        "{}",
        zh.stderr
    );
    let later = run(&t.db, "en", &["checkin", "王秀英", "ok", "--time", "10:15"]);
    assert!(
        later.fails_with(1).contains("It is only 09:40"),
        "{}",
        later.stderr
    );
    // Nothing was written for tomorrow.
    assert_eq!(
        ok(&t.db, &["roll", "--json", "--date", "2026-12-01"]),
        before
    );
    // Now, and a back-filled yesterday written without the year, are fine.
    ok(&t.db, &["checkin", "王秀英", "ok", "--time", "09:40"]);
    ok(
        &t.db,
        &[
            "checkin",
            "钱福生",
            "ok",
            "--date",
            "11/29",
            "--time",
            "18:00",
        ],
    );
    let roll: Value =
        serde_json::from_str(&ok(&t.db, &["roll", "--json", "--date", "11月29日"])).unwrap();
    let qian = common::elder(&roll, "钱福生");
    assert_eq!(qian["status"], "ok", "{qian}");
}

#[test]
fn a_follow_up_in_the_past_is_refused_and_a_year_less_day_is_this_year() {
    let t = TempDb::demo();
    let past = run(&t.db, "en", &["case", "follow-up", "4", "11-01"]);
    assert!(
        past.fails_with(1).contains("already past"),
        "{}",
        past.stderr
    );
    let open = run(
        &t.db,
        "zh",
        &[
            "case",
            "open",
            "--kind",
            "request",
            "--title",
            "楼道灯坏",
            "--grid",
            "G1",
            "--follow-up",
            "2026-11-29",
        ],
    );
    assert!(open.fails_with(1).contains("已经过去"), "{}", open.stderr);
    ok(&t.db, &["case", "follow-up", "4", "12/2"]);
    let case: Value =
        serde_json::from_str(&ok(&t.db, &["case", "show", "4", "--json"])).expect("case JSON");
    assert_eq!(case["next_follow_up"], "2026-12-02", "{case}");
}

#[test]
fn the_running_totals_default_to_the_year_and_follow_period() {
    let t = TempDb::demo();
    let year = summary_json(&t.db, &["--date", "11-29"]);
    assert_eq!(year["version"], 2);
    assert_eq!(year["period"]["from"], "2026-01-01");
    assert_eq!(year["period"]["to"], "2026-11-29");
    // Worked out in qiaomen-core's summary_golden.rs (demo_period_figures_worked_out_by_hand).
    assert_eq!(year["period"]["disputes_mediated"], 4);
    assert_eq!(year["period"]["partners"], 12);
    assert_eq!(year["period"]["partners_by_kind"]["enterprise"], 9);
    assert_eq!(year["period"]["elders_greeted_daily"], 0);
    let day = summary_json(&t.db, &["--date", "11-29", "--period", "day"]);
    assert_eq!(day["period"]["from"], "2026-11-29");
    assert_eq!(day["period"]["elders_greeted_daily"], 17);
    assert_eq!(
        day["period"]["elders_greeted_daily"],
        day["checkins"]["total"]["reached"]
    );
    let month = summary_json(&t.db, &["--date", "11-29", "--period", "month"]);
    assert_eq!(month["period"]["from"], "2026-11-01");
    assert_eq!(month["period"]["disputes_mediated"], 2);
    let quarter = summary_json(&t.db, &["--date", "11-29", "--period", "quarter"]);
    assert_eq!(quarter["period"]["from"], "2026-10-01");
    // The existing flags still work, and --period does not mix with them.
    let custom = summary_json(&t.db, &["--from", "11-23", "--to", "11-29"]);
    assert_eq!(custom["period"]["elders_greeted_daily"], 17);
    // clap's own usage errors (exit 2, with its usage lines).
    for args in [
        &["summary", "--period", "month", "--from", "11-01"][..],
        &["summary", "--period", "week"][..],
    ] {
        let r = run(&t.db, "en", args);
        assert_eq!(r.code, 2, "{r:#?}");
        assert!(!r.stderr.contains("panicked"), "{r:#?}");
    }
}

#[test]
fn a_visit_on_a_day_not_yet_come_is_refused_in_one_sentence() {
    let t = TempDb::demo();
    let future = run(
        &t.db,
        "zh",
        &[
            "visit",
            "add",
            "17",
            "--date",
            "12-05",
            "--findings",
            "提前记",
        ],
    );
    let err = future.fails_with(1);
    assert!(err.contains("12-05") && err.contains("还没到"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    ok(
        &t.db,
        &[
            "visit",
            "add",
            "17",
            "--date",
            "11/29",
            "--findings",
            "补记",
        ],
    );
}
