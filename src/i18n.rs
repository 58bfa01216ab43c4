//! Every user-facing string, in Chinese and English, in one table. Chinese is the default where
//! `LANG` starts with `zh`. Templates use `{0}`, `{1}`… filled by `Lang::fill`.

use qiaomen_core::Error;
use qiaomen_core::model::{CaseKind, CaseStatus, Closure, FileStatus, Method, Outcome, Role};
use qiaomen_core::rollcall::{Attention, DayStatus};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

    /// A template with `{0}`, `{1}`… replaced by `args`.
    pub fn fill(self, key: T, args: &[&dyn std::fmt::Display]) -> String {
        let mut out = self.t(key).to_owned();
        for (i, a) in args.iter().enumerate() {
            out = out.replace(&format!("{{{i}}}"), &a.to_string());
        }
        out
    }

    pub fn weekday(self, n: u8) -> &'static str {
        const ZH: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
        const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        let i = usize::from(n.clamp(1, 7) - 1);
        match self {
            Lang::Zh => ZH[i],
            Lang::En => EN[i],
        }
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
    // Outcomes, methods, statuses.
    OutcomeOk => "平安", "ok";
    OutcomeUnwell => "身体不适", "unwell";
    OutcomeNoAnswer => "未接通", "no answer";
    OutcomeNeedsHelp => "需要帮助", "needs help";
    OutcomeAway => "外出", "away";
    NotReached => "未联系", "not reached";
    MethodPhone => "电话", "phone";
    MethodVisit => "上门", "visit";
    MethodDoorbell => "门铃", "doorbell";
    MethodNeighbour => "邻居", "neighbour";
    AttMissedTwoDays => "连续两天未联系上", "not reached two days running";
    AttNeedsHelp => "需要帮助", "needs help";
    AttUnwell => "身体不适", "unwell";
    AttNoAnswer => "多次未接通", "no answer, retries used up";
    AttAfterCutoff => "过了时限仍未联系上", "not reached by the cutoff";
    KindDispute => "矛盾纠纷", "dispute";
    KindPetition => "信访", "petition";
    KindRequest => "群众反映", "request";
    KindAssistance => "帮扶", "assistance";
    StatusOpen => "待处理", "open";
    StatusMediating => "调解中", "mediating";
    StatusResolved => "已化解", "resolved";
    StatusClosed => "已结案", "closed";
    StatusEscalated => "已上报", "escalated";
    ClosureWithdrawn => "息诉罢访", "withdrawn";
    ClosureSettled => "案结事了", "settled";
    ClosureAgreement => "达成协议", "agreement";
    ClosureOther => "其他原因", "other";
    FileRegistered => "已建档", "registered";
    FileReviewed => "已审核", "reviewed";
    FileNoticed => "公示中", "on notice";
    FilePublished => "已发布", "published";
    FileClaimed => "已认领", "claimed";
    FileTracking => "跟踪中", "tracking";
    FileClosed => "已结档", "closed";
    RoleSteward => "网格管家", "steward";
    RoleBuildingHead => "楼栋长", "building head";
    RoleCadre => "党员干部", "cadre";
    RolePartyVolunteer => "党员志愿者", "party volunteer";
    RoleVolunteer => "志愿者", "volunteer";
    RoleCaringNeighbour => "爱心邻居", "caring neighbour";
    RoleWorker => "社区工作者", "community worker";
    RoleAdmin => "管理员", "admin";
    // Command-line output.
    RollTitle => "{0} {1}（{2}）每日一问候", "{0} roll call, {1} ({2})";
    RollProgress => "已问候 {0}/{1} · 外出 {2} · 未联系 {3} · 需关注 {4}", "Greeted {0}/{1} · away {2} · not reached {3} · {4} need attention";
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
    HelpPopups => "弹窗与表单：Esc 取消，Tab/↑↓ 换栏，←→ 选择，Enter 确认", "Popups and forms: Esc cancels, Tab/↑↓ moves between fields, ←→ chooses, Enter confirms";
    MethodNow => "下一次记录的方式：{0}", "Next marks are recorded as: {0}";
    NoCheckInYet => "{0} 这一天还没有问候记录。", "{0} has no check-in on this day yet.";
    Marked => "已保存：{0} {1}（{2}）", "Saved: {0} {1} ({2})";
    NothingToUndo => "本次没有可以撤销的记录。", "Nothing marked in this session to undo.";
    Undone => "已撤销 {0} 的最近一次记录。", "Took back the last mark of {0}.";
    RollProgressShort => "已问候 {0}/{1} · 异常 {2}", "Greeted {0}/{1} · {2} need attention";
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
    CaseFilterLine => "类别 {0} · 状态 {1} · {2} 件", "kind {0} · status {1} · {2} cases";
    ColFollowUpShort => "跟进", "Next";
    TimelineHead => "经过（{0} 条，调解 {1} 次）", "Timeline ({0} entries, {1} sessions)";
    ColElders => "独居老人", "Elders";
    ColToday => "今日", "Today";
    ColOpenCases => "在办案件", "Open cases";
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
    SearchTitle => "搜索：姓名、拼音、首字母、电话、地址、案件号（Enter 跳转，Esc 关闭）", "Search: name, pinyin, initials, phone, address, case no. (Enter jumps, Esc closes)";
    SearchBuilding => "正在建立索引……", "Building the index…";
    SearchHint => "例如：wxy、梅、5678、3-2-501、#4", "e.g. wxy, mei, 5678, 3-2-501, #4";
    SummaryWritten => "日报已写入 {0}", "The summary was written to {0}";
    KeyJumpElder => "到问候名单", "go to the roll call";
    KeyCopySummary => "复制日报", "copy";
    KeyWriteSummary => "存为文件", "save to a file";
    SummaryCopied => "日报已复制到剪贴板（{0} 字）。若未生效，请用 w 存为文件。", "The report was copied to the clipboard ({0} characters). If it did not arrive, save it with w.";
    SummaryByGrid => "各网格", "By grid";
    SummaryChart => "近30天问候完成率", "Roll-call completion, last 30 days";
    SummaryAttention => "需关注", "Needs attention";
    SummaryNoAttention => "无人需要关注。", "Nobody needs attention.";
    SummaryCases => "案件：新受理 {0} · 调解 {1} · 化解 {2} · 结案 {3} · 在办 {4} · 逾期跟进 {5}", "Cases: opened {0} · sessions {1} · resolved {2} · closed {3} · open {4} · follow-ups overdue {5}";
    SummaryHeadLine => "应问候 {0} · 已问候 {1} · 外出 {2} · 未联系 {3} · 需关注 {4}", "Due {0} · reached {1} · away {2} · not reached {3} · attention {4}";
    ColDue => "应", "Due";
    ColReached => "已", "Done";
    ColAway => "外出", "Away";
    ColNotReached => "未联系", "Missed";
    ColAttention => "需关注", "Alert";
    ChartRange => "{0} 至 {1}：最低 {2}%，最高 {3}%，今日 {4}%", "{0} to {1}: lowest {2}%, highest {3}%, last {4}%";
    SummaryFilePrefix => "日报", "summary";
    // Errors.
    ErrBusy => "数据库 {0} 正被另一个 qiaomen 进程使用，请先关闭它。", "The database at {0} is in use by another qiaomen process; close it first.";
    ErrTimeout => "数据库 {0} 在 {1} 秒内没能打开，可能已损坏：请从备份恢复。", "The database at {0} did not open within {1} seconds and may be damaged: restore it from a backup.";
    ErrTooNew => "数据库 {0} 由更新版本的 qiaomen 写入（架构 {1}，本程序只认识 {2}），请升级。", "The database at {0} was written by a newer qiaomen (schema {1}; this program knows {2}): upgrade qiaomen.";
    ErrNotFound => "找不到编号为 {1} 的{0}。", "There is no {0} with id {1}.";
    ErrNoMatch => "没有与“{1}”匹配的{0}。", "No {0} matches \"{1}\".";
    ErrAmbiguous => "“{0}”对应多位{1}，请用编号指定：{2}", "\"{0}\" matches several {1}; give the id: {2}";
    ErrInvalid => "输入有误（{0}）：{1}", "Invalid {0}: {1}";
    ErrTransition => "不能从“{0}”改为“{1}”：{2}", "Cannot go from {0} to {1}: {2}";
    ErrImport => "第 {0} 行：{1}（数据库未作任何改动）", "Line {0}: {1} (nothing was written)";
    ErrCorrupt => "数据已损坏（{0}）：{1}。请从备份恢复。", "A stored {0} is damaged: {1}. Restore from a backup.";
    ErrNotEmpty => "数据库 {0} 已有数据，未作改动。", "The database at {0} already holds data; nothing was changed.";
    ErrNoTerminal => "qiaomen 的界面需要一个终端；在脚本里请使用子命令（qiaomen --help）。", "qiaomen's interface needs a terminal; from scripts use a subcommand (qiaomen --help).";
    ErrGeneric => "出错了：{0}", "Error: {0}";
}

