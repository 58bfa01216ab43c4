//! `qiaomen log` in the user's language: an audit line's command code (`meeting.add`,
//! `case.status`) as words (「新增会议」), its codes among the arguments (an outcome, a status)
//! as their words, an import's counts by kind, and a changed field's record kind and name as
//! the forms spell them. The audit line itself stays as stored (a code and its arguments),
//! so `--json` is unchanged; English shows it as stored.

use qiaomen_core::model::Outcome;
use qiaomen_core::words::Word;

use crate::i18n::{self, Lang, T};

/// A family of commands (the part before the dot) as a noun.
fn family(lang: Lang, code: &str) -> String {
    let zh = match code {
        "checkin" => "问候",
        "community" => "社区",
        "care" => "关爱计划",
        "ladder" => "升级阶梯",
        "doorbell" => "门铃",
        "notice" => "公示",
        "file" => "户档案",
        other => return i18n::kind_name(lang, other).replace('_', " "),
    };
    match lang {
        Lang::Zh => zh.to_owned(),
        Lang::En => code.replace('_', " "),
    }
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

/// An audit line (`meeting.add 楼道堆物清理`) in words (`新增会议 楼道堆物清理`). In English
/// the stored line is shown as it is: its codes are English already, and scripts and the
/// tests read them.
pub fn what(lang: Lang, what: &str) -> String {
    if lang == Lang::En {
        return what.to_owned();
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

/// One changed field: `居民 73 · 电话: "…7391" → "…1111"`; a status as its word, a
/// timeline (`events`) as how many entries it gained.
pub fn change(lang: Lang, kind: &str, id: u64, field: &str, before: &str, after: &str) -> String {
    let name = match field {
        "status" => lang.t(T::ColStatus).to_owned(),
        "events" => lang.t(T::Timeline).to_owned(),
        f => crate::error_words::field_name(lang, f),
    };
    let head = format!("{} {id} · {name}", family(lang, kind));
    let len = |v: &str| serde_json::from_str::<Vec<serde_json::Value>>(v).map(|v| v.len());
    if field == "events"
        && let (Ok(b), Ok(a)) = (len(before), len(after))
    {
        let n = a.saturating_sub(b);
        return format!("{head}: {}", lang.fill(T::LogEventsAdded, &[&n]));
    }
    let value = |v: &str| {
        let code = v.trim_matches('"');
        if field == "status" && !code.is_empty() {
            crate::error_words::status_word(lang, code)
        } else {
            v.to_owned()
        }
    };
    format!("{head}: {} → {}", value(before), value(after))
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
            "meeting.add 楼道堆物清理"
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
}
