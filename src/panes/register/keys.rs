//! The register pane's keys: moving, switching views, expanding the detail, and opening the
//! forms that change a household file, a pledge, the fund or the partners, and the household
//! form itself (`a` new, `h` the selected one).

use qiaomen_core::model::{Address, FileStatus, Household, Id};

use super::View;
use crate::action::Action;
use crate::app::App;
use crate::i18n::T;
use crate::popups::{Popup, form::Form, household_form};

pub fn update(app: &mut App, action: Action) -> qiaomen_core::Result<()> {
    let before = app.register.selected().map(|r| r.household.id);
    handle(app, action);
    if app.register.selected().map(|r| r.household.id) != before {
        app.register.scroll = 0;
        let store = app.backend.clone();
        app.register.load_file(&*store)?;
    }
    Ok(())
}

fn handle(app: &mut App, action: Action) {
    let pane = &mut app.register;
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
            return;
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
    };
    if moved {
        return;
    }
    if pane.view == View::VisitsDue && due_action(app, action) {
        return;
    }
    let pane = &mut app.register;
    match action {
        Action::RegisterView => {
            pane.view = pane.view.next();
            pane.expanded = false;
        }
        Action::RegisterExpand => {
            pane.expanded = true;
            pane.scroll = 0;
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
        }
        Action::AddFund => {
            let household = match pane.view {
                View::Households => pane.selected().map(|r| r.household.id),
                _ => None,
            };
            let form = Form::fund_entry(app.lang, &pane.partners, household, app.now.date);
            app.popup = Some(Popup::Form(form));
        }
        Action::NewHousehold => {
            let grid = app.grid_filter.or_else(|| app.grids.first().map(|g| g.id));
            match grid {
                None => app.error(app.lang.t(T::HhNoGrid)),
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
                    let form = Form::household(app.lang, &app.grids, base, &[]);
                    app.popup = Some(Popup::Form(form));
                }
            }
        }
        Action::EditHousehold => edit_household(app),
        Action::AddService => add_service(app),
        Action::NewPartner => app.popup = Some(Popup::Form(Form::new_partner(app.lang))),
        Action::AddActivity => {
            // The partner in view: the selected partner, or the selected activity's.
            let partner = match pane.view {
                View::Partners => pane.selected_partner().map(|p| p.id),
                View::Activities => pane.selected_activity().map(|a| a.partner),
                _ => None,
            };
            if pane.partners.is_empty() {
                app.error(app.lang.t(T::NoPartnerYet));
            } else {
                let form = Form::activity(app.lang, &pane.partners, partner, app.now.date);
                app.popup = Some(Popup::Form(form));
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
                app.say(app.lang.t(T::NoReviewed).to_owned());
            } else {
                app.popup = Some(Popup::Form(Form::notice(app.lang, ids, app.now.date)));
            }
        }
        Action::FileStep
        | Action::FileReopen
        | Action::Claim
        | Action::Deliver
        | Action::EndPledge
        | Action::AddVisit => household_action(app, action),
        _ => {}
    }
}

/// In the visits-due view, `Enter` opens the selected household in the households view and
/// `w` records a visit to it; whether the key was taken.
fn due_action(app: &mut App, action: Action) -> bool {
    let Some(household) = app.register.selected_due().map(|l| l.row.item.household) else {
        return matches!(action, Action::RegisterExpand | Action::AddVisit);
    };
    match action {
        Action::RegisterExpand => {
            let store = app.backend.clone();
            let (today, grid) = (app.now.date, app.grid_filter);
            if let Err(e) = app
                .register
                .reveal_household(&*store, today, grid, household)
            {
                app.error(&crate::i18n::error(app.lang, &e));
            }
            true
        }
        Action::AddVisit => {
            let form = Form::visit(app.lang, household, app.now.date, &app.operator);
            app.popup = Some(Popup::Form(form));
            true
        }
        _ => false,
    }
}

/// `h`: the selected household's form, its members named in order.
fn edit_household(app: &mut App) {
    if app.register.view != View::Households {
        app.error(app.lang.t(T::HouseholdsOnly));
        return;
    }
    let Some(h) = app.register.selected().map(|r| r.household.clone()) else {
        return;
    };
    match household_form::member_names(&*app.backend, &h) {
        Ok(names) => {
            let form = Form::household(app.lang, &app.grids, h, &names);
            app.popup = Some(Popup::Form(form));
        }
        Err(e) => app.error(&crate::i18n::error(app.lang, &e)),
    }
}

/// The keys that work on the selected household.
fn household_action(app: &mut App, action: Action) {
    let lang = app.lang;
    let pane = &app.register;
    if pane.view != View::Households {
        app.error(lang.t(T::HouseholdsOnly));
        return;
    }
    let Some(h) = pane.selected().map(|r| r.household.clone()) else {
        return;
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
        _ => Ok(Form::visit(lang, h.id, today, &app.operator)),
    };
    match form {
        Ok(f) => app.popup = Some(Popup::Form(f)),
        Err(key) => app.error(lang.t(key)),
    }
}

/// `b`: a service for the selected household (households view), or for the person or
/// household of the selected line (services and due-this-week views).
fn add_service(app: &mut App) {
    use qiaomen_core::care::Whom;
    let pane = &app.register;
    let whom = match pane.view {
        View::Households => pane.selected().map(|r| Whom::Household(r.household.id)),
        View::Services | View::CareDue => pane.care.whom_in(pane.view),
        _ => None,
    };
    let Some(whom) = whom else {
        app.error(app.lang.t(T::ServiceNeedsWhom));
        return;
    };
    match crate::popups::care_form::service(app, whom) {
        Ok(form) => app.popup = Some(Popup::Form(form)),
        Err(e) => app.error(&crate::i18n::error(app.lang, &e)),
    }
}
