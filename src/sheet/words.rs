//! The import's problems and its dry run in words, Chinese or English: what is wrong with a
//! cell (named by its row and its column's header), with a file, or with the header mapping.

use qiaomen_core::model::Gender;

use super::columns::Field;
use super::mapping::{HEADER_SEARCH_ROWS, MapError};
use super::plan::Action;
use super::read::ReadError;
use super::roster::RowError;
use super::values::Problem;
use crate::i18n::{Lang, T, roster_header};

/// "第 14 行「身份证号」：校验位不符（数据库未作任何改动）".
pub fn row_error(lang: Lang, e: &RowError) -> String {
    lang.fill(
        T::SheetRowError,
        &[&e.row, &e.column, &problem(lang, &e.problem)],
    )
}

pub fn problem(lang: Lang, p: &Problem) -> String {
    let key = match p {
        Problem::Empty => T::ProbEmpty,
        Problem::BadDate => T::ProbBadDate,
        Problem::NoSuchDay => T::ProbNoSuchDay,
        Problem::MonthOnly => T::ProbMonthOnly,
        Problem::Future => T::ProbFuture,
        Problem::BadGender => T::ProbBadGender,
        Problem::BadCategory(word) => return lang.fill(T::ProbBadCategory, &[word]),
        Problem::IdLength => T::ProbIdLength,
        Problem::IdDigits => T::ProbIdDigits,
        Problem::IdCheckDigit => T::ProbIdCheck,
        Problem::IdBirth => T::ProbIdBirth,
        Problem::BirthConflict => T::ProbBirthConflict,
        Problem::GenderConflict => T::ProbGenderConflict,
        Problem::UnknownGrid => T::ProbUnknownGrid,
        Problem::ContactCount { names, phones } => {
            return lang.fill(T::ProbContactCount, &[names, phones]);
        }
        Problem::Repeated { first } => return lang.fill(T::ProbRepeated, &[first]),
        Problem::OtherGrid { head } => return lang.fill(T::ProbOtherGrid, &[head]),
        Problem::Left { name, date, reason } => {
            let reason = crate::commands::people::resident::leave_reason(lang, *reason);
            return lang.fill(T::ProbLeft, &[name, date, &reason]);
        }
        // The register's own rule, as the core states it.
        Problem::Invalid(e) => {
            return match qiaomen_core::Error::from((**e).clone()) {
                qiaomen_core::Error::Invalid { reason, .. } => {
                    crate::error_words::reason(lang, &reason)
                }
                other => crate::i18n::error(lang, &other),
            };
        }
    };
    lang.t(key).to_owned()
}

pub fn read_error(lang: Lang, e: &ReadError) -> String {
    match e {
        ReadError::Io(e) => lang.fill(T::ErrGeneric, &[e]),
        ReadError::Encoding(enc) => lang.fill(T::SheetEncoding, &[&enc.name()]),
        ReadError::Csv { row, reason } => lang.fill(T::SheetCsv, &[row, reason]),
        ReadError::Workbook(why) => lang.fill(T::SheetWorkbook, &[why]),
        ReadError::NoSuchSheet { name, sheets } => {
            lang.fill(T::SheetNoSuchSheet, &[name, &sheets.join(", ")])
        }
        ReadError::NoSheet => lang.t(T::SheetNoSheet).to_owned(),
    }
}

pub fn map_error(lang: Lang, e: &MapError) -> String {
    match e {
        MapError::NoHeader => lang.fill(T::MapNoHeader, &[&HEADER_SEARCH_ROWS]),
        MapError::NoSuchRow(n) => lang.fill(T::MapNoSuchRow, &[n]),
        MapError::BadMap(arg) => {
            let codes: Vec<&str> = Field::ALL.iter().map(|f| f.code()).collect();
            lang.fill(T::MapBad, &[arg, &codes.join(", ")])
        }
        MapError::NoSuchColumn(h) => lang.fill(T::MapNoSuchColumn, &[h]),
        MapError::Twice {
            field,
            first,
            second,
        } => lang.fill(T::MapTwice, &[&field_name(lang, *field), first, second]),
        MapError::NoName => lang.t(T::MapNoName).to_owned(),
    }
}

/// A field as the mapping shows it: its code, and in Chinese its header too.
pub fn field_name(lang: Lang, f: Field) -> String {
    match lang {
        Lang::Zh => format!("{}（{}）", f.code(), roster_header(lang, f)),
        Lang::En => f.code().to_owned(),
    }
}

pub fn action(lang: Lang, a: Action) -> &'static str {
    lang.t(match a {
        Action::Add => T::ActAdd,
        Action::Update => T::ActUpdate,
        Action::Unchanged => T::ActUnchanged,
    })
}

pub fn gender(lang: Lang, g: Gender) -> &'static str {
    lang.t(match g {
        Gender::Male => T::GenderMale,
        Gender::Female => T::GenderFemale,
        Gender::Unknown => T::GenderUnknown,
    })
}
