//! Every user-facing string, in Chinese and English, in one table. Chinese is the default where
//! `LANG` starts with `zh`. Templates use `{0}`, `{1}`… filled by `Lang::fill`.

use qiaomen_core::Error;
use qiaomen_core::model::{CaseKind, CaseStatus, Closure, FileStatus, Method, Outcome, Role};
use qiaomen_core::rollcall::{Attention, DayStatus};
use qiaomen_core::words::Word;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// `--lang`, else `QIAOMEN_LANG` (handled by clap), else `LC_ALL`/`LC_MESSAGES`/`LANG`.
    pub fn from_env() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var)
                && !v.is_empty()
            {
                return if v.starts_with("zh") {
                    Lang::Zh
                } else {
                    Lang::En
                };
            }
        }
        Lang::En
    }

    pub fn t(self, key: T) -> &'static str {
        let (zh, en) = key.texts();
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// The colon after a label: full-width in Chinese (`电话：`), `: ` in English.
    pub fn colon(self) -> &'static str {
        match self {
            Lang::Zh => "：",
            Lang::En => ": ",
        }
    }

    /// A label and its colon (`电话：`, `Phone: `), before a value on a card.
    pub fn label(self, key: T) -> String {
        format!("{}{}", self.t(key), self.colon())
    }

    /// A heading over the lines that follow it (`经过：`, `Timeline:`).
    pub fn heading(self, key: T) -> String {
        format!("{}{}", self.t(key), self.colon().trim_end())
    }

    /// A template with `{0}`, `{1}`… replaced by `args` (the one filler, `words::fill`).
    pub fn fill(self, key: T, args: &[&dyn std::fmt::Display]) -> String {
        let slots: Vec<(&str, &dyn std::fmt::Display)> = args.iter().map(|&a| ("", a)).collect();
        qiaomen_core::words::fill(self.t(key), &slots)
    }

    /// The language of the domain crate's words (`qiaomen_core::words`).
    pub fn words(self) -> qiaomen_core::words::Lang {
        match self {
            Lang::Zh => qiaomen_core::words::Lang::Zh,
            Lang::En => qiaomen_core::words::Lang::En,
        }
    }

    /// A weekday by its number from Monday (the one table, `words::weekday`).
    pub fn weekday(self, n: u8) -> &'static str {
        qiaomen_core::words::weekday(self.words(), n)
    }
}

macro_rules! table {
    ($($key:ident => $zh:literal, $en:literal;)+) => {
        /// A key of the string table.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum T { $($key),+ }
        impl T {
            pub const ALL: &'static [T] = &[$(T::$key),+];
            fn texts(self) -> (&'static str, &'static str) {
                match self { $(T::$key => ($zh, $en)),+ }
            }
        }
    };
}