pub fn outcome(lang: Lang, o: Outcome) -> &'static str {
    lang.t(match o {
        Outcome::Ok => T::OutcomeOk,
        Outcome::Unwell => T::OutcomeUnwell,
        Outcome::NoAnswer => T::OutcomeNoAnswer,
        Outcome::NeedsHelp => T::OutcomeNeedsHelp,
        Outcome::Away => T::OutcomeAway,
    })
}

pub fn day_status(lang: Lang, s: DayStatus) -> &'static str {
    match s {
        DayStatus::Reached(o) => outcome(lang, o),
        DayStatus::Away { .. } => lang.t(T::OutcomeAway),
        DayStatus::NotReached => lang.t(T::NotReached),
    }
}

pub fn method(lang: Lang, m: Method) -> &'static str {
    lang.t(match m {
        Method::Phone => T::MethodPhone,
        Method::Visit => T::MethodVisit,
        Method::Doorbell => T::MethodDoorbell,
        Method::Neighbour => T::MethodNeighbour,
    })
}

pub fn attention(lang: Lang, a: Attention) -> &'static str {
    lang.t(match a {
        Attention::MissedTwoDays => T::AttMissedTwoDays,
        Attention::NeedsHelp => T::AttNeedsHelp,
        Attention::Unwell => T::AttUnwell,
        Attention::NoAnswerRepeated => T::AttNoAnswer,
        Attention::NotReachedAfterCutoff => T::AttAfterCutoff,
    })
}

