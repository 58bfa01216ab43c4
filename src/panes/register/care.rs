//! The register pane's care views (issue 16): volunteer teams, services given, and who in
//! care is due this week (support contacts and the services of the plans). `Enter` opens the
//! selected team or line in full; `b` records a service for the selected person or household.
//!
//! ```text
//! ┌──────────────────────────────────────┐┌───────────────────────────┐
//! │ 应在        对象     事项       结对人││ 解红军 · 残疾人士          │
//! │ 11-28 逾期  解红军   残疾人士   陈志强││ 结对人 陈志强（一对一）    │
//! │ 12-01       韩梓涵   四点半课堂 青禾… ││ 上次 2026-11-21 服务       │
//! └──────────────────────────────────────┘└───────────────────────────┘
//! ```

use qiaomen_core::Reads;
use qiaomen_core::care::{
    DueContact, DueService, Provider, Service, ServicePlan, Support, Team, Whom, contacts_due,
    services_due, whom_grid,
};
use qiaomen_core::model::{Household, Id, Member, Resident, Visit};
use qiaomen_core::{Date, Result};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::RegisterPane;
use super::render::list_view;
use crate::backend::Backend;
use crate::chrome::{clean, field};
use crate::columns::{Cell as ColCell, Column, Kind, ListRow};
use crate::commands::care::{hours, person_label, provider_label};
use crate::i18n::{self, Lang, T};
use crate::panes::list::{Cursor, frame_block};
use crate::theme;
use crate::view::Ctx;

/// A team as the list shows it.
pub struct TeamLine {
    pub team: Team,
    pub leader: String,
    pub members: Vec<String>,
    pub services: usize,
    pub minutes: u64,
}

/// A service as the list shows it.
pub struct ServiceLine {
    pub service: Service,
    /// The resident's name, or the household's head (`#4` without one).
    pub whom: String,
    pub by: String,
    pub helpers: Vec<String>,
}

/// What is due: a contact with someone in care of this kind, or a plan's service.
#[derive(Clone, Copy)]
pub enum What {
    Contact(qiaomen_core::model::Category),
    Service(qiaomen_core::care::ServiceKind),
}

impl What {
    fn words(self, lang: Lang) -> &'static str {
        match self {
            What::Contact(k) => i18n::category(lang, k),
            What::Service(k) => i18n::service_kind(lang, k),
        }
    }
}

/// One line of the due-this-week view: a contact with someone in care, or a plan's service.
pub struct DueCareLine {
    pub whom: Whom,
    pub name: String,
    pub due: Date,
    pub overdue: bool,
    pub last: Option<Date>,
    /// The support's kind or the service's kind.
    pub what: What,
    /// The carers, or the provider.
    pub by: Vec<String>,
    pub every_days: u16,
    pub contact: Option<DueContact>,
    pub service: Option<DueService>,
}

#[derive(Default)]
pub struct CareLists {
    pub teams: Vec<TeamLine>,
    pub team_cursor: Cursor,
    pub services: Vec<ServiceLine>,
    pub service_cursor: Cursor,
    pub due: Vec<DueCareLine>,
    pub due_cursor: Cursor,
}

/// The name a list shows for a person or household.
fn short_whom(store: &dyn Backend, whom: Whom) -> Result<String> {
    Ok(match whom {
        Whom::Resident(r) => store
            .get::<Resident>(r)?
            .map_or_else(|| format!("#{r}"), |r| r.name),
        Whom::Household(h) => {
            let head = match store
                .get::<Household>(h)?
                .and_then(|h| h.members.first().copied())
            {
                Some(id) => store.get::<Resident>(id)?.map(|r| r.name),
                None => None,
            };
            head.unwrap_or_else(|| format!("#{h}"))
        }
    })
}

fn member_names(store: &dyn Backend, ids: &[Id]) -> Result<Vec<String>> {
    let mut out = Vec::with_capacity(ids.len());
    for &id in ids {
        out.push(
            store
                .get::<Member>(id)?
                .map_or_else(|| format!("#{id}"), |m| m.name),
        );
    }
    Ok(out)
}

fn sep(lang: Lang) -> &'static str {
    if lang == Lang::Zh { "、" } else { ", " }
}

