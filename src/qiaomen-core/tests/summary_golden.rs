//! The end-of-day summary of the bundled demo community (data/demo.jsonl, anchored on
//! 2026-11-30) on fixed days, against golden files in tests/golden/summary/, in Chinese,
//! English and JSON. `QIAOMEN_BLESS=1` rewrites the goldens; read the diff before committing.
//!
//! The headline counts are also worked out here straight from the JSON Lines, with rules
//! written afresh from SPEC §3 (not the roll-call code), so a golden cannot bless a wrong
//! count unnoticed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use qiaomen_core::summary::csv::{HEADER, rows as csv_cells};
use qiaomen_core::summary::json::render_json;
use qiaomen_core::summary::labels::{EN, ZH};
use qiaomen_core::summary::text::{WIDTH, render_text};
use qiaomen_core::summary::{Summary, format::width, summarize};
use qiaomen_core::{ClockTime, Date, Now, Store};
use serde_json::Value;

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/demo.jsonl");
const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/summary");
const DAYS: [&str; 2] = ["2026-11-29", "2026-11-30"];

fn demo_store() -> Store {
    let store = Store::temporary().unwrap();
    store
        .import(
            || Ok(std::io::BufReader::new(std::fs::File::open(DEMO)?)),
            false,
            "test",
            // On the demo's day: import refuses anyone born after the day it runs.
            now().unix,
            "demo",
        )
        .expect("the demo community imports");
    store
}

fn now() -> Now {
    Now::local(
        Date::parse("2026-11-30").unwrap(),
        ClockTime::new(17, 0).unwrap(),
        480,
    )
}

fn summary(store: &Store, day: &str) -> Summary {
    summarize(store, Date::parse(day).unwrap(), now(), None, None).unwrap()
}

fn check_golden(name: &str, actual: &str) {
    let path = PathBuf::from(GOLDEN).join(name);
    if std::env::var_os("QIAOMEN_BLESS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(GOLDEN).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let golden = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; write it with QIAOMEN_BLESS=1", path.display()));
    if golden != actual {
        let line = golden
            .lines()
            .zip(actual.lines())
            .position(|(g, a)| g != a)
            .unwrap_or_else(|| golden.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from its golden at line {}:\n golden: {:?}\n actual: {:?}\n\
             rewrite with QIAOMEN_BLESS=1 if the change is meant\n--- actual ---\n{actual}",
            line + 1,
            golden.lines().nth(line),
            actual.lines().nth(line),
        );
    }
}

fn records() -> Vec<Value> {
    std::fs::read_to_string(DEMO)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn of_type<'a>(all: &'a [Value], t: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
    all.iter().filter(move |r| r["type"] == t)
}

/// One check-in as read from the file; sorts by day, then attempt.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Attempt {
    date: String,
    seq: u64,
    outcome: String,
    away_until: Option<String>,
}

/// (due, reached, away, not reached) on `day`, from the raw records: an elder with a care plan
/// active that day is on the roll; the day's last attempt decides; with none, an earlier
/// `away` whose until-day has not passed keeps the elder away; anything else is not reached.
/// Dates are `YYYY-MM-DD` strings, so they compare as strings.
fn raw_checkins(all: &[Value], day: &str) -> (usize, usize, usize, usize) {
    let mut attempts: BTreeMap<u64, Vec<Attempt>> = BTreeMap::new();
    for c in of_type(all, "checkin") {
        attempts
            .entry(c["elder"].as_u64().unwrap())
            .or_default()
            .push(Attempt {
                date: c["date"].as_str().unwrap().to_owned(),
                seq: c["seq"].as_u64().unwrap_or(0),
                outcome: c["outcome"].as_str().unwrap().to_owned(),
                away_until: c["away_until"].as_str().map(str::to_owned),
            });
    }
    let (mut due, mut reached, mut away, mut missed) = (0, 0, 0, 0);
    for r in of_type(all, "resident") {
        let care = &r["care"];
        if care.is_null()
            || care["active_from"].as_str().unwrap() > day
            || care["active_to"].as_str().is_some_and(|to| to < day)
        {
            continue;
        }
        due += 1;
        let mut mine = attempts
            .get(&r["id"].as_u64().unwrap())
            .cloned()
            .unwrap_or_default();
        mine.sort();
        let today = mine.iter().rfind(|a| a.date == day);
        let before = mine.iter().rfind(|a| a.date.as_str() < day);
        match (today, before) {
            (Some(a), _) if a.outcome == "away" => away += 1,
            (Some(a), _) if a.outcome == "no-answer" => missed += 1,
            (Some(_), _) => reached += 1,
            (None, Some(b))
                if b.outcome == "away" && b.away_until.as_deref().is_none_or(|u| u >= day) =>
            {
                away += 1;
            }
            (None, _) => missed += 1,
        }
    }
    (due, reached, away, missed)
}

