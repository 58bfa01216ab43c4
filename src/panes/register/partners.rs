//! The partners view: every partner with its kind and the households it claimed; the detail
//! has its agreement, contact, scope, what it contributed and its pledges.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::RegisterPane;
use super::render::list_view;
use crate::chrome::{clean, field};
use crate::columns::{Column, Kind, ListRow};
use crate::commands::register::{describe, partner::contribution};
use crate::i18n::{self, T};
use crate::panes::list::frame_block;
use crate::theme;
use crate::view::Ctx;

impl RegisterPane {
    pub(super) fn render_partners(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        if self.expanded {
            self.render_partner(app, frame, area, true);
            return;
        }
        let detail = list_view(
            frame,
            area,
            &self.partner_cursor,
            self.partners.len(),
            app.lang.t(T::NoPartners),
            |window| self.partner_rows(app, window),
        );
        if let Some(detail) = detail {
            self.render_partner(app, frame, detail, false);
        }
    }

    fn partner_rows(
        &self,
        app: &Ctx,
        window: std::ops::Range<usize>,
    ) -> (Vec<Column>, Vec<ListRow>) {
        let lang = app.lang;
        let columns = vec![
            Column::new(lang.t(T::ColNumber), Kind::Number, 0),
            Column::new(lang.t(T::ColName), Kind::Name, 0),
            Column::new(lang.t(T::ColKind), Kind::Word, 1),
            Column::new(lang.t(T::ColHouseholds), Kind::Number, 2),
        ];
        let rows = window
            .map(|i| {
                let p = &self.partners[i];
                let households = self
                    .contributions
                    .iter()
                    .find(|c| c.partner == p.id)
                    .map_or(0, |c| c.households.len());
                ListRow {
                    cells: vec![
                        format!("#{}", p.id).into(),
                        clean(&p.name).into(),
                        i18n::partner_kind(lang, p.kind).into(),
                        households.to_string().into(),
                    ],
                    selected: i == self.partner_cursor.selected,
                }
            })
            .collect();
        (columns, rows)
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