impl CareLists {
    /// Reads the teams, the services (newest first) and what is due this week; with a grid,
    /// the services and lines of that grid's people and households.
    pub fn load(store: &dyn Backend, today: Date, grid: Option<Id>) -> Result<Self> {
        let in_grid = |w: Whom| -> bool {
            grid.is_none_or(|g| whom_grid(store, w).is_ok_and(|(wg, _)| wg == g))
        };
        let mut services = store.all::<Service>()?;
        services.sort_by_key(|s| std::cmp::Reverse((s.date, s.id)));
        let mut teams = Vec::new();
        for t in store.all::<Team>()? {
            let mut members = Vec::with_capacity(t.members.len());
            for p in &t.members {
                members.push(person_label(store, *p)?);
            }
            let own: Vec<&Service> = services
                .iter()
                .filter(|s| s.by == Provider::Team(t.id))
                .collect();
            teams.push(TeamLine {
                leader: t
                    .leader
                    .map(|l| person_label(store, l))
                    .transpose()?
                    .unwrap_or_default(),
                members,
                services: own.len(),
                minutes: own.iter().map(|s| u64::from(s.minutes)).sum(),
                team: t,
            });
        }
        let mut service_lines = Vec::new();
        for s in services.iter().filter(|s| in_grid(s.whom)) {
            let mut helpers = Vec::with_capacity(s.helpers.len());
            for h in &s.helpers {
                helpers.push(person_label(store, *h)?);
            }
            service_lines.push(ServiceLine {
                whom: short_whom(store, s.whom)?,
                by: provider_label(store, s.by)?,
                helpers,
                service: s.clone(),
            });
        }
        let residents = store.all::<Resident>()?;
        let mut due = Vec::new();
        for c in contacts_due(
            &store.all::<Support>()?,
            &store.all::<Visit>()?,
            &services,
            &residents,
            today,
        ) {
            if !in_grid(c.whom) {
                continue;
            }
            due.push(DueCareLine {
                whom: c.whom,
                name: short_whom(store, c.whom)?,
                due: c.due,
                overdue: c.overdue,
                last: c.last,
                what: What::Contact(c.kind),
                by: member_names(store, &c.carers)?,
                every_days: c.every_days,
                contact: Some(c),
                service: None,
            });
        }
        for s in services_due(&store.all::<ServicePlan>()?, &services, &residents, today) {
            if !in_grid(s.whom) {
                continue;
            }
            due.push(DueCareLine {
                whom: s.whom,
                name: short_whom(store, s.whom)?,
                due: s.due,
                overdue: s.overdue,
                last: s.last,
                what: What::Service(s.kind),
                by: vec![provider_label(store, s.by)?],
                every_days: s.every_days,
                contact: None,
                service: Some(s),
            });
        }
        due.sort_by_key(|l| (!l.overdue, l.due));
        Ok(CareLists {
            teams,
            services: service_lines,
            due,
            ..CareLists::default()
        })
    }

    /// Keeps the cursors where they were, within the new lengths.
    pub fn keep_cursors(&mut self, before: &CareLists) {
        self.team_cursor.selected = before.team_cursor.selected;
        self.service_cursor.selected = before.service_cursor.selected;
        self.due_cursor.selected = before.due_cursor.selected;
        self.team_cursor.clamp(self.teams.len());
        self.service_cursor.clamp(self.services.len());
        self.due_cursor.clamp(self.due.len());
    }

    /// Who a service recorded from the current view would be for.
    pub fn whom_in(&self, view: super::View) -> Option<Whom> {
        match view {
            super::View::Services => self
                .services
                .get(self.service_cursor.selected)
                .map(|l| l.service.whom),
            super::View::CareDue => self.due.get(self.due_cursor.selected).map(|l| l.whom),
            _ => None,
        }
    }
}

/// `11-28 逾期` / `11-28 overdue`: the list has no room for the year.
fn short_due(lang: Lang, due: Date, overdue: bool) -> String {
    let md = format!("{:02}-{:02}", due.month(), due.day());
    if overdue {
        format!("{md} {}", lang.t(T::CareOverdue))
    } else {
        md
    }
}

