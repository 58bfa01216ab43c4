//! Every sentence of the summary's text and Markdown forms, in Chinese and English; the
//! domain words (outcomes, kinds, statuses, tags…) are `crate::words`, shared with the app. The app picks
//! `ZH` or `EN` from its language setting; JSON and CSV use codes and need no words.
//!
//! Templates fill `{name}` slots (see `format::fill`), so each language keeps its own word
//! order. Chinese labels use fullwidth punctuation only: its width is unambiguous (two
//! columns), unlike `→` or `…`, which some fonts draw one column wide and others two.

use crate::model::{
    ActivityKind, CaseKind, CaseStatus, Closure, Direction, MeetingKind, Method, Need, Outcome,
};
use crate::rollcall::Attention;
use crate::words::{Lang, Word};

#[derive(Debug)]
pub struct Labels {
    /// The language of the domain words (`crate::words`), which are not repeated here.
    pub lang: Lang,
    pub title: &'static str,
    pub title_grid: &'static str,
    pub as_of: &'static str,
    pub date_long: &'static str,
    pub date_full: &'static str,
    pub date_short: &'static str,
    pub sep: &'static str,
    pub colon: &'static str,
    pub none: &'static str,

    pub section_checkins: &'static str,
    pub checkin_totals: &'static str,
    /// `{w_ok}`… are the outcome words (`crate::words`), `{ok}`… their counts.
    pub checkin_detail: &'static str,
    pub away_carried: &'static str,
    pub grid_line: &'static str,
    pub attention_head: &'static str,
    pub attention_none: &'static str,
    pub attention_line: &'static str,
    pub also_yesterday: &'static str,
    pub contact_line: &'static str,
    pub never_contacted: &'static str,
    pub note_line: &'static str,
    /// The list by ladder step (`ladder.rs`).
    pub ladder: &'static super::LadderLabels,

    pub section_cases: &'static str,
    pub cases_totals: &'static str,
    pub opened_head: &'static str,
    pub case_line: &'static str,
    pub sessions_head: &'static str,
    pub session_line: &'static str,
    pub status_head: &'static str,
    pub status_line: &'static str,
    /// `{w_dispute}`… are the kind words (`crate::words`), `{dispute}`… their counts.
    pub open_cases: &'static str,
    pub follow_overdue_head: &'static str,
    pub follow_today_head: &'static str,
    pub follow_tomorrow_head: &'static str,
    pub follow_line: &'static str,
    pub closure_note: &'static str,

    pub section_register: &'static str,
    pub community_wide: &'static str,
    pub visits_head: &'static str,
    pub visits_none: &'static str,
    pub visit_line: &'static str,
    pub meetings_head: &'static str,
    pub meetings_none: &'static str,
    pub meeting_line: &'static str,
    pub fund_head: &'static str,
    pub fund_none: &'static str,
    pub fund_line: &'static str,

    pub section_period: &'static str,
    pub period_joint_meetings: &'static str,
    pub period_consultations: &'static str,
    pub period_households_visited: &'static str,
    pub period_disputes_mediated: &'static str,
    /// Cases settled by level (issue 16): `{n}`, `{grid}`, `{grid_pct}`, `{community}`,
    /// `{community_pct}`, `{subdistrict}`; the level words as `i18n::case_level` spells them.
    pub period_settled_levels: &'static str,
    pub period_settled_none: &'static str,
    pub period_problems_resolved: &'static str,
    pub period_elders: &'static str,
    pub period_files: &'static str,
    pub period_partners: &'static str,
    /// One kind of partner and its count, in the partners line (`{kind} {n}`).
    pub period_partner_kind: &'static str,
    pub list_sep: &'static str,
    /// Text in brackets after a figure.
    pub paren: &'static str,
    pub period_fund: &'static str,
    /// Visits due against visits done by the cadence (issue 14).
    pub period_visit_cadence: &'static str,
    /// Issue 16: services to people in care, by kind, volunteer hours per team and per
    /// person, and support records.
    pub period_services: &'static str,
    pub period_team_hours: &'static str,
    pub period_people_hours: &'static str,
    /// One team's or person's hours in those lines.
    pub hours_of: &'static str,
    pub period_supported: &'static str,
    /// Partners' activities, goods and duties (issue 16 point 3).
    pub period_activities: &'static str,
    pub period_activity_kind: &'static str,
    pub period_activity_partners: &'static str,
    pub period_partner_activity: &'static str,
    pub period_goods: &'static str,
    pub period_duties_overdue: &'static str,

