//! The fund view: entries newest first; beside them the selected entry, the balance, the
//! pledges with something due today and the double-help warnings.

use qiaomen_core::model::Direction;
use qiaomen_core::register::{balance, format_yuan};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::RegisterPane;
use super::render::list_view;
use crate::chrome::clean;
use crate::columns::{Cell as ColCell, Column, Kind, ListRow};
use crate::commands::register::describe;
use crate::i18n::{self, T};
use crate::panes::list::frame_block;
use crate::theme;
use crate::view::Ctx;

impl RegisterPane {
    pub(super) fn render_fund(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        if self.expanded {
            self.render_fund_detail(app, frame, area, true);
            return;
        }
        let detail = list_view(
            frame,
            area,
            &self.fund_cursor,
            self.fund.len(),
            app.lang.t(T::NoFundEntries),
            |window| self.entry_rows(app, window),
        );
        if let Some(detail) = detail {
            self.render_fund_detail(app, frame, detail, false);
        }
    }

    fn entry_rows(&self, app: &Ctx, window: std::ops::Range<usize>) -> (Vec<Column>, Vec<ListRow>) {
        let lang = app.lang;
        let columns = vec![
            Column::new(lang.t(T::ColDate), Kind::Number, 0),
            Column::new(lang.t(T::ColDirection), Kind::Word, 0),
            Column::new(lang.t(T::ColYuan), Kind::Number, 0),
            Column::new(lang.t(T::ColFundParty), Kind::Name, 1),
        ];
        let rows = window
            .map(|i| {
                let e = &self.fund[i];
                let style = match e.direction {
                    Direction::In => theme::OK,
                    Direction::Out => theme::BASE,
                };
                // Money in comes from a partner; money out goes to a household, named by
                // its number and head as the households view shows it.
                let who = match (e.partner, e.household) {
                    (Some(p), _) => describe::partner_name(&self.partners, p),
                    (None, Some(h)) => self.household_label(h),
                    (None, None) => String::new(),
                };
                ListRow {
                    cells: vec![
                        e.date.to_string().into(),
                        ColCell::styled(i18n::direction(lang, e.direction), style),
                        ColCell::right(format_yuan(e.amount_fen), theme::BASE),
                        clean(&who).into(),
                    ],
                    selected: i == self.fund_cursor.selected,
                }
            })
            .collect();
        (columns, rows)
    }

    /// A household as the fund names it: `#38 聂长根`, or `#38` when it is not in the list.
    fn household_label(&self, h: qiaomen_core::model::Id) -> String {
        self.rows
            .iter()
            .find(|r| r.household.id == h)
            .map_or_else(|| format!("#{h}"), |r| format!("#{h} {}", r.head))
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
            let label = self.household_label(w.household);
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
                "#{} {who} → #{}{}{}",
                d.pledge,
                d.household,
                lang.colon(),
                describe::due(lang, d)
            );
            lines.push(Line::styled(clean(&text), theme::WARN));
        }
        self.draw_detail(frame, inner, lines, expanded);
    }
}
