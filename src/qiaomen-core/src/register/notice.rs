//! Public notices (审核公示): plain text for a notice board or a chat group, stored exactly as
//! published.
//!
//! A notice names no one in full: heads of household appear masked (徐*平), the address stops
//! at the building, and the whole text, free text included, goes through `mask::scrub`.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::mask::scrub;
use crate::day::Date;
use crate::error::{Error, Result};
use crate::model::{Address, Category, Household, Id, Resident};
use crate::text::{is_forbidden, mask_name};

/// A published notice: the households it listed, its period and its text, as posted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    #[serde(default)]
    pub id: Id,
    /// The first day of the notice period.
    pub date: Date,
    pub households: Vec<Id>,
    pub period_days: u16,
    pub text: String,
}

impl Notice {
    /// The last day of the notice period.
    pub fn last_day(&self) -> Date {
        self.date.add_days(i64::from(self.period_days) - 1)
    }
}

/// Notice periods are days; a week is usual, a quarter the most that makes sense.
pub const PERIOD_DAYS_MAX: u16 = 90;
/// Households in one batch notice.
pub const HOUSEHOLDS_MAX: usize = 200;
/// The text of a batch notice is far longer than a note.
const TEXT_MAX: usize = 200_000;

pub fn check_period(period_days: u16) -> Result<()> {
    if (1..=PERIOD_DAYS_MAX).contains(&period_days) {
        Ok(())
    } else {
        Err(Error::invalid(
            "period_days",
            crate::reason::Reason::PeriodDays {
                max: PERIOD_DAYS_MAX.into(),
            },
        ))
    }
}

/// The households of a notice: at least one, none twice, at most `HOUSEHOLDS_MAX`.
pub fn check_households(ids: &[Id]) -> Result<()> {
    if ids.is_empty() {
        return Err(Error::invalid(
            "households",
            crate::reason::Reason::NoHouseholds,
        ));
    }
    if ids.len() > HOUSEHOLDS_MAX {
        return Err(Error::invalid(
            "households",
            crate::reason::Reason::TooManyHouseholds {
                max: HOUSEHOLDS_MAX,
            },
        ));
    }
    if let Some(dup) = ids
        .iter()
        .enumerate()
        .find(|(i, id)| ids[..*i].contains(id))
    {
        return Err(Error::invalid(
            "households",
            crate::reason::Reason::HouseholdTwice { household: *dup.1 },
        ));
    }
    Ok(())
}

/// Checks a notice read from an import file.
pub fn validate_notice(n: &mut Notice) -> Result<()> {
    check_households(&n.households)?;
    check_period(n.period_days)?;
    if n.text.trim().is_empty() {
        return Err(Error::invalid("text", crate::reason::Reason::Empty));
    }
    if n.text.chars().count() > TEXT_MAX {
        return Err(Error::invalid(
            "text",
            crate::reason::Reason::AtMostChars { max: TEXT_MAX },
        ));
    }
    if let Some(c) = n.text.chars().find(|&c| is_forbidden(c)) {
        return Err(Error::invalid(
            "text",
            crate::reason::Reason::ControlCharacter { code: c as u32 },
        ));
    }
    Ok(())
}

fn category_zh(c: Category) -> &'static str {
    match c {
        Category::Elder => "老年人",
        Category::Disabled => "残疾人士",
        Category::LeftBehindChild => "留守儿童",
        Category::InDifficulty => "困难群众",
        Category::SpecialSupport => "特扶家庭",
    }
}

fn zh_date(d: Date) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// The address down to the building (SPEC §3, the notice rule). Free-text addresses are cut
/// after the first building marker (栋, 幢, 号楼), since `3栋2单元501室` is often typed as text.
/// An address with no building is a single house (`槐树巷12号`): its number says which door,
/// so only the street or compound is shown (`槐树巷`).
pub fn public_address(a: &Address) -> String {
    let mut text = a.to_building();
    if !a.building.is_empty() && a.building.chars().all(|c| c.is_ascii_digit()) {
        text.push('栋');
    }
    for marker in ["栋", "幢", "号楼"] {
        if let Some(i) = text.find(marker) {
            return text[..i + marker.len()].to_owned();
        }
    }
    // Below a building: a unit, a floor, a room or a door (`和平里二单元三〇一室`), cut with
    // the numerals before it.
    let below = ["单元", "室", "层", "户"]
        .iter()
        .filter_map(|m| text.find(m))
        .min()
        .unwrap_or(text.len());
    let house_number = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c) || c == '号';
    let cut = text[..below].find(house_number).unwrap_or(below);
    text[..cut]
        .trim_end_matches(|c: char| {
            c.is_whitespace() || "〇零一二三四五六七八九十百-－#".contains(c)
        })
        .to_owned()
}