fn raw_cases_opened(all: &[Value], day: &str) -> usize {
    of_type(all, "case").filter(|c| c["opened"] == day).count()
}

fn raw_sessions(all: &[Value], day: &str) -> usize {
    of_type(all, "case")
        .flat_map(|c| c["events"].as_array().cloned().unwrap_or_default())
        .filter(|e| e["kind"]["session"]["date"] == day)
        .count()
}

/// Cases of the kinds resolved or closed from 1 January to `day` (or, with `sessions`,
/// mediated then).
fn raw_settled(all: &[Value], kinds: &[&str], day: &str, sessions: bool) -> usize {
    let within = |d: &str| ("2026-01-01"..=day).contains(&d);
    of_type(all, "case")
        .filter(|c| kinds.iter().any(|k| c["kind"] == *k))
        .filter(|c| {
            c["events"].as_array().into_iter().flatten().any(|e| {
                let to = &e["kind"]["status"]["to"];
                let settled =
                    (to == "resolved" || to == "closed") && within(e["date"].as_str().unwrap());
                let mediated =
                    sessions && e["kind"]["session"]["date"].as_str().is_some_and(within);
                settled || mediated
            })
        })
        .count()
}

fn raw_fund(all: &[Value], day: Option<&str>, direction: &str) -> i64 {
    of_type(all, "fund")
        .filter(|f| f["direction"] == direction)
        .filter(|f| day.is_none_or(|d| f["date"] == d))
        .map(|f| f["amount_fen"].as_i64().unwrap())
        .sum()
}

#[test]
fn demo_counts_agree_with_an_independent_reading_of_the_file() {
    let all = records();
    let store = demo_store();
    for day in DAYS {
        let s = summary(&store, day);
        let t = s.checkins.total;
        assert_eq!(
            (t.due, t.reached, t.away, t.not_reached),
            raw_checkins(&all, day),
            "check-ins on {day}"
        );
        assert_eq!(
            s.cases.opened.len(),
            raw_cases_opened(&all, day),
            "cases opened on {day}"
        );
        assert_eq!(
            s.cases.sessions.len(),
            raw_sessions(&all, day),
            "sessions on {day}"
        );
        assert_eq!(
            s.fund.in_fen,
            raw_fund(&all, Some(day), "in"),
            "fund in on {day}"
        );
        assert_eq!(
            s.fund.out_fen,
            raw_fund(&all, Some(day), "out"),
            "fund out on {day}"
        );
        // The running totals cover the calendar year up to the day.
        let this_year = |d: &Value| ("2026-01-01"..=day).contains(&d.as_str().unwrap());
        let visited: BTreeSet<u64> = of_type(&all, "visit")
            .filter(|v| this_year(&v["date"]))
            .map(|v| v["household"].as_u64().unwrap())
            .collect();
        assert_eq!(
            s.period.households_visited,
            visited.len(),
            "households visited by {day}"
        );
        let partners = of_type(&all, "partner")
            .filter(|p| p["agreement_signed"].as_str().is_some_and(|d| d <= day))
            .count();
        assert_eq!(s.period.partners, partners);
        let meetings = |kind: &str| {
            of_type(&all, "meeting")
                .filter(|m| m["kind"] == kind && this_year(&m["date"]))
                .count()
        };
        assert_eq!(s.period.joint_meetings, meetings("joint_meeting"));
        assert_eq!(s.period.consultations, meetings("consultation"));
        let filed = of_type(&all, "household")
            .filter(|h| h["file"][0]["date"].as_str().is_some_and(|d| d <= day))
            .count();
        assert_eq!(s.period.households_with_files, filed, "files by {day}");
        // Nobody has a check-in before November: nobody was reached every day this year.
        assert_eq!(s.period.elders_greeted_daily, 0);
        assert_eq!(s.period.elders_on_roll, raw_checkins(&all, day).0);
        assert_eq!(
            s.period.disputes_mediated,
            raw_settled(&all, &["dispute", "petition"], day, true)
        );
        assert_eq!(
            s.period.problems_resolved,
            raw_settled(&all, &["request"], day, false)
        );
    }
    // The whole fund, in and out, up to the anchor day (nothing is dated after it).
    let p = summary(&store, "2026-11-30").period;
    assert_eq!(p.fund_in_fen, raw_fund(&all, None, "in"));
    assert_eq!(p.fund_out_fen, raw_fund(&all, None, "out"));
}

