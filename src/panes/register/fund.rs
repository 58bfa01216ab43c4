//! The fund view: entries newest first; beside them the selected entry, the balance, the
//! pledges with something due today and the double-help warnings.

use qiaomen_core::model::Direction;
use qiaomen_core::register::{balance, format_yuan};
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row};

use super::RegisterPane;
use super::render::split;
use crate::chrome::clean;
use crate::commands::register::describe;
use crate::i18n::{self, T};
use crate::panes::list::{draw_table, frame_block, highlight};
use crate::theme;
use crate::view::Ctx;
use crate::width::width;

impl RegisterPane {
    pub(super) fn render_fund(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        if self.expanded {
            self.render_fund_detail(app, frame, area, true);
            return;
        }
        let (list, detail) = split(area);
        self.render_entries(app, frame, list);
        self.render_fund_detail(app, frame, detail, false);
    }

    fn render_entries(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        let lang = app.lang;
        let inner = frame_block(frame, area, true, "");
        if self.fund.is_empty() {
            let empty = Paragraph::new(lang.t(T::NoFundEntries)).style(theme::DIM);
            frame.render_widget(empty, inner);
            return;
        }
        let window =
            self.fund_cursor
                .window_in(self.fund.len(), crate::panes::list::table_rows(inner), 1);
        let rows: Vec<Row> = window
            .map(|i| {
                let e = &self.fund[i];
                let style = match e.direction {
                    Direction::In => theme::OK,
                    Direction::Out => theme::BASE,
                };
                let who = match (e.partner, e.household) {
                    (Some(p), _) => describe::partner_name(&self.partners, p),
                    (None, Some(h)) => format!("#{h}"),
                    (None, None) => String::new(),
                };
                let amount = Line::from(format_yuan(e.amount_fen)).alignment(Alignment::Right);
                let row = Row::new(vec![
                    Cell::from(e.date.to_string()),
                    Cell::from(i18n::direction(lang, e.direction)).style(style),
                    Cell::from(amount),
                    Cell::from(clean(&who)),
                ]);
                highlight(row, i == self.fund_cursor.selected)
            })
            .collect();
        let header = vec![
            lang.t(T::ColDate),
            lang.t(T::ColDirection),
            lang.t(T::ColYuan),
            lang.t(T::ColPartner),
        ];
        let widths = [
            Constraint::Length(10),
            Constraint::Length(width(header[1]).max(4) as u16),
            Constraint::Length(10),
            Constraint::Min(4),
        ];
        draw_table(frame, inner, header, rows, &widths);
    }

    fn render_fund_detail(&self, app: &Ctx, frame: &mut Frame, area: Rect, expanded: bool) {
        let lang = app.lang;
        let inner = frame_block(frame, area, expanded, "");
        let fen = balance(&self.fund).unwrap_or(0);
        let mut lines = vec![Line::styled(
            lang.fill(T::FundBalance, &[&format_yuan(fen), &app.now.date]),
            theme::TITLE,
        )];
        if let Some(e) = self.fund.get(self.fund_cursor.selected) {
            let text = describe::fund_entry(lang, e, &self.partners);
            lines.push(Line::raw(clean(&format!("#{} {text}", e.id))));
        }
        lines.push(Line::styled(
            format!("{} ({})", lang.t(T::DoubleHelp), self.warnings.len()),
            theme::LABEL,
        ));
        for w in &self.warnings {
            let label = self
                .rows
                .iter()
                .find(|r| r.household.id == w.household)
                .map_or_else(
                    || format!("#{}", w.household),
                    |r| format!("#{} {}", w.household, r.head),
                );
            let text = describe::warning(lang, w, &self.partners, &label);
            lines.push(Line::styled(clean(&text), theme::ALERT));
        }
        lines.push(Line::styled(
            format!("{} ({})", lang.t(T::DueToday), self.due.len()),
            theme::LABEL,
        ));
        for d in &self.due {
            let who = describe::partner_name(&self.partners, d.partner);
            let text = format!(
                "#{} {who} → #{}: {}",
                d.pledge,
                d.household,
                describe::due(lang, d)
            );
            lines.push(Line::styled(clean(&text), theme::WARN));
        }
        self.draw_detail(frame, inner, lines, expanded);
    }
}