    /// Markdown table headers.
    pub col_grid: &'static str,
    pub col_due: &'static str,
    pub col_reached: &'static str,
    pub col_away: &'static str,
    pub col_not_reached: &'static str,
    pub col_total: &'static str,
}

pub const ZH: Labels = Labels {
    lang: Lang::Zh,
    title: "{community}{grid} {date}工作日报",
    title_grid: " {code} {name}",
    as_of: "（统计截至 {date} {time}）",
    date_long: "{y}年{m}月{d}日（{weekday}）",
    date_full: "{y}年{m}月{d}日",
    date_short: "{m}月{d}日",
    sep: "，",
    colon: "：",
    none: "无",

    section_checkins: "一、每日一问候",
    checkin_totals: "应问候 {due} 人，已问候 {reached} 人，外出 {away} 人，未联系 {not_reached} 人。",
    checkin_detail: "其中{w_ok} {ok} 人，{w_unwell} {unwell} 人，{w_needs_help} {needs_help} 人；{w_no_answer} {no_answer} 人，尚未问候 {no_attempt} 人。",
    away_carried: "外出的 {away} 人中，{carried} 人此前已报外出，当日未再问候。",
    grid_line: "{code} {name}：应问候 {due} 人，已问候 {reached} 人，外出 {away} 人，未联系 {not_reached} 人",
    attention_head: "需关注 {n} 人：",
    attention_none: "当日无需关注的老人。",
    attention_line: "{name}（{where}）{reason}",
    also_yesterday: "，昨日也未联系",
    contact_line: "当日联系 {attempts} 次；最近联系：{when} {by}（{method}），{outcome}",
    never_contacted: "当日联系 {attempts} 次；无联系记录",
    note_line: "备注：{note}",
    ladder: &super::ladder::ZH,

    section_cases: "二、矛盾纠纷与信访",
    cases_totals: "当日新受理 {opened} 件，调解 {sessions} 场，状态变更 {changes} 次，化解 {resolved} 件，结案 {closed} 件。",
    opened_head: "新受理：",
    case_line: "{number} {kind}「{title}」（{grid}）",
    sessions_head: "调解：",
    session_line: "{number}「{title}」第 {nth} 次调解：{outcome}",
    status_head: "状态变更：",
    status_line: "{number}「{title}」由{from}转为{to}{closure}：{reason}",
    open_cases: "在办案件 {total} 件：{w_dispute} {dispute} 件，{w_petition} {petition} 件，{w_request} {request} 件，{w_assistance} {assistance} 件。",
    follow_overdue_head: "跟进逾期 {n} 件：",
    follow_today_head: "当日应跟进 {n} 件：",
    follow_tomorrow_head: "次日应跟进 {n} 件：",
    follow_line: "{number}「{title}」（{grid}），应于{due}跟进",
    closure_note: "（{closure}）",

    section_register: "三、走访、会议与帮扶基金",
    community_wide: "（会议、共建单位和帮扶基金为全社区数据）",
    visits_head: "走访 {n} 户：",
    visits_none: "走访：无",
    visit_line: "{address}（{grid}，{by}）",
    meetings_head: "会议 {n} 场：",
    meetings_none: "会议：无",
    meeting_line: "{kind}「{title}」，参会 {attendees} 人，议定事项 {decisions} 项",
    fund_head: "帮扶基金：收入 {in} 元，支出 {out} 元",
    fund_none: "帮扶基金：当日无收支",
    fund_line: "{direction} {amount} 元",

    section_period: "四、累计数据（{from}至{to}）",
    period_joint_meetings: "召开党建联席会议 {n} 次",
    period_consultations: "开展协商议事活动 {n} 场",
    period_households_visited: "走访居民群众 {n} 户",
    period_disputes_mediated: "调解矛盾纠纷和信访 {n} 起",
    period_settled_levels: "化解案件 {n} 件：网格 {grid} 件（{grid_pct}%），社区 {community} 件（{community_pct}%），街道 {subdistrict} 件",
    period_settled_none: "化解案件：无",
    period_problems_resolved: "解决群众反映问题 {n} 件",
    period_elders: "每天都问候到的独居老人 {n} 人（在册 {roll} 人）",
    period_files: "困难家庭建档 {n} 户",
    period_partners: "签有共建协议的单位 {n} 家",
    period_partner_kind: "{kind} {n}",
    list_sep: "、",
    paren: "（{text}）",
    period_fund: "帮扶基金收入 {in} 元，支出 {out} 元，结余 {balance} 元",
    period_visit_cadence: "按走访频次应走访 {due} 次，按时走访 {done} 次",
    period_services: "为帮扶对象服务 {n} 次，共 {hours} 小时",
    period_team_hours: "志愿队服务时长：{list}",
    period_people_hours: "志愿者服务时长：{list}",
    hours_of: "{name} {hours} 小时",
    period_supported: "在帮扶的残疾人、留守儿童和困难家庭 {n} 个",
    period_activities: "共建单位开展活动 {n} 场，惠及 {people} 人次",
    period_activity_kind: "{kind} {n} 场",
    period_activity_partners: "各单位活动：",
    period_partner_activity: "{name} {n} 场，{people} 人次",
    period_goods: "捐赠物资 {n} 批，价值 {value} 元（不计入帮扶基金）",
    period_duties_overdue: "共建协议责任逾期 {n} 项",

    col_grid: "网格",
    col_due: "应问候",
    col_reached: "已问候",
    col_away: "外出",
    col_not_reached: "未联系",
    col_total: "合计",
};

