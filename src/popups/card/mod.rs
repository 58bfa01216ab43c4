//! The resident card: one person as the team needs them on the phone — who they are, their
//! household, care plan, contacts, the last 30 days of check-ins, visits, cases and the fund's
//! help — reached from search (`Enter` on a resident), the roll call and a case's parties
//! (`r`). `e` edits the person, the care plan and the contacts in a form; the save is one
//! `Command::SaveResident` through the backend. `x` records that the person left (`leave.rs`). The card owns its state; what it shows is read
//! in `load.rs` when it opens and when a change touches it, drawn in `render.rs`; the form is
//! `edit.rs` (what it asks, its keys), `save.rs` (the record it builds) and `edit_render.rs`.
//!
//! ```text
//! ┌ 居民卡片 王秀英 ───────────────────────────── e 编辑 · Esc 关闭 ┐
//! │ 王秀英 女 · 82岁（1944-03-02） · G1 幸福网格                     │
//! │ 电话 13800000000 · 身份证 4301**********0021                    │
//! │ ── 户：顺安小区 3-2-501（2人）──                                 │
//! │ ── 关爱计划 ── / ── 紧急联系人 ── / ── 近30天问候 ── ✓✓?✓○…     │
//! │ ── 走访 ── / ── 案件 ── / ── 帮扶 ──          (j/k PgDn Home End) │
//! └──────────────────────────────────────────────────────────────────┘
//! ```

mod edit;
mod edit_render;
mod fields;
pub(super) mod leave;
mod load;
mod pick;
mod render;
mod save;

use std::cell::Cell;

use qiaomen_core::model::{Case, Id, RecordRef, Resident};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;

pub use edit::ResidentEditor;
pub use fields::{Choice, Row};
pub use load::CardData;

use super::search::SearchPopup;
use super::{Popup, PopupResult};
use crate::action::Action;
use crate::chrome::clean;
use crate::effect::Effect;
use crate::i18n::{self, T};
use crate::keymap::{Scope, popup_action};
use crate::view::{Ctx, View};

/// What the card is doing.
pub enum Stage {
    /// A case names several residents: which one's card.
    Pick {
        choices: Vec<(Id, String)>,
        selected: usize,
    },
    View,
    Edit(Box<ResidentEditor>),
}

pub struct CardPopup {
    pub stage: Stage,
    /// `None` only while picking.
    pub data: Option<CardData>,
    pub scroll: u16,
    /// How far the card can scroll, as found by the last draw (the lines depend on the
    /// width): keys clamp to it, so `End` then `k` moves at once.
    max_scroll: Cell<u16>,
    /// Opened from search: `Esc` goes back to it, query and hits as they were.
    pub back: Option<SearchPopup>,
    /// `x` was pressed: `submit` opens the leave form rather than the edit form.
    leaving: bool,
}

impl CardPopup {
    fn viewing(data: CardData, back: Option<SearchPopup>) -> CardPopup {
        CardPopup {
            stage: Stage::View,
            data: Some(data),
            scroll: 0,
            max_scroll: Cell::new(u16::MAX),
            back,
            leaving: false,
        }
    }

    /// The scope of the keys the card reads now (for the footer and `?`).
    pub fn scope(&self) -> Scope {
        match self.stage {
            Stage::Edit(_) => Scope::CardEdit,
            Stage::Pick { .. } | Stage::View => Scope::Card,
        }
    }

    pub fn resident(&self) -> Option<&Resident> {
        self.data.as_ref().map(|d| &d.resident)
    }

    pub fn editor(&self) -> Option<&ResidentEditor> {
        match &self.stage {
            Stage::Edit(e) => Some(e),
            _ => None,
        }
    }

    pub fn editor_mut(&mut self) -> Option<&mut ResidentEditor> {
        match &mut self.stage {
            Stage::Edit(e) => Some(e),
            _ => None,
        }
    }

    /// Keys: the form's while editing, a choice while picking, else scrolling. `Submit` asks
    /// the app for what needs it (`submit`): open the form, save it, open the chosen card.
    pub fn handle_key(&mut self, key: KeyEvent) -> PopupResult {
        match &mut self.stage {
            Stage::Edit(editor) => match popup_action(&key, Scope::CardEdit) {
                Some(Action::Close) => self.stage = Stage::View,
                Some(Action::Save) => return PopupResult::Submit,
                Some(action) => editor.act(action),
                None => editor.handle_key(key),
            },
            Stage::Pick { choices, selected } => match popup_action(&key, Scope::Card) {
                Some(Action::Close) => return PopupResult::Close,
                Some(Action::Down) => {
                    *selected = (*selected + 1).min(choices.len().saturating_sub(1));
                }
                Some(Action::Up) => *selected = selected.saturating_sub(1),
                // Enter takes the choice (the card's own keys do not use it).
                _ if key.code == KeyCode::Enter => return PopupResult::Submit,
                _ => {}
            },
            Stage::View => {
                let max = self.max_scroll.get();
                let s = &mut self.scroll;
                match popup_action(&key, Scope::Card) {
                    Some(Action::Close) => return PopupResult::Close,
                    Some(Action::EditCard) => return PopupResult::Submit,
                    Some(Action::LeaveResident) => {
                        self.leaving = true;
                        return PopupResult::Submit;
                    }
                    Some(Action::Down) => *s = s.saturating_add(1).min(max),
                    Some(Action::Up) => *s = (*s).min(max).saturating_sub(1),
                    Some(Action::PageDown) => *s = s.saturating_add(10).min(max),
                    Some(Action::PageUp) => *s = (*s).min(max).saturating_sub(10),
                    Some(Action::Home) => *s = 0,
                    Some(Action::End) => *s = max,
                    _ => {}
                }
            }
        }
        PopupResult::Consumed
    }