pub fn case_kind(lang: Lang, k: CaseKind) -> &'static str {
    lang.t(match k {
        CaseKind::Dispute => T::KindDispute,
        CaseKind::Petition => T::KindPetition,
        CaseKind::Request => T::KindRequest,
        CaseKind::Assistance => T::KindAssistance,
    })
}

pub fn case_status(lang: Lang, s: CaseStatus) -> &'static str {
    lang.t(match s {
        CaseStatus::Open => T::StatusOpen,
        CaseStatus::Mediating => T::StatusMediating,
        CaseStatus::Resolved => T::StatusResolved,
        CaseStatus::Closed => T::StatusClosed,
        CaseStatus::Escalated => T::StatusEscalated,
    })
}

pub fn closure(lang: Lang, c: Closure) -> &'static str {
    lang.t(match c {
        Closure::Withdrawn => T::ClosureWithdrawn,
        Closure::Settled => T::ClosureSettled,
        Closure::Agreement => T::ClosureAgreement,
        Closure::Other => T::ClosureOther,
    })
}

pub fn file_status(lang: Lang, s: FileStatus) -> &'static str {
    lang.t(match s {
        FileStatus::Registered => T::FileRegistered,
        FileStatus::Reviewed => T::FileReviewed,
        FileStatus::Noticed => T::FileNoticed,
        FileStatus::Published => T::FilePublished,
        FileStatus::Claimed => T::FileClaimed,
        FileStatus::Tracking => T::FileTracking,
        FileStatus::Closed => T::FileClosed,
    })
}

pub fn role(lang: Lang, r: Role) -> &'static str {
    lang.t(match r {
        Role::Steward => T::RoleSteward,
        Role::BuildingHead => T::RoleBuildingHead,
        Role::Cadre => T::RoleCadre,
        Role::PartyVolunteer => T::RolePartyVolunteer,
        Role::Volunteer => T::RoleVolunteer,
        Role::CaringNeighbour => T::RoleCaringNeighbour,
        Role::Worker => T::RoleWorker,
        Role::Admin => T::RoleAdmin,
    })
}

pub fn care_level(lang: Lang, level: u8) -> &'static str {
    lang.t(match level {
        1 => T::Level1,
        2 => T::Level2,
        _ => T::Level3,
    })
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
        Error::Invalid { field, reason } => lang.fill(T::ErrInvalid, &[field, reason]),
        Error::InvalidTransition { from, to, reason } => {
            lang.fill(T::ErrTransition, &[from, to, reason])
        }
        Error::Import { line, reason } => lang.fill(T::ErrImport, &[line, reason]),
        Error::Corrupt { kind, reason } => lang.fill(T::ErrCorrupt, &[kind, reason]),
        other => lang.fill(T::ErrGeneric, &[other]),
    }
}

fn kind_name(lang: Lang, kind: &str) -> &str {
    if lang == Lang::En {
        return kind;
    }
    match kind {
        "elder" | "elders" => "老人",
        "resident" => "居民",
        "household" => "户",
        "member" => "成员",
        "case" => "案件",
        "grid" => "网格",
        "partner" => "共建单位",
        "pledge" => "认领",
        "fund" => "基金记录",
        "meeting" => "会议",
        "visit" => "走访",
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