fn md(d: Date) -> String {
    format!("{:02}-{:02}", d.month(), d.day())
}

impl RegisterPane {
    pub(super) fn render_teams(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        let lang = app.lang;
        let c = &self.care;
        let detail = if self.expanded {
            Some(area)
        } else {
            list_view(
                frame,
                area,
                &c.team_cursor,
                c.teams.len(),
                lang.t(T::NoTeams),
                |window| {
                    let columns = vec![
                        Column::new(lang.t(T::ColTeam), Kind::Name, 0),
                        Column::new(lang.t(T::ColKind), Kind::Word, 1),
                        Column::new(lang.t(T::ColMembers), Kind::Number, 2),
                    ];
                    let rows = window
                        .map(|i| {
                            let t = &c.teams[i];
                            ListRow {
                                cells: vec![
                                    clean(&t.team.name).into(),
                                    i18n::team_kind(lang, t.team.kind).into(),
                                    t.members.len().to_string().into(),
                                ],
                                selected: i == c.team_cursor.selected,
                            }
                        })
                        .collect();
                    (columns, rows)
                },
            )
        };
        let Some(detail) = detail else { return };
        let inner = frame_block(frame, detail, self.expanded, "");
        let Some(t) = c.teams.get(c.team_cursor.selected) else {
            return;
        };
        let mut lines = vec![
            Line::styled(
                clean(&format!("#{} {}", t.team.id, t.team.name)),
                theme::TITLE,
            ),
            Line::raw(i18n::team_kind(lang, t.team.kind)),
            field(lang.t(T::ColLeader), t.leader.clone()),
            field(lang.t(T::ColMembers), t.members.join(sep(lang))),
            field(
                lang.t(T::ColService),
                format!(
                    "{} · {}",
                    t.services,
                    lang.fill(T::HoursLine, &[&hours(t.minutes)])
                ),
            ),
        ];
        if !t.team.note.is_empty() {
            lines.push(field(lang.t(T::ColNote), t.team.note.clone()));
        }
        for s in c
            .services
            .iter()
            .filter(|s| s.service.by == Provider::Team(t.team.id))
            .take(if self.expanded { 50 } else { 5 })
        {
            lines.push(Line::raw(clean(&format!(
                "{} {} {} {}",
                md(s.service.date),
                s.whom,
                i18n::service_kind(lang, s.service.kind),
                lang.fill(T::MinutesShort, &[&s.service.minutes])
            ))));
        }
        self.draw_detail(frame, inner, lines, self.expanded);
    }

    pub(super) fn render_services(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        let lang = app.lang;
        let c = &self.care;
        let detail = if self.expanded {
            Some(area)
        } else {
            list_view(
                frame,
                area,
                &c.service_cursor,
                c.services.len(),
                lang.t(T::NoServices),
                |window| {
                    let columns = vec![
                        Column::new(lang.t(T::ColDate), Kind::Number, 0),
                        Column::new(lang.t(T::ColWhom), Kind::Name, 0),
                        Column::new(lang.t(T::ColService), Kind::Word, 1),
                        Column::new(lang.t(T::ColMinutes), Kind::Number, 2),
                    ];
                    let rows = window
                        .map(|i| {
                            let s = &c.services[i];
                            ListRow {
                                cells: vec![
                                    md(s.service.date).into(),
                                    clean(&s.whom).into(),
                                    i18n::service_kind(lang, s.service.kind).into(),
                                    s.service.minutes.to_string().into(),
                                ],
                                selected: i == c.service_cursor.selected,
                            }
                        })
                        .collect();
                    (columns, rows)
                },
            )
        };
        let Some(detail) = detail else { return };
        let inner = frame_block(frame, detail, self.expanded, "");
        let Some(s) = c.services.get(c.service_cursor.selected) else {
            return;
        };
        let mut lines = vec![
            Line::styled(
                clean(&format!(
                    "{} {} · {}",
                    s.service.date,
                    s.whom,
                    i18n::service_kind(lang, s.service.kind)
                )),
                theme::TITLE,
            ),
            field(lang.t(T::ColProvider), s.by.clone()),
            field(lang.t(T::ColMinutes), s.service.minutes.to_string()),
        ];
        if !s.helpers.is_empty() {
            lines.push(field(lang.t(T::ColMembers), s.helpers.join(sep(lang))));
        }
        if !s.service.note.is_empty() {
            lines.push(field(lang.t(T::ColNote), s.service.note.clone()));
        }
        lines.push(Line::styled(lang.t(T::CareHint), theme::DIM));
        self.draw_detail(frame, inner, lines, self.expanded);
    }

