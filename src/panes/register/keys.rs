//! The register pane's keys: moving, switching views, expanding the detail, and opening the
//! forms that change a household file, a pledge, the fund or the partners, and the household
//! form itself (`a` new, `h` the selected one).

use qiaomen_core::model::{Address, FileStatus, Household, Id};

use super::{RegisterPane, View};
use crate::action::Action;
use crate::effect::Effect;
use crate::i18n::T;
use crate::popups::{Popup, form::Form, household_form};
use crate::view::View as PaneView;

impl RegisterPane {
    /// A key on the register: views, filters, cursors and the expanded detail change here;
    /// forms and messages are returned as effects.
    pub fn update(&mut self, action: Action, view: &PaneView) -> Vec<Effect> {
        let before = self.selected().map(|r| r.household.id);
        let mut effects = handle(self, action, view);
        if self.selected().map(|r| r.household.id) != before {
            self.scroll = 0;
            if let Err(e) = self.load_file(view.backend) {
                effects.push(Effect::Fail(e));
            }
        }
        effects
    }
}

fn handle(pane: &mut RegisterPane, action: Action, app: &PaneView) -> Vec<Effect> {
    if pane.expanded {
        let consumed = match action {
            Action::Down => {
                pane.scroll = pane.scroll.saturating_add(1).min(pane.scroll_max.get());
                true
            }
            Action::Up => {
                pane.scroll = pane.scroll.saturating_sub(1);
                true
            }
            Action::PageDown => {
                pane.scroll = pane.scroll.saturating_add(10).min(pane.scroll_max.get());
                true
            }
            Action::PageUp => {
                pane.scroll = pane.scroll.saturating_sub(10);
                true
            }
            Action::Home => {
                pane.scroll = 0;
                true
            }
            Action::End => {
                pane.scroll = pane.scroll_max.get();
                true
            }
            Action::RegisterExpand | Action::Close => {
                pane.expanded = false;
                true
            }
            _ => false,
        };
        if consumed {
            return Vec::new();
        }
    }
    let moved = match pane.view {
        View::Households => pane.cursor.apply(action, pane.visible.len()),
        View::Partners => pane.partner_cursor.apply(action, pane.partners.len()),
        View::Fund => pane.fund_cursor.apply(action, pane.fund.len()),
        View::VisitsDue => pane.due_cursor.apply(action, pane.visits_due.len()),
        View::Teams => pane.care.team_cursor.apply(action, pane.care.teams.len()),
        View::Services => pane
            .care
            .service_cursor
            .apply(action, pane.care.services.len()),
        View::CareDue => pane.care.due_cursor.apply(action, pane.care.due.len()),
        View::Activities => pane.activity_cursor.apply(action, pane.activities.len()),
        View::Meetings => pane.meeting_cursor.apply(action, pane.meetings.len()),
        View::Visits => pane.visit_cursor.apply(action, pane.visits.len()),
    };
    if moved {
        return Vec::new();
    }
    if pane.view == View::VisitsDue
        && let Some(effects) = due_action(pane, action, app)
    {
        return effects;
    }
    let open = |f: Form| vec![Effect::Open(Popup::Form(f))];
    let error = |key: T| vec![Effect::Error(app.lang.t(key).to_owned())];
    match action {
        Action::RegisterView => {
            pane.view = pane.view.next();
            pane.expanded = false;
            Vec::new()
        }
        Action::RegisterExpand => {
            pane.expanded = true;
            pane.scroll = 0;
            Vec::new()
        }
        Action::CycleStatusFilter if pane.view == View::Households => {
            let all = FileStatus::ALL;
            pane.filter = match pane.filter {
                None => Some(all[0]),
                Some(s) => all
                    .iter()
                    .position(|x| *x == s)
                    .and_then(|i| all.get(i + 1).copied()),
            };
            pane.refilter();
            Vec::new()
        }
        Action::AddFund => {
            let household = match pane.view {
                View::Households => pane.selected().map(|r| r.household.id),
                _ => None,
            };
            open(Form::fund_entry(
                app.lang,
                &pane.partners,
                household,
                app.now.date,
            ))
        }
        Action::NewHousehold => {
            let grid = app.grid_filter.or_else(|| app.grids.first().map(|g| g.id));
            match grid {
                None => error(T::HhNoGrid),
                Some(grid) => {
                    let base = Household {
                        id: 0,
                        grid,
                        address: Address::default(),
                        members: Vec::new(),
                        categories: Vec::new(),
                        needs: String::new(),
                        file: Vec::new(),
                    };
                    open(Form::household(app.lang, app.grids, base, &[]))
                }
            }
        }
        Action::EditHousehold => edit_household(pane, app),
        Action::AddService => add_service(pane, app),
        Action::NewPartner => open(Form::new_partner(app.lang)),
        Action::AddActivity => {
            // The partner in view: the selected partner, or the selected activity's.
            let partner = match pane.view {
                View::Partners => pane.selected_partner().map(|p| p.id),
                View::Activities => pane.selected_activity().map(|a| a.partner),
                _ => None,
            };
            if pane.partners.is_empty() {
                error(T::NoPartnerYet)
            } else {
                open(Form::activity(
                    app.lang,
                    &pane.partners,
                    partner,
                    app.now.date,
                ))
            }
        }
        Action::BatchNotice => {
            let ids: Vec<Id> = pane
                .rows
                .iter()
                .map(|r| &r.household)
                .filter(|h| h.file_status() == Some(FileStatus::Reviewed))
                .map(|h| h.id)
                .collect();
            if ids.is_empty() {
                vec![Effect::Say(app.lang.t(T::NoReviewed).to_owned())]
            } else {
                open(Form::notice(app.lang, ids, app.now.date))
            }
        }
        Action::FileStep
        | Action::FileReopen
        | Action::Claim
        | Action::Deliver
        | Action::EndPledge
        | Action::AddVisit => household_action(pane, action, app),
        _ => Vec::new(),
    }
}