table! {
    // A day with no check-in (the domain words themselves are `qiaomen_core::words`).
    NotReached => "未联系", "not reached";
    // Command-line output.
    RollTitle => "{0} {1}（{2}）每日一问候", "{0} roll call, {1} ({2})";
    RollProgress => "已问候 {0}/{1} · 外出 {2} · 未联系 {3} · 需关注 {4}", "reached {0}/{1} · away {2} · not reached {3} · attention {4}";
    ColStatus => "状态", "Status";
    ColName => "姓名", "Name";
    ColAge => "年龄", "Age";
    ColGrid => "网格", "Grid";
    ColAddress => "地址", "Address";
    ColPhone => "电话", "Phone";
    ColLast => "最近联系", "Last contact";
    ColAttempts => "次数", "Tries";
    ColNumber => "编号", "No.";
    ColKind => "类别", "Kind";
    ColTitle => "事由", "Title";
    ColOpened => "立案日期", "Opened";
    ColFollowUp => "下次跟进", "Follow-up";
    NoElders => "这一天没有需要问候的老人。", "No elders are due on this day.";
    CheckinSaved => "已保存：{0} {1} {2}（第 {3} 次）", "Saved: {0} {1} {2} (attempt {3})";
    CaseOpened => "已立案 {0}：{1}", "Opened case {0}: {1}";
    CaseSaved => "已保存到案件 {0}", "Saved to case {0}";
    NoCases => "没有符合条件的案件。", "No cases match.";
    Parties => "当事人", "Parties";
    Timeline => "经过", "Timeline";
    Session => "第 {0} 次调解：{1}；结果：{2}", "Mediation session {0}: {1}; outcome: {2}";
    StatusChange => "状态 {0} → {1}：{2}", "Status {0} → {1}: {2}";
    FollowUpSet => "约定跟进日期 {0}", "Follow-up set for {0}";
    FollowUpDone => "已跟进：{0}", "Followed up: {0}";
    InitDone => "已创建数据库 {0}", "Created the database at {0}";
    InitDemoDone => "已创建数据库 {0}，并载入示范社区（{1} 条记录）", "Created the database at {0} with the demo community ({1} records)";
    ImportDone => "已导入 {0} 条记录：{1}", "Imported {0} records: {1}";
    ImportChecked => "检查通过，未写入（--dry-run）：{0} 条记录：{1}", "Checked, nothing written (--dry-run): {0} records: {1}";
    ExportDone => "已导出 {0} 条记录到 {1}", "Exported {0} records to {1}";
    NoHits => "没有找到“{0}”。", "Nothing matches \"{0}\".";
    Years => "{0}岁", "{0} y";
    // The terminal UI.
    PaneGrids => "网格", "Grids";
    PaneRollCall => "问候", "Roll call";
    PaneCases => "案件", "Cases";
    PaneRegister => "台账", "Register";
    PaneSummary => "日报", "Summary";
    AllGrids => "全部", "all";
    Operator => "操作员", "operator";
    GridFilter => "网格", "grid";
    TooSmall => "终端太小：至少需要 {0}×{1}，现在是 {2}×{3}。请放大窗口。", "Terminal too small: qiaomen needs {0}×{1}, this is {2}×{3}. Enlarge the window.";
    KeyMarkOk => "平安", "ok";
    KeyMarkUnwell => "不适", "unwell";
    KeyMarkNoAnswer => "未接", "no answer";
    KeyMarkNeedsHelp => "求助", "needs help";
    KeyMarkAway => "外出", "away";
    KeyMarkVisit => "上门问候（平安）", "ok by a home visit";
    KeyMethod => "方式", "method";
    KeyNote => "给最近一次问候加备注", "note on the latest check-in";
    KeyUndo => "撤销", "undo";
    KeyNewCase => "新案件", "new";
    KeyOpenCase => "查看经过", "timeline";
    KeyCaseNote => "记录", "note";
    KeyCaseSession => "调解", "session";
    KeyCaseStatus => "状态", "status";
    KeyCaseFollowUp => "约定跟进日期", "set the follow-up date";
    KeyKindFilter => "按类别筛选", "filter by kind";
    KeyStatusFilter => "按状态筛选", "filter by status";
    KeyDays => "前一天/后一天", "day";
    KeyToday => "回到今天", "back to today";
    KeyMove => "上下移动", "move";
    KeyPage => "翻页", "page";
    KeyHomeEnd => "到顶/到底", "first / last";
    KeySearch => "搜索", "search";
    KeyGrid => "网格", "grid";
    KeyPanes => "切换面板", "switch pane";
    KeyNextPane => "下一个面板", "next pane";
    KeyPrevPane => "上一个面板", "previous pane";
    KeyHelp => "帮助", "help";
    KeyQuit => "退出", "quit";
    HelpTitle => "按键说明（Esc 关闭）", "Keys (Esc closes)";
    HelpGlobal => "任何地方", "Anywhere";
    HelpLists => "列表", "Lists";
    HelpDays => "问候与日报", "Roll call and summary";
    HelpPopups => "弹窗与表单：Esc 取消，Tab/↑↓ 换栏，←→ 或数字选择，Home/End 到头/到尾，Enter 确认", "Popups and forms: Esc cancels, Tab/↑↓ moves between fields, ←→ or a digit chooses, Home/End go to the start/end, Enter confirms";
    MethodNow => "下一次记录的方式：{0}", "Next marks are recorded as: {0}";
    Marked => "已保存：{0} {1}（{2}）", "Saved: {0} {1} ({2})";
    NothingToUndo => "本次没有可以撤销的记录。", "Nothing marked in this session to undo.";
    Undone => "已撤销 {0} 的最近一次记录。", "Took back the last mark of {0}.";
    RollProgressShort => "已问候 {0}/{1} · 外出 {2} · 需关注 {3}", "reached {0}/{1} · away {2} · attention {3}";
    CareLevel => "分级", "Care level";
    Callers => "问候人", "Callers";
    Doorbell => "幸福门铃", "Doorbell";
    Yes => "有", "yes";
    No => "无", "no";
    Contacts => "紧急联系人", "Emergency contacts";
    Health => "健康", "Health";
    Last14 => "近14天", "14 days";
    Level1 => "一级（高风险）", "1 (high risk)";
    Level2 => "二级（重点）", "2 (key)";
    Level3 => "三级（一般）", "3 (general)";
    ActiveCases => "未结", "not closed";
    CaseFilterLine => "类别 {0} · 状态 {1} · 层级 {2} · {3} 件", "kind {0} · status {1} · level {2} · {3} cases";
    ColFollowUpShort => "跟进", "Next";
    TimelineHead => "经过（{0} 条，调解 {1} 次）", "Timeline ({0} entries, {1} sessions)";
    ColElders => "独居老人", "Elders";
    ColToday => "今日", "Today";
    ColOpenCases => "在办案件", "Open cases";
    ColElderCount => "老人", "Elders";
    ColGridName => "名称", "Name";
    ColCaseCount => "案件", "Cases";
    ColStewards => "网格管家", "Stewards";
    AskFollowUpCase => "{0} 需要帮助：现在为其开一个跟进案件吗？", "{0} needs help: open a follow-up case now?";
    YesNo => "y 是 / n 否", "y yes / n no";
    NeedsHelpTitle => "{0}需要帮助", "{0} needs help";
    FormNewCase => "新案件", "New case";
    FormCaseNote => "案件 {0}：记录", "Case {0}: note";
    FormSession => "案件 {0}：第 {1} 次调解", "Case {0}: mediation session {1}";
    FormStatus => "案件 {0}：改变状态（现为{1}）", "Case {0}: change status (now {1})";
    FormFollowUp => "案件 {0}：下次跟进日期", "Case {0}: next follow-up";
    FormCheckInNote => "{0} {1} {2}：备注", "{0} {1} {2}: note";
    FormAway => "{0} 外出", "{0} is away";
    FormKeys => " Enter 保存 · Esc 取消 · Tab 换栏 · ←→ 选择 ", " Enter saves · Esc cancels · Tab next · ←→ choose ";
    PartiesHint => "当事人（用、分隔）", "Parties (comma-separated)";
    ParticipantsHint => "参加人（用、分隔）", "Participants (comma-separated)";
    FollowUpHint => "跟进日期（可空）", "Follow-up date (optional)";
    AwayUntilHint => "外出至（日期，可空）", "Away until (date, optional)";
    NoteLabel => "内容", "Note";
    DateLabel => "日期", "Date";
    OutcomeLabel => "结果", "Outcome";
    ReasonLabel => "理由", "Reason";
    ClosureLabel => "结案方式", "Closure";
    ClosureNone => "（不结案）", "(not closing)";
    NoteSaved => "备注已保存。", "Note saved.";
    HitResident => "居民", "resident";
    HitHousehold => "住户", "household";
    HitMember => "成员", "member";
    HitCase => "案件", "case";
    HitPartner => "共建", "partner";
    HitOrg => "单位", "org";
    HitTeam => "志愿队", "team";
    SearchTitle => "搜索：姓名、拼音、首字母、电话、地址、案件号（Enter 跳转，Esc 关闭）", "Search name, pinyin, initials, phone, address, #case · Enter jumps";
    ServerGone => "服务进程已停止，且无法重新启动：本窗口不再收到别人的更改；请退出后重新打开", "The server stopped and could not be restarted: this window no longer sees others' changes. Quit and open again";
    Reconnected => "服务进程曾停止，已连上新的服务（记录从日志恢复）；请核对刚才的操作是否在列表中", "Server restarted (recovered from the journal); check your last action shows";
    SearchHint => "例如：wxy、梅、5678、3-2-501、#4", "e.g. wxy, mei, 5678, 3-2-501, #4";
    NoCommunity => "未初始化的数据库（qiaomen init 或 import）", "uninitialised database (qiaomen init or import)";
    NoGrids => "还没有网格：先用 qiaomen init --demo 或 qiaomen import 载入社区。", "There are no grids yet: load a community with qiaomen init --demo or qiaomen import.";
    SummaryWritten => "日报已写入 {0}", "The summary was written to {0}";
    KeyJumpElder => "到问候名单", "go to the roll call";
    KeyCopySummary => "复制日报", "copy";
    KeyWriteSummary => "存为文件", "save to a file";
    SummaryCopied => "日报已复制到剪贴板（{0} 字）。若未生效，请用 w 存为文件。", "The report was copied to the clipboard ({0} characters). If it did not arrive, save it with w.";
    SummaryByGrid => "各网格", "By grid";
    SummaryChart => "近30天问候完成率", "Roll-call completion, last 30 days";
    SummaryAttention => "需关注", "Needs attention";
    SummaryNoAttention => "无人需要关注。", "Nobody needs attention.";
    SummaryCases => "案件：新受理 {0} · 调解 {1} · 化解 {2} · 结案 {3} · 在办 {4} · 逾期跟进 {5}", "Cases: new {0} · sessions {1} · resolved {2} · closed {3} · open {4} · overdue {5}";
    SummaryHeadLine => "应问候 {0} · 已问候 {1} · 外出 {2} · 未联系 {3} · 需关注 {4}", "Due {0} · reached {1} · away {2} · not reached {3} · attention {4}";
    ColDue => "应", "Due";
    ColReached => "已", "Reached";
    ColAway => "外出", "Away";
    ColNotReached => "未联系", "Not reached";
    ColAttention => "需关注", "Attention";
    ChartRange => "{0} 至 {1}：最低 {2}%，最高 {3}%，今日 {4}%", "{0}–{1}: min {2}%, max {3}%, last {4}%";
    SummaryFilePrefix => "日报", "summary";
    // Register
    FileNone => "未建档", "no file";
    // The roster's column headers (sheet::columns).
    RosterName => "姓名", "name";
    RosterGender => "性别", "gender";
    RosterBirth => "出生日期", "birth";
    RosterIdNumber => "身份证号", "id_number";
    RosterPhone => "联系电话", "phone";
    RosterGrid => "网格", "grid";
    RosterEstate => "小区", "estate";
    RosterBuilding => "楼栋", "building";
    RosterUnit => "单元", "unit";
    RosterRoom => "门牌号", "room";
    RosterHousehold => "户号", "household";
    RosterRelation => "与户主关系", "relation";
    RosterCategories => "人员类别", "categories";
    RosterHealth => "健康状况", "health";
    RosterContactName => "紧急联系人", "contact_name";
    RosterContactPhone => "紧急联系电话", "contact_phone";
    ColHead => "户主", "Head";
    ColClaimedBy => "认领", "Claimed by";
    ColNeeds => "需求", "Needs";
    ColPartner => "共建单位", "Partner";
    ColFundParty => "来源/去向", "From / to";
    ColHousehold => "户", "Household";
    ColAmount => "金额（元）", "Amount (yuan)";
    ColDate => "日期", "Date";
    ColNote => "备注", "Note";
    ColSigned => "签约", "Agreement";
    ColHouseholds => "户数", "Households";
    ColDelivered => "已交付（元）", "Delivered (yuan)";
    ColFundIn => "捐入基金（元）", "To the fund (yuan)";
    ColBy => "走访人", "By";
    ColFindings => "情况", "Findings";
    ColDirection => "收支", "In/out";
    ColDueAmount => "应交付", "Due";
    ColDecisions => "决定", "Decisions";
    ColOwner => "负责人", "Owner";
    ColDueDate => "期限", "Due";
    ColBalance => "余额（元）", "Balance (yuan)";
    ColYuan => "金额", "Yuan";
    NoHouseholds => "没有符合条件的户。", "No households match.";
    HouseholdHeading => "户 #{0} {1} · {2} · {3}", "Household #{0} {1} · {2} · {3}";
    Members => "成员", "Members";
    Categories => "类别", "Categories";
    Needs => "需求", "Needs";
    FileSteps => "档案", "File";
    NextStep => "下一步：{0}", "Next step: {0}";
    Reopened => "退回", "reopened";
    PledgesHead => "认领", "Pledges";
    FundHead => "帮扶基金", "Fund";
    VisitsHead => "走访", "Visits";
    NoticesHead => "公示", "Notices";
    NoneYet => "无", "none";
    FileStepped => "户 #{0}：{1} → {2}", "Household #{0}: {1} → {2}";
    NoticeLine => "公示 #{0}：{1} 至 {2}（{3} 天，{4} 户）", "Notice #{0}: {1} to {2} ({3} days, {4} households)";
    NoticePreview => "（以上为预览，尚未发布；加 --publish 发布。）", "(A preview, not published: add --publish to publish it.)";
    NoReviewed => "没有已审核待公示的户。", "No reviewed households are waiting for a notice.";
    NoticePublished => "已发布公示 #{0}（{1} 户）", "Published notice #{0} ({1} households)";
    PledgeMoney => "每{1} {0} 元，至 {2}", "{0} yuan a {1} until {2}";
    PledgeDelivered => "已交付 {0} 元", "{0} yuan delivered";
    PledgeItemDelivered => "已交付", "delivered";
    DueMoney => "应交付 {0} 元（自 {1}）", "{0} yuan due since {1}";
    DueItem => "待交付：{0}（自 {1}）", "to deliver: {0} (since {1})";
    PledgeClaimed => "{0} 认领了户 #{1}（认领 #{2}）", "{0} claimed household #{1} (pledge #{2})";
    DeliverySaved => "已记录认领 #{0} 的交付（现为{1}）", "Recorded a delivery on pledge #{0} (now {1})";
    PledgeEnded => "认领 #{0}：{1}", "Pledge #{0}: {1}";
    NoPledges => "没有符合条件的认领。", "No pledges match.";
    NothingDue => "{0} 没有到期未交付的认领。", "Nothing is due on {0}.";
    PartnerSaved => "已添加共建单位 #{0}：{1}", "Added partner #{0}: {1}";
    NoPartners => "还没有共建单位。", "No partners yet.";
    ContactHead => "联系人", "Contact";
    ScopeHead => "共建内容", "Scope";
    Contribution => "认领 {0} 户 · {1} 项（进行中 {2}）· 交付 {3} 元、物品 {4} 件 · 捐入基金 {5} 元", "households {0} · pledges {1} ({2} active) · delivered {3} yuan and {4} items · to the fund {5} yuan";
    FundSaved => "已记入基金 #{0}：{1} {2} 元；余额 {3} 元", "Fund entry #{0}: {1} {2} yuan; balance {3} yuan";
    FundBalance => "帮扶基金余额 {0} 元（截至 {1}）", "Fund balance {0} yuan (on {1})";
    NoFundEntries => "这段时间没有基金收支。", "No fund entries in this period.";
    NoWarnings => "没有同一需求被重复帮扶的户。", "No household is helped twice for the same need.";
    DuplicateHelp => "{0}：需求“{1}”由 {2} 重复帮扶", "{0}: \"{1}\" is helped by {2}";
    TheFund => "帮扶基金", "the fund";
    VisitSaved => "已记录走访 #{0}：户 #{1}，{2}", "Recorded visit #{0}: household #{1}, {2}";
    NoVisits => "没有走访记录。", "No visits.";
    MeetingSaved => "已保存会议 #{0}：{1}", "Saved meeting #{0}: {1}";
    DecisionMarked => "会议 #{0} 第 {1} 项决定已办结。", "Meeting #{0}: decision {1} is done.";
    NoMeetings => "没有会议记录。", "No meetings.";
    NoOpenDecisions => "所有决定都已办结。", "Every decision is done.";
    AttendeesHead => "参会", "Attendees";
    TopicsHead => "议题", "Topics";
    DecisionsHead => "决定", "Decisions";
    DecisionDue => "期限 {0}", "due {0}";
    DecisionDoneOn => "已办结 {0}", "done {0}";
    Overdue => "逾期", "overdue";
    ClaimWhat => "认领需要 --item，或者 --amount 加 --until。", "A claim needs --item, or --amount with --until.";
    BadDecision => "--decision 的格式是 内容|负责人|期限（YYYY-MM-DD），收到“{0}”", "--decision takes TEXT|OWNER|YYYY-MM-DD, got \"{0}\"";
    ViewHouseholds => "困难户", "Households";
    ViewPartners => "共建单位", "Partners";
    ViewFund => "帮扶基金", "Fund";
    CountHouseholds => "{0} 户", "{0} households";
    CountPartners => "{0} 个", "{0} partners";
    CountEntries => "{0} 笔", "{0} entries";
    DueToday => "到期未交付的认领", "Pledges due";
    DoubleHelp => "重复帮扶提醒", "Double help";
    KeyRegView => "切换视图", "view";
    KeyRegDetail => "展开/收起", "expand";
    KeyRegStep => "下一步", "step";
    KeyRegReopen => "退回", "reopen";
    KeyRegClaim => "认领", "claim";
    KeyRegDeliver => "交付", "deliver";
    KeyRegEnd => "结束认领", "end a pledge";
    KeyRegVisit => "走访", "visit";
    KeyRegFund => "记账", "fund entry";
    KeyRegNotice => "公示全部已审核户", "notice of all reviewed households";
    KeyRegPartner => "新共建单位", "new partner";
    FormStep => "户 #{0}：{1} → {2}", "Household #{0}: {1} → {2}";
    FormReopen => "户 #{0}：退回（现为{1}）", "Household #{0}: reopen (now {1})";
    FormNotice => "公示 {0} 户", "Notice of {0} households";
    FormClaim => "户 #{0}：认领", "Household #{0}: claim";
    FormDeliver => "户 #{0}：记录交付", "Household #{0}: delivery";
    FormEndPledge => "户 #{0}：结束认领", "Household #{0}: end a pledge";
    FormVisit => "户 #{0}：走访", "Household #{0}: visit";
    FormFund => "帮扶基金：记一笔", "Fund: new entry";
    FormPartner => "新共建单位", "New partner";
    LabelPartner => "共建单位", "Partner";
    LabelWhat => "形式", "Kind";
    WhatItem => "物品", "an item";
    WhatMoney => "资金", "money";
    LabelItem => "物品", "Item";
    LabelAmount => "金额（元）", "Amount (yuan)";
    LabelPeriod => "周期", "Period";
    LabelUntil => "截止日期", "Until";
    LabelNeed => "需求", "Need";
    LabelPledge => "认领", "Pledge";
    LabelReference => "凭证号", "Reference";
    LabelBy => "走访人", "By";
    LabelFindings => "情况", "Findings";
    LabelDirection => "收支", "In or out";
    LabelHousehold => "户", "Household";
    LabelDays => "公示天数", "Days";
    LabelSigned => "签约日期（可空）", "Agreement signed (optional)";
    LabelContact => "联系人", "Contact";
    LabelScope => "共建内容", "Scope";
    ChoiceNone => "（无）", "(none)";
    FileAtEnd => "档案已结档；要再处理，请按 r 退回。", "The file is closed; reopen it with r to move it again.";
    NoActivePledge => "这一户没有进行中的认领。", "This household has no active pledge.";
    NoPartnerYet => "还没有共建单位：先在共建单位视图按 n 添加。", "No partners yet: add one with n in the partners view.";
    HouseholdsOnly => "这个键用在困难户视图（按 v 切换）。", "This key works in the households view (v switches).";
    NothingToReopen => "没有更早的状态可以退回。", "There is no earlier status to go back to.";
    BalanceShort => "余额 {0} 元", "balance {0} yuan";
    // Errors.
    ErrBusy => "数据库 {0} 正被另一个 qiaomen 进程打开（可能是 qiaomen 服务，`qiaomen serve --stop` 可以停止它），请先关闭它。", "The database at {0} is open in another qiaomen process (a qiaomen server stops with `qiaomen serve --stop`); close it first.";
    ErrNoDatabase => "{0} 没有 qiaomen 数据库；请先用 `qiaomen init` 创建。", "No qiaomen database at {0}; create one with `qiaomen init`.";
    ErrNotEmptyDir => "{0} 不是空目录；请换一个新目录。", "{0} is not empty; choose a new directory.";
    ErrNotOurs => "{0} 属于另一个用户，且别人可以读取；请以它的所有者身份运行 qiaomen。", "{0} belongs to another user and others can read it; run qiaomen as its owner.";
    ErrDamaged => "数据库 {0} 已损坏，无法自动重建（{1}）；请用 `qiaomen restore` 从备份恢复。", "The database at {0} is damaged and could not be rebuilt ({1}); restore it from a backup with `qiaomen restore`.";
    ErrWritesStopped => "数据库 {0} 的一次写入没有完成；在重新打开之前不再写入（已保存的都还在）。", "A write to the database at {0} did not complete; nothing more is written until it is reopened (everything saved is still there).";
    ErrUnwritable => "数据库 {0} 无法写入（{1}），这次没有保存任何内容。请检查它的目录和文件是否属于运行 qiaomen 的用户且可写、磁盘是否已满，然后再试。", "The database at {0} cannot be written ({1}), so nothing was saved. Check that its directory and files belong to the user running qiaomen and are writable, and that the disk is not full, then try again.";
    ErrUnwritableKept => "数据库 {0} 无法写入（{1}）；这次的修改已记入日志，下次打开数据库时会补上，请不要重复录入。在那之前不再写入（若有 qiaomen 服务在运行，用 `qiaomen serve --stop` 停止它）。", "The database at {0} cannot be written ({1}); this change is in its journal and is applied when the database is next opened, so do not enter it again. Nothing more is written until then (a running qiaomen server stops with `qiaomen serve --stop`).";
    ErrStorage => "数据库 {0} 读写出错：{1}。请检查磁盘空间和权限后重试。", "Reading or writing the database at {0} failed: {1}. Check the disk space and permissions, then try again.";
    RecRebuilt => "数据库 {0} 的存储已损坏（{1}），已从快照（第 {2} 条）和日志重建，已保存的记录一条未少；损坏的副本留在 {3}。", "The store of the database at {0} was damaged ({1}); it was rebuilt from snapshot {2} and the journal, and nothing saved was lost. The damaged copy is kept at {3}.";
    RecJournalRestarted => "数据库 {0} 的日志已损坏（{1}）；完好的存储已保留，并从新快照重新开始日志，旧日志留在 {2}。", "The journal of the database at {0} was damaged ({1}); the intact store was kept and a new journal started from a fresh snapshot. The old journal is kept at {2}.";
    RecImportDropped => "上次没有完成的导入（{0} 段）已撤销，数据库保持导入之前的样子。", "An import that never finished ({0} parts) was taken back; the database is as it was before it.";
    RecRebuiltBrief => "存储已损坏并已重建，已保存的记录一条未少；副本在 {0}", "Store damaged, rebuilt; nothing saved lost. Copy: {0}";
    RecJournalBrief => "日志已损坏：存储完好，已重新开始日志；旧日志在 {0}", "Journal damaged, restarted; store intact. Old one: {0}";
    RecCaughtUp => "数据库 {0} 的存储落后于日志 {1} 条（上次在写入时中断），已按日志补上。", "The store of the database at {0} was {1} journal entries behind (the last run stopped mid-write); they were applied from the journal.";
    RecUpgraded => "数据库 {0} 已升级为带日志和快照的格式。", "The database at {0} was upgraded to the journalled layout with snapshots.";
    RecMigrated => "数据库 {0} 已从第 {1} 版格式升级到第 {2} 版（已记入日志，内容不变）。", "The database at {0} was migrated from format {1} to {2} (journalled; nothing in it changed).";
    CheckHealthy => "数据库 {0} 完好：日志 {1} 条（到第 {2} 条），快照 {3} 个，记录 {4} 条；存储与快照加日志重建的结果一致。", "The database at {0} is healthy (journal entries: {1}, up to {2}; snapshots: {3}; records: {4}); the store equals what the snapshot and the journal rebuild.";
    CheckJournal => "日志有问题：{0}。`qiaomen check --repair` 会保留完好的存储，把旧日志移到一旁，并从新快照重新开始日志。", "The journal is damaged: {0}. `qiaomen check --repair` would keep the intact store, set the old journal aside and start a new one from a fresh snapshot.";
    CheckSnapshot => "快照 {0} 有问题：{1}。`qiaomen check --repair` 会把它移到一旁并重新做一个快照。", "Snapshot {0} is damaged: {1}. `qiaomen check --repair` would move it aside and take a new snapshot.";
    CheckNoSnapshot => "没有完好的快照可以用来重建存储。`qiaomen check --repair` 会从存储重新做一个快照。", "No intact snapshot is left to rebuild the store from. `qiaomen check --repair` would take a new one from the store.";
    CheckStore => "存储与日志不符：{0}。`qiaomen check --repair` 会从快照和日志重建存储，并把旧的留在一旁。", "The store does not match the journal: {0}. `qiaomen check --repair` would rebuild it from the snapshot and the journal, keeping the old one aside.";
    // What is wrong with a database's files (`qiaomen_core::damage`, worded in damage_words.rs).
    DmgJournalMissing => "日志不见了", "the journal is missing";
    DmgEntriesMissing => "日志缺少第 {0} 到第 {1} 条", "journal entries {0} to {1} are missing";
    DmgFrameLength => "日志中有一条的长度超出范围", "an entry's length is out of range";
    DmgEntryHash => "日志第 {0} 条校验不符", "entry {0} fails its hash";
    DmgEntryTorn => "日志第 {0} 条被截断或改动过", "entry {0} is cut off or altered";
    DmgEntryUnreadable => "日志第 {0} 条无法解读", "entry {0} does not decode";
    DmgEntryNumber => "日志第 {0} 条的编号却是第 {1} 条", "entry {0} is numbered {1} instead";
    DmgSegmentGap => "日志段 {0} 与前一段接不上", "segment {0} does not follow on from the one before it";
    DmgFileUnreadable => "无法读取 {0}", "{0} does not read";
    DmgSnapshotHeader => "文件头无法读取", "its header does not read";
    DmgSnapshotChecksum => "被截断或校验和不符", "it is cut off or fails its checksum";
    DmgSnapshotBase => "它只记着第 {0} 条快照之后的变化，而那个快照缺失或有问题", "it holds only changes since snapshot {0}, which is missing or damaged";
    DmgSnapshotOffJournal => "与日志第 {0} 条对不上", "it does not match journal entry {0}";
    DmgNoIntactSnapshot => "没有完好的快照可以用来重建存储", "no intact snapshot to rebuild the store from";
    DmgNoSnapshotCovers => "没有覆盖那个时间的完好快照", "no intact snapshot covers that time";
    DmgStoreEmpty => "存储读出来是空的", "it reads as empty";
    DmgStoreBookkeeping => "存储自身的记账信息缺失", "its own bookkeeping is missing";
    DmgStoreUnreadable => "存储的数据已损坏", "its data is damaged";
    DmgStoreTimeout => "存储在 {0} 秒内没有打开", "it did not open within {0} s";
    DmgCount => "{0}有 {1} 条，计数却是 {2} 条", "{0}: {1} records where the count says {2}";
    DmgCheckInCount => "问候有 {0} 次，计数却是 {1} 次", "it holds {0} check-ins where its count says {1}";
    DmgLooseDay => "{0} 的问候既没有归并，也没有登记待归并", "the check-ins of {0} are neither packed nor listed to be";
    DmgBehind => "存储只应用到日志第 {0} 条（共 {1} 条）", "it has applied entry {0} of {1}";
    DmgIndex => "{0}中{1}的条目{2}", "its {0} entry for {1} {2}";
    DmgIndexMissing => "缺失", "is missing";
    DmgIndexExtra => "在记录里没有", "is not in the records";
    DmgIndexValue => "与记录不符", "holds another value than the records give";
    DmgDiffers => "{0}中{1}的记录与日志重建的不同", "its {0} record {1} differs from the journal's";
    DmgReplayStopped => "日志只重放到第 {0} 条（共 {1} 条）", "replay reached entry {0} of {1}";
    DmgNotRebuilt => "日志重建不出它：{0}", "the journal does not rebuild it: {0}";
    DmgNoSnapshotTried => "{0}；没有可以用来重建的快照", "{0}; no snapshot to rebuild it from";
    DmgRebuildFailed => "{0}；重建失败：{1}", "{0}; rebuilding failed: {1}";
    DmgJournalAndStore => "日志已损坏（{0}），存储也已损坏（{1}）", "the journal is damaged ({0}) and so is the store ({1})";
    NoWritePermission => "没有权限", "permission denied";
    NoWriteReadOnly => "文件系统是只读的", "the file system is read-only";
    NoWriteDiskFull => "磁盘已满", "the disk is full";
    NoWriteQuota => "磁盘配额已用完", "the disk quota is used up";
    NoWriteFileTooLarge => "达到了文件大小上限", "a file-size limit was reached";
    KeyResident => "居民 {0}", "resident {0}";
    KeyHousehold => "户 {0}", "household {0}";
    KeyCase => "案件 {0}", "case {0}";
    KeyMeeting => "会议 {0}", "meeting {0}";
    KeyVisit => "走访 {0}", "visit {0}";
    KeyFundEntry => "基金记录 {0}", "fund entry {0}";
    KeyHouseholdFile => "户档案 {0}", "household file {0}";
    KeyId => "编号 {0}", "number {0}";
    KeyNotClosed => "未结案", "not closed";
    KeyHouseholds => "户 {0}–{1}", "households {0}–{1}";
    KeyUnreadable => "（无法读取的键）", "(an unreadable key)";
    TreeMeta => "元数据", "metadata";
    TreeGrids => "网格", "grids";
    TreeMembers => "成员", "members";
    TreeHouseholds => "户", "households";
    TreeResidents => "居民", "residents";
    TreeElders => "老人索引", "elders index";
    TreeCheckIns => "问候", "check-ins";
    TreeCases => "案件", "cases";
    TreePartners => "共建单位", "partners";
    TreePledges => "认领", "pledges";
    TreeFund => "基金记录", "fund entries";
    TreeMeetings => "会议", "meetings";
    TreeVisits => "走访", "visits";
    TreeNotices => "公示", "notices";
    TreeAudit => "操作记录", "audit trail";
    TreeHeads => "户主索引", "heads index";
    TreeHeadOf => "户主关系索引", "head-of index";
    TreeDated => "日期索引", "dated index";
    TreeCaseEnds => "结案索引", "closed-cases index";
    TreeCadence => "走访频次", "visit cadence";
    TreeCampaigns => "走访活动", "visit campaigns";
    TreeTeams => "志愿队", "teams";
    TreeServices => "服务记录", "services";
    TreeServicePlans => "服务计划", "service plans";
    TreeSupports => "帮扶记录", "support records";
    TreeOrgs => "单位", "organisations";
    TreeActivities => "共建活动", "activities";
    TreeGoods => "物资", "goods";
    TreeDuties => "协议责任", "duties";
    TreeElderHomes => "老人住址索引", "elder-homes index";
    TreeDayFigures => "每日数字索引", "day-figures index";
    TreeLastContacts => "最近联系索引", "last-contacts index";
    TreeMemberOf => "户成员索引", "member-of index";
    TreeVisitHomes => "走访户索引", "visit-homes index";
    TreeHouseholdRows => "户列表索引", "household-list index";
    TreeSearchColumn => "搜索列索引", "search-column index";
    TreeServiceDays => "按日服务索引", "services-by-day index";
    RepairDone => "已修复。", "Repaired.";
    BackupDone => "已备份到 {0}：快照 {1} 个、日志段 {2} 个，到第 {3} 条；本次复制 {4} 字节，共 {5} 字节。", "Backed up to {0} (snapshots: {1}; journal segments: {2}; up to entry {3}); bytes copied this time: {4}, in all: {5}.";
    RestoreDone => "已恢复到 {0}：到第 {1} 条（{2}），从快照 {3} 起重放了 {4} 条。", "Restored into {0}: up to entry {1} ({2}), replaying {4} entries after snapshot {3}.";
    RestoreEmpty => "备份开头", "the start of the backup";
    ErrTimeout => "数据库 {0} 在 {1} 秒内没能打开，可能已损坏：请从备份恢复。", "The database at {0} did not open within {1} seconds and may be damaged: restore it from a backup.";
    ErrTooNew => "数据库 {0} 由更新版本的 qiaomen 写入（架构 {1}，本程序只认识 {2}），请升级。", "The database at {0} was written by a newer qiaomen (schema {1}; this program knows {2}): upgrade qiaomen.";
    ErrNotFound => "找不到编号为 {1} 的{0}。", "There is no {0} with id {1}.";
    ErrNoMatch => "没有与“{1}”匹配的{0}。", "No {0} matches \"{1}\".";
    ErrAmbiguous => "“{0}”匹配到多个{1}，请用编号指定：{2}", "\"{0}\" matches several {1}; give the id: {2}";
    ErrInvalid => "输入有误（{0}）：{1}", "Invalid {0}: {1}";
    ErrTransition => "不能从“{0}”改为“{1}”：{2}", "Cannot go from {0} to {1}: {2}";
    ErrImport => "第 {0} 行：{1}（数据库未作任何改动）", "Line {0}: {1} (nothing was written)";
    ErrCorrupt => "数据已损坏（{0}）：{1}。请从备份恢复。", "A stored {0} is damaged: {1}. Restore from a backup.";
    ErrNotEmpty => "数据库 {0} 已有数据，未作改动。", "The database at {0} already holds data; nothing was changed.";
    ErrNoTerminal => "qiaomen 的界面需要一个终端；在脚本里请使用子命令（qiaomen --help）。", "qiaomen's interface needs a terminal; from scripts use a subcommand (qiaomen --help).";
    ErrServerGone => "数据库 {0} 的 qiaomen 服务停止了响应；做到一半的操作都没有保留，下一条命令会启动新的服务。", "The qiaomen server of the database at {0} stopped answering; nothing half-done was kept, and the next command starts a new server.";
    ErrServerVersion => "数据库 {0} 的 qiaomen 服务是另一个版本（协议 {1}，本程序为 {2}）；它的客户端都退出后会自行重启。", "The qiaomen server of the database at {0} runs another version (protocol {1}, this program speaks {2}); it restarts by itself once its clients have left.";
    ErrServerSlow => "数据库 {0} 的 qiaomen 服务在 {1} 秒内没有启动；原因见 {2}。", "The qiaomen server of the database at {0} did not start within {1} seconds; see {2} for why.";
    ErrServerFailed => "qiaomen 服务没能启动；原因见 {0}。", "The qiaomen server did not start; see {0} for why.";
    ErrNoGroup => "没有名为 {0} 的用户组（见 /etc/group）；请先用 groupadd 创建它。", "There is no group called {0} (see /etc/group); create it with groupadd first.";
    ErrNotOwner => "只有数据库 {0} 的所有者才能用 --no-server 直接打开它；请不带 --no-server 运行，经由 qiaomen 服务。", "Only the owner of the database at {0} may open it directly with --no-server; run without it to go through the qiaomen server.";
    ErrNoServerForYou => "数据库 {0} 的 qiaomen 服务没有运行，只有它的所有者能启动它（见 README 中的 systemd 单元）。", "The qiaomen server of the database at {0} is not running, and only its owner can start it (see the systemd unit in the README).";
    AttendeeUnknown => "登记册里没有“{0}”（居民、单位或成员）；登记册外的人请用 --guest 记下", "\"{0}\" is not in the register (a resident, an organisation or a member); name someone from outside it with --guest";
    AttendeeAmbiguous => "“{0}”匹配到多个：{1}；请用编号指定，如 --attendee {2}", "\"{0}\" matches several: {1}; give one by its id, as in --attendee {2}";
    AttendeeGuest => "来宾", "guest";
    FiguresMore => " · PgDn 看更多", " · PgDn for more";
    FiguresBack => " · PgUp 往回看", " · PgUp to go back";
    KeyFiguresMore => "更多统计", "more figures";
    KeyFiguresBack => "统计往回翻", "figures back";
    HelpInView => "「{0}」视图", "in the {0} view";
    OrgCardTitle => " 单位：{0}（q 关闭） ", " Organisation: {0} (q closes) ";
    HistoryTitle => " {0} 的历史（谁、何时、改了什么） ", " History of {0}: who, when, what changed ";
    KeyHistory => "历史（谁何时改了什么）", "history (who changed what, when)";
    HistoryNone => "自最早保留的快照（至少一周）以来没有改动。", "No changes since the oldest snapshot kept (a week or more).";
    LogNone => "没有符合条件的记录。", "No entries match.";
    RefNoMember => "OS 用户 {0} 不是本社区的成员；请管理员为其添加成员（`qiaomen member add 姓名 --role 角色 --login {0}`）。", "The OS user {0} is not a member here; an admin adds them (`qiaomen member add NAME --role ROLE --login {0}`).";
    RefShared => "多名成员共用 OS 用户 {0}（{1}）；请在各人的 SSH 密钥里设置 QIAOMEN_OPERATOR 指明是谁。", "Several members share the OS user {0} ({1}); set QIAOMEN_OPERATOR in each one's SSH key to say who.";
    RefActAs => "{0} 不能以 {1} 的名义操作：只有管理员可以用 --as。", "{0} may not act as {1}: only an admin may use --as.";
    RefRank => "{0} 是{1}，不能{2}。", "{0} is a {1}: {2} are not theirs to do.";
    RefOutside => "{0} 是 {1} 的网格管家；{2} 属于 {3}。", "{0} is a steward of {1}; {2} belongs to {3}.";
    RefNotCaller => "{0} 不是 {1} 的问候人。", "{0} is not a caller of {1}.";
    RankAdmin => "管理员", "admin";
    RankSecretary => "书记", "secretary";
    RankWorker => "社区工作者", "community worker";
    RankSteward => "网格管家", "steward";
    RankVolunteer => "志愿者", "volunteer";
    DoSettings => "更改成员、网格和设置", "members, grids and settings";
    DoRegister => "办理台账", "the register's records";
    DoCases => "办理案件和人员档案", "cases and people's records";
    DoCheckins => "登记问候", "check-ins";
    DoVisits => "登记走访", "visits";
    DoReports => "查看全社区的报表、导出和日志", "community-wide reports, exports and the log";
    ServeStopped => "数据库 {0} 的 qiaomen 服务已停止。", "The qiaomen server of the database at {0} has stopped.";
    ServeNotRunning => "数据库 {0} 没有在运行的 qiaomen 服务。", "No qiaomen server runs for the database at {0}.";
    ErrGeneric => "出错了：{0}", "Error: {0}";
    // Resident card (issue 13, point 2): the card, its form and their keys.
    KeyCard => "居民卡片", "resident card";
    KeyCardParty => "当事居民的卡片", "card of a party";
    KeyCardEdit => "编辑", "edit";
    KeyScroll => "滚动", "scroll";
    KeyCardClose => "关闭", "close";
    KeyCardBack => "取消", "cancel";
    // Text, widths and keys (issue 15, points 3–4).
    KeyBack => "收起详情", "close the detail";
    FormNewMark => "记一次问候：{0}（{1}）", "Record a check-in: {0} ({1})";
    MarkOutcomeLabel => "结果", "Outcome";
    MouseHint => "鼠标：点选行或标签，滚轮翻动", "Mouse: click a row or a tab, the wheel scrolls";
    KeySave => "保存", "save";
    HitLeft => "（已离开）", " (left)";
    KeyNextField => "换栏", "next field";
    KeyChoose => "选择", "choose";
    HelpForm => "表单", "Forms";
    KeyContactAdd => "添加联系人", "add contact";
    KeyContactRemove => "删除联系人", "remove";
    KeyContactMove => "上移/下移", "move up/down";
    HelpCard => "居民卡片", "Resident card";
    HelpCardEdit => "编辑居民（Tab/↑↓ 换栏，←→ 选择）", "Editing a resident (Tab/↑↓ moves, ←→ chooses)";
    CardTitle => " 居民卡片 · {0} ", " Resident card · {0} ";
    CardEditTitle => " 编辑 · {0} ", " Edit · {0} ";
    CardPick => " 哪一位当事居民？ ", " Which party? ";
    CardNoParty => "案件 {0} 没有登记当事居民。", "Case {0} names no resident.";
    CardSaved => "已保存 {0} 的档案。", "Saved {0}'s record.";
    CardNone => "无", "none";
    CardIdNumber => "身份证", "ID";
    CardGender => "性别", "Gender";
    CardBirth => "出生日期", "Born";
    CardHousehold => "── 户：{0}（{1}人）──", "── Household: {0} · members {1} ──";
    CardAgeBorn => "{0}岁（{1}）", "{0} y (born {1})";
    CardNoHousehold => "── 未登记户 ──", "── No household on record ──";
    CardHead => "户主", "head";
    CardPlan => "关爱计划", "Care plan";
    CardPlanState => "计划", "Plan";
    CardNoPlan => "不在每日问候名单", "not on the daily roll";
    CardPlanActive => "进行中", "active";
    CardPlanStopped => "已停止", "stopped";
    CardActive => "起止 {0} → {1}", "Active {0} → {1}";
    CardCheckIns => "近30天问候", "Check-ins, 30 days";
    CardCases => "案件", "Cases";
    CardFund => "帮扶", "Fund help";
    CardYuan => "{0} 元", "{0} yuan";
    CardContactName => "联系人{0} 姓名", "Contact {0} name";
    CardContactRelation => "联系人{0} 关系", "Contact {0} relation";
    CardContactPhone => "联系人{0} 电话", "Contact {0} phone";
    GenderFemale => "女", "female";
    GenderMale => "男", "male";
    GenderUnknown => "未填", "not given";
    // Spreadsheet export (issue 13, `export --format csv|xlsx --what …`).
    ExportBadWhat => "不认识的导出内容“{0}”；可选：{1}。", "Unknown --what \"{0}\"; choose one of {1}.";
    ExportBadFormat => "不认识的导出格式“{0}”；可选：jsonl、csv、xlsx。", "Unknown --format \"{0}\"; choose jsonl, csv or xlsx.";
    ExportNeedsWhat => "--format {0} 需要 --what 说明导出哪张表（{1}）。", "--format {0} needs --what to say which sheet ({1}).";
    ExportWhatNeedsFormat => "--what、--grid、--date、--mask 和 --encoding 只用于表格导出，请加上 --format csv 或 --format xlsx。", "--what, --grid, --date, --mask and --encoding are for spreadsheets; add --format csv or --format xlsx.";
    ExportAuditJsonl => "--with-audit 只用于 JSON Lines 导出（完整备份），不能用于表格。", "--with-audit belongs to the JSON Lines export (a full backup), not to a spreadsheet.";
    ExportEncodingCsv => "--encoding 只用于 CSV；XLSX 文件总是 UTF-8。", "--encoding is for CSV only; an XLSX file is always UTF-8.";
    ExportBinaryTerminal => "XLSX 是二进制文件，不能直接显示在终端上；请用 --out 文件名.xlsx 保存。", "XLSX is a binary file and cannot be shown on a terminal; save it with --out FILE.xlsx.";
    ExportGridFund => "--grid 不适用于帮扶基金：基金余额是全社区的。", "--grid does not apply to the fund: its balance is the whole community's.";
    ExportDateRoll => "--date 只用于 --what roll（哪一天的问候表）。", "--date applies only to --what roll (the day of the roll call).";
    ExportUnmappable => "第 {0} 行有 GBK 中没有的字符“{1}”；请改用默认的 UTF-8 编码导出（不加 --encoding）。", "Row {0} holds \"{1}\", which GBK cannot encode; export in UTF-8 (the default, without --encoding) instead.";
    ExportXlsxFailed => "无法写出 XLSX 文件：{0}", "The XLSX file could not be written: {0}";
    ExportSheetDone => "已导出 {0} 行到 {1}。", "Exported {0} rows to {1}.";
    SheetResidents => "居民花名册", "Residents";
    SheetHouseholds => "户", "Households";
    SheetElders => "独居老人", "Elders";
    SheetRoll => "问候表", "Roll call";
    SheetCases => "案件", "Cases";
    SheetFund => "帮扶基金", "Fund";
    SheetVisits => "走访", "Visits";
    SheetFemale => "女", "female";
    SheetMale => "男", "male";
    SheetHead => "户主", "head";
    SheetMember => "成员", "member";
    SheetPeople => "人数", "People";
    SheetFileStatus => "档案状态", "File status";
    SheetFileDate => "状态日期", "Status date";
    SheetCareLevel => "分类等级", "Care level";
    SheetCallers => "问候人", "Callers";
    SheetFrom => "开始日期", "From";
    SheetTo => "结束日期", "To";
    SheetLastDate => "最近联系日期", "Last contact date";
    SheetLastTime => "最近联系时间", "Last contact time";
    SheetOutcome => "结果", "Outcome";
    SheetMethod => "方式", "Method";
    SheetBy => "联系人", "By";
    SheetParties => "当事人", "Parties";
    SheetLastActivity => "最近进展", "Last activity";
    SheetClosed => "结案日期", "Closed";
    SheetSessions => "调解次数", "Sessions";
    SheetGender => "性别", "Gender";
    SheetBirth => "出生日期", "Birth date";
    SheetHouseholdNo => "户号", "Household no.";
    SheetEstate => "小区", "Estate";
    SheetBuilding => "楼栋", "Building";
    SheetUnit => "单元", "Unit";
    SheetRoom => "门牌号", "Room";
    SheetCategories => "人员类别", "Categories";
    SheetContacts => "紧急联系人", "Emergency contacts";
    SheetContactPhones => "紧急联系电话", "Their phones";
    // Roster import from spreadsheets (issue 13, point 3): src/sheet/{read,mapping,values,roster,plan,words}.rs
    SheetRowError => "第 {0} 行「{1}」：{2}（数据库未作任何改动）", "row {0}, column {1}: {2} (nothing was written)";
    ProbEmpty => "不能为空", "must not be empty";
    ProbBadDate => "不是能识别的日期（可写作 1952-03-04、1952/3/4、1952.3.4、1952年3月4日 或 19520304）", "is not a date (write it like 1952-03-04, 1952/3/4, 1952.3.4, 1952年3月4日 or 19520304)";
    ProbNoSuchDay => "日期不存在", "is not a real day";
    ProbMonthOnly => "只有年月没有日（填上日，或填身份证号）", "has a year and a month but no day (give the day, or the ID number)";
    ProbFuture => "出生日期晚于今天", "is after today";
    ProbBadGender => "应为 男 或 女", "must be 男 or 女 (male or female)";
    ProbBadCategory => "不认识的人员类别「{0}」（可用：独居老人、残疾人、困难家庭、留守儿童、特困供养）", "unknown category \"{0}\" (known: elder 独居老人, disabled 残疾人, in_difficulty 困难家庭, left_behind_child 留守儿童, special_support 特困供养)";
    ProbIdLength => "身份证号应为 18 位", "an ID number has 18 characters";
    ProbIdDigits => "身份证号的前 17 位应为数字", "the first 17 characters of an ID number must be digits";
    ProbIdCheck => "校验位不符", "the check digit does not match";
    ProbIdBirth => "身份证号中的出生日期不是真实的日子", "the birth date inside the ID number is not a real day";
    ProbBirthConflict => "与身份证号中的出生日期不一致", "differs from the birth date inside the ID number";
    ProbGenderConflict => "与身份证号表示的性别不一致", "differs from the gender the ID number gives";
    ProbUnknownGrid => "没有这个网格（填网格编号或名称）", "no such grid (give its code or its name)";
    ProbContactCount => "有 {0} 个紧急联系人、{1} 个电话，应按顺序一一对应", "{0} contacts but {1} phones: one phone for each, in the same order";
    ProbRepeated => "与第 {0} 行是同一个人", "is the same person as on row {0}";
    ProbLeft => "是已于 {1} 离开的{0}（{2}）：再次导入花名册不会把离开的人放回一户里；请删去这一行", "is {0}, who left on {1} ({2}): importing a roster again does not put someone who left back into a household; remove the row";
    ProbOtherGrid => "与户主（第 {0} 行）不在同一网格：一户人家在一个网格里", "is not the grid of the head of the household (row {0}): a household is in one grid";
    SheetEncoding => "文件不是有效的 {0} 编码文本（可用 --encoding utf-8|gbk|gb18030 指定编码）", "The file is not valid {0} text (name its encoding with --encoding utf-8|gbk|gb18030)";
    SheetBadEncoding => "不认识的编码「{0}」：可用 utf-8、gbk、gb18030", "Unknown encoding \"{0}\": use utf-8, gbk or gb18030";
    SheetOptionsOnSheets => "--encoding、--sheet、--header-row、--map 只用于 CSV 和 Excel 文件（.csv、.xlsx、.xls、.ods）", "--encoding, --sheet, --header-row and --map are for CSV and Excel files only (.csv, .xlsx, .xls, .ods)";
    SheetCsv => "第 {0} 行：CSV 格式有误（{1}）", "Row {0}: the CSV is malformed ({1})";
    SheetWorkbook => "无法读取表格文件：{0}", "Cannot read the workbook: {0}";
    SheetNoSuchSheet => "没有名为「{0}」的工作表；有：{1}", "No sheet is named \"{0}\"; the sheets are: {1}";
    SheetNoSheet => "表格文件里没有工作表", "The workbook has no sheet";
    MapNoHeader => "前 {0} 行中找不到表头（至少两列要认得出，如 姓名、身份证号）；可用 --header-row N 指定", "No header row in the first {0} rows (at least two known columns, such as 姓名 and 身份证号); name it with --header-row N";
    MapNoSuchRow => "第 {0} 行不存在或是空行，不能作表头", "Row {0} does not exist or is blank: it cannot be the header";
    MapBad => "--map 写作 列名=字段，字段为：{1}；「{0}」不是", "--map takes COLUMN=FIELD with FIELD one of: {1}; \"{0}\" is not that";
    MapNoSuchColumn => "表头中没有「{0}」这一列（--map）", "The header has no column \"{0}\" (--map)";
    MapTwice => "「{1}」和「{2}」两列都是 {0}：用 --map 列名=字段 指定其中一列", "Both \"{1}\" and \"{2}\" are {0}: choose one with --map COLUMN=FIELD";
    MapNoName => "表头中没有姓名一列（可用 --map 列名=name 指定）", "The header has no name column (name it with --map COLUMN=name)";
    SheetReadCsv => "读取 {0}（CSV，{1} 编码），表头在第 {2} 行", "Read {0} (CSV, {1}), header on row {2}";
    SheetReadBook => "读取 {0}（工作表「{1}」），表头在第 {2} 行", "Read {0} (sheet \"{1}\"), header on row {2}";
    SheetColumns => "列的对应：", "Columns:";
    SheetNotMapped => "（未对应，不导入）", "(not mapped, not imported)";
    SheetUnmappedNote => "未对应的列，没有导入：{0}", "Columns not mapped, not imported: {0}";
    SheetPreview => "前 {0} 行，按将要保存的样子：", "The first {0} rows as they will be stored:";
    SheetRowLabel => "第 {0} 行", "row {0}";
    DryRunContacts => "紧急联系人 {0}", "contacts {0}";
    ActAdd => "新增", "add";
    ActUpdate => "更新", "update";
    ActUnchanged => "不变", "unchanged";
    SheetCounts => "居民：新增 {0}，更新 {1}，不变 {2}；户：新增 {3}，更新 {4}，不变 {5}", "Residents: {0} added, {1} updated, {2} unchanged; households: {3} added, {4} updated, {5} unchanged";
    SheetDryRun => "检查通过，未写入（--dry-run）。", "Checked, nothing written (--dry-run).";
    SheetDone => "已导入 {0} 行。", "Imported {0} rows.";
    // People (issue 13): members, grids, residents, households, care plans, emergency contacts.
    PplMemberSaved => "已保存成员 #{0} {1}。", "Saved member #{0} {1}.";
    PplMemberDeactivated => "成员 #{0} {1} 已停用，不能再登录；其历史记录保留。", "Member #{0} {1} is deactivated and can no longer log in; their history stays.";
    PplNoMembers => "没有成员。", "No members.";
    PplInactive => "已停用", "inactive";
    PplColRoles => "角色", "Roles";
    PplColLogin => "登录名", "Login";
    PplGridSaved => "已保存网格 {0} {1}。", "Saved grid {0} {1}.";
    PplNoGrids => "还没有网格；用 `qiaomen grid add G1 第一网格` 添加。", "No grids yet; add one with `qiaomen grid add G1 \"Grid 1\"`.";
    PplColDescription => "说明", "Description";
    PplResidentSaved => "已保存居民 #{0} {1}。", "Saved resident #{0} {1}.";
    PplNoResidents => "没有符合条件的居民。", "No residents match.";
    PplMoved => "{0} 已迁移：{1}（{2}）。", "{0} moved: {1} ({2}).";
    PplNoHousehold => "无所属户", "no household";
    PplLeft => "{0} 自 {1} 起离开（{2}）：当天起不再列入问候名单，历史记录保留。", "{0} left on {1} ({2}): off the roll call from that day; their history stays.";
    PplLeaveMoved => "迁出", "moved out";
    PplLeaveDied => "去世", "died";
    PplLeaveOther => "其他原因", "other reason";
    PplFemale => "女", "female";
    PplMale => "男", "male";
    PplGenderUnknown => "未知", "unknown";
    PplColGender => "性别", "Gender";
    PplColCategories => "类别", "Categories";
    PplColCare => "问候", "Care level";
    PplColLeft => "离开", "Left";
    PplHouseholdSaved => "已保存户 #{0} {1}：{2} 人，户主 {3}。", "Saved household #{0} {1}: {2} people, head {3}.";
    PplNobody => "无", "nobody";
    PplCareSaved => "{0} 的关爱计划：{1}；问候人：{2}；幸福门铃：{3}；{4}。", "Care plan of {0}: level {1}; callers: {2}; doorbell: {3}; {4}.";
    PplCareFrom => "自 {0} 起每日问候", "greeted daily from {0}";
    PplCareUntil => "自 {0} 起每日问候，到 {1} 为止", "greeted daily from {0} until {1}";
    PplCareEnded => "已于 {0} 停止问候", "greetings stopped after {0}";
    PplContactsOf => "{0} 的紧急联系人（按拨打顺序）：", "Emergency contacts of {0}, in the order they are called:";
    PplRelation => "（{0}）", " ({0})";
    PplKeyNewMember => "新增成员", "new member";
    PplKeyNewGrid => "新增网格", "new grid";
    PplFormMember => "新增成员", "New member";
    PplFormGrid => "新增网格", "New grid";
    PplRoleLabel => "角色", "Role";
    PplCodeLabel => "编码", "Code";
    PplNoGrid => "（不属于网格）", "(no grid)";
    // Command-line conventions (issue 13): progress on standard error, need tags.
    ProgressLeft => "剩余", "left";
    ProgressLines => "行", "lines";
    ProgressRecords => "条", "records";
    ProgressPass => "正在导入 {0}，第 {1} 遍", "Importing {0}, pass {1}";
    ProgressImport => "正在导入 {0}（{1}）", "Importing {0} ({1})";
    ProgressExport => "正在导出", "Exporting";
    ProgressGenerate => "正在生成", "Generating";
    ProgressExported => "已导出", "Exported";
    ManNoCommand => "{0} 没有名为 {1} 的命令；见 `{0} --help`。", "{0} has no command called {1}; see `{0} --help`.";
    ManNoColor => "设为非空值时，命令行和界面都不使用颜色（https://no-color.org）；状态仍由符号 ✓ ! ? · 表示。", "When set and not empty, no colour in the command line or the UI (https://no-color.org); the marks ✓ ! ? · still show each status.";
    ProgressGenerated => "已生成", "Generated";
    ProgressRepair => "正在修复数据库", "Repairing the database";
    ProgressRestore => "正在从备份重建数据库", "Rebuilding the database from the backup";
    // Households and a resident leaving, in the TUI (issue 13, TUI forms)
    HhKeyNew => "新增户", "new household";
    HhKeyEdit => "编辑户", "edit household";
    HhKeyLeave => "登记离开", "leaves";
    HhFormNew => "新增户", "New household";
    HhFormEdit => "编辑户 #{0}", "Edit household #{0}";
    HhBuilding => "楼栋", "Building";
    HhUnit => "单元", "Unit";
    HhRoom => "门牌号", "Room";
    HhText => "小区/地址", "Compound/address";
    HhMembers => "成员（、分隔）", "Members (comma)";
    HhHead => "户主", "Head";
    HhNoGrid => "还没有网格：先在网格页按 n 新建一个。", "There is no grid yet: press n on the grids pane to make one.";
    HhFormLeave => "{0} 离开", "{0} leaves";
    HhCardLeft => "已于 {0} 离开（{1}）", "Left on {0} ({1})";
    HhAlreadyLeft => "{0} 已于 {1} 离开，无需再登记。", "{0} already left on {1}; there is nothing to record.";
    HhCatYes => "是", "yes";
    HhCatNo => "否", "no";
    // The escalation ladder (issue 14 point 1).
    LadderCall => "第 {0}/{1} 次电话", "call {0} of {1}";
    LadderContact => "联系人 {0} {1}（{2}）{3}", "contact {0} {1} ({2}) {3}";
    LadderKnock => "上门敲门", "knock on the door";
    LadderShortCall => "电话{0}/{1}", "call {0}/{1}";
    LadderShortContact => "联系人{0}", "contact {0}";
    LadderShortKnock => "敲门", "knock";
    LadderCaseOpened => "已立案 {0}", "case {0} opened";
    LadderCaseDue => "待立案", "case to open";
    LadderBy => "{0} 前", "by {0}";
    LadderOverdue => "已逾期", "overdue";
    LadderNobody => "无人负责", "nobody assigned";
    // A name the first frame did not bring, while the rest is read behind the screen.
    StillReading => "读取中…", "reading…";
    Product => "敲门 qiaomen", "qiaomen 敲门";
    Opening => "正在打开数据库 {0}…", "Opening the database at {0}…";
    LadderStepLabel => "阶梯", "Ladder";
    LadderRollLine => "  {0}：{1}", "  {0}: {1}";
    LadderHeading => "升级处置阶梯", "Escalation ladder";
    LadderLevelLine => "{0} 级：电话 {1} 次，每 {2} 分钟；联系人每人 {2} 分钟；上门敲门 {3} 分钟内；然后立案",
        "level {0}: {1} calls, every {2} min; {2} min per contact; a knock within {3} min; then a case";
    LadderCutoffLine => "期限自截止时间 {0} 起算。", "Deadlines count from the cutoff {0}.";
    LadderSaved => "已保存 {0} 级阶梯：{1}", "Saved the level {0} ladder: {1}";
    LadderNeedsLevel => "--level 须为 1、2 或 3。", "--level must be 1, 2 or 3.";
    LadderNothingToSet => "请至少给出 --retries、--every 或 --knock-within 之一。", "Give at least one of --retries, --every, --knock-within.";
    LadderCaseTitle => "{0}（{1}）多次联系不上，请社工处置", "{0} ({1}) cannot be reached: for the community worker";
    LadderCaseNote => "升级处置阶梯记录（{0}）：", "Escalation ladder so far ({0}):";
    LadderCaseNoteLine => "{0} {1} {2} {3}", "{0} {1} {2} {3}";
    LadderStepCase => "该步已立案 {0}", "this step opened case {0}";
    LadderNotOn => "{0} 今天不在处置阶梯上（已联系上、外出或未到截止时间）。", "{0} is not on the ladder today (reached, away, or before the cutoff).";
    LadderChoiceTitle => "{0}：{1}", "{0}: {1}";
    LadderOutContactOk => "联系人联系上，确认老人今天平安", "contact reached, confirms the elder is fine today";
    LadderOutContactNo => "联系人未联系上（或无法确认）", "contact not reached (or cannot confirm)";
    LadderOutVisitOk => "上门见到老人，平安", "visited, the elder is fine";
    LadderOutVisitNo => "上门无人应答 → 升级", "visited, no answer → escalate";
    LadderKeyStep => "阶梯", "ladder";
    LadderSummaryTitle => "按处置阶梯（未联系的老人）", "Elders not reached, by ladder step";
    LadderSummaryNone => "没有处在处置阶梯上的老人。", "No elder is on the ladder.";
    LadderContactNeedsMethod => "--contact 只能与 --method contact 同用（或不写 --method）。", "--contact goes with --method contact (or no --method).";
    // Dates that cannot be wrong by accident, and the period figures (issue 14, `figures`).
    ErrRecordFutureDay => "{0}还没到，要在事情发生之后再记（今天是 {1}）。", "{0} has not come yet: record it once it has happened (today is {1}).";
    ErrMarkFutureDay => "{0}还没到，不能记录那天的问候（今天是 {1}）。", "{0} has not come yet: a check-in cannot be recorded on it (today is {1}).";
    ErrMarkLaterToday => "现在才 {1}，不能记录 {0} 的问候。", "It is only {1}: a check-in at {0} cannot be recorded yet.";
    ErrFollowUpPast => "跟进日期 {0}已经过去（今天是 {1}），请填今天或以后的日期。", "The follow-up date {0} is already past (today is {1}); give today or a later day.";
    DayToday => "今天", "today";
    DayYesterday => "昨天", "yesterday";
    DayBeforeYesterday => "前天", "the day before yesterday";
    DaysAgo => "{0} 天前", "{0} days ago";
    DayTomorrow => "明天", "tomorrow";
    DaysAhead => "{0} 天后", "in {0} days";
    DayWithWords => "{0}（{1}）", "{0} ({1})";
    BackfillHeader => "正在补记 {0}，不是今天", "Back-filling {0}, not today";
    NoFutureDay => "{0}还没到：问候名单只到今天。", "{0} has not come yet: the roll call goes up to today.";
    BackfillTitle => "补记 {0}", "Back-fill {0}";
    BackfillAsk => "把 {0} 记为「{1}」（{2}），日期是 {3}，不是今天。", "Record {0} as {1} ({2}) on {3}, not today.";
    BackfillTime => "当时的时间（时:分）", "Time it happened (HH:MM)";
    BackfillLast => "那天最后一条记录在 {0}，新记录要晚于它。", "That day's last entry is at {0}; the new one goes after it.";
    BackfillNone => "那天还没有记录。", "Nothing is recorded on that day yet.";
    BackfillKeys => "Enter 确认保存 · Esc 取消", "Enter saves · Esc cancels";
    BackfillTooEarly => "时间要晚于那天最后一条记录（{0}），否则它不是当天的最新状态。", "The time must be after that day's last entry ({0}), or it would not be the day's latest.";
    BackfillAwayTime => "外出记在 {0}", "Away recorded at {0}";
    SpanDay => "当日", "Day";
    SpanMonth => "本月", "Month";
    SpanQuarter => "本季度", "Quarter";
    SpanYear => "本年", "Year";
    KeySpan => "统计区间", "period";
    SpanNow => "累计数据：{0}", "Running totals: {0}";
    FiguresTitle => "{0}累计 {1} 至 {2}", "{0} to date: {1} to {2}";
    FiguresWork => "每天都问候到 {0}/{1} 人 · 走访 {2} 户 · 调解纠纷和信访 {3} 起 · 解决问题 {4} 件", "Greeted every due day {0}/{1} · visited {2} homes · mediated {3} · resolved {4}";
    FiguresMeetings => "联席会议 {0} 次 · 协商议事 {1} 场 · 建档 {2} 户 · 应走访 {3} 次，按时 {4} 次", "Meetings {0} · consultations {1} · files {2} · visits due {3}, on time {4}";
    FiguresPartners => "共建协议 {0} 家：{1}", "Partners with an agreement {0}: {1}";
    FiguresNoPartners => "共建协议 0 家", "Partners with an agreement 0";
    FiguresKind => "{0} {1}", "{0} {1}";
    FiguresListSep => "、", ", ";
    BackfillUseMarkKeys => "正在补记 {0}：请用 o u n h a v 逐条补记，会询问当时的时间。", "Back-filling {0}: record each mark with o u n h a v, which ask for the time.";
    FiguresFund => "帮扶基金 收 {0} · 支 {1} · 余 {2} 元", "Fund in {0} · out {1} · balance {2} yuan";
    // Visit cadence, campaigns and doorbell presses (issue 14 points 2 and 3).
    DueHeading => "{0} {1} · 待走访 {2} 户，其中逾期 {3} 户（本周截至 {4}）", "{0} {1} · {2} households to visit, {3} overdue (this week ends {4})";
    DueNone => "本周没有需要走访的户。", "No household is due a visit this week.";
    DueSteward => "网格管家 {0}", "Steward {0}";
    DueNoSteward => "无网格管家", "No steward";
    DueNever => "从未走访", "never visited";
    DueOverdue => "逾期 {0}", "overdue {0}";
    DueThisWeek => "本周 {0}", "due {0}";
    ColTier => "风险等级", "Tier";
    ColLastVisit => "上次走访", "Last visit";
    ColVisitDue => "应走访", "Due";
    ColCampaign => "走访活动", "Campaign";
    ColFrom => "开始", "From";
    ColTo => "结束", "To";
    TierHigh => "高风险", "high risk";
    TierKey => "重点", "key";
    TierGeneral => "一般", "general";
    TierAll => "全部等级", "all tiers";
    NoCampaigns => "没有走访活动。", "No visit campaigns.";
    CampaignSaved => "已添加走访活动 #{0}「{1}」：{2} 至 {3}，{4}", "Added visit campaign #{0} \"{1}\": {2} to {3}, {4}";
    CadenceShow => "走访频次：高风险每 {0} 天，重点每 {1} 天，一般每 {2} 天", "Visit cadence: high risk every {0} days, key every {1} days, general every {2} days";
    DoorbellSaved => "已记录门铃 {0} 次（重复 {1} 次未计）", "Recorded {0} doorbell presses ({1} duplicates not counted)";
    DoorbellNone => "没有门铃记录。", "No doorbell presses.";
    DoorbellTooLong => "标准输入超过 {0} MiB，请分批发送", "standard input is longer than {0} MiB; send it in several batches";
    DoorbellDevice => "有（设备 {0}）", "yes (device {0})";
    ViewDue => "待走访", "Visits due";
    CountDue => "{0} 户待走访，逾期 {1} 户", "{0} due, {1} overdue";
    DueStewardCol => "网格管家", "Steward";
    DueHint => "Enter 打开此户 · w 记录走访", "Enter opens the household · w records a visit";

    // Issue 16 points 1–2 (teams, services, care for every kind): domain words first.
    // Their columns, lists and messages.
    ColTeam => "志愿队", "Team";
    ColLeader => "队长", "Leader";
    ColMembers => "队员", "Members";
    ColWhom => "服务对象", "For";
    ColProvider => "服务方", "By";
    ColMinutes => "分钟", "Minutes";
    ColService => "服务", "Service";
    ColEvery => "频次", "Every";
    ColLastContact => "上次", "Last";
    ColDueOn => "应在", "Due";
    ColCarers => "结对人", "Carers";
    ColPairing => "结对", "Pairing";
    ColFamily => "家庭情况", "Family";
    ColDifficulties => "困难", "Difficulties";
    ColHelpWanted => "诉求", "Help wanted";
    ColEnded => "结束", "Ended";
    NoTeams => "没有志愿队。", "No volunteer teams.";
    NoServices => "没有服务记录。", "No services recorded.";
    NoServicePlans => "没有服务计划。", "No service plans.";
    NoSupports => "没有帮扶记录。", "No support records.";
    NoServicesDue => "本周没有到期的服务。", "No services due this week.";
    NoContactsDue => "本周没有需要联系的帮扶对象。", "No one in care is due a contact this week.";
    TeamSaved => "已保存志愿队 #{0}「{1}」（{2} 名队员）", "Saved team #{0} \"{1}\" ({2} members)";
    ServiceSaved => "已记录服务 #{0}：{1}，{2}，{3} 分钟", "Recorded service #{0}: {1}, {2}, {3} minutes";
    PlanSaved => "已添加服务计划 #{0}：{1}，{2}", "Added service plan #{0}: {1}, {2}";
    PlanEnded => "服务计划 #{0} 于 {1} 结束", "Service plan #{0} ends on {1}";
    SupportSaved => "已添加帮扶记录 #{0}：{1}（{2}），{3}", "Added support record #{0}: {1} ({2}), {3}";
    SupportEnded => "帮扶记录 #{0} 于 {1} 结束", "Support record #{0} ends on {1}";
    EveryDays => "每 {0} 天", "every {0} days";
    EveryWeek => "每周", "weekly";
    EveryDay => "每天", "daily";
    EveryMonth => "每月", "monthly";
    CareOverdue => "逾期", "overdue";
    CareNever => "从未", "never";
    ServicesDueHead => "{0} 至 {1}：应服务 {2} 项，逾期 {3} 项", "{0} to {1}: {2} services due, {3} overdue";
    ContactsDueHead => "{0} 至 {1}：应联系 {2} 个帮扶对象，逾期 {3} 个", "{0} to {1}: {2} in care due a contact, {3} overdue";
    ContactsNote => "走访其住户或为其（或其住户）服务都算一次联系。", "A visit to their household or a service to them (or their household) counts as a contact.";
    ServicesReceived => "接受的服务", "Services received";
    HoursLine => "{0} 小时", "{0} h";
    ErrTeamNameTaken => "已有名为「{0}」的志愿队。", "There is already a team named \"{0}\".";
    ErrLeaderNotMember => "队长必须是队员之一。", "The leader must be one of the team's members.";
    ErrTooManyPeople => "人数 {0} 超过上限 {1}。", "{0} people is more than the limit of {1}.";
    ErrTooManyMinutes => "服务时长 {0} 分钟超过一天（最多 {1} 分钟）。", "A service of {0} minutes is longer than a day (at most {1}).";
    ErrHelperNotInTeam => "参与人不是「{0}」的队员。", "A helper is not a member of the team \"{0}\".";
    ErrEveryDays => "频次 {0} 天不在 1 到 {1} 天之间。", "Every {0} days is not between 1 and {1} days.";
    ErrOnTheRoll => "{0} 在每日问候名单上，由每日问候照顾，不另建帮扶记录。", "{0} is on the daily roll call and cared for there; a support record is for people who are not.";
    ErrHasSupport => "{0} 有帮扶记录 #{1}，不列入独居老人每日问候名单；请先结束那条记录（qiaomen care end {1}）。", "{0} has support record #{1} and is not put on the elders' daily roll call; end that record first (qiaomen care end {1}).";
    ErrElderHasCarePlan => "独居老人由关爱计划和每日问候照顾，请用 qiaomen care set。", "An elder living alone is cared for by the care plan and the daily roll call: use qiaomen care set.";
    ErrNoCarer => "帮扶记录至少要有一名结对人（--carer）。", "A support record needs at least one carer (--carer).";
    ErrAlreadySupported => "已有同类帮扶记录 #{0} 尚未结束。", "Support record #{0} of this kind is still active.";
    ErrAlreadyEnded => "已于 {0} 结束。", "It already ended on {0}.";
    ErrEndsBeforeStart => "结束日期 {1} 早于开始日期 {0}。", "The end, {1}, is before the start, {0}.";
    ErrLeftCommunity => "{0} 已离开社区，不能再记录。", "{0} has left the community; nothing more is recorded for them.";
    ErrEveryArg => "频次应为 week、month 或天数（如 14）。", "Every is week, month or a number of days (such as 14).";
    ErrProviderArg => "服务方「{0}」有歧义或不存在；可写 team:名称、member:名称 或 partner:名称。", "The provider \"{0}\" is unknown or ambiguous; write team:NAME, member:NAME or partner:NAME.";
    ViewTeams => "志愿队", "Teams";
    ViewServices => "服务", "Services";
    ViewCareDue => "待帮扶", "Care due";
    CountTeams => "{0} 支", "{0} teams";
    CountServices => "{0} 次", "{0} services";
    CountCareDue => "{0} 项，逾期 {1}", "{0} due, {1} overdue";
    MinutesShort => "{0} 分钟", "{0} min";
    ColWhat => "事项", "What";
    FiguresCare => "服务 {0} 次 · {1} 小时 · 出力的志愿队 {2} 支 · 在帮扶 {3} 个", "Services {0} · {1} h · teams at work {2} · in support {3}";
    CareHint => "b 记录服务 · Enter 展开", "b records a service · Enter expands";
    KeyRegService => "记录服务", "record a service";
    ServiceNeedsWhom => "请先选中一户（困难户）或一条服务、待帮扶记录。", "Select a household, a service or a line of care due first.";
    FormService => "为 {0} 记录服务", "Service for {0}";
    LabelProvider => "服务方", "By";
    LabelMinutes => "时长（分钟）", "Minutes";
    LabelHelpers => "参与人（逗号分隔）", "Helpers (comma-separated)";
    ServiceRecorded => "已记录服务 #{0}", "Recorded service #{0}";
    ErrPersonArg => "「{0}」有歧义或不存在；可写 member:名称 或 resident:名称。", "\"{0}\" is unknown or ambiguous; write member:NAME or resident:NAME.";
    // Issue 16, helper `cases`: case levels and hand-overs, organisations, petitions.
    CaseLevelAll => "全部层级", "all levels";
    EvEscalated => "由{0}上交{1}：{2}", "Handed over from {0} to {1}: {2}";
    EvReturned => "由{0}交回{1}：{2}", "Handed back from {0} to {1}: {2}";
    EvContact => "联系（{0}，{1}，{2}）：{3}", "Contact ({0}, {1}, {2}): {3}";
    EvStatement => "信访人表态（{0}）：{1}", "Petitioner's statement ({0}): {1}";
    EvPaired => "结对帮扶：{0}", "Paired steward: {0}";
    EvUnpaired => "结对帮扶结束", "Pairing ended";
    EvSince => "信访始于 {0}", "Petitioning since {0}";
    EvPartyAdded => "新增当事人：{0}", "Party added: {0}";
    EvPartyRemoved => "移除当事人：{0}", "Party removed: {0}";
    CaseLevelLabel => "层级", "Level";
    CasePaired => "结对帮扶", "Paired steward";
    CaseContacts => "联系记录 {0} 次", "Contacts: {0}";
    CaseStatement => "信访人表态", "Petitioner's statement";
    CaseNoStatement => "尚未记录", "not recorded";
    CaseYears => "信访已 {0} 年", "Petition running {0} years";
    CaseYearsUnderOne => "信访不满 1 年", "Petition running under a year";
    CaseOrgs => "当事单位", "Organisations";
    OrgWithKind => "{0}（{1}）", "{0} ({1})";
    CaseHandedOver => "案件 {0} 已上交{1}", "Case {0} handed over to the {1}";
    CaseHandedBack => "案件 {0} 已交回{1}", "Case {0} handed back to the {1}";
    ErrSettleNeedsStatement => "信访案件 {0} 尚未记录信访人的表态及日期，不能以“案结事了”结案（先用 case statement 记录）。", "Petition {0} cannot close as settled before the petitioner's statement is recorded with its date (case statement).";
    ErrNotHigher => "案件 {0} 已在{1}层级，不能上交到{2}。", "Case {0} is already held at {1} level and cannot be handed over to {2}.";
    ErrAtGridLevel => "案件 {0} 在网格层级，没有可以交回的下一级。", "Case {0} is held by its grid: there is no level below to return it to.";
    ErrCaseClosed => "案件 {0} 已结案，请先重新打开。", "Case {0} is closed; reopen it first.";
    ErrNotAPetition => "案件 {0} 不是信访案件：结对帮扶、信访人表态和信访起始日期只用于信访。", "Case {0} is not a petition: a paired steward, the petitioner's statement and the petition's start are for petitions only.";
    ErrUseEscalate => "案件 {0} 不能手动改为“已上报”：请用 case escalate 上交社区或街道。", "Case {0} cannot be set to escalated by hand: hand it over with case escalate.";
    ErrPartyTwice => "{1} 已是案件 {0} 的当事人。", "{1} is already a party to case {0}.";
    ErrPartyMissing => "{1} 不是案件 {0} 的当事人。", "{1} is not a party to case {0}.";
    DoHandover => "把案件上交街道或交回下一级", "hand-overs to the subdistrict or back down";
    ErrBeforeOpening => "日期 {1} 早于案件 {0} 的立案日期 {2}。", "The date {1} is before case {0} was opened ({2}).";
    ErrSinceAfterOpening => "信访起始日期 {1} 晚于案件 {0} 的立案日期 {2}：它是立案之前开始信访的日子。", "The petition's start {1} is after case {0} was opened ({2}): it is when petitioning began, before.";
    ErrNeedsReason => "移交案件 {0} 需要写明理由。", "Handing case {0} over needs a reason.";
    ErrNeedsNote => "案件 {0} 的联系记录需要写明谈了什么。", "A contact on case {0} needs what was said.";
    ErrNeedsStatementText => "案件 {0} 的信访人表态需要写明内容。", "The petitioner's statement on case {0} needs its text.";
    ErrOrgNameTaken => "已有名为「{0}」的单位（#{1}）。", "There is already an organisation named \"{0}\" (#{1}).";
    ErrAlreadyAttends => "{1} 已在会议 #{0} 的参会名单里。", "{1} already attends meeting #{0}.";
    OrgSaved => "已保存单位 #{0}「{1}」", "Saved organisation #{0} \"{1}\"";
    NoOrgs => "还没有登记单位。", "No organisations yet.";
    OrgCasesHead => "作为当事人的案件：", "Cases it is a party to:";
    OrgNoCases => "没有作为当事人的案件。", "It is a party to no case.";
    OrgContactsLabel => "联系人", "Contacts";
    AttendSaved => "已添加参会方「{1}」到会议 #{0}", "Added \"{1}\" to meeting #{0}";
    KeyLevelFilter => "按层级筛选", "filter by level";
    KeyHandOver => "上交或交回", "hand over or back";
    FormHandOver => "案件 {0}：移交（现在由{1}办理）", "Case {0}: hand over (held by the {1} now)";
    HandOverLabel => "移交到", "Hand over to";
    HandBackTo => "交回{0}", "back to the {0}";
    // Partners' activities, goods and agreement duties (issue 16 point 3).
    ActivitySaved => "已记录活动 #{0}：{1} {2}（{3}）", "Recorded activity #{0}: {1} {2} ({3})";
    NoActivities => "没有共建活动。", "No partners' activities.";
    ActivitiesTotal => "共 {0} 场活动，惠及 {1} 人次", "{0} activities, reaching {1} people";
    GoodsSaved => "已记录物资 #{0}：{1} {2} {3}{4}，价值 {5} 元（不计入帮扶基金）", "Recorded goods #{0}: {1} {2} x{3}{4}, worth {5} yuan (not in the fund)";
    NoGoods => "没有物资记录。", "No goods recorded.";
    GoodsTotal => "物资 {0} 批，价值 {1} 元（不计入帮扶基金余额）", "Goods: {0}, worth {1} yuan (not in the fund's balance)";
    GoodsToCommunity => "社区", "the community";
    GoodsLine => "{0} {1} {2}{3}，价值 {4} 元", "{0} {1} x{2}{3}, worth {4} yuan";
    DutySaved => "已添加协议责任 #{0}：{1}（{2}）", "Added agreement duty #{0}: {1} ({2})";
    DutyDoneSaved => "已记录责任 #{0} 于 {1} 完成", "Duty #{0} recorded as done on {1}";
    DutyNext => "；下次{0}", "; next {0}";
    NoDuties => "没有协议责任。", "No agreement duties.";
    DutyOverdue => "逾期（应于 {0}）", "overdue (due {0})";
    DutyDueOn => "应于 {0}", "due {0}";
    DutyDoneOn => "已于 {0} 完成", "done on {0}";
    DutyNoDay => "未定日期", "no day set";
    DutyEvery => "每{0}", "every {0}";
    DutyOnce => "一次性", "once";
    DutiesHead => "协议责任", "Agreement duties";
    ActivitiesHead => "共建活动", "Activities";
    GoodsHead => "物资", "Goods";
    ColPeople => "人次", "People";
    ColGoods => "物资", "Goods";
    ColQuantity => "数量", "Qty";
    ColValue => "价值（元）", "Value";
    ColSide => "责任方", "Side";
    ColDuty => "责任", "Duty";
    ColRhythm => "频次", "How often";
    ColState => "状态", "State";
    ErrNoQuantity => "物资数量须大于 0", "goods need a quantity above 0";
    ErrNegativeValue => "物资价值不能小于 0", "the value of goods cannot be below 0";
    ErrActivityTooManyPeople => "人次最多 {0}", "at most {0} people";
    ErrTooManyQuantity => "数量最多 {0}", "a quantity of at most {0}";
    ErrNoFirstDue => "定期责任需要首次到期日（--due）", "a recurring duty needs the day it is first due (--due)";
    ErrAlreadyDone => "这项一次性责任已于 {0} 完成", "this one-off duty was already done on {0}";
    ErrDoneThatDay => "这项责任已记录 {0} 完成", "this duty is already recorded as done on {0}";
    ErrNoWhat => "请写明是什么（物资或责任的内容）", "say what it is (the goods or the duty)";
    ErrPeopleNotACount => "人次要填整数", "people reached is a whole number";
    ErrQuantityNotACount => "数量要填整数", "the quantity is a whole number";
    ErrNotOneOf => "「{0}」不是可选的{1}，可选：{2}", "\"{0}\" is not a {1}; one of: {2}";
    WordActivityKind => "活动类型", "kind of activity";
    WordDutySide => "责任方", "side";
    ViewActivities => "共建活动", "Activities";
    CountActivities => "{0} 场 · {1} 人次", "{0} · {1} people";
    KeyRegActivity => "记录共建单位的活动", "record a partner's activity";
    FormActivityTitle => "记录共建活动", "Record an activity";
    FieldActKind => "类型", "Kind";
    FieldActDate => "日期", "Date";
    FieldActPeople => "人次", "People";
    FieldActNote => "内容", "Note";
    FieldActPartner => "共建单位", "Partner";
    // Issue 15 point 5 (helper `panes`): facts that were hidden, shown.
    RollCutoffLeft => "截止 {0} · 还剩 {1}", "cutoff {0} · {1} left";
    RollCutoffPassed => "截止 {0} · 已过截止", "cutoff {0} · passed";
    RollCutoffAt => "截止 {0}", "cutoff {0}";
    LeftMinutes => "{0} 分", "{0} min";
    LeftHours => "{0} 小时 {1} 分", "{0} h {1} min";
    KeySummaryText => "日报原文", "report text";
    ViewMeetings => "会议", "Meetings";
    ViewVisits => "走访", "Visits";
    CountMeetings => "{0} 次 · 未办结决定 {1}（逾期 {2}）", "{0} · {1} decisions open ({2} overdue)";
    CountVisits => "{0} 次", "{0} visits";
    SummaryTextTitle => "日报原文（y 复制、w 写入的正是这些）", "Report text (what y copies and w writes)";
    // Issue 15 point 1: errors worded from the domain's typed reasons (src/error_words.rs).
    ErrMove => "不能从“{0}”改为“{1}”：{2}", "Cannot go from {0} to {1}: {2}";
    ErrMoveNeedsReason => "改为“{1}”需要填写原因（当前为“{0}”）", "Moving to {1} needs a reason (now {0})";
    ErrImportLine => "第 {0} 行：{1}（数据库未作任何改动）", "Line {0}: {1} (nothing was written)";
    ErrCorruptKind => "存储的{0}记录已损坏，请从备份恢复。", "A stored {0} record is damaged; restore it from a backup.";
    FdAmount => "金额（元）", "amount (yuan)";
    FdPeriodDays => "公示天数", "notice period (days)";
    FdGrid => "网格", "grid";
    FdResident => "居民", "resident";
    FdBirth => "出生日期", "date of birth";
    FdBy => "服务方", "provider";
    FdMinutes => "分钟数", "minutes";
    FdPartner => "共建单位", "partner";
    FdDate => "日期", "date";
    FdTime => "时间", "time";
    FdUtcOffset => "时区", "time zone";
    FdNeed => "需求标签", "need tag";
    FdCode => "代码", "code";
    FdNote => "备注", "note";
    FdFollowUp => "跟进", "follow-up";
    FdElder => "老人", "elder";
    FdContact => "紧急联系人", "emergency contact";
    FdSeq => "问候次数", "attempt";
    FdCheckin => "问候记录", "check-in";
    FdCase => "案件", "case";
    FdQuery => "查询", "query";
    FdAt => "时间", "time";
    FdIdNumber => "身份证号", "ID number";
    FdPeriod => "时段", "period";
    FdHouseholds => "公示户", "households";
    FdHousehold => "户", "household";
    FdText => "内容", "text";
    FdDecisionText => "决议内容", "decision text";
    FdDecisionDue => "决议期限", "decision due date";
    FdDecisionDone => "决议完成日期", "decision done date";
    FdDecision => "决议", "decision";
    FdTo => "结束日期", "end date";
    FdFrom => "开始日期", "start date";
    FdAttendees => "参会人", "attendees";
    FdName => "姓名/名称", "name";
    FdId => "编号", "id";
    FdPledge => "认领", "pledge";
    FdReference => "凭证号", "reference";
    FdNotice => "公示", "notice";
    FdValue => "价值（元）", "value (yuan)";
    FdDone => "完成情况", "done";
    FdRecords => "记录", "records";
    FdRetries => "尝试次数", "tries";
    FdRoles => "角色", "roles";
    FdAddress => "地址", "address";
    FdFile => "档案", "file";
    FdContactPhone => "紧急联系人电话", "emergency contact's phone";
    FdContactName => "紧急联系人姓名", "emergency contact's name";
    FdCareLevel => "关爱等级", "care level";
    FdCareTo => "关爱结束日期", "end of care";
    FdUntil => "截止日期", "until";
    FdParticipants => "参加人", "participants";
    FdEvents => "经过", "events";
    FdAwayUntil => "外出至", "away until";
    FdDevice => "门铃设备号", "doorbell device";
    FdDoorbell => "门铃", "doorbell";
    FdPresses => "门铃记录", "doorbell presses";
    FdDays => "天数", "days";
    FdSchema => "存储格式", "storage format";
    FdMembers => "家庭成员", "household members";
    FdImport => "导入文件", "import file";
    FdMeeting => "会议", "meeting";
    FdPhone => "电话", "phone";
    FdHealth => "健康状况", "health";
    FdReason => "原因", "reason";
    FdParty => "当事人", "party";
    FdTitle => "标题", "title";
    FdDescription => "说明", "description";
    FdLadder => "升级规则", "escalation ladder";
    FdCadence => "走访周期", "visit cadence";
    FdRelation => "关系", "relation";
    FdOperator => "操作人", "operator";
    FdLogin => "登录名", "login";
    FdLabel => "名称", "label";
    FdWhat => "内容", "what";
    FdChoice => "选项", "choice";
    FdPosition => "位置", "position";
    ReExpected => "应为 {0} 格式", "expected {0}";
    ReShapeTimeOfDay => "应为 00:00 到 23:59 之间的 HH:MM", "expected HH:MM between 00:00 and 23:59";
    ReShapeOffset => "应为 +HH:MM 格式", "expected +HH:MM";
    ReShapePeriod => "应为 day（日）、month（月）、quarter（季）或 year（年）", "expected day, month, quarter or year";
    ReNoSuchMonth => "没有这个月份", "no such month";
    ReNoSuchDay => "没有这一天", "no such day";
    ReYearOutOfRange => "年份超出范围", "the year is out of range";
    ReOutOfRange => "超出范围", "out of range";
    ReNotANumber => "“{0}”不是数字", "\"{0}\" is not a number";
    ReNotAnAmount => "“{0}”不是金额（元）", "\"{0}\" is not an amount of yuan";
    ReNotOneOf => "“{0}”不在可选范围内，可选：{1}", "\"{0}\" is not one of {1}";
    ReNotARecordNumber => "“{1}”不是{0}编号", "\"{1}\" is not a {0} number";
    ReNotAProvider => "“{0}”不是服务方", "\"{0}\" is not a provider";
    ReUnchosen => "请选择一项", "choose one";
    ReNoResidentOnCard => "卡片上没有居民", "no resident on the card";
    ReEmpty => "不能为空", "must not be empty";
    ReTooLong => "共 {0} 个字，最多 {1} 个", "is {0} characters long; at most {1}";
    ReAtMostChars => "最多 {0} 个字", "at most {0} characters";
    ReControlChar => "含有控制字符或方向字符（U+{0}）", "contains a control or direction character (U+{0})";
    RePhoneChars => "电话号码只能有数字、空格、横线、括号和开头的 +", "a phone number has only digits, spaces, dashes, brackets and a leading +";
    RePhoneDigits => "有 {0} 位数字；电话号码为 5 到 15 位", "has {0} digits; a phone number has 5 to 15";
    ReIdShape => "应为 18 位：17 位数字加一位校验码（数字或 X）", "must be 18 characters: 17 digits and a check digit or X";
    ReIdDigits => "前 17 位必须是数字", "the first 17 characters must be digits";
    ReIdChecksum => "校验码不符（GB 11643）", "the check digit does not match (GB 11643)";
    ReIdYear => "其中的出生年份早于 1900 年", "the birth year inside it is before 1900";
    ReIdBirth => "其中的出生日期不是真实的日子", "the birth date inside it is not a real day";
    ReIdBirthDiffers => "其中的出生日期与居民的出生日期不符", "the birth date inside it differs from the resident's birth date";
    ReIdBirthFuture => "其中的出生日期在将来", "the birth date inside it is in the future";
    ReSumTooLarge => "合计金额过大", "the sum is too large";
    ReGridCodeTaken => "网格“{0}”已使用代码 {1}", "grid {0} already has the code {1}";
    ReNoFollowUpDue => "案件 {0} 没有待办的跟进", "case {0} has no follow-up due";
    ReNoCarePlan => "{0} 没有关爱计划（不在问候名单上）", "{0} has no care plan (not on the check-in list)";
    ReHasLeft => "{0} 已于 {1} 离开（{2}）", "{0} left on {1} ({2})";
    ReNoSuchContact => "{0} 有 {1} 位紧急联系人，没有第 {2} 位", "{0} has {1} emergency contacts, not a contact {2}";
    ReContactIndexNeeded => "经联系人问候时要写明是第几位联系人（从 1 起）", "a check-in by contact names which contact (from 1)";
    ReContactOnlyByContact => "只有经联系人问候才写联系人", "only a check-in by contact names a contact";
    ReNoAttemptsLeft => "{0} 在 {1} 的问候次数已用完", "{0} has no attempt numbers left on {1}";
    ReNoSuchCheckin => "老人 {0} 在 {2} 没有第 {1} 次问候", "elder {0} has no check-in {1} on {2}";
    ReNotARecordKind => "“{0}”不是一种记录", "{0} is not a kind of record";
    RePagedOverSocket => "经服务读取时，一类记录要分页读取", "over the socket, a kind of record is read in pages";
    ReBackupReachesBack => "备份最早只到 {0} {1}", "the backup reaches back to {0} {1} only";
    RePeriodReversed => "开始于 {0}，晚于结束日 {1}", "starts on {0}, after its end on {1}";
    RePeriodDays => "应为 1 到 {0} 天", "must be 1 to {0} days";
    ReNoHouseholds => "公示至少要列一户", "a notice lists at least one household";
    ReTooManyHouseholds => "一次公示最多 {0} 户", "at most {0} households in one notice";
    ReHouseholdTwice => "第 {0} 户列了两次", "household {0} is listed twice";
    ReOverdraw => "基金在 {1} 可支出 {0} 元；支出 {2} 元会透支", "the fund can pay out {0} yuan on {1}; {2} yuan would overdraw it";
    ReDecisionNoText => "第 {0} 项决议没有内容", "decision {0} has no text";
    ReDecisionNeedsDue => "第 {0} 项决议需要期限", "decision {0} needs a due date";
    ReDecisionDueBefore => "第 {0} 项决议的期限早于会议", "decision {0} is due before the meeting";
    ReDecisionDoneBefore => "第 {0} 项决议的完成日期早于会议", "decision {0} is done before the meeting";
    ReNoSuchDecision => "会议 #{0} 有 {1} 项决议，没有第 {2} 项", "meeting #{0} has {1} decisions; there is no decision {2}";
    ReBeforeMeeting => "早于会议日期", "is before the meeting";
    ReBeforeFrom => "早于开始日期", "is before the start date";
    ReBeforePledge => "早于认领日期", "is before the pledge was made";
    ReDeliveryInFuture => "兑现要在发生后登记", "a delivery is recorded once it happened";
    ReDeliveryNeedsReference => "兑现需要凭证号（收据、转账或交接单号）", "a delivery needs a reference (receipt, transfer or handover number)";
    ReNegative => "不能为负数", "must not be negative";
    ReNotPositive => "必须大于零", "must be more than zero";
    ReNotPositiveDirection => "必须大于零（收支方向另行选择）", "must be more than zero (the direction says in or out)";
    RePledgeExceeded => "认领合计 {0} 元，已兑现 {1} 元", "the pledge totals {0} yuan and {1} yuan is delivered already";
    RePartnerExists => "已有名为“{0}”的{1}（#{2}），请编辑那一条", "a partner called {0} of kind {1} is already recorded (#{2}); edit that one instead";
    ReNewIdZero => "新{0}的编号为 0；已登记的不能改写", "a new {0} is given id 0; recorded ones are not rewritten";
    ReNewPlanIdZero => "新服务计划的编号为 0；改动已有计划请先结束它", "a new service plan is given id 0; change one by ending it";
    ReNewResidentIdZero => "新居民的编号为 0", "a new resident is given id 0";
    ReClaimStartsActive => "认领登记时为进行中、没有兑现；兑现请逐笔登记", "a claim starts active with no deliveries; record deliveries one by one";
    ReNewDutyNotDone => "新责任尚未完成；请逐次登记完成日期", "a new duty is not done yet; record each day it is done";
    ReCannotMaskNumber => "无法遮盖家庭成员的电话或身份证号；请更正该户的记录", "a phone or ID number of a household member cannot be masked; correct the household's records";
    ReCannotMaskName => "无法遮盖家庭成员的姓名；请更正该户的记录", "a name of a household member cannot be masked; correct the household's records";
    ReTooManyRecords => "一条最多 {0} 个记录", "at most {0} records in one entry";
    ReUtcOffsetRange => "应在 -14:00 到 +14:00 之间", "must be between -14:00 and +14:00";
    ReAtLeastOne => "至少为 1", "must be at least 1";
    ReLadderLevel => "第 {0} 级：尝试 1 到 {1} 次，间隔 1 到 {2} 分钟", "level {0}: tries 1 to {1}, minutes 1 to {2}";
    ReNoRole => "成员至少要有一个角色", "a member needs at least one role";
    ReStepsOutOfOrder => "各步骤要按日期先后排列", "steps must be in date order";
    ReContactNeedsPhone => "紧急联系人需要电话号码", "an emergency contact needs a phone number";
    ReCareLevel => "应为 1（重点关爱）、2（关注）或 3（一般）", "must be 1 (high), 2 (key) or 3 (general)";
    ReActiveToBeforeFrom => "早于关爱开始日期", "is before the start of care";
    ReInFuture => "在将来", "is in the future";
    ReNeedsParticipants => "调解需要写明参加人", "a mediation session needs participants";
    ReEventsOutOfOrder => "要按日期先后排列", "must be in date order";
    ReAwayBeforeDay => "早于这次问候的日期", "is before the check-in's day";
    ReAwayOnlyWithAway => "只有结果为“外出”时才填写", "only goes with the outcome away";
    ReDeviceLength => "设备号为 1 到 {0} 个字符", "a device id has 1 to {0} characters";
    ReNotADevice => "“{0}”不是设备号（字母、数字和 -_.:）", "\"{0}\" is not a device id (letters, digits and -_.:)";
    ReNotAPressTime => "“{0}”不是时间（2026-12-01T08:03:00+08:00、2026-12-01T08:03 或 08:03）", "\"{0}\" is not a time (2026-12-01T08:03:00+08:00, 2026-12-01T08:03 or 08:03)";
    RePressInFuture => "{0} {1} 在将来", "{0} {1} is in the future";
    ReNotOnRoll => "{0} 在 {1} 不在问候名单上", "{0} is not on the roll on {1}";
    ReDeviceTaken => "{0} 已是 {1} 的门铃", "{0} is already {1}'s doorbell";
    ReNoPress => "没有要登记的按铃", "no press to record";
    ReBatchTooLarge => "一批最多 {0} 条", "at most {0} in one batch";
    ReCadenceDays => "{0} 不在 1 到 {1} 天之间", "{0} is not between 1 and {1} days";
    ReCampaignBeforeStart => "{0} 早于走访开始日 {1}", "{0} is before the campaign's start {1}";
    ReCampaignTooLong => "一轮走访最长 {0} 天", "a campaign lasts at most {0} days";
    ReDaysTooMany => "最多 {0} 天（一百年）", "at most {0} (a hundred years)";
    ReNoMigration => "无法迁移到存储格式 {0}（本程序为 {1}）", "no migration to schema {0} (this program knows {1})";
    ReHouseholdInOtherGrid => "第 {0} 户在另一个网格；居民所在网格即其户所在网格", "household #{0} is in another grid; a resident lives in their household's grid";
    ReAlreadyLivesThere => "{0} 已住在这一户", "{0} already lives there";
    ReNamedTwice => "同一位居民列了两次", "a resident is named twice";
    ReBeforeBirth => "早于居民的出生日期", "is before the resident's birth";
    ReFileTooLarge => "文件超过 {0} 字节", "the file is larger than {0} bytes";
    RePositionRange => "位置应为 1 到 {0}，不是 {1}", "a position from 1 to {0}, not {1}";
    ReNotYesNo => "“{0}”不是 yes（是）或 no（否）", "\"{0}\" is not yes or no";
    MvCaseClosedReopenFirst => "案件已办结，请先重新打开", "the case is closed; reopen it first";
    MvCaseClosed => "案件已办结", "the case is closed";
    MvSameStatus => "案件已是这个状态", "the case already has that status";
    MvOnlyTo => "从“{0}”只能改为：{1}", "from {0} a case can go to {1}";
    MvClosureOnlyWhenClosing => "只有办结时才填写结案方式", "a closure is only given when closing";
    MvClosesAs => "{0}不能以“{1}”结案，只能以{2}结案", "a {0} cannot close as {1}; it closes as {2}";
    MvPetitionNeedsSettlement => "信访件只有登记了化解结果才能办结：息诉罢访或案结事了", "a petition closes only with a recorded settlement: withdrawn or settled";
    MvDisputeNeedsClosure => "矛盾纠纷办结要写明结案方式：达成协议或其他", "a dispute closes with an agreement or another reason: give the closure (agreement or other)";
    MvFileStepAfterToday => "档案最后一步的日期是 {0}，晚于今天（{1}）", "the file's last step is dated {0}, after today ({1})";
    MvFileClosed => "档案已结案；只有填写原因重新打开才能再变动", "the file is closed; only a reopen with a reason moves it again";
    MvStepsGoForward => "步骤只能向前；要退回请填写原因重新打开", "steps only go forward; to go back, reopen the file with a reason";
    MvStepSkipped => "不能跳步，下一步是“{0}”", "steps cannot be skipped; the next step is {0}";
    MvNoticedByNotice => "发布列有该户的公示即为已公示", "a file is noticed by publishing a notice that lists the household";
    MvClaimedByPledge => "登记共建单位对该户的认领即为已认领", "a file is claimed by recording a partner's pledge for the household";
    MvNoFile => "该户没有可重新打开的档案", "the household has no file to reopen";
    MvReopenGoesBack => "重新打开是退回较早的状态；向前请按步骤办理", "a reopen goes back to an earlier status; forward moves are plain steps";
    MvNoticePeriodRuns => "公示 #{0} 的公示期到 {1} 为止，期满后再发布认领", "the notice period of notice #{0} runs until {1}; publish for claiming after it";
    MvPledgeStillActive => "认领 #{0} 仍在进行中，请先标为已兑现或已取消", "pledge #{0} is still active; mark it fulfilled or cancelled first";
    MvClaimAfterPublished => "发布认领后、结案前才能认领", "a household is claimed after its file is published and before it is closed";
    MvDecisionDone => "第 {0} 项决议已于 {1} 标为完成", "decision {0} was marked done on {1}";
    MvPledgeEndsAs => "进行中的认领只能以已兑现或已取消结束", "an active pledge ends as fulfilled or cancelled";
    MvNotReviewed => "第 {0} 户尚未审核；公示只列已审核的户", "household {0} is not reviewed; a notice lists reviewed households";
    MvDeliveryOnActive => "认领 #{0} 为“{1}”；只有进行中的认领才能登记兑现", "pledge #{0} is {1}; deliveries go on active pledges";
    ActSession => "调解", "a mediation session";
    ActFollowUp => "跟进", "a follow-up";
    ActDelivery => "兑现", "a delivery";
    ActDone => "完成", "done";
    ImUnreadable => "无法读取这一行（不是有效的记录）", "the line is not a readable record";
    ImUnreadableField => "无法读取字段“{0}”的值", "the value of the field {0} cannot be read";
    ImIdZero => "{0}的编号必须大于 0", "a {0} needs an id above 0";
    ImChangedSince => "{0} {1} 在生成此文件后被他人改过，请重新导出再导入", "{0} {1} was changed by someone else since this file was made; import it again";
    ImAlreadyStored => "{0} {1} 已在数据库中", "{0} {1} is already in the database";
    ImNotStored => "{0} {1} 不在数据库中，无法替换", "{0} {1} is not in the database to be replaced";
    ImTwiceInFile => "{0} {1} 在文件中出现了两次", "{0} {1} appears twice in the file";
    ImCheckinStored => "老人 {0} 在 {2} 已有第 {1} 次问候", "elder {0} already has check-in {1} on {2}";
    ImCheckinTwice => "老人 {0} 在 {2} 的第 {1} 次问候在文件中出现了两次", "check-in {1} of elder {0} on {2} appears twice in the file";
    ImNoReference => "{0}：文件和数据库中都没有编号为 {2} 的{1}", "{0}: no {1} with id {2} in the file or the database";
    ImNotText => "输入无法按文本读取（应为 UTF-8）", "the input cannot be read as text (UTF-8 expected)";
    ImDeviceShared => "门铃 {0} 同时在 {1} 的关爱计划中，请只留一处", "the doorbell {0} is in the care plans of {1}; keep it in one";
    ImDeviceUnknown => "没有哪位老人的关爱计划有门铃 {0}", "no elder's care plan has the doorbell {0}";
    ImTooManyPresses => "超过 {0} 条按铃，请分批发送", "more than {0} presses; send them in several batches";
    // clap's usage errors (`cli/usage.rs`): {0} the option or command as typed.
    UsUnknownArg => "不认识的选项“{0}”", "unknown option \"{0}\"";
    UsUnknownCommand => "没有“{0}”这个命令", "no command \"{0}\"";
    UsNoValue => "{0} 后面缺少值", "{0} needs a value";
    UsBadValue => "“{1}”不是 {0} 可用的值", "\"{1}\" is not a valid value for {0}";
    UsTooMany => "{0} 的值太多（“{1}”）", "too many values for {0} (\"{1}\")";
    UsMissing => "缺少必填的参数：{0}", "missing: {0}";
    UsMissingCommand => "“{0}”后面要跟一个子命令", "\"{0}\" needs a subcommand";
    UsConflict => "{0} 不能与 {1} 同时使用", "{0} cannot be used with {1}";
    UsTwice => "{0} 只能给一次", "{0} can be given only once";
    UsOther => "命令行有误", "the command line is not valid";
    UsOneOf => "，可选：{0}", "; one of: {0}";
    UsStop => "。", ".";
    UsDidYouMean => "是不是要用“{0}”？", " Did you mean \"{0}\"?";
    UsSeeHelp => "用法见 `{0} --help`。", " See `{0} --help`.";
    // `qiaomen log` (`log_words.rs`): {0} the family's noun (会议, 案件…).
    LogActAdd => "新增{0}", "add {0}";
    LogActEdit => "修改{0}", "edit {0}";
    LogActNote => "{0}记录", "{0} note";
    LogActStatement => "{0}陈述", "{0} statement";
    LogActContact => "{0}联系", "{0} contact";
    LogActParty => "{0}当事人", "{0} party";
    LogActPair => "{0}结对", "{0} pairing";
    LogActMove => "{0}迁居", "{0} moved";
    LogActClaim => "认领", "claim";
    LogActStatus => "{0}改状态", "{0} status";
    LogActSession => "{0}调解", "{0} mediation session";
    LogActFollowUp => "{0}约定跟进", "{0} follow-up set";
    LogActFollowUpDone => "{0}已跟进", "{0} followed up";
    LogActEscalate => "{0}上报", "{0} escalated";
    LogActReturn => "{0}退回", "{0} returned";
    LogActEnd => "结束{0}", "end {0}";
    LogActDeliver => "{0}交付", "{0} delivery";
    LogActDone => "{0}完成", "{0} done";
    LogActAttend => "{0}出席", "{0} attendance";
    LogActPublish => "发布{0}", "publish {0}";
    LogActUndo => "撤销{0}", "undo {0}";
    LogImport => "导入 {0}：{1}", "import {0}: {1}";
    LogPresses => "次按铃", "presses";
    LogReadOf => "读取{0}", "read {0}";
    LogRefused => "被拒绝：{0}。{1}", "refused: {0}. {1}";
    LogRefusedShared => "多名成员共用 OS 用户 {0}，没有指明是谁。", "Several members share the OS user {0} and none was named.";
    LogEventsAdded => "新增 {0} 条", "{0} added";
}

