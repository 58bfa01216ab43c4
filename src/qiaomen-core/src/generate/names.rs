//! Chinese personal names: surnames weighted by how common they are (with Hunan's own
//! favourites a little heavier), given names that sound like the decade the person was born in.
//! The polyphonic surnames 单 (Shàn), 曾 (Zēng), 解 (Xiè), 仇 (Qiú) and 区 (Ōu) appear now
//! and then, because search by pinyin must cope with them.

use super::rng::Rng;
use crate::model::Gender;

/// Surnames with rough weights per ten thousand people.
const SURNAMES: &[(&str, u32)] = &[
    ("王", 700),
    ("李", 700),
    ("张", 600),
    ("刘", 620),
    ("陈", 560),
    ("杨", 300),
    ("黄", 250),
    ("赵", 200),
    ("吴", 200),
    ("周", 230),
    ("徐", 160),
    ("孙", 140),
    ("马", 120),
    ("朱", 120),
    ("胡", 140),
    ("郭", 100),
    ("何", 120),
    ("高", 100),
    ("林", 100),
    ("罗", 140),
    ("郑", 90),
    ("梁", 80),
    ("谢", 110),
    ("宋", 70),
    ("唐", 130),
    ("许", 70),
    ("韩", 60),
    ("冯", 60),
    ("邓", 120),
    ("曹", 60),
    ("彭", 130),
    ("曾", 110),
    ("肖", 110),
    ("田", 50),
    ("董", 50),
    ("袁", 60),
    ("潘", 40),
    ("蒋", 60),
    ("蔡", 40),
    ("余", 50),
    ("杜", 40),
    ("叶", 40),
    ("程", 40),
    ("苏", 40),
    ("魏", 40),
    ("丁", 30),
    ("任", 30),
    ("姚", 30),
    ("卢", 30),
    ("姜", 30),
    ("钟", 40),
    ("谭", 110),
    ("陆", 30),
    ("汪", 30),
    ("范", 30),
    ("石", 40),
    ("廖", 60),
    ("贺", 60),
    ("易", 50),
    ("龙", 40),
    ("文", 40),
    ("欧阳", 15),
    ("夏", 30),
    ("熊", 30),
    ("邹", 40),
    ("汤", 30),
    ("毛", 30),
    ("雷", 30),
    ("尹", 20),
    ("向", 30),
    ("戴", 20),
    ("梅", 15),
    ("单", 6),
    ("解", 5),
    ("仇", 4),
    ("区", 4),
];

/// Given-name characters by era (born before 1960, 1960–1989, from 1990) and gender:
/// `[first characters, second characters]`.
const FEMALE: [[&[&str]; 2]; 3] = [
    [
        &[
            "秀", "桂", "玉", "淑", "凤", "翠", "素", "金", "春", "冬", "月", "美",
        ],
        &[
            "英", "兰", "珍", "芳", "华", "梅", "莲", "琴", "云", "芝", "娥", "香",
        ],
    ],
    [
        &[
            "丽", "红", "燕", "静", "敏", "艳", "晓", "小", "海", "雪", "建", "利",
        ],
        &[
            "红", "丽", "霞", "娟", "萍", "玲", "燕", "静", "芳", "梅", "君", "虹",
        ],
    ],
    [
        &[
            "欣", "雨", "子", "诗", "梓", "思", "可", "佳", "一", "语", "心", "若",
        ],
        &[
            "涵", "怡", "彤", "萱", "琪", "悦", "然", "妍", "宁", "晨", "瑶", "琳",
        ],
    ],
];

const MALE: [[&[&str]; 2]; 3] = [
    [
        &[
            "建", "国", "德", "志", "永", "明", "秋", "福", "长", "海", "振", "宝",
        ],
        &[
            "国", "华", "明", "林", "生", "成", "全", "山", "清", "贵", "发", "忠",
        ],
    ],
    [
        &[
            "伟", "军", "勇", "志", "建", "海", "立", "卫", "小", "新", "爱", "红",
        ],
        &[
            "伟", "军", "平", "斌", "峰", "涛", "辉", "刚", "鹏", "波", "强", "东",
        ],
    ],
    [
        &[
            "浩", "子", "宇", "俊", "皓", "梓", "博", "铭", "睿", "一", "思", "嘉",
        ],
        &[
            "轩", "然", "宇", "辰", "杰", "航", "睿", "泽", "豪", "霖", "阳", "远",
        ],
    ],
];

pub(crate) fn surname(rng: &mut Rng) -> &'static str {
    rng.weighted(SURNAMES)
}

pub(crate) fn gender(rng: &mut Rng, female_share: f64) -> Gender {
    if rng.chance(female_share) {
        Gender::Female
    } else {
        Gender::Male
    }
}

/// A given name of one or two characters, in the taste of the birth year.
pub(crate) fn given(rng: &mut Rng, gender: Gender, birth_year: i32) -> String {
    let era = match birth_year {
        ..1960 => 0,
        1960..1990 => 1,
        _ => 2,
    };
    let [first, second] = if gender == Gender::Female {
        FEMALE[era]
    } else {
        MALE[era]
    };
    let one = rng.chance(0.18);
    let mut name = String::with_capacity(6);
    if !one {
        name.push_str(rng.pick(first));
    }
    let last = rng.pick(second);
    if name == last {
        // 伟伟, 红红: doubled names exist, but mostly among children's pet names.
        name.clear();
    }
    name.push_str(last);
    name
}

/// A full name: surname and given name.
pub(crate) fn person(rng: &mut Rng, surname: &str, gender: Gender, birth_year: i32) -> String {
    let mut name = String::with_capacity(9);
    name.push_str(surname);
    name.push_str(&given(rng, gender, birth_year));
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::rng::Stream;

    #[test]
    fn names_are_two_to_four_chinese_characters_and_vary() {
        let mut rng = Rng::of(1, Stream::Member, 0);
        let mut seen = std::collections::HashSet::new();
        let mut polyphonic = 0;
        for i in 0..5000 {
            let s = surname(&mut rng);
            let g = gender(&mut rng, 0.5);
            let name = person(&mut rng, s, g, 1930 + i % 90);
            let n = name.chars().count();
            assert!((2..=4).contains(&n), "{name}");
            assert!(crate::text::name("name", &name).is_ok());
            polyphonic += usize::from(["单", "曾", "解", "仇", "区"].contains(&s));
            seen.insert(name);
        }
        assert!(seen.len() > 2000, "only {} distinct names", seen.len());
        assert!(polyphonic > 0);
    }
}