/// In the visits-due view, `Enter` opens the selected household in the households view and
/// `w` records a visit to it; what follows if the key was taken.
fn due_action(pane: &mut RegisterPane, action: Action, app: &PaneView) -> Option<Vec<Effect>> {
    let Some(household) = pane.selected_due().map(|l| l.row.item.household) else {
        return matches!(action, Action::RegisterExpand | Action::AddVisit).then(Vec::new);
    };
    match action {
        Action::RegisterExpand => {
            let (today, grid) = (app.now.date, app.grid_filter);
            let shown = pane.reveal_household(app.backend, today, grid, household);
            Some(Effect::or_fail(shown.map(|()| Vec::new())))
        }
        Action::AddVisit => {
            let form = Form::visit(app.lang, household, app.now.date, app.operator);
            Some(vec![Effect::Open(Popup::Form(form))])
        }
        _ => None,
    }
}

/// `h`: the selected household's form, its members named in order.
fn edit_household(pane: &RegisterPane, app: &PaneView) -> Vec<Effect> {
    if pane.view != View::Households {
        return vec![Effect::Error(app.lang.t(T::HouseholdsOnly).to_owned())];
    }
    let Some(h) = pane.selected().map(|r| r.household.clone()) else {
        return Vec::new();
    };
    match household_form::member_names(app.backend, &h) {
        Ok(names) => {
            let form = Form::household(app.lang, app.grids, h, &names);
            vec![Effect::Open(Popup::Form(form))]
        }
        Err(e) => vec![Effect::Fail(e)],
    }
}

/// The keys that work on the selected household.
fn household_action(pane: &RegisterPane, action: Action, app: &PaneView) -> Vec<Effect> {
    let lang = app.lang;
    if pane.view != View::Households {
        return vec![Effect::Error(lang.t(T::HouseholdsOnly).to_owned())];
    }
    let Some(h) = pane.selected().map(|r| r.household.clone()) else {
        return Vec::new();
    };
    let today = app.now.date;
    let form = match action {
        Action::FileStep => match qiaomen_core::register::next_status(h.file_status()) {
            None => Err(T::FileAtEnd),
            Some(FileStatus::Noticed) => Ok(Form::notice(lang, vec![h.id], today)),
            Some(FileStatus::Claimed) if pane.partners.is_empty() => Err(T::NoPartnerYet),
            Some(FileStatus::Claimed) => Ok(Form::claim(lang, h.id, &pane.partners, today)),
            Some(to) => Ok(Form::file_step(lang, &h, to)),
        },
        Action::FileReopen => Form::file_reopen(lang, &h).ok_or(T::NothingToReopen),
        Action::Claim if pane.partners.is_empty() => Err(T::NoPartnerYet),
        Action::Claim => Ok(Form::claim(lang, h.id, &pane.partners, today)),
        Action::Deliver | Action::EndPledge => {
            let active = pane.active_pledges(h.id);
            if active.is_empty() {
                Err(T::NoActivePledge)
            } else if action == Action::Deliver {
                Ok(Form::deliver(lang, h.id, &active, &pane.partners, today))
            } else {
                Ok(Form::end_pledge(lang, h.id, &active, &pane.partners))
            }
        }
        _ => Ok(Form::visit(lang, h.id, today, app.operator)),
    };
    vec![match form {
        Ok(f) => Effect::Open(Popup::Form(f)),
        Err(key) => Effect::Error(lang.t(key).to_owned()),
    }]
}

/// `b`: a service for the selected household (households view), or for the person or
/// household of the selected line (services and due-this-week views).
fn add_service(pane: &RegisterPane, app: &PaneView) -> Vec<Effect> {
    use qiaomen_core::care::Whom;
    let whom = match pane.view {
        View::Households => pane.selected().map(|r| Whom::Household(r.household.id)),
        View::Services | View::CareDue => pane.care.whom_in(pane.view),
        _ => None,
    };
    let Some(whom) = whom else {
        return vec![Effect::Error(app.lang.t(T::ServiceNeedsWhom).to_owned())];
    };
    vec![match crate::popups::care_form::service(app, whom) {
        Ok(form) => Effect::Open(Popup::Form(form)),
        Err(e) => Effect::Fail(e),
    }]
}
