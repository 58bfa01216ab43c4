//! `generate`: a deterministic synthetic community as JSON Lines in the import format, for
//! trying the program at size and for benchmarks. The output depends only on the options
//! (scale, seed, days and the end date): no clock, no RNG crate, no hash-map order.
//!
//! It streams: residents are regenerated from the seed wherever a later section needs them,
//! and the check-ins (millions at subdistrict scale over years) are written straight to bytes.

mod cases;
mod checkins;
mod files;
mod help;
mod names;
mod outreach;
mod people;
mod places;
mod plan;
mod rng;
mod team;
#[cfg(test)]
mod tests;
mod work;

use std::collections::BTreeMap;
use std::io::{BufWriter, Write};

use crate::day::Date;
use crate::error::{Error, Result};
use crate::model::{Community, Id, Member, Partner, codes};
use crate::record::Record;

use plan::Plan;
pub use plan::Sizes;

/// The longest check-in history `generate` writes.
pub const MAX_DAYS: u32 = 36_500;

/// How large a community to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scale {
    /// One community: 6 grids, about 5,000 residents, 40 elders.
    Community,
    /// A subdistrict (街道): 60 grids, 100,000 residents, 2,000 elders.
    Subdistrict,
    /// A district (区): 600 grids, a million residents, 20,000 elders.
    District,
}

codes!(Scale { Community => "community", Subdistrict => "subdistrict", District => "district" });

impl Scale {
    /// Days of check-in history when none is asked for: a few weeks for a community to look
    /// at, a year for the larger scales.
    pub fn default_days(self) -> u32 {
        match self {
            Scale::Community => 28,
            Scale::Subdistrict | Scale::District => 365,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GenerateOptions {
    pub scale: Scale,
    pub seed: u64,
    /// Days of check-ins: the `days` days before `end`.
    pub days: u32,
    /// The day after the history: usually today, which gets no check-ins.
    pub end: Date,
}

/// How many records of each kind were written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GenerateReport {
    pub records: usize,
    pub by_kind: BTreeMap<&'static str, usize>,
}

/// What every section shares: the plan, and the members and partners others refer to by name.
pub(crate) struct Ctx {
    pub seed: u64,
    pub end: Date,
    /// The first day of check-ins.
    pub first: Date,
    pub plan: Plan,
    pub members: Vec<Member>,
    pub partners: Vec<Partner>,
}

impl Ctx {
    fn new(opts: &GenerateOptions) -> Ctx {
        let sizes = opts.scale.sizes();
        let mut ctx = Ctx {
            seed: opts.seed,
            end: opts.end,
            first: opts.end.add_days(-i64::from(opts.days)),
            plan: Plan::new(sizes, opts.seed),
            members: Vec::new(),
            partners: Vec::new(),
        };
        let members = (0..sizes.grids)
            .flat_map(|g| (0..sizes.members_per_grid).map(move |slot| (g, slot)))
            .map(|(g, slot)| team::member(&ctx, g, slot))
            .collect();
        ctx.members = members;
        let last = ctx.last_day();
        ctx.partners = (0..sizes.partners)
            .map(|i| work::partner(opts.seed, last, i))
            .collect();
        distinct_partners(&mut ctx.partners);
        ctx
    }

    /// The last day with records: the day before `end`.
    pub fn last_day(&self) -> Date {
        self.end.add_days(-1)
    }

    pub fn member_name(&self, id: Id) -> &str {
        &self.members[(id - 1) as usize].name
    }
}

struct Out<'a> {
    w: BufWriter<&'a mut dyn Write>,
    report: GenerateReport,
}

impl Out<'_> {
    fn put(&mut self, record: &Record) -> Result<()> {
        serde_json::to_writer(&mut self.w, record).map_err(std::io::Error::from)?;
        self.w.write_all(b"\n")?;
        self.count(record.kind(), 1);
        Ok(())
    }

    fn count(&mut self, kind: &'static str, n: usize) {
        if n > 0 {
            *self.report.by_kind.entry(kind).or_default() += n;
            self.report.records += n;
        }
    }
}