/// The kinds of need a household's free text speaks of, in general words (SPEC §3: never a
/// medical condition, a device or a diagnosis, which the free text often names): `需要轮椅和
/// 护理床` is 医疗康复. Text that names none of them is 其他帮扶.
pub fn public_needs(needs: &str) -> Vec<&'static str> {
    const KINDS: &[(&str, &[&str])] = &[
        (
            "生活帮扶",
            &[
                "生活", "低保", "救助", "餐", "饭", "取暖", "过冬", "家务", "打扫", "保洁",
            ],
        ),
        (
            "医疗康复",
            &[
                "医",
                "药",
                "病",
                "康复",
                "轮椅",
                "护理",
                "住院",
                "残",
                "行动不便",
            ],
        ),
        ("助学帮扶", &["学", "功课", "辅导", "课业", "书"]),
        ("就业帮扶", &["就业", "工作", "失业", "岗位", "培训"]),
        (
            "住房修缮",
            &["房", "修", "漏", "改造", "扶手", "防滑", "电路", "水管"],
        ),
        (
            "关爱陪伴",
            &["陪伴", "慰藉", "看望", "探访", "孤独", "失独"],
        ),
    ];
    let text = needs.trim();
    if text.is_empty() {
        return Vec::new();
    }
    let found: Vec<&'static str> = KINDS
        .iter()
        .filter(|(_, words)| words.iter().any(|w| text.contains(w)))
        .map(|(kind, _)| *kind)
        .collect();
    if found.is_empty() {
        vec!["其他帮扶"]
    } else {
        found
    }
}

/// How a household is named in public: `徐*平户 顺安小区 3栋`.
pub fn public_label(h: &Household, members: &[Resident]) -> String {
    let head = members
        .first()
        .map_or_else(|| "某".to_owned(), |r| mask_name(&r.name));
    format!("{head}户 {}", public_address(&h.address))
}

/// The text of a notice listing `households` (each with its residents, head first), for a
/// period of `period_days` from `date`.
pub fn compose_notice(
    community: &str,
    households: &[(Household, Vec<Resident>)],
    date: Date,
    period_days: u16,
) -> Result<String> {
    check_period(period_days)?;
    let ids: Vec<Id> = households.iter().map(|(h, _)| h.id).collect();
    check_households(&ids)?;
    let last = date.add_days(i64::from(period_days) - 1);
    let mut t = format!("{community}帮扶对象公示\n\n");
    let _ = writeln!(
        t,
        "经社区审核，以下{}户拟纳入帮扶对象，现予公示。\n公示期：{}至{}（{period_days}天）。\n",
        households.len(),
        zh_date(date),
        zh_date(last)
    );
    for (i, (h, members)) in households.iter().enumerate() {
        let _ = writeln!(
            t,
            "{}. {}，{}人",
            i + 1,
            public_label(h, members),
            members.len()
        );
        if !h.categories.is_empty() {
            let cats: Vec<&str> = h.categories.iter().map(|&c| category_zh(c)).collect();
            let _ = writeln!(t, "   类别：{}", cats.join("、"));
        }
        let needs = public_needs(&h.needs);
        if !needs.is_empty() {
            let _ = writeln!(t, "   需求：{}", needs.join("、"));
        }
    }
    let _ = writeln!(
        t,
        "\n公示期内如有异议，请向社区居委会反映。\n{community}\n{}",
        zh_date(date)
    );
    let everyone: Vec<Resident> = households
        .iter()
        .flat_map(|(_, m)| m.iter().cloned())
        .collect();
    scrub(&t, &everyone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_text_addresses_stop_at_the_building() {
        let a = Address {
            text: "顺安小区3栋2单元501室".into(),
            ..Address::default()
        };
        assert_eq!(public_address(&a), "顺安小区3栋");
        let b = Address {
            building: "3".into(),
            unit: "2".into(),
            room: "501".into(),
            text: "顺安小区".into(),
        };
        assert_eq!(public_address(&b), "顺安小区 3栋");
    }

    #[test]
    fn a_single_house_shows_its_street_not_its_number() {
        for (text, shown) in [
            ("槐树巷12号", "槐树巷"),
            ("槐树巷 十二号", "槐树巷"),
            ("新桥村３组", "新桥村"),
            ("顺安小区", "顺安小区"),
            ("和平里二单元三〇一室", "和平里"),
            ("和平里 三〇一室", "和平里"),
            ("东风里七层", "东风里"),
        ] {
            let a = Address {
                text: text.into(),
                ..Address::default()
            };
            assert_eq!(public_address(&a), shown, "{text}");
        }
    }

    #[test]
    fn needs_are_said_in_general_words_never_the_condition() {
        assert_eq!(public_needs("行动不便，需要轮椅和护理床"), vec!["医疗康复"]);
        assert_eq!(public_needs("糖尿病，每月药费高"), vec!["医疗康复"]);
        assert_eq!(
            public_needs("居家适老化改造：卫生间扶手和防滑地面"),
            vec!["住房修缮"]
        );
        assert_eq!(public_needs("孩子功课需要辅导"), vec!["助学帮扶"]);
        assert_eq!(public_needs("说不清"), vec!["其他帮扶"]);
        assert!(public_needs("  ").is_empty());
    }

    #[test]
    fn the_last_day_counts_the_first() {
        let n = Notice {
            id: 1,
            date: Date::parse("2026-03-10").unwrap(),
            households: vec![1],
            period_days: 7,
            text: "x".into(),
        };
        assert_eq!(n.last_day().to_string(), "2026-03-16");
    }
}
