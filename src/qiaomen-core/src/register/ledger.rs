//! The assistance fund (帮扶基金): amounts in fen, the balance, and what may be paid out.
//! Integers only, with checked arithmetic: a sum that does not fit is an error, never a
//! wrapped or rounded figure.

use crate::day::Date;
use crate::error::{Error, Result};
use crate::model::{Direction, FundEntry};

pub(super) fn overflow() -> Error {
    Error::invalid("amount_fen", crate::reason::Reason::SumTooLarge)
}

/// `1234567` fen → `12,345.67`.
pub fn format_yuan(fen: i64) -> String {
    let abs = fen.unsigned_abs();
    let digits = (abs / 100).to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if fen < 0 { "-" } else { "" };
    format!("{sign}{grouped}.{:02}", abs % 100)
}

/// Parses an amount of yuan as people type it (`12,345.67`, `500`, `¥80.5`, `80元`) into fen.
/// Amounts are never negative: the direction of an entry says in or out.
pub fn parse_yuan(text: &str) -> Result<i64> {
    let bad = || {
        Error::invalid(
            "amount",
            crate::reason::Reason::NotAnAmount {
                text: text.trim().to_owned(),
            },
        )
    };
    let t = text
        .trim()
        .trim_start_matches(['¥', '￥'])
        .trim_end_matches('元')
        .trim();
    let (whole, cents) = t.split_once('.').unwrap_or((t, ""));
    let whole: String = whole.chars().filter(|&c| c != ',').collect();
    if whole.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || cents.len() > 2
        || !cents.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(bad());
    }
    let yuan: i64 = whole.parse().map_err(|_| bad())?;
    let cents: i64 = match cents.len() {
        0 => 0,
        1 => cents.parse::<i64>().map_err(|_| bad())? * 10,
        _ => cents.parse().map_err(|_| bad())?,
    };
    yuan.checked_mul(100)
        .and_then(|f| f.checked_add(cents))
        .ok_or_else(overflow)
}

/// The entry's effect on the balance.
pub fn signed_fen(e: &FundEntry) -> i64 {
    match e.direction {
        Direction::In => e.amount_fen,
        Direction::Out => -e.amount_fen,
    }
}

pub(super) fn sum<'a>(entries: impl IntoIterator<Item = &'a FundEntry>) -> Result<i64> {
    entries
        .into_iter()
        .try_fold(0i64, |acc, e| acc.checked_add(signed_fen(e)))
        .ok_or_else(overflow)
}

/// The balance after every entry.
pub fn balance(entries: &[FundEntry]) -> Result<i64> {
    sum(entries)
}

/// The balance at the end of `day`.
pub fn balance_on(entries: &[FundEntry], day: Date) -> Result<i64> {
    sum(entries.iter().filter(|e| e.date <= day))
}

/// What the fund can pay out on `day` without its balance going below zero on that day or
/// any later one (an entry may be back-dated).
pub fn available_on(entries: &[FundEntry], day: Date) -> Result<i64> {
    let mut sorted: Vec<&FundEntry> = entries.iter().collect();
    sorted.sort_by_key(|e| (e.date, e.id));
    let mut running = sum(sorted.iter().copied().filter(|e| e.date <= day))?;
    let mut lowest = running;
    for e in sorted.iter().filter(|e| e.date > day) {
        running = running.checked_add(signed_fen(e)).ok_or_else(overflow)?;
        lowest = lowest.min(running);
    }
    Ok(lowest.max(0))
}

/// Refuses an `out` entry the fund cannot pay.
pub fn check_no_overdraft(entries: &[FundEntry], new: &FundEntry) -> Result<()> {
    if new.direction == Direction::In {
        return Ok(());
    }
    let available = available_on(entries, new.date)?;
    if new.amount_fen > available {
        return Err(Error::invalid(
            "amount_fen",
            crate::reason::Reason::Overdraw {
                available: format_yuan(available),
                date: new.date.to_string(),
                amount: format_yuan(new.amount_fen),
            },
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_are_formatted_by_integer_arithmetic() {
        assert_eq!(format_yuan(1_234_567), "12,345.67");
        assert_eq!(format_yuan(5), "0.05");
        assert_eq!(format_yuan(-100_000), "-1,000.00");
        assert_eq!(format_yuan(100_000_000), "1,000,000.00");
        assert_eq!(format_yuan(i64::MIN), "-92,233,720,368,547,758.08");
    }

    #[test]
    fn yuan_are_parsed_into_fen() {
        assert_eq!(parse_yuan("12,345.67").unwrap(), 1_234_567);
        assert_eq!(parse_yuan("¥80.5").unwrap(), 8050);
        assert_eq!(parse_yuan("500元").unwrap(), 50_000);
        for bad in [
            "",
            "-5",
            "1.234",
            "abc",
            "1e3",
            ".5",
            "99999999999999999999",
        ] {
            assert!(parse_yuan(bad).is_err(), "{bad}");
        }
    }
}