pub fn outcome(lang: Lang, o: Outcome) -> &'static str {
    o.word(lang.words())
}

pub fn day_status(lang: Lang, s: DayStatus) -> &'static str {
    match s {
        DayStatus::Reached(o) => outcome(lang, o),
        DayStatus::Away { .. } => outcome(lang, Outcome::Away),
        DayStatus::NotReached => lang.t(T::NotReached),
    }
}

pub fn method(lang: Lang, m: Method) -> &'static str {
    m.word(lang.words())
}

pub fn attention(lang: Lang, a: Attention) -> &'static str {
    a.word(lang.words())
}

pub fn case_kind(lang: Lang, k: CaseKind) -> &'static str {
    k.word(lang.words())
}

/// A volunteer team's kind (issue 16).
pub fn team_kind(lang: Lang, k: qiaomen_core::care::TeamKind) -> &'static str {
    k.word(lang.words())
}

/// A service's kind (issue 16); the summary's labels spell them the same.
pub fn service_kind(lang: Lang, k: qiaomen_core::care::ServiceKind) -> &'static str {
    k.word(lang.words())
}

/// One carer or several (一对一, 多对一).
pub fn pairing_kind(lang: Lang, p: qiaomen_core::care::Pairing) -> &'static str {
    p.word(lang.words())
}

