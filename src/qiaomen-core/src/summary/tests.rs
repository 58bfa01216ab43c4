//! The summary on a small hand-built community whose figures are worked out in the comments
//! of `FIXTURE`, not by the code under test.

use super::*;
use crate::day::{ClockTime, Date, Now};
use crate::store::Store;

/// Two grids, six elders on the roll on 2026-11-30 (张六's plan ended on 11-15):
/// - 张一 (G1): ok on 11-29 and 11-30.
/// - 张二 (G1): nothing on 11-29; no answer three times on 11-30 (missed two days).
/// - 张三 (G2): away from 11-28 until 12-02, carried on 11-29 and 11-30.
/// - 张四 (G2): ok on 11-29; needs help on 11-30 (by visit, with a note).
/// - 张五 (G2): ok on 11-29; nothing on 11-30 (after the cutoff at 17:00).
/// - 张七 (G1): no answer on 11-29; no answer then unwell on 11-30.
///
/// Cases: #1 dispute (sessions on 11-02, 11-29, 11-30; resolved 11-30; follow-up due 12-01),
/// #2 petition (a session on 10-05, then mediating; follow-up due 11-25), #3 request opened
/// 11-30, #4 request resolved 11-29 and closed 11-30, #5 assistance (follow-up due 11-30, no
/// events).
///
/// Partners: 晨光建设 signed its agreement on 2026-03-01, 青禾书店 on 2026-11-30.
const FIXTURE: &str = r#"
{"type":"community","name":"测试社区"}
{"type":"grid","id":1,"code":"G1","name":"东园网格"}
{"type":"grid","id":2,"code":"G2","name":"西园网格"}
{"type":"member","id":1,"name":"李明","roles":["steward"],"grid":1}
{"type":"member","id":2,"name":"王芳","roles":["steward"],"grid":2}
{"type":"household","id":1,"grid":1,"address":{"text":"东园小区","building":"1","unit":"1","room":"101"},"members":[10],"file":[{"status":"registered","date":"2026-11-01","by":"李明"}]}
{"type":"household","id":2,"grid":2,"address":{"text":"西园小区","building":"2","unit":"1","room":"202"},"members":[12]}
{"type":"household","id":3,"grid":2,"address":{"text":"西园小区 5栋"},"file":[{"status":"registered","date":"2026-12-05","by":"王芳"}]}
{"type":"resident","id":10,"name":"张一","grid":1,"household":1,"care":{"level":1,"callers":[1],"active_from":"2026-11-01"}}
{"type":"resident","id":11,"name":"张二","grid":1,"care":{"level":2,"callers":[1],"active_from":"2026-11-01"}}
{"type":"resident","id":12,"name":"张三","grid":2,"household":2,"care":{"level":2,"callers":[2],"active_from":"2026-11-01"}}
{"type":"resident","id":13,"name":"张四","grid":2,"care":{"level":1,"callers":[2],"active_from":"2026-11-01"}}
{"type":"resident","id":14,"name":"张五","grid":2,"care":{"level":3,"callers":[2],"active_from":"2026-11-01"}}
{"type":"resident","id":15,"name":"张六","grid":1,"care":{"level":3,"callers":[1],"active_from":"2026-11-01","active_to":"2026-11-15"}}
{"type":"resident","id":16,"name":"赵八","grid":1}
{"type":"resident","id":17,"name":"张七","grid":1,"care":{"level":2,"callers":[1],"active_from":"2026-11-01"}}
{"type":"partner","id":1,"name":"晨光建设有限公司","kind":"enterprise","agreement_signed":"2026-03-01"}
{"type":"partner","id":2,"name":"青禾书店","kind":"enterprise","agreement_signed":"2026-11-30"}
{"type":"fund","id":1,"date":"2026-10-15","amount_fen":1000000,"direction":"in","partner":1}
{"type":"fund","id":2,"date":"2026-11-30","amount_fen":50000,"direction":"out","household":1,"note":"购买轮椅"}
{"type":"fund","id":3,"date":"2026-11-30","amount_fen":2050000,"direction":"in","partner":2,"note":"爱心捐款"}
{"type":"fund","id":4,"date":"2026-12-05","amount_fen":100,"direction":"in","partner":2}
{"type":"case","id":1,"kind":"dispute","title":"围墙越界","grid":1,"opened":"2026-11-01","status":"resolved","next_follow_up":"2026-12-01","events":[{"date":"2026-11-02","by":"李明","kind":{"session":{"date":"2026-11-02","participants":["李明","物业"],"outcome":"各自陈述"}}},{"date":"2026-11-02","by":"李明","kind":{"status":{"from":"open","to":"mediating","reason":"开始调解","closure":null}}},{"date":"2026-11-29","by":"李明","kind":{"session":{"date":"2026-11-29","participants":["李明"],"outcome":"再谈"}}},{"date":"2026-11-30","by":"李明","kind":{"session":{"date":"2026-11-30","participants":["李明","施工方"],"outcome":"签订协议"}}},{"date":"2026-11-30","time":"16:00","by":"李明","kind":{"status":{"from":"mediating","to":"resolved","reason":"达成协议","closure":null}}},{"date":"2026-11-30","by":"李明","kind":{"follow_up_set":{"due":"2026-12-01"}}}]}
{"type":"case","id":2,"kind":"petition","title":"拆迁补偿","grid":2,"opened":"2026-10-01","status":"mediating","next_follow_up":"2026-11-25","events":[{"date":"2026-10-05","by":"王芳","kind":{"session":{"date":"2026-10-05","participants":["王芳","信访人"],"outcome":"约谈"}}},{"date":"2026-10-05","by":"王芳","kind":{"status":{"from":"open","to":"mediating","reason":"约谈","closure":null}}},{"date":"2026-10-20","by":"王芳","kind":{"follow_up_set":{"due":"2026-11-25"}}}]}
{"type":"case","id":3,"kind":"request","title":"路灯不亮","grid":1,"opened":"2026-11-30","status":"open"}
{"type":"case","id":4,"kind":"request","title":"下水道堵塞","grid":2,"opened":"2026-11-20","status":"closed","events":[{"date":"2026-11-29","by":"王芳","kind":{"status":{"from":"open","to":"resolved","reason":"已疏通","closure":null}}},{"date":"2026-11-30","by":"王芳","kind":{"status":{"from":"resolved","to":"closed","reason":"居民确认","closure":"other"}}}]}
{"type":"case","id":5,"kind":"assistance","title":"轮椅","grid":2,"opened":"2026-11-10","status":"open","next_follow_up":"2026-11-30"}
{"type":"meeting","id":1,"date":"2026-11-30","kind":"joint_meeting","title":"第四次党建联席会议","attendees":["甲","乙","丙"],"decisions":[{"text":"修路灯","owner":"李明"}]}
{"type":"meeting","id":2,"date":"2026-11-10","kind":"consultation","title":"停车协商"}
{"type":"meeting","id":3,"date":"2026-10-01","kind":"consultation","title":"物业协商"}
{"type":"visit","id":1,"date":"2026-11-30","household":1,"by":"李明","findings":"老人腿脚不便"}
{"type":"visit","id":2,"date":"2026-11-30","household":2,"by":"王芳"}
{"type":"visit","id":3,"date":"2026-11-15","household":1,"by":"李明"}
{"type":"checkin","elder":12,"date":"2026-11-28","time":"09:00","by":"王芳","outcome":"away","away_until":"2026-12-02"}
{"type":"checkin","elder":10,"date":"2026-11-29","time":"09:00","by":"李明","outcome":"ok"}
{"type":"checkin","elder":13,"date":"2026-11-29","time":"09:10","by":"王芳","outcome":"ok"}
{"type":"checkin","elder":14,"date":"2026-11-29","time":"09:20","by":"王芳","outcome":"ok"}
{"type":"checkin","elder":17,"date":"2026-11-29","time":"09:30","by":"李明","outcome":"no-answer"}
{"type":"checkin","elder":10,"date":"2026-11-30","time":"09:00","by":"李明","outcome":"ok"}
{"type":"checkin","elder":11,"date":"2026-11-30","seq":0,"time":"09:00","by":"李明","outcome":"no-answer"}
{"type":"checkin","elder":11,"date":"2026-11-30","seq":1,"time":"10:00","by":"李明","outcome":"no-answer"}
{"type":"checkin","elder":11,"date":"2026-11-30","seq":2,"time":"15:00","by":"李明","outcome":"no-answer","note":"电话关机, 已托邻居\"敲门\"查看"}
{"type":"checkin","elder":13,"date":"2026-11-30","time":"10:30","by":"王芳","method":"visit","outcome":"needs-help","note":"腿疼，需要送药"}
{"type":"checkin","elder":17,"date":"2026-11-30","seq":0,"time":"09:00","by":"李明","outcome":"no-answer"}
{"type":"checkin","elder":17,"date":"2026-11-30","seq":1,"time":"14:00","by":"李明","outcome":"unwell"}
"#;