    pub fn render(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        match &self.stage {
            Stage::Pick { choices, selected } => {
                pick::render_pick(app, frame, area, choices, *selected);
            }
            Stage::View => {
                if let Some(data) = &self.data {
                    let max = render::render_card(app, frame, area, data, self.scroll);
                    self.max_scroll.set(max);
                }
            }
            Stage::Edit(editor) => edit_render::render(app, frame, area, editor),
        }
    }
}

/// Opens the card of resident `id` over the current pane; `back` is the search it came from.
pub fn open(app: &View, id: Id, back: Option<SearchPopup>) -> Vec<Effect> {
    vec![match CardData::load(app.backend, id, app.now.date) {
        Ok(data) => Effect::Open(Popup::Card(Box::new(CardPopup::viewing(data, back)))),
        Err(e) => Effect::Fail(e),
    }]
}

/// `r` on a case: the card of its resident, or a choice when it names several.
pub fn open_for_case(app: &View, case: &Case) -> Vec<Effect> {
    match case.residents.as_slice() {
        [] => vec![Effect::Error(
            app.lang.fill(T::CardNoParty, &[&case.number()]),
        )],
        [one] => open(app, *one, None),
        several => vec![match app.backend.get_many::<Resident>(several.to_vec()) {
            Ok(people) => {
                let choices = people.into_iter().map(|r| (r.id, clean(&r.name))).collect();
                Effect::Open(Popup::Card(Box::new(CardPopup {
                    stage: Stage::Pick {
                        choices,
                        selected: 0,
                    },
                    data: None,
                    scroll: 0,
                    max_scroll: Cell::new(u16::MAX),
                    back: None,
                    leaving: false,
                })))
            }
            Err(e) => Effect::Fail(e),
        }],
    }
}

/// What `Submit` means for the card's stage: open the chosen card, open the form, or save.
/// The card always stays open; a refused save keeps the form and what was typed, with the
/// reason in one sentence inside it.
pub fn submit(mut card: Box<CardPopup>, app: &View) -> Vec<Effect> {
    match &mut card.stage {
        Stage::Pick { choices, selected } => {
            let Some(&(id, _)) = choices.get(*selected) else {
                return Vec::new();
            };
            return open(app, id, None);
        }
        Stage::View if card.leaving => {
            card.leaving = false;
            // Said at once, rather than after a form the core would refuse.
            if let Some(r) = card.resident()
                && let Some(left) = &r.left
            {
                let text = app
                    .lang
                    .fill(T::HhAlreadyLeft, &[&clean(&r.name), &left.date]);
                return vec![Effect::Error(text), Effect::Open(Popup::Card(card))];
            }
            let today = app.now.date;
            return vec![Effect::Open(Popup::Form(super::form::Form::leave(
                app.lang, card, today,
            )))];
        }
        Stage::View => {
            if let Some(data) = &card.data {
                let editor = ResidentEditor::new(
                    app.lang,
                    &data.resident,
                    app.grids,
                    app.members,
                    app.now.date,
                );
                card.stage = Stage::Edit(Box::new(editor));
            }
        }
        Stage::Edit(editor) => match editor.build(app.members) {
            Ok(r) => {
                let command = qiaomen_core::Command::SaveResident(r);
                return vec![Effect::Apply(
                    command,
                    Box::new(move |outcome, app| saved(card, outcome, app)),
                )];
            }
            Err(e) => editor.message = Some(i18n::error(app.lang, &e)),
        },
    }
    vec![Effect::Open(Popup::Card(card))]
}

/// After the card's form was saved or refused: back to the card, read again, or the form kept
/// with the reason.
fn saved(
    mut card: Box<CardPopup>,
    outcome: qiaomen_core::Result<qiaomen_core::Applied>,
    app: &View,
) -> Vec<Effect> {
    let mut effects = Vec::new();
    match outcome {
        Ok(_) => {
            card.stage = Stage::View;
            // Back to the top, where the person's fields are.
            card.scroll = 0;
            effects.extend(card.reload(app));
            let name = card.resident().map(|r| clean(&r.name)).unwrap_or_default();
            effects.push(Effect::Say(app.lang.fill(T::CardSaved, &[&name])));
            // The roll call shows the elder's plan and contacts: read it again.
            effects.push(Effect::Reload);
        }
        Err(e) => {
            if let Stage::Edit(editor) = &mut card.stage {
                editor.message = Some(i18n::error(app.lang, &e));
            }
        }
    }
    effects.push(Effect::Open(Popup::Card(card)));
    effects
}

impl CardPopup {
    /// Reads the card again (after a save, or a change by anyone that touches it).
    fn reload(&mut self, app: &View) -> Vec<Effect> {
        let Some(id) = self.resident().map(|r| r.id) else {
            return Vec::new();
        };
        match CardData::load(app.backend, id, app.now.date) {
            Ok(data) => {
                self.data = Some(data);
                Vec::new()
            }
            Err(e) => vec![Effect::Fail(e)],
        }
    }

    /// Called with what others changed: the card reads again if the change may touch it
    /// (`records` is `None` for a change to everything, an import).
    pub fn refresh(&mut self, app: &View, records: Option<&[RecordRef]>) -> Vec<Effect> {
        let touched = self
            .data
            .as_ref()
            .is_some_and(|d| records.is_none_or(|r| d.touched_by(r)));
        if touched {
            self.reload(app)
        } else {
            Vec::new()
        }
    }
}