/// How a contact with someone in care was made.
pub fn contact_by_kind(lang: Lang, c: qiaomen_core::care::ContactBy) -> &'static str {
    c.word(lang.words())
}

/// A rhythm in days: weekly, monthly, or every N days.
pub fn every_days(lang: Lang, days: u16) -> String {
    match days {
        1 => lang.t(T::EveryDay).to_owned(),
        7 => lang.t(T::EveryWeek).to_owned(),
        30 => lang.t(T::EveryMonth).to_owned(),
        n => lang.fill(T::EveryDays, &[&n]),
    }
}

/// A rule of teams, services, plans or support records, as one sentence.
pub fn care_rule(lang: Lang, r: &qiaomen_core::care::CareRule) -> String {
    use qiaomen_core::care::{CareRule as R, MAX_EVERY_DAYS, MAX_MINUTES, MAX_PEOPLE};
    match r {
        R::TeamNameTaken { name } => lang.fill(T::ErrTeamNameTaken, &[name]),
        R::LeaderNotMember => lang.t(T::ErrLeaderNotMember).to_owned(),
        R::TooManyPeople { count } => lang.fill(T::ErrTooManyPeople, &[count, &MAX_PEOPLE]),
        R::TooManyMinutes { minutes } => lang.fill(T::ErrTooManyMinutes, &[minutes, &MAX_MINUTES]),
        R::HelperNotInTeam { team } => lang.fill(T::ErrHelperNotInTeam, &[team]),
        R::EveryDays { days } => lang.fill(T::ErrEveryDays, &[days, &MAX_EVERY_DAYS]),
        R::ElderHasCarePlan => lang.t(T::ErrElderHasCarePlan).to_owned(),
        R::OnTheRoll { name } => lang.fill(T::ErrOnTheRoll, &[name]),
        R::HasSupport { name, id } => lang.fill(T::ErrHasSupport, &[name, id]),
        R::NoCarer => lang.t(T::ErrNoCarer).to_owned(),
        R::AlreadySupported { id } => lang.fill(T::ErrAlreadySupported, &[id]),
        R::AlreadyEnded { on } => lang.fill(T::ErrAlreadyEnded, &[on]),
        R::EndsBeforeStart { from, date } => lang.fill(T::ErrEndsBeforeStart, &[from, date]),
        R::Left { name } => lang.fill(T::ErrLeftCommunity, &[name]),
    }
}