pub(super) fn store() -> Store {
    let store = Store::temporary().unwrap();
    store
        .import(
            || Ok(std::io::Cursor::new(FIXTURE.as_bytes())),
            false,
            "test",
            0,
            "fixture",
        )
        .unwrap();
    store
}

pub(super) fn day(s: &str) -> Date {
    Date::parse(s).unwrap()
}

pub(super) fn now() -> Now {
    Now::local(day("2026-11-30"), ClockTime::new(17, 0).unwrap(), 480)
}

pub(super) fn sum(store: &Store, date: &str) -> Summary {
    summarize(store, day(date), now(), None, None).unwrap()
}

#[test]
fn checkin_counts_partition_the_roll() {
    let s = sum(&store(), "2026-11-30");
    let t = s.checkins.total;
    assert_eq!(
        (t.due, t.reached, t.away, t.not_reached),
        (6, 3, 1, 2),
        "{t:?}"
    );
    assert_eq!((t.ok, t.unwell, t.needs_help), (1, 1, 1));
    assert_eq!((t.away_carried, t.no_answer, t.no_attempt), (1, 1, 1));
    let g: Vec<(&str, usize, usize, usize, usize)> = s
        .checkins
        .by_grid
        .iter()
        .map(|g| {
            let c = g.counts;
            (
                g.grid.code.as_str(),
                c.due,
                c.reached,
                c.away,
                c.not_reached,
            )
        })
        .collect();
    assert_eq!(g, [("G1", 3, 2, 0, 1), ("G2", 3, 1, 1, 1)]);

    let y = sum(&store(), "2026-11-29").checkins.total;
    assert_eq!((y.due, y.reached, y.away, y.not_reached), (6, 3, 1, 2));
    assert_eq!((y.no_answer, y.no_attempt), (1, 1));
}

