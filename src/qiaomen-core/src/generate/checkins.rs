//! The check-in history: every elder, every day, written straight to bytes. At subdistrict
//! scale over five years this is millions of lines, so no `Record` is built per line; the
//! bytes are exactly what serde_json writes for `Record::Checkin` (a test holds them to it).
//!
//! A day of an elder: mostly one `ok` between 07:30 and 10:30 by one of the callers; now and
//! then a `no-answer` first and an `ok` on the second try; sometimes `unwell`, rarely
//! `needs-help`; short `away` spells (the days after carry the away, so nothing is written);
//! and about one elder-day in a hundred never reached.

use std::io::Write;

use super::rng::{Rng, Stream};
use crate::day::Date;
use crate::error::Result;
use crate::model::{Id, Method, Outcome};

/// What the check-in loop needs of an elder.
pub(crate) struct Elder {
    pub id: Id,
    pub callers: Vec<Id>,
    pub doorbell: bool,
}

const OK_NOTES: &[&str] = &["精神不错", "已提醒天冷添衣", "说儿子周末回来", "刚买菜回来"];
const UNWELL_NOTES: &[&str] = &[
    "头晕，已提醒按时服药",
    "感冒咳嗽，告知家属",
    "腰腿疼，建议去社区卫生服务中心",
    "血压偏高，下午再问",
];
const HELP_NOTES: &[&str] = &[
    "家中水管漏水，需要上门维修",
    "摔了一跤，已联系家属",
    "药吃完了，需要代购",
];
const AWAY_NOTES: &[&str] = &["去女儿家小住", "住院治疗", "回老家探亲", "随子女外出旅游"];
const NO_ANSWER_NOTE: &str = "电话无人接听";
const MAX_AWAY_DAYS: i64 = 14;

/// One check-in line; the strings are already JSON (quoted and escaped).
struct Line<'a> {
    /// `{"type":"checkin","elder":ID,"date":"`
    head: &'a [u8],
    date: &'a [u8; 10],
    seq: u16,
    minute: u16,
    by: &'a str,
    method: Method,
    outcome: Outcome,
    note: &'a str,
    away_until: Option<&'a [u8; 10]>,
}

fn push_two(buf: &mut Vec<u8>, n: u16) {
    buf.push(b'0' + (n / 10) as u8);
    buf.push(b'0' + (n % 10) as u8);
}

fn push_number(buf: &mut Vec<u8>, mut n: u16) {
    let mut digits = [0u8; 5];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend_from_slice(&digits[i..]);
}

impl Line<'_> {
    fn write(&self, buf: &mut Vec<u8>) {
        buf.extend_from_slice(self.head);
        buf.extend_from_slice(self.date);
        buf.extend_from_slice(b"\",\"seq\":");
        push_number(buf, self.seq);
        buf.extend_from_slice(b",\"time\":\"");
        push_two(buf, self.minute / 60);
        buf.push(b':');
        push_two(buf, self.minute % 60);
        buf.extend_from_slice(b"\",\"by\":");
        buf.extend_from_slice(self.by.as_bytes());
        buf.extend_from_slice(b",\"method\":\"");
        buf.extend_from_slice(self.method.as_str().as_bytes());
        buf.extend_from_slice(b"\",\"outcome\":\"");
        buf.extend_from_slice(self.outcome.as_str().as_bytes());
        buf.extend_from_slice(b"\",\"note\":");
        buf.extend_from_slice(self.note.as_bytes());
        buf.extend_from_slice(b",\"away_until\":");
        match self.away_until {
            Some(d) => {
                buf.push(b'"');
                buf.extend_from_slice(d);
                buf.push(b'"');
            }
            None => buf.extend_from_slice(b"null"),
        }
        // A generated roll call has no ladder steps (check-in format 2's fields, empty).
        buf.extend_from_slice(b",\"contact\":null,\"case\":null}\n");
    }
}

fn json(text: &str) -> String {
    serde_json::to_string(text).expect("strings always serialise")
}

fn jsons(texts: &[&str]) -> Vec<String> {
    texts.iter().map(|t| json(t)).collect()
}

/// An elder as the loop sees them: JSON pieces ready, the usual calling time, any away spell.
struct State {
    head: Vec<u8>,
    callers: Vec<String>,
    doorbell: bool,
    /// The minute of the day this elder is usually called.
    usual: i64,
    /// Away through this day index (inclusive); -1 when at home.
    away_through: i64,
}