pub const EN: Labels = Labels {
    lang: Lang::En,
    title: "{community}{grid} daily report, {date}",
    title_grid: " {code} {name}",
    as_of: "(figures as of {date} {time})",
    date_long: "{weekday} {d} {month} {y}",
    date_full: "{d} {month} {y}",
    date_short: "{d} {month}",
    sep: ", ",
    colon: ": ",
    none: "none",

    section_checkins: "1. Daily check-in",
    checkin_totals: "Due {due}, reached {reached}, away {away}, not reached {not_reached}.",
    checkin_detail: "Reached: {w_ok} {ok}, {w_unwell} {unwell}, {w_needs_help} {needs_help}. Not reached: {w_no_answer} {no_answer}, not called {no_attempt}.",
    away_carried: "Away since an earlier day (not called): {carried}.",
    grid_line: "{code} {name}: due {due}, reached {reached}, away {away}, not reached {not_reached}",
    attention_head: "Needs attention ({n}):",
    attention_none: "Nobody needs attention.",
    attention_line: "{name} ({where}): {reason}",
    also_yesterday: "; not reached yesterday either",
    contact_line: "Attempts: {attempts}; last contact {when} by {by} ({method}), {outcome}",
    never_contacted: "Attempts: {attempts}; no contact on record",
    note_line: "Note: {note}",
    ladder: &super::ladder::EN,

    section_cases: "2. Disputes, petitions and requests",
    cases_totals: "Opened {opened}, mediation sessions {sessions}, status changes {changes}, resolved {resolved}, closed {closed}.",
    opened_head: "Opened:",
    case_line: "{number} {kind} \"{title}\" ({grid})",
    sessions_head: "Mediation sessions:",
    session_line: "{number} \"{title}\" session {nth}: {outcome}",
    status_head: "Status changes:",
    status_line: "{number} \"{title}\" {from} -> {to}{closure}: {reason}",
    open_cases: "Open cases {total}: {w_dispute} {dispute}, {w_petition} {petition}, {w_request} {request}, {w_assistance} {assistance}.",
    follow_overdue_head: "Follow-ups overdue ({n}):",
    follow_today_head: "Follow-ups due that day ({n}):",
    follow_tomorrow_head: "Follow-ups due the next day ({n}):",
    follow_line: "{number} \"{title}\" ({grid}), due {due}",
    closure_note: " ({closure})",

    section_register: "3. Visits, meetings and the assistance fund",
    community_wide: "(meetings, partners and the fund are community-wide)",
    visits_head: "Households visited ({n}):",
    visits_none: "Visits: none",
    visit_line: "{address} ({grid}, by {by})",
    meetings_head: "Meetings ({n}):",
    meetings_none: "Meetings: none",
    meeting_line: "{kind} \"{title}\": attendees {attendees}, decisions {decisions}",
    fund_head: "Assistance fund: in {in} yuan, out {out} yuan",
    fund_none: "Assistance fund: no movements",
    fund_line: "{direction} {amount} yuan",

    section_period: "4. Figures from {from} to {to}",
    period_joint_meetings: "Joint meetings held: {n}",
    period_consultations: "Consultations held: {n}",
    period_households_visited: "Households visited: {n}",
    period_disputes_mediated: "Disputes and petitions mediated: {n}",
    period_settled_levels: "Cases settled: {n}; grid {grid} ({grid_pct}%), community {community} ({community_pct}%), subdistrict {subdistrict}",
    period_settled_none: "Cases settled: none",
    period_problems_resolved: "Residents' problems resolved: {n}",
    period_elders: "Elders greeted on every day they were due: {n} of {roll}",
    period_files: "Households with files: {n}",
    period_partners: "Partners with an agreement: {n}",
    period_partner_kind: "{kind} {n}",
    list_sep: ", ",
    paren: " ({text})",
    period_fund: "Assistance fund: in {in} yuan, out {out} yuan, balance {balance} yuan",
    period_visit_cadence: "Visits due by the cadence: {due}, done in time: {done}",
    period_services: "Services to people in care: {n}, {hours} hours",
    period_team_hours: "Volunteer hours by team: {list}",
    period_people_hours: "Volunteer hours by person: {list}",
    hours_of: "{name} {hours} h",
    period_supported: "People and households in support (not elders): {n}",
    period_activities: "Partners' activities: {n}, reaching {people} people",
    period_activity_kind: "{kind} {n}",
    period_activity_partners: "Activities by partner:",
    period_partner_activity: "{name}: {n}, {people} people",
    period_goods: "Goods given: {n}, worth {value} yuan (not in the fund)",
    period_duties_overdue: "Agreement duties overdue: {n}",

    col_grid: "Grid",
    col_due: "Due",
    col_reached: "Reached",
    col_away: "Away",
    col_not_reached: "Not reached",
    col_total: "Total",
};

