//! `qiaomen log` in the user's language: an audit line's command code (`meeting.add`,
//! `case.status`) as words (「新增会议」), its codes among the arguments (an outcome, a status)
//! as their words, an import's counts by kind, and a changed field's record kind and name as
//! the forms spell them, in either language; a refused command's line as the sentence its
//! author was given. The audit line itself stays as stored (a code and its arguments), so
//! `--json` is unchanged.

use qiaomen_core::model::Outcome;
use qiaomen_core::words::Word;

use crate::i18n::{self, Lang, T};

/// A family of commands (the part before the dot) as a noun.
fn family(lang: Lang, code: &str) -> String {
    let (zh, en) = match code {
        "checkin" => ("问候", "check-in"),
        "register" => ("台账", "register"),
        "configure" => ("社区设置", "settings"),
        "community" => ("社区", "community"),
        "care" => ("关爱计划", "care"),
        "ladder" => ("升级阶梯", "ladder"),
        "doorbell" => ("门铃", "doorbell"),
        "notice" => ("公示", "notice"),
        "file" => ("户档案", "file"),
        // A record kind: its words as the forms spell them.
        other => return i18n::kind_name(lang, other).replace('_', " "),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
    .to_owned()
}

/// An act (the part after the dot) as a template around its family's noun.
fn act(act: &str) -> Option<T> {
    Some(match act {
        "add" | "open" | "plan.add" => T::LogActAdd,
        "edit" | "set" | "cadence" | "since" => T::LogActEdit,
        "note" => T::LogActNote,
        "statement" => T::LogActStatement,
        "contact" => T::LogActContact,
        "party" => T::LogActParty,
        "pair" => T::LogActPair,
        "move" => T::LogActMove,
        "claim" => T::LogActClaim,
        "status" | "step" => T::LogActStatus,
        "session" => T::LogActSession,
        "follow_up" => T::LogActFollowUp,
        "follow_up_done" => T::LogActFollowUpDone,
        "escalate" => T::LogActEscalate,
        "return" | "reopen" => T::LogActReturn,
        "leave" | "deactivate" | "remove" | "end" | "plan.end" => T::LogActEnd,
        "deliver" => T::LogActDeliver,
        "done" | "decision_done" => T::LogActDone,
        "attend" => T::LogActAttend,
        "publish" => T::LogActPublish,
        "undo" => T::LogActUndo,
        _ => return None,
    })
}

/// An audit line (`meeting.add 楼道堆物清理`) in words (`新增会议 楼道堆物清理`, `add
/// meeting 楼道堆物清理`).
pub fn what(lang: Lang, what: &str) -> String {
    if let Some(rest) = what.strip_prefix("refused ")
        && let Some(worded) = refused(lang, rest)
    {
        return worded;
    }
    if let Some(rest) = what.strip_prefix("import ") {
        return import(lang, rest);
    }
    let (code, args) = what.split_once(' ').unwrap_or((what, ""));
    let (fam, a) = code.split_once('.').unwrap_or((code, ""));
    let head = if a.is_empty() {
        family(lang, fam)
    } else {
        match act(a) {
            Some(t) => lang.fill(t, &[&family(lang, fam)]),
            None => code.to_owned(),
        }
    };
    let mut args: Vec<String> = args.split(' ').map(str::to_owned).collect();
    if let Some(last) = args.last_mut() {
        let worded = match code {
            "checkin" => last
                .parse::<Outcome>()
                .ok()
                .map(|o| o.word(lang.words()).to_owned()),
            "case.status" | "household.step" => Some(crate::error_words::status_word(lang, last)),
            "doorbell" if last == "presses" => Some(lang.t(T::LogPresses).to_owned()),
            _ => None,
        };
        if let Some(w) = worded {
            *last = w;
        }
    }
    // Any other code among the arguments (a level, a method, a file status) as its word, when
    // the code has one word whatever its family.
    for a in &mut args {
        let is_code = !a.is_empty()
            && a.chars()
                .all(|c| c.is_ascii_lowercase() || c == '_' || c == '-');
        // A household's steps name its file's statuses.
        let field = if fam == "household" { "file" } else { "" };
        if is_code && let Some(w) = qiaomen_core::words::code_word(lang.words(), field, a) {
            *a = w.to_owned();
        }
    }
    let args = args.join(" ");
    if args.trim().is_empty() {
        head
    } else {
        format!("{head} {args}")
    }
}

/// `import demo: activity 7, case 14` as `导入 demo：共建活动 7、案件 14`.
fn import(lang: Lang, rest: &str) -> String {
    let (source, counts) = rest.rsplit_once(": ").unwrap_or((rest, ""));
    let sep = if lang == Lang::Zh { "、" } else { ", " };
    let counts: Vec<String> = counts
        .split(", ")
        .filter(|c| !c.is_empty())
        .map(|c| match c.rsplit_once(' ') {
            Some((kind, n)) => format!("{} {n}", family(lang, kind)),
            None => c.to_owned(),
        })
        .collect();
    lang.fill(T::LogImport, &[&source, &counts.join(sep)])
}

/// A refused command's audit line (`refused CheckIn: 刘晓燕 keeps G1; 宋长林 is in G6`, as
/// the server stores it: what was tried, a colon, why not in codes) as what was tried and the
/// sentence its author was given; `None` for a line of another shape (shown as stored).
fn refused(lang: Lang, rest: &str) -> Option<String> {
    use qiaomen_core::access::{Rank, Refusal};
    let (tried, why) = rest.split_once(": ")?;
    let tried = match tried.strip_prefix("Get ") {
        Some(tree) => {
            let tree = qiaomen_core::store::Tree::ALL
                .into_iter()
                .find(|t| t.name() == tree)?;
            lang.fill(T::LogReadOf, &[&crate::damage_words::tree(lang, tree)])
        }
        None => family(lang, command_family(tried)?),
    };
    let owned = |s: &str| s.to_owned();
    let refusal = if let Some(os_user) = why.strip_prefix("no member logs in as ") {
        Refusal::NoMember {
            os_user: owned(os_user),
        }
    } else if let Some(os_user) = why.strip_suffix(" is shared; no operator named") {
        return Some(lang.fill(
            T::LogRefused,
            &[&tried, &lang.fill(T::LogRefusedShared, &[&os_user])],
        ));
    } else if let Some((who, asked)) = why.split_once(" may not act as ") {
        Refusal::ActAs {
            who: owned(who),
            asked: owned(asked),
        }
    } else if let Some((who, elder)) = why.split_once(" does not call ") {
        Refusal::NotTheirElder {
            who: owned(who),
            elder: owned(elder),
        }
    } else if let Some((head, action)) = why.split_once("; ")
        && let Some(action) = action.strip_suffix(" are not theirs")
        && let Some((who, rank)) = head.rsplit_once(" is ")
    {
        let rank = [
            Rank::Admin,
            Rank::Secretary,
            Rank::Worker,
            Rank::Steward,
            Rank::Volunteer,
        ]
        .into_iter()
        .find(|r| r.code() == rank)?;
        let action = [
            "settings", "register", "cases", "checkins", "visits", "handover", "reports",
        ]
        .into_iter()
        .find(|a| *a == action)?;
        Refusal::Rank {
            who: owned(who),
            rank,
            action,
        }
    } else if let Some((head, tail)) = why.split_once("; ")
        && let Some((who, grids)) = head.split_once(" keeps ")
        && let Some((record, grid)) = tail.rsplit_once(" is in ")
    {
        Refusal::OutsideGrids {
            who: owned(who),
            grids: grids.split(',').map(owned).collect(),
            record: owned(record),
            grid: owned(grid),
        }
    } else {
        return None;
    };
    Some(lang.fill(T::LogRefused, &[&tried, &i18n::refusal(lang, &refusal)]))
}

/// The family (`checkin`, `case`) of a command by its name as the server records a refusal
/// (`CheckIn`, `CaseStatus`).
fn command_family(name: &str) -> Option<&'static str> {
    Some(match name {
        "Configure" => "configure",
        "SaveGrid" => "grid",
        "SaveMember" => "member",
        "SaveHousehold" => "household",
        "SaveResident" => "resident",
        "CheckIn" | "AnnotateCheckIn" | "UndoCheckIn" => "checkin",
        "OpenCase" | "CaseNote" | "CaseSession" | "CaseStatus" | "SetFollowUp" | "FollowUpDone"
        | "CaseWork" => "case",
        "Register" => "register",
        "People" => "person",
        "LadderStep" => "ladder",
        "Doorbell" => "doorbell",
        "Care" => "care",
        "Outreach" => "partner",
        _ => return None,
    })
}

