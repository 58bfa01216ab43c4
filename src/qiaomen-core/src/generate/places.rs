//! Places and numbers: compound names, building-unit-room addresses, mobile phone numbers,
//! resident ID numbers with a correct GB 11643 check character, and partner names. All
//! fictional.

use super::rng::Rng;
use crate::day::Date;
use crate::model::{Address, Gender, PartnerKind};
use crate::text::id_check_char;

const PLACE_WORDS: &[&str] = &[
    "顺安", "桂馨", "枫林", "晴川", "和园", "锦绣", "芙蓉", "梅岭", "翠竹", "长青", "友谊", "新华",
    "丽景", "金桥", "兴隆", "荷塘", "紫荆", "南湖", "望月", "青松", "清水", "福寿", "康乐", "云栖",
    "杏林", "银杉", "嘉禾", "润泽", "红枫", "白沙", "桃源", "春晖", "玉兰", "秀峰", "蔚蓝", "星沙",
    "柳塘", "雅苑", "书香", "鹿鸣",
];

const COMPOUND_SUFFIXES: &[&str] = &["小区", "花园", "苑", "新村", "家园", "公寓", "佳园", "雅居"];

const PHASES: &[&str] = &["", "二期", "三期", "四期", "五期"];

/// The compound of grid `index`: every grid of a district gets its own name.
pub(crate) fn compound(index: usize) -> String {
    let words = PLACE_WORDS.len();
    let suffixes = COMPOUND_SUFFIXES.len();
    let word = PLACE_WORDS[index % words];
    let suffix = COMPOUND_SUFFIXES[(index / words + index) % suffixes];
    let phase = PHASES[(index / (words * suffixes)) % PHASES.len()];
    format!("{word}{suffix}{phase}")
}

/// The name of the whole installation at each scale.
pub(crate) fn community_name(grids: usize) -> &'static str {
    match grids {
        ..=10 => "晴川社区",
        11..=100 => "晴川街道",
        _ => "晴川区",
    }
}

/// Households per building: three units of six floors, two flats a floor.
const PER_BUILDING: usize = 36;

/// The flat of household `slot` (0-based, within its grid): `顺安小区 3-2-501`.
pub(crate) fn address(compound: &str, slot: usize) -> Address {
    let building = slot / PER_BUILDING + 1;
    let unit = slot % PER_BUILDING / 12 + 1;
    let floor = slot % 12 / 2 + 1;
    let flat = slot % 2 + 1;
    Address {
        building: building.to_string(),
        unit: unit.to_string(),
        room: format!("{floor}0{flat}"),
        text: compound.to_owned(),
    }
}

/// How many buildings `households` flats fill.
pub(crate) fn buildings(households: usize) -> usize {
    households.div_ceil(PER_BUILDING).max(1)
}

const MOBILE_PREFIXES: &[&str] = &[
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153",
    "155", "156", "157", "158", "159", "180", "181", "182", "183", "185", "186", "187", "188",
    "189",
];

/// An 11-digit mainland mobile number starting 13, 15 or 18.
pub(crate) fn phone(rng: &mut Rng) -> String {
    let prefix = rng.pick(MOBILE_PREFIXES);
    format!("{prefix}{:08}", rng.below(100_000_000))
}

/// Area codes of the districts and counties around Changsha, the first six digits.
const AREAS: &[(&str, u32)] = &[
    ("430102", 30),
    ("430103", 30),
    ("430104", 25),
    ("430105", 25),
    ("430111", 25),
    ("430112", 10),
    ("430121", 10),
    ("430181", 8),
    ("430381", 4),
    ("430521", 4),
    ("431021", 4),
    ("430602", 4),
];

/// A resident ID number: area, birth date, a sequence whose last digit is odd for men and
/// even for women, and the GB 11643 check character.
pub(crate) fn id_number(rng: &mut Rng, birth: Date, gender: Gender) -> String {
    let area = rng.weighted(AREAS);
    let mut seq = rng.below(1000) as u32;
    let odd = seq % 2 == 1;
    if (gender == Gender::Male) != odd {
        seq = (seq + 1) % 1000;
    }
    let body = format!(
        "{area}{:04}{:02}{:02}{seq:03}",
        birth.year(),
        birth.month(),
        birth.day()
    );
    let check = id_check_char(&body).expect("17 digits");
    let mut out = body;
    out.push(check);
    out
}