#[test]
fn demo_summaries_match_their_goldens() {
    let store = demo_store();
    for day in DAYS {
        let s = summary(&store, day);
        for (lang, labels) in [("zh", &ZH), ("en", &EN)] {
            let text = render_text(&s, labels);
            for line in text.lines() {
                assert!(width(line) <= WIDTH, "{day} {lang}: {line}");
                assert!(
                    !line.chars().any(char::is_control),
                    "{day} {lang}: {line:?}"
                );
            }
            check_golden(&format!("{day}.{lang}.txt"), &text);
        }
        check_golden(&format!("{day}.json"), &render_json(&s));
    }
}

/// The CSV's rows as text (the header, then the cells); the bytes are the app's CSV writer's.
fn csv_rows(s: &Summary) -> Vec<Vec<String>> {
    std::iter::once(HEADER.iter().map(|h| (*h).to_owned()).collect())
        .chain(
            csv_cells(s)
                .into_iter()
                .map(|r| r.into_iter().map(|f| f.text).collect()),
        )
        .collect()
}

#[test]
fn demo_csv_adds_up_to_the_json_counts() {
    let store = demo_store();
    for day in DAYS {
        let s = summary(&store, day);
        let json: Value = serde_json::from_str(&render_json(&s)).unwrap();
        let rows = csv_rows(&s);
        assert_eq!(rows[0], HEADER);
        let body = &rows[1..];
        assert!(body.iter().all(|r| r.len() == HEADER.len() && r[0] == day));
        let count = |status: &str| body.iter().filter(|r| r[4] == status).count() as u64;
        let total = &json["checkins"]["total"];
        assert_eq!(body.len() as u64, total["due"].as_u64().unwrap(), "{day}");
        assert_eq!(
            count("reached"),
            total["reached"].as_u64().unwrap(),
            "{day}"
        );
        assert_eq!(count("away"), total["away"].as_u64().unwrap(), "{day}");
        assert_eq!(
            count("not_reached"),
            total["not_reached"].as_u64().unwrap(),
            "{day}"
        );
        let outcome = |o: &str| body.iter().filter(|r| r[5] == o).count() as u64;
        assert_eq!(
            outcome("no-answer"),
            total["no_answer"].as_u64().unwrap(),
            "{day}"
        );
        assert_eq!(
            outcome("needs-help"),
            total["needs_help"].as_u64().unwrap(),
            "{day}"
        );
        // Per grid too: the spreadsheet's pivot must give the report's grid lines.
        for g in json["checkins"]["by_grid"].as_array().unwrap() {
            let code = g["grid"]["code"].as_str().unwrap();
            let rows = body.iter().filter(|r| r[1] == code).count() as u64;
            assert_eq!(rows, g["counts"]["due"].as_u64().unwrap(), "{day} {code}");
        }
    }
}

