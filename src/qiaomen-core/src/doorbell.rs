//! Doorbell presses (幸福门铃, issue 14 point 3): a press is a check-in by doorbell with the
//! outcome `ok`, so it counts as reached. Presses come one by one (`qiaomen doorbell ELDER`)
//! or as JSON Lines from a vendor's relay, one event a line with the device id:
//! `{"device":"DB-0012","at":"2026-12-01T08:03:00+08:00"}`.
//!
//! A batch is all or nothing: every line is read and checked first (a malformed line, an
//! unknown device, a press in the future or before the plan: the line is named and nothing is
//! recorded); then the presses are one command, one journal entry. The same elder pressing at
//! the same minute is one press: a relay that sends an event twice, in one batch or in two,
//! records it once.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::command::{Actor, Applied};
use crate::day::{ClockTime, Date, Now};
use crate::error::{Error, Result};
use crate::model::{CheckIn, Id, Method, Outcome, RecordRef, Resident};
use crate::store::{Batch, Store};

/// The longest device id.
pub const DEVICE_MAX: usize = 32;
/// The most presses one batch (one command) records; a relay sends more as several batches.
pub const BATCH_MAX: usize = 10_000;
/// A press may be stamped this many minutes ahead of the community's clock (a relay's clock
/// runs a little fast); later than that it is refused as in the future.
pub const CLOCK_SLACK_MINUTES: i64 = 5;

/// One press, resolved to its elder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Press {
    pub elder: Id,
    pub date: Date,
    pub time: ClockTime,
    /// The device that sent it; empty when recorded by hand for the elder.
    pub device: String,
}

/// A device id as typed or sent: trimmed, 1–32 printable ASCII characters without spaces.
pub fn device(text: &str) -> Result<String> {
    let t = text.trim();
    if t.is_empty() || t.len() > DEVICE_MAX {
        return Err(Error::invalid(
            "device",
            crate::reason::Reason::DeviceLength { max: DEVICE_MAX },
        ));
    }
    if !t.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::invalid(
            "device",
            crate::reason::Reason::NotADevice {
                text: crate::text::sanitize(t).into_owned(),
            },
        ));
    }
    Ok(t.to_owned())
}

/// Normalises a care plan's device id: empty means none.
pub fn check_device_field(field: &mut Option<Box<str>>) -> Result<()> {
    *field = match field.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(t) => Some(
            device(t)
                .map_err(|e| match e {
                    Error::Invalid { reason, .. } => Error::invalid("doorbell_device", reason),
                    other => other,
                })?
                .into(),
        ),
    };
    Ok(())
}

/// A moment as a relay or a person writes it, in the community's time: `2026-12-01T08:03:00+08:00`
/// (RFC 3339, any offset, `Z` for UTC), `2026-12-01T08:03` or `2026-12-01 08:03` (community
/// time), or `08:03` (today).
pub fn parse_at(text: &str, offset_minutes: i16, today: Date) -> Result<(Date, ClockTime)> {
    let bad = || {
        Error::invalid(
            "at",
            crate::reason::Reason::NotAPressTime {
                text: crate::text::sanitize(text.trim()).into_owned(),
            },
        )
    };
    let t = text.trim();
    if t.len() <= 5 {
        return Ok((today, ClockTime::parse(t).map_err(|_| bad())?));
    }
    if t.len() < 16 || !t.is_char_boundary(10) || !t.is_char_boundary(16) {
        return Err(bad());
    }
    let date = Date::parse(&t[..10]).map_err(|_| bad())?;
    if !matches!(t.as_bytes()[10], b'T' | b't' | b' ') {
        return Err(bad());
    }
    let hm = ClockTime::parse(&t[11..16]).map_err(|_| bad())?;
    let mut rest = &t[16..];
    if let Some(s) = rest.strip_prefix(':') {
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        if digits != 2 || s[..2].parse::<u8>().map_or(true, |sec| sec > 60) {
            return Err(bad());
        }
        rest = &s[2..];
        if let Some(frac) = rest.strip_prefix('.') {
            let n = frac.bytes().take_while(u8::is_ascii_digit).count();
            if n == 0 {
                return Err(bad());
            }
            rest = &frac[n..];
        }
    }
    let their_offset = match rest {
        "" => return Ok((date, hm)),
        "Z" | "z" => 0,
        o => crate::day::parse_offset(o).map_err(|_| bad())?,
    };
    let unix = Now::local(date, hm, their_offset).unix;
    let here = Now::at(unix, offset_minutes)?;
    Ok((here.date, here.time))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Event {
    device: String,
    at: String,
}

/// Reads a relay's JSON Lines into presses, all or nothing: the first bad line is named
/// (`Error::Import`). Blank lines are skipped. `elders` are the residents with a care plan.
pub fn read_events(
    text: &str,
    elders: &[Resident],
    offset_minutes: i16,
    now: Now,
) -> Result<Vec<Press>> {
    let mut devices: HashMap<&str, Vec<&Resident>> = HashMap::new();
    for r in elders {
        if let Some(d) = held_device(r) {
            devices.entry(d).or_default().push(r);
        }
    }
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let fail = |reason: crate::reason::ImportFault| Error::Import { line, reason };
        let refused = |e: Error| fail(crate::reason::ImportFault::Refused(Box::new((&e).into())));
        if raw.trim().is_empty() {
            continue;
        }
        let event: Event = serde_json::from_str(raw).map_err(|e| {
            fail(crate::reason::ImportFault::Unreadable {
                field: crate::reason::json_field(raw, &e),
            })
        })?;
        let id = device(&event.device).map_err(refused)?;
        let (date, time) = parse_at(&event.at, offset_minutes, now.date).map_err(refused)?;
        let elder = match devices.get(id.as_str()).map(Vec::as_slice) {
            Some([one]) => *one,
            Some(many) if many.len() > 1 => {
                // Two records claim one device (an import does not check): a press must not
                // be given to one of them by chance.
                return Err(fail(crate::reason::ImportFault::DeviceShared {
                    device: id.clone(),
                    names: many.iter().map(|r| r.name.clone()).collect(),
                }));
            }
            _ => {
                return Err(fail(crate::reason::ImportFault::DeviceUnknown {
                    device: id.clone(),
                }));
            }
        };
        let press = Press {
            elder: elder.id,
            date,
            time,
            device: id,
        };
        check_press(&press, elder, now).map_err(refused)?;
        out.push(press);
        if out.len() > BATCH_MAX {
            return Err(fail(crate::reason::ImportFault::TooManyPresses {
                max: BATCH_MAX,
            }));
        }
    }
    Ok(out)
}