/// Writes the community to `out`, one record a line, in the order `import` reads.
pub fn generate(opts: &GenerateOptions, out: &mut dyn Write) -> Result<GenerateReport> {
    // Dates before 1900 would not import; a century of history is more than anyone needs.
    if opts.days > MAX_DAYS {
        return Err(Error::invalid(
            "days",
            crate::reason::Reason::DaysTooMany { max: MAX_DAYS },
        ));
    }
    let ctx = Ctx::new(opts);
    let sizes = ctx.plan.sizes;
    let mut w = Out {
        w: BufWriter::with_capacity(1 << 16, out),
        report: GenerateReport::default(),
    };
    let name = places::community_name(sizes.grids);
    w.put(&Record::Community(Community::named(name)))?;
    for g in 0..sizes.grids {
        w.put(&Record::Grid(team::grid(&ctx, g)))?;
    }
    for m in &ctx.members {
        w.put(&Record::Member(m.clone()))?;
    }
    for i in 0..ctx.plan.houses.len() {
        w.put(&Record::Household(people::household(&ctx, i)))?;
    }
    let mut elders = Vec::with_capacity(sizes.elders);
    for (g, grid) in ctx.plan.grids.iter().enumerate() {
        for i in grid.houses.clone() {
            for r in people::residents(&ctx, i) {
                if let Some(care) = &r.care {
                    elders.push(checkins::Elder {
                        id: r.id,
                        callers: care.callers.clone(),
                        doorbell: care.doorbell,
                    });
                }
                w.put(&Record::Resident(r))?;
            }
        }
        for id in grid.loose.clone() {
            w.put(&Record::Resident(people::loose(&ctx, id, g)))?;
        }
    }
    for p in &ctx.partners {
        w.put(&Record::Partner(p.clone()))?;
    }
    help::pledges(&ctx, |p| w.put(&Record::Pledge(p)))?;
    for f in help::fund(&ctx) {
        w.put(&Record::Fund(f))?;
    }
    // Issue 16: each grid's property company and owners' committee (before the cases, in the
    // order `export` writes).
    for o in outreach::orgs(&ctx) {
        w.put(&Record::Org(o))?;
    }
    // Case numbers follow the order cases were opened, as the store would have given them.
    let mut all: Vec<_> = (0..sizes.cases).map(|i| cases::case(&ctx, i)).collect();
    all.sort_by_key(|c| (c.opened, c.id));
    for (i, mut c) in all.into_iter().enumerate() {
        c.id = i as Id + 1;
        w.put(&Record::Case(c))?;
    }
    for m in work::meetings(&ctx) {
        w.put(&Record::Meeting(m))?;
    }
    work::visits(&ctx, |v| w.put(&Record::Visit(v)))?;
    // Issue 16: volunteer teams, their services and partners' activities.
    for t in outreach::teams(&ctx) {
        w.put(&Record::Team(t))?;
    }
    outreach::services(&ctx, |s| w.put(&Record::Service(s)))?;
    for a in outreach::activities(&ctx) {
        w.put(&Record::Activity(a))?;
    }
    let n = checkins::write(
        ctx.seed,
        ctx.first,
        opts.days,
        &elders,
        |id| ctx.member_name(id),
        &mut w.w,
    )?;
    w.count("checkin", n);
    w.w.flush()?;
    Ok(w.report)
}

/// Numbers the repeats of a partner's name and kind (`…有限公司（2）`): names are drawn from
/// short lists, and two partners with the same name and kind are refused by the import.
fn distinct_partners(partners: &mut [Partner]) {
    let mut seen: std::collections::HashMap<_, u32> = std::collections::HashMap::new();
    for p in partners.iter_mut() {
        loop {
            let n = seen
                .entry(crate::register::partners::partner_key(p))
                .or_insert(0);
            *n += 1;
            if *n == 1 {
                break;
            }
            let numbered = format!("{}（{}）", p.name, n);
            p.name = numbered;
        }
    }
}
