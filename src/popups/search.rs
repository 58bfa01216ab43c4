//! `/`: search everything as you type (names, pinyin, initials, phone digits, addresses, case
//! numbers); `Enter` jumps to the hit in its pane.

use qiaomen_core::Reads;
use qiaomen_core::model::{Case, Household, Member, Org, Resident};
use qiaomen_core::search::{Hit, HitKind};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::Popup;
use super::input::Input;
use super::org_card::OrgCardPopup;
use super::{PopupResult, centered};
use crate::chrome::clean;
use crate::columns::{Cell as ColCell, Column, Kind, ListRow};
use crate::commands::casework::org_card;
use crate::effect::{Effect, Record};
use crate::i18n::{Lang, T};
use crate::theme;
use crate::view::{Ctx, View};

#[derive(Default)]
pub struct SearchPopup {
    pub input: Input,
    pub results: Vec<Hit>,
    pub selected: usize,
}

pub fn kind_label(lang: Lang, kind: HitKind) -> &'static str {
    lang.t(match kind {
        HitKind::Resident => T::HitResident,
        HitKind::Household => T::HitHousehold,
        HitKind::Member => T::HitMember,
        HitKind::Case => T::HitCase,
        HitKind::Partner => T::HitPartner,
        HitKind::Org => T::HitOrg,
        HitKind::Team => T::HitTeam,
    })
}

impl SearchPopup {
    pub fn handle_key(&mut self, key: KeyEvent) -> PopupResult {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Enter => {
                return if self.results.is_empty() {
                    PopupResult::Consumed
                } else {
                    PopupResult::Submit
                };
            }
            KeyCode::Down | KeyCode::Tab => {
                self.selected = (self.selected + 1).min(self.results.len().saturating_sub(1));
            }
            KeyCode::Char('n') if ctrl => {
                self.selected = (self.selected + 1).min(self.results.len().saturating_sub(1));
            }
            KeyCode::Up | KeyCode::BackTab => self.selected = self.selected.saturating_sub(1),
            KeyCode::Char('p') if ctrl => self.selected = self.selected.saturating_sub(1),
            _ => {
                if self.input.handle_key(key) {
                    self.selected = 0;
                }
            }
        }
        PopupResult::Consumed
    }

    pub fn render(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        let lang = app.lang;
        let rect = centered(area, 76, area.height);
        frame.render_widget(Clear, rect);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme::BORDER_FOCUS)
            .title(lang.t(T::SearchTitle))
            .style(theme::POPUP);
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let input_row = Rect { height: 1, ..inner };
        let prompt = "/ ";
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(prompt, theme::KEY),
                Span::styled(self.input.text.clone(), theme::INPUT_FOCUS),
            ])),
            input_row,
        );
        frame.set_cursor_position(Position::new(
            inner.x + 2 + self.input.cursor_column(),
            inner.y,
        ));
        let list = Rect {
            y: inner.y + 2,
            height: inner.height.saturating_sub(2),
            ..inner
        };
        if self.results.is_empty() {
            let text = if self.input.text.trim().is_empty() {
                lang.t(T::SearchHint).to_owned()
            } else {
                lang.fill(T::NoHits, &[&clean(&self.input.text)])
            };
            frame.render_widget(Paragraph::new(text).style(theme::DIM), list);
            return;
        }
        let start = self
            .selected
            .saturating_sub(list.height.saturating_sub(1) as usize);
        // Laid out as every list is (`crate::columns`): what a hit is and its name whole,
        // the age whole or dropped, the context cut with `…`.
        let columns = vec![
            Column::new("", Kind::Word, 0)
                .fitting(HitKind::ALL.iter().map(|k| kind_label(lang, *k))),
            Column::new("", Kind::Name, 0).at_most(16),
            Column::new("", Kind::Number, 2),
            Column::new("", Kind::Text, 1),
        ];
        let rows: Vec<ListRow> = self
            .results
            .iter()
            .enumerate()
            .skip(start)
            .take(list.height as usize)
            .map(|(i, h)| ListRow {
                cells: vec![
                    ColCell::styled(kind_label(lang, h.kind), theme::LABEL),
                    clean(&h.title).into(),
                    h.age
                        .map(|a| lang.fill(T::Years, &[&a]))
                        .unwrap_or_default()
                        .into(),
                    clean(&h.context).into(),
                ],
                selected: i == self.selected,
            })
            .collect();
        crate::columns::draw_rows(frame, list, &columns, &rows);
    }
}

/// Enter on a hit: go to it; for a resident, their card over the pane jumped to (an elder's
/// roll call line), Esc going back to this search.
pub fn submit(s: SearchPopup, view: &View) -> Vec<Effect> {
    let Some(hit) = s.results.get(s.selected).cloned() else {
        return Vec::new();
    };
    let mut effects = jump(view, &hit);
    if hit.kind == HitKind::Resident {
        effects.extend(crate::popups::card::open(view, hit.id, Some(s)));
    }
    effects
}

/// Goes to a hit: an elder to the roll call, a case to the cases pane, households, partners
/// and teams to the register, an organisation to its card, other people to their grid.
pub fn jump(app: &View, hit: &Hit) -> Vec<Effect> {
    let store = app.backend;
    let grid = match hit.kind {
        HitKind::Case => {
            let mut effects = Vec::new();
            if app.grid_filter.is_some() {
                effects.push(Effect::GridFilter(None));
            }
            effects.push(Effect::Focus(Record::Case(hit.id)));
            return effects;
        }
        HitKind::Resident => match store.get::<Resident>(hit.id) {
            Ok(Some(r)) if r.care.is_some() => {
                let mut effects = Vec::new();
                if app.grid_filter.is_some_and(|g| g != r.grid) {
                    effects.push(Effect::GridFilter(None));
                }
                effects.push(Effect::Focus(Record::Elder {
                    id: r.id,
                    day: None,
                }));
                return effects;
            }
            Ok(Some(r)) => Some(r.grid),
            _ => None,
        },
        HitKind::Household => {
            let grid = store
                .get::<Household>(hit.id)
                .ok()
                .flatten()
                .map(|h| h.grid);
            let mut effects = Vec::new();
            if app.grid_filter.is_some() && app.grid_filter != grid {
                effects.push(Effect::GridFilter(None));
            }
            effects.push(Effect::Focus(Record::Household(hit.id)));
            return effects;
        }
        HitKind::Member => store
            .get::<Member>(hit.id)
            .ok()
            .flatten()
            .and_then(|m| m.grid),
        HitKind::Partner => return vec![Effect::Focus(Record::Partner(hit.id))],
        HitKind::Team => return vec![Effect::Focus(Record::Team(hit.id))],
        HitKind::Org => {
            let card = store.require::<Org>(hit.id).and_then(|o| {
                let cases: Vec<Case> = store
                    .all::<Case>()?
                    .into_iter()
                    .filter(|c| c.orgs.contains(&o.id))
                    .collect();
                Ok((o.name.clone(), org_card(app.lang, &o, &cases)))
            });
            return match card {
                Ok((name, text)) => {
                    vec![Effect::Open(Popup::OrgCard(OrgCardPopup::new(name, text)))]
                }
                Err(e) => vec![Effect::Fail(e)],
            };
        }
    };
    match grid {
        Some(g) => vec![
            Effect::Focus(Record::Grid(g)),
            Effect::Say(format!("{} · {}", clean(&hit.title), clean(&hit.context))),
        ],
        None => Vec::new(),
    }
}