/// Writes `days` days of check-ins from `first`, day by day and elder by elder (the order of
/// the store's keys). `names` gives a member's name by id. Returns the number of lines.
pub(crate) fn write<'n>(
    seed: u64,
    first: Date,
    days: u32,
    elders: &[Elder],
    names: impl Fn(Id) -> &'n str,
    out: &mut dyn Write,
) -> Result<usize> {
    let dates: Vec<[u8; 10]> = (0..i64::from(days) + MAX_AWAY_DAYS)
        .map(|d| {
            let text = first.add_days(d).to_string();
            text.as_bytes().try_into().expect("dates are ten bytes")
        })
        .collect();
    let mut states: Vec<State> = elders
        .iter()
        .map(|e| {
            let mut rng = Rng::of(seed, Stream::CheckIn, e.id);
            State {
                head: format!("{{\"type\":\"checkin\",\"elder\":{},\"date\":\"", e.id).into_bytes(),
                callers: e.callers.iter().map(|&m| json(names(m))).collect(),
                doorbell: e.doorbell,
                usual: rng.range(7 * 60 + 50, 10 * 60 + 10),
                away_through: -1,
            }
        })
        .collect();
    let (ok_notes, unwell, help, away) = (
        jsons(OK_NOTES),
        jsons(UNWELL_NOTES),
        jsons(HELP_NOTES),
        jsons(AWAY_NOTES),
    );
    let (empty, no_answer) = (json(""), json(NO_ANSWER_NOTE));
    let mut rng = Rng::of(seed, Stream::CheckIn, u64::MAX);
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 16);
    let mut lines = 0;
    for d in 0..i64::from(days) {
        let date = &dates[d as usize];
        for s in &mut states {
            if s.away_through >= d {
                continue;
            }
            let mut line = Line {
                head: &s.head,
                date,
                seq: 0,
                // 07:30–10:30: twenty minutes either side of the usual time.
                minute: (s.usual + rng.range(-20, 20)) as u16,
                by: if s.callers.len() == 1 || rng.chance(0.75) {
                    &s.callers[0]
                } else {
                    &s.callers[rng.index(s.callers.len())]
                },
                method: if s.doorbell && rng.chance(0.5) {
                    Method::Doorbell
                } else {
                    rng.weighted(&[
                        (Method::Phone, 85),
                        (Method::Visit, 10),
                        (Method::Neighbour, 5),
                    ])
                },
                outcome: Outcome::Ok,
                note: &empty,
                away_until: None,
            };
            let r = rng.unit();
            let (first_outcome, then_ok) = match r {
                r if r < 0.005 => continue,
                r if r < 0.010 => (Outcome::NoAnswer, false),
                r if r < 0.012 => (Outcome::Away, false),
                r if r < 0.072 => (Outcome::NoAnswer, true),
                r if r < 0.092 => (Outcome::Unwell, false),
                r if r < 0.094 => (Outcome::NeedsHelp, false),
                _ => (Outcome::Ok, false),
            };
            line.outcome = first_outcome;
            match first_outcome {
                Outcome::Ok if rng.chance(0.04) => line.note = &ok_notes[rng.index(ok_notes.len())],
                Outcome::Unwell => line.note = &unwell[rng.index(unwell.len())],
                Outcome::NeedsHelp => line.note = &help[rng.index(help.len())],
                Outcome::Away => {
                    let through = d + rng.range(1, MAX_AWAY_DAYS - 1);
                    s.away_through = through;
                    line.note = &away[rng.index(away.len())];
                    if rng.chance(0.75) {
                        line.away_until = Some(&dates[through as usize]);
                    }
                }
                Outcome::NoAnswer => {
                    if line.method != Method::Doorbell {
                        line.method = Method::Phone;
                    }
                    if rng.chance(0.5) {
                        line.note = &no_answer;
                    }
                }
                Outcome::Ok => {}
            }
            line.write(&mut buf);
            lines += 1;
            // Never reached: one or two more tries that go unanswered too.
            let retries = if first_outcome == Outcome::NoAnswer && !then_ok {
                rng.range(0, 2)
            } else {
                i64::from(then_ok)
            };
            for _ in 0..retries {
                line.seq += 1;
                line.minute = (i64::from(line.minute) + rng.range(15, 45)).min(11 * 60 + 59) as u16;
                line.note = &empty;
                if then_ok {
                    line.outcome = Outcome::Ok;
                    line.method = Method::Phone;
                }
                line.write(&mut buf);
                lines += 1;
            }
            if buf.len() > 60_000 {
                out.write_all(&buf)?;
                buf.clear();
            }
        }
    }
    out.write_all(&buf)?;
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::day::ClockTime;
    use crate::model::CheckIn;
    use crate::record::Record;

    #[test]
    fn lines_are_byte_for_byte_what_serde_writes() {
        let date = Date::parse("2026-03-09").unwrap();
        let until = Date::parse("2026-03-15").unwrap();
        let (date_b, until_b): ([u8; 10], [u8; 10]) = (
            date.to_string().as_bytes().try_into().unwrap(),
            until.to_string().as_bytes().try_into().unwrap(),
        );
        let head = b"{\"type\":\"checkin\",\"elder\":1234567,\"date\":\"".to_vec();
        for (i, &outcome) in Outcome::ALL.iter().enumerate() {
            for &method in Method::ALL {
                for (by, note) in [
                    ("梅秀英", ""),
                    ("Anne \"Li\"", "a\\b\tc"),
                    ("区建国", "摔了一跤"),
                ] {
                    let away = (outcome == Outcome::Away).then_some(until);
                    let expected = Record::Checkin(CheckIn {
                        elder: 1_234_567,
                        date,
                        seq: (i * 7) as u16,
                        time: ClockTime::new(7 + i as u8, 5 * i as u8).unwrap(),
                        by: by.to_owned(),
                        method,
                        outcome,
                        note: note.to_owned(),
                        away_until: away,
                        contact: None,
                        case: None,
                    })
                    .to_line();
                    let (by, note) = (json(by), json(note));
                    let mut buf = Vec::new();
                    Line {
                        head: &head,
                        date: &date_b,
                        seq: (i * 7) as u16,
                        minute: ((7 + i) * 60 + 5 * i) as u16,
                        by: &by,
                        method,
                        outcome,
                        note: &note,
                        away_until: away.map(|_| &until_b),
                    }
                    .write(&mut buf);
                    assert_eq!(String::from_utf8(buf).unwrap(), format!("{expected}\n"));
                }
            }
        }
    }
}
