//! The cells of a roster turned into values: dates in the many ways people type them (and Excel
//! date serials), genders, care categories, emergency contacts, and ID numbers checked against
//! GB 11643. A cell that cannot be read is a `Problem`, worded by the caller with its row and
//! column.

use qiaomen_core::Date;
use qiaomen_core::model::{Category, EmergencyContact, Gender};
use qiaomen_core::text::{ID_BIRTH_YEAR_MIN, id_birth, id_check_char};

use crate::i18n::{self, Lang};

/// What is wrong with one cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A cell that must be filled is empty.
    Empty,
    /// Not a date in any form we know.
    BadDate,
    /// A date of a day that does not exist (1952-02-30).
    NoSuchDay,
    /// Only a year and a month (出生年月), and no ID number to take the day from.
    MonthOnly,
    /// A birth date after today.
    Future,
    BadGender,
    /// A category that is none of the known words.
    BadCategory(String),
    IdLength,
    IdDigits,
    IdCheckDigit,
    /// The birth date inside the ID number is not a real day or is before 1900.
    IdBirth,
    /// The birth date column and the ID number disagree.
    BirthConflict,
    /// The gender column and the ID number disagree.
    GenderConflict,
    UnknownGrid,
    /// Not as many contact phones as contacts.
    ContactCount {
        names: usize,
        phones: usize,
    },
    /// The same person (or ID number) as on an earlier row.
    Repeated {
        first: usize,
    },
    /// A member in another grid than the head of their household (on row `head`).
    OtherGrid {
        head: usize,
    },
    /// The stored person the row matches has left (moved away or died): a roster read again
    /// does not bring them back into a household (see `plan::plan`).
    Left {
        name: String,
        date: qiaomen_core::Date,
        reason: qiaomen_core::model::LeaveReason,
    },
    /// A rule of the register (too long a name, a bad phone), worded by the app.
    Invalid(Box<qiaomen_core::wire::WireError>),
}

/// A date as people and spreadsheets write it: 1952-03-04, 1952/3/4, 1952.3.4, 1952年3月4日,
/// 19520304, or an Excel date serial (days since 1899-12-30); a time after it is ignored.
/// A year and month alone is `Err(MonthOnly)` (see `date_or_month`).
pub fn date(text: &str) -> Result<Date, Problem> {
    match date_or_month(text)? {
        DateCell::Day(d) => Ok(d),
        DateCell::Month(..) => Err(Problem::MonthOnly),
    }
}

/// A date cell: a day, or only a year and a month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateCell {
    Day(Date),
    Month(i32, u8),
}

pub fn date_or_month(text: &str) -> Result<DateCell, Problem> {
    let text = text.trim();
    // "1952-03-04 00:00:00", "1952年3月4日 星期二": the day is what comes first.
    let text = text.split_whitespace().next().unwrap_or("");
    if text.is_empty() {
        return Err(Problem::Empty);
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return match text.len() {
            8 => ymd(&text[..4], &text[4..6], &text[6..8]),
            // An Excel serial: 1 is 1900-01-01; 60 is Excel's 1900-02-29, which never was.
            1..=5 => {
                let n: i64 = text.parse().map_err(|_| Problem::BadDate)?;
                let epoch = Date::from_ymd(1899, 12, 30).map_err(|_| Problem::BadDate)?;
                match n {
                    0 | 60 => Err(Problem::NoSuchDay),
                    1..=59 => Ok(DateCell::Day(epoch.add_days(n + 1))),
                    _ => Ok(DateCell::Day(epoch.add_days(n))),
                }
            }
            _ => Err(Problem::BadDate),
        };
    }
    let parts: Vec<&str> = text
        .split(['-', '/', '.', '年', '月', '日'])
        .filter(|p| !p.is_empty())
        .collect();
    if !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
        || parts.first().is_none_or(|y| y.len() != 4)
    {
        return Err(Problem::BadDate);
    }
    match parts.as_slice() {
        [y, m, d] => ymd(y, m, d),
        [y, m] => {
            let (y, m) = (y.parse().ok(), m.parse().ok());
            match (y, m) {
                (Some(y), Some(m @ 1..=12)) => Ok(DateCell::Month(y, m)),
                _ => Err(Problem::NoSuchDay),
            }
        }
        _ => Err(Problem::BadDate),
    }
}