impl Labels {
    /// A domain word in this report's language (`crate::words`: one spelling shared with
    /// the app).
    pub fn word<W: Word>(&self, w: W) -> &'static str {
        w.word(self.lang)
    }

    pub fn outcome(&self, o: Outcome) -> &'static str {
        self.word(o)
    }

    pub fn method(&self, m: Method) -> &'static str {
        self.word(m)
    }

    pub fn kind(&self, k: CaseKind) -> &'static str {
        self.word(k)
    }

    pub fn status(&self, s: CaseStatus) -> &'static str {
        self.word(s)
    }

    pub fn closure(&self, c: Closure) -> &'static str {
        self.word(c)
    }

    pub fn meeting_kind(&self, k: MeetingKind) -> &'static str {
        self.word(k)
    }

    /// A need tag in words; no tag is the empty string.
    pub fn need(&self, n: Option<Need>) -> &'static str {
        n.map_or("", |n| self.word(n))
    }

    pub fn activity_kind(&self, k: ActivityKind) -> &'static str {
        self.word(k)
    }

    pub fn direction(&self, d: Direction) -> &'static str {
        self.word(d)
    }

    pub fn weekday(&self, n: u8) -> &'static str {
        crate::words::weekday(self.lang, n)
    }

    pub fn month(&self, n: u8) -> &'static str {
        crate::words::month(self.lang, n)
    }

    /// The words for an attention rule code (`rollcall::Attention::code`).
    pub fn reason(&self, code: &str) -> &'static str {
        let a = <Attention as Word>::EVERY
            .iter()
            .find(|a| a.code() == code)
            .copied()
            .unwrap_or(Attention::NotReachedAfterCutoff);
        self.word(a)
    }
}