    pub(super) fn render_care_due(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        let lang = app.lang;
        let c = &self.care;
        let detail = if self.expanded {
            Some(area)
        } else {
            list_view(
                frame,
                area,
                &c.due_cursor,
                c.due.len(),
                lang.t(T::NoContactsDue),
                |window| {
                    let columns = vec![
                        Column::new(lang.t(T::ColDueOn), Kind::Word, 0),
                        Column::new(lang.t(T::ColWhom), Kind::Name, 0),
                        Column::new(lang.t(T::ColWhat), Kind::Word, 1),
                    ];
                    let rows = window
                        .map(|i| {
                            let l = &c.due[i];
                            let style = if l.overdue { theme::ALERT } else { theme::WARN };
                            ListRow {
                                cells: vec![
                                    ColCell::styled(short_due(lang, l.due, l.overdue), style),
                                    clean(&l.name).into(),
                                    l.what.words(lang).into(),
                                ],
                                selected: i == c.due_cursor.selected,
                            }
                        })
                        .collect();
                    (columns, rows)
                },
            )
        };
        let Some(detail) = detail else { return };
        let inner = frame_block(frame, detail, self.expanded, "");
        let Some(l) = c.due.get(c.due_cursor.selected) else {
            return;
        };
        let by_label = if l.contact.is_some() {
            T::ColCarers
        } else {
            T::ColProvider
        };
        let last = match (l.last, l.contact.as_ref().and_then(|c| c.last_by)) {
            (Some(d), Some(by)) => format!("{d} {}", i18n::contact_by_kind(lang, by)),
            (Some(d), None) => d.to_string(),
            _ => lang.t(T::CareNever).to_owned(),
        };
        let mut due = l.due.to_string();
        if l.overdue {
            due = format!("{due} {}", lang.t(T::CareOverdue));
        }
        let mut lines = vec![
            Line::styled(
                clean(&format!("{} · {}", l.name, l.what.words(lang))),
                theme::TITLE,
            ),
            field(lang.t(by_label), l.by.join(sep(lang))),
            field(lang.t(T::ColEvery), i18n::every_days(lang, l.every_days)),
            field(lang.t(T::ColLastContact), last),
            field(lang.t(T::ColDueOn), due),
        ];
        if l.contact.is_some() {
            lines.push(Line::styled(lang.t(T::ContactsNote), theme::DIM));
        }
        lines.push(Line::styled(lang.t(T::CareHint), theme::DIM));
        self.draw_detail(frame, inner, lines, self.expanded);
    }
}

/// The household file's services (issue 16): to the household or one of its residents, newest
/// first, with who gave them and how long; the latest three unless expanded.
pub(super) fn household_services(
    pane: &RegisterPane,
    app: &Ctx,
    f: &qiaomen_core::register::HouseholdFile,
    expanded: bool,
) -> Vec<Line<'static>> {
    let lang = app.lang;
    let id = f.household.id;
    let ours: Vec<&ServiceLine> = pane
        .care
        .services
        .iter()
        .filter(|s| match s.service.whom {
            Whom::Household(h) => h == id,
            Whom::Resident(r) => f.members.iter().any(|m| m.id == r),
        })
        .collect();
    if ours.is_empty() {
        return Vec::new();
    }
    let mut out = vec![Line::styled(
        format!("{} ({})", lang.t(T::ServicesReceived), ours.len()),
        theme::LABEL,
    )];
    for s in ours.iter().take(if expanded { usize::MAX } else { 3 }) {
        out.push(Line::raw(clean(&format!(
            "  {} {} {} {} {}",
            s.service.date,
            s.whom,
            i18n::service_kind(lang, s.service.kind),
            s.by,
            lang.fill(T::MinutesShort, &[&s.service.minutes])
        ))));
    }
    out
}