fn ymd(y: &str, m: &str, d: &str) -> Result<DateCell, Problem> {
    let (Ok(y), Ok(m), Ok(d)) = (y.parse(), m.parse(), d.parse()) else {
        return Err(Problem::BadDate);
    };
    Date::from_ymd(y, m, d)
        .map(DateCell::Day)
        .map_err(|_| Problem::NoSuchDay)
}

/// 男 / 女 and their English words and letters; empty is `None`.
pub fn gender(text: &str) -> Result<Option<Gender>, Problem> {
    match text.trim().to_lowercase().as_str() {
        "" => Ok(None),
        "男" | "男性" | "m" | "male" => Ok(Some(Gender::Male)),
        "女" | "女性" | "f" | "female" => Ok(Some(Gender::Female)),
        "未知" | "unknown" => Ok(Some(Gender::Unknown)),
        _ => Err(Problem::BadGender),
    }
}

/// The care categories of a cell: several separated by 、 , ， ; ； / |, each a word of the
/// rosters (独居老人, 残疾人, 困难家庭, 留守儿童, 特困供养 and kin), a label qiaomen shows in
/// either language, or a code.
pub fn categories(text: &str) -> Result<Vec<Category>, Problem> {
    let mut out = Vec::new();
    for word in text
        .split(['、', ',', '，', ';', '；', '/', '|'])
        .map(str::trim)
        .filter(|w| !w.is_empty())
    {
        out.push(category(word).ok_or_else(|| Problem::BadCategory(word.to_owned()))?);
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn category(word: &str) -> Option<Category> {
    let w = word.to_lowercase();
    let roster = match w.as_str() {
        "独居老人" | "独居" | "空巢老人" | "孤寡老人" => Some(Category::Elder),
        "残疾人" | "残疾" => Some(Category::Disabled),
        "困难家庭" | "困难户" | "低保" | "低保户" => Some(Category::InDifficulty),
        "特困供养" | "特困" | "特困人员" => Some(Category::SpecialSupport),
        _ => None,
    };
    roster.or_else(|| {
        Category::ALL.iter().copied().find(|&c| {
            c.as_str() == w
                || i18n::category(Lang::Zh, c) == w
                || i18n::category(Lang::En, c).eq_ignore_ascii_case(&w)
        })
    })
}

/// Emergency contacts from two cells: names as "姓名（关系）" (or "姓名(关系)"), and phones in
/// the same order, each list separated by ； ; 、 or a line break.
pub fn contacts(names: &str, phones: &str) -> Result<Vec<EmergencyContact>, Problem> {
    let split = |t: &str| -> Vec<String> {
        t.split(['；', ';', '、', '\n'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let (names, phones) = (split(names), split(phones));
    if names.len() != phones.len() {
        return Err(Problem::ContactCount {
            names: names.len(),
            phones: phones.len(),
        });
    }
    Ok(names
        .into_iter()
        .zip(phones)
        .map(|(n, phone)| {
            let (name, relation) = match n.find(['（', '(']) {
                Some(i) => (
                    n[..i].trim().to_owned(),
                    n[i..]
                        .trim_matches(['（', '(', '）', ')', ' '])
                        .trim()
                        .to_owned(),
                ),
                None => (n.clone(), String::new()),
            };
            EmergencyContact {
                name,
                relation,
                phone,
            }
        })
        .collect())
}

/// A resident ID number checked as GB 11643 says (18 characters, the check digit, a real birth
/// date from 1900), with a trailing x upper-cased.
pub fn id_number(text: &str) -> Result<String, Problem> {
    let t = text.trim().to_uppercase();
    if t.chars().count() != 18 || !t.is_ascii() {
        return Err(Problem::IdLength);
    }
    let (body, check) = t.split_at(17);
    let expected = id_check_char(body).ok_or(Problem::IdDigits)?;
    if !check.starts_with(expected) {
        return Err(Problem::IdCheckDigit);
    }
    match id_birth(body) {
        Some(b) if b.year() >= ID_BIRTH_YEAR_MIN => Ok(t),
        _ => Err(Problem::IdBirth),
    }
}

/// The gender an ID number carries: its 17th digit is odd for a man.
pub fn id_gender(id: &str) -> Option<Gender> {
    let digit = id.as_bytes().get(16)?;
    digit.is_ascii_digit().then(|| {
        if (digit - b'0') % 2 == 1 {
            Gender::Male
        } else {
            Gender::Female
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u8, d: u8) -> Date {
        Date::from_ymd(y, m, d).expect("a day")
    }

    #[test]
    fn dates_in_every_usual_form_are_one_day() {
        for text in [
            "1952-03-04",
            "1952/3/4",
            "1952.3.4",
            "1952年3月4日",
            "19520304",
            "1952-03-04 00:00:00",
            "19057",
        ] {
            assert_eq!(date(text), Ok(day(1952, 3, 4)), "{text}");
        }
        assert_eq!(date("1"), Ok(day(1900, 1, 1)));
        assert_eq!(date("61"), Ok(day(1900, 3, 1)));
        assert_eq!(date("1952年2月30日"), Err(Problem::NoSuchDay));
        assert_eq!(date("19521304"), Err(Problem::NoSuchDay));
        assert_eq!(date("三月"), Err(Problem::BadDate));
        assert_eq!(date("--"), Err(Problem::BadDate));
        assert_eq!(date("年月日"), Err(Problem::BadDate));
        assert_eq!(date("52-3-4"), Err(Problem::BadDate));
        assert_eq!(date("1952年3月"), Err(Problem::MonthOnly));
        assert_eq!(date_or_month("1952.03"), Ok(DateCell::Month(1952, 3)));
        assert_eq!(date(""), Err(Problem::Empty));
    }

    #[test]
    fn genders_and_categories_are_read_in_both_languages() {
        assert_eq!(gender("女"), Ok(Some(Gender::Female)));
        assert_eq!(gender("Male"), Ok(Some(Gender::Male)));
        assert_eq!(gender(""), Ok(None));
        assert_eq!(gender("x"), Err(Problem::BadGender));
        assert_eq!(
            categories("独居老人、残疾人；困难家庭, special_support，留守儿童"),
            Ok(vec![
                Category::Elder,
                Category::Disabled,
                Category::LeftBehindChild,
                Category::InDifficulty,
                Category::SpecialSupport,
            ])
        );
        assert_eq!(
            categories("老年人,left-behind child"),
            Ok(vec![Category::Elder, Category::LeftBehindChild])
        );
        assert_eq!(
            categories("独居老人、低收入"),
            Err(Problem::BadCategory("低收入".into()))
        );
    }

    #[test]
    fn contacts_pair_names_with_phones_in_order() {
        let got = contacts("柳青禾（女儿）；贺小满(侄子)", "13800000001；13800000002").expect("ok");
        assert_eq!(got.len(), 2);
        assert_eq!(
            (got[0].name.as_str(), got[0].relation.as_str()),
            ("柳青禾", "女儿")
        );
        assert_eq!(got[1].relation, "侄子");
        assert_eq!(got[1].phone, "13800000002");
        assert_eq!(
            contacts("柳青禾；贺小满", "13800000001"),
            Err(Problem::ContactCount {
                names: 2,
                phones: 1
            })
        );
    }

    #[test]
    fn id_numbers_are_checked_and_carry_birth_and_gender() {
        let body = "11010519491231002";
        let good = format!("{body}{}", id_check_char(body).expect("digits"));
        assert_eq!(id_number(&good), Ok(good.clone()));
        assert_eq!(id_gender(&good), Some(Gender::Female));
        let wrong = if good.ends_with('0') { "1" } else { "0" };
        assert_eq!(
            id_number(&format!("{body}{wrong}")),
            Err(Problem::IdCheckDigit)
        );
        assert_eq!(id_number("1101051949"), Err(Problem::IdLength));
        assert_eq!(id_number("1101051949123100A2"), Err(Problem::IdDigits));
        let body = "11010518991231001";
        let old = format!("{body}{}", id_check_char(body).expect("digits"));
        assert_eq!(id_number(&old), Err(Problem::IdBirth));
    }
}
