//! Popups over the body: help, search, forms and confirmations. A popup gets every key first.

pub mod backfill;
pub mod card;
pub mod care_form;
pub mod confirm;
pub mod form;
pub mod forms;
pub mod help;
pub mod history;
pub mod household_form;
pub mod input;
pub mod ladder_form;
pub mod org_card;
pub mod outreach_form;
pub mod people_forms;
pub mod register_forms;
pub mod register_submit;
pub mod search;

use qiaomen_core::model::Id;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;

use crate::effect::Effect;
use crate::i18n::Lang;
use crate::view::{Ctx, View};

pub enum Popup {
    Help(help::HelpPopup),
    History(history::HistoryPopup),
    Search(search::SearchPopup),
    Form(form::Form),
    Confirm(confirm::Confirm),
    /// A resident card (boxed: it holds what it shows).
    Card(Box<card::CardPopup>),
    /// A mark on a past day: its time and a confirmation.
    Backfill(backfill::Backfill),
    /// An organisation's card, opened from search.
    OrgCard(org_card::OrgCardPopup),
}

/// The keys of a popup that only scrolls (help, history): j/k and the arrows by a line, page
/// keys by ten, Home and End to the first and last line; `close` (and Esc, handled for every
/// popup) closes it. `max` is how far it could scroll when last drawn.
pub fn scroll_or_close(scroll: &mut u16, max: u16, key: KeyEvent, close: &[char]) -> PopupResult {
    let at = (*scroll).min(max);
    *scroll = match key.code {
        KeyCode::Char('j') | KeyCode::Down => at.saturating_add(1).min(max),
        KeyCode::Char('k') | KeyCode::Up => at.saturating_sub(1),
        KeyCode::PageDown => at.saturating_add(10).min(max),
        KeyCode::PageUp => at.saturating_sub(10),
        KeyCode::Home => 0,
        KeyCode::End => max,
        KeyCode::Char(c) if close.contains(&c) => return PopupResult::Close,
        _ => at,
    };
    PopupResult::Consumed
}

/// Draws a popup that only scrolls (help, history): `lines` in a bordered box `width` wide,
/// centred over `area`, scrolled down by `scroll` lines; returns how far it can scroll.
pub fn render_scrolling(
    frame: &mut Frame,
    area: Rect,
    width: u16,
    title: String,
    lines: Vec<ratatui::text::Line<'_>>,
    scroll: u16,
) -> u16 {
    use ratatui::widgets::{Block, Borders, Clear};
    let rect = centered(area, width, area.height);
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(crate::theme::BORDER_FOCUS)
        .title(title);
    let lines = crate::wrap::lines(lines, rect.width.saturating_sub(2));
    let max = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_sub(rect.height.saturating_sub(2));
    frame.render_widget(
        ratatui::widgets::Paragraph::new(lines)
            .block(block)
            .style(crate::theme::POPUP)
            .scroll((scroll.min(max), 0)),
        rect,
    );
    max
}

/// What a popup did with a key.
#[derive(Debug, PartialEq, Eq)]
pub enum PopupResult {
    Consumed,
    Close,
    Submit,
}

impl Popup {
    /// `?`: every key, the pane's own first.
    pub fn help(pane: crate::panes::Pane) -> Popup {
        Popup::Help(help::HelpPopup::new(pane))
    }

    pub fn search() -> Popup {
        Popup::Search(search::SearchPopup::default())
    }

    /// After `needs-help`: offer a follow-up case prefilled from the check-in.
    pub fn follow_up_case(lang: Lang, elder: Id, name: &str) -> Popup {
        Popup::Confirm(confirm::Confirm::follow_up_case(lang, elder, name))
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> PopupResult {
        // The card reads Esc itself: in its form, Esc goes back to the card.
        if key.code == KeyCode::Esc && !matches!(self, Popup::Card(_)) {
            return PopupResult::Close;
        }
        match self {
            Popup::Help(h) => h.handle_key(key),
            Popup::History(h) => h.handle_key(key),
            Popup::Search(s) => s.handle_key(key),
            Popup::Form(f) => f.handle_key(key),
            Popup::Confirm(c) => c.handle_key(key),
            Popup::Card(c) => c.handle_key(key),
            Popup::Backfill(b) => b.handle_key(key),
            Popup::OrgCard(o) => o.handle_key(key),
        }
    }

    pub fn render(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        match self {
            Popup::Help(h) => h.render(app, frame, area),
            Popup::History(h) => h.render(app, frame, area),
            Popup::Search(s) => s.render(app, frame, area),
            Popup::Form(f) => {
                // The leave form sits over the card it came from, so the person stays in view.
                if let form::Purpose::People(people_forms::PeoplePurpose::Leave(card)) = &f.purpose
                {
                    card.render(app, frame, area);
                }
                f.render(app, frame, area);
            }
            Popup::Confirm(c) => c.render(app, frame, area),
            Popup::Card(c) => c.render(app, frame, area),
            Popup::Backfill(b) => b.render(app, frame, area),
            Popup::OrgCard(o) => o.render(app, frame, area),
        }
    }

    /// Enter (or the popup's own accepting key): what the popup leads to. A popup that stays
    /// open (a refused form, the card) is opened again among the effects.
    pub fn submit(self, view: &View) -> Vec<Effect> {
        match self {
            Popup::Search(s) => search::submit(s, view),
            Popup::Form(form) => forms::submit(form, view),
            Popup::Confirm(c) => confirm::accept(c),
            Popup::Card(c) => card::submit(c, view),
            Popup::Backfill(b) => backfill::submit(b, view),
            Popup::Help(_) | Popup::History(_) | Popup::OrgCard(_) => Vec::new(),
        }
    }

    /// What shows once this popup closes: the search a card was opened from, the card a
    /// leave form was opened from, else nothing.
    pub fn back(self) -> Option<Popup> {
        match self {
            Popup::Card(c) => c.back.map(Popup::Search),
            Popup::Form(form::Form {
                purpose: form::Purpose::People(people_forms::PeoplePurpose::Leave(card)),
                ..
            }) => Some(Popup::Card(card)),
            _ => None,
        }
    }
}

/// A centred rectangle of at most `width`×`height` inside `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}