/// Issue 16 (`cases`): who holds a case, how a petitioner was met, what an organisation is.
pub fn case_level(lang: Lang, l: qiaomen_core::model::Level) -> &'static str {
    l.word(lang.words())
}

pub fn contact_how(lang: Lang, h: qiaomen_core::model::ContactHow) -> &'static str {
    h.word(lang.words())
}

pub fn org_kind(lang: Lang, k: qiaomen_core::model::OrgKind) -> &'static str {
    k.word(lang.words())
}

/// A partner's activity kind (issue 16 point 3), spelled as the summary's `activity_kinds`.
pub fn activity_kind(lang: Lang, k: qiaomen_core::model::ActivityKind) -> &'static str {
    k.word(lang.words())
}

/// Which side of an agreement owes a duty.
pub fn duty_side(lang: Lang, s: qiaomen_core::model::Side) -> &'static str {
    s.word(lang.words())
}

/// A kind of activity typed on the command line, or a usage error naming the kinds in both
/// spellings (`lecture（讲座）`).
pub fn parse_activity_kind(
    lang: Lang,
    text: &str,
) -> Result<qiaomen_core::model::ActivityKind, crate::error::AppError> {
    use qiaomen_core::model::ActivityKind as K;
    text.parse().map_err(|_| {
        let all: Vec<String> = K::ALL
            .iter()
            .map(|&k| choice_word(lang, k.as_str(), activity_kind(lang, k)))
            .collect();
        not_one_of(lang, text, T::WordActivityKind, &all)
    })
}

