//! The renderers on the hand-built community of `tests::FIXTURE`.

use super::Summary;
use super::csv::{HEADER, rows as csv_cells};
use super::format::width;
use super::json::render_json;
use super::labels::{EN, ZH};
use super::markdown::render_markdown;
use super::tests::{store, sum};
use super::text::{WIDTH, render_text};

fn assert_plain(text: &str) {
    for line in text.lines() {
        assert!(width(line) <= WIDTH, "{} columns: {line}", width(line));
        assert!(!line.chars().any(char::is_control), "control in {line:?}");
    }
}

#[test]
fn chinese_text_reads_like_the_daily_report() {
    let text = render_text(&sum(&store(), "2026-11-30"), &ZH);
    assert_plain(&text);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "测试社区 2026年11月30日（周一）工作日报");
    for want in [
        "一、每日一问候",
        "应问候 6 人，已问候 3 人，外出 1 人，未联系 2 人。",
        "  G2 西园网格：应问候 3 人，已问候 1 人，外出 1 人，未联系 1 人",
        "需关注 4 人：",
        "1. 张二（G1 东园网格）连续两天未联系",
        "   当日联系 3 次；最近联系：15:00 李明（电话），未接通",
        "3. 张七（G1 东园网格）身体不适，昨日也未联系",
        "   当日联系 0 次；最近联系：11月29日 09:20 王芳（电话），平安",
        "二、矛盾纠纷与信访",
        "  #1「围墙越界」由调解中转为已化解：达成协议",
        "  #4「下水道堵塞」由已化解转为已结案（其他原因）：居民确认",
        "在办案件 3 件：矛盾纠纷 0 件，信访 1 件，群众反映 1 件，帮扶 1 件。",
        "  #2「拆迁补偿」（G2），应于11月25日跟进",
        "帮扶基金：收入 20,500.00 元，支出 500.00 元",
        "四、累计数据（2026年1月1日至2026年11月30日）",
        "  调解矛盾纠纷和信访 2 起",
        "  每天都问候到的独居老人 0 人（在册 7 人）",
        "  签有共建协议的单位 2 家（爱心企业 2）",
        "  帮扶基金收入 30,500.00 元，支出 500.00 元，结余 30,000.00 元",
    ] {
        assert!(lines.contains(&want), "missing {want:?} in\n{text}");
    }
}

#[test]
fn english_text_has_the_same_figures() {
    let text = render_text(&sum(&store(), "2026-11-30"), &EN);
    assert_plain(&text);
    assert!(text.starts_with("测试社区 daily report, Mon 30 Nov 2026\n"));
    for want in [
        "Due 6, reached 3, away 1, not reached 2.",
        "Away since an earlier day (not called): 1.",
        "1. 张二 (G1 东园网格): not reached two days running",
        "  #1 \"围墙越界\" mediating -> resolved: 达成协议",
        "  Assistance fund: in 30,500.00 yuan, out 500.00 yuan, balance 30,000.00 yuan",
    ] {
        assert!(
            text.lines().any(|l| l == want),
            "missing {want:?} in\n{text}"
        );
    }
    for zh_word in ["应问候", "需关注", "元", "调解"] {
        assert!(!text.contains(zh_word), "{zh_word} in the English text");
    }
}

#[test]
fn long_notes_wrap_and_escape_codes_never_reach_the_text() {
    let mut s = sum(&store(), "2026-11-30");
    let last = s.checkins.attention[1].last.as_mut().unwrap();
    last.note = format!(
        "\u{1b}[2J{}",
        "老人说腿疼得厉害，需要有人送药上门，".repeat(8)
    );
    for labels in [&ZH, &EN] {
        let text = render_text(&s, labels);
        assert_plain(&text);
        assert!(!text.contains('\u{1b}'));
        assert!(text.contains("\u{FFFD}[2J"));
    }
}