/// The doorbell an elder holds: one in a care plan that has no end and of someone who has not
/// left. A device of a plan stopped or of someone gone is free for the next elder.
pub fn held_device(r: &Resident) -> Option<&str> {
    let care = r.care.as_ref()?;
    if r.left.is_some() || care.active_to.is_some() {
        return None;
    }
    care.doorbell_device.as_deref().map(str::trim)
}

/// A press must be of an elder on the roll that day, and not in the future.
pub fn check_press(p: &Press, elder: &Resident, now: Now) -> Result<()> {
    let Some(plan) = &elder.care else {
        return Err(Error::invalid(
            "elder",
            crate::reason::Reason::NoCarePlan {
                name: elder.name.clone(),
            },
        ));
    };
    let minutes = p.date.days_since(now.date) * 24 * 60 + i64::from(p.time.minutes())
        - i64::from(now.time.minutes());
    if minutes > CLOCK_SLACK_MINUTES {
        return Err(Error::invalid(
            "at",
            crate::reason::Reason::PressInFuture {
                date: p.date.to_string(),
                time: p.time.to_string(),
            },
        ));
    }
    if !plan.active_on(p.date) || !elder.lives_here_on(p.date) {
        return Err(Error::invalid(
            "at",
            crate::reason::Reason::NotOnRoll {
                name: elder.name.clone(),
                date: p.date.to_string(),
            },
        ));
    }
    Ok(())
}

impl Store {
    /// One doorbell, one elder: a device id already in another resident's care plan is
    /// refused (checked before journalling, like a grid's code).
    pub(crate) fn admit_device(&self, r: &Resident) -> Result<()> {
        let Some(d) = r.care.as_ref().and_then(|c| c.doorbell_device.as_deref()) else {
            return Ok(());
        };
        let d = d.trim();
        if let Some(other) = self
            .elders()?
            .into_iter()
            .find(|o| o.id != r.id && held_device(o).is_some_and(|x| x == d))
        {
            return Err(Error::invalid(
                "doorbell_device",
                crate::reason::Reason::DeviceTaken {
                    device: d.to_string(),
                    name: other.name.clone(),
                },
            ));
        }
        Ok(())
    }

    pub(crate) fn plan_doorbell(
        &self,
        presses: Vec<Press>,
        actor: &Actor,
        batch: &mut Batch,
    ) -> Result<(Applied, String, Vec<RecordRef>)> {
        if presses.is_empty() {
            return Err(Error::invalid("presses", crate::reason::Reason::NoPress));
        }
        if presses.len() > BATCH_MAX {
            return Err(Error::invalid(
                "presses",
                crate::reason::Reason::BatchTooLarge { max: BATCH_MAX },
            ));
        }
        let mut records = Vec::new();
        let mut last = None;
        // Presses already planned in this batch, per elder and day.
        let mut planned: HashMap<(Id, Date), Vec<CheckIn>> = HashMap::new();
        for p in presses {
            if !p.device.is_empty() {
                device(&p.device)?;
            }
            let elder = self.require::<Resident>(p.elder)?;
            check_press(&p, &elder, actor.now)?;
            let day = match planned.entry((p.elder, p.date)) {
                std::collections::hash_map::Entry::Occupied(o) => o.into_mut(),
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(self.checkins_of_on(p.elder, p.date)?)
                }
            };
            if day
                .iter()
                .any(|c| c.method == Method::Doorbell && c.time == p.time)
            {
                continue;
            }
            let seq = match day.iter().map(|c| c.seq).max() {
                None => 0,
                Some(s) => s.checked_add(1).ok_or_else(|| {
                    Error::invalid(
                        "seq",
                        crate::reason::Reason::NoAttemptsLeft {
                            name: elder.name.clone(),
                            date: p.date.to_string(),
                        },
                    )
                })?,
            };
            let c = CheckIn {
                elder: p.elder,
                date: p.date,
                seq,
                time: p.time,
                by: actor.operator.clone(),
                method: Method::Doorbell,
                outcome: Outcome::Ok,
                note: p.device,
                away_until: None,
                contact: None,
                case: None,
            };
            self.put_checkin(batch, &c)?;
            last = Some(c.key());
            records.push(RecordRef {
                kind: "resident".into(),
                id: c.elder,
            });
            day.push(c);
        }
        let summary = format!("doorbell {} presses", records.len());
        let applied = Applied {
            checkin: last,
            ..Applied::default()
        };
        Ok((applied, summary, records))
    }
}