/// The side of an agreement typed on the command line (`community` or `partner`).
pub fn parse_duty_side(
    lang: Lang,
    text: &str,
) -> Result<qiaomen_core::model::Side, crate::error::AppError> {
    use qiaomen_core::model::Side;
    text.parse().map_err(|_| {
        let all: Vec<String> = Side::ALL
            .iter()
            .map(|&s| choice_word(lang, s.as_str(), duty_side(lang, s)))
            .collect();
        not_one_of(lang, text, T::WordDutySide, &all)
    })
}

/// A remark after a name, in the language's brackets: `（队长）` in Chinese (no space),
/// ` (leader)` in English.
pub fn paren(lang: Lang, text: &str) -> String {
    match lang {
        Lang::Zh => format!("（{text}）"),
        Lang::En => format!(" ({text})"),
    }
}

/// A code with its word: `lecture（讲座）` in Chinese; in English the code alone where the
/// word is the code spelled out (`no_answer`), else `joint_meeting (joint meeting)`.
pub fn choice_word(lang: Lang, code: &str, word: &str) -> String {
    match lang {
        Lang::Zh => format!("{code}（{word}）"),
        Lang::En if code.replace(['_', '-'], " ").eq_ignore_ascii_case(word) => code.to_owned(),
        Lang::En => format!("{code} ({word})"),
    }
}