/// A birth date on which someone is exactly `age` on `today`.
pub(crate) fn birth_for_age(rng: &mut Rng, today: Date, age: i32) -> Date {
    let month = rng.range(1, 12) as u8;
    let day = rng.range(1, 28) as u8;
    let mut year = today.year() - age;
    if (month, day) > (today.month(), today.day()) {
        year -= 1;
    }
    Date::from_ymd(year, month, day).expect("days 1 to 28 exist in every month")
}

const BRANDS: &[&str] = &[
    "瑞禾", "嘉和", "恒泰", "鑫源", "华晟", "德润", "安信", "宏远", "康宁", "永丰", "福瑞", "天合",
    "致远", "博雅", "明达", "新禾", "金穗", "锦程", "益邦", "同舟",
];

const TRADES: &[&str] = &[
    "物业服务",
    "建筑工程",
    "餐饮管理",
    "医药连锁",
    "商贸",
    "电子科技",
    "家政服务",
    "装饰工程",
    "文化传媒",
    "健康管理",
    "养老服务",
    "食品",
];

const UNITS: &[&str] = &[
    "派出所",
    "社区卫生服务中心",
    "供电所",
    "消防救援站",
    "邮政支局",
    "税务分局",
    "市场监管所",
    "司法所",
];

const SCHOOLS: &[&str] = &["小学", "中学", "幼儿园", "职业技术学校"];

/// A partner's name by kind; individuals are named by the caller.
pub(crate) fn partner_name(rng: &mut Rng, kind: PartnerKind) -> String {
    let place = rng.pick(PLACE_WORDS);
    match kind {
        PartnerKind::Enterprise => {
            format!("{}{}有限公司", rng.pick(BRANDS), rng.pick(TRADES))
        }
        PartnerKind::Unit => format!("{place}{}", rng.pick(UNITS)),
        PartnerKind::School => format!("{place}{}", rng.pick(SCHOOLS)),
        PartnerKind::Bank => format!("{}银行{place}支行", rng.pick(BRANDS)),
        PartnerKind::Individual => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::rng::Stream;

    #[test]
    fn id_numbers_pass_the_checksum_and_carry_birth_and_gender() {
        let mut rng = Rng::of(3, Stream::Loose, 0);
        let birth = Date::parse("1941-03-07").unwrap();
        for g in [Gender::Female, Gender::Male] {
            for _ in 0..50 {
                let id = id_number(&mut rng, birth, g);
                assert_eq!(crate::text::id_number(&id).unwrap(), id);
                assert_eq!(&id[6..14], "19410307");
                let odd = (id.as_bytes()[16] - b'0') % 2 == 1;
                assert_eq!(odd, g == Gender::Male);
            }
        }
    }

    #[test]
    fn phones_are_mainland_mobiles() {
        let mut rng = Rng::of(3, Stream::Loose, 1);
        for _ in 0..200 {
            let p = phone(&mut rng);
            assert_eq!(p.len(), 11);
            assert!(p.starts_with("13") || p.starts_with("15") || p.starts_with("18"));
            assert_eq!(crate::text::phone("phone", &p).unwrap(), p);
        }
    }

    #[test]
    fn ages_and_addresses() {
        let mut rng = Rng::of(3, Stream::Loose, 2);
        let today = Date::parse("2026-02-28").unwrap();
        for age in 70..=95 {
            assert_eq!(today.years_since(birth_for_age(&mut rng, today, age)), age);
        }
        assert_eq!(address("顺安小区", 0).short(), "顺安小区 1-1-101");
        assert_eq!(address("顺安小区", 37).short(), "顺安小区 2-1-102");
        assert_eq!(address("顺安小区", 35).short(), "顺安小区 1-3-602");
        let names: std::collections::HashSet<String> = (0..600).map(compound).collect();
        assert_eq!(names.len(), 600);
    }
}
