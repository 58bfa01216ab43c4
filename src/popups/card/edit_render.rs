//! Drawing the resident card's form: one labelled row a field, the plan's rows when there is a
//! plan, three rows a contact; it scrolls to keep the focused row in view, and a refusal is
//! shown in full under the rows (the keys are in the footer, from the key table).
//!
//! ```text
//! ┌ 编辑 王秀英 ───────────────────────────┐
//! │ 姓名        王秀英                      │
//! │ 性别        ◀ 女 ▶                      │
//! │ …                                        │
//! │ 联系人1 姓名 李明                        │
//! │                                          │
//! │ 输入有误（id_number）：…                 │
//! └──────────────────────────────────────────┘
//! ```

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::edit::ResidentEditor;
use super::fields::Row;
use crate::chrome::clean;
use crate::i18n::{Lang, T};
use crate::theme;
use crate::view::Ctx;
use crate::width::{pad, truncate, width};

fn label(lang: Lang, row: Row) -> String {
    match row {
        Row::Name => lang.t(T::ColName).to_owned(),
        Row::Gender => lang.t(T::CardGender).to_owned(),
        Row::Birth => lang.t(T::CardBirth).to_owned(),
        Row::Phone => lang.t(T::ColPhone).to_owned(),
        Row::IdNumber => lang.t(T::CardIdNumber).to_owned(),
        Row::Grid => lang.t(T::ColGrid).to_owned(),
        Row::Health => lang.t(T::Health).to_owned(),
        Row::Category(i) => qiaomen_core::model::Category::ALL
            .get(i)
            .map_or_else(String::new, |c| crate::i18n::category(lang, *c).to_owned()),
        Row::Level => lang.t(T::CareLevel).to_owned(),
        Row::Callers => lang.t(T::Callers).to_owned(),
        Row::Doorbell => lang.t(T::Doorbell).to_owned(),
        Row::Plan => lang.t(T::CardPlanState).to_owned(),
        Row::ContactName(i) => lang.fill(T::CardContactName, &[&(i + 1)]),
        Row::ContactRelation(i) => lang.fill(T::CardContactRelation, &[&(i + 1)]),
        Row::ContactPhone(i) => lang.fill(T::CardContactPhone, &[&(i + 1)]),
    }
}

pub fn render(app: &Ctx, frame: &mut Frame, area: Rect, e: &ResidentEditor) {
    let lang = app.lang;
    let rect = super::render::card_rect(area);
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::BORDER_FOCUS)
        .title(lang.fill(T::CardEditTitle, &[&clean(&e.name.text)]));
    let inner = block.inner(rect);
    frame.render_widget(block.style(theme::POPUP), rect);

    let message = e
        .message
        .as_ref()
        .map(|m| crate::wrap::paragraph(clean(m), inner.width).style(theme::ERROR_MSG));
    let message_lines = message.as_ref().map_or(0, |m| {
        u16::try_from(m.line_count(inner.width).clamp(1, 4)).unwrap_or(4) + 1
    });
    let visible = inner.height.saturating_sub(message_lines).max(1) as usize;
    let rows = e.rows();
    let focus = e.focus.min(rows.len() - 1);
    let offset = focus.saturating_sub(visible - 1);
    let label_width = rows
        .iter()
        .map(|r| width(&label(lang, *r)))
        .max()
        .unwrap_or(0)
        + 1;
    let value_width = (inner.width as usize).saturating_sub(label_width + 1);
    for (n, row) in rows.iter().enumerate().skip(offset).take(visible) {
        let y = inner.y + u16::try_from(n - offset).unwrap_or(0);
        let focused = n == focus;
        let style = if focused {
            theme::INPUT_FOCUS
        } else {
            theme::INPUT
        };
        let value = match (e.input(*row), e.choice(*row)) {
            (Some(input), _) => truncate(&input.text, value_width),
            (None, Some(choice)) => format!("◀ {} ▶", choice.label()),
            (None, None) => String::new(),
        };
        let line = Line::from(vec![
            Span::styled(pad(&label(lang, *row), label_width), theme::LABEL),
            Span::styled(pad(&value, value_width), style),
        ]);
        let at = Rect {
            y,
            height: 1,
            ..inner
        };
        frame.render_widget(Paragraph::new(line), at);
        if focused && let Some(input) = e.input(*row) {
            let x = inner.x
                + u16::try_from(label_width).unwrap_or(0)
                + input
                    .cursor_column()
                    .min(u16::try_from(value_width).unwrap_or(0));
            frame.set_cursor_position(Position::new(x, y));
        }
    }
    if let Some(message) = message {
        let at = Rect {
            y: inner.y + inner.height.saturating_sub(message_lines - 1),
            height: message_lines - 1,
            ..inner
        };
        frame.render_widget(message, at);
    }
}