/// One changed field: `居民 73 · 电话："…7391" → "…1111"`; a status as its word, a
/// timeline (`events`) as how many entries it gained.
pub fn change(lang: Lang, kind: &str, id: u64, field: &str, before: &str, after: &str) -> String {
    let name = match field {
        "status" => lang.t(T::ColStatus).to_owned(),
        "events" => lang.t(T::Timeline).to_owned(),
        f => crate::error_words::field_name(lang, f),
    };
    let colon = lang.colon();
    let head = format!("{} {id} · {name}{colon}", family(lang, kind));
    let len = |v: &str| serde_json::from_str::<Vec<serde_json::Value>>(v).map(|v| v.len());
    if field == "events"
        && let (Ok(b), Ok(a)) = (len(before), len(after))
    {
        let n = a.saturating_sub(b);
        return format!("{head}{}", lang.fill(T::LogEventsAdded, &[&n]));
    }
    let value = |v: &str| {
        let code = v.trim_matches('"');
        if field == "status" && !code.is_empty() {
            crate::error_words::status_word(lang, code)
        } else {
            v.to_owned()
        }
    };
    format!("{head}{} → {}", value(before), value(after))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audit_lines_in_words() {
        assert_eq!(
            what(Lang::Zh, "meeting.add 楼道堆物清理"),
            "新增会议 楼道堆物清理"
        );
        assert_eq!(
            what(Lang::En, "meeting.add 楼道堆物清理"),
            "add meeting 楼道堆物清理"
        );
        assert_eq!(
            what(Lang::En, "checkin 王秀英 2026-12-01 09:40 no_answer"),
            "check-in 王秀英 2026-12-01 09:40 no answer"
        );
        assert_eq!(
            what(Lang::En, "case.status #9 mediating"),
            "case status #9 mediating"
        );
        assert_eq!(what(Lang::Zh, "case.contact #3"), "案件联系 #3");
        assert_eq!(
            what(Lang::Zh, "checkin 王秀英 2026-12-01 09:40 no_answer"),
            "问候 王秀英 2026-12-01 09:40 未接通"
        );
        assert_eq!(
            what(Lang::Zh, "case.status #9 mediating"),
            "案件改状态 #9 调解中"
        );
        assert_eq!(
            what(Lang::Zh, "import demo: activity 7, case 14"),
            "导入 demo：共建活动 7、案件 14"
        );
        assert_eq!(what(Lang::Zh, "doorbell 3 presses"), "门铃 3 次按铃");
        // Codes among the arguments, and the kinds of the visit plan and settings.
        assert_eq!(
            what(Lang::Zh, "case.escalate #3 grid community"),
            "案件上报 #3 网格 社区"
        );
        assert_eq!(
            what(Lang::Zh, "household.reopen 5 closed -> tracking"),
            "户退回 5 已结档 -> 跟踪中"
        );
        assert_eq!(
            what(Lang::Zh, "campaign.add 秋季走访"),
            "新增走访活动 秋季走访"
        );
        assert_eq!(what(Lang::Zh, "configure 和平社区"), "社区设置 和平社区");
        // An unknown act stays its code.
        assert_eq!(what(Lang::Zh, "case.frobnicate #1"), "case.frobnicate #1");
    }

    #[test]
    fn a_refused_line_reads_as_the_sentence_its_author_was_given() {
        assert_eq!(
            what(
                Lang::Zh,
                "refused Get residents: 刘晓燕 keeps G1; 宋长林 is in G6"
            ),
            "被拒绝：读取居民。刘晓燕 是 G1 的网格管家；宋长林 属于 G6。"
        );
        assert_eq!(
            what(
                Lang::En,
                "refused CheckIn: 刘晓燕 keeps G1,G2; 宋长林 is in G6"
            ),
            "refused: check-in. 刘晓燕 is a steward of G1, G2; 宋长林 belongs to G6."
        );
        assert_eq!(
            what(
                Lang::Zh,
                "refused CaseStatus: 汤亚琴 is volunteer; cases are not theirs"
            ),
            "被拒绝：案件。汤亚琴 是志愿者，不能办理案件和人员档案。"
        );
        assert_eq!(
            what(Lang::Zh, "refused Register: no member logs in as bob"),
            "被拒绝：台账。OS 用户 bob 不是本社区的成员；请管理员为其添加成员（`qiaomen member add 姓名 --role 角色 --login bob`）。"
        );
        assert_eq!(
            what(
                Lang::Zh,
                "refused SaveGrid: ops is shared; no operator named"
            ),
            "被拒绝：网格。多名成员共用 OS 用户 ops，没有指明是谁。"
        );
        assert_eq!(
            what(Lang::Zh, "refused CheckIn: 汤亚琴 does not call 宋长林"),
            "被拒绝：问候。汤亚琴 不是 宋长林 的问候人。"
        );
        assert_eq!(
            what(Lang::Zh, "refused CheckIn: 陈 may not act as 李"),
            "被拒绝：问候。陈 不能以 李 的名义操作：只有管理员可以用 --as。"
        );
        // A line of another shape is shown as stored.
        assert_eq!(
            what(Lang::Zh, "refused Frobnicate: why"),
            "refused Frobnicate: why"
        );
    }

    #[test]
    fn a_changed_field_uses_the_language_s_colon() {
        assert_eq!(
            change(
                Lang::Zh,
                "case",
                4,
                "status",
                "\"mediating\"",
                "\"resolved\""
            ),
            "案件 4 · 状态：调解中 → 已化解"
        );
        assert_eq!(
            change(
                Lang::En,
                "case",
                4,
                "status",
                "\"mediating\"",
                "\"resolved\""
            ),
            "case 4 · Status: mediating → resolved"
        );
    }
}