fn not_one_of(lang: Lang, text: &str, what: T, all: &[String]) -> crate::error::AppError {
    let sep = if lang == Lang::Zh { "、" } else { ", " };
    crate::error::AppError::Usage(lang.fill(
        T::ErrNotOneOf,
        &[&text.trim(), &lang.t(what), &all.join(sep)],
    ))
}

/// A rule of partners' activities, goods and duties as one sentence.
pub fn outreach_rule(lang: Lang, r: qiaomen_core::outreach::OutreachRule) -> String {
    use qiaomen_core::outreach::{Counted, OutreachRule as R};
    match r {
        R::NoQuantity => lang.t(T::ErrNoQuantity).to_owned(),
        R::NegativeValue => lang.t(T::ErrNegativeValue).to_owned(),
        R::TooMany {
            what: Counted::People,
            max,
        } => lang.fill(T::ErrActivityTooManyPeople, &[&max]),
        R::TooMany {
            what: Counted::Quantity,
            max,
        } => lang.fill(T::ErrTooManyQuantity, &[&max]),
        R::NoFirstDue => lang.t(T::ErrNoFirstDue).to_owned(),
        R::AlreadyDone { on } => lang.fill(T::ErrAlreadyDone, &[&on]),
        R::DoneThatDay { on } => lang.fill(T::ErrDoneThatDay, &[&on]),
        R::NoWhat => lang.t(T::ErrNoWhat).to_owned(),
        R::NotACount {
            what: Counted::People,
        } => lang.t(T::ErrPeopleNotACount).to_owned(),
        R::NotACount {
            what: Counted::Quantity,
        } => lang.t(T::ErrQuantityNotACount).to_owned(),
    }
}