#[test]
fn attention_lists_the_elders_most_urgent_first_with_their_last_contact() {
    let s = sum(&store(), "2026-11-30");
    let a = &s.checkins.attention;
    let names: Vec<(&str, &str, bool)> = a
        .iter()
        .map(|a| (a.name.as_str(), a.reason, a.missed_previous_day))
        .collect();
    assert_eq!(
        names,
        [
            ("张二", "missed_two_days", true),
            ("张四", "needs_help", false),
            ("张七", "unwell", true),
            ("张五", "not_reached_after_cutoff", false),
        ]
    );
    assert_eq!(a[0].attempts, 3);
    let last = a[0].last.as_ref().unwrap();
    assert_eq!(
        (last.time.to_string(), last.by.as_str()),
        ("15:00".into(), "李明")
    );
    // 张五 was last reached the day before: the contact says so.
    assert_eq!(a[3].last.as_ref().unwrap().date, day("2026-11-29"));
    assert_eq!(a[3].attempts, 0);
    assert_eq!(a[1].grid.name, "西园网格");
    assert_eq!(s.checkins.total.attention, 4);
}

#[test]
fn cases_of_the_day_come_from_the_timeline() {
    let c = sum(&store(), "2026-11-30").cases;
    let ids = |v: &[CaseRef]| v.iter().map(|c| c.id).collect::<Vec<_>>();
    assert_eq!(ids(&c.opened), [3]);
    assert_eq!(c.sessions.len(), 1);
    assert_eq!((c.sessions[0].case.id, c.sessions[0].nth), (1, 3));
    assert_eq!(c.status_changes.len(), 2);
    assert_eq!((c.resolved, c.closed), (1, 1));
    assert_eq!(
        c.open_by_kind,
        KindCounts {
            dispute: 0,
            petition: 1,
            request: 1,
            assistance: 1,
            total: 3
        }
    );
    let follow = |v: &[FollowUpItem]| v.iter().map(|f| f.case.id).collect::<Vec<_>>();
    assert_eq!(follow(&c.follow_ups_overdue), [2]);
    assert_eq!(follow(&c.follow_ups_today), [5]);
    assert_eq!(follow(&c.follow_ups_tomorrow), [1]);

    // The day before: #1 was still being mediated and had no follow-up yet.
    let y = sum(&store(), "2026-11-29").cases;
    assert!(y.opened.is_empty());
    assert_eq!((y.sessions[0].case.id, y.sessions[0].nth), (1, 2));
    assert_eq!((y.resolved, y.closed, y.status_changes.len()), (1, 0, 1));
    assert_eq!(
        (
            y.open_by_kind.dispute,
            y.open_by_kind.request,
            y.open_by_kind.total
        ),
        (1, 0, 3)
    );
    assert_eq!(follow(&y.follow_ups_tomorrow), [5]);
    assert_eq!(follow(&y.follow_ups_overdue), [2]);
}

