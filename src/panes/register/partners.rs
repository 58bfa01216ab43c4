//! The partners view: every partner with its kind and the households it claimed; the detail
//! has its agreement, contact, scope, what it contributed and its pledges.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row};

use super::RegisterPane;
use super::render::split;
use crate::chrome::{clean, field};
use crate::commands::register::{describe, partner::contribution};
use crate::i18n::{self, T};
use crate::panes::list::{draw_table, frame_block, highlight};
use crate::theme;
use crate::view::Ctx;
use crate::width::width;

impl RegisterPane {
    pub(super) fn render_partners(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        if self.expanded {
            self.render_partner(app, frame, area, true);
            return;
        }
        let (list, detail) = split(area);
        self.render_partner_list(app, frame, list);
        self.render_partner(app, frame, detail, false);
    }

    fn render_partner_list(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        let lang = app.lang;
        let inner = frame_block(frame, area, true, "");
        if self.partners.is_empty() {
            let empty = Paragraph::new(lang.t(T::NoPartners)).style(theme::DIM);
            frame.render_widget(empty, inner);
            return;
        }
        let window = self.partner_cursor.window_in(
            self.partners.len(),
            crate::panes::list::table_rows(inner),
            1,
        );
        let rows: Vec<Row> = window
            .map(|i| {
                let p = &self.partners[i];
                let households = self
                    .contributions
                    .iter()
                    .find(|c| c.partner == p.id)
                    .map_or(0, |c| c.households.len());
                let row = Row::new(vec![
                    Cell::from(format!("#{}", p.id)),
                    Cell::from(clean(&p.name)),
                    Cell::from(i18n::partner_kind(lang, p.kind)),
                    Cell::from(households.to_string()),
                ]);
                highlight(row, i == self.partner_cursor.selected)
            })
            .collect();
        let header = vec![
            lang.t(T::ColNumber),
            lang.t(T::ColName),
            lang.t(T::ColKind),
            lang.t(T::ColHouseholds),
        ];
        let widths = [
            Constraint::Length(4),
            Constraint::Min(8),
            Constraint::Length(10),
            Constraint::Length(width(header[3]).max(3) as u16),
        ];
        draw_table(frame, inner, header, rows, &widths);
    }

    fn render_partner(&self, app: &Ctx, frame: &mut Frame, area: Rect, expanded: bool) {
        let lang = app.lang;
        let inner = frame_block(frame, area, expanded, "");
        let Some(p) = self.selected_partner() else {
            return;
        };
        let mut lines = vec![
            Line::styled(clean(&p.name), theme::TITLE),
            Line::raw(i18n::partner_kind(lang, p.kind)),
        ];
        if let Some(d) = p.agreement_signed {
            lines.push(field(lang.t(T::ColSigned), d.to_string()));
        }
        let contact = [p.contact.as_str(), p.phone.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if !contact.is_empty() {
            lines.push(field(lang.t(T::ContactHead), contact));
        }
        if !p.scope.is_empty() {
            lines.push(field(lang.t(T::ScopeHead), p.scope.clone()));
        }
        if let Some(c) = self.contributions.iter().find(|c| c.partner == p.id) {
            lines.push(Line::styled(contribution(lang, c), theme::OK));
        }
        let partners = std::slice::from_ref(p);
        let pledges: Vec<_> = self
            .pledges
            .iter()
            .filter(|pl| pl.partner == p.id)
            .collect();
        if !pledges.is_empty() {
            lines.push(Line::styled(lang.t(T::PledgesHead), theme::LABEL));
        }
        for pl in pledges {
            let text = describe::pledge(lang, pl, partners, app.now.date);
            let line = format!("{} #{} {text}", lang.t(T::ColHousehold), pl.household);
            lines.push(Line::raw(clean(&line)));
        }
        lines.extend(self.partner_work(lang, p, app.now.date));
        self.draw_detail(frame, inner, lines, expanded);
    }
}