/// The period's figures of the demo for a day, a month, a quarter, a week and the year, all
/// ending on 2026-11-29, worked out by hand from data/demo.jsonl (SPEC §3 "Figures"):
///
/// Elders greeted daily (18 elders on the roll, care plans from February to May; check-ins
/// from 11-02 on, none on 11-01). A day's latest check-in decides; a no-answer followed by an
/// ok the same day is reached (邱德茂 11-23, 钱福生 11-25, 宋长林 11-22 and 11-28), and so
/// is unwell (鲁桂珍 11-23, 王德厚 11-24, 侯玉芬 11-26):
/// - day 11-29: all but 钱福生 (no answer at 08:20 and 16:50) → 17 of 18, the day's
///   "reached";
/// - week 11-23…11-29: 江月娥 was away from 11-20 until 11-27 (not due those days) and
///   reached on 11-28 and 11-29; everybody else was reached every day but 钱福生 on 11-29
///   → 17 of 18;
/// - month 11-01…11-29, quarter and year: nobody was reached on 11-01 → 0 of 18.
///
/// Disputes and petitions mediated (a session, or resolved or closed, in the period):
/// - year: #1 the wall (sessions in June, closed 07-03), #2 梅秀英's petition (sessions,
///   resolved 10-09, closed 10-21), #4 the leak (session 11-14), #5 the parking (session
///   11-12) → 4; #3, a petition with no session, is not;
/// - quarter (10-01…): #2 (settled in October), #4, #5 → 3; month: #4, #5 → 2; day: 0.
///
/// Problems resolved (requests resolved or closed): year #6, #7, #8, #10, #11, #13 → 6;
/// quarter #8 (11-20), #11 (10-19), #13 (11-17) → 3; month #8, #13 → 2; day 0. (#14 is an
/// assistance case, not a request.)
///
/// Households visited (distinct): year 25 of the 30 visits (17, 22, 36, 1 and 10 twice);
/// quarter 8 (24, 2, 40 in October; 21, 7, 38, 31, 30 in November); month 5; day 0.
///
/// Meetings: joint 01-16, 04-17, 07-16, 10-16; consultations 03-12, 05-21, 06-08, 08-13,
/// 09-10, 11-12 → year (4, 6), quarter (1, 1), month (0, 1), day (0, 0).
///
/// Partners with an agreement signed by 11-29: 12 of 14 (龚立新 and 任淑华, individuals,
/// have none): unit 1 (岭东医院), enterprise 9, school 1, bank 1, individual 0 — for every
/// span, since the last was signed on 06-01.
#[test]
fn demo_period_figures_worked_out_by_hand() {
    use qiaomen_core::summary::Span;
    let store = demo_store();
    let day = Date::parse("2026-11-29").unwrap();
    let figures = |from: Date| {
        summarize(&store, day, now(), None, Some((from, day)))
            .unwrap()
            .period
    };
    // (span start, greeted daily, disputes mediated, problems resolved, households visited,
    // joint meetings, consultations)
    let week = Date::parse("2026-11-23").unwrap();
    let expected = [
        (Span::Day.range(day).0, 17, 0, 0, 0, 0, 0),
        (week, 17, 0, 0, 2, 0, 0),
        (Span::Month.range(day).0, 0, 2, 2, 5, 0, 1),
        (Span::Quarter.range(day).0, 0, 3, 3, 8, 1, 1),
        (Span::Year.range(day).0, 0, 4, 6, 25, 4, 6),
    ];
    for (from, greeted, mediated, resolved, visited, joint, consult) in expected {
        let p = figures(from);
        assert_eq!(
            (
                p.elders_greeted_daily,
                p.elders_on_roll,
                p.disputes_mediated,
                p.problems_resolved,
                p.households_visited,
                p.joint_meetings,
                p.consultations
            ),
            (greeted, 18, mediated, resolved, visited, joint, consult),
            "from {from}"
        );
        assert_eq!(p.partners, 12, "from {from}");
        let k = p.partners_by_kind;
        assert_eq!(
            (k.unit, k.enterprise, k.school, k.bank, k.individual),
            (1, 9, 1, 1, 0)
        );
    }
    // The day's figure is the day's greeted, as on the roll call and the summary's counts.
    let s = summary(&store, "2026-11-29");
    assert_eq!(s.checkins.total.reached, 17);
    assert_eq!(
        (s.checkins.total.away, s.checkins.total.not_reached),
        (0, 1)
    );
    // With no period given, the running totals are the calendar year's.
    assert_eq!(s.period, figures(Span::Year.range(day).0));
}