#[test]
fn visits_meetings_and_fund_of_the_day() {
    let s = sum(&store(), "2026-11-30");
    assert_eq!(s.visits.len(), 2);
    assert_eq!(s.visits[0].address, "东园小区 1-1-101");
    assert_eq!(s.meetings.len(), 1);
    assert_eq!((s.meetings[0].attendees, s.meetings[0].decisions), (3, 1));
    assert_eq!((s.fund.in_fen, s.fund.out_fen), (2_050_000, 50_000));
    assert_eq!(
        s.fund.entries[0].household.as_deref(),
        Some("东园小区 1-1-101")
    );
    assert_eq!(s.fund.entries[1].partner.as_deref(), Some("青禾书店"));
}

#[test]
fn period_figures_default_to_the_calendar_year() {
    let p = sum(&store(), "2026-11-30").period;
    assert_eq!((p.from, p.to), (day("2026-01-01"), day("2026-11-30")));
    assert_eq!((p.joint_meetings, p.consultations), (1, 2));
    assert_eq!(p.households_visited, 2);
    // #1 (dispute, sessions) and #2 (petition, a session on 10-05); #4 the request resolved.
    assert_eq!((p.disputes_mediated, p.problems_resolved), (2, 1));
    // Seven elders on the roll some day of the year (张六 until 11-15); nobody has a
    // check-in before 11-28, so nobody was reached on every day due since 11-01.
    assert_eq!((p.elders_greeted_daily, p.elders_on_roll), (0, 7));
    assert_eq!(p.households_with_files, 1);
    assert_eq!(p.partners, 2);
    assert_eq!(p.partners_by_kind.enterprise, 2);
    assert_eq!((p.fund_in_fen, p.fund_out_fen), (3_050_000, 50_000));
    assert_eq!(p.fund_balance_fen, 3_000_000);

    let s = summarize(
        &store(),
        day("2026-11-30"),
        now(),
        None,
        Some((day("2026-11-01"), day("2026-11-29"))),
    )
    .unwrap();
    let p = s.period;
    assert_eq!((p.joint_meetings, p.consultations), (0, 1));
    assert_eq!(p.households_visited, 1);
    assert_eq!((p.disputes_mediated, p.problems_resolved), (1, 1));
    // 青禾书店 signs on 11-30, after this period.
    assert_eq!((p.partners, p.partners_by_kind.enterprise), (1, 1));
    assert_eq!(
        (p.fund_in_fen, p.fund_out_fen, p.fund_balance_fen),
        (0, 0, 1_000_000)
    );
}