#[test]
fn markdown_has_a_grid_table_and_escapes_people_text() {
    let mut s = sum(&store(), "2026-11-30");
    s.checkins.attention[0].name = "张*二*".into();
    let md = render_markdown(&s, &ZH);
    assert!(md.starts_with("# 测试社区 2026年11月30日（周一）工作日报\n"));
    assert!(md.contains(
        "| 网格 | 应问候 | 已问候 | 外出 | 未联系 |\n| --- | ---: | ---: | ---: | ---: |\n"
    ));
    assert!(md.contains("| 合计 | 6 | 3 | 1 | 2 |"));
    assert!(md.contains("1. 张\\*二\\*（G1 东园网格）连续两天未联系\n   - 当日联系 3 次"));
    assert!(md.contains("## 四、累计数据"));
}

#[test]
fn json_keys_are_stable_english_whatever_the_language() {
    let s = sum(&store(), "2026-11-30");
    let v: serde_json::Value = serde_json::from_str(&render_json(&s)).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "as_of_date",
            "as_of_time",
            "care",
            "cases",
            "checkins",
            "community",
            "date",
            "fund",
            "grid",
            "meetings",
            "outreach",
            "period",
            "version",
            "visit_cadence",
            "visits",
            "weekday"
        ]
    );
    assert_eq!(v["version"], 2);
    assert_eq!(v["date"], "2026-11-30");
    // Version 2 adds to the period; every key of version 1 is still there.
    let period: Vec<&str> = v["period"]
        .as_object()
        .expect("period")
        .keys()
        .map(String::as_str)
        .collect();
    for key in [
        "from",
        "to",
        "joint_meetings",
        "consultations",
        "households_visited",
        "disputes_mediated",
        "problems_resolved",
        "elders_greeted_daily",
        "elders_on_roll",
        "households_with_files",
        "partners",
        "partners_by_kind",
        "fund_in_fen",
        "fund_out_fen",
        "fund_balance_fen",
    ] {
        assert!(period.contains(&key), "{key} in {period:?}");
    }
    assert_eq!(v["checkins"]["total"]["due"], 6);
    assert_eq!(v["checkins"]["attention"][0]["reason"], "missed_two_days");
    assert_eq!(v["checkins"]["elders"][1]["outcome"], "no-answer");
    assert_eq!(v["cases"]["open_by_kind"]["petition"], 1);
    assert_eq!(v["period"]["fund_in_fen"], 3_050_000);
    assert_eq!(v["meetings"][0]["kind"], "joint_meeting");
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
fn csv_has_one_row_per_elder_and_adds_up() {
    let s = sum(&store(), "2026-11-30");
    let rows = csv_rows(&s);
    assert_eq!(rows[0], HEADER);
    let body = &rows[1..];
    assert_eq!(body.len(), s.checkins.total.due);
    assert!(
        body.iter()
            .all(|r| r.len() == HEADER.len() && r[0] == "2026-11-30")
    );
    let count = |status: &str| body.iter().filter(|r| r[4] == status).count();
    let t = s.checkins.total;
    assert_eq!(
        (count("reached"), count("away"), count("not_reached")),
        (t.reached, t.away, t.not_reached)
    );
    let attempts: usize = body.iter().map(|r| r[6].parse::<usize>().unwrap()).sum();
    assert_eq!(attempts, 7);
    let zhang_er = body.iter().find(|r| r[3] == "张二").unwrap();
    assert_eq!(zhang_er[10], "电话关机, 已托邻居\"敲门\"查看");
}

#[test]
fn the_report_spells_domain_words_as_the_words_module() {
    use crate::model::{CaseStatus, Method, Outcome};
    use crate::words::{Lang, Word};
    for (l, lang) in [(&ZH, Lang::Zh), (&EN, Lang::En)] {
        assert_eq!(l.outcome(Outcome::NeedsHelp), Outcome::NeedsHelp.word(lang));
        assert_eq!(l.method(Method::Doorbell), Method::Doorbell.word(lang));
        assert_eq!(l.status(CaseStatus::Open), CaseStatus::Open.word(lang));
        assert_eq!(
            l.reason("no_answer_repeated"),
            crate::rollcall::Attention::NoAnswerRepeated.word(lang)
        );
    }
}
