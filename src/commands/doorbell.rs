//! `qiaomen doorbell ELDER [--at TIME]` and `qiaomen doorbell --stdin`: doorbell presses
//! recorded as check-ins by doorbell (outcome ok). The reading and checking of a relay's JSON
//! Lines is the domain's (`qiaomen_core::doorbell`): all or nothing, the bad line named.

use std::io::Read;

use qiaomen_core::doorbell::{Press, parse_at, read_events};
use qiaomen_core::{Command, Error, Reads, lookup};

use crate::cli::DoorbellArgs;
use crate::context::Context;
use crate::error::{AppError, arg};
use crate::i18n::T;

/// The most a relay may send in one run: 16 MiB (some 300,000 presses, far more than one
/// batch may record; a longer input is refused, not read into memory).
const STDIN_MAX: u64 = 16 << 20;

pub fn run(ctx: &Context, a: &DoorbellArgs) -> Result<String, AppError> {
    let lang = ctx.lang;
    let now = ctx.now()?;
    let presses = if a.stdin {
        let mut text = String::new();
        std::io::stdin()
            .take(STDIN_MAX + 1)
            .read_to_string(&mut text)
            .map_err(|_| {
                AppError::Core(Error::Import {
                    line: 0,
                    reason: qiaomen_core::reason::ImportFault::NotText,
                })
            })?;
        if text.len() as u64 > STDIN_MAX {
            return Err(AppError::Usage(
                lang.fill(T::DoorbellTooLong, &[&(STDIN_MAX >> 20)]),
            ));
        }
        let elders = ctx.backend.elders()?;
        read_events(&text, &elders, ctx.offset_minutes, now)?
    } else {
        let query = a.elder.as_deref().unwrap_or_default();
        let elder = lookup::elder(&*ctx.backend, query)?;
        let (date, time) = match &a.at {
            Some(t) => arg(parse_at(t, ctx.offset_minutes, now.date), lang)?,
            None => (now.date, now.time),
        };
        let device = elder
            .care
            .as_ref()
            .and_then(|c| c.doorbell_device.as_deref())
            .unwrap_or_default()
            .to_owned();
        vec![Press {
            elder: elder.id,
            date,
            time,
            device,
        }]
    };
    if presses.is_empty() {
        return Ok(format!("{}\n", lang.t(T::DoorbellNone)));
    }
    let sent = presses.len();
    let applied = ctx
        .backend
        .apply(Command::Doorbell(presses), &ctx.actor()?)?;
    let recorded = applied.records.len();
    Ok(format!(
        "{}\n",
        lang.fill(T::DoorbellSaved, &[&recorded, &(sent - recorded)])
    ))
}