/// Greeted daily on 11-29 and 11-30: 张一 (ok, ok) and 张四 (ok, needs help: reached) yes;
/// 张二 (nothing on 11-29), 张五 (nothing on 11-30) and 张七 (no answer on 11-29) missed a
/// day; 张三 was away both days, so never due, and does not count; 张六's plan had ended.
/// On 11-30 alone: reached are 张一, 张四 and 张七 (unwell after two no-answers), as on the
/// day's roll.
#[test]
fn greeted_daily_means_reached_on_every_day_due() {
    let st = store();
    let within = |from: &str, to: &str| {
        summarize(&st, day(to), now(), None, Some((day(from), day(to))))
            .unwrap()
            .period
    };
    let p = within("2026-11-29", "2026-11-30");
    assert_eq!((p.elders_greeted_daily, p.elders_on_roll), (2, 6));
    let p = within("2026-11-30", "2026-11-30");
    assert_eq!((p.elders_greeted_daily, p.elders_on_roll), (3, 6));
    assert_eq!(
        p.elders_greeted_daily,
        sum(&st, "2026-11-30").checkins.total.reached
    );
    // 11-28: only 张三's away mark, so everybody else was due and not reached.
    let p = within("2026-11-28", "2026-11-30");
    assert_eq!(p.elders_greeted_daily, 0);
    // Grid G2 alone (张三, 张四, 张五) over the two days: 张四.
    let g2 = summarize(
        &st,
        day("2026-11-30"),
        now(),
        Some(2),
        Some((day("2026-11-29"), day("2026-11-30"))),
    )
    .unwrap()
    .period;
    assert_eq!((g2.elders_greeted_daily, g2.elders_on_roll), (1, 3));
}

#[test]
fn the_first_record_day_starts_the_default_period() {
    let st = store();
    assert_eq!(
        first_record_day(&st, None).unwrap(),
        Some(day("2026-10-01"))
    );
    // G1 has no case before 11-01; the community-wide meeting of 10-01 still counts.
    assert_eq!(
        first_record_day(&st, Some(1)).unwrap(),
        Some(day("2026-10-01"))
    );
    assert_eq!(
        first_record_day(&Store::temporary().unwrap(), None).unwrap(),
        None
    );
}

#[test]
fn a_grid_summary_keeps_to_the_grid() {
    let s = summarize(&store(), day("2026-11-30"), now(), Some(2), None).unwrap();
    assert_eq!(s.grid.as_ref().unwrap().code, "G2");
    assert_eq!(s.checkins.by_grid.len(), 1);
    assert_eq!(s.checkins.total.due, 3);
    assert_eq!(s.checkins.elders.len(), 3);
    assert!(s.checkins.attention.iter().all(|a| a.grid.id == 2));
    assert_eq!(s.cases.opened.len(), 0);
    assert_eq!(s.cases.open_by_kind.total, 2);
    assert_eq!(s.visits.len(), 1);
    assert_eq!(s.period.households_with_files, 0);
    // The fund and the meetings belong to the whole community.
    assert_eq!(s.fund.in_fen, 2_050_000);
    assert_eq!(s.period.joint_meetings, 1);
}

#[test]
fn bad_requests_are_refused() {
    let st = store();
    assert!(summarize(&st, day("2026-11-30"), now(), Some(99), None).is_err());
    let backwards = Some((day("2026-11-30"), day("2026-11-01")));
    assert!(summarize(&st, day("2026-11-30"), now(), None, backwards).is_err());
}

#[test]
fn the_elders_of_a_day_go_by_grid_number_then_id() {
    let elder = |id: Id, grid: &str| super::ElderDay {
        elder_id: id,
        name: String::new(),
        grid: grid.to_owned(),
        state: super::DayState::NotReached,
        outcome: None,
        attempts: 0,
        last_time: None,
        by: String::new(),
        method: None,
        note: String::new(),
        away_until: None,
    };
    let mut elders = vec![
        elder(9, "G10"),
        elder(4, "G2"),
        elder(7, "A"),
        elder(1, "G10"),
        elder(8, "G2"),
        elder(3, "G1"),
    ];
    let mut expected = elders.clone();
    expected.sort_by(|a, b| {
        super::checkins::grid_order(&a.grid, &b.grid).then(a.elder_id.cmp(&b.elder_id))
    });
    super::checkins::sort_by_grid(&mut elders);
    let order: Vec<(Id, &str)> = elders
        .iter()
        .map(|e| (e.elder_id, e.grid.as_str()))
        .collect();
    assert_eq!(
        order,
        [
            (7, "A"),
            (3, "G1"),
            (4, "G2"),
            (8, "G2"),
            (1, "G10"),
            (9, "G10")
        ]
    );
    assert_eq!(elders, expected);
}