pub fn case_status(lang: Lang, s: CaseStatus) -> &'static str {
    s.word(lang.words())
}

pub fn closure(lang: Lang, c: Closure) -> &'static str {
    c.word(lang.words())
}

pub fn file_status(lang: Lang, s: FileStatus) -> &'static str {
    s.word(lang.words())
}

pub fn role(lang: Lang, r: Role) -> &'static str {
    r.word(lang.words())
}

/// A phone number as shown: 无 / none when there is none (an elder without a phone is a fact
/// the caller needs, not a blank).
pub fn phone(lang: Lang, phone: &str) -> &str {
    if phone.trim().is_empty() {
        lang.t(T::CardNone)
    } else {
        phone
    }
}

pub fn care_level(lang: Lang, level: u8) -> &'static str {
    lang.t(match level {
        1 => T::Level1,
        2 => T::Level2,
        _ => T::Level3,
    })
}

/// Register labels: care categories, partner kinds, pledge statuses, periods, fund directions
/// and meeting kinds.
pub fn category(lang: Lang, c: qiaomen_core::model::Category) -> &'static str {
    c.word(lang.words())
}

/// A roster column's header: Chinese in zh, the field's code in en.
pub fn roster_header(lang: Lang, f: crate::sheet::columns::Field) -> &'static str {
    use crate::sheet::columns::Field as F;
    lang.t(match f {
        F::Name => T::RosterName,
        F::Gender => T::RosterGender,
        F::Birth => T::RosterBirth,
        F::IdNumber => T::RosterIdNumber,
        F::Phone => T::RosterPhone,
        F::Grid => T::RosterGrid,
        F::Estate => T::RosterEstate,
        F::Building => T::RosterBuilding,
        F::Unit => T::RosterUnit,
        F::Room => T::RosterRoom,
        F::Household => T::RosterHousehold,
        F::Relation => T::RosterRelation,
        F::Categories => T::RosterCategories,
        F::Health => T::RosterHealth,
        F::ContactName => T::RosterContactName,
        F::ContactPhone => T::RosterContactPhone,
    })
}

pub fn partner_kind(lang: Lang, k: qiaomen_core::model::PartnerKind) -> &'static str {
    k.word(lang.words())
}

pub fn pledge_status(lang: Lang, s: qiaomen_core::model::PledgeStatus) -> &'static str {
    s.word(lang.words())
}

pub fn period(lang: Lang, p: qiaomen_core::model::Period) -> &'static str {
    p.word(lang.words())
}

pub fn direction(lang: Lang, d: qiaomen_core::model::Direction) -> &'static str {
    d.word(lang.words())
}

/// A need tag in words; no tag is the empty string.
pub fn need(lang: Lang, n: Option<qiaomen_core::model::Need>) -> &'static str {
    n.map_or("", |n| n.word(lang.words()))
}

/// What `--need` takes: a tag by its code or its words in either language, or a word used
/// before the list existed; empty for none.
pub fn parse_need(text: &str) -> qiaomen_core::Result<Option<qiaomen_core::model::Need>> {
    use qiaomen_core::model::Need;
    let t = text.trim();
    for &n in Need::ALL {
        if [Lang::Zh, Lang::En]
            .iter()
            .any(|&l| need(l, Some(n)).eq_ignore_ascii_case(t))
        {
            return Ok(Some(n));
        }
    }
    Need::parse(t)
}

pub fn meeting_kind(lang: Lang, k: qiaomen_core::model::MeetingKind) -> &'static str {
    k.word(lang.words())
}

/// A file's status, or "no file" for a household without one.
pub fn file_state(lang: Lang, s: Option<FileStatus>) -> &'static str {
    s.map_or(lang.t(T::FileNone), |s| file_status(lang, s))
}

/// Why the server refused, as one sentence.
pub fn refusal(lang: Lang, r: &qiaomen_core::access::Refusal) -> String {
    use qiaomen_core::access::{Rank, Refusal};
    let sep = if lang == Lang::Zh { "、" } else { ", " };
    match r {
        Refusal::NoMember { os_user } => lang.fill(T::RefNoMember, &[os_user]),
        Refusal::SharedAccount { os_user, names } => {
            lang.fill(T::RefShared, &[os_user, &names.join(sep)])
        }
        Refusal::ActAs { who, asked } => lang.fill(T::RefActAs, &[who, asked]),
        Refusal::Rank { who, rank, action } => {
            let rank = lang.t(match rank {
                Rank::Admin => T::RankAdmin,
                Rank::Secretary => T::RankSecretary,
                Rank::Worker => T::RankWorker,
                Rank::Steward => T::RankSteward,
                Rank::Volunteer => T::RankVolunteer,
            });
            let action = lang.t(match *action {
                "settings" => T::DoSettings,
                "register" => T::DoRegister,
                "cases" => T::DoCases,
                "checkins" => T::DoCheckins,
                "visits" => T::DoVisits,
                "handover" => T::DoHandover,
                _ => T::DoReports,
            });
            lang.fill(T::RefRank, &[who, &rank, &action])
        }
        Refusal::OutsideGrids {
            who,
            grids,
            record,
            grid,
        } => lang.fill(T::RefOutside, &[who, &grids.join(sep), record, grid]),
        Refusal::NotTheirElder { who, elder } => lang.fill(T::RefNotCaller, &[who, elder]),
    }
}

/// A domain error as one sentence in the user's language.
pub fn error(lang: Lang, e: &Error) -> String {
    match e {
        Error::DatabaseBusy(p) => lang.fill(T::ErrBusy, &[&p.display()]),
        Error::OpenTimeout { path, seconds } => {
            lang.fill(T::ErrTimeout, &[&path.display(), seconds])
        }
        Error::SchemaTooNew { path, found, known } => {
            lang.fill(T::ErrTooNew, &[&path.display(), found, known])
        }
        Error::NotFound { kind, id } => lang.fill(T::ErrNotFound, &[&kind_name(lang, kind), id]),
        Error::NoMatch { kind, query } => {
            lang.fill(T::ErrNoMatch, &[&kind_name(lang, kind), query])
        }
        Error::Ambiguous {
            kind,
            query,
            candidates,
        } => lang.fill(
            T::ErrAmbiguous,
            &[query, &kind_name(lang, kind), candidates],
        ),
        Error::Invalid { field, reason } => crate::error_words::invalid(lang, field, reason),
        Error::InvalidTransition { from, to, reason } => {
            crate::error_words::transition(lang, from, to, reason)
        }
        Error::Import { line, reason } => crate::error_words::import(lang, *line, reason),
        // The damage's detail is the core's own note for a developer: English only.
        Error::Corrupt { kind, reason } => {
            let s = lang.fill(T::ErrCorruptKind, &[&kind_name(lang, kind)]);
            match lang {
                Lang::Zh => s,
                Lang::En => format!("{s} ({reason})"),
            }
        }
        Error::NoDatabase(p) => lang.fill(T::ErrNoDatabase, &[&p.display()]),
        Error::NotEmpty(p) => lang.fill(T::ErrNotEmptyDir, &[&p.display()]),
        Error::NotOurs(p) => lang.fill(T::ErrNotOurs, &[&p.display()]),
        Error::Damaged { path, what } => lang.fill(
            T::ErrDamaged,
            &[&path.display(), &crate::damage_words::damage(lang, what)],
        ),
        Error::WritesStopped(p) => lang.fill(T::ErrWritesStopped, &[&p.display()]),
        Error::Unwritable { path, why, kept } => lang.fill(
            if *kept {
                T::ErrUnwritableKept
            } else {
                T::ErrUnwritable
            },
            &[&path.display(), &crate::damage_words::no_write(lang, *why)],
        ),
        Error::ServerGone(p) => lang.fill(T::ErrServerGone, &[&p.display()]),
        Error::ServerVersion { path, theirs, ours } => {
            lang.fill(T::ErrServerVersion, &[&path.display(), theirs, ours])
        }
        Error::Refused(r) => refusal(lang, r),
        Error::Date(rule) => crate::day_words::rule(lang, *rule),
        Error::Care(rule) => care_rule(lang, rule),
        Error::Case(rule) => case_rule(lang, rule),
        Error::Outreach(rule) => outreach_rule(lang, *rule),
        other => lang.fill(T::ErrGeneric, &[other]),
    }
}

/// A case-work rule of issue 16 as one sentence.
fn case_rule(lang: Lang, rule: &qiaomen_core::cases::CaseRule) -> String {
    use qiaomen_core::cases::CaseRule as R;
    match rule {
        R::SettleNeedsStatement { case } => lang.fill(T::ErrSettleNeedsStatement, &[case]),
        R::NotHigher { case, from, to } => lang.fill(
            T::ErrNotHigher,
            &[case, &case_level(lang, *from), &case_level(lang, *to)],
        ),
        R::AtGridLevel { case } => lang.fill(T::ErrAtGridLevel, &[case]),
        R::Closed { case } => lang.fill(T::ErrCaseClosed, &[case]),
        R::NotAPetition { case } => lang.fill(T::ErrNotAPetition, &[case]),
        R::UseEscalate { case } => lang.fill(T::ErrUseEscalate, &[case]),
        R::BeforeOpening { case, date, opened } => {
            lang.fill(T::ErrBeforeOpening, &[case, date, opened])
        }
        R::SinceAfterOpening {
            case,
            since,
            opened,
        } => lang.fill(T::ErrSinceAfterOpening, &[case, since, opened]),
        R::NeedsText { case, what } => lang.fill(
            match what.as_str() {
                "reason" => T::ErrNeedsReason,
                "note" => T::ErrNeedsNote,
                _ => T::ErrNeedsStatementText,
            },
            &[case],
        ),
        R::AlreadyAttends { meeting, name } => lang.fill(T::ErrAlreadyAttends, &[meeting, name]),
        R::OrgNameTaken { name, id } => lang.fill(T::ErrOrgNameTaken, &[name, id]),
        R::Party { case, party, added } => lang.fill(
            if *added {
                T::ErrPartyTwice
            } else {
                T::ErrPartyMissing
            },
            &[case, party],
        ),
    }
}

/// What opening a database had to repair, as one sentence.
pub fn recovery(lang: Lang, dir: &std::path::Path, r: &qiaomen_core::engine::Recovery) -> String {
    use qiaomen_core::engine::Recovery;
    let d = dir.display();
    match r {
        Recovery::Rebuilt {
            why,
            snapshot,
            kept,
            ..
        } => lang.fill(
            T::RecRebuilt,
            &[
                &d,
                &crate::damage_words::damage(lang, why),
                snapshot,
                &kept.display(),
            ],
        ),
        Recovery::JournalRestarted { why, kept } => lang.fill(
            T::RecJournalRestarted,
            &[&d, &crate::damage_words::damage(lang, why), &kept.display()],
        ),
        Recovery::ImportDropped { entries } => lang.fill(T::RecImportDropped, &[entries]),
        Recovery::Upgraded => lang.fill(T::RecUpgraded, &[&d]),
        Recovery::Migrated { from, to } => lang.fill(T::RecMigrated, &[&d, from, to]),
        Recovery::CaughtUp { entries } => lang.fill(T::RecCaughtUp, &[&d, entries]),
    }
}

/// What opening repaired, briefly enough for the TUI's status line at 80 columns: that nothing
/// was lost comes first, and the copy kept aside is named by its folder alone.
pub fn recovery_brief(
    lang: Lang,
    dir: &std::path::Path,
    r: &qiaomen_core::engine::Recovery,
) -> String {
    use qiaomen_core::engine::Recovery;
    let folder = |p: &std::path::Path| {
        p.file_name().map_or_else(
            || p.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    };
    match r {
        Recovery::Rebuilt { kept, .. } => lang.fill(T::RecRebuiltBrief, &[&folder(kept)]),
        Recovery::JournalRestarted { kept, .. } => lang.fill(T::RecJournalBrief, &[&folder(kept)]),
        other => recovery(lang, dir, other),
    }
}

/// A meeting's attendee with its kind and id, in the reader's brackets: `陈志强（居民 #12）`,
/// `Chen Zhiqiang (resident #12)`; a guest as `住户代表（来宾）`.
pub fn attendee_label(lang: Lang, a: &qiaomen_core::model::Attendee, name: &str) -> String {
    use qiaomen_core::model::Attendee;
    let (kind, id) = match a {
        Attendee::Resident(id) => (kind_name(lang, "resident"), Some(id)),
        Attendee::Org(id) => (kind_name(lang, "org"), Some(id)),
        Attendee::Member(id) => (kind_name(lang, "member"), Some(id)),
        Attendee::Guest(_) => (lang.t(T::AttendeeGuest), None),
    };
    let inner = match id {
        Some(id) => format!("{kind} #{id}"),
        None => kind.to_owned(),
    };
    match lang {
        Lang::Zh => format!("{name}（{inner}）"),
        Lang::En => format!("{name} ({inner})").trim_start().to_owned(),
    }
}

pub(crate) fn kind_name(lang: Lang, kind: &str) -> &str {
    if lang == Lang::En {
        return kind;
    }
    match kind {
        "elder" | "elders" => "老人",
        "resident" | "residents" => "居民",
        "household" => "户",
        "member" | "members" => "成员",
        "contact" | "contacts" => "紧急联系人",
        "case" => "案件",
        "grid" => "网格",
        "partner" => "共建单位",
        "pledge" => "认领",
        "fund" => "基金记录",
        "meeting" => "会议",
        "visit" => "走访",
        "notice" => "公示",
        "team" => "志愿队",
        "service" => "服务记录",
        "service_plan" => "服务计划",
        "support" => "帮扶记录",
        "provider" => "服务方",
        "person" => "人员",
        "org" | "orgs" => "单位",
        "activity" => "共建活动",
        "goods" => "物资",
        "duty" => "协议责任",
        "campaign" => "走访活动",
        "cadence" => "走访频次",
        "audit" => "操作记录",
        "configure" => "社区设置",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_both_languages_and_matching_placeholders() {
        for &key in T::ALL {
            let (zh, en) = key.texts();
            assert!(!zh.is_empty() && !en.is_empty(), "{key:?}");
            for i in 0..5 {
                let p = format!("{{{i}}}");
                assert_eq!(zh.contains(&p), en.contains(&p), "{key:?} placeholder {p}");
            }
        }
    }

    #[test]
    fn fill_replaces_placeholders() {
        assert_eq!(
            Lang::En.fill(T::ErrNotFound, &[&"case", &42]),
            "There is no case with id 42."
        );
        assert_eq!(
            Lang::Zh.fill(T::ErrNotFound, &[&"案件", &42]),
            "找不到编号为 42 的案件。"
        );
    }
}
